import { sha256Hex } from '../../officials/crypto';
import {
  CHAT_PAGE_MAX,
  CHAT_SYNC_MAX,
  type ChatMessage,
  chatError,
  type SendInput,
} from '../types';
import type { MessageContent } from './codec';
import { background, type RoomContext } from './context';
import { type ChatNotice, markNoticeRead, writeNotices } from './directory';
import { deleteAttachmentObjects } from './files';
import { roomChanged } from './housekeeping';
import { broadcast, onlineIds } from './sockets';
import type { MemberRow, MessageRow } from './store';

// Messages: sending (idempotent per sender and client id), deleting for everyone, history,
// catch-up after a reconnect, receipts and the offline notifications they clear.

function views(rc: RoomContext, rows: MessageRow[]): Promise<ChatMessage[]> {
  return rc.codec.views(rows, (id) => rc.store.messageById(id));
}

/** Retries are recognised by this hash, so the client id itself is never stored in clear. */
function clientKey(senderId: string, clientId: string): Promise<string> {
  return sha256Hex(`${senderId}\n${clientId}`);
}

export interface Posted {
  message: ChatMessage;
  /** False when the same (sender, client id) was already stored: nothing was sent again. */
  created: boolean;
}

export async function postMessage(
  rc: RoomContext,
  sender: MemberRow,
  input: SendInput,
): Promise<Posted> {
  const key = await clientKey(sender.officialId, input.clientId);
  const existing = rc.store.messageByClientKey(key);
  if (existing) return { message: (await views(rc, [existing]))[0] as ChatMessage, created: false };

  let replyTo: MessageContent['replyTo'] = null;
  if (input.replyTo !== undefined) {
    const target = rc.store.messageById(input.replyTo);
    if (!target) throw chatError('invalid', 'Tin nhắn được trả lời không còn tồn tại.');
    const content = await rc.codec.openMessage(target);
    replyTo = { id: target.id, senderName: content.senderName };
  }

  let attachment: MessageContent['attachment'] = null;
  if (input.attachmentId !== undefined) {
    const row = rc.store.attachment(input.attachmentId);
    if (!row || row.uploaderId !== sender.officialId || row.messageId !== null) {
      throw chatError('invalid', 'Tệp đính kèm không tồn tại hoặc đã được gửi.');
    }
    const meta = await rc.codec.openAttachmentMeta(row.id, row.keyVersion, row.meta);
    if (input.kind === 'image' && !meta.contentType.startsWith('image/')) {
      throw chatError('invalid', 'Tệp đính kèm không phải là hình ảnh.');
    }
    attachment = { id: row.id, name: meta.name, contentType: meta.contentType, bytes: row.bytes };
  }

  const id = crypto.randomUUID();
  const createdAt = new Date().toISOString();
  const { keyVersion, body } = await rc.codec.sealMessage(id, {
    clientId: input.clientId,
    senderName: sender.name,
    text: input.text ?? null,
    replyTo,
    attachment,
  });

  // From here to the end of the transaction nothing awaits: no other event can slip in
  // between the checks and the writes.
  const online = onlineIds(rc.state);
  const outcome = rc.store.transaction(
    ():
      | { kind: 'duplicate'; row: MessageRow }
      | { kind: 'stored'; row: MessageRow; notices: ChatNotice[] } => {
      const raced = rc.store.messageByClientKey(key);
      if (raced) return { kind: 'duplicate', row: raced };
      if (attachment && !rc.store.claimAttachment(attachment.id, sender.officialId, id)) {
        throw chatError('invalid', 'Tệp đính kèm không tồn tại hoặc đã được gửi.');
      }
      const seq = rc.store.insertMessage({
        id,
        senderId: sender.officialId,
        kind: input.kind,
        createdAt,
        keyVersion,
        clientKey: key,
        body,
      });
      // The sender has read what they wrote.
      rc.store.advanceReceipt(sender.officialId, 'read', seq);
      // One notification per room for a member away from the chat, until they read it.
      const notices: ChatNotice[] = [];
      for (const m of rc.store.members()) {
        if (m.officialId === sender.officialId || online.has(m.officialId)) continue;
        if (m.notifiedSeq !== null) continue;
        rc.store.setNotifiedSeq(m.officialId, seq);
        notices.push({ officialId: m.officialId, seq });
      }
      return {
        kind: 'stored',
        row: {
          id,
          seq,
          senderId: sender.officialId,
          kind: input.kind,
          createdAt,
          keyVersion,
          body,
        },
        notices,
      };
    },
  );
  const [message] = (await views(rc, [outcome.row])) as [ChatMessage];
  if (outcome.kind === 'duplicate') return { message, created: false };

  broadcast(rc.state, { type: 'message', message });
  if (outcome.notices.length > 0) {
    const title = rc.store.getMeta('room_title') || null;
    background(rc, 'notify', () =>
      writeNotices(rc.env, rc.roomId, sender.name, title, outcome.notices, createdAt),
    );
  }
  await roomChanged(rc);
  return { message, created: true };
}

