import { describe, expect, it } from 'vitest';
import { call } from './helpers';
import { asAgencyHandler, asAgencyLeader, asIoc, createOfficial } from './support/officials';
import {
  act,
  auditOf,
  detail,
  errorOf,
  eventsOf,
  notificationsOf,
  ok,
  publicView,
  rate,
  reopen,
  reportRow,
  sendReport,
  sql,
  uploadResultPhoto,
  workGet,
  workPost,
} from './support/work';

// The officials' workflow, transition by transition, through the real routes: the IOC checks
// and routes, the agency accepts, works, updates, notes, asks for time, resolves with photos;
// the citizen rates and reopens. Illegal transitions are refused with 409 and a Vietnamese
// message; every change leaves its event, audit entry and notifications.

/** giao_thong → so_xay_dung (fixtures/categories.json). */
const AGENCY = 'so_xay_dung';

async function assignedReport() {
  const ioc = await asIoc();
  const sent = await sendReport();
  await ok(await act(ioc, sent.code, 'intake', { decision: 'valid' }));
  return { ioc, sent };
}

describe('the happy path: intake → accept → start → update → resolve → rate → reopen', () => {
  it('moves the report through every state, with public and internal events', async () => {
    const ioc = await asIoc();
    const handler = await asAgencyHandler(AGENCY);
    const leader = await asAgencyLeader(AGENCY);
    const sent = await sendReport();

    let d = await detail(ioc, sent.code);
    expect(d.report.status).toBe('received');
    expect(d.allowedActions).toEqual(expect.arrayContaining(['intake', 'assign', 'note']));
    expect(d.allowedActions).not.toContain('accept');

    // Intake: valid → assigned at once to the category's agency.
    d = await ok(await act(ioc, sent.code, 'intake', { decision: 'valid' }));
    expect(d.report.status).toBe('assigned');
    expect(d.report.agency?.id).toBe(AGENCY);
    expect(d.report.verifiedAt).not.toBeNull();
    expect(d.report.firstAssignedAt).toBe(d.report.assignedAt);
    expect(d.timeline.map((e) => e.type)).toEqual(['received', 'verified', 'assigned']);

    // The agency sees it with its buttons.
    d = await detail(handler, sent.code);
    expect(d.allowedActions).toEqual(
      expect.arrayContaining(['accept', 'start', 'return', 'update', 'note', 'request_extension']),
    );
    expect(d.allowedActions).not.toContain('resolve');
    expect(d.allowedActions).not.toContain('assign');

    d = await ok(await act(handler, sent.code, 'accept'));
    expect(d.report.acceptedAt).not.toBeNull();
    expect(d.allowedActions).toContain('resolve');
    expect(d.allowedActions).not.toContain('accept');

    d = await ok(
      await act(handler, sent.code, 'start', { message: 'Đội duy tu đã ra hiện trường.' }),
    );
    expect(d.report.status).toBe('in_progress');

    const update = await ok<{ eventId: number; created: boolean }>(
      await act(handler, sent.code, 'updates', {
        message: 'Đã rào chắn, sẽ vá trong tuần.',
        clientKey: crypto.randomUUID(),
      }),
      201,
    );
    expect(update.created).toBe(true);
    await ok(
      await act(leader, sent.code, 'notes', {
        note: 'Nhà thầu hẹn thứ Năm, cần theo dõi.',
        clientKey: crypto.randomUUID(),
      }),
      201,
    );

    const deviceId = `official-device-${crypto.randomUUID()}`;
    const photo = await uploadResultPhoto(deviceId);
    d = await ok(
      await act(handler, sent.code, 'resolve', {
        answer: 'Đã vá ổ gà, mặt đường an toàn.',
        mediaIds: [photo],
        deviceId,
      }),
    );
    expect(d.report.status).toBe('resolved');
    expect(d.report.resolvedAt).not.toBeNull();
    expect(d.media.filter((m) => m.phase === 'result').map((m) => m.id)).toEqual([photo]);
    expect(d.allowedActions).toEqual(['note']);

    // The citizen sees the answer and the result photo, never the internal note.
    const pub = await publicView(sent.code);
    expect(pub.res.status).toBe(200);
    expect(pub.text).toContain('Đã vá ổ gà, mặt đường an toàn.');
    expect(pub.text).toContain('Đã rào chắn, sẽ vá trong tuần.');
    expect(pub.text).toContain(photo);
    expect(pub.text).not.toContain('Nhà thầu hẹn thứ Năm');

    // Rating: visible to officials, notifies nobody.
    const before = (await notificationsOf(sent.code)).length;
    expect((await rate(sent, 'unsatisfied')).status).toBe(201);
    expect((await notificationsOf(sent.code)).length).toBe(before);
    d = await detail(handler, sent.code);
    expect(d.ratings.map((r) => r.rating)).toEqual(['unsatisfied']);

    // Reopen: back to the agency, in progress, and its handlers and leader hear of it.
    expect((await reopen(sent, 'Ổ gà lại bị bể.')).status).toBe(200);
    const row = await reportRow(sent.code);
    expect(row.status).toBe('in_progress');
    expect(row.agency_id).toBe(AGENCY);
    const reopened = (await notificationsOf(sent.code)).filter((n) => n.kind === 'report.reopened');
    expect(reopened.map((n) => n.recipient_id)).toEqual(
      expect.arrayContaining([handler.official.id, leader.official.id]),
    );
    expect((await auditOf(sent.code)).map((a) => a.action)).toContain('report.reopen');
    d = await detail(handler, sent.code);
    expect(d.allowedActions).toContain('resolve');
  });
});

