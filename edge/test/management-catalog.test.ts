import { env } from 'cloudflare:workers';
import { agencies, auditLog, reportCategories } from '@tinh/db/schema';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitReport } from '../src/reports/submit';
import { call, type ErrorJson } from './helpers';
import {
  asAdmin,
  asAgencyHandler,
  asIoc,
  db,
  signedInOfficial,
  webSession,
} from './support/officials';
import { VI_THANH } from './support/reports';

// Categories (default agency, SLA) and agencies under /api/v1/admin. The database is shared
// with every other test file: the category changed here is one no other test uses
// (vien_thong), put back at the end of its test, and the agency created is deleted again.

type Headers = Record<string, string>;
type Category = {
  id: string;
  name: string;
  slaHours: number;
  slaWorkingDays: number;
  defaultAgency: { id: string; name: string; scope: string };
  updatedAt: string | null;
};
type Agency = {
  id: string;
  name: string;
  scope: string;
  communeId: string | null;
  communeName: string | null;
  phone: string | null;
  email: string | null;
  categoryCount: number;
};

const CATEGORY = 'vien_thong';

function send(method: string, path: string, headers: Headers, body?: unknown) {
  return call(`/api/v1/admin${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function ok<T>(res: Response, status = 200): Promise<T> {
  if (res.status !== status) throw new Error(`${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

async function failure(res: Response) {
  return { status: res.status, ...((await res.json()) as ErrorJson).error };
}

const auditFor = (entityType: string, entityId: string) =>
  db()
    .select({
      action: auditLog.action,
      actorKind: auditLog.actorKind,
      actorId: auditLog.actorId,
      fromValue: auditLog.fromValue,
      toValue: auditLog.toValue,
    })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId)))
    .orderBy(asc(auditLog.id));

let admin: Headers;
let adminId: string;

beforeAll(async () => {
  const a = await asAdmin();
  admin = a.headers;
  adminId = a.official.id;
});

