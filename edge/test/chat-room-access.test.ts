import { officials } from '@tinh/db/schema';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { issueTicket } from '../src/chat/tickets';
import { call, type ErrorJson } from './helpers';
import {
  addMember,
  connect,
  removeMember,
  roomSql,
  roomStub,
  roomWith,
  rpcError,
  say,
  ticketFor,
  upgrade,
  wsUrl,
} from './support/chat';
import { createOfficial, db } from './support/officials';

// Who may talk in a room: a WebSocket opens only with a valid ticket for that very room, from
// an allowed origin, and only for a member (checked again by the room against libSQL); a
// member removed while connected is cut off at once and can send nothing more.

async function refusal(res: Response) {
  expect(res.webSocket ?? null).toBeNull();
  return { status: res.status, code: ((await res.json()) as ErrorJson).error.code };
}

describe('opening a room socket', () => {
  it('refuses an official who is not a member, even with a correctly signed ticket', async () => {
    const { roomId } = await roomWith(2);
    const outsider = await createOfficial();
    const res = await upgrade(wsUrl(roomId, await ticketFor(roomId, outsider)));
    expect(await refusal(res)).toEqual({ status: 403, code: 'chat_not_member' });
    // …and the RPC surface refuses them too.
    expect(await rpcError(roomStub(roomId).history(roomId, outsider.id, { limit: 10 }))).toBe(
      'chat:not_member',
    );
    expect(
      await rpcError(
        roomStub(roomId).postMessage(roomId, outsider.id, {
          clientId: 'x1',
          kind: 'text',
          text: 'Tôi không được gửi',
        }),
      ),
    ).toBe('chat:not_member');
  });

  it('refuses forged, expired, missing and other rooms’ tickets before upgrading', async () => {
    const {
      roomId,
      officials: [owner],
    } = await roomWith(2);
    const other = await roomWith(1);
    const valid = await ticketFor(roomId, owner);

    // A ticket signed with another key.
    const forged = (
      await issueTicket(
        { SESSION_SECRET: 'another-secret-0123456789abcdef-xyz' },
        { roomId, officialId: owner.id, name: owner.fullName },
      )
    ).ticket;
    expect(await refusal(await upgrade(wsUrl(roomId, forged)))).toEqual({
      status: 401,
      code: 'chat_ticket_invalid',
    });
    // A valid ticket whose payload was edited (another official) keeps the old signature.
    const [v, body, sig] = valid.split('.');
    const payload = JSON.parse(atob((body ?? '').replace(/-/g, '+').replace(/_/g, '/')));
    payload.officialId = (await createOfficial()).id;
    const edited = btoa(JSON.stringify(payload))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    expect((await upgrade(wsUrl(roomId, `${v}.${edited}.${sig}`))).status).toBe(401);
    // Expired: issued two minutes ago with a one-minute lifetime.
    const expired = await ticketFor(roomId, owner, Date.now() - 120_000);
    const res = await upgrade(wsUrl(roomId, expired));
    expect(res.status).toBe(401);
    expect(((await res.json()) as ErrorJson).error.details).toEqual({ reason: 'expired' });
    // A ticket for another room.
    const elsewhere = await ticketFor(other.roomId, other.officials[0]);
    const wrong = await upgrade(wsUrl(roomId, elsewhere));
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as ErrorJson).error.details).toEqual({ reason: 'wrong_room' });
    // None at all, garbage, and a plain GET without the upgrade.
    expect((await upgrade(`/api/v1/chat/rooms/${roomId}/ws`)).status).toBe(401);
    expect((await upgrade(wsUrl(roomId, 'v1.abc.def'))).status).toBe(401);
    const plain = await call(wsUrl(roomId, valid));
    expect(plain.status).toBe(426);
  });

  it('checks the Origin of browser connections (the ticket travels in the URL)', async () => {
    const {
      roomId,
      officials: [owner],
    } = await roomWith(1);
    const evil = await upgrade(wsUrl(roomId, await ticketFor(roomId, owner)), {
      Origin: 'https://evil.example',
    });
    expect(await refusal(evil)).toEqual({ status: 403, code: 'origin_not_allowed' });
    for (const origin of ['https://tinh.test', 'https://h5.zdn.vn']) {
      const res = await upgrade(wsUrl(roomId, await ticketFor(roomId, owner)), {
        Origin: origin,
      });
      expect(res.status).toBe(101);
      res.webSocket?.accept();
      res.webSocket?.close(1000, 'bye');
    }
  });

  it('lets a member in, with the room state in the ready frame', async () => {
    const {
      roomId,
      officials: [owner, mate],
    } = await roomWith(2, 'Tổ công tác');
    const { client, ready } = await connect(roomId, owner);
    expect(ready).toMatchObject({ roomId, me: owner.id, lastSeq: 0, readUpTo: 0, iceServers: [] });
    expect(ready.members.map((m) => m.id).sort()).toEqual([owner.id, mate.id].sort());
    expect(ready.members.find((m) => m.id === owner.id)).toMatchObject({
      role: 'owner',
      online: true,
      name: owner.fullName,
    });
    // The other member sees them come online.
    const second = await connect(roomId, mate);
    const presence = await client.next('presence', (f) => f.officialId === mate.id);
    expect(presence.online).toBe(true);
    second.client.close();
    const gone = await client.next('presence', (f) => f.officialId === mate.id && !f.online);
    expect(gone.online).toBe(false);
    client.close();
  });

  it('lets in a member added after the room first loaded its list', async () => {
    const {
      roomId,
      officials: [owner],
    } = await roomWith(1);
    const { client } = await connect(roomId, owner);
    const newcomer = await createOfficial();
    await addMember(roomId, newcomer.id);
    // No syncMembers call: the connection's own libSQL check brings the list up to date.
    const { ready } = await connect(roomId, newcomer);
    expect(ready.members.map((m) => m.id)).toContain(newcomer.id);
    client.close();
  });

  it('refuses a disabled official', async () => {
    const {
      roomId,
      officials: [, mate],
    } = await roomWith(2);
    await db().update(officials).set({ status: 'disabled' }).where(eq(officials.id, mate.id));
    const res = await upgrade(wsUrl(roomId, await ticketFor(roomId, mate)));
    expect(res.status).toBe(403);
  });
});

