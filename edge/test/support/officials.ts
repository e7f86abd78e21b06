import { env } from 'cloudflare:workers';
import { type OfficialRole, officialRoles, officials } from '@tinh/db/schema';
import { hashPassword } from '../../src/officials/password';
import { newSession } from '../../src/officials/repo';
import { csrfTokenFor, WEB_SESSION_COOKIE } from '../../src/officials/session';
import { createDb } from '../../src/platform/db';
import { call } from '../helpers';

// Officials in tests: an account with roles, agency and commune written straight into the
// test database, and a signed-in session for it — either a row inserted like the login route
// does (fast: no PBKDF2 per test) or through the real POST /api/v1/officials/auth/login.
//
//   const ioc = await signedInOfficial({ roles: ['ioc_operator'] });
//   await call('/api/v1/work/reports', { headers: ioc.headers });          // Bearer ofs_…
//   const web = await webSession(ioc.official);                            // cookie + CSRF
//   await call(path, { method: 'POST', headers: { ...web.headers, 'Content-Type': 'application/json' }, body });

export const db = () => createDb(env);

/** The password of every test official unless a test gives another. */
export const TEST_PASSWORD = 'mat-khau-thu-nghiem-2025';

// PBKDF2 at the production cost (210,000 iterations) takes a noticeable moment in workerd:
// computed once per test file and shared by every official it creates.
let sharedHash: Promise<string> | undefined;
function passwordHashFor(password: string): Promise<string> {
  if (password !== TEST_PASSWORD) return hashPassword(password);
  sharedHash ??= hashPassword(TEST_PASSWORD);
  return sharedHash;
}

export interface TestOfficial {
  id: string;
  email: string;
  password: string;
  fullName: string;
  agencyId: string;
  communeId: string | null;
  roles: OfficialRole[];
}

export interface NewOfficialOptions {
  roles?: OfficialRole[];
  /** Default: `ioc` (the operations centre); commune officers default to `ubnd_<communeId>`. */
  agencyId?: string;
  communeId?: string | null;
  email?: string;
  fullName?: string;
  /** Default TEST_PASSWORD; null: no password set yet (a new account waiting for its link). */
  password?: string | null;
  status?: 'active' | 'disabled';
  /** Base32 TOTP secret, already enabled. */
  totpSecret?: string;
}

/** An official written straight into the database. */
export async function createOfficial(opts: NewOfficialOptions = {}): Promise<TestOfficial> {
  const id = crypto.randomUUID();
  const roles = opts.roles ?? ['ioc_operator'];
  const communeId = opts.communeId ?? null;
  const agencyId = opts.agencyId ?? (communeId ? `ubnd_${communeId}` : 'ioc');
  const email = (opts.email ?? `can-bo-${id.slice(0, 8)}@test.gov.vn`).toLowerCase();
  const fullName = opts.fullName ?? `Cán bộ ${roles.join(' ')} ${id.slice(0, 4)}`;
  const password = opts.password === undefined ? TEST_PASSWORD : opts.password;
  const now = new Date().toISOString();
  const d = db();
  await d.batch([
    d.insert(officials).values({
      id,
      email,
      fullName,
      agencyId,
      communeId,
      passwordHash: password === null ? null : await passwordHashFor(password),
      passwordChangedAt: password === null ? null : now,
      totpSecret: opts.totpSecret ?? null,
      totpEnabledAt: opts.totpSecret ? now : null,
      status: opts.status ?? 'active',
      createdAt: now,
      updatedAt: now,
    }),
    ...roles.map((role) => d.insert(officialRoles).values({ officialId: id, role })),
  ]);
  return { id, email, password: password ?? '', fullName, agencyId, communeId, roles };
}

export interface AppSession {
  token: string;
  sessionId: string;
  expiresAt: string;
  /** `{ Authorization: 'Bearer ofs_…' }` */
  headers: Record<string, string>;
}

export interface WebSession {
  token: string;
  sessionId: string;
  csrfToken: string;
  /** `tinh_admin=ofs_…` */
  cookie: string;
  /** `{ Cookie, 'X-CSRF-Token' }`: what the web admin sends on a write. */
  headers: Record<string, string>;
}

