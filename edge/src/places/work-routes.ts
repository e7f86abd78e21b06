import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { requireOfficial, requirePermission } from '../access/guard';
import { can, scopesOf } from '../access/permissions';
import { changedFields, officialAuditEntry } from '../audit/log';
import { englishColumn, parseEnglish } from '../content/lang';
import type { AppEnv, OfficialPrincipal } from '../platform/env';
import { ApiError } from '../platform/errors';
import { readBodyCapped } from '../platform/files';
import { requireJsonBody } from '../platform/json-body';
import {
  jsonBody as body,
  errorResponse as error,
  jsonResponse as json,
} from '../platform/openapi';
import { createRouter } from '../platform/router';
import { insideBounds, PROVINCE } from '../reports/geo';
import {
  DOMAIN_OF,
  detectFormat,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  type ImportError,
  MAX_LISTED_ERRORS,
  normalPhone,
  parseCsv,
  parseGeoJson,
  validateRows,
} from './import';
import {
  communesOf,
  createPlace,
  existingByExternalId,
  findPlace,
  listImports,
  listWorkPlaces,
  type PlaceRow,
  type PlaceValues,
  runImport,
  updatePlace,
} from './repo';
import {
  encodeOffset,
  ImportListSchema,
  ImportQuery,
  ImportResultSchema,
  PlaceCreateBody,
  PlaceIdParam,
  PlacePatchBody,
  WorkPlaceListQuery,
  WorkPlaceListSchema,
  WorkPlaceResultSchema,
} from './schemas';

// Digital map for its editors (/api/v1/work/places, permission `places.manage` for the
// place's agency): list and correct the agency's places one by one, and import whole files
// (CSV or GeoJSON). An import is checked line by line first; any error refuses the whole file
// with every line's problem, so a table is never half-imported. A place of another agency
// answers 404, as if it did not exist.

const TAG = 'Bản đồ số (cán bộ)';
const SECURITY: Record<string, string[]>[] = [{ officialCookie: [] }, { officialBearer: [] }];

function mapEditor(c: Context<AppEnv>): OfficialPrincipal {
  const me = requireOfficial(c);
  if (scopesOf(me, 'places.manage').size === 0) {
    throw new ApiError(403, 'forbidden', 'Bạn không có quyền thực hiện thao tác này.', {
      action: 'places.manage',
    });
  }
  c.header('Cache-Control', 'private, no-store');
  return me;
}

/** 401/403 before the request is read, so outsiders never learn what was wrong with it. */
const editorsOnly = createMiddleware<AppEnv>(async (c, next) => {
  mapEditor(c);
  await next();
});

const agenciesOf = (me: OfficialPrincipal): string[] | 'any' =>
  scopesOf(me, 'places.manage').has('any') ? 'any' : [me.agencyId];

const placeNotFound = () => new ApiError(404, 'place_not_found', 'Không tìm thấy địa điểm.');

async function myPlace(c: Context<AppEnv>, me: OfficialPrincipal, id: string) {
  const place = await findPlace(c.var.db, id);
  if (!place || !can(me, 'places.manage', { agencyId: place.agencyId, communeId: null })) {
    throw placeNotFound();
  }
  return place;
}

function workPlace(r: PlaceRow) {
  const en = parseEnglish(r.en);
  return {
    id: r.id,
    agencyId: r.agencyId,
    externalId: r.externalId,
    domain: r.domain,
    category: r.category,
    name: r.name,
    address: r.address,
    communeId: r.communeId,
    communeName: r.communeName,
    lat: Number(r.lat),
    lng: Number(r.lng),
    phone: r.phone,
    website: r.website,
    openingHours: r.openingHours,
    description: r.description,
    status: r.status,
    version: Number(r.version),
    updatedAt: r.updatedAt,
    nameEn: typeof en.name === 'string' ? en.name : null,
    descriptionEn: typeof en.description === 'string' ? en.description : null,
  };
}

const denied = {
  401: error('Chưa đăng nhập (`official_session_required`)'),
  403: error('Không có quyền (`forbidden`) hoặc thiếu mã CSRF (`csrf_failed`)'),
};

