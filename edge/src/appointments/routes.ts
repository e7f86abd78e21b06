import { createRoute, z } from '@hono/zod-openapi';
import { citizenOnly, requireUserId } from '../auth/session';
import type { AppEnv } from '../platform/env';
import { ApiError } from '../platform/errors';
import { requireJsonBody } from '../platform/json-body';
import {
  jsonBody as body,
  errorResponse as error,
  jsonResponse as json,
} from '../platform/openapi';
import { enforceRateLimits } from '../platform/rate-limit';
import { createRouter } from '../platform/router';
import { cancelBooking, createBooking, rescheduleBooking } from './booking';
import {
  departmentSlots,
  findOwnBooking,
  listOwnBookings,
  listPublicHospitals,
  toBooking,
} from './repo';
import {
  BookingBodySchema,
  BookingSchema,
  BookingsQuery,
  HospitalPublicSchema,
  IdParam,
  RescheduleBodySchema,
  SlotsQuery,
  SlotsResultSchema,
} from './schemas';
import { localDateOf } from './slots';

// Hospital appointments for citizens (/api/v1/appointments): hospitals and their free slots
// (public, no patient data), and the signed-in citizen's own bookings: book, list, cancel,
// reschedule. A citizen only ever sees their own bookings: another's answers 404.

const TAG = 'Đặt lịch khám bệnh';
const BEARER = [{ bearerAuth: [] }];

/** Bookings per citizen account and period: wrangler.toml [[ratelimits]] BOOKING_LIMITER. */
const BOOKING_RATE_PERIOD_SECONDS = 60;

const signedIn = {
  401: error('Chưa đăng nhập bằng Zalo (`session_required`) hoặc phiên không hợp lệ'),
};

const hospitalsRoute = createRoute({
  method: 'get',
  path: '/hospitals',
  tags: [TAG],
  summary: 'Bệnh viện nhận đặt lịch và các khoa',
  description: 'Chỉ các bệnh viện và khoa đang nhận đặt lịch. Lưu đệm 5 phút.',
  responses: {
    200: json(z.object({ hospitals: z.array(HospitalPublicSchema) }), 'Danh sách bệnh viện'),
  },
});

const slotsRoute = createRoute({
  method: 'get',
  path: '/departments/{id}/slots',
  tags: [TAG],
  summary: 'Khung giờ khám của một khoa',
  description:
    'Mỗi ngày trong khoảng (tối đa 14 ngày): nghỉ hay làm việc (ngày lễ, bệnh viện nghỉ, không có lịch khám) và các khung giờ chưa bắt đầu với số chỗ còn trống.',
  request: { params: IdParam, query: SlotsQuery },
  responses: {
    200: json(SlotsResultSchema, 'Khung giờ'),
    400: error('Tham số không hợp lệ (`validation_failed`)'),
    404: error('Không có khoa này hoặc khoa không nhận đặt lịch (`department_not_found`)'),
  },
});

