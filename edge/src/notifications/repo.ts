import { notifications, reports } from '@tinh/db/schema';
import { and, count, desc, eq, inArray, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from '../platform/db';

// The in-app notification list, read by whoever it is addressed to: a citizen (their
// users.id when signed in, plus the hashed id of the device they are using) or an official.

export interface Recipient {
  type: 'user' | 'device' | 'official';
  id: string;
}

export interface NotificationItem {
  id: number;
  kind: string;
  title: string;
  body: string;
  /** The report it is about (PA-XXXXXX), when any. */
  reportCode: string | null;
  /** Where a notification not about a report opens: an app path such as `/chat/<room id>`. */
  link: string | null;
  read: boolean;
  readAt: string | null;
  createdAt: string;
}

export const PAGE_DEFAULT = 20;
export const PAGE_MAX = 50;

function addressedTo(recipients: readonly Recipient[]): SQL {
  const each = recipients.map((r) =>
    and(eq(notifications.recipientType, r.type), eq(notifications.recipientId, r.id)),
  );
  // Callers always pass at least one recipient; `or()` of one condition is that condition.
  return or(...each) as SQL;
}

/** Newest first; `cursor` is the `nextCursor` of the previous page (an id). */
export async function listNotifications(
  db: Db,
  recipients: readonly Recipient[],
  page: { cursor?: number | undefined; limit?: number | undefined },
): Promise<{ items: NotificationItem[]; nextCursor: string | null }> {
  const limit = Math.min(page.limit ?? PAGE_DEFAULT, PAGE_MAX);
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      title: notifications.title,
      body: notifications.body,
      reportCode: reports.code,
      link: notifications.link,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .leftJoin(reports, eq(reports.id, notifications.reportId))
    .where(
      and(
        addressedTo(recipients),
        page.cursor === undefined ? undefined : lt(notifications.id, page.cursor),
      ),
    )
    .orderBy(desc(notifications.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map((r) => ({ ...r, read: r.readAt !== null }));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? String(last.id) : null };
}

export async function unreadCount(db: Db, recipients: readonly Recipient[]): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(addressedTo(recipients), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/**
 * Marks the recipients' own notifications read: the listed ids, or all of them. Ids of
 * someone else's notifications are ignored (never an error that would confirm they exist).
 * Answers how many changed.
 */
export async function markRead(
  db: Db,
  recipients: readonly Recipient[],
  which: { ids: readonly number[] } | { all: true },
  now: string,
): Promise<number> {
  if ('ids' in which && which.ids.length === 0) return 0;
  const changed = await db
    .update(notifications)
    .set({ readAt: now })
    .where(
      and(
        addressedTo(recipients),
        isNull(notifications.readAt),
        'ids' in which ? inArray(notifications.id, [...which.ids]) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return changed.length;
}