const invalidPlace = (field: string, message: string) =>
  new ApiError(422, 'place_invalid', message, { field });

/** The same rules as an import line, for one place typed in the admin. */
async function checkedValues(
  c: Context<AppEnv>,
  v: {
    category: PlaceValues['category'];
    lat: number;
    lng: number;
    communeId: string | null;
    phone: string | null;
    website: string | null;
  },
) {
  if (!insideBounds(v)) {
    throw invalidPlace('lat', `Tọa độ (${v.lat}, ${v.lng}) nằm ngoài tỉnh ${PROVINCE.name}.`);
  }
  let phone: string | null = null;
  if (v.phone) {
    phone = normalPhone(v.phone);
    if (!phone) throw invalidPlace('phone', `Số điện thoại "${v.phone}" không hợp lệ.`);
  }
  if (v.website && !/^https?:\/\/\S+$/i.test(v.website)) {
    throw invalidPlace('website', 'Trang web phải bắt đầu bằng http:// hoặc https://.');
  }
  let communeName: string | null = null;
  if (v.communeId) {
    const commune = (await communesOf(c.var.db)).find((x) => x.id === v.communeId);
    if (!commune) throw invalidPlace('communeId', 'Không có xã/phường này trong tỉnh.');
    communeName = commune.name;
  }
  return { domain: DOMAIN_OF[v.category], phone, website: v.website || null, communeName };
}

// ---- routes -------------------------------------------------------------------------------

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: [TAG],
  summary: 'Địa điểm của cơ quan',
  description: 'Mọi trạng thái, sửa gần nhất trước; lọc và tìm có dấu hoặc không dấu.',
  security: SECURITY,
  middleware: [editorsOnly] as const,
  request: { query: WorkPlaceListQuery },
  responses: {
    200: json(WorkPlaceListSchema, 'Một trang địa điểm'),
    400: error('Tham số không hợp lệ'),
    ...denied,
  },
});

const importsRoute = createRoute({
  method: 'get',
  path: '/imports',
  tags: [TAG],
  summary: 'Lịch sử nhập tệp (50 lần gần nhất)',
  security: SECURITY,
  middleware: [editorsOnly] as const,
  responses: { 200: json(ImportListSchema, 'Các lần nhập'), ...denied },
});