describe('categories', () => {
  it('lists every category with its default agency and SLA', async () => {
    const { items } = await ok<{ items: Category[] }>(await send('GET', '/categories', admin));
    expect(items).toHaveLength(13);
    expect(items.find((c) => c.id === 'giao_thong')).toMatchObject({
      name: 'Giao thông',
      slaHours: 72,
      slaWorkingDays: 3,
      defaultAgency: { id: 'so_xay_dung', scope: 'province' },
    });
    expect(items.find((c) => c.id === 'trat_tu_do_thi')?.defaultAgency).toMatchObject({
      id: 'ubnd_xa_phuong',
      scope: 'commune',
    });
  });

  it('changes the SLA and default agency, audited, and the public catalog and new deadlines follow', async () => {
    const [original] = await db()
      .select({ slaHours: reportCategories.slaHours, agency: reportCategories.defaultAgencyId })
      .from(reportCategories)
      .where(eq(reportCategories.id, CATEGORY));
    if (!original) throw new Error('seeded category missing');
    const before = await call('/api/v1/catalog/categories');
    const tag = before.headers.get('etag') ?? '';
    await before.arrayBuffer();

    // A report on Monday 5 June 2028, 10:00, before and after the SLA change.
    const dueOf = async () =>
      (
        await submitReport(
          db(),
          env,
          {
            submissionId: crypto.randomUUID(),
            categoryId: CATEGORY,
            description: 'Cột viễn thông nghiêng sát nhà dân, dây cáp võng thấp.',
            location: { source: 'pin', ...VI_THANH },
          },
          { channel: 'miniapp', now: new Date('2028-06-05T10:00:00+07:00') },
        )
      ).report.dueAt;
    expect(await dueOf()).toBe(new Date('2028-06-08T10:00:00+07:00').toISOString());

    try {
      const { category } = await ok<{ category: Category }>(
        await send('PATCH', `/categories/${CATEGORY}`, admin, {
          slaHours: 24,
          defaultAgencyId: 'so_xay_dung',
        }),
      );
      expect(category).toMatchObject({
        id: CATEGORY,
        slaHours: 24,
        slaWorkingDays: 1,
        defaultAgency: { id: 'so_xay_dung', name: expect.stringMatching(/Xây dựng/) },
        updatedAt: expect.any(String),
      });
      expect(await auditFor('category', CATEGORY)).toEqual([
        {
          action: 'category.update',
          actorKind: 'official',
          actorId: adminId,
          fromValue: JSON.stringify({
            defaultAgencyId: original.agency,
            slaHours: original.slaHours,
          }),
          toValue: JSON.stringify({ defaultAgencyId: 'so_xay_dung', slaHours: 24 }),
        },
      ]);

      // The public catalog's ETag follows its content: the old tag no longer matches.
      const after = await call('/api/v1/catalog/categories', { headers: { 'If-None-Match': tag } });
      expect(after.status).toBe(200);
      expect(after.headers.get('etag')).not.toBe(tag);
      const pub = (await after.json()) as { items: Category[] };
      expect(pub.items.find((c) => c.id === CATEGORY)).toMatchObject({
        slaHours: 24,
        defaultAgency: { id: 'so_xay_dung' },
      });

      // A new report gets the new SLA: one working day.
      expect(await dueOf()).toBe(new Date('2028-06-06T10:00:00+07:00').toISOString());

      // The same values again: nothing written, nothing audited.
      await ok(await send('PATCH', `/categories/${CATEGORY}`, admin, { slaHours: 24 }));
      expect(await auditFor('category', CATEGORY)).toHaveLength(1);
    } finally {
      await ok(
        await send('PATCH', `/categories/${CATEGORY}`, admin, {
          slaHours: original.slaHours,
          defaultAgencyId: original.agency,
        }),
      );
    }
    expect(await auditFor('category', CATEGORY)).toHaveLength(2);
  });

  it('refuses bad input in Vietnamese, unknown agencies and unknown categories', async () => {
    const zero = await failure(
      await send('PATCH', `/categories/${CATEGORY}`, admin, { slaHours: 0 }),
    );
    expect(zero).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(JSON.stringify(zero.details)).toContain('Thời hạn xử lý ít nhất 1 giờ.');

    const fraction = await failure(
      await send('PATCH', `/categories/${CATEGORY}`, admin, { slaHours: 1.5 }),
    );
    expect(fraction).toMatchObject({ status: 400, code: 'validation_failed' });

    const empty = await failure(await send('PATCH', `/categories/${CATEGORY}`, admin, {}));
    expect(empty).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(JSON.stringify(empty.details)).toContain('Cần ít nhất một thay đổi');

    expect(
      await failure(
        await send('PATCH', `/categories/${CATEGORY}`, admin, { defaultAgencyId: 'khong_co' }),
      ),
    ).toMatchObject({
      status: 400,
      code: 'unknown_agency',
      message: 'Cơ quan xử lý không tồn tại.',
    });

    expect(
      await failure(await send('PATCH', '/categories/khong_co', admin, { slaHours: 48 })),
    ).toMatchObject({ status: 404, code: 'category_not_found' });

    const notJson = await call(`/api/v1/admin/categories/${CATEGORY}`, {
      method: 'PATCH',
      headers: { ...admin, 'Content-Type': 'text/plain' },
      body: 'slaHours=48',
    });
    expect(notJson.status).toBe(415);
    expect(await auditFor('category', 'khong_co')).toEqual([]);
  });
});