const bookRoute = createRoute({
  method: 'post',
  path: '/bookings',
  tags: [TAG],
  summary: 'Đặt lịch khám',
  description:
    'Giữ một chỗ trong khung giờ và cấp số thứ tự cùng mã đến khám (hiển thị thành mã QR). ' +
    'Gửi lại cùng `requestKey` trả về đúng lịch hẹn đã đặt (200), không giữ thêm chỗ.',
  security: BEARER,
  middleware: [citizenOnly, requireJsonBody] as const,
  request: { body: body(BookingBodySchema) },
  responses: {
    201: json(z.object({ booking: BookingSchema }), 'Đã đặt lịch'),
    200: json(z.object({ booking: BookingSchema }), 'Lịch hẹn đã đặt trước đó với cùng requestKey'),
    400: error('Dữ liệu không hợp lệ (`validation_failed`)'),
    ...signedIn,
    404: error('Không có khung giờ này (`slot_not_found`)'),
    409: error(
      'Hết chỗ (`slot_full`), quá số lịch hẹn được giữ (`booking_limit`) hoặc khung giờ đã đóng (`slot_closed`)',
    ),
    422: error('Khung giờ đã bắt đầu (`slot_started`)'),
    429: error('Đặt quá nhanh (`rate_limited`)'),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/bookings',
  tags: [TAG],
  summary: 'Lịch hẹn của tôi',
  security: BEARER,
  middleware: [citizenOnly] as const,
  request: { query: BookingsQuery },
  responses: {
    200: json(z.object({ bookings: z.array(BookingSchema) }), 'Lịch hẹn'),
    400: error('Tham số không hợp lệ'),
    ...signedIn,
  },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/bookings/{id}',
  tags: [TAG],
  summary: 'Một lịch hẹn của tôi',
  security: BEARER,
  middleware: [citizenOnly] as const,
  request: { params: IdParam },
  responses: {
    200: json(BookingSchema, 'Lịch hẹn'),
    ...signedIn,
    404: error('Không có lịch hẹn này trong tài khoản (`booking_not_found`)'),
  },
});

const cancelRoute = createRoute({
  method: 'post',
  path: '/bookings/{id}/cancel',
  tags: [TAG],
  summary: 'Huỷ lịch hẹn',
  description:
    'Trả lại chỗ trong khung giờ (số thứ tự không cấp lại cho người khác). Huỷ lại lịch đã huỷ trả về lịch hẹn như cũ.',
  security: BEARER,
  middleware: [citizenOnly] as const,
  request: { params: IdParam },
  responses: {
    200: json(BookingSchema, 'Đã huỷ'),
    ...signedIn,
    404: error('Không có lịch hẹn này trong tài khoản (`booking_not_found`)'),
    409: error('Quá hạn huỷ (`cutoff_passed`) hoặc lịch đã khám / vắng mặt (`booking_not_active`)'),
  },
});

const rescheduleRoute = createRoute({
  method: 'post',
  path: '/bookings/{id}/reschedule',
  tags: [TAG],
  summary: 'Đổi lịch hẹn sang khung giờ khác',
  description:
    'Trong một giao dịch: giữ chỗ ở khung giờ mới (cùng người khám), huỷ lịch cũ và trả lại chỗ cũ; không thành công thì không thay đổi gì.',
  security: BEARER,
  middleware: [citizenOnly, requireJsonBody] as const,
  request: { params: IdParam, body: body(RescheduleBodySchema) },
  responses: {
    201: json(z.object({ booking: BookingSchema }), 'Lịch hẹn mới'),
    200: json(z.object({ booking: BookingSchema }), 'Lịch hẹn đã đổi trước đó với cùng requestKey'),
    400: error('Dữ liệu không hợp lệ'),
    ...signedIn,
    404: error('Không có lịch hẹn (`booking_not_found`) hoặc khung giờ (`slot_not_found`)'),
    409: error(
      '`cutoff_passed`, `booking_not_active`, `slot_full`, `slot_closed` hoặc `booking_limit`',
    ),
    422: error('Khung giờ mới đã bắt đầu (`slot_started`) hoặc trùng khung giờ cũ (`same_slot`)'),
    429: error('Thao tác quá nhanh (`rate_limited`)'),
  },
});

const departmentNotFound = () =>
  new ApiError(404, 'department_not_found', 'Không tìm thấy khoa khám bệnh này.');

function rateLimit(c: { env: AppEnv['Bindings'] }, userId: string) {
  return enforceRateLimits([
    {
      limiter: c.env.BOOKING_LIMITER,
      key: `user:${userId}`,
      periodSeconds: BOOKING_RATE_PERIOD_SECONDS,
    },
  ]);
}

export const appointmentRoutes = createRouter()
  .openapi(hospitalsRoute, async (c) => {
    const hospitals = await listPublicHospitals(c.var.db);
    c.header('Cache-Control', 'public, max-age=300');
    return c.json({ hospitals }, 200);
  })
  .openapi(slotsRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { from, days } = c.req.valid('query');
    const now = new Date();
    const result = await departmentSlots(c.var.db, {
      departmentId: id,
      from: from ?? localDateOf(now),
      days,
      now,
    });
    if (!result) throw departmentNotFound();
    // Places change with every booking: a short shared cache only.
    c.header('Cache-Control', 'public, max-age=10');
    return c.json(result, 200);
  })
  .openapi(bookRoute, async (c) => {
    const userId = requireUserId(c);
    const input = c.req.valid('json');
    await rateLimit(c, userId);
    const now = new Date();
    const { booking, created } = await createBooking(c.var.db, userId, input, now);
    c.var.logFields.booking = { created };
    return created
      ? c.json({ booking: toBooking(booking, now) }, 201)
      : c.json({ booking: toBooking(booking, now) }, 200);
  })
  .openapi(listRoute, async (c) => {
    const userId = requireUserId(c);
    const { scope } = c.req.valid('query');
    const now = new Date();
    const rows = await listOwnBookings(c.var.db, userId, scope, now);
    return c.json({ bookings: rows.map((r) => toBooking(r, now)) }, 200);
  })
  .openapi(detailRoute, async (c) => {
    const userId = requireUserId(c);
    const { id } = c.req.valid('param');
    const row = await findOwnBooking(c.var.db, userId, id);
    if (!row) throw new ApiError(404, 'booking_not_found', 'Không tìm thấy lịch hẹn này.');
    return c.json(toBooking(row, new Date()), 200);
  })
  .openapi(cancelRoute, async (c) => {
    const userId = requireUserId(c);
    const { id } = c.req.valid('param');
    const now = new Date();
    const row = await cancelBooking(c.var.db, userId, id, now);
    return c.json(toBooking(row, now), 200);
  })
  .openapi(rescheduleRoute, async (c) => {
    const userId = requireUserId(c);
    const { id } = c.req.valid('param');
    const { requestKey, slotId } = c.req.valid('json');
    await rateLimit(c, userId);
    const now = new Date();
    const { booking, created } = await rescheduleBooking(
      c.var.db,
      userId,
      { oldId: id, requestKey, slotId },
      now,
    );
    return created
      ? c.json({ booking: toBooking(booking, now) }, 201)
      : c.json({ booking: toBooking(booking, now) }, 200);
  });
