import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { auditLog, cronRuns, notifications, reportEvents, reports } from '@tinh/db/schema';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { markEventStatement, SWEEP_GUARD_COLUMN } from '../src/deadlines/repo';
import { sweepDeadlines } from '../src/deadlines/sweep';
import { constraintFailure } from '../src/reports/repo';
import worker from '../src/worker';
import { call } from './helpers';
import { createOfficial, type TestOfficial } from './support/officials';
import { db, json, newPhone, submitOk } from './support/reports';

// The SLA sweep against the real database. Other test files share it, so every assertion
// looks only at this file's reports and officials, and the sweep runs at the real clock
// (reports are made overdue by moving their deadline into the past).

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Status = 'received' | 'assigned' | 'in_progress' | 'resolved';

/** A report submitted by a citizen, then moved by hand to a state and deadline. */
async function report(opts: { status: Status; agencyId: string | null; dueInMs: number }) {
  const sent = await submitOk(newPhone());
  const dueAt = new Date(Date.now() + opts.dueInMs).toISOString();
  await db()
    .update(reports)
    .set({
      status: opts.status,
      agencyId: opts.agencyId,
      dueAt,
      ...(opts.status === 'resolved' ? { resolvedAt: new Date().toISOString() } : {}),
    })
    .where(eq(reports.code, sent.code));
  const [row] = await db()
    .select({ id: reports.id })
    .from(reports)
    .where(eq(reports.code, sent.code));
  if (!row) throw new Error('report vanished');
  return { id: row.id, code: sent.code, dueAt };
}

async function stateOf(id: number) {
  const [row] = await db()
    .select({ overdueAt: reports.overdueAt, escalatedAt: reports.escalatedAt })
    .from(reports)
    .where(eq(reports.id, id));
  const events = await db()
    .select({
      type: reportEvents.type,
      isPublic: reportEvents.isPublic,
      actorKind: reportEvents.actorKind,
      agencyId: reportEvents.agencyId,
      note: reportEvents.note,
    })
    .from(reportEvents)
    .where(and(eq(reportEvents.reportId, id), inArray(reportEvents.type, ['overdue', 'escalated'])))
    .orderBy(asc(reportEvents.id));
  const notices = await db()
    .select({ to: notifications.recipientId, kind: notifications.kind })
    .from(notifications)
    .where(and(eq(notifications.reportId, id), eq(notifications.recipientType, 'official')))
    .orderBy(asc(notifications.id));
  return { ...row, events, notices };
}

async function auditOf(code: string) {
  return db()
    .select({
      action: auditLog.action,
      actorKind: auditLog.actorKind,
      fromValue: auditLog.fromValue,
      toValue: auditLog.toValue,
    })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'report'), eq(auditLog.entityId, code)))
    .orderBy(asc(auditLog.id));
}

const noticesTo = (notices: { to: string; kind: string }[], who: TestOfficial) =>
  notices.filter((n) => n.to === who.id).map((n) => n.kind);

// Agency accounts of this file; the IOC and province leaders see every report.
let leader: TestOfficial;
let handler: TestOfficial;
let otherLeader: TestOfficial;
let ioc: TestOfficial;
let provinceLeader: TestOfficial;
let disabledIoc: TestOfficial;

beforeAll(async () => {
  [leader, handler, otherLeader, ioc, provinceLeader, disabledIoc] = await Promise.all([
    createOfficial({ roles: ['agency_leader'], agencyId: 'cap_thoat_nuoc' }),
    createOfficial({ roles: ['agency_handler'], agencyId: 'cap_thoat_nuoc' }),
    createOfficial({ roles: ['agency_leader'], agencyId: 'so_y_te' }),
    createOfficial({ roles: ['ioc_operator'] }),
    createOfficial({ roles: ['province_leader'] }),
    createOfficial({ roles: ['ioc_operator'], status: 'disabled' }),
  ]);
});

