import {
  type OutboxChannel,
  type OutboxMessage,
  outbox,
  type ReportStatus,
  reportContacts,
  reports,
  users,
  zaloOaFollowers,
} from '@tinh/db/schema';
import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import type { CronJob } from '../cron/dispatcher';
import { createDb, type Db } from '../platform/db';
import type { AppEnv, Env } from '../platform/env';
import { createLogger, describeError, type Logger } from '../platform/logger';
import { STATUS_LABELS } from '../reports/labels';
import { ZaloSendError, zaloOa } from '../zalo/oa';
import { zaloZns, znsParam, znsPhone } from '../zalo/zns';

// The outbox dispatcher: delivers the Zalo messages queued by noticeStatements (same batch as
// the change they announce), so a status change is never lost while Zalo is down.
//
// Claiming: one UPDATE picks the due rows (pending, next_attempt_at <= now), counts the
// attempt and pushes next_attempt_at to a lease in the future, in a single statement. libSQL
// runs each write statement atomically, so a second dispatcher running at the same time
// (the 5-minute cron and a kick after an action) never sees the rows the first one took.
// The row's attempt count is the claim's token: the result is written only
// `WHERE attempts = <claimed>`, so a dispatcher whose lease expired cannot overwrite the
// outcome of the one that took the row after it. A dispatcher that dies mid-send leaves the
// row pending; it is claimed again when the lease runs out (at-least-once delivery).
//
// A `citizen_status` row picks its channel when it is sent (the OA window may open or close
// while the row waits): OA when the reporter's Zalo account interacted with the OA in the last
// OA_WINDOW_DAYS; else ZNS when they consented with a phone; else nothing outside the app
// (`skipped`, with the reason in last_error; the in-app notification is there anyway). An OA
// refusal that retrying cannot fix (not a follower, window closed, bad token) falls through
// to ZNS at once. Network errors, HTTP 5xx and rate limits keep the row for another attempt,
// after OUTBOX_BACKOFF_BASE_MS × 2^(attempts-1), at most OUTBOX_BACKOFF_MAX_MS; after
// OUTBOX_MAX_ATTEMPTS (about two hours of trying) the row is `failed` and kept for the record.

/** What noticeStatements queues for the reporter (outbox.payload, JSON). */
export interface CitizenStatusPayload {
  reportId: number;
  code: string;
  status: ReportStatus;
  /** The public message of the change, as on the tracking page. */
  message: string;
  /** Added when sent: Zalo's id of the message. */
  zaloMessageId?: string | null;
}

/** Zalo lets an OA message a user freely for 7 days after their last interaction. */
export const OA_WINDOW_DAYS = 7;
export const OUTBOX_BATCH = 10;
/** Rows one run handles at most; the next run (5 minutes later) takes the rest. */
export const OUTBOX_MAX_PER_RUN = 100;
export const OUTBOX_MAX_ATTEMPTS = 8;
export const OUTBOX_BACKOFF_BASE_MS = 60_000;
export const OUTBOX_BACKOFF_MAX_MS = 60 * 60_000;
/** Longer than a batch can take (each Zalo call times out after ZALO_TIMEOUT_MS). */
export const OUTBOX_LEASE_MS = 10 * 60_000;
const ERROR_MAX = 500;

/** The wait before attempt `attempts + 1`, after `attempts` failed ones: 1, 2, 4 … 60 minutes. */
export function backoffMs(attempts: number): number {
  const exp = Math.max(0, attempts - 1);
  return Math.min(OUTBOX_BACKOFF_BASE_MS * 2 ** exp, OUTBOX_BACKOFF_MAX_MS);
}

export interface DispatchResult {
  claimed: number;
  sent: number;
  skipped: number;
  retried: number;
  failed: number;
}

type Outcome =
  | { status: 'sent'; channel: OutboxChannel; messageId: string | null; note: string | null }
  | { status: 'skipped'; reason: string }
  | { status: 'retry'; error: string }
  | { status: 'failed'; error: string };

/** Claims the next due rows (see the header): they come back with their new attempt count. */
async function claim(db: Db, now: Date, limit: number): Promise<OutboxMessage[]> {
  const nowIso = now.toISOString();
  const lease = new Date(now.getTime() + OUTBOX_LEASE_MS).toISOString();
  const due = and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, nowIso));
  const ids = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(due)
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(limit);
  return db
    .update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: lease })
    .where(and(inArray(outbox.id, ids), due))
    .returning();
}

interface CitizenTarget {
  oaUserId: string | null;
  phone: string | null;
  znsConsent: boolean;
}

