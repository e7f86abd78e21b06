import type { CourseSummary, TrainingSession } from './types';

/**
 * Search without diacritics ("tap huan lua" finds "Tập huấn lúa"): people type on phones
 * whose keyboard may have no Vietnamese input, or skip the marks to go faster.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every word of the query appears in the course's title, description, audience or agency. */
export function matchesCourse(course: CourseSummary, query: string): boolean {
  const words = foldVietnamese(query).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const haystack = foldVietnamese(
    [course.title, course.description, course.audience, course.agencyName].join(' '),
  );
  return words.every((word) => haystack.includes(word));
}

export type SessionPhase = 'upcoming' | 'live' | 'ended';

export function sessionPhase(session: TrainingSession, now: Date): SessionPhase {
  const t = now.getTime();
  if (t >= Date.parse(session.endsAt)) return 'ended';
  if (t >= Date.parse(session.startsAt)) return 'live';
  return 'upcoming';
}

/** Whether the citizen can still take a place: not started, and a seat left (or no limit). */
export function canRegister(session: TrainingSession, now: Date): boolean {
  if (session.myRegistration) return false;
  if (sessionPhase(session, now) !== 'upcoming') return false;
  return session.seatsLeft === null || session.seatsLeft > 0;
}

/**
 * Questions may be asked by registered people before and during the session; the meeting
 * link is useful until it ends.
 */
export function canAsk(session: TrainingSession, now: Date): boolean {
  return session.myRegistration !== null && sessionPhase(session, now) !== 'ended';
}

const VN_OFFSET_MS = 7 * 3_600_000;

function vnParts(iso: string) {
  const d = new Date(Date.parse(iso) + VN_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`,
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
    weekday: d.getUTCDay(),
    day: d.toISOString().slice(0, 10),
  };
}

/**
 * A session's time in Vietnam: "08:00–10:30, 12/03/2025", with the end's date too when it
 * runs past midnight. `weekday` (0 = Sunday) lets the screen add "Thứ Tư" in its language.
 */
export function sessionTime(startsAt: string, endsAt: string): { weekday: number; text: string } {
  const start = vnParts(startsAt);
  const end = vnParts(endsAt);
  const text =
    start.day === end.day
      ? `${start.time}–${end.time}, ${start.date}`
      : `${start.time} ${start.date} – ${end.time} ${end.date}`;
  return { weekday: start.weekday, text };
}

/** When a session starts, in Vietnam: "08:00, 12/03/2025", with its weekday. */
export function sessionStart(startsAt: string): { weekday: number; text: string } {
  const start = vnParts(startsAt);
  return { weekday: start.weekday, text: `${start.time}, ${start.date}` };
}

/** The meeting link when it is a web address (the only kind the app opens). */
export function meetingLink(session: TrainingSession): string | null {
  const url = session.meetingUrl;
  if (!url) return null;
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}
