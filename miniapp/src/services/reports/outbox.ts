import type { UploadRecord } from './upload';

/**
 * The outbox: every report is written to the device before the first byte goes out, and
 * leaves it only once the server has answered with a tracking code. A report that could
 * not be sent (no network, timeout, busy server) stays here, photos included, and is sent
 * again later with the same submissionId, so the server returns the report it may
 * already have created instead of a second one.
 *
 * Storage is injected: IndexedDB (idb-keyval) in the app, a Map in tests.
 */

export type DraftMedia = {
  /** Stable within the draft; keys React lists and progress. */
  localId: string;
  kind: 'photo' | 'video';
  blob: Blob;
  mime: string;
  name: string;
  /** Set once the server knows the upload, so a later attempt resumes it. */
  upload?: UploadRecord;
};

export type DraftLocation = {
  source: 'gps' | 'zalo' | 'pin' | 'address';
  lat?: number;
  lng?: number;
  accuracy?: number;
  /** Zalo's one-time location token (inside Zalo), exchanged by the server. */
  token?: string;
  communeId?: string;
  address?: string;
};

export type DraftContact = {
  name?: string;
  phone?: string;
  agencyMayContact: boolean;
  /** Zalo (ZNS) messages to `phone` about the report; absent in drafts saved before it existed. */
  znsConsent?: boolean;
};

export type DraftStatus =
  /** Written, not tried yet, or being retried automatically. */
  | 'pending'
  /** A send is running right now (on this page load). */
  | 'sending'
  /** The last attempt failed for a reason that may pass (network, 5xx): sent again automatically. */
  | 'waiting'
  /** The server refused it (4xx): the citizen must change something; never resent on its own. */
  | 'rejected';

export type Draft = {
  submissionId: string;
  categoryId: string;
  description: string;
  location: DraftLocation;
  contact?: DraftContact;
  media: DraftMedia[];
  status: DraftStatus;
  attempts: number;
  lastError?: { code: string; message: string };
  createdAt: string;
  updatedAt: string;
};

export type Receipt = {
  code: string;
  followToken: string;
  submissionId: string;
  categoryId: string;
  description: string;
  createdAt: string;
};

export type SendOutcome =
  | { ok: true; receipt: Receipt }
  | { ok: false; retryable: boolean; error: { code: string; message: string } };

export interface DraftStore {
  get(id: string): Promise<Draft | undefined>;
  set(id: string, draft: Draft): Promise<void>;
  del(id: string): Promise<void>;
  values(): Promise<Draft[]>;
}

export type SendDraft = (
  draft: Draft,
  /** Persists changes made while sending (upload offsets) so a restart resumes them. */
  update: (draft: Draft) => Promise<void>,
) => Promise<SendOutcome>;

export type OutboxOptions = {
  store: DraftStore;
  send: SendDraft;
  /** Called once per report the server accepted; saves the receipt on the device. */
  onSent: (receipt: Receipt, draft: Draft) => Promise<void> | void;
  now?: () => Date;
};

export type FlushReport = { sent: Receipt[]; failed: Draft[] };

/** A page closed mid-send leaves 'sending' behind; on the next load that means "try again". */
function normalize(draft: Draft): Draft {
  return draft.status === 'sending' ? { ...draft, status: 'pending' } : draft;
}

export function createOutbox(options: OutboxOptions) {
  const { store, send, onSent } = options;
  const now = () => (options.now ?? (() => new Date()))().toISOString();
  const inFlight = new Map<string, Promise<SendOutcome>>();
  let flushing: Promise<FlushReport> | undefined;
  const listeners = new Set<() => void>();

  const changed = () => {
    for (const listener of listeners) listener();
  };

  async function list(): Promise<Draft[]> {
    const drafts = (await store.values()).map(normalize);
    return drafts.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async function put(draft: Draft): Promise<Draft> {
    const saved = { ...draft, updatedAt: now() };
    await store.set(draft.submissionId, saved);
    changed();
    return saved;
  }

  async function remove(id: string): Promise<void> {
    await store.del(id);
    changed();
  }

  /**
   * Sends one draft. Two calls for the same draft at once (a double tap, the `online`
   * event during a manual retry) share one attempt instead of racing.
   */
  function sendOne(id: string): Promise<SendOutcome> {
    const running = inFlight.get(id);
    if (running) return running;
    const attempt = (async (): Promise<SendOutcome> => {
      const stored = await store.get(id);
      if (!stored) {
        return { ok: false, retryable: false, error: { code: 'not_found', message: '' } };
      }
      let draft: Draft = {
        ...normalize(stored),
        status: 'sending',
        attempts: stored.attempts + 1,
      };
      draft = await put(draft);
      let outcome: SendOutcome;
      try {
        outcome = await send(draft, async (next) => {
          // Keep what the sender learnt (upload offsets), never its status.
          draft = await put({ ...next, status: 'sending' });
        });
      } catch (cause) {
        outcome = {
          ok: false,
          retryable: true,
          error: { code: 'unexpected', message: cause instanceof Error ? cause.message : '' },
        };
      }
      if (outcome.ok) {
        await onSent(outcome.receipt, draft);
        await remove(id);
      } else {
        await put({
          ...draft,
          status: outcome.retryable ? 'waiting' : 'rejected',
          lastError: outcome.error,
        });
      }
      return outcome;
    })().finally(() => inFlight.delete(id));
    inFlight.set(id, attempt);
    return attempt;
  }

  /**
   * Sends every draft that may go out on its own (not the refused ones), one at a time so
   * a weak connection carries one upload at full speed. Concurrent calls share one run.
   */
  function flush(): Promise<FlushReport> {
    flushing ??= (async () => {
      const report: FlushReport = { sent: [], failed: [] };
      for (const draft of await list()) {
        if (draft.status === 'rejected') continue;
        const outcome = await sendOne(draft.submissionId);
        if (outcome.ok) {
          report.sent.push(outcome.receipt);
        } else {
          const latest = await store.get(draft.submissionId);
          if (latest) report.failed.push(latest);
          // No network for one means none for the rest: stop, try all again later.
          if (outcome.retryable) break;
        }
      }
      return report;
    })().finally(() => {
      flushing = undefined;
    });
    return flushing;
  }

  function subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  return { list, put, remove, sendOne, flush, subscribe, get: (id: string) => store.get(id) };
}

export type Outbox = ReturnType<typeof createOutbox>;

/** A Map behind the DraftStore interface: tests, and browsers without IndexedDB. */
export function memoryDraftStore(): DraftStore {
  const items = new Map<string, Draft>();
  return {
    get: async (id) => items.get(id),
    set: async (id, draft) => void items.set(id, draft),
    del: async (id) => void items.delete(id),
    values: async () => [...items.values()],
  };
}
