import { openBytes, openJson, sealBytes, sealJson } from '../keys';
import { type AttachmentRef, attachmentUrl, type ChatMessage } from '../types';
import type { RoomKey } from './room-key';
import type { MessageRow } from './store';

// Sealing and opening what a room stores. The additional data binds each ciphertext to its
// room and its row id: a sealed body copied onto another message or room does not open.

/** A message's content: the only place its text, reply and file name ever are. */
export interface MessageContent {
  clientId: string;
  senderName: string;
  text: string | null;
  replyTo: { id: string; senderName: string } | null;
  attachment: AttachmentRef | null;
}

/** An attachment's name and type, sealed in its row. */
export interface AttachmentMeta {
  name: string;
  contentType: string;
}

const EXCERPT_CHARS = 120;

export const messageAad = (roomId: string, id: string) => `tinh-chat-message:v1:${roomId}:${id}`;
const attachmentMetaAad = (roomId: string, id: string) =>
  `tinh-chat-attachment-meta:v1:${roomId}:${id}`;
const attachmentBytesAad = (roomId: string, id: string) =>
  `tinh-chat-attachment:v1:${roomId}:${id}`;

export class RoomCodec {
  constructor(
    private readonly roomId: string,
    private readonly key: RoomKey,
  ) {}

  async sealMessage(id: string, content: MessageContent) {
    const { version, key } = await this.key.current(this.roomId);
    return { keyVersion: version, body: await sealJson(key, content, messageAad(this.roomId, id)) };
  }

  async openMessage(row: Pick<MessageRow, 'id' | 'keyVersion' | 'body'>): Promise<MessageContent> {
    const key = await this.key.forVersion(this.roomId, row.keyVersion);
    return (await openJson(key, row.body, messageAad(this.roomId, row.id))) as MessageContent;
  }

  async sealAttachmentMeta(id: string, meta: AttachmentMeta) {
    const { version, key } = await this.key.current(this.roomId);
    return {
      keyVersion: version,
      meta: await sealJson(key, meta, attachmentMetaAad(this.roomId, id)),
    };
  }

  async openAttachmentMeta(
    id: string,
    keyVersion: number,
    sealed: Uint8Array,
  ): Promise<AttachmentMeta> {
    const key = await this.key.forVersion(this.roomId, keyVersion);
    return (await openJson(key, sealed, attachmentMetaAad(this.roomId, id))) as AttachmentMeta;
  }

  async sealAttachmentBytes(id: string, bytes: Uint8Array) {
    const { key } = await this.key.current(this.roomId);
    return sealBytes(key, bytes, attachmentBytesAad(this.roomId, id));
  }

  async openAttachmentBytes(id: string, keyVersion: number, sealed: Uint8Array) {
    const key = await this.key.forVersion(this.roomId, keyVersion);
    return openBytes(key, sealed, attachmentBytesAad(this.roomId, id));
  }

  /**
   * Messages as the API shows them. `lookup` finds a replied-to message still stored (null
   * when it was deleted: the reply keeps who was answered, loses the excerpt).
   */
  async views(
    rows: MessageRow[],
    lookup: (id: string) => MessageRow | null,
  ): Promise<ChatMessage[]> {
    const opened = new Map<string, Promise<MessageContent>>();
    const open = (row: MessageRow) => {
      let content = opened.get(row.id);
      if (!content) {
        content = this.openMessage(row);
        opened.set(row.id, content);
      }
      return content;
    };
    return Promise.all(
      rows.map(async (row): Promise<ChatMessage> => {
        const content = await open(row);
        let replyTo: ChatMessage['replyTo'] = null;
        if (content.replyTo) {
          const target = lookup(content.replyTo.id);
          const excerpt = target ? excerptOf(await open(target)) : null;
          replyTo = { id: content.replyTo.id, senderName: content.replyTo.senderName, excerpt };
        }
        return {
          id: row.id,
          seq: row.seq,
          roomId: this.roomId,
          senderId: row.senderId,
          senderName: content.senderName,
          kind: row.kind,
          text: content.text,
          replyTo,
          attachment: content.attachment
            ? { ...content.attachment, url: attachmentUrl(this.roomId, content.attachment.id) }
            : null,
          createdAt: row.createdAt,
          clientId: content.clientId,
        };
      }),
    );
  }
}

export function excerptOf(content: MessageContent): string | null {
  const text = content.text ?? content.attachment?.name ?? null;
  if (text === null) return null;
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS - 1)}…` : flat;
}
