import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, ApiResult } from '../services/api';

export type ApiState<T> =
  | { status: 'loading'; data?: T; error?: undefined }
  | { status: 'ready'; data: T; error?: undefined }
  | { status: 'error'; data?: T; error: ApiError };

/**
 * Runs an API call when the dependencies change and keeps the latest answer: loading,
 * ready or error (with the API's Vietnamese message). An answer that arrives after the
 * dependencies changed again is dropped, so a slow first request never overwrites a
 * newer one. `reload()` runs it again (the "Thử lại" button).
 */
export function useApi<T>(
  call: () => Promise<ApiResult<T>> | null,
  deps: DependencyList,
): ApiState<T> & { reload: () => void } {
  const [state, setState] = useState<ApiState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const generation = useRef(0);
  const callRef = useRef(call);
  callRef.current = call;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to refetch
  useEffect(() => {
    const mine = ++generation.current;
    const pending = callRef.current();
    if (!pending) return;
    setState((previous) => ({ status: 'loading', data: previous.data }));
    void pending.then((result) => {
      if (mine !== generation.current) return;
      setState((previous) =>
        result.ok
          ? { status: 'ready', data: result.data }
          : { status: 'error', data: previous.data, error: result.error },
      );
    });
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
