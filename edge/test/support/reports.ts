import { env } from 'cloudflare:workers';
import type { UploadState } from '../../src/media/uploads';
import { createDb } from '../../src/platform/db';
import { call, type ErrorJson } from '../helpers';

// Helpers of the field-report tests: each test acts as its own phone (device id) behind its
// own IP, so the rate limiters of one test never refuse another's requests.

export const db = () => createDb(env);

let counter = 0;
export function newPhone() {
  counter += 1;
  const n = counter + Math.floor(Math.random() * 1e6);
  return {
    deviceId: `test-device-${crypto.randomUUID()}`,
    ip: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
  };
}
export type Phone = ReturnType<typeof newPhone>;

/** Vị Thanh ward, inside the province. */
export const VI_THANH = { lat: 9.7845, lng: 105.4701 };
/** Cà Mau city: south of the province's bounds. */
export const CA_MAU = { lat: 9.1769, lng: 105.1524 };

export function postJson(
  path: string,
  body: unknown,
  phone?: Phone,
  headers: Record<string, string> = {},
) {
  return call(path, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(phone ? { 'CF-Connecting-IP': phone.ip } : {}),
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

export async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

export async function errorOf(res: Response): Promise<ErrorJson['error']> {
  return ((await res.json()) as ErrorJson).error;
}

export type { UploadState };

export async function startUpload(
  phone: Phone,
  kind: 'photo' | 'video',
  bytes: number,
  mime?: string,
) {
  const res = await postJson(
    '/api/v1/uploads',
    { kind, bytes, mime, deviceId: phone.deviceId },
    phone,
  );
  return res;
}

export function putChunk(
  id: string,
  data: Uint8Array,
  start: number,
  total: number,
  init: RequestInit = {},
) {
  return call(`/api/v1/uploads/${id}`, {
    method: 'PUT',
    ...init,
    headers: {
      'Content-Type': 'application/octet-stream',
      'Content-Range': `bytes ${start}-${start + data.length - 1}/${total}`,
      ...(init.headers ?? {}),
    },
    body: data,
  });
}

/** Uploads a whole file chunk by chunk; returns the final state. */
export async function upload(
  phone: Phone,
  kind: 'photo' | 'video',
  data: Uint8Array,
  mime?: string,
): Promise<{ res: Response; state: UploadState }> {
  const started = await startUpload(phone, kind, data.length, mime);
  if (started.status !== 201)
    throw new Error(`upload start ${started.status}: ${await started.text()}`);
  const state = await json<UploadState>(started);
  let last: Response | undefined;
  for (let start = 0; start < data.length; start += state.chunkSize) {
    last = await putChunk(
      state.id,
      data.subarray(start, start + state.chunkSize),
      start,
      data.length,
    );
    if (last.status !== 200) return { res: last, state };
    if (start + state.chunkSize < data.length) await last.arrayBuffer();
  }
  if (!last) throw new Error('empty file');
  return { res: last, state: await json<UploadState>(last) };
}

export function reportBody(phone: Phone, extra: Record<string, unknown> = {}) {
  return {
    submissionId: crypto.randomUUID(),
    categoryId: 'giao_thong',
    description: 'Ổ gà lớn giữa đường Trần Hưng Đạo, xe máy dễ té ngã vào ban đêm.',
    location: { source: 'pin', ...VI_THANH },
    deviceId: phone.deviceId,
    ...extra,
  };
}

export interface SubmitJson {
  created: boolean;
  code: string;
  followToken?: string;
  report: {
    code: string;
    status: string;
    statusLabel: { vi: string; en: string };
    category: { id: string; name: string };
    description: string;
    commune: { id: string; name: string; fullName: string } | null;
    location: { lat: number; lng: number; source: string };
    media: { id: string; kind: string; url: string; mime: string }[];
    timeline: { type: string; status: string | null; message: string | null; at: string }[];
    dueAt: string | null;
    supporterCount: number;
    ratings: { rating: string; comment: string | null }[];
  };
}

export async function submit(phone: Phone, extra: Record<string, unknown> = {}) {
  const res = await postJson('/api/v1/reports', reportBody(phone, extra), phone);
  return res;
}

export async function submitOk(
  phone: Phone,
  extra: Record<string, unknown> = {},
): Promise<SubmitJson> {
  const res = await submit(phone, extra);
  if (res.status !== 201) throw new Error(`submit ${res.status}: ${await res.text()}`);
  return json<SubmitJson>(res);
}

/** Rows written for a submission id, across every table a submission writes. */
export async function rowsFor(submissionId: string) {
  const rows = await db().$client.execute({
    sql: `select
      (select count(*) from reports where submission_id = ?1) as reports,
      (select count(*) from report_events e join reports r on r.id = e.report_id where r.submission_id = ?1) as events,
      (select count(*) from report_contacts c join reports r on r.id = c.report_id where r.submission_id = ?1) as contacts,
      (select count(*) from reports_fts f join reports r on r.id = f.rowid where r.submission_id = ?1) as fts`,
    args: [submissionId],
  });
  const row = rows.rows[0] as unknown as {
    reports: number;
    events: number;
    contacts: number;
    fts: number;
  };
  return {
    reports: Number(row.reports),
    events: Number(row.events),
    contacts: Number(row.contacts),
    fts: Number(row.fts),
  };
}
