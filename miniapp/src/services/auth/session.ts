import type { InferResponseType } from 'hono/client';
import { type MessageKey, vi } from '../../i18n/vi';
import { type ApiError, type ApiResult, api, request } from '../api';
import {
  authorizeUserInfo,
  getAccessToken,
  getDeviceId,
  type Result,
  type Runtime,
  zalo,
} from '../zalo';
import { type Session, type SessionStore, type SessionUser, sessionStore } from './store';

/**
 * Citizen sign-in with Zalo: zmp-sdk's access token goes to the API (POST /auth/zalo),
 * which checks it with Zalo and answers its own session token; the session is kept on the
 * device (./store.ts), and the reports this device sent before signing in are attached
 * to the account (POST /auth/claim-device), so "Phản ánh của tôi" shows them on any
 * device. Signing out only forgets the token here: the API keeps no session to end.
 *
 * In a plain browser there is no Zalo access token. A development build may take one from
 * VITE_DEV_ZALO_ACCESS_TOKEN (the browser test signs in against a fake Graph API with it);
 * otherwise signing in explains that it works inside Zalo.
 */

export type SignInAnswer = { token: string; expiresAt: string; user: SessionUser };
export type ClaimAnswer = { claimed: number };

export type SignInTransport = {
  signIn: (accessToken: string) => Promise<ApiResult<SignInAnswer>>;
  claimDevice: (deviceId: string) => Promise<ApiResult<ClaimAnswer>>;
};

export type SignInErrorCode =
  /** Not inside Zalo, and no development token. */
  | 'browser'
  /** The citizen refused Zalo's permission prompt. */
  | 'denied'
  | 'cancelled'
  /** A Zalo client too old for the API. */
  | 'unsupported'
  /** Zalo answered no token. */
  | 'no_token'
  /** Anything the API answered (its code: zalo_token_invalid, zalo_unavailable, network…). */
  | (string & {});

/** The errors the app words itself, in both languages (none takes a parameter). */
export type SignInMessageKey = Extract<
  MessageKey,
  `session.error.${string}` | 'error.network' | 'error.timeout'
>;

export type SignInError = {
  code: SignInErrorCode;
  /** Vietnamese, ready to show (the API's message for API errors). */
  message: string;
  /** The catalog key for this error where the app has its own wording (both languages). */
  messageKey?: SignInMessageKey;
};

type Outcome<T> = { ok: true; value: T } | { ok: false; error: SignInError };

export type SignInResult = { ok: true; session: Session } | { ok: false; error: SignInError };

export type SessionDeps = {
  store: Pick<SessionStore, 'save' | 'clear' | 'load' | 'current'>;
  transport: SignInTransport;
  runtime: Runtime;
  zaloAccessToken: () => Promise<Result<string | null>>;
  /** Asks for the Zalo name (scope.userInfo); a refusal still signs in, without the name. */
  askForName?: () => Promise<unknown>;
  deviceId: () => Promise<string>;
  /** Browser only: a token for the fake Graph API in development and tests. */
  devAccessToken?: string;
  /** Vietnamese messages, for the errors the app words itself. */
  messages: Readonly<Record<MessageKey, string>>;
};

const ZALO_ERROR_KEYS: Record<string, SignInMessageKey> = {
  denied: 'session.error.denied',
  cancelled: 'session.error.cancelled',
  unsupported: 'session.error.unsupported',
};

const API_ERROR_KEYS: Record<string, SignInMessageKey> = {
  zalo_token_invalid: 'session.error.zaloRejected',
  zalo_unavailable: 'session.error.zaloUnavailable',
  network: 'error.network',
  timeout: 'error.timeout',
};

export function createSession(deps: SessionDeps) {
  const { store, transport, messages } = deps;
  let signingIn: Promise<SignInResult> | undefined;
  let claiming: Promise<boolean> | undefined;

  const failure = (code: SignInErrorCode, messageKey: SignInMessageKey) => ({
    ok: false as const,
    error: { code, messageKey, message: messages[messageKey] },
  });

  function apiFailure(error: ApiError) {
    const messageKey = API_ERROR_KEYS[error.code];
    return messageKey
      ? failure(error.code, messageKey)
      : { ok: false as const, error: { code: error.code, message: error.message } };
  }

  /** Zalo's access token for this citizen: zmp-sdk inside Zalo, the dev token in a browser. */
  async function accessToken(): Promise<Outcome<string>> {
    if (deps.runtime !== 'zalo') {
      const dev = deps.devAccessToken?.trim();
      return dev ? { ok: true, value: dev } : failure('browser', 'session.error.browser');
    }
    await deps.askForName?.();
    const token = await deps.zaloAccessToken();
    if (!token.ok) {
      return failure(token.error.code, ZALO_ERROR_KEYS[token.error.code] ?? 'session.error.failed');
    }
    return token.value
      ? { ok: true, value: token.value }
      : failure('no_token', 'session.error.failed');
  }

  /**
   * Attaches this device's anonymous reports to the account, once per sign-in. A failure
   * (no network) is kept for later: `claimDevice()` runs again at the next start.
   */
  function claimDevice(): Promise<boolean> {
    claiming ??= (async () => {
      try {
        const session = (await store.load()).session;
        if (!session || session.deviceClaimed) return true;
        const result = await transport.claimDevice(await deps.deviceId());
        // Signed out, or again, while the claim was on its way: that session is not ours.
        const now = store.current().session;
        if (!result.ok || now?.token !== session.token) return false;
        await store.save({ ...now, deviceClaimed: true });
        return true;
      } finally {
        claiming = undefined;
      }
    })();
    return claiming;
  }

  async function run(): Promise<SignInResult> {
    const token = await accessToken();
    if (!token.ok) return token;
    const answer = await transport.signIn(token.value);
    if (!answer.ok) return apiFailure(answer.error);
    const session: Session = {
      token: answer.data.token,
      expiresAt: answer.data.expiresAt,
      user: { id: answer.data.user.id, displayName: answer.data.user.displayName },
      deviceClaimed: false,
    };
    await store.save(session);
    await claimDevice();
    return { ok: true, session: store.current().session ?? session };
  }

  /** One sign-in at a time: a second tap waits for the first. */
  function signIn(): Promise<SignInResult> {
    signingIn ??= run().finally(() => {
      signingIn = undefined;
    });
    return signingIn;
  }

  async function signOut(): Promise<void> {
    await store.clear();
  }

  return { signIn, signOut, claimDevice };
}

export type SessionService = ReturnType<typeof createSession>;

const auth = api.api.v1.auth;

// The screens read SignInAnswer; this fails to compile when the API's answer changes shape.
type Assignable<T extends U, U> = T;
export type _Checks = [
  Assignable<InferResponseType<typeof auth.zalo.$post, 200>, SignInAnswer>,
  Assignable<InferResponseType<(typeof auth)['claim-device']['$post'], 200>, ClaimAnswer>,
];

/** The app's sign-in, wired to zmp-sdk, the device id and the API. */
export const session = createSession({
  store: sessionStore,
  transport: {
    signIn: (accessToken) => request(() => auth.zalo.$post({ json: { accessToken } })),
    claimDevice: (deviceId) => request(() => auth['claim-device'].$post({ json: { deviceId } })),
  },
  runtime: zalo.runtime,
  zaloAccessToken: getAccessToken,
  askForName: authorizeUserInfo,
  deviceId: getDeviceId,
  // Never in a production build: every browser would sign in as that one Zalo user.
  devAccessToken: import.meta.env.DEV ? import.meta.env.VITE_DEV_ZALO_ACCESS_TOKEN : undefined,
  messages: vi,
});
