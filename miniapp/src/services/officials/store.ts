import { STORAGE_PREFIX } from '../../config';
import { getStorage, setStorage } from '../zalo';

/**
 * The official's mode of the mini app, kept on the device: who the linked official is and
 * the short-lived app token (`ofs_…`) the API answered. The token expires within hours; the
 * link itself lasts, so a later open gets a fresh token silently from the Zalo access token
 * (./session.ts). Never a password, never the Zalo access token itself.
 *
 * Kept apart from the citizen's session (../auth/store.ts): an official is also a citizen,
 * and signing out of one must not end the other.
 */

export const OFFICIAL_KEY = `${STORAGE_PREFIX}official`;

export type OfficialProfile = {
  id: string;
  email: string;
  fullName: string;
  agencyId: string;
  agencyName: string | null;
  communeId: string | null;
  roles: string[];
};

export type OfficialLink = {
  official: OfficialProfile;
  /** The current app token, or null once it expired or was refused (renewed on next use). */
  token: string | null;
  /** UTC ISO 8601; null together with `token`. */
  expiresAt: string | null;
};

/** Why the official's mode ended without the official leaving it: said once on the link page. */
export type OfficialEnd =
  /** The API no longer accepts this Zalo account as an official (unlinked, disabled). */
  'revoked';

export type OfficialState = {
  /** False until the stored link has been read. */
  ready: boolean;
  link: OfficialLink | null;
  ended?: OfficialEnd;
};

type Storage = {
  getStorage: (key: string) => Promise<{ ok: true; value: string | null } | { ok: false }>;
  setStorage: (key: string, value: string) => Promise<{ ok: boolean }>;
};

function isProfile(value: unknown): value is OfficialProfile {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return (
    typeof p.id === 'string' &&
    typeof p.email === 'string' &&
    typeof p.fullName === 'string' &&
    typeof p.agencyId === 'string' &&
    (typeof p.agencyName === 'string' || p.agencyName === null) &&
    (typeof p.communeId === 'string' || p.communeId === null) &&
    Array.isArray(p.roles) &&
    p.roles.every((r) => typeof r === 'string')
  );
}

/** The profile as the API sends it, trimmed to what the app keeps. */
export function toProfile(official: OfficialProfile): OfficialProfile {
  return {
    id: official.id,
    email: official.email,
    fullName: official.fullName,
    agencyId: official.agencyId,
    agencyName: official.agencyName ?? null,
    communeId: official.communeId ?? null,
    roles: [...official.roles],
  };
}

/** The stored link, or null for nothing, an empty value (left) or garbage. */
export function parseLink(raw: string | null): OfficialLink | null {
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    if (!isProfile(parsed.official)) return null;
    const token = typeof parsed.token === 'string' && parsed.token !== '' ? parsed.token : null;
    const expiresAt = token && typeof parsed.expiresAt === 'string' ? parsed.expiresAt : null;
    return { official: toProfile(parsed.official), token, expiresAt: token ? expiresAt : null };
  } catch {
    return null;
  }
}

export function createOfficialStore(storage: Storage) {
  let state: OfficialState = { ready: false, link: null };
  let loading: Promise<void> | undefined;
  const listeners = new Set<(state: OfficialState) => void>();

  function publish(next: OfficialState): OfficialState {
    state = next;
    for (const listener of listeners) listener(state);
    return state;
  }

  async function load(): Promise<OfficialState> {
    loading ??= (async () => {
      const saved = await storage.getStorage(OFFICIAL_KEY);
      // A link made while storage was answering wins.
      if (state.ready) return;
      publish({ ready: true, link: saved.ok ? parseLink(saved.value) : null });
    })();
    await loading;
    return state;
  }

  async function save(link: OfficialLink): Promise<void> {
    publish({ ready: true, link });
    await storage.setStorage(OFFICIAL_KEY, JSON.stringify(link));
  }

  async function clear(ended?: OfficialEnd): Promise<void> {
    publish({ ready: true, link: null, ...(ended ? { ended } : {}) });
    await storage.setStorage(OFFICIAL_KEY, '');
  }

  function subscribe(listener: (state: OfficialState) => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  return { load, save, clear, subscribe, current: () => state };
}

export type OfficialStore = ReturnType<typeof createOfficialStore>;

export const officialStore = createOfficialStore({ getStorage, setStorage });
