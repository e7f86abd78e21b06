// Small WebCrypto helpers of officials' accounts: random secrets, their stored SHA-256, and
// the HMAC of CSRF tokens. Only `crypto.subtle` and `crypto.getRandomValues`, so the same
// code runs in the Worker and in Node (db/src/cli/create-admin.ts, scripts/demo-officials.ts):
// a token made by one is recognised by the other.

const encoder = new TextEncoder();

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** Decodes standard base64; null when the text is not base64. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | null {
  try {
    const binary = atob(text);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(n));
}

/** A random secret: `<prefix><base64url of 32 random bytes>` (256 bits). */
export function randomToken(prefix = ''): string {
  return `${prefix}${base64url(randomBytes(32))}`;
}

/** Prefix of officials' session tokens, so the citizen middleware can tell them from JWTs. */
export const SESSION_TOKEN_PREFIX = 'ofs_';
/** Prefix of password (re)set tokens sent by link. */
export const PASSWORD_TOKEN_PREFIX = 'ofp_';

/** Hex SHA-256 of a secret: the only form in which session and link tokens are stored. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** base64url HMAC-SHA256 of `message` under `key`. */
export async function hmacBase64url(key: string, message: string): Promise<string> {
  const k = await crypto.subtle.importKey(
    'raw',
    encoder.encode(key),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return base64url(new Uint8Array(await crypto.subtle.sign('HMAC', k, encoder.encode(message))));
}

/** Compares two byte strings in time that depends only on their length. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export function constantTimeEqualText(a: string, b: string): boolean {
  return constantTimeEqual(encoder.encode(a), encoder.encode(b));
}

/** A random 8-digit code (Zalo link codes), uniform over 00000000–99999999. */
export function randomDigits(length = 8): string {
  let out = '';
  while (out.length < length) {
    // Rejection sampling keeps every digit uniform (256 is not a multiple of 10).
    const [b] = crypto.getRandomValues(new Uint8Array(1));
    if (b !== undefined && b < 250) out += String(b % 10);
  }
  return out;
}
