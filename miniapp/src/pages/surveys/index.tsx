import '../field-reports/reports.css';
import './surveys.css';
import { useEffect, useRef, useState } from 'react';
import { useRecoilValue } from 'recoil';
import { useNavigate } from 'zmp-ui';
import { AppIcon, registerIcons } from '../../components/app-icon';
import { useT } from '../../i18n/use-t';
import type { ApiError } from '../../services/api';
import { formatDate } from '../../services/reports/format';
import { surveysClient } from '../../services/surveys/client';
import type { SurveySummary } from '../../services/surveys/types';
import { getDeviceId } from '../../services/zalo';
import { sessionState } from '../../state/session';
import { ReportPage } from '../field-reports/components/report-page';
import { CardSkeleton, EmptyState, ErrorState, LoadMore } from '../field-reports/components/states';
import { REPORT_SVG } from '../field-reports/icons.gen';

registerIcons(REPORT_SVG);

type Listing = {
  items: SurveySummary[];
  nextCursor: string | null;
  loading: boolean;
  error?: ApiError;
};

function SurveyCard({ survey }: { survey: SurveySummary }) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <li>
      <button
        type="button"
        className={`rp-card survey-card ${survey.answered ? 'is-answered' : ''}`}
        data-survey={survey.id}
        onClick={() => navigate(`/surveys/s/${survey.id}`)}
      >
        <span className="survey-card__icon">
          <AppIcon icon={survey.answered ? 'zi-check-circle-solid' : 'zi-poll'} size={26} />
        </span>
        <span className="rp-card__body">
          <span className="rp-card__category">{survey.title}</span>
          {survey.agencyName ? <span className="rp-card__meta">{survey.agencyName}</span> : null}
          <span className="survey-card__tags">
            {survey.answered ? (
              <span className="survey-tag survey-tag--done" data-testid="answered-mark">
                {t('survey.answered')}
              </span>
            ) : null}
            {survey.audience === 'verified' ? (
              <span className="survey-tag survey-tag--zalo">{t('survey.verifiedOnly')}</span>
            ) : null}
            <span className="survey-tag">
              {t('survey.questions', { count: survey.questionCount })}
            </span>
          </span>
          <span className="rp-card__meta">
            {t('survey.closes', { date: formatDate(survey.closesAt) })}
          </span>
        </span>
        <AppIcon icon="zi-chevron-right" size={22} />
      </button>
    </li>
  );
}

/** The surveys open now, soonest closing first; those this person answered are marked. */
export default function SurveysPage() {
  const t = useT();
  const { ready, session } = useRecoilValue(sessionState);
  const [listing, setListing] = useState<Listing>({ items: [], nextCursor: null, loading: true });
  const [attempt, setAttempt] = useState(0);
  const generation = useRef(0);

  const load = async (cursor?: string) => {
    const mine = cursor ? generation.current : ++generation.current;
    setListing((l) => ({ ...l, loading: true, error: undefined }));
    const result = await surveysClient.list(await getDeviceId(), cursor);
    if (mine !== generation.current) return;
    setListing((l) =>
      result.ok
        ? {
            items: cursor ? [...l.items, ...result.data.surveys] : result.data.surveys,
            nextCursor: result.data.nextCursor,
            loading: false,
          }
        : { ...l, loading: false, error: result.error },
    );
  };

  // "Đã trả lời" depends on who asks: list again once the session is known or changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload on "Thử lại" and sign-in
  useEffect(() => {
    if (ready) void load();
  }, [attempt, ready, session?.token]);

  const open = listing.items.filter((s) => !s.answered);
  const answered = listing.items.filter((s) => s.answered);

  return (
    <ReportPage title={t('survey.title')} parent="/">
      <p className="survey-intro">{t('survey.intro')}</p>
      {listing.loading && listing.items.length === 0 ? <CardSkeleton count={2} /> : null}
      {listing.error && listing.items.length === 0 ? (
        <ErrorState message={listing.error.message} onRetry={() => setAttempt((n) => n + 1)} />
      ) : null}
      {!listing.loading && !listing.error && listing.items.length === 0 ? (
        <EmptyState icon="zi-poll">{t('survey.empty')}</EmptyState>
      ) : null}
      {open.length > 0 ? (
        <ul className="rp-list" aria-label={t('survey.openList')}>
          {open.map((s) => (
            <SurveyCard key={s.id} survey={s} />
          ))}
        </ul>
      ) : null}
      {answered.length > 0 ? (
        <>
          <h2 className="survey-group">{t('survey.answeredList')}</h2>
          <ul className="rp-list">
            {answered.map((s) => (
              <SurveyCard key={s.id} survey={s} />
            ))}
          </ul>
        </>
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
      <p className="hub-privacy">{t('survey.privacy')}</p>
    </ReportPage>
  );
}
