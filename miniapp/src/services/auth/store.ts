import { STORAGE_PREFIX } from '../../config';
import { getStorage, setStorage } from '../zalo';

/**
 * The citizen's session after a Zalo sign-in: the API's bearer token, its expiry and who
 * it belongs to, kept through the storage wrapper (Zalo's private native storage inside
 * Zalo, localStorage in a browser). Never the Zalo access token itself.
 *
 * services/api.ts reads the token from here for every request (`Authorization: Bearer`)
 * and reports here when the API refuses it; services/auth/session.ts signs in and out.
 */

export const SESSION_KEY = `${STORAGE_PREFIX}session`;

export type SessionUser = {
  /** The API's account id, not the Zalo id. */
  id: string;
  /** The Zalo name; null when the citizen did not let the app see it. */
  displayName: string | null;
};

export type Session = {
  token: string;
  /** UTC ISO 8601. */
  expiresAt: string;
  user: SessionUser;
  /** Whether this device's earlier anonymous reports were attached to the account. */
  deviceClaimed: boolean;
};

/** Why a session ended without the citizen signing out: the card says so once. */
export type SessionEnd =
  /** The API refused the token (401 session_invalid), or it had expired on the device. */
  | 'expired'
  /** The API cannot check tokens at the moment (503 session_not_configured). */
  | 'unavailable';

export type SessionState = {
  /** False until the stored session has been read. */
  ready: boolean;
  session: Session | null;
  ended?: SessionEnd;
};

type Storage = {
  getStorage: (key: string) => Promise<{ ok: true; value: string | null } | { ok: false }>;
  setStorage: (key: string, value: string) => Promise<{ ok: boolean }>;
};

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  const user = s.user as Record<string, unknown> | null | undefined;
  return (
    typeof s.token === 'string' &&
    s.token !== '' &&
    typeof s.expiresAt === 'string' &&
    typeof user === 'object' &&
    user !== null &&
    typeof user.id === 'string' &&
    (typeof user.displayName === 'string' || user.displayName === null)
  );
}

/** The stored session, or null for nothing, an empty value (signed out) or garbage. */
export function parseSession(raw: string | null): Session | null {
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!isSession(parsed)) return null;
    return { ...parsed, deviceClaimed: parsed.deviceClaimed === true };
  } catch {
    return null;
  }
}

function expired(session: Session, now: number): boolean {
  const at = Date.parse(session.expiresAt);
  return Number.isNaN(at) || at <= now;
}

export function createSessionStore(storage: Storage, now: () => number = Date.now) {
  let state: SessionState = { ready: false, session: null };
  let loading: Promise<void> | undefined;
  const listeners = new Set<(state: SessionState) => void>();

  function publish(next: SessionState): SessionState {
    state = next;
    for (const listener of listeners) listener(state);
    return state;
  }

  /**
   * The current state, once the stored session has been read (the first call reads it; an
   * expired one is dropped and reported as such).
   */
  async function load(): Promise<SessionState> {
    loading ??= (async () => {
      const saved = await storage.getStorage(SESSION_KEY);
      // A sign-in that finished while storage was answering wins.
      if (state.ready) return;
      const session = saved.ok ? parseSession(saved.value) : null;
      if (session && expired(session, now())) {
        publish({ ready: true, session: null, ended: 'expired' });
        await storage.setStorage(SESSION_KEY, '');
        return;
      }
      publish({ ready: true, session });
    })();
    await loading;
    return state;
  }

  /** The bearer token for the next request, or null when signed out. */
  async function token(): Promise<string | null> {
    return (await load()).session?.token ?? null;
  }

  async function save(session: Session): Promise<void> {
    publish({ ready: true, session });
    await storage.setStorage(SESSION_KEY, JSON.stringify(session));
  }

  /** Forgets the session; `ended` says why when the citizen did not ask for it. */
  async function clear(ended?: SessionEnd): Promise<void> {
    publish({ ready: true, session: null, ...(ended ? { ended } : {}) });
    await storage.setStorage(SESSION_KEY, '');
  }

  /**
   * The API refused `token`. Only the session that sent it is dropped: an answer to a
   * request made before a fresh sign-in must not sign the citizen out again.
   */
  async function rejected(rejectedToken: string, ended: SessionEnd): Promise<void> {
    await load();
    if (state.session?.token !== rejectedToken) return;
    await clear(ended);
  }

  function subscribe(listener: (state: SessionState) => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  return {
    load,
    token,
    save,
    clear,
    rejected,
    subscribe,
    current: () => state,
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;

/** The app's session, shared by the API client and the screens. */
export const sessionStore = createSessionStore({ getStorage, setStorage });
