import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../../platform/env';
import { createLogger, describeError } from '../../platform/logger';
import {
  type AttachmentRef,
  type ChatMessage,
  type ChatRoomRpc,
  chatError,
  type SendInput,
} from '../types';
import { readAttachment, storeAttachment } from './attachments';
import { leaveCall } from './calls';
import { RoomCodec } from './codec';
import { CONNECT_HEADERS, connect } from './connect';
import type { RoomContext } from './context';
import { handleFrame } from './frames';
import { runHousekeeping } from './housekeeping';
import { requireMember, syncMembers } from './members';
import * as messages from './messages';
import { parseSendInput } from './protocol';
import { RoomKey } from './room-key';
import { broadcast, openSockets, sendError, socketInfo } from './sockets';
import { RoomStore } from './store';

// One chat room (issue 7): its members' WebSockets (Hibernation API) and its encrypted
// messages in the object's own SQLite storage. The instance holds nothing that matters in
// memory: the room id, members, receipts, calls and keys are in storage, each socket's
// identity in its serialized attachment; the data key and the context object are caches
// rebuilt after the object wakes from hibernation.

/** Room ids as the REST routes create them. */
const ROOM_ID = /^[A-Za-z0-9_-]{1,64}$/;

export class ChatRoom extends DurableObject<Env> implements ChatRoomRpc {
  private readonly store: RoomStore;
  private readonly key: RoomKey;
  private context: RoomContext | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new RoomStore(ctx.storage);
    this.key = new RoomKey(ctx, this.store, env);
    // Keep-alive pings are answered by the runtime without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
  }

  /**
   * The room this object is. It learns its id from the first call (the Worker addresses it
   * by idFromName(roomId)) and refuses any other id afterwards.
   */
  private room(roomId?: string): RoomContext {
    const stored = this.store.getMeta('room_id');
    if (roomId !== undefined) {
      const named = this.ctx.id.name;
      if (!ROOM_ID.test(roomId) || (named !== undefined && named !== roomId)) {
        throw chatError('invalid', 'Mã cuộc trò chuyện không hợp lệ.');
      }
      if (stored === null) this.store.setMeta('room_id', roomId);
      else if (stored !== roomId) throw chatError('invalid', 'Mã cuộc trò chuyện không hợp lệ.');
    } else if (stored === null) {
      throw chatError('invalid', 'Cuộc trò chuyện chưa được khởi tạo.');
    }
    const id = roomId ?? (stored as string);
    this.context ??= {
      state: this.ctx,
      env: this.env,
      store: this.store,
      roomId: id,
      codec: new RoomCodec(id, this.key),
    };
    return this.context;
  }

  // ---- WebSockets -------------------------------------------------------------------------

  override async fetch(request: Request): Promise<Response> {
    const roomId = request.headers.get(CONNECT_HEADERS.room) ?? '';
    let rc: RoomContext;
    try {
      rc = this.room(roomId);
    } catch {
      return Response.json(
        { error: { code: 'bad_request', message: 'Yêu cầu không hợp lệ.' } },
        { status: 400 },
      );
    }
    return connect(rc, request);
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    try {
      await handleFrame(this.room(), ws, message);
    } catch (err) {
      // Identifiers only in the log; the socket stays open.
      this.log().error('chat frame failed', { error: describeError(err) });
      sendError(ws, 'invalid', 'Không xử lý được yêu cầu. Vui lòng thử lại.');
    }
  }

  override async webSocketClose(ws: WebSocket, code: number, _reason: string): Promise<void> {
    this.socketGone(ws);
    try {
      // Completes the closing handshake where the runtime does not do it by itself.
      ws.close(code === 1005 || code === 1006 ? 1000 : code, 'closed');
    } catch {
      // Already closed.
    }
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    this.socketGone(ws);
  }

  /** A socket went away: out of its call, and offline if it was the official's last one. */
  private socketGone(ws: WebSocket): void {
    const info = socketInfo(ws);
    if (!info || this.store.getMeta('room_id') === null) return;
    const rc = this.room();
    leaveCall(rc, ws, info, true);
    const stillOnline = openSockets(this.ctx, info.officialId).some((other) => other !== ws);
    if (!stillOnline) {
      broadcast(this.ctx, { type: 'presence', officialId: info.officialId, online: false }, ws);
    }
  }

  // ---- alarm ------------------------------------------------------------------------------

  override async alarm(): Promise<void> {
    if (this.store.getMeta('room_id') === null) return;
    await runHousekeeping(this.room());
  }

  // ---- RPC (types.ts ChatRoomRpc) ---------------------------------------------------------

  async syncMembers(roomId: string): Promise<{ members: number; disconnected: number }> {
    return syncMembers(this.room(roomId));
  }

  async history(
    roomId: string,
    officialId: string,
    opts: { before?: number; limit: number },
  ): Promise<{ messages: ChatMessage[]; hasMore: boolean }> {
    const rc = this.room(roomId);
    await requireMember(rc, officialId);
    return messages.history(rc, opts);
  }

  async summary(
    roomId: string,
    officialId: string,
  ): Promise<{ lastMessage: ChatMessage | null; unread: number; lastSeq: number }> {
    const rc = this.room(roomId);
    return messages.summary(rc, await requireMember(rc, officialId));
  }

  async postMessage(roomId: string, officialId: string, input: SendInput): Promise<ChatMessage> {
    const rc = this.room(roomId);
    const member = await requireMember(rc, officialId);
    const parsed = parseSendInput(input);
    if (!parsed.ok) throw chatError('invalid', parsed.message);
    return (await messages.postMessage(rc, member, parsed.input)).message;
  }

  async deleteMessage(
    roomId: string,
    officialId: string,
    messageId: string,
  ): Promise<{ deleted: boolean }> {
    const rc = this.room(roomId);
    await requireMember(rc, officialId);
    return messages.deleteMessage(rc, officialId, messageId);
  }

  async markRead(roomId: string, officialId: string, upTo: number): Promise<void> {
    const rc = this.room(roomId);
    const member = await requireMember(rc, officialId);
    if (!Number.isFinite(upTo)) throw chatError('invalid');
    messages.receipt(rc, member, 'read', upTo);
  }

  async storeAttachment(
    roomId: string,
    officialId: string,
    file: { name: string; contentType: string; bytes: ArrayBuffer },
  ): Promise<AttachmentRef> {
    const rc = this.room(roomId);
    await requireMember(rc, officialId);
    return storeAttachment(rc, officialId, file);
  }

  async readAttachment(
    roomId: string,
    officialId: string,
    attachmentId: string,
  ): Promise<{ name: string; contentType: string; bytes: ArrayBuffer } | null> {
    const rc = this.room(roomId);
    await requireMember(rc, officialId);
    return readAttachment(rc, officialId, attachmentId);
  }

  async rotateKey(roomId: string): Promise<{ rewrapped: boolean; keyId: string }> {
    this.room(roomId);
    return this.key.rotate(roomId);
  }

  private log() {
    return createLogger(this.env.LOG_LEVEL, {
      component: 'chat-room',
      roomId: this.store.getMeta('room_id'),
    });
  }
}
