/**
 * Upload progress of the files being sent, per draft and file, for the progress bars.
 * Kept outside Recoil: it changes many times a second during an upload and only the bars
 * themselves need to re-render (useSyncExternalStore).
 */

export type FileProgress = { sent: number; total: number; done: boolean };

type Snapshot = ReadonlyMap<string, FileProgress>;

const key = (submissionId: string, localId: string) => `${submissionId}/${localId}`;

export function createProgressStore() {
  let snapshot: Snapshot = new Map();
  const listeners = new Set<() => void>();

  const emit = () => {
    for (const listener of listeners) listener();
  };

  return {
    set(submissionId: string, localId: string, progress: FileProgress): void {
      const previous = snapshot.get(key(submissionId, localId));
      if (
        previous &&
        previous.sent === progress.sent &&
        previous.total === progress.total &&
        previous.done === progress.done
      ) {
        return;
      }
      const next = new Map(snapshot);
      next.set(key(submissionId, localId), progress);
      snapshot = next;
      emit();
    },
    clear(submissionId: string): void {
      const prefix = `${submissionId}/`;
      const next = new Map([...snapshot].filter(([k]) => !k.startsWith(prefix)));
      if (next.size === snapshot.size) return;
      snapshot = next;
      emit();
    },
    get(submissionId: string, localId: string): FileProgress | undefined {
      return snapshot.get(key(submissionId, localId));
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot: (): Snapshot => snapshot,
  };
}

export type ProgressStore = ReturnType<typeof createProgressStore>;

export const uploadProgress = createProgressStore();
