import { env } from 'cloudflare:workers';
import { sign } from 'hono/jwt';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import app from '../src/app';
import { exchangeLocationToken, getProfile, ZaloGraphError } from '../src/zalo/graph';
import { call } from './helpers';
import {
  db,
  errorOf,
  json,
  newPhone,
  type Phone,
  postJson,
  reportBody,
  rowsFor,
  type SubmitJson,
  submitOk,
} from './support/reports';

// Citizen sign-in with Zalo against the loopback Graph API of test/global-setup.ts
// (test/support/node-fake-zalo-graph.ts: "zalo-at:<id>[:<name>]" tokens are valid).

const DAY = 86_400;

interface SessionJson {
  token: string;
  expiresAt: string;
  user: { id: string; displayName: string | null };
}
interface MineJson {
  items: { code: string }[];
  nextCursor: string | null;
}

/** A fresh Zalo user id: 19 digits, like Zalo's app-scoped ids. */
function zaloId(): string {
  const digits = crypto.getRandomValues(new Uint32Array(3)).join('');
  return `7${digits.padEnd(18, '0').slice(0, 18)}`;
}
/** A user access token the fake Graph API accepts. */
const accessTokenFor = (id: string, name?: string) =>
  name === undefined ? `zalo-at:${id}` : `zalo-at:${id}:${encodeURIComponent(name)}`;

const signInRaw = (accessToken: unknown, headers: Record<string, string> = {}) =>
  postJson('/api/v1/auth/zalo', { accessToken }, undefined, headers);

/** Signs in as a Zalo user; `name: null` is a token without the name (scope.userInfo not granted). */
async function signIn(id = zaloId(), name: string | null = 'Nguyễn Văn An') {
  const res = await signInRaw(accessTokenFor(id, name ?? undefined));
  if (res.status !== 200) throw new Error(`sign-in ${res.status}: ${await res.text()}`);
  return { zaloId: id, ...(await json<SessionJson>(res)) };
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

function mine(phone: Phone | null, token?: string) {
  return call('/api/v1/reports/mine', {
    headers: {
      ...(phone ? { 'X-Device-Id': phone.deviceId } : {}),
      ...(token ? bearer(token) : {}),
    },
  });
}
async function mineCodes(phone: Phone | null, token?: string): Promise<string[]> {
  const res = await mine(phone, token);
  if (res.status !== 200) throw new Error(`mine ${res.status}: ${await res.text()}`);
  return (await json<MineJson>(res)).items.map((r) => r.code);
}

async function submitSignedIn(phone: Phone, token: string): Promise<SubmitJson> {
  const res = await postJson('/api/v1/reports', reportBody(phone), phone, bearer(token));
  if (res.status !== 201) throw new Error(`submit ${res.status}: ${await res.text()}`);
  return json<SubmitJson>(res);
}

function payloadOf(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)));
}

async function userRow(zalo: string) {
  const rs = await db().$client.execute({
    sql: 'select id, zalo_id, phone, display_name from users where zalo_id = ?',
    args: [zalo],
  });
  return rs.rows as unknown as {
    id: string;
    zalo_id: string;
    phone: string | null;
    display_name: string | null;
  }[];
}

async function reportOwner(code: string): Promise<string | null> {
  const rs = await db().$client.execute({
    sql: 'select user_id from reports where code = ?',
    args: [code],
  });
  return (rs.rows[0]?.user_id as string | null | undefined) ?? null;
}

const now = () => Math.floor(Date.now() / 1000);
const secret = () => env.SESSION_SECRET as string;

// ---- the Graph API client ---------------------------------------------------------------------

