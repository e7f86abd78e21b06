import { users } from '@tinh/db/schema';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db, failure, ok, send } from './support/appointments';
import { signedInCitizen } from './support/citizens';

// Verifying a citizen's phone through Zalo (POST /api/v1/auth/phone): the zmp-sdk
// getPhoneNumber token is redeemed with the Graph API stand-in (test/support/
// node-fake-zalo-graph.ts: code "phone:<digits>" answers { number }), the access token must be
// the signed-in account's own, and GET /api/v1/auth/me then shows the number.

const PATH = '/api/v1/auth/phone';

describe('POST /api/v1/auth/phone', () => {
  it('stores the number Zalo confirms, in national form, and /me shows it', async () => {
    const citizen = await signedInCitizen();
    const before = await ok<{ user: { phone: string | null } }>(
      await send('GET', '/api/v1/auth/me', citizen.headers),
    );
    expect(before.user.phone).toBeNull();

    const res = await send('POST', PATH, citizen.headers, {
      accessToken: `zalo-at:${citizen.zaloId}`,
      phoneToken: 'phone:84912345678',
    });
    expect(await ok<{ phone: string }>(res)).toEqual({ phone: '0912345678' });
    expect(res.headers.get('cache-control')).toBe('no-store');

    const [row] = await db().select().from(users).where(eq(users.id, citizen.userId));
    expect(row?.phone).toBe('0912345678');
    expect(row?.phoneVerifiedAt).toBeTruthy();
    const me = await ok<{ user: { id: string; phone: string | null } }>(
      await send('GET', '/api/v1/auth/me', citizen.headers),
    );
    expect(me.user).toMatchObject({ id: citizen.userId, phone: '0912345678' });
  }, 60_000);

  it('refuses an access token of another Zalo account (403), changing nothing', async () => {
    const citizen = await signedInCitizen();
    const res = await send('POST', PATH, citizen.headers, {
      accessToken: 'zalo-at:someone-else',
      phoneToken: 'phone:84987654321',
    });
    expect(await failure(res)).toMatchObject({ status: 403, code: 'zalo_account_mismatch' });
    const [row] = await db().select().from(users).where(eq(users.id, citizen.userId));
    expect(row?.phone).toBeNull();
  });

  it.each([
    ['an expired phone token', { phoneToken: 'expired' }, 422, 'phone_token_invalid'],
    ['a foreign number', { phoneToken: 'phone:14155550123' }, 422, 'phone_not_vietnamese'],
    ['an invalid access token', { accessToken: 'khong-hop-le' }, 401, 'zalo_token_invalid'],
    [
      'Zalo refusing this server (outside Vietnam)',
      { phoneToken: 'region-blocked' },
      503,
      'zalo_unavailable',
    ],
    ['a missing phone token', { phoneToken: undefined }, 400, 'validation_failed'],
  ])('answers %s with %i %s', async (_, change, status, code) => {
    const citizen = await signedInCitizen();
    const res = await send('POST', PATH, citizen.headers, {
      accessToken: `zalo-at:${citizen.zaloId}`,
      phoneToken: 'phone:84912345678',
      ...change,
    });
    const error = await failure(res);
    expect(error).toMatchObject({ status, code });
    expect(error.message.length).toBeGreaterThan(10);
  });

  it('needs a signed-in citizen', async () => {
    const res = await send(
      'POST',
      PATH,
      {},
      { accessToken: 'zalo-at:1', phoneToken: 'phone:84912345678' },
    );
    expect(await failure(res)).toMatchObject({ status: 401, code: 'session_required' });
  });
});
