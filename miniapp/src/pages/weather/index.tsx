import '../field-reports/reports.css';
import '../environment/environment.css';
import { useEffect, useMemo, useState } from 'react';
import { Button, useNavigate } from 'zmp-ui';
import { AppIcon, registerIcons } from '../../components/app-icon';
import { STORAGE_PREFIX } from '../../config';
import { findFeature } from '../../features';
import { useLanguage, useT } from '../../i18n/use-t';
import { environmentClient } from '../../services/environment/client';
import {
  bandOf,
  compassPoint,
  dayName,
  formatClock,
  formatDateTime,
  formatNumber,
  isStaleReading,
  latestObservedAt,
  nearestStation,
  shortDate,
  UV_BANDS,
  vnDay,
  withUnit,
} from '../../services/environment/format';
import type { Forecast, LatestReading, Station } from '../../services/environment/types';
import { reportsClient } from '../../services/reports/client';
import { formatDistance, type LatLng } from '../../services/reports/geo';
import { getAccessToken, getLocation, getStorage, setStorage } from '../../services/zalo';
import { CachedNotice } from '../environment/components/cached-notice';
import { ChartPanel } from '../environment/components/chart-panel';
import { useAgeText } from '../environment/components/readings';
import { type CachedState, useCachedApi, useNow } from '../environment/use-cached';
import { ReportPage } from '../field-reports/components/report-page';
import { EmptyState, ErrorState, Notice } from '../field-reports/components/states';
import { REPORT_SVG } from '../field-reports/icons.gen';
import { WeatherIcon, WindArrow } from './icons';

registerIcons(REPORT_SVG);

const STATION_KEY = `${STORAGE_PREFIX}weather.station`;

/** The metrics worth a 24-hour chart (wind direction as a line says nothing). */
const CHART_METRICS = [
  'air_temperature',
  'humidity',
  'rainfall',
  'wind_speed',
  'uv_index',
  'solar_radiation',
];

type Located = { point: LatLng } | { error: string };

/** The citizen's position: coordinates in a browser, a token the API exchanges in Zalo. */
async function locate(fallback: string): Promise<Located> {
  const found = await getLocation();
  if (!found.ok) return { error: found.error.message };
  if (found.value.kind === 'coords') {
    return { point: { lat: found.value.latitude, lng: found.value.longitude } };
  }
  const access = await getAccessToken();
  if (!access.ok || !access.value) return { error: fallback };
  const located = await reportsClient.locate(found.value.token, access.value);
  return located.ok
    ? { point: { lat: located.data.lat, lng: located.data.lng } }
    : { error: located.error.message };
}

/** Whether the browser already lets us read the position without asking (never prompts). */
async function locationAlreadyAllowed(): Promise<boolean> {
  try {
    const status = await navigator.permissions?.query({ name: 'geolocation' });
    return status?.state === 'granted';
  } catch {
    return false;
  }
}

/**
 * Which station the screen shows: the one chosen last time, else the nearest when the
 * phone already allows its location, else the first; "Trạm gần tôi" asks for the location.
 */
function useChosenStation(stations: Station[] | undefined) {
  const t = useT();
  const [language] = useLanguage();
  const [chosen, setChosen] = useState<string | null | undefined>(undefined);
  const [locating, setLocating] = useState(false);
  const [found, setFound] = useState<string>();
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    let live = true;
    void getStorage(STATION_KEY).then((saved) => {
      if (live) setChosen(saved.ok ? saved.value : null);
    });
    return () => {
      live = false;
    };
  }, []);

  const choose = (id: string) => {
    setChosen(id);
    setFound(undefined);
    void setStorage(STATION_KEY, id);
  };

  const nearest = async (quiet: boolean) => {
    if (!stations || stations.length === 0) return;
    if (!quiet) setLocating(true);
    setProblem(undefined);
    try {
      const where = await locate(t('error.locationUnavailable'));
      if ('error' in where) {
        if (!quiet) setProblem(where.error);
        return;
      }
      const best = nearestStation(stations, where.point);
      if (!best) return;
      setChosen(best.station.id);
      void setStorage(STATION_KEY, best.station.id);
      setFound(
        t('weather.nearest', {
          name: best.station.name,
          distance: formatDistance(best.meters, language),
        }),
      );
    } finally {
      setLocating(false);
    }
  };

  // First visit with the location already allowed: the nearest station, without asking.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the list arrives
  useEffect(() => {
    if (chosen !== null || !stations?.length) return;
    void locationAlreadyAllowed().then((allowed) => {
      if (allowed) void nearest(true);
    });
  }, [chosen === null, Boolean(stations?.length)]);

  const station =
    stations?.find((s) => s.id === chosen) ?? (chosen === undefined ? undefined : stations?.[0]);
  return { station, choose, nearest: () => void nearest(false), locating, found, problem };
}

