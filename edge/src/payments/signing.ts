import { constantTimeEqualText } from '../officials/crypto';

// The signatures payment providers use: hex HMAC-SHA256 over "k1=v1&k2=v2…" with the keys in
// order. Zalo Checkout signs its order parameters and notifications this way (objects and
// arrays written as their JSON); the generic e-wallet protocol of wallet.ts does too.

const encoder = new TextEncoder();

export async function hmacSha256Hex(key: string, message: string): Promise<string> {
  const k = await crypto.subtle.importKey(
    'raw',
    encoder.encode(key),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', k, encoder.encode(message)));
  let hex = '';
  for (const b of mac) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** "k1=v1&k2=v2…", keys sorted by code unit; objects and arrays as JSON, null as "". */
export function sortedFields(fields: Record<string, unknown>): string {
  return Object.keys(fields)
    .sort()
    .map((k) => {
      const v = fields[k];
      const text =
        v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
      return `${k}=${text}`;
    })
    .join('&');
}

/** Compares a received hex MAC with the expected one, case-insensitively, in constant time. */
export function sameMac(received: unknown, expected: string): boolean {
  return typeof received === 'string' && constantTimeEqualText(received.toLowerCase(), expected);
}