describe('overdue reports', () => {
  it('marks an open report past its deadline once, internally, and tells its agency and the IOC', async () => {
    const r = await report({ status: 'assigned', agencyId: 'cap_thoat_nuoc', dueInMs: -HOUR });
    const result = await sweepDeadlines(db(), new Date());
    expect(result.overdue).toBeGreaterThanOrEqual(1);

    const state = await stateOf(r.id);
    expect(state.overdueAt).toBeTruthy();
    expect(state.escalatedAt).toBeNull();
    expect(state.events).toEqual([
      {
        type: 'overdue',
        isPublic: false,
        actorKind: 'system',
        agencyId: 'cap_thoat_nuoc',
        note: expect.stringMatching(/^Quá hạn xử lý \(hạn \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\)\.$/),
      },
    ]);
    expect(noticesTo(state.notices, leader)).toEqual(['report.overdue']);
    expect(noticesTo(state.notices, handler)).toEqual(['report.overdue']);
    expect(noticesTo(state.notices, ioc)).toEqual(['report.overdue']);
    expect(noticesTo(state.notices, otherLeader)).toEqual([]);
    expect(noticesTo(state.notices, provinceLeader)).toEqual([]);
    expect(noticesTo(state.notices, disabledIoc)).toEqual([]);

    const audit = await auditOf(r.code);
    expect(audit).toEqual([
      {
        action: 'report.overdue',
        actorKind: 'system',
        fromValue: JSON.stringify({ overdueAt: null, dueAt: r.dueAt }),
        toValue: JSON.stringify({ overdueAt: state.overdueAt }),
      },
    ]);

    // The citizen's tracking page does not show the internal event.
    const view = await json<{ timeline: { type: string }[] }>(
      await call(`/api/v1/reports/${r.code}`),
    );
    expect(view.timeline.map((e) => e.type)).toEqual(['received']);

    // Twice = nothing more.
    await sweepDeadlines(db(), new Date());
    expect(await stateOf(r.id)).toEqual(state);
    expect(await auditOf(r.code)).toEqual(audit);
  });

  it('tells only the IOC about a report no agency holds yet', async () => {
    const r = await report({ status: 'received', agencyId: null, dueInMs: -2 * HOUR });
    await sweepDeadlines(db(), new Date());
    const state = await stateOf(r.id);
    expect(state.overdueAt).toBeTruthy();
    expect(state.events.map((e) => [e.type, e.agencyId])).toEqual([['overdue', null]]);
    expect(noticesTo(state.notices, ioc)).toEqual(['report.overdue']);
    expect(noticesTo(state.notices, leader)).toEqual([]);
    expect(noticesTo(state.notices, handler)).toEqual([]);
  });

  it('leaves closed reports and reports still within their deadline alone', async () => {
    const resolved = await report({
      status: 'resolved',
      agencyId: 'cap_thoat_nuoc',
      dueInMs: -DAY,
    });
    const notYet = await report({
      status: 'in_progress',
      agencyId: 'cap_thoat_nuoc',
      dueInMs: HOUR,
    });
    await sweepDeadlines(db(), new Date());
    for (const r of [resolved, notYet]) {
      expect(await stateOf(r.id)).toEqual({
        overdueAt: null,
        escalatedAt: null,
        events: [],
        notices: [],
      });
      expect(await auditOf(r.code)).toEqual([]);
    }
  });

  it('watches a new deadline again once an extension cleared the mark', async () => {
    const r = await report({ status: 'in_progress', agencyId: 'cap_thoat_nuoc', dueInMs: -HOUR });
    await sweepDeadlines(db(), new Date());
    // An approved extension: a new deadline, marks cleared (what the IOC's decision does).
    const extended = new Date(Date.now() - 30 * 60_000).toISOString();
    await db()
      .update(reports)
      .set({ dueAt: extended, overdueAt: null })
      .where(eq(reports.id, r.id));
    await sweepDeadlines(db(), new Date());
    const state = await stateOf(r.id);
    expect(state.overdueAt).toBeTruthy();
    expect(state.events.map((e) => e.type)).toEqual(['overdue', 'overdue']);
    expect(noticesTo(state.notices, leader)).toEqual(['report.overdue', 'report.overdue']);
  });
});

