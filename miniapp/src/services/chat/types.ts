// Shapes of the officials' chat (issue 7) as the screens use them. The WebSocket frames and
// the message come from the Worker's own contract (edge/src/chat/types.ts) and the REST
// answers are inferred from its zod schemas (edge/src/chat/schemas.ts), type-only: nothing of
// the Worker reaches the bundle, and a change there fails `tsc -p miniapp` and
// `tsc -p edge/admin` instead of a screen. The web admin imports this folder too (like its
// photo upload reuses the mini app's upload loop): one client, one set of tests.

import type {
  CreatedRoomSchema,
  DirectorySchema,
  RoomDetailSchema,
  RoomListItemSchema,
  RoomListSchema,
  RoomMemberSchema,
  TicketSchema,
} from '../../../../edge/src/chat/schemas';
import type {
  AttachmentRef,
  CallMedia,
  CallSignalData,
  ChatMemberRole,
  ChatMemberView,
  ChatMessage,
  ChatMessageKind,
  ClientFrame,
  SendInput,
  ServerFrame,
} from '../../../../edge/src/chat/types';

export type {
  AttachmentRef,
  CallMedia,
  CallSignalData,
  ChatMemberRole,
  ChatMemberView,
  ChatMessage,
  ChatMessageKind,
  ClientFrame,
  SendInput,
  ServerFrame,
};

/** What a zod schema parses to (zod is the Worker's dependency, not the mini app's). */
type Output<S> = S extends { _zod: { output: infer O } } ? O : never;

export type RoomList = Output<typeof RoomListSchema>;
export type RoomListItem = Output<typeof RoomListItemSchema>;
export type RoomKind = RoomListItem['kind'];
export type RoomDetail = Output<typeof RoomDetailSchema>;
export type RoomMember = Output<typeof RoomMemberSchema>;
export type DirectoryPage = Output<typeof DirectorySchema>;
export type DirectoryEntry = DirectoryPage['officials'][number];
export type CreatedRoom = Output<typeof CreatedRoomSchema>;
export type Ticket = Output<typeof TicketSchema>;
export type ChatConfig = { iceServers: RTCIceServer[]; maxFileBytes: number };

export type CreateRoomInput =
  | { kind: 'direct'; officialId: string }
  | { kind: 'group'; title: string; memberIds: string[]; clientId?: string }
  | { kind: 'agency'; agencyId: string };

/** A failed request as the core sees it: the API's status, stable code and message. */
export class ChatRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ChatRequestError';
  }
}

/** Status and code of anything a request threw (the admin's ApiError has the same fields). */
export function failureOf(error: unknown): { status: number; code: string; message: string } {
  if (typeof error === 'object' && error !== null) {
    const e = error as { status?: unknown; code?: unknown; message?: unknown };
    return {
      status: typeof e.status === 'number' ? e.status : 0,
      code: typeof e.code === 'string' ? e.code : 'network',
      message: typeof e.message === 'string' ? e.message : String(error),
    };
  }
  return { status: 0, code: 'network', message: String(error) };
}

/** Upload progress of one attachment, bytes. */
export type Progress = { sent: number; total: number };

/**
 * The API of the chat as each app reaches it: the admin with its session cookie and CSRF
 * header, the mini app with the official's bearer token. Every method throws a
 * ChatRequestError-like value ({ status, code, message }) on failure.
 */
export interface ChatApi {
  listRooms(cursor?: string): Promise<RoomList>;
  createRoom(input: CreateRoomInput): Promise<CreatedRoom>;
  room(roomId: string): Promise<RoomDetail>;
  history(
    roomId: string,
    opts: { before?: number; limit: number },
  ): Promise<{ messages: ChatMessage[]; hasMore: boolean }>;
  sendMessage(roomId: string, input: SendInput): Promise<ChatMessage>;
  deleteMessage(roomId: string, messageId: string): Promise<void>;
  ticket(roomId: string): Promise<Ticket>;
  config(): Promise<ChatConfig>;
  directory(q: string, cursor?: string): Promise<DirectoryPage>;
  addMembers(roomId: string, officialIds: string[]): Promise<void>;
  removeMember(roomId: string, officialId: string): Promise<void>;
  upload(
    roomId: string,
    file: Blob & { name?: string },
    onProgress: (progress: Progress) => void,
    signal?: AbortSignal,
  ): Promise<AttachmentRef>;
  /** ws(s):// address for the ticket's path. */
  socketUrl(path: string): string;
}