/** Where the reporter of a report can be reached now; null when the report is gone. */
async function citizenTarget(db: Db, reportId: number, now: Date): Promise<CitizenTarget | null> {
  const [report] = await db
    .select({
      zaloId: users.zaloId,
      phone: reportContacts.phone,
      znsConsent: reportContacts.znsConsent,
    })
    .from(reports)
    .leftJoin(users, eq(users.id, reports.userId))
    .leftJoin(reportContacts, eq(reportContacts.reportId, reports.id))
    .where(eq(reports.id, reportId))
    .limit(1);
  if (!report) return null;
  let oaUserId: string | null = null;
  if (report.zaloId) {
    const windowStart = new Date(now.getTime() - OA_WINDOW_DAYS * 86_400_000).toISOString();
    const [follower] = await db
      .select({ oaUserId: zaloOaFollowers.oaUserId })
      .from(zaloOaFollowers)
      .where(
        and(
          eq(zaloOaFollowers.appUserId, report.zaloId),
          eq(zaloOaFollowers.followed, true),
          gte(zaloOaFollowers.lastInteractionAt, windowStart),
        ),
      )
      .orderBy(desc(zaloOaFollowers.lastInteractionAt))
      .limit(1);
    oaUserId = follower?.oaUserId ?? null;
  }
  return { oaUserId, phone: report.phone ?? null, znsConsent: report.znsConsent ?? false };
}

function oaText(p: CitizenStatusPayload): string {
  const label = STATUS_LABELS[p.status]?.vi ?? p.status;
  return `Phản ánh ${p.code}: ${label}.\n${p.message}`;
}

const failureText = (err: unknown) =>
  err instanceof Error ? err.message : `unexpected: ${String(err)}`;

async function deliverCitizenStatus(
  db: Db,
  env: Env,
  row: OutboxMessage,
  payload: CitizenStatusPayload,
  now: Date,
): Promise<Outcome> {
  const target = await citizenTarget(db, payload.reportId, now);
  if (!target) return { status: 'skipped', reason: 'report_deleted' };
  const oa = zaloOa(env);
  const zns = zaloZns(env);

  let oaFailure: string | null = null;
  if (target.oaUserId && oa.configured) {
    try {
      const { messageId } = await oa.sendText(target.oaUserId, oaText(payload));
      return { status: 'sent', channel: 'zalo_oa', messageId, note: null };
    } catch (err) {
      if (!(err instanceof ZaloSendError) || err.kind === 'retry') {
        return { status: 'retry', error: failureText(err) };
      }
      // Not a follower any more: forget the window, so the next message goes to ZNS directly.
      if (err.zaloCode === -213) {
        await db
          .update(zaloOaFollowers)
          .set({ followed: false })
          .where(eq(zaloOaFollowers.oaUserId, target.oaUserId));
      }
      oaFailure = `oa: ${err.message}`;
    }
  }

  const phone = target.znsConsent && target.phone ? znsPhone(target.phone) : null;
  if (phone && zns.configured) {
    try {
      const { messageId } = await zns.send(
        phone,
        {
          ma_phan_anh: payload.code,
          trang_thai: STATUS_LABELS[payload.status]?.vi ?? payload.status,
          noi_dung: znsParam(payload.message),
        },
        `outbox-${row.id}`,
      );
      return { status: 'sent', channel: 'zalo_zns', messageId, note: oaFailure };
    } catch (err) {
      if (!(err instanceof ZaloSendError) || err.kind === 'retry') {
        return { status: 'retry', error: [oaFailure, `zns: ${failureText(err)}`].join('; ') };
      }
      return { status: 'failed', error: [oaFailure, `zns: ${err.message}`].join('; ') };
    }
  }
  if (oaFailure) return { status: 'failed', error: oaFailure };

  const reasons = [
    !target.oaUserId ? 'no_oa_window' : !oa.configured ? 'oa_not_configured' : 'oa_unavailable',
    !target.znsConsent
      ? 'no_zns_consent'
      : !phone
        ? 'no_phone'
        : !zns.configured
          ? 'zns_not_configured'
          : 'zns_unavailable',
  ];
  return { status: 'skipped', reason: reasons.join(', ') };
}

async function deliver(db: Db, env: Env, row: OutboxMessage, now: Date): Promise<Outcome> {
  let payload: unknown;
  try {
    payload = JSON.parse(row.payload);
  } catch {
    return { status: 'failed', error: 'payload is not JSON' };
  }
  if (row.channel === 'citizen_status') {
    return deliverCitizenStatus(db, env, row, payload as CitizenStatusPayload, now);
  }
  // Only `citizen_status` rows are queued today; a row of another channel came from newer
  // code (or a mistake) and is kept, not sent blindly.
  return { status: 'failed', error: `no sender for channel ${row.channel}` };
}

