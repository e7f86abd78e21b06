import type { Language } from '../../i18n';
import type { Change, Frequency } from './types';

// Figures as people read them: Vietnamese 1.234,5 and English 1,234.5; periods in words.

const LOCALES: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };

export function formatValue(value: number, language: Language, maxDigits = 2): string {
  return new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: maxDigits }).format(
    value,
  );
}

/** "2025" → "Năm 2025"; "2025-Q3" → "Quý 3/2025"; "2025-07" → "Tháng 7/2025" (or English). */
export function formatPeriod(period: string, language: Language): string {
  const m = /^(\d{4})(?:-Q([1-4])|-(\d{2}))?$/.exec(period);
  if (!m) return period;
  const [, year, quarter, month] = m;
  if (quarter) return language === 'vi' ? `Quý ${quarter}/${year}` : `Q${quarter} ${year}`;
  if (month) {
    return language === 'vi'
      ? `Tháng ${Number(month)}/${year}`
      : `${new Date(Date.UTC(Number(year), Number(month) - 1, 1)).toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' })} ${year}`;
  }
  return language === 'vi' ? `Năm ${year}` : (year as string);
}

/** Short axis label: "Q3/25", "7/25", "2025". */
export function shortPeriod(period: string): string {
  const m = /^(\d{4})(?:-Q([1-4])|-(\d{2}))?$/.exec(period);
  if (!m) return period;
  const [, year, quarter, month] = m;
  if (quarter) return `Q${quarter}/${(year as string).slice(2)}`;
  if (month) return `${Number(month)}/${(year as string).slice(2)}`;
  return year as string;
}

export type Tone = 'good' | 'bad' | 'neutral';

/** Green when the change is good news for this indicator, red when bad, grey when flat. */
export function changeTone(change: Change | null, higherIsBetter: boolean): Tone {
  if (!change || change.absolute === null || change.absolute === 0) return 'neutral';
  return change.absolute > 0 === higherIsBetter ? 'good' : 'bad';
}

export function formatChange(change: Change | null, language: Language): string {
  if (!change || change.absolute === null) return '–';
  const sign = change.absolute > 0 ? '+' : change.absolute < 0 ? '−' : '';
  const abs = formatValue(Math.abs(change.absolute), language);
  if (change.percent === null) return `${sign}${abs}`;
  return `${sign}${abs} (${sign}${formatValue(Math.abs(change.percent), language, 1)}%)`;
}

/** Share of the target reached, 0–100 for the bar (the label says the real figure). */
export function targetProgress(value: number, target: number | null): number | null {
  if (target === null || target === 0) return null;
  return (value / target) * 100;
}

export const chartKind = (frequency: Frequency) => (frequency === 'year' ? 'bar' : 'line');
