import { z } from '@hono/zod-openapi';
import type { ADMIN_KINDS, ReportStatus } from '@tinh/db/schema';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { fullName } from '../catalog/admin-units';
import { listCategories } from '../catalog/repo';
import { publicCache } from '../feed/cache';
import { mediaUrl } from '../media/config';
import type { AppEnv } from '../platform/env';
import { ApiError, MESSAGES } from '../platform/errors';
import { createRouter } from '../platform/router';
import { approximate, PROVINCE } from '../reports/geo';
import { OPEN_STATUSES } from '../reports/labels';
import { submitReport } from '../reports/submit';
import { normaliseTrackingCode, sha256Hex } from '../reports/tokens';
import {
  FORMATS,
  type Format,
  formatOfPath,
  type Open311Error,
  respond,
  respondErrors,
  type XmlValue,
} from './format';
import { findClientByKeyHash, listRequests, type RequestRow } from './repo';

// Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2/) at /open311/v2/, in JSON
// and XML: discovery, services, service definitions, requests (GET with the spec's filters,
// POST with an API key), one request, and tokens. Errors use the GeoReport shape
// `[{ "code", "description" }]`. The JSON answers validate against the open311/schema-
// validation JSON Schemas (tested with ajv).
//
// Mapping:
// - service = report category: service_code = category id, service_name = its Vietnamese
//   name, group = its default agency, keywords = its examples; no extra attributes.
// - service_request_id = the tracking code (PA-XXXXXX). Requests are created in real time,
//   so tokens are not needed; GET tokens/{token} accepts a tracking code and echoes it.
// - status: received/assigned/in_progress → open; resolved/rejected/duplicate → closed.
// - status_notes: the latest public timeline message; expected_datetime: the due date;
//   agency_responsible: the handling agency; address_id: the commune/ward id.
// - Times in ISO 8601 with the province's offset (+07:00).
// - Hidden reports do not exist here. Contact details (name, phone, email) are never
//   returned, not even to the client that POSTed them.
// - One jurisdiction: jurisdiction_id is accepted and ignored.
//
// GET requests: newest first (requested_datetime, then id), at most 1000, within
// [start_date, end_date] (both inclusive): by default the last 90 days; start_date alone
// covers the 90 days after it, end_date alone the 90 days before it; a span over 90 days
// is refused. service_request_id (comma list) overrides every other argument. Paging: ask
// again with end_date = the requested_datetime of the last request received; that request
// comes back first (the bound is inclusive), drop it by its id. No request is skipped,
// even when several share one instant.
//
// POST requests: form-encoded (or multipart) with api_key (form or query string; only its
// SHA-256 is stored, in open311_clients; missing, unknown or revoked → 403). service_code
// and a location are required: lat + long, or address_string + address_id (a commune/ward
// id of /api/v1/catalog/admin-units). first_name, last_name and phone are stored as the
// report's contact, visible to the IOC only: sending them asserts that the person agreed to
// be contacted by the IOC (the spec cannot say whether the agency may call them, so it may
// not). email, device_id, account_id, media_url and attribute[] are accepted and not
// stored. There is no idempotency key in the spec: a retried POST makes a second report.

const OPEN = new Set<ReportStatus>(OPEN_STATUSES);
const STATUS_GROUPS: Record<'open' | 'closed', ReportStatus[]> = {
  open: ['received', 'assigned', 'in_progress'],
  closed: ['resolved', 'rejected', 'duplicate'],
};

/** GeoReport v2 defaults: a span of 90 days or the first 1000 requests, whichever is smaller. */
export const MAX_REQUESTS = 1000;
export const MAX_SPAN_DAYS = 90;
const DAY_MS = 86_400_000;

/** When this implementation last changed in a way clients may notice (discovery `changeset`). */
export const CHANGESET = '2026-11-21T00:00:00+07:00';
export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

// ---- values ---------------------------------------------------------------------------

