import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import {
  auditLog,
  clusterAlertReports,
  clusterAlerts,
  clusterRules,
  cronRuns,
  notifications,
  reports,
} from '@tinh/db/schema';
import { and, asc, eq, inArray, like, ne } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { CRON_JOBS, dispatchScheduled, EVERY_5_MINUTES } from '../src/cron';
import { detectClusters } from '../src/intake/clusters/job';
import type { AlertDetail, AlertSummary, Rule } from '../src/intake/clusters/schemas';
import { call } from './helpers';
import { signedInOfficial } from './support/officials';
import { db, newPhone, submitOk } from './support/reports';
import { errorOf, ok, type Who } from './support/work';

// Early-warning clusters against the real database and the real citizen route. Other test
// files share the database: this file first turns every rule off except agriculture's (no
// other file sends agriculture reports), so the job only ever looks at this file's reports;
// each test works in its own corner of the province, kilometres from the others.

const CATEGORY = 'nong_nghiep';
/** The rule this file works with: 4 reports within 300 m during 48 hours. */
const RULE = { minReports: 4, radiusMetres: 300, windowHours: 48 };

const M_LAT = 1 / 111_320;
const M_LNG = 1 / (111_320 * Math.cos((9.7 * Math.PI) / 180));
const at = (base: { lat: number; lng: number }, north: number, east: number) => ({
  lat: base.lat + north * M_LAT,
  lng: base.lng + east * M_LNG,
});

const SALTY = [
  'Nước kênh bị nhiễm mặn, lúa vàng lá hết rồi',
  'xam nhap man vao ruong, do man cao qua khong dam bom nuoc',
  'Độ mặn trên kênh tăng, vườn cây ăn trái bị héo',
  'Nuoc man tran vao kenh noi dong, bà con lo lắng',
  'Nhiễm mặn nặng, nước ngọt không còn để tưới',
  'Ruộng lúa bị xâm nhập mặn từ tối qua',
];

let ioc: Who & { official: { id: string } };
let admin: Who;
let leader: Who;
let handler: Who;

async function send(
  base: { lat: number; lng: number },
  north: number,
  east: number,
  i = 0,
  categoryId = CATEGORY,
) {
  const sent = await submitOk(newPhone(), {
    categoryId,
    description: SALTY[i % SALTY.length],
    location: { source: 'pin', ...at(base, north, east) },
  });
  const [row] = await db()
    .select({ id: reports.id })
    .from(reports)
    .where(eq(reports.code, sent.code));
  if (!row) throw new Error('report vanished');
  return { id: row.id, code: sent.code };
}

type Sent = Awaited<ReturnType<typeof send>>;

const detect = () => detectClusters(db(), new Date(), { categoryIds: [CATEGORY] });

/** The alert (id) each report belongs to. */
async function alertsOf(ids: number[]) {
  const rows = await db()
    .select({ reportId: clusterAlertReports.reportId, alertId: clusterAlertReports.alertId })
    .from(clusterAlertReports)
    .where(inArray(clusterAlertReports.reportId, ids));
  return new Map(rows.map((r) => [r.reportId, r.alertId]));
}

async function alertRow(id: number) {
  const [row] = await db().select().from(clusterAlerts).where(eq(clusterAlerts.id, id));
  if (!row) throw new Error(`alert ${id} missing`);
  return row;
}

async function auditOf(id: number) {
  return db()
    .select({ action: auditLog.action, actorKind: auditLog.actorKind, actorId: auditLog.actorId })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'cluster_alert'), eq(auditLog.entityId, String(id))))
    .orderBy(asc(auditLog.id));
}

async function iocNotices() {
  return db()
    .select({ kind: notifications.kind, title: notifications.title, key: notifications.dedupeKey })
    .from(notifications)
    .where(
      and(
        eq(notifications.recipientType, 'official'),
        eq(notifications.recipientId, ioc.official.id),
        eq(notifications.kind, 'cluster.alert'),
      ),
    );
}

