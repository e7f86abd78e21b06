import {
  type ADMIN_KINDS,
  adminUnits,
  agencies,
  auditLog,
  type CLUSTER_ALERT_STATUSES,
  clusterAlertReports,
  clusterAlerts,
  clusterRules,
  officials,
  reportCategories,
  reports,
  type WARNING_DRAFT_STATUSES,
} from '@tinh/db/schema';
import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { alias } from 'drizzle-orm/sqlite-core';
import type { AuditEntryInput } from '../../audit/log';
import { auditIfChanged } from '../../management/repo';
import { noticeStatements } from '../../notifications/notify';
import type { Db } from '../../platform/db';
import type { AlertPlan, ClusterPoint, OpenAlert } from './detect';
import type { RuleChange } from './schemas';
import type { WarningDraft } from './warning-draft';

// Database access of the early warnings: what the cron job reads and writes (two read round
// trips, a third for the reports' words only when something changes, one write batch), and
// the IOC's and administrators' reads and writes. Every write is one batch with its audit
// entry.

/** Reports read per category and run, newest first: bounds a run's memory and CPU. */
export const WINDOW_LIMIT = 2000;

/** Audit action of an IOC edit of a warning's text: from then on the job leaves the text alone. */
export const WARNING_EDIT_ACTION = 'cluster_alert.warning_edit';

// ---- the job: reads -------------------------------------------------------------------------

export interface ActiveRule {
  categoryId: string;
  categoryName: string;
  minReports: number;
  radiusMetres: number;
  windowHours: number;
}

export interface CommuneName {
  id: string;
  name: string;
  kind: (typeof ADMIN_KINDS)[number];
}

interface OpenAlertRow {
  alertId: number;
  categoryId: string;
  centroidLat: number;
  centroidLng: number;
  spreadMetres: number;
  reportCount: number;
  id: number;
  lat: number;
  lng: number;
  createdAt: string;
  communeId: string | null;
}

/**
 * Round trip 1: the enabled rules (of `categoryIds` when given), the communes' names, and
 * every report of every open alert (their centroid and spread are recomputed over all of
 * them when an alert grows, also over reports older than the rule's window).
 */
export async function loadSetup(db: Db, categoryIds?: readonly string[]) {
  const [rules, communes, members] = await db.batch([
    db
      .select({
        categoryId: clusterRules.categoryId,
        categoryName: reportCategories.name,
        minReports: clusterRules.minReports,
        radiusMetres: clusterRules.radiusMetres,
        windowHours: clusterRules.windowHours,
      })
      .from(clusterRules)
      .innerJoin(reportCategories, eq(reportCategories.id, clusterRules.categoryId))
      .where(
        and(
          eq(clusterRules.enabled, true),
          categoryIds ? inArray(clusterRules.categoryId, [...categoryIds]) : undefined,
        ),
      )
      .orderBy(asc(clusterRules.categoryId)),
    db
      .select({ id: adminUnits.id, name: adminUnits.name, kind: adminUnits.kind })
      .from(adminUnits)
      .where(eq(adminUnits.level, 'commune')),
    db.all<OpenAlertRow>(sql`
      select a.id as "alertId", a.category_id as "categoryId", a.centroid_lat as "centroidLat",
             a.centroid_lng as "centroidLng", a.spread_metres as "spreadMetres",
             a.report_count as "reportCount", r.id as id, r.lat as lat, r.lng as lng,
             r.created_at as "createdAt", r.commune_id as "communeId"
      from ${clusterAlerts} a
      join ${clusterAlertReports} l on l.alert_id = a.id
      join ${reports} r on r.id = l.report_id
      where a.status = 'open'
      order by a.id, r.id`),
  ]);
  const alerts = new Map<string, Map<number, OpenAlert>>();
  for (const row of members) {
    let ofCategory = alerts.get(row.categoryId);
    if (!ofCategory) {
      ofCategory = new Map();
      alerts.set(row.categoryId, ofCategory);
    }
    let alert = ofCategory.get(row.alertId);
    if (!alert) {
      alert = {
        id: row.alertId,
        centroid: { lat: row.centroidLat, lng: row.centroidLng },
        spreadMetres: row.spreadMetres,
        reportCount: row.reportCount,
        members: [],
      };
      ofCategory.set(row.alertId, alert);
    }
    alert.members.push({
      id: row.id,
      lat: row.lat,
      lng: row.lng,
      createdAt: row.createdAt,
      communeId: row.communeId,
    });
  }
  return {
    rules: rules as ActiveRule[],
    communes: new Map<string, CommuneName>(communes.map((c) => [c.id, c])),
    openAlerts: (categoryId: string) => [...(alerts.get(categoryId)?.values() ?? [])],
  };
}

