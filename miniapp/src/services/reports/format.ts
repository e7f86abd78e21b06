/**
 * Dates for people in the province: always Asia/Ho_Chi_Minh (whatever the phone's zone,
 * a traveller's included), Vietnamese style dd/MM/yyyy HH:mm with a 24-hour clock.
 */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const dateTimeParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function parts(value: string | number | Date): Record<string, string> | null {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  const out: Record<string, string> = {};
  for (const part of dateTimeParts.formatToParts(date)) out[part.type] = part.value;
  return out;
}

/** "05/07/2025 14:30"; an unreadable value gives "". */
export function formatDateTime(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined) return '';
  const p = parts(value);
  return p ? `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}` : '';
}

/** "05/07/2025". */
export function formatDate(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined) return '';
  const p = parts(value);
  return p ? `${p.day}/${p.month}/${p.year}` : '';
}

/**
 * "1,5 MB" / "800 KB" for size limits, with the decimal separator of the language.
 * Decimal units (1 MB = 1,000,000 bytes), as the API states its limits.
 */
export function formatBytes(bytes: number, language: 'vi' | 'en' = 'vi'): string {
  const mb = bytes / 1_000_000;
  let text: string;
  if (mb >= 1) text = `${Number(mb.toFixed(1))} MB`;
  else text = `${Math.max(1, Math.round(bytes / 1000))} KB`;
  return language === 'vi' ? text.replace('.', ',') : text;
}
