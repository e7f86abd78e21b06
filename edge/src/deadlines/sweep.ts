import type { BatchItem } from 'drizzle-orm/batch';
import { auditStatement } from '../audit/log';
import type { CronJob } from '../cron/dispatcher';
import { type Notice, noticeStatements } from '../notifications/notify';
import type { Db } from '../platform/db';
import { addWorkingDays } from '../platform/working-days';
import { constraintFailure } from '../reports/repo';
import {
  type DeadlineRow,
  markEventStatement,
  markUpdateStatement,
  readSweepChunk,
  SWEEP_GUARD_COLUMN,
  type SweepMark,
} from './repo';

// The SLA sweep (cron, every 5 minutes). An open report (received, assigned, in progress)
// whose deadline has passed is marked overdue once: `overdue_at`, an internal 'overdue'
// event, an audit entry, and notices to the handling agency's leaders and handlers and to
// the IOC. Still open ESCALATE_AFTER working days after its deadline, it is escalated once:
// `escalated_at`, an 'escalated' event, an audit entry, notices to the province's leaders
// and the agency's leader. An approved extension gives a new deadline and clears both marks
// (work/), so the new deadline is watched again.
//
// Idempotent: a report is picked only while its mark is unset, and each chunk's write batch
// is guarded (repo.ts `markEventStatement`) so that it commits only if every picked report
// still qualifies; notices carry a key per report and deadline, unique per recipient. A
// backlog (the first run after an outage) is worked in bounded chunks, the oldest deadlines
// first, and the rest is left to the next run: a run stays well inside the CPU limit.

export const ESCALATE_AFTER_WORKING_DAYS = 2;
/** Reports per chunk (one read batch, one write batch). */
const CHUNK = 100;
/** Chunks per run, guard retries included. */
const MAX_CHUNKS = 5;
const HOUR_MS = 3_600_000;

const OFFSET_MS = 7 * HOUR_MS;