const importRoute = createRoute({
  method: 'post',
  path: '/imports',
  tags: [TAG],
  summary: 'Nhập địa điểm từ CSV hoặc GeoJSON',
  // Only non-JSON, non-form types are declared: declared JSON (also application/geo+json) or
  // form bodies would be validated and consumed before the handler reads the raw upload.
  // multipart/form-data (field `file`), application/json and application/geo+json are read too.
  description: `Tệp trong trường \`file\` (multipart/form-data) hoặc là thân yêu cầu (text/csv, application/geo+json, application/json); tối đa 5 MB và ${IMPORT_MAX_ROWS.toLocaleString('vi-VN')} dòng. CSV: dòng tiêu đề với các cột id, name, domain, category, lat, lng, address, commune, phone, website, opening_hours, description, name_en, description_en; dấu phẩy hoặc chấm phẩy; UTF-8 (có hoặc không BOM). Mọi dòng được kiểm tra; có lỗi: 422 \`import_invalid\` với \`details.errors = [{ line, field, message }]\` (CSV: số dòng trong tệp, dòng tiêu đề là 1; GeoJSON: chỉ số feature), không ghi gì. \`dryRun=true\`: chỉ kiểm tra và đếm số sẽ thêm/cập nhật. Dòng có \`id\` đã có trong cơ quan: cập nhật địa điểm đó.`,
  security: SECURITY,
  middleware: [editorsOnly] as const,
  request: {
    query: ImportQuery,
    body: {
      required: true,
      content: {
        'text/csv': { schema: z.string() },
        'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
  },
  responses: {
    200: json(ImportResultSchema, 'Đã kiểm tra (dryRun) hoặc đã nhập'),
    400: error('Thiếu tệp (`file_required`) hoặc cơ quan không hợp lệ'),
    ...denied,
    413: error('Tệp quá 5 MB hoặc quá nhiều dòng (`file_too_large`)'),
    422: error('Có dòng lỗi (`import_invalid`): `details.errors`, `details.total`'),
  },
});

const createPlaceRoute = createRoute({
  method: 'post',
  path: '/',
  tags: [TAG],
  summary: 'Thêm một địa điểm',
  security: SECURITY,
  middleware: [editorsOnly, requireJsonBody] as const,
  request: { body: body(PlaceCreateBody) },
  responses: {
    200: json(WorkPlaceResultSchema, 'Đã tạo từ trước (cùng `requestKey`)'),
    201: json(WorkPlaceResultSchema, 'Đã tạo'),
    400: error('Dữ liệu không hợp lệ'),
    ...denied,
    409: error('`requestKey` đã dùng cho việc khác (`request_key_reused`)'),
    422: error('Tọa độ, điện thoại, trang web hoặc xã/phường không hợp lệ (`place_invalid`)'),
  },
});

const placeRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags: [TAG],
  summary: 'Một địa điểm (mọi trạng thái)',
  security: SECURITY,
  middleware: [editorsOnly] as const,
  request: { params: PlaceIdParam },
  responses: {
    200: json(WorkPlaceResultSchema, 'Địa điểm'),
    ...denied,
    404: error('Không có địa điểm này (`place_not_found`)'),
  },
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/{id}',
  tags: [TAG],
  summary: 'Sửa hoặc ẩn (lưu trữ) một địa điểm',
  description:
    'Gửi `version` đã đọc; `status: "archived"` ẩn địa điểm khỏi bản đồ, `"published"` hiện lại.',
  security: SECURITY,
  middleware: [editorsOnly, requireJsonBody] as const,
  request: { params: PlaceIdParam, body: body(PlacePatchBody) },
  responses: {
    200: json(WorkPlaceResultSchema, 'Đã lưu'),
    400: error('Dữ liệu không hợp lệ'),
    ...denied,
    404: error('Không có địa điểm này (`place_not_found`)'),
    409: error('Vừa được người khác sửa (`version_conflict`)'),
    422: error('Giá trị không hợp lệ (`place_invalid`)'),
  },
});

const fileTooLarge = () =>
  new ApiError(413, 'file_too_large', 'Tệp vượt quá 5 MB. Hãy chia thành nhiều tệp nhỏ hơn.');

/** The uploaded file: a multipart `file` field or the raw body. */
async function readUpload(c: Context<AppEnv>, declaredName: string | undefined) {
  const contentType = c.req.header('content-type') ?? '';
  // The multipart envelope adds a little; the file inside is checked again below.
  const bytes = await readBodyCapped(c.req.raw, IMPORT_MAX_BYTES + 64 * 1024, fileTooLarge);
  if (contentType.toLowerCase().startsWith('multipart/form-data')) {
    let form: FormData;
    try {
      form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
    } catch {
      throw new ApiError(400, 'file_required', 'Không đọc được biểu mẫu tải lên.');
    }
    const field = form.get('file') as unknown;
    const file = field instanceof Blob ? (field as File) : null;
    if (!file) {
      throw new ApiError(400, 'file_required', 'Hãy chọn tệp CSV hoặc GeoJSON (trường "file").');
    }
    if (file.size > IMPORT_MAX_BYTES) throw fileTooLarge();
    const text = await file.text();
    if (text.includes('\uFFFD')) {
      throw importInvalid([{ line: 1, field: null, message: 'Tệp phải mã hóa UTF-8.' }]);
    }
    return { text, fileName: declaredName ?? (file.name || 'tep-tai-len'), type: file.type };
  }
  if (bytes.byteLength > IMPORT_MAX_BYTES) throw fileTooLarge();
  if (bytes.byteLength === 0) {
    throw new ApiError(400, 'file_required', 'Hãy chọn tệp CSV hoặc GeoJSON.');
  }
  // A replacement character means the bytes were not UTF-8 (an old Windows-1258 export).
  const text = new TextDecoder('utf-8').decode(bytes);
  if (text.includes('\uFFFD')) {
    throw importInvalid([{ line: 1, field: null, message: 'Tệp phải mã hóa UTF-8.' }]);
  }
  return { text, fileName: declaredName ?? 'tep-tai-len', type: contentType };
}

