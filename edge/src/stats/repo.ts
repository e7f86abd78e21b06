import { sql } from 'drizzle-orm';
import type { Db } from '../platform/db';
import { type PercentileRow, percentilesQuery } from './leader-repo';

// Public statistics of field reports, in ONE round trip (a batch of two statements): the
// reports received in a period grouped by handling agency (the province's figures are the
// sums of the groups: every figure is a count, so they add up; percentages are computed
// after), and the medians of the intake-to-agency time and of the time to resolve, for the
// province and per agency (window functions; sums cannot give a median).

export interface StatsCounts {
  received: number;
  open: number;
  resolved: number;
  rejected: number;
  duplicate: number;
  /** Still open after their due date. */
  overdueOpen: number;
  /** Resolved and having a due date: the base of the on-time rate. */
  resolvedWithDue: number;
  /** Resolved no later than their due date. */
  resolvedOnTime: number;
  satisfied: number;
  acceptable: number;
  unsatisfied: number;
}

export interface AgencyStatsRow extends StatsCounts {
  agencyId: string | null;
  agencyName: string | null;
}

/**
 * Reports not hidden, received in [start, end) (UTC ISO), grouped by agency (NULL: not yet
 * assigned). A report's rating is the one of its current resolution (at most one row, by
 * the unique index report_ratings (report_id, resolved_at)). Times are compared with
 * julianday() so that ISO strings with and without milliseconds compare as instants.
 */
export async function statsByAgency(
  db: Db,
  q: { start: string; end: string; now: string },
): Promise<{ agencies: AgencyStatsRow[]; percentiles: PercentileRow[] }> {
  const period = sql`r.hidden = 0 and r.created_at >= ${q.start} and r.created_at < ${q.end}`;
  // Grouped first, named after: the agency join runs once per group, not once per report.
  const [agencies, percentiles] = await db.batch([
    db.all<AgencyStatsRow>(sql`
    select g.*, a.name as agencyName from (
      select r.agency_id as agencyId,
        count(*) as received,
        total(r.status in ('received', 'assigned', 'in_progress')) as open,
        total(r.status = 'resolved') as resolved,
        total(r.status = 'rejected') as rejected,
        total(r.status = 'duplicate') as duplicate,
        total(r.status in ('received', 'assigned', 'in_progress') and r.due_at is not null
          and julianday(r.due_at) < julianday(${q.now})) as overdueOpen,
        total(r.status = 'resolved' and r.due_at is not null) as resolvedWithDue,
        total(r.status = 'resolved' and r.due_at is not null
          and julianday(r.resolved_at) <= julianday(r.due_at)) as resolvedOnTime,
        total(rr.rating = 'satisfied') as satisfied,
        total(rr.rating = 'acceptable') as acceptable,
        total(rr.rating = 'unsatisfied') as unsatisfied
      from reports r
      left join report_ratings rr on rr.report_id = r.id and rr.resolved_at = r.resolved_at
      where ${period}
      group by r.agency_id) g
    left join agencies a on a.id = g.agencyId
    order by g.agencyId is null, a.sort_order, g.agencyId`),
    db.all<PercentileRow>(percentilesQuery(period)),
  ]);
  return { agencies: agencies as AgencyStatsRow[], percentiles: percentiles as PercentileRow[] };
}
