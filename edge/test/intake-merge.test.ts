import { describe, expect, it } from 'vitest';
import { hashDeviceId } from '../src/reports/tokens';
import { call } from './helpers';
import {
  appSession,
  asAgencyHandler,
  asAgencyLeader,
  asCommuneOfficer,
  asIoc,
  asProvinceLeader,
  createOfficial,
} from './support/officials';
import { postJson } from './support/reports';
import {
  act,
  auditOf,
  type Detail,
  detail,
  errorOf,
  eventsOf,
  marker,
  ok,
  publicView,
  reportRow,
  type Sent,
  sendReport,
  sql,
  type Who,
  workGet,
} from './support/work';

// Merging duplicates (smart intake): the IOC's candidates on a report's page and the one-click
// merge (POST /work/reports/{code}/merge), which is also the intake decision "duplicate". A
// merged report's reporter and its followers become followers of the main report, and from
// then on every status notice of the main report reaches them, each person once.

// Each test works at its own spot of the province, far from the other files' reports (most of
// them sit on the Vị Thanh centre), so the candidate search sees only this test's reports.
function spot() {
  const r = crypto.getRandomValues(new Uint32Array(2));
  return {
    source: 'pin',
    lat: 9.6 + ((r[0] ?? 0) / 2 ** 32) * 0.3,
    lng: 105.3 + ((r[1] ?? 0) / 2 ** 32) * 0.35,
  };
}

/** ~`metres` north of a point. */
const north = (p: { lat: number; lng: number }, metres: number) => ({
  ...p,
  lat: p.lat + metres / 111_320,
});

const merge = (who: Who | null, code: string, body: Record<string, unknown>) =>
  act(who, code, 'merge', body);

interface MergeResult {
  code: string;
  into: string;
  status: string;
  created: boolean;
}

interface Candidates {
  report: { code: string; status: string; open: boolean; hidden: boolean };
  radiusMetres: number;
  windowDays: number;
  candidates: {
    code: string;
    status: string;
    category: { id: string; name: string };
    excerpt: string;
    distanceMetres: number;
    similarity: number;
    supporterCount: number;
    hidden: boolean;
    suggestedMain: 'this' | 'candidate';
  }[];
  merged: { code: string; excerpt: string }[];
}

const candidatesOf = async (who: Who, code: string) =>
  ok<Candidates>(await workGet(who, `/reports/${code}/duplicates`));

/** In-app notifications about report `code` addressed to one recipient. */
const inbox = (code: string, type: string, id: string) =>
  sql<{ kind: string; title: string; body: string; dedupe_key: string }>(
    `select n.* from notifications n join reports r on r.id = n.report_id
     where r.code = ? and n.recipient_type = ? and n.recipient_id = ? order by n.id`,
    [code, type, id],
  );

const deviceOf = (sent: Sent) => hashDeviceId(sent.phone.deviceId);

const supportersOf = (code: string) =>
  sql<{ supporter_hash: string }>(
    `select s.supporter_hash from report_supporters s join reports r on r.id = s.report_id
     where r.code = ? order by s.supporter_hash`,
    [code],
  ).then((rows) => rows.map((r) => r.supporter_hash));

async function support(code: string, deviceId: string) {
  const res = await postJson(`/api/v1/reports/${code}/support`, { deviceId });
  if (res.status !== 200) throw new Error(`support ${res.status}: ${await res.text()}`);
}

