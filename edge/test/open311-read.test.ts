import { sql } from 'drizzle-orm';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, ORIGIN } from './helpers';
import { SKIP_REASON, schemaErrors, schemasAvailable } from './open311-validate';
import { marker, type SeededReport, seedReports, testDb } from './seed-reports';

// Open311 GeoReport v2, read side: discovery, services, service definitions, requests,
// one request, tokens; JSON validated against ../shared/open311, XML carrying the same data.

const BASE = '/open311/v2';

const xml = new XMLParser({
  parseTagValue: false,
  ignoreDeclaration: true,
  isArray: (name) => ['service', 'request', 'error', 'endpoint', 'format'].includes(name),
});

/** A JSON value as the XML carries it: every scalar as text, null as an empty element. */
function asXmlText(value: unknown): unknown {
  if (value === null) return '';
  if (Array.isArray(value)) return value.map(asXmlText);
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, asXmlText(v)]),
    );
  }
  return String(value);
}

async function getJson<T = unknown>(path: string): Promise<{ res: Response; body: T }> {
  const res = await call(`${BASE}${path}`);
  const text = await res.text();
  return { res, body: JSON.parse(text) as T };
}

/** The parsed XML document (fast-xml-parser gives it untyped). */
type XmlDoc = ReturnType<XMLParser['parse']>;

async function getXml(path: string): Promise<{ res: Response; text: string; doc: XmlDoc }> {
  const res = await call(`${BASE}${path}`);
  const text = await res.text();
  return { res, text, doc: xml.parse(text) };
}

type ServiceRequest = Record<string, unknown> & { service_request_id: string };
type Errors = { code: number; description: string }[];
type Discovery = {
  changeset: string;
  contact: string;
  endpoints: Record<string, unknown>[];
};

const validates = schemasAvailable ? it : it.skip;
const schemaNote = schemasAvailable ? '' : ` (${SKIP_REASON})`;

