import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { requireOfficial, requirePermission } from '../access/guard';
import { scopesOf } from '../access/permissions';
import { changedFields, officialAuditEntry } from '../audit/log';
import type { AppEnv, OfficialPrincipal } from '../platform/env';
import { ApiError } from '../platform/errors';
import { requireJsonBody } from '../platform/json-body';
import {
  jsonBody as body,
  errorResponse as error,
  jsonResponse as json,
} from '../platform/openapi';
import { createRouter } from '../platform/router';
import { constraintFailure } from '../reports/repo';
import {
  deleteGateway,
  deleteStation,
  findGateway,
  findStationAdmin,
  type GatewayValues,
  insertGateway,
  insertStation,
  listGateways,
  listStationsAdmin,
  loadStationRefs,
  loadThresholdTarget,
  pollGatewaySoon,
  replaceThresholds,
  type StationValues,
  toGateway,
  updateGateway,
  updateStation,
} from './admin-repo';
import { METRICS } from './metrics';
import { agencyExists, deleteReport, fileTooLarge, findReport, storeReport } from './reports';
import {
  AdminStationListQuery,
  EnvironmentReportSchema,
  GatewayCreateSchema,
  GatewayIdParam,
  GatewayPatchSchema,
  GatewaySchema,
  REPORT_MAX_BYTES,
  ReportIdParam,
  ReportUploadSchema,
  StationAdminDetailSchema,
  StationAdminSchema,
  StationCreateSchema,
  StationIdParam,
  StationPatchSchema,
  ThresholdParams,
  ThresholdsPutSchema,
  ThresholdsResultSchema,
} from './schemas';

// Administration of weather and environment monitoring (/api/v1/admin/environment):
// sensor gateways with their health, stations, alert thresholds (permission
// `environment.manage`), and the agencies' environment reports (`environment.publish_report`
// for the report's agency: administrators for any agency, an agency leader for their own).
// Every change is one batch with its audit entry.

const TAG = 'Quản trị quan trắc môi trường';
const SECURITY: Record<string, string[]>[] = [{ officialCookie: [] }, { officialBearer: [] }];

/**
 * Route middleware: the permission before the request is validated, so an official who may
 * not manage monitoring hears "forbidden", not what was wrong with the form.
 */
const managerOnly = createMiddleware<AppEnv>(async (c, next) => {
  manager(c);
  await next();
});

const denied = {
  401: error('Chưa đăng nhập (`official_session_required`)'),
  403: error('Không có quyền (`forbidden`) hoặc thiếu mã CSRF (`csrf_failed`)'),
};

// ---- routes -------------------------------------------------------------------------------

const listGatewaysRoute = createRoute({
  method: 'get',
  path: '/gateways',
  tags: [TAG],
  summary: 'Cổng dữ liệu cảm biến và tình trạng kết nối',
  security: SECURITY,
  middleware: [managerOnly] as const,
  responses: {
    200: json(z.object({ items: z.array(GatewaySchema) }), 'Danh sách cổng dữ liệu'),
    ...denied,
  },
});

const createGatewayRoute = createRoute({
  method: 'post',
  path: '/gateways',
  tags: [TAG],
  summary: 'Thêm cổng dữ liệu',
  description:
    'Khoá truy cập (nếu có) không gửi qua API: lưu bằng `wrangler secret put <authSecretName>`.',
  security: SECURITY,
  middleware: [managerOnly, requireJsonBody] as const,
  request: { body: body(GatewayCreateSchema) },
  responses: {
    201: json(z.object({ gateway: GatewaySchema }), 'Đã thêm'),
    400: error('Dữ liệu không hợp lệ'),
    ...denied,
    409: error('Mã cổng dữ liệu đã có (`gateway_exists`)'),
  },
});

const patchGatewayRoute = createRoute({
  method: 'patch',
  path: '/gateways/{id}',
  tags: [TAG],
  summary: 'Sửa cổng dữ liệu',
  description:
    'Đổi địa chỉ, giao thức, khoá hoặc bật lại: cổng được đọc ngay ở lượt kế tiếp, số lần lỗi về 0.',
  security: SECURITY,
  middleware: [managerOnly, requireJsonBody] as const,
  request: { params: GatewayIdParam, body: body(GatewayPatchSchema) },
  responses: {
    200: json(z.object({ gateway: GatewaySchema }), 'Đã lưu'),
    400: error('Dữ liệu không hợp lệ'),
    ...denied,
    404: error('Không có cổng dữ liệu này (`gateway_not_found`)'),
    409: error('Vừa được người khác sửa (`conflict`)'),
  },
});

