import { describe, expect, it, vi } from 'vitest';
import { vi as messages } from '../../i18n/vi';
import { type ApiResult, request, withCredentials } from '../api';
import { isRetryable } from '../reports/upload';
import type { Result } from '../zalo';
import {
  type ClaimAnswer,
  createSession,
  type SignInAnswer,
  type SignInTransport,
} from './session';
import { createSessionStore, parseSession, SESSION_KEY, type Session } from './store';

const NOW = Date.parse('2026-07-01T08:00:00Z');
const LATER = '2026-07-08T08:00:00.000Z';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getStorage: async (key: string) => ({ ok: true as const, value: items.get(key) ?? null }),
    setStorage: async (key: string, value: string) => {
      items.set(key, value);
      return { ok: true };
    },
  };
}

const answer: SignInAnswer = {
  token: 'h.p.s1',
  expiresAt: LATER,
  user: { id: 'u-1', displayName: 'Nguyễn Văn An' },
};

function storedSession(overrides: Partial<Session> = {}): Session {
  return { ...answer, deviceClaimed: true, ...overrides };
}

function ok<T>(data: T): ApiResult<T> {
  return { ok: true, status: 200, data };
}

function apiError(status: number, code: string, message = 'Lỗi từ máy chủ.'): ApiResult<never> {
  return { ok: false, error: { kind: 'http', status, code, message } };
}

function setup(
  options: {
    runtime?: 'zalo' | 'browser';
    zaloToken?: Result<string | null>;
    devAccessToken?: string;
    signIn?: SignInTransport['signIn'];
    claimDevice?: SignInTransport['claimDevice'];
    stored?: Session;
  } = {},
) {
  const storage = memoryStorage(
    options.stored ? { [SESSION_KEY]: JSON.stringify(options.stored) } : {},
  );
  const store = createSessionStore(storage, () => NOW);
  const signIn = vi.fn(options.signIn ?? (async () => ok(answer)));
  const claimDevice = vi.fn(
    options.claimDevice ?? (async (): Promise<ApiResult<ClaimAnswer>> => ok({ claimed: 2 })),
  );
  const zaloAccessToken = vi.fn(
    async (): Promise<Result<string | null>> =>
      options.zaloToken ?? { ok: true, value: 'zalo-access-token' },
  );
  const askForName = vi.fn(async () => ({ ok: true, value: true }));
  const session = createSession({
    store,
    transport: { signIn, claimDevice },
    runtime: options.runtime ?? 'zalo',
    zaloAccessToken,
    askForName,
    deviceId: async () => 'device-A',
    devAccessToken: options.devAccessToken,
    messages,
  });
  return { storage, store, session, signIn, claimDevice, zaloAccessToken, askForName };
}

