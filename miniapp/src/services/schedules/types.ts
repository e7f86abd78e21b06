// Answers of /api/v1/schedules (edge/src/schedules/schemas.ts).

export type ScheduleStatus = 'draft' | 'published' | 'archived' | 'cancelled';

export type ScheduleItem = {
  id: string;
  agencyId: string;
  agencyName: string;
  leaderName: string | null;
  leaderTitle: string | null;
  date: string;
  startTime: string | null;
  endTime: string | null;
  startsAt: string;
  endsAt: string | null;
  allDay: boolean;
  location: string;
  content: string;
  host: string;
  participants: string;
  status: ScheduleStatus;
  publishedAt: string | null;
  revisedAt: string | null;
  revisionNote: string | null;
  version: number;
};

export type ScheduleWeek = {
  week: string;
  from: string;
  to: string;
  previousWeek: string;
  nextWeek: string;
  days: { date: string; items: ScheduleItem[] }[];
  total: number;
};

export type ScheduleAgency = {
  id: string;
  name: string;
  leaders: { name: string; title: string | null }[];
};
