import { describe, expect, it } from 'vitest';
import { call } from './helpers';
import {
  db,
  errorOf,
  json,
  newPhone,
  type Phone,
  postJson,
  type SubmitJson,
  submitOk,
} from './support/reports';

type View = SubmitJson['report'] & {
  agency: { id: string; name: string } | null;
  resolvedAt: string | null;
  viewer: { isReporter: boolean; canRate: boolean; canReopen: boolean };
};

const view = async (code: string, token?: string) => {
  const res = await call(
    `/api/v1/reports/${code}`,
    token ? { headers: { 'X-Follow-Token': token } } : {},
  );
  return { res, body: res.status === 200 ? await json<View>(res) : undefined };
};

/** What the officials' workflow (another issue) does when an agency finishes a report. */
async function resolve(code: string, resolvedAt = new Date()) {
  const at = resolvedAt.toISOString();
  await db().$client.batch(
    [
      {
        sql: "update reports set status = 'resolved', agency_id = 'so_xay_dung', resolved_at = ?, updated_at = ? where code = ?",
        args: [at, at, code],
      },
      {
        sql: "insert into report_events (report_id, type, from_status, to_status, public_message, actor_kind, agency_id, created_at) select id, 'resolved', 'in_progress', 'resolved', 'Đã vá ổ gà.', 'official', 'so_xay_dung', ? from reports where code = ?",
        args: [at, code],
      },
    ],
    'write',
  );
}

const rate = (code: string, body: unknown, token?: string) =>
  postJson(
    `/api/v1/reports/${code}/rating`,
    body,
    undefined,
    token ? { 'X-Follow-Token': token } : {},
  );
const reopen = (code: string, token?: string, reason?: string) =>
  postJson(
    `/api/v1/reports/${code}/reopen`,
    reason ? { reason } : {},
    undefined,
    token ? { 'X-Follow-Token': token } : {},
  );

const CONTACT = { name: 'Lê Văn Tám', phone: '0987654321', agencyMayContact: true, consent: true };
const PRIVATE =
  /Tám|987654321|agencyMayContact|followTokenHash|deviceHash|device_hash|submissionId/;

async function reportWithContact(phone: Phone, extra: Record<string, unknown> = {}) {
  return submitOk(phone, { contact: CONTACT, ...extra });
}

describe('GET /api/v1/reports/:code', () => {
  it('finds a report by its code typed loosely, and 404s an unknown code', async () => {
    const sent = await submitOk(newPhone());
    const loose = sent.code.toLowerCase().replace('-', ' ');
    expect(
      (await call(`/api/v1/reports/${encodeURIComponent(loose.replace(' ', ''))}`)).status,
    ).toBe(200);
    const missing = await call('/api/v1/reports/PA-ZZZZZZ');
    expect(missing.status).toBe(404);
    expect(await errorOf(missing)).toMatchObject({
      code: 'report_not_found',
      message: expect.stringMatching(/Không tìm thấy phản ánh/),
    });
    const bad = await call('/api/v1/reports/PA-0O1I00');
    expect(bad.status).toBe(400);
  });

  it('hides a report the IOC hid, except from its reporter', async () => {
    const sent = await submitOk(newPhone());
    await db().$client.execute({
      sql: 'update reports set hidden = 1 where code = ?',
      args: [sent.code],
    });
    expect((await view(sent.code)).res.status).toBe(404);
    const own = await view(sent.code, sent.followToken);
    expect(own.res.status).toBe(200);
    expect(own.body?.viewer.isReporter).toBe(true);
  });
});

describe('privacy: no contact field in any public answer', () => {
  it('keeps name and phone out of the report view, similar reports and my reports', async () => {
    const phone = newPhone();
    const sent = await reportWithContact(phone, {
      location: { source: 'pin', lat: 9.9001, lng: 105.6001 },
    });
    const answers = [
      await call(`/api/v1/reports/${sent.code}`),
      await call(`/api/v1/reports/${sent.code}`, {
        headers: { 'X-Follow-Token': sent.followToken ?? '' },
      }),
      await postJson('/api/v1/reports/similar', {
        lat: 9.9002,
        lng: 105.6002,
        categoryId: 'giao_thong',
        description: 'ổ gà to trên đường Trần Hưng Đạo',
      }),
      await call('/api/v1/reports/mine', { headers: { 'X-Device-Id': phone.deviceId } }),
    ];
    for (const res of answers) {
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toContain(sent.code);
      expect(text).not.toMatch(PRIVATE);
    }
    expect(JSON.stringify(sent)).not.toMatch(PRIVATE);
  });
});

