// The officials' chat contract (issue 7), shared by the ChatRoom Durable Object (room/), the
// REST routes (routes.ts) and the screens (admin and mini app): messages as the API shows them,
// the RPC surface of the Durable Object, and the WebSocket frames.

export const CHAT_MESSAGE_KINDS = ['text', 'image', 'file'] as const;
export type ChatMessageKind = (typeof CHAT_MESSAGE_KINDS)[number];

/** Longest text of one message, characters. */
export const CHAT_TEXT_MAX = 4000;
/** Longest client id of a message (idempotency key chosen by the sender's app). */
export const CHAT_CLIENT_ID_MAX = 64;
/** Most messages one history page or one `sync` answer carries. */
export const CHAT_PAGE_MAX = 100;
export const CHAT_SYNC_MAX = 200;

/** What a sender submits (WebSocket `send` frame or POST /rooms/{id}/messages). */
export type SendInput = {
  /** Chosen by the sender's app; a resend with the same id returns the stored message. */
  clientId: string;
  kind: ChatMessageKind;
  text?: string;
  /** Id of the message this one replies to (same room). */
  replyTo?: string;
  /** Kinds image and file: an attachment the sender uploaded to this room, not used yet. */
  attachmentId?: string;
};

export type AttachmentRef = { id: string; name: string; contentType: string; bytes: number };

export type ChatMessage = {
  id: string;
  seq: number;
  roomId: string;
  senderId: string;
  senderName: string;
  kind: ChatMessageKind;
  text: string | null;
  /** `excerpt` null when the replied message was deleted. */
  replyTo: { id: string; senderName: string; excerpt: string | null } | null;
  /** url = /api/v1/chat/rooms/<roomId>/attachments/<id> */
  attachment: (AttachmentRef & { url: string }) | null;
  createdAt: string;
  clientId: string | null;
};

export type ChatMemberRole = 'owner' | 'member';
export type ChatMemberView = { id: string; name: string; role: ChatMemberRole; online: boolean };

export type CallMedia = 'audio' | 'video';
export type CallSignalData =
  | { kind: 'offer' | 'answer'; sdp: string }
  | { kind: 'ice'; candidate: unknown };

/**
 * Public methods of the ChatRoom Durable Object, called through its stub
 * (`env.CHAT_ROOMS.get(env.CHAT_ROOMS.idFromName(roomId))`). The official id is the one the
 * Worker authenticated; the object checks membership itself. Failures are thrown as
 * `Error('chat:<ChatErrorCode>')` (see `chatErrorCode`).
 */
export interface ChatRoomRpc {
  /** Reloads the members from libSQL; closes removed members' sockets (4403) at once. */
  syncMembers(roomId: string): Promise<{ members: number; disconnected: number }>;
  /** Newest first, ending before seq `before` (omitted: the newest). */
  history(
    roomId: string,
    officialId: string,
    opts: { before?: number; limit: number },
  ): Promise<{ messages: ChatMessage[]; hasMore: boolean }>;
  summary(
    roomId: string,
    officialId: string,
  ): Promise<{ lastMessage: ChatMessage | null; unread: number; lastSeq: number }>;
  /** Idempotent on (officialId, clientId). */
  postMessage(roomId: string, officialId: string, input: SendInput): Promise<ChatMessage>;
  /** Sender only; removes the row and its attachment for good; broadcasts `deleted`. */
  deleteMessage(
    roomId: string,
    officialId: string,
    messageId: string,
  ): Promise<{ deleted: boolean }>;
  markRead(roomId: string, officialId: string, upTo: number): Promise<void>;
  /** Encrypts and stores in R2; deleted by the room's alarm if no message uses it within 24 h. */
  storeAttachment(
    roomId: string,
    officialId: string,
    file: { name: string; contentType: string; bytes: ArrayBuffer },
  ): Promise<AttachmentRef>;
  readAttachment(
    roomId: string,
    officialId: string,
    attachmentId: string,
  ): Promise<{ name: string; contentType: string; bytes: ArrayBuffer } | null>;
  /** Rewraps the room's data key with the current master key (the data key itself is kept). */
  rotateKey(roomId: string): Promise<{ rewrapped: boolean; keyId: string }>;
}

export const CHAT_ERROR_CODES = [
  'not_member',
  'not_sender',
  'not_found',
  'key_unavailable',
  'not_configured',
  'invalid',
] as const;
export type ChatErrorCode = (typeof CHAT_ERROR_CODES)[number];

