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

const PERIOD_MS = 30_000;

/**
 * The time step `code` belongs to when it is the current code, or the one just before or
 * after (window 1: clocks of phones drift and people type slowly); null when it matches none.
 * Sign-in remembers the step so that the same code cannot be used twice.
 */
export function totpStep(
  secretBase32: string,
  code: string,
  timestamp = Date.now(),
): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  try {
    const delta = totpFor(secretBase32).validate({ token, window: 1, timestamp });
    return delta === null ? null : Math.floor(timestamp / PERIOD_MS) + delta;
  } catch {
    // A stored secret that is not base32 (corrupted row): never a match.
    return null;
  }
}

/** Whether `code` is valid now (enabling and disabling TOTP, where replay is harmless). */
export function verifyTotp(secretBase32: string, code: string, timestamp = Date.now()): boolean {
  return totpStep(secretBase32, code, timestamp) !== null;
}

/** The current code of a secret (tests, the local demo). */
export function currentTotp(secretBase32: string, timestamp = Date.now()): string {
  return totpFor(secretBase32).generate({ timestamp });
}
