import type { SocketLike, Timers } from './connection';
import type {
  AttachmentRef,
  ChatApi,
  ChatMessage,
  ClientFrame,
  RoomDetail,
  SendInput,
  ServerFrame,
} from './types';

// Test doubles of the chat's client tests: a clock whose timers run only when told, and a
// room server that follows the frame protocol of edge/src/chat/types.ts (idempotent sends on
// the client id, `sync` catch-up, receipts), so the client's reconnection and outbox logic can
// be driven through drops that a real network makes hard to reproduce on demand. The real
// server is exercised by the browser test (e2e/chat.ts).

export class FakeClock implements Timers {
  private time = 1_700_000_000_000;
  private next = 1;
  private readonly pending = new Map<number, { at: number; run: () => void }>();

  now = (): number => this.time;

  setTimeout = (run: () => void, ms: number): unknown => {
    const id = this.next++;
    this.pending.set(id, { at: this.time + ms, run });
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    this.pending.delete(handle as number);
  };

  /** Runs every timer due within `ms`, in order, letting promises settle between them. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await flush();
      const due = [...this.pending.entries()]
        .filter(([, t]) => t.at <= end)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.time = due[1].at;
      due[1].run();
    }
    this.time = end;
    await flush();
  }

  get timers(): number {
    return this.pending.size;
  }
}

export async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

export class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  closedByClient = false;

  constructor(
    readonly url: string,
    private readonly server?: FakeServer,
  ) {}

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('not open');
    this.sent.push(data);
    this.server?.receive(this, data);
  }

  close(): void {
    this.closedByClient = true;
    this.readyState = 3;
  }

  /** The server's side: opens the socket. */
  accept(): void {
    this.readyState = 1;
    this.onopen?.({});
  }

  deliver(frame: ServerFrame | string): void {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }

  /** The network or the server ends it. */
  drop(code = 1006, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }

  frames(): ClientFrame[] {
    return this.sent.filter((s) => s !== 'ping').map((s) => JSON.parse(s) as ClientFrame);
  }
}

export const ME = 'off-me';
export const PEER = 'off-peer';
export const ROOM = 'room-1';

/** One room on a fake server: messages with seqs, idempotent on (sender, clientId). */
export class FakeServer {
  messages: ChatMessage[] = [];
  sockets: FakeSocket[] = [];
  /** Sockets are accepted (and sent `ready`) at once unless false. */
  autoAccept = true;
  /** Frames of type `send` are dropped (a socket that died without a close). */
  swallowSends = false;
  restSends: SendInput[] = [];
  tickets = 0;
  failTickets: { status: number; code: string; message: string } | null = null;
  private seq = 0;
  private ids = 0;

  store(senderId: string, input: SendInput): ChatMessage {
    const existing = this.messages.find(
      (m) => m.senderId === senderId && m.clientId === input.clientId,
    );
    if (existing) return existing;
    const message: ChatMessage = {
      id: `msg-${++this.ids}`,
      seq: ++this.seq,
      roomId: ROOM,
      senderId,
      senderName: senderId === ME ? 'Tôi' : 'Đồng nghiệp',
      kind: input.kind,
      text: input.text ?? null,
      replyTo: null,
      attachment: null,
      createdAt: new Date(1_700_000_000_000 + this.seq * 1000).toISOString(),
      clientId: input.clientId,
    };
    this.messages.push(message);
    for (const socket of this.sockets) {
      if (socket.readyState === 1) socket.deliver({ type: 'message', message });
    }
    return message;
  }

  open(url: string): FakeSocket {
    const socket = new FakeSocket(url, this);
    this.sockets.push(socket);
    if (this.autoAccept) {
      queueMicrotask(() => {
        socket.accept();
        socket.deliver(this.ready());
      });
    }
    return socket;
  }

  ready(): ServerFrame {
    return {
      type: 'ready',
      roomId: ROOM,
      me: ME,
      lastSeq: this.seq,
      readUpTo: 0,
      members: [
        { id: ME, name: 'Tôi', role: 'owner', online: true },
        { id: PEER, name: 'Đồng nghiệp', role: 'member', online: false },
      ],
      iceServers: [],
      call: null,
    };
  }

  receive(socket: FakeSocket, data: string): void {
    if (data === 'ping') {
      queueMicrotask(() => socket.deliver('pong'));
      return;
    }
    const frame = JSON.parse(data) as ClientFrame;
    if (frame.type === 'send') {
      if (this.swallowSends) return;
      const { type: _type, ...input } = frame;
      queueMicrotask(() => this.store(ME, input));
    } else if (frame.type === 'sync') {
      const after = this.messages.filter((m) => m.seq > frame.after);
      const page = after.slice(0, 2);
      queueMicrotask(() => {
        for (const message of page) socket.deliver({ type: 'message', message });
        socket.deliver({ type: 'synced', hasMore: after.length > page.length });
      });
    }
  }

  get live(): FakeSocket | undefined {
    return this.sockets.filter((s) => s.readyState === 1).at(-1);
  }

  api(): ChatApi {
    const detail: RoomDetail = {
      id: ROOM,
      kind: 'direct',
      title: 'Đồng nghiệp',
      agencyId: null,
      myRole: 'owner',
      createdBy: ME,
      createdAt: '2026-01-01T00:00:00.000Z',
      lastMessageAt: null,
      members: [
        { id: ME, fullName: 'Tôi', agencyName: 'Sở Xây dựng', role: 'owner' },
        { id: PEER, fullName: 'Đồng nghiệp', agencyName: 'IOC', role: 'member' },
      ],
    };
    const unused = (): never => {
      throw new Error('not used in this test');
    };
    return {
      listRooms: unused,
      createRoom: unused,
      room: async () => detail,
      history: async (_room, opts) => {
        const older = this.messages
          .filter((m) => opts.before === undefined || m.seq < opts.before)
          .sort((a, b) => b.seq - a.seq);
        return { messages: older.slice(0, opts.limit), hasMore: older.length > opts.limit };
      },
      sendMessage: async (_room, input) => {
        this.restSends.push(input);
        return this.store(ME, input);
      },
      deleteMessage: async (_room, id) => {
        this.messages = this.messages.filter((m) => m.id !== id);
        for (const socket of this.sockets) {
          if (socket.readyState === 1) socket.deliver({ type: 'deleted', id });
        }
      },
      ticket: async () => {
        this.tickets++;
        if (this.failTickets) throw this.failTickets;
        return { ticket: `t${this.tickets}`, url: `/ws?ticket=t${this.tickets}`, expiresAt: '' };
      },
      config: async () => ({ iceServers: [], maxFileBytes: 1_000_000 }),
      directory: unused,
      addMembers: unused,
      removeMember: unused,
      upload: async (_room, file, onProgress): Promise<AttachmentRef> => {
        onProgress({ sent: file.size, total: file.size });
        return { id: 'att-1', name: file.name ?? 'tep', contentType: file.type, bytes: file.size };
      },
      socketUrl: (path) => `ws://test${path}`,
    };
  }
}