describe('illegal transitions', () => {
  it('refuses with 409 illegal_transition, the from-status and a Vietnamese message', async () => {
    const ioc = await asIoc();
    const handler = await asAgencyHandler(AGENCY);
    const sent = await sendReport();

    // Not assigned yet: the agency cannot see it at all (outside its scope) → 404.
    expect((await act(handler, sent.code, 'accept')).status).toBe(404);

    await ok(await act(ioc, sent.code, 'intake', { decision: 'valid' }));
    // Intake twice.
    let res = await act(ioc, sent.code, 'intake', { decision: 'valid' });
    expect(res.status).toBe(409);
    let err = await errorOf(res);
    expect(err.code).toBe('illegal_transition');
    expect(err.details).toEqual({ from: 'assigned', action: 'intake' });
    expect(err.message).toMatch(/Không thể kiểm tra/);

    // Resolve before accepting.
    res = await act(handler, sent.code, 'resolve', { answer: 'Xong.', mediaIds: [] });
    expect(res.status).toBe(409);
    err = await errorOf(res);
    expect(err.message).toContain('Cơ quan cần tiếp nhận phản ánh trước khi báo cáo kết quả.');

    await ok(await act(handler, sent.code, 'accept'));
    // Accept twice.
    res = await act(handler, sent.code, 'accept');
    expect(res.status).toBe(409);
    expect((await errorOf(res)).message).toContain('đã tiếp nhận');

    await ok(await act(handler, sent.code, 'start', {}));
    // Start twice.
    res = await act(handler, sent.code, 'start', {});
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toMatchObject({
      code: 'illegal_transition',
      details: { from: 'in_progress', action: 'start' },
    });

    await ok(await act(handler, sent.code, 'resolve', { answer: 'Đã xử lý xong.', mediaIds: [] }));
    for (const [who, action, body] of [
      [handler, 'resolve', { answer: 'Lần nữa.', mediaIds: [] }],
      [handler, 'updates', { message: 'Cập nhật', clientKey: crypto.randomUUID() }],
      [handler, 'return', { reason: 'Sai cơ quan' }],
      [
        handler,
        'extension-requests',
        { reason: 'Cần thêm thời gian', requestedDueAt: '2099-01-01T00:00:00Z' },
      ],
      [ioc, 'intake', { decision: 'spam', publicReason: 'Rác' }],
    ] as const) {
      const r = await act(who, sent.code, action, body);
      const e = await errorOf(r);
      expect([r.status, e.code, action]).toEqual([409, 'illegal_transition', action]);
      expect((e.details as { from: string }).from).toBe('resolved');
      expect(e.message).toContain('"Đã xử lý"');
    }
    // Assignment is a list: the report is skipped with the same reason.
    const assigned = await ok<{ assigned: unknown[]; skipped: { error: { code: string } }[] }>(
      await act(ioc, sent.code, 'assign'),
    );
    expect(assigned.assigned).toEqual([]);
    expect(assigned.skipped[0]?.error.code).toBe('illegal_transition');
  });

  it('a retried action does not apply twice (the guarded update finds the state moved on)', async () => {
    const { sent } = await assignedReport();
    const handler = await asAgencyHandler(AGENCY);
    const [a, b] = await Promise.all([
      act(handler, sent.code, 'accept'),
      act(handler, sent.code, 'accept'),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const accepted = (await eventsOf(sent.code)).filter((e) => e.type === 'accepted');
    expect(accepted).toHaveLength(1);
    expect((await auditOf(sent.code)).filter((x) => x.action === 'report.accept')).toHaveLength(1);
  });
});

describe('return to the IOC', () => {
  it('goes back to received without agency, keeps the reason internal, notifies the IOC', async () => {
    const { ioc, sent } = await assignedReport();
    const handler = await asAgencyHandler(AGENCY);
    await ok(await act(handler, sent.code, 'accept'));
    await ok(
      await act(handler, sent.code, 'return', {
        reason: 'Đường tỉnh lộ, thuộc Khu quản lý đường bộ.',
      }),
    );
    // No longer the agency's: outside its scope.
    expect((await workGet(handler, `/reports/${sent.code}`)).status).toBe(404);
    const d = await detail(ioc, sent.code);
    expect(d.report.status).toBe('received');
    expect(d.report.agency).toBeNull();
    expect(d.report.acceptedAt).toBeNull();
    const row = await reportRow(sent.code);
    expect(row.first_assigned_at).not.toBeNull();
    const returned = d.timeline.find((e) => e.type === 'returned');
    expect(returned?.note).toBe('Đường tỉnh lộ, thuộc Khu quản lý đường bộ.');
    const pub = await publicView(sent.code);
    expect(pub.text).not.toContain('Khu quản lý đường bộ');
    const notes = await notificationsOf(sent.code);
    expect(
      notes.some((n) => n.kind === 'report.returned' && n.recipient_id === ioc.official.id),
    ).toBe(true);
    // The IOC assigns it again: first_assigned_at keeps the first assignment.
    const again = await ok<{ assigned: { code: string }[] }>(
      await act(ioc, sent.code, 'assign', { agencyId: 'cap_thoat_nuoc' }),
    );
    expect(again.assigned).toHaveLength(1);
    const after = await reportRow(sent.code);
    expect(after.first_assigned_at).toBe(row.first_assigned_at);
    expect(after.assigned_at).not.toBe(row.first_assigned_at);
    expect(after.agency_id).toBe('cap_thoat_nuoc');
  });
});

describe('public updates and internal notes', () => {
  it('a retried update with the same clientKey is written once and answers the same event', async () => {
    const { sent } = await assignedReport();
    const handler = await asAgencyHandler(AGENCY);
    const clientKey = crypto.randomUUID();
    const body = { message: 'Đã khảo sát hiện trường.', clientKey };
    const first = await ok<{ eventId: number; created: boolean }>(
      await act(handler, sent.code, 'updates', body),
      201,
    );
    const second = await ok<{ eventId: number; created: boolean }>(
      await act(handler, sent.code, 'updates', body),
      200,
    );
    expect(second).toMatchObject({ eventId: first.eventId, created: false });
    const updates = (await eventsOf(sent.code)).filter((e) => e.type === 'update');
    expect(updates).toHaveLength(1);
    const reporterNotices = (await notificationsOf(sent.code)).filter(
      (n) => n.body === 'Đã khảo sát hiện trường.',
    );
    expect(reporterNotices).toHaveLength(1);
    // The same key for a note is another content: refused.
    const res = await act(handler, sent.code, 'notes', { note: 'x', clientKey });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe('client_key_reused');
  });

  it('internal notes never reach the public view, the feed or the reporter', async () => {
    const { ioc, sent } = await assignedReport();
    const secret = `Ghi chú mật ${crypto.randomUUID()}`;
    const first = await ok<{ eventId: number }>(
      await act(ioc, sent.code, 'notes', { note: secret, clientKey: crypto.randomUUID() }),
      201,
    );
    expect(first.eventId).toBeGreaterThan(0);
    for (const token of [undefined, sent.followToken]) {
      const pub = await publicView(sent.code, token);
      expect(pub.res.status).toBe(200);
      expect(pub.text).not.toContain(secret);
      expect(pub.text).not.toContain('Ghi chú nội bộ');
    }
    const feed = await (await call(`/api/v1/feed?q=${encodeURIComponent(secret)}`)).text();
    expect(feed).not.toContain(secret);
    expect((await notificationsOf(sent.code)).some((n) => n.body.includes(secret))).toBe(false);
    const d = await detail(ioc, sent.code);
    const note = d.timeline.find((e) => e.type === 'note');
    expect(note).toMatchObject({ isPublic: false, note: secret, publicMessage: null });
    expect(note?.actor.name).toBe(ioc.official.fullName);
  });
});

describe('deadline extensions', () => {
  it('one pending request per report; the IOC approves: new due date, overdue cleared', async () => {
    const { ioc, sent } = await assignedReport();
    const handler = await asAgencyHandler(AGENCY);
    const leader = await asAgencyLeader(AGENCY);
    await ok(await act(handler, sent.code, 'start', {}));
    await sql('update reports set overdue_at = ?, escalated_at = ? where code = ?', [
      new Date().toISOString(),
      new Date().toISOString(),
      sent.code,
    ]);
    const requestedDueAt = new Date(Date.now() + 20 * 86_400_000).toISOString();
    const d = await ok<Awaited<ReturnType<typeof detail>>>(
      await act(handler, sent.code, 'extension-requests', {
        reason: 'Chờ vật tư thay thế.',
        requestedDueAt,
      }),
      201,
    );
    expect(d.extensionRequests).toHaveLength(1);
    expect(d.allowedActions).not.toContain('request_extension');
    const again = await act(handler, sent.code, 'extension-requests', {
      reason: 'Lần hai.',
      requestedDueAt,
    });
    expect(again.status).toBe(409);
    expect((await errorOf(again)).message).toContain('đang chờ IOC');
    const notices = await notificationsOf(sent.code);
    expect(
      notices.some(
        (n) => n.kind === 'report.extension_requested' && n.recipient_id === ioc.official.id,
      ),
    ).toBe(true);

    // Pending list: the IOC sees it, another agency does not.
    const list = await ok<{ items: { id: number; code: string }[] }>(
      await workGet(ioc, '/extension-requests'),
    );
    const item = list.items.find((i) => i.code === sent.code);
    expect(item).toBeDefined();
    const other = await asAgencyHandler('so_y_te');
    const otherList = await ok<{ items: { code: string }[] }>(
      await workGet(other, '/extension-requests'),
    );
    expect(otherList.items.some((i) => i.code === sent.code)).toBe(false);

    // The agency cannot decide; the IOC can, once.
    const id = item?.id ?? 0;
    expect(
      (await workPost(handler, `/extension-requests/${id}/decision`, { approve: true })).status,
    ).toBe(403);
    const decided = await ok<{ status: string; dueAt: string }>(
      await workPost(ioc, `/extension-requests/${id}/decision`, { approve: true, note: 'Đồng ý.' }),
    );
    expect(decided.status).toBe('approved');
    const row = await reportRow(sent.code);
    expect(row.due_at).toBe(new Date(requestedDueAt).toISOString());
    expect(row.overdue_at).toBeNull();
    expect(row.escalated_at).toBeNull();
    const twice = await workPost(ioc, `/extension-requests/${id}/decision`, { approve: false });
    expect(twice.status).toBe(409);
    expect((await errorOf(twice)).code).toBe('illegal_transition');
    const decidedNotices = (await notificationsOf(sent.code)).filter(
      (n) => n.kind === 'report.extension_decided',
    );
    expect(decidedNotices.map((n) => n.recipient_id)).toEqual(
      expect.arrayContaining([handler.official.id, leader.official.id]),
    );
    // The citizen sees the new deadline's message.
    expect((await publicView(sent.code)).text).toContain('gia hạn');
  });

  it('a requested deadline before the current one is refused', async () => {
    const { sent } = await assignedReport();
    const handler = await asAgencyHandler(AGENCY);
    const res = await act(handler, sent.code, 'extension-requests', {
      reason: 'Thử hạn cũ.',
      requestedDueAt: '2020-01-01T00:00:00Z',
    });
    expect(res.status).toBe(422);
    expect((await errorOf(res)).code).toBe('extension_not_later');
  });
});

describe('result photos', () => {
  it('only files uploaded with the given device id, complete and unattached, can be attached', async () => {
    const { sent } = await assignedReport();
    const handler = await asAgencyHandler(AGENCY);
    await ok(await act(handler, sent.code, 'start', {}));
    const mine = `official-device-${crypto.randomUUID()}`;
    const photo = await uploadResultPhoto(`someone-else-${crypto.randomUUID()}`);
    let res = await act(handler, sent.code, 'resolve', {
      answer: 'Đã xử lý.',
      mediaIds: [photo],
      deviceId: mine,
    });
    expect(res.status).toBe(422);
    expect((await errorOf(res)).code).toBe('media_unavailable');
    res = await act(handler, sent.code, 'resolve', { answer: 'Đã xử lý.', mediaIds: [photo] });
    expect(res.status).toBe(422);
    expect((await reportRow(sent.code)).status).toBe('in_progress');
    const own = await uploadResultPhoto(mine);
    await ok(
      await act(handler, sent.code, 'resolve', {
        answer: 'Đã xử lý.',
        mediaIds: [own],
        deviceId: mine,
      }),
    );
  });
});

describe("the reporter's contact", () => {
  it('the IOC reads it; the handling agency only when the reporter allowed it', async () => {
    const ioc = await asIoc();
    const handler = await asAgencyHandler(AGENCY);
    const sent = await sendReport({
      contact: {
        name: 'Trần Thị Chín',
        phone: '0987654321',
        agencyMayContact: false,
        consent: true,
      },
    });
    await ok(await act(ioc, sent.code, 'intake', { decision: 'valid' }));
    const seenByIoc = await detail(ioc, sent.code);
    expect(seenByIoc.contactAccess).toBe('shown');
    expect(seenByIoc.contact?.name).toBe('Trần Thị Chín');
    const seenByAgency = await detail(handler, sent.code);
    expect(seenByAgency.contactAccess).toBe('withheld');
    expect(seenByAgency.contact).toBeNull();
    expect(JSON.stringify(seenByAgency)).not.toContain('Trần Thị Chín');
  });
});

describe('who is told', () => {
  it('the reporter on public status changes, the agency on assignment', async () => {
    const ioc = await asIoc();
    const handler = await createOfficial({ roles: ['agency_handler'], agencyId: AGENCY });
    const sent = await sendReport();
    await ok(await act(ioc, sent.code, 'intake', { decision: 'valid' }));
    const notes = await notificationsOf(sent.code);
    expect(notes.some((n) => n.recipient_type === 'device' && n.body.includes('Sở Xây dựng'))).toBe(
      true,
    );
    expect(notes.some((n) => n.kind === 'report.assigned' && n.recipient_id === handler.id)).toBe(
      true,
    );
  });
});