function reading(station: Station, metric: string): LatestReading | undefined {
  return station.latest.find((r) => r.metric === metric);
}

function Tile({
  label,
  value,
  hint,
  children,
  testId,
}: {
  label: string;
  value: string;
  hint?: React.ReactNode;
  children?: React.ReactNode;
  testId?: string;
}) {
  return (
    <li className="env-tile" data-testid={testId}>
      <span className="env-tile__label">{label}</span>
      <span className="env-tile__value">
        {children}
        {value}
      </span>
      {hint ? <span className="env-tile__hint">{hint}</span> : null}
    </li>
  );
}

function Current({
  station,
  today,
  now,
}: {
  station: Station;
  today: Forecast['days'][number] | undefined;
  now: Date;
}) {
  const t = useT();
  const [language] = useLanguage();
  const age = useAgeText();
  const num = (r: LatestReading | undefined, decimals = r?.decimals ?? 1) =>
    r ? withUnit(formatNumber(r.value, decimals, language), r.unit) : '–';
  const temperature = reading(station, 'air_temperature');
  const humidity = reading(station, 'humidity');
  const windSpeed = reading(station, 'wind_speed');
  const windDirection = reading(station, 'wind_direction');
  const rainfall = reading(station, 'rainfall');
  const uv = reading(station, 'uv_index');
  const solar = reading(station, 'solar_radiation');
  const newest = latestObservedAt(station);
  const stale = !newest || isStaleReading(newest, now);
  const rain24 = useCachedApi(rainfall ? `series:${station.id}:rainfall:24h` : null, () =>
    environmentClient.series(station.id, 'rainfall', '24h'),
  );
  const rainTotal = rain24.data?.points.reduce((sum, p) => sum + (p.spike ? 0 : p.v), 0);
  const uvBand = uv ? bandOf(UV_BANDS, uv.value) : undefined;

  return (
    <>
      <section
        className={stale ? 'wx-hero wx-hero--stale' : 'wx-hero'}
        data-testid="weather-now"
        aria-live="polite"
      >
        <div className="wx-hero__main">
          <WeatherIcon code={today?.weatherCode} size={72} />
          <span className="wx-hero__temp">
            {temperature ? withUnit(formatNumber(temperature.value, 1, language), '°C') : '–'}
          </span>
        </div>
        {today ? (
          <p className="wx-hero__summary">
            {today.summary}
            {today.tempMax !== null && today.tempMin !== null
              ? ` · ${t('weather.highLow', {
                  high: formatNumber(today.tempMax, 0, language),
                  low: formatNumber(today.tempMin, 0, language),
                })}`
              : ''}
          </p>
        ) : null}
        <p className="wx-hero__time">
          {newest
            ? stale
              ? t('env.staleSince', { time: age(newest, now) })
              : t('weather.measured', {
                  time: formatClock(newest, language),
                  age: age(newest, now),
                })
            : t('env.noData')}
        </p>
      </section>

      <ul className="env-grid" data-testid="weather-tiles">
        <Tile label={t('weather.humidity')} value={num(humidity)} />
        <Tile
          testId="wind"
          label={t('weather.wind')}
          value={num(windSpeed)}
          hint={
            windDirection
              ? t('weather.windFrom', { direction: compassPoint(windDirection.value, language) })
              : undefined
          }
        >
          {windDirection ? <WindArrow degrees={windDirection.value} /> : null}
        </Tile>
        <Tile
          label={rainTotal !== undefined ? t('weather.rain24h') : t('weather.rain')}
          value={
            rainTotal !== undefined
              ? withUnit(formatNumber(rainTotal, 1, language), 'mm')
              : num(rainfall)
          }
        />
        <Tile
          label={t('weather.uv')}
          value={uv ? formatNumber(uv.value, 0, language) : '–'}
          hint={
            uvBand ? (
              <span className="wx-band" style={{ background: uvBand.colour, color: uvBand.text }}>
                {uvBand.label[language]}
              </span>
            ) : undefined
          }
        />
        {solar ? <Tile label={t('weather.solar')} value={num(solar)} /> : null}
      </ul>
    </>
  );
}

