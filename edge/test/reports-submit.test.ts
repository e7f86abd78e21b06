import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call } from './helpers';
import { containsBytes, phoneJpeg } from './support/images';
import {
  db,
  errorOf,
  json,
  newPhone,
  postJson,
  reportBody,
  rowsFor,
  type SubmitJson,
  submit,
  submitOk,
  upload,
  VI_THANH,
} from './support/reports';

describe('the full path: photo with GPS → report → tracking', () => {
  it('uploads a phone JPEG, strips its metadata, fills the location from EXIF, and tracks the report', async () => {
    const phone = newPhone();
    const photo = phoneJpeg({ lat: 9.7845, lng: 105.4701, orientation: 6 });
    expect(containsBytes(photo, 'Exif')).toBe(true);

    const { res, state } = await upload(phone, 'photo', photo, 'image/jpeg');
    expect(res.status).toBe(200);
    expect(state).toMatchObject({
      status: 'complete',
      mime: 'image/jpeg',
      width: 16,
      height: 12,
      hasGps: true,
    });

    // The stored object has no EXIF/XMP/comment left, only the orientation the viewer needs.
    const stored = await env.MEDIA.get(`media/${state.id}`);
    const bytes = new Uint8Array(await (stored as R2ObjectBody).arrayBuffer());
    expect(containsBytes(bytes, 'Galaxy')).toBe(false);
    expect(containsBytes(bytes, 'Samsung')).toBe(false);
    expect(containsBytes(bytes, 'Nguyen Van A')).toBe(false);
    expect(containsBytes(bytes, 'http://ns.adobe.com/xap')).toBe(false);
    expect(containsBytes(bytes, [0x88, 0x25])).toBe(false); // no GPS IFD pointer
    expect(bytes.length).toBeLessThan(photo.length);

    // No location given: the photo's GPS fills it.
    const sent = await submitOk(phone, { location: undefined, mediaIds: [state.id] });
    expect(sent.created).toBe(true);
    expect(sent.code).toMatch(/^PA-[2-9A-HJ-NP-Z]{6}$/);
    expect(sent.followToken).toMatch(/^[\w-]{43}$/);
    expect(sent.report.location).toMatchObject({
      source: 'exif',
      lat: VI_THANH.lat,
      lng: VI_THANH.lng,
    });
    expect(sent.report.commune?.id).toBe('vi-thanh');
    expect(sent.report.media).toEqual([
      expect.objectContaining({ id: state.id, kind: 'photo', url: `/api/v1/media/${state.id}` }),
    ]);

    const view = await call(`/api/v1/reports/${sent.code}`);
    expect(view.status).toBe(200);
    const body = await json<SubmitJson['report'] & { viewer: { isReporter: boolean } }>(view);
    expect(body).toMatchObject({
      code: sent.code,
      status: 'received',
      statusLabel: { vi: 'Đã tiếp nhận', en: 'Received' },
      category: { id: 'giao_thong', name: 'Giao thông' },
      supporterCount: 0,
      viewer: { isReporter: false },
    });
    expect(body.timeline).toEqual([
      expect.objectContaining({
        type: 'received',
        status: 'received',
        message: expect.stringMatching(/tiếp nhận/),
      }),
    ]);
    expect(body.dueAt && body.dueAt > new Date().toISOString()).toBe(true);

    // The photo is public now that it belongs to a visible report.
    const media = await call(body.media[0]?.url ?? '');
    expect(media.status).toBe(200);
    expect(media.headers.get('content-type')).toBe('image/jpeg');
    expect(media.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(media.headers.get('cache-control')).toMatch(/max-age=31536000/);
    expect(new Uint8Array(await media.arrayBuffer())).toEqual(bytes);
  });
});

type Case = [
  name: string,
  body: (b: Record<string, unknown>) => unknown,
  status: number,
  code: string,
  message: RegExp,
];

const longText = 'Ngập nước. '.repeat(200);

const BAD_INPUT: Case[] = [
  ['no category', ({ categoryId: _, ...b }) => b, 400, 'validation_failed', /chọn lĩnh vực/],
  [
    'an unknown category',
    (b) => ({ ...b, categoryId: 'khong_co' }),
    422,
    'unknown_category',
    /Lĩnh vực phản ánh không tồn tại/,
  ],
  [
    'empty text',
    (b) => ({ ...b, description: '   ' }),
    400,
    'validation_failed',
    /ít nhất 10 ký tự/,
  ],
  [
    'over-long text',
    (b) => ({ ...b, description: longText }),
    400,
    'validation_failed',
    /tối đa 2000 ký tự/,
  ],
  [
    'a latitude that is not a number',
    (b) => ({ ...b, location: { source: 'pin', lat: 'chín', lng: 105.47 } }),
    400,
    'validation_failed',
    /Vĩ độ \(lat\) phải là một số/,
  ],
  [
    'a longitude that is not a number',
    (b) => ({ ...b, location: { source: 'gps', lat: 9.78, lng: null } }),
    400,
    'validation_failed',
    /Kinh độ \(lng\) phải là một số/,
  ],
  [
    'coordinates outside the province',
    (b) => ({ ...b, location: { source: 'pin', lat: 9.1769, lng: 105.1524 } }),
    422,
    'out_of_province',
    /ngoài địa bàn tỉnh Hậu Giang/,
  ],
  [
    'coordinates off the globe',
    (b) => ({ ...b, location: { source: 'pin', lat: 190, lng: 105.47 } }),
    400,
    'validation_failed',
    /từ -90 đến 90/,
  ],
  [
    'an unknown location source',
    (b) => ({ ...b, location: { source: 'wifi', lat: 9.78, lng: 105.47 } }),
    400,
    'validation_failed',
    /Vị trí không hợp lệ/,
  ],
  [
    'an unknown commune',
    (b) => ({
      ...b,
      location: { source: 'address', communeId: 'ha-noi', address: '12 Trần Hưng Đạo' },
    }),
    422,
    'unknown_commune',
    /Xã\/phường/,
  ],
  [
    'no location and no photo',
    (b) => ({ ...b, location: undefined }),
    422,
    'location_required',
    /vị trí sự việc/,
  ],
  [
    'a bad phone number',
    (b) => ({ ...b, contact: { phone: '12345', consent: true } }),
    400,
    'validation_failed',
    /Số điện thoại không hợp lệ/,
  ],
  [
    'a foreign phone number',
    (b) => ({ ...b, contact: { phone: '+1 202 555 0100', consent: true } }),
    400,
    'validation_failed',
    /Số điện thoại không hợp lệ/,
  ],
  [
    'a phone without consent',
    (b) => ({ ...b, contact: { phone: '0912345678' } }),
    400,
    'validation_failed',
    /đồng ý/,
  ],
  [
    'a submission id that is not a UUID',
    (b) => ({ ...b, submissionId: 'abc' }),
    400,
    'validation_failed',
    /UUID/,
  ],
  ['no device id', ({ deviceId: _, ...b }) => b, 400, 'validation_failed', /mã thiết bị/i],
  [
    'an unknown media id',
    (b) => ({ ...b, mediaIds: [crypto.randomUUID()] }),
    422,
    'media_unavailable',
    /ảnh hoặc video/,
  ],
];

describe('POST /api/v1/reports refuses bad input with a Vietnamese message and writes nothing', () => {
  it.each(BAD_INPUT)('%s → %i %s', async (_name, mutate, status, code, message) => {
    const phone = newPhone();
    const body = mutate(reportBody(phone)) as { submissionId?: string };
    const res = await postJson('/api/v1/reports', body, phone);
    expect(res.status).toBe(status);
    const error = await errorOf(res);
    expect(error.code).toBe(code);
    // The message a person reads, in Vietnamese: in the top message or the field's issue.
    const text = `${error.message} ${JSON.stringify(error.details ?? '')}`;
    expect(text).toMatch(message);
    if (typeof body.submissionId === 'string') {
      expect(await rowsFor(body.submissionId)).toEqual({
        reports: 0,
        events: 0,
        contacts: 0,
        fts: 0,
      });
    }
  });

  it('refuses a body that is not JSON (invalid_json) and a wrong content type (415)', async () => {
    const phone = newPhone();
    const broken = await call('/api/v1/reports', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': phone.ip },
      body: '{"submissionId": "6f1c1b0e-3a8e-4c1e-9d5c-7d1f4a6b2e90", "categoryId": ',
    });
    expect(broken.status).toBe(400);
    expect(await errorOf(broken)).toMatchObject({
      code: 'invalid_json',
      message: expect.stringMatching(/không phải JSON hợp lệ/),
    });

    const form = await call('/api/v1/reports', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', 'CF-Connecting-IP': phone.ip },
      body: 'categoryId=giao_thong',
    });
    expect(form.status).toBe(415);
    expect(await errorOf(form)).toMatchObject({ code: 'unsupported_media_type' });
  });

  it('never answers 500 to a strange but well-formed body', async () => {
    const phone = newPhone();
    for (const body of [
      null,
      [],
      'text',
      42,
      { location: [] },
      { mediaIds: 'x' },
      { contact: 'me' },
    ]) {
      const res = await postJson('/api/v1/reports', body, phone);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe('validation_failed');
    }
  });
});

