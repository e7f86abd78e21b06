import type { ADMIN_KINDS, ReportStatus } from '@tinh/db/schema';
import { type SQL, sql } from 'drizzle-orm';
import type { ReportScope } from '../access/permissions';
import type { Db } from '../platform/db';

// Leaders' statistics over the reports received in a period, computed in the database in
// ONE batch (one round trip to libSQL) of four statements:
//   1. counts grouped by (status, category, agency, commune): every breakdown the page shows
//      (by status, by category, by agency, by commune, the totals) is a sum of these groups,
//      so one scan of the period's reports answers all of them;
//   2. the median and 90th percentile of the intake-to-agency time (all reports, and split
//      between those routed on arrival by the smart intake and those routed by the IOC) and
//      of the time to resolve, province-wide, with a window function (one sort);
//   3. the daily series behind the weekly and monthly trends (received per local day of
//      receipt, resolved per local day of resolution), grouped into weeks and months here;
//   4. the names of categories, agencies and communes (small reference tables).
// Reports hidden from public views (spam) are counted too: leaders account for every report.

/** Vietnam keeps UTC+7 all year. */
const VN_OFFSET = '+7 hours';
const OPEN_STATUSES = sql`('received', 'assigned', 'in_progress')`;

export interface LeaderStatsFilter {
  /** The period: reports received in [start, end), UTC ISO instants. */
  start: string;
  end: string;
  /** Now, UTC ISO: what is overdue. */
  now: string;
  agencyId?: string;
  communeId?: string;
  categoryId?: string;
  /** What the official may see (reportScope(principal, 'stats.read' | 'stats.export')). */
  scope: ReportScope;
}

/** Conditions on a report other than its date: the filters and the official's scope. */
export function dimensionWhere(f: Omit<LeaderStatsFilter, 'start' | 'end' | 'now'>): SQL {
  const parts: SQL[] = [];
  if (f.agencyId) parts.push(sql`r.agency_id = ${f.agencyId}`);
  if (f.communeId) parts.push(sql`r.commune_id = ${f.communeId}`);
  if (f.categoryId) parts.push(sql`r.category_id = ${f.categoryId}`);
  if (!f.scope.all) {
    // Several roles widen the scope: the reports of the official's agency OR located in
    // their commune.
    const either: SQL[] = [];
    if (f.scope.agencyId) either.push(sql`r.agency_id = ${f.scope.agencyId}`);
    if (f.scope.communeId) either.push(sql`r.commune_id = ${f.scope.communeId}`);
    parts.push(either.length > 0 ? sql`(${sql.join(either, sql` or `)})` : sql`0`);
  }
  return parts.length > 0 ? sql.join(parts, sql` and `) : sql`1`;
}

/** Reports received in the period within the filters and scope. */
export function periodWhere(f: LeaderStatsFilter): SQL {
  // `hidden in (0, 1)` is always true: it lets SQLite range over reports_created_idx
  // (hidden, created_at) instead of scanning every report.
  return sql`r.hidden in (0, 1) and r.created_at >= ${f.start} and r.created_at < ${f.end} and ${dimensionWhere(f)}`;
}

export interface GroupRow {
  status: ReportStatus;
  categoryId: string;
  agencyId: string | null;
  communeId: string | null;
  received: number;
  overdueOpen: number;
  resolvedWithDue: number;
  resolvedOnTime: number;
  satisfied: number;
  acceptable: number;
  unsatisfied: number;
  /** Reports first assigned, and the sum of their intake-to-agency times (seconds). */
  intakeCount: number;
  intakeSeconds: number;
  /** Of those, the ones routed on arrival by the smart intake (routed_by 'auto'). */
  intakeAutoCount: number;
  intakeAutoSeconds: number;
  /** Reports resolved, and the sum of their times to resolve (seconds). */
  resolveCount: number;
  resolveSeconds: number;
}

/**
 * 'intake': first_assigned_at − created_at; 'intake_auto' / 'intake_manual': the same for the
 * reports routed on arrival / by the IOC (routed_by; reports routed before the smart intake
 * count as manual); 'resolve': resolved_at − created_at.
 */
export type DurationKind = 'intake' | 'intake_auto' | 'intake_manual' | 'resolve';

export interface PercentileRow {
  kind: DurationKind;
  /** This value is the median, the 90th percentile, or both (when the ranks coincide). */
  isMedian: number;
  isP90: number;
  seconds: number;
  count: number;
}

export interface DayRow {
  /** Local (Asia/Ho_Chi_Minh) calendar day, YYYY-MM-DD. */
  day: string;
  received: number;
  resolved: number;
  resolvedOnTime: number;
  resolvedWithDue: number;
}