/** A stored UTC instant as ISO 8601 in Vietnam's time (UTC+7, no daylight saving time). */
export function vnDateTime(utc: string): string {
  const t = Date.parse(utc);
  return new Date(t + 7 * 3_600_000).toISOString().replace('Z', '+07:00');
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * A `start_date`/`end_date` value as an instant (ms). ISO 8601 as the spec asks (with Z or an
 * offset); without an offset the province's time is assumed; a bare date is the start of that
 * day, or its end when `endOfDay`.
 */
export function parseDateTime(value: string, endOfDay: boolean): number | null {
  const m = DATE_TIME.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const dateOnly = h === undefined;
  const offset = zone === undefined ? '+07:00' : zone.toUpperCase() === 'Z' ? 'Z' : zone;
  const normalised = `${y}-${mo}-${d}T${h ?? '00'}:${mi ?? '00'}:${s ?? '00'}${(frac ?? '').slice(0, 4)}${
    offset === 'Z' ? 'Z' : `${offset.slice(0, 3)}:${offset.slice(-2)}`
  }`;
  const t = Date.parse(normalised);
  if (!Number.isFinite(t)) return null;
  // Date.parse rolls 2025-02-30 over to March: refuse dates that do not exist.
  const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) return null;
  return dateOnly && endOfDay ? t + DAY_MS - 1 : t;
}

type Kind = (typeof ADMIN_KINDS)[number];

function agencyResponsible(row: RequestRow): string | null {
  if (!row.agencyName) return null;
  // The commune-level agency is "the People's Committee of the commune/ward of the report".
  if (row.agencyScope === 'commune' && row.communeName && row.communeKind) {
    return `UBND ${fullName({ name: row.communeName, kind: row.communeKind as Kind, level: 'commune' })}`;
  }
  return row.agencyName;
}

function addressOf(row: RequestRow): string {
  const commune =
    row.communeName && row.communeKind
      ? fullName({ name: row.communeName, kind: row.communeKind as Kind, level: 'commune' })
      : null;
  return [row.address, commune, `tỉnh ${PROVINCE.name}`].filter((p) => p).join(', ');
}

/** One report as a GeoReport service request (field order as in the spec). */
export function toServiceRequest(row: RequestRow, origin: string) {
  return {
    service_request_id: row.code,
    status: OPEN.has(row.status) ? ('open' as const) : ('closed' as const),
    status_notes: row.statusNotes,
    service_name: row.categoryName,
    service_code: row.categoryId,
    description: row.description.slice(0, 4000),
    agency_responsible: agencyResponsible(row),
    service_notice: null,
    requested_datetime: vnDateTime(row.createdAt),
    updated_datetime: vnDateTime(row.updatedAt),
    expected_datetime: row.dueAt ? vnDateTime(row.dueAt) : null,
    address: addressOf(row),
    address_id: row.communeId,
    zipcode: null,
    lat: approximate(row.lat),
    long: approximate(row.lng),
    media_url: row.photoId ? `${origin}${mediaUrl(row.photoId)}` : null,
  };
}

type ServiceRequest = ReturnType<typeof toServiceRequest>;

const requestsXml = (items: ServiceRequest[]): [string, XmlValue] => [
  'service_requests',
  { request: items },
];

// ---- errors -------------------------------------------------------------------------

/** A refusal in GeoReport's error format (thrown inside handlers, answered by onError). */
export class Open311Failure extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly errors: Open311Error[],
  ) {
    super(errors.map((e) => e.description).join('; '));
    this.name = 'Open311Failure';
  }
}

const fail = (status: ContentfulStatusCode, description: string) =>
  new Open311Failure(status, [{ code: status, description }]);