function ForecastList({ forecast, now }: { forecast: CachedState<Forecast>; now: Date }) {
  const t = useT();
  const [language] = useLanguage();
  const data = forecast.data;

  let body: React.ReactNode;
  if (!data && forecast.status === 'error') {
    body = <ErrorState message={forecast.error?.message ?? ''} onRetry={forecast.reload} />;
  } else if (!data) {
    body = (
      <ul className="wx-days" aria-busy="true">
        {[0, 1, 2, 3, 4].map((i) => (
          <li key={i} className="wx-day">
            <span className="skeleton skeleton--line skeleton--short" />
          </li>
        ))}
      </ul>
    );
  } else {
    body = (
      <ul className="wx-days" data-testid="forecast">
        {data.days.map((day) => (
          <li key={day.date} className="wx-day">
            <span className="wx-day__name">
              <strong>
                {dayName(day.date, now, language, {
                  today: t('weather.today'),
                  tomorrow: t('weather.tomorrow'),
                })}
              </strong>
              <span>{shortDate(day.date)}</span>
            </span>
            <WeatherIcon code={day.weatherCode} size={36} />
            <span className="wx-day__summary">
              {day.summary}
              {day.precipitationProbability !== null && day.precipitationProbability > 0 ? (
                <span className="wx-day__rain">
                  {t('weather.rainChance', { percent: Math.round(day.precipitationProbability) })}
                  {day.precipitationMm
                    ? ` · ${withUnit(formatNumber(day.precipitationMm, 1, language), 'mm')}`
                    : ''}
                </span>
              ) : null}
            </span>
            <span className="wx-day__temps">
              <strong>
                {day.tempMax !== null ? `${formatNumber(day.tempMax, 0, language)}°` : '–'}
              </strong>
              <span>
                {day.tempMin !== null ? `${formatNumber(day.tempMin, 0, language)}°` : '–'}
              </span>
            </span>
          </li>
        ))}
      </ul>
    );
  }

  return (
    <section className="env-section" aria-labelledby="wx-forecast">
      <h2 id="wx-forecast" className="env-section__title">
        {t('weather.forecast')}
      </h2>
      {data?.stale ? (
        <Notice tone="warning">
          {t('weather.forecastStale', { time: formatDateTime(data.fetchedAt, language) })}
        </Notice>
      ) : null}
      <CachedNotice state={forecast} compact />
      {body}
      {data && !data.stale ? (
        <p className="env-hint">
          {t('weather.forecastAt', { time: formatDateTime(data.fetchedAt, language) })}
        </p>
      ) : null}
    </section>
  );
}

/**
 * Thời tiết: one station's current readings (temperature, humidity, wind with its
 * direction, rain over 24 hours, UV, sunshine), its 5-day forecast and 24-hour charts.
 */
