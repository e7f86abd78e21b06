import type { Env } from '../platform/env';

// The chat's plain settings (wrangler.toml [vars]) as the apps receive them.

const DEFAULT_MAX_FILE_BYTES = 20_000_000;

/** CHAT_MAX_FILE_BYTES, or 20 MB when unset or not a positive number. */
export function maxFileBytes(env: Pick<Env, 'CHAT_MAX_FILE_BYTES'>): number {
  const n = Number(env.CHAT_MAX_FILE_BYTES);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : DEFAULT_MAX_FILE_BYTES;
}

/**
 * CHAT_ICE_SERVERS (JSON of RTCConfiguration.iceServers): the entries that name `urls`;
 * anything unreadable gives no servers rather than a broken call setup.
 */
export function iceServers(env: Pick<Env, 'CHAT_ICE_SERVERS'>): unknown[] {
  if (!env.CHAT_ICE_SERVERS) return [];
  try {
    const value: unknown = JSON.parse(env.CHAT_ICE_SERVERS);
    if (!Array.isArray(value)) return [];
    return value.filter((s) => {
      if (typeof s !== 'object' || s === null) return false;
      const urls = (s as { urls?: unknown }).urls;
      return (
        typeof urls === 'string' ||
        (Array.isArray(urls) && urls.length > 0 && urls.every((u) => typeof u === 'string'))
      );
    });
  } catch {
    return [];
  }
}
