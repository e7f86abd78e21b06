import { describe, expect, it } from 'vitest';
import { BACKOFF_CAP_MS, backoffDelay } from './backoff';
import { type ConnectionState, RoomConnection, toSocketUrl } from './connection';
import { FakeClock, FakeSocket, flush } from './fakes.test-support';
import type { ServerFrame } from './types';

const READY: ServerFrame = {
  type: 'ready',
  roomId: 'r',
  me: 'a',
  lastSeq: 0,
  readUpTo: 0,
  members: [],
  iceServers: [],
  call: null,
};

function setup(opts: { failTicket?: { status: number; code: string; message: string } } = {}) {
  const clock = new FakeClock();
  const sockets: FakeSocket[] = [];
  const states: ConnectionState[] = [];
  const frames: ServerFrame[] = [];
  let tickets = 0;
  const connection = new RoomConnection({
    address: async () => {
      tickets++;
      if (opts.failTicket) throw opts.failTicket;
      return `ws://x/ws?ticket=${tickets}`;
    },
    open: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    onFrame: (f) => frames.push(f),
    onState: (s) => states.push(s),
    timers: clock,
    random: () => 1,
    heartbeatMs: 20_000,
    pongTimeoutMs: 5_000,
  });
  const openLast = () => {
    const socket = sockets.at(-1);
    if (!socket) throw new Error('no socket');
    socket.accept();
    socket.deliver(READY);
    return socket;
  };
  return { clock, sockets, states, frames, connection, openLast, tickets: () => tickets };
}

describe('backoffDelay', () => {
  it('doubles from 1 s to a 30 s ceiling, drawn from the upper half', () => {
    expect(backoffDelay(0, () => 0)).toBe(500);
    expect(backoffDelay(0, () => 1)).toBe(1000);
    expect(backoffDelay(3, () => 1)).toBe(8000);
    expect(backoffDelay(3, () => 0)).toBe(4000);
    expect(backoffDelay(20, () => 1)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelay(20, () => 0)).toBe(BACKOFF_CAP_MS / 2);
  });

  it('spreads clients that dropped together', () => {
    const delays = new Set(Array.from({ length: 50 }, (_, i) => backoffDelay(4, () => i / 49)));
    expect(delays.size).toBe(50);
    for (const d of delays) expect(d).toBeGreaterThanOrEqual(8000);
  });
});

