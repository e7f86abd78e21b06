import './reports.css';
import { Button, useNavigate, useSearchParams } from 'zmp-ui';
import { AppIcon, registerIcons } from '../../components/app-icon';
import { useApi } from '../../hooks/use-api';
import { useLanguage, useT } from '../../i18n/use-t';
import { reportsClient } from '../../services/reports/client';
import {
  ALL_TIME_FROM,
  type Period,
  periodParams,
  periodRange,
  readPeriod,
} from '../../services/reports/period';
import {
  barWidth,
  formatCount,
  formatPercent,
  sortByReceived,
} from '../../services/reports/stats-format';
import type { AgencyFigures, ReportFigures } from '../../services/reports/types';
import { formatDay, PeriodFilter } from './components/period-filter';
import { ReportPage } from './components/report-page';
import { EmptyState, ErrorState } from './components/states';
import { useReportConfig } from './data';
import { REPORT_SVG } from './icons.gen';

registerIcons(REPORT_SVG);

/** The statistics open on the API's own default: the last 30 days. */
const DEFAULT_PERIOD = '30d';

type Tone = 'received' | 'resolved' | 'on-time' | 'satisfaction';

function Tile({
  tone,
  label,
  value,
  hint,
}: {
  tone: Tone;
  label: string;
  value: string;
  hint: string;
}) {
  return (
    <div className={`stats-tile stats-tile--${tone}`} data-testid={`stat-${tone}`}>
      <span className="stats-tile__label">{label}</span>
      <span className="stats-tile__value">{value}</span>
      <span className="stats-tile__hint">{hint}</span>
    </div>
  );
}

function ProvinceTiles({ figures }: { figures: ReportFigures }) {
  const t = useT();
  const [language] = useLanguage();
  const onTimeHint =
    figures.onTimePercent !== null
      ? t('reports.stats.onTimeHint', { count: formatCount(figures.resolvedOnTime, language) })
      : figures.resolved === 0
        ? t('reports.stats.onTimeNone')
        : t('reports.stats.onTimeNoDue');
  return (
    <div className="stats-tiles">
      <Tile
        tone="received"
        label={t('reports.stats.received')}
        value={formatCount(figures.received, language)}
        hint={t('reports.stats.receivedHint', { count: formatCount(figures.open, language) })}
      />
      <Tile
        tone="resolved"
        label={t('reports.stats.resolved')}
        value={formatCount(figures.resolved, language)}
        hint={t('reports.stats.resolvedHint', {
          percent: formatPercent(figures.resolvedPercent, language),
        })}
      />
      <Tile
        tone="on-time"
        label={t('reports.stats.onTime')}
        value={formatPercent(figures.onTimePercent, language)}
        hint={onTimeHint}
      />
      <Tile
        tone="satisfaction"
        label={t('reports.stats.satisfaction')}
        value={formatPercent(figures.satisfactionPercent, language)}
        hint={
          figures.rated > 0
            ? t('reports.stats.satisfactionHint', { count: formatCount(figures.rated, language) })
            : t('reports.stats.satisfactionNone')
        }
      />
    </div>
  );
}

function Bar({
  tone,
  label,
  percent,
  value,
}: {
  tone: Tone;
  label: string;
  percent: number | null;
  value: string;
}) {
  return (
    <div className={`stats-bar stats-bar--${tone}`}>
      <span className="stats-bar__label">{label}</span>
      <span className={percent === null ? 'stats-bar__track is-empty' : 'stats-bar__track'}>
        <span className="stats-bar__fill" style={{ width: `${barWidth(percent)}%` }} />
      </span>
      <span className="stats-bar__value">{value}</span>
    </div>
  );
}

function AgencyRow({ row }: { row: AgencyFigures }) {
  const t = useT();
  const [language] = useLanguage();
  return (
    <li className="stats-agency card" data-agency={row.agency.id}>
      <div className="stats-agency__head">
        <span className="stats-agency__name">{row.agency.name}</span>
        <span className="stats-agency__count">
          {t('reports.stats.agencyReceived', { count: formatCount(row.received, language) })}
        </span>
      </div>
      <Bar
        tone="resolved"
        label={t('reports.stats.resolved')}
        percent={row.resolvedPercent}
        value={formatCount(row.resolved, language)}
      />
      <Bar
        tone="on-time"
        label={t('reports.stats.onTime')}
        percent={row.onTimePercent}
        value={formatPercent(row.onTimePercent, language)}
      />
      <Bar
        tone="satisfaction"
        label={t('reports.stats.satisfaction')}
        percent={row.satisfactionPercent}
        value={formatPercent(row.satisfactionPercent, language)}
      />
    </li>
  );
}

