import { base64, constantTimeEqual, fromBase64, randomBytes } from './crypto';

// Officials' passwords: PBKDF2-SHA256 through WebCrypto (the only slow KDF workerd offers
// natively), in a self-describing string `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`,
// so the cost can rise later and old hashes still verify (and are re-hashed on sign-in).

export const PBKDF2_ITERATIONS = 210_000;
const SALT_BYTES = 16;
const HASH_BYTES = 32;
const PREFIX = 'pbkdf2-sha256';
// Refuses absurd costs in a stored string (a corrupted row must not hang a request).
const MAX_ITERATIONS = 5_000_000;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

async function derive(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(password.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    HASH_BYTES * 8,
  );
  return new Uint8Array(bits);
}

export async function hashPassword(
  password: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, iterations);
  return `${PREFIX}$${iterations}$${base64(salt)}$${base64(hash)}`;
}

/** Parsed stored hash, or null for anything this module did not write. */
function parse(stored: string) {
  const [alg, iter, salt, hash, ...rest] = stored.split('$');
  if (alg !== PREFIX || rest.length > 0 || !iter || !salt || !hash) return null;
  const iterations = Number(iter);
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS)
    return null;
  const saltBytes = fromBase64(salt);
  const hashBytes = fromBase64(hash);
  if (!saltBytes || !hashBytes || hashBytes.length === 0) return null;
  return { iterations, salt: saltBytes, hash: hashBytes };
}

// A fixed, valid hash verified when the account has no password (or does not exist), so that
// answering "wrong password" takes as long as a real check and does not reveal which emails exist.
let decoy: Promise<string> | undefined;

/**
 * Whether `password` matches `stored` (constant-time comparison). `stored` null: runs a
 * decoy derivation of the same cost and answers false. `needsRehash`: the stored cost is
 * below today's.
 */
export async function verifyPassword(
  password: string,
  stored: string | null,
): Promise<{ ok: boolean; needsRehash: boolean }> {
  const parsed = stored ? parse(stored) : null;
  if (!parsed) {
    decoy ??= hashPassword('decoy password, never valid');
    const d = parse(await decoy);
    if (d) await derive(password, d.salt, d.iterations);
    return { ok: false, needsRehash: false };
  }
  const hash = await derive(password, parsed.salt, parsed.iterations);
  return {
    ok: constantTimeEqual(hash, parsed.hash),
    needsRehash: parsed.iterations < PBKDF2_ITERATIONS,
  };
}

/** The rules of a new password, or null when it is acceptable; the message is for people. */
export function passwordProblem(password: string, context: { email?: string } = {}): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return `Mật khẩu phải có ít nhất ${PASSWORD_MIN_LENGTH} ký tự.`;
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return `Mật khẩu không được dài quá ${PASSWORD_MAX_LENGTH} ký tự.`;
  }
  if (password.trim().length === 0 || new Set(password).size < 4) {
    return 'Mật khẩu quá đơn giản. Hãy dùng một cụm từ dài, khó đoán.';
  }
  const local = context.email?.toLowerCase().split('@')[0] ?? '';
  if (local.length >= 4 && password.toLowerCase().includes(local)) {
    return 'Mật khẩu không được chứa tên email của bạn.';
  }
  return null;
}