describe('RoomConnection', () => {
  it('opens with a fresh ticket and says open on `ready`', async () => {
    const t = setup();
    t.connection.start();
    await flush();
    expect(t.sockets[0]?.url).toBe('ws://x/ws?ticket=1');
    expect(t.connection.current.kind).toBe('connecting');
    t.openLast();
    expect(t.connection.current.kind).toBe('open');
    expect(t.frames.map((f) => f.type)).toEqual(['ready']);
    expect(t.connection.send({ type: 'typing', active: true })).toBe(true);
    expect(t.sockets[0]?.sent).toEqual(['{"type":"typing","active":true}']);
  });

  it('reconnects after a drop with growing waits and a new ticket each time', async () => {
    const t = setup();
    t.connection.start();
    await flush();
    t.openLast();
    t.sockets[0]?.drop();
    const waiting = t.connection.current;
    expect(waiting.kind).toBe('waiting');
    if (waiting.kind !== 'waiting') return;
    expect(waiting.retryAt - t.clock.now()).toBe(1000);
    expect(t.connection.send({ type: 'typing', active: true })).toBe(false);

    await t.clock.advance(999);
    expect(t.sockets).toHaveLength(1);
    await t.clock.advance(1);
    expect(t.sockets).toHaveLength(2);
    expect(t.sockets[1]?.url).toBe('ws://x/ws?ticket=2');
    // This attempt fails too: the next wait is twice as long.
    t.sockets[1]?.drop();
    const second = t.connection.current;
    expect(second.kind === 'waiting' && second.retryAt - t.clock.now()).toBe(2000);
    await t.clock.advance(2000);
    t.openLast();
    expect(t.connection.current.kind).toBe('open');
    // A success resets the backoff.
    t.sockets[2]?.drop();
    const third = t.connection.current;
    expect(third.kind === 'waiting' && third.retryAt - t.clock.now()).toBe(1000);
  });

  it('never waits more than 30 s', async () => {
    const t = setup();
    t.connection.start();
    await flush();
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      t.sockets.at(-1)?.drop();
      const state = t.connection.current;
      if (state.kind !== 'waiting') throw new Error(state.kind);
      waits.push(state.retryAt - t.clock.now());
      await t.clock.advance(state.retryAt - t.clock.now());
    }
    expect(waits).toEqual([
      1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000, 30_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('notices a silent dead socket through the heartbeat', async () => {
    const t = setup();
    t.connection.start();
    await flush();
    const socket = t.openLast();
    await t.clock.advance(20_000);
    expect(socket.sent).toContain('ping');
    // No answer at all: 5 s later it is given up and a new attempt is scheduled.
    await t.clock.advance(5_000);
    expect(socket.closedByClient).toBe(true);
    expect(t.connection.current.kind).toBe('waiting');
  });

  it('keeps a socket that answers the heartbeat', async () => {
    const t = setup();
    t.connection.start();
    await flush();
    const socket = t.openLast();
    for (let i = 0; i < 5; i++) {
      await t.clock.advance(20_000);
      socket.deliver('pong');
    }
    expect(socket.sent.filter((s) => s === 'ping')).toHaveLength(5);
    expect(t.connection.current.kind).toBe('open');
    expect(t.sockets).toHaveLength(1);
  });

  it('stops for good when removed from the room (4403)', async () => {
    const t = setup();
    t.connection.start();
    await flush();
    t.openLast();
    t.sockets[0]?.drop(4403, 'removed');
    expect(t.connection.current).toEqual({ kind: 'closed', reason: 'removed' });
    await t.clock.advance(120_000);
    expect(t.sockets).toHaveLength(1);
  });

  it('does not retry a room it may not enter', async () => {
    const t = setup({ failTicket: { status: 404, code: 'not_found', message: 'Không thấy' } });
    t.connection.start();
    await flush();
    expect(t.connection.current).toMatchObject({ kind: 'closed', reason: 'forbidden' });
    await t.clock.advance(60_000);
    expect(t.tickets()).toBe(1);
  });

  it('retries a ticket that failed for the network', async () => {
    const t = setup({ failTicket: { status: 0, code: 'network', message: 'Mất mạng' } });
    t.connection.start();
    await flush();
    expect(t.connection.current.kind).toBe('waiting');
    await t.clock.advance(1000);
    expect(t.tickets()).toBe(2);
  });

  it('waits for the network while offline, then connects at once', async () => {
    const t = setup();
    t.connection.start();
    await flush();
    t.openLast();
    t.connection.setOnline(false);
    expect(t.connection.current.kind).toBe('offline');
    expect(t.sockets[0]?.closedByClient).toBe(true);
    await t.clock.advance(120_000);
    expect(t.sockets).toHaveLength(1);
    t.connection.setOnline(true);
    await flush();
    expect(t.sockets).toHaveLength(2);
    t.openLast();
    expect(t.connection.current.kind).toBe('open');
  });

  it('"retry now" skips the wait', async () => {
    const t = setup();
    t.connection.start();
    await flush();
    t.sockets[0]?.drop();
    t.sockets[0]?.drop();
    t.connection.retryNow();
    await flush();
    expect(t.sockets).toHaveLength(2);
  });

  it('stop closes the socket and schedules nothing', async () => {
    const t = setup();
    t.connection.start();
    await flush();
    t.openLast();
    t.connection.stop();
    expect(t.sockets[0]?.closedByClient).toBe(true);
    expect(t.clock.timers).toBe(0);
  });
});

describe('toSocketUrl', () => {
  it('turns the ticket path into a ws(s) address', () => {
    expect(toSocketUrl('/api/v1/chat/rooms/a/ws?ticket=x', 'http://localhost:3000')).toBe(
      'ws://localhost:3000/api/v1/chat/rooms/a/ws?ticket=x',
    );
    expect(toSocketUrl('https://api.example.vn/api/v1/chat/rooms/a/ws?ticket=x', 'https://h')).toBe(
      'wss://api.example.vn/api/v1/chat/rooms/a/ws?ticket=x',
    );
  });
});
