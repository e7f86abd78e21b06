import { agencies, notifications, outbox } from '@tinh/db/schema';
import { eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type Notice, noticeStatements } from '../src/notifications/notify';
import { call } from './helpers';
import {
  db,
  newZaloId,
  notificationsOf,
  notifyReporter,
  reportRef,
  signInCitizen,
} from './support/notifications';
import { createOfficial, signedInOfficial } from './support/officials';
import { errorOf, json, newPhone, type Phone, submitOk } from './support/reports';

// The in-app notification lists: a citizen's (by signed-in user and by device) and an
// official's, with unread counts, paging and "mark as read".

interface ListJson {
  items: {
    id: number;
    kind: string;
    title: string;
    body: string;
    reportCode: string | null;
    read: boolean;
    readAt: string | null;
    createdAt: string;
  }[];
  nextCursor: string | null;
  unreadCount: number;
}

const device = (phone: Phone) => ({ 'X-Device-Id': phone.deviceId });
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function list(headers: Record<string, string>, query = ''): Promise<ListJson> {
  const res = await notificationsOf(headers, query);
  if (res.status !== 200) throw new Error(`list ${res.status}: ${await res.text()}`);
  return json<ListJson>(res);
}

function markRead(path: string, headers: Record<string, string>, body: unknown) {
  return call(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

async function anonymousReport() {
  const phone = newPhone();
  const submitted = await submitOk(phone);
  return { phone, report: await reportRef(submitted.code) };
}

describe('citizen notifications', () => {
  it('shows a status change to the device that sent the report, and to no other device', async () => {
    const { phone, report } = await anonymousReport();
    await notifyReporter(report, {
      status: 'in_progress',
      message: 'Đơn vị thi công đang vá ổ gà.',
    });

    const mine = await list(device(phone));
    expect(mine.unreadCount).toBe(1);
    expect(mine.items).toEqual([
      expect.objectContaining({
        kind: 'report.status',
        title: `Phản ánh ${report.code}`,
        body: 'Đơn vị thi công đang vá ổ gà.',
        reportCode: report.code,
        read: false,
        readAt: null,
      }),
    ]);

    const stranger = await list(device(newPhone()));
    expect(stranger).toEqual({ items: [], nextCursor: null, unreadCount: 0 });
  });

  it('asks for a device id when nobody is signed in', async () => {
    const res = await notificationsOf({});
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('device_id_required');
  });

  it('follows a signed-in citizen to every device, and shows the device in hand too', async () => {
    const token = await signInCitizen(newZaloId());
    const phoneA = newPhone();
    // An anonymous report from phone A, before signing in.
    const submitted = await submitOk(phoneA);
    const deviceReport = await reportRef(submitted.code);
    // A report sent while signed in is addressed to the user, not to the device.
    const signedRes = await call('/api/v1/reports', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...bearer(token),
        'CF-Connecting-IP': phoneA.ip,
      },
      body: JSON.stringify({
        submissionId: crypto.randomUUID(),
        categoryId: 'giao_thong',
        description: 'Đèn tín hiệu giao lộ Trần Hưng Đạo không hoạt động từ sáng nay.',
        location: { source: 'pin', lat: 9.7845, lng: 105.4701 },
        deviceId: phoneA.deviceId,
      }),
    });
    expect(signedRes.status).toBe(201);
    const userReport = await reportRef((await json<{ code: string }>(signedRes)).code);
    expect(userReport.userId).not.toBeNull();

    await notifyReporter(deviceReport, { message: 'Thông báo cho thiết bị A' });
    await notifyReporter(userReport, { message: 'Thông báo cho tài khoản' });

    // On another phone, signed in: the user's notification only.
    const elsewhere = await list({ ...bearer(token), ...device(newPhone()) });
    expect(elsewhere.items.map((i) => i.body)).toEqual(['Thông báo cho tài khoản']);
    // Signed in, no device header at all: still the user's.
    expect((await list(bearer(token))).items.map((i) => i.body)).toEqual([
      'Thông báo cho tài khoản',
    ]);
    // On phone A, signed in: both.
    const onA = await list({ ...bearer(token), ...device(phoneA) });
    expect(onA.items.map((i) => i.body)).toEqual([
      'Thông báo cho tài khoản',
      'Thông báo cho thiết bị A',
    ]);
    expect(onA.unreadCount).toBe(2);
    // Phone A without signing in: only what was addressed to the device.
    expect((await list(device(phoneA))).items.map((i) => i.body)).toEqual([
      'Thông báo cho thiết bị A',
    ]);
  });

  it('notifies once when the same change is announced twice, and queues one Zalo message', async () => {
    const { phone, report } = await anonymousReport();
    const key = await notifyReporter(report);
    await notifyReporter(report, { key });
    expect((await list(device(phone))).items).toHaveLength(1);
    const queued = await db()
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, `${key}:citizen`));
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ channel: 'citizen_status', status: 'pending', attempts: 0 });
    expect(JSON.parse(queued[0]?.payload ?? '{}')).toEqual({
      reportId: report.id,
      code: report.code,
      status: 'assigned',
      message: 'Phản ánh đã được chuyển đến Sở Xây dựng xử lý.',
    });
  });

  it('pages newest first', async () => {
    const { phone, report } = await anonymousReport();
    for (const n of [1, 2, 3, 4, 5]) await notifyReporter(report, { message: `Cập nhật ${n}` });

    const first = await list(device(phone), '?limit=2');
    expect(first.items.map((i) => i.body)).toEqual(['Cập nhật 5', 'Cập nhật 4']);
    expect(first.unreadCount).toBe(5);
    expect(first.nextCursor).not.toBeNull();
    const second = await list(device(phone), `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((i) => i.body)).toEqual(['Cập nhật 3', 'Cập nhật 2']);
    const third = await list(device(phone), `?limit=2&cursor=${second.nextCursor}`);
    expect(third.items.map((i) => i.body)).toEqual(['Cập nhật 1']);
    expect(third.nextCursor).toBeNull();

    const bad = await notificationsOf(device(phone), '?cursor=abc');
    expect(bad.status).toBe(400);
  });

  it('marks chosen or all notifications read, and never someone else’s', async () => {
    const { phone, report } = await anonymousReport();
    const other = await anonymousReport();
    for (const n of [1, 2, 3]) await notifyReporter(report, { message: `Tin ${n}` });
    await notifyReporter(other.report, { message: 'Tin của người khác' });
    const [newest] = (await list(device(phone))).items;
    const [theirs] = (await list(device(other.phone))).items;
    if (!newest || !theirs) throw new Error('missing notifications');

    const res = await markRead('/api/v1/notifications/read', device(phone), {
      ids: [newest.id, theirs.id],
    });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ updated: 1, unreadCount: 2 });
    const after = await list(device(phone));
    expect(after.items.map((i) => i.read)).toEqual([true, false, false]);
    expect(after.items[0]?.readAt).toEqual(expect.any(String));
    // The other citizen's notification is untouched.
    expect((await list(device(other.phone))).unreadCount).toBe(1);

    const count = await call('/api/v1/notifications/unread-count', { headers: device(phone) });
    expect(await json(count)).toEqual({ unreadCount: 2 });

    const all = await markRead('/api/v1/notifications/read', device(phone), { all: true });
    expect(await json(all)).toEqual({ updated: 2, unreadCount: 0 });
    // Marking again changes nothing.
    const again = await markRead('/api/v1/notifications/read', device(phone), { all: true });
    expect(await json(again)).toEqual({ updated: 0, unreadCount: 0 });
  });

  it('refuses a read request that names nothing', async () => {
    const { phone } = await anonymousReport();
    for (const body of [{}, { ids: [] }, { all: false }, { ids: ['x'] }]) {
      const res = await markRead('/api/v1/notifications/read', device(phone), body);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe('validation_failed');
    }
  });
});

describe('officials’ notifications', () => {
  /** What the workflow or the SLA sweep does: the officials' notice in one batch. */
  async function announce(notice: Notice & { to: 'officials' }) {
    const d = db();
    const [first, ...rest] = noticeStatements(d, [notice], new Date().toISOString());
    if (first) await d.batch([first, ...rest]);
  }

  it('reaches the officials of the agency with the named roles only', async () => {
    // An agency of this test alone: other test files sign in officials of the seeded ones.
    const agency = `test_${crypto.randomUUID().slice(0, 8)}`;
    await db()
      .insert(agencies)
      .values({ id: agency, name: `Cơ quan thử ${agency}` });
    const leader = await signedInOfficial({ roles: ['agency_leader'], agencyId: agency });
    const handler = await signedInOfficial({ roles: ['agency_handler'], agencyId: agency });
    const elsewhere = await signedInOfficial({ roles: ['agency_leader'], agencyId: 'so_y_te' });
    const disabled = await createOfficial({
      roles: ['agency_leader'],
      agencyId: agency,
      status: 'disabled',
    });
    const { report } = await anonymousReport();
    const key = `${report.code}:overdue:${crypto.randomUUID()}`;
    await announce({
      to: 'officials',
      key,
      reportId: report.id,
      code: report.code,
      agencyId: agency,
      roles: ['agency_leader'],
      kind: 'report.overdue',
      title: `Phản ánh ${report.code} quá hạn`,
      body: 'Đã quá hạn xử lý.',
    });

    const res = await call('/api/v1/work/notifications', { headers: leader.headers });
    expect(res.status).toBe(200);
    const mine = await json<ListJson>(res);
    const ours = mine.items.filter((i) => i.reportCode === report.code);
    expect(ours).toEqual([
      expect.objectContaining({
        kind: 'report.overdue',
        title: `Phản ánh ${report.code} quá hạn`,
        read: false,
      }),
    ]);
    for (const other of [handler, elsewhere]) {
      const theirs = await json<ListJson>(
        await call('/api/v1/work/notifications', { headers: other.headers }),
      );
      expect(theirs.items.filter((i) => i.reportCode === report.code)).toEqual([]);
    }
    const rows = await db()
      .select({ recipientId: notifications.recipientId })
      .from(notifications)
      .where(like(notifications.dedupeKey, `${key}:%`));
    expect(rows.map((r) => r.recipientId)).toEqual([leader.official.id]);
    expect(rows.map((r) => r.recipientId)).not.toContain(disabled.id);
  });

  it('lets an official mark their notifications read', async () => {
    const ioc = await signedInOfficial({ roles: ['ioc_operator'], agencyId: 'ioc' });
    const { report } = await anonymousReport();
    await announce({
      to: 'officials',
      key: `${report.code}:returned:${crypto.randomUUID()}`,
      reportId: report.id,
      code: report.code,
      agencyId: null,
      roles: ['ioc_operator'],
      kind: 'report.returned',
      title: `Phản ánh ${report.code} bị trả lại`,
      body: 'Không thuộc thẩm quyền của Sở.',
    });
    const before = await json<ListJson>(
      await call('/api/v1/work/notifications', { headers: ioc.headers }),
    );
    expect(before.unreadCount).toBeGreaterThanOrEqual(1);
    const item = before.items.find((i) => i.reportCode === report.code);
    if (!item) throw new Error('notification missing');

    const res = await markRead('/api/v1/work/notifications/read', ioc.headers, { ids: [item.id] });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ updated: 1, unreadCount: before.unreadCount - 1 });
    const count = await call('/api/v1/work/notifications/unread-count', { headers: ioc.headers });
    expect(await json(count)).toEqual({ unreadCount: before.unreadCount - 1 });
  });

  it('needs an official session', async () => {
    const res = await call('/api/v1/work/notifications');
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe('official_session_required');
    // A citizen's token is not an official session.
    const token = await signInCitizen(newZaloId());
    const citizen = await call('/api/v1/work/notifications', { headers: bearer(token) });
    expect(citizen.status).toBe(401);
  });
});

describe('API documentation', () => {
  it('describes the notification endpoints', async () => {
    const res = await call('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = await json<{ paths: Record<string, Record<string, unknown>> }>(res);
    for (const path of [
      '/api/v1/notifications',
      '/api/v1/notifications/unread-count',
      '/api/v1/notifications/read',
      '/api/v1/work/notifications',
      '/api/v1/work/notifications/read',
      '/api/v1/zalo/oa/webhook',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });
});
