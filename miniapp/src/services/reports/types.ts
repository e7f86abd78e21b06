/**
 * What the field-report screens read from the API. Written out here so the screens do
 * not depend on the shape of hono's inferred types; services/reports/client.ts checks at
 * compile time that the API's responses (hc<AppType>) are assignable to these.
 */

export const REPORT_STATUSES = [
  'received',
  'assigned',
  'in_progress',
  'resolved',
  'rejected',
  'duplicate',
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const OPEN_STATUSES: readonly ReportStatus[] = ['received', 'assigned', 'in_progress'];

export const RATINGS = ['satisfied', 'acceptable', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

export type Label = { vi: string; en: string };
export type Ref = { id: string; name: string };

export type Category = {
  id: string;
  name: string;
  nameEn: string;
  examples: string[];
  slaHours: number;
  defaultAgency: Ref;
};

export type Commune = {
  id: string;
  name: string;
  fullName: string;
  lat: number | null;
  lng: number | null;
};

export type MediaRef = {
  id: string;
  kind: 'photo' | 'video';
  phase: 'report' | 'result';
  mime: string;
  url: string;
  width: number | null;
  height: number | null;
};

export type TimelineEvent = {
  type: string;
  label: Label;
  status: ReportStatus | null;
  message: string | null;
  agency: Ref | null;
  at: string;
};

export type ReportRating = { rating: Rating; label: Label; comment: string | null; at: string };

export type PublicReport = {
  code: string;
  status: ReportStatus;
  statusLabel: Label;
  category: { id: string; name: string; nameEn: string };
  agency: Ref | null;
  description: string;
  address: string | null;
  commune: { id: string; name: string; fullName: string } | null;
  location: { lat: number; lng: number };
  media: MediaRef[];
  timeline: TimelineEvent[];
  dueAt: string | null;
  resolvedAt: string | null;
  duplicateOf: string | null;
  supporterCount: number;
  ratings: ReportRating[];
  createdAt: string;
  updatedAt: string;
};

/** One line of "my reports" and of the similar reports offered before sending. */
export type ReportSummary = {
  code: string;
  status: ReportStatus;
  statusLabel: Label;
  category: { id: string; name: string; nameEn: string };
  description: string;
  address: string | null;
  communeName: string | null;
  location: { lat: number; lng: number };
  photoUrl: string | null;
  supporterCount: number;
  dueAt: string | null;
  createdAt: string;
};

/** An open report probably about the same problem: distance in metres, similarity 0…1. */
export type SimilarReport = ReportSummary & { distanceMetres: number; similarity: number };

/** One line of the public feed. */
export type FeedItem = {
  code: string;
  status: ReportStatus;
  statusLabel: Label;
  category: { id: string; name: string; nameEn: string };
  description: string;
  descriptionTruncated: boolean;
  commune: { id: string; name: string; fullName: string } | null;
  agency: Ref | null;
  location: { lat: number; lng: number };
  photoUrl: string | null;
  resultPhotoUrl: string | null;
  supporterCount: number;
  duplicateOf: string | null;
  rating: { rating: Rating; label: Label } | null;
  createdAt: string;
  resolvedAt: string | null;
  dueAt: string | null;
};

export type FeedQuery = {
  categoryId?: string;
  communeId?: string;
  status?: string;
  q?: string;
  /** Calendar days in Asia/Ho_Chi_Minh (YYYY-MM-DD), both included. */
  from?: string;
  to?: string;
  cursor?: string;
};

/** What the reporter may do with a report (answer of the report view). */
export type ReporterRights = { isReporter: boolean; canRate: boolean; canReopen: boolean };

export type MapPoint = {
  code: string;
  status: ReportStatus;
  categoryId: string;
  lat: number;
  lng: number;
};

/** The public statistics' figures, for the province or one agency, over a period. */
export type ReportFigures = {
  received: number;
  open: number;
  resolved: number;
  rejected: number;
  duplicate: number;
  overdueOpen: number;
  /** `null` when there is nothing to compute it from (0 received, 0 resolved, 0 rated). */
  resolvedPercent: number | null;
  resolvedOnTime: number;
  onTimePercent: number | null;
  rated: number;
  ratings: { satisfied: number; acceptable: number; unsatisfied: number };
  satisfactionPercent: number | null;
};

export type AgencyFigures = ReportFigures & { agency: Ref };

export type ReportStats = {
  period: { from: string; to: string; timeZone: string };
  province: ReportFigures;
  agencies: AgencyFigures[];
};
