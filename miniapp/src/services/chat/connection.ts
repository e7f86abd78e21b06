import { backoffDelay } from './backoff';
import { type ClientFrame, failureOf, type ServerFrame } from './types';

/**
 * One room's WebSocket, kept open: a short-lived ticket for each attempt, a heartbeat that
 * notices a dead connection the browser has not (a phone that lost its signal keeps the socket
 * "open" for minutes), and reconnection with exponential backoff and jitter (./backoff.ts).
 * It knows nothing of messages: the room (./room.ts) gets every frame and each state change.
 */

/** What the connection needs of a WebSocket (the browser's, or a fake in tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

const OPEN = 1;

export type ConnectionState =
  | { kind: 'connecting'; attempt: number }
  | { kind: 'open' }
  /** Dropped; the next attempt starts at `retryAt` (epoch ms). */
  | { kind: 'waiting'; attempt: number; retryAt: number }
  /** The device says it has no network: nothing is tried until it has. */
  | { kind: 'offline' }
  /** For good: removed from the room, no access, chat not configured, or stopped. */
  | {
      kind: 'closed';
      reason: 'removed' | 'forbidden' | 'unavailable' | 'stopped';
      message?: string;
    };

export type Timers = {
  setTimeout: (run: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  now: () => number;
};

export const realTimers: Timers = {
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export type ConnectionDeps = {
  /** A fresh ticket's WebSocket address (POST /rooms/{id}/ticket). Throws { status, code }. */
  address: () => Promise<string>;
  open: (url: string) => SocketLike;
  onFrame: (frame: ServerFrame) => void;
  onState: (state: ConnectionState) => void;
  timers?: Timers;
  random?: () => number;
  /** A literal "ping" this often (the Durable Object answers it without waking up). */
  heartbeatMs?: number;
  /** No frame at all for this long after a ping: the connection is dead. */
  pongTimeoutMs?: number;
  /** An attempt that has not said `ready` after this long is abandoned. */
  openTimeoutMs?: number;
};

/** Close codes of the chat (edge/src/chat/types.ts CHAT_CLOSE). */
const CLOSE_NOT_MEMBER = 4403;

export class RoomConnection {
  private readonly timers: Timers;
  private readonly random: () => number;
  private socket: SocketLike | null = null;
  private state: ConnectionState = { kind: 'connecting', attempt: 0 };
  /** Failed attempts since the last `ready`. */
  private attempt = 0;
  private retryTimer: unknown = null;
  private openTimer: unknown = null;
  private heartbeatTimer: unknown = null;
  private pongTimer: unknown = null;
  private generation = 0;
  private online = true;
  private stopped = false;

  constructor(private readonly deps: ConnectionDeps) {
    this.timers = deps.timers ?? realTimers;
    this.random = deps.random ?? Math.random;
  }

  get current(): ConnectionState {
    return this.state;
  }

  get isOpen(): boolean {
    return this.state.kind === 'open' && this.socket?.readyState === OPEN;
  }

  start(): void {
    if (this.stopped) return;
    void this.connect();
  }

  /** Sends a frame if the connection is open; answers whether it went out. */
  send(frame: ClientFrame): boolean {
    if (!this.isOpen || !this.socket) return false;
    try {
      this.socket.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  }

  /** "Thử lại ngay": skips the rest of the wait. */
  retryNow(): void {
    if (this.stopped || this.state.kind === 'closed') return;
    if (this.state.kind === 'waiting' || this.state.kind === 'offline') {
      this.clearRetry();
      void this.connect();
    }
  }

  /** The device's network came or went (window online/offline, Zalo's connectivity). */
  setOnline(online: boolean): void {
    if (this.online === online) return;
    this.online = online;
    if (this.stopped || this.state.kind === 'closed') return;
    if (!online) {
      this.drop();
      this.clearRetry();
      this.setState({ kind: 'offline' });
    } else {
      // Back on the network: try at once, the wait was for the network, not the server.
      this.clearRetry();
      void this.connect();
    }
  }

  stop(): void {
    this.stopped = true;
    this.clearRetry();
    this.drop();
    this.setState({ kind: 'closed', reason: 'stopped' });
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    this.deps.onState(state);
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private clearSocketTimers(): void {
    for (const timer of [this.openTimer, this.heartbeatTimer, this.pongTimer]) {
      if (timer !== null) this.timers.clearTimeout(timer);
    }
    this.openTimer = null;
    this.heartbeatTimer = null;
    this.pongTimer = null;
  }

  /** Forgets the current socket without reacting to its close. */
  private drop(): void {
    this.generation++;
    this.clearSocketTimers();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onopen = null;
      socket.onmessage = null;
      socket.onclose = null;
      socket.onerror = null;
      try {
        socket.close(1000, 'client');
      } catch {
        // Already closed.
      }
    }
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.drop();
    const mine = this.generation;
    if (!this.online) {
      this.setState({ kind: 'offline' });
      return;
    }
    this.setState({ kind: 'connecting', attempt: this.attempt });
    let url: string;
    try {
      url = await this.deps.address();
    } catch (error) {
      if (mine !== this.generation || this.stopped) return;
      const failure = failureOf(error);
      if (failure.status === 403 || failure.status === 404) {
        this.setState({ kind: 'closed', reason: 'forbidden', message: failure.message });
        return;
      }
      // No master keys, or this room's key names a retired one: retrying will not help.
      if (failure.code === 'chat_not_configured' || failure.code === 'chat_key_unavailable') {
        this.setState({ kind: 'closed', reason: 'unavailable', message: failure.message });
        return;
      }
      this.scheduleRetry();
      return;
    }
    if (mine !== this.generation || this.stopped) return;
    let socket: SocketLike;
    try {
      socket = this.deps.open(url);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    this.openTimer = this.timers.setTimeout(() => {
      if (mine === this.generation) this.lost();
    }, this.deps.openTimeoutMs ?? 15_000);
    socket.onmessage = (event) => {
      if (mine !== this.generation) return;
      this.alive();
      if (typeof event.data !== 'string' || event.data === 'pong') return;
      let frame: ServerFrame;
      try {
        frame = JSON.parse(event.data) as ServerFrame;
      } catch {
        return;
      }
      if (frame.type === 'ready') {
        this.attempt = 0;
        if (this.openTimer !== null) this.timers.clearTimeout(this.openTimer);
        this.openTimer = null;
        this.setState({ kind: 'open' });
        this.beat();
      }
      this.deps.onFrame(frame);
    };
    socket.onclose = (event) => {
      if (mine !== this.generation) return;
      this.socket = null;
      this.clearSocketTimers();
      if (event.code === CLOSE_NOT_MEMBER) {
        this.generation++;
        this.setState({ kind: 'closed', reason: 'removed' });
        return;
      }
      this.scheduleRetry();
    };
    // An error is always followed by a close, which decides what happens next.
    socket.onerror = () => undefined;
  }

  /** The socket went quiet past the heartbeat: treat it as dropped. */
  private lost(): void {
    this.drop();
    this.scheduleRetry();
  }

  private beat(): void {
    const mine = this.generation;
    if (this.heartbeatTimer !== null) this.timers.clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = this.timers.setTimeout(() => {
      if (mine !== this.generation || !this.socket) return;
      try {
        this.socket.send('ping');
      } catch {
        this.lost();
        return;
      }
      this.pongTimer ??= this.timers.setTimeout(() => {
        if (mine === this.generation) this.lost();
      }, this.deps.pongTimeoutMs ?? 10_000);
    }, this.deps.heartbeatMs ?? 25_000);
  }

  /** Any frame proves the connection alive: the next ping is due a full period later. */
  private alive(): void {
    if (this.pongTimer !== null) this.timers.clearTimeout(this.pongTimer);
    this.pongTimer = null;
    if (this.state.kind === 'open') this.beat();
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    if (!this.online) {
      this.setState({ kind: 'offline' });
      return;
    }
    const delay = backoffDelay(this.attempt, this.random);
    const retryAt = this.timers.now() + delay;
    this.setState({ kind: 'waiting', attempt: this.attempt, retryAt });
    this.attempt++;
    this.clearRetry();
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
  }
}

/** ws:// or wss:// for an http(s) or same-origin address. */
export function toSocketUrl(address: string, origin: string): string {
  const url = new URL(address, origin);
  url.protocol =
    url.protocol === 'https:' ? 'wss:' : url.protocol === 'http:' ? 'ws:' : url.protocol;
  return url.toString();
}
