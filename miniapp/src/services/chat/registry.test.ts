import { describe, expect, it } from 'vitest';
import { FakeClock, FakeServer, flush, ME, ROOM } from './fakes.test-support';
import { RoomRegistry } from './registry';
import { ChatRoom } from './room';

function setup(server = new FakeServer()) {
  const clock = new FakeClock();
  let ids = 0;
  const registry = new RoomRegistry(
    (roomId, me) =>
      new ChatRoom({
        api: server.api(),
        roomId,
        me,
        openSocket: (url) => server.open(url),
        timers: clock,
        random: () => 1,
        newId: () => `c-${++ids}`,
        heartbeatMs: 60_000,
      }),
  );
  return { server, clock, registry };
}

describe('RoomRegistry', () => {
  it('shares one room between screens and closes it when the last one leaves', async () => {
    const { registry, server } = setup();
    const first = registry.acquire(ROOM, ME);
    const second = registry.acquire(ROOM, ME);
    expect(second).toBe(first);
    await flush();
    registry.release(ROOM);
    expect(first.snapshot().connection.kind).toBe('open');
    registry.release(ROOM);
    expect(first.snapshot().connection).toEqual({ kind: 'closed', reason: 'stopped' });
    expect(registry.size).toBe(0);
    expect(server.live).toBeUndefined();
  });

  it('keeps a room left with unsent messages until its socket has sent them', async () => {
    const { registry, server, clock } = setup();
    const room = registry.acquire(ROOM, ME);
    await flush();
    room.setOnline(false);
    room.send('Viết lúc mất mạng rồi rời phòng');
    registry.release(ROOM);
    expect(registry.size).toBe(1);
    room.setOnline(true);
    await flush();
    await clock.advance(10);
    expect(server.messages.map((m) => m.text)).toEqual(['Viết lúc mất mạng rồi rời phòng']);
    expect(room.snapshot().connection.kind).toBe('closed');
    expect(registry.size).toBe(0);
  });

  it('sends nothing through REST from the background (the session may be another’s)', async () => {
    const { registry, server } = setup();
    server.failTickets = { status: 503, code: 'http_503', message: 'Bận' };
    const room = registry.acquire(ROOM, ME);
    await flush();
    registry.release(ROOM);
    room.setForeground(false);
    room.send('Chỉ qua kết nối đã xác nhận');
    await flush();
    expect(server.restSends).toEqual([]);
    expect(room.snapshot().outbox[0]?.status).toBe('queued');
  });

  it('closes the rooms of the previous official when another one opens a room', async () => {
    const { registry } = setup();
    const mine = registry.acquire(ROOM, ME);
    await flush();
    mine.setOnline(false);
    mine.send('Của cán bộ trước');
    registry.release(ROOM);
    const theirs = registry.acquire('room-2', 'off-other');
    expect(mine.snapshot().connection.kind).toBe('closed');
    expect(theirs).not.toBe(mine);
    expect(registry.size).toBe(1);
  });

  it('drops the outbox of a room whose socket turns out to be another official’s', async () => {
    const { registry, server } = setup();
    server.autoAccept = false;
    const room = registry.acquire(ROOM, ME);
    await flush();
    room.send('Không được gửi dưới tên người khác');
    const socket = server.sockets[0];
    socket?.accept();
    socket?.deliver({ ...server.ready(), me: 'off-someone-else' } as ReturnType<
      FakeServer['ready']
    >);
    await flush();
    expect(room.snapshot().outbox).toEqual([]);
    expect(room.snapshot().connection).toEqual({ kind: 'closed', reason: 'forbidden' });
    expect(server.messages).toEqual([]);
  });
});