describe('getProfile (Zalo Graph API /v2.0/me)', () => {
  const opts = () => ({
    baseUrl: inject('zaloGraphUrl'),
    appSecret: env.ZALO_APP_SECRET,
    timeoutMs: 1000,
  });
  const failure = async (promise: Promise<unknown>) => {
    const err = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ZaloGraphError);
    return err as ZaloGraphError;
  };

  it('reads the id and name, sending the access token with its appsecret_proof', async () => {
    // The fake refuses a missing or wrong appsecret_proof, like an app with the proof turned on.
    const id = zaloId();
    expect(await getProfile(opts(), accessTokenFor(id, '  Trần   Thị Bích '))).toEqual({
      id,
      name: 'Trần Thị Bích',
    });
    expect(await getProfile(opts(), accessTokenFor(id))).toEqual({ id, name: null });
    const noProof = await failure(
      getProfile({ ...opts(), appSecret: undefined }, accessTokenFor(id)),
    );
    expect(noProof).toMatchObject({ kind: 'rejected', zaloCode: -124 });
  });

  it('reports an invalid or expired token as rejected with Zalo error code', async () => {
    expect(await failure(getProfile(opts(), 'expired-user-token'))).toMatchObject({
      kind: 'rejected',
      zaloCode: 452,
    });
  });

  it('reports the region block (-501) as unavailable, never as a refused token', async () => {
    expect(await failure(getProfile(opts(), 'region-blocked'))).toMatchObject({
      kind: 'unavailable',
      zaloCode: -501,
    });
  });

  it('treats the region block the same way when exchanging a location token', async () => {
    const err = await failure(exchangeLocationToken(opts(), 'at', 'region-blocked'));
    expect(err).toMatchObject({ kind: 'unavailable', zaloCode: -501 });
  });

  it('times out, and reports HTTP errors and unreachable servers as unavailable', async () => {
    const started = Date.now();
    expect((await failure(getProfile({ ...opts(), timeoutMs: 200 }, 'slow'))).kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await failure(getProfile(opts(), 'broken'))).kind).toBe('unavailable');
    expect(
      (await failure(getProfile({ ...opts(), baseUrl: 'http://127.0.0.1:1' }, 'zalo-at:1'))).kind,
    ).toBe('unavailable');
  });

  it('takes a numeric id only while it is exact', async () => {
    expect(await getProfile(opts(), 'zalo-num:123456789')).toEqual({
      id: '123456789',
      name: null,
    });
    // 19 digits do not fit a double: rounding would sign the citizen into another account.
    expect((await failure(getProfile(opts(), 'zalo-num:7283746501928374651'))).kind).toBe(
      'unavailable',
    );
  });
});

// ---- sign-in ----------------------------------------------------------------------------------