export interface NameRow {
  kind: 'category' | 'agency' | 'commune';
  id: string;
  name: string;
  sortOrder: number;
  /** Communes: xa, phuong, dac_khu… (for "Phường Vị Thanh"). */
  unitKind: (typeof ADMIN_KINDS)[number] | null;
}

export interface LeaderStatsRows {
  groups: GroupRow[];
  percentiles: PercentileRow[];
  days: DayRow[];
  names: NameRow[];
}

function groupsQuery(f: LeaderStatsFilter): SQL {
  return sql`
    select r.status as status, r.category_id as categoryId, r.agency_id as agencyId,
      r.commune_id as communeId,
      count(*) as received,
      total(r.status in ${OPEN_STATUSES} and r.due_at is not null
        and julianday(r.due_at) < julianday(${f.now})) as overdueOpen,
      total(r.status = 'resolved' and r.due_at is not null) as resolvedWithDue,
      total(r.status = 'resolved' and r.due_at is not null
        and julianday(r.resolved_at) <= julianday(r.due_at)) as resolvedOnTime,
      total(rr.rating = 'satisfied') as satisfied,
      total(rr.rating = 'acceptable') as acceptable,
      total(rr.rating = 'unsatisfied') as unsatisfied,
      total(r.first_assigned_at is not null) as intakeCount,
      total((julianday(r.first_assigned_at) - julianday(r.created_at)) * 86400.0) as intakeSeconds,
      total(r.first_assigned_at is not null and r.routed_by = 'auto') as intakeAutoCount,
      total(case when r.routed_by = 'auto'
        then (julianday(r.first_assigned_at) - julianday(r.created_at)) * 86400.0 end)
        as intakeAutoSeconds,
      total(r.status = 'resolved' and r.resolved_at is not null) as resolveCount,
      total(case when r.status = 'resolved'
        then (julianday(r.resolved_at) - julianday(r.created_at)) * 86400.0 end) as resolveSeconds
    from reports r
    left join report_ratings rr on rr.report_id = r.id and rr.resolved_at = r.resolved_at
    where ${periodWhere(f)}
    group by r.status, r.category_id, r.agency_id, r.commune_id`;
}

/**
 * Nearest-rank percentiles, province-wide (of everything `where` selects, alias r): the p-th
 * percentile of n sorted values is the value at rank ceil(p × n / 100) — for the median of
 * an even count, the lower of the two middle values. Integer arithmetic: ceil(a / b) =
 * (a + b − 1) / b. One sort of the durations (every kind, partitioned); a percentile per
 * agency would be a second full sort, so breakdowns carry averages instead (groupsQuery).
 * `splitIntake` adds the intake kinds by routed_by (each intake duration then sorts twice:
 * once among all, once in its own kind); the public statistics leave it out.
 */
export function percentilesQuery(where: SQL, opts: { splitIntake?: boolean } = {}): SQL {
  const split = opts.splitIntake
    ? sql`
      union all
      select case when r.routed_by = 'auto' then 'intake_auto' else 'intake_manual' end,
        (julianday(r.first_assigned_at) - julianday(r.created_at)) * 86400.0
      from reports r
      where ${where} and r.first_assigned_at is not null`
    : sql``;
  return sql`
    with durations as (
      select 'intake' as kind,
        (julianday(r.first_assigned_at) - julianday(r.created_at)) * 86400.0 as v
      from reports r
      where ${where} and r.first_assigned_at is not null${split}
      union all
      select 'resolve', (julianday(r.resolved_at) - julianday(r.created_at)) * 86400.0
      from reports r
      where ${where} and r.status = 'resolved' and r.resolved_at is not null
    )
    select kind, rn = (n + 1) / 2 as isMedian, rn = (9 * n + 9) / 10 as isP90, v as seconds,
      n as count
    from (
      select kind, v, row_number() over (partition by kind order by v) as rn,
        count(*) over (partition by kind) as n
      from durations)
    where rn = (n + 1) / 2 or rn = (9 * n + 9) / 10`;
}

/**
 * Received per local day of receipt (in the period); resolved per local day of resolution
 * (resolved in the period, whenever received): the trends show the work done each week.
 */
