import { Secret, TOTP } from 'otpauth';

// The optional second factor: RFC 6238 TOTP (SHA-1, 6 digits, 30 s), what every
// authenticator app reads from an otpauth:// URL or its QR code.

export const TOTP_ISSUER = 'Tỉnh – Cán bộ';

function totpFor(secretBase32: string, label = 'can-bo') {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A new random secret (160 bits, base32) and its otpauth:// URL for the authenticator app. */
export function newTotpSecret(email: string): { secret: string; otpauthUrl: string } {
  const secret = new Secret({ size: 20 }).base32;
  return { secret, otpauthUrl: totpFor(secret, email).toString() };
}

/** The otpauth:// URL of an existing secret. */
export function otpauthUrl(secretBase32: string, email: string): string {
  return totpFor(secretBase32, email).toString();
}

/**
 * Whether `code` is the current code, or the one just before or after (window 1: clocks of
 * phones drift and people type slowly).
 */
export function verifyTotp(secretBase32: string, code: string, timestamp = Date.now()): boolean {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return false;
  try {
    return totpFor(secretBase32).validate({ token, window: 1, timestamp }) !== null;
  } catch {
    // A stored secret that is not base32 (corrupted row): never a match.
    return false;
  }
}

/** The current code of a secret (tests, the local demo). */
export function currentTotp(secretBase32: string, timestamp = Date.now()): string {
  return totpFor(secretBase32).generate({ timestamp });
}
