import {
  agencies,
  type OfficialRole,
  officialRoles,
  officialSessions,
  officials,
  officialTokens,
} from '@tinh/db/schema';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../platform/db';
import type { OfficialPrincipal } from '../platform/env';
import { PASSWORD_TOKEN_PREFIX, randomToken, SESSION_TOKEN_PREFIX, sha256Hex } from './crypto';

// Database access of officials' accounts and sessions. Sessions and single-use links are
// stored by the SHA-256 of their secret only: a copy of the database signs nobody in.

/** Web admin sessions (cookie): a working day. */
export const WEB_SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** Mini app sessions (bearer): short-lived; the app signs in again with Zalo. */
export const APP_SESSION_TTL_MS = 2 * 60 * 60 * 1000;
/** Password (re)set links. */
export const PASSWORD_LINK_TTL_MS = 72 * 60 * 60 * 1000;
/** Zalo link codes shown in the web admin. */
export const ZALO_LINK_CODE_TTL_MS = 10 * 60 * 1000;

export type SessionKind = 'web' | 'app';

const iso = (ms: number) => new Date(ms).toISOString();

/** `a,b` from group_concat → roles (unknown names dropped). */
export function parseRoles(text: string | null | undefined): OfficialRole[] {
  if (!text) return [];
  return text.split(',').filter((r) => r.length > 0) as OfficialRole[];
}

const rolesOf = (officialId: unknown) =>
  sql<
    string | null
  >`(select group_concat(${officialRoles.role}) from ${officialRoles} where ${officialRoles.officialId} = ${officialId})`;

export interface NewSession {
  id: string;
  token: string;
  expiresAt: string;
}

/**
 * A new session for `officialId`: the secret token (`ofs_…`, returned once, never stored)
 * and the INSERT to run, in a batch with whatever else signing in changes.
 */
export async function newSession(
  db: Db,
  q: { officialId: string; kind: SessionKind; now: number; userAgent?: string | null },
) {
  const token = randomToken(SESSION_TOKEN_PREFIX);
  const id = crypto.randomUUID();
  const expiresAt = iso(q.now + (q.kind === 'web' ? WEB_SESSION_TTL_MS : APP_SESSION_TTL_MS));
  const statement = db.insert(officialSessions).values({
    id,
    tokenHash: await sha256Hex(token),
    officialId: q.officialId,
    kind: q.kind,
    expiresAt,
    lastSeenAt: iso(q.now),
    userAgent: q.userAgent?.slice(0, 300) ?? null,
    createdAt: iso(q.now),
  });
  return { session: { id, token, expiresAt } satisfies NewSession, statement };
}

/**
 * The principal behind a session token, in one query: an unrevoked, unexpired session of an
 * active account, with its roles. Null for anything else.
 */
export async function loadSession(
  db: Db,
  token: string,
  now: number,
): Promise<OfficialPrincipal | null> {
  const [row] = await db
    .select({
      sessionId: officialSessions.id,
      kind: officialSessions.kind,
      id: officials.id,
      email: officials.email,
      fullName: officials.fullName,
      agencyId: officials.agencyId,
      communeId: officials.communeId,
      roles: rolesOf(officials.id),
    })
    .from(officialSessions)
    .innerJoin(officials, eq(officials.id, officialSessions.officialId))
    .where(
      and(
        eq(officialSessions.tokenHash, await sha256Hex(token)),
        isNull(officialSessions.revokedAt),
        gt(officialSessions.expiresAt, iso(now)),
        eq(officials.status, 'active'),
      ),
    )
    .limit(1);
  if (!row) return null;
  return {
    id: row.id,
    email: row.email,
    fullName: row.fullName,
    agencyId: row.agencyId,
    communeId: row.communeId,
    roles: parseRoles(row.roles),
    sessionId: row.sessionId,
    sessionKind: row.kind,
  };
}

/** Revokes one session (signing out). */
export function revokeSessionStatement(db: Db, sessionId: string, now: number) {
  return db
    .update(officialSessions)
    .set({ revokedAt: iso(now) })
    .where(and(eq(officialSessions.id, sessionId), isNull(officialSessions.revokedAt)));
}

/** Revokes every session of an official (disabled account, new password). */
export function revokeAllSessionsStatement(db: Db, officialId: string, now: number) {
  return db
    .update(officialSessions)
    .set({ revokedAt: iso(now) })
    .where(and(eq(officialSessions.officialId, officialId), isNull(officialSessions.revokedAt)));
}

/** An official's account as sign-in sees it. */
export async function findOfficialForLogin(db: Db, email: string) {
  const [row] = await db
    .select({
      id: officials.id,
      email: officials.email,
      passwordHash: officials.passwordHash,
      totpSecret: officials.totpSecret,
      totpEnabledAt: officials.totpEnabledAt,
      totpLastStep: officials.totpLastStep,
      failedLogins: officials.failedLogins,
      lockedUntil: officials.lockedUntil,
      status: officials.status,
    })
    .from(officials)
    .where(eq(officials.email, email.trim().toLowerCase()))
    .limit(1);
  return row;
}

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

/**
 * Counts one failed sign-in, atomically: the fifth consecutive failure locks the account for
 * LOCKOUT_MS and starts the count again. Answers the lock's end when this failure locked it.
 */
