import type { ApiResult } from '../api';

/**
 * Idempotency keys for bookings. A booking whose answer was lost (weak network, timeout,
 * the server busy) may well have been made: the retry must send the same `requestKey`, so
 * the server answers that booking instead of taking a second place. The key is dropped only
 * once the server has answered the booking, and the next booking gets a new one.
 *
 * Keys are kept per flow ("book in department X", "move booking Y") for as long as the
 * app runs, so leaving the form after a failure and coming back still reuses the key.
 */

export function randomUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // RFC 4122 v4 from getRandomValues, for WebViews without randomUUID (pre-2021 Android).
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export type RequestKeys = {
  /** The key of the flow's pending attempt, created on first use. */
  keyFor: (flow: string) => string;
  /** The flow's booking is settled: its next attempt is a new booking. */
  settle: (flow: string) => void;
};

export function createRequestKeys(newKey: () => string = randomUuid): RequestKeys {
  const pending = new Map<string, string>();
  return {
    keyFor(flow) {
      let key = pending.get(flow);
      if (!key) {
        key = newKey();
        pending.set(flow, key);
      }
      return key;
    },
    settle(flow) {
      pending.delete(flow);
    },
  };
}

/**
 * Whether an answer proves that no booking was made with the key. Refusals (slot full,
 * limit reached, invalid data) do; a lost answer or a server error does not, and a
 * refusal that ended the session (401) says nothing about an earlier attempt either.
 */
function provesNothingMade(result: ApiResult<unknown>): boolean {
  if (result.ok) return false;
  const { error } = result;
  return error.kind === 'http' && error.status >= 400 && error.status < 500 && error.status !== 401;
}

/**
 * Sends one attempt of a flow with its key. Success settles the flow; so does a refusal
 * that proves nothing was booked, since the citizen may now pick another slot or change
 * the details, and that is a new request. Anything else keeps the key for the retry.
 */
export async function sendOnce<T>(
  keys: RequestKeys,
  flow: string,
  send: (requestKey: string) => Promise<ApiResult<T>>,
): Promise<ApiResult<T>> {
  const result = await send(keys.keyFor(flow));
  if (result.ok || provesNothingMade(result)) keys.settle(flow);
  return result;
}

/** The app's keys. */
export const bookingKeys = createRequestKeys();
