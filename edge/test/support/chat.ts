import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { chatMembers, chatRooms } from '@tinh/db/schema';
import { and, eq } from 'drizzle-orm';
import type { ChatRoom } from '../../src/chat/room/chat-room';
import { type ChatRoomStub, chatRoomStub } from '../../src/chat/room/stub';
import { issueTicket } from '../../src/chat/tickets';
import type { ClientFrame, ServerFrame, ServerFrameType } from '../../src/chat/types';
import { call } from '../helpers';
import { createOfficial, db, type TestOfficial } from './officials';

// The chat room's tests: rooms and members written straight into libSQL (the REST routes are
// tested on their own), tickets issued like the ticket route does, and WebSocket clients
// opened through the real Worker entry (worker.ts → upgrade.ts → the room's Durable Object).

export type Frame<T extends ServerFrameType> = Extract<ServerFrame, { type: T }>;

export async function createRoom(opts: {
  owner: TestOfficial;
  members?: TestOfficial[];
  kind?: 'direct' | 'group' | 'agency';
  title?: string | null;
}): Promise<string> {
  const roomId = `r${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}`;
  const d = db();
  const now = new Date().toISOString();
  await d.batch([
    d.insert(chatRooms).values({
      id: roomId,
      kind: opts.kind ?? 'group',
      title: opts.title === undefined ? `Nhóm thử ${roomId.slice(1, 6)}` : opts.title,
      createdBy: opts.owner.id,
      createdAt: now,
      updatedAt: now,
    }),
    d
      .insert(chatMembers)
      .values({ roomId, officialId: opts.owner.id, role: 'owner', createdAt: now }),
    ...(opts.members ?? []).map((m) =>
      d.insert(chatMembers).values({ roomId, officialId: m.id, role: 'member', createdAt: now }),
    ),
  ]);
  return roomId;
}

type Officials<N extends 1 | 2 | 3> = N extends 1
  ? [TestOfficial]
  : N extends 2
    ? [TestOfficial, TestOfficial]
    : [TestOfficial, TestOfficial, TestOfficial];

/** A room with `n` officials (the first owner). */
export async function roomWith<N extends 1 | 2 | 3>(
  n: N,
  title?: string | null,
): Promise<{ roomId: string; officials: Officials<N> }> {
  const officials = await Promise.all(Array.from({ length: n }, () => createOfficial()));
  const [owner, ...members] = officials as [TestOfficial, ...TestOfficial[]];
  const roomId = await createRoom({ owner, members, ...(title !== undefined ? { title } : {}) });
  return { roomId, officials: officials as Officials<N> };
}

/** A string's UTF-8 bytes in an ArrayBuffer of their own (what the RPC takes). */
export function textBytes(text: string): ArrayBuffer {
  const encoded = new TextEncoder().encode(text);
  const out = new ArrayBuffer(encoded.length);
  new Uint8Array(out).set(encoded);
  return out;
}

export async function removeMember(roomId: string, officialId: string): Promise<void> {
  await db()
    .delete(chatMembers)
    .where(and(eq(chatMembers.roomId, roomId), eq(chatMembers.officialId, officialId)));
}

export async function addMember(roomId: string, officialId: string): Promise<void> {
  await db().insert(chatMembers).values({ roomId, officialId, role: 'member' });
}

export const roomStub = (roomId: string): ChatRoomStub => chatRoomStub(env, roomId);

/** The object's own stub type, for runInDurableObject. */
export const rawStub = (roomId: string) =>
  env.CHAT_ROOMS.get(env.CHAT_ROOMS.idFromName(roomId)) as DurableObjectStub<ChatRoom>;

/** Reads the room's SQLite storage as the object sees it. */
export function roomSql<T>(roomId: string, read: (sql: SqlStorage) => T): Promise<T> {
  return runInDurableObject(rawStub(roomId), (_instance, state) => read(state.storage.sql));
}

export async function ticketFor(roomId: string, official: TestOfficial, now?: number) {
  return (
    await issueTicket(
      env,
      { roomId, officialId: official.id, name: official.fullName },
      now ?? Date.now(),
    )
  ).ticket;
}

export function wsUrl(roomId: string, ticket: string): string {
  return `/api/v1/chat/rooms/${roomId}/ws?ticket=${encodeURIComponent(ticket)}`;
}

/** Opens the upgrade request; the answer is either a 101 with a WebSocket or a JSON error. */
export function upgrade(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return call(path, { headers: { Upgrade: 'websocket', ...headers } });
}

/**
 * One WebSocket client: every frame it receives is queued, and `next(type)` waits for the
 * next frame of that type (frames of other types stay queued for later calls).
 */
export class ChatClient {
  private readonly frames: ServerFrame[] = [];
  private waiters: { test: (f: ServerFrame) => boolean; resolve: (f: ServerFrame) => void }[] = [];
  closeEvent: { code: number; reason: string } | null = null;
  /** Text frames that are not JSON. */
  readonly raw: string[] = [];
  private closeWaiters: ((e: { code: number; reason: string }) => void)[] = [];

