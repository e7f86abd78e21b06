import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { importDataKey, masterKeys, openJson, unwrapDataKey, wrapDataKey } from '../src/chat/keys';
import { messageAad } from '../src/chat/room/codec';
import {
  connect,
  rawStub,
  roomSql,
  roomStub,
  roomWith,
  rpcError,
  say,
  textBytes,
} from './support/chat';

// The room's data key under master key rotation. The test bindings carry two master keys,
// `test-2` (current) and `test-1`. A room created "before the rotation" has its data key
// wrapped by `test-1`; rotateKey rewraps it under `test-2` and everything stays readable. A
// room whose key names a master key no longer configured fails cleanly (chat:key_unavailable)
// without crashing the object or its sockets.

const ring = () => {
  const r = masterKeys(env);
  if (!r) throw new Error('CHAT_MASTER_KEYS is not set in the test bindings');
  return r;
};

const wrappedBy = (roomId: string) =>
  roomSql(roomId, (sql) => {
    const [row] = sql.exec('SELECT master_key_id FROM room_keys').toArray();
    return row ? String(row.master_key_id) : null;
  });

/** Puts the room's data key under the older master key, as before a rotation. */
async function wrapUnderOldKey(roomId: string) {
  const older = ring().byId.get('test-1');
  if (!older) throw new Error('test-1 missing');
  await runInDurableObject(rawStub(roomId), async (_i, state) => {
    const row = state.storage.sql.exec('SELECT master_key_id, wrapped FROM room_keys').one();
    const raw = await unwrapDataKey(ring(), roomId, {
      masterKeyId: String(row.master_key_id),
      wrapped: new Uint8Array(row.wrapped as ArrayBuffer),
    });
    const back = await wrapDataKey(older, roomId, raw);
    state.storage.sql.exec(
      'UPDATE room_keys SET master_key_id = ?, wrapped = ?',
      back.masterKeyId,
      back.wrapped.slice().buffer,
    );
  });
}