function importInvalid(errors: ImportError[]) {
  return new ApiError(
    422,
    'import_invalid',
    `Tệp có ${errors.length} lỗi, chưa nhập gì. Hãy sửa các dòng được liệt kê rồi nhập lại.`,
    { errors: errors.slice(0, MAX_LISTED_ERRORS), total: errors.length },
  );
}

export const placeWorkRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const me = mapEditor(c);
    const q = c.req.valid('query');
    const offset = q.cursor ?? 0;
    const { rows, more } = await listWorkPlaces(c.var.db, agenciesOf(me), q, {
      offset,
      limit: q.limit,
    });
    return c.json(
      { items: rows.map(workPlace), nextCursor: more ? encodeOffset(offset + q.limit) : null },
      200,
    );
  })
  .openapi(importsRoute, async (c) => {
    const me = mapEditor(c);
    return c.json({ items: await listImports(c.var.db, agenciesOf(me)) }, 200);
  })
  .openapi(importRoute, async (c) => {
    const editor = mapEditor(c);
    const q = c.req.valid('query');
    const agencyId = q.agencyId ?? editor.agencyId;
    const me = requirePermission(c, 'places.manage', { agencyId, communeId: null });
    const upload = await readUpload(c, q.fileName);
    const text = upload.text.replace(/^\uFEFF/, '');
    const format = detectFormat(upload.type, upload.fileName, text);
    const parsed = format === 'csv' ? parseCsv(text) : parseGeoJson(text);
    if (!parsed.ok) throw importInvalid(parsed.errors);
    if (parsed.rows.length === 0) {
      throw importInvalid([{ line: 2, field: null, message: 'Tệp không có dòng dữ liệu nào.' }]);
    }
    if (parsed.rows.length > IMPORT_MAX_ROWS) {
      throw new ApiError(
        413,
        'file_too_large',
        `Tệp có ${parsed.rows.length} dòng, tối đa ${IMPORT_MAX_ROWS} dòng mỗi lần nhập.`,
      );
    }
    const communes = await communesOf(c.var.db);
    const { rows, errors } = validateRows(parsed.rows, communes);
    if (errors.length > 0) throw importInvalid(errors);

    const externalIds = rows.flatMap((r) => (r.externalId ? [r.externalId] : []));
    const existing = await existingByExternalId(c.var.db, agencyId, externalIds);
    const wouldUpdate = rows.filter((r) => r.externalId && existing.has(r.externalId)).length;
    if (q.dryRun) {
      return c.json(
        {
          dryRun: true,
          format,
          rows: rows.length,
          created: rows.length - wouldUpdate,
          updated: wouldUpdate,
          importId: null,
        },
        200,
      );
    }
    const importId = crypto.randomUUID();
    const now = new Date().toISOString();
    const fileName = upload.fileName.slice(0, 200);
    const counts = await runImport(c.var.db, {
      importId,
      agencyId,
      fileName,
      format,
      officialId: me.id,
      now,
      rows,
      existing,
      communeNames: new Map(communes.map((x) => [x.id, x.name])),
      audit: officialAuditEntry(c, me, now, {
        action: 'place.import',
        entityType: 'place_import',
        entityId: importId,
        to: JSON.stringify({
          agencyId,
          fileName,
          format,
          rows: rows.length,
          created: rows.length - wouldUpdate,
          updated: wouldUpdate,
        }),
      }),
    });
    return c.json({ dryRun: false, format, rows: rows.length, ...counts, importId }, 200);
  })
  .openapi(createPlaceRoute, async (c) => {
    const editor = mapEditor(c);
    const input = c.req.valid('json');
    const agencyId = editor.agencyId;
    const me = requirePermission(c, 'places.manage', { agencyId, communeId: null });
    const id = input.requestKey ?? crypto.randomUUID();
    const existing = await findPlace(c.var.db, id);
    if (existing) {
      if (existing.agencyId !== agencyId || (await createdBy(c, id)) !== me.id) {
        throw new ApiError(
          409,
          'request_key_reused',
          'Mã yêu cầu (requestKey) này đã được dùng cho việc khác.',
        );
      }
      return c.json({ place: workPlace(existing) }, 200);
    }
    const checked = await checkedValues(c, input);
    const now = new Date().toISOString();
    const values: PlaceValues = {
      domain: checked.domain,
      category: input.category,
      name: input.name,
      address: input.address,
      communeId: input.communeId,
      lat: input.lat,
      lng: input.lng,
      phone: checked.phone,
      website: checked.website,
      openingHours: input.openingHours || null,
      description: input.description,
      en: englishColumn({ name: input.nameEn, description: input.descriptionEn }),
      status: 'published',
    };
    await createPlace(
      c.var.db,
      { ...values, id, agencyId, externalId: null, by: me.id, now },
      checked.communeName,
      officialAuditEntry(c, me, now, {
        action: 'place.create',
        entityType: 'place',
        entityId: id,
        to: JSON.stringify({ agencyId, ...values }),
      }),
    );
    const place = await findPlace(c.var.db, id);
    if (!place) throw placeNotFound();
    return c.json({ place: workPlace(place) }, 201);
  })
  .openapi(placeRoute, async (c) => {
    const me = mapEditor(c);
    const { id } = c.req.valid('param');
    return c.json({ place: workPlace(await myPlace(c, me, id)) }, 200);
  })
  .openapi(patchRoute, async (c) => {
    const me = mapEditor(c);
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const place = await myPlace(c, me, id);
    const en = parseEnglish(place.en);
    const before = {
      ...workPlace(place),
      status: place.status === 'archived' ? ('archived' as const) : ('published' as const),
    };
    const merged = {
      category: patch.category ?? before.category,
      name: patch.name ?? before.name,
      address: patch.address ?? before.address,
      communeId: patch.communeId === undefined ? before.communeId : patch.communeId,
      lat: patch.lat ?? before.lat,
      lng: patch.lng ?? before.lng,
      phone: patch.phone === undefined ? before.phone : patch.phone,
      website: patch.website === undefined ? before.website : patch.website,
      openingHours: patch.openingHours === undefined ? before.openingHours : patch.openingHours,
      description: patch.description ?? before.description,
      status: patch.status ?? before.status,
    };
    const checked = await checkedValues(c, merged);
    const values: PlaceValues = {
      ...merged,
      domain: checked.domain,
      phone: checked.phone,
      website: checked.website,
      openingHours: merged.openingHours || null,
      en: englishColumn({
        ...en,
        ...(patch.nameEn !== undefined ? { name: patch.nameEn } : {}),
        ...(patch.descriptionEn !== undefined ? { description: patch.descriptionEn } : {}),
      }),
    };
    const beforeValues: PlaceValues = {
      domain: place.domain,
      category: place.category,
      name: place.name,
      address: place.address,
      communeId: place.communeId,
      lat: Number(place.lat),
      lng: Number(place.lng),
      phone: place.phone,
      website: place.website,
      openingHours: place.openingHours,
      description: place.description,
      en: place.en,
      status: before.status,
    };
    const d = changedFields(beforeValues, values);
    if (patch.version !== Number(place.version)) {
      throw new ApiError(
        409,
        'version_conflict',
        'Nội dung đã được người khác sửa. Vui lòng tải lại trang rồi sửa tiếp.',
        { id },
      );
    }
    if (d.changed) {
      const now = new Date().toISOString();
      const archiving = values.status !== before.status;
      await updatePlace(
        c.var.db,
        id,
        patch.version,
        { ...values, by: me.id, now },
        checked.communeName,
        officialAuditEntry(c, me, now, {
          action: archiving
            ? values.status === 'archived'
              ? 'place.archive'
              : 'place.restore'
            : 'place.update',
          entityType: 'place',
          entityId: id,
          from: d.from,
          to: d.to,
        }),
      );
    }
    const after = await findPlace(c.var.db, id);
    if (!after) throw placeNotFound();
    return c.json({ place: workPlace(after) }, 200);
  });

async function createdBy(c: Context<AppEnv>, id: string): Promise<string | null> {
  const row = await c.var.db.query.places.findFirst({
    columns: { createdBy: true },
    where: (p, { eq }) => eq(p.id, id),
  });
  return row?.createdBy ?? null;
}
