import { fromBase64 } from '../officials/crypto';
import type { Env } from '../platform/env';
import { ApiError } from '../platform/errors';
import { chatError } from './types';

// Encryption of the officials' chat (issue 7), WebCrypto only. Each room has its own random
// AES-256-GCM data key; the room's Durable Object stores it only wrapped (AES-GCM) by a master
// key of the CHAT_MASTER_KEYS secret, next to that master key's id. Rotation rewraps the data
// key under the current (first) master key: the data key itself never changes, so every stored
// message stays readable, and old master keys can be dropped once every room is rewrapped.

/** A master key id: short, printable, no separators of the secret's syntax. */
const KEY_ID = /^[A-Za-z0-9_.-]{1,32}$/;
const KEY_BYTES = 32;
const IV_BYTES = 12;

export interface MasterKey {
  id: string;
  raw: Uint8Array;
}

/** The parsed secret: `current` wraps new and rotated keys; the others only unwrap. */
export interface MasterKeyring {
  current: MasterKey;
  byId: ReadonlyMap<string, MasterKey>;
}

/**
 * Parses "id:base64(32 bytes),id2:…" (the first current). Any malformed entry, a duplicate id
 * or an empty value gives null: a half-understood key list must not silently encrypt with a
 * key the operator did not mean.
 */
export function parseMasterKeys(value: string | undefined): MasterKeyring | null {
  if (!value || value.trim() === '') return null;
  const keys: MasterKey[] = [];
  for (const entry of value.split(',')) {
    const at = entry.indexOf(':');
    if (at < 0) return null;
    const id = entry.slice(0, at).trim();
    const raw = fromBase64(entry.slice(at + 1).trim());
    if (!KEY_ID.test(id) || raw === null || raw.length !== KEY_BYTES) return null;
    if (keys.some((k) => k.id === id)) return null;
    keys.push({ id, raw });
  }
  const [current] = keys;
  if (!current) return null;
  return { current, byId: new Map(keys.map((k) => [k.id, k])) };
}

// Parsing and importing are pure functions of the secret's text: cached per isolate.
let parsedFor: string | undefined;
let parsed: MasterKeyring | null = null;

export function masterKeys(env: Pick<Env, 'CHAT_MASTER_KEYS'>): MasterKeyring | null {
  const value = env.CHAT_MASTER_KEYS;
  if (value !== parsedFor) {
    parsedFor = value;
    parsed = parseMasterKeys(value);
  }
  return parsed;
}

export function chatConfigured(env: Pick<Env, 'CHAT_MASTER_KEYS'>): boolean {
  return masterKeys(env) !== null;
}

export function chatNotConfigured(): ApiError {
  return new ApiError(
    503,
    'chat_not_configured',
    'Chức năng trò chuyện chưa được cấu hình khóa mã hóa. Vui lòng liên hệ quản trị hệ thống.',
  );
}

/** The master keys, or 503 `chat_not_configured` (every chat route and the WebSocket upgrade). */
export function requireChatConfigured(env: Pick<Env, 'CHAT_MASTER_KEYS'>): MasterKeyring {
  const keys = masterKeys(env);
  if (!keys) throw chatNotConfigured();
  return keys;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const importedMaster = new WeakMap<MasterKey, Promise<CryptoKey>>();
function masterCryptoKey(key: MasterKey): Promise<CryptoKey> {
  let imported = importedMaster.get(key);
  if (!imported) {
    imported = crypto.subtle.importKey('raw', key.raw as BufferSource, 'AES-GCM', false, [
      'encrypt',
      'decrypt',
    ]);
    importedMaster.set(key, imported);
  }
  return imported;
}

/** A room's data key as stored: which master key wrapped it, and IV ‖ ciphertext ‖ tag. */
export interface WrappedKey {
  masterKeyId: string;
  wrapped: Uint8Array;
}

// Binding the wrapped key to its room and master key id: a wrapped key copied into another
// room's storage, or relabelled with another id, fails to unwrap instead of being used.
function wrapAad(roomId: string, masterKeyId: string): Uint8Array {
  return encoder.encode(`tinh-chat-room-key:v1:${roomId}:${masterKeyId}`);
}

export function newDataKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(KEY_BYTES));
}

export async function wrapDataKey(
  master: MasterKey,
  roomId: string,
  dataKey: Uint8Array,
): Promise<WrappedKey> {
  const wrapped = await seal(await masterCryptoKey(master), dataKey, wrapAad(roomId, master.id));
  return { masterKeyId: master.id, wrapped };
}

/** The raw data key; `chat:key_unavailable` when its master key is gone or does not fit. */
export async function unwrapDataKey(
  ring: MasterKeyring,
  roomId: string,
  stored: WrappedKey,
): Promise<Uint8Array> {
  const master = ring.byId.get(stored.masterKeyId);
  if (!master) throw chatError('key_unavailable');
  try {
    const raw = await open(
      await masterCryptoKey(master),
      stored.wrapped,
      wrapAad(roomId, stored.masterKeyId),
    );
    if (raw.length !== KEY_BYTES) throw new Error('bad key length');
    return raw;
  } catch {
    throw chatError('key_unavailable');
  }
}

/** The rewrapped key under the current master key, or null when it already is. */
export async function rewrapDataKey(
  ring: MasterKeyring,
  roomId: string,
  stored: WrappedKey,
): Promise<WrappedKey | null> {
  if (stored.masterKeyId === ring.current.id) return null;
  const raw = await unwrapDataKey(ring, roomId, stored);
  return wrapDataKey(ring.current, roomId, raw);
}

/** A non-extractable AES-GCM key: once imported, the raw bytes can be dropped. */
export function importDataKey(raw: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw as BufferSource, 'AES-GCM', false, [
    'encrypt',
    'decrypt',
  ]);
}

/** AES-GCM with a random 96-bit IV: IV ‖ ciphertext ‖ tag. */
export async function seal(
  key: CryptoKey,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Promise<Uint8Array> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ct = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: aad as BufferSource },
      key,
      plaintext as BufferSource,
    ),
  );
  const out = new Uint8Array(IV_BYTES + ct.length);
  out.set(iv, 0);
  out.set(ct, IV_BYTES);
  return out;
}

/** Inverse of `seal`; throws when the data, the key or the additional data do not match. */
export async function open(
  key: CryptoKey,
  sealed: Uint8Array,
  aad: Uint8Array,
): Promise<Uint8Array> {
  if (sealed.length < IV_BYTES + 16) throw new Error('sealed data too short');
  const iv = sealed.slice(0, IV_BYTES);
  const ct = sealed.slice(IV_BYTES);
  return new Uint8Array(
    await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: aad as BufferSource },
      key,
      ct as BufferSource,
    ),
  );
}

export function sealJson(key: CryptoKey, value: unknown, aad: string) {
  return seal(key, encoder.encode(JSON.stringify(value)), encoder.encode(aad));
}

export async function openJson(key: CryptoKey, sealed: Uint8Array, aad: string): Promise<unknown> {
  return JSON.parse(decoder.decode(await open(key, sealed, encoder.encode(aad))));
}

export function sealBytes(key: CryptoKey, bytes: Uint8Array, aad: string) {
  return seal(key, bytes, encoder.encode(aad));
}

export function openBytes(key: CryptoKey, sealed: Uint8Array, aad: string) {
  return open(key, sealed, encoder.encode(aad));
}