describe('escalation', () => {
  it('escalates a report still open two working days after its deadline, once', async () => {
    const r = await report({
      status: 'in_progress',
      agencyId: 'cap_thoat_nuoc',
      dueInMs: -10 * DAY,
    });
    const fresh = await report({
      status: 'in_progress',
      agencyId: 'cap_thoat_nuoc',
      dueInMs: -HOUR,
    });
    await sweepDeadlines(db(), new Date());
    const state = await stateOf(r.id);
    expect(state.overdueAt).toBeTruthy();
    expect(state.escalatedAt).toBeTruthy();
    expect(state.events.map((e) => [e.type, e.isPublic, e.actorKind])).toEqual([
      ['overdue', false, 'system'],
      ['escalated', false, 'system'],
    ]);
    expect(noticesTo(state.notices, provinceLeader)).toEqual(['report.escalated']);
    expect(noticesTo(state.notices, leader)).toEqual(['report.overdue', 'report.escalated']);
    // The handler and the IOC heard about the overdue report; escalation goes to leaders.
    expect(noticesTo(state.notices, handler)).toEqual(['report.overdue']);
    expect(noticesTo(state.notices, ioc)).toEqual(['report.overdue']);
    expect((await auditOf(r.code)).map((a) => [a.action, a.actorKind])).toEqual([
      ['report.overdue', 'system'],
      ['report.escalate', 'system'],
    ]);

    // An hour late is overdue, not escalated.
    const freshState = await stateOf(fresh.id);
    expect(freshState.overdueAt).toBeTruthy();
    expect(freshState.escalatedAt).toBeNull();

    await sweepDeadlines(db(), new Date());
    expect(await stateOf(r.id)).toEqual(state);
  });
});

describe('the write guard', () => {
  it('refuses to mark a report that no longer qualifies, and writes nothing', async () => {
    const r = await report({ status: 'assigned', agencyId: 'cap_thoat_nuoc', dueInMs: -HOUR });
    await sweepDeadlines(db(), new Date());
    const before = await stateOf(r.id);
    // A second sweep that read the report before the first one marked it.
    const d = db();
    const err = await d
      .batch([
        markEventStatement(
          d,
          { kind: 'overdue', rows: [{ id: r.id, dueAt: r.dueAt, note: 'x' }] },
          new Date().toISOString(),
        ),
      ])
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(constraintFailure(err)).toContain(SWEEP_GUARD_COLUMN);
    expect(await stateOf(r.id)).toEqual(before);
  });
});

describe('backlog', () => {
  it('works in bounded chunks and finishes over later runs', async () => {
    const backlog = await Promise.all(
      [1, 2, 3, 4, 5].map((i) =>
        report({ status: 'assigned', agencyId: 'cap_thoat_nuoc', dueInMs: -i * 60_000 }),
      ),
    );
    const ids = backlog.map((r) => r.id);
    const marked = async () =>
      (
        await db()
          .select({ id: reports.id, overdueAt: reports.overdueAt })
          .from(reports)
          .where(inArray(reports.id, ids))
      ).filter((r) => r.overdueAt !== null).length;

    const first = await sweepDeadlines(db(), new Date(), { chunk: 2, maxChunks: 1 });
    expect(first.overdue).toBe(2);
    expect(first.more).toBe(true);
    expect(await marked()).toBeLessThanOrEqual(2);

    for (let run = 0; run < 20; run++) {
      const next = await sweepDeadlines(db(), new Date(), { chunk: 2, maxChunks: 1 });
      if (!next.more) break;
    }
    expect(await marked()).toBe(5);
    for (const id of ids) expect((await stateOf(id)).events).toHaveLength(1);
  });
});

describe('cron', () => {
  it('runs as sla-sweep on the 5-minute trigger of the Worker', async () => {
    const r = await report({ status: 'assigned', agencyId: 'cap_thoat_nuoc', dueInMs: -HOUR });
    // A tick of its own, so the dispatcher's "already ran" record of other tests cannot skip it.
    const scheduledTime = Date.UTC(2031, 0, 1) + Math.floor(Math.random() * 1e6) * 300_000;
    const ctx = createExecutionContext();
    await worker.scheduled?.(
      createScheduledController({ scheduledTime, cron: '*/5 * * * *' }),
      env,
      ctx,
    );
    await waitOnExecutionContext(ctx);

    const [run] = await db()
      .select()
      .from(cronRuns)
      .where(
        and(
          eq(cronRuns.job, 'sla-sweep'),
          eq(cronRuns.scheduledAt, new Date(scheduledTime).toISOString()),
        ),
      );
    expect(run).toMatchObject({ status: 'ok' });
    expect(JSON.parse(run?.detail ?? '{}')).toMatchObject({
      overdue: expect.any(Number),
      escalated: expect.any(Number),
    });
    const state = await stateOf(r.id);
    expect(state.overdueAt).toBeTruthy();
    expect(noticesTo(state.notices, ioc)).toEqual(['report.overdue']);
  });
});