const pollGatewayRoute = createRoute({
  method: 'post',
  path: '/gateways/{id}/poll',
  tags: [TAG],
  summary: 'Đọc ngay',
  description:
    'Bỏ qua thời gian chờ (kể cả chờ sau lỗi): cổng được đọc ở lượt cron kế tiếp (≤ 5 phút).',
  security: SECURITY,
  middleware: [managerOnly] as const,
  request: { params: GatewayIdParam },
  responses: {
    200: json(z.object({ gateway: GatewaySchema }), 'Đã hẹn đọc'),
    ...denied,
    404: error('Không có cổng dữ liệu này (`gateway_not_found`)'),
  },
});

const deleteGatewayRoute = createRoute({
  method: 'delete',
  path: '/gateways/{id}',
  tags: [TAG],
  summary: 'Xoá cổng dữ liệu không còn trạm nào',
  security: SECURITY,
  middleware: [managerOnly] as const,
  request: { params: GatewayIdParam },
  responses: {
    200: json(z.object({ deleted: z.literal(true), id: z.string() }), 'Đã xoá'),
    ...denied,
    404: error('Không có cổng dữ liệu này (`gateway_not_found`)'),
    409: error('Còn trạm dùng cổng này (`gateway_in_use`)'),
  },
});

const listStationsRoute = createRoute({
  method: 'get',
  path: '/stations',
  tags: [TAG],
  summary: 'Danh mục trạm (cả trạm đã tắt)',
  security: SECURITY,
  middleware: [managerOnly] as const,
  request: { query: AdminStationListQuery },
  responses: {
    200: json(z.object({ items: z.array(StationAdminSchema) }), 'Danh sách trạm'),
    400: error('Tham số không hợp lệ'),
    ...denied,
  },
});

const getStationRoute = createRoute({
  method: 'get',
  path: '/stations/{id}',
  tags: [TAG],
  summary: 'Một trạm: chỉ số đo (tình trạng nhận số liệu) và ngưỡng cảnh báo',
  security: SECURITY,
  middleware: [managerOnly] as const,
  request: { params: StationIdParam },
  responses: {
    200: json(z.object({ station: StationAdminDetailSchema }), 'Trạm'),
    ...denied,
    404: error('Không có trạm này (`station_not_found`)'),
  },
});

const stationRefErrors =
  'Dữ liệu không hợp lệ: `unknown_gateway`, `unknown_commune`, `unknown_agency`';

const createStationRoute = createRoute({
  method: 'post',
  path: '/stations',
  tags: [TAG],
  summary: 'Thêm trạm',
  description:
    'Các chỉ số của trạm được phát hiện từ cổng dữ liệu ở lượt đọc kế tiếp (SensorThings: các Datastream của Thing `externalId`).',
  security: SECURITY,
  middleware: [managerOnly, requireJsonBody] as const,
  request: { body: body(StationCreateSchema) },
  responses: {
    201: json(z.object({ station: StationAdminDetailSchema }), 'Đã thêm'),
    400: error(stationRefErrors),
    ...denied,
    409: error(
      'Mã trạm đã có (`station_exists`), hoặc cổng đã có trạm với mã này (`external_id_taken`)',
    ),
  },
});

const patchStationRoute = createRoute({
  method: 'patch',
  path: '/stations/{id}',
  tags: [TAG],
  summary: 'Sửa trạm',
  description:
    'Trạm tắt (`enabled: false`) không được đọc và không hiện với người dân; số liệu cũ được giữ.',
  security: SECURITY,
  middleware: [managerOnly, requireJsonBody] as const,
  request: { params: StationIdParam, body: body(StationPatchSchema) },
  responses: {
    200: json(z.object({ station: StationAdminDetailSchema }), 'Đã lưu'),
    400: error(stationRefErrors),
    ...denied,
    404: error('Không có trạm này (`station_not_found`)'),
    409: error(
      'Vừa được người khác sửa (`conflict`), hoặc cổng đã có trạm với mã này (`external_id_taken`)',
    ),
  },
});

