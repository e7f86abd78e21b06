import { describe, expect, it } from 'vitest';
import { base64 } from '../officials/crypto';
import {
  chatConfigured,
  importDataKey,
  newDataKey,
  openJson,
  parseMasterKeys,
  requireChatConfigured,
  rewrapDataKey,
  sealJson,
  unwrapDataKey,
  wrapDataKey,
} from './keys';

// The master key list and the wrapping of rooms' data keys, as an operator rotates keys:
// put a new key first, rewrap every room, then drop the old key.

const key = () => base64(crypto.getRandomValues(new Uint8Array(32)));

describe('CHAT_MASTER_KEYS', () => {
  it('parses ids and 32-byte keys, the first current', () => {
    const [k1, k2] = [key(), key()];
    const ring = parseMasterKeys(` new-2026:${k1} , old.2025:${k2}`);
    expect(ring?.current.id).toBe('new-2026');
    expect([...(ring?.byId.keys() ?? [])]).toEqual(['new-2026', 'old.2025']);
    expect(ring?.current.raw).toHaveLength(32);
  });

  it('refuses anything malformed as a whole', () => {
    const k = key();
    for (const bad of [
      undefined,
      '',
      '   ',
      k,
      `:${k}`,
      `a b:${k}`,
      `k1:${base64(new Uint8Array(16))}`,
      'k1:không-phải-base64!!',
      `k1:${k},k1:${key()}`,
      `k1:${k},`,
      `${'x'.repeat(33)}:${k}`,
    ]) {
      expect(parseMasterKeys(bad), String(bad)).toBeNull();
    }
    expect(chatConfigured({ CHAT_MASTER_KEYS: 'k1:ngắn' })).toBe(false);
    expect(() => requireChatConfigured({})).toThrowError(
      expect.objectContaining({ status: 503, code: 'chat_not_configured' }),
    );
    expect(chatConfigured({ CHAT_MASTER_KEYS: `k1:${k}` })).toBe(true);
  });
});

describe('wrapping a room data key', () => {
  it('round-trips, bound to the room and the master key id', async () => {
    const ring = parseMasterKeys(`k2:${key()},k1:${key()}`);
    if (!ring) throw new Error('ring');
    const raw = newDataKey();
    const wrapped = await wrapDataKey(ring.current, 'room-a', raw);
    expect(wrapped.masterKeyId).toBe('k2');
    // 12-byte IV + 32-byte key + 16-byte tag; never the key itself.
    expect(wrapped.wrapped).toHaveLength(60);
    expect(await unwrapDataKey(ring, 'room-a', wrapped)).toEqual(raw);
    await expect(unwrapDataKey(ring, 'room-b', wrapped)).rejects.toThrow('chat:key_unavailable');
    await expect(unwrapDataKey(ring, 'room-a', { ...wrapped, masterKeyId: 'k1' })).rejects.toThrow(
      'chat:key_unavailable',
    );
    const tampered = wrapped.wrapped.slice();
    tampered[20] = (tampered[20] ?? 0) ^ 1;
    await expect(
      unwrapDataKey(ring, 'room-a', { masterKeyId: 'k2', wrapped: tampered }),
    ).rejects.toThrow('chat:key_unavailable');
  });

  it('rotates: new key first, rewrap, drop the old key — old content still opens', async () => {
    const [oldKey, newKey] = [key(), key()];
    const before = parseMasterKeys(`old:${oldKey}`);
    if (!before) throw new Error('ring');
    const raw = newDataKey();
    const wrappedOld = await wrapDataKey(before.current, 'room', raw);
    const sealed = await sealJson(await importDataKey(raw), { text: 'Tin cũ' }, 'aad');

    const during = parseMasterKeys(`new:${newKey},old:${oldKey}`);
    if (!during) throw new Error('ring');
    const rewrapped = await rewrapDataKey(during, 'room', wrappedOld);
    if (!rewrapped) throw new Error('expected a rewrap');
    expect(rewrapped.masterKeyId).toBe('new');
    expect(await rewrapDataKey(during, 'room', rewrapped)).toBeNull();

    const after = parseMasterKeys(`new:${newKey}`);
    if (!after) throw new Error('ring');
    const opened = await unwrapDataKey(after, 'room', rewrapped);
    expect(await openJson(await importDataKey(opened), sealed, 'aad')).toEqual({ text: 'Tin cũ' });
    // A room missed by the rewrap cannot be opened once the old key is gone.
    await expect(unwrapDataKey(after, 'room', wrappedOld)).rejects.toThrow('chat:key_unavailable');
    await expect(rewrapDataKey(after, 'room', wrappedOld)).rejects.toThrow('chat:key_unavailable');
  });

  it('seals with a fresh IV each time and checks the additional data', async () => {
    const k = await importDataKey(newDataKey());
    const a = await sealJson(k, { text: 'giống nhau' }, 'room:m1');
    const b = await sealJson(k, { text: 'giống nhau' }, 'room:m1');
    expect(a).not.toEqual(b);
    await expect(openJson(k, a, 'room:m2')).rejects.toThrow();
    expect(await openJson(k, b, 'room:m1')).toEqual({ text: 'giống nhau' });
  });
});