/**
 * Round trip 2: each rule's window. Reports of the category created since `now − T`, not
 * hidden, not rejected (a duplicate counts: many reports of one flood are the signal), and
 * not in a closed alert. `+r.category_id` keeps SQLite on reports_created_idx (hidden,
 * created_at), which reads the window only, instead of every report the category ever had.
 */
export async function loadWindows(
  db: Db,
  rules: readonly ActiveRule[],
  now: Date,
): Promise<{ points: ClusterPoint[]; truncated: boolean }[]> {
  if (rules.length === 0) return [];
  const statements = rules.map((rule) => {
    const since = new Date(now.getTime() - rule.windowHours * 3_600_000).toISOString();
    return db.all<ClusterPoint>(sql`
      select r.id as id, r.lat as lat, r.lng as lng, r.created_at as "createdAt",
             r.commune_id as "communeId", l.alert_id as "alertId"
      from ${reports} r
      left join ${clusterAlertReports} l on l.report_id = r.id
      left join ${clusterAlerts} a on a.id = l.alert_id
      where r.hidden = 0 and r.created_at >= ${since} and +r.category_id = ${rule.categoryId}
        and r.status <> 'rejected' and (a.id is null or a.status = 'open')
      order by r.created_at desc
      limit ${WINDOW_LIMIT + 1}`);
  });
  const [first, ...rest] = statements;
  const results = await db.batch([first as (typeof statements)[number], ...rest]);
  return results.map((rows) => ({
    points: rows.slice(0, WINDOW_LIMIT),
    truncated: rows.length > WINDOW_LIMIT,
  }));
}

/** Round trip 3 (only when a run writes): the descriptions the drafts are written from. */
export async function loadDescriptions(
  db: Db,
  ids: readonly number[],
): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.all<{ id: number; description: string }>(sql`
    select r.id as id, substr(r.description, 1, 500) as description
    from json_each(${JSON.stringify(ids)}) j
    join ${reports} r on r.id = j.value`);
  return new Map(rows.map((r) => [r.id, r.description]));
}

// ---- the job: writes ------------------------------------------------------------------------

/** The alert a batch has just inserted: batches are transactions, nobody inserts in between. */
const NEW_ALERT_ID = sql`(select max(id) from ${clusterAlerts})`;

export interface PlannedWrite {
  categoryId: string;
  categoryName: string;
  plan: AlertPlan;
  draft: WarningDraft;
  /** Full name of the alert's commune, for the IOC's notification. */
  place: string | null;
}

/**
 * The statements of one plan. A new alert: the alert, its reports (the unique report_id
 * makes a concurrent run that took one of them fail the whole batch, which the job reads
 * again), a system audit entry, the IOC's in-app notice (keyed by the category and the
 * cluster's first report, which belongs to this alert only). A grown alert: its new reports
 * and figures, guarded by its status and report count as read (closed or grown meanwhile:
 * nothing is written and the next run looks again); the draft is rewritten only while it is
 * a draft the IOC has not edited.
 */
