import type { ChatMessage } from './types';

// Times of the chat in Vietnam's clock (UTC+7, no daylight saving), whatever the device's
// own zone: a message at 23:30 in Hậu Giang belongs to that day for everyone in the room.

const TZ = 'Asia/Ho_Chi_Minh';

const dayKey = new Intl.DateTimeFormat('en-CA', { timeZone: TZ });
const clock = new Intl.DateTimeFormat('vi-VN', {
  timeZone: TZ,
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const shortDate = new Intl.DateTimeFormat('vi-VN', {
  timeZone: TZ,
  day: '2-digit',
  month: '2-digit',
});
const longDate = new Intl.DateTimeFormat('vi-VN', {
  timeZone: TZ,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

/** YYYY-MM-DD of an instant in Vietnam. */
export function vnDayOf(iso: string | number): string {
  return dayKey.format(new Date(iso));
}

/** "14:05". */
export function timeOf(iso: string): string {
  return clock.format(new Date(iso));
}

/** Which day an instant is, relative to `now`: for "Hôm nay" / "Hôm qua" labels. */
export function dayOffset(iso: string, now: number = Date.now()): number {
  const a = Date.parse(`${vnDayOf(iso)}T00:00:00Z`);
  const b = Date.parse(`${vnDayOf(now)}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}

/** The room list's time: "14:05" today, "12/03" this year, "12/03/2025" before. */
export function listTime(iso: string, now: number = Date.now()): string {
  if (dayOffset(iso, now) === 0) return timeOf(iso);
  return vnDayOf(iso).slice(0, 4) === vnDayOf(now).slice(0, 4)
    ? shortDate.format(new Date(iso))
    : longDate.format(new Date(iso));
}

export function dateOf(iso: string): string {
  return longDate.format(new Date(iso));
}

/** "850 KB", "2,4 MB". */
export function fileSize(bytes: number, locale = 'vi-VN'): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
}

/** "1:05", "1:02:03" for a call's length. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${r}` : `${m}:${r}`;
}

/** Initials for an avatar: "Trần Văn Xây" → "TX". */
export function initials(name: string): string {
  const words = name
    .replace(/\(.*?\)/g, '')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  const first = words[0]?.[0] ?? '?';
  const last = words.length > 1 ? (words.at(-1)?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** A stable colour for a person's avatar. */
export function hueOf(id: string): number {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) % 360;
  return h;
}

/** Whether two consecutive messages are one run (same sender, within 5 minutes). */
export function sameRun(a: ChatMessage | undefined, b: ChatMessage): boolean {
  return (
    !!a &&
    a.senderId === b.senderId &&
    Date.parse(b.createdAt) - Date.parse(a.createdAt) < 5 * 60_000 &&
    vnDayOf(a.createdAt) === vnDayOf(b.createdAt)
  );
}
