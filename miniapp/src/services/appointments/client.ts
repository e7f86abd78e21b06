import type { InferResponseType } from 'hono/client';
import { type ApiResult, api } from '../api';
import { apiCall } from './http';
import { bookingKeys, sendOnce } from './request-key';
import type { Booking, BookingInput, BookingScope, DepartmentSlots, Hospital } from './types';

/**
 * /api/v1/appointments for the citizen. Booking and rescheduling go through `sendOnce`, so
 * a retry after a lost answer reuses its request key and never takes a second place.
 */

const BASE = '/api/v1/appointments';

// The screens read the hand-written types; these fail to compile when the API's answers
// no longer fit them.
const v1 = api.api.v1;
const a = v1.appointments;
type Assignable<T extends U, U> = T;
export type _Checks = [
  Assignable<InferResponseType<typeof a.hospitals.$get, 200>, { hospitals: Hospital[] }>,
  Assignable<
    InferResponseType<(typeof a.departments)[':id']['slots']['$get'], 200>,
    DepartmentSlots
  >,
  Assignable<InferResponseType<typeof a.bookings.$post, 201>, { booking: Booking }>,
  Assignable<InferResponseType<typeof a.bookings.$get, 200>, { bookings: Booking[] }>,
  Assignable<InferResponseType<(typeof a.bookings)[':id']['$get'], 200>, Booking>,
  Assignable<InferResponseType<(typeof a.bookings)[':id']['cancel']['$post'], 200>, Booking>,
  Assignable<
    InferResponseType<(typeof a.bookings)[':id']['reschedule']['$post'], 201>,
    { booking: Booking }
  >,
  Assignable<InferResponseType<typeof v1.auth.phone.$post, 200>, { phone: string }>,
];

export const appointmentsClient = {
  hospitals: async (): Promise<ApiResult<Hospital[]>> => {
    const result = await apiCall<{ hospitals: Hospital[] }>(`${BASE}/hospitals`);
    return result.ok ? { ...result, data: result.data.hospitals } : result;
  },

  /**
   * The free places, which the API lets caches keep for 10 s. `fresh` asks the server itself,
   * for the refresh after "hết chỗ" that must show the slot full.
   */
  slots: (
    departmentId: string,
    from: string,
    days: number,
    fresh = false,
  ): Promise<ApiResult<DepartmentSlots>> =>
    apiCall(`${BASE}/departments/${encodeURIComponent(departmentId)}/slots`, {
      query: { from, days },
      fresh,
    }),

  /** `flow` names the booking being made (its department), for the request key. */
  book: async (flow: string, input: BookingInput): Promise<ApiResult<Booking>> => {
    const result = await sendOnce(bookingKeys, flow, (requestKey) =>
      apiCall<{ booking: Booking }>(`${BASE}/bookings`, {
        method: 'POST',
        json: { requestKey, ...input },
      }),
    );
    return result.ok ? { ...result, data: result.data.booking } : result;
  },

  bookings: async (scope: BookingScope): Promise<ApiResult<Booking[]>> => {
    const result = await apiCall<{ bookings: Booking[] }>(`${BASE}/bookings`, {
      query: { scope },
    });
    return result.ok ? { ...result, data: result.data.bookings } : result;
  },

  booking: (id: string): Promise<ApiResult<Booking>> =>
    apiCall(`${BASE}/bookings/${encodeURIComponent(id)}`),

  cancel: (id: string): Promise<ApiResult<Booking>> =>
    apiCall(`${BASE}/bookings/${encodeURIComponent(id)}/cancel`, { method: 'POST' }),

  reschedule: async (id: string, slotId: string): Promise<ApiResult<Booking>> => {
    const result = await sendOnce(bookingKeys, `reschedule:${id}`, (requestKey) =>
      apiCall<{ booking: Booking }>(`${BASE}/bookings/${encodeURIComponent(id)}/reschedule`, {
        method: 'POST',
        json: { requestKey, slotId },
      }),
    );
    return result.ok ? { ...result, data: result.data.booking } : result;
  },

  /** Redeems Zalo's phone token for the verified number (stored on the account). */
  verifyPhone: (accessToken: string, phoneToken: string): Promise<ApiResult<{ phone: string }>> =>
    apiCall('/api/v1/auth/phone', { method: 'POST', json: { accessToken, phoneToken } }),

  /** The signed-in citizen, with the verified phone when there is one. */
  me: (): Promise<
    ApiResult<{ user: { id: string; displayName: string | null; phone?: string | null } }>
  > => apiCall('/api/v1/auth/me'),
};
