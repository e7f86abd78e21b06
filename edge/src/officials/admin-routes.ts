import { createRoute, z } from '@hono/zod-openapi';
import { adminUnits, agencies, OFFICIAL_ROLES, officialRoles, officials } from '@tinh/db/schema';
import { and, asc, count, eq, exists, like, or, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Context } from 'hono';
import { requirePermission } from '../access/guard';
import { auditStatement } from '../audit/log';
import type { AppEnv, OfficialPrincipal } from '../platform/env';
import { ApiError } from '../platform/errors';
import { requireJsonBody } from '../platform/json-body';
import {
  jsonBody as body,
  errorResponse as error,
  jsonResponse as json,
} from '../platform/openapi';
import { createRouter } from '../platform/router';
import { newPasswordLink, parseRoles, revokeAllSessionsStatement } from './repo';
import { EmailSchema, PasswordLinkSchema, RoleSchema, TAG_ADMIN as TAG } from './schemas';

// Managing officials' accounts (permission `official.manage`): an administrator creates an
// account (no password: the official sets it through a single-use link), changes name,
// agency, commune, roles, disables it (its sessions end at once), unlocks it, or sends a new
// password link. Every change is one batch with its audit entry.

const SECURITY: Record<string, string[]>[] = [{ officialCookie: [] }, { officialBearer: [] }];
const iso = (ms: number) => new Date(ms).toISOString();

const AdminOfficialSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    fullName: z.string(),
    agencyId: z.string(),
    agencyName: z.string(),
    communeId: z.string().nullable(),
    roles: z.array(RoleSchema),
    status: z.enum(['active', 'disabled']),
    hasPassword: z.boolean().openapi({ description: 'Đã đặt mật khẩu' }),
    totpEnabled: z.boolean(),
    zaloLinked: z.boolean(),
    lockedUntil: z.string().nullable().openapi({ description: 'Đang bị khóa đến (nếu còn khóa)' }),
    lastLoginAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('AdminOfficial');

