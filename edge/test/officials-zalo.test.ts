import { auditLog, officialTokens } from '@tinh/db/schema';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { call, type ErrorJson } from './helpers';
import { appSession, createOfficial, db, webSession } from './support/officials';

// Linking an official's Zalo identity: a one-time code shown in the web admin, entered in the
// mini app while signed in with Zalo as a citizen. Afterwards the mini app signs the official
// in with the Zalo access token alone, verified against the loopback Graph API of
// test/global-setup.ts ("zalo-at:<id>[:<name>]" tokens are valid there).

const errorOf = async (res: Response) => ((await res.json()) as ErrorJson).error;
const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  call(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

function zaloId(): string {
  const digits = crypto.getRandomValues(new Uint32Array(3)).join('');
  return `8${digits.padEnd(18, '0').slice(0, 18)}`;
}

/** A citizen signed in with Zalo in the mini app: their bearer token. */
async function citizen(id = zaloId()) {
  const res = await postJson('/api/v1/auth/zalo', {
    accessToken: `zalo-at:${id}:C%C3%A1n%20b%E1%BB%99`,
  });
  if (res.status !== 200) throw new Error(`citizen sign-in ${res.status}: ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  return { zaloId: id, headers: { Authorization: `Bearer ${token}` } };
}

async function linkCode(headers: Record<string, string>) {
  const res = await call('/api/v1/officials/auth/zalo-link-code', { method: 'POST', headers });
  if (res.status !== 200) throw new Error(`code ${res.status}: ${await res.text()}`);
  return (await res.json()) as { code: string; expiresAt: string };
}

const link = (code: string, headers: Record<string, string>) =>
  postJson('/api/v1/officials/auth/zalo-link', { code }, headers);

describe('Zalo link by one-time code', () => {
  it('links once with the code and answers an official app token', async () => {
    const o = await createOfficial({ roles: ['agency_handler'], agencyId: 'so_xay_dung' });
    const web = await webSession(o);
    const { code, expiresAt } = await linkCode(web.headers);
    expect(code).toMatch(/^\d{8}$/);
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(10 * 60_000);
    const person = await citizen();
    const res = await link(code, person.headers);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      token: string;
      official: { id: string; zaloLinked: boolean };
    };
    expect(body.token).toMatch(/^ofs_/);
    expect(body.official).toMatchObject({ id: o.id, zaloLinked: true });
    const me = await call('/api/v1/officials/auth/me', {
      headers: { Authorization: `Bearer ${body.token}` },
    });
    expect(me.status).toBe(200);

    // Single use.
    const again = await link(code, (await citizen()).headers);
    expect(again.status).toBe(400);
    expect((await errorOf(again)).code).toBe('link_code_invalid');

    const [entry] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, o.id), eq(auditLog.action, 'official.zalo_link')));
    expect(entry).toBeDefined();
  });

  it('refuses an expired code, a wrong code, and a request without the citizen sign-in', async () => {
    const o = await createOfficial();
    const { code } = await linkCode((await appSession(o)).headers);
    const person = await citizen();
    const noSession = await link(code, {});
    expect(noSession.status).toBe(401);
    expect((await errorOf(noSession)).code).toBe('session_required');
    const wrong = await link(code === '00000000' ? '11111111' : '00000000', person.headers);
    expect(wrong.status).toBe(400);
    const malformed = await link('12ab', person.headers);
    expect(malformed.status).toBe(400);
    expect((await errorOf(malformed)).code).toBe('validation_failed');
    await db()
      .update(officialTokens)
      .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
      .where(and(eq(officialTokens.officialId, o.id), eq(officialTokens.kind, 'zalo_link')));
    const expired = await link(code, person.headers);
    expect(expired.status).toBe(400);
    expect((await errorOf(expired)).code).toBe('link_code_invalid');
  });

  it('a new code replaces the previous one', async () => {
    const o = await createOfficial();
    const s = await appSession(o);
    const first = await linkCode(s.headers);
    const second = await linkCode(s.headers);
    const person = await citizen();
    if (first.code !== second.code) {
      expect((await link(first.code, person.headers)).status).toBe(400);
    }
    expect((await link(second.code, person.headers)).status).toBe(200);
  });

  it('refuses a Zalo account already linked to another official', async () => {
    const person = await citizen();
    const a = await createOfficial();
    const b = await createOfficial();
    expect(
      (await link((await linkCode((await appSession(a)).headers)).code, person.headers)).status,
    ).toBe(200);
    const res = await link((await linkCode((await appSession(b)).headers)).code, person.headers);
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe('zalo_already_linked');
  });
});

describe('official sign-in with a Zalo access token', () => {
  const zaloSignIn = (accessToken: string) =>
    postJson('/api/v1/officials/auth/zalo', { accessToken });

  it('signs a linked official in through the Graph API', async () => {
    const o = await createOfficial({ roles: ['commune_officer'], communeId: 'vi-thanh' });
    const person = await citizen();
    expect(
      (await link((await linkCode((await appSession(o)).headers)).code, person.headers)).status,
    ).toBe(200);
    const res = await zaloSignIn(`zalo-at:${person.zaloId}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      token: string;
      official: { id: string; communeId: string; roles: string[] };
    };
    expect(body.official).toMatchObject({
      id: o.id,
      communeId: 'vi-thanh',
      roles: ['commune_officer'],
    });
    const me = await call('/api/v1/officials/auth/me', {
      headers: { Authorization: `Bearer ${body.token}` },
    });
    expect(me.status).toBe(200);
  });

  it('answers zalo_not_linked for a Zalo user who is not an official', async () => {
    const person = await citizen();
    const res = await zaloSignIn(`zalo-at:${person.zaloId}`);
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('zalo_not_linked');
  });

  it('refuses a token Zalo rejects (401) and reports Zalo being down (503)', async () => {
    const bad = await zaloSignIn('not-a-valid-token');
    expect(bad.status).toBe(401);
    expect((await errorOf(bad)).code).toBe('zalo_token_invalid');
    const down = await zaloSignIn('broken');
    expect(down.status).toBe(503);
    expect((await errorOf(down)).code).toBe('zalo_unavailable');
  });

  it('refuses a linked but disabled official', async () => {
    const o = await createOfficial();
    const person = await citizen();
    await link((await linkCode((await appSession(o)).headers)).code, person.headers);
    const { officials } = await import('@tinh/db/schema');
    await db().update(officials).set({ status: 'disabled' }).where(eq(officials.id, o.id));
    const res = await zaloSignIn(`zalo-at:${person.zaloId}`);
    expect(res.status).toBe(403);
  });
});
