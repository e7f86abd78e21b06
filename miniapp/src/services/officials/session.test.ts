import { describe, expect, it, vi } from 'vitest';
import type { ApiResult } from '../api';
import type { Result } from '../zalo';
import {
  createOfficialSession,
  isRevocation,
  normalizeLinkCode,
  type OfficialAuthAnswer,
  type OfficialAuthTransport,
} from './session';
import { createOfficialStore, OFFICIAL_KEY, type OfficialLink, parseLink } from './store';

const NOW = Date.parse('2026-07-01T08:00:00Z');
const IN_AN_HOUR = '2026-07-01T09:00:00.000Z';
const IN_30_SECONDS = '2026-07-01T08:00:30.000Z';

const official = {
  id: 'off-1',
  email: 'an.nguyen@soxaydung.haugiang.gov.vn',
  fullName: 'Nguyễn Văn An',
  agencyId: 'so_xay_dung',
  agencyName: 'Sở Xây dựng',
  communeId: null,
  roles: ['agency_handler'],
};

const answer = (token: string, expiresAt = IN_AN_HOUR): OfficialAuthAnswer => ({
  token,
  expiresAt,
  official,
});

function ok<T>(data: T): ApiResult<T> {
  return { ok: true, status: 200, data };
}

function apiError(status: number, code: string, message = 'Lỗi từ máy chủ.'): ApiResult<never> {
  return { ok: false, error: { kind: 'http', status, code, message } };
}

const offline: ApiResult<never> = {
  ok: false,
  error: { kind: 'network', status: 0, code: 'network', message: 'Không có kết nối mạng.' },
};

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

function setup(
  options: {
    stored?: OfficialLink;
    citizenToken?: string | null;
    runtime?: 'zalo' | 'browser';
    devAccessToken?: string;
    zaloToken?: Result<string | null>;
    link?: OfficialAuthTransport['link'];
    withZalo?: OfficialAuthTransport['withZalo'];
  } = {},
) {
  const storage = memoryStorage(
    options.stored ? { [OFFICIAL_KEY]: JSON.stringify(options.stored) } : {},
  );
  const store = createOfficialStore(storage);
  const transport = {
    link: vi.fn(options.link ?? (async () => ok(answer('ofs_linked')))),
    withZalo: vi.fn(options.withZalo ?? (async () => ok(answer('ofs_renewed')))),
    logout: vi.fn(async () => ok({})),
  };
  const zaloAccessToken = vi.fn(
    async (): Promise<Result<string | null>> =>
      options.zaloToken ?? { ok: true, value: 'zalo-access-token' },
  );
  const citizenRejected = vi.fn(async (_token: string) => undefined);
  const session = createOfficialSession({
    store,
    transport,
    citizenToken: async () =>
      options.citizenToken === undefined ? 'citizen.jwt' : options.citizenToken,
    citizenRejected,
    runtime: options.runtime ?? 'zalo',
    zaloAccessToken,
    devAccessToken: options.devAccessToken,
    now: () => NOW,
  });
  return { storage, store, transport, session, zaloAccessToken, citizenRejected };
}

const linked = (token: string | null, expiresAt: string | null = IN_AN_HOUR): OfficialLink => ({
  official,
  token,
  expiresAt,
});

describe('the link code', () => {
  it('takes 8 digits, typed with spaces or a dash, and nothing else', () => {
    expect(normalizeLinkCode('1234 5678')).toBe('12345678');
    expect(normalizeLinkCode(' 1234-5678 ')).toBe('12345678');
    expect(normalizeLinkCode('1234567')).toBeNull();
    expect(normalizeLinkCode('123456789')).toBeNull();
    expect(normalizeLinkCode('1234abcd')).toBeNull();
  });
});

