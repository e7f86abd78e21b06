import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, messageOf } from '../api';

// Pieces the appointments, training and survey screens share: Vietnam-time inputs, a polling
// hook that pauses while the tab is hidden, tabs, capacity and progress bars, and the toast
// that shows the outcome of a button wherever the official scrolled to.

const VN_OFFSET_MS = 7 * 3_600_000;

/** An ISO instant as the value of a `datetime-local` input in Vietnam time (UTC+7, no DST). */
export function isoToLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '';
  return new Date(time + VN_OFFSET_MS).toISOString().slice(0, 16);
}

/** The Vietnam-time HH:MM of an instant. */
export function vnTime(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : new Date(time + VN_OFFSET_MS).toISOString().slice(11, 16);
}

/** A YYYY-MM-DD day moved by `days` (calendar arithmetic, no time zone involved). */
export function shiftDay(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export const WEEKDAY_LABELS = [
  'Chủ nhật',
  'Thứ Hai',
  'Thứ Ba',
  'Thứ Tư',
  'Thứ Năm',
  'Thứ Sáu',
  'Thứ Bảy',
];

/** "Thứ Hai, 14/07/2025" for a YYYY-MM-DD day. */
export function dayLabel(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return `${WEEKDAY_LABELS[weekday]}, ${match[3]}/${match[2]}/${match[1]}`;
}

/** "2,4 MB" / "180 KB". */
export function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`
    : `${Math.max(1, Math.ceil(bytes / 1024)).toLocaleString('vi-VN')} KB`;
}

/** Whether an error is the API's answer with this code. */
export const isCode = (error: unknown, code: string) =>
  error instanceof ApiError && error.code === code;

/**
 * Calls `tick` every `ms` while `enabled` and the tab is visible, and once when the tab comes
 * back into view (a screen left open on a counter is fresh when the official looks again).
 */
export function usePolling(tick: () => unknown, ms: number, enabled = true): void {
  const latest = useRef(tick);
  latest.current = tick;
  useEffect(() => {
    if (!enabled) return;
    const timer = window.setInterval(() => {
      if (!document.hidden) void latest.current();
    }, ms);
    const onVisible = () => {
      if (!document.hidden) void latest.current();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [ms, enabled]);
}

export interface Tab<T extends string> {
  id: T;
  label: string;
  count?: number;
}

export function Tabs<T extends string>({
  tabs,
  value,
  onChange,
  label,
}: {
  tabs: readonly Tab<T>[];
  value: T;
  onChange: (id: T) => void;
  label: string;
}) {
  return (
    <div className="svc-tabs" role="tablist" aria-label={label}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          aria-selected={tab.id === value}
          className={tab.id === value ? 'svc-tab is-active' : 'svc-tab'}
          onClick={() => onChange(tab.id)}
        >
          {tab.label}
          {tab.count !== undefined ? <span className="svc-tab__count">{tab.count}</span> : null}
        </button>
      ))}
    </div>
  );
}

/** Places taken out of a capacity, as a bar: green, amber past 80 %, red when full. */
export function CapacityBar({
  used,
  capacity,
  label,
}: {
  used: number;
  capacity: number;
  label?: string;
}) {
  const share = capacity > 0 ? Math.min(1, used / capacity) : 1;
  const tone = used >= capacity ? 'full' : share >= 0.8 ? 'high' : 'ok';
  return (
    <span className={`svc-capacity svc-capacity--${tone}`} title={label ?? 'Số chỗ đã đặt'}>
      <span className="svc-capacity__track">
        <span className="svc-capacity__fill" style={{ width: `${share * 100}%` }} />
      </span>
      <span className="svc-capacity__text">
        {used}/{capacity}
      </span>
    </span>
  );
}

/** An upload's progress: the bar and its percentage. */
export function ProgressBar({ percent, label }: { percent: number; label: string }) {
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <div className="svc-progress">
      <div
        className="svc-progress__track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
      >
        <div className="svc-progress__fill" style={{ width: `${value}%` }} />
      </div>
      <span className="svc-progress__text">{value} %</span>
    </div>
  );
}

/**
 * Runs the screen's buttons one at a time: a busy flag, and the outcome (a notice, or the
 * API's message) for the toast.
 */
export function useFeedback() {
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const clear = useCallback(() => {
    setNotice(null);
    setError(null);
  }, []);
  const run = useCallback(
    async (action: () => Promise<unknown>, success?: string): Promise<boolean> => {
      setBusy(true);
      setError(null);
      setNotice(null);
      try {
        await action();
        if (success) setNotice(success);
        return true;
      } catch (err) {
        setError(messageOf(err));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [],
  );
  return { notice, error, busy, clear, run, setNotice, setError };
}

export type Feedback = ReturnType<typeof useFeedback>;

/**
 * The outcome of the last button, pinned to the bottom of the window: the buttons of a long
 * day list are far below the page's header, where a notice would go unseen.
 */
export function Toast({ feedback }: { feedback: Feedback }) {
  const { notice, error, clear: onClose } = feedback;
  useEffect(() => {
    if (!notice || error) return;
    const timer = window.setTimeout(onClose, 6000);
    return () => window.clearTimeout(timer);
  }, [notice, error, onClose]);
  if (!notice && !error) return null;
  return (
    <div
      className={error ? 'svc-toast svc-toast--error' : 'svc-toast'}
      role={error ? 'alert' : 'status'}
    >
      <span>{error ?? notice}</span>
      <button type="button" className="link-button" onClick={onClose} aria-label="Đóng thông báo">
        ✕
      </button>
    </div>
  );
}

/** A titled block of a page (card with a heading row and optional buttons on the right). */
export function Panel({
  title,
  actions,
  children,
  label,
}: {
  title: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  label?: string;
}) {
  return (
    <section className="card svc-panel" aria-label={label}>
      <div className="svc-panel__head">
        <h2>{title}</h2>
        {actions ? <div className="row">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}
