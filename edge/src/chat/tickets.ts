import { sessionSecret } from '../auth/session';
import { base64url } from '../officials/crypto';
import type { Env } from '../platform/env';

// WebSocket tickets of the officials' chat. A browser cannot put an Authorization header on a
// WebSocket, so the signed-in official first asks for a ticket (POST /rooms/{id}/ticket) and
// opens `…/ws?ticket=…` within its short lifetime. A ticket is
// `v1.<base64url JSON payload>.<base64url HMAC-SHA256>`, keyed by a key derived (HKDF) from
// SESSION_SECRET under a label of its own, so it can never pass for a session or CSRF token.
// It is bound to one room; not single-use (its lifetime is a minute), so a retried connection
// within that minute works. Tickets travel in URLs: never log them.

export const DEFAULT_TICKET_TTL_SECONDS = 60;
const MIN_TTL = 10;
const MAX_TTL = 600;
const VERSION = 'v1';

export interface TicketPayload {
  roomId: string;
  officialId: string;
  /** The official's display name when the ticket was issued. */
  name: string;
  /** Expiry, Unix seconds. */
  exp: number;
  nonce: string;
}

export type TicketCheck =
  | { ok: true; payload: TicketPayload }
  | { ok: false; reason: 'expired' | 'invalid' | 'wrong_room' };

export function ticketTtlSeconds(env: Pick<Env, 'CHAT_TICKET_TTL_SECONDS'>): number {
  const n = Number(env.CHAT_TICKET_TTL_SECONDS ?? DEFAULT_TICKET_TTL_SECONDS);
  if (!Number.isFinite(n)) return DEFAULT_TICKET_TTL_SECONDS;
  return Math.min(MAX_TTL, Math.max(MIN_TTL, Math.floor(n)));
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const keys = new Map<string, Promise<CryptoKey>>();

function ticketKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = (async () => {
      const base = await crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, [
        'deriveKey',
      ]);
      return crypto.subtle.deriveKey(
        {
          name: 'HKDF',
          hash: 'SHA-256',
          salt: new Uint8Array(0),
          info: encoder.encode('tinh chat websocket ticket v1'),
        },
        base,
        { name: 'HMAC', hash: 'SHA-256', length: 256 },
        false,
        ['sign', 'verify'],
      );
    })();
    keys.set(secret, key);
  }
  return key;
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

/** A ticket for `officialId` in `roomId`; SESSION_SECRET unset answers 503 session_not_configured. */
export async function issueTicket(
  env: Pick<Env, 'SESSION_SECRET' | 'CHAT_TICKET_TTL_SECONDS'>,
  who: { roomId: string; officialId: string; name: string },
  now = Date.now(),
): Promise<{ ticket: string; expiresAt: string }> {
  const secret = sessionSecret(env);
  const exp = Math.floor(now / 1000) + ticketTtlSeconds(env);
  const payload: TicketPayload = {
    roomId: who.roomId,
    officialId: who.officialId,
    name: who.name,
    exp,
    nonce: base64url(crypto.getRandomValues(new Uint8Array(12))),
  };
  const body = `${VERSION}.${base64url(encoder.encode(JSON.stringify(payload)))}`;
  const mac = new Uint8Array(
    await crypto.subtle.sign('HMAC', await ticketKey(secret), encoder.encode(body)),
  );
  return { ticket: `${body}.${base64url(mac)}`, expiresAt: new Date(exp * 1000).toISOString() };
}

function isPayload(value: unknown): value is TicketPayload {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.roomId === 'string' &&
    v.roomId.length > 0 &&
    typeof v.officialId === 'string' &&
    v.officialId.length > 0 &&
    typeof v.name === 'string' &&
    typeof v.exp === 'number' &&
    Number.isFinite(v.exp) &&
    typeof v.nonce === 'string'
  );
}

/**
 * Checks the signature (constant time, WebCrypto verify) before reading anything, then the
 * expiry, then — when `roomId` is given — that the ticket was issued for that room.
 */
export async function verifyTicket(
  env: Pick<Env, 'SESSION_SECRET'>,
  ticket: string,
  roomId?: string,
  now = Date.now(),
): Promise<TicketCheck> {
  const parts = ticket.split('.');
  if (parts.length !== 3 || parts[0] !== VERSION || ticket.length > 4096) {
    return { ok: false, reason: 'invalid' };
  }
  const [version, body, sig] = parts as [string, string, string];
  const mac = fromBase64url(sig);
  const json = fromBase64url(body);
  if (!mac || !json) return { ok: false, reason: 'invalid' };
  const valid = await crypto.subtle.verify(
    'HMAC',
    await ticketKey(sessionSecret(env)),
    mac,
    encoder.encode(`${version}.${body}`),
  );
  if (!valid) return { ok: false, reason: 'invalid' };
  let payload: unknown;
  try {
    payload = JSON.parse(decoder.decode(json));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (!isPayload(payload)) return { ok: false, reason: 'invalid' };
  if (payload.exp * 1000 <= now) return { ok: false, reason: 'expired' };
  if (roomId !== undefined && payload.roomId !== roomId) return { ok: false, reason: 'wrong_room' };
  return { ok: true, payload };
}
