import type { RateLimit } from '@cloudflare/workers-types';
import { ApiError } from './errors';

// Anonymous writes are rate-limited with the Workers rate-limiting binding (wrangler.toml
// `[[ratelimits]]`): counters live at Cloudflare's edge, per location, so nothing in the
// Worker keeps state. Limits are per key (a device hash, an IP) and per period (10 or 60 s).

export const RATE_LIMITED_MESSAGE = 'Bạn gửi quá nhanh, vui lòng thử lại sau ít phút.';

export interface LimitCheck {
  limiter: RateLimit | undefined;
  /** Null or empty: this check does not apply (for example no client IP is known). */
  key: string | null | undefined;
  /** The binding's period, seconds: what Retry-After tells the client. */
  periodSeconds: number;
}

/**
 * Throws 429 `rate_limited` with Retry-After when any limiter refuses its key. A missing
 * binding (not configured) or a limiter that fails lets the request through: rate limiting
 * protects the service, it must not take it down.
 */
export async function enforceRateLimits(checks: readonly LimitCheck[]): Promise<void> {
  const outcomes = await Promise.all(
    checks.map(async (check) => {
      if (!check.limiter || !check.key) return { ok: true, period: check.periodSeconds };
      try {
        const { success } = await check.limiter.limit({ key: check.key });
        return { ok: success, period: check.periodSeconds };
      } catch {
        return { ok: true, period: check.periodSeconds };
      }
    }),
  );
  const refused = outcomes.filter((o) => !o.ok);
  if (refused.length === 0) return;
  const retryAfter = Math.max(...refused.map((o) => o.period));
  throw new ApiError(
    429,
    'rate_limited',
    RATE_LIMITED_MESSAGE,
    { retryAfter },
    {
      'Retry-After': String(retryAfter),
    },
  );
}

/** The client's IP as Cloudflare saw it (not spoofable behind Cloudflare); null locally. */
export function clientIp(headers: Headers): string | null {
  return headers.get('cf-connecting-ip')?.trim() || null;
}