const deleteStationRoute = createRoute({
  method: 'delete',
  path: '/stations/{id}',
  tags: [TAG],
  summary: 'Xoá trạm cùng toàn bộ số liệu',
  description: 'Không hoàn tác được. Muốn giữ số liệu: tắt trạm (`enabled: false`).',
  security: SECURITY,
  middleware: [managerOnly] as const,
  request: { params: StationIdParam },
  responses: {
    200: json(z.object({ deleted: z.literal(true), id: z.string() }), 'Đã xoá'),
    ...denied,
    404: error('Không có trạm này (`station_not_found`)'),
  },
});

const putThresholdsRoute = createRoute({
  method: 'put',
  path: '/stations/{id}/thresholds/{metric}',
  tags: [TAG],
  summary: 'Đặt các mức cảnh báo của một chỉ số',
  description:
    'Thay toàn bộ các mức của chỉ số (mức 1, 2, 3… theo thứ tự gửi). Ví dụ độ mặn cho lúa: 1, 2, 4 ‰. Danh sách rỗng: bỏ cảnh báo.',
  security: SECURITY,
  middleware: [managerOnly, requireJsonBody] as const,
  request: { params: ThresholdParams, body: body(ThresholdsPutSchema) },
  responses: {
    200: json(ThresholdsResultSchema, 'Đã lưu'),
    400: error('Dữ liệu không hợp lệ (ngưỡng phải tăng dần, hoặc giảm dần với `below`)'),
    ...denied,
    404: error('Không có trạm này (`station_not_found`)'),
    422: error('Trạm không đo chỉ số này (`metric_not_measured`)'),
  },
});

const uploadReportRoute = createRoute({
  method: 'post',
  path: '/reports',
  tags: [TAG],
  summary: 'Đăng báo cáo môi trường (PDF)',
  description:
    'Biểu mẫu `multipart/form-data`: `file` (PDF, tối đa 20 MB), `title`, `period` (`quarterly` | `annual`), `year`, `quarter` (với báo cáo quý), `agencyId` (mặc định: cơ quan của cán bộ). Quản trị viên đăng cho mọi cơ quan; lãnh đạo cơ quan đăng cho cơ quan mình.',
  security: SECURITY,
  middleware: [
    // Before the form is parsed: who may publish at all, and a declared size over the limit
    // is refused without reading the body.
    createMiddleware<AppEnv>(async (c, next) => {
      requirePublisher(c);
      const declared = Number(c.req.header('content-length'));
      if (Number.isFinite(declared) && declared > REPORT_MAX_BYTES + 64 * 1024)
        throw fileTooLarge();
      await next();
    }),
  ] as const,
  request: {
    body: { required: true, content: { 'multipart/form-data': { schema: ReportUploadSchema } } },
  },
  responses: {
    201: json(z.object({ report: EnvironmentReportSchema }), 'Đã đăng'),
    400: error(
      'Dữ liệu không hợp lệ (`validation_failed`, `file_required`, `empty_file`, `unknown_agency`)',
    ),
    ...denied,
    413: error('Tệp vượt quá 20 MB (`file_too_large`)'),
    415: error('Không phải biểu mẫu multipart, hoặc tệp không phải PDF (`not_pdf`)'),
  },
});

const deleteReportRoute = createRoute({
  method: 'delete',
  path: '/reports/{id}',
  tags: [TAG],
  summary: 'Gỡ báo cáo môi trường',
  security: SECURITY,
  request: { params: ReportIdParam },
  responses: {
    200: json(z.object({ deleted: z.literal(true), id: z.string() }), 'Đã gỡ'),
    400: error('Mã không hợp lệ'),
    ...denied,
    404: error('Không có báo cáo này (`report_not_found`)'),
  },
});

// ---- helpers ------------------------------------------------------------------------------

function manager(c: Context<AppEnv>): OfficialPrincipal {
  const me = requirePermission(c, 'environment.manage');
  c.header('Cache-Control', 'private, no-store');
  return me;
}

/** An official who may publish reports for some agency (which one is checked per report). */
function requirePublisher(c: Context<AppEnv>): OfficialPrincipal {
  const me = requireOfficial(c);
  if (scopesOf(me, 'environment.publish_report').size === 0) {
    throw new ApiError(403, 'forbidden', 'Bạn không có quyền thực hiện thao tác này.', {
      action: 'environment.publish_report',
    });
  }
  return me;
}

const conflict = (what: string) =>
  new ApiError(409, 'conflict', `${what} vừa được người khác sửa. Vui lòng tải lại và thử lại.`);

