import type { Env } from '../../platform/env';
import {
  importDataKey,
  type MasterKeyring,
  masterKeys,
  newDataKey,
  rewrapDataKey,
  unwrapDataKey,
  wrapDataKey,
} from '../keys';
import { chatError } from '../types';
import type { RoomStore } from './store';

// The room's data key: created on first use, stored only wrapped, unwrapped into a
// non-extractable CryptoKey kept in memory. The memory copy is a cache: a fresh instance (after
// hibernation or eviction) unwraps it again from storage.

const DATA_KEY_VERSION = 1;

export interface DataKey {
  version: number;
  key: CryptoKey;
}

export class RoomKey {
  private cached: DataKey | null = null;

  constructor(
    private readonly state: DurableObjectState,
    private readonly store: RoomStore,
    private readonly env: Pick<Env, 'CHAT_MASTER_KEYS'>,
  ) {}

  private ring(): MasterKeyring {
    const ring = masterKeys(this.env);
    if (!ring) throw chatError('not_configured');
    return ring;
  }

  /** The key new content is sealed with; created (and wrapped) on the room's first use. */
  async current(roomId: string): Promise<DataKey> {
    if (this.cached) return this.cached;
    const ring = this.ring();
    // No other event may run between "no key yet" and storing the new one, or two first
    // messages could each create a key. A throw inside blockConcurrencyWhile would reset the
    // whole object (and drop every socket), so failures come out as values.
    return unwrapOutcome(
      await this.state.blockConcurrencyWhile(() => settle(this.load(ring, roomId))),
    );
  }

  private async load(ring: MasterKeyring, roomId: string): Promise<DataKey> {
    if (this.cached) return this.cached;
    const row = this.store.roomKey();
    if (row) {
      const raw = await unwrapDataKey(ring, roomId, {
        masterKeyId: row.masterKeyId,
        wrapped: row.wrapped,
      });
      this.cached = { version: row.version, key: await importDataKey(raw) };
      return this.cached;
    }
    const raw = newDataKey();
    const wrapped = await wrapDataKey(ring.current, roomId, raw);
    this.store.insertRoomKey(
      DATA_KEY_VERSION,
      wrapped.masterKeyId,
      wrapped.wrapped,
      new Date().toISOString(),
    );
    this.cached = { version: DATA_KEY_VERSION, key: await importDataKey(raw) };
    return this.cached;
  }

  /** The key of stored content sealed under `version`. */
  async forVersion(roomId: string, version: number): Promise<CryptoKey> {
    const current = await this.current(roomId);
    if (current.version !== version) throw chatError('key_unavailable');
    return current.key;
  }

  /**
   * Rewraps the data key under the current master key. A room without a key yet gets one
   * under the current master key (nothing to rewrap).
   */
  async rotate(roomId: string): Promise<{ rewrapped: boolean; keyId: string }> {
    const ring = this.ring();
    const outcome = await this.state.blockConcurrencyWhile(() =>
      settle(this.rotateLocked(ring, roomId)),
    );
    return unwrapOutcome(outcome);
  }

  private async rotateLocked(
    ring: MasterKeyring,
    roomId: string,
  ): Promise<{ rewrapped: boolean; keyId: string }> {
    const row = this.store.roomKey();
    if (!row) {
      await this.load(ring, roomId);
      return { rewrapped: false, keyId: ring.current.id };
    }
    const next = await rewrapDataKey(ring, roomId, {
      masterKeyId: row.masterKeyId,
      wrapped: row.wrapped,
    });
    if (!next) return { rewrapped: false, keyId: row.masterKeyId };
    this.store.rewrapRoomKey(row.version, next.masterKeyId, next.wrapped, new Date().toISOString());
    return { rewrapped: true, keyId: next.masterKeyId };
  }

  /** Which master key wraps the room's data key now (null: no key yet). */
  wrappedBy(): string | null {
    return this.store.roomKey()?.masterKeyId ?? null;
  }
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

async function settle<T>(p: Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await p };
  } catch (error) {
    return { ok: false, error };
  }
}

function unwrapOutcome<T>(o: Outcome<T>): T {
  if (o.ok) return o.value;
  throw o.error;
}
