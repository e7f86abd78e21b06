import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  EnvironmentReportAnswer,
  GatewayAnswer,
  StationAdminAnswer,
  StationAdminDetailAnswer,
} from '../src/environment/schemas';
import { call } from './helpers';
import {
  addAlert,
  db,
  iso,
  nowSeconds,
  pdfBytes,
  seedGateway,
  seedStation,
  uid,
} from './support/environment-seed';
import { asAdmin, asAgencyLeader, asIoc, webSession } from './support/officials';
import { errorOf, json } from './support/reports';

// The environment administration (/api/v1/admin/environment) against the real Worker and
// the local libSQL: gateways with health, stations, thresholds (environment.manage, audited),
// and agencies' report uploads (environment.publish_report for the report's agency).

const BASE = '/api/v1/admin/environment';
const AGENCY = 'so_nong_nghiep_moi_truong';

type Headers = Record<string, string>;
let admin: { headers: Headers; official: { id: string } };

const send = (method: string, path: string, headers: Headers, body?: unknown) =>
  call(`${BASE}${path}`, {
    method,
    headers: body === undefined ? headers : { ...headers, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function auditOf(entityId: string) {
  return db().all<{ action: string; actorId: string; fromValue: string | null; toValue: string }>(
    sql`select action, actor_id as actorId, from_value as fromValue, to_value as toValue
      from audit_log where entity_id = ${entityId} order by id`,
  );
}

beforeAll(async () => {
  admin = await asAdmin();
});

describe('permissions', () => {
  it('needs an official with environment.manage', async () => {
    const anonymous = await send('GET', '/gateways', {});
    expect(anonymous.status).toBe(401);
    expect((await errorOf(anonymous)).code).toBe('official_session_required');
    for (const who of [await asIoc(), await asAgencyLeader(AGENCY)]) {
      for (const [method, path, body] of [
        ['GET', '/gateways'],
        ['GET', '/stations'],
        [
          'POST',
          '/gateways',
          { id: uid('gw'), name: 'X', protocol: 'sensorthings', baseUrl: 'https://x.vn' },
        ],
        ['PUT', '/stations/abc/thresholds/salinity', { levels: [] }],
      ] as const) {
        const res = await send(method, path, who.headers, body);
        expect(res.status, `${method} ${path}`).toBe(403);
        expect((await errorOf(res)).code).toBe('forbidden');
      }
    }
  });

  it('asks the web admin for its CSRF token on a change', async () => {
    const web = await webSession(admin.official);
    const body = {
      id: uid('gw'),
      name: 'Cổng CSRF',
      protocol: 'sensorthings',
      baseUrl: 'https://a.vn',
    };
    const without = await send('POST', '/gateways', { Cookie: web.cookie }, body);
    expect(without.status).toBe(403);
    expect((await errorOf(without)).code).toBe('csrf_failed');
    expect((await send('POST', '/gateways', web.headers, body)).status).toBe(201);
  });
});

describe('gateways', () => {
  it('creates, lists with health, edits, polls now and deletes, every change audited', async () => {
    const id = uid('gw');
    const created = await send('POST', '/gateways', admin.headers, {
      id,
      name: 'Cổng mô phỏng thử',
      protocol: 'sensorthings',
      baseUrl: 'http://127.0.0.1:8090/v1.1/',
    });
    expect(created.status).toBe(201);
    const { gateway } = await json<{ gateway: GatewayAnswer }>(created);
    expect(gateway).toMatchObject({
      id,
      name: 'Cổng mô phỏng thử',
      protocol: 'sensorthings',
      baseUrl: 'http://127.0.0.1:8090/v1.1', // trailing slash dropped
      authSecretName: null,
      pollIntervalMinutes: 5,
      timeoutMs: 10000,
      enabled: true,
      stationCount: 0,
      health: { status: 'never', consecutiveFailures: 0, lastSuccessAt: null },
    });
    expect(gateway.health.nextPollAt).not.toBeNull();

    const again = await send('POST', '/gateways', admin.headers, {
      id,
      name: 'Trùng mã',
      protocol: 'simple_json',
      baseUrl: 'https://b.vn',
    });
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe('gateway_exists');

    // The poll job's health columns, as the admin reads them.
    await db().run(sql`update sensor_gateways set last_poll_at = ${iso(nowSeconds())},
        last_success_at = ${iso(nowSeconds() - 600)}, last_error_at = ${iso(nowSeconds())},
        last_error = 'Hết thời gian chờ (10000 ms)', consecutive_failures = 3,
        next_poll_at = ${iso(nowSeconds() + 3600)}
      where id = ${id}`);
    const list = await json<{ items: GatewayAnswer[] }>(
      await send('GET', '/gateways', admin.headers),
    );
    expect(list.items.find((g) => g.id === id)?.health).toMatchObject({
      status: 'failing',
      consecutiveFailures: 3,
      lastError: 'Hết thời gian chờ (10000 ms)',
    });

    // A new address makes it due at once with the failure count reset.
    const patched = await send('PATCH', `/gateways/${id}`, admin.headers, {
      baseUrl: 'http://127.0.0.1:8091/v1.1',
      pollIntervalMinutes: 15,
    });
    expect(patched.status).toBe(200);
    const after = (await json<{ gateway: GatewayAnswer }>(patched)).gateway;
    expect(after).toMatchObject({ baseUrl: 'http://127.0.0.1:8091/v1.1', pollIntervalMinutes: 15 });
    expect(after.health.consecutiveFailures).toBe(0);
    expect(Date.parse(after.health.nextPollAt ?? '')).toBeLessThanOrEqual(Date.now());

    // Only the interval: the backoff stays.
    await db().run(sql`update sensor_gateways set consecutive_failures = 2,
      next_poll_at = ${iso(nowSeconds() + 3600)} where id = ${id}`);
    const renamed = await json<{ gateway: GatewayAnswer }>(
      await send('PATCH', `/gateways/${id}`, admin.headers, { name: 'Cổng đổi tên' }),
    );
    expect(renamed.gateway.health.consecutiveFailures).toBe(2);
    // "Poll now" cuts the backoff short.
    const polled = await json<{ gateway: GatewayAnswer }>(
      await send('POST', `/gateways/${id}/poll`, admin.headers),
    );
    expect(Date.parse(polled.gateway.health.nextPollAt ?? '')).toBeLessThanOrEqual(Date.now());

    expect((await send('DELETE', `/gateways/${id}`, admin.headers)).status).toBe(200);
    expect((await send('DELETE', `/gateways/${id}`, admin.headers)).status).toBe(404);
    const audit = await auditOf(id);
    expect(audit.map((a) => a.action)).toEqual([
      'sensor_gateway.create',
      'sensor_gateway.update',
      'sensor_gateway.update',
      'sensor_gateway.poll_now',
      'sensor_gateway.delete',
    ]);
    expect(audit.every((a) => a.actorId === admin.official.id)).toBe(true);
    expect(JSON.parse(audit[1]?.fromValue ?? '{}')).toEqual({
      baseUrl: 'http://127.0.0.1:8090/v1.1',
      pollIntervalMinutes: 5,
    });
  });

  it('validates settings in Vietnamese and keeps a gateway that stations use', async () => {
    const bad = await send('POST', '/gateways', admin.headers, {
      id: 'Có Dấu',
      name: 'X',
      protocol: 'mqtt',
      baseUrl: 'ftp://user:pw@x.vn',
      pollIntervalMinutes: 1,
      authSecretName: 'lower-case',
    });
    expect(bad.status).toBe(400);
    const issues = (
      (await errorOf(bad)).details as { issues: { path: string; message: string }[] }
    ).issues.map((i) => i.path);
    expect(issues.sort()).toEqual(
      ['authSecretName', 'baseUrl', 'id', 'name', 'pollIntervalMinutes', 'protocol'].sort(),
    );
    const used = await seedStation();
    const res = await send('DELETE', `/gateways/${used.gatewayId}`, admin.headers);
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe('gateway_in_use');
    expect((await send('PATCH', '/gateways/khong-co', admin.headers, { name: 'Mới' })).status).toBe(
      404,
    );
  });
});

describe('stations', () => {
  let gatewayId: string;
  beforeAll(async () => {
    gatewayId = await seedGateway();
  });

  const station = (id: string) => ({
    id,
    name: 'Cống Cái Lớn (thử)',
    kind: 'water',
    lat: 9.72,
    lng: 105.35,
    communeId: 'vi-thanh',
    address: 'Cống Cái Lớn, sông Cái Lớn',
    gatewayId,
    externalId: `thing-${id}`,
    agencyId: AGENCY,
  });

  it('creates, reads, edits and deletes a station, audited', async () => {
    const id = uid('st');
    const created = await send('POST', '/stations', admin.headers, station(id));
    expect(created.status).toBe(201);
    const detail = (await json<{ station: StationAdminDetailAnswer }>(created)).station;
    expect(detail).toMatchObject({
      id,
      kind: 'water',
      communeName: 'Phường Vị Thanh',
      gatewayId,
      agencyId: AGENCY,
      enabled: true,
      streamCount: 0,
      streams: [],
      thresholds: [],
    });
    const list = await json<{ items: StationAdminAnswer[] }>(
      await send('GET', `/stations?gatewayId=${gatewayId}`, admin.headers),
    );
    expect(list.items.map((s) => s.id)).toContain(id);

    const patched = await send('PATCH', `/stations/${id}`, admin.headers, {
      enabled: false,
      address: '',
    });
    expect(patched.status).toBe(200);
    const after = (await json<{ station: StationAdminDetailAnswer }>(patched)).station;
    expect(after).toMatchObject({ enabled: false, address: null });
    // Disabled: gone from the public API.
    expect((await call(`/api/v1/stations/${id}`)).status).toBe(404);

    expect((await send('DELETE', `/stations/${id}`, admin.headers)).status).toBe(200);
    expect((await send('GET', `/stations/${id}`, admin.headers)).status).toBe(404);
    expect((await auditOf(id)).map((a) => a.action)).toEqual([
      'station.create',
      'station.update',
      'station.delete',
    ]);
  });

  it('checks the gateway, commune, agency and the gateway’s external id', async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ gatewayId: 'khong-co' }, 400, 'unknown_gateway'],
      [{ communeId: 'khong-co' }, 400, 'unknown_commune'],
      [{ communeId: 'hau-giang' }, 400, 'unknown_commune'],
      [{ agencyId: 'khong-co' }, 400, 'unknown_agency'],
    ];
    for (const [change, status, code] of cases) {
      const res = await send('POST', '/stations', admin.headers, {
        ...station(uid('st')),
        ...change,
      });
      expect(res.status, code).toBe(status);
      expect((await errorOf(res)).code).toBe(code);
    }
    const first = station(uid('st'));
    expect((await send('POST', '/stations', admin.headers, first)).status).toBe(201);
    const twin = await send('POST', '/stations', admin.headers, {
      ...station(uid('st')),
      externalId: first.externalId,
    });
    expect(twin.status).toBe(409);
    expect((await errorOf(twin)).code).toBe('external_id_taken');
    const sameId = await send('POST', '/stations', admin.headers, {
      ...first,
      externalId: 'other',
    });
    expect(sameId.status).toBe(409);
    expect((await errorOf(sameId)).code).toBe('station_exists');
    const bad = await send('POST', '/stations', admin.headers, { ...first, lat: 91, kind: 'soil' });
    expect(bad.status).toBe(400);
  });

  it('deletes a station with its readings, alerts and followers', async () => {
    const now = nowSeconds();
    const s = await seedStation({ latest: { salinity: { value: 1.5, at: now } } });
    await db().run(sql`insert into readings (stream_id, observed_at, value)
      values (${s.streams.salinity}, ${now}, 1.5)`);
    await addAlert({
      stationId: s.id,
      metric: 'salinity',
      level: 1,
      raisedValue: 1.5,
      raisedAt: iso(now),
    });
    await call(`/api/v1/environment/follows/station/${s.id}`, {
      method: 'PUT',
      headers: { 'X-Device-Id': `test-device-${crypto.randomUUID()}` },
    });
    const detail = await json<{ station: StationAdminDetailAnswer }>(
      await send('GET', `/stations/${s.id}`, admin.headers),
    );
    expect(detail.station).toMatchObject({ streamCount: 1, activeAlertLevel: 1 });
    expect(detail.station.streams[0]).toMatchObject({
      metric: 'salinity',
      name: 'Độ mặn',
      lastValue: 1.5,
    });
    expect((await send('DELETE', `/stations/${s.id}`, admin.headers)).status).toBe(200);
    const [left] = await db().all<{ n: number }>(sql`select
        (select count(*) from readings where stream_id = ${s.streams.salinity})
      + (select count(*) from station_streams where station_id = ${s.id})
      + (select count(*) from station_alerts where station_id = ${s.id})
      + (select count(*) from environment_follows where subject_id = ${s.id}) as n`);
    expect(left?.n).toBe(0);
  });
});

