import { describe, expect, it } from 'vitest';
import { FakeClock, FakeServer, flush, ME, PEER, ROOM } from './fakes.test-support';
import { ChatRoom, tickOf } from './room';
import type { ChatMessage } from './types';

function setup(server = new FakeServer()) {
  const clock = new FakeClock();
  let ids = 0;
  const room = new ChatRoom({
    api: server.api(),
    roomId: ROOM,
    me: ME,
    openSocket: (url) => server.open(url),
    timers: clock,
    random: () => 1,
    newId: () => `c-${++ids}`,
    pageSize: 3,
    echoTimeoutMs: 8_000,
    heartbeatMs: 60_000,
  });
  return { server, clock, room };
}

const texts = (room: ChatRoom) => room.snapshot().messages.map((m) => m.text);

describe('ChatRoom', () => {
  it('loads the newest page, connects and catches up what arrived in between', async () => {
    const server = new FakeServer();
    for (let i = 1; i <= 5; i++)
      server.store(PEER, { clientId: `p${i}`, kind: 'text', text: `${i}` });
    server.autoAccept = false;
    const { room } = setup(server);
    room.start();
    await flush();
    expect(texts(room)).toEqual(['3', '4', '5']);
    expect(room.snapshot().hasOlder).toBe(true);
    // Two more arrive before the socket opens: the catch-up brings them.
    server.store(PEER, { clientId: 'p6', kind: 'text', text: '6' });
    server.store(PEER, { clientId: 'p7', kind: 'text', text: '7' });
    const socket = server.sockets[0];
    socket?.accept();
    socket?.deliver(server.ready());
    await flush();
    expect(socket?.frames()[0]).toEqual({ type: 'sync', after: 5 });
    expect(texts(room)).toEqual(['3', '4', '5', '6', '7']);
    expect(room.snapshot().syncing).toBe(false);

    await room.loadOlder();
    expect(texts(room)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(room.snapshot().hasOlder).toBe(false);
    expect(room.snapshot().members.find((m) => m.id === PEER)?.agencyName).toBe('IOC');
  });

  it('follows `synced` with more `sync` until everything is here', async () => {
    const server = new FakeServer();
    server.autoAccept = false;
    const { room } = setup(server);
    room.start();
    await flush();
    for (let i = 1; i <= 5; i++)
      server.store(PEER, { clientId: `p${i}`, kind: 'text', text: `${i}` });
    server.sockets[0]?.accept();
    server.sockets[0]?.deliver(server.ready());
    await flush();
    expect(server.sockets[0]?.frames().filter((f) => f.type === 'sync')).toEqual([
      { type: 'sync', after: 0 },
      { type: 'sync', after: 2 },
      { type: 'sync', after: 4 },
    ]);
    expect(texts(room)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('sends over the socket and replaces the outbox item with the stored message', async () => {
    const { room, server } = setup();
    room.start();
    await flush();
    room.send('  Chào anh  ');
    expect(room.snapshot().outbox).toHaveLength(1);
    await flush();
    expect(room.snapshot().outbox).toHaveLength(0);
    expect(texts(room)).toEqual(['Chào anh']);
    expect(server.messages).toHaveLength(1);
    room.send('   ');
    expect(room.snapshot().outbox).toHaveLength(0);
  });

  it('keeps what is typed offline and sends it once after the catch-up, same client id', async () => {
    const { room, server } = setup();
    room.start();
    await flush();
    room.setOnline(false);
    room.send('Gửi lúc mất mạng');
    room.send('Tin thứ hai');
    await flush();
    expect(room.snapshot().connection.kind).toBe('offline');
    expect(room.snapshot().outbox.map((i) => i.status)).toEqual(['queued', 'queued']);
    expect(server.messages).toHaveLength(0);
    // Meanwhile the colleague writes.
    server.store(PEER, { clientId: 'p1', kind: 'text', text: 'Anh ơi' });

    room.setOnline(true);
    await flush();
    const frames = server.live?.frames() ?? [];
    // Catch-up first (the colleague's message is acknowledged), then the outbox in order.
    expect(frames.map((f) => f.type)).toEqual(['sync', 'delivered', 'send', 'send']);
    expect(room.snapshot().outbox).toHaveLength(0);
    expect(texts(room)).toEqual(['Anh ơi', 'Gửi lúc mất mạng', 'Tin thứ hai']);
    expect(server.messages.map((m) => m.clientId)).toEqual(['p1', 'c-1', 'c-2']);
  });

  it('does not send twice what reached the server before the connection died', async () => {
    const { room, server, clock } = setup();
    room.start();
    await flush();
    const first = server.live;
    // The server stores it, but the echo is lost with the connection.
    server.swallowSends = true;
    room.send('Đến nơi nhưng chưa báo lại');
    await flush();
    const sent = first?.frames().find((f) => f.type === 'send');
    if (sent?.type !== 'send') throw new Error('not sent');
    server.store(ME, { clientId: sent.clientId, kind: 'text', text: sent.text });
    first?.drop();
    server.swallowSends = false;
    await clock.advance(1000);
    await flush();
    expect(server.messages).toHaveLength(1);
    expect(room.snapshot().outbox).toHaveLength(0);
    expect(texts(room)).toEqual(['Đến nơi nhưng chưa báo lại']);
    // The new socket caught it up and had nothing to resend.
    expect(server.live?.frames().filter((f) => f.type === 'send')).toEqual([]);
  });

  it('resends through REST with the same client id when the echo never comes', async () => {
    const { room, server, clock } = setup();
    room.start();
    await flush();
    server.swallowSends = true;
    room.send('Không thấy hồi âm');
    await flush();
    expect(room.snapshot().outbox[0]?.status).toBe('sending');
    await clock.advance(8_000);
    expect(server.restSends.map((s) => s.clientId)).toEqual(['c-1']);
    expect(room.snapshot().outbox).toHaveLength(0);
    expect(server.messages).toHaveLength(1);
  });

  it('sends through REST while the socket is down but the network is up', async () => {
    const { room, server } = setup();
    server.failTickets = { status: 503, code: 'http_503', message: 'Bận' };
    room.start();
    await flush();
    expect(room.snapshot().connection.kind).toBe('waiting');
    room.send('Qua REST');
    await flush();
    expect(server.restSends).toHaveLength(1);
    expect(texts(room)).toEqual(['Qua REST']);
    expect(room.snapshot().outbox).toHaveLength(0);
  });

  it('drops a message deleted for everyone, and the quote of it in replies', async () => {
    const { room, server } = setup();
    room.start();
    await flush();
    const original = server.store(PEER, { clientId: 'p1', kind: 'text', text: 'Sẽ bị xoá' });
    await flush();
    const reply: ChatMessage = {
      ...server.store(PEER, { clientId: 'p2', kind: 'text', text: 'Trả lời' }),
      replyTo: { id: original.id, senderName: 'Đồng nghiệp', excerpt: 'Sẽ bị xoá' },
    };
    server.live?.deliver({ type: 'message', message: reply });
    await flush();
    server.live?.deliver({ type: 'deleted', id: original.id });
    expect(texts(room)).toEqual(['Trả lời']);
    expect(room.snapshot().messages[0]?.replyTo?.excerpt).toBeNull();
    // A late copy (a history page in flight) does not bring it back.
    server.live?.deliver({ type: 'message', message: original });
    expect(texts(room)).toEqual(['Trả lời']);
  });

  it('deletes my own message through the API', async () => {
    const { room, server } = setup();
    room.start();
    await flush();
    room.send('Nhầm rồi');
    await flush();
    const id = room.snapshot().messages[0]?.id ?? '';
    await room.deleteMessage(id);
    expect(texts(room)).toEqual([]);
    expect(server.messages).toHaveLength(0);
  });

  it('says read while on screen and delivered otherwise', async () => {
    const { room, server } = setup();
    room.start();
    await flush();
    server.store(PEER, { clientId: 'p1', kind: 'text', text: 'Một' });
    await flush();
    room.setVisible(true);
    server.store(PEER, { clientId: 'p2', kind: 'text', text: 'Hai' });
    await flush();
    room.setVisible(false);
    server.store(PEER, { clientId: 'p3', kind: 'text', text: 'Ba' });
    await flush();
    const acks = server.live?.frames().filter((f) => f.type === 'read' || f.type === 'delivered');
    expect(acks).toEqual([
      { type: 'delivered', upTo: 1 },
      { type: 'read', upTo: 1 },
      { type: 'read', upTo: 2 },
      { type: 'delivered', upTo: 3 },
    ]);
  });

  it('shows who is typing until they stop, send, or go quiet', async () => {
    const { room, server, clock } = setup();
    room.start();
    await flush();
    server.live?.deliver({ type: 'typing', officialId: PEER, name: 'Đồng nghiệp', active: true });
    expect(room.snapshot().typing).toEqual([{ officialId: PEER, name: 'Đồng nghiệp' }]);
    server.store(PEER, { clientId: 'p1', kind: 'text', text: 'Xong' });
    await flush();
    expect(room.snapshot().typing).toEqual([]);
    server.live?.deliver({ type: 'typing', officialId: PEER, name: 'Đồng nghiệp', active: true });
    await clock.advance(6_000);
    expect(room.snapshot().typing).toEqual([]);
  });

  it('tells the others I am typing, at most every 3 s, and stops when I send', async () => {
    const { room, server, clock } = setup();
    room.start();
    await flush();
    room.typed();
    await clock.advance(1_000);
    room.typed();
    await clock.advance(2_500);
    room.typed();
    room.send('Đây');
    await flush();
    const typing = server.live?.frames().filter((f) => f.type === 'typing');
    expect(typing).toEqual([
      { type: 'typing', active: true },
      { type: 'typing', active: true },
      { type: 'typing', active: false },
    ]);
  });

  it('uploads a picture with progress, then sends it as an image', async () => {
    const { room, server } = setup();
    room.start();
    await flush();
    const file = Object.assign(new Blob([new Uint8Array(10)], { type: 'image/png' }), {
      name: 'anh.png',
    });
    room.sendFile(file);
    expect(room.snapshot().outbox[0]).toMatchObject({ kind: 'image', status: 'uploading' });
    await flush();
    const send = server.live?.frames().find((f) => f.type === 'send');
    expect(send).toMatchObject({ kind: 'image', attachmentId: 'att-1' });
  });

  it('marks ticks from the receipts of every other member', () => {
    const members = [
      { id: ME, name: 'Tôi', agencyName: null, role: 'owner' as const, online: true },
      { id: PEER, name: 'B', agencyName: null, role: 'member' as const, online: true },
      { id: 'c', name: 'C', agencyName: null, role: 'member' as const, online: true },
    ];
    const snap = (receipts: Record<string, { delivered: number; read: number }>) => ({
      me: ME,
      members,
      receipts,
    });
    expect(tickOf({ seq: 5 }, snap({}))).toBe('sent');
    expect(tickOf({ seq: 5 }, snap({ [PEER]: { delivered: 5, read: 0 } }))).toBe('sent');
    expect(
      tickOf({ seq: 5 }, snap({ [PEER]: { delivered: 5, read: 0 }, c: { delivered: 0, read: 7 } })),
    ).toBe('delivered');
    expect(
      tickOf({ seq: 5 }, snap({ [PEER]: { delivered: 9, read: 5 }, c: { delivered: 0, read: 7 } })),
    ).toBe('read');
  });

  it('applies receipt frames', async () => {
    const { room, server } = setup();
    room.start();
    await flush();
    room.send('Đọc chưa?');
    await flush();
    const seq = room.snapshot().messages[0]?.seq ?? 0;
    expect(tickOf({ seq }, room.snapshot())).toBe('sent');
    server.live?.deliver({ type: 'receipt', officialId: PEER, kind: 'delivered', upTo: seq });
    expect(tickOf({ seq }, room.snapshot())).toBe('delivered');
    server.live?.deliver({ type: 'receipt', officialId: PEER, kind: 'read', upTo: seq });
    expect(tickOf({ seq }, room.snapshot())).toBe('read');
  });

  it('forgets who is online while it cannot hear the room, and learns it again', async () => {
    const { room, server, clock } = setup();
    room.start();
    await flush();
    server.live?.deliver({ type: 'presence', officialId: PEER, online: true });
    expect(room.snapshot().members.find((m) => m.id === PEER)?.online).toBe(true);
    server.live?.drop();
    expect(room.snapshot().members.find((m) => m.id === PEER)?.online).toBe(false);
    expect(room.snapshot().members.find((m) => m.id === ME)?.online).toBe(true);
    await clock.advance(1000);
    expect(room.snapshot().connection.kind).toBe('open');
    expect(room.snapshot().members.map((m) => m.name)).toEqual(['Tôi', 'Đồng nghiệp']);
  });

  it('stops reconnecting and says so when removed from the room', async () => {
    const { room, server, clock } = setup();
    room.start();
    await flush();
    server.live?.drop(4403, 'removed');
    expect(room.snapshot().connection).toEqual({ kind: 'closed', reason: 'removed' });
    await clock.advance(60_000);
    expect(server.sockets).toHaveLength(1);
  });
});