/** Everything the job writes, to compare before and after a run. */
async function snapshot() {
  const [alerts, links, audits, notes] = await Promise.all([
    db().select().from(clusterAlerts).orderBy(asc(clusterAlerts.id)),
    db().select().from(clusterAlertReports),
    db().select({ id: auditLog.id }).from(auditLog).where(like(auditLog.action, 'cluster_alert.%')),
    db()
      .select({ id: notifications.id })
      .from(notifications)
      .where(eq(notifications.kind, 'cluster.alert')),
  ]);
  return { alerts, links: links.length, audits: audits.length, notes: notes.length };
}

function get(who: Who | null, path: string) {
  return call(path, { headers: who?.headers ?? {} });
}

function send2(who: Who | null, method: string, path: string, body: unknown) {
  return call(path, {
    method,
    headers: { 'Content-Type': 'application/json', ...(who?.headers ?? {}) },
    body: JSON.stringify(body),
  });
}

/** An alert of this file's own, from `n` salty reports around `base`. */
async function alertAt(base: { lat: number; lng: number }, n = RULE.minReports) {
  const sent: Sent[] = [];
  for (let i = 0; i < n; i++) sent.push(await send(base, i * 40, i * 20, i));
  await detect();
  const alertId = (await alertsOf(sent.map((s) => s.id))).get(sent[0]?.id ?? 0);
  if (!alertId) throw new Error('no alert raised');
  return { alertId, sent };
}

beforeAll(async () => {
  const [i, a, l, h] = await Promise.all([
    signedInOfficial({ roles: ['ioc_operator'] }),
    signedInOfficial({ roles: ['admin'] }),
    signedInOfficial({ roles: ['province_leader'] }),
    signedInOfficial({ roles: ['agency_handler'], agencyId: 'so_nong_nghiep_moi_truong' }),
  ]);
  ioc = i;
  admin = a;
  leader = l;
  handler = h;
  await db()
    .update(clusterRules)
    .set({ enabled: false })
    .where(ne(clusterRules.categoryId, CATEGORY));
  await db()
    .update(clusterRules)
    .set({ ...RULE, enabled: true })
    .where(eq(clusterRules.categoryId, CATEGORY));
});