const ListQuerySchema = z.object({
  q: z.string().trim().max(100).optional().openapi({ description: 'Tìm theo tên hoặc email' }),
  agencyId: z.string().max(100).optional(),
  role: z.enum(OFFICIAL_ROLES).optional(),
  status: z.enum(['active', 'disabled']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

const RolesSchema = z
  .array(RoleSchema)
  .min(1, 'Cần ít nhất một vai trò.')
  .max(OFFICIAL_ROLES.length)
  .transform((roles) => [...new Set(roles)]);

const FullNameSchema = z
  .string({ error: 'Thiếu họ tên.' })
  .trim()
  .min(2, 'Họ tên quá ngắn.')
  .max(120, 'Họ tên quá dài.');

const CreateBodySchema = z
  .object({
    email: EmailSchema,
    fullName: FullNameSchema,
    agencyId: z.string({ error: 'Thiếu cơ quan.' }).trim().min(1).max(100),
    communeId: z.string().trim().min(1).max(100).nullable().optional(),
    roles: RolesSchema,
  })
  .openapi('CreateOfficial');

const PatchBodySchema = z
  .object({
    fullName: FullNameSchema.optional(),
    agencyId: z.string().trim().min(1).max(100).optional(),
    communeId: z.string().trim().min(1).max(100).nullable().optional(),
    roles: RolesSchema.optional(),
    status: z.enum(['active', 'disabled']).optional().openapi({
      description: '`disabled`: không đăng nhập được nữa, mọi phiên bị thu hồi ngay',
    }),
    unlock: z
      .literal(true)
      .optional()
      .openapi({ description: 'Mở khóa tài khoản bị khóa do nhập sai nhiều lần' }),
  })
  .openapi('UpdateOfficial');

const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: [TAG],
  summary: 'Danh sách cán bộ',
  security: SECURITY,
  request: { query: ListQuerySchema },
  responses: {
    200: json(
      z
        .object({
          items: z.array(AdminOfficialSchema),
          total: z.number().int(),
          page: z.number().int(),
          limit: z.number().int(),
        })
        .openapi('AdminOfficialList'),
      'Danh sách',
    ),
    401: error('Chưa đăng nhập'),
    403: error('Không có quyền (`forbidden`)'),
  },
});

const createOfficialRoute = createRoute({
  method: 'post',
  path: '/',
  tags: [TAG],
  summary: 'Tạo tài khoản cán bộ',
  description:
    'Trả về đường dẫn đặt mật khẩu dùng một lần (72 giờ) để gửi cho cán bộ; tài khoản chưa có mật khẩu cho đến khi dùng đường dẫn.',
  security: SECURITY,
  middleware: [requireJsonBody] as const,
  request: { body: body(CreateBodySchema) },
  responses: {
    201: json(
      z
        .object({ official: AdminOfficialSchema, passwordLink: PasswordLinkSchema })
        .openapi('CreatedOfficial'),
      'Đã tạo',
    ),
    400: error('Dữ liệu không hợp lệ, cơ quan hoặc xã/phường không tồn tại'),
    401: error('Chưa đăng nhập'),
    403: error('Không có quyền'),
    409: error('Email đã được dùng (`email_taken`)'),
  },
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/{id}',
  tags: [TAG],
  summary: 'Sửa tài khoản cán bộ',
  security: SECURITY,
  middleware: [requireJsonBody] as const,
  request: { params: IdParam, body: body(PatchBodySchema) },
  responses: {
    200: json(z.object({ official: AdminOfficialSchema }), 'Đã lưu'),
    400: error('Dữ liệu không hợp lệ'),
    401: error('Chưa đăng nhập'),
    403: error('Không có quyền'),
    404: error('Không có cán bộ này (`official_not_found`)'),
    409: error('Không thể tự khóa hoặc bỏ quyền quản trị của chính mình (`cannot_change_self`)'),
  },
});

const passwordLinkRoute = createRoute({
  method: 'post',
  path: '/{id}/password-link',
  tags: [TAG],
  summary: 'Gửi đường dẫn đặt lại mật khẩu',
  description: 'Đường dẫn mới (dùng một lần, 72 giờ); các đường dẫn trước chưa dùng hết hiệu lực.',
  security: SECURITY,
  request: { params: IdParam },
  responses: {
    200: json(z.object({ passwordLink: PasswordLinkSchema }), 'Đường dẫn'),
    401: error('Chưa đăng nhập'),
    403: error('Không có quyền'),
    404: error('Không có cán bộ này (`official_not_found`)'),
    409: error('Tài khoản đã bị vô hiệu hóa (`official_disabled`)'),
  },
});

function selectOfficials(c: Context<AppEnv>) {
  return c.var.db
    .select({
      id: officials.id,
      email: officials.email,
      fullName: officials.fullName,
      agencyId: officials.agencyId,
      agencyName: agencies.name,
      communeId: officials.communeId,
      roles: sql<
        string | null
      >`(select group_concat(${officialRoles.role}) from ${officialRoles} where ${officialRoles.officialId} = ${officials.id})`,
      status: officials.status,
      passwordHash: officials.passwordHash,
      totpEnabledAt: officials.totpEnabledAt,
      userId: officials.userId,
      lockedUntil: officials.lockedUntil,
      lastLoginAt: officials.lastLoginAt,
      createdAt: officials.createdAt,
    })
    .from(officials)
    .innerJoin(agencies, eq(agencies.id, officials.agencyId));
}

type Row = Awaited<ReturnType<typeof selectOfficials>>[number];

function toAdminOfficial(row: Row, now = Date.now()) {
  return {
    id: row.id,
    email: row.email,
    fullName: row.fullName,
    agencyId: row.agencyId,
    agencyName: row.agencyName,
    communeId: row.communeId,
    roles: parseRoles(row.roles).sort(),
    status: row.status,
    hasPassword: row.passwordHash !== null,
    totpEnabled: row.totpEnabledAt !== null,
    zaloLinked: row.userId !== null,
    lockedUntil: row.lockedUntil && Date.parse(row.lockedUntil) > now ? row.lockedUntil : null,
    lastLoginAt: row.lastLoginAt,
    createdAt: row.createdAt,
  };
}

/** The web admin's page of the link: ADMIN_BASE_URL, or this request's origin. */
function passwordLinkUrl(c: Context<AppEnv>, token: string): string {
  const base = (c.env?.ADMIN_BASE_URL || new URL(c.req.url).origin).replace(/\/+$/, '');
  return `${base}/admin/dat-mat-khau?token=${encodeURIComponent(token)}`;
}

function notFound(): ApiError {
  return new ApiError(404, 'official_not_found', 'Không tìm thấy tài khoản cán bộ.');
}

/** 400 when the agency or the commune does not exist (one round trip for both). */
async function checkPlacement(
  c: Context<AppEnv>,
  agencyId: string | undefined,
  communeId: string | null | undefined,
) {
  if (agencyId === undefined && !communeId) return;
  const db = c.var.db;
  const [agencyRows, communeRows] = await db.batch([
    db
      .select({ id: agencies.id })
      .from(agencies)
      .where(eq(agencies.id, agencyId ?? ''))
      .limit(1),
    db
      .select({ id: adminUnits.id })
      .from(adminUnits)
      .where(and(eq(adminUnits.id, communeId ?? ''), eq(adminUnits.level, 'commune')))
      .limit(1),
  ]);
  if (agencyId !== undefined && agencyRows.length === 0) {
    throw new ApiError(400, 'unknown_agency', 'Cơ quan không tồn tại.', { agencyId });
  }
  if (communeId && communeRows.length === 0) {
    throw new ApiError(400, 'unknown_commune', 'Xã, phường không tồn tại.', { communeId });
  }
}

function isUniqueViolation(err: unknown): boolean {
  const text = (e: unknown): string =>
    e instanceof Error ? `${e.message} ${e.cause ? text(e.cause) : ''}` : String(e);
  return /UNIQUE constraint failed: officials\.email/i.test(text(err));
}

const emailTaken = () =>
  new ApiError(409, 'email_taken', 'Email này đã được dùng cho một tài khoản cán bộ khác.');

function auditOf(c: Context<AppEnv>, me: OfficialPrincipal, now: number) {
  return (e: {
    action: string;
    entityId: string;
    from?: string | null;
    to?: string | null;
    note?: string | null;
  }) =>
    auditStatement(c.var.db, {
      at: iso(now),
      actor: { kind: 'official', id: me.id },
      entityType: 'official',
      requestId: c.var.requestId ?? null,
      ...e,
    });
}

export const officialAdminRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    requirePermission(c, 'official.manage');
    c.header('Cache-Control', 'private, no-store');
    const q = c.req.valid('query');
    const filters: SQL[] = [];
    if (q.q) {
      const pattern = `%${q.q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      const byText = or(
        sql`lower(${officials.fullName}) like ${pattern} escape '\\'`,
        like(officials.email, pattern),
      );
      if (byText) filters.push(byText);
    }
    if (q.agencyId) filters.push(eq(officials.agencyId, q.agencyId));
    if (q.status) filters.push(eq(officials.status, q.status));
    if (q.role) {
      const role = q.role;
      filters.push(
        exists(
          c.var.db
            .select({ one: sql`1` })
            .from(officialRoles)
            .where(and(eq(officialRoles.officialId, officials.id), eq(officialRoles.role, role))),
        ),
      );
    }
    const where = filters.length > 0 ? and(...filters) : undefined;
    const db = c.var.db;
    const [rows, totals] = await db.batch([
      selectOfficials(c)
        .where(where)
        .orderBy(asc(officials.fullName), asc(officials.id))
        .limit(q.limit)
        .offset((q.page - 1) * q.limit),
      db.select({ n: count() }).from(officials).where(where),
    ]);
    const now = Date.now();
    return c.json(
      {
        items: rows.map((r) => toAdminOfficial(r, now)),
        total: totals[0]?.n ?? 0,
        page: q.page,
        limit: q.limit,
      },
      200,
    );
  })
  .openapi(createOfficialRoute, async (c) => {
    const me = requirePermission(c, 'official.manage');
    const input = c.req.valid('json');
    const db = c.var.db;
    await checkPlacement(c, input.agencyId, input.communeId);
    const [existing] = await db
      .select({ id: officials.id })
      .from(officials)
      .where(eq(officials.email, input.email))
      .limit(1);
    if (existing) throw emailTaken();
    const now = Date.now();
    const id = crypto.randomUUID();
    const link = await newPasswordLink(db, { officialId: id, createdBy: me.id, now });
    const audit = auditOf(c, me, now);
    try {
      const results: unknown[] = await db.batch([
        db.insert(officials).values({
          id,
          email: input.email,
          fullName: input.fullName,
          agencyId: input.agencyId,
          communeId: input.communeId ?? null,
          status: 'active',
          createdAt: iso(now),
          updatedAt: iso(now),
        }),
        ...input.roles.map((role) => db.insert(officialRoles).values({ officialId: id, role })),
        ...link.statements,
        audit({
          action: 'official.create',
          entityId: id,
          to: JSON.stringify({
            email: input.email,
            fullName: input.fullName,
            agencyId: input.agencyId,
            communeId: input.communeId ?? null,
            roles: [...input.roles].sort(),
          }),
        }),
        audit({
          action: 'official.password_link',
          entityId: id,
          note: 'Đường dẫn đặt mật khẩu đầu tiên',
        }),
        selectOfficials(c).where(eq(officials.id, id)),
      ] as unknown as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
      const [row] = results[results.length - 1] as Row[];
      if (!row) throw new Error('created official not found');
      return c.json(
        {
          official: toAdminOfficial(row, now),
          passwordLink: { url: passwordLinkUrl(c, link.token), expiresAt: link.expiresAt },
        },
        201,
      );
    } catch (err) {
      if (isUniqueViolation(err)) throw emailTaken();
      throw err;
    }
  })
  .openapi(patchRoute, async (c) => {
    const me = requirePermission(c, 'official.manage');
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const db = c.var.db;
    const [current] = await selectOfficials(c).where(eq(officials.id, id)).limit(1);
    if (!current) throw notFound();
    if (
      id === me.id &&
      (input.status === 'disabled' || (input.roles && !input.roles.includes('admin')))
    ) {
      // Someone must always be left to manage accounts.
      throw new ApiError(
        409,
        'cannot_change_self',
        'Bạn không thể tự vô hiệu hóa hoặc bỏ quyền quản trị của chính mình.',
      );
    }
    await checkPlacement(c, input.agencyId, input.communeId);
    const now = Date.now();
    const audit = auditOf(c, me, now);
    const before = toAdminOfficial(current, now);
    const set: Partial<typeof officials.$inferInsert> = {};
    const changedFrom: Record<string, unknown> = {};
    const changedTo: Record<string, unknown> = {};
    const track = <K extends 'fullName' | 'agencyId' | 'communeId' | 'status'>(
      key: K,
      value: (typeof before)[K] | undefined,
    ) => {
      if (value === undefined || value === before[key]) return;
      (set as Record<string, unknown>)[key] = value;
      changedFrom[key] = before[key];
      changedTo[key] = value;
    };
    track('fullName', input.fullName);
    track('agencyId', input.agencyId);
    track('communeId', input.communeId);
    track('status', input.status);
    const newRoles = input.roles ? [...input.roles].sort() : undefined;
    const rolesChanged = newRoles !== undefined && newRoles.join(',') !== before.roles.join(',');
    if (rolesChanged) {
      changedFrom.roles = before.roles;
      changedTo.roles = newRoles;
    }
    const unlock =
      input.unlock === true && (current.lockedUntil !== null || before.lockedUntil !== null);
    const statements: BatchItem<'sqlite'>[] = [];
    if (Object.keys(set).length > 0 || unlock) {
      statements.push(
        db
          .update(officials)
          .set({
            ...set,
            ...(unlock ? { lockedUntil: null, failedLogins: 0 } : {}),
            updatedAt: iso(now),
          })
          .where(eq(officials.id, id)),
      );
    }
    if (rolesChanged && newRoles) {
      statements.push(db.delete(officialRoles).where(eq(officialRoles.officialId, id)));
      for (const role of newRoles) {
        statements.push(db.insert(officialRoles).values({ officialId: id, role }));
      }
    }
    if (Object.keys(changedTo).length > 0) {
      statements.push(
        audit({
          action: 'official.update',
          entityId: id,
          from: JSON.stringify(changedFrom),
          to: JSON.stringify(changedTo),
        }),
      );
    }
    if (input.status === 'disabled' && before.status !== 'disabled') {
      statements.push(revokeAllSessionsStatement(db, id, now));
    }
    if (unlock) {
      statements.push(
        audit({ action: 'official.unlock', entityId: id, from: current.lockedUntil, to: null }),
      );
    }
    statements.push(selectOfficials(c).where(eq(officials.id, id)));
    const results: unknown[] = await db.batch(
      statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]],
    );
    const [row] = results[results.length - 1] as Row[];
    if (!row) throw notFound();
    return c.json({ official: toAdminOfficial(row, now) }, 200);
  })
  .openapi(passwordLinkRoute, async (c) => {
    const me = requirePermission(c, 'official.manage');
    const { id } = c.req.valid('param');
    const db = c.var.db;
    const [current] = await db
      .select({ status: officials.status })
      .from(officials)
      .where(eq(officials.id, id))
      .limit(1);
    if (!current) throw notFound();
    if (current.status !== 'active') {
      throw new ApiError(
        409,
        'official_disabled',
        'Tài khoản đã bị vô hiệu hóa: hãy kích hoạt lại trước khi gửi đường dẫn.',
      );
    }
    const now = Date.now();
    const link = await newPasswordLink(db, { officialId: id, createdBy: me.id, now });
    await db.batch([
      ...link.statements,
      auditOf(c, me, now)({ action: 'official.password_link', entityId: id }),
    ]);
    return c.json(
      { passwordLink: { url: passwordLinkUrl(c, link.token), expiresAt: link.expiresAt } },
      200,
    );
  });