describe('signing in with Zalo', () => {
  it('sends the Zalo access token, stores the session and claims the device once', async () => {
    const t = setup();
    const result = await t.session.signIn();

    expect(result).toEqual({ ok: true, session: { ...answer, deviceClaimed: true } });
    expect(t.askForName).toHaveBeenCalledTimes(1);
    expect(t.signIn).toHaveBeenCalledWith('zalo-access-token');
    expect(t.claimDevice).toHaveBeenCalledTimes(1);
    expect(t.claimDevice).toHaveBeenCalledWith('device-A');
    expect(parseSession(t.storage.items.get(SESSION_KEY) ?? null)).toEqual({
      ...answer,
      deviceClaimed: true,
    });
    expect(await t.store.token()).toBe('h.p.s1');

    // Later starts of the app do not claim again.
    await t.session.claimDevice();
    expect(t.claimDevice).toHaveBeenCalledTimes(1);
  });

  it('signs in once for a double tap', async () => {
    const t = setup();
    const [first, second] = await Promise.all([t.session.signIn(), t.session.signIn()]);
    expect(first).toEqual(second);
    expect(t.signIn).toHaveBeenCalledTimes(1);
    expect(t.claimDevice).toHaveBeenCalledTimes(1);
  });

  it('keeps the session when the claim fails, and claims at the next start', async () => {
    let online = false;
    const t = setup({
      claimDevice: async () =>
        online
          ? ok({ claimed: 1 })
          : { ok: false, error: { kind: 'network', status: 0, code: 'network', message: '' } },
    });
    const result = await t.session.signIn();
    expect(result.ok).toBe(true);
    expect(t.store.current().session).toMatchObject({ token: 'h.p.s1', deviceClaimed: false });

    online = true;
    expect(await t.session.claimDevice()).toBe(true);
    expect(t.claimDevice).toHaveBeenCalledTimes(2);
    expect(t.store.current().session?.deviceClaimed).toBe(true);
  });

  it('explains a refused Zalo permission in Vietnamese and stores nothing', async () => {
    const t = setup({
      zaloToken: { ok: false, error: { code: 'denied', message: messages['error.denied'] } },
    });
    const result = await t.session.signIn();
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'denied',
        messageKey: 'session.error.denied',
        message: messages['session.error.denied'],
      },
    });
    expect(result.ok || result.error.message).toContain('chưa cho phép');
    expect(t.signIn).not.toHaveBeenCalled();
    expect(t.store.current().session).toBeNull();
    expect(t.storage.items.has(SESSION_KEY)).toBe(false);
  });

  it('in a browser, explains that Zalo sign-in works inside Zalo', async () => {
    const t = setup({ runtime: 'browser' });
    const result = await t.session.signIn();
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'browser', message: messages['session.error.browser'] },
    });
    expect(t.zaloAccessToken).not.toHaveBeenCalled();
    expect(t.askForName).not.toHaveBeenCalled();
    expect(t.signIn).not.toHaveBeenCalled();
  });

  it('in a browser, signs in with the development token when one is set', async () => {
    const t = setup({ runtime: 'browser', devAccessToken: ' zalo-at:42:An ' });
    expect((await t.session.signIn()).ok).toBe(true);
    expect(t.signIn).toHaveBeenCalledWith('zalo-at:42:An');
    expect(t.zaloAccessToken).not.toHaveBeenCalled();
  });

  it("words Zalo's refusal itself and passes other API messages through", async () => {
    const rejected = setup({ signIn: async () => apiError(401, 'zalo_token_invalid') });
    expect(await rejected.session.signIn()).toMatchObject({
      ok: false,
      error: { code: 'zalo_token_invalid', messageKey: 'session.error.zaloRejected' },
    });
    const paused = setup({
      signIn: async () => apiError(503, 'session_not_configured', 'Đăng nhập đang tạm ngừng.'),
    });
    expect(await paused.session.signIn()).toEqual({
      ok: false,
      error: { code: 'session_not_configured', message: 'Đăng nhập đang tạm ngừng.' },
    });
    expect(paused.claimDevice).not.toHaveBeenCalled();
    expect(paused.store.current().session).toBeNull();
  });

  it('signs out by forgetting the session on the device', async () => {
    const t = setup({ stored: storedSession() });
    expect(await t.store.token()).toBe('h.p.s1');
    await t.session.signOut();
    expect(await t.store.token()).toBeNull();
    expect(t.store.current()).toEqual({ ready: true, session: null });
    expect(parseSession(t.storage.items.get(SESSION_KEY) ?? null)).toBeNull();
  });
});

describe('the stored session', () => {
  it('is read back after a restart', async () => {
    const t = setup({ stored: storedSession() });
    expect(await t.store.load()).toEqual({ ready: true, session: storedSession() });
  });

  it('is dropped, and reported expired, once past its expiry', async () => {
    const t = setup({ stored: storedSession({ expiresAt: '2026-06-30T08:00:00.000Z' }) });
    expect(await t.store.load()).toEqual({ ready: true, session: null, ended: 'expired' });
    expect(t.storage.items.get(SESSION_KEY)).toBe('');
  });

  it('ignores garbage', () => {
    expect(parseSession('{')).toBeNull();
    expect(parseSession(JSON.stringify({ token: 'x' }))).toBeNull();
    expect(parseSession('')).toBeNull();
  });
});