/** Writes a row's outcome, only if this dispatcher still holds it (its attempt count). */
async function record(db: Db, row: OutboxMessage, outcome: Outcome, now: Date) {
  const held = and(
    eq(outbox.id, row.id),
    eq(outbox.attempts, row.attempts),
    eq(outbox.status, 'pending'),
  );
  const nowIso = now.toISOString();
  let status: Outcome['status'] | 'failed' = outcome.status;
  if (outcome.status === 'sent') {
    const payload = { ...(JSON.parse(row.payload) as object), zaloMessageId: outcome.messageId };
    await db
      .update(outbox)
      .set({
        status: 'sent',
        channel: outcome.channel,
        payload: JSON.stringify(payload),
        sentAt: nowIso,
        lastError: outcome.note?.slice(0, ERROR_MAX) ?? null,
      })
      .where(held);
  } else if (outcome.status === 'skipped') {
    await db
      .update(outbox)
      .set({ status: 'skipped', lastError: outcome.reason.slice(0, ERROR_MAX) })
      .where(held);
  } else if (outcome.status === 'retry' && row.attempts < OUTBOX_MAX_ATTEMPTS) {
    await db
      .update(outbox)
      .set({
        nextAttemptAt: new Date(now.getTime() + backoffMs(row.attempts)).toISOString(),
        lastError: outcome.error.slice(0, ERROR_MAX),
      })
      .where(held);
  } else {
    status = 'failed';
    await db
      .update(outbox)
      .set({ status: 'failed', lastError: outcome.error.slice(0, ERROR_MAX) })
      .where(held);
  }
  return status;
}

/**
 * Delivers due outbox rows, in batches of OUTBOX_BATCH, up to `maxRows`. Never throws for
 * one message: a row whose delivery or bookkeeping fails stays pending and comes back after
 * its lease. `now` is the clock (tests move it forward to pass backoff delays).
 */
export async function dispatchOutbox(
  db: Db,
  env: Env,
  opts: { now?: Date; maxRows?: number; log?: Logger } = {},
): Promise<DispatchResult> {
  const now = opts.now ?? new Date();
  const maxRows = opts.maxRows ?? OUTBOX_MAX_PER_RUN;
  const log = opts.log ?? createLogger(env.LOG_LEVEL, { job: 'outbox-dispatch' });
  const result: DispatchResult = { claimed: 0, sent: 0, skipped: 0, retried: 0, failed: 0 };
  while (result.claimed < maxRows) {
    const rows = await claim(db, now, Math.min(OUTBOX_BATCH, maxRows - result.claimed));
    result.claimed += rows.length;
    await Promise.all(
      rows.map(async (row) => {
        try {
          const outcome = await deliver(db, env, row, now);
          const status = await record(db, row, outcome, now);
          if (status === 'retry') result.retried += 1;
          else result[status] += 1;
          // A retry is routine while Zalo is down; giving up is what someone should look at.
          if (status === 'failed') {
            log.warn('outbox_delivery_failed', { outboxId: row.id, attempts: row.attempts });
          } else if (status === 'retry') {
            log.info('outbox_delivery_retry', { outboxId: row.id, attempts: row.attempts });
          }
        } catch (err) {
          log.error('outbox_dispatch_error', { outboxId: row.id, error: describeError(err) });
        }
      }),
    );
    if (rows.length < OUTBOX_BATCH) break;
  }
  return result;
}

/** The 5-minute cron job. The real clock, not the tick: backoff delays are wall-clock times. */
export const outboxDispatchJob: CronJob = {
  name: 'outbox-dispatch',
  async run({ db, env, log }) {
    return { ...(await dispatchOutbox(db, env, { log })) };
  },
};

/**
 * Delivers right after an action instead of waiting for the next cron tick, without
 * delaying the answer: `kickOutbox(c.executionCtx, c.env)` after the action's batch.
 * Safe next to the cron run (claims never overlap); errors only reach the log.
 */
export function kickOutbox(ctx: { waitUntil(p: Promise<unknown>): void }, env: Env) {
  const log = createLogger(env.LOG_LEVEL, { job: 'outbox-kick' });
  ctx.waitUntil(
    dispatchOutbox(createDb(env), env, { log }).catch((err) =>
      log.error('outbox_kick_failed', { error: describeError(err) }),
    ),
  );
}

/**
 * After an official's successful write under /api/v1/work, delivers what it queued at once
 * (the reporter hears of the change in seconds, not at the next cron tick).
 */
export const kickOutboxAfterWrites = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (c.req.method === 'POST' && c.res.status < 300 && c.env?.LIBSQL_URL) {
    kickOutbox(c.executionCtx, c.env);
  }
});