describe('linking with the code from the web admin', () => {
  it('sends the code with the citizen sign-in and keeps the official app token', async () => {
    const { session, transport, storage, store } = setup();
    const result = await session.link('1234 5678');
    expect(result.ok).toBe(true);
    expect(transport.link).toHaveBeenCalledWith('12345678', 'citizen.jwt');
    expect(store.current().link).toEqual(linked('ofs_linked'));
    const saved = storage.items.get(OFFICIAL_KEY) ?? '';
    expect(parseLink(saved)?.token).toBe('ofs_linked');
    expect(saved).not.toContain('zalo-access-token');
  });

  it('asks for the Zalo sign-in first, and refuses a malformed code without a request', async () => {
    const signedOut = setup({ citizenToken: null });
    const first = await signedOut.session.link('12345678');
    expect(first.ok).toBe(false);
    if (!first.ok) expect(first.error.message).toContain('đăng nhập bằng Zalo');
    expect(signedOut.transport.link).not.toHaveBeenCalled();

    const { session, transport } = setup();
    const bad = await session.link('1234');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('8 chữ số');
    expect(transport.link).not.toHaveBeenCalled();
  });

  it("passes on the API's refusal of a wrong or used code, linking nothing", async () => {
    const { session, store } = setup({
      link: async () =>
        apiError(400, 'link_code_invalid', 'Mã liên kết không đúng hoặc đã hết hạn.'),
    });
    const result = await session.link('12345678');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toBe('Mã liên kết không đúng hoặc đã hết hạn.');
    expect((await store.load()).link).toBeNull();
  });
});

describe('an expired citizen sign-in while linking', () => {
  it('ends that sign-in, so the card asks to sign in with Zalo again', async () => {
    const { session, citizenRejected } = setup({
      link: async () => apiError(401, 'session_invalid', 'Phiên đăng nhập đã hết hạn.'),
    });
    const result = await session.link('12345678');
    expect(result.ok).toBe(false);
    expect(citizenRejected).toHaveBeenCalledWith('citizen.jwt');
  });
});

describe('the app token', () => {
  it('is used as stored while it is valid', async () => {
    const { session, transport } = setup({ stored: linked('ofs_current') });
    expect(await session.token()).toEqual({ ok: true, token: 'ofs_current' });
    expect(transport.withZalo).not.toHaveBeenCalled();
  });

  it('is renewed silently with the Zalo access token once (nearly) expired, once for many callers', async () => {
    const { session, transport, store } = setup({ stored: linked('ofs_old', IN_30_SECONDS) });
    const [a, b] = await Promise.all([session.token(), session.token()]);
    expect(a).toEqual({ ok: true, token: 'ofs_renewed' });
    expect(b).toEqual({ ok: true, token: 'ofs_renewed' });
    expect(transport.withZalo).toHaveBeenCalledTimes(1);
    expect(transport.withZalo).toHaveBeenCalledWith('zalo-access-token');
    expect(store.current().link?.token).toBe('ofs_renewed');
  });

  it('a request the API refuses (401) renews the token and is sent once more', async () => {
    const { session, transport } = setup({ stored: linked('ofs_revoked_server_side') });
    const seen: string[] = [];
    const result = await session.authorized(async (token) => {
      seen.push(token);
      return token === 'ofs_renewed'
        ? ok({ items: [] })
        : apiError(401, 'official_session_invalid');
    });
    expect(result.ok).toBe(true);
    expect(seen).toEqual(['ofs_revoked_server_side', 'ofs_renewed']);
    expect(transport.withZalo).toHaveBeenCalledTimes(1);
  });

  it('a refusal other than the token (403, 409) is passed on without renewing', async () => {
    const { session, transport } = setup({ stored: linked('ofs_current') });
    const result = await session.authorized(async () => apiError(403, 'forbidden'));
    expect(result.ok).toBe(false);
    expect(transport.withZalo).not.toHaveBeenCalled();
  });

  it('ends the mode with a message when the API no longer accepts this Zalo account', async () => {
    const { session, store } = setup({
      stored: linked(null, null),
      withZalo: async () => apiError(404, 'zalo_not_linked', 'Tài khoản Zalo chưa liên kết.'),
    });
    const result = await session.token();
    expect(result.ok).toBe(false);
    expect(store.current()).toMatchObject({ link: null, ended: 'revoked' });
  });

  it('keeps the link when renewing fails for a passing reason (no network, Zalo down)', async () => {
    const network = setup({ stored: linked(null, null), withZalo: async () => offline });
    const result = await network.session.token();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('network');
    expect(network.store.current().link?.official.id).toBe('off-1');

    const zaloDown = setup({
      stored: linked(null, null),
      withZalo: async () => apiError(401, 'zalo_token_invalid'),
    });
    await zaloDown.session.token();
    expect(zaloDown.store.current().link).not.toBeNull();
  });

  it('in a plain browser without a development token, explains that it works inside Zalo', async () => {
    const { session, transport } = setup({ stored: linked(null, null), runtime: 'browser' });
    const result = await session.token();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('browser');
    expect(transport.withZalo).not.toHaveBeenCalled();

    const dev = setup({ stored: linked(null, null), runtime: 'browser', devAccessToken: 'dev-at' });
    expect(await dev.session.token()).toEqual({ ok: true, token: 'ofs_renewed' });
    expect(dev.transport.withZalo).toHaveBeenCalledWith('dev-at');
  });

  it('is not asked for when nothing is linked', async () => {
    const { session, transport } = setup();
    const result = await session.token();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.status).toBe(401);
    expect(transport.withZalo).not.toHaveBeenCalled();
  });
});