describe('locations', () => {
  it('takes an address with a commune, placing the report at the commune', async () => {
    const phone = newPhone();
    const sent = await submitOk(phone, {
      location: { source: 'address', communeId: 'nga-bay', address: '  Chợ nổi Ngã Bảy  ' },
    });
    expect(sent.report.commune).toEqual({
      id: 'nga-bay',
      name: 'Ngã Bảy',
      fullName: 'Phường Ngã Bảy',
    });
    expect(sent.report.location).toMatchObject({ source: 'address', lat: 9.817, lng: 105.819 });
  });

  it('finds the nearest commune of a GPS point', async () => {
    const sent = await submitOk(newPhone(), {
      location: { source: 'gps', lat: 9.8125, lng: 105.4315 },
    });
    expect(sent.report.commune?.id).toBe('hoa-luu');
  });

  it('exchanges a Zalo location token through the Graph API', async () => {
    const sent = await submitOk(newPhone(), {
      location: { source: 'zalo', token: 'loc:9.7631,105.4919', accessToken: 'at' },
    });
    expect(sent.report.location).toMatchObject({ source: 'zalo', lat: 9.7631, lng: 105.4919 });
    expect(sent.report.commune?.id).toBe('vi-tan');
  });

  it('refuses a Zalo token that Zalo refuses', async () => {
    const res = await submit(newPhone(), {
      location: { source: 'zalo', token: 'expired', accessToken: 'at' },
    });
    expect(res.status).toBe(422);
    expect(await errorOf(res)).toMatchObject({
      code: 'zalo_location_failed',
      message: expect.stringMatching(/vị trí từ Zalo/),
    });
  });
});

