import { type MessageKey, vi } from '../../i18n/vi';
import type { ApiError, ApiResult } from '../api';
import { sessionStore } from '../auth/store';
import { getAccessToken, type Result, type Runtime, zalo } from '../zalo';
import { localError, type Send, send } from './http';
import {
  type OfficialLink,
  type OfficialProfile,
  type OfficialStore,
  officialStore,
  toProfile,
} from './store';

/**
 * The official's mode: linking this Zalo account to an official account once, with the
 * 8-digit code the web admin shows, and keeping a valid app token afterwards.
 *
 * - Link: the official is signed in with Zalo as a citizen; POST /officials/auth/zalo-link
 *   {code} with that citizen token answers the official's app token.
 * - Later: the token is short-lived. Before it runs out, and whenever the API refuses it,
 *   POST /officials/auth/zalo {accessToken} with Zalo's access token gets a new one, with
 *   no screen in between. Only when the API says this Zalo account is no longer an
 *   official's (unlinked, account disabled) does the mode end, with a message.
 */

export type OfficialAuthAnswer = { token: string; expiresAt: string; official: OfficialProfile };

export type OfficialAuthTransport = {
  /** With the citizen's bearer token (the Zalo sign-in that is being linked). */
  link: (code: string, citizenToken: string) => Promise<ApiResult<OfficialAuthAnswer>>;
  withZalo: (accessToken: string) => Promise<ApiResult<OfficialAuthAnswer>>;
  logout: (token: string) => Promise<ApiResult<unknown>>;
};

export type OfficialSessionDeps = {
  store: Pick<OfficialStore, 'load' | 'save' | 'clear' | 'current'>;
  transport: OfficialAuthTransport;
  /** The citizen's session token (the sign-in the link is made from), or null. */
  citizenToken: () => Promise<string | null>;
  /** The API refused that citizen token (expired sign-in): end the citizen's session. */
  citizenRejected?: (token: string) => Promise<void>;
  runtime: Runtime;
  zaloAccessToken: () => Promise<Result<string | null>>;
  /** Browser only: the token for the fake Graph API in development and tests. */
  devAccessToken?: string;
  now?: () => number;
  messages?: Readonly<Record<MessageKey, string>>;
};

type Failure = { ok: false; error: ApiError };

export type TokenOutcome = { ok: true; token: string } | Failure;

/** A token this close to its expiry is renewed first: the request could arrive after it. */
const EXPIRY_MARGIN_MS = 60_000;

export const LINK_CODE_LENGTH = 8;

/** The code as typed ("1234 5678", "1234-5678") → 8 digits, or null. */
export function normalizeLinkCode(input: string): string | null {
  const digits = input.replace(/[\s.-]/g, '');
  return new RegExp(`^\\d{${LINK_CODE_LENGTH}}$`).test(digits) ? digits : null;
}

/**
 * Whether the API's answer to POST /officials/auth/zalo means "this Zalo account is not an
 * official's any more" (end the mode) rather than "try again later" (keep it): a refusal
 * about the account, not about Zalo's token or Zalo being down.
 */
export function isRevocation(error: ApiError): boolean {
  if (error.kind !== 'http') return false;
  if (![401, 403, 404].includes(error.status)) return false;
  return !['zalo_token_invalid', 'zalo_unavailable', 'rate_limited'].includes(error.code);
}