describe('the cluster job', () => {
  it('opens one alert for N reports near each other, with a draft warning and the IOC told', async () => {
    const base = { lat: 9.6, lng: 105.3 };
    const sent: Sent[] = [];
    for (let i = 0; i < RULE.minReports - 1; i++) sent.push(await send(base, i * 50, 0, i));
    await detect();
    expect((await alertsOf(sent.map((s) => s.id))).size).toBe(0);

    sent.push(await send(base, 0, 120, 3));
    const result = await detect();
    expect(result.opened).toBeGreaterThanOrEqual(1);
    const links = await alertsOf(sent.map((s) => s.id));
    const ids = new Set(links.values());
    expect(links.size).toBe(4);
    expect(ids.size).toBe(1);
    const alertId = [...ids][0] as number;
    const row = await alertRow(alertId);
    expect(row).toMatchObject({
      categoryId: CATEGORY,
      status: 'open',
      reportCount: 4,
      warningStatus: 'draft',
    });
    expect(row.spreadMetres).toBeGreaterThan(0);
    expect(row.spreadMetres).toBeLessThan(300);
    expect(row.warningTitle).toMatch(/^Cảnh báo xâm nhập mặn tại /);
    expect(row.warningBody).toContain('4 phản ánh của người dân về xâm nhập mặn');

    const notices = await iocNotices();
    expect(
      notices.filter((n) => n.key.startsWith(`cluster-alert:${CATEGORY}:${sent[0]?.id}:`)),
    ).toHaveLength(1);
    expect(await auditOf(alertId)).toEqual([
      { action: 'cluster_alert.open', actorKind: 'system', actorId: null },
    ]);

    // The IOC reads it in the list and on its page, with the reports' exact points.
    const page = await ok<{ items: AlertSummary[]; total: number }>(
      await get(ioc, `/api/v1/work/alerts?status=open&categoryId=${CATEGORY}&limit=100`),
    );
    expect(page.items.find((a) => a.id === alertId)).toMatchObject({
      category: { id: CATEGORY },
      reportCount: 4,
      warning: { status: 'draft' },
    });
    const detail = await ok<AlertDetail>(await get(ioc, `/api/v1/work/alerts/${alertId}`));
    expect(detail.reports.map((r) => r.code)).toEqual(sent.map((s) => s.code));
    expect(detail.reports[0]?.location.lat).toBeCloseTo(base.lat, 5);
    expect(detail.rule).toMatchObject({ categoryId: CATEGORY, ...RULE, enabled: true });
    expect(detail).toMatchObject({ canManage: true, warning: { editedByIoc: false } });
  });

  it('raises nothing new when run again with nothing new', async () => {
    await alertAt({ lat: 9.6, lng: 105.4 });
    const before = await snapshot();
    const again = await detect();
    expect(again).toMatchObject({ opened: 0, grown: 0, added: 0 });
    await detect();
    expect(await snapshot()).toEqual(before);
  });

  it('grows the same alert as the cluster grows, and refreshes its draft', async () => {
    const base = { lat: 9.6, lng: 105.5 };
    const { alertId, sent } = await alertAt(base);
    const first = await alertRow(alertId);
    const noticesBefore = (await iocNotices()).length;

    const more = [await send(base, 20, -30, 4), await send(base, 200, 60, 5)];
    const result = await detect();
    expect(result).toMatchObject({ opened: 0, grown: 1, added: 2 });
    const links = await alertsOf([...sent, ...more].map((s) => s.id));
    expect(new Set(links.values())).toEqual(new Set([alertId]));
    const grown = await alertRow(alertId);
    expect(grown.reportCount).toBe(6);
    expect(grown.lastReportAt > first.lastReportAt).toBe(true);
    expect(grown.firstReportAt).toBe(first.firstReportAt);
    expect(grown.spreadMetres).toBeGreaterThan(first.spreadMetres);
    expect(grown.warningBody).toContain('6 phản ánh');
    expect((await iocNotices()).length).toBe(noticesBefore);
    expect((await auditOf(alertId)).map((a) => a.action)).toEqual([
      'cluster_alert.open',
      'cluster_alert.grow',
    ]);
    // Nothing new again: the alert stays as it is.
    await detect();
    expect(await alertRow(alertId)).toEqual(grown);
  });

  it("keeps the IOC's own words once it has edited the draft", async () => {
    const base = { lat: 9.7, lng: 105.3 };
    const { alertId } = await alertAt(base);
    const mine = {
      warningTitle: 'Cảnh báo xâm nhập mặn khu vực kênh xáng',
      warningBody: 'Độ mặn trên kênh xáng vượt ngưỡng, bà con tạm ngưng lấy nước tưới.',
    };
    const edited = await ok<AlertDetail>(
      await send2(ioc, 'PATCH', `/api/v1/work/alerts/${alertId}`, mine),
    );
    expect(edited.warning).toMatchObject({
      title: mine.warningTitle,
      body: mine.warningBody,
      status: 'draft',
      editedByIoc: true,
    });
    await send(base, 30, 30, 1);
    expect(await detect()).toMatchObject({ grown: 1 });
    const row = await alertRow(alertId);
    expect(row.reportCount).toBe(5);
    expect(row).toMatchObject(mine);
  });

  it('leaves out far, old, hidden and rejected reports, and counts duplicates', async () => {
    const base = { lat: 9.7, lng: 105.4 };
    const good = [
      await send(base, 0, 0, 0),
      await send(base, 50, 0, 1),
      await send(base, 0, 50, 2),
    ];
    const far = await send(base, 0, 800, 3);
    const old = await send(base, 10, 10, 4);
    const hidden = await send(base, 20, 20, 5);
    const rejected = await send(base, 30, 0, 0);
    const otherCategory = await send(base, 0, 30, 1, 'giao_duc');
    await db()
      .update(reports)
      .set({ createdAt: new Date(Date.now() - (RULE.windowHours + 1) * 3_600_000).toISOString() })
      .where(eq(reports.id, old.id));
    await db().update(reports).set({ hidden: true }).where(eq(reports.id, hidden.id));
    await db().update(reports).set({ status: 'rejected' }).where(eq(reports.id, rejected.id));
    await db()
      .update(reports)
      .set({ status: 'duplicate' })
      .where(eq(reports.id, good[1]?.id ?? 0));
    const all = [...good, far, old, hidden, rejected, otherCategory];
    await detect();
    expect((await alertsOf(all.map((s) => s.id))).size).toBe(0);

    const fourth = await send(base, 40, 40, 2);
    await detect();
    const links = await alertsOf([...all, fourth].map((s) => s.id));
    expect([...links.keys()].sort((a, b) => a - b)).toEqual(
      [...good, fourth].map((s) => s.id).sort((a, b) => a - b),
    );
  });

  it("does not raise a closed alert's cluster again; new reports alone must make one", async () => {
    const base = { lat: 9.7, lng: 105.5 };
    const { alertId } = await alertAt(base);
    await ok(
      await send2(ioc, 'POST', `/api/v1/work/alerts/${alertId}/close`, { note: 'Đã xử lý' }),
    );
    const one = await send(base, 10, 0, 1);
    await detect();
    expect((await alertsOf([one.id])).size).toBe(0);

    const others = [
      await send(base, 20, 0, 2),
      await send(base, 30, 0, 3),
      await send(base, 40, 0, 4),
    ];
    await detect();
    const links = await alertsOf([one, ...others].map((s) => s.id));
    const fresh = new Set(links.values());
    expect(links.size).toBe(4);
    expect(fresh.size).toBe(1);
    expect(fresh.has(alertId)).toBe(false);
    expect((await alertRow(alertId)).status).toBe('closed');
  });

  it('runs from the cron dispatcher and records its run', async () => {
    expect(CRON_JOBS[EVERY_5_MINUTES]?.map((j) => j.name)).toContain('cluster-detection');
    const job = CRON_JOBS[EVERY_5_MINUTES]?.find((j) => j.name === 'cluster-detection');
    if (!job) throw new Error('job not registered');
    const base = { lat: 9.8, lng: 105.3 };
    const sent: Sent[] = [];
    for (let i = 0; i < RULE.minReports; i++) sent.push(await send(base, i * 30, 0, i));
    const scheduledTime = Date.UTC(2031, 0, 1, 0, 5);
    const outcomes = await dispatchScheduled(
      createScheduledController({ scheduledTime, cron: EVERY_5_MINUTES }),
      env,
      { [EVERY_5_MINUTES]: [job] },
    );
    expect(outcomes).toEqual([
      { job: 'cluster-detection', status: 'ok', detail: expect.any(String), recorded: true },
    ]);
    expect(JSON.parse(outcomes[0]?.detail ?? '{}')).toMatchObject({ opened: 1, retried: 0 });
    const [run] = await db()
      .select()
      .from(cronRuns)
      .where(
        and(
          eq(cronRuns.job, 'cluster-detection'),
          eq(cronRuns.scheduledAt, new Date(scheduledTime).toISOString()),
        ),
      );
    expect(run?.status).toBe('ok');
    expect(new Set((await alertsOf(sent.map((s) => s.id))).values()).size).toBe(1);
  });
});