describe('merge', () => {
  it('closes the duplicate, links it, moves its followers and records it on both reports', async () => {
    const ioc = await asIoc();
    const at = spot();
    const main = await sendReport({ location: at });
    const dup = await sendReport({ location: north(at, 40) });
    const fan = crypto.randomUUID();
    await support(dup.code, fan);

    const res = await ok<MergeResult>(
      await merge(ioc, dup.code, { into: main.code, note: 'Cùng một ổ gà, ảnh chụp khác góc.' }),
    );
    expect(res).toEqual({ code: dup.code, into: main.code, status: 'duplicate', created: true });

    const d = await detail(ioc, dup.code);
    expect(d.report).toMatchObject({ status: 'duplicate', duplicateOf: main.code });
    expect(d.report.verifiedAt).not.toBeNull();
    const m = await detail(ioc, main.code);
    expect(m.report.status).toBe('received');
    expect(m.report.duplicates).toEqual([dup.code]);
    // The duplicate's reporter and its supporter follow the main report now.
    expect(await supportersOf(main.code)).toEqual(
      [await deviceOf(dup), await hashDeviceId(fan)].sort(),
    );
    expect((await reportRow(main.code)) as unknown as { supporter_count: number }).toMatchObject({
      supporter_count: 2,
    });

    // Events: public on the duplicate (the citizen sees where it went), internal on the main.
    const dupEvent = (await eventsOf(dup.code)).at(-1);
    expect(dupEvent).toMatchObject({ type: 'duplicate', is_public: 1 });
    expect(dupEvent?.public_message).toContain(main.code);
    expect(dupEvent?.note).toBe('Cùng một ổ gà, ảnh chụp khác góc.');
    const mainEvent = (await eventsOf(main.code)).at(-1);
    expect(mainEvent).toMatchObject({ type: 'note', is_public: 0 });
    expect(mainEvent?.note).toContain(dup.code);
    expect((await publicView(dup.code)).text).toContain(main.code);
    expect((await publicView(main.code)).text).not.toContain(dup.code);

    // Audit on both; the reporter of the duplicate is told, by device.
    expect((await auditOf(dup.code)).map((a) => [a.action, a.from_value, a.to_value])).toEqual([
      ['report.merge', 'received', 'duplicate'],
    ]);
    expect((await auditOf(main.code)).map((a) => a.action)).toEqual(['report.merge']);
    const told = await inbox(dup.code, 'device', await deviceOf(dup));
    expect(told).toHaveLength(1);
    expect(told[0]?.body).toContain(main.code);
  });

  it('works from any open status; the agency that had the duplicate is told', async () => {
    const ioc = await asIoc();
    const handler = await asAgencyHandler('so_xay_dung');
    const at = spot();
    const main = await sendReport({ location: at });
    const dup = await sendReport({ location: at });
    await ok(await act(ioc, dup.code, 'assign', { agencyId: 'so_xay_dung' }));
    await ok(await act(handler, dup.code, 'start', { message: 'Đang kiểm tra hiện trường.' }));
    await ok(
      await act(handler, dup.code, 'extension-requests', {
        reason: 'Cần thêm thời gian khảo sát.',
        requestedDueAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      }),
      201,
    );
    expect((await reportRow(dup.code)).status).toBe('in_progress');

    await ok(await merge(ioc, dup.code, { into: main.code }));
    expect(await reportRow(dup.code)).toMatchObject({ status: 'duplicate' });
    const handlerInbox = await inbox(dup.code, 'official', handler.official.id);
    expect(handlerInbox.map((n) => n.kind)).toContain('report.merged');
    const [extension] = await sql<{ status: string }>(
      `select x.status from report_extension_requests x join reports r on r.id = x.report_id
       where r.code = ?`,
      [dup.code],
    );
    expect(extension?.status).toBe('denied');
    // Closed: the agency can no longer act on it.
    const d = await detail(handler, dup.code);
    expect(d.allowedActions).not.toContain('resolve');
  });

  it('merges into a main report that an agency already handles', async () => {
    const ioc = await asIoc();
    const at = spot();
    const main = await sendReport({ location: at });
    const dup = await sendReport({ location: at });
    await ok(await act(ioc, main.code, 'assign', { agencyId: 'so_xay_dung' }));
    await ok(await merge(ioc, dup.code, { into: main.code }));
    expect((await detail(ioc, main.code)).report).toMatchObject({
      status: 'assigned',
      duplicates: [dup.code],
    });
  });

  it('flattens chains: reports merged into the duplicate follow it to the main report', async () => {
    const ioc = await asIoc();
    const at = spot();
    const main = await sendReport({ location: at });
    const a = await sendReport({ location: at });
    const b = await sendReport({ location: at });
    await ok(await merge(ioc, b.code, { into: a.code }));
    await ok(await merge(ioc, a.code, { into: main.code }));
    expect((await detail(ioc, b.code)).report.duplicateOf).toBe(main.code);
    expect((await detail(ioc, main.code)).report.duplicates.sort()).toEqual(
      [a.code, b.code].sort(),
    );
    expect(await supportersOf(main.code)).toEqual([await deviceOf(a), await deviceOf(b)].sort());
    // b's reporter heard that a (which b had joined) went into the main report.
    const told = await inbox(a.code, 'device', await deviceOf(b));
    expect(told.map((n) => n.body).join(' ')).toContain(main.code);
  });

  it('is the intake decision "duplicate" too', async () => {
    const ioc = await asIoc();
    const at = spot();
    const main = await sendReport({ location: at });
    const dup = await sendReport({ location: at });
    const d = await ok<Detail>(
      await act(ioc, dup.code, 'intake', {
        decision: 'duplicate',
        duplicateOf: main.code,
        publicReason: 'Vấn đề này đã được phản ánh trước đó.',
      }),
    );
    expect(d.report).toMatchObject({ status: 'duplicate', duplicateOf: main.code });
    expect(await supportersOf(main.code)).toEqual([await deviceOf(dup)]);
    expect((await auditOf(dup.code)).map((a) => a.action)).toEqual(['report.intake']);
    expect((await auditOf(main.code)).map((a) => a.action)).toEqual(['report.merge']);
    // The same refusals: a closed main report is not a merge target.
    const closed = await sendReport({ location: at });
    await ok(
      await act(ioc, closed.code, 'intake', {
        decision: 'out_of_scope',
        publicReason: 'Không thuộc phạm vi.',
      }),
    );
    const other = await sendReport({ location: at });
    const res = await act(ioc, other.code, 'intake', {
      decision: 'duplicate',
      duplicateOf: closed.code,
      publicReason: 'Trùng.',
    });
    expect(res.status).toBe(422);
    expect((await errorOf(res)).code).toBe('duplicate_target_closed');
  });
});

