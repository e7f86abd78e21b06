import { auditLog, officialTokens } from '@tinh/db/schema';
import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { call, type ErrorJson } from './helpers';
import {
  asAdmin,
  asAgencyLeader,
  asIoc,
  createOfficial,
  db,
  loginApp,
  loginRaw,
  TEST_PASSWORD,
  webSession,
} from './support/officials';

// Managing officials' accounts: only `official.manage` (administrators), every change
// audited in the same batch, email unique, disabling revokes sessions.

const errorOf = async (res: Response) => ((await res.json()) as ErrorJson).error;
const send = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
  call(`/api/v1/admin/officials${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

interface AdminOfficial {
  id: string;
  email: string;
  fullName: string;
  agencyId: string;
  communeId: string | null;
  roles: string[];
  status: string;
  hasPassword: boolean;
  lockedUntil: string | null;
}
interface Created {
  official: AdminOfficial;
  passwordLink: { url: string; expiresAt: string };
}

const newEmail = () => `moi-${crypto.randomUUID().slice(0, 8)}@Test.Gov.VN`;
const auditOf = (entityId: string) =>
  db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'official'), eq(auditLog.entityId, entityId)))
    .orderBy(asc(auditLog.id));

async function create(headers: Record<string, string>, body: Record<string, unknown> = {}) {
  const res = await send('POST', '', headers, {
    email: newEmail(),
    fullName: 'Trần Thị Cẩm',
    agencyId: 'so_xay_dung',
    roles: ['agency_handler'],
    ...body,
  });
  if (res.status !== 201) throw new Error(`create ${res.status}: ${await res.text()}`);
  return (await res.json()) as Created;
}

describe('permissions', () => {
  it('refuses every management route to officials without official.manage (403) and to anonymous (401)', async () => {
    const target = await createOfficial();
    for (const who of [await asIoc(), await asAgencyLeader()]) {
      const calls = [
        send('GET', '', who.headers),
        send('POST', '', who.headers, {
          email: newEmail(),
          fullName: 'Lê Văn Dũng',
          agencyId: 'ioc',
          roles: ['admin'],
        }),
        send('PATCH', `/${target.id}`, who.headers, { roles: ['admin'] }),
        send('POST', `/${target.id}/password-link`, who.headers),
      ];
      for (const res of await Promise.all(calls)) {
        expect(res.status).toBe(403);
        expect((await errorOf(res)).code).toBe('forbidden');
      }
    }
    const anon = await send('GET', '', {});
    expect(anon.status).toBe(401);
    expect((await errorOf(anon)).code).toBe('official_session_required');
  });
});

describe('creating an account', () => {
  it('creates it without a password, answers a single-use 72 h link, and audits it', async () => {
    const admin = await asAdmin();
    const email = newEmail();
    const created = await create(admin.headers, {
      email,
      fullName: '  Phạm Thị Hoa ',
      agencyId: 'ubnd_vi-thanh',
      communeId: 'vi-thanh',
      roles: ['commune_officer', 'commune_officer'],
    });
    expect(created.official).toMatchObject({
      email: email.toLowerCase(),
      fullName: 'Phạm Thị Hoa',
      agencyId: 'ubnd_vi-thanh',
      communeId: 'vi-thanh',
      roles: ['commune_officer'],
      status: 'active',
      hasPassword: false,
    });
    const url = new URL(created.passwordLink.url);
    expect(url.origin).toBe('https://tinh.test');
    expect(url.pathname).toBe('/admin/dat-mat-khau');
    const token = url.searchParams.get('token') ?? '';
    expect(token).toMatch(/^ofp_/);
    const ttl = Date.parse(created.passwordLink.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(71 * 3600_000);
    expect(ttl).toBeLessThanOrEqual(72 * 3600_000);
    // Stored as a hash only.
    const tokens = await db()
      .select()
      .from(officialTokens)
      .where(eq(officialTokens.officialId, created.official.id));
    expect(tokens).toHaveLength(1);
    expect(tokens[0]?.tokenHash).not.toContain(token);

    const entries = await auditOf(created.official.id);
    expect(entries.map((e) => e.action)).toEqual(['official.create', 'official.password_link']);
    expect(entries[0]).toMatchObject({ actorKind: 'official', actorId: admin.official.id });
    expect(JSON.parse(entries[0]?.toValue ?? '{}')).toMatchObject({
      email: email.toLowerCase(),
      roles: ['commune_officer'],
    });

    // The link works: the new official sets a password and signs in.
    const set = await call('/api/v1/officials/auth/password', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token, password: TEST_PASSWORD }),
    });
    expect(set.status).toBe(200);
    expect(
      (await loginRaw({ email: email.toLowerCase(), password: TEST_PASSWORD, client: 'app' }))
        .status,
    ).toBe(200);
  });

  it('answers 409 email_taken for an email already used, whatever its case', async () => {
    const admin = await asAdmin();
    const first = await create(admin.headers);
    const res = await send('POST', '', admin.headers, {
      email: first.official.email.toUpperCase(),
      fullName: 'Ai Đó',
      agencyId: 'ioc',
      roles: ['ioc_operator'],
    });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe('email_taken');
  });

  it('refuses unknown agencies, communes and roles, and an empty role list', async () => {
    const admin = await asAdmin();
    const base = { email: newEmail(), fullName: 'Võ Văn Em', agencyId: 'ioc', roles: ['admin'] };
    const cases: [Record<string, unknown>, string][] = [
      [{ agencyId: 'so_khong_co' }, 'unknown_agency'],
      [{ communeId: 'xa-khong-co' }, 'unknown_commune'],
      [{ roles: ['king'] }, 'validation_failed'],
      [{ roles: [] }, 'validation_failed'],
      [{ email: 'khong-phai-email' }, 'validation_failed'],
    ];
    for (const [patch, code] of cases) {
      const res = await send('POST', '', admin.headers, { ...base, ...patch });
      expect(res.status, JSON.stringify(patch)).toBe(400);
      expect((await errorOf(res)).code).toBe(code);
    }
  });

  it('uses ADMIN_BASE_URL-less request origin for the link (web admin cookie works too)', async () => {
    const admin = await createOfficial({ roles: ['admin'] });
    const web = await webSession(admin);
    const res = await send('POST', '', web.headers, {
      email: newEmail(),
      fullName: 'Đặng Thị Gấm',
      agencyId: 'so_y_te',
      roles: ['agency_leader'],
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as Created).passwordLink.url).toMatch(
      /^https:\/\/tinh\.test\/admin\/dat-mat-khau\?token=ofp_/,
    );
  });
});

describe('listing', () => {
  it('filters by text, agency, role and status, with paging and a total', async () => {
    const admin = await asAdmin();
    const tag = crypto.randomUUID().slice(0, 6);
    const made: Created[] = [];
    for (let i = 0; i < 3; i += 1) {
      made.push(
        await create(admin.headers, {
          fullName: `Huỳnh Lọc ${tag} ${i}`,
          agencyId: 'so_giao_duc',
          roles: i === 0 ? ['agency_leader'] : ['agency_handler'],
        }),
      );
    }
    const list = async (query: string) => {
      const res = await send('GET', `?${query}`, admin.headers);
      expect(res.status).toBe(200);
      return (await res.json()) as { items: AdminOfficial[]; total: number; page: number };
    };
    const all = await list(`q=${tag}`);
    expect(all.total).toBe(3);
    expect(all.items.map((o) => o.fullName)).toEqual([0, 1, 2].map((i) => `Huỳnh Lọc ${tag} ${i}`));
    const upper = await list(`q=${encodeURIComponent(`HUỲNH LỌC ${tag}`)}`);
    expect(upper.total).toBe(3);
    expect((await list(`q=${tag}&role=agency_leader`)).items.map((o) => o.id)).toEqual([
      made[0]?.official.id,
    ]);
    expect((await list(`q=${tag}&agencyId=so_y_te`)).total).toBe(0);
    const page2 = await list(`q=${tag}&limit=2&page=2`);
    expect(page2.total).toBe(3);
    expect(page2.page).toBe(2);
    expect(page2.items).toHaveLength(1);
    await send('PATCH', `/${made[1]?.official.id}`, admin.headers, { status: 'disabled' });
    expect((await list(`q=${tag}&status=disabled`)).items.map((o) => o.id)).toEqual([
      made[1]?.official.id,
    ]);
    const bad = await send('GET', '?limit=1000', admin.headers);
    expect(bad.status).toBe(400);
  });
});

describe('changing an account', () => {
  it('changes name, agency and roles, auditing from and to', async () => {
    const admin = await asAdmin();
    const target = await createOfficial({ roles: ['agency_handler'], agencyId: 'so_xay_dung' });
    const res = await send('PATCH', `/${target.id}`, admin.headers, {
      fullName: 'Tên Mới',
      agencyId: 'so_y_te',
      roles: ['agency_leader', 'agency_handler'],
    });
    expect(res.status).toBe(200);
    const { official } = (await res.json()) as { official: AdminOfficial };
    expect(official).toMatchObject({
      fullName: 'Tên Mới',
      agencyId: 'so_y_te',
      roles: ['agency_handler', 'agency_leader'],
    });
    const [entry] = await auditOf(target.id);
    expect(entry?.action).toBe('official.update');
    expect(JSON.parse(entry?.fromValue ?? '{}')).toEqual({
      fullName: target.fullName,
      agencyId: 'so_xay_dung',
      roles: ['agency_handler'],
    });
    expect(JSON.parse(entry?.toValue ?? '{}')).toEqual({
      fullName: 'Tên Mới',
      agencyId: 'so_y_te',
      roles: ['agency_handler', 'agency_leader'],
    });
    // The change applies to the official's live session at once.
    const s = await loginApp(target);
    const me = await call('/api/v1/officials/auth/me', { headers: s.headers });
    expect(((await me.json()) as { official: { agencyId: string } }).official.agencyId).toBe(
      'so_y_te',
    );
  });

  it('disabling revokes every session at once and stops sign-in', async () => {
    const admin = await asAdmin();
    const target = await createOfficial();
    const s1 = await loginApp(target);
    const s2 = await webSession(target);
    const res = await send('PATCH', `/${target.id}`, admin.headers, { status: 'disabled' });
    expect(res.status).toBe(200);
    expect((await call('/api/v1/officials/auth/me', { headers: s1.headers })).status).toBe(401);
    expect(
      (await call('/api/v1/officials/auth/me', { headers: { Cookie: s2.cookie } })).status,
    ).toBe(401);
    expect(
      (await loginRaw({ email: target.email, password: target.password, client: 'app' })).status,
    ).toBe(403);
    const entries = await auditOf(target.id);
    expect(entries.map((e) => e.action)).toEqual(['official.update']);
    expect(JSON.parse(entries[0]?.toValue ?? '{}')).toEqual({ status: 'disabled' });
    // Re-enabled: signs in again.
    await send('PATCH', `/${target.id}`, admin.headers, { status: 'active' });
    expect(
      (await loginRaw({ email: target.email, password: target.password, client: 'app' })).status,
    ).toBe(200);
  });

  it('unlocks a locked account, audited', async () => {
    const admin = await asAdmin();
    const target = await createOfficial();
    for (let i = 0; i < 5; i += 1) {
      await loginRaw({ email: target.email, password: `sai mat khau ${i}`, client: 'app' });
    }
    const list = await send('GET', `?q=${encodeURIComponent(target.email)}`, admin.headers);
    const [row] = ((await list.json()) as { items: AdminOfficial[] }).items;
    expect(row?.lockedUntil).not.toBeNull();
    const res = await send('PATCH', `/${target.id}`, admin.headers, { unlock: true });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { official: AdminOfficial }).official.lockedUntil).toBeNull();
    expect(
      (await loginRaw({ email: target.email, password: target.password, client: 'app' })).status,
    ).toBe(200);
    expect((await auditOf(target.id)).map((e) => e.action)).toEqual(['official.unlock']);
  });

  it('refuses to let an administrator disable or demote themselves, and 404s an unknown id', async () => {
    const admin = await asAdmin();
    const self = await send('PATCH', `/${admin.official.id}`, admin.headers, {
      status: 'disabled',
    });
    expect(self.status).toBe(409);
    expect((await errorOf(self)).code).toBe('cannot_change_self');
    expect(
      (await send('PATCH', `/${admin.official.id}`, admin.headers, { roles: ['ioc_operator'] }))
        .status,
    ).toBe(409);
    const missing = await send('PATCH', '/khong-co', admin.headers, { fullName: 'Ai Đó' });
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).code).toBe('official_not_found');
  });

  it('sends a new password link that replaces the previous one', async () => {
    const admin = await asAdmin();
    const created = await create(admin.headers);
    const firstToken = new URL(created.passwordLink.url).searchParams.get('token') ?? '';
    const res = await send('POST', `/${created.official.id}/password-link`, admin.headers);
    expect(res.status).toBe(200);
    const { passwordLink } = (await res.json()) as { passwordLink: { url: string } };
    const secondToken = new URL(passwordLink.url).searchParams.get('token') ?? '';
    expect(secondToken).not.toBe(firstToken);
    const check = (t: string) => call(`/api/v1/officials/auth/password-links/${t}`);
    expect((await check(firstToken)).status).toBe(410);
    expect((await check(secondToken)).status).toBe(200);
    expect((await auditOf(created.official.id)).map((e) => e.action)).toEqual([
      'official.create',
      'official.password_link',
      'official.password_link',
    ]);
    expect((await send('POST', '/khong-co/password-link', admin.headers)).status).toBe(404);
  });
});
