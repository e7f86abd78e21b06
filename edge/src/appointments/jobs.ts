import type { CronJob } from '../cron/dispatcher';
import { generateSlots } from './generate';
import { sendAppointmentReminders } from './reminders';
import { localDateOf, SLOT_HORIZON_DAYS } from './slots';

// Hourly jobs of hospital appointments (issue 9). Both are idempotent: generation inserts
// only missing slots, reminders are sent once per booking.

/** Keeps the next 14 days of slots ready for every enabled department with opening hours. */
export const appointmentSlotsJob: CronJob = {
  name: 'appointment-slots',
  run: async ({ db }) => {
    const now = new Date();
    return generateSlots(db, {
      departments: 'enabled',
      from: localDateOf(now),
      days: SLOT_HORIZON_DAYS,
      now,
    });
  },
};

/** The day-before reminders (from 07:00 local time), for the bookings of tomorrow. */
export const appointmentRemindersJob: CronJob = {
  name: 'appointment-reminders',
  // The tick's time decides which day is "tomorrow", so a late or retried tick of 23:00 still
  // reminds of the next day and not of the day after.
  run: ({ db, scheduledAt }) => sendAppointmentReminders(db, scheduledAt),
};

export const appointmentJobs: CronJob[] = [appointmentSlotsJob, appointmentRemindersJob];
