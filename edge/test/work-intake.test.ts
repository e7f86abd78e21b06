import { describe, expect, it } from 'vitest';
import { call } from './helpers';
import { asIoc, createOfficial } from './support/officials';
import {
  act,
  auditOf,
  type Detail,
  detail,
  errorOf,
  marker,
  notificationsOf,
  ok,
  publicView,
  reportRow,
  sendReport,
  sql,
  workPost,
} from './support/work';

// The IOC's intake and routing: valid reports go at once to the default agency (the
// category's, or the People's Committee of the report's commune for commune-level
// categories); spam is rejected and hidden; out-of-scope rejected; duplicates linked to a
// main report; bulk assignment with or without a chosen agency.

describe('intake: valid', () => {
  it('routes to the category agency; the reporter is told', async () => {
    const ioc = await asIoc();
    const sent = await sendReport({ categoryId: 'cap_thoat_nuoc' });
    const d = await ok<Detail>(await act(ioc, sent.code, 'intake', { decision: 'valid' }));
    expect(d.report).toMatchObject({ status: 'assigned', agency: { id: 'cap_thoat_nuoc' } });
    expect((await notificationsOf(sent.code)).some((n) => n.recipient_type === 'device')).toBe(
      true,
    );
  });

  it("routes a commune-level category to the committee of the report's commune", async () => {
    const ioc = await asIoc();
    const officer = await createOfficial({ roles: ['commune_officer'], communeId: 'vi-thanh' });
    const sent = await sendReport({ categoryId: 'trat_tu_do_thi' });
    expect((await reportRow(sent.code)).commune_id).toBe('vi-thanh');
    const d = await ok<Detail>(await act(ioc, sent.code, 'intake', { decision: 'valid' }));
    expect(d.report.status).toBe('assigned');
    expect(d.report.agency?.id).toBe('ubnd_vi-thanh');
    expect(
      (await notificationsOf(sent.code)).some(
        (n) => n.kind === 'report.assigned' && n.recipient_id === officer.id,
      ),
    ).toBe(true);
  });

  it('stays received (verified) when no agency resolves; the IOC then assigns by hand', async () => {
    const ioc = await asIoc();
    const sent = await sendReport({ categoryId: 'trat_tu_do_thi' });
    // A report located in no known commune (e.g. on a river between communes).
    await sql('update reports set commune_id = null where code = ?', [sent.code]);
    const d = await ok<Detail>(await act(ioc, sent.code, 'intake', { decision: 'valid' }));
    expect(d.report).toMatchObject({ status: 'received', agency: null });
    expect(d.report.verifiedAt).not.toBeNull();
    expect(d.allowedActions).toContain('assign');
    expect(d.allowedActions).not.toContain('intake');
    const res = await ok<{ skipped: { error: { code: string } }[] }>(
      await act(ioc, sent.code, 'assign'),
    );
    expect(res.skipped[0]?.error.code).toBe('no_default_agency');
    const assigned = await ok<{ assigned: { agency: { id: string } }[] }>(
      await act(ioc, sent.code, 'assign', { agencyId: 'ubnd_vi-thanh' }),
    );
    expect(assigned.assigned[0]?.agency.id).toBe('ubnd_vi-thanh');
  });

  it('may change the category (new SLA from the receipt) and override the agency', async () => {
    const ioc = await asIoc();
    const sent = await sendReport({ categoryId: 'giao_duc' });
    const before = await reportRow(sent.code);
    const d = await ok<Detail>(
      await act(ioc, sent.code, 'intake', {
        decision: 'valid',
        categoryId: 'an_ninh_trat_tu',
        agencyId: 'cong_an_tinh',
        publicReason: 'Phản ánh được chuyển lĩnh vực An ninh trật tự.',
      }),
    );
    expect(d.report.category.id).toBe('an_ninh_trat_tu');
    expect(d.report.agency?.id).toBe('cong_an_tinh');
    // 24 h instead of 120 h: an earlier deadline.
    expect(Date.parse(d.report.dueAt ?? '')).toBeLessThan(Date.parse(before.due_at ?? ''));
    expect((await auditOf(sent.code)).map((a) => a.action)).toEqual([
      'report.intake',
      'report.category',
      'report.assign',
    ]);
  });

  it('refuses an unknown agency, or the commune placeholder itself', async () => {
    const ioc = await asIoc();
    const sent = await sendReport();
    for (const agencyId of ['khong_ton_tai', 'ubnd_xa_phuong']) {
      const res = await act(ioc, sent.code, 'intake', { decision: 'valid', agencyId });
      expect(res.status).toBe(422);
      expect((await errorOf(res)).code).toBe('unknown_agency');
    }
    expect((await reportRow(sent.code)).status).toBe('received');
  });
});