export async function recordLoginFailure(
  db: Db,
  officialId: string,
  now: number,
): Promise<string | null> {
  const lockedUntil = iso(now + LOCKOUT_MS);
  const [row] = await db
    .update(officials)
    .set({
      failedLogins: sql`case when ${officials.failedLogins} + 1 >= ${MAX_FAILED_LOGINS} then 0 else ${officials.failedLogins} + 1 end`,
      lockedUntil: sql`case when ${officials.failedLogins} + 1 >= ${MAX_FAILED_LOGINS} then ${lockedUntil} else ${officials.lockedUntil} end`,
    })
    .where(eq(officials.id, officialId))
    .returning({ lockedUntil: officials.lockedUntil });
  return row?.lockedUntil === lockedUntil ? lockedUntil : null;
}

/** The statement of a successful sign-in: the failure count and any lock are cleared. */
export function loginSuccessStatement(
  db: Db,
  officialId: string,
  now: number,
  rehash?: string | null,
  totpStep?: number | null,
) {
  return db
    .update(officials)
    .set({
      failedLogins: 0,
      lockedUntil: null,
      lastLoginAt: iso(now),
      ...(rehash ? { passwordHash: rehash } : {}),
      ...(totpStep != null ? { totpLastStep: totpStep } : {}),
    })
    .where(eq(officials.id, officialId));
}

/** Everything GET /me shows about an official: the query, to await or to put in a batch. */
export function profileQuery(db: Db, officialId: string) {
  return db
    .select({
      id: officials.id,
      email: officials.email,
      fullName: officials.fullName,
      agencyId: officials.agencyId,
      agencyName: agencies.name,
      communeId: officials.communeId,
      roles: rolesOf(officials.id),
      userId: officials.userId,
      totpEnabledAt: officials.totpEnabledAt,
    })
    .from(officials)
    .innerJoin(agencies, eq(agencies.id, officials.agencyId))
    .where(eq(officials.id, officialId))
    .limit(1);
}

type ProfileRow = Awaited<ReturnType<typeof profileQuery>>[number];

export function toProfile(row: ProfileRow) {
  return {
    id: row.id,
    email: row.email,
    fullName: row.fullName,
    agencyId: row.agencyId,
    agencyName: row.agencyName,
    communeId: row.communeId,
    roles: parseRoles(row.roles),
    zaloLinked: row.userId !== null,
    totpEnabled: row.totpEnabledAt !== null,
  };
}

export async function officialProfile(db: Db, officialId: string) {
  const [row] = await profileQuery(db, officialId);
  return row ? toProfile(row) : undefined;
}
export type OfficialProfile = NonNullable<Awaited<ReturnType<typeof officialProfile>>>;

/**
 * A new single-use password link token (`ofp_…`) and its INSERT. Earlier unused links of the
 * same official stop working: only the newest link is valid.
 */
export async function newPasswordLink(
  db: Db,
  q: { officialId: string; createdBy: string | null; now: number },
) {
  const token = randomToken(PASSWORD_TOKEN_PREFIX);
  const expiresAt = iso(q.now + PASSWORD_LINK_TTL_MS);
  return {
    token,
    expiresAt,
    statements: [
      db
        .update(officialTokens)
        .set({ usedAt: iso(q.now) })
        .where(
          and(
            eq(officialTokens.officialId, q.officialId),
            eq(officialTokens.kind, 'password_reset'),
            isNull(officialTokens.usedAt),
          ),
        ),
      db.insert(officialTokens).values({
        id: crypto.randomUUID(),
        kind: 'password_reset',
        tokenHash: await sha256Hex(token),
        officialId: q.officialId,
        createdBy: q.createdBy,
        expiresAt,
        createdAt: iso(q.now),
      }),
    ] as const,
  };
}

/** A valid (unused, unexpired) single-use token of `kind`, with its official. */
export async function findValidToken(
  db: Db,
  kind: 'password_reset' | 'zalo_link',
  secret: string,
  now: number,
) {
  const [row] = await db
    .select({
      id: officialTokens.id,
      officialId: officialTokens.officialId,
      expiresAt: officialTokens.expiresAt,
      email: officials.email,
      fullName: officials.fullName,
      status: officials.status,
      userId: officials.userId,
    })
    .from(officialTokens)
    .innerJoin(officials, eq(officials.id, officialTokens.officialId))
    .where(
      and(
        eq(officialTokens.kind, kind),
        eq(officialTokens.tokenHash, await sha256Hex(secret)),
        isNull(officialTokens.usedAt),
        gt(officialTokens.expiresAt, iso(now)),
        eq(officials.status, 'active'),
      ),
    )
    .limit(1);
  return row;
}

/** Marks a token used, only if it still is unused: the guard of single use under races. */
export function useTokenStatement(db: Db, tokenId: string, now: number) {
  return db
    .update(officialTokens)
    .set({ usedAt: iso(now) })
    .where(and(eq(officialTokens.id, tokenId), isNull(officialTokens.usedAt)));
}

/**
 * For a batch right after `useTokenStatement`: fails the whole batch (SQLite refuses to parse
 * the JSON, so the transaction rolls back) when that claim changed no row, i.e. another
 * request used the token first. Nothing of the batch is then kept.
 */
export function tokenClaimGuard(db: Db) {
  return db.run(sql`select json('single_use_token_already_used') where changes() = 0`);
}

/** Whether an error is the guard above refusing a spent token. */
export function isTokenClaimRefusal(err: unknown): boolean {
  const text = (e: unknown): string =>
    e instanceof Error ? `${e.message} ${e.cause ? text(e.cause) : ''}` : String(e);
  return /malformed JSON/i.test(text(err));
}
