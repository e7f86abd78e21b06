import '../field-reports/reports.css';
import './environment.css';
import { Button, useNavigate, useParams, useSearchParams } from 'zmp-ui';
import { AppIcon, registerIcons } from '../../components/app-icon';
import { useLanguage, useT } from '../../i18n/use-t';
import { environmentClient } from '../../services/environment/client';
import {
  formatCompact,
  formatDateTime,
  formatNumber,
  isStaleReading,
  levelColour,
  levelOfValue,
  levelTone,
  withUnit,
} from '../../services/environment/format';
import { metricLabel, sortMetrics } from '../../services/environment/metrics';
import {
  type AlertRecord,
  RANGES,
  type Range,
  type StationDetail,
  type Threshold,
} from '../../services/environment/types';
import { showToast } from '../../services/zalo';
import { ReportPage } from '../field-reports/components/report-page';
import { EmptyState, ErrorState } from '../field-reports/components/states';
import { REPORT_SVG } from '../field-reports/icons.gen';
import { CachedNotice } from './components/cached-notice';
import { ChartPanel } from './components/chart-panel';
import {
  LeadFigure,
  leadReading,
  StationAge,
  useAgeText,
  useReadingText,
} from './components/readings';
import { useCachedApi, useNow } from './use-cached';
import { useFollows } from './use-follows';

registerIcons(REPORT_SVG);

/** A value of one of the station's metrics; `compact` drops trailing zeros (thresholds). */
function useValue(station: StationDetail, compact = false) {
  const [language] = useLanguage();
  return (metric: string, value: number) => {
    const reading = station.latest.find((r) => r.metric === metric);
    const decimals = reading?.decimals ?? 2;
    const number = compact
      ? formatCompact(value, decimals, language)
      : formatNumber(value, decimals, language);
    return withUnit(number, reading?.unit ?? '');
  };
}

/** Follow the station (and optionally its commune) for alerts, signed in or not. */
function FollowCard({ station }: { station: StationDetail }) {
  const t = useT();
  const navigate = useNavigate();
  const follows = useFollows();
  const following = follows.isFollowing('station', station.id);
  const pending = follows.isPending('station', station.id);
  const communeFollowed = station.communeId
    ? follows.isFollowing('commune', station.communeId)
    : false;

  const toggle = async (type: 'station' | 'commune', id: string, name: string) => {
    const result = await follows.toggle(type, id, name);
    if (!result.ok) {
      void showToast(result.error.message);
      return;
    }
    void showToast(
      result.following ? t('env.follow.done', { name }) : t('env.follow.undone', { name }),
    );
  };

  return (
    <section className="env-follow card" data-testid="follow-card">
      <Button
        fullWidth
        variant={following ? 'secondary' : 'primary'}
        loading={pending}
        disabled={pending}
        prefixIcon={<AppIcon icon="zi-notif" size={20} />}
        onClick={() => void toggle('station', station.id, station.name)}
        data-testid="follow-button"
      >
        {following ? t('env.follow.following') : t('env.follow.station')}
      </Button>
      <p className="env-hint">{following ? t('env.follow.followingHint') : t('env.follow.hint')}</p>
      {station.communeId && station.communeName ? (
        <label className="rp-check env-follow__commune">
          <input
            type="checkbox"
            checked={communeFollowed}
            disabled={follows.isPending('commune', station.communeId)}
            onChange={() =>
              void toggle('commune', station.communeId as string, station.communeName as string)
            }
          />
          <span>{t('env.follow.commune', { commune: station.communeName })}</span>
        </label>
      ) : null}
      {following || communeFollowed ? (
        // Warnings arrive in the app's notification list (the field-report screens keep it).
        <Button
          variant="tertiary"
          size="medium"
          onClick={() => navigate('/field-reports/notifications')}
        >
          {t('env.follow.notifications')}
        </Button>
      ) : null}
    </section>
  );
}

/**
 * The lead metric's alert levels as a ladder, the current one marked: "≥ 2 ‰ — Lúa giảm
 * năng suất". Shown under the big figure so a farmer reads what the number means.
 */
