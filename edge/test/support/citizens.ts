import { env } from 'cloudflare:workers';
import { users } from '@tinh/db/schema';
import { issueSession } from '../../src/auth/session';
import { createDb } from '../../src/platform/db';

// Citizens in tests: an account as a Zalo sign-in creates it (a users row with a Zalo id,
// optionally a verified phone), and a session token for it, as POST /api/v1/auth/zalo answers.
//
//   const citizen = await signedInCitizen();
//   await call('/api/v1/appointments/bookings', { headers: citizen.headers });

export interface TestCitizen {
  userId: string;
  zaloId: string;
  token: string;
  headers: { Authorization: string };
}

export async function signedInCitizen(
  opts: { displayName?: string; phone?: string } = {},
): Promise<TestCitizen> {
  const userId = crypto.randomUUID();
  const zaloId = `zalo-${userId.slice(0, 8)}`;
  const now = new Date().toISOString();
  await createDb(env)
    .insert(users)
    .values({
      id: userId,
      zaloId,
      displayName: opts.displayName ?? 'Người dân thử nghiệm',
      phone: opts.phone ?? null,
      phoneVerifiedAt: opts.phone ? now : null,
      createdAt: now,
      updatedAt: now,
    });
  const { token } = await issueSession(env.SESSION_SECRET as string, userId);
  return { userId, zaloId, token, headers: { Authorization: `Bearer ${token}` } };
}
