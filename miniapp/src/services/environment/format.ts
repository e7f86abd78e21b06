import type { Language } from '../../i18n';
import { distanceMeters, type LatLng } from '../reports/geo';
import { metricDisplay } from './metrics';
import type { Station } from './types';

/**
 * Numbers, times and levels as the weather and environment screens show them. Times are
 * always Vietnam's (Asia/Ho_Chi_Minh, UTC+7 all year), whatever zone the phone is set to:
 * a sluice operator compares them with the tide table, which is in Vietnamese time.
 */

export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh';

type Localized = { readonly [L in Language]: string };

const locale = (language: Language) => (language === 'vi' ? 'vi-VN' : 'en-GB');

const numberFormats = new Map<string, Intl.NumberFormat>();

/** "2,35" in Vietnamese, "2.35" in English, with exactly `decimals` places. */
export function formatNumber(value: number, decimals: number, language: Language): string {
  const key = `${language}:${decimals}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale(language), {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    numberFormats.set(key, format);
  }
  // -0.00 reads as a negative salinity to a farmer.
  const rounded = Number(value.toFixed(decimals));
  return format.format(Object.is(rounded, -0) ? 0 : rounded);
}

/** A threshold as people set it: "4 ‰", "1,5 ‰", "35°C" (no trailing zeros). */
export function formatCompact(value: number, decimals: number, language: Language): string {
  const key = `${language}:compact:${decimals}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale(language), {
      minimumFractionDigits: 0,
      maximumFractionDigits: decimals,
    });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

/** Units written against the number ("32°C", "85%"); the others after a space ("2,35 ‰"). */
const TIGHT_UNITS = new Set(['%', '°C', '°']);

export function withUnit(number: string, unit: string): string {
  if (!unit) return number;
  return TIGHT_UNITS.has(unit) ? `${number}${unit}` : `${number} ${unit}`;
}

/** A reading with the metric's decimals and unit: "2,35 ‰", "31,4°C", "85%". */
export function formatReading(
  metric: string,
  value: number,
  language: Language,
  unit = metricDisplay(metric)?.unit ?? '',
): string {
  return withUnit(formatNumber(value, metricDisplay(metric)?.decimals ?? 1, language), unit);
}

// ---- wind -------------------------------------------------------------------------------

const COMPASS: readonly Localized[] = [
  { vi: 'Bắc', en: 'N' },
  { vi: 'Đông Bắc', en: 'NE' },
  { vi: 'Đông', en: 'E' },
  { vi: 'Đông Nam', en: 'SE' },
  { vi: 'Nam', en: 'S' },
  { vi: 'Tây Nam', en: 'SW' },
  { vi: 'Tây', en: 'W' },
  { vi: 'Tây Bắc', en: 'NW' },
];

/**
 * The eight-point name of the direction the wind comes from (meteorological convention):
 * 135° is "Đông Nam", the south-east monsoon.
 */
export function compassPoint(degrees: number, language: Language): string {
  const normalised = ((degrees % 360) + 360) % 360;
  const point = COMPASS[Math.round(normalised / 45) % 8] ?? COMPASS[0];
  return point?.[language] ?? '';
}

// ---- levels -----------------------------------------------------------------------------

export type Band = { id: string; from: number; label: Localized; colour: string; text: string };

/**
 * Vietnam's AQI bands (Quyết định 1459/QĐ-TCMT, 2019) with their official colours; `text`
 * is a readable text colour on that background.
 */
export const AQI_BANDS: readonly Band[] = [
  { id: 'good', from: 0, label: { vi: 'Tốt', en: 'Good' }, colour: '#00e400', text: '#0b3d0b' },
  {
    id: 'moderate',
    from: 51,
    label: { vi: 'Trung bình', en: 'Moderate' },
    colour: '#ffff00',
    text: '#4a4a00',
  },
  { id: 'poor', from: 101, label: { vi: 'Kém', en: 'Poor' }, colour: '#ff7e00', text: '#4a2400' },
  { id: 'bad', from: 151, label: { vi: 'Xấu', en: 'Bad' }, colour: '#ff0000', text: '#ffffff' },
  {
    id: 'very_bad',
    from: 201,
    label: { vi: 'Rất xấu', en: 'Very bad' },
    colour: '#8f3f97',
    text: '#ffffff',
  },
  {
    id: 'hazardous',
    from: 301,
    label: { vi: 'Nguy hại', en: 'Hazardous' },
    colour: '#7e0023',
    text: '#ffffff',
  },
];

