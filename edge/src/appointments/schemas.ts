import { z } from '@hono/zod-openapi';
import { APPOINTMENT_STATUSES, SLOT_STATUSES } from '@tinh/db/schema';
import { normaliseVietnamesePhone } from '../reports/phone';
import { isCalendarDate, isTimeOfDay, localDateOf, minutesOf } from './slots';

// zod schemas of the appointments API: what citizens and hospital staff send (with Vietnamese
// messages a person can act on) and what they get back. Public answers (hospitals, free slots)
// never carry a patient field; a booking's patient details go to its owner and to the staff of
// its hospital only.

// ---- shared fields ------------------------------------------------------------------------

export const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export const dateField = (label: string) =>
  z
    .string({ error: `${label} phải có dạng YYYY-MM-DD.` })
    .refine(isCalendarDate, {
      message: `${label} không hợp lệ: cần một ngày có thật, dạng YYYY-MM-DD.`,
      abort: true,
    })
    .openapi({ example: '2025-07-01' });

const timeField = (label: string) =>
  z
    .string({ error: `${label} phải có dạng HH:MM.` })
    .refine(isTimeOfDay, `${label} không hợp lệ: cần giờ dạng HH:MM (ví dụ 07:30).`)
    .openapi({ example: '07:30' });

/** A Vietnamese phone number as typed, kept in the national form 0xxxxxxxxx. */
export const phoneField = z
  .string({ error: 'Số điện thoại phải là chuỗi ký tự.' })
  .transform((value, ctx) => {
    const e164 = normaliseVietnamesePhone(value);
    if (e164 === null) {
      ctx.addIssue({
        code: 'custom',
        message: 'Số điện thoại không hợp lệ (ví dụ 0912345678 hoặc +84912345678).',
      });
      return z.NEVER;
    }
    return `0${e164.slice(3)}`;
  })
  .openapi({ type: 'string', example: '0912345678' });