/** Open311 parameter names of the fields submitReport validates. */
const PARAM_OF_FIELD: [RegExp, string][] = [
  [/^categoryId/, 'service_code'],
  [/^description/, 'description'],
  [/^location\.lat/, 'lat'],
  [/^location\.lng/, 'long'],
  [/^location\.address/, 'address_string'],
  [/^location\.communeId/, 'address_id'],
  [/^location/, 'lat/long'],
  [/^contact\.name/, 'first_name/last_name'],
  [/^contact\.phone/, 'phone'],
  [/^contact/, 'first_name/last_name/phone'],
];
const PARAM_OF_CODE: Record<string, string> = {
  unknown_category: 'service_code',
  unknown_commune: 'address_id',
  location_required: 'lat/long',
  out_of_province: 'lat/long',
};

const paramOf = (path: string) => PARAM_OF_FIELD.find(([re]) => re.test(path))?.[1];

/** An ApiError of the shared submission flow in GeoReport terms (422 is GeoReport's 400). */
function fromApiError(err: ApiError): Open311Failure {
  const status: ContentfulStatusCode = err.status === 422 ? 400 : err.status;
  const issues = (err.details as { issues?: { path: string; message: string }[] } | undefined)
    ?.issues;
  if (err.code === 'validation_failed' && issues?.length) {
    return new Open311Failure(
      status,
      issues.map((i) => {
        const param = paramOf(i.path);
        return { code: status, description: param ? `${param}: ${i.message}` : i.message };
      }),
    );
  }
  const param = PARAM_OF_CODE[err.code];
  return fail(status, param ? `${param}: ${err.message}` : err.message);
}

// ---- parameters -----------------------------------------------------------------------

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);

interface RequestsQuery {
  codes?: string[];
  categoryIds?: string[];
  statuses?: ReportStatus[];
  start?: number;
  end?: number;
}

function parseRequestsQuery(q: Record<string, string | undefined>, now: number): RequestsQuery {
  const codes = list(q.service_request_id);
  if (codes.length > MAX_REQUESTS) {
    throw fail(400, `service_request_id: tối đa ${MAX_REQUESTS} mã mỗi lần.`);
  }
  // "This overrides all other arguments."
  if (codes.length > 0) return { codes: codes.map(normaliseTrackingCode) };

  const statuses: ReportStatus[] = [];
  for (const s of list(q.status)) {
    const group = STATUS_GROUPS[s.toLowerCase() as 'open' | 'closed'];
    if (!group) throw fail(400, 'status: chỉ nhận open hoặc closed (phân cách bằng dấu phẩy).');
    statuses.push(...group);
  }
  const date = (name: 'start_date' | 'end_date') => {
    const value = q[name];
    if (value === undefined || value === '') return undefined;
    const t = parseDateTime(value, name === 'end_date');
    if (t === null) {
      throw fail(400, `${name}: cần thời điểm ISO 8601, ví dụ 2025-07-01T00:00:00+07:00.`);
    }
    return t;
  };
  const startGiven = date('start_date');
  const endGiven = date('end_date');
  const span = MAX_SPAN_DAYS * DAY_MS;
  const end = endGiven ?? (startGiven !== undefined ? startGiven + span : now);
  const start = startGiven ?? end - span;
  if (start > end) throw fail(400, 'start_date phải trước end_date.');
  if (end - start > span) {
    throw fail(400, `start_date và end_date không được cách nhau quá ${MAX_SPAN_DAYS} ngày.`);
  }
  const categoryIds = list(q.service_code);
  return {
    ...(categoryIds.length > 0 ? { categoryIds } : {}),
    ...(statuses.length > 0 ? { statuses: [...new Set(statuses)] } : {}),
    start,
    end,
  };
}

const optionalText = (max: number) => z.string().trim().max(max).optional();
const coordinate = (name: string) =>
  z
    .string()
    .trim()
    .regex(/^[+-]?(\d+(\.\d*)?|\.\d+)$/, `phải là một số (${name}, độ WGS 84).`)
    .transform(Number)
    .optional();