describe('a member removed mid-session', () => {
  it('is cut off at once (4403) on every device, and cannot send or reconnect', async () => {
    const {
      roomId,
      officials: [owner, mate, third],
    } = await roomWith(3);
    const ownerWs = await connect(roomId, owner);
    const mateWs = await connect(roomId, mate);
    const mateTablet = await connect(roomId, mate);
    const thirdWs = await connect(roomId, third);
    await say(mateWs.client, 'Tin trước khi bị xóa khỏi nhóm');
    await ownerWs.client.next('message');
    const ticket = await ticketFor(roomId, mate);

    await removeMember(roomId, mate.id);
    const sync = await roomStub(roomId).syncMembers(roomId);
    expect(sync).toEqual({ members: 2, disconnected: 2 });

    for (const c of [mateWs.client, mateTablet.client]) {
      const closed = await c.closed();
      expect(closed.code).toBe(4403);
      expect(closed.reason).toBe('removed');
    }
    // The others get the new member list.
    const members = await thirdWs.client.next('members');
    expect(members.members.map((m) => m.id).sort()).toEqual([owner.id, third.id].sort());

    // Sending on the closed socket throws; the REST path is refused; a still-valid ticket no
    // longer opens the room.
    expect(() => mateWs.client.send({ type: 'ping' })).toThrow();
    expect(
      await rpcError(
        roomStub(roomId).postMessage(roomId, mate.id, {
          clientId: 'after-removal',
          kind: 'text',
          text: 'Vẫn gửi được không?',
        }),
      ),
    ).toBe('chat:not_member');
    expect((await upgrade(wsUrl(roomId, ticket))).status).toBe(403);
    expect(await ownerWs.client.nothing('message', 200)).toBe(true);
    ownerWs.client.close();
    thirdWs.client.close();
  });

  it('is refused frame by frame even when the sync was missed', async () => {
    const {
      roomId,
      officials: [owner, mate],
    } = await roomWith(2);
    const mateWs = await connect(roomId, mate);
    const ownerWs = await connect(roomId, owner);
    // Simulates a member list changed without its sync: the room's stored copy is edited.
    await removeMember(roomId, mate.id);
    await roomSql(roomId, (sql) => sql.exec('DELETE FROM members WHERE official_id = ?', mate.id));
    mateWs.client.send({ type: 'send', clientId: 'c-1', kind: 'text', text: 'Không được' });
    const error = await mateWs.client.next('error');
    expect(error.code).toBe('not_member');
    expect((await mateWs.client.closed()).code).toBe(4403);
    expect(await ownerWs.client.nothing('message', 200)).toBe(true);
    ownerWs.client.close();
  });
});
