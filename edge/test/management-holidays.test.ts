import { env } from 'cloudflare:workers';
import { auditLog, holidays } from '@tinh/db/schema';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitReport } from '../src/reports/submit';
import { call, type ErrorJson } from './helpers';
import { asAdmin, asIoc, db } from './support/officials';
import { VI_THANH } from './support/reports';

// Public holidays under /api/v1/admin/holidays, and deadlines reading them from the database.
// The dates used here are far from today (June 2028, 2099), so deadlines of reports other test
// files create meanwhile never cross them; they are removed again at the end.

type Headers = Record<string, string>;
type Holiday = { date: string; name: string; provisional: boolean; createdAt: string };

const TEST_DATES = ['2028-06-06', '2028-06-07', '2099-03-03', '2099-03-04'];

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

const auditFor = (date: string) =>
  db()
    .select({
      action: auditLog.action,
      actorId: auditLog.actorId,
      fromValue: auditLog.fromValue,
      toValue: auditLog.toValue,
    })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'holiday'), eq(auditLog.entityId, date)))
    .orderBy(asc(auditLog.id));

let admin: Headers;
let adminId: string;

beforeAll(async () => {
  const a = await asAdmin();
  admin = a.headers;
  adminId = a.official.id;
});

afterAll(async () => {
  await db().delete(holidays).where(inArray(holidays.date, TEST_DATES));
});

describe('holidays', () => {
  it('lists a year of holidays in date order', async () => {
    const { items } = await ok<{ items: Holiday[] }>(
      await send('GET', '/holidays?year=2026', admin),
    );
    expect(items.length).toBeGreaterThanOrEqual(10);
    expect(items.every((h) => h.date.startsWith('2026-'))).toBe(true);
    expect(items.map((h) => h.date)).toEqual([...items.map((h) => h.date)].sort());
    expect(items.find((h) => h.date === '2026-09-01')).toMatchObject({ provisional: true });
    expect(items.find((h) => h.date === '2026-02-17')?.name).toMatch(/Tết Nguyên đán/);

    const all = await ok<{ items: Holiday[] }>(await send('GET', '/holidays', admin));
    expect(all.items.some((h) => h.date.startsWith('2027-'))).toBe(true);

    expect(await failure(await send('GET', '/holidays?year=1999', admin))).toMatchObject({
      status: 400,
      code: 'validation_failed',
    });
  });

  it('adds and removes a holiday, audited, with 409 for a date already listed', async () => {
    const { holiday } = await ok<{ holiday: Holiday }>(
      await send('POST', '/holidays', admin, { date: '2099-03-03', name: '  Ngày nghỉ thử  ' }),
      201,
    );
    expect(holiday).toMatchObject({
      date: '2099-03-03',
      name: 'Ngày nghỉ thử',
      provisional: false,
    });

    expect(
      await failure(
        await send('POST', '/holidays', admin, { date: '2099-03-03', name: 'Lần hai' }),
      ),
    ).toMatchObject({ status: 409, code: 'holiday_exists' });

    const listed = await ok<{ items: Holiday[] }>(await send('GET', '/holidays?year=2099', admin));
    expect(listed.items.map((h) => h.date)).toContain('2099-03-03');

    const removed = await ok<{ holiday: Holiday }>(
      await send('DELETE', '/holidays/2099-03-03', admin),
    );
    expect(removed.holiday.name).toBe('Ngày nghỉ thử');
    expect(await failure(await send('DELETE', '/holidays/2099-03-03', admin))).toMatchObject({
      status: 404,
      code: 'holiday_not_found',
    });

    expect(await auditFor('2099-03-03')).toEqual([
      {
        action: 'holiday.create',
        actorId: adminId,
        fromValue: null,
        toValue: JSON.stringify({ date: '2099-03-03', name: 'Ngày nghỉ thử', provisional: false }),
      },
      {
        action: 'holiday.delete',
        actorId: adminId,
        fromValue: JSON.stringify({ date: '2099-03-03', name: 'Ngày nghỉ thử' }),
        toValue: null,
      },
    ]);
  });

  it('refuses impossible dates, weekends and missing names in Vietnamese', async () => {
    const impossible = await failure(
      await send('POST', '/holidays', admin, { date: '2099-02-30', name: 'Ngày không có' }),
    );
    expect(impossible).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(JSON.stringify(impossible.details)).toContain('Ngày không hợp lệ');

    expect(
      await failure(await send('POST', '/holidays', admin, { date: '3/4/2099', name: 'Sai dạng' })),
    ).toMatchObject({ status: 400, code: 'validation_failed' });

    const noName = await failure(await send('POST', '/holidays', admin, { date: '2099-03-04' }));
    expect(noName).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(JSON.stringify(noName.details)).toContain('Vui lòng nhập tên ngày nghỉ.');

    // Saturday 7 March 2099: weekends never count anyway; the compensatory day is what matters.
    const weekend = await failure(
      await send('POST', '/holidays', admin, { date: '2099-03-07', name: 'Rơi vào thứ Bảy' }),
    );
    expect(weekend).toMatchObject({ status: 422, code: 'weekend_date' });
    expect(weekend.message).toMatch(/ngày nghỉ bù/);

    expect(await failure(await send('DELETE', '/holidays/khong-phai-ngay', admin))).toMatchObject({
      status: 404,
      code: 'holiday_not_found',
    });
    expect(await auditFor('2099-03-07')).toEqual([]);
  });

  it('is managed by administrators only', async () => {
    const ioc = await asIoc();
    expect(
      await failure(
        await send('POST', '/holidays', ioc.headers, { date: '2099-03-04', name: 'Không được' }),
      ),
    ).toMatchObject({ status: 403, code: 'forbidden' });
  });
});

describe('deadlines read the holidays table', () => {
  // A report on Monday 5 June 2028 at 10:00 in a 24-hour category (an ninh trật tự).
  const dueOfNewReport = async () =>
    (
      await submitReport(
        db(),
        env,
        {
          submissionId: crypto.randomUUID(),
          categoryId: 'an_ninh_trat_tu',
          description: 'Nhóm thanh niên tụ tập gây mất trật tự vào ban đêm ở đầu hẻm.',
          location: { source: 'pin', ...VI_THANH },
        },
        { channel: 'miniapp', now: new Date('2028-06-05T10:00:00+07:00') },
      )
    ).report.dueAt;
  const vn = (local: string) => new Date(`${local}+07:00`).toISOString();

  it('moves a new report’s deadline when an administrator adds a holiday, and back when it is removed', async () => {
    expect(await dueOfNewReport()).toBe(vn('2028-06-06T10:00:00'));

    await ok(
      await send('POST', '/holidays', admin, { date: '2028-06-06', name: 'Nghỉ thử nghiệm' }),
      201,
    );
    expect(await dueOfNewReport()).toBe(vn('2028-06-07T10:00:00'));

    await ok(
      await send('POST', '/holidays', admin, { date: '2028-06-07', name: 'Nghỉ thử nghiệm 2' }),
      201,
    );
    expect(await dueOfNewReport()).toBe(vn('2028-06-08T10:00:00'));

    await ok(await send('DELETE', '/holidays/2028-06-06', admin));
    await ok(await send('DELETE', '/holidays/2028-06-07', admin));
    expect(await dueOfNewReport()).toBe(vn('2028-06-06T10:00:00'));
  });
});