describe('Open311 discovery and services', () => {
  it('answers discovery in JSON and XML', async () => {
    const { res, body } = await getJson<Discovery>('/discovery.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(body.endpoints).toEqual([
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: `${ORIGIN}/open311/v2`,
        changeset: body.changeset,
        type: 'test',
        formats: ['text/xml', 'application/json'],
      },
    ]);
    expect(body.contact).toMatch(/IOC/);
    const x = await getXml('/discovery.xml');
    expect(x.res.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    expect(x.text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(x.doc.discovery.changeset).toBe(body.changeset);
    expect(x.doc.discovery.endpoints.endpoint[0].url).toBe(`${ORIGIN}/open311/v2`);
    expect(x.doc.discovery.endpoints.endpoint[0].formats.format).toEqual([
      'text/xml',
      'application/json',
    ]);
  });

  it('lists the categories as services, the same in JSON and XML', async () => {
    const { res, body } = await getJson<Record<string, unknown>[]>('/services.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(body).toHaveLength(13);
    expect(body.find((s) => s.service_code === 'giao_thong')).toEqual({
      service_code: 'giao_thong',
      service_name: 'Giao thông',
      description: expect.stringMatching(
        /^Roads and traffic\. Ví dụ: ổ gà; .*Thời hạn xử lý: 72 giờ\.$/,
      ),
      metadata: false,
      type: 'realtime',
      keywords: expect.stringContaining('ổ gà, sụt lún mặt đường'),
      group: 'Sở Xây dựng',
    });
    const x = await getXml('/services.xml');
    expect(x.doc.services.service).toEqual(asXmlText(body));
  });

  validates(`services.json validates against the Open311 schema${schemaNote}`, async () => {
    const { body } = await getJson('/services.json');
    expect(schemaErrors('services.json', body)).toEqual([]);
  });

  it('gives a service definition with no attributes, and 404 for an unknown code', async () => {
    const { res, body } = await getJson('/services/cap_thoat_nuoc.json');
    expect(res.status).toBe(200);
    expect(body).toEqual({ service_code: 'cap_thoat_nuoc', attributes: [] });
    if (schemasAvailable) expect(schemaErrors('service-definition.json', body)).toEqual([]);
    const x = await getXml('/services/cap_thoat_nuoc.xml');
    expect(x.doc).toEqual({
      service_definition: { service_code: 'cap_thoat_nuoc', attributes: '' },
    });

    const missing = await getJson<Errors>('/services/khong_co.json');
    expect(missing.res.status).toBe(404);
    expect(missing.body).toEqual([{ code: 404, description: expect.stringContaining('khong_co') }]);
    const missingXml = await getXml('/services/khong_co.xml');
    expect(missingXml.res.status).toBe(404);
    expect(missingXml.doc.errors.error[0].code).toBe('404');
  });
});

describe('Open311 requests', () => {
  const m = marker();
  let seeded: SeededReport[];
  // May 2004, in the province's time: no other test writes reports then.
  const window = 'start_date=2004-05-01T00:00:00%2B07:00&end_date=2004-05-31T23:59:59%2B07:00';

  beforeAll(async () => {
    seeded = await seedReports([
      {
        description: `Ổ gà sâu giữa đường Nguyễn Trãi <b>&</b> "xe" ${m}`,
        categoryId: 'giao_thong',
        status: 'received',
        address: '12 Nguyễn Trãi',
        createdAt: '2004-05-02T01:00:00.000Z',
        dueAt: '2004-05-05T01:00:00.000Z',
        photos: 2,
        events: [{ type: 'received', message: 'IOC đã tiếp nhận phản ánh.' }],
      },
      {
        description: `Lấn chiếm lòng đường ${m}`,
        categoryId: 'trat_tu_do_thi',
        status: 'assigned',
        agencyId: 'ubnd_xa_phuong',
        communeId: 'nga-bay',
        createdAt: '2004-05-03T01:00:00.000Z',
        events: [
          { type: 'received', message: 'IOC đã tiếp nhận phản ánh.' },
          { type: 'assigned', message: 'Đã chuyển UBND phường Ngã Bảy.' },
          { message: null, isPublic: false, note: 'ghi chú nội bộ' },
        ],
      },
      {
        description: `Đèn đường đã được thay ${m}`,
        categoryId: 'dien_chieu_sang',
        status: 'resolved',
        agencyId: 'dien_luc',
        createdAt: '2004-05-04T01:00:00.000Z',
        resolvedAt: '2004-05-06T01:00:00.000Z',
        dueAt: '2004-05-07T01:00:00.000Z',
        events: [
          { type: 'resolved', message: 'Đã thay bóng đèn.' },
          { message: 'Nội dung nội bộ', isPublic: false },
        ],
      },
      {
        description: `Bị ẩn ${m}`,
        hidden: true,
        createdAt: '2004-05-05T01:00:00.000Z',
      },
      { description: `Từ chối ${m}`, status: 'rejected', createdAt: '2004-05-06T01:00:00.000Z' },
      // Outside the window.
      { description: `Tháng sáu ${m}`, createdAt: '2004-06-01T01:00:00.000Z' },
    ]);
  });

  const code = (i: number) => seeded[i]?.code as string;

  it('lists the requests of a period newest first, hidden ones never', async () => {
    const { res, body } = await getJson<ServiceRequest[]>(`/requests.json?${window}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=30');
    expect(body.map((r) => r.service_request_id)).toEqual([code(4), code(2), code(1), code(0)]);
  });

  it('maps a report to the GeoReport fields', async () => {
    const { body } = await getJson<ServiceRequest[]>(`/requests.json?${window}`);
    const byCode = new Map(body.map((r) => [r.service_request_id, r]));
    expect(byCode.get(code(0))).toEqual({
      service_request_id: code(0),
      status: 'open',
      status_notes: 'IOC đã tiếp nhận phản ánh.',
      service_name: 'Giao thông',
      service_code: 'giao_thong',
      description: `Ổ gà sâu giữa đường Nguyễn Trãi <b>&</b> "xe" ${m}`,
      agency_responsible: null,
      service_notice: null,
      requested_datetime: '2004-05-02T08:00:00.000+07:00',
      updated_datetime: '2004-05-02T08:00:00.000+07:00',
      expected_datetime: '2004-05-05T08:00:00.000+07:00',
      address: '12 Nguyễn Trãi, Phường Vị Thanh, tỉnh Hậu Giang',
      address_id: 'vi-thanh',
      zipcode: null,
      lat: 9.7845,
      long: 105.4701,
      media_url: `${ORIGIN}/api/v1/media/${seeded[0]?.photoIds[0]}`,
    });
    // The latest public message; an internal note is never a status note.
    expect(byCode.get(code(1))).toMatchObject({
      status: 'open',
      status_notes: 'Đã chuyển UBND phường Ngã Bảy.',
      agency_responsible: 'UBND Phường Ngã Bảy',
      address: 'Phường Ngã Bảy, tỉnh Hậu Giang',
      media_url: null,
      expected_datetime: null,
    });
    expect(byCode.get(code(2))).toMatchObject({
      status: 'closed',
      status_notes: 'Đã thay bóng đèn.',
      agency_responsible: 'Công ty Điện lực tỉnh',
      updated_datetime: '2004-05-06T08:00:00.000+07:00',
    });
    expect(byCode.get(code(4))).toMatchObject({ status: 'closed' });
  });

  validates(
    `requests.json and request.json validate against the Open311 schemas${schemaNote}`,
    async () => {
      const { body } = await getJson<ServiceRequest[]>(`/requests.json?${window}`);
      expect(body.length).toBeGreaterThan(0);
      expect(schemaErrors('requests.json', body)).toEqual([]);
      for (const request of body) expect(schemaErrors('request.json', request)).toEqual([]);
      const one = await getJson<ServiceRequest[]>(`/requests/${code(0)}.json`);
      expect(schemaErrors('requests.json', one.body)).toEqual([]);
      const token = await getJson(`/tokens/${code(0)}.json`);
      expect(schemaErrors('TokenResponse', token.body)).toEqual([]);
    },
  );

  it('carries the same data in XML, escaped', async () => {
    const { body } = await getJson<ServiceRequest[]>(`/requests.json?${window}`);
    const x = await getXml(`/requests.xml?${window}`);
    expect(x.res.status).toBe(200);
    expect(x.text).toContain('&lt;b&gt;&amp;&lt;/b&gt;');
    expect(x.text).toContain('<zipcode/>');
    expect(x.doc.service_requests.request).toEqual(asXmlText(body));
  });

  it('filters by status, service_code and service_request_id', async () => {
    const list = async (query: string) =>
      (await getJson<ServiceRequest[]>(`/requests.json?${window}&${query}`)).body.map(
        (r) => r.service_request_id,
      );
    expect(await list('status=open')).toEqual([code(1), code(0)]);
    expect(await list('status=closed')).toEqual([code(4), code(2)]);
    expect(await list('status=open,closed')).toEqual([code(4), code(2), code(1), code(0)]);
    expect(await list('service_code=dien_chieu_sang')).toEqual([code(2)]);
    expect(await list('service_code=dien_chieu_sang,giao_thong')).toEqual([
      code(4),
      code(2),
      code(0),
    ]);
    // service_request_id overrides every other argument (here: the window and the status),
    // but a hidden report stays hidden. Codes are read as people type them.
    const ids = [code(5), code(3), code(0).toLowerCase()].join(',');
    const byId = await getJson<ServiceRequest[]>(
      `/requests.json?service_request_id=${ids}&status=closed`,
    );
    expect(byId.body.map((r) => r.service_request_id)).toEqual([code(5), code(0)]);
  });

  it('defaults to the last 90 days and checks the dates it is given', async () => {
    const day = 86_400_000;
    const [recent, old] = await seedReports([
      { description: `Gần đây ${m}`, createdAt: new Date(Date.now() - 89 * day).toISOString() },
      { description: `Quá 90 ngày ${m}`, createdAt: new Date(Date.now() - 91 * day).toISOString() },
    ]);
    const { body } = await getJson<ServiceRequest[]>('/requests.json');
    const ids = body.map((r) => r.service_request_id);
    expect(ids).toContain(recent?.code);
    expect(ids).not.toContain(old?.code);
    expect(body.length).toBeLessThanOrEqual(1000);

    // A start date alone covers 90 days from it; an end date alone, the 90 days before it.
    const from = await getJson<ServiceRequest[]>('/requests.json?start_date=2004-05-04');
    expect(from.body.map((r) => r.service_request_id)).toEqual([code(5), code(4), code(2)]);
    const until = await getJson<ServiceRequest[]>('/requests.json?end_date=2004-05-03');
    expect(until.body.map((r) => r.service_request_id)).toEqual([code(1), code(0)]);
    // Times without an offset are the province's time; Z and offsets are honoured.
    const utc = await getJson<ServiceRequest[]>(
      '/requests.json?start_date=2004-05-03T01:00:00Z&end_date=2004-05-04T00:59:59Z',
    );
    expect(utc.body.map((r) => r.service_request_id)).toEqual([code(1)]);
  });

  it('pages by end_date without gaps', async () => {
    // Next page: end_date = requested_datetime of the last request received (inclusive, so
    // the boundary request comes again and is dropped by id).
    const first = await getJson<ServiceRequest[]>(`/requests.json?${window}`);
    const last = first.body.at(-1) as ServiceRequest;
    const next = await getJson<ServiceRequest[]>(
      `/requests.json?start_date=2004-05-01T00:00:00%2B07:00&end_date=${encodeURIComponent(
        last.requested_datetime as string,
      )}`,
    );
    expect(next.body.map((r) => r.service_request_id)).toEqual([code(0)]);
  });

  it('gives one request by id, in JSON and XML; 404 for unknown and hidden ones', async () => {
    const { res, body } = await getJson<ServiceRequest[]>(`/requests/${code(2)}.json`);
    expect(res.status).toBe(200);
    expect(body).toHaveLength(1);
    expect(body[0]?.service_request_id).toBe(code(2));
    const x = await getXml(`/requests/${code(2)}.xml`);
    expect(x.doc.service_requests.request).toEqual(asXmlText(body));

    for (const id of [code(3), 'PA-ZZZZZZ']) {
      const missing = await getJson<Errors>(`/requests/${id}.json`);
      expect(missing.res.status).toBe(404);
      expect(missing.body).toEqual([{ code: 404, description: expect.any(String) }]);
      const missingXml = await getXml(`/requests/${id}.xml`);
      expect(missingXml.res.status).toBe(404);
      expect(missingXml.doc.errors.error).toEqual([
        { code: '404', description: expect.any(String) },
      ]);
    }
  });

  it('resolves a token (the tracking code) to its request id', async () => {
    const { res, body } = await getJson(`/tokens/${code(1)}.json`);
    expect(res.status).toBe(200);
    expect(body).toEqual([{ service_request_id: code(1), token: code(1) }]);
    const x = await getXml(`/tokens/${code(1)}.xml`);
    expect(x.doc).toEqual({
      service_requests: { request: [{ service_request_id: code(1), token: code(1) }] },
    });
    expect((await getJson(`/tokens/${code(3)}.json`)).res.status).toBe(404);
  });

  it('does not show a report that became hidden', async () => {
    const [r] = await seedReports([
      { description: `Sắp ẩn ${m}`, createdAt: '2004-05-20T01:00:00.000Z' },
    ]);
    expect((await getJson(`/requests/${r?.code}.json`)).res.status).toBe(200);
    await testDb().run(sql`update reports set hidden = 1 where code = ${r?.code as string}`);
    expect((await getJson(`/requests/${r?.code}.json`)).res.status).toBe(404);
    const { body } = await getJson<ServiceRequest[]>(`/requests.json?${window}`);
    expect(body.map((x) => x.service_request_id)).not.toContain(r?.code);
  });
});

describe('Open311 errors', () => {
  it('answers bad arguments with 400 in the GeoReport error format', async () => {
    for (const query of [
      'start_date=yesterday',
      'end_date=2025-02-30',
      'status=pending',
      'start_date=2024-01-01&end_date=2024-06-01',
      'start_date=2024-06-01&end_date=2024-01-01',
    ]) {
      const { res, body } = await getJson<Errors>(`/requests.json?${query}`);
      expect(res.status, query).toBe(400);
      expect(body, query).toEqual([{ code: 400, description: expect.any(String) }]);
      const x = await getXml(`/requests.xml?${query}`);
      expect(x.res.status, query).toBe(400);
      expect(x.doc.errors.error).toEqual([{ code: '400', description: body[0]?.description }]);
    }
  });

  it('answers unknown paths with 404 and wrong methods with 405, in the asked format', async () => {
    const json = await getJson<Errors>('/nothing.json');
    expect(json.res.status).toBe(404);
    expect(json.body[0]?.code).toBe(404);
    const x = await getXml('/nothing.xml');
    expect(x.res.status).toBe(404);
    expect(x.doc.errors.error[0].code).toBe('404');
    const html = await call(`${BASE}/services.html`);
    expect(html.status).toBe(404);
    const put = await call(`${BASE}/services.json`, { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(await put.json()).toEqual([{ code: 405, description: expect.any(String) }]);
  });
});