describe('GET /api/v1/reports/mine', () => {
  it("lists the device's reports, newest first, page by page", async () => {
    const phone = newPhone();
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) codes.push((await submitOk(phone)).code);
    await submitOk(newPhone()); // someone else's

    const page1 = await json<{ items: { code: string }[]; nextCursor: string | null }>(
      await call('/api/v1/reports/mine?limit=2', { headers: { 'X-Device-Id': phone.deviceId } }),
    );
    expect(page1.items.map((r) => r.code)).toEqual([codes[2], codes[1]]);
    expect(page1.nextCursor).toBeTruthy();
    const page2 = await json<{ items: { code: string }[]; nextCursor: string | null }>(
      await call(`/api/v1/reports/mine?limit=2&cursor=${page1.nextCursor}`, {
        headers: { 'X-Device-Id': phone.deviceId },
      }),
    );
    expect(page2.items.map((r) => r.code)).toEqual([codes[0]]);
    expect(page2.nextCursor).toBeNull();
  });

  it('needs a device id', async () => {
    const res = await call('/api/v1/reports/mine');
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('device_id_required');
  });
});

describe('"Tôi cũng gặp": similar reports and support', () => {
  // The search itself is tested in intake-duplicates.test.ts; this is the citizen's path.
  it('lists open reports of the same problem within 250 m, nearest first', async () => {
    // A spot of its own, far from the other tests' reports.
    const spot = { lat: 9.6512, lng: 105.5534 };
    const near = await submitOk(newPhone(), {
      location: { source: 'pin', lat: spot.lat + 0.001, lng: spot.lng },
    }); // ~111 m
    const nearer = await submitOk(newPhone(), {
      location: { source: 'pin', lat: spot.lat, lng: spot.lng + 0.0005 },
    }); // ~55 m
    await submitOk(newPhone(), {
      location: { source: 'pin', lat: spot.lat + 0.003, lng: spot.lng },
    }); // ~333 m
    await submitOk(newPhone(), {
      categoryId: 'moi_truong',
      description: 'Rác thải đổ bừa bãi bên lề đường, bốc mùi hôi thối.',
      location: { source: 'pin', ...spot },
    });
    const closed = await submitOk(newPhone(), { location: { source: 'pin', ...spot } });
    await resolve(closed.code);

    const res = await postJson('/api/v1/reports/similar', {
      ...spot,
      categoryId: 'giao_thong',
      description: 'Đường Trần Hưng Đạo có ổ gà rất to, xe máy đi ban đêm dễ té',
    });
    expect(res.status).toBe(200);
    const { items } = await json<{ items: { code: string; distanceMetres: number }[] }>(res);
    expect(items.map((i) => i.code)).toEqual([nearer.code, near.code]);
    expect(items[0]?.distanceMetres).toBeGreaterThan(40);
    expect(items[0]?.distanceMetres).toBeLessThan(70);
  });

  it.each([
    [
      { lat: 'abc', lng: 105.5, categoryId: 'giao_thong', description: 'ổ gà' },
      400,
      'validation_failed',
    ],
    [{ lat: 9.7, lng: 105.5, description: 'ổ gà' }, 400, 'validation_failed'],
    [
      { lat: 9.17, lng: 105.15, categoryId: 'giao_thong', description: 'ổ gà' },
      422,
      'out_of_province',
    ],
  ])('refuses %j', async (body, status, code) => {
    const res = await postJson('/api/v1/reports/similar', body);
    expect(res.status).toBe(status);
    expect((await errorOf(res)).code).toBe(code);
  });

  it('counts each supporting device once, not the reporter, and not on closed reports', async () => {
    const reporter = newPhone();
    const sent = await submitOk(reporter);
    const a = newPhone();
    const b = newPhone();
    const support = (p: Phone) =>
      postJson(`/api/v1/reports/${sent.code}/support`, { deviceId: p.deviceId });
    expect(await json(await support(a))).toEqual({
      code: sent.code,
      supporterCount: 1,
      added: true,
    });
    expect(await json(await support(a))).toEqual({
      code: sent.code,
      supporterCount: 1,
      added: false,
    });
    await Promise.all([support(b), support(b), support(b)]);
    expect((await view(sent.code)).body?.supporterCount).toBe(2);

    const own = await support(reporter);
    expect(own.status).toBe(409);
    expect((await errorOf(own)).code).toBe('own_report');

    await resolve(sent.code);
    const late = await support(newPhone());
    expect(late.status).toBe(409);
    expect((await errorOf(late)).code).toBe('report_closed');
  });
});

