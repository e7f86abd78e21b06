import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns';
import { reports } from './reports';

// In-app notifications: the list a citizen or an official reads in the app, which works
// without Zalo. A citizen is addressed by users.id when signed in, else by the SHA-256 of
// the device id that sent the report (the same key as "my reports").
export const NOTIFICATION_RECIPIENTS = ['user', 'device', 'official'] as const;

export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    recipientType: text('recipient_type', { enum: NOTIFICATION_RECIPIENTS }).notNull(),
    recipientId: text('recipient_id').notNull(),
    reportId: integer('report_id').references(() => reports.id, { onDelete: 'cascade' }),
    // e.g. `report.status`, `report.assigned`, `report.returned`, `report.overdue`.
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    // Where the notification opens, for those not about a report: an app path such as
    // `/chat/<room id>` or `/appointments/<id>` (each app maps it to its own screen).
    link: text('link'),
    // Unique per recipient and event, so a retried action or sweep never notifies twice.
    dedupeKey: text('dedupe_key').notNull().unique(),
    readAt: text('read_at'),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_recipient_idx').on(t.recipientType, t.recipientId, t.id)],
);

/**
 * `citizen_status`: "your report changed status", queued with the change; the channel is
 * chosen when it is sent (OA while the citizen is inside the OA's messaging window, else ZNS
 * with consent and a phone, else none), because the window may open or close between the
 * change and the delivery. Once delivered, the row's channel becomes the one used:
 * `zalo_oa` (an OA customer-service message) or `zalo_zns` (a ZNS template message).
 * TypeScript-only values: the column is plain text.
 */
export const OUTBOX_CHANNELS = ['citizen_status', 'zalo_oa', 'zalo_zns'] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];
/** `skipped`: nothing to send outside the app (no OA window, no ZNS consent); `last_error` says why. */
export const OUTBOX_STATUSES = ['pending', 'sent', 'skipped', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

// Messages to send through Zalo, written in the same batch as the change they announce and
// delivered by cron with retries and exponential backoff: nothing is lost while Zalo is down.
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    channel: text('channel', { enum: OUTBOX_CHANNELS }).notNull(),
    // Unique per message, so retrying the action that queued it queues nothing more.
    dedupeKey: text('dedupe_key').notNull().unique(),
    // The channel's request, as JSON (recipient, text or template data).
    payload: text('payload').notNull(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    lastError: text('last_error'),
    sentAt: text('sent_at'),
    createdAt: createdAt(),
  },
  (t) => [index('outbox_due_idx').on(t.status, t.nextAttemptAt)],
);

// Users who interacted with the province's Zalo Official Account, from the OA webhook. The
// OA may send them free-form (customer service) messages only within a window after their
// last interaction; outside it, or for a user never seen here, ZNS to the phone is the way.
export const zaloOaFollowers = sqliteTable(
  'zalo_oa_followers',
  {
    // The user's id as the OA sees it (the recipient of OA messages).
    oaUserId: text('oa_user_id').primaryKey(),
    // The same person's id as the mini app sees it (users.zalo_id), from `user_id_by_app`.
    appUserId: text('app_user_id'),
    followed: integer('followed', { mode: 'boolean' }).notNull().default(true),
    lastInteractionAt: text('last_interaction_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('zalo_oa_followers_app_user_idx').on(t.appUserId)],
);

export type Notification = typeof notifications.$inferSelect;
export type OutboxMessage = typeof outbox.$inferSelect;