describe('POST /api/v1/auth/zalo', () => {
  it('verifies the Zalo token and answers a 7-day session token', async () => {
    const id = zaloId();
    const res = await signInRaw(accessTokenFor(id, 'Nguyễn Văn An'));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await json<SessionJson>(res);
    expect(Object.keys(body).sort()).toEqual(['expiresAt', 'token', 'user']);
    expect(body.user).toEqual({ id: expect.any(String), displayName: 'Nguyễn Văn An' });
    expect(body.user.id).not.toBe(id);

    // A compact JWT: HS256, payload { sub, iat, exp } and nothing else.
    const [header] = body.token.split('.');
    expect(JSON.parse(atob(header ?? ''))).toMatchObject({ alg: 'HS256' });
    const payload = payloadOf(body.token);
    expect(Object.keys(payload).sort()).toEqual(['exp', 'iat', 'sub']);
    expect(payload.sub).toBe(body.user.id);
    expect((payload.exp as number) - (payload.iat as number)).toBe(7 * DAY);
    expect(Math.abs(Date.parse(body.expiresAt) - (Date.now() + 7 * DAY * 1000))).toBeLessThan(
      60_000,
    );

    // Stored: the Zalo id and the name. Not the access token, not the picture.
    const rows = await userRow(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: body.user.id, display_name: 'Nguyễn Văn An', phone: null });
    const dump = JSON.stringify(
      (await db().$client.execute({ sql: 'select * from users where zalo_id = ?', args: [id] }))
        .rows,
    );
    expect(dump).not.toContain('zalo-at:');
    expect(dump).not.toContain('zadn.vn');
  });

  it('keeps one account per Zalo user: the same id signs into the same account', async () => {
    const id = zaloId();
    const first = await signIn(id, 'Lê Văn Cường');
    const second = await signIn(id, 'Lê Văn Cường');
    expect(second.user.id).toBe(first.user.id);
    // The name follows Zalo's…
    const renamed = await signIn(id, 'Cường Lê');
    expect(renamed.user).toEqual({ id: first.user.id, displayName: 'Cường Lê' });
    // …and a token without the name (scope.userInfo not granted) keeps the known one.
    const idOnly = await signIn(id, null);
    expect(idOnly.user).toEqual({ id: first.user.id, displayName: 'Cường Lê' });
    expect(await userRow(id)).toHaveLength(1);
    // Two sign-ins at once still make one account.
    const other = zaloId();
    const both = await Promise.all([signIn(other), signIn(other)]);
    expect(both[0].user.id).toBe(both[1].user.id);
    expect(await userRow(other)).toHaveLength(1);
  });

  it('answers a new user without a name with displayName null', async () => {
    const session = await signIn(zaloId(), null);
    expect(session.user.displayName).toBeNull();
  });

  it('refuses an invalid or expired Zalo token with 401 zalo_token_invalid', async () => {
    const res = await signInRaw('expired-user-token');
    expect(res.status).toBe(401);
    const error = await errorOf(res);
    expect(error).toMatchObject({ code: 'zalo_token_invalid', details: { zaloCode: 452 } });
    expect(error.message).toMatch(/Zalo.*đăng nhập lại/);
  });

  it.each([
    ['region-blocked', 'Zalo refuses the server IP (-501)'],
    ['slow', 'Zalo is too slow'],
    ['broken', 'Zalo answers HTTP 500'],
  ])('answers 503 zalo_unavailable when %s (%s)', async (token) => {
    const res = await signInRaw(token);
    expect(res.status).toBe(503);
    const error = await errorOf(res);
    expect(error.code).toBe('zalo_unavailable');
    expect(error.message).toMatch(/Zalo/);
  });

  it('answers 503 zalo_unavailable when the Graph API is unreachable', async () => {
    const res = await app.request(
      '/api/v1/auth/zalo',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ accessToken: accessTokenFor(zaloId()) }),
      },
      { ...env, ZALO_GRAPH_URL: 'http://127.0.0.1:1' },
    );
    expect(res.status).toBe(503);
    expect((await errorOf(res)).code).toBe('zalo_unavailable');
  });

  it('validates the body', async () => {
    for (const accessToken of [undefined, '', '   ', 42, 'x'.repeat(5000)]) {
      const res = await signInRaw(accessToken);
      expect(res.status).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe('validation_failed');
      expect(JSON.stringify(error.details)).toMatch(/accessToken/);
    }
    const text = await call('/api/v1/auth/zalo', { method: 'POST', body: 'accessToken=x' });
    expect(text.status).toBe(415);
    const broken = await call('/api/v1/auth/zalo', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"accessToken":',
    });
    expect((await errorOf(broken)).code).toBe('invalid_json');
  });

  it('ignores a stale or forged bearer token, so the app can always sign in again', async () => {
    const expired = await sign(
      { sub: 'someone', iat: now() - 8 * DAY, exp: now() - DAY },
      secret(),
    );
    for (const headers of [bearer(expired), bearer('not.a.jwt'), { Authorization: 'Basic eA==' }]) {
      const res = await signInRaw(accessTokenFor(zaloId()), headers);
      expect(res.status).toBe(200);
    }
  });

  it('answers 503 session_not_configured, not 500, without a usable SESSION_SECRET', async () => {
    for (const SESSION_SECRET of [undefined, '', 'too-short']) {
      const res = await app.request(
        '/api/v1/auth/zalo',
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ accessToken: accessTokenFor(zaloId()) }),
        },
        { ...env, SESSION_SECRET },
      );
      expect(res.status).toBe(503);
      const error = await errorOf(res);
      expect(error.code).toBe('session_not_configured');
      expect(error.message).toMatch(/đăng nhập/);
    }
    // A request carrying a token cannot be checked either; anonymous ones are unaffected.
    const { token } = await signIn();
    const withToken = await app.request(
      '/api/v1/auth/me',
      { headers: bearer(token) },
      {
        ...env,
        SESSION_SECRET: undefined,
      },
    );
    expect(withToken.status).toBe(503);
    expect((await errorOf(withToken)).code).toBe('session_not_configured');
    const anonymous = await app.request(
      '/api/v1/reports/mine',
      { headers: { 'X-Device-Id': newPhone().deviceId } },
      { ...env, SESSION_SECRET: undefined },
    );
    expect(anonymous.status).toBe(200);
  });
});

// ---- the session ------------------------------------------------------------------------------

