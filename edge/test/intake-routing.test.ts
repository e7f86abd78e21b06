import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { createClient } from '@libsql/client/web';
import { describe, expect, it } from 'vitest';
import app from '../src/app';
import { AGREEMENT_FLOOR } from '../src/intake/auto-route';
import { classify, MODEL_VERSION } from '../src/intake/classifier/classify';
import { DEV_OPEN311_API_KEY, ensureDevOpen311Client } from '../src/open311/dev-client';
import type { Env } from '../src/platform/env';
import { submitReport } from '../src/reports/submit';
import { hashDeviceId } from '../src/reports/tokens';
import type { LeaderStats } from '../src/stats/leader';
import { call, ORIGIN } from './helpers';
import { asIoc, createOfficial, signedInOfficial } from './support/officials';
import { json, newPhone, type Phone, reportBody, type SubmitJson } from './support/reports';
import {
  act,
  auditOf,
  type Detail,
  db,
  detail,
  eventsOf,
  notificationsOf,
  ok,
  publicView,
  reportRow,
  sql,
} from './support/work';

// Routing on arrival (smart intake): a report the classifier reads confidently, or whose
// reading agrees with the citizen's category, goes at once to its agency in the submission's
// own transaction; the others wait in the IOC queue with the suggestion. The test bindings
// switch auto-routing off (vitest.config.ts) so that the workflow tests find their reports in
// the queue; these tests call the Worker with INTAKE_AUTO_ROUTE=on.

const ON = { ...env, INTAKE_AUTO_ROUTE: 'on' } as Env;

/** POST /api/v1/reports through the app with auto-routing on. */
async function submitOn(phone: Phone, body: Record<string, unknown>): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.fetch(
    new Request(`${ORIGIN}/api/v1/reports`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': phone.ip },
      body: JSON.stringify(body),
    }),
    ON,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

async function sendOn(extra: Record<string, unknown>) {
  const phone = newPhone();
  const body = reportBody(phone, extra);
  const res = await submitOn(phone, body);
  if (res.status !== 201) throw new Error(`submit ${res.status}: ${await res.text()}`);
  return { phone, body, sent: await json<SubmitJson>(res) };
}

const intakeOf = async (code: string) => {
  const [row] = await sql<{
    citizen_category_id: string;
    predicted_category_id: string;
    confidence: number;
    alternatives: string;
    outcome: string;
    threshold: number;
    model_version: string;
    created_at: string;
  }>('select i.* from report_intake i join reports r on r.id = i.report_id where r.code = ?', [
    code,
  ]);
  return row;
};

const routingOf = async (code: string) => {
  const [row] = await sql<{
    category_id: string;
    suggested_category_id: string | null;
    routed_by: string | null;
    created_at: string;
  }>(
    'select category_id, suggested_category_id, routed_by, created_at from reports where code = ?',
    [code],
  );
  if (!row) throw new Error(`no report ${code}`);
  return row;
};

// A burst pipe: the classifier is sure it is water supply, whatever the citizen picked.
const PIPE = 'Ống nước bể trước nhà số 12 hẻm 5, nước chảy lênh láng cả ngày mà chưa ai sửa';
// A stolen street-lamp bulb: lighting, but below the confidence threshold.
const LAMP = 'Đèn đường trong hẻm 25 Trần Ngọc Quế bị ai đó tháo mất bóng';
// A rotten monkey bridge: roads, also below the threshold.
const BRIDGE =
  'Cây cầu khỉ bắc qua kênh xáng Xà No ở ấp Mỹ Hiệp đã mục mấy cây ván, học sinh đi qua rất nguy hiểm xin địa phương làm lại cầu';
// Pavement taken over by a stall: urban order, a commune-level category.
const PAVEMENT =
  'Quán nhậu lấn chiếm hết vỉa hè đường Nguyễn Công Trứ, người đi bộ phải xuống lòng đường';
// Something for the IOC itself ("Khác").
const OTHER = 'Phản ánh kiểm tra thử hệ thống, nhờ xem giúp';

