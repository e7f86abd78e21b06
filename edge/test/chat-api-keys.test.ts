import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { masterKeys, unwrapDataKey, wrapDataKey } from '../src/chat/keys';
import type { ChatMessage } from '../src/chat/types';
import type { ErrorJson } from './helpers';
import { call } from './helpers';
import { chatCall, createGroup, ok, sendText } from './support/chat-api';
import { asIoc, db, signedInOfficial } from './support/officials';

// POST /api/v1/admin/chat/rotate-keys: who may call it, and what it counts. The test bindings
// carry two master keys, `test-2` (current) and `test-1` (older). One room's data key is put
// back under `test-1`, as if it had been created before the last rotation: the walk rewraps it
// under `test-2`. Another room's key names a master key that is not configured any more: the
// walk counts it as failed, and the room answers 503 `chat_key_unavailable` instead of failing.

type Rotation = {
  rooms: number;
  rewrapped: number;
  failed: number;
  keyId: string;
  nextCursor: string | null;
};

const stubOf = (roomId: string) => env.CHAT_ROOMS.get(env.CHAT_ROOMS.idFromName(roomId));

/** The master key id the room's data key is wrapped with now, read from the object's storage. */
const wrappedBy = (roomId: string) =>
  runInDurableObject(stubOf(roomId), (_instance, state) => {
    const [row] = state.storage.sql.exec('SELECT master_key_id FROM room_keys').toArray();
    return row ? String(row.master_key_id) : null;
  });

const rotate = (headers: Record<string, string>, query = '') =>
  call(`/api/v1/admin/chat/rotate-keys${query}`, { method: 'POST', headers });

describe('master key rotation', () => {
  it('is for administrators of accounts only', async () => {
    const ioc = await asIoc();
    const refused = await rotate(ioc.headers);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as ErrorJson).error.code).toBe('forbidden');
    expect((await rotate({})).status).toBe(401);
    const admin = await signedInOfficial({ roles: ['admin'] });
    expect((await rotate(admin.headers, '?limit=0')).status).toBe(400);
  });

  it('rewraps old keys, counts rooms whose master key is gone, never crashes', async () => {
    const admin = await signedInOfficial({ roles: ['admin'] });
    const [owner, mate] = await Promise.all([signedInOfficial(), signedInOfficial()]);
    const old = await createGroup(owner.headers, [mate.official.id], 'Phòng khóa cũ');
    const lost = await createGroup(owner.headers, [mate.official.id], 'Phòng mất khóa');
    const sent = await sendText(owner.headers, old.id, 'Tin trước khi xoay khóa');
    expect(await wrappedBy(old.id)).toBe('test-2');

    // The old room's data key, wrapped again under the older master key.
    const ring = masterKeys(env);
    const older = ring?.byId.get('test-1');
    if (!ring || !older) throw new Error('the test bindings carry test-2 and test-1');
    await runInDurableObject(stubOf(old.id), async (_instance, state) => {
      const [row] = state.storage.sql
        .exec('SELECT master_key_id, wrapped FROM room_keys')
        .toArray();
      if (!row) throw new Error('no room key');
      const raw = await unwrapDataKey(ring, old.id, {
        masterKeyId: String(row.master_key_id),
        wrapped: new Uint8Array(row.wrapped as ArrayBuffer),
      });
      const back = await wrapDataKey(older, old.id, raw);
      state.storage.sql.exec(
        'UPDATE room_keys SET master_key_id = ?, wrapped = ?',
        back.masterKeyId,
        back.wrapped.buffer,
      );
    });
    expect(await wrappedBy(old.id)).toBe('test-1');

    // The lost room: its object knows the room (a first read), then gets a key wrapped by a
    // master key the configuration no longer has.
    await ok(chatCall(`/rooms/${lost.id}/messages`, owner.headers));
    await runInDurableObject(stubOf(lost.id), (_instance, state) => {
      state.storage.sql.exec(
        "INSERT INTO room_keys (version, master_key_id, wrapped, created_at) VALUES (1, 'da-xoa', ?, ?)",
        crypto.getRandomValues(new Uint8Array(60)).buffer,
        new Date().toISOString(),
      );
    });
    try {
      const unavailable = await chatCall(`/rooms/${lost.id}/messages`, owner.headers, {
        json: { clientId: crypto.randomUUID(), kind: 'text', text: 'Không gửi được' },
      });
      expect(unavailable.status).toBe(503);
      expect(((await unavailable.json()) as ErrorJson).error.code).toBe('chat_key_unavailable');

      // Every room, a page at a time.
      const [{ n: total } = { n: 0 }] = await db().all<{ n: number }>(
        sql`select count(*) as n from chat_rooms`,
      );
      let cursor: string | null = null;
      const sum = { rooms: 0, rewrapped: 0, failed: 0, calls: 0 };
      do {
        const page: Rotation = await ok<Rotation>(
          rotate(
            admin.headers,
            `?limit=25${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          ),
        );
        expect(page.keyId).toBe('test-2');
        expect(page.rooms).toBeLessThanOrEqual(25);
        sum.rooms += page.rooms;
        sum.rewrapped += page.rewrapped;
        sum.failed += page.failed;
        sum.calls += 1;
        cursor = page.nextCursor;
      } while (cursor && sum.calls < 1000);
      // Other test files may add rooms meanwhile; none is visited twice, none skipped.
      expect(sum.rooms).toBeGreaterThanOrEqual(total);
      expect(sum.rewrapped).toBeGreaterThanOrEqual(1);
      expect(sum.failed).toBeGreaterThanOrEqual(1);
      expect(sum.rewrapped + sum.failed).toBeLessThanOrEqual(sum.rooms);

      expect(await wrappedBy(old.id)).toBe('test-2');
      expect(await wrappedBy(lost.id)).toBe('da-xoa');
      const history = await ok<{ messages: ChatMessage[] }>(
        chatCall(`/rooms/${old.id}/messages`, mate.headers),
      );
      expect(history.messages.map((m) => m.text)).toEqual([sent.text]);

      // Walking over the old room again has nothing left to do (the cursor is the room id
      // before which to start: a prefix of the id sorts just before it).
      const again = await ok<Rotation>(
        rotate(admin.headers, `?limit=1&cursor=${encodeURIComponent(old.id.slice(0, -1))}`),
      );
      expect(again).toMatchObject({ rooms: 1, rewrapped: 0, failed: 0 });
      sum.calls += 1;

      const audits = await db().all<{ n: number }>(
        sql`select count(*) as n from audit_log where action = 'chat.rotate_keys' and actor_id = ${admin.official.id}`,
      );
      expect(audits[0]?.n).toBe(sum.calls);
    } finally {
      // The lost room gets a fresh key on its next use: other files' rotations count no failure.
      await runInDurableObject(stubOf(lost.id), (_instance, state) => {
        state.storage.sql.exec("DELETE FROM room_keys WHERE master_key_id = 'da-xoa'");
      });
    }
  });
});