describe('sessions', () => {
  it('GET /api/v1/auth/me answers the signed-in citizen', async () => {
    const session = await signIn(zaloId(), 'Phạm Thị Dung');
    const res = await call('/api/v1/auth/me', { headers: bearer(session.token) });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(await json(res)).toEqual({
      user: { id: session.user.id, displayName: 'Phạm Thị Dung', phone: null },
    });
  });

  it('GET /api/v1/auth/me without a token is 401 session_required', async () => {
    const res = await call('/api/v1/auth/me');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    const error = await errorOf(res);
    expect(error.code).toBe('session_required');
    expect(error.message).toMatch(/đăng nhập/);
  });

  it('refuses expired, forged and malformed tokens with 401 session_invalid', async () => {
    const { user, token } = await signIn();
    const parts = token.split('.');
    const cases: [string, string, string][] = [
      [
        'expired',
        await sign({ sub: user.id, iat: now() - 8 * DAY, exp: now() - 60 }, secret()),
        'expired',
      ],
      [
        'forged: signed with another key',
        await sign(
          { sub: user.id, iat: now(), exp: now() + DAY },
          'another-secret-0123456789abcdef-xyz',
        ),
        'invalid',
      ],
      [
        'forged: payload swapped under a real signature',
        `${parts[0]}.${btoa(JSON.stringify({ sub: 'someone-else', iat: now(), exp: now() + DAY })).replace(/=+$/, '')}.${parts[2]}`,
        'invalid',
      ],
      [
        'unsigned (alg none)',
        `${btoa('{"alg":"none","typ":"JWT"}').replace(/=+$/, '')}.${parts[1]}.`,
        'invalid',
      ],
      ['no exp', await sign({ sub: user.id, iat: now() }, secret()), 'invalid'],
      ['no sub', await sign({ iat: now(), exp: now() + DAY }, secret()), 'invalid'],
      ['garbage', 'garbage', 'invalid'],
    ];
    for (const [label, bad, reason] of cases) {
      const res = await call('/api/v1/auth/me', { headers: bearer(bad) });
      expect(res.status, label).toBe(401);
      expect(res.headers.get('www-authenticate'), label).toBe('Bearer error="invalid_token"');
      const error = await errorOf(res);
      expect(error, label).toMatchObject({ code: 'session_invalid', details: { reason } });
      expect(error.message, label).toMatch(/đăng nhập lại/);
    }
    for (const header of ['Basic dXNlcjpwYXNz', `Token ${token}`, 'Bearer']) {
      const res = await call('/api/v1/auth/me', { headers: { Authorization: header } });
      expect(res.status, header).toBe(401);
      expect((await errorOf(res)).code, header).toBe('session_invalid');
    }
  });

  it('never downgrades a bad token to anonymous on routes where sign-in is optional', async () => {
    const phone = newPhone();
    const anonymousReport = await submitOk(phone);
    const expired = await sign({ sub: 'x', iat: now() - 8 * DAY, exp: now() - 60 }, secret());
    const headers = { ...bearer(expired), 'X-Follow-Token': anonymousReport.followToken ?? '' };

    // Submission: refused, and nothing is written.
    const body = reportBody(phone);
    const submitted = await postJson('/api/v1/reports', body, phone, headers);
    expect(submitted.status).toBe(401);
    expect((await errorOf(submitted)).code).toBe('session_invalid');
    expect((await rowsFor(body.submissionId)).reports).toBe(0);

    // "My reports", rating, me-too, the report view.
    const listed = await mine(phone, expired);
    expect(listed.status).toBe(401);
    const rated = await postJson(
      `/api/v1/reports/${anonymousReport.code}/rating`,
      { rating: 'satisfied' },
      phone,
      headers,
    );
    expect(rated.status).toBe(401);
    const supported = await postJson(
      `/api/v1/reports/${anonymousReport.code}/support`,
      { deviceId: newPhone().deviceId },
      phone,
      headers,
    );
    expect(supported.status).toBe(401);
    const viewed = await call(`/api/v1/reports/${anonymousReport.code}`, { headers });
    expect(viewed.status).toBe(401);
    for (const res of [listed, rated, supported, viewed]) {
      expect((await errorOf(res)).code).toBe('session_invalid');
    }
  });

  it('leaves requests without a token anonymous, as before', async () => {
    const phone = newPhone();
    const report = await submitOk(phone);
    expect(await reportOwner(report.code)).toBeNull();
    expect(await mineCodes(phone)).toEqual([report.code]);
    const view = await call(`/api/v1/reports/${report.code}`);
    expect(view.status).toBe(200);
    expect(view.headers.get('cache-control')).toBe('public, max-age=30');
  });

  it('keeps personalised answers out of shared caches', async () => {
    const phone = newPhone();
    const { token } = await signIn();
    const report = await submitSignedIn(phone, token);
    const res = await call(`/api/v1/reports/${report.code}`, { headers: bearer(token) });
    expect(res.status).toBe(200);
    expect((await json<{ viewer: { isReporter: boolean } }>(res)).viewer.isReporter).toBe(true);
    expect(res.headers.get('cache-control')).toBe('private, max-age=30');
    expect(res.headers.get('vary')).toMatch(/Authorization/);
  });
});