export function createOfficialSession(deps: OfficialSessionDeps) {
  const { store, transport } = deps;
  const now = deps.now ?? Date.now;
  const messages = deps.messages ?? vi;
  let renewing: Promise<TokenOutcome> | undefined;

  const fail = (code: string, key: MessageKey, status = 0): Failure => ({
    ok: false,
    error: localError(code, messages[key], status),
  });

  function fresh(link: OfficialLink): link is OfficialLink & { token: string } {
    if (!link.token || !link.expiresAt) return false;
    const at = Date.parse(link.expiresAt);
    return !Number.isNaN(at) && at - EXPIRY_MARGIN_MS > now();
  }

  async function accessToken(): Promise<{ ok: true; value: string } | Failure> {
    if (deps.runtime !== 'zalo') {
      const dev = deps.devAccessToken?.trim();
      return dev ? { ok: true, value: dev } : fail('browser', 'session.error.browser');
    }
    const token = await deps.zaloAccessToken();
    if (!token.ok) return { ok: false, error: localError(token.error.code, token.error.message) };
    return token.value
      ? { ok: true, value: token.value }
      : fail('no_token', 'session.error.failed');
  }

  async function keep(answer: OfficialAuthAnswer): Promise<OfficialLink> {
    const link: OfficialLink = {
      official: toProfile(answer.official),
      token: answer.token,
      expiresAt: answer.expiresAt,
    };
    await store.save(link);
    return link;
  }

  /** A new app token from Zalo's access token; one request at a time. */
  function renew(): Promise<TokenOutcome> {
    renewing ??= (async (): Promise<TokenOutcome> => {
      const before = store.current().link;
      const access = await accessToken();
      if (!access.ok) return access;
      const answer = await transport.withZalo(access.value);
      const current = store.current().link;
      if (!answer.ok) {
        if (isRevocation(answer.error) && current) await store.clear('revoked');
        return { ok: false, error: answer.error };
      }
      // Left official mode (or linked another account) while this was on its way.
      if (before && current?.official.id !== before.official.id) {
        return fail('signed_out', 'officials.error.notLinked', 401);
      }
      const link = await keep(answer.data);
      return { ok: true, token: link.token ?? answer.data.token };
    })().finally(() => {
      renewing = undefined;
    });
    return renewing;
  }

  /** A valid app token for the next request: the stored one, or a renewed one. */
  async function token(): Promise<TokenOutcome> {
    const { link } = await store.load();
    if (!link) return fail('not_linked', 'officials.error.notLinked', 401);
    if (fresh(link)) return { ok: true, token: link.token };
    return renew();
  }

  /** The API refused `refused`: forget it (only if still current), so the next call renews. */
  async function rejected(refused: string): Promise<void> {
    const link = store.current().link;
    if (!link || link.token !== refused) return;
    await store.save({ ...link, token: null, expiresAt: null });
  }

  /**
   * Runs an official's request with a valid token; when the API refuses the token (401)
   * it is renewed and the request sent once more. A 401 means nothing was done, so even
   * an action is safe to send again.
   */
  async function authorized<T>(
    call: (token: string) => Promise<ApiResult<T>>,
  ): Promise<ApiResult<T>> {
    const first = await token();
    if (!first.ok) return first;
    const result = await call(first.token);
    if (result.ok || result.error.status !== 401) return result;
    await rejected(first.token);
    const second = await token();
    if (!second.ok) return second;
    return call(second.token);
  }

  /** Links the signed-in citizen's Zalo account to the official account the code belongs to. */
  async function link(code: string): Promise<ApiResult<OfficialLink>> {
    const digits = normalizeLinkCode(code);
    if (!digits) return fail('invalid_code', 'officials.link.codeInvalid', 400);
    const citizen = await deps.citizenToken();
    if (!citizen) return fail('not_signed_in', 'officials.link.signInFirst', 401);
    const answer = await transport.link(digits, citizen);
    if (!answer.ok) {
      // The sign-in card then asks for a fresh Zalo sign-in, as everywhere else.
      if (answer.error.status === 401 && answer.error.code === 'session_invalid') {
        await deps.citizenRejected?.(citizen);
      }
      return answer;
    }
    return { ok: true, status: answer.status, data: await keep(answer.data) };
  }

  /** An account already linked (another phone, after leaving): enter with Zalo alone. */
  async function enterWithZalo(): Promise<ApiResult<OfficialLink>> {
    const outcome = await renew();
    if (!outcome.ok) return outcome;
    const link = store.current().link;
    return link
      ? { ok: true, status: 200, data: link }
      : fail('not_linked', 'officials.error.notLinked', 401);
  }

  /** Leaves the official's mode on this phone and ends the token's session on the server. */
  async function signOut(): Promise<void> {
    const token = store.current().link?.token;
    await store.clear();
    // Best effort: the token is short-lived anyway, and leaving must work offline.
    if (token) await transport.logout(token).catch(() => undefined);
  }

  return { token, authorized, rejected, link, enterWithZalo, signOut, renew };
}

export type OfficialSession = ReturnType<typeof createOfficialSession>;

const AUTH = '/api/v1/officials/auth';

export function authTransport(http: Send = send): OfficialAuthTransport {
  return {
    link: (code, citizenToken) =>
      http({ method: 'POST', path: `${AUTH}/zalo-link`, json: { code }, token: citizenToken }),
    withZalo: (accessToken) =>
      http({ method: 'POST', path: `${AUTH}/zalo`, json: { accessToken } }),
    logout: (token) => http({ method: 'POST', path: `${AUTH}/logout`, json: {}, token }),
  };
}

/** The app's official mode, wired to the device's storage, zmp-sdk and the API. */
export const officialSession = createOfficialSession({
  store: officialStore,
  transport: authTransport(),
  citizenToken: () => sessionStore.token(),
  citizenRejected: (token) => sessionStore.rejected(token, 'expired'),
  runtime: zalo.runtime,
  zaloAccessToken: getAccessToken,
  // Never in a production build: every browser would be that one Zalo user.
  devAccessToken: import.meta.env.DEV ? import.meta.env.VITE_DEV_ZALO_ACCESS_TOKEN : undefined,
});
