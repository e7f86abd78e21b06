import { SURVEY_STATUS_LABELS, type SurveySummary } from './surveys';
import { COURSE_STATUS_LABELS, type CourseStatus } from './training';

// Status badges of the services' lists and pages.

export function CourseStatusBadge({ status }: { status: CourseStatus }) {
  return <span className={`badge svc-course--${status}`}>{COURSE_STATUS_LABELS[status]}</span>;
}

/**
 * A survey's status as citizens live it: a published survey whose window has not begun
 * waits, and one past its end no longer takes answers even before an editor closes it.
 */
export function SurveyStatusBadge({
  survey,
}: {
  survey: Pick<SurveySummary, 'status' | 'opensAt' | 'closesAt'>;
}) {
  const now = Date.now();
  if (survey.status === 'published' && Date.parse(survey.opensAt) > now) {
    return <span className="badge svc-survey--waiting">Chờ mở</span>;
  }
  if (survey.status === 'published' && Date.parse(survey.closesAt) <= now) {
    return <span className="badge svc-survey--closed">Hết thời gian</span>;
  }
  return (
    <span className={`badge svc-survey--${survey.status}`}>
      {SURVEY_STATUS_LABELS[survey.status]}
    </span>
  );
}
