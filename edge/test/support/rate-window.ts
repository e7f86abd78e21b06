/**
 * Miniflare's rate limiter counts in fixed windows aligned to the clock
 * (`Math.floor(Date.now() / period)`), like Cloudflare's. A test that expects the
 * request after the limit to be refused must send them all inside one window: on a
 * slow CI machine a run that straddles a window boundary sees the counter reset and
 * the refusal never comes. Waits, when needed, for a window with enough time left.
 */
export async function withinOneRateWindow(
  secondsNeeded: number,
  periodSeconds = 60,
): Promise<void> {
  const periodMs = periodSeconds * 1000;
  const left = periodMs - (Date.now() % periodMs);
  if (left < secondsNeeded * 1000) await scheduler.wait(left + 100);
}
