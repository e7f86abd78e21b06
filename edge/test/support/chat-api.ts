import type { ChatMessage, ServerFrame } from '../../src/chat/types';
import { call } from '../helpers';

// The chat's REST API in tests (test/chat-api*.test.ts): JSON calls as an official, rooms,
// messages, uploads, and a WebSocket client through the real upgrade path.

export type Headers = Record<string, string>;

export const CHAT = '/api/v1/chat';

export function chatCall(
  path: string,
  headers: Headers,
  init: { method?: string; json?: unknown; body?: BodyInit; extra?: Headers } = {},
): Promise<Response> {
  return call(`${CHAT}${path}`, {
    method: init.method ?? (init.json !== undefined || init.body !== undefined ? 'POST' : 'GET'),
    headers: {
      ...headers,
      ...(init.json !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...init.extra,
    },
    ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
}

export async function ok<T>(res: Response | Promise<Response>, status = 200): Promise<T> {
  const r = await res;
  const text = await r.text();
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${text}`);
  return JSON.parse(text) as T;
}

export interface RoomDetail {
  id: string;
  kind: 'direct' | 'agency' | 'group';
  title: string;
  agencyId: string | null;
  myRole: 'owner' | 'member';
  members: { id: string; fullName: string; agencyName: string; role: 'owner' | 'member' }[];
}

export async function createGroup(
  owner: Headers,
  memberIds: string[],
  title = `Nhóm thử nghiệm ${crypto.randomUUID().slice(0, 6)}`,
): Promise<RoomDetail> {
  const body = await ok<{ room: RoomDetail }>(
    chatCall('/rooms', owner, { json: { kind: 'group', title, memberIds } }),
    201,
  );
  return body.room;
}

export function sendText(who: Headers, roomId: string, text: string): Promise<ChatMessage> {
  return ok<ChatMessage>(
    chatCall(`/rooms/${roomId}/messages`, who, {
      json: { clientId: crypto.randomUUID(), kind: 'text', text },
    }),
    201,
  );
}

export function upload(
  who: Headers,
  roomId: string,
  bytes: Uint8Array,
  contentType: string,
  name: string,
): Promise<Response> {
  return chatCall(`/rooms/${roomId}/attachments`, who, {
    body: bytes,
    extra: { 'Content-Type': contentType, 'X-File-Name': encodeURIComponent(name) },
  });
}

export async function uploadOk(
  who: Headers,
  roomId: string,
  bytes: Uint8Array,
  contentType: string,
  name: string,
) {
  return ok<{ id: string; name: string; contentType: string; bytes: number }>(
    upload(who, roomId, bytes, contentType, name),
    201,
  );
}

/** A PDF-looking file: plain bytes that are not an image. */
export const pdfBytes = (text = 'Biên bản họp') =>
  new TextEncoder().encode(`%PDF-1.4\n% ${text}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n`);

export interface TestSocket {
  ws: WebSocket;
  frames: ServerFrame[];
  /** The next frame of `type` (already received or still to come). */
  next<T extends ServerFrame['type']>(
    type: T,
    timeoutMs?: number,
  ): Promise<Extract<ServerFrame, { type: T }>>;
  closed: Promise<{ code: number; reason: string }>;
  send(frame: unknown): void;
}

/** A WebSocket to the room: a ticket from the REST route, then the real upgrade path. */
export async function openSocket(who: Headers, roomId: string): Promise<TestSocket> {
  const { url } = await ok<{ url: string }>(
    chatCall(`/rooms/${roomId}/ticket`, who, { method: 'POST' }),
  );
  const res = await call(url, { headers: { Upgrade: 'websocket' } });
  const ws = res.webSocket;
  if (res.status !== 101 || !ws) throw new Error(`upgrade ${res.status}: ${await res.text()}`);
  ws.accept();
  const frames: ServerFrame[] = [];
  const waiters: (() => void)[] = [];
  ws.addEventListener('message', (e) => {
    frames.push(JSON.parse(String(e.data)) as ServerFrame);
    for (const w of waiters.splice(0)) w();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.addEventListener('close', (e) => resolve({ code: e.code, reason: e.reason }));
  });
  // Per frame type, how many were already handed out.
  const seen = new Map<string, number>();
  const next = async <T extends ServerFrame['type']>(type: T, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const from = seen.get(type) ?? 0;
      const i = frames.findIndex((f, at) => at >= from && f.type === type);
      if (i >= 0) {
        seen.set(type, i + 1);
        return frames[i] as Extract<ServerFrame, { type: T }>;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no "${type}" frame within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  };
  return { ws, frames, next, closed, send: (frame) => ws.send(JSON.stringify(frame)) };
}

/** Resolves with the close event, or rejects after `ms`. */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: timed out`)), ms)),
  ]);
}
