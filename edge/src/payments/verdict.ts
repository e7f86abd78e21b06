// What a provider says about a payment, from its notification or its status API, in our
// terms. `pending`: not decided yet; `unknown`: the provider has no such transaction (yet).

export interface Decided {
  state: 'paid' | 'failed';
  /** The provider's id of the transaction or order, when it gave one. */
  providerOrderId: string | null;
  /** What the provider says was paid, when it says. */
  amountVnd: number | null;
  code: string;
  message: string;
}

export type Verdict = Decided | { state: 'pending' | 'unknown'; code: string; message: string };

export const isDecided = (v: Verdict): v is Decided => v.state === 'paid' || v.state === 'failed';

/** The provider could not be reached or answered nonsense: try again later. */
export class ProviderUnavailable extends Error {
  constructor(
    readonly provider: string,
    readonly reason: string,
  ) {
    super(`${provider}: ${reason}`);
    this.name = 'ProviderUnavailable';
  }
}

/** GET a provider's JSON with a timeout; network errors, 5xx and non-JSON are "unavailable". */
export async function fetchProviderJson(
  provider: string,
  url: string,
  timeoutMs: number,
): Promise<{ status: number; body: unknown }> {
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { Accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new ProviderUnavailable(provider, err instanceof Error ? err.name : 'fetch_failed');
  }
  if (res.status >= 500) {
    await res.body?.cancel();
    throw new ProviderUnavailable(provider, `http_${res.status}`);
  }
  try {
    return { status: res.status, body: await res.json() };
  } catch {
    throw new ProviderUnavailable(provider, 'not_json');
  }
}

/** A whole, positive, safe number of đồng from a provider's number or numeric string. */
export function vndAmount(value: unknown): number | null {
  const n = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : null;
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** A provider's id or code as text (numbers allowed), or null. */
export function idText(value: unknown, max = 128): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const t = value.trim();
  return t.length > 0 && t.length <= max ? t : null;
}