function ThresholdLadder({
  thresholds,
  current,
  format,
}: {
  thresholds: Threshold[];
  current: number | null;
  format: (value: number) => string;
}) {
  const t = useT();
  if (thresholds.length === 0) return null;
  const sorted = [...thresholds].sort((a, b) => b.level - a.level);
  // No marker at all when the station has gone quiet: "now" would be a guess.
  const level = current ?? -1;
  return (
    <ol className="env-ladder" aria-label={t('env.station.thresholds')}>
      {sorted.map((th) => (
        <li
          key={`${th.direction}-${th.level}`}
          className={th.level === level ? 'env-ladder__row is-current' : 'env-ladder__row'}
        >
          <span
            className="env-ladder__swatch"
            style={{ background: levelColour(th.level) }}
            aria-hidden="true"
          />
          <span className="env-ladder__value">
            {th.direction === 'above' ? '≥' : '≤'} {format(th.value)}
          </span>
          <span className="env-ladder__label">{th.label}</span>
          {th.level === level ? (
            <span className="env-ladder__now">{t('env.station.now')}</span>
          ) : null}
        </li>
      ))}
      <li className={level === 0 ? 'env-ladder__row is-current' : 'env-ladder__row'}>
        <span className="env-ladder__swatch env-tone--ok" aria-hidden="true" />
        <span className="env-ladder__value" />
        <span className="env-ladder__label">{t('env.level.below')}</span>
        {level === 0 ? <span className="env-ladder__now">{t('env.station.now')}</span> : null}
      </li>
    </ol>
  );
}

function AlertItem({ alert, station }: { alert: AlertRecord; station: StationDetail }) {
  const t = useT();
  const [language] = useLanguage();
  const value = useValue(station);
  const name = metricLabel(alert.metric, language);
  return (
    <li className={`env-alert env-alert--${levelTone(alert.level)}`} data-status={alert.status}>
      <span className="env-alert__head">
        <strong>{t('env.alert.title', { level: alert.level, metric: name })}</strong>
        {alert.label ? <span>{alert.label}</span> : null}
      </span>
      <span className="env-alert__meta">
        {t('env.alert.raised', {
          time: formatDateTime(alert.raisedAt, language),
          value: value(alert.metric, alert.raisedValue),
        })}
        {' · '}
        {t('env.alert.peak', { value: value(alert.metric, alert.peakValue) })}
      </span>
      {alert.clearedAt ? (
        <span className="env-alert__meta">
          {t('env.alert.cleared', { time: formatDateTime(alert.clearedAt, language) })}
        </span>
      ) : null}
    </li>
  );
}

