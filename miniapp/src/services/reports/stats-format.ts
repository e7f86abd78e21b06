/**
 * How the public statistics read: counts and percentages in the citizen's language, "—"
 * where a percentage has nothing to be computed from, bar widths, agencies in order.
 */

export type Language = 'vi' | 'en';

/** What a percentage is shown as when the API sends `null` (0 resolved, 0 rated). */
export const NO_VALUE = '—';

const counts = {
  vi: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }),
};
const percents = {
  vi: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }),
};

/** "1.234" in Vietnamese, "1,234" in English. */
export function formatCount(value: number, language: Language = 'vi'): string {
  return counts[language].format(value);
}

/** "87,5%" in Vietnamese, "87.5%" in English, "—" when there is no base. */
export function formatPercent(value: number | null | undefined, language: Language = 'vi'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  return `${percents[language].format(value)}%`;
}

/** Width of a bar, 0–100; an empty one for "—". */
export function barWidth(value: number | null | undefined): number {
  if (value === null || value === undefined || !Number.isFinite(value)) return 0;
  return Math.min(100, Math.max(0, value));
}

/** Most reports first; ties by name, the Vietnamese way. */
export function sortByReceived<T extends { received: number; agency: { name: string } }>(
  rows: readonly T[],
): T[] {
  const collator = new Intl.Collator('vi');
  return [...rows].sort(
    (a, b) => b.received - a.received || collator.compare(a.agency.name, b.agency.name),
  );
}