export default function WeatherPage() {
  const t = useT();
  const [language] = useLanguage();
  const navigate = useNavigate();
  const now = useNow();
  const stations = useCachedApi('stations:weather', () => environmentClient.stations('weather'));
  const sorted = useMemo(() => {
    const collator = new Intl.Collator('vi');
    return stations.data
      ? [...stations.data].sort((a, b) => collator.compare(a.name, b.name))
      : undefined;
  }, [stations.data]);
  const picker = useChosenStation(sorted);
  const station = picker.station;
  const [metric, setMetric] = useState('air_temperature');
  const feature = findFeature('weather');
  const chartMetrics = station
    ? CHART_METRICS.flatMap((m) => {
        const r = reading(station, m);
        return r ? [{ metric: m, name: r.name }] : [];
      })
    : [];
  const chartMetric = chartMetrics.some((m) => m.metric === metric)
    ? metric
    : (chartMetrics[0]?.metric ?? metric);

  let body: React.ReactNode;
  if (!sorted && stations.status === 'error') {
    body = <ErrorState message={stations.error?.message ?? ''} onRetry={stations.reload} />;
  } else if (sorted && sorted.length === 0) {
    body = <EmptyState icon="zi-location">{t('weather.noStations')}</EmptyState>;
  } else if (!station || !sorted) {
    body = <div className="wx-hero skeleton" aria-busy="true" />;
  } else {
    body = (
      <>
        <WeatherBody station={station} now={now} />
        <section className="env-section" aria-labelledby="wx-charts">
          <h2 id="wx-charts" className="env-section__title">
            {t('weather.charts')}
          </h2>
          <ChartPanel
            stationId={station.id}
            metrics={chartMetrics}
            metric={chartMetric}
            onMetric={setMetric}
            range="24h"
          />
          <Button
            variant="tertiary"
            size="medium"
            onClick={() => navigate(`/environment/s/${encodeURIComponent(station.id)}`)}
          >
            {t('weather.longer')}
          </Button>
        </section>
      </>
    );
  }

  return (
    <ReportPage title={feature?.label[language] ?? t('weather.title')} parent="/">
      <div className="wx-picker">
        <label className="wx-picker__field">
          <span className="wx-picker__label">{t('weather.station')}</span>
          <select
            className="rp-input"
            value={station?.id ?? ''}
            disabled={!sorted || sorted.length === 0}
            onChange={(e) => picker.choose(e.target.value)}
            data-testid="station-select"
          >
            {!station ? (
              <option value="">{stations.status === 'error' ? '–' : t('common.loading')}</option>
            ) : null}
            {sorted?.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        {station?.address || station?.communeName ? (
          <span className="env-hint" data-testid="station-place">
            {[station.address, station.communeName].filter(Boolean).join(', ')}
          </span>
        ) : null}
        <Button
          size="medium"
          variant="secondary"
          loading={picker.locating}
          disabled={!sorted || sorted.length === 0}
          onClick={picker.nearest}
          prefixIcon={<AppIcon icon="zi-location" size={20} />}
        >
          {t('weather.nearMe')}
        </Button>
      </div>
      {picker.found ? <Notice tone="success">{picker.found}</Notice> : null}
      {picker.problem ? <Notice tone="warning">{picker.problem}</Notice> : null}
      <CachedNotice state={stations} />
      {body}
      <button type="button" className="env-link" onClick={() => navigate('/environment')}>
        <span className="env-link__icon" aria-hidden="true">
          <AppIcon icon="zi-wifi" size={24} />
        </span>
        <span className="env-link__text">
          <span className="env-link__title">{t('weather.environmentLink')}</span>
          <span className="env-link__hint">{t('weather.environmentHint')}</span>
        </span>
        <AppIcon icon="zi-chevron-right" size={20} />
      </button>
    </ReportPage>
  );
}

/** Current readings (with today's forecast summary) and the 5-day forecast of one station. */
function WeatherBody({ station, now }: { station: Station; now: Date }) {
  const forecast = useCachedApi(`forecast:${station.id}`, () =>
    environmentClient.forecast(station.id),
  );
  const day = vnDay(now);
  const today = forecast.data?.days.find((d) => d.date === day);
  return (
    <>
      <Current station={station} today={today} now={now} />
      <ForecastList forecast={forecast} now={now} />
    </>
  );
}
