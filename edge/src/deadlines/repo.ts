import { agencies, reportCategories, reportEvents, reports } from '@tinh/db/schema';
import { and, asc, eq, inArray, isNull, lt, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../platform/db';
import { OPEN_STATUSES } from '../reports/labels';
import { holidaySet, holidaysQuery } from './holidays';

// Database access of the SLA sweep. Each function is one round trip.

export interface DeadlineRow {
  id: number;
  code: string;
  agencyId: string | null;
  agencyName: string | null;
  categoryName: string;
  dueAt: string;
}

const rowColumns = {
  id: reports.id,
  code: reports.code,
  agencyId: reports.agencyId,
  agencyName: agencies.name,
  categoryName: reportCategories.name,
  // Never null here: both queries filter on due_at < …
  dueAt: sql<string>`${reports.dueAt}`,
};

// Literal, not bound parameters: SQLite uses the partial index reports_open_due_idx only
// when the query repeats its predicate (`status in ('received', 'assigned', 'in_progress')`).
const OPEN_LIST = sql.raw(`(${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`);
const isOpen = () => sql`${reports.status} in ${OPEN_LIST}`;

function candidates(db: Db, where: SQL | undefined, limit: number) {
  return db
    .select(rowColumns)
    .from(reports)
    .innerJoin(reportCategories, eq(reportCategories.id, reports.categoryId))
    .leftJoin(agencies, eq(agencies.id, reports.agencyId))
    .where(where)
    .orderBy(asc(reports.dueAt), asc(reports.id))
    .limit(limit);
}

/**
 * Round trip 1 of a sweep chunk: the holidays, the open reports past due that are not marked
 * overdue yet, and those past due by at least `escalationFloor` (no report can be 2 working
 * days late sooner) that are not escalated yet, oldest deadline first.
 */
export async function readSweepChunk(
  db: Db,
  q: { now: Date; escalationFloor: string; limit: number },
) {
  const nowIso = q.now.toISOString();
  const [holidayRows, overdue, escalation] = await db.batch([
    holidaysQuery(db, q.now),
    candidates(db, and(isOpen(), isNull(reports.overdueAt), lt(reports.dueAt, nowIso)), q.limit),
    candidates(
      db,
      and(isOpen(), isNull(reports.escalatedAt), lt(reports.dueAt, q.escalationFloor)),
      q.limit,
    ),
  ]);
  return { holidays: holidaySet(holidayRows), overdue, escalation };
}

export type SweepKind = 'overdue' | 'escalated';

export interface SweepMark {
  kind: SweepKind;
  rows: readonly { id: number; dueAt: string; note: string }[];
}

/**
 * The guard and the internal event of one kind of mark, as ONE statement that yields a row
 * per candidate: its actor_kind is NULL (violating NOT NULL, which rolls the whole batch
 * back) unless the report still is open, unmarked and due when it was read. So a batch
 * commits only when every candidate really changes, and the audit entries and notices
 * written next to it are exactly those of the changed reports. A sweep running twice, or
 * next to an action that resolved a report or moved its deadline meanwhile, marks and
 * announces nothing more.
 */
export function markEventStatement(db: Db, mark: SweepMark, now: string): BatchItem<'sqlite'> {
  const column = mark.kind === 'overdue' ? reports.overdueAt : reports.escalatedAt;
  const values = sql.join(
    mark.rows.map((r) => sql`(${r.id}, ${r.dueAt}, ${r.note})`),
    sql`, `,
  );
  return db.run(sql`
    insert into ${reportEvents} (report_id, type, is_public, note, actor_kind, agency_id, created_at)
    select v.column1, ${mark.kind}, 0, v.column3,
      case when exists (
        select 1 from ${reports} r
        where r.id = v.column1 and r.due_at = v.column2 and r.due_at < ${now}
          and r.status in ${OPEN_LIST}
          and r.${sql.raw(column.name)} is null
      ) then 'system' end,
      (select r.agency_id from ${reports} r where r.id = v.column1),
      ${now}
    from (values ${values}) v`);
}

/** Sets overdue_at or escalated_at of the guarded reports (the guard already checked them). */
export function markUpdateStatement(db: Db, mark: SweepMark, now: string) {
  const ids = mark.rows.map((r) => r.id);
  return mark.kind === 'overdue'
    ? db
        .update(reports)
        .set({ overdueAt: now })
        .where(and(inArray(reports.id, ids), isNull(reports.overdueAt)))
    : db
        .update(reports)
        .set({ escalatedAt: now })
        .where(and(inArray(reports.id, ids), isNull(reports.escalatedAt)));
}

/** The column the guard names when it fails. */
export const SWEEP_GUARD_COLUMN = 'report_events.actor_kind';