describe('rating and reopening', () => {
  it('rates only a resolved report, with the follow token, once per resolution; ratings are public', async () => {
    const sent = await submitOk(newPhone());
    const token = sent.followToken ?? '';

    const early = await rate(sent.code, { rating: 'satisfied' }, token);
    expect(early.status).toBe(409);
    expect(await errorOf(early)).toMatchObject({
      code: 'not_resolved',
      message: expect.stringMatching(/xử lý xong/),
    });

    await resolve(sent.code);
    expect((await view(sent.code, token)).body?.viewer).toEqual({
      isReporter: true,
      canRate: true,
      canReopen: false,
    });

    const noToken = await rate(sent.code, { rating: 'satisfied' });
    expect(noToken.status).toBe(401);
    expect((await errorOf(noToken)).code).toBe('follow_token_required');
    const wrong = await rate(sent.code, { rating: 'satisfied' }, 'x'.repeat(43));
    expect(wrong.status).toBe(403);
    expect((await errorOf(wrong)).code).toBe('not_reporter');
    const invalid = await rate(sent.code, { rating: 'tuyệt vời' }, token);
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(await errorOf(invalid))).toMatch(/hài lòng/);

    const ok = await rate(
      sent.code,
      { rating: 'acceptable', comment: '  Vá tạm, mong làm lại mặt đường. ' },
      token,
    );
    expect(ok.status).toBe(201);
    const rated = await json<View>(ok);
    expect(rated.ratings).toEqual([
      expect.objectContaining({
        rating: 'acceptable',
        label: { vi: 'Chấp nhận được', en: 'Acceptable' },
        comment: 'Vá tạm, mong làm lại mặt đường.',
      }),
    ]);
    expect(rated.timeline.map((e) => e.type)).toEqual(['received', 'resolved', 'rated']);
    // Public, without the token.
    expect((await view(sent.code)).body?.ratings).toHaveLength(1);

    const twice = await rate(sent.code, { rating: 'satisfied' }, token);
    expect(twice.status).toBe(409);
    expect((await errorOf(twice)).code).toBe('already_rated');
  });

  it('reopens after an unsatisfied rating within 7 days, back to in progress with a new deadline', async () => {
    const sent = await submitOk(newPhone());
    const token = sent.followToken ?? '';
    await resolve(sent.code);

    const notYet = await reopen(sent.code, token);
    expect(notYet.status).toBe(409);
    expect((await errorOf(notYet)).code).toBe('reopen_requires_unsatisfied_rating');

    expect((await rate(sent.code, { rating: 'unsatisfied' }, token)).status).toBe(201);
    expect((await view(sent.code, token)).body?.viewer.canReopen).toBe(true);
    expect((await reopen(sent.code)).status).toBe(401);

    const res = await reopen(sent.code, token, 'Ổ gà vẫn còn nguyên.');
    expect(res.status).toBe(200);
    const reopened = await json<View>(res);
    expect(reopened).toMatchObject({
      status: 'in_progress',
      resolvedAt: null,
      agency: { id: 'so_xay_dung' },
    });
    expect(reopened.timeline.at(-1)).toMatchObject({
      type: 'reopened',
      status: 'in_progress',
      message: expect.stringMatching(/Ổ gà vẫn còn nguyên/),
    });
    expect(reopened.dueAt && reopened.dueAt > new Date().toISOString()).toBe(true);

    // Once reopened, it cannot be reopened again until resolved again.
    const again = await reopen(sent.code, token);
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe('not_resolved');

    // Resolved a second time: a new rating is allowed (one per resolution).
    await resolve(sent.code, new Date(Date.now() + 1000));
    expect((await rate(sent.code, { rating: 'satisfied' }, token)).status).toBe(201);
    expect((await view(sent.code)).body?.ratings.map((r) => r.rating)).toEqual([
      'unsatisfied',
      'satisfied',
    ]);
  });

  it('refuses to reopen more than 7 days after the resolution', async () => {
    const sent = await submitOk(newPhone());
    const token = sent.followToken ?? '';
    await resolve(sent.code, new Date(Date.now() - 8 * 86_400_000));
    expect((await rate(sent.code, { rating: 'unsatisfied' }, token)).status).toBe(201);
    const res = await reopen(sent.code, token);
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toMatchObject({
      code: 'reopen_window_closed',
      message: expect.stringMatching(/7 ngày/),
    });
  });
});
