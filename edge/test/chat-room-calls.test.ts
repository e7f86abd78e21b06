import { chatCalls } from '@tinh/db/schema';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { connect, dumpTables, eventually, roomSql, roomWith } from './support/chat';
import { db } from './support/officials';

// Call signalling: the room rings everyone, then relays offers, answers and ICE candidates
// only between sockets that joined the call. Nothing of a call's content is stored; when the
// last participant leaves (or drops), one chat_calls row records who, when and how long.

const OFFER = { kind: 'offer', sdp: 'v=0\r\no=- 4611 2 IN IP4 127.0.0.1\r\ns=-\r\n' } as const;
const ICE = {
  kind: 'ice',
  candidate: { candidate: 'candidate:1 1 udp 2122260223 10.0.0.2 54321 typ host', sdpMid: '0' },
} as const;

const callRow = (id: string) =>
  db()
    .select()
    .from(chatCalls)
    .where(eq(chatCalls.id, id))
    .then((rows) => rows[0] ?? null);

describe('call signalling', () => {
  it('relays only between members who joined the call', async () => {
    const {
      roomId,
      officials: [a, b, c],
    } = await roomWith(3);
    const ca = await connect(roomId, a);
    const cb = await connect(roomId, b);
    const cc = await connect(roomId, c);

    ca.client.send({ type: 'call.start', media: 'video' });
    const ringing = await cc.client.next('call.started');
    expect(ringing).toMatchObject({ by: a.id, media: 'video' });
    const callId = ringing.callId;
    await cb.client.next('call.started');
    cb.client.send({ type: 'call.join', callId });
    expect(await ca.client.next('call.joined', (f) => f.officialId === b.id)).toMatchObject({
      callId,
    });

    // a → b: both joined, relayed with the sender's id.
    ca.client.send({ type: 'call.signal', callId, to: b.id, data: OFFER });
    expect(await cb.client.next('call.signal')).toEqual({
      type: 'call.signal',
      callId,
      from: a.id,
      data: OFFER,
    });
    cb.client.send({ type: 'call.signal', callId, to: a.id, data: ICE });
    expect((await ca.client.next('call.signal')).data).toEqual(ICE);

    // c did not join: a frame addressed to c is refused, and c receives nothing.
    ca.client.send({ type: 'call.signal', callId, to: c.id, data: OFFER });
    expect((await ca.client.next('error')).code).toBe('not_in_call');
    // c cannot inject signals into the call either.
    cc.client.send({ type: 'call.signal', callId, to: a.id, data: OFFER });
    expect((await cc.client.next('error')).code).toBe('not_in_call');
    expect(await ca.client.nothing('call.signal', 200)).toBe(true);
    expect(await cc.client.nothing('call.signal', 200)).toBe(true);
    // Nor to a call that does not exist, nor to oneself.
    ca.client.send({ type: 'call.signal', callId: 'khac', to: b.id, data: OFFER });
    expect((await ca.client.next('error')).code).toBe('not_in_call');
    ca.client.send({ type: 'call.signal', callId, to: a.id, data: OFFER });
    expect((await ca.client.next('error')).code).toBe('not_in_call');
    // A second call while one is going on is refused.
    cc.client.send({ type: 'call.start', media: 'audio' });
    expect((await cc.client.next('error')).code).toBe('call_in_progress');

    // Once c joins, signals to c go through.
    cc.client.send({ type: 'call.join', callId });
    await ca.client.next('call.joined', (f) => f.officialId === c.id);
    ca.client.send({ type: 'call.signal', callId, to: c.id, data: OFFER });
    expect((await cc.client.next('call.signal')).from).toBe(a.id);

    // And once b leaves, signals to b are refused again.
    cb.client.send({ type: 'call.leave', callId });
    await ca.client.next('call.left', (f) => f.officialId === b.id);
    ca.client.send({ type: 'call.signal', callId, to: b.id, data: ICE });
    expect((await ca.client.next('error')).code).toBe('not_in_call');

    // Nothing of the signalling is stored.
    const dump = await roomSql(roomId, dumpTables);
    expect(dump).not.toContain('candidate:1');
    expect(dump).not.toContain('IN IP4');
    for (const x of [ca, cb, cc]) x.client.close();
  });

  it('ends when the last participant leaves or drops, writing only metadata', async () => {
    const {
      roomId,
      officials: [a, b, c],
    } = await roomWith(3);
    const ca = await connect(roomId, a);
    const cb = await connect(roomId, b);
    const cc = await connect(roomId, c);
    ca.client.send({ type: 'call.start', media: 'audio' });
    const { callId } = await cb.client.next('call.started');
    await cc.client.next('call.started');
    cb.client.send({ type: 'call.join', callId });
    await ca.client.next('call.joined', (f) => f.officialId === b.id);

    // A member connecting now learns of the call in its ready frame.
    const late = await connect(roomId, c);
    expect(late.ready.call).toMatchObject({ callId, media: 'audio', by: a.id });
    expect(late.ready.call?.participants.sort()).toEqual([a.id, b.id].sort());
    late.client.close();

    cb.client.send({ type: 'call.leave', callId });
    await cc.client.next('call.left', (f) => f.officialId === b.id);
    expect(await callRow(callId)).toBeNull();
    // The starter drops without leaving: their socket closing ends the call.
    ca.client.close();
    const ended = await cc.client.next('call.ended');
    expect(ended.callId).toBe(callId);
    expect(ended.durationSeconds).toBeGreaterThanOrEqual(0);

    const row = await eventually(() => callRow(callId));
    expect(row).toMatchObject({ roomId, kind: 'audio', startedBy: a.id });
    expect(JSON.parse(row.participantIds).sort()).toEqual([a.id, b.id].sort());
    expect(row.endedAt).not.toBeNull();
    expect(row.durationSeconds).toBe(ended.durationSeconds);
    // The room keeps no trace of the call.
    expect(
      await roomSql(roomId, (sql) => sql.exec('SELECT count(*) AS n FROM calls').one().n),
    ).toBe(0);
    // A new call can start.
    cb.client.send({ type: 'call.start', media: 'video' });
    expect((await cc.client.next('call.started')).by).toBe(b.id);
    cb.client.close();
    cc.client.close();
  });

  it('refuses joining a call that is not there', async () => {
    const {
      roomId,
      officials: [a],
    } = await roomWith(1);
    const { client } = await connect(roomId, a);
    client.send({ type: 'call.join', callId: 'khong-co' });
    expect((await client.next('error')).code).toBe('no_call');
    client.send({ type: 'call.leave', callId: 'khong-co' });
    expect((await client.next('error')).code).toBe('not_in_call');
    client.close();
  });
});
