import { describe, expect, it } from 'vitest';
import { CACHE_MAX_AGE_MS, createCache, memoryBackend } from './cache';

describe('kept copies', () => {
  it('keeps the last answer with its time, readable from storage in a new session', async () => {
    const backend = memoryBackend();
    const now = new Date('2026-03-10T08:00:00Z');
    const first = createCache(backend, () => now);
    await first.write('stations:water', [{ id: 'a' }]);
    expect(first.peek('stations:water')).toEqual({
      data: [{ id: 'a' }],
      savedAt: '2026-03-10T08:00:00.000Z',
    });

    const next = createCache(backend, () => now);
    expect(next.peek('stations:water')).toBeUndefined();
    expect(await next.read('stations:water')).toEqual({
      data: [{ id: 'a' }],
      savedAt: '2026-03-10T08:00:00.000Z',
    });
    // Read once, then answered from memory.
    expect(next.peek('stations:water')?.data).toEqual([{ id: 'a' }]);
  });

  it('ignores damaged entries and a storage that throws', async () => {
    const backend = memoryBackend();
    await backend.set('bad', { nonsense: true } as never);
    const cache = createCache(backend);
    expect(await cache.read('bad')).toBeUndefined();

    const broken = createCache({
      get: async () => {
        throw new Error('quota');
      },
      set: async () => {
        throw new Error('quota');
      },
      entries: async () => [],
      delMany: async () => undefined,
    });
    expect(await broken.read('x')).toBeUndefined();
    await expect(broken.write('x', 1)).resolves.toMatchObject({ data: 1 });
    expect(broken.peek('x')?.data).toBe(1);
  });

  it('clears out copies not refreshed for two weeks', async () => {
    const backend = memoryBackend();
    let now = new Date('2026-03-01T00:00:00Z');
    const old = createCache(backend, () => now);
    await old.write('series:old:salinity:24h', [1]);
    now = new Date(now.getTime() + CACHE_MAX_AGE_MS + 1000);
    const later = createCache(backend, () => now);
    await later.write('series:new:salinity:24h', [2]);
    const keys = (await backend.entries()).map(([key]) => key);
    expect(keys).toEqual(['series:new:salinity:24h']);
  });
});