const gatewayNotFound = (id: string) =>
  new ApiError(404, 'gateway_not_found', 'Không tìm thấy cổng dữ liệu.', { id });
const stationNotFound = (id: string) =>
  new ApiError(404, 'station_not_found', 'Không tìm thấy trạm quan trắc.', { id });

/** Checks a station's gateway, commune, agency and external id; throws the first problem. */
async function checkStationRefs(c: Context<AppEnv>, id: string, v: StationValues) {
  const refs = await loadStationRefs(c.var.db, { id, ...v });
  if (!refs.gateway) {
    throw new ApiError(400, 'unknown_gateway', 'Cổng dữ liệu không tồn tại.', {
      gatewayId: v.gatewayId,
    });
  }
  if (!refs.commune) {
    throw new ApiError(400, 'unknown_commune', 'Xã, phường không tồn tại.', {
      communeId: v.communeId,
    });
  }
  if (!refs.agency) {
    throw new ApiError(400, 'unknown_agency', 'Cơ quan không tồn tại.', { agencyId: v.agencyId });
  }
  if (refs.externalTakenBy) throw externalTaken(v, refs.externalTakenBy);
}

const externalTaken = (v: StationValues, stationId: string) =>
  new ApiError(
    409,
    'external_id_taken',
    `Cổng dữ liệu này đã có trạm mang mã "${v.externalId}" (${stationId}).`,
    { gatewayId: v.gatewayId, externalId: v.externalId, stationId },
  );

/** A multipart file field as bytes, or 400 `file_required`. */
async function fileBytes(value: unknown): Promise<Uint8Array<ArrayBuffer>> {
  const file = Array.isArray(value) ? value[0] : value;
  if (!(file instanceof Blob)) {
    throw new ApiError(400, 'file_required', 'Vui lòng chọn tệp báo cáo (PDF).');
  }
  if (file.size > REPORT_MAX_BYTES) throw fileTooLarge();
  return new Uint8Array(await file.arrayBuffer());
}

// ---- app ----------------------------------------------------------------------------------