/** POST requests parameters (form-encoded, as the spec says). */
const PostParamsSchema = z.object({
  service_code: z
    .string({ error: 'bắt buộc (mã lĩnh vực, xem services).' })
    .trim()
    .min(1, 'bắt buộc (mã lĩnh vực, xem services).')
    .max(64, 'không tồn tại.'),
  lat: coordinate('lat'),
  long: coordinate('long'),
  address_string: optionalText(300),
  address_id: optionalText(64),
  description: z.string().optional(),
  first_name: optionalText(50),
  last_name: optionalText(50),
  phone: optionalText(20),
  email: optionalText(254),
  // Accepted and ignored: device_id, account_id, media_url (no file is fetched from a URL),
  // attribute[...] (no service has attributes).
});

type PostParams = z.infer<typeof PostParamsSchema>;

/** The submission `submitReport` receives for an Open311 POST. */
export function toSubmission(p: PostParams) {
  const hasPoint = p.lat !== undefined && p.long !== undefined;
  if ((p.lat === undefined) !== (p.long === undefined)) {
    throw fail(400, 'lat/long: cần cả vĩ độ (lat) và kinh độ (long).');
  }
  if (!hasPoint && !p.address_id) {
    throw fail(
      400,
      'lat/long: cần vị trí, bằng lat và long, hoặc address_string kèm address_id (mã xã/phường, xem /api/v1/catalog/admin-units).',
    );
  }
  const location = hasPoint
    ? {
        source: 'pin' as const,
        lat: p.lat as number,
        lng: p.long as number,
        ...(p.address_string ? { address: p.address_string } : {}),
        ...(p.address_id ? { communeId: p.address_id } : {}),
      }
    : {
        source: 'address' as const,
        communeId: p.address_id as string,
        address: p.address_string ?? '',
      };
  // Vietnamese order: family name (last_name) first, then the given name.
  const name = [p.last_name, p.first_name].filter((n) => n).join(' ');
  const contact =
    name || p.phone
      ? {
          ...(name ? { name } : {}),
          ...(p.phone ? { phone: p.phone } : {}),
          // An Open311 client that sends a name or phone asserts that the person agreed to
          // be contacted by the IOC; the spec has no way to say the agency may call them.
          consent: true,
          agencyMayContact: false,
        }
      : undefined;
  return {
    submissionId: crypto.randomUUID(),
    categoryId: p.service_code,
    description: p.description ?? '',
    location,
    mediaIds: [],
    ...(contact ? { contact } : {}),
  };
}

/** Form fields of the body (url-encoded or multipart), over the query string's. */
async function readParams(c: Context<AppEnv>): Promise<Record<string, string | undefined>> {
  const params: Record<string, string | undefined> = { ...c.req.query() };
  const type = c.req.header('content-type') ?? '';
  if (/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
    let body: Record<string, unknown>;
    try {
      body = await c.req.parseBody();
    } catch {
      throw fail(400, 'Không đọc được dữ liệu gửi lên (form không hợp lệ).');
    }
    for (const [key, value] of Object.entries(body)) {
      if (typeof value === 'string') params[key] = value;
    }
  } else if (type && !/^text\/plain/i.test(type)) {
    throw fail(
      400,
      'Dữ liệu phải gửi dạng application/x-www-form-urlencoded (hoặc multipart/form-data).',
    );
  }
  // Form clients often send every field, empty or not: an empty field is an absent one.
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value.trim() === '') delete params[key];
  }
  return params;
}

// ---- app -----------------------------------------------------------------------------

const open311 = createRouter();

const originOf = (c: Context) => new URL(c.req.url).origin;

/** GETs of reference data and of requests are cacheable (5 minutes and 30 seconds). */
const cacheServices = publicCache(300);
const cacheRequests = publicCache(30);

