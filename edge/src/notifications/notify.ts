import {
  notifications,
  type OfficialRole,
  officialRoles,
  officials,
  outbox,
  type ReportStatus,
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
      reportId: number;
      code: string;
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
        | 'report.reopened';
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
      if (!recipient) return [queued];
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
