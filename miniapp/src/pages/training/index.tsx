import '../field-reports/reports.css';
import './training.css';
import { useEffect, useRef, useState } from 'react';
import { useRecoilValue } from 'recoil';
import { useNavigate } from 'zmp-ui';
import { AppIcon, registerIcons } from '../../components/app-icon';
import { useApi } from '../../hooks/use-api';
import { useT } from '../../i18n/use-t';
import type { ApiError } from '../../services/api';
import { trainingClient } from '../../services/training/client';
import { matchesCourse } from '../../services/training/format';
import type { CourseSummary } from '../../services/training/types';
import { sessionState } from '../../state/session';
import { ReportPage } from '../field-reports/components/report-page';
import { CardSkeleton, EmptyState, ErrorState, LoadMore } from '../field-reports/components/states';
import { REPORT_SVG } from '../field-reports/icons.gen';
import { useSessionStart, useSessionTime } from './components/session-time';

registerIcons(REPORT_SVG);

const SEARCH_DELAY_MS = 350;

type Listing = {
  items: CourseSummary[];
  nextCursor: string | null;
  loading: boolean;
  error?: ApiError;
};

function CourseCard({ course }: { course: CourseSummary }) {
  const t = useT();
  const navigate = useNavigate();
  const startsAt = useSessionStart();
  return (
    <li>
      <button
        type="button"
        className="rp-card training-card"
        data-course={course.id}
        onClick={() => navigate(`/online-training/c/${course.id}`)}
      >
        <span className="training-card__icon">
          <AppIcon icon="zi-video" size={26} />
        </span>
        <span className="rp-card__body">
          <span className="rp-card__category">{course.title}</span>
          {course.agencyName ? <span className="rp-card__meta">{course.agencyName}</span> : null}
          {course.audience ? (
            <span className="rp-card__meta">
              {t('training.for', { audience: course.audience })}
            </span>
          ) : null}
          <span className="training-card__next">
            <AppIcon icon="zi-clock-1" size={16} />
            {course.nextSession
              ? t('training.nextSession', { time: startsAt(course.nextSession.startsAt) })
              : t('training.noNextSession')}
          </span>
          <span className="rp-card__meta">
            {t('training.sessionCount', { count: course.sessionCount })}
          </span>
        </span>
        <AppIcon icon="zi-chevron-right" size={22} />
      </button>
    </li>
  );
}

/** Sessions the citizen registered for that have not ended, soonest first. */
function MySessions() {
  const t = useT();
  const navigate = useNavigate();
  const when = useSessionTime();
  const { ready, session } = useRecoilValue(sessionState);
  const mine = useApi(
    () => (ready && session ? trainingClient.mine() : null),
    [ready, session?.token],
  );
  const now = Date.now();
  const coming = (session ? (mine.data ?? []) : [])
    .filter((r) => Date.parse(r.session.endsAt) > now)
    .sort((a, b) => Date.parse(a.session.startsAt) - Date.parse(b.session.startsAt));
  if (coming.length === 0) return null;
  return (
    <section className="rp-section card" aria-labelledby="training-mine">
      <h2 id="training-mine" className="rp-section__title">
        <AppIcon icon="zi-calendar" size={22} />
        {t('training.mine')}
      </h2>
      <ul className="training-mine">
        {coming.map((r) => (
          <li key={r.id}>
            <button
              type="button"
              className="training-mine__item"
              onClick={() => navigate(`/online-training/c/${r.course.id}`)}
            >
              <span className="training-mine__title">{r.course.title}</span>
              <span className="rp-card__meta">
                {r.session.title} · {when(r.session.startsAt, r.session.endsAt)}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Online training: a search (no diacritics needed), my sessions, and the published courses. */
export default function TrainingPage() {
  const t = useT();
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState('');
  const [listing, setListing] = useState<Listing>({ items: [], nextCursor: null, loading: true });
  const [attempt, setAttempt] = useState(0);
  const generation = useRef(0);

  // Ask the server once typing pauses; meanwhile the loaded list is filtered on the phone.
  useEffect(() => {
    const timer = setTimeout(() => setSearched(query.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const load = async (cursor?: string) => {
    const mine = cursor ? generation.current : ++generation.current;
    setListing((l) => ({ ...l, loading: true, error: undefined }));
    const result = await trainingClient.courses({ q: searched || undefined, cursor });
    if (mine !== generation.current) return;
    setListing((l) =>
      result.ok
        ? {
            items: cursor ? [...l.items, ...result.data.courses] : result.data.courses,
            nextCursor: result.data.nextCursor,
            loading: false,
          }
        : { ...l, loading: false, error: result.error },
    );
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload on a new search and "Thử lại"
  useEffect(() => {
    void load();
  }, [searched, attempt]);

  const shown = listing.items.filter((c) => matchesCourse(c, query));

  return (
    <ReportPage title={t('training.title')} parent="/">
      <form
        className="feed-search"
        onSubmit={(e) => {
          e.preventDefault();
          setSearched(query.trim());
        }}
      >
        <input
          className="rp-input"
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t('training.searchPlaceholder')}
          aria-label={t('training.search')}
          enterKeyHint="search"
          data-testid="training-search"
        />
      </form>
      <MySessions />
      {listing.loading && listing.items.length === 0 ? <CardSkeleton count={2} /> : null}
      {listing.error && listing.items.length === 0 ? (
        <ErrorState message={listing.error.message} onRetry={() => setAttempt((n) => n + 1)} />
      ) : null}
      {!listing.loading && !listing.error && shown.length === 0 ? (
        <EmptyState icon="zi-video">
          {query.trim() ? t('training.noMatch', { query: query.trim() }) : t('training.empty')}
        </EmptyState>
      ) : null}
      {shown.length > 0 ? (
        <ul className="rp-list">
          {shown.map((course) => (
            <CourseCard key={course.id} course={course} />
          ))}
        </ul>
      ) : null}
      {listing.nextCursor ? (
        <LoadMore
          loading={listing.loading}
          onClick={() => void load(listing.nextCursor ?? undefined)}
        />
      ) : null}
      {listing.error && listing.items.length > 0 ? (
        <ErrorState
          message={listing.error.message}
          onRetry={() => void load(listing.nextCursor ?? undefined)}
        />
      ) : null}
    </ReportPage>
  );
}