function StationView({ station, now }: { station: StationDetail; now: Date }) {
  const t = useT();
  const [language] = useLanguage();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const text = useReadingText();
  const age = useAgeText();
  const compact = useValue(station, true);
  const lead = leadReading(station);
  const readings = sortMetrics(station.latest);
  // A wind direction drawn as a line over time says nothing to anyone.
  const charted = readings.filter((r) => r.metric !== 'wind_direction');
  const metric =
    charted.find((r) => r.metric === params.get('metric'))?.metric ?? lead?.metric ?? '';
  const rangeParam = params.get('range');
  const range: Range = RANGES.includes(rangeParam as Range) ? (rangeParam as Range) : '24h';
  const setParam = (name: string, v: string) => {
    const next = new URLSearchParams(params);
    next.set(name, v);
    setParams(next, { replace: true });
  };
  const active = station.alerts.filter((a) => a.status === 'active');
  const past = station.alerts.filter((a) => a.status !== 'active');
  const leadThresholds = station.thresholds.filter((th) => th.metric === lead?.metric);

  return (
    <>
      <section className="env-hero card">
        <h2 className="env-hero__name">{station.name}</h2>
        <span className="env-hero__place">
          {[station.communeName, station.address].filter(Boolean).join(' · ') ||
            t('env.station.noPlace')}
        </span>
        <LeadFigure station={station} now={now} />
        <StationAge station={station} now={now} />
        {lead && leadThresholds.length > 0 ? (
          <ThresholdLadder
            thresholds={leadThresholds}
            current={
              isStaleReading(lead.observedAt, now) ? null : levelOfValue(leadThresholds, lead.value)
            }
            format={(v) => compact(lead.metric, v)}
          />
        ) : null}
      </section>

      {active.length > 0 ? (
        <section className="env-section" aria-labelledby="env-active">
          <h2 id="env-active" className="env-section__title">
            <AppIcon icon="zi-warning-circle" size={20} />
            {t('env.station.activeAlerts')}
          </h2>
          <ul className="env-alerts" data-testid="active-alerts">
            {active.map((a) => (
              <AlertItem key={a.id} alert={a} station={station} />
            ))}
          </ul>
        </section>
      ) : null}

      <FollowCard station={station} />

      {readings.length > 0 ? (
        <section className="env-section" aria-labelledby="env-readings">
          <h2 id="env-readings" className="env-section__title">
            {t('env.station.readings')}
          </h2>
          <ul className="env-grid" data-testid="readings">
            {readings.map((r) => {
              const stale = isStaleReading(r.observedAt, now);
              return (
                <li
                  key={r.metric}
                  className={`env-tile env-tile--${stale ? 'none' : levelTone(r.alertLevel)}`}
                >
                  <span className="env-tile__label">{metricLabel(r.metric, language, r.name)}</span>
                  <span className="env-tile__value">{text(r)}</span>
                  <span className="env-tile__hint">
                    {r.alertLevel ? `${t('env.level.n', { level: r.alertLevel })} · ` : ''}
                    {age(r.observedAt, now)}
                  </span>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      {charted.length > 0 ? (
        <section className="env-section" aria-labelledby="env-charts">
          <h2 id="env-charts" className="env-section__title">
            {t('env.station.charts')}
          </h2>
          <ChartPanel
            stationId={station.id}
            metrics={charted.map((r) => ({ metric: r.metric, name: r.name }))}
            metric={metric}
            onMetric={(m) => setParam('metric', m)}
            range={range}
            ranges={RANGES}
            onRange={(r) => setParam('range', r)}
          />
        </section>
      ) : null}

      {past.length > 0 ? (
        <section className="env-section" aria-labelledby="env-past">
          <h2 id="env-past" className="env-section__title">
            {t('env.station.pastAlerts')}
          </h2>
          <ul className="env-alerts">
            {past.map((a) => (
              <AlertItem key={a.id} alert={a} station={station} />
            ))}
          </ul>
        </section>
      ) : null}

      <section className="env-section env-info card" aria-labelledby="env-info">
        <h2 id="env-info" className="env-section__title">
          {t('env.station.info')}
        </h2>
        <dl>
          {station.agencyName ? (
            <div>
              <dt>{t('env.station.agency')}</dt>
              <dd>{station.agencyName}</dd>
            </div>
          ) : null}
          {station.address || station.communeName ? (
            <div>
              <dt>{t('env.station.address')}</dt>
              <dd>{[station.address, station.communeName].filter(Boolean).join(', ')}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t('env.station.coordinates')}</dt>
            <dd>
              {station.lat.toFixed(5)}, {station.lng.toFixed(5)}
            </dd>
          </div>
        </dl>
        {station.kind !== 'weather' ? (
          <Button
            variant="tertiary"
            size="medium"
            prefixIcon={<AppIcon icon="zi-location" size={20} />}
            onClick={() =>
              navigate(
                `/environment?view=map${station.kind === 'air' ? '&kind=air' : ''}&station=${encodeURIComponent(station.id)}`,
              )
            }
          >
            {t('env.station.onMap')}
          </Button>
        ) : null}
      </section>
    </>
  );
}

function StationSkeleton() {
  return (
    <div aria-busy="true">
      <section className="env-hero card">
        <span className="skeleton skeleton--line skeleton--shorter" />
        <span className="skeleton skeleton--line skeleton--short" />
        <span className="skeleton env-skeleton-lead" />
        <span className="skeleton skeleton--line skeleton--shorter" />
      </section>
    </div>
  );
}

/** One station: the lead figure and its thresholds, alerts, follow, readings and charts. */
export default function StationPage() {
  const t = useT();
  const { id = '' } = useParams();
  const now = useNow();
  const station = useCachedApi(`station:${id}`, () => environmentClient.station(id));

  let body: React.ReactNode;
  if (!station.data && station.status === 'error' && station.error?.status === 404) {
    body = <EmptyState icon="zi-search">{station.error.message}</EmptyState>;
  } else if (!station.data && station.status === 'error') {
    body = <ErrorState message={station.error?.message ?? ''} onRetry={station.reload} />;
  } else if (!station.data) {
    body = <StationSkeleton />;
  } else {
    body = (
      <>
        <CachedNotice state={station} />
        <StationView station={station.data} now={now} />
      </>
    );
  }

  return (
    <ReportPage
      title={
        station.data ? t(`env.station.kindTitle.${station.data.kind}`) : t('env.station.title')
      }
      parent="/environment"
    >
      {body}
    </ReportPage>
  );
}
