import { env } from 'cloudflare:workers';
import {
  type OutboxMessage,
  outbox,
  type ReportStatus,
  reports,
  zaloOaFollowers,
} from '@tinh/db/schema';
import { eq } from 'drizzle-orm';
import { inject } from 'vitest';
import { type Notice, noticeStatements } from '../../src/notifications/notify';
import { createDb } from '../../src/platform/db';
import { call } from '../helpers';
import { json, postJson } from './reports';

// Helpers of the notification tests: the reporter side of a report, queuing what the
// workflow announces (noticeStatements, as the workflow and the SLA sweep call it), and the
// controls of the loopback Zalo OA/ZNS stand-in (test/support/node-fake-zalo-oa.ts).

export const db = () => createDb(env);

/** A fresh Zalo user id (the mini app's, users.zalo_id): 19 digits. */
export function newZaloId(): string {
  const digits = crypto.getRandomValues(new Uint32Array(3)).join('');
  return `7${digits.padEnd(18, '0').slice(0, 18)}`;
}

/** A fresh OA-side user id (zalo_oa_followers.oa_user_id). */
export const newOaUserId = () => `oa-${crypto.randomUUID()}`;

/** A fresh Vietnamese mobile number as typed (0 + 9 digits) and as ZNS takes it (84…). */
export function newPhoneNumber(): { typed: string; zns: string } {
  const [n = 0] = crypto.getRandomValues(new Uint32Array(1));
  const rest = String(n % 100_000_000).padStart(8, '0');
  return { typed: `09${rest}`, zns: `849${rest}` };
}

/** Signs a citizen in with Zalo (fake Graph API: `zalo-at:<id>`); answers the session token. */
export async function signInCitizen(zaloId: string): Promise<string> {
  const res = await postJson('/api/v1/auth/zalo', { accessToken: `zalo-at:${zaloId}` });
  if (res.status !== 200) throw new Error(`sign-in ${res.status}: ${await res.text()}`);
  return (await json<{ token: string }>(res)).token;
}

export interface ReportRef {
  id: number;
  code: string;
  userId: string | null;
  deviceHash: string | null;
}

export async function reportRef(code: string): Promise<ReportRef> {
  const [row] = await db()
    .select({
      id: reports.id,
      code: reports.code,
      userId: reports.userId,
      deviceHash: reports.deviceHash,
    })
    .from(reports)
    .where(eq(reports.code, code));
  if (!row) throw new Error(`no report ${code}`);
  return row;
}

/** What the workflow does on a public status change: one batch with the reporter's notice. */
export async function notifyReporter(
  report: ReportRef,
  opts: { status?: ReportStatus; message?: string; key?: string; now?: string } = {},
): Promise<string> {
  const key = opts.key ?? `${report.code}:test:${crypto.randomUUID()}`;
  const d = db();
  const notice: Notice = {
    to: 'reporter',
    key,
    reportId: report.id,
    code: report.code,
    userId: report.userId,
    deviceHash: report.deviceHash,
    status: opts.status ?? 'assigned',
    message: opts.message ?? 'Phản ánh đã được chuyển đến Sở Xây dựng xử lý.',
  };
  const statements = noticeStatements(d, [notice], opts.now ?? new Date().toISOString());
  const [first, ...rest] = statements;
  if (first) await d.batch([first, ...rest]);
  return key;
}

export async function outboxRow(noticeKey: string): Promise<OutboxMessage | undefined> {
  const [row] = await db()
    .select()
    .from(outbox)
    .where(eq(outbox.dedupeKey, `${noticeKey}:citizen`));
  return row;
}

/** A zalo_oa_followers row, as the OA webhook would have recorded it. */
export async function follower(
  appUserId: string,
  opts: { oaUserId?: string; lastInteractionAt: Date; followed?: boolean },
): Promise<string> {
  const oaUserId = opts.oaUserId ?? newOaUserId();
  await db()
    .insert(zaloOaFollowers)
    .values({
      oaUserId,
      appUserId,
      followed: opts.followed ?? true,
      lastInteractionAt: opts.lastInteractionAt.toISOString(),
    });
  return oaUserId;
}

export async function notificationsOf(headers: Record<string, string>, query = '') {
  return call(`/api/v1/notifications${query}`, { headers });
}

// ---- the Zalo OA / ZNS stand-in -------------------------------------------------------------

export type FakeChannel = 'oa' | 'zns';

export interface FakeLog {
  delivered: {
    at: string;
    messageId: string;
    text?: string;
    templateData?: Record<string, string>;
    trackingId?: string;
  }[];
  attempts: number;
}

const fakeUrl = (path: string) => new URL(path, inject('zaloOaUrl')).toString();

async function control(path: string, body: unknown) {
  const res = await fetch(fakeUrl(path), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`fake ${path}: ${res.status}`);
  await res.arrayBuffer();
}

export const fakeZalo = {
  /** The next `times` requests to this recipient (all, without it) fail this way. */
  fail: (
    channel: FakeChannel,
    recipient: string,
    failure: { status?: number; error?: number; message?: string; times?: number },
  ) => control('/__fake/fail', { channel, recipient, ...failure }),
  heal: (channel: FakeChannel, recipient: string) =>
    control('/__fake/heal', { channel, recipient }),
  async log(channel: FakeChannel, recipient: string): Promise<FakeLog> {
    const url = new URL(fakeUrl('/__fake/log'));
    url.searchParams.set('channel', channel);
    url.searchParams.set('recipient', recipient);
    const res = await fetch(url);
    return (await res.json()) as FakeLog;
  },
};