describe('alerts API', () => {
  it('lets the IOC approve, edit only drafts, and close once', async () => {
    const { alertId } = await alertAt({ lat: 9.8, lng: 105.4 });
    const path = `/api/v1/work/alerts/${alertId}`;
    const approved = await ok<AlertDetail>(
      await send2(ioc, 'PATCH', path, { warningStatus: 'approved' }),
    );
    expect(approved.warning).toMatchObject({ status: 'approved', editedByIoc: false });

    const refused = await send2(ioc, 'PATCH', path, { warningTitle: 'Tiêu đề mới cho cảnh báo' });
    expect(refused.status).toBe(409);
    expect(await errorOf(refused)).toMatchObject({
      code: 'warning_not_draft',
      message: expect.stringContaining('chuyển về bản nháp'),
    });
    const redrafted = await ok<AlertDetail>(
      await send2(ioc, 'PATCH', path, {
        warningTitle: 'Tiêu đề mới cho cảnh báo',
        warningStatus: 'draft',
      }),
    );
    expect(redrafted.warning).toMatchObject({ title: 'Tiêu đề mới cho cảnh báo', status: 'draft' });

    const empty = await send2(ioc, 'PATCH', path, {});
    expect(empty.status).toBe(400);
    const short = await send2(ioc, 'PATCH', path, { warningBody: 'ngắn' });
    expect(short.status).toBe(400);
    expect(JSON.stringify(await errorOf(short))).toContain('ít nhất 20 ký tự');

    const closed = await ok<AlertDetail>(await send2(ioc, 'POST', `${path}/close`, {}));
    expect(closed).toMatchObject({
      status: 'closed',
      closedBy: { id: ioc.official.id },
      closedAt: expect.any(String),
    });
    const twice = await ok<AlertDetail>(await send2(ioc, 'POST', `${path}/close`, {}));
    expect(twice.closedAt).toBe(closed.closedAt);
    const late = await send2(ioc, 'PATCH', path, { warningStatus: 'discarded' });
    expect(late.status).toBe(409);
    expect((await errorOf(late)).code).toBe('alert_closed');

    expect((await auditOf(alertId)).map((a) => [a.action, a.actorId])).toEqual([
      ['cluster_alert.open', null],
      ['cluster_alert.warning_status', ioc.official.id],
      ['cluster_alert.warning_edit', ioc.official.id],
      ['cluster_alert.close', ioc.official.id],
    ]);
    const list = await ok<{ items: AlertSummary[] }>(
      await get(ioc, `/api/v1/work/alerts?status=closed&limit=100`),
    );
    expect(list.items.some((a) => a.id === alertId)).toBe(true);
  });

  it('lets province leaders read alerts but not change them; others not even read', async () => {
    const { alertId } = await alertAt({ lat: 9.9, lng: 105.6 });
    const path = `/api/v1/work/alerts/${alertId}`;
    const read = await ok<AlertDetail>(await get(leader, path));
    expect(read.canManage).toBe(false);
    const patch = await send2(leader, 'PATCH', path, { warningStatus: 'approved' });
    expect(patch.status).toBe(403);
    expect((await send2(leader, 'POST', `${path}/close`, {})).status).toBe(403);
    expect((await get(handler, '/api/v1/work/alerts')).status).toBe(403);
    expect((await get(admin, path)).status).toBe(403);
    expect((await get(null, '/api/v1/work/alerts')).status).toBe(401);
    expect((await alertRow(alertId)).status).toBe('open');
  });

  it('answers clear errors for unknown and malformed alerts', async () => {
    const missing = await get(ioc, '/api/v1/work/alerts/999999999');
    expect(missing.status).toBe(404);
    expect(await errorOf(missing)).toMatchObject({
      code: 'alert_not_found',
      message: 'Không tìm thấy cảnh báo này.',
    });
    expect((await send2(ioc, 'POST', '/api/v1/work/alerts/999999999/close', {})).status).toBe(404);
    const malformed = await get(ioc, '/api/v1/work/alerts/abc');
    expect(malformed.status).toBe(400);
    expect((await errorOf(malformed)).code).toBe('validation_failed');
    const badStatus = await get(ioc, '/api/v1/work/alerts?status=maybe');
    expect(badStatus.status).toBe(400);
  });
});

