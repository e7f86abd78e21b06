import type { CronJob } from '../cron/dispatcher';
import { sendTrainingReminders } from './reminders';

// Hourly: reminders to the people registered for training sessions starting in the next 24 h.
export const trainingReminderJob: CronJob = {
  name: 'training_reminders',
  // The real time, not the tick's: a late tick must not remind of a session already begun.
  run: ({ db }) => sendTrainingReminders(db, new Date()),
};

export const trainingJobs: CronJob[] = [trainingReminderJob];