describe('merge: retries', () => {
  it('is idempotent: a repeated merge, with or without the client key, writes nothing more', async () => {
    const ioc = await asIoc();
    const at = spot();
    const main = await sendReport({ location: at });
    const dup = await sendReport({ location: at });
    const clientKey = crypto.randomUUID();
    const first = await ok<MergeResult>(await merge(ioc, dup.code, { into: main.code, clientKey }));
    expect(first.created).toBe(true);
    // Concurrent and sequential retries.
    const again = await Promise.all([
      merge(ioc, dup.code, { into: main.code, clientKey }),
      merge(ioc, dup.code, { into: main.code, clientKey }),
      merge(ioc, dup.code, { into: main.code }),
    ]);
    for (const res of again) {
      expect(await ok<MergeResult>(res)).toEqual({ ...first, created: false });
    }
    expect((await eventsOf(dup.code)).filter((e) => e.type === 'duplicate')).toHaveLength(1);
    expect(await auditOf(dup.code)).toHaveLength(1);
    expect(await auditOf(main.code)).toHaveLength(1);
    expect(await inbox(dup.code, 'device', await deviceOf(dup))).toHaveLength(1);

    // The same key for another report is a mistake, not a retry.
    const third = await sendReport({ location: at });
    const res = await merge(ioc, third.code, { into: main.code, clientKey });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe('client_key_reused');
    expect((await reportRow(third.code)).status).toBe('received');
  });

  it('two reports merged into each other at the same time: one wins, no cycle', async () => {
    const ioc = await asIoc();
    const at = spot();
    const a = await sendReport({ location: at });
    const b = await sendReport({ location: at });
    const [ab, ba] = await Promise.all([
      merge(ioc, a.code, { into: b.code }),
      merge(ioc, b.code, { into: a.code }),
    ]);
    const statuses = [ab.status, ba.status].sort();
    expect(statuses[0]).toBe(200);
    expect([409, 422]).toContain(statuses[1]);
    const rows = [await reportRow(a.code), await reportRow(b.code)];
    expect(rows.filter((r) => r.status === 'duplicate')).toHaveLength(1);
    expect(rows.filter((r) => r.status === 'received')).toHaveLength(1);
  });
});