describe('requests with the session', () => {
  function api(store: ReturnType<typeof createSessionStore>, response: () => Response) {
    const base = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => response());
    const sent = () => new Headers(base.mock.calls.at(-1)?.[1]?.headers);
    return { fetch: withCredentials(store, base), base, sent };
  }

  const json = (status: number, body: unknown) => () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });

  it('carry Authorization: Bearer while signed in, and nothing while signed out', async () => {
    const t = setup({ stored: storedSession() });
    const client = api(t.store, json(200, { items: [] }));
    await client.fetch('/api/v1/reports/mine', { headers: { 'x-device-id': 'device-A' } });
    expect(client.sent().get('authorization')).toBe('Bearer h.p.s1');
    expect(client.sent().get('x-device-id')).toBe('device-A');

    await t.session.signOut();
    await client.fetch('/api/v1/reports/mine');
    expect(client.sent().has('authorization')).toBe(false);
  });

  it('end the session on 401 session_invalid, and the caller still gets the message', async () => {
    const t = setup({ stored: storedSession() });
    const client = api(
      t.store,
      json(401, {
        error: { code: 'session_invalid', message: 'Phiên đăng nhập đã hết hạn.' },
      }),
    );
    const listener = vi.fn();
    t.store.subscribe(listener);

    const result = await request(async () => (await client.fetch('/api/v1/reports/mine')) as never);

    expect(result).toMatchObject({
      ok: false,
      error: { status: 401, code: 'session_invalid', message: 'Phiên đăng nhập đã hết hạn.' },
    });
    expect(t.store.current()).toEqual({ ready: true, session: null, ended: 'expired' });
    expect(listener).toHaveBeenCalledWith({ ready: true, session: null, ended: 'expired' });
    expect(t.storage.items.get(SESSION_KEY)).toBe('');
    // The next request is anonymous: the app shows the message and asks to sign in again.
    await client.fetch('/api/v1/reports/mine');
    expect(client.sent().has('authorization')).toBe(false);
  });

  it('keep a newer session when an old request comes back refused', async () => {
    const t = setup({ stored: storedSession({ token: 'h.p.old' }) });
    let release: (response: Response) => void = () => undefined;
    const base = vi.fn(
      (_input: RequestInfo | URL, _init?: RequestInit) =>
        new Promise<Response>((resolve) => {
          release = resolve;
        }),
    );
    const pending = withCredentials(t.store, base)('/api/v1/reports/mine');
    await vi.waitFor(() => expect(base).toHaveBeenCalled());
    await t.store.save(storedSession({ token: 'h.p.new' }));
    release(json(401, { error: { code: 'session_invalid', message: '' } })());
    await pending;
    expect(t.store.current().session?.token).toBe('h.p.new');
  });

  it('leave the session alone for other refusals', async () => {
    const t = setup({ stored: storedSession() });
    for (const [status, code] of [
      [401, 'session_required'],
      [401, 'zalo_token_invalid'],
      [403, 'session_invalid'],
      [503, 'zalo_unavailable'],
    ] as const) {
      await api(t.store, json(status, { error: { code, message: '' } })).fetch('/api/v1/x');
    }
    await api(t.store, () => new Response('<html>Bad gateway</html>', { status: 401 })).fetch(
      '/api/v1/x',
    );
    expect(t.store.current().session?.token).toBe('h.p.s1');
  });

  it('drop the session when the API cannot check tokens at all (503 session_not_configured)', async () => {
    const t = setup({ stored: storedSession() });
    await api(t.store, json(503, { error: { code: 'session_not_configured', message: '' } })).fetch(
      '/api/v1/reports/mine',
    );
    expect(t.store.current()).toEqual({ ready: true, session: null, ended: 'unavailable' });
  });

  it("keep a call's own Authorization header", async () => {
    const t = setup({ stored: storedSession() });
    const client = api(t.store, json(200, {}));
    await client.fetch('/api/v1/x', { headers: { Authorization: 'Bearer other' } });
    expect(client.sent().get('authorization')).toBe('Bearer other');
  });
});

describe('a report sent with a refused session', () => {
  it('stays waiting in the outbox instead of asking the citizen to fix it', () => {
    const refused = { kind: 'http', status: 401, code: 'session_invalid', message: '' } as const;
    expect(isRetryable(refused)).toBe(true);
    expect(isRetryable({ ...refused, code: 'session_required' })).toBe(false);
  });
});
