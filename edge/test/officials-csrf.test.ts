import { describe, expect, it } from 'vitest';
import { call, type ErrorJson } from './helpers';
import { appSession, createOfficial, webSession } from './support/officials';

// CSRF protection of the web admin's cookie: an unsafe request authenticated by the cookie
// needs X-CSRF-Token (HMAC of the session id) and, when the browser sends Origin, an allowed
// origin. Bearer tokens (the mini app) are exempt: a browser never adds them by itself.

const errorOf = async (res: Response) => ((await res.json()) as ErrorJson).error;

// A write every signed-in official may do: a Zalo link code.
const linkCode = (headers: Record<string, string>) =>
  call('/api/v1/officials/auth/zalo-link-code', { method: 'POST', headers });

describe('CSRF on cookie-authenticated writes', () => {
  it('accepts the cookie with the right X-CSRF-Token', async () => {
    const web = await webSession(await createOfficial());
    const res = await linkCode(web.headers);
    expect(res.status).toBe(200);
  });

  it('refuses the cookie without X-CSRF-Token', async () => {
    const web = await webSession(await createOfficial());
    const res = await linkCode({ Cookie: web.cookie });
    expect(res.status).toBe(403);
    const err = await errorOf(res);
    expect(err.code).toBe('csrf_failed');
    expect(err.message).toMatch(/tải lại trang/);
  });

  it('refuses a wrong token, and the token of another session', async () => {
    const o = await createOfficial();
    const web = await webSession(o);
    const other = await webSession(o);
    expect((await linkCode({ Cookie: web.cookie, 'X-CSRF-Token': 'x'.repeat(43) })).status).toBe(
      403,
    );
    expect((await linkCode({ Cookie: web.cookie, 'X-CSRF-Token': other.csrfToken })).status).toBe(
      403,
    );
  });

  it('refuses a cookie write from a foreign Origin even with the token', async () => {
    const web = await webSession(await createOfficial());
    const res = await linkCode({ ...web.headers, Origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(((await errorOf(res)).details as { reason: string }).reason).toBe('origin');
  });

  it("accepts the API's own origin and an ALLOWED_ORIGINS entry", async () => {
    const web = await webSession(await createOfficial());
    expect((await linkCode({ ...web.headers, Origin: 'https://tinh.test' })).status).toBe(200);
    expect((await linkCode({ ...web.headers, Origin: 'http://localhost:3000' })).status).toBe(200);
  });

  it('does not ask for a token on reads', async () => {
    const web = await webSession(await createOfficial());
    const res = await call('/api/v1/officials/auth/me', { headers: { Cookie: web.cookie } });
    expect(res.status).toBe(200);
  });

  it('exempts bearer tokens (the mini app), whatever the Origin', async () => {
    const app = await appSession(await createOfficial());
    expect((await linkCode(app.headers)).status).toBe(200);
    expect((await linkCode({ ...app.headers, Origin: 'https://h5.zdn.vn' })).status).toBe(200);
  });

  it('protects the admin routes the same way', async () => {
    const web = await webSession(await createOfficial({ roles: ['admin'] }));
    const body = JSON.stringify({
      email: `csrf-${crypto.randomUUID().slice(0, 8)}@test.gov.vn`,
      fullName: 'Nguyễn Văn Bình',
      agencyId: 'so_y_te',
      roles: ['agency_handler'],
    });
    const refused = await call('/api/v1/admin/officials', {
      method: 'POST',
      headers: { Cookie: web.cookie, 'Content-Type': 'application/json' },
      body,
    });
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe('csrf_failed');
    const ok = await call('/api/v1/admin/officials', {
      method: 'POST',
      headers: { ...web.headers, 'Content-Type': 'application/json' },
      body,
    });
    expect(ok.status).toBe(201);
  });

  it('never lets a cookie without the token act as the official on citizen routes', async () => {
    // The citizen route goes on as anonymous (the cookie is ignored), so the official's
    // session cannot be ridden there; it does not fail the citizen's request either.
    const web = await webSession(await createOfficial());
    const res = await call('/api/v1/auth/claim-device', {
      method: 'POST',
      headers: { Cookie: web.cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ deviceId: crypto.randomUUID() }),
    });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe('session_required');
  });
});
