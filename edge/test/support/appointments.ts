import { env } from 'cloudflare:workers';
import { appointmentSlots, appointments } from '@tinh/db/schema';
import { eq } from 'drizzle-orm';
import { instantOf, localDateOf, localTimeOf } from '../../src/appointments/slots';
import { createDb } from '../../src/platform/db';
import { call, type ErrorJson } from '../helpers';
import { signedInOfficial } from './officials';

// Helpers of the appointments tests (test/appointments-*.test.ts). Hospitals and departments
// are made through the staff API; slots at chosen instants are written straight into the
// database (the way generation writes them), so a test controls how far away a slot is.
// Every test makes its own hospital: the shared database holds other files' rows too.

export const db = () => createDb(env);
export type Headers = Record<string, string>;

export const CITIZEN_API = '/api/v1/appointments';
export const WORK_API = '/api/v1/work/appointments';

export function send(method: string, path: string, headers: Headers = {}, body?: unknown) {
  return call(path, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

export async function ok<T>(res: Response, status = 200): Promise<T> {
  if (res.status !== status)
    throw new Error(`expected ${status}, got ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

export async function failure(res: Response) {
  const body = (await res.json()) as ErrorJson;
  return { status: res.status, ...body.error };
}

export const hospitalStaff = (agencyId = 'so_y_te') =>
  signedInOfficial({ roles: ['hospital_staff'], agencyId });

export interface TestHospital {
  id: string;
  name: string;
  agencyId: string;
  cutoffHours: number;
  maxActiveBookings: number;
}

export async function newHospital(
  staff: Headers,
  overrides: Record<string, unknown> = {},
): Promise<TestHospital> {
  const { hospital } = await ok<{ hospital: TestHospital }>(
    await send('POST', `${WORK_API}/hospitals`, staff, {
      name: `Bệnh viện thử nghiệm ${crypto.randomUUID().slice(0, 8)}`,
      address: 'Số 1 đường Thử Nghiệm, phường Vị Thanh',
      communeId: 'vi-thanh',
      phone: '0293 3870 000',
      ...overrides,
    }),
    201,
  );
  return hospital;
}

export async function newDepartment(staff: Headers, hospitalId: string, name = 'Khoa Nội') {
  const { department } = await ok<{ department: { id: string; name: string } }>(
    await send('POST', `${WORK_API}/hospitals/${hospitalId}/departments`, staff, {
      name,
      description: 'Khám nội tổng quát',
    }),
    201,
  );
  return department;
}

/** A slot of `minutes` starting at `startsAt` (local date and times derived from it). */
export async function insertSlot(
  departmentId: string,
  startsAt: Date,
  opts: { capacity?: number; minutes?: number; status?: 'open' | 'closed' } = {},
): Promise<string> {
  const id = crypto.randomUUID();
  const now = new Date().toISOString();
  await db()
    .insert(appointmentSlots)
    .values({
      id,
      departmentId,
      date: localDateOf(startsAt),
      startTime: localTimeOf(startsAt),
      endTime: localTimeOf(new Date(startsAt.getTime() + (opts.minutes ?? 30) * 60_000)),
      startsAt: startsAt.toISOString(),
      capacity: opts.capacity ?? 10,
      status: opts.status ?? 'open',
      createdAt: now,
      updatedAt: now,
    });
  return id;
}

/** Time travel for a slot: it now starts at `startsAt` (date and times follow). */
export async function moveSlot(slotId: string, startsAt: Date) {
  await db()
    .update(appointmentSlots)
    .set({
      date: localDateOf(startsAt),
      startTime: localTimeOf(startsAt),
      endTime: localTimeOf(new Date(startsAt.getTime() + 30 * 60_000)),
      startsAt: startsAt.toISOString(),
    })
    .where(eq(appointmentSlots.id, slotId));
}

/** An instant today (local) that has already begun: 10 minutes ago, or today's 00:00. */
export function earlierToday(now = new Date()): Date {
  const midnight = Date.parse(instantOf(localDateOf(now), '00:00'));
  return new Date(Math.max(midnight, now.getTime() - 10 * 60_000));
}

/** Whole minutes from now, so slots of one department never share a start time. */
export const inHours = (hours: number) =>
  new Date(Math.ceil((Date.now() + hours * 3_600_000) / 60_000) * 60_000);

export async function slotRow(id: string) {
  const [row] = await db().select().from(appointmentSlots).where(eq(appointmentSlots.id, id));
  return row;
}

export async function bookingsOfSlot(slotId: string) {
  return db().select().from(appointments).where(eq(appointments.slotId, slotId));
}

export function bookingBody(slotId: string, overrides: Record<string, unknown> = {}) {
  return {
    requestKey: crypto.randomUUID(),
    slotId,
    forSelf: true,
    patientName: 'Nguyễn Văn Khám',
    patientPhone: '0912 345 678',
    patientBirthDate: '1980-05-20',
    insuranceNumber: 'HC4931234567890',
    symptoms: 'Ho kéo dài, sốt nhẹ về chiều',
    ...overrides,
  };
}

export interface Booking {
  id: string;
  status: 'booked' | 'cancelled' | 'checked_in' | 'no_show';
  queueNumber: number;
  checkInCode: string;
  patientName: string;
  patientPhone: string;
  insuranceNumber: string | null;
  slot: { id: string; date: string; startTime: string; startsAt: string };
  hospital: { id: string };
  canChange: boolean;
  changeDeadline: string;
}

export function book(citizen: Headers, body: Record<string, unknown>) {
  return send('POST', `${CITIZEN_API}/bookings`, citizen, body);
}
