import type { SalaryPeriod } from './types';

// How jobs show money and dates: "8–12 triệu đồng/tháng", "Thỏa thuận", "Hạn nộp: 30/11/2026",
// "Đã hết hạn". Pure functions of their inputs (the language passed in), tested alone.

type Lang = 'vi' | 'en';

const PER: Record<Lang, Record<SalaryPeriod, string>> = {
  vi: { month: 'tháng', day: 'ngày', hour: 'giờ', piece: 'sản phẩm' },
  en: { month: 'month', day: 'day', hour: 'hour', piece: 'piece' },
};

const MILLION = 1_000_000;

function number(n: number, lang: Lang, maxDigits = 0) {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', {
    maximumFractionDigits: maxDigits,
  }).format(n);
}

/**
 * "8–12 triệu đồng/tháng" when both ends are whole-ish millions, else in đồng
 * ("250.000–300.000 đồng/ngày"); one end: "Từ …" / "Đến …"; none: "Thỏa thuận".
 */
export function formatSalary(
  min: number | null,
  max: number | null,
  period: SalaryPeriod,
  lang: Lang,
): string {
  if (min === null && max === null) return lang === 'vi' ? 'Thỏa thuận' : 'Negotiable';
  const ends = [min, max].filter((v): v is number => v !== null);
  const inMillions = ends.every((v) => v >= MILLION);
  const show = (v: number) => (inMillions ? number(v / MILLION, lang, 1) : number(v, lang));
  const unit = inMillions
    ? lang === 'vi'
      ? 'triệu đồng'
      : 'million VND'
    : lang === 'vi'
      ? 'đồng'
      : 'VND';
  const suffix = `${unit}/${PER[lang][period]}`;
  if (min !== null && max !== null) {
    return min === max ? `${show(min)} ${suffix}` : `${show(min)}–${show(max)} ${suffix}`;
  }
  if (min !== null) return `${lang === 'vi' ? 'Từ' : 'From'} ${show(min)} ${suffix}`;
  return `${lang === 'vi' ? 'Đến' : 'Up to'} ${show(max as number)} ${suffix}`;
}

/** YYYY-MM-DD → DD/MM/YYYY, the way dates are written in Vietnam. */
export const formatDate = (day: string) => {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
};

/** Today on the province's clock (UTC+7 all year), YYYY-MM-DD. */
export const localToday = (now = new Date()) =>
  new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

/** "Hạn nộp: 30/11/2026" until the deadline day has passed, then "Đã hết hạn". */
export function formatDeadline(deadline: string, today: string, lang: Lang): string {
  if (deadline < today) return lang === 'vi' ? 'Đã hết hạn' : 'Deadline passed';
  return lang === 'vi' ? `Hạn nộp: ${formatDate(deadline)}` : `Apply by: ${formatDate(deadline)}`;
}

export const newRequestKey = () => `job-${crypto.randomUUID()}`;