/** Vietnamese sentences for each code (an `invalid` error usually carries its own detail). */
export const CHAT_ERROR_MESSAGES: Record<ChatErrorCode, string> = {
  not_member: 'Bạn không phải là thành viên của cuộc trò chuyện này.',
  not_sender: 'Chỉ người gửi mới xóa được tin nhắn này.',
  not_found: 'Không tìm thấy tin nhắn hoặc tệp.',
  key_unavailable:
    'Không mở được khóa mã hóa của cuộc trò chuyện này. Vui lòng liên hệ quản trị hệ thống.',
  not_configured:
    'Chức năng trò chuyện chưa được cấu hình khóa mã hóa. Vui lòng liên hệ quản trị hệ thống.',
  invalid: 'Dữ liệu gửi lên không hợp lệ.',
};

// Errors cross the RPC boundary as their message only: `chat:<code>` or
// `chat:<code>: <Vietnamese detail>`.
const CHAT_ERROR = /chat:([a-z_]+)(?:: (.+))?/s;

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : typeof err === 'string' ? err : '';
}

/** The `chat:<code>` of an error thrown by the Durable Object, or null for any other error. */
export function chatErrorCode(err: unknown): ChatErrorCode | null {
  const code = CHAT_ERROR.exec(errorText(err))?.[1];
  return (CHAT_ERROR_CODES as readonly string[]).includes(code ?? '')
    ? (code as ChatErrorCode)
    : null;
}

/** The Vietnamese sentence for a chat error: its own detail, else its code's. */
export function chatErrorMessage(err: unknown): string {
  const match = CHAT_ERROR.exec(errorText(err));
  const code = chatErrorCode(err);
  return match?.[2] ?? (code ? CHAT_ERROR_MESSAGES[code] : CHAT_ERROR_MESSAGES.invalid);
}

/** What the Durable Object throws: `chatError('invalid', 'Tin nhắn quá dài.')`. */
export function chatError(code: ChatErrorCode, detail?: string): Error {
  return new Error(detail ? `chat:${code}: ${detail}` : `chat:${code}`);
}

// ---- WebSocket frames (JSON text) ---------------------------------------------------------

export type ClientFrame =
  | ({ type: 'send' } & SendInput)
  | { type: 'read'; upTo: number }
  | { type: 'delivered'; upTo: number }
  | { type: 'typing'; active: boolean }
  | { type: 'delete'; id: string }
  | { type: 'sync'; after: number }
  | { type: 'ping' }
  | { type: 'call.start'; media: CallMedia }
  | { type: 'call.join'; callId: string }
  | { type: 'call.leave'; callId: string }
  | { type: 'call.signal'; callId: string; to: string; data: CallSignalData };

/** Codes of `error` frames: a refused frame; the socket stays open. */
export type ChatFrameErrorCode =
  | 'bad_frame'
  | 'not_in_call'
  | 'no_call'
  | 'call_in_progress'
  | ChatErrorCode;

export type ServerFrame =
  | {
      type: 'ready';
      roomId: string;
      me: string;
      lastSeq: number;
      readUpTo: number;
      members: ChatMemberView[];
      iceServers: unknown[];
      /** The call going on in the room, if any, so a (re)connecting member can join it. */
      call: { callId: string; media: CallMedia; by: string; participants: string[] } | null;
    }
  | { type: 'message'; message: ChatMessage }
  | { type: 'receipt'; officialId: string; kind: 'delivered' | 'read'; upTo: number }
  | { type: 'typing'; officialId: string; name: string; active: boolean }
  | { type: 'deleted'; id: string }
  | { type: 'presence'; officialId: string; online: boolean }
  | { type: 'members'; members: ChatMemberView[] }
  | { type: 'synced'; hasMore: boolean }
  | { type: 'pong' }
  | { type: 'call.started'; callId: string; by: string; media: CallMedia }
  | { type: 'call.joined'; callId: string; officialId: string }
  | { type: 'call.left'; callId: string; officialId: string }
  | { type: 'call.ended'; callId: string; durationSeconds: number }
  | { type: 'call.signal'; callId: string; from: string; data: CallSignalData }
  | { type: 'error'; code: ChatFrameErrorCode; message: string };

export type ServerFrameType = ServerFrame['type'];

/** WebSocket close codes of the chat. */
export const CHAT_CLOSE = {
  /** Bad or expired ticket (refused before the upgrade in practice). */
  badTicket: 4401,
  /** Not a member, or removed from the room. */
  notMember: 4403,
} as const;

/** The path of an attachment, as ChatMessage.attachment.url. */
export function attachmentUrl(roomId: string, attachmentId: string): string {
  return `/api/v1/chat/rooms/${encodeURIComponent(roomId)}/attachments/${encodeURIComponent(attachmentId)}`;
}

/** The WebSocket path of a room (the ticket goes in the query). */
export function wsPath(roomId: string): string {
  return `/api/v1/chat/rooms/${encodeURIComponent(roomId)}/ws`;
}
