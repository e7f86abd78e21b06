import { describe, expect, it } from 'vitest';
import { createRequestKeys } from './request-key';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

function counter() {
  let n = 0;
  return () => `00000000-0000-0000-0000-${String(++n).padStart(12, '0')}`;
}

describe('request keys of new orders', () => {
  it('are valid for the API and kept per payable before they are sent', () => {
    const storage = memoryStorage();
    const keys = createRequestKeys(storage, counter());
    const key = keys.current('procedures', 'p1');
    expect(key).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(storage.items.size).toBe(1);
    expect(keys.current('procedures', 'p2')).not.toBe(key);
  });

  it('survive a reload and a lost answer: the same key, so the same order', () => {
    const storage = memoryStorage();
    const random = counter();
    const key = createRequestKeys(storage, random).current('procedures', 'p1');
    // A reload: a new instance reading the same sessionStorage.
    const afterReload = createRequestKeys(storage, random);
    expect(afterReload.current('procedures', 'p1')).toBe(key);
    // The answer came: the order is open, the key stays.
    afterReload.settle('procedures', 'p1', key, { id: 'o1', status: 'created' });
    expect(afterReload.current('procedures', 'p1')).toBe(key);
    afterReload.settle('procedures', 'p1', key, { id: 'o1', status: 'pending' });
    expect(createRequestKeys(storage, random).current('procedures', 'p1')).toBe(key);
  });

  it('are spent once their order is final: the next attempt is a new order', () => {
    for (const status of ['paid', 'failed', 'cancelled', 'expired'] as const) {
      const keys = createRequestKeys(memoryStorage(), counter());
      const key = keys.current('procedures', 'p1');
      keys.settle('procedures', 'p1', key, { id: 'o1', status });
      expect(keys.current('procedures', 'p1'), status).not.toBe(key);
    }
  });

  it('are released by the order page only for the order they made', () => {
    const keys = createRequestKeys(memoryStorage(), counter());
    const key = keys.current('procedures', 'p1');
    keys.settle('procedures', 'p1', key, { id: 'o1', status: 'created' });
    keys.release('procedures', 'p1', 'some-older-order');
    expect(keys.current('procedures', 'p1')).toBe(key);
    keys.release('procedures', 'p1', 'o1');
    expect(keys.current('procedures', 'p1')).not.toBe(key);
  });

  it('ignore a late answer to a key already replaced', () => {
    const keys = createRequestKeys(memoryStorage(), counter());
    const old = keys.current('procedures', 'p1');
    keys.discard('procedures', 'p1');
    const next = keys.current('procedures', 'p1');
    keys.settle('procedures', 'p1', old, { id: 'o0', status: 'paid' });
    expect(keys.current('procedures', 'p1')).toBe(next);
  });

  it('work in memory when storage is missing or refuses, and skip garbage', () => {
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    const keys = createRequestKeys(refusing, counter());
    const key = keys.current('procedures', 'p1');
    expect(keys.current('procedures', 'p1')).toBe(key);
    const none = createRequestKeys(undefined, counter());
    expect(none.current('procedures', 'p1')).toBe(none.current('procedures', 'p1'));

    const storage = memoryStorage();
    storage.items.set('hgs.pay.key.procedures:p1', '{"key":"x"}');
    expect(createRequestKeys(storage, counter()).current('procedures', 'p1')).toMatch(/^pay/);
  });
});