/**
 * Deletes a message for everyone: its row and its files, for good. Only its sender may; an
 * id already gone answers `deleted: false` (a retried delete is not an error).
 */
export async function deleteMessage(
  rc: RoomContext,
  officialId: string,
  messageId: string,
): Promise<{ deleted: boolean }> {
  const row = rc.store.messageById(messageId);
  if (!row) return { deleted: false };
  if (row.senderId !== officialId) throw chatError('not_sender');
  const files = rc.store.attachmentsOf(messageId);
  // Files first: if R2 fails nothing is deleted and the sender can try again.
  await deleteAttachmentObjects(rc, files);
  const deleted = rc.store.transaction(() => {
    if (!rc.store.messageById(messageId)) return false;
    rc.store.deleteMessage(messageId);
    for (const file of files) rc.store.deleteAttachment(file);
    return true;
  });
  if (!deleted) return { deleted: false };
  broadcast(rc.state, { type: 'deleted', id: messageId });
  await roomChanged(rc);
  return { deleted: true };
}

export async function history(
  rc: RoomContext,
  opts: { before?: number; limit: number },
): Promise<{ messages: ChatMessage[]; hasMore: boolean }> {
  const limit = Math.max(1, Math.min(CHAT_PAGE_MAX, Math.floor(opts.limit)));
  const rows = rc.store.messagesBefore(opts.before, limit + 1);
  return { messages: await views(rc, rows.slice(0, limit)), hasMore: rows.length > limit };
}

/** Catch-up after a reconnect: every message after `after`, oldest first, at most 200. */
export async function messagesAfter(
  rc: RoomContext,
  after: number,
): Promise<{ messages: ChatMessage[]; hasMore: boolean }> {
  const rows = rc.store.messagesAfter(after, CHAT_SYNC_MAX + 1);
  return {
    messages: await views(rc, rows.slice(0, CHAT_SYNC_MAX)),
    hasMore: rows.length > CHAT_SYNC_MAX,
  };
}

export async function summary(
  rc: RoomContext,
  member: MemberRow,
): Promise<{ lastMessage: ChatMessage | null; unread: number; lastSeq: number }> {
  const last = rc.store.lastMessage();
  return {
    lastMessage: last ? ((await views(rc, [last]))[0] ?? null) : null,
    unread: rc.store.unreadCount(member.officialId, member.readUpTo),
    lastSeq: rc.store.lastSeq(),
  };
}

/**
 * Moves a member's delivered/read pointer forward (never past the last message) and tells the
 * room. Reading past the pending notification's message marks it read in libSQL too.
 */
export function receipt(
  rc: RoomContext,
  member: MemberRow,
  kind: 'read' | 'delivered',
  upTo: number,
): void {
  const target = Math.min(Math.floor(upTo), rc.store.lastSeq());
  if (target <= 0) return;
  const { moved, cleared } = rc.store.transaction(() => {
    const changed = rc.store.advanceReceipt(member.officialId, kind, target);
    const pending = rc.store.member(member.officialId)?.notifiedSeq ?? null;
    if (kind !== 'read' || pending === null || target < pending) {
      return { moved: changed, cleared: null };
    }
    rc.store.setNotifiedSeq(member.officialId, null);
    return { moved: changed, cleared: pending };
  });
  if (cleared !== null) {
    const notice = { officialId: member.officialId, seq: cleared };
    const now = new Date().toISOString();
    background(rc, 'notice-read', () => markNoticeRead(rc.env, rc.roomId, notice, now));
  }
  if (moved) {
    broadcast(rc.state, { type: 'receipt', officialId: member.officialId, kind, upTo: target });
  }
}
