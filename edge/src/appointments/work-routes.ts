import { createRoute, z } from '@hono/zod-openapi';
import { adminUnits, agencies, appointments, hospitals } from '@tinh/db/schema';
import { and, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { requireOfficial } from '../access/guard';
import { officialAuditEntry } from '../audit/log';
import type { AppEnv, OfficialPrincipal } from '../platform/env';
import { ApiError } from '../platform/errors';
import { requireJsonBody } from '../platform/json-body';
import {
  jsonBody as body,
  errorResponse as error,
  jsonResponse as json,
} from '../platform/openapi';
import { createRouter } from '../platform/router';
import { type AppointmentAction, requireHospitalAccess, staffOnly, visibleAgency } from './access';
import { buildDayXlsx, XLSX_TYPE } from './export';
import { generateSlots } from './generate';
import {
  findDepartment,
  findHospital,
  findSlot,
  hospitalDay,
  listAdminHospitals,
  listClosures,
  listHours,
  type StaffBookingRow,
  selectStaffBooking,
  toStaffBooking,
} from './repo';
import {
  CheckInBodySchema,
  ClosureCreateSchema,
  ClosureParams,
  ClosureSchema,
  DayQuery,
  DaySchema,
  DepartmentAdminSchema,
  DepartmentCreateSchema,
  DepartmentPatchSchema,
  ExportQuery,
  GenerateBodySchema,
  HospitalAdminSchema,
  HospitalCreateSchema,
  HospitalPatchSchema,
  HoursPutSchema,
  HoursSchema,
  IdParam,
  SlotPatchSchema,
  StaffBookingResultSchema,
  StaffSlotSchema,
} from './schemas';
import { localDateOf, overlappingHours } from './slots';
import {
  addClosure,
  insertDepartment,
  insertHospital,
  removeClosure,
  replaceHours,
  setAttendance,
  setSlotCapacity,
  setSlotStatus,
  updateDepartment,
  updateHospital,
} from './staff';

// Hospital appointments for hospital staff and administrators (/api/v1/work/appointments):
// set-up (hospitals, departments, weekly hours, closures, slot generation; permission
// `appointments.configure`) and the day's work (the list with patient details, check-in,
// no-show, the XLSX list; `appointments.work`). Closing, reopening and resizing a slot take
// either. Staff act on the hospitals of their own agency; every change is audited.

const TAG = 'Đặt lịch khám bệnh (bệnh viện)';
const SECURITY: Record<string, string[]>[] = [{ officialCookie: [] }, { officialBearer: [] }];
const CONFIGURE: AppointmentAction = 'appointments.configure';
const WORK: AppointmentAction = 'appointments.work';
const SLOT_ACTIONS: readonly AppointmentAction[] = [WORK, CONFIGURE];

const denied = {
  401: error('Chưa đăng nhập bằng tài khoản cán bộ (`official_session_required`)'),
  403: error('Không có quyền (`forbidden`) hoặc thiếu mã CSRF (`csrf_failed`)'),
};

const hospitalNotFound = () =>
  new ApiError(404, 'hospital_not_found', 'Không tìm thấy bệnh viện này.');
const departmentNotFound = () =>
  new ApiError(404, 'department_not_found', 'Không tìm thấy khoa này.');
const slotNotFound = () => new ApiError(404, 'slot_not_found', 'Không tìm thấy khung giờ này.');
const bookingNotFound = () =>
  new ApiError(404, 'booking_not_found', 'Không tìm thấy lịch hẹn này.');

// ---- route definitions --------------------------------------------------------------------

const HospitalResult = z.object({ hospital: HospitalAdminSchema });
const DepartmentResult = z.object({ department: DepartmentAdminSchema });
const SlotResult = z.object({ slot: StaffSlotSchema });

const route = <const R extends Parameters<typeof createRoute>[0]>(r: R) =>
  createRoute({ tags: [TAG], security: SECURITY, ...r });

const listHospitalsRoute = route({
  method: 'get',
  path: '/hospitals',
  summary: 'Bệnh viện cán bộ được quản lý',
  middleware: [staffOnly] as const,
  responses: {
    200: json(z.object({ hospitals: z.array(HospitalAdminSchema) }), 'Danh sách'),
    ...denied,
  },
});

const createHospitalRoute = route({
  method: 'post',
  path: '/hospitals',
  summary: 'Thêm bệnh viện',
  middleware: [staffOnly, requireJsonBody] as const,
  request: { body: body(HospitalCreateSchema) },
  responses: {
    201: json(HospitalResult, 'Đã thêm'),
    400: error('Dữ liệu không hợp lệ'),
    ...denied,
    422: error('Không có cơ quan (`unknown_agency`) hoặc xã/phường (`unknown_commune`) này'),
  },
});

const patchHospitalRoute = route({
  method: 'patch',
  path: '/hospitals/{id}',
  summary: 'Sửa thông tin, hạn huỷ/đổi lịch, giới hạn lịch hẹn, bật/tắt bệnh viện',
  middleware: [staffOnly, requireJsonBody] as const,
  request: { params: IdParam, body: body(HospitalPatchSchema) },
  responses: {
    200: json(HospitalResult, 'Đã lưu'),
    400: error('Dữ liệu không hợp lệ'),
    ...denied,
    404: error('Không có bệnh viện này (`hospital_not_found`)'),
    422: error('Không có cơ quan (`unknown_agency`) hoặc xã/phường (`unknown_commune`) này'),
  },
});

const createDepartmentRoute = route({
  method: 'post',
  path: '/hospitals/{id}/departments',
  summary: 'Thêm khoa',
  middleware: [staffOnly, requireJsonBody] as const,
  request: { params: IdParam, body: body(DepartmentCreateSchema) },
  responses: {
    201: json(DepartmentResult, 'Đã thêm'),
    400: error('Dữ liệu không hợp lệ'),
    ...denied,
    404: error('Không có bệnh viện này (`hospital_not_found`)'),
  },
});

const patchDepartmentRoute = route({
  method: 'patch',
  path: '/departments/{id}',
  summary: 'Sửa hoặc bật/tắt khoa',
  middleware: [staffOnly, requireJsonBody] as const,
  request: { params: IdParam, body: body(DepartmentPatchSchema) },
  responses: {
    200: json(DepartmentResult, 'Đã lưu'),
    400: error('Dữ liệu không hợp lệ'),
    ...denied,
    404: error('Không có khoa này (`department_not_found`)'),
  },
});

const getHoursRoute = route({
  method: 'get',
  path: '/departments/{id}/hours',
  summary: 'Giờ làm việc trong tuần của khoa',
  middleware: [staffOnly] as const,
  request: { params: IdParam },
  responses: {
    200: json(HoursSchema, 'Giờ làm việc'),
    ...denied,
    404: error('Không có khoa này (`department_not_found`)'),
  },
});

const putHoursRoute = route({
  method: 'put',
  path: '/departments/{id}/hours',
  summary: 'Đặt lại giờ làm việc trong tuần',
  description:
    'Mỗi dòng là một buổi (thứ, giờ bắt đầu, giờ kết thúc, độ dài khung giờ, số chỗ mỗi khung). Các khung giờ sắp tới chưa ai đặt được xoá để tạo lại theo giờ mới; khung giờ đã có người đặt giữ nguyên.',
  middleware: [staffOnly, requireJsonBody] as const,
  request: { params: IdParam, body: body(HoursPutSchema) },
  responses: {
    200: json(
      HoursSchema.extend({ removedSlots: z.number().int(), created: z.number().int() }),
      'Đã lưu; `removedSlots` khung giờ cũ chưa ai đặt đã xoá, `created` khung giờ mới cho 14 ngày tới',
    ),
    400: error('Dữ liệu không hợp lệ'),
    ...denied,
    404: error('Không có khoa này (`department_not_found`)'),
    422: error('Hai buổi cùng thứ trùng giờ nhau (`overlapping_hours`)'),
  },
});

const listClosuresRoute = route({
  method: 'get',
  path: '/hospitals/{id}/closures',
  summary: 'Ngày bệnh viện nghỉ (từ 30 ngày trước)',
  middleware: [staffOnly] as const,
  request: { params: IdParam },
  responses: {
    200: json(z.object({ closures: z.array(ClosureSchema) }), 'Ngày nghỉ'),
    ...denied,
    404: error('Không có bệnh viện này (`hospital_not_found`)'),
  },
});

const addClosureRoute = route({
  method: 'post',
  path: '/hospitals/{id}/closures',
  summary: 'Thêm ngày nghỉ',
  description:
    'Đóng mọi khung giờ của ngày đó và báo trong ứng dụng cho người đã đặt lịch (họ được đổi hoặc huỷ lịch dù đã quá hạn).',
  middleware: [staffOnly, requireJsonBody] as const,
  request: { params: IdParam, body: body(ClosureCreateSchema) },
  responses: {
    201: json(
      z.object({
        closure: ClosureSchema,
        closedSlots: z.number().int(),
        notified: z.number().int(),
      }),
      'Đã thêm',
    ),
    400: error('Dữ liệu không hợp lệ'),
    ...denied,
    404: error('Không có bệnh viện này (`hospital_not_found`)'),
    422: error('Ngày đã qua (`date_in_past`)'),
  },
});

const removeClosureRoute = route({
  method: 'delete',
  path: '/hospitals/{id}/closures/{date}',
  summary: 'Bỏ ngày nghỉ',
  description: 'Mở lại các khung giờ của ngày đó.',
  middleware: [staffOnly] as const,
  request: { params: ClosureParams },
  responses: {
    200: json(z.object({ reopenedSlots: z.number().int() }), 'Đã bỏ'),
    400: error('Ngày không hợp lệ'),
    ...denied,
    404: error(
      'Không có bệnh viện (`hospital_not_found`) hoặc ngày nghỉ này (`closure_not_found`)',
    ),
  },
});

const generateRoute = route({
  method: 'post',
  path: '/departments/{id}/slots/generate',
  summary: 'Tạo khung giờ theo giờ làm việc',
  description:
    'Cho `days` ngày từ `from` (tối đa 60), trừ ngày lễ và ngày bệnh viện nghỉ. Chạy lại không tạo trùng; khung giờ đã có giữ nguyên. Hệ thống cũng tự tạo cho 14 ngày tới mỗi giờ.',
  middleware: [staffOnly, requireJsonBody] as const,
  request: { params: IdParam, body: body(GenerateBodySchema) },
  responses: {
    200: json(z.object({ created: z.number().int() }), 'Số khung giờ mới'),
    400: error('Dữ liệu không hợp lệ'),
    ...denied,
    404: error('Không có khoa này (`department_not_found`)'),
    422: error('Ngày bắt đầu đã qua (`date_in_past`)'),
  },
});

const dayRoute = route({
  method: 'get',
  path: '/hospitals/{id}/day',
  summary: 'Danh sách khám trong ngày',
  description: 'Mọi khung giờ của ngày (một khoa hoặc cả bệnh viện) với lịch hẹn theo số thứ tự.',
  middleware: [staffOnly] as const,
  request: { params: IdParam, query: DayQuery },
  responses: {
    200: json(DaySchema, 'Danh sách'),
    400: error('Tham số không hợp lệ'),
    ...denied,
    404: error('Không có bệnh viện này (`hospital_not_found`)'),
  },
});

const dayXlsxRoute = route({
  method: 'get',
  path: '/hospitals/{id}/day.xlsx',
  summary: 'Tải danh sách khám trong ngày (XLSX)',
  middleware: [staffOnly] as const,
  request: { params: IdParam, query: ExportQuery },
  responses: {
    200: {
      description: 'Tệp Excel (Content-Disposition: attachment)',
      content: { [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } },
    },
    400: error('Tham số không hợp lệ'),
    ...denied,
    404: error('Không có bệnh viện này (`hospital_not_found`)'),
  },
});

const StaffBookingResponses = {
  200: json(StaffBookingResultSchema, 'Lịch hẹn'),
  ...denied,
  404: error('Không có lịch hẹn này (`booking_not_found`)'),
  409: error(
    'Không phải lịch hôm nay (`not_today`), lịch đã huỷ / đã tiếp nhận (`booking_not_active`) hoặc chưa đến giờ (`slot_not_started`)',
  ),
};

const checkInRoute = route({
  method: 'post',
  path: '/bookings/{id}/check-in',
  summary: 'Tiếp nhận người bệnh (lịch hẹn hôm nay)',
  middleware: [staffOnly] as const,
  request: { params: IdParam },
  responses: StaffBookingResponses,
});

const noShowRoute = route({
  method: 'post',
  path: '/bookings/{id}/no-show',
  summary: 'Ghi nhận vắng mặt (khi khung giờ đã bắt đầu)',
  middleware: [staffOnly] as const,
  request: { params: IdParam },
  responses: StaffBookingResponses,
});

const checkInByCodeRoute = route({
  method: 'post',
  path: '/check-in',
  summary: 'Tiếp nhận bằng mã đến khám (nhập hoặc quét mã QR)',
  middleware: [staffOnly, requireJsonBody] as const,
  request: { body: body(CheckInBodySchema) },
  responses: {
    200: json(StaffBookingResultSchema, 'Lịch hẹn'),
    400: error('Mã không hợp lệ'),
    ...denied,
    404: error('Không có lịch hẹn với mã này ở bệnh viện của cán bộ (`booking_not_found`)'),
    409: error('Không phải lịch hôm nay (`not_today`) hoặc lịch đã huỷ (`booking_not_active`)'),
  },
});

const closeSlotRoute = route({
  method: 'post',
  path: '/slots/{id}/close',
  summary: 'Đóng khung giờ (không nhận đặt thêm)',
  description: 'Người đã đặt được báo trong ứng dụng và được đổi hoặc huỷ lịch dù đã quá hạn.',
  middleware: [staffOnly] as const,
  request: { params: IdParam },
  responses: { 200: json(SlotResult, 'Khung giờ'), ...denied, 404: error('`slot_not_found`') },
});

const openSlotRoute = route({
  method: 'post',
  path: '/slots/{id}/open',
  summary: 'Mở lại khung giờ',
  middleware: [staffOnly] as const,
  request: { params: IdParam },
  responses: { 200: json(SlotResult, 'Khung giờ'), ...denied, 404: error('`slot_not_found`') },
});

const patchSlotRoute = route({
  method: 'patch',
  path: '/slots/{id}',
  summary: 'Đổi số chỗ của khung giờ',
  middleware: [staffOnly, requireJsonBody] as const,
  request: { params: IdParam, body: body(SlotPatchSchema) },
  responses: {
    200: json(SlotResult, 'Khung giờ'),
    400: error('Dữ liệu không hợp lệ'),
    ...denied,
    404: error('`slot_not_found`'),
    409: error('Ít hơn số chỗ đã đặt (`capacity_below_booked`)'),
  },
});

// ---- helpers ------------------------------------------------------------------------------

async function hospitalFor(
  c: Context<AppEnv>,
  id: string,
  actions: AppointmentAction | readonly AppointmentAction[],
) {
  const hospital = await findHospital(c.var.db, id);
  if (!hospital) {
    requireOfficial(c);
    throw hospitalNotFound();
  }
  const official = requireHospitalAccess(c, actions, hospital.agencyId, hospitalNotFound);
  return { hospital, official };
}

async function departmentFor(c: Context<AppEnv>, id: string) {
  const department = await findDepartment(c.var.db, id);
  if (!department) throw departmentNotFound();
  const official = requireHospitalAccess(c, CONFIGURE, department.agencyId, departmentNotFound);
  return { department, official };
}

async function slotFor(c: Context<AppEnv>, id: string) {
  const slot = await findSlot(c.var.db, id);
  if (!slot) throw slotNotFound();
  const official = requireHospitalAccess(c, SLOT_ACTIONS, slot.agencyId, slotNotFound);
  return { slot, official };
}

/** Agency and commune of a hospital must exist: 422 rather than a foreign-key failure. */
async function checkRefs(c: Context<AppEnv>, q: { agencyId?: string; communeId?: string | null }) {
  const [agency, commune] = await c.var.db.batch([
    c.var.db
      .select({ id: agencies.id })
      .from(agencies)
      .where(eq(agencies.id, q.agencyId ?? ''))
      .limit(1),
    c.var.db
      .select({ id: adminUnits.id })
      .from(adminUnits)
      .where(eq(adminUnits.id, q.communeId ?? ''))
      .limit(1),
  ]);
  if (q.agencyId !== undefined && agency.length === 0) {
    throw new ApiError(422, 'unknown_agency', 'Không có cơ quan quản lý này.', {
      agencyId: q.agencyId,
    });
  }
  if (q.communeId && commune.length === 0) {
    throw new ApiError(422, 'unknown_commune', 'Không có xã/phường này.', {
      communeId: q.communeId,
    });
  }
}

function dateNotPast(date: string, now: Date, label: string) {
  if (date < localDateOf(now)) {
    throw new ApiError(422, 'date_in_past', `${label} đã qua. Vui lòng chọn từ hôm nay trở đi.`, {
      date,
    });
  }
}

const toDepartment = (d: {
  id: string;
  hospitalId: string;
  name: string;
  description: string | null;
  enabled: boolean;
}) => ({
  id: d.id,
  hospitalId: d.hospitalId,
  name: d.name,
  description: d.description,
  enabled: d.enabled,
});

const toSlot = (s: NonNullable<Awaited<ReturnType<typeof findSlot>>>) => ({
  id: s.id,
  departmentId: s.departmentId,
  departmentName: s.departmentName,
  date: s.date,
  startTime: s.startTime,
  endTime: s.endTime,
  startsAt: s.startsAt,
  capacity: s.capacity,
  booked: s.booked,
  issued: s.issued,
  status: s.status,
});

/** The booking behind a staff action, in the official's scope (`appointments.work`). */
async function staffBooking(c: Context<AppEnv>, where: ReturnType<typeof eq>) {
  const official = requireOfficial(c);
  const scope = visibleAgency(official, [WORK]);
  if (!scope) {
    throw new ApiError(403, 'forbidden', 'Bạn không có quyền thực hiện thao tác này.', {
      action: WORK,
    });
  }
  const [row] = await selectStaffBooking(c.var.db)
    .where(and(where, scope.all ? undefined : eq(hospitals.agencyId, scope.agencyId)))
    .limit(1);
  if (!row) throw bookingNotFound();
  return { row, official };
}

function mustBeToday(row: StaffBookingRow, now: Date) {
  const today = localDateOf(now);
  if (row.slotDate !== today) {
    throw new ApiError(
      409,
      'not_today',
      `Lịch hẹn này của ngày ${row.slotDate.split('-').reverse().join('/')}, không phải hôm nay.`,
      { date: row.slotDate },
    );
  }
}

function notActive(row: StaffBookingRow) {
  return new ApiError(
    409,
    'booking_not_active',
    row.status === 'cancelled'
      ? 'Lịch hẹn này đã bị huỷ.'
      : row.status === 'checked_in'
        ? 'Người bệnh đã được tiếp nhận.'
        : 'Lịch hẹn này không còn hiệu lực.',
    { status: row.status },
  );
}

async function checkIn(c: Context<AppEnv>, row: StaffBookingRow, official: OfficialPrincipal) {
  const now = new Date();
  mustBeToday(row, now);
  if (row.status === 'checked_in') return row;
  if (row.status === 'cancelled') throw notActive(row);
  const at = now.toISOString();
  const after = await setAttendance(
    c.var.db,
    { id: row.id, to: 'checked_in', now: at },
    officialAuditEntry(c, official, at, {
      action: 'appointment.check_in',
      entityType: 'appointment',
      entityId: row.id,
      from: row.status,
      to: 'checked_in',
    }),
  );
  if (!after) throw bookingNotFound();
  if (after.status !== 'checked_in') throw notActive(after);
  return after;
}

// ---- handlers -----------------------------------------------------------------------------

export const appointmentWorkRoutes = createRouter()
  .openapi(listHospitalsRoute, async (c) => {
    const official = requireOfficial(c);
    const scope = visibleAgency(official);
    const list = scope ? await listAdminHospitals(c.var.db, scope.all ? null : scope.agencyId) : [];
    return c.json({ hospitals: list }, 200);
  })
  .openapi(createHospitalRoute, async (c) => {
    const input = c.req.valid('json');
    const official = requireOfficial(c);
    const agencyId = input.agencyId ?? official.agencyId;
    requireHospitalAccess(
      c,
      CONFIGURE,
      agencyId,
      () =>
        new ApiError(403, 'forbidden', 'Bạn chỉ được thêm bệnh viện của cơ quan mình.', {
          action: CONFIGURE,
        }),
    );
    await checkRefs(c, { agencyId, communeId: input.communeId ?? null });
    const id = crypto.randomUUID();
    const now = new Date().toISOString();
    const row = {
      id,
      agencyId,
      name: input.name,
      address: input.address,
      communeId: input.communeId ?? null,
      lat: input.lat ?? null,
      lng: input.lng ?? null,
      phone: input.phone,
      cutoffHours: input.cutoffHours,
      maxActiveBookings: input.maxActiveBookings,
      enabled: input.enabled,
    };
    const hospital = await insertHospital(
      c.var.db,
      row,
      now,
      officialAuditEntry(c, official, now, {
        action: 'hospital.create',
        entityType: 'hospital',
        entityId: id,
        to: JSON.stringify(row),
      }),
    );
    if (!hospital) throw hospitalNotFound();
    return c.json({ hospital }, 201);
  })
  .openapi(patchHospitalRoute, async (c) => {
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const { hospital: before, official } = await hospitalFor(c, id, CONFIGURE);
    if (patch.agencyId !== undefined && patch.agencyId !== before.agencyId) {
      requireHospitalAccess(
        c,
        CONFIGURE,
        patch.agencyId,
        () =>
          new ApiError(403, 'forbidden', 'Bạn không được chuyển bệnh viện sang cơ quan khác.', {
            action: CONFIGURE,
          }),
      );
    }
    await checkRefs(c, {
      ...(patch.agencyId === undefined ? {} : { agencyId: patch.agencyId }),
      communeId: patch.communeId ?? null,
    });
    const changes = Object.fromEntries(
      Object.entries(patch).filter(([, v]) => v !== undefined),
    ) as typeof patch;
    const now = new Date().toISOString();
    const hospital = await updateHospital(
      c.var.db,
      id,
      changes,
      now,
      officialAuditEntry(c, official, now, {
        action: 'hospital.update',
        entityType: 'hospital',
        entityId: id,
        from: JSON.stringify(
          Object.fromEntries(
            Object.keys(changes).map((k) => [k, before[k as keyof typeof before]]),
          ),
        ),
        to: JSON.stringify(changes),
      }),
    );
    if (!hospital) throw hospitalNotFound();
    return c.json({ hospital }, 200);
  })
  .openapi(createDepartmentRoute, async (c) => {
    const { id: hospitalId } = c.req.valid('param');
    const input = c.req.valid('json');
    const { official } = await hospitalFor(c, hospitalId, CONFIGURE);
    const id = crypto.randomUUID();
    const now = new Date().toISOString();
    const row = { id, hospitalId, ...input };
    const department = await insertDepartment(
      c.var.db,
      row,
      now,
      officialAuditEntry(c, official, now, {
        action: 'department.create',
        entityType: 'hospital_department',
        entityId: id,
        to: JSON.stringify(row),
      }),
    );
    if (!department) throw departmentNotFound();
    return c.json({ department: toDepartment(department) }, 201);
  })
  .openapi(patchDepartmentRoute, async (c) => {
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const { department: before, official } = await departmentFor(c, id);
    const changes = Object.fromEntries(
      Object.entries(patch).filter(([, v]) => v !== undefined),
    ) as typeof patch;
    const now = new Date().toISOString();
    const department = await updateDepartment(
      c.var.db,
      id,
      changes,
      now,
      officialAuditEntry(c, official, now, {
        action: 'department.update',
        entityType: 'hospital_department',
        entityId: id,
        from: JSON.stringify({
          name: before.name,
          description: before.description,
          enabled: before.enabled,
        }),
        to: JSON.stringify(changes),
      }),
    );
    if (!department) throw departmentNotFound();
    return c.json({ department: toDepartment(department) }, 200);
  })
  .openapi(getHoursRoute, async (c) => {
    const { id } = c.req.valid('param');
    await departmentFor(c, id);
    return c.json({ departmentId: id, hours: await listHours(c.var.db, id) }, 200);
  })
  .openapi(putHoursRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { hours } = c.req.valid('json');
    const { official } = await departmentFor(c, id);
    const clashes = overlappingHours(hours);
    if (clashes.length > 0) {
      throw new ApiError(
        422,
        'overlapping_hours',
        'Có hai buổi làm việc cùng thứ bị trùng giờ. Vui lòng kiểm tra lại.',
        { rows: clashes },
      );
    }
    const before = await listHours(c.var.db, id);
    const at = new Date();
    const now = at.toISOString();
    const { removedSlots } = await replaceHours(
      c.var.db,
      id,
      hours,
      now,
      officialAuditEntry(c, official, now, {
        action: 'department.hours',
        entityType: 'hospital_department',
        entityId: id,
        from: JSON.stringify(before.map(({ id: _, ...h }) => h)),
        to: JSON.stringify(hours),
      }),
    );
    // Slots for the coming days at once, rather than at the next hourly run.
    const { created } = await generateSlots(c.var.db, {
      departments: [id],
      from: localDateOf(at),
      days: 14,
      now: at,
    });
    return c.json(
      { departmentId: id, hours: await listHours(c.var.db, id), removedSlots, created },
      200,
    );
  })
  .openapi(listClosuresRoute, async (c) => {
    const { id } = c.req.valid('param');
    await hospitalFor(c, id, CONFIGURE);
    return c.json({ closures: await listClosures(c.var.db, id, new Date()) }, 200);
  })
  .openapi(addClosureRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { date, reason } = c.req.valid('json');
    const { hospital, official } = await hospitalFor(c, id, CONFIGURE);
    const at = new Date();
    dateNotPast(date, at, 'Ngày nghỉ');
    const now = at.toISOString();
    const result = await addClosure(
      c.var.db,
      { hospitalId: id, hospitalName: hospital.name, date, reason, now },
      officialAuditEntry(c, official, now, {
        action: 'hospital.closure_add',
        entityType: 'hospital',
        entityId: id,
        to: JSON.stringify({ date, reason }),
      }),
    );
    const closure = (await listClosures(c.var.db, id, at)).find((x) => x.date === date);
    return c.json({ closure: closure ?? { date, reason, createdAt: now }, ...result }, 201);
  })
  .openapi(removeClosureRoute, async (c) => {
    const { id, date } = c.req.valid('param');
    const { official } = await hospitalFor(c, id, CONFIGURE);
    const now = new Date().toISOString();
    const { removed, reopenedSlots } = await removeClosure(
      c.var.db,
      { hospitalId: id, date, now },
      officialAuditEntry(c, official, now, {
        action: 'hospital.closure_remove',
        entityType: 'hospital',
        entityId: id,
        from: date,
      }),
    );
    if (!removed) {
      throw new ApiError(404, 'closure_not_found', 'Bệnh viện không có ngày nghỉ này.', { date });
    }
    return c.json({ reopenedSlots }, 200);
  })
  .openapi(generateRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { from, days } = c.req.valid('json');
    const { official } = await departmentFor(c, id);
    const at = new Date();
    dateNotPast(from, at, 'Ngày bắt đầu');
    const { created } = await generateSlots(c.var.db, {
      departments: [id],
      from,
      days,
      now: at,
      audit: officialAuditEntry(c, official, at.toISOString(), {
        action: 'slots.generate',
        entityType: 'hospital_department',
        entityId: id,
      }),
    });
    return c.json({ created }, 200);
  })
  .openapi(dayRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { date, departmentId } = c.req.valid('query');
    const { hospital } = await hospitalFor(c, id, WORK);
    const day = await hospitalDay(c.var.db, { hospitalId: id, date, departmentId });
    return c.json({ date, hospital: { id, name: hospital.name }, ...day }, 200);
  })
  .openapi(dayXlsxRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { date } = c.req.valid('query');
    const { hospital } = await hospitalFor(c, id, WORK);
    const day = await hospitalDay(c.var.db, { hospitalId: id, date });
    const xlsx = await buildDayXlsx(hospital, date, day, new Date());
    return c.body(xlsx, 200, {
      'Content-Type': XLSX_TYPE,
      'Content-Disposition': `attachment; filename="danh-sach-kham_${date}.xlsx"`,
      'Cache-Control': 'private, no-store',
    });
  })
  .openapi(checkInRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { row, official } = await staffBooking(c, eq(appointments.id, id));
    return c.json({ booking: toStaffBooking(await checkIn(c, row, official)) }, 200);
  })
  .openapi(checkInByCodeRoute, async (c) => {
    const { code } = c.req.valid('json');
    const { row, official } = await staffBooking(c, eq(appointments.checkInCode, code));
    return c.json({ booking: toStaffBooking(await checkIn(c, row, official)) }, 200);
  })
  .openapi(noShowRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { row, official } = await staffBooking(c, eq(appointments.id, id));
    if (row.status === 'no_show') return c.json({ booking: toStaffBooking(row) }, 200);
    if (row.status !== 'booked') throw notActive(row);
    const at = new Date().toISOString();
    if (row.slotStartsAt > at) {
      throw new ApiError(
        409,
        'slot_not_started',
        'Chưa đến giờ khám của lịch hẹn này: chỉ ghi nhận vắng mặt sau khi khung giờ bắt đầu.',
        { startsAt: row.slotStartsAt },
      );
    }
    const after = await setAttendance(
      c.var.db,
      { id, to: 'no_show', now: at },
      officialAuditEntry(c, official, at, {
        action: 'appointment.no_show',
        entityType: 'appointment',
        entityId: id,
        from: row.status,
        to: 'no_show',
      }),
    );
    if (!after) throw bookingNotFound();
    if (after.status !== 'no_show') throw notActive(after);
    return c.json({ booking: toStaffBooking(after) }, 200);
  })
  .openapi(closeSlotRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { slot, official } = await slotFor(c, id);
    const hospital = await findHospital(c.var.db, slot.hospitalId);
    const now = new Date().toISOString();
    const after = await setSlotStatus(
      c.var.db,
      { slotId: id, status: 'closed', hospitalName: hospital?.name ?? '', now },
      officialAuditEntry(c, official, now, {
        action: 'slot.close',
        entityType: 'appointment_slot',
        entityId: id,
        from: slot.status,
        to: 'closed',
      }),
    );
    if (!after) throw slotNotFound();
    return c.json({ slot: toSlot(after) }, 200);
  })
  .openapi(openSlotRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { slot, official } = await slotFor(c, id);
    const now = new Date().toISOString();
    const after = await setSlotStatus(
      c.var.db,
      { slotId: id, status: 'open', hospitalName: '', now },
      officialAuditEntry(c, official, now, {
        action: 'slot.open',
        entityType: 'appointment_slot',
        entityId: id,
        from: slot.status,
        to: 'open',
      }),
    );
    if (!after) throw slotNotFound();
    return c.json({ slot: toSlot(after) }, 200);
  })
  .openapi(patchSlotRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { capacity } = c.req.valid('json');
    const { slot, official } = await slotFor(c, id);
    if (capacity < slot.booked) {
      throw new ApiError(
        409,
        'capacity_below_booked',
        `Khung giờ đã có ${slot.booked} người đặt: số chỗ không được ít hơn.`,
        { booked: slot.booked },
      );
    }
    const now = new Date().toISOString();
    const { changed, slot: after } = await setSlotCapacity(
      c.var.db,
      { slotId: id, capacity, now },
      officialAuditEntry(c, official, now, {
        action: 'slot.capacity',
        entityType: 'appointment_slot',
        entityId: id,
        from: String(slot.capacity),
        to: String(capacity),
      }),
    );
    if (!after) throw slotNotFound();
    if (!changed && after.capacity !== capacity) {
      // Someone booked in between: the places taken now exceed the new capacity.
      throw new ApiError(
        409,
        'capacity_below_booked',
        `Khung giờ đã có ${after.booked} người đặt: số chỗ không được ít hơn.`,
        { booked: after.booked },
      );
    }
    return c.json({ slot: toSlot(after) }, 200);
  });
