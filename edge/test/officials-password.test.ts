import { auditLog, officialTokens } from '@tinh/db/schema';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { call, type ErrorJson } from './helpers';
import { asAdmin, createOfficial, db, loginApp, loginRaw, webSession } from './support/officials';

// Passwords are set through single-use links an administrator sends (72 hours); setting one
// ends every session of the account.

const errorOf = async (res: Response) => ((await res.json()) as ErrorJson).error;
const check = (token: string) =>
  call(`/api/v1/officials/auth/password-links/${encodeURIComponent(token)}`);
const setPassword = (token: string, password: string) =>
  call('/api/v1/officials/auth/password', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token, password }),
  });

async function linkFor(officialId: string): Promise<string> {
  const admin = await asAdmin();
  const res = await call(`/api/v1/admin/officials/${officialId}/password-link`, {
    method: 'POST',
    headers: admin.headers,
  });
  if (res.status !== 200) throw new Error(`link ${res.status}: ${await res.text()}`);
  const { passwordLink } = (await res.json()) as { passwordLink: { url: string } };
  return new URL(passwordLink.url).searchParams.get('token') ?? '';
}

describe('password links', () => {
  it('tells who the link is for, then works exactly once', async () => {
    const o = await createOfficial({ password: null, fullName: 'Ngô Thị Lan' });
    const token = await linkFor(o.id);
    const ok = await check(token);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ valid: true, email: o.email, fullName: 'Ngô Thị Lan' });

    const newPassword = 'cau mat khau dai cua Lan 2025';
    const set = await setPassword(token, newPassword);
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({ email: o.email });
    expect((await loginRaw({ email: o.email, password: newPassword, client: 'app' })).status).toBe(
      200,
    );

    const again = await setPassword(token, 'mot mat khau khac hoan toan');
    expect(again.status).toBe(410);
    const err = await errorOf(again);
    expect(err.code).toBe('password_link_invalid');
    expect(err.message).toMatch(/đường dẫn/i);
    expect((await check(token)).status).toBe(410);
    // The first password still works: the second attempt changed nothing.
    expect((await loginRaw({ email: o.email, password: newPassword, client: 'app' })).status).toBe(
      200,
    );
    const [entry] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, o.id), eq(auditLog.action, 'official.password_set')));
    expect(entry?.actorId).toBe(o.id);
  });

  it('lets only one of two simultaneous uses of a link through', async () => {
    const o = await createOfficial({ password: null });
    const token = await linkFor(o.id);
    const answers = await Promise.all([
      setPassword(token, 'mat khau thu nhat cua toi'),
      setPassword(token, 'mat khau thu hai cua toi'),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 410]);
    const winner =
      answers[0]?.status === 200 ? 'mat khau thu nhat cua toi' : 'mat khau thu hai cua toi';
    expect((await loginRaw({ email: o.email, password: winner, client: 'app' })).status).toBe(200);
  });

  it('refuses an expired link and a made-up one', async () => {
    const o = await createOfficial({ password: null });
    const token = await linkFor(o.id);
    await db()
      .update(officialTokens)
      .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
      .where(eq(officialTokens.officialId, o.id));
    expect((await check(token)).status).toBe(410);
    expect((await setPassword(token, 'mat khau dai du muoi ky tu')).status).toBe(410);
    expect((await check('ofp_khong-co-that')).status).toBe(410);
  });

  it('refuses short and trivial passwords in Vietnamese, keeping the link usable', async () => {
    const o = await createOfficial({ password: null });
    const token = await linkFor(o.id);
    const short = await setPassword(token, 'ngan');
    expect(short.status).toBe(400);
    const err = await errorOf(short);
    expect(err.code).toBe('password_weak');
    expect(err.message).toBe('Mật khẩu phải có ít nhất 10 ký tự.');
    expect((await setPassword(token, 'aaaaaaaaaaaa')).status).toBe(400);
    expect((await check(token)).status).toBe(200);
    expect((await setPassword(token, 'du dai va kho doan')).status).toBe(200);
  });

  it('revokes every session of the account when the password changes, and clears a lock', async () => {
    const o = await createOfficial();
    const app = await loginApp(o);
    const web = await webSession(o);
    for (let i = 0; i < 5; i += 1) {
      await loginRaw({ email: o.email, password: `sai ${i} roi`, client: 'app' });
    }
    const token = await linkFor(o.id);
    expect((await setPassword(token, 'mat khau moi sau khi quen')).status).toBe(200);
    expect((await call('/api/v1/officials/auth/me', { headers: app.headers })).status).toBe(401);
    expect(
      (await call('/api/v1/officials/auth/me', { headers: { Cookie: web.cookie } })).status,
    ).toBe(401);
    expect((await loginRaw({ email: o.email, password: o.password, client: 'app' })).status).toBe(
      401,
    );
    expect(
      (await loginRaw({ email: o.email, password: 'mat khau moi sau khi quen', client: 'app' }))
        .status,
    ).toBe(200);
  });
});