describe('intake: spam, out of scope', () => {
  it('spam is rejected, hidden from the public feed and view, but the reporter still sees it', async () => {
    const ioc = await asIoc();
    const word = marker();
    const sent = await sendReport({
      description: `Quảng cáo bán hàng ${word} liên hệ ngay, giá rẻ bất ngờ.`,
    });
    let feed = await (await call(`/api/v1/feed?q=${word}`)).text();
    expect(feed).toContain(sent.code);
    const res = await act(ioc, sent.code, 'intake', { decision: 'spam' });
    expect(res.status).toBe(400);
    const d = await ok<Detail>(
      await act(ioc, sent.code, 'intake', {
        decision: 'spam',
        publicReason: 'Nội dung quảng cáo, không phải phản ánh.',
      }),
    );
    expect(d.report).toMatchObject({ status: 'rejected', rejectionKind: 'spam', hidden: true });
    feed = await (await call(`/api/v1/feed?q=${word}`)).text();
    expect(feed).not.toContain(sent.code);
    expect((await publicView(sent.code)).res.status).toBe(404);
    const own = await publicView(sent.code, sent.followToken);
    expect(own.res.status).toBe(200);
    expect(own.text).toContain('Nội dung quảng cáo, không phải phản ánh.');
  });

  it('out of scope is rejected but stays public', async () => {
    const ioc = await asIoc();
    const sent = await sendReport();
    const d = await ok<Detail>(
      await act(ioc, sent.code, 'intake', {
        decision: 'out_of_scope',
        publicReason: 'Tranh chấp dân sự, đề nghị liên hệ Toà án.',
      }),
    );
    expect(d.report).toMatchObject({
      status: 'rejected',
      rejectionKind: 'out_of_scope',
      hidden: false,
    });
    expect((await publicView(sent.code)).text).toContain('Tranh chấp dân sự');
  });
});

describe('intake: duplicates', () => {
  it('links to the main report; earlier duplicates follow; self and duplicate targets refused', async () => {
    const ioc = await asIoc();
    const main = await sendReport();
    const a = await sendReport();
    const b = await sendReport();

    let res = await act(ioc, a.code, 'intake', {
      decision: 'duplicate',
      publicReason: 'Đã có phản ánh.',
    });
    expect(res.status).toBe(400);
    res = await act(ioc, a.code, 'intake', {
      decision: 'duplicate',
      duplicateOf: a.code,
      publicReason: 'Trùng.',
    });
    expect((await errorOf(res)).code).toBe('duplicate_of_self');
    res = await act(ioc, a.code, 'intake', {
      decision: 'duplicate',
      duplicateOf: 'PA-ZZZZZZ',
      publicReason: 'Trùng.',
    });
    expect((await errorOf(res)).code).toBe('duplicate_target_not_found');

    // b is a duplicate of a; then a turns out to be a duplicate of main: b follows to main.
    await ok(
      await act(ioc, b.code, 'intake', {
        decision: 'duplicate',
        duplicateOf: a.code,
        publicReason: 'Trùng phản ánh trước.',
      }),
    );
    const d = await ok<Detail>(
      await act(ioc, a.code, 'intake', {
        decision: 'duplicate',
        duplicateOf: main.code,
        publicReason: 'Trùng phản ánh trước.',
      }),
    );
    expect(d.report).toMatchObject({ status: 'duplicate', duplicateOf: main.code });
    const m = await detail(ioc, main.code);
    expect(m.report.duplicates.sort()).toEqual([a.code, b.code].sort());

    // A duplicate cannot be the main report of another.
    const c = await sendReport();
    res = await act(ioc, c.code, 'intake', {
      decision: 'duplicate',
      duplicateOf: a.code,
      publicReason: 'Trùng.',
    });
    expect(res.status).toBe(422);
    expect((await errorOf(res)).code).toBe('duplicate_target_is_duplicate');
    expect((await publicView(a.code)).text).toContain(main.code);
  });
});

describe('bulk assignment', () => {
  it('assigns many at once, each to its default agency or all to a chosen one; skips the rest', async () => {
    const ioc = await asIoc();
    const road = await sendReport({ categoryId: 'giao_thong' });
    const light = await sendReport({ categoryId: 'dien_chieu_sang' });
    const order = await sendReport({ categoryId: 'trat_tu_do_thi' });
    const closed = await sendReport();
    await ok(
      await act(ioc, closed.code, 'intake', {
        decision: 'out_of_scope',
        publicReason: 'Không thuộc.',
      }),
    );
    const res = await ok<{
      assigned: { code: string; agency: { id: string } }[];
      skipped: { code: string; error: { code: string } }[];
    }>(
      await workPost(ioc, '/reports/assign', {
        codes: [road.code, light.code, order.code, closed.code, 'PA-ZZZZZZ'],
        note: 'Chuyển theo lĩnh vực.',
      }),
    );
    expect(Object.fromEntries(res.assigned.map((a) => [a.code, a.agency.id]))).toEqual({
      [road.code]: 'so_xay_dung',
      [light.code]: 'dien_luc',
      [order.code]: 'ubnd_vi-thanh',
    });
    expect(Object.fromEntries(res.skipped.map((s) => [s.code, s.error.code]))).toEqual({
      [closed.code]: 'illegal_transition',
      'PA-ZZZZZZ': 'report_not_found',
    });
    for (const r of [road, light, order]) {
      const row = await reportRow(r.code);
      expect(row.status).toBe('assigned');
      expect(row.first_assigned_at).not.toBeNull();
      expect(row.verified_at).not.toBeNull();
    }
    // The IOC overrides: all three to one agency.
    const again = await ok<{ assigned: unknown[] }>(
      await workPost(ioc, '/reports/assign', {
        codes: [road.code, light.code, order.code],
        agencyId: 'so_xay_dung',
      }),
    );
    expect(again.assigned).toHaveLength(2);
    expect((await reportRow(light.code)).agency_id).toBe('so_xay_dung');
    const audit = await auditOf(light.code);
    expect(audit.at(-1)).toMatchObject({
      action: 'report.assign',
      from_value: 'assigned @ dien_luc',
      to_value: 'assigned @ so_xay_dung',
    });
  });
});
