import {
  notifications,
  type OfficialRole,
  officialRoles,
  officials,
  outbox,
  type ReportStatus,
  reportContacts,
  reportSupporters,
  reports,
} from '@tinh/db/schema';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../platform/db';
import type { CitizenStatusPayload } from './dispatch';

// What the workflow announces, turned into statements for the same batch as the change:
// in-app notifications and, for the reporter, one Zalo message queued in the outbox (sent
// by notifications/dispatch.ts, which picks OA, ZNS or nothing at delivery time). A
// notice's `key` names the event (e.g. `PA-7K3F9Q:assigned:3`); each recipient's row and the
// outbox row are unique on it, so a retried action or a second sweep notifies nobody twice.
//
// A reporter notice also reaches the report's followers (smart intake, issue 5): the reporters
// of the reports the IOC merged into it as duplicates (intake/merge.ts) and the citizens who
// pressed "Tôi cũng gặp vấn đề này" (report_supporters). See `followerStatements`.

export type Notice =
  | {
      to: 'reporter';
      key: string;
      reportId: number;
      code: string;
      userId: string | null;
      deviceHash: string | null;
      status: ReportStatus;
      /** The public message of the change, as on the tracking page. */
      message: string;
    }
  | {
      to: 'officials';
      key: string;
      /** The report it is about; null for a notice about several (an early-warning alert). */
      reportId: number | null;
      code: string | null;
      /** Officials of this agency with one of `roles`; null: the IOC (any agency). */
      agencyId: string | null;
      roles: readonly OfficialRole[];
      kind:
        | 'report.assigned'
        | 'report.returned'
        | 'report.overdue'
        | 'report.escalated'
        | 'report.extension_requested'
        | 'report.extension_decided'
        | 'report.reopened'
        | 'report.merged'
        | 'cluster.alert';
      title: string;
      body: string;
    };

export function noticeStatements(
  db: Db,
  notices: readonly Notice[],
  now: string,
): BatchItem<'sqlite'>[] {
  return notices.flatMap((n): BatchItem<'sqlite'>[] => {
    if (n.to === 'reporter') {
      const recipient = n.userId
        ? { type: 'user' as const, id: n.userId }
        : n.deviceHash
          ? { type: 'device' as const, id: n.deviceHash }
          : null;
      const payload: CitizenStatusPayload = {
        reportId: n.reportId,
        code: n.code,
        status: n.status,
        message: n.message,
      };
      // Queued even for a report without a device or user (Open311): its reporter may still
      // have consented to ZNS with a phone. Written with the change, so it is never lost.
      const queued = db
        .insert(outbox)
        .values({
          channel: 'citizen_status',
          dedupeKey: `${n.key}:citizen`,
          payload: JSON.stringify(payload),
          nextAttemptAt: now,
          createdAt: now,
        })
        .onConflictDoNothing();
      const followers = followerStatements(db, n, now);
      if (!recipient) return [queued, ...followers];
      return [
        queued,
        db
          .insert(notifications)
          .values({
            recipientType: recipient.type,
            recipientId: recipient.id,
            reportId: n.reportId,
            kind: 'report.status',
            title: `Phản ánh ${n.code}`,
            body: n.message,
            dedupeKey: `${n.key}:${recipient.type}:${recipient.id}`,
            createdAt: now,
          })
          .onConflictDoNothing(),
        ...followers,
      ];
    }
    const recipients = db
      .selectDistinct({ id: officials.id })
      .from(officials)
      .innerJoin(officialRoles, eq(officialRoles.officialId, officials.id))
      .where(
        and(
          eq(officials.status, 'active'),
          inArray(officialRoles.role, [...n.roles]),
          n.agencyId === null ? undefined : eq(officials.agencyId, n.agencyId),
        ),
      );
    return [
      db.run(sql`
        insert into ${notifications}
          (recipient_type, recipient_id, report_id, kind, title, body, dedupe_key, created_at)
        select 'official', r.id, ${n.reportId}, ${n.kind}, ${n.title}, ${n.body},
               ${n.key} || ':official:' || r.id, ${now}
        from (${recipients}) r
        where true
        on conflict (dedupe_key) do nothing`),
    ];
  });
}