  constructor(
    readonly ws: WebSocket,
    readonly official: TestOfficial,
  ) {
    ws.addEventListener('message', (event) => {
      const text = String(event.data);
      // The runtime's own keep-alive answer ("ping" → "pong") is not JSON.
      if (!text.startsWith('{')) {
        this.raw.push(text);
        return;
      }
      const frame = JSON.parse(text) as ServerFrame;
      const i = this.waiters.findIndex((w) => w.test(frame));
      if (i >= 0) {
        const [waiter] = this.waiters.splice(i, 1);
        waiter?.resolve(frame);
      } else {
        this.frames.push(frame);
      }
    });
    ws.addEventListener('close', (event) => {
      this.closeEvent = { code: event.code, reason: event.reason };
      for (const resolve of this.closeWaiters.splice(0)) resolve(this.closeEvent);
    });
  }

  send(frame: ClientFrame | Record<string, unknown>): void {
    this.ws.send(JSON.stringify(frame));
  }

  sendRaw(text: string): void {
    this.ws.send(text);
  }

  /** The next frame of `type` (and matching `where`), within `timeoutMs`. */
  next<T extends ServerFrameType>(
    type: T,
    where: (f: Frame<T>) => boolean = () => true,
    timeoutMs = 5_000,
  ): Promise<Frame<T>> {
    const test = (f: ServerFrame) => f.type === type && where(f as Frame<T>);
    const queued = this.frames.findIndex(test);
    if (queued >= 0) return Promise.resolve(this.frames.splice(queued, 1)[0] as Frame<T>);
    return new Promise((resolve, reject) => {
      const waiter = { test, resolve: (f: ServerFrame) => resolve(f as Frame<T>) };
      this.waiters.push(waiter);
      setTimeout(() => {
        if (!this.waiters.includes(waiter)) return;
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no '${type}' frame within ${timeoutMs} ms for ${this.official.id}`));
      }, timeoutMs);
    });
  }

  /** Resolves true if no frame of `type` arrives within `ms` (and leaves none queued). */
  async nothing(type: ServerFrameType, ms = 300): Promise<boolean> {
    try {
      await this.next(type, () => true, ms);
      return false;
    } catch {
      return true;
    }
  }

  /** Frames of `type` received and not consumed yet. */
  queued<T extends ServerFrameType>(type: T): Frame<T>[] {
    return this.frames.filter((f) => f.type === type) as Frame<T>[];
  }

  closed(timeoutMs = 5_000): Promise<{ code: number; reason: string }> {
    if (this.closeEvent) return Promise.resolve(this.closeEvent);
    return new Promise((resolve, reject) => {
      this.closeWaiters.push(resolve);
      setTimeout(() => reject(new Error('socket not closed in time')), timeoutMs);
    });
  }

  close(): void {
    try {
      this.ws.close(1000, 'bye');
    } catch {
      // Already closed.
    }
  }
}

/** Connects `official` to the room and waits for its `ready` frame. */
export async function connect(roomId: string, official: TestOfficial) {
  const res = await upgrade(wsUrl(roomId, await ticketFor(roomId, official)));
  const ws = res.webSocket;
  if (res.status !== 101 || !ws) {
    throw new Error(`upgrade answered ${res.status}: ${await res.text()}`);
  }
  ws.accept();
  const client = new ChatClient(ws, official);
  const ready = await client.next('ready');
  return { client, ready };
}

/** Sends a text message and waits until the sender's socket sees it stored. */
export async function say(client: ChatClient, text: string, extra: Record<string, unknown> = {}) {
  const clientId = crypto.randomUUID();
  client.send({ type: 'send', clientId, kind: 'text', text, ...extra });
  const frame = await client.next('message', (f) => f.message.clientId === clientId);
  return frame.message;
}

/** The message of an RPC's rejection (null if it resolved), for `expect(…).toBe('chat:…')`. */
export async function rpcError(promise: Promise<unknown>): Promise<string | null> {
  try {
    await promise;
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** Polls `read` until it returns a value that is not null/undefined/false. */
export async function eventually<T>(
  read: () => Promise<T | null | undefined | false>,
  timeoutMs = 5_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** All of a table's rows as text, to search for plaintext. */
export function dumpTables(sql: SqlStorage): string {
  const tables = sql
    .exec("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '_cf_%'")
    .toArray()
    .map((r) => String(r.name));
  const decoder = new TextDecoder('utf-8');
  const parts: string[] = [];
  for (const table of tables) {
    if (table.startsWith('sqlite_')) continue;
    for (const row of sql.exec(`SELECT * FROM "${table}"`).toArray()) {
      for (const value of Object.values(row)) {
        parts.push(
          value instanceof ArrayBuffer ? decoder.decode(new Uint8Array(value)) : String(value),
        );
      }
    }
  }
  return parts.join('\n');
}
