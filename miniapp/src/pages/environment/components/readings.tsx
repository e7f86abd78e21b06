import { useLanguage, useT } from '../../../i18n/use-t';
import {
  AQI_BANDS,
  ageOf,
  aqiTone,
  bandOf,
  formatNumber,
  isStaleReading,
  latestObservedAt,
  levelTone,
  type Tone,
  withUnit,
} from '../../../services/environment/format';
import { metricLabel, primaryMetric, sortMetrics } from '../../../services/environment/metrics';
import type { LatestReading, Station } from '../../../services/environment/types';

/** "5 phút trước", "2 giờ trước", or the date and time beyond a day. */
export function useAgeText() {
  const t = useT();
  const [language] = useLanguage();
  return (iso: string, now: Date) => {
    const age = ageOf(iso, now, language);
    switch (age.unit) {
      case 'now':
        return t('env.age.now');
      case 'minutes':
        return t('env.age.minutes', { count: age.count });
      case 'hours':
        return t('env.age.hours', { count: age.count });
      default:
        return age.text;
    }
  };
}

/** A reading's value with its metric's decimals (from the API) and unit. */
export function useReadingText() {
  const [language] = useLanguage();
  return (reading: Pick<LatestReading, 'value' | 'decimals' | 'unit'>) =>
    withUnit(formatNumber(reading.value, reading.decimals, language), reading.unit);
}

/** "Cảnh báo mức 2" in the level's colour, or "Bình thường" in green. */
export function LevelBadge({ level }: { level: number | null | undefined }) {
  const t = useT();
  const tone = levelTone(level);
  return (
    <span className={`env-badge env-tone--${tone}`}>
      {tone === 'ok' ? t('env.level.ok') : t('env.level.n', { level: level ?? 0 })}
    </span>
  );
}

/**
 * The colour of a station: grey when it has gone quiet, the AQI band for air stations (the
 * scale people know from the news), else the level of its worst active alert.
 */
export function stationTone(station: Station, now: Date): Tone {
  const newest = latestObservedAt(station);
  if (!newest || isStaleReading(newest, now)) return 'none';
  const lead = leadReading(station);
  if (lead?.metric === 'aqi') return aqiTone(lead.value);
  return levelTone(station.alert?.level);
}

/** The metric a station's card and page lead with, and its reading (if the station sends it). */
export function leadReading(station: Station): LatestReading | undefined {
  const wanted = primaryMetric(station.kind);
  return station.latest.find((r) => r.metric === wanted) ?? sortMetrics(station.latest)[0];
}

/**
 * The figure people came for, large: salinity in ‰ for water, the AQI for air, the
 * temperature for weather; coloured by its alert level (or the AQI band), with what the
 * level means in words ("Lúa giảm năng suất"), since a colour alone says little to someone
 * who does not know the scale.
 */
export function LeadFigure({
  station,
  now,
  size = 'large',
}: {
  station: Station;
  now: Date;
  size?: 'large' | 'medium';
}) {
  const t = useT();
  const [language] = useLanguage();
  const text = useReadingText();
  const reading = leadReading(station);
  if (!reading) {
    return (
      <div className={`env-lead env-lead--${size} env-tone--none`}>
        <span className="env-lead__value">–</span>
        <span className="env-lead__label">{t('env.noData')}</span>
      </div>
    );
  }
  const stale = isStaleReading(reading.observedAt, now);
  const alert = station.alert?.metric === reading.metric ? station.alert : null;
  const aqi = reading.metric === 'aqi' ? bandOf(AQI_BANDS, reading.value) : undefined;
  const tone = stale ? 'none' : aqi ? aqiTone(reading.value) : levelTone(reading.alertLevel);
  const meaning = alert
    ? `${t('env.level.short', { level: alert.level })} · ${alert.label}`
    : aqi
      ? aqi.label[language]
      : reading.alertLevel
        ? t('env.level.n', { level: reading.alertLevel })
        : t('env.level.none');
  return (
    <div
      className={`env-lead env-lead--${size} env-tone--${tone}`}
      data-testid="lead-figure"
      data-level={reading.alertLevel ?? 0}
    >
      <span className="env-lead__metric">
        {metricLabel(reading.metric, language, reading.name)}
      </span>
      <span className="env-lead__value">{text(reading)}</span>
      {stale ? (
        <span className="env-lead__label">{t('env.stale')}</span>
      ) : (
        <span className="env-lead__label">
          {aqi && !alert ? (
            <span className="env-aqi-dot" style={{ background: aqi.colour }} aria-hidden="true" />
          ) : null}
          {meaning}
        </span>
      )}
    </div>
  );
}

/** The other readings of a station, small: "pH 7,12 · EC 4.120 µS/cm". */
export function OtherReadings({ station, skip }: { station: Station; skip?: string }) {
  const [language] = useLanguage();
  const text = useReadingText();
  const others = sortMetrics(station.latest).filter((r) => r.metric !== skip);
  if (others.length === 0) return null;
  return (
    <ul className="env-others">
      {others.map((r) => (
        <li
          key={r.metric}
          className={r.alertLevel ? `env-tone-text--${levelTone(r.alertLevel)}` : ''}
        >
          <span className="env-others__name">{metricLabel(r.metric, language, r.name)}</span>{' '}
          <strong>{text(r)}</strong>
        </li>
      ))}
    </ul>
  );
}

/** When the station last sent anything, greyed and worded as a lost signal when old. */
export function StationAge({ station, now }: { station: Station; now: Date }) {
  const t = useT();
  const age = useAgeText();
  const newest = latestObservedAt(station);
  if (!newest) return <span className="env-age">{t('env.noData')}</span>;
  const stale = isStaleReading(newest, now);
  return (
    <span className={stale ? 'env-age env-age--stale' : 'env-age'}>
      {stale ? t('env.staleSince', { time: age(newest, now) }) : age(newest, now)}
    </span>
  );
}