// ---- reports follow the citizen --------------------------------------------------------------

describe('reports of a signed-in citizen', () => {
  it('follow the citizen to another device', async () => {
    const phoneA = newPhone();
    const phoneB = newPhone();
    const { user, token } = await signIn();
    const report = await submitSignedIn(phoneA, token);
    expect(await reportOwner(report.code)).toBe(user.id);

    // Device B, signed in as the same citizen: listed. With the token alone too.
    expect(await mineCodes(phoneB, token)).toEqual([report.code]);
    expect(await mineCodes(null, token)).toEqual([report.code]);
    // Device A keeps seeing it as the device's report; device B without the token does not.
    expect(await mineCodes(phoneA)).toEqual([report.code]);
    expect(await mineCodes(phoneB)).toEqual([]);
    // Signed in, the citizen is the reporter on any device, without the follow token.
    const view = await json<{ viewer: { isReporter: boolean } }>(
      await call(`/api/v1/reports/${report.code}`, { headers: bearer(token) }),
    );
    expect(view.viewer.isReporter).toBe(true);
  });

  it('are not shown to another signed-in citizen', async () => {
    const first = await signIn(zaloId(), 'Người thứ nhất');
    const second = await signIn(zaloId(), 'Người thứ hai');
    const phone1 = newPhone();
    const phone2 = newPhone();
    const report = await submitSignedIn(phone1, first.token);
    const theirs = await submitSignedIn(phone2, second.token);

    expect(await mineCodes(phone2, second.token)).toEqual([theirs.code]);
    expect(await mineCodes(null, second.token)).toEqual([theirs.code]);
    expect(await mineCodes(null, first.token)).toEqual([report.code]);
    const view = await json<{ viewer: { isReporter: boolean } }>(
      await call(`/api/v1/reports/${report.code}`, { headers: bearer(second.token) }),
    );
    expect(view.viewer.isReporter).toBe(false);
  });

  it('POST /api/v1/auth/claim-device attaches the earlier anonymous reports of a device, once', async () => {
    const oldPhone = newPhone();
    const newPhoneOfCitizen = newPhone();
    const earlier = [await submitOk(oldPhone), await submitOk(oldPhone)];
    // One report from the same device already belongs to someone else's account.
    const neighbour = await signIn();
    const notTheirs = await submitSignedIn(oldPhone, neighbour.token);

    const citizen = await signIn();
    expect(await mineCodes(newPhoneOfCitizen, citizen.token)).toEqual([]);

    const claim = () =>
      postJson(
        '/api/v1/auth/claim-device',
        { deviceId: oldPhone.deviceId },
        undefined,
        bearer(citizen.token),
      );
    const first = await claim();
    expect(first.status).toBe(200);
    expect(await json(first)).toEqual({ claimed: 2 });
    expect(await mineCodes(newPhoneOfCitizen, citizen.token)).toEqual(
      earlier.map((r) => r.code).reverse(),
    );
    for (const r of earlier) expect(await reportOwner(r.code)).toBe(citizen.user.id);
    expect(await reportOwner(notTheirs.code)).toBe(neighbour.user.id);

    // Idempotent: nothing more to attach; and nobody can take them over afterwards.
    expect(await json(await claim())).toEqual({ claimed: 0 });
    const takeover = await postJson(
      '/api/v1/auth/claim-device',
      { deviceId: oldPhone.deviceId },
      undefined,
      bearer(neighbour.token),
    );
    expect(await json(takeover)).toEqual({ claimed: 0 });
    expect(await mineCodes(null, neighbour.token)).toEqual([notTheirs.code]);
  });

  it('claim-device needs a session and a device id', async () => {
    const phone = newPhone();
    const anonymous = await postJson('/api/v1/auth/claim-device', { deviceId: phone.deviceId });
    expect(anonymous.status).toBe(401);
    expect((await errorOf(anonymous)).code).toBe('session_required');
    const { token } = await signIn();
    const bad = await postJson(
      '/api/v1/auth/claim-device',
      { deviceId: 'x' },
      undefined,
      bearer(token),
    );
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).code).toBe('validation_failed');
  });

  it('a token of an account that does not exist is refused', async () => {
    const ghost = await sign({ sub: crypto.randomUUID(), iat: now(), exp: now() + DAY }, secret());
    const me = await call('/api/v1/auth/me', { headers: bearer(ghost) });
    expect(me.status).toBe(401);
    expect((await errorOf(me)).code).toBe('session_invalid');
    const claim = await postJson(
      '/api/v1/auth/claim-device',
      { deviceId: newPhone().deviceId },
      undefined,
      bearer(ghost),
    );
    expect(claim.status).toBe(401);
  });
});

