import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';
import { messageOf } from '../api';
import { STATUS_LABELS } from '../format';

/**
 * Loads data for a page, again whenever `deps` (the inputs `load` reads) change; `reload()`
 * fetches again after an action. An answer that arrives after a newer request is dropped.
 */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const latest = useRef(load);
  latest.current = load;
  const generation = useRef(0);
  const run = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const value = await latest.current();
      if (mine === generation.current) {
        setData(value);
        setError(null);
      }
    } catch (err) {
      if (mine === generation.current) setError(messageOf(err));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);
  const key = JSON.stringify(deps);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the caller's inputs.
  useEffect(() => {
    void run();
  }, [run, key]);
  return { data, error, loading, reload: run, setData };
}

export function StatusBadge({ status, overdue }: { status: string; overdue?: boolean }) {
  return (
    <span className="badges">
      <span className={`badge badge--${status}`}>{STATUS_LABELS[status] ?? status}</span>
      {overdue ? <span className="badge badge--overdue">Quá hạn</span> : null}
    </span>
  );
}

export function ErrorBox({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p className="alert alert--error" role="alert">
      {message}
    </p>
  );
}

export function Notice({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p className="alert alert--ok" role="status">
      {message}
    </p>
  );
}

export function Pager({
  page,
  pageSize,
  total,
  totalCapped = false,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  /** The server stopped counting at `total`: there are more. */
  totalCapped?: boolean;
  onPage: (page: number) => void;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <div className="pager">
      <span>
        {first}–{last} / {totalCapped ? 'hơn ' : ''}
        {total.toLocaleString('vi-VN')}
      </span>
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        ‹ Trang trước
      </button>
      <span>
        Trang {page}/{totalCapped ? `${pages}+` : pages}
      </span>
      <button
        type="button"
        disabled={page >= pages && !totalCapped}
        onClick={() => onPage(page + 1)}
      >
        Trang sau ›
      </button>
    </div>
  );
}

/** Runs an action with a busy flag and an error message; answers whether it succeeded. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (action: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (err) {
      setError(messageOf(err));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}

/** Copies text to the clipboard; falls back to selecting it where the API is refused. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
