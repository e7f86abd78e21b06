import { STORAGE_PREFIX } from '../../config';
import type { Receipt } from './outbox';

/**
 * "My reports" on this device: the tracking code and the secret follow token of every
 * report sent from here, kept through the storage wrapper (Zalo's private native storage
 * inside Zalo, localStorage in a browser). The token is what lets this device rate or
 * reopen a report; it never leaves the device except to the API.
 */

export const RECEIPTS_KEY = `${STORAGE_PREFIX}reports.mine`;

type Storage = {
  getStorage: (key: string) => Promise<{ ok: true; value: string | null } | { ok: false }>;
  setStorage: (key: string, value: string) => Promise<{ ok: boolean }>;
};

function isReceipt(value: unknown): value is Receipt {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return typeof r.code === 'string' && typeof r.submissionId === 'string';
}

export function parseReceipts(raw: string | null): Receipt[] {
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter(isReceipt) : [];
  } catch {
    return [];
  }
}

export function createReceipts(storage: Storage) {
  let cache: Receipt[] | undefined;
  const listeners = new Set<(receipts: Receipt[]) => void>();

  async function list(): Promise<Receipt[]> {
    if (cache) return cache;
    const saved = await storage.getStorage(RECEIPTS_KEY);
    cache = saved.ok ? parseReceipts(saved.value) : [];
    return cache;
  }

  /** Newest first; a second answer for the same submission (a retry) replaces the first. */
  async function add(receipt: Receipt): Promise<Receipt[]> {
    const current = await list();
    const previous = current.find(
      (r) => r.submissionId === receipt.submissionId || r.code === receipt.code,
    );
    const merged: Receipt = {
      ...receipt,
      // A retried submission may come back without the token the first answer carried.
      followToken: receipt.followToken || previous?.followToken || '',
    };
    cache = [
      merged,
      ...current.filter((r) => r.submissionId !== receipt.submissionId && r.code !== receipt.code),
    ];
    await storage.setStorage(RECEIPTS_KEY, JSON.stringify(cache));
    for (const listener of listeners) listener(cache);
    return cache;
  }

  async function find(code: string): Promise<Receipt | undefined> {
    return (await list()).find((r) => r.code === code);
  }

  function subscribe(listener: (receipts: Receipt[]) => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  return { list, add, find, subscribe };
}

export type Receipts = ReturnType<typeof createReceipts>;

/** "pa 7k3f9q", "PA7K3F9Q", " pa-7k3f9q " all mean PA-7K3F9Q; null when it cannot be a code. */
export function normalizeTrackingCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]+/g, '');
  // Six symbols alone are the code without its prefix (which may itself start with PA).
  const body = compact.length === 8 && compact.startsWith('PA') ? compact.slice(2) : compact;
  return /^[2-9A-HJ-NP-Z]{6}$/.test(body) ? `PA-${body}` : null;
}