/** Optional text: blank becomes null. */
const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label} phải là chuỗi ký tự.` })
    .trim()
    .max(max, `${label} tối đa ${max} ký tự.`)
    .nullish()
    .transform((v) => (v ? v : null));

// ---- citizens: hospitals and free slots ---------------------------------------------------

export const DepartmentPublicSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
});

export const HospitalPublicSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    communeId: z.string().nullable(),
    cutoffHours: z.number().int().openapi({
      description: 'Được huỷ hoặc đổi lịch đến trước giờ khám số giờ này',
    }),
    maxActiveBookings: z.number().int().openapi({
      description: 'Số lịch hẹn sắp tới mỗi tài khoản được giữ cùng lúc tại bệnh viện',
    }),
    departments: z.array(DepartmentPublicSchema),
  })
  .openapi('Hospital');

export const SlotsQuery = z.object({
  from: dateField('Ngày bắt đầu (from)')
    .optional()
    .openapi({ description: 'Mặc định: hôm nay (giờ Việt Nam)' }),
  days: z.coerce
    .number({ error: 'Số ngày (days) phải là số.' })
    .int('Số ngày (days) phải là số nguyên.')
    .min(1, 'Số ngày (days) từ 1 đến 14.')
    .max(14, 'Số ngày (days) từ 1 đến 14.')
    .default(7),
});

export const SlotPublicSchema = z.object({
  id: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  capacity: z.number().int(),
  available: z.number().int().openapi({ description: 'Số chỗ còn trống; 0 khi đã đóng' }),
  status: z.enum(SLOT_STATUSES),
});

export const SlotsResultSchema = z
  .object({
    department: z.object({
      id: z.string(),
      name: z.string(),
      hospitalId: z.string(),
      hospitalName: z.string(),
    }),
    days: z.array(
      z.object({
        date: z.string(),
        closed: z.boolean(),
        reason: z.string().nullable(),
        slots: z.array(SlotPublicSchema),
      }),
    ),
  })
  .openapi('DepartmentSlots');

// ---- citizens: bookings -------------------------------------------------------------------

const requestKey = z
  .uuid({ error: 'Mã yêu cầu (requestKey) phải là một UUID do ứng dụng tạo.' })
  .openapi({ description: 'Mã do ứng dụng tạo cho mỗi lần đặt; gửi lại cùng mã không đặt thêm.' });

const slotId = z
  .string({ error: 'Vui lòng chọn khung giờ khám (slotId).' })
  .min(1, 'Vui lòng chọn khung giờ khám (slotId).')
  .max(100, 'Khung giờ khám (slotId) không hợp lệ.');

export const NAME_MIN = 2;
export const NAME_MAX = 100;

export const BookingBodySchema = z
  .object({
    requestKey,
    slotId,
    forSelf: z.boolean({
      error: 'forSelf phải là true (đặt cho mình) hoặc false (cho người thân).',
    }),
    patientName: z
      .string({ error: 'Vui lòng nhập họ tên người khám.' })
      .trim()
      .transform((v) => v.replace(/\s+/g, ' '))
      .pipe(
        z
          .string()
          .min(NAME_MIN, `Họ tên người khám cần từ ${NAME_MIN} đến ${NAME_MAX} ký tự.`)
          .max(NAME_MAX, `Họ tên người khám cần từ ${NAME_MIN} đến ${NAME_MAX} ký tự.`)
          .refine((v) => /\p{L}/u.test(v) && !/[\d<>{}[\]\\/@#$%^*=_|~]/.test(v), {
            message: 'Họ tên người khám chỉ gồm chữ cái và khoảng trắng.',
          }),
      ),
    patientPhone: phoneField,
    patientBirthDate: dateField('Ngày sinh').refine(
      (v) => v >= '1900-01-01' && v <= localDateOf(new Date()),
      'Ngày sinh phải là một ngày trong quá khứ (từ năm 1900).',
    ),
    insuranceNumber: z
      .string({ error: 'Số thẻ BHYT phải là chuỗi ký tự.' })
      .nullish()
      .transform((v, ctx) => {
        const compact = (v ?? '').replace(/[\s.-]/g, '').toUpperCase();
        if (!compact) return null;
        if (!/^[A-Z]{2}\d{13}$/.test(compact) && !/^\d{10}$/.test(compact)) {
          ctx.addIssue({
            code: 'custom',
            message:
              'Số thẻ BHYT không hợp lệ: nhập mã số BHXH 10 chữ số hoặc mã thẻ 15 ký tự (ví dụ HC4931234567890).',
          });
          return z.NEVER;
        }
        return compact;
      })
      .openapi({ type: 'string', example: '9312345678' }),
    symptoms: optionalText('Triệu chứng', 1000),
  })
  .openapi('BookingInput');

export const RescheduleBodySchema = z.object({ requestKey, slotId }).openapi('RescheduleInput');

export const BookingsQuery = z.object({
  scope: z.enum(['upcoming', 'past']).default('upcoming').openapi({
    description: '`upcoming`: lịch còn hiệu lực từ hôm nay; `past`: đã qua, đã huỷ, vắng mặt',
  }),
});

export const BookingSchema = z
  .object({
    id: z.string(),
    status: z.enum(APPOINTMENT_STATUSES),
    queueNumber: z.number().int().openapi({ description: 'Số thứ tự trong khung giờ' }),
    checkInCode: z.string().openapi({ description: 'Mã đến khám (hiển thị thành mã QR)' }),
    forSelf: z.boolean(),
    patientName: z.string(),
    patientPhone: z.string(),
    patientBirthDate: z.string(),
    insuranceNumber: z.string().nullable(),
    symptoms: z.string().nullable(),
    hospital: z.object({
      id: z.string(),
      name: z.string(),
      address: z.string().nullable(),
      phone: z.string().nullable(),
    }),
    department: z.object({ id: z.string(), name: z.string() }),
    slot: z.object({
      id: z.string(),
      date: z.string(),
      startTime: z.string(),
      endTime: z.string(),
      startsAt: z.string(),
    }),
    canChange: z.boolean().openapi({ description: 'Còn được huỷ hoặc đổi lịch' }),
    changeDeadline: z.string().openapi({ description: 'Hạn huỷ/đổi lịch (UTC, ISO 8601)' }),
    createdAt: z.string(),
  })
  .openapi('Booking');

// ---- staff --------------------------------------------------------------------------------

const hospitalName = z
  .string({ error: 'Vui lòng nhập tên bệnh viện.' })
  .trim()
  .min(3, 'Tên bệnh viện cần từ 3 đến 200 ký tự.')
  .max(200, 'Tên bệnh viện cần từ 3 đến 200 ký tự.');
const hospitalPhone = z
  .string({ error: 'Số điện thoại phải là chuỗi ký tự.' })
  .trim()
  .max(30, 'Số điện thoại tối đa 30 ký tự.')
  .refine((v) => v === '' || /^\+?[\d\s.()-]{3,30}$/.test(v), {
    message: 'Số điện thoại chỉ gồm chữ số, dấu cách, dấu chấm hoặc gạch ngang.',
  })
  .nullish()
  .transform((v) => (v ? v : null));
const cutoffHours = z
  .number({ error: 'Hạn huỷ/đổi lịch (cutoffHours) phải là số giờ.' })
  .int('Hạn huỷ/đổi lịch (cutoffHours) phải là số nguyên.')
  .min(0, 'Hạn huỷ/đổi lịch (cutoffHours) từ 0 đến 168 giờ.')
  .max(168, 'Hạn huỷ/đổi lịch (cutoffHours) từ 0 đến 168 giờ.');
const maxActiveBookings = z
  .number({ error: 'Số lịch hẹn tối đa (maxActiveBookings) phải là số.' })
  .int('Số lịch hẹn tối đa (maxActiveBookings) phải là số nguyên.')
  .min(1, 'Số lịch hẹn tối đa (maxActiveBookings) từ 1 đến 20.')
  .max(20, 'Số lịch hẹn tối đa (maxActiveBookings) từ 1 đến 20.');
const latitude = z
  .number({ error: 'Vĩ độ (lat) phải là số.' })
  .min(-90, 'Vĩ độ (lat) phải từ -90 đến 90.')
  .max(90, 'Vĩ độ (lat) phải từ -90 đến 90.')
  .nullish();
const longitude = z
  .number({ error: 'Kinh độ (lng) phải là số.' })
  .min(-180, 'Kinh độ (lng) phải từ -180 đến 180.')
  .max(180, 'Kinh độ (lng) phải từ -180 đến 180.')
  .nullish();
const refId = (label: string) =>
  z
    .string({ error: `${label} phải là chuỗi ký tự.` })
    .trim()
    .min(1, `Vui lòng chọn ${label.toLowerCase()}.`)
    .max(64, `${label} không hợp lệ.`);

export const HospitalCreateSchema = z
  .object({
    agencyId: refId('Cơ quan quản lý')
      .optional()
      .openapi({ description: 'Mặc định: cơ quan của cán bộ' }),
    name: hospitalName,
    address: optionalText('Địa chỉ', 300),
    communeId: refId('Xã/phường').nullish(),
    lat: latitude,
    lng: longitude,
    phone: hospitalPhone,
    cutoffHours: cutoffHours.default(12),
    maxActiveBookings: maxActiveBookings.default(3),
    enabled: z.boolean({ error: 'enabled phải là true hoặc false.' }).default(true),
  })
  .openapi('HospitalInput');

export const HospitalPatchSchema = z
  .object({
    agencyId: refId('Cơ quan quản lý').optional(),
    name: hospitalName.optional(),
    address: optionalText('Địa chỉ', 300).optional(),
    communeId: refId('Xã/phường').nullable().optional(),
    lat: latitude.optional(),
    lng: longitude.optional(),
    phone: hospitalPhone.optional(),
    cutoffHours: cutoffHours.optional(),
    maxActiveBookings: maxActiveBookings.optional(),
    enabled: z.boolean({ error: 'enabled phải là true hoặc false.' }).optional(),
  })
  .openapi('HospitalPatch');

export const DepartmentAdminSchema = z
  .object({
    id: z.string(),
    hospitalId: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    enabled: z.boolean(),
  })
  .openapi('HospitalDepartment');

export const HospitalAdminSchema = z
  .object({
    id: z.string(),
    agencyId: z.string(),
    agencyName: z.string().nullable(),
    name: z.string(),
    address: z.string().nullable(),
    communeId: z.string().nullable(),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
    phone: z.string().nullable(),
    cutoffHours: z.number().int(),
    maxActiveBookings: z.number().int(),
    enabled: z.boolean(),
    updatedAt: z.string(),
    departments: z.array(DepartmentAdminSchema),
  })
  .openapi('HospitalAdmin');

const departmentName = z
  .string({ error: 'Vui lòng nhập tên khoa.' })
  .trim()
  .min(2, 'Tên khoa cần từ 2 đến 120 ký tự.')
  .max(120, 'Tên khoa cần từ 2 đến 120 ký tự.');

export const DepartmentCreateSchema = z
  .object({
    name: departmentName,
    description: optionalText('Mô tả', 1000),
    enabled: z.boolean({ error: 'enabled phải là true hoặc false.' }).default(true),
  })
  .openapi('DepartmentInput');

export const DepartmentPatchSchema = z
  .object({
    name: departmentName.optional(),
    description: optionalText('Mô tả', 1000).optional(),
    enabled: z.boolean({ error: 'enabled phải là true hoặc false.' }).optional(),
  })
  .openapi('DepartmentPatch');

export const HoursRowSchema = z
  .object({
    weekday: z
      .number({ error: 'Thứ (weekday) phải là số từ 0 (Chủ nhật) đến 6 (Thứ bảy).' })
      .int('Thứ (weekday) phải là số từ 0 (Chủ nhật) đến 6 (Thứ bảy).')
      .min(0, 'Thứ (weekday) phải là số từ 0 (Chủ nhật) đến 6 (Thứ bảy).')
      .max(6, 'Thứ (weekday) phải là số từ 0 (Chủ nhật) đến 6 (Thứ bảy).'),
    opensAt: timeField('Giờ bắt đầu (opensAt)'),
    closesAt: timeField('Giờ kết thúc (closesAt)'),
    slotMinutes: z
      .number({ error: 'Độ dài khung giờ (slotMinutes) phải là số phút.' })
      .int('Độ dài khung giờ (slotMinutes) phải là số nguyên.')
      .min(5, 'Độ dài khung giờ (slotMinutes) từ 5 đến 240 phút.')
      .max(240, 'Độ dài khung giờ (slotMinutes) từ 5 đến 240 phút.'),
    capacity: z
      .number({ error: 'Số chỗ (capacity) phải là số.' })
      .int('Số chỗ (capacity) phải là số nguyên.')
      .min(1, 'Số chỗ mỗi khung giờ (capacity) từ 1 đến 500.')
      .max(500, 'Số chỗ mỗi khung giờ (capacity) từ 1 đến 500.'),
  })
  .refine((h) => h.opensAt < h.closesAt, {
    message: 'Giờ kết thúc phải sau giờ bắt đầu.',
    path: ['closesAt'],
    abort: true,
  })
  .refine((h) => minutesOf(h.closesAt) - minutesOf(h.opensAt) >= h.slotMinutes, {
    message: 'Buổi làm việc ngắn hơn một khung giờ (slotMinutes).',
    path: ['slotMinutes'],
  });

export const HoursPutSchema = z
  .object({
    hours: z
      .array(HoursRowSchema, { error: 'Danh sách giờ làm việc (hours) phải là một mảng.' })
      .max(28, 'Tối đa 28 buổi làm việc mỗi tuần.'),
  })
  .openapi('DepartmentHoursInput');

export const HoursSchema = z
  .object({
    departmentId: z.string(),
    hours: z.array(
      z.object({
        id: z.string(),
        weekday: z.number().int(),
        opensAt: z.string(),
        closesAt: z.string(),
        slotMinutes: z.number().int(),
        capacity: z.number().int(),
      }),
    ),
  })
  .openapi('DepartmentHours');

export const ClosureCreateSchema = z
  .object({
    date: dateField('Ngày nghỉ (date)'),
    reason: z
      .string({ error: 'Vui lòng nhập lý do nghỉ.' })
      .trim()
      .min(3, 'Lý do nghỉ cần từ 3 đến 200 ký tự.')
      .max(200, 'Lý do nghỉ cần từ 3 đến 200 ký tự.'),
  })
  .openapi('HospitalClosureInput');

export const ClosureSchema = z
  .object({ date: z.string(), reason: z.string(), createdAt: z.string() })
  .openapi('HospitalClosure');

export const ClosureParams = z.object({
  id: IdParam.shape.id,
  date: dateField('Ngày nghỉ').openapi({ param: { name: 'date', in: 'path' } }),
});

export const GenerateBodySchema = z
  .object({
    from: dateField('Ngày bắt đầu (from)'),
    days: z
      .number({ error: 'Số ngày (days) phải là số.' })
      .int('Số ngày (days) phải là số nguyên.')
      .min(1, 'Số ngày (days) từ 1 đến 60.')
      .max(60, 'Số ngày (days) từ 1 đến 60.'),
  })
  .openapi('GenerateSlotsInput');

export const DayQuery = z.object({
  date: dateField('Ngày (date)'),
  departmentId: z.string().min(1).max(100).optional(),
});

export const ExportQuery = z.object({ date: dateField('Ngày (date)') });

export const StaffBookingSchema = z
  .object({
    id: z.string(),
    queueNumber: z.number().int(),
    status: z.enum(APPOINTMENT_STATUSES),
    forSelf: z.boolean(),
    patientName: z.string(),
    patientPhone: z.string(),
    patientBirthDate: z.string(),
    insuranceNumber: z.string().nullable(),
    symptoms: z.string().nullable(),
    checkInCode: z.string(),
    checkedInAt: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('StaffBooking');

export const StaffSlotSchema = z
  .object({
    id: z.string(),
    departmentId: z.string(),
    departmentName: z.string(),
    date: z.string(),
    startTime: z.string(),
    endTime: z.string(),
    startsAt: z.string(),
    capacity: z.number().int(),
    booked: z.number().int(),
    issued: z.number().int(),
    status: z.enum(SLOT_STATUSES),
  })
  .openapi('StaffSlot');

export const DaySchema = z
  .object({
    date: z.string(),
    hospital: z.object({ id: z.string(), name: z.string() }),
    closed: z.boolean(),
    reason: z.string().nullable(),
    slots: z.array(StaffSlotSchema.extend({ bookings: z.array(StaffBookingSchema) })),
  })
  .openapi('HospitalDay');

export const StaffBookingResultSchema = z
  .object({
    booking: StaffBookingSchema.extend({
      hospital: z.object({ id: z.string(), name: z.string() }),
      department: z.object({ id: z.string(), name: z.string() }),
      slot: z.object({
        id: z.string(),
        date: z.string(),
        startTime: z.string(),
        endTime: z.string(),
      }),
    }),
  })
  .openapi('StaffBookingResult');

export const CheckInBodySchema = z
  .object({
    code: z
      .string({ error: 'Vui lòng nhập mã đến khám.' })
      .transform((v) => v.replace(/[\s-]/g, '').toUpperCase())
      .pipe(
        z
          .string()
          .min(4, 'Mã đến khám không hợp lệ.')
          .max(32, 'Mã đến khám không hợp lệ.')
          .regex(/^[A-Z0-9]+$/, 'Mã đến khám chỉ gồm chữ và số.'),
      ),
  })
  .openapi('CheckInInput');

export const SlotPatchSchema = z
  .object({
    capacity: z
      .number({ error: 'Số chỗ (capacity) phải là số.' })
      .int('Số chỗ (capacity) phải là số nguyên.')
      .min(0, 'Số chỗ (capacity) từ 0 đến 500.')
      .max(500, 'Số chỗ (capacity) từ 0 đến 500.'),
  })
  .openapi('SlotPatch');
