// Secrets and identifiers of a report: the public tracking code, the follow token that
// proves "I sent this report", and the hashes the database keeps instead of them.

const encoder = new TextEncoder();

/** Unambiguous on a phone screen and when read aloud: no 0/O, 1/I. 32 symbols, 5 bits each. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CODE_PATTERN = /^PA-[2-9A-HJ-NP-Z]{6}$/;

/** `PA-` + 6 random symbols: 32^6 ≈ 1.07 billion codes; the unique index catches the rare clash. */
export function newTrackingCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  let code = 'PA-';
  for (const b of bytes) code += CODE_ALPHABET[b & 31];
  return code;
}

/** A code as typed by hand: any case, spaces, with or without the dash ("pa 7k3f9q" → "PA-7K3F9Q"). */
export function normaliseTrackingCode(input: string): string {
  const compact = input.toUpperCase().replace(/[\s-]+/g, '');
  return `PA-${compact.replace(/^PA/, '')}`;
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(text));
  return toHex(new Uint8Array(digest));
}

function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

export function base64url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The device id is an opaque client value; only its SHA-256 is stored (reports.device_hash). */
export const hashDeviceId = (deviceId: string) => sha256Hex(deviceId);

/** What reports.follow_token_hash stores. */
export const hashFollowToken = (token: string) => sha256Hex(token);

/**
 * The follow token of a submission: 32 bytes, base64url (43 characters).
 *
 * With FOLLOW_TOKEN_SECRET set it is HMAC-SHA256(secret, submission id): a retried submission
 * whose first answer was lost on the way (weak 3G) gets the same token again, so the device
 * never ends up with a report it cannot rate or reopen. The submission id is a client UUID
 * that never leaves the device and the API, so the token is exactly as secret as the id plus
 * the server key. Without the secret it is 32 random bytes, returned only by the answer that
 * created the report. Either way only its SHA-256 is stored.
 */
export async function followTokenFor(
  submissionId: string,
  secret: string | undefined,
): Promise<{ token: string; deterministic: boolean }> {
  if (!secret) {
    return { token: base64url(crypto.getRandomValues(new Uint8Array(32))), deterministic: false };
  }
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(`follow-token:${submissionId}`));
  return { token: base64url(new Uint8Array(mac)), deterministic: true };
}

/** Constant-time comparison of two hex digests of equal length. */
export function sameDigest(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