describe('contact details', () => {
  it('normalises the phone, keeps contacts apart and never shows them publicly', async () => {
    const phone = newPhone();
    const body = reportBody(phone, {
      contact: {
        name: 'Trần Thị Bích',
        phone: '0912 345 678',
        agencyMayContact: true,
        consent: true,
      },
    });
    const res = await postJson('/api/v1/reports', body, phone);
    expect(res.status).toBe(201);
    const sent = await json<SubmitJson>(res);
    const stored = await db().$client.execute({
      sql: 'select c.name, c.phone, c.agency_may_contact from report_contacts c join reports r on r.id = c.report_id where r.code = ?',
      args: [sent.code],
    });
    expect(stored.rows[0]).toMatchObject({
      name: 'Trần Thị Bích',
      phone: '+84912345678',
      agency_may_contact: 1,
    });
    const publicView = await (await call(`/api/v1/reports/${sent.code}`)).text();
    for (const text of [JSON.stringify(sent), publicView]) {
      expect(text).not.toMatch(/Bích|912345678|agencyMayContact|contact/);
    }
  });

  it.each([
    ['0912345678', '+84912345678'],
    ['+84 912 345 678', '+84912345678'],
    ['84987654321', '+84987654321'],
    ['0293.3876.543', '+842933876543'],
  ])('accepts %s as %s', async (input, stored) => {
    const phone = newPhone();
    const sent = await submitOk(phone, { contact: { phone: input, consent: true } });
    const rows = await db().$client.execute({
      sql: 'select c.phone from report_contacts c join reports r on r.id = c.report_id where r.code = ?',
      args: [sent.code],
    });
    expect(rows.rows[0]?.phone).toBe(stored);
  });

  it('writes no contact row when none is given', async () => {
    const phone = newPhone();
    const body = reportBody(phone, { contact: { agencyMayContact: false, consent: false } });
    expect((await postJson('/api/v1/reports', body, phone)).status).toBe(201);
    expect(await rowsFor(body.submissionId)).toEqual({
      reports: 1,
      events: 1,
      contacts: 0,
      fts: 1,
    });
  });
});