function StatsSkeleton() {
  const t = useT();
  return (
    <div className="stats-skeleton" role="status" aria-busy="true" aria-label={t('common.loading')}>
      <div className="stats-tiles">
        {[0, 1, 2, 3].map((i) => (
          <span key={i} className="stats-tile">
            <span className="skeleton skeleton--line skeleton--short" />
            <span className="skeleton stats-skeleton__value" />
            <span className="skeleton skeleton--line" />
          </span>
        ))}
      </div>
      {[0, 1].map((i) => (
        <span key={i} className="stats-agency card">
          <span className="skeleton skeleton--line" />
          <span className="skeleton skeleton--line skeleton--short" />
          <span className="skeleton skeleton--line skeleton--shorter" />
        </span>
      ))}
    </div>
  );
}

/**
 * Public statistics of field reports over a period: the province's figures as big tiles,
 * then each handling agency, most reports first, with CSS bars (no chart library: the
 * page has to stay light on cheap phones).
 */
export default function StatsPage() {
  const t = useT();
  const navigate = useNavigate();
  const config = useReportConfig();
  const [params, setParams] = useSearchParams();
  const period = readPeriod(params, DEFAULT_PERIOD);
  const range = periodRange(period, new Date(), ALL_TIME_FROM);
  const key = JSON.stringify(range);
  const stats = useApi(() => reportsClient.stats(JSON.parse(key) as typeof range), [key]);
  const data = stats.data;

  const choose = (next: Period) => {
    const search = new URLSearchParams(params);
    for (const [name, value] of Object.entries(periodParams(next, DEFAULT_PERIOD))) {
      if (value) search.set(name, value);
      else search.delete(name);
    }
    setParams(search, { replace: true });
  };

  const openFeed = () => {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(periodParams(period, 'all'))) {
      if (value) search.set(name, value);
    }
    const query = search.toString();
    navigate(`/field-reports/feed${query ? `?${query}` : ''}`);
  };

  const agencies = data ? sortByReceived(data.agencies) : [];
  const figures = data ? [data.province, ...data.agencies] : [];
  const anyBlank = figures.some((f) => f.onTimePercent === null || f.satisfactionPercent === null);

  let body: JSX.Element;
  if (!data && stats.status === 'error') {
    body = <ErrorState message={stats.error.message} onRetry={stats.reload} />;
  } else if (!data) {
    body = <StatsSkeleton />;
  } else if (data.province.received === 0) {
    body = (
      <EmptyState
        icon="zi-poll"
        action={
          period.choice === 'all' ? null : (
            <Button size="medium" variant="secondary" onClick={() => choose({ choice: 'all' })}>
              {t('reports.stats.showAll')}
            </Button>
          )
        }
      >
        {t('reports.stats.empty')}
      </EmptyState>
    );
  } else {
    body = (
      <>
        <section className="stats-section" aria-labelledby="stats-province">
          <h2 id="stats-province" className="stats-section__title">
            {t('reports.stats.province', { name: config.province.name })}
          </h2>
          <ProvinceTiles figures={data.province} />
        </section>

        <section className="stats-section" aria-labelledby="stats-agencies">
          <h2 id="stats-agencies" className="stats-section__title">
            {t('reports.stats.agencies')}
          </h2>
          {agencies.length > 0 ? (
            <ul className="stats-agencies" data-testid="stats-agencies">
              {agencies.map((row) => (
                <AgencyRow key={row.agency.id} row={row} />
              ))}
            </ul>
          ) : (
            <p className="stats-note">{t('reports.stats.agenciesEmpty')}</p>
          )}
        </section>

        <div className="stats-notes">
          {anyBlank ? <p className="stats-note">{t('reports.stats.noValue')}</p> : null}
          <p className="stats-note">{t('reports.stats.method')}</p>
        </div>

        <button type="button" className="feed-stats-link" onClick={openFeed}>
          <AppIcon icon="zi-list-1" size={20} />
          <span className="feed-stats-link__text">{t('reports.stats.feedLink')}</span>
          <AppIcon icon="zi-chevron-right" size={18} />
        </button>
      </>
    );
  }

  return (
    <ReportPage title={t('reports.stats.title')} parent="/field-reports">
      <PeriodFilter period={period} onChange={choose} />
      {data ? (
        <p className="stats-period" data-testid="stats-period">
          {period.choice === 'all'
            ? t('reports.period.allTime')
            : t('reports.period.range', {
                from: formatDay(data.period.from),
                to: formatDay(data.period.to),
              })}
        </p>
      ) : null}
      {data && stats.status === 'error' ? (
        <ErrorState message={stats.error.message} onRetry={stats.reload} />
      ) : null}
      <div
        className={data && stats.status === 'loading' ? 'stats-body is-updating' : 'stats-body'}
        aria-busy={stats.status === 'loading'}
      >
        {body}
      </div>
    </ReportPage>
  );
}