describe('merge: refusals', () => {
  it('refuses self, unknown, closed, duplicate and hidden main reports, and closed duplicates', async () => {
    const ioc = await asIoc();
    const at = spot();
    const main = await sendReport({ location: at });
    const dup = await sendReport({ location: at });
    const expectError = async (res: Response, status: number, code: string) => {
      const text = await res.text();
      expect(res.status, text).toBe(status);
      const error = (JSON.parse(text) as { error: { code: string; message: string } }).error;
      expect(error.code).toBe(code);
      // A sentence in Vietnamese for the official.
      expect(error.message).toMatch(/[àáảãạăâđêôơư]/i);
    };

    await expectError(await merge(ioc, dup.code, { into: dup.code }), 422, 'duplicate_of_self');
    await expectError(
      await merge(ioc, dup.code, { into: 'PA-ZZZZZZ' }),
      422,
      'duplicate_target_not_found',
    );
    await expectError(await merge(ioc, 'PA-ZZZZZZ', { into: main.code }), 404, 'report_not_found');
    await expectError(
      await merge(ioc, dup.code, { into: 'không phải mã' }),
      400,
      'validation_failed',
    );
    await expectError(await merge(ioc, dup.code, {}), 400, 'validation_failed');

    const rejected = await sendReport({ location: at });
    await ok(
      await act(ioc, rejected.code, 'intake', {
        decision: 'out_of_scope',
        publicReason: 'Không thuộc phạm vi.',
      }),
    );
    await expectError(
      await merge(ioc, dup.code, { into: rejected.code }),
      422,
      'duplicate_target_closed',
    );
    // A closed report is not merged either.
    await expectError(
      await merge(ioc, rejected.code, { into: main.code }),
      409,
      'illegal_transition',
    );

    const hidden = await sendReport({ location: at });
    await sql('update reports set hidden = 1 where code = ?', [hidden.code]);
    await expectError(
      await merge(ioc, dup.code, { into: hidden.code }),
      422,
      'duplicate_target_hidden',
    );

    const merged = await sendReport({ location: at });
    await ok(await merge(ioc, merged.code, { into: main.code }));
    await expectError(
      await merge(ioc, dup.code, { into: merged.code }),
      422,
      'duplicate_target_is_duplicate',
    );
    // Already merged elsewhere: not silently moved.
    const other = await sendReport({ location: at });
    await expectError(await merge(ioc, merged.code, { into: other.code }), 409, 'already_merged');

    expect((await reportRow(dup.code)).status).toBe('received');
  });

  it('only the IOC merges and sees candidates', async () => {
    const at = spot();
    const main = await sendReport({ location: at });
    const dup = await sendReport({ location: at });
    const ioc = await asIoc();
    await ok(await act(ioc, dup.code, 'assign', { agencyId: 'so_xay_dung' }));
    await ok(await act(ioc, main.code, 'assign', { agencyId: 'so_xay_dung' }));
    const commune = (await reportRow(dup.code)).commune_id ?? 'vi-thanh';
    // The administrator reads reports but takes no part in the workflow.
    const admin = await appSession(await createOfficial({ roles: ['admin'] }));
    const cases: [string, Who, number][] = [
      ['agency handler', await asAgencyHandler('so_xay_dung'), 403],
      ['agency leader', await asAgencyLeader('so_xay_dung'), 403],
      ['other agency', await asAgencyHandler('cong_an_tinh'), 404],
      ['commune officer', await asCommuneOfficer(commune), 403],
      ['province leader', await asProvinceLeader(), 403],
      ['administrator', admin, 403],
      ['signed out', { headers: {} }, 401],
    ];
    for (const [who, session, status] of cases) {
      const res = await merge(session, dup.code, { into: main.code });
      expect(res.status, who).toBe(status);
      const list = await workGet(session, `/reports/${dup.code}/duplicates`);
      expect(list.status, who).toBe(status);
    }
    expect((await reportRow(dup.code)).status).toBe('assigned');
    await ok(await merge(ioc, dup.code, { into: main.code }));
  });
});

