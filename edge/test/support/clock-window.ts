/**
 * Some things count in fixed windows aligned to the clock (`Math.floor(Date.now() / period)`):
 * Miniflare's rate limiter, like Cloudflare's, and the time bucket in the cache key and ETag
 * of pages that change with time alone (`versionedCache`'s `bucketSeconds`). A test that
 * expects the request after a limit to be refused, or a 304 for the ETag it just got, must
 * make its requests inside one window: on a slow CI machine a run that straddles a boundary
 * sees the counter reset or the ETag change. Waits, when needed, for a window with enough
 * time left.
 */
export async function withinOneClockWindow(
  secondsNeeded: number,
  periodSeconds = 60,
): Promise<void> {
  const periodMs = periodSeconds * 1000;
  const left = periodMs - (Date.now() % periodMs);
  if (left < secondsNeeded * 1000) await scheduler.wait(left + 100);
}
