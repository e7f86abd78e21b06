import { officialSessions, officials } from '@tinh/db/schema';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { currentTotp } from '../src/officials/totp';
import { call, type ErrorJson } from './helpers';
import {
  createOfficial,
  db,
  loginApp,
  loginRaw,
  loginWeb,
  sessionCookieOf,
  TEST_PASSWORD,
} from './support/officials';

// Officials' sign-in: password, lockout, TOTP, sessions of the web admin and the mini app.

const me = (headers: Record<string, string>) => call('/api/v1/officials/auth/me', { headers });
const errorOf = async (res: Response) => ((await res.json()) as ErrorJson).error;
const post = (path: string, headers: Record<string, string>, body?: unknown) =>
  call(path, {
    method: 'POST',
    headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

interface MeJson {
  official: {
    id: string;
    email: string;
    agencyId: string;
    agencyName: string;
    communeId: string | null;
    roles: string[];
    totpEnabled: boolean;
    zaloLinked: boolean;
  };
  csrfToken?: string;
}

describe('sign-in with email and password', () => {
  it('gives the mini app a short-lived ofs_ bearer token that GET /me accepts', async () => {
    const o = await createOfficial({
      roles: ['agency_handler', 'agency_leader'],
      agencyId: 'so_xay_dung',
    });
    const res = await loginRaw({
      email: o.email.toUpperCase(),
      password: TEST_PASSWORD,
      client: 'app',
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      token: string;
      expiresAt: string;
      official: MeJson['official'];
    };
    expect(body.token).toMatch(/^ofs_[\w-]{43}$/);
    const ttl = Date.parse(body.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(110 * 60_000);
    expect(ttl).toBeLessThanOrEqual(2 * 3600_000);
    expect(body.official).toMatchObject({
      id: o.id,
      agencyId: 'so_xay_dung',
      roles: expect.arrayContaining(['agency_handler', 'agency_leader']),
      totpEnabled: false,
      zaloLinked: false,
    });
    expect(sessionCookieOf(res)).toBeNull();

    const who = await me({ Authorization: `Bearer ${body.token}` });
    expect(who.status).toBe(200);
    const mine = (await who.json()) as MeJson;
    expect(mine.official.email).toBe(o.email);
    expect(mine.official.agencyName).toMatch(/Xây dựng/);
    expect(mine.csrfToken).toBeUndefined();
    // Only the hash of the token is stored.
    const rows = await db()
      .select({ tokenHash: officialSessions.tokenHash, kind: officialSessions.kind })
      .from(officialSessions)
      .where(eq(officialSessions.officialId, o.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.kind).toBe('app');
    expect(rows[0]?.tokenHash).not.toContain(body.token);
    expect(rows[0]?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the web admin an HttpOnly, Secure, SameSite=Strict cookie and a CSRF token', async () => {
    const o = await createOfficial({ roles: ['ioc_operator'] });
    const res = await loginRaw({ email: o.email, password: TEST_PASSWORD, client: 'web' });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^tinh_admin=ofs_/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/Secure/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).toMatch(/Max-Age=43200/);
    const body = (await res.json()) as {
      csrfToken: string;
      official: { id: string };
      token?: string;
    };
    expect(body.token).toBeUndefined();
    expect(body.official.id).toBe(o.id);
    const cookie = `tinh_admin=${sessionCookieOf(res)}`;
    const who = await me({ Cookie: cookie });
    expect(who.status).toBe(200);
    expect(((await who.json()) as MeJson).csrfToken).toBe(body.csrfToken);
  });

  it('refuses a wrong password or an unknown email with the same answer', async () => {
    const o = await createOfficial();
    const wrong = await loginRaw({ email: o.email, password: 'not the password', client: 'app' });
    const unknown = await loginRaw({
      email: 'khong-co@test.gov.vn',
      password: TEST_PASSWORD,
      client: 'app',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await errorOf(wrong), await errorOf(unknown)];
    expect(a.code).toBe('invalid_credentials');
    expect(b).toEqual(a);
    expect(a.message).toMatch(/mật khẩu/);
  });

  it('refuses an account with no password yet, and a disabled account', async () => {
    const fresh = await createOfficial({ password: null });
    expect(
      (
        await errorOf(
          await loginRaw({ email: fresh.email, password: 'anything at all', client: 'app' }),
        )
      ).code,
    ).toBe('invalid_credentials');
    const off = await createOfficial({ status: 'disabled' });
    const res = await loginRaw({ email: off.email, password: TEST_PASSWORD, client: 'app' });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('account_disabled');
  });

  it('answers 400 with Vietnamese messages for a malformed body', async () => {
    const res = await loginRaw({ email: 'not-an-email', password: '', client: 'tv' } as never);
    expect(res.status).toBe(400);
    const err = await errorOf(res);
    expect(err.code).toBe('validation_failed');
  });
});

describe('lockout after repeated failures', () => {
  it('locks the account for 15 minutes after 5 consecutive failures, even for the right password', async () => {
    const o = await createOfficial();
    for (let i = 0; i < 4; i += 1) {
      const res = await loginRaw({ email: o.email, password: `sai mat khau ${i}`, client: 'app' });
      expect(res.status).toBe(401);
    }
    const fifth = await loginRaw({ email: o.email, password: 'sai lan thu nam', client: 'app' });
    expect(fifth.status).toBe(423);
    const err = await errorOf(fifth);
    expect(err.code).toBe('account_locked');
    const { lockedUntil } = err.details as { lockedUntil: string };
    const ms = Date.parse(lockedUntil) - Date.now();
    expect(ms).toBeGreaterThan(14 * 60_000);
    expect(ms).toBeLessThanOrEqual(15 * 60_000);
    expect(Number(fifth.headers.get('retry-after'))).toBeGreaterThan(800);

    const right = await loginRaw({ email: o.email, password: TEST_PASSWORD, client: 'app' });
    expect(right.status).toBe(423);
    expect(((await errorOf(right)).details as { lockedUntil: string }).lockedUntil).toBe(
      lockedUntil,
    );
  });

  it('lets the official in again once the lock has run out, and a success resets the count', async () => {
    const o = await createOfficial();
    for (let i = 0; i < 5; i += 1) {
      await loginRaw({ email: o.email, password: `sai ${i} lan nua`, client: 'app' });
    }
    // Fifteen minutes later.
    await db()
      .update(officials)
      .set({ lockedUntil: new Date(Date.now() - 1000).toISOString() })
      .where(eq(officials.id, o.id));
    const res = await loginRaw({ email: o.email, password: TEST_PASSWORD, client: 'app' });
    expect(res.status).toBe(200);
    const [row] = await db()
      .select({
        failed: officials.failedLogins,
        lockedUntil: officials.lockedUntil,
        lastLoginAt: officials.lastLoginAt,
      })
      .from(officials)
      .where(eq(officials.id, o.id));
    expect(row?.failed).toBe(0);
    expect(row?.lockedUntil).toBeNull();
    expect(row?.lastLoginAt).not.toBeNull();
    // Four failures after a success do not lock (the count started again).
    for (let i = 0; i < 4; i += 1) {
      expect(
        (await loginRaw({ email: o.email, password: `lai sai ${i}`, client: 'app' })).status,
      ).toBe(401);
    }
    expect(
      (await loginRaw({ email: o.email, password: TEST_PASSWORD, client: 'app' })).status,
    ).toBe(200);
  });
});

describe('TOTP second factor', () => {
  it('sets up, enables, is then required at sign-in, and can be disabled with a code', async () => {
    const o = await createOfficial();
    const session = await loginApp(o);
    const setup = await post('/api/v1/officials/auth/totp/setup', session.headers);
    expect(setup.status).toBe(200);
    const { secret, otpauthUrl } = (await setup.json()) as { secret: string; otpauthUrl: string };
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expect(decodeURIComponent(otpauthUrl)).toContain('Tỉnh – Cán bộ');
    expect(otpauthUrl).toContain(`secret=${secret}`);

    // Not enabled until a first valid code: signing in still needs only the password.
    expect((await loginRaw({ email: o.email, password: o.password, client: 'app' })).status).toBe(
      200,
    );
    const bad = await post('/api/v1/officials/auth/totp/enable', session.headers, {
      code: '000000' === currentTotp(secret) ? '111111' : '000000',
    });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).code).toBe('totp_invalid');
    const ok = await post('/api/v1/officials/auth/totp/enable', session.headers, {
      code: currentTotp(secret),
    });
    expect(ok.status).toBe(200);
    expect(((await (await me(session.headers)).json()) as MeJson).official.totpEnabled).toBe(true);
    // A second setup would replace a working factor: refused.
    expect((await post('/api/v1/officials/auth/totp/setup', session.headers)).status).toBe(409);

    const missing = await loginRaw({ email: o.email, password: o.password, client: 'app' });
    expect(missing.status).toBe(401);
    expect((await errorOf(missing)).code).toBe('totp_required');
    const wrong = await loginRaw({
      email: o.email,
      password: o.password,
      client: 'app',
      totp: currentTotp(secret, Date.now() - 10 * 60_000),
    });
    expect(wrong.status).toBe(401);
    expect((await errorOf(wrong)).code).toBe('totp_invalid');
    // One step of clock drift is accepted.
    const drift = await loginRaw({
      email: o.email,
      password: o.password,
      client: 'app',
      totp: currentTotp(secret, Date.now() - 30_000),
    });
    expect(drift.status).toBe(200);
    const withCode = await loginApp(o, currentTotp(secret));
    expect(withCode.token).toMatch(/^ofs_/);
    // A code works once: replaying it (or the older one) is refused.
    for (const replayed of [currentTotp(secret), currentTotp(secret, Date.now() - 30_000)]) {
      const again = await loginRaw({
        email: o.email,
        password: o.password,
        client: 'app',
        totp: replayed,
      });
      expect((await errorOf(again)).code).toBe('totp_invalid');
    }

    const off = await post('/api/v1/officials/auth/totp/disable', withCode.headers, {
      code: currentTotp(secret),
    });
    expect(off.status).toBe(200);
    expect((await loginRaw({ email: o.email, password: o.password, client: 'app' })).status).toBe(
      200,
    );
  });

  it('counts wrong TOTP codes towards the lockout', async () => {
    const o = await createOfficial({ totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' });
    let last: Response | undefined;
    for (let i = 0; i < 5; i += 1) {
      last = await loginRaw({
        email: o.email,
        password: o.password,
        client: 'app',
        totp: currentTotp('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', Date.now() - (i + 5) * 3600_000),
      });
    }
    expect(last?.status).toBe(423);
  });
});

describe('sessions', () => {
  it('logout revokes the app token: it is refused afterwards', async () => {
    const o = await createOfficial();
    const s = await loginApp(o);
    expect((await me(s.headers)).status).toBe(200);
    const out = await post('/api/v1/officials/auth/logout', s.headers);
    expect(out.status).toBe(200);
    const after = await me(s.headers);
    expect(after.status).toBe(401);
    expect((await errorOf(after)).code).toBe('official_session_invalid');
  });

  it('logout of the web admin revokes the cookie session and clears the cookie', async () => {
    const o = await createOfficial();
    const web = await loginWeb(o);
    const out = await post('/api/v1/officials/auth/logout', web.headers);
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/tinh_admin=;.*Max-Age=0/i);
    const after = await me({ Cookie: web.cookie });
    expect(after.status).toBe(401);
    expect((await errorOf(after)).code).toBe('official_session_required');
  });

  it('does not accept a web session as a bearer token nor an app token as the cookie', async () => {
    const o = await createOfficial();
    const web = await loginWeb(o);
    const app = await loginApp(o);
    expect((await me({ Authorization: `Bearer ${web.token}` })).status).toBe(401);
    expect((await me({ Cookie: `tinh_admin=${app.token}` })).status).toBe(401);
  });

  it('refuses an expired token and a made-up one; leaves citizens and anonymous requests alone', async () => {
    const o = await createOfficial();
    const s = await loginApp(o);
    await db()
      .update(officialSessions)
      .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
      .where(eq(officialSessions.officialId, o.id));
    expect((await me(s.headers)).status).toBe(401);
    const forged = await call('/api/v1/catalog/categories', {
      headers: { Authorization: 'Bearer ofs_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
    });
    expect(forged.status).toBe(401);
    expect((await errorOf(forged)).code).toBe('official_session_invalid');
    // Anonymous: untouched.
    expect((await call('/api/v1/catalog/categories')).status).toBe(200);
    // Not signed in as an official.
    const anon = await me({});
    expect(anon.status).toBe(401);
    expect((await errorOf(anon)).code).toBe('official_session_required');
  });
});

describe('API reference', () => {
  it('documents the officials routes and their security schemes', async () => {
    const res = await call('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      paths: Record<string, unknown>;
      components: { securitySchemes: Record<string, unknown> };
    };
    for (const path of [
      '/api/v1/officials/auth/login',
      '/api/v1/officials/auth/me',
      '/api/v1/officials/auth/password-links/{token}',
      '/api/v1/officials/auth/zalo-link',
      '/api/v1/admin/officials',
      '/api/v1/admin/officials/{id}',
      '/api/v1/admin/officials/{id}/password-link',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.components.securitySchemes.officialCookie).toBeDefined();
    expect(doc.components.securitySchemes.officialBearer).toBeDefined();
  });
});