// ---- privacy -----------------------------------------------------------------------------------

describe('privacy of the sign-in', () => {
  afterEach(() => vi.restoreAllMocks());

  it('keeps the Zalo access token and profile out of logs and answers', async () => {
    const lines: string[] = [];
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        lines.push(args.map(String).join(' '));
      });
    }
    // The app with debug logging: every request line is written.
    const debugEnv = { ...env, LOG_LEVEL: 'debug' };
    const id = zaloId();
    const name = 'Võ Thị Hồng Nhung';
    const accessToken = accessTokenFor(id, name);
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      app.request(
        path,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...headers },
          body: JSON.stringify(body),
        },
        debugEnv,
      );

    const res = await post('/api/v1/auth/zalo', { accessToken });
    expect(res.status).toBe(200);
    const text = await res.text();
    const session = JSON.parse(text) as SessionJson;
    const refused = await (
      await post('/api/v1/auth/zalo', { accessToken: 'expired-user-token' })
    ).text();
    const blocked = await (
      await post('/api/v1/auth/zalo', { accessToken: 'region-blocked' })
    ).text();
    const phone = newPhone();
    const submitted = await post('/api/v1/reports', reportBody(phone), bearer(session.token));
    expect(submitted.status).toBe(201);
    const me = await (
      await app.request('/api/v1/auth/me', { headers: bearer(session.token) }, debugEnv)
    ).text();

    const logs = lines.join('\n');
    expect(logs).toMatch(/"path":"\/api\/v1\/auth\/zalo"/);
    for (const secretish of [
      accessToken,
      id,
      'zalo-at:',
      name,
      'zadn.vn',
      session.token,
      session.user.id,
      'expired-user-token',
      '203.0.113.7',
    ]) {
      expect(logs).not.toContain(secretish);
    }
    for (const answer of [text, refused, blocked, me]) {
      for (const secretish of [
        accessToken,
        id,
        'zadn.vn',
        'picture',
        'Session key',
        '203.0.113.7',
      ]) {
        expect(answer).not.toContain(secretish);
      }
    }
    expect(JSON.parse(me)).toEqual({
      user: { id: session.user.id, displayName: name, phone: null },
    });
  });
});

describe('OpenAPI', () => {
  it('documents the auth routes and the bearer scheme', async () => {
    const doc = (await (await call('/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { security?: unknown }>>;
      components: { securitySchemes?: Record<string, { type: string; scheme: string }> };
    };
    const ops = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1/auth'))
      .flatMap(([path, o]) => Object.keys(o).map((op) => `${op.toUpperCase()} ${path}`))
      .sort();
    expect(ops).toEqual([
      'GET /api/v1/auth/me',
      'POST /api/v1/auth/claim-device',
      'POST /api/v1/auth/phone',
      'POST /api/v1/auth/zalo',
    ]);
    expect(doc.components.securitySchemes?.bearerAuth).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    expect(doc.paths['/api/v1/auth/me']?.get?.security).toEqual([{ bearerAuth: [] }]);
  });
});