export function planStatements(db: Db, w: PlannedWrite, now: string): BatchItem<'sqlite'>[] {
  const { plan, draft } = w;
  const s = plan.summary;
  const figures = {
    centroidLat: s.centroid.lat,
    centroidLng: s.centroid.lng,
    spreadMetres: s.spreadMetres,
    communeId: s.communeId,
    reportCount: s.reportCount,
    firstReportAt: s.firstReportAt,
    lastReportAt: s.lastReportAt,
  };
  if (plan.kind === 'open') {
    const ids = plan.reports.map((p) => p.id);
    const firstId = Math.min(...ids);
    return [
      db.insert(clusterAlerts).values({
        categoryId: w.categoryId,
        status: 'open',
        ...figures,
        warningTitle: draft.title,
        warningBody: draft.body,
        warningStatus: 'draft',
        createdAt: now,
        updatedAt: now,
      }),
      db.run(sql`
        insert into ${clusterAlertReports} (alert_id, report_id, created_at)
        select ${NEW_ALERT_ID}, j.value, ${now} from json_each(${JSON.stringify(ids)}) j`),
      db.run(sql`
        insert into ${auditLog} (at, actor_kind, action, entity_type, entity_id, to_value, note)
        values (${now}, 'system', 'cluster_alert.open', 'cluster_alert', cast(${NEW_ALERT_ID} as text),
          ${JSON.stringify({ categoryId: w.categoryId, reportCount: s.reportCount, reportIds: ids })},
          ${draft.title})`),
      ...noticeStatements(
        db,
        [
          {
            to: 'officials',
            key: `cluster-alert:${w.categoryId}:${firstId}`,
            reportId: null,
            code: null,
            agencyId: null,
            roles: ['ioc_operator'],
            kind: 'cluster.alert',
            title: `Cảnh báo sớm: ${s.reportCount} phản ánh ${w.categoryName.toLowerCase()} gần nhau`,
            body: `${s.reportCount} phản ánh lĩnh vực ${w.categoryName} ${w.place ? `quanh ${w.place} ` : ''}trong thời gian ngắn. Xem bản đồ và bản nháp cảnh báo trong mục Cảnh báo sớm.`,
          },
        ],
        now,
      ),
    ];
  }
  const { alert, added } = plan;
  const ids = added.map((p) => p.id);
  const guard = and(
    eq(clusterAlerts.id, alert.id),
    eq(clusterAlerts.status, 'open'),
    eq(clusterAlerts.reportCount, alert.reportCount),
  ) as SQL;
  const untouchedDraft = sql`${clusterAlerts.warningStatus} = 'draft' and not exists (
    select 1 from ${auditLog} e where e.entity_type = 'cluster_alert'
      and e.entity_id = ${String(alert.id)} and e.action = ${WARNING_EDIT_ACTION})`;
  return [
    // Before the update: the guard still sees the count as read.
    db.run(sql`
      insert into ${clusterAlertReports} (alert_id, report_id, created_at)
      select ${alert.id}, j.value, ${now} from json_each(${JSON.stringify(ids)}) j
      where exists (select 1 from ${clusterAlerts} where ${guard})`),
    db
      .update(clusterAlerts)
      .set({
        ...figures,
        warningTitle: sql`case when ${untouchedDraft} then ${draft.title} else ${clusterAlerts.warningTitle} end`,
        warningBody: sql`case when ${untouchedDraft} then ${draft.body} else ${clusterAlerts.warningBody} end`,
        updatedAt: now,
      })
      .where(guard),
    auditIfChanged(db, {
      at: now,
      actor: { kind: 'system' },
      action: 'cluster_alert.grow',
      entityType: 'cluster_alert',
      entityId: String(alert.id),
      from: JSON.stringify({ reportCount: alert.reportCount }),
      to: JSON.stringify({ reportCount: s.reportCount, addedReportIds: ids }),
    }),
  ];
}

// ---- the IOC: alerts ------------------------------------------------------------------------

type AlertStatus = (typeof CLUSTER_ALERT_STATUSES)[number];
type WarningStatus = (typeof WARNING_DRAFT_STATUSES)[number];

const closer = alias(officials, 'closer');

const alertColumns = {
  id: clusterAlerts.id,
  categoryId: clusterAlerts.categoryId,
  categoryName: reportCategories.name,
  status: clusterAlerts.status,
  centroidLat: clusterAlerts.centroidLat,
  centroidLng: clusterAlerts.centroidLng,
  spreadMetres: clusterAlerts.spreadMetres,
  communeId: clusterAlerts.communeId,
  communeName: adminUnits.name,
  communeKind: adminUnits.kind,
  reportCount: clusterAlerts.reportCount,
  firstReportAt: clusterAlerts.firstReportAt,
  lastReportAt: clusterAlerts.lastReportAt,
  warningTitle: clusterAlerts.warningTitle,
  warningStatus: clusterAlerts.warningStatus,
  createdAt: clusterAlerts.createdAt,
  updatedAt: clusterAlerts.updatedAt,
  closedAt: clusterAlerts.closedAt,
};

function selectAlerts(db: Db) {
  return db
    .select(alertColumns)
    .from(clusterAlerts)
    .innerJoin(reportCategories, eq(reportCategories.id, clusterAlerts.categoryId))
    .leftJoin(adminUnits, eq(adminUnits.id, clusterAlerts.communeId));
}

export type AlertRow = Awaited<ReturnType<typeof selectAlerts>>[number];

