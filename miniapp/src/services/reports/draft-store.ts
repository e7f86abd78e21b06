import { createStore, del, get, set, values } from 'idb-keyval';
import { type Draft, type DraftStore, memoryDraftStore } from './outbox';

/**
 * Drafts in IndexedDB: the only browser storage that holds Blobs (the photos) and
 * survives the mini app being closed. Where IndexedDB is missing or refuses to open
 * (some private modes, very old WebViews) drafts live in memory for this session only.
 */
export function indexedDbDraftStore(): DraftStore {
  if (typeof indexedDB === 'undefined') return memoryDraftStore();
  const store = createStore('hgs-reports', 'drafts');
  const fallback = memoryDraftStore();
  let broken = false;
  const guard = async <T>(run: () => Promise<T>, otherwise: () => Promise<T>): Promise<T> => {
    if (broken) return otherwise();
    try {
      return await run();
    } catch {
      broken = true;
      return otherwise();
    }
  };
  return {
    get: (id) =>
      guard(
        () => get<Draft>(id, store),
        () => fallback.get(id),
      ),
    set: (id, draft) =>
      guard(
        () => set(id, draft, store),
        () => fallback.set(id, draft),
      ),
    del: (id) =>
      guard(
        () => del(id, store),
        () => fallback.del(id),
      ),
    values: () =>
      guard(
        () => values<Draft>(store),
        () => fallback.values(),
      ),
  };
}
