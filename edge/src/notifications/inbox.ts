import type { Context } from 'hono';
import type { AppEnv } from '../platform/env';
import { listNotifications, markRead, type Recipient, unreadCount } from './repo';

// What the citizens' and the officials' notification lists do once they know whose list
// it is: the routes (paths, docs, how the recipients are found) stay in citizen-routes.ts
// and official-routes.ts; the answers are the same for both.

/** A page of the list, newest first, with the unread count. */
export async function answerList(
  c: Context<AppEnv>,
  recipients: readonly Recipient[],
  page: { cursor?: number | undefined; limit: number },
) {
  const [list, unread] = await Promise.all([
    listNotifications(c.var.db, recipients, page),
    unreadCount(c.var.db, recipients),
  ]);
  c.header('Cache-Control', 'private, no-store');
  return c.json({ ...list, unreadCount: unread }, 200);
}

export async function answerUnreadCount(c: Context<AppEnv>, recipients: readonly Recipient[]) {
  c.header('Cache-Control', 'private, no-store');
  return c.json({ unreadCount: await unreadCount(c.var.db, recipients) }, 200);
}

/** Marks the listed ids (only the recipients' own) or all of them read. */
export async function answerMarkRead(
  c: Context<AppEnv>,
  recipients: readonly Recipient[],
  input: { ids: number[] } | { all: true },
) {
  const updated = await markRead(
    c.var.db,
    recipients,
    'ids' in input ? { ids: input.ids } : { all: true },
    new Date().toISOString(),
  );
  return c.json({ updated, unreadCount: await unreadCount(c.var.db, recipients) }, 200);
}