function daysQuery(f: LeaderStatsFilter): SQL {
  return sql`
    select day, total(received) as received, total(resolved) as resolved,
      total(onTime) as resolvedOnTime, total(withDue) as resolvedWithDue
    from (
      select date(r.created_at, ${VN_OFFSET}) as day, 1 as received, 0 as resolved,
        0 as onTime, 0 as withDue
      from reports r where ${periodWhere(f)}
      union all
      select date(r.resolved_at, ${VN_OFFSET}), 0, 1,
        r.due_at is not null and julianday(r.resolved_at) <= julianday(r.due_at),
        r.due_at is not null
      from reports r
      where r.status = 'resolved' and r.resolved_at >= ${f.start} and r.resolved_at < ${f.end}
        and ${dimensionWhere(f)}
    )
    group by day order by day`;
}

const NAMES = sql`
  select 'category' as kind, id, name, sort_order as sortOrder, null as unitKind
    from report_categories
  union all select 'agency', id, name, sort_order, null from agencies
  union all select 'commune', id, name, 0, kind from admin_units where level = 'commune'`;

/** Every figure of the leaders' statistics page, in one round trip. */
export async function leaderStatsRows(db: Db, f: LeaderStatsFilter): Promise<LeaderStatsRows> {
  const [groups, percentiles, days, names] = await db.batch([
    db.all<GroupRow>(groupsQuery(f)),
    db.all<PercentileRow>(percentilesQuery(periodWhere(f), { splitIntake: true })),
    db.all<DayRow>(daysQuery(f)),
    db.all<NameRow>(NAMES),
  ]);
  return {
    groups: groups as GroupRow[],
    percentiles: percentiles as PercentileRow[],
    days: days as DayRow[],
    names: names as NameRow[],
  };
}

/**
 * The figures and the list of reports of an export, in one round trip. The list is empty
 * when the period holds more than `max` reports (the figures say how many).
 */
export async function leaderStatsWithReports(
  db: Db,
  f: LeaderStatsFilter,
  max: number,
): Promise<LeaderStatsRows & { reports: ExportReportRow[] }> {
  const [groups, percentiles, days, names, list] = await db.batch([
    db.all<GroupRow>(groupsQuery(f)),
    db.all<PercentileRow>(percentilesQuery(periodWhere(f), { splitIntake: true })),
    db.all<DayRow>(daysQuery(f)),
    db.all<NameRow>(NAMES),
    db.all<ExportReportRow>(exportReportsQuery(f, max)),
  ]);
  return {
    groups: groups as GroupRow[],
    percentiles: percentiles as PercentileRow[],
    days: days as DayRow[],
    names: names as NameRow[],
    reports: list as ExportReportRow[],
  };
}

/**
 * The CSV export: the list alone (no figures, no sorts beyond the list's own order), with
 * how many reports the period holds, in one round trip.
 */
export async function exportList(
  db: Db,
  f: LeaderStatsFilter,
  max: number,
): Promise<{ count: number; names: NameRow[]; reports: ExportReportRow[] }> {
  const [count, names, list] = await db.batch([
    db.all<{ n: number }>(sql`select count(*) as n from reports r where ${periodWhere(f)}`),
    db.all<NameRow>(NAMES),
    db.all<ExportReportRow>(exportReportsQuery(f, max)),
  ]);
  return {
    count: Number((count as { n: number }[])[0]?.n ?? 0),
    names: names as NameRow[],
    reports: list as ExportReportRow[],
  };
}

// ---- the list of reports (exports) ------------------------------------------------------

export interface ExportReportRow {
  code: string;
  categoryName: string;
  agencyName: string | null;
  communeId: string | null;
  status: ReportStatus;
  createdAt: string;
  dueAt: string | null;
  resolvedAt: string | null;
  firstAssignedAt: string | null;
  rating: 'satisfied' | 'acceptable' | 'unsatisfied' | null;
}

/**
 * The reports of the period, oldest first, with the names they are shown with (the
 * commune's come from the names statement of the same batch) — or none at all when there
 * are more than `max`: a count over the created_at index refuses a too-large export before
 * any row is read or sent. No contact details: report_contacts is never read here.
 */
function exportReportsQuery(f: LeaderStatsFilter, max: number): SQL {
  return sql`
    select r.code as code, c.name as categoryName, a.name as agencyName,
      r.commune_id as communeId, r.status as status,
      r.created_at as createdAt, r.due_at as dueAt, r.resolved_at as resolvedAt,
      r.first_assigned_at as firstAssignedAt, rr.rating as rating
    from reports r
    join report_categories c on c.id = r.category_id
    left join agencies a on a.id = r.agency_id
    left join report_ratings rr on rr.report_id = r.id and rr.resolved_at = r.resolved_at
    where ${periodWhere(f)}
      and (select count(*) from reports r where ${periodWhere(f)}) <= ${max}
    order by r.created_at, r.id
    limit ${max}`;
}