describe('thresholds', () => {
  it('replaces a metric’s levels, ascending, audited', async () => {
    const s = await seedStation({ kind: 'water' });
    const put = (metric: string, body: unknown) =>
      send('PUT', `/stations/${s.id}/thresholds/${metric}`, admin.headers, body);
    const res = await put('salinity', {
      levels: [
        { value: 1, label: 'Lúa bắt đầu bị ảnh hưởng' },
        { value: 2, label: 'Lúa giảm năng suất' },
        { value: 4, label: 'Không lấy nước tưới' },
      ],
    });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      stationId: s.id,
      metric: 'salinity',
      thresholds: [
        {
          metric: 'salinity',
          level: 1,
          value: 1,
          direction: 'above',
          label: 'Lúa bắt đầu bị ảnh hưởng',
        },
        { metric: 'salinity', level: 2, value: 2, direction: 'above', label: 'Lúa giảm năng suất' },
        {
          metric: 'salinity',
          level: 3,
          value: 4,
          direction: 'above',
          label: 'Không lấy nước tưới',
        },
      ],
    });
    // pH warns going down.
    expect(
      (
        await put('ph', {
          direction: 'below',
          levels: [
            { value: 6, label: 'Chua nhẹ' },
            { value: 5, label: 'Chua' },
          ],
        })
      ).status,
    ).toBe(200);
    // Replacing with fewer levels leaves no stale level 3.
    await put('salinity', { levels: [{ value: 2, label: 'Lúa giảm năng suất' }] });
    const pub = await json<{ thresholds: { metric: string; level: number }[] }>(
      await call(`/api/v1/stations/${s.id}`),
    );
    expect(pub.thresholds.map((t) => `${t.metric}:${t.level}`)).toEqual([
      'salinity:1',
      'ph:1',
      'ph:2',
    ]);
    // An empty list removes the metric's alerts.
    await put('ph', { levels: [] });
    const audit = await auditOf(s.id);
    expect(audit.map((a) => a.action)).toEqual([
      'station.thresholds',
      'station.thresholds',
      'station.thresholds',
      'station.thresholds',
    ]);
    expect(JSON.parse(audit[2]?.fromValue ?? '{}').levels).toHaveLength(3);
  });

  it('refuses levels out of order, a metric the station cannot measure, and unknown stations', async () => {
    const s = await seedStation({ kind: 'water' });
    const wrong = await send('PUT', `/stations/${s.id}/thresholds/salinity`, admin.headers, {
      levels: [
        { value: 2, label: 'Mức một' },
        { value: 1, label: 'Mức hai' },
      ],
    });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify((await errorOf(wrong)).details)).toContain(
      'Ngưỡng mức 2 phải lớn hơn ngưỡng mức 1.',
    );
    const down = await send('PUT', `/stations/${s.id}/thresholds/ph`, admin.headers, {
      direction: 'below',
      levels: [
        { value: 5, label: 'Mức một' },
        { value: 6, label: 'Mức hai' },
      ],
    });
    expect(down.status).toBe(400);
    const pm = await send('PUT', `/stations/${s.id}/thresholds/pm25`, admin.headers, {
      levels: [{ value: 50, label: 'Kém' }],
    });
    expect(pm.status).toBe(422);
    expect((await errorOf(pm)).code).toBe('metric_not_measured');
    const unknown = await send('PUT', '/stations/khong-co/thresholds/salinity', admin.headers, {
      levels: [],
    });
    expect(unknown.status).toBe(404);
    const badMetric = await send('PUT', `/stations/${s.id}/thresholds/gold`, admin.headers, {
      levels: [],
    });
    expect(badMetric.status).toBe(400);
  });
});