/** One page of alerts, newest first, and how many match: one round trip. */
export async function listAlerts(
  db: Db,
  f: { status?: AlertStatus | undefined; categoryId?: string | undefined },
  page: { page: number; limit: number },
) {
  const where = and(
    f.status ? eq(clusterAlerts.status, f.status) : undefined,
    f.categoryId ? eq(clusterAlerts.categoryId, f.categoryId) : undefined,
  );
  const [rows, total] = await db.batch([
    selectAlerts(db)
      .where(where)
      .orderBy(desc(clusterAlerts.id))
      .limit(page.limit)
      .offset((page.page - 1) * page.limit),
    db.select({ n: count() }).from(clusterAlerts).where(where),
  ]);
  return { rows, total: total[0]?.n ?? 0 };
}

export interface AlertReportRow {
  code: string;
  status: (typeof reports.$inferSelect)['status'];
  description: string;
  address: string | null;
  communeId: string | null;
  communeName: string | null;
  communeKind: string | null;
  agencyId: string | null;
  agencyName: string | null;
  lat: number;
  lng: number;
  supporterCount: number;
  hidden: boolean;
  createdAt: string;
}

/** Reports shown on one alert's page at most (the figures count them all). */
export const ALERT_REPORTS_MAX = 1000;

/** An alert with its body, who closed it, its category's rule and its reports: one round trip. */
export async function loadAlert(db: Db, id: number) {
  const reportCommune = alias(adminUnits, 'report_commune');
  const [alert, extra, rule, rows, edits] = await db.batch([
    selectAlerts(db).where(eq(clusterAlerts.id, id)).limit(1),
    db
      .select({
        warningBody: clusterAlerts.warningBody,
        closedById: clusterAlerts.closedBy,
        closedByName: closer.fullName,
      })
      .from(clusterAlerts)
      .leftJoin(closer, eq(closer.id, clusterAlerts.closedBy))
      .where(eq(clusterAlerts.id, id))
      .limit(1),
    selectRules(db)
      .where(
        eq(
          clusterRules.categoryId,
          sql`(select ${clusterAlerts.categoryId} from ${clusterAlerts} where ${clusterAlerts.id} = ${id})`,
        ),
      )
      .limit(1),
    db
      .select({
        code: reports.code,
        status: reports.status,
        description: reports.description,
        address: reports.address,
        communeId: reports.communeId,
        communeName: reportCommune.name,
        communeKind: reportCommune.kind,
        agencyId: reports.agencyId,
        agencyName: agencies.name,
        lat: reports.lat,
        lng: reports.lng,
        supporterCount: reports.supporterCount,
        hidden: reports.hidden,
        createdAt: reports.createdAt,
      })
      .from(clusterAlertReports)
      .innerJoin(reports, eq(reports.id, clusterAlertReports.reportId))
      .leftJoin(reportCommune, eq(reportCommune.id, reports.communeId))
      .leftJoin(agencies, eq(agencies.id, reports.agencyId))
      .where(eq(clusterAlertReports.alertId, id))
      .orderBy(asc(reports.createdAt), asc(reports.id))
      .limit(ALERT_REPORTS_MAX),
    db
      .select({ n: count() })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entityType, 'cluster_alert'),
          eq(auditLog.entityId, String(id)),
          eq(auditLog.action, WARNING_EDIT_ACTION),
        ),
      ),
  ]);
  const row = alert[0];
  const more = extra[0];
  if (!row || !more) return undefined;
  return {
    alert: row,
    warningBody: more.warningBody,
    closedBy:
      more.closedById === null
        ? null
        : { id: more.closedById, name: more.closedByName ?? more.closedById },
    rule: rule[0],
    reports: rows as AlertReportRow[],
    editedByIoc: (edits[0]?.n ?? 0) > 0,
  };
}

/** The state a PATCH or close is checked against. */
export async function alertState(db: Db, id: number) {
  const [row] = await db
    .select({
      status: clusterAlerts.status,
      warningTitle: clusterAlerts.warningTitle,
      warningBody: clusterAlerts.warningBody,
      warningStatus: clusterAlerts.warningStatus,
    })
    .from(clusterAlerts)
    .where(eq(clusterAlerts.id, id))
    .limit(1);
  return row;
}

/**
 * Sets the warning if the alert is still open and its warning status is still `before`
 * (a concurrent change answers false), with its audit entry.
 */
export async function updateWarning(
  db: Db,
  q: {
    id: number;
    beforeStatus: WarningStatus;
    set: { warningTitle: string; warningBody: string; warningStatus: WarningStatus };
    now: string;
    audit: AuditEntryInput;
  },
): Promise<boolean> {
  const [updated] = await db.batch([
    db
      .update(clusterAlerts)
      .set({ ...q.set, updatedAt: q.now })
      .where(
        and(
          eq(clusterAlerts.id, q.id),
          eq(clusterAlerts.status, 'open'),
          eq(clusterAlerts.warningStatus, q.beforeStatus),
        ),
      )
      .returning({ id: clusterAlerts.id }),
    auditIfChanged(db, q.audit),
  ]);
  return updated.length > 0;
}

