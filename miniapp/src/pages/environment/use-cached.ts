import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, ApiResult } from '../../services/api';
import { environmentCache } from '../../services/environment/cache';

export type CachedState<T> = {
  status: 'loading' | 'ready' | 'error';
  data?: T;
  /** When `data` was fetched: now for a fresh answer, earlier for a kept copy. */
  savedAt?: string;
  /** `data` is a kept copy: the request has not answered (yet) or failed. */
  fromCache: boolean;
  error?: ApiError;
  reload: () => void;
};

type Inner<T> = Omit<CachedState<T>, 'reload'> & { key: string | null };

function initial<T>(key: string | null): Inner<T> {
  const held = key ? environmentCache().peek<T>(key) : undefined;
  return held
    ? { key, status: 'loading', data: held.data, savedAt: held.savedAt, fromCache: true }
    : { key, status: 'loading', fromCache: false };
}

/**
 * An API call whose last answer is kept on the phone (services/environment/cache.ts):
 * the kept copy is shown at once, the request runs, and its answer replaces the copy. When
 * the request fails the copy stays on screen with the error beside it, so a weak signal
 * costs freshness, never the figures. `key` null: nothing to load yet.
 */
export function useCachedApi<T>(
  key: string | null,
  call: () => Promise<ApiResult<T>>,
): CachedState<T> {
  const [state, setState] = useState<Inner<T>>(() => initial<T>(key));
  const [attempt, setAttempt] = useState(0);
  const generation = useRef(0);
  const callRef = useRef(call);
  callRef.current = call;

  // A new key shows its own copy (or a skeleton) in the same render, never the old key's data.
  const current = state.key === key ? state : initial<T>(key);

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt re-runs the request
  useEffect(() => {
    const mine = ++generation.current;
    setState((previous) =>
      previous.key === key ? { ...previous, status: 'loading', error: undefined } : initial<T>(key),
    );
    if (!key) return;
    const cache = environmentCache();
    let answered = false;
    void cache.read<T>(key).then((kept) => {
      if (answered || !kept || mine !== generation.current) return;
      setState((previous) =>
        previous.data === undefined
          ? { ...previous, data: kept.data, savedAt: kept.savedAt, fromCache: true }
          : previous,
      );
    });
    void callRef.current().then(async (result) => {
      answered = true;
      if (mine !== generation.current) return;
      if (result.ok) {
        const entry = await cache.write(key, result.data);
        if (mine !== generation.current) return;
        setState({
          key,
          status: 'ready',
          data: result.data,
          savedAt: entry.savedAt,
          fromCache: false,
        });
        return;
      }
      const kept = await cache.read<T>(key);
      if (mine !== generation.current) return;
      setState((previous) => ({
        key,
        status: 'error',
        error: result.error,
        ...(kept
          ? { data: kept.data, savedAt: kept.savedAt, fromCache: true }
          : previous.key === key && previous.data !== undefined
            ? { data: previous.data, savedAt: previous.savedAt, fromCache: true }
            : { fromCache: false }),
      }));
    });
  }, [key, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const { key: _key, ...visible } = current;
  return { ...visible, reload };
}

/** The current time, moved on every minute: "5 phút trước" keeps counting on an open screen. */
export function useNow(intervalMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
