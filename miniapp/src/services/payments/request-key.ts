import { STORAGE_PREFIX } from '../../config';
import { isFinal } from './format';
import type { PaymentStatus } from './types';

/**
 * The `requestKey` of POST /orders, one per payable (module + ref), kept in sessionStorage.
 * The API answers a repeated key with the order it made the first time, so a reload of the
 * payment screen, or a retry after an answer lost on a weak connection, resumes that order
 * instead of opening a second one. Once that order is final (paid, failed, cancelled,
 * expired) its key is spent: the next attempt gets a new key and so a new order.
 *
 * sessionStorage rather than the app's persistent storage: a key only has to outlive a
 * reload or a trip to the wallet and back, and a tab closed for good should start afresh.
 */

type KeyStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** What is kept per payable: the key, and the order it gave once the API answered. */
type Entry = { key: string; orderId?: string };

const PREFIX = `${STORAGE_PREFIX}pay.key.`;

function isEntry(value: unknown): value is Entry {
  if (typeof value !== 'object' || value === null) return false;
  const { key, orderId } = value as Record<string, unknown>;
  return (
    typeof key === 'string' &&
    /^[A-Za-z0-9_-]{8,64}$/.test(key) &&
    (orderId === undefined || typeof orderId === 'string')
  );
}

export function createRequestKeys(storage: KeyStorage | undefined, randomId: () => string) {
  // Storage can be missing or refuse writes (private browsing, a full quota): the screen then
  // still works for as long as it stays open, which covers a retry after a lost answer.
  const memory = new Map<string, string>();
  const name = (module: string, ref: string) => `${PREFIX}${module}:${ref}`;

  function read(module: string, ref: string): Entry | null {
    let raw: string | null | undefined;
    try {
      raw = storage?.getItem(name(module, ref));
    } catch {
      raw = undefined;
    }
    raw ??= memory.get(name(module, ref)) ?? null;
    if (!raw) return null;
    try {
      const parsed: unknown = JSON.parse(raw);
      return isEntry(parsed) ? parsed : null;
    } catch {
      return null;
    }
  }

  function write(module: string, ref: string, entry: Entry): void {
    const raw = JSON.stringify(entry);
    memory.set(name(module, ref), raw);
    try {
      storage?.setItem(name(module, ref), raw);
    } catch {
      // Kept in memory above.
    }
  }

  function remove(module: string, ref: string): void {
    memory.delete(name(module, ref));
    try {
      storage?.removeItem(name(module, ref));
    } catch {
      // Nothing more to do: the memory copy is gone.
    }
  }

  return {
    /**
     * The key to send now: the saved one, or a new one saved before it is sent (a key made
     * after the request would be lost with the answer).
     */
    current(module: string, ref: string): string {
      const saved = read(module, ref);
      if (saved) return saved.key;
      const key = `pay${randomId().replace(/[^A-Za-z0-9]/g, '')}`.slice(0, 40);
      write(module, ref, { key });
      return key;
    },

    /**
     * The API answered `key` with this order. An order still open keeps the key (a reload
     * resumes it); a final one spends it, so the next `current()` makes a new order.
     */
    settle(module: string, ref: string, key: string, order: { id: string; status: PaymentStatus }) {
      const saved = read(module, ref);
      if (saved && saved.key !== key) return;
      if (isFinal(order.status)) remove(module, ref);
      else write(module, ref, { key, orderId: order.id });
    },

    /**
     * The order page saw this order final ("Thanh toán lại" must not bring it back): forget
     * the key if it is the one that made this order.
     */
    release(module: string, ref: string, orderId: string) {
      if (read(module, ref)?.orderId === orderId) remove(module, ref);
    },

    /** The API refused the key (409 request_key_conflict): the next attempt needs another. */
    discard(module: string, ref: string) {
      remove(module, ref);
    },
  };
}

export type RequestKeys = ReturnType<typeof createRequestKeys>;

function sessionStore(): KeyStorage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.sessionStorage;
  } catch {
    // Storage disabled by the browser's privacy settings.
    return undefined;
  }
}

export const requestKeys: RequestKeys = createRequestKeys(sessionStore(), () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`,
);