for (const format of FORMATS) {
  open311.get(`/discovery.${format}`, ...cacheServices, (c) => {
    const discovery = {
      changeset: CHANGESET,
      contact: `Trung tâm Giám sát, điều hành đô thị thông minh (IOC) tỉnh ${PROVINCE.name}.`,
      key_service:
        'Đọc dữ liệu không cần khoá. Để gửi phản ánh (POST requests), ứng dụng cần api_key do Trung tâm IOC cấp. ' +
        'Ứng dụng gửi họ tên hoặc số điện thoại (first_name, last_name, phone) cam kết người phản ánh đã đồng ý cho IOC liên hệ; ' +
        'các thông tin này không bao giờ được trả về. email, device_id, account_id, media_url được chấp nhận nhưng không lưu.',
      endpoints: [
        {
          specification: SPECIFICATION,
          url: `${originOf(c)}/open311/v2`,
          changeset: CHANGESET,
          type: c.env?.ENVIRONMENT === 'production' ? 'production' : 'test',
          formats: ['text/xml', 'application/json'],
        },
      ],
    };
    return respond(c, format, 200, discovery, () => [
      'discovery',
      {
        ...discovery,
        endpoints: {
          endpoint: discovery.endpoints.map((e) => ({ ...e, formats: { format: e.formats } })),
        },
      },
    ]);
  });

  open311.get(`/services.${format}`, ...cacheServices, async (c) => {
    const services = (await listCategories(c.var.db)).map((cat) => ({
      service_code: cat.id,
      service_name: cat.name,
      description: `${cat.nameEn}. Ví dụ: ${cat.examples.join('; ')}. Thời hạn xử lý: ${cat.slaHours} giờ.`,
      metadata: false,
      type: 'realtime' as const,
      keywords: cat.examples.join(', '),
      group: cat.defaultAgency.name,
    }));
    return respond(c, format, 200, services, () => ['services', { service: services }]);
  });

  open311.post(`/requests.${format}`, async (c) => {
    const params = await readParams(c);
    const apiKey = params.api_key?.trim();
    const client = apiKey
      ? await findClientByKeyHash(c.var.db, await sha256Hex(apiKey))
      : undefined;
    if (!client) throw fail(403, 'api_key không hợp lệ hoặc đã bị thu hồi (invalid api_key).');
    c.var.logFields.open311Client = client.id;

    const parsed = PostParamsSchema.safeParse(params);
    if (!parsed.success) {
      throw new Open311Failure(
        400,
        parsed.error.issues.map((i) => ({
          code: 400,
          description: `${i.path.join('.')}: ${i.message}`,
        })),
      );
    }
    let result: Awaited<ReturnType<typeof submitReport>>;
    try {
      result = await submitReport(c.var.db, c.env, toSubmission(parsed.data), {
        channel: 'open311',
      });
    } catch (err) {
      if (err instanceof ApiError) throw fromApiError(err);
      throw err;
    }
    const due = result.report.dueAt ? vnDateTime(result.report.dueAt) : null;
    const created = [
      {
        service_request_id: result.code,
        service_notice: due
          ? `Đã tiếp nhận phản ánh ${result.code}. Hạn xử lý dự kiến: ${due}.`
          : `Đã tiếp nhận phản ánh ${result.code}.`,
        // No account_id: reports are anonymous (and the schema wants a string, not null).
      },
    ];
    return respond(c, format, 200, created, () => ['service_requests', { request: created }]);
  });

  open311.get(`/requests.${format}`, ...cacheRequests, async (c) => {
    const q = parseRequestsQuery(c.req.query(), Date.now());
    const rows = await listRequests(c.var.db, {
      codes: q.codes,
      categoryIds: q.categoryIds,
      statuses: q.statuses,
      createdFrom: q.start !== undefined ? new Date(q.start).toISOString() : undefined,
      createdTo: q.end !== undefined ? new Date(q.end).toISOString() : undefined,
      limit: MAX_REQUESTS,
    });
    const origin = originOf(c);
    const items = rows.map((r) => toServiceRequest(r, origin));
    return respond(c, format, 200, items, () => requestsXml(items));
  });
}