describe('agencies', () => {
  const created: string[] = [];
  afterAll(async () => {
    // Leave the shared agency list as seeded (the audit entries stay: they are history).
    for (const id of created) await db().delete(agencies).where(eq(agencies.id, id));
  });

  it('lists agencies with their commune and the categories mapped to them', async () => {
    const { items } = await ok<{ items: Agency[] }>(await send('GET', '/agencies', admin));
    expect(items.find((a) => a.id === 'so_xay_dung')).toMatchObject({
      scope: 'province',
      communeId: null,
    });
    expect(items.find((a) => a.id === 'ubnd_vi-thanh')).toMatchObject({
      scope: 'commune',
      communeId: 'vi-thanh',
      communeName: 'Vị Thanh',
      categoryCount: 0,
    });
    expect(items.find((a) => a.id === 'ubnd_xa_phuong')?.categoryCount).toBeGreaterThanOrEqual(1);
  });

  it('creates an agency with an id made from its name, audited; a second time is a conflict', async () => {
    const suffix = crypto.randomUUID().slice(0, 6);
    const name = `Sở Tài chính thử nghiệm ${suffix}`;
    const res = await send('POST', '/agencies', admin, {
      name,
      phone: '0293 3878 123',
      email: 'STC@haugiang.gov.vn',
    });
    const { agency } = await ok<{ agency: Agency }>(res, 201);
    created.push(agency.id);
    expect(agency).toEqual({
      id: `so_tai_chinh_thu_nghiem_${suffix}`,
      name,
      scope: 'province',
      communeId: null,
      communeName: null,
      phone: '0293 3878 123',
      email: 'stc@haugiang.gov.vn',
      categoryCount: 0,
    });
    expect(await auditFor('agency', agency.id)).toEqual([
      expect.objectContaining({
        action: 'agency.create',
        actorId: adminId,
        fromValue: null,
        toValue: JSON.stringify({
          name,
          scope: 'province',
          communeId: null,
          phone: '0293 3878 123',
          email: 'stc@haugiang.gov.vn',
        }),
      }),
    ]);

    expect(await failure(await send('POST', '/agencies', admin, { name }))).toMatchObject({
      status: 409,
      code: 'agency_exists',
    });

    // Edit: name and phone; clearing the email.
    const patched = await ok<{ agency: Agency }>(
      await send('PATCH', `/agencies/${agency.id}`, admin, {
        name: `${name} (mới)`,
        email: null,
      }),
    );
    expect(patched.agency).toMatchObject({
      name: `${name} (mới)`,
      phone: '0293 3878 123',
      email: null,
    });
    const audit = await auditFor('agency', agency.id);
    expect(audit[1]).toMatchObject({
      action: 'agency.update',
      fromValue: JSON.stringify({ name, email: 'stc@haugiang.gov.vn' }),
      toValue: JSON.stringify({ name: `${name} (mới)`, email: null }),
    });
  });

  it('adds a commune committee only for a commune without one', async () => {
    expect(
      await failure(
        await send('POST', '/agencies', admin, {
          name: 'UBND phường Vị Thanh',
          scope: 'commune',
          communeId: 'vi-thanh',
        }),
      ),
    ).toMatchObject({ status: 409, code: 'commune_committee_exists' });
    expect(
      await failure(
        await send('POST', '/agencies', admin, {
          name: 'UBND xã Không Có',
          scope: 'commune',
          communeId: 'khong-co',
        }),
      ),
    ).toMatchObject({ status: 400, code: 'unknown_commune' });
    const missing = await failure(
      await send('POST', '/agencies', admin, { name: 'UBND xã', scope: 'commune' }),
    );
    expect(missing).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(JSON.stringify(missing.details)).toContain('Vui lòng chọn xã/phường');
  });

  it('validates agency fields and answers 404 for an unknown agency', async () => {
    const bad = await failure(
      await send('POST', '/agencies', admin, { name: 'Sở X', email: 'khong-phai-email' }),
    );
    expect(bad).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(JSON.stringify(bad.details)).toContain('Email không hợp lệ.');
    expect(
      await failure(await send('PATCH', '/agencies/khong_co', admin, { name: 'Sở Không Có' })),
    ).toMatchObject({ status: 404, code: 'agency_not_found' });
    expect(
      await failure(await send('PATCH', '/agencies/so_y_te', admin, { phone: 'abc' })),
    ).toMatchObject({ status: 400, code: 'validation_failed' });
  });
});

describe('permissions', () => {
  it('lets officials who read reports see the lists, and only catalog managers change them', async () => {
    const ioc = await asIoc();
    const handler = await asAgencyHandler();
    const editor = await signedInOfficial({ roles: ['news_editor'] });

    for (const who of [ioc, handler]) {
      expect((await send('GET', '/categories', who.headers)).status).toBe(200);
      expect((await send('GET', '/agencies', who.headers)).status).toBe(200);
      expect((await send('GET', '/holidays', who.headers)).status).toBe(200);
      expect(
        await failure(await send('PATCH', `/categories/${CATEGORY}`, who.headers, { slaHours: 1 })),
      ).toMatchObject({ status: 403, code: 'forbidden' });
      expect(
        (await send('POST', '/agencies', who.headers, { name: 'Sở Không Được Tạo' })).status,
      ).toBe(403);
      expect(
        (await send('POST', '/holidays', who.headers, { date: '2099-03-03', name: 'Không được' }))
          .status,
      ).toBe(403);
      expect((await send('DELETE', '/holidays/2026-09-02', who.headers)).status).toBe(403);
    }
    expect(await failure(await send('GET', '/categories', editor.headers))).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    expect(await failure(await send('GET', '/categories', {}))).toMatchObject({
      status: 401,
      code: 'official_session_required',
    });
  });

  it('needs the CSRF token with the web admin cookie', async () => {
    const a = await asAdmin();
    const web = await webSession(a.official);
    const res = await send(
      'PATCH',
      `/categories/${CATEGORY}`,
      { Cookie: web.cookie },
      { slaHours: 1 },
    );
    expect(res.status).toBe(403);
    expect(((await res.json()) as ErrorJson).error.code).toBe('csrf_failed');
    // With the token, a read works as usual (a no-op change would too).
    expect((await send('GET', '/categories', web.headers)).status).toBe(200);
  });
});
