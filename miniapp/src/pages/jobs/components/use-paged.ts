import { useEffect, useRef, useState } from 'react';
import type { ApiError, ApiResult } from '../../../services/api';
import type { Paged } from '../../../services/jobs/types';

export type Listing<T> = {
  items: T[];
  nextCursor: string | null;
  loading: boolean;
  error?: ApiError;
};

/**
 * A cursor-paged list: a new `key` (filters, search) starts over, `load(cursor)` appends the
 * next page, and an answer that arrives after the key changed again is dropped.
 */
export function usePaged<T>(
  fetchPage: (cursor?: string) => Promise<ApiResult<Paged<T>>> | null,
  key: string,
) {
  const [listing, setListing] = useState<Listing<T>>({
    items: [],
    nextCursor: null,
    loading: true,
  });
  const generation = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const load = async (cursor?: string) => {
    const mine = cursor ? generation.current : ++generation.current;
    const pending = fetchRef.current(cursor);
    if (!pending) {
      setListing({ items: [], nextCursor: null, loading: false });
      return;
    }
    setListing((l) => ({ ...l, loading: true, error: undefined }));
    const result = await pending;
    if (mine !== generation.current) return;
    setListing((l) =>
      result.ok
        ? {
            items: cursor ? [...l.items, ...result.data.items] : result.data.items,
            nextCursor: result.data.nextCursor,
            loading: false,
          }
        : { ...l, loading: false, error: result.error },
    );
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names everything load reads
  useEffect(() => {
    void load();
  }, [key]);
  return { listing, load, reload: () => load() };
}