/** The WHO's UV index categories. */
export const UV_BANDS: readonly Band[] = [
  { id: 'low', from: 0, label: { vi: 'Thấp', en: 'Low' }, colour: '#2b8a3e', text: '#ffffff' },
  {
    id: 'moderate',
    from: 3,
    label: { vi: 'Trung bình', en: 'Moderate' },
    colour: '#f5b400',
    text: '#3d2c00',
  },
  { id: 'high', from: 6, label: { vi: 'Cao', en: 'High' }, colour: '#f76707', text: '#ffffff' },
  {
    id: 'very_high',
    from: 8,
    label: { vi: 'Rất cao', en: 'Very high' },
    colour: '#d9480f',
    text: '#ffffff',
  },
  {
    id: 'extreme',
    from: 11,
    label: { vi: 'Cực độ', en: 'Extreme' },
    colour: '#862e9c',
    text: '#ffffff',
  },
];

/** The band a value falls in (bands ascending by `from`). */
export function bandOf(bands: readonly Band[], value: number): Band {
  let found = bands[0] as Band;
  for (const band of bands) if (value >= band.from - 0.5) found = band;
  return found;
}

/**
 * The colour family of an alert level: 0 (none) green, then yellow, orange, red, and
 * purple above three levels. Level labels come from the station's thresholds.
 */
export function levelTone(level: number | null | undefined): 'ok' | 'l1' | 'l2' | 'l3' | 'l4' {
  if (!level || level <= 0) return 'ok';
  if (level >= 4) return 'l4';
  return `l${level}` as 'l1' | 'l2' | 'l3';
}

/** Colours of threshold levels 1, 2, 3, 4+ on charts and legends (the badges' family). */
export const LEVEL_COLOURS = ['#d4a000', '#f76707', '#e03131', '#9c36b5'] as const;

export function levelColour(level: number): string {
  return (
    LEVEL_COLOURS[Math.min(Math.max(Math.round(level), 1), LEVEL_COLOURS.length) - 1] ?? '#e03131'
  );
}

/**
 * The level a value reaches on a metric's thresholds (0: none): where the reading stands
 * now. An active alert may be higher, since an alert keeps the worst level of its episode.
 */
export function levelOfValue(
  thresholds: readonly { level: number; value: number; direction: 'above' | 'below' }[],
  value: number,
): number {
  let level = 0;
  for (const t of thresholds) {
    const reached = t.direction === 'above' ? value >= t.value : value <= t.value;
    if (reached && t.level > level) level = t.level;
  }
  return level;
}

export type Tone = ReturnType<typeof levelTone> | 'none';

/** The colour family of an AQI value: its band, one tone per band (the top two share one). */
export function aqiTone(aqi: number): Tone {
  const index = AQI_BANDS.indexOf(bandOf(AQI_BANDS, aqi));
  return (['ok', 'l1', 'l2', 'l3', 'l4', 'l4'] as const)[index] ?? 'l4';
}

// ---- times ------------------------------------------------------------------------------

const timeFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(language: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}:${JSON.stringify(options)}`;
  let format = timeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale(language), { timeZone: VN_TIME_ZONE, ...options });
    timeFormats.set(key, format);
  }
  return format;
}

/** "14:05", Vietnam's time. */
export function formatClock(iso: string | number | Date, language: Language): string {
  return dateFormat(language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(iso),
  );
}

/** "12/03", Vietnam's day. */
export function formatDayMonth(iso: string | number | Date, language: Language): string {
  return dateFormat(language, { day: '2-digit', month: '2-digit' }).format(new Date(iso));
}

/** "12/03/2025", Vietnam's day. */
export function formatDate(iso: string | number | Date, language: Language): string {
  return dateFormat(language, { day: '2-digit', month: '2-digit', year: 'numeric' }).format(
    new Date(iso),
  );
}

/** "14:05 12/03/2025". */
export function formatDateTime(iso: string | number | Date, language: Language): string {
  return `${formatClock(iso, language)} ${formatDate(iso, language)}`;
}

/** Vietnam's calendar day of an instant, YYYY-MM-DD. */
export function vnDay(instant: Date | number): string {
  const shifted = new Date(new Date(instant).getTime() + 7 * 3600_000);
  return shifted.toISOString().slice(0, 10);
}

/**
 * A forecast day's name: "Hôm nay", "Ngày mai", then the weekday ("Thứ Năm"). `date` is
 * Vietnam's calendar day (YYYY-MM-DD).
 */
export function dayName(
  date: string,
  now: Date,
  language: Language,
  words: { today: string; tomorrow: string },
): string {
  const today = vnDay(now);
  const tomorrow = vnDay(now.getTime() + 86_400_000);
  if (date === today) return words.today;
  if (date === tomorrow) return words.tomorrow;
  // Noon UTC of that date is the same day in Vietnam.
  const weekday = dateFormat(language, { weekday: 'long' }).format(new Date(`${date}T12:00:00Z`));
  return weekday.charAt(0).toUpperCase() + weekday.slice(1);
}

/** "12/03" of a YYYY-MM-DD day. */
export function shortDate(date: string): string {
  const [, month, day] = date.split('-');
  return `${day}/${month}`;
}

export type Age =
  | { unit: 'now' }
  | { unit: 'minutes' | 'hours'; count: number }
  | { unit: 'date'; text: string };

/** How long ago a reading was taken, for "5 phút trước"; beyond a day, the date itself. */
export function ageOf(iso: string, now: Date, language: Language): Age {
  const minutes = Math.floor((now.getTime() - new Date(iso).getTime()) / 60_000);
  if (minutes < 1) return { unit: 'now' };
  if (minutes < 60) return { unit: 'minutes', count: minutes };
  if (minutes < 24 * 60) return { unit: 'hours', count: Math.floor(minutes / 60) };
  return { unit: 'date', text: formatDateTime(iso, language) };
}

/**
 * A station whose newest reading is older than this has stopped reporting (gateways are
 * polled every 5 minutes): its figures are shown greyed with their time, never as "now".
 */
export const STALE_AFTER_MS = 3 * 3600_000;

export function isStaleReading(observedAt: string, now: Date): boolean {
  return now.getTime() - new Date(observedAt).getTime() > STALE_AFTER_MS;
}

/** The newest observation time among a station's readings, or null when it has none. */
export function latestObservedAt(station: Pick<Station, 'latest'>): string | null {
  let newest: string | null = null;
  for (const reading of station.latest) {
    if (!newest || new Date(reading.observedAt) > new Date(newest)) newest = reading.observedAt;
  }
  return newest;
}

// ---- places and files -------------------------------------------------------------------

/** The station closest to a point, with its distance in metres; undefined for an empty list. */
export function nearestStation<S extends Pick<Station, 'lat' | 'lng'>>(
  stations: readonly S[],
  point: LatLng,
): { station: S; meters: number } | undefined {
  let best: { station: S; meters: number } | undefined;
  for (const station of stations) {
    const meters = distanceMeters(point, station);
    if (!best || meters < best.meters) best = { station, meters };
  }
  return best;
}

/** "850 KB", "1,2 MB". */
export function formatBytes(bytes: number, language: Language): string {
  if (bytes < 1000 * 1000) return `${formatNumber(Math.max(1, bytes / 1000), 0, language)} KB`;
  return `${formatNumber(bytes / 1_000_000, 1, language)} MB`;
}