describe('the fixed examples', () => {
  it('read as the tests below assume', () => {
    expect(classify(PIPE)).toMatchObject({ category: 'cap_thoat_nuoc' });
    expect(classify(PIPE).confidence).toBeGreaterThanOrEqual(0.75);
    const lamp = classify(LAMP);
    expect(lamp.category).toBe('dien_chieu_sang');
    expect(lamp.confidence).toBeLessThan(0.75);
    expect(lamp.confidence).toBeGreaterThanOrEqual(AGREEMENT_FLOOR);
    const bridge = classify(BRIDGE);
    expect(bridge.category).toBe('giao_thong');
    expect(bridge.confidence).toBeLessThan(0.75);
    expect(classify(PAVEMENT)).toMatchObject({ category: 'trat_tu_do_thi' });
    expect(classify(PAVEMENT).confidence).toBeGreaterThanOrEqual(0.75);
    const other = classify(OTHER);
    expect(other.category).toBe('khac');
    expect(other.confidence).toBeGreaterThanOrEqual(AGREEMENT_FLOOR);
  });
});

describe('routing on arrival', () => {
  it('a confident reading goes at once to its agency, in the predicted category', async () => {
    const handler = await createOfficial({ roles: ['agency_handler'], agencyId: 'cap_thoat_nuoc' });
    const { sent, phone } = await sendOn({ categoryId: 'giao_thong', description: PIPE });

    // The citizen's answer already says "Đã chuyển xử lý", with the agency on the timeline.
    expect(sent.report.status).toBe('assigned');
    expect(sent.report.statusLabel.vi).toBe('Đã chuyển xử lý');
    expect(sent.report.category.id).toBe('cap_thoat_nuoc');
    expect(sent.report.timeline.map((e) => e.type)).toEqual(['received', 'assigned']);
    const assignedEvent = sent.report.timeline[1];
    expect(assignedEvent?.message).toContain('Công ty Cổ phần Cấp thoát nước');
    const view = await publicView(sent.code, sent.followToken);
    expect(JSON.parse(view.text)).toMatchObject({
      status: 'assigned',
      statusLabel: { vi: 'Đã chuyển xử lý' },
    });

    const row = await reportRow(sent.code);
    expect(row).toMatchObject({ status: 'assigned', agency_id: 'cap_thoat_nuoc' });
    expect(row.first_assigned_at).toBe(row.assigned_at);
    expect(row.verified_at).toBeNull();
    const routing = await routingOf(sent.code);
    expect(routing).toMatchObject({
      category_id: 'cap_thoat_nuoc',
      suggested_category_id: 'cap_thoat_nuoc',
      routed_by: 'auto',
    });
    expect(row.first_assigned_at).toBe(routing.created_at);

    // The citizen's pick is kept with what the classifier said.
    const intake = await intakeOf(sent.code);
    expect(intake).toMatchObject({
      citizen_category_id: 'giao_thong',
      predicted_category_id: 'cap_thoat_nuoc',
      outcome: 'routed_confident',
      threshold: 0.75,
      model_version: MODEL_VERSION,
    });
    expect(intake?.confidence).toBeCloseTo(classify(PIPE).confidence, 6);
    expect(JSON.parse(intake?.alternatives ?? '[]')).toHaveLength(3);

    // The system's event and audit entries, the agency's and the reporter's notices.
    const events = await eventsOf(sent.code);
    expect(events.map((e) => e.type)).toEqual(['received', 'assigned']);
    const [assignedRow] = await sql<{ actor_kind: string; agency_id: string }>(
      `select e.actor_kind, e.agency_id from report_events e join reports r on r.id = e.report_id
       where r.code = ? and e.type = 'assigned'`,
      [sent.code],
    );
    expect(assignedRow).toEqual({ actor_kind: 'system', agency_id: 'cap_thoat_nuoc' });
    const audit = await auditOf(sent.code);
    expect(audit.map((a) => [a.action, a.actor_id, a.from_value, a.to_value])).toEqual([
      ['report.category', null, 'giao_thong', 'cap_thoat_nuoc'],
      ['report.assign', null, 'received', 'assigned @ cap_thoat_nuoc'],
    ]);
    const [actorKinds] = await sql<{ kinds: string }>(
      "select group_concat(distinct actor_kind) as kinds from audit_log where entity_type = 'report' and entity_id = ?",
      [sent.code],
    );
    expect(actorKinds?.kinds).toBe('system');
    const notes = await notificationsOf(sent.code);
    expect(
      notes.some(
        (n) =>
          n.recipient_type === 'official' &&
          n.recipient_id === handler.id &&
          n.kind === 'report.assigned',
      ),
    ).toBe(true);
    const deviceHash = await hashDeviceId(phone.deviceId);
    expect(
      notes.filter(
        (n) =>
          n.recipient_type === 'device' &&
          n.recipient_id === deviceHash &&
          n.kind === 'report.status',
      ),
    ).toHaveLength(1);
    const outbox = await sql<{ payload: string; channel: string }>(
      'select payload, channel from outbox where dedupe_key like ?',
      [`${sent.code}:assigned:%:citizen`],
    );
    expect(outbox).toHaveLength(1);
    expect(JSON.parse(outbox[0]?.payload ?? '{}')).toEqual({
      reportId: row.id,
      code: sent.code,
      status: 'assigned',
      message: assignedEvent?.message,
    });

    // The agency works it as any assigned report.
    const agency = await signedInOfficial({
      roles: ['agency_handler'],
      agencyId: 'cap_thoat_nuoc',
    });
    const seen = await detail(agency, sent.code);
    expect(seen.allowedActions).toEqual(expect.arrayContaining(['accept', 'start', 'return']));
  });

  it('a reading that agrees with the citizen routes below the threshold', async () => {
    const { sent } = await sendOn({ categoryId: 'dien_chieu_sang', description: LAMP });
    expect(sent.report.status).toBe('assigned');
    expect((await reportRow(sent.code)).agency_id).toBe('dien_luc');
    expect(await intakeOf(sent.code)).toMatchObject({
      citizen_category_id: 'dien_chieu_sang',
      predicted_category_id: 'dien_chieu_sang',
      outcome: 'routed_agrees',
    });
    // Same category: no category change in the audit.
    expect((await auditOf(sent.code)).map((a) => a.action)).toEqual(['report.assign']);
  });

  it('an unsure reading that disagrees waits in the IOC queue with the suggestion', async () => {
    const { sent } = await sendOn({ categoryId: 'nong_nghiep', description: BRIDGE });
    expect(sent.report.status).toBe('received');
    expect(sent.report.category.id).toBe('nong_nghiep');
    const row = await reportRow(sent.code);
    expect(row).toMatchObject({ status: 'received', agency_id: null, first_assigned_at: null });
    expect(await routingOf(sent.code)).toMatchObject({
      category_id: 'nong_nghiep',
      suggested_category_id: 'giao_thong',
      routed_by: null,
    });
    expect(await intakeOf(sent.code)).toMatchObject({
      citizen_category_id: 'nong_nghiep',
      predicted_category_id: 'giao_thong',
      outcome: 'queued_uncertain',
    });
    expect((await eventsOf(sent.code)).map((e) => e.type)).toEqual(['received']);
    expect(await auditOf(sent.code)).toEqual([]);
    expect(
      (await notificationsOf(sent.code)).filter((n) => n.recipient_type === 'official'),
    ).toEqual([]);

    // The IOC sees it in its queue, with the suggestion and the intake record.
    const ioc = await asIoc();
    const queue = await ok<{
      items: { code: string; suggestedCategory: { id: string } | null }[];
    }>(await call(`/api/v1/work/reports?status=received&q=${sent.code}`, { headers: ioc.headers }));
    expect(queue.items.find((i) => i.code === sent.code)?.suggestedCategory?.id).toBe('giao_thong');
    const d = await ok<
      Detail & {
        intake: {
          citizenCategory: { id: string };
          predictedCategory: { id: string; name: string };
          confidence: number;
          alternatives: { category: { id: string; name: string }; confidence: number }[];
          outcome: string;
          outcomeLabel: string;
        } | null;
      }
    >(await call(`/api/v1/work/reports/${sent.code}`, { headers: ioc.headers }));
    expect(d.intake).toMatchObject({
      citizenCategory: { id: 'nong_nghiep' },
      predictedCategory: { id: 'giao_thong', name: 'Giao thông' },
      outcome: 'queued_uncertain',
    });
    expect(d.intake?.outcomeLabel).toMatch(/^Chờ IOC/);
    expect(d.intake?.alternatives).toHaveLength(3);
    for (const a of d.intake?.alternatives ?? []) expect(a.category.name).not.toBe(a.category.id);
    expect(d.allowedActions).toContain('intake');
  });

  it("a commune-level category goes to the committee of the report's commune", async () => {
    const officer = await createOfficial({ roles: ['commune_officer'], communeId: 'vi-thanh' });
    const { sent } = await sendOn({ categoryId: 'giao_thong', description: PAVEMENT });
    expect(sent.report.status).toBe('assigned');
    const row = await reportRow(sent.code);
    expect(row).toMatchObject({ commune_id: 'vi-thanh', agency_id: 'ubnd_vi-thanh' });
    expect(
      (await notificationsOf(sent.code)).some(
        (n) => n.recipient_id === officer.id && n.kind === 'report.assigned',
      ),
    ).toBe(true);
  });

  it('a category mapped to the IOC itself ("Khác") waits for the IOC', async () => {
    const { sent } = await sendOn({ categoryId: 'khac', description: OTHER });
    expect(sent.report.status).toBe('received');
    expect((await reportRow(sent.code)).agency_id).toBeNull();
    expect(await intakeOf(sent.code)).toMatchObject({ outcome: 'queued_no_agency' });
  });

  it('with auto-routing off, a confident reading still only suggests', async () => {
    const phone = newPhone();
    // `call` runs the Worker with the test bindings: INTAKE_AUTO_ROUTE=off.
    const res = await call('/api/v1/reports', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': phone.ip },
      body: JSON.stringify(reportBody(phone, { categoryId: 'giao_thong', description: PIPE })),
    });
    expect(res.status).toBe(201);
    const sent = await json<SubmitJson>(res);
    expect(sent.report.status).toBe('received');
    expect(await routingOf(sent.code)).toMatchObject({
      category_id: 'giao_thong',
      suggested_category_id: 'cap_thoat_nuoc',
      routed_by: null,
    });
    expect(await intakeOf(sent.code)).toMatchObject({
      predicted_category_id: 'cap_thoat_nuoc',
      outcome: 'queued_uncertain',
    });
  });

  it('a retried submission returns the same report, routed once', async () => {
    const phone = newPhone();
    const body = reportBody(phone, { categoryId: 'cap_thoat_nuoc', description: PIPE });
    const agencyOfficial = await createOfficial({
      roles: ['agency_leader'],
      agencyId: 'cap_thoat_nuoc',
    });
    const first = await submitOn(phone, body);
    expect(first.status).toBe(201);
    const a = await json<SubmitJson>(first);
    // The answer was lost on a weak network: the phone sends the same submission again,
    // and twice at once.
    const again = await Promise.all([submitOn(phone, body), submitOn(phone, body)]);
    for (const res of again) {
      expect(res.status).toBe(200);
      const b = await json<SubmitJson>(res);
      expect(b).toMatchObject({ created: false, code: a.code });
      expect(b.report.status).toBe('assigned');
      expect(b.report.timeline.map((e) => e.type)).toEqual(['received', 'assigned']);
    }
    expect((await eventsOf(a.code)).map((e) => e.type)).toEqual(['received', 'assigned']);
    expect((await auditOf(a.code)).map((x) => x.action)).toEqual(['report.assign']);
    const [intakeRows] = await sql<{ n: number }>(
      'select count(*) as n from report_intake i join reports r on r.id = i.report_id where r.code = ?',
      [a.code],
    );
    expect(Number(intakeRows?.n)).toBe(1);
    expect(
      (await notificationsOf(a.code)).filter((n) => n.recipient_id === agencyOfficial.id),
    ).toHaveLength(1);
  });

  it('Open311 submissions are routed the same way', async () => {
    const client = createClient({ url: env.LIBSQL_URL });
    await ensureDevOpen311Client(client);
    client.close();
    const ctx = createExecutionContext();
    const res = await app.fetch(
      new Request(`${ORIGIN}/open311/v2/requests.json`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          api_key: DEV_OPEN311_API_KEY,
          service_code: 'giao_thong',
          description: PIPE,
          lat: '9.7845',
          long: '105.4701',
        }).toString(),
      }),
      ON,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(200);
    const [created] = await json<{ service_request_id: string }[]>(res);
    const code = created?.service_request_id as string;
    expect(await reportRow(code)).toMatchObject({
      status: 'assigned',
      agency_id: 'cap_thoat_nuoc',
    });
    // No device and no user: the reporter hears of it only through the outbox (ZNS, if they
    // consented with a phone); no in-app row.
    const notes = await notificationsOf(code);
    expect(notes.filter((n) => n.recipient_type !== 'official')).toEqual([]);
  });
});

