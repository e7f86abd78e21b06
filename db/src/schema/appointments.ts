import {
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { adminUnits } from './admin-units';
import { agencies } from './agencies';
import { createdAt, updatedAt } from './columns';
import { users } from './people';

// Hospital appointments (issue 9). A hospital is run by an agency (its staff are officials of
// that agency with the hospital_staff role). Slots are materialised per day from the
// departments' opening hours, minus holidays and the hospital's own closures; a booking takes
// a place in a slot with one conditional write, so a slot is never overbooked.

export const hospitals = sqliteTable('hospitals', {
  id: text('id').primaryKey(),
  agencyId: text('agency_id')
    .notNull()
    .references(() => agencies.id),
  name: text('name').notNull(),
  address: text('address'),
  communeId: text('commune_id').references(() => adminUnits.id),
  lat: real('lat'),
  lng: real('lng'),
  phone: text('phone'),
  /** A booking can be cancelled or moved until this many hours before its slot starts. */
  cutoffHours: integer('cutoff_hours').notNull().default(12),
  /** Future bookings one citizen account may hold at this hospital at once. */
  maxActiveBookings: integer('max_active_bookings').notNull().default(3),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const hospitalDepartments = sqliteTable(
  'hospital_departments',
  {
    id: text('id').primaryKey(),
    hospitalId: text('hospital_id')
      .notNull()
      .references(() => hospitals.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('hospital_departments_hospital_idx').on(t.hospitalId)],
);

// Weekly opening hours of a department: a row per weekday and session (morning, afternoon),
// cut into slots of `slot_minutes` with `capacity` places each.
export const departmentHours = sqliteTable(
  'department_hours',
  {
    id: text('id').primaryKey(),
    departmentId: text('department_id')
      .notNull()
      .references(() => hospitalDepartments.id, { onDelete: 'cascade' }),
    /** 0 = Sunday … 6 = Saturday (local time). */
    weekday: integer('weekday').notNull(),
    /** Local HH:MM. */
    opensAt: text('opens_at').notNull(),
    closesAt: text('closes_at').notNull(),
    slotMinutes: integer('slot_minutes').notNull().default(30),
    capacity: integer('capacity').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('department_hours_department_idx').on(t.departmentId, t.weekday)],
);

/** Days a hospital is closed besides the public holidays of `holidays`. */
export const hospitalClosures = sqliteTable(
  'hospital_closures',
  {
    hospitalId: text('hospital_id')
      .notNull()
      .references(() => hospitals.id, { onDelete: 'cascade' }),
    /** Local date YYYY-MM-DD. */
    date: text('date').notNull(),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.hospitalId, t.date] })],
);

export const SLOT_STATUSES = ['open', 'closed'] as const;

export const appointmentSlots = sqliteTable(
  'appointment_slots',
  {
    id: text('id').primaryKey(),
    departmentId: text('department_id')
      .notNull()
      .references(() => hospitalDepartments.id, { onDelete: 'cascade' }),
    /** Local date YYYY-MM-DD and HH:MM (Asia/Ho_Chi_Minh). */
    date: text('date').notNull(),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    /** UTC ISO instant of the start: cut-offs and reminders compare against it. */
    startsAt: text('starts_at').notNull(),
    capacity: integer('capacity').notNull(),
    /** Places taken by bookings not cancelled. Never exceeds capacity (the booking's condition). */
    booked: integer('booked').notNull().default(0),
    /** Queue numbers handed out so far: a cancelled number is not given again. */
    issued: integer('issued').notNull().default(0),
    status: text('status', { enum: SLOT_STATUSES }).notNull().default('open'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('appointment_slots_department_start_uq').on(t.departmentId, t.date, t.startTime),
    index('appointment_slots_date_idx').on(t.date),
  ],
);

export const APPOINTMENT_STATUSES = ['booked', 'cancelled', 'checked_in', 'no_show'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const appointments = sqliteTable(
  'appointments',
  {
    id: text('id').primaryKey(),
    slotId: text('slot_id')
      .notNull()
      .references(() => appointmentSlots.id),
    /** The citizen account that booked (signed in with Zalo, or with a verified phone). */
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    /** The client's idempotency key: a retried booking answers the same appointment. */
    requestKey: text('request_key').notNull(),
    forSelf: integer('for_self', { mode: 'boolean' }).notNull().default(true),
    patientName: text('patient_name').notNull(),
    patientPhone: text('patient_phone').notNull(),
    /** YYYY-MM-DD. */
    patientBirthDate: text('patient_birth_date').notNull(),
    insuranceNumber: text('insurance_number'),
    symptoms: text('symptoms'),
    queueNumber: integer('queue_number').notNull(),
    /** Random code shown as a QR code and typed or scanned at check-in. */
    checkInCode: text('check_in_code').notNull().unique(),
    status: text('status', { enum: APPOINTMENT_STATUSES }).notNull().default('booked'),
    /** The booking this one replaced by rescheduling. */
    rescheduledFromId: text('rescheduled_from_id'),
    cancelledAt: text('cancelled_at'),
    checkedInAt: text('checked_in_at'),
    reminderSentAt: text('reminder_sent_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('appointments_user_request_uq').on(t.userId, t.requestKey),
    index('appointments_slot_idx').on(t.slotId, t.status),
    index('appointments_user_idx').on(t.userId, t.status),
  ],
);

export type Hospital = typeof hospitals.$inferSelect;
export type AppointmentSlot = typeof appointmentSlots.$inferSelect;
export type Appointment = typeof appointments.$inferSelect;