describe('fan-out of the main report’s notices', () => {
  it('reaches the merged reporters and the supporters, each person exactly once', async () => {
    const ioc = await asIoc();
    const handler = await asAgencyHandler('so_xay_dung');
    const at = spot();
    const main = await sendReport({ location: at });
    // A merged reporter who consented to ZNS with a phone, one who did not.
    const withZns = await sendReport({
      location: at,
      contact: { phone: '0912345678', consent: true, znsConsent: true },
    });
    const plain = await sendReport({ location: at });
    // A signed-in reporter (user) whose phone also supported the main report.
    const signedIn = await sendReport({ location: at });
    const userId = `user-${crypto.randomUUID()}`;
    await sql('insert into users (id, created_at, updated_at) values (?, ?, ?)', [
      userId,
      new Date().toISOString(),
      new Date().toISOString(),
    ]);
    await sql('update reports set user_id = ? where code = ?', [userId, signedIn.code]);
    await support(main.code, signedIn.phone.deviceId);
    // A supporter of the main report, and one who supported a duplicate before the merge and
    // the main report too.
    const fan = crypto.randomUUID();
    const both = crypto.randomUUID();
    await support(main.code, fan);
    await support(plain.code, both);
    await support(main.code, both);

    for (const dup of [withZns, plain, signedIn]) {
      await ok(await merge(ioc, dup.code, { into: main.code }));
    }
    await ok(await act(ioc, main.code, 'assign', { agencyId: 'so_xay_dung' }));
    await ok(
      await act(handler, main.code, 'start', { message: 'Đội sửa chữa đã đến hiện trường.' }),
    );
    await ok(
      await act(handler, main.code, 'updates', {
        message: 'Đã vá xong một nửa mặt đường.',
        clientKey: crypto.randomUUID(),
      }),
      201,
    );

    const expected = [
      'Phản ánh đã được chuyển đến',
      'Đội sửa chữa đã đến hiện trường.',
      'Đã vá xong một nửa mặt đường.',
    ];
    const recipients: [string, string, string][] = [
      ['main reporter', 'device', await deviceOf(main)],
      ['merged, ZNS', 'device', await deviceOf(withZns)],
      ['merged', 'device', await deviceOf(plain)],
      ['merged, signed in', 'user', userId],
      ['supporter', 'device', await hashDeviceId(fan)],
      ['supporter of both', 'device', await hashDeviceId(both)],
    ];
    for (const [who, type, id] of recipients) {
      const rows = await inbox(main.code, type, id);
      expect(
        rows.map((n) => n.body),
        who,
      ).toHaveLength(expected.length);
      expected.forEach((text, i) => {
        expect(rows[i]?.body, who).toContain(text);
      });
    }
    // The signed-in reporter's phone supported the main report: no second row by device.
    expect(await inbox(main.code, 'device', await deviceOf(signedIn))).toHaveLength(0);

    // Zalo: the main reporter's row, plus one per merged report Zalo can reach (ZNS consent or
    // a signed-in user), naming the merged report (whose reporter the dispatcher looks up) and
    // the main report's code.
    const [mainId, znsId, plainId, userReportId] = await Promise.all(
      [main, withZns, plain, signedIn].map(async (s) => (await reportRow(s.code)).id),
    );
    const queued = await sql<{ dedupe_key: string; payload: string }>(
      `select dedupe_key, payload from outbox where dedupe_key like ? order by id`,
      [`${main.code}:%`],
    );
    const payloads = queued.map((q) => JSON.parse(q.payload) as { reportId: number; code: string });
    for (const id of [mainId, znsId, userReportId]) {
      expect(payloads.filter((p) => p.reportId === id)).toHaveLength(expected.length);
    }
    expect(payloads.filter((p) => p.reportId === plainId)).toHaveLength(0);
    expect(new Set(payloads.map((p) => p.code))).toEqual(new Set([main.code]));
    expect(new Set(queued.map((q) => q.dedupe_key)).size).toBe(queued.length);
  });
});

