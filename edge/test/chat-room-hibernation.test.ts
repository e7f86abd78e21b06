import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import {
  connect,
  eventually,
  rawStub,
  removeMember,
  roomStub,
  roomWith,
  say,
} from './support/chat';

// Sessions survive hibernation. workerd evicts a Durable Object whose only connections are
// hibernatable WebSockets after about 10 s without events (the production behaviour, also in
// the test pool: only the pool's own runner object is exempt). The test marks the live
// instance, stays idle past that delay, and checks that the mark is gone (a new instance was
// built) while the sockets opened before kept working: messages, seq numbers, receipts, the
// call and its signalling, membership checks — all rebuilt from storage and the sockets'
// serialized attachments. (Version 0.15 of the pool has no evictDurableObject() helper; its
// abortAllDurableObjects() breaks the sockets instead of hibernating them.)

type Probe = { __probe?: string };
const IDLE_MS = 11_500;

describe('hibernation', () => {
  it('keeps connected sessions working after the object was evicted', {
    timeout: 45_000,
  }, async () => {
    const {
      roomId,
      officials: [a, b, c],
    } = await roomWith(3);
    const ca = await connect(roomId, a);
    const cb = await connect(roomId, b);
    const cc = await connect(roomId, c);
    const before = await say(ca.client, 'Trước khi ngủ');
    await cb.client.next('message');
    await cc.client.next('message');
    ca.client.send({ type: 'call.start', media: 'audio' });
    const { callId } = await cb.client.next('call.started');
    cb.client.send({ type: 'call.join', callId });
    await ca.client.next('call.joined', (f) => f.officialId === b.id);
    cb.client.send({ type: 'read', upTo: before.seq });
    await ca.client.next('receipt', (f) => f.kind === 'read');

    const stub = rawStub(roomId);
    await runInDurableObject(stub, (instance) => {
      (instance as unknown as Probe).__probe = 'live';
    });
    // Control: without idling, the same instance answers.
    expect(await runInDurableObject(stub, (i) => (i as unknown as Probe).__probe)).toBe('live');

    await new Promise((r) => setTimeout(r, IDLE_MS));

    // The first event after the idle period: a message on a socket opened before it.
    const after = await say(ca.client, 'Sau khi ngủ dậy');
    expect(after.seq).toBe(before.seq + 1);
    expect((await cb.client.next('message')).message.text).toBe('Sau khi ngủ dậy');
    // It was a new instance.
    expect(
      await runInDurableObject(stub, (i) => (i as unknown as Probe).__probe ?? null),
    ).toBeNull();

    // Call membership came back from the sockets' attachments.
    ca.client.send({ type: 'call.signal', callId, to: b.id, data: { kind: 'offer', sdp: 'v=0' } });
    expect((await cb.client.next('call.signal')).from).toBe(a.id);
    cc.client.send({ type: 'call.signal', callId, to: a.id, data: { kind: 'offer', sdp: 'v=0' } });
    expect((await cc.client.next('error')).code).toBe('not_in_call');
    // Receipts came back from storage.
    expect((await roomStub(roomId).summary(roomId, b.id)).unread).toBe(1);
    // The runtime answers keep-alive pings by itself.
    ca.client.sendRaw('ping');
    await eventually(async () => ca.client.raw.includes('pong'));

    // Removal still finds and cuts off the right sockets.
    await removeMember(roomId, c.id);
    expect(await roomStub(roomId).syncMembers(roomId)).toEqual({ members: 2, disconnected: 1 });
    expect((await cc.client.closed()).code).toBe(4403);
    ca.client.close();
    cb.client.close();
  });
});