/** Closes an open alert with its audit entry; false when it was no longer open. */
export async function closeAlert(
  db: Db,
  q: { id: number; officialId: string; now: string; audit: AuditEntryInput },
): Promise<boolean> {
  const [updated] = await db.batch([
    db
      .update(clusterAlerts)
      .set({ status: 'closed', closedAt: q.now, closedBy: q.officialId, updatedAt: q.now })
      .where(and(eq(clusterAlerts.id, q.id), eq(clusterAlerts.status, 'open')))
      .returning({ id: clusterAlerts.id }),
    auditIfChanged(db, q.audit),
  ]);
  return updated.length > 0;
}

// ---- administrators: rules ----------------------------------------------------------------

const editor = alias(officials, 'rule_editor');

function selectRules(db: Db) {
  return db
    .select({
      categoryId: clusterRules.categoryId,
      categoryName: reportCategories.name,
      minReports: clusterRules.minReports,
      radiusMetres: clusterRules.radiusMetres,
      windowHours: clusterRules.windowHours,
      enabled: clusterRules.enabled,
      updatedAt: clusterRules.updatedAt,
      updatedById: clusterRules.updatedBy,
      updatedByName: editor.fullName,
    })
    .from(clusterRules)
    .innerJoin(reportCategories, eq(reportCategories.id, clusterRules.categoryId))
    .leftJoin(editor, eq(editor.id, clusterRules.updatedBy));
}

export type RuleRow = Awaited<ReturnType<typeof selectRules>>[number];

/** Every category's rule (the seed gives each category one), in the categories' order. */
export function listRules(db: Db) {
  return selectRules(db).orderBy(asc(reportCategories.sortOrder), asc(reportCategories.id));
}

/** The rules and the categories that exist among `ids`: one round trip. */
export async function loadRulesFor(db: Db, ids: readonly string[]) {
  const [rules, categories] = await db.batch([
    listRules(db),
    db
      .select({ id: reportCategories.id })
      .from(reportCategories)
      .where(inArray(reportCategories.id, [...ids])),
  ]);
  return { rules, known: new Set(categories.map((c) => c.id)) };
}

type RuleValues = Omit<RuleChange, 'categoryId'>;

/**
 * Writes changed rules, each guarded by its values as read (a rule changed meanwhile by
 * another administrator is left alone and reported), each with its audit entry; answers the
 * categories whose rule did not change as asked, and the rules afterwards.
 */
export async function saveRules(
  db: Db,
  changes: readonly { categoryId: string; before: RuleValues | null; after: RuleValues }[],
  by: { officialId: string; now: string; audit: (c: (typeof changes)[number]) => AuditEntryInput },
) {
  const statements: BatchItem<'sqlite'>[] = [];
  for (const c of changes) {
    const values = { ...c.after, updatedAt: by.now, updatedBy: by.officialId };
    statements.push(
      c.before === null
        ? db
            .insert(clusterRules)
            .values({ categoryId: c.categoryId, ...values })
            .onConflictDoNothing()
        : db
            .update(clusterRules)
            .set(values)
            .where(
              and(
                eq(clusterRules.categoryId, c.categoryId),
                eq(clusterRules.minReports, c.before.minReports),
                eq(clusterRules.radiusMetres, c.before.radiusMetres),
                eq(clusterRules.windowHours, c.before.windowHours),
                eq(clusterRules.enabled, c.before.enabled),
              ),
            ),
      auditIfChanged(db, by.audit(c)),
    );
  }
  const [first, ...rest] = [...statements, listRules(db)];
  const results = await db.batch([first as BatchItem<'sqlite'>, ...rest]);
  const after = results.at(-1) as RuleRow[];
  const byId = new Map(after.map((r) => [r.categoryId, r]));
  const conflicts = changes
    .filter((c) => {
      const now = byId.get(c.categoryId);
      return (
        !now ||
        now.minReports !== c.after.minReports ||
        now.radiusMetres !== c.after.radiusMetres ||
        now.windowHours !== c.after.windowHours ||
        now.enabled !== c.after.enabled
      );
    })
    .map((c) => c.categoryId);
  return { rules: after, conflicts };
}