export const environmentAdminRoutes = createRouter()
  .openapi(listGatewaysRoute, async (c) => {
    manager(c);
    return c.json({ items: await listGateways(c.var.db) }, 200);
  })
  .openapi(createGatewayRoute, async (c) => {
    const me = manager(c);
    const { id, ...values } = c.req.valid('json');
    const now = new Date().toISOString();
    const row = await insertGateway(
      c.var.db,
      id,
      values,
      now,
      officialAuditEntry(c, me, now, {
        action: 'sensor_gateway.create',
        entityType: 'sensor_gateway',
        entityId: id,
        to: JSON.stringify(values),
      }),
    );
    if (!row) {
      throw new ApiError(409, 'gateway_exists', `Mã cổng dữ liệu "${id}" đã được dùng.`, { id });
    }
    return c.json({ gateway: toGateway(row) }, 201);
  })
  .openapi(patchGatewayRoute, async (c) => {
    const me = manager(c);
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const current = await findGateway(c.var.db, id);
    if (!current) throw gatewayNotFound(id);
    const before: GatewayValues = {
      name: current.name,
      protocol: current.protocol,
      baseUrl: current.baseUrl,
      authSecretName: current.authSecretName,
      pollIntervalMinutes: current.pollIntervalMinutes,
      timeoutMs: current.timeoutMs,
      enabled: Boolean(current.enabled),
    };
    const after: GatewayValues = {
      name: input.name ?? before.name,
      protocol: input.protocol ?? before.protocol,
      baseUrl: input.baseUrl ?? before.baseUrl,
      authSecretName:
        input.authSecretName === undefined ? before.authSecretName : input.authSecretName,
      pollIntervalMinutes: input.pollIntervalMinutes ?? before.pollIntervalMinutes,
      timeoutMs: input.timeoutMs ?? before.timeoutMs,
      enabled: input.enabled ?? before.enabled,
    };
    const d = changedFields(before, after);
    if (!d.changed) return c.json({ gateway: toGateway(current) }, 200);
    const retry =
      d.keys.some((k) => k === 'baseUrl' || k === 'protocol' || k === 'authSecretName') ||
      (after.enabled && !before.enabled);
    const now = new Date().toISOString();
    const result = await updateGateway(
      c.var.db,
      { id, updatedAt: current.updatedAt, values: after, retry, now },
      officialAuditEntry(c, me, now, {
        action: 'sensor_gateway.update',
        entityType: 'sensor_gateway',
        entityId: id,
        from: d.from,
        to: d.to,
      }),
    );
    if (!result.row) throw gatewayNotFound(id);
    if (!result.changed) throw conflict('Cổng dữ liệu');
    return c.json({ gateway: toGateway(result.row) }, 200);
  })
  .openapi(pollGatewayRoute, async (c) => {
    const me = manager(c);
    const { id } = c.req.valid('param');
    const now = new Date().toISOString();
    const row = await pollGatewaySoon(
      c.var.db,
      id,
      now,
      officialAuditEntry(c, me, now, {
        action: 'sensor_gateway.poll_now',
        entityType: 'sensor_gateway',
        entityId: id,
      }),
    );
    if (!row) throw gatewayNotFound(id);
    return c.json({ gateway: toGateway(row) }, 200);
  })
  .openapi(deleteGatewayRoute, async (c) => {
    const me = manager(c);
    const { id } = c.req.valid('param');
    const now = new Date().toISOString();
    const result = await deleteGateway(
      c.var.db,
      id,
      officialAuditEntry(c, me, now, {
        action: 'sensor_gateway.delete',
        entityType: 'sensor_gateway',
        entityId: id,
      }),
    );
    if (result === 'not_found') throw gatewayNotFound(id);
    if (result === 'in_use') {
      throw new ApiError(
        409,
        'gateway_in_use',
        'Còn trạm dùng cổng dữ liệu này: chuyển hoặc xoá các trạm trước.',
        { id },
      );
    }
    return c.json({ deleted: true as const, id }, 200);
  })
  .openapi(listStationsRoute, async (c) => {
    manager(c);
    return c.json({ items: await listStationsAdmin(c.var.db, c.req.valid('query')) }, 200);
  })
  .openapi(getStationRoute, async (c) => {
    manager(c);
    const { id } = c.req.valid('param');
    const found = await findStationAdmin(c.var.db, id);
    if (!found) throw stationNotFound(id);
    return c.json({ station: found.detail }, 200);
  })
  .openapi(createStationRoute, async (c) => {
    const me = manager(c);
    const { id, ...values } = c.req.valid('json');
    await checkStationRefs(c, id, values);
    const now = new Date().toISOString();
    try {
      const station = await insertStation(
        c.var.db,
        id,
        values,
        now,
        officialAuditEntry(c, me, now, {
          action: 'station.create',
          entityType: 'station',
          entityId: id,
          to: JSON.stringify(values),
        }),
      );
      if (!station) {
        throw new ApiError(409, 'station_exists', `Mã trạm "${id}" đã được dùng.`, { id });
      }
      return c.json({ station }, 201);
    } catch (err) {
      // Another administrator registered the same gateway station a moment earlier.
      if (constraintFailure(err)?.includes('stations.gateway_id')) {
        throw externalTaken(values, '?');
      }
      throw err;
    }
  })
  .openapi(patchStationRoute, async (c) => {
    const me = manager(c);
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const found = await findStationAdmin(c.var.db, id);
    if (!found) throw stationNotFound(id);
    const r = found.row;
    const before: StationValues = {
      name: r.name,
      kind: r.kind,
      lat: r.lat,
      lng: r.lng,
      communeId: r.communeId,
      address: r.address,
      gatewayId: r.gatewayId,
      externalId: r.externalId,
      agencyId: r.agencyId,
      enabled: Boolean(r.enabled),
    };
    const pick = <K extends keyof StationValues>(k: K): StationValues[K] =>
      input[k] === undefined ? before[k] : (input[k] as StationValues[K]);
    const after: StationValues = {
      name: pick('name'),
      kind: pick('kind'),
      lat: pick('lat'),
      lng: pick('lng'),
      communeId: pick('communeId'),
      address: pick('address') || null,
      gatewayId: pick('gatewayId'),
      externalId: pick('externalId'),
      agencyId: pick('agencyId'),
      enabled: pick('enabled'),
    };
    const d = changedFields(before, after);
    if (!d.changed) return c.json({ station: found.detail }, 200);
    await checkStationRefs(c, id, after);
    const now = new Date().toISOString();
    try {
      const result = await updateStation(
        c.var.db,
        { id, updatedAt: r.updatedAt, values: after, now },
        officialAuditEntry(c, me, now, {
          action: 'station.update',
          entityType: 'station',
          entityId: id,
          from: d.from,
          to: d.to,
        }),
      );
      if (!result.detail) throw stationNotFound(id);
      if (!result.changed) throw conflict('Trạm');
      return c.json({ station: result.detail }, 200);
    } catch (err) {
      if (constraintFailure(err)?.includes('stations.gateway_id')) throw externalTaken(after, '?');
      throw err;
    }
  })
  .openapi(deleteStationRoute, async (c) => {
    const me = manager(c);
    const { id } = c.req.valid('param');
    const now = new Date().toISOString();
    const deleted = await deleteStation(
      c.var.db,
      id,
      officialAuditEntry(c, me, now, {
        action: 'station.delete',
        entityType: 'station',
        entityId: id,
      }),
    );
    if (!deleted) throw stationNotFound(id);
    return c.json({ deleted: true as const, id }, 200);
  })
  .openapi(putThresholdsRoute, async (c) => {
    const me = manager(c);
    const { id, metric } = c.req.valid('param');
    const input = c.req.valid('json');
    const target = await loadThresholdTarget(c.var.db, id, metric);
    if (!target.kind) throw stationNotFound(id);
    // A metric of the station's kind (its stream may not be discovered yet), or one it measures.
    if (METRICS[metric].kind !== target.kind && !target.hasStream) {
      throw new ApiError(422, 'metric_not_measured', 'Trạm này không đo chỉ số được chọn.', {
        id,
        metric,
      });
    }
    const now = new Date().toISOString();
    const thresholds = await replaceThresholds(
      c.var.db,
      { stationId: id, metric, direction: input.direction, levels: input.levels, now },
      officialAuditEntry(c, me, now, {
        action: 'station.thresholds',
        entityType: 'station',
        entityId: id,
        from: JSON.stringify({ metric, levels: target.current }),
        to: JSON.stringify({ metric, direction: input.direction, levels: input.levels }),
      }),
    );
    return c.json({ stationId: id, metric, thresholds }, 200);
  })
  .openapi(uploadReportRoute, async (c) => {
    const form = c.req.valid('form');
    const me = requirePermission(c, 'environment.publish_report', {
      agencyId: form.agencyId ?? c.var.official?.agencyId ?? null,
      communeId: null,
    });
    const agencyId = form.agencyId ?? me.agencyId;
    const file = await fileBytes(form.file);
    if (!(await agencyExists(c.var.db, agencyId))) {
      throw new ApiError(400, 'unknown_agency', 'Cơ quan không tồn tại.', { agencyId });
    }
    const now = new Date().toISOString();
    const input = {
      title: form.title,
      period: form.period,
      year: form.year,
      quarter: form.quarter,
      agencyId,
      uploadedBy: me.id,
    };
    const report = await storeReport(c.var.db, c.env, input, file, (id, sha256) =>
      officialAuditEntry(c, me, now, {
        action: 'environment_report.create',
        entityType: 'environment_report',
        entityId: id,
        to: JSON.stringify({ ...input, bytes: file.length, sha256 }),
      }),
    );
    c.header('Cache-Control', 'no-store');
    return c.json({ report }, 201);
  })
  .openapi(deleteReportRoute, async (c) => {
    const { id } = c.req.valid('param');
    requirePublisher(c);
    const report = await findReport(c.var.db, id);
    if (!report) {
      throw new ApiError(404, 'report_not_found', 'Không tìm thấy báo cáo môi trường.');
    }
    // Reports are public: saying one exists to an official who may not remove it leaks nothing.
    const me = requirePermission(c, 'environment.publish_report', {
      agencyId: report.agencyId,
      communeId: null,
    });
    const now = new Date().toISOString();
    const deleted = await deleteReport(
      c.var.db,
      c.env,
      report,
      officialAuditEntry(c, me, now, {
        action: 'environment_report.delete',
        entityType: 'environment_report',
        entityId: id,
        from: JSON.stringify({
          title: report.title,
          agencyId: report.agencyId,
          year: report.year,
          quarter: report.quarter,
          sha256: report.sha256,
        }),
      }),
    );
    if (!deleted) throw new ApiError(404, 'report_not_found', 'Không tìm thấy báo cáo môi trường.');
    return c.json({ deleted: true as const, id }, 200);
  });