describe('entering and leaving', () => {
  it('an account linked before enters with Zalo alone', async () => {
    const { session, store } = setup();
    const result = await session.enterWithZalo();
    expect(result.ok).toBe(true);
    expect(store.current().link?.official.fullName).toBe('Nguyễn Văn An');
  });

  it('leaving forgets the link on the phone and ends the session on the server', async () => {
    const { session, store, storage, transport } = setup({ stored: linked('ofs_current') });
    await store.load();
    await session.signOut();
    expect(store.current().link).toBeNull();
    expect(storage.items.get(OFFICIAL_KEY)).toBe('');
    expect(transport.logout).toHaveBeenCalledWith('ofs_current');
  });

  it('a renewal that answers after leaving does not link again', async () => {
    let release: (value: ApiResult<OfficialAuthAnswer>) => void = () => undefined;
    const { session, store, transport } = setup({
      stored: linked(null, null),
      withZalo: () => new Promise((resolve) => (release = resolve)),
    });
    const pending = session.token();
    await vi.waitFor(() => expect(transport.withZalo).toHaveBeenCalled());
    await session.signOut();
    release(ok(answer('ofs_late')));
    expect((await pending).ok).toBe(false);
    expect(store.current().link).toBeNull();
  });
});

describe('what ends the mode', () => {
  it('is a refusal about the account, not about Zalo or the network', () => {
    const http = (status: number, code: string) =>
      ({ kind: 'http', status, code, message: '' }) as const;
    expect(isRevocation(http(404, 'zalo_not_linked'))).toBe(true);
    expect(isRevocation(http(403, 'account_disabled'))).toBe(true);
    expect(isRevocation(http(401, 'zalo_token_invalid'))).toBe(false);
    expect(isRevocation(http(503, 'zalo_unavailable'))).toBe(false);
    expect(isRevocation({ kind: 'network', status: 0, code: 'network', message: '' })).toBe(false);
  });
});

describe('the stored link', () => {
  it('reads back what was saved and drops garbage', () => {
    expect(parseLink(JSON.stringify(linked('ofs_x')))).toEqual(linked('ofs_x'));
    expect(parseLink(JSON.stringify(linked(null, null)))).toEqual(linked(null, null));
    expect(parseLink('')).toBeNull();
    expect(parseLink('{"official":{"id":1}}')).toBeNull();
    expect(parseLink('not json')).toBeNull();
  });
});