describe('cluster rules', () => {
  const path = '/api/v1/admin/cluster-rules';
  const rule = {
    categoryId: 'y_te',
    minReports: 3,
    radiusMetres: 1000,
    windowHours: 48,
    enabled: false,
  };

  it('lists a rule per category for administrators and for the IOC', async () => {
    const list = await ok<{ items: Rule[] }>(await get(admin, path));
    expect(list.items.find((r) => r.categoryId === CATEGORY)).toMatchObject({
      categoryName: 'Nông nghiệp - Thủy lợi',
      ...RULE,
      enabled: true,
    });
    expect(list.items.length).toBeGreaterThanOrEqual(13);
    expect((await get(ioc, path)).status).toBe(200);
    expect((await get(handler, path)).status).toBe(403);
    expect((await get(null, path)).status).toBe(401);
  });

  it('refuses rules out of range, unknown categories and repeated ones, in Vietnamese', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...rule, minReports: 1 }, 'từ 2 đến 1000'],
      [{ ...rule, radiusMetres: 10 }, 'từ 50 đến 20000'],
      [{ ...rule, windowHours: 0 }, 'từ 1 đến 720'],
      [{ ...rule, windowHours: 721 }, 'từ 1 đến 720'],
      [{ ...rule, minReports: 2.5 }, 'số nguyên'],
      [{ ...rule, enabled: 'yes' }, 'true hoặc false'],
    ];
    for (const [bad, message] of cases) {
      const res = await send2(admin, 'PUT', path, { rules: [bad] });
      expect(res.status).toBe(400);
      expect(JSON.stringify(await errorOf(res))).toContain(message);
    }
    const twice = await send2(admin, 'PUT', path, { rules: [rule, rule] });
    expect(twice.status).toBe(400);
    expect(JSON.stringify(await errorOf(twice))).toContain('có hai quy tắc');
    const unknown = await send2(admin, 'PUT', path, {
      rules: [{ ...rule, categoryId: 'khong_co' }],
    });
    expect(unknown.status).toBe(400);
    expect(await errorOf(unknown)).toMatchObject({
      code: 'unknown_category',
      details: { categoryIds: ['khong_co'] },
    });
    expect((await send2(admin, 'PUT', path, { rules: [] })).status).toBe(400);
  });

  it('lets only administrators change rules, audited once per change', async () => {
    expect((await send2(ioc, 'PUT', path, { rules: [rule] })).status).toBe(403);
    expect((await send2(null, 'PUT', path, { rules: [rule] })).status).toBe(401);

    const changed = { ...rule, minReports: 7, radiusMetres: 750, windowHours: 12 };
    const saved = await ok<{ items: Rule[] }>(
      await send2(admin, 'PUT', path, { rules: [changed] }),
    );
    expect(saved.items.find((r) => r.categoryId === 'y_te')).toMatchObject({
      ...changed,
      updatedAt: expect.any(String),
      updatedBy: { id: expect.any(String), name: expect.any(String) },
    });
    await ok(await send2(admin, 'PUT', path, { rules: [changed] }));
    const audit = await db()
      .select({ from: auditLog.fromValue, to: auditLog.toValue })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'cluster_rule'), eq(auditLog.entityId, 'y_te')));
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.to ?? '{}')).toEqual({
      minReports: 7,
      radiusMetres: 750,
      windowHours: 12,
      enabled: false,
    });
  });
});

describe('OpenAPI', () => {
  it('documents the alerts and the rules', async () => {
    const doc = await ok<{
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    }>(await call('/api/v1/openapi.json'));
    expect(Object.keys(doc.paths['/api/v1/work/alerts'] ?? {})).toEqual(['get']);
    expect(Object.keys(doc.paths['/api/v1/work/alerts/{id}'] ?? {}).sort()).toEqual([
      'get',
      'patch',
    ]);
    expect(Object.keys(doc.paths['/api/v1/work/alerts/{id}/close'] ?? {})).toEqual(['post']);
    expect(Object.keys(doc.paths['/api/v1/admin/cluster-rules'] ?? {}).sort()).toEqual([
      'get',
      'put',
    ]);
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['ClusterAlert', 'ClusterAlertPage', 'ClusterRules']),
    );
  });
});