describe('candidates', () => {
  it('lists near, similar open reports with the suggested direction, and the merged ones', async () => {
    const ioc = await asIoc();
    const at = spot();
    const word = marker();
    const text = `Cống thoát nước bị nghẹt ở hẻm ${word}, nước tràn lên mặt đường mỗi khi mưa lớn.`;
    const main = await sendReport({
      location: at,
      categoryId: 'cap_thoat_nuoc',
      description: text,
    });
    await ok(await act(ioc, main.code, 'assign', { agencyId: 'cap_thoat_nuoc' }));
    const near = await sendReport({
      location: north(at, 60),
      categoryId: 'cap_thoat_nuoc',
      description: `Cong thoat nuoc bi nghet o hem ${word}, nuoc tran len mat duong moi khi mua lon`,
    });
    const hidden = await sendReport({
      location: north(at, 30),
      categoryId: 'cap_thoat_nuoc',
      description: `${text} Ai đó đã phản ánh rồi.`,
    });
    await sql('update reports set hidden = 1 where code = ?', [hidden.code]);
    const far = await sendReport({
      location: north(at, 2000),
      categoryId: 'cap_thoat_nuoc',
      description: text,
    });

    const list = await candidatesOf(ioc, near.code);
    expect(list.report).toMatchObject({ code: near.code, open: true });
    expect(list.radiusMetres).toBe(250);
    const codes = list.candidates.map((c) => c.code);
    expect(codes).toContain(main.code);
    expect(codes).toContain(hidden.code);
    expect(codes).not.toContain(near.code);
    expect(codes).not.toContain(far.code);
    const found = list.candidates.find((c) => c.code === main.code);
    expect(found).toMatchObject({ status: 'assigned', hidden: false, suggestedMain: 'candidate' });
    expect(found?.distanceMetres).toBeGreaterThan(40);
    expect(found?.distanceMetres).toBeLessThan(80);
    expect(found?.similarity).toBeGreaterThan(0);
    expect(list.candidates.find((c) => c.code === hidden.code)).toMatchObject({
      hidden: true,
      suggestedMain: 'this',
    });

    // One click: the near report into the main one; the main report lists it as merged.
    await ok(await merge(ioc, near.code, { into: main.code }));
    const after = await candidatesOf(ioc, main.code);
    expect(after.merged.map((m) => m.code)).toEqual([near.code]);
    expect(after.candidates.map((c) => c.code)).not.toContain(near.code);
    // A closed report has no candidates.
    const closed = await candidatesOf(ioc, near.code);
    expect(closed.report.open).toBe(false);
    expect(closed.candidates).toEqual([]);
  });

  it('answers 404 for an unknown report', async () => {
    const ioc = await asIoc();
    const res = await workGet(ioc, '/reports/PA-ZZZZZZ/duplicates');
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('report_not_found');
    expect((await call('/api/v1/work/reports/PA-ZZZZZZ/duplicates')).status).toBe(401);
  });
});
