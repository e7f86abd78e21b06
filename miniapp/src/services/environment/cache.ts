import { createStore, delMany, entries, get, set } from 'idb-keyval';

/**
 * The last answer of each weather and environment request, kept on the phone: opened with
 * a weak or no signal (a field, a sluice gate), a screen shows the figures it had last
 * time, with their time, instead of a spinner that never ends. IndexedDB through
 * idb-keyval, like the report drafts; in memory where IndexedDB is missing or broken.
 *
 * A memory layer in front answers synchronously, so going back to a screen seen in this
 * session draws it at once, without a skeleton flash.
 */

export type Cached<T> = { data: T; savedAt: string };

export type CacheBackend = {
  get: (key: string) => Promise<unknown>;
  set: (key: string, value: Cached<unknown>) => Promise<void>;
  entries: () => Promise<[string, unknown][]>;
  delMany: (keys: string[]) => Promise<void>;
};

/** Entries not refreshed for this long are deleted (old series of stations never reopened). */
export const CACHE_MAX_AGE_MS = 14 * 86_400_000;

export function memoryBackend(): CacheBackend {
  const map = new Map<string, unknown>();
  return {
    get: async (key) => map.get(key),
    set: async (key, value) => {
      map.set(key, value);
    },
    entries: async () => [...map.entries()],
    delMany: async (keys) => {
      for (const key of keys) map.delete(key);
    },
  };
}

export function indexedDbBackend(): CacheBackend {
  if (typeof indexedDB === 'undefined') return memoryBackend();
  const store = createStore('hgs-environment', 'cache');
  const fallback = memoryBackend();
  let broken = false;
  const guard =
    <A extends unknown[], R>(
      run: (...args: A) => Promise<R>,
      otherwise: (...args: A) => Promise<R>,
    ) =>
    async (...args: A): Promise<R> => {
      if (broken) return otherwise(...args);
      try {
        return await run(...args);
      } catch {
        broken = true;
        return otherwise(...args);
      }
    };
  return {
    get: guard((key: string) => get(key, store), fallback.get),
    set: guard((key: string, value: Cached<unknown>) => set(key, value, store), fallback.set),
    entries: guard(() => entries<string, unknown>(store), fallback.entries),
    delMany: guard((keys: string[]) => delMany(keys, store), fallback.delMany),
  };
}

function isCached(value: unknown): value is Cached<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    'data' in value &&
    'savedAt' in value &&
    typeof value.savedAt === 'string'
  );
}

export function createCache(backend: CacheBackend, now: () => Date = () => new Date()) {
  const memory = new Map<string, Cached<unknown>>();
  let pruned = false;

  async function prune(): Promise<void> {
    const oldest = now().getTime() - CACHE_MAX_AGE_MS;
    const stale = (await backend.entries())
      .filter(([, value]) => !isCached(value) || new Date(value.savedAt).getTime() < oldest)
      .map(([key]) => key);
    if (stale.length > 0) await backend.delMany(stale);
  }

  return {
    /** What this session already has, synchronously (no storage read). */
    peek<T>(key: string): Cached<T> | undefined {
      return memory.get(key) as Cached<T> | undefined;
    },

    async read<T>(key: string): Promise<Cached<T> | undefined> {
      const held = memory.get(key);
      if (held) return held as Cached<T>;
      try {
        const stored = await backend.get(key);
        if (!isCached(stored)) return undefined;
        memory.set(key, stored);
        return stored as Cached<T>;
      } catch {
        return undefined;
      }
    },

    async write<T>(key: string, data: T): Promise<Cached<T>> {
      const entry: Cached<T> = { data, savedAt: now().toISOString() };
      memory.set(key, entry);
      try {
        await backend.set(key, entry);
        // Once per session, after the first write: clearing out never blocks a screen.
        if (!pruned) {
          pruned = true;
          await prune();
        }
      } catch {
        // A full or refused storage only costs the offline copy.
      }
      return entry;
    },
  };
}

export type EnvironmentCache = ReturnType<typeof createCache>;

let shared: EnvironmentCache | undefined;

/** The app's cache, opened on first use. */
export function environmentCache(): EnvironmentCache {
  shared ??= createCache(indexedDbBackend());
  return shared;
}
