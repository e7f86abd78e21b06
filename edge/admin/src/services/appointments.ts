import type { z } from '@hono/zod-openapi';
import type {
  ClosureSchema,
  DaySchema,
  HospitalAdminSchema,
  HospitalCreateSchema,
  HoursSchema,
  StaffBookingResultSchema,
} from '../../../src/appointments/schemas';
import { api, apiPath } from '../api';

// Hospital staff's calls: /api/v1/work/appointments (permissions appointments.configure for
// the set-up, appointments.work for the day's list). The shapes are inferred from the API's
// own zod schemas (type-only imports: nothing of the Worker reaches the bundle), so a change
// of shape fails `tsc -p edge/admin` instead of a screen.

const BASE = '/work/appointments';

export type Hospital = z.infer<typeof HospitalAdminSchema>;
export type Department = Hospital['departments'][number];
export type HospitalBody = z.input<typeof HospitalCreateSchema>;
export type HoursRow = Omit<z.infer<typeof HoursSchema>['hours'][number], 'id'>;
export type Closure = z.infer<typeof ClosureSchema>;
export type HospitalDay = z.infer<typeof DaySchema>;
export type DaySlot = HospitalDay['slots'][number];
export type DayBooking = DaySlot['bookings'][number];
export type BookingStatus = DayBooking['status'];
/** What a check-in answers: the booking with its hospital, department and slot. */
export type CheckedIn = z.infer<typeof StaffBookingResultSchema>['booking'];

export const BOOKING_STATUS_LABELS: Record<BookingStatus, string> = {
  booked: 'Đã đặt',
  checked_in: 'Đã đến khám',
  no_show: 'Vắng mặt',
  cancelled: 'Đã huỷ',
};

export const appointmentsApi = {
  hospitals: async () =>
    (await api<{ hospitals: Hospital[] }>('GET', `${BASE}/hospitals`)).hospitals,
  createHospital: async (body: HospitalBody) =>
    (await api<{ hospital: Hospital }>('POST', `${BASE}/hospitals`, { body })).hospital,
  updateHospital: (id: string, body: Partial<HospitalBody>) =>
    api<{ hospital: Hospital }>('PATCH', `${BASE}/hospitals/${id}`, { body }),
  addDepartment: (hospitalId: string, body: { name: string; description: string | null }) =>
    api('POST', `${BASE}/hospitals/${hospitalId}/departments`, { body }),
  updateDepartment: (
    id: string,
    body: { name?: string; description?: string | null; enabled?: boolean },
  ) => api('PATCH', `${BASE}/departments/${id}`, { body }),
  hours: async (departmentId: string) =>
    (await api<{ hours: HoursRow[] }>('GET', `${BASE}/departments/${departmentId}/hours`)).hours,
  /** Also lays out the next 14 days again: unbooked future slots are replaced. */
  saveHours: (departmentId: string, hours: HoursRow[]) =>
    api<{ removedSlots: number; created: number }>(
      'PUT',
      `${BASE}/departments/${departmentId}/hours`,
      { body: { hours } },
    ),
  closures: async (hospitalId: string) =>
    (await api<{ closures: Closure[] }>('GET', `${BASE}/hospitals/${hospitalId}/closures`))
      .closures,
  /** Closes the day's slots and tells the people who booked them. */
  addClosure: (hospitalId: string, body: { date: string; reason: string }) =>
    api<{ closure: Closure; closedSlots: number; notified: number }>(
      'POST',
      `${BASE}/hospitals/${hospitalId}/closures`,
      { body },
    ),
  removeClosure: (hospitalId: string, date: string) =>
    api<{ reopenedSlots: number }>('DELETE', `${BASE}/hospitals/${hospitalId}/closures/${date}`),
  generate: (departmentId: string, from: string, days: number) =>
    api<{ created: number }>('POST', `${BASE}/departments/${departmentId}/slots/generate`, {
      body: { from, days },
    }),
  day: (hospitalId: string, date: string, departmentId: string) =>
    api<HospitalDay>('GET', `${BASE}/hospitals/${hospitalId}/day`, {
      query: { date, departmentId },
    }),
  checkIn: (bookingId: string) => api('POST', `${BASE}/bookings/${bookingId}/check-in`),
  noShow: (bookingId: string) => api('POST', `${BASE}/bookings/${bookingId}/no-show`),
  checkInByCode: async (code: string) =>
    (await api<{ booking: CheckedIn }>('POST', `${BASE}/check-in`, { body: { code } })).booking,
  closeSlot: (slotId: string) => api('POST', `${BASE}/slots/${slotId}/close`),
  openSlot: (slotId: string) => api('POST', `${BASE}/slots/${slotId}/open`),
  setCapacity: (slotId: string, capacity: number) =>
    api('PATCH', `${BASE}/slots/${slotId}`, { body: { capacity } }),
  dayXlsxUrl: (hospitalId: string, date: string) =>
    apiPath(`${BASE}/hospitals/${hospitalId}/day.xlsx`, { date }),
};

/** "HH:MM" → minutes after midnight (NaN when malformed). */
export function minutesOf(time: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
}

/** How many slots a row of opening hours makes in a day. */
export function slotsOf(row: HoursRow): number {
  const span = minutesOf(row.closesAt) - minutesOf(row.opensAt);
  return span > 0 && row.slotMinutes > 0 ? Math.floor(span / row.slotMinutes) : 0;
}