describe('idempotent submission', () => {
  it('returns the same report, token included, when a submission is sent again', async () => {
    const phone = newPhone();
    const body = reportBody(phone);
    const first = await json<SubmitJson>(await postJson('/api/v1/reports', body, phone));
    const again = await postJson('/api/v1/reports', body, phone);
    expect(again.status).toBe(200);
    const second = await json<SubmitJson>(again);
    expect(second).toMatchObject({
      created: false,
      code: first.code,
      followToken: first.followToken,
    });
    expect(second.report.timeline).toHaveLength(1);
  });

  it('creates exactly one report under 50 parallel retries of one submission', async () => {
    const phone = newPhone();
    const body = reportBody(phone, { contact: { phone: '0912000111', consent: true } });
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => postJson('/api/v1/reports', body, phone)),
    );
    const statuses = answers.map((r) => r.status);
    const bodies = await Promise.all(
      answers.map((r) => r.json() as Promise<SubmitJson & { error?: { code: string } }>),
    );
    // Every answer is the one report, or a polite 429 from the per-device limit.
    expect(statuses.every((s) => s === 200 || s === 201 || s === 429)).toBe(true);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    const codes = new Set(bodies.filter((b) => !b.error).map((b) => b.code));
    expect(codes.size).toBe(1);
    for (const b of bodies) if (b.error) expect(b.error.code).toBe('rate_limited');
    expect(await rowsFor(body.submissionId)).toEqual({
      reports: 1,
      events: 1,
      contacts: 1,
      fts: 1,
    });

    // A later retry (after the limit's window, or before it: known submissions are not limited).
    const later = await postJson('/api/v1/reports', body, phone);
    expect(later.status).toBe(200);
    expect((await json<SubmitJson>(later)).code).toBe([...codes][0]);
  });
});

describe('database round trips', () => {
  it('needs at most 2 for a submission without media', async () => {
    const pipelines = async () =>
      ((await (await fetch(`${env.LIBSQL_URL}/health`)).json()) as { pipelines: number }).pipelines;
    // Other test files share the server: the smallest of a few measurements is this request's.
    const trips: number[] = [];
    for (let i = 0; i < 5; i++) {
      const phone = newPhone();
      const before = await pipelines();
      await submitOk(phone);
      trips.push((await pipelines()) - before);
    }
    expect(Math.min(...trips)).toBeLessThanOrEqual(2);
  });
});

describe('search row', () => {
  it('indexes code, category, text, address and commune without diacritics', async () => {
    const sent = await submitOk(newPhone(), {
      description: 'Đường bị ngập sâu sau cơn mưa lớn, xe chết máy hàng loạt.',
      location: { source: 'address', communeId: 'vi-tan', address: 'Đường Võ Văn Kiệt' },
    });
    const rows = await db().$client.execute({
      sql: "select r.code from reports_fts f join reports r on r.id = f.rowid where reports_fts match 'duong bi ngap vo van kiet phuong vi tan giao thong' and r.code = ?",
      args: [sent.code],
    });
    expect(rows.rows).toHaveLength(1);
  });
});