/** `{name}.json` or `{name}.xml` in the last path segment. */
function splitFile(file: string): { name: string; format: Format } | null {
  const m = /^(.+)\.(json|xml)$/i.exec(file);
  if (!m) return null;
  return {
    name: decodeURIComponent(m[1] as string),
    format: (m[2] as string).toLowerCase() as Format,
  };
}

open311.get('/services/:file', ...cacheServices, async (c) => {
  const file = splitFile(c.req.param('file'));
  if (!file) throw fail(404, MESSAGES.not_found);
  const category = (await listCategories(c.var.db)).find((cat) => cat.id === file.name);
  if (!category) {
    return respondErrors(c, file.format, 404, [
      { code: 404, description: `service_code không tồn tại: ${file.name}` },
    ]);
  }
  const definition = { service_code: category.id, attributes: [] as never[] };
  return respond(c, file.format, 200, definition, () => [
    'service_definition',
    { service_code: category.id, attributes: '' },
  ]);
});

open311.get('/requests/:file', ...cacheRequests, async (c) => {
  const file = splitFile(c.req.param('file'));
  if (!file) throw fail(404, MESSAGES.not_found);
  const rows = await listRequests(c.var.db, {
    codes: [normaliseTrackingCode(file.name)],
    limit: 1,
  });
  if (rows.length === 0) {
    return respondErrors(c, file.format, 404, [
      { code: 404, description: `Không tìm thấy phản ánh ${file.name}.` },
    ]);
  }
  const items = rows.map((r) => toServiceRequest(r, originOf(c)));
  return respond(c, file.format, 200, items, () => requestsXml(items));
});

open311.get('/tokens/:file', ...cacheRequests, async (c) => {
  const file = splitFile(c.req.param('file'));
  if (!file) throw fail(404, MESSAGES.not_found);
  // Requests get their id at once, so a token is the id itself.
  const rows = await listRequests(c.var.db, {
    codes: [normaliseTrackingCode(file.name)],
    limit: 1,
  });
  const row = rows[0];
  if (!row) {
    return respondErrors(c, file.format, 404, [
      { code: 404, description: `Không tìm thấy token ${file.name}.` },
    ]);
  }
  const tokens = [{ service_request_id: row.code, token: row.code }];
  return respond(c, file.format, 200, tokens, () => ['service_requests', { request: tokens }]);
});

// Anything else under /open311/v2: a GeoReport 404 (or 405), in the format the path asks for.
open311.all('*', (c) => {
  const format = formatOfPath(c.req.path);
  const known = /\/(discovery|services|requests)\.(json|xml)$/i.test(c.req.path);
  if (known) {
    return respondErrors(c, format, 405, [
      { code: 405, description: `Phương thức ${c.req.method} không được hỗ trợ ở đây.` },
    ]);
  }
  return respondErrors(c, format, 404, [
    {
      code: 404,
      description:
        'Không tìm thấy. Các tài nguyên: discovery, services, requests, tokens (.json hoặc .xml).',
    },
  ]);
});

open311.onError((err, c) => {
  const format = formatOfPath(c.req.path);
  if (err instanceof Open311Failure) return respondErrors(c, format, err.status, err.errors);
  if (err instanceof ApiError) {
    const failure = fromApiError(err);
    return respondErrors(c, format, failure.status, failure.errors);
  }
  if (err instanceof HTTPException && err.status < 500) {
    return respondErrors(c, format, err.status, [{ code: err.status, description: err.message }]);
  }
  // The request log line records the error (c.error); nothing internal goes to the client.
  return respondErrors(c, format, 500, [
    { code: 500, description: `${MESSAGES.internal_error} (Mã yêu cầu: ${c.var.requestId})` },
  ]);
});

export const open311Routes = open311;
