/** First wait after a dropped connection, ms. */
export const BACKOFF_BASE_MS = 1_000;
/** Longest wait between two attempts, ms. */
export const BACKOFF_CAP_MS = 30_000;

/**
 * How long to wait before reconnect attempt `attempt` (0 for the first retry): the ceiling
 * doubles from 1 s up to 30 s, and the wait is drawn from its upper half. The random half
 * matters: when a room's Durable Object restarts, all its members drop at the same instant,
 * and without jitter they would all come back at the same instant too, every time.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(ceiling / 2 + (ceiling / 2) * r);
}