type ReporterNotice = Extract<Notice, { to: 'reporter' }>;

/**
 * The reporter notice's fan-out to the report's followers, three INSERT … SELECT statements
 * for the same batch (nothing is read first, so an action still costs its two round trips):
 *
 * - in-app, to the reporter of every report merged into this one: their user when signed in,
 *   else their device, like the reporter's own row;
 * - in-app, to every supporter's device (report_supporters; a merged report's reporter was
 *   added there too when merged);
 * - one `citizen_status` outbox row per merged report whose reporter Zalo can reach: signed
 *   in with Zalo (the OA, inside its window) or consented to ZNS with a phone. Its payload
 *   names the merged report as `reportId` (the dispatcher reaches that report's reporter) and
 *   the main report as `code` (the report whose news it is).
 *
 * Each person once: the dedupe keys have the reporter's format (`<key>:<type>:<id>`), so a
 * person who is also the reporter, or both a merged reporter and a supporter under the same
 * key, gets one row; a supporter's device that belongs to the main reporter, or to a merged
 * reporter reached as a signed-in user, is skipped. Merged reports are found by
 * `status = 'duplicate' and duplicate_of_id = ?`: the status index narrows the search to the
 * duplicates (there is no index on duplicate_of_id).
 */
function followerStatements(db: Db, n: ReporterNotice, now: string): BatchItem<'sqlite'>[] {
  const title = `Phản ánh ${n.code} bạn đang theo dõi`;
  const mergedInto = sql`d.status = 'duplicate' and d.duplicate_of_id = ${n.reportId}`;
  // A merged report sent from the main reporter's own phone: they hear of it as the reporter.
  const notMainReporter = sql`(d.device_hash is null or d.device_hash is not ${n.deviceHash})
    and (d.user_id is null or d.user_id is not ${n.userId})`;
  const payload: CitizenStatusPayload = {
    reportId: 0,
    code: n.code,
    status: n.status,
    message: n.message,
  };
  return [
    db.run(sql`
      insert into ${notifications}
        (recipient_type, recipient_id, report_id, kind, title, body, dedupe_key, created_at)
      select f.type, f.id, ${n.reportId}, 'report.status', ${title}, ${n.message},
             ${n.key} || ':' || f.type || ':' || f.id, ${now}
      from (
        select case when d.user_id is not null then 'user' else 'device' end as type,
               coalesce(d.user_id, d.device_hash) as id
        from ${reports} d
        where ${mergedInto} and coalesce(d.user_id, d.device_hash) is not null
          and ${notMainReporter}
      ) f
      where true
      on conflict (dedupe_key) do nothing`),
    db.run(sql`
      insert into ${notifications}
        (recipient_type, recipient_id, report_id, kind, title, body, dedupe_key, created_at)
      select 'device', s.supporter_hash, ${n.reportId}, 'report.status', ${title}, ${n.message},
             ${n.key} || ':device:' || s.supporter_hash, ${now}
      from ${reportSupporters} s
      where s.report_id = ${n.reportId}
        and s.supporter_hash is not ${n.deviceHash}
        and not exists (select 1 from ${reports} d
          where d.device_hash = s.supporter_hash and ${mergedInto} and d.user_id is not null)
      on conflict (dedupe_key) do nothing`),
    db.run(sql`
      insert into ${outbox} (channel, dedupe_key, payload, next_attempt_at, created_at)
      select 'citizen_status', ${n.key} || ':citizen:' || d.id,
             json_set(${JSON.stringify(payload)}, '$.reportId', d.id), ${now}, ${now}
      from ${reports} d
      left join ${reportContacts} c on c.report_id = d.id
      where ${mergedInto} and ${notMainReporter}
        and (d.user_id is not null or (c.zns_consent = 1 and c.phone is not null))
      on conflict (dedupe_key) do nothing`),
  ];
}
