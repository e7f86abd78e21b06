/** Online training as the API answers it (/api/v1/training). Instants are UTC ISO 8601. */

export type CourseSummary = {
  id: string;
  title: string;
  description: string | null;
  audience: string | null;
  agencyName: string | null;
  nextSession: { id: string; startsAt: string } | null;
  sessionCount: number;
};

export type CoursePage = { courses: CourseSummary[]; nextCursor: string | null };

export type TrainingSession = {
  id: string;
  title: string | null;
  startsAt: string;
  endsAt: string;
  trainerName: string | null;
  capacity: number | null;
  registered: number;
  seatsLeft: number | null;
  myRegistration: { id: string; attendedAt: string | null } | null;
  /** Only for the caller's own registration. */
  meetingUrl: string | null;
};

export type Material = {
  id: string;
  title: string;
  fileName: string;
  contentType: string;
  bytes: number;
  url: string;
};

export type CourseDetail = {
  id: string;
  title: string;
  description: string | null;
  audience: string | null;
  agencyName: string | null;
  /** `cancelled`: shown to those registered, nothing can be taken any more. */
  status?: 'published' | 'cancelled';
  sessions: TrainingSession[];
  materials: Material[];
};

export type Registration = { id: string; sessionId: string; meetingUrl: string | null };

export type SessionQuestion = {
  id: string;
  askerName: string | null;
  body: string;
  answer: string | null;
  answeredAt: string | null;
  createdAt: string;
  mine: boolean;
};

/** One of the citizen's registrations, with its session and course. */
export type MyRegistration = {
  id: string;
  name: string;
  phone: string | null;
  createdAt: string;
  attendedAt: string | null;
  session: {
    id: string;
    title: string;
    startsAt: string;
    endsAt: string;
    trainerName: string | null;
    meetingUrl: string;
  };
  course: { id: string; title: string; agencyName: string; status: string };
};