describe('intake-to-agency time in the leaders statistics', () => {
  it('is split between routed on arrival and routed by the IOC', async () => {
    // A period of its own, far in the past, so no other test's reports fall in it.
    const day = '2011-05-03';
    const at = (hhmm: string) => new Date(`${day}T${hhmm}:00.000+07:00`);
    const deviceHash = await hashDeviceId(`intake-stats-${crypto.randomUUID()}`);
    const send = (description: string, categoryId: string, environment: Env, now: Date) =>
      submitReport(
        db(),
        environment,
        {
          submissionId: crypto.randomUUID(),
          categoryId,
          description,
          location: { source: 'pin', lat: 9.7845, lng: 105.4701 },
        },
        { channel: 'miniapp', deviceHash, now },
      );
    const auto1 = await send(PIPE, 'cap_thoat_nuoc', ON, at('08:00'));
    const auto2 = await send(LAMP, 'dien_chieu_sang', ON, at('08:05'));
    const manual = await send(BRIDGE, 'nong_nghiep', ON, at('08:10'));
    expect([auto1.report.status, auto2.report.status, manual.report.status]).toEqual([
      'assigned',
      'assigned',
      'received',
    ]);

    // The IOC checks the waiting one and routes it (now: years after its receipt).
    const ioc = await asIoc();
    await ok(
      await act(ioc, manual.code, 'intake', { decision: 'valid', categoryId: 'giao_thong' }),
    );
    const manualRow = await routingOf(manual.code);
    expect(manualRow.routed_by).toBe('manual');
    const first = (await reportRow(manual.code)).first_assigned_at as string;
    const manualSeconds = Math.round((Date.parse(first) - at('08:10').getTime()) / 1000);

    const leader = await signedInOfficial({ roles: ['province_leader'] });
    const stats = await ok<LeaderStats>(
      await call(`/api/v1/work/stats?from=${day}&to=${day}`, { headers: leader.headers }),
    );
    const split = stats.summary.intakeToAgencyByRoute;
    expect(split.auto).toEqual({
      count: 2,
      medianSeconds: 0,
      p90Seconds: 0,
      averageSeconds: 0,
    });
    expect(split.manual.count).toBe(1);
    expect(split.manual.medianSeconds).toBeGreaterThanOrEqual(manualSeconds - 1);
    expect(split.manual.medianSeconds).toBeLessThanOrEqual(manualSeconds + 1);
    expect(split.manual.p90Seconds).toBe(split.manual.medianSeconds);
    expect(stats.summary.intakeToAgency.count).toBe(3);
    // The median of 0, 0 and the manual time is 0.
    expect(stats.summary.intakeToAgency.medianSeconds).toBe(0);

    // The XLSX export carries the split on its summary sheet.
    const res = await call(`/api/v1/work/stats/export?from=${day}&to=${day}&format=xlsx`, {
      headers: leader.headers,
    });
    expect(res.status).toBe(200);
  });
});