describe('environment reports', () => {
  const form = (fields: Record<string, string>, file?: Blob | null) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(fields)) data.set(k, v);
    if (file) data.set('file', file, 'bao-cao.pdf');
    return data;
  };
  const upload = (headers: Headers, data: FormData | Uint8Array, extra: Headers = {}) =>
    call(`${BASE}/reports`, { method: 'POST', headers: { ...headers, ...extra }, body: data });
  const quarterly = {
    title: 'Báo cáo quan trắc môi trường quý I/2093',
    period: 'quarterly',
    year: '2093',
    quarter: '1',
  };
  const pdf = () => new Blob([pdfBytes()], { type: 'application/pdf' });

  it('lets an agency leader publish for their agency; citizens list and download it', async () => {
    const leader = await asAgencyLeader(AGENCY);
    const res = await upload(leader.headers, form(quarterly, pdf()));
    expect(res.status, await res.clone().text()).toBe(201);
    const { report } = await json<{ report: EnvironmentReportAnswer }>(res);
    expect(report).toMatchObject({
      title: quarterly.title,
      period: 'quarterly',
      year: 2093,
      quarter: 1,
      agencyId: AGENCY,
      bytes: pdfBytes().length,
      url: `/api/v1/environment/reports/${report.id}/file`,
    });
    const listed = await json<{ items: { id: string }[] }>(
      await call(`/api/v1/environment/reports?year=2093&agencyId=${AGENCY}`),
    );
    expect(listed.items.map((i) => i.id)).toContain(report.id);

    const file = await call(report.url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toBe(
      `inline; filename="Bao cao quan trac moi truong quy I 2093.pdf"; filename*=UTF-8''${encodeURIComponent('Báo cáo quan trắc môi trường quý I 2093.pdf')}`,
    );
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(pdfBytes());
    const etag = file.headers.get('etag') ?? '';
    expect((await call(report.url, { headers: { 'If-None-Match': etag } })).status).toBe(304);

    const [row] = await db().all<{ sha256: string; uploadedBy: string; r2Key: string }>(
      sql`select sha256, uploaded_by as uploadedBy, r2_key as r2Key from environment_reports where id = ${report.id}`,
    );
    expect(row?.uploadedBy).toBe(leader.official.id);
    expect(row?.r2Key).toBe(`environment-reports/${report.id}.pdf`);
    expect(etag).toBe(`"${row?.sha256}"`);
    expect((await auditOf(report.id)).map((a) => a.action)).toEqual(['environment_report.create']);

    // The leader removes it: row, file and download gone.
    expect(
      (await call(`${BASE}/reports/${report.id}`, { method: 'DELETE', headers: leader.headers }))
        .status,
    ).toBe(200);
    expect(await env.DOCUMENTS.get(`environment-reports/${report.id}.pdf`)).toBeNull();
    expect((await call(report.url)).status).toBe(404);
    expect((await auditOf(report.id)).map((a) => a.action)).toEqual([
      'environment_report.create',
      'environment_report.delete',
    ]);
  });

  it('keeps agency leaders to their own agency; administrators publish for any', async () => {
    const other = await asAgencyLeader('so_y_te');
    const forbidden = await upload(other.headers, form({ ...quarterly, agencyId: AGENCY }, pdf()));
    expect(forbidden.status).toBe(403);
    expect((await errorOf(forbidden)).code).toBe('forbidden');

    const byAdmin = await upload(admin.headers, form({ ...quarterly, agencyId: AGENCY }, pdf()));
    expect(byAdmin.status).toBe(201);
    const { report } = await json<{ report: EnvironmentReportAnswer }>(byAdmin);
    const del = await call(`${BASE}/reports/${report.id}`, {
      method: 'DELETE',
      headers: other.headers,
    });
    expect(del.status).toBe(403);
    // A citizen or an official without the permission cannot even try.
    expect((await upload({}, form(quarterly, pdf()))).status).toBe(401);
    expect((await upload((await asIoc()).headers, form(quarterly, pdf()))).status).toBe(403);
    const unknownAgency = await upload(
      admin.headers,
      form({ ...quarterly, agencyId: 'khong-co' }, pdf()),
    );
    expect(unknownAgency.status).toBe(400);
    expect((await errorOf(unknownAgency)).code).toBe('unknown_agency');
  });

  it('refuses a file that is not a PDF, an empty or too large one, and bad metadata', async () => {
    const leader = await asAgencyLeader(AGENCY);
    const png = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])]);
    const notPdf = await upload(leader.headers, form(quarterly, png));
    expect(notPdf.status).toBe(415);
    expect((await errorOf(notPdf)).code).toBe('not_pdf');

    const missing = await upload(leader.headers, form(quarterly));
    expect(missing.status).toBe(400);
    expect((await errorOf(missing)).code).toBe('file_required');

    const empty = await upload(leader.headers, form(quarterly, new Blob([])));
    expect(empty.status).toBe(400);

    const big = await upload(
      leader.headers,
      form(quarterly, new Blob([pdfBytes(20 * 1024 * 1024 + 1)])),
    );
    expect(big.status).toBe(413);
    const bigError = await errorOf(big);
    expect(bigError.code).toBe('file_too_large');
    expect(bigError.message).toBe('Tệp báo cáo vượt quá 20 MB.');

    const noQuarter = await upload(leader.headers, form({ ...quarterly, quarter: '' }, pdf()));
    expect(noQuarter.status).toBe(400);
    expect(JSON.stringify((await errorOf(noQuarter)).details)).toContain(
      'Báo cáo quý cần chọn quý.',
    );
    const annualWithQuarter = await upload(
      leader.headers,
      form({ ...quarterly, period: 'annual' }, pdf()),
    );
    expect(annualWithQuarter.status).toBe(400);

    const json415 = await call(`${BASE}/reports`, {
      method: 'POST',
      headers: { ...leader.headers, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(json415.status).toBe(415);
    // Nothing was stored by any of these.
    const [row] = await db().all<{ n: number }>(
      sql`select count(*) as n from environment_reports where uploaded_by = ${leader.official.id}`,
    );
    expect(row?.n).toBe(0);
  });
});