describe('key rotation', () => {
  it('creates the data key under the current master key on first use', async () => {
    const {
      roomId,
      officials: [a],
    } = await roomWith(1);
    expect(await wrappedBy(roomId)).toBeNull();
    await roomStub(roomId).postMessage(roomId, a.id, {
      clientId: 'k',
      kind: 'text',
      text: 'Khóa',
    });
    expect(await wrappedBy(roomId)).toBe('test-2');
    // Nothing to do for a room already under the current key.
    expect(await roomStub(roomId).rotateKey(roomId)).toEqual({ rewrapped: false, keyId: 'test-2' });
  });

  it('rewraps under the current key; old messages and files still open', async () => {
    const {
      roomId,
      officials: [a, b],
    } = await roomWith(2);
    const stub = roomStub(roomId);
    const old = await stub.postMessage(roomId, a.id, {
      clientId: 'cu',
      kind: 'text',
      text: 'Tin cũ',
    });
    const file = await stub.storeAttachment(roomId, a.id, {
      name: 'cu.txt',
      contentType: 'text/plain',
      bytes: textBytes('tệp cũ'),
    });
    await stub.postMessage(roomId, a.id, { clientId: 'tep', kind: 'file', attachmentId: file.id });
    await wrapUnderOldKey(roomId);
    expect(await wrappedBy(roomId)).toBe('test-1');
    const bodyBefore = await roomSql(
      roomId,
      (sql) =>
        new Uint8Array(
          sql.exec('SELECT body FROM messages WHERE id = ?', old.id).one().body as ArrayBuffer,
        ),
    );

    expect(await stub.rotateKey(roomId)).toEqual({ rewrapped: true, keyId: 'test-2' });
    expect(await wrappedBy(roomId)).toBe('test-2');
    expect(await stub.rotateKey(roomId)).toEqual({ rewrapped: false, keyId: 'test-2' });
    // Messages are not re-encrypted (the data key did not change)…
    const bodyAfter = await roomSql(
      roomId,
      (sql) =>
        new Uint8Array(
          sql.exec('SELECT body FROM messages WHERE id = ?', old.id).one().body as ArrayBuffer,
        ),
    );
    expect(bodyAfter).toEqual(bodyBefore);

    // …and the key as stored now (unwrapped with the current master key) opens them.
    const stored = await roomSql(roomId, (sql) => {
      const key = sql.exec('SELECT master_key_id, wrapped FROM room_keys').one();
      const msg = sql.exec('SELECT body FROM messages WHERE id = ?', old.id).one();
      return {
        masterKeyId: String(key.master_key_id),
        wrapped: new Uint8Array(key.wrapped as ArrayBuffer),
        body: new Uint8Array(msg.body as ArrayBuffer),
      };
    });
    const dataKey = await importDataKey(await unwrapDataKey(ring(), roomId, stored));
    expect(await openJson(dataKey, stored.body, messageAad(roomId, old.id))).toMatchObject({
      text: 'Tin cũ',
    });
    const { client } = await connect(roomId, b);
    const page = await stub.history(roomId, b.id, { limit: 10 });
    expect(page.messages.map((m) => m.text)).toContain('Tin cũ');
    const read = await stub.readAttachment(roomId, b.id, file.id);
    expect(new TextDecoder().decode(read?.bytes)).toBe('tệp cũ');
    expect((await say(client, 'Tin mới sau xoay khóa')).seq).toBe(3);
    client.close();
  });

  it('fails cleanly when the wrapping master key is gone', async () => {
    const {
      roomId,
      officials: [a],
    } = await roomWith(1);
    const stub = roomStub(roomId);
    // The object knows its room, then gets a key wrapped by a master key not configured.
    await stub.history(roomId, a.id, { limit: 1 });
    await roomSql(roomId, (sql) =>
      sql.exec(
        "INSERT INTO room_keys (version, master_key_id, wrapped, created_at) VALUES (1, 'da-xoa', ?, ?)",
        crypto.getRandomValues(new Uint8Array(60)).buffer,
        new Date().toISOString(),
      ),
    );
    const send = { clientId: 'mat-khoa', kind: 'text', text: 'Không gửi được' } as const;
    expect(await rpcError(stub.postMessage(roomId, a.id, send))).toBe('chat:key_unavailable');
    expect(await rpcError(stub.rotateKey(roomId))).toBe('chat:key_unavailable');
    // A socket gets an error frame and stays open; nothing was stored.
    const { client } = await connect(roomId, a);
    client.send({ type: 'send', ...send });
    expect((await client.next('error')).code).toBe('key_unavailable');
    client.send({ type: 'ping' });
    await client.next('pong');
    expect(
      await roomSql(roomId, (sql) => sql.exec('SELECT count(*) AS n FROM messages').one().n),
    ).toBe(0);
    client.close();
  });

  it('refuses a wrapped key copied from another room', async () => {
    const one = await roomWith(1);
    const two = await roomWith(1);
    await roomStub(one.roomId).postMessage(one.roomId, one.officials[0].id, {
      clientId: 'a',
      kind: 'text',
      text: 'A',
    });
    await roomStub(two.roomId).history(two.roomId, two.officials[0].id, { limit: 1 });
    const copied = await roomSql(one.roomId, (sql) => sql.exec('SELECT * FROM room_keys').one());
    await roomSql(two.roomId, (sql) =>
      sql.exec(
        'INSERT INTO room_keys (version, master_key_id, wrapped, created_at) VALUES (?, ?, ?, ?)',
        copied.version,
        copied.master_key_id,
        copied.wrapped,
        copied.created_at,
      ),
    );
    expect(
      await rpcError(
        roomStub(two.roomId).postMessage(two.roomId, two.officials[0].id, {
          clientId: 'b',
          kind: 'text',
          text: 'B',
        }),
      ),
    ).toBe('chat:key_unavailable');
  });
});