async function insertSession(officialId: string, kind: 'web' | 'app') {
  const d = db();
  const { session, statement } = await newSession(d, { officialId, kind, now: Date.now() });
  await statement;
  return session;
}

/** A mini app session (bearer token) inserted like the login route does. */
export async function appSession(official: { id: string }): Promise<AppSession> {
  const s = await insertSession(official.id, 'app');
  return {
    token: s.token,
    sessionId: s.id,
    expiresAt: s.expiresAt,
    headers: { Authorization: `Bearer ${s.token}` },
  };
}

/** A web admin session (cookie + CSRF token) inserted like the login route does. */
export async function webSession(official: { id: string }): Promise<WebSession> {
  const s = await insertSession(official.id, 'web');
  const secret = env.SESSION_SECRET;
  if (!secret) throw new Error('SESSION_SECRET is not set in the test bindings');
  const csrfToken = await csrfTokenFor(secret, s.id);
  const cookie = `${WEB_SESSION_COOKIE}=${s.token}`;
  return {
    token: s.token,
    sessionId: s.id,
    csrfToken,
    cookie,
    headers: { Cookie: cookie, 'X-CSRF-Token': csrfToken },
  };
}

/** An official plus an app session: `headers` go straight into `call()`. */
export async function signedInOfficial(
  opts: NewOfficialOptions = {},
): Promise<{ official: TestOfficial } & AppSession> {
  const official = await createOfficial(opts);
  return { official, ...(await appSession(official)) };
}

// Shortcuts for the usual roles (agency ids of fixtures/categories.json, commune ids of
// fixtures/admin-units.json).
export const asAdmin = () => signedInOfficial({ roles: ['admin'] });
export const asIoc = () => signedInOfficial({ roles: ['ioc_operator'] });
export const asProvinceLeader = () => signedInOfficial({ roles: ['province_leader'] });
export const asAgencyHandler = (agencyId = 'so_xay_dung') =>
  signedInOfficial({ roles: ['agency_handler'], agencyId });
export const asAgencyLeader = (agencyId = 'so_xay_dung') =>
  signedInOfficial({ roles: ['agency_leader'], agencyId });
export const asCommuneOfficer = (communeId = 'vi-thanh') =>
  signedInOfficial({ roles: ['commune_officer'], communeId, agencyId: `ubnd_${communeId}` });

/** The real login route (POST /api/v1/officials/auth/login); a fresh IP keeps rate limits apart. */
export function loginRaw(
  body: { email: string; password: string; totp?: string; client: 'web' | 'app' },
  headers: Record<string, string> = {},
) {
  return call('/api/v1/officials/auth/login', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'CF-Connecting-IP': `10.200.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

/** Signs in through the real route as the mini app: the bearer token. */
export async function loginApp(official: TestOfficial, totp?: string): Promise<AppSession> {
  const res = await loginRaw({
    email: official.email,
    password: official.password,
    client: 'app',
    ...(totp ? { totp } : {}),
  });
  if (res.status !== 200) throw new Error(`login ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { token: string; expiresAt: string; sessionId?: string };
  return {
    token: body.token,
    sessionId: body.sessionId ?? '',
    expiresAt: body.expiresAt,
    headers: { Authorization: `Bearer ${body.token}` },
  };
}

/** The cookie value of `tinh_admin` in a Set-Cookie answer. */
export function sessionCookieOf(res: Response): string | null {
  const header = res.headers.get('set-cookie') ?? '';
  const m = new RegExp(`(?:^|,\\s*)${WEB_SESSION_COOKIE}=([^;,]*)`).exec(header);
  return m?.[1] ?? null;
}

/** Signs in through the real route as the web admin: the cookie and the CSRF token. */
export async function loginWeb(
  official: TestOfficial,
  totp?: string,
): Promise<Omit<WebSession, 'sessionId'>> {
  const res = await loginRaw({
    email: official.email,
    password: official.password,
    client: 'web',
    ...(totp ? { totp } : {}),
  });
  if (res.status !== 200) throw new Error(`login ${res.status}: ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const token = sessionCookieOf(res);
  if (!token) throw new Error('login answered no session cookie');
  const cookie = `${WEB_SESSION_COOKIE}=${token}`;
  return { token, csrfToken, cookie, headers: { Cookie: cookie, 'X-CSRF-Token': csrfToken } };
}