/** dd/mm/yyyy HH:mm on the Vietnamese clock. */
export function formatLocal(iso: string): string {
  const d = new Date(new Date(iso).getTime() + OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

export interface SweepResult {
  overdue: number;
  escalated: number;
  /** Chunks whose guard found a report changed meanwhile (re-read and retried). */
  retried: number;
  /** True when the run stopped at MAX_CHUNKS with work left for the next one. */
  more: boolean;
}

export async function sweepDeadlines(
  db: Db,
  now: Date,
  opts: { chunk?: number; maxChunks?: number } = {},
): Promise<SweepResult> {
  const chunk = opts.chunk ?? CHUNK;
  const maxChunks = opts.maxChunks ?? MAX_CHUNKS;
  const nowIso = now.toISOString();
  // No report can be 2 working days past due sooner than 48 hours after its deadline.
  const escalationFloor = new Date(
    now.getTime() - ESCALATE_AFTER_WORKING_DAYS * 24 * HOUR_MS,
  ).toISOString();
  const result: SweepResult = { overdue: 0, escalated: 0, retried: 0, more: false };
  let escalationDone = false;

  for (let round = 0; round < maxChunks; round++) {
    const read = await readSweepChunk(db, { now, escalationFloor, limit: chunk });
    const overdue = read.overdue;
    // Oldest deadline first, and a later deadline never escalates sooner: the reports due
    // for escalation are a prefix of the list, and once one is not, none after it is.
    const escalation: DeadlineRow[] = [];
    if (!escalationDone) {
      for (const row of read.escalation) {
        const at = addWorkingDays(new Date(row.dueAt), ESCALATE_AFTER_WORKING_DAYS, read.holidays);
        if (at > now) {
          escalationDone = true;
          break;
        }
        escalation.push(row);
      }
      if (read.escalation.length < chunk) escalationDone = true;
    }
    if (overdue.length === 0 && escalation.length === 0) return result;

    try {
      await db.batch(writeStatements(db, overdue, escalation, nowIso));
    } catch (err) {
      if (!constraintFailure(err)?.includes(SWEEP_GUARD_COLUMN)) throw err;
      // A report changed between the read and the write: read again.
      result.retried++;
      escalationDone = false;
      continue;
    }
    result.overdue += overdue.length;
    result.escalated += escalation.length;
    if (overdue.length < chunk && escalationDone) return result;
  }
  result.more = true;
  return result;
}

function writeStatements(
  db: Db,
  overdue: readonly DeadlineRow[],
  escalation: readonly DeadlineRow[],
  now: string,
): [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]] {
  const statements: BatchItem<'sqlite'>[] = [];
  const marks: [SweepMark['kind'], readonly DeadlineRow[]][] = [
    ['overdue', overdue],
    ['escalated', escalation],
  ];
  for (const [kind, rows] of marks) {
    if (rows.length === 0) continue;
    const mark: SweepMark = {
      kind,
      rows: rows.map((r) => ({ id: r.id, dueAt: r.dueAt, note: eventNote(kind, r) })),
    };
    // Guard (and events) before the update: it checks that the mark is still unset.
    statements.push(markEventStatement(db, mark, now), markUpdateStatement(db, mark, now));
    for (const r of rows) {
      statements.push(
        auditStatement(db, {
          at: now,
          actor: { kind: 'system' },
          action: kind === 'overdue' ? 'report.overdue' : 'report.escalate',
          entityType: 'report',
          entityId: r.code,
          from: JSON.stringify(
            kind === 'overdue' ? { overdueAt: null, dueAt: r.dueAt } : { escalatedAt: null },
          ),
          to: JSON.stringify(kind === 'overdue' ? { overdueAt: now } : { escalatedAt: now }),
          note: eventNote(kind, r),
        }),
      );
    }
    statements.push(...noticeStatements(db, rows.flatMap(noticesFor(kind)), now));
  }
  const [first, ...rest] = statements;
  if (!first) throw new Error('writeStatements called with nothing to write');
  return [first, ...rest];
}

function eventNote(kind: SweepMark['kind'], r: DeadlineRow): string {
  const due = formatLocal(r.dueAt);
  return kind === 'overdue'
    ? `Quá hạn xử lý (hạn ${due}).`
    : `Quá hạn ${ESCALATE_AFTER_WORKING_DAYS} ngày làm việc (hạn ${due}): đã báo cáo lãnh đạo tỉnh.`;
}

function noticesFor(kind: SweepMark['kind']) {
  return (r: DeadlineRow): Notice[] => {
    const due = formatLocal(r.dueAt);
    // One key per report and deadline: a new deadline (extension) may be missed again.
    const key = `${r.code}:${kind}:${r.dueAt}`;
    const where = r.agencyName ? `Cơ quan xử lý: ${r.agencyName}.` : 'Chưa chuyển cơ quan xử lý.';
    const base = { to: 'officials' as const, key, reportId: r.id, code: r.code };
    if (kind === 'overdue') {
      const title = `Phản ánh ${r.code} đã quá hạn xử lý`;
      const body = `Phản ánh ${r.code} (${r.categoryName}) đã quá hạn xử lý lúc ${due}. ${where}`;
      return [
        ...(r.agencyId
          ? [
              {
                ...base,
                agencyId: r.agencyId,
                roles: ['agency_leader', 'agency_handler', 'commune_officer'] as const,
                kind: 'report.overdue' as const,
                title,
                body,
              },
            ]
          : []),
        {
          ...base,
          agencyId: null,
          roles: ['ioc_operator'] as const,
          kind: 'report.overdue' as const,
          title,
          body,
        },
      ];
    }
    const title = `Phản ánh ${r.code} quá hạn ${ESCALATE_AFTER_WORKING_DAYS} ngày làm việc`;
    const body = `Phản ánh ${r.code} (${r.categoryName}) vẫn chưa được xử lý xong sau ${ESCALATE_AFTER_WORKING_DAYS} ngày làm việc kể từ hạn ${due}. ${where}`;
    return [
      {
        ...base,
        agencyId: null,
        roles: ['province_leader'] as const,
        kind: 'report.escalated' as const,
        title,
        body,
      },
      ...(r.agencyId
        ? [
            {
              ...base,
              agencyId: r.agencyId,
              roles: ['agency_leader'] as const,
              kind: 'report.escalated' as const,
              title,
              body,
            },
          ]
        : []),
    ];
  };
}

export const slaSweep: CronJob = {
  name: 'sla-sweep',
  // Deadlines are judged at the time the sweep runs, not at the tick's nominal time: a tick
  // delivered late, or retried, must not mark less (or, for a tick from the future, more).
  async run({ db }) {
    return { ...(await sweepDeadlines(db, new Date())) };
  },
};
