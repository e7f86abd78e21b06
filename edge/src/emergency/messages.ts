import { ALERT_SEVERITIES } from '@tinh/db/schema';
import { formatVnTime } from '../environment/alerts/statements';

// What followers read in the app's notification list when an alert is published, raised,
// widened or lifted. Short: the full text is one tap away (the link opens the alert).

const SEVERITY_LABEL: Record<(typeof ALERT_SEVERITIES)[number], string> = {
  extreme: 'Đặc biệt nguy hiểm',
  severe: 'Nguy hiểm',
  moderate: 'Cần đề phòng',
  minor: 'Lưu ý',
};

const clip = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;

interface MessageRow {
  severity: (typeof ALERT_SEVERITIES)[number];
  headline: string;
  instruction: string;
  provinceWide: boolean;
  expiresAt: string;
}

export function alertMessage(row: MessageRow, communes: number, update: boolean) {
  const area = row.provinceWide ? 'toàn tỉnh' : `${communes} xã/phường`;
  return {
    title: clip(`${update ? 'Cập nhật cảnh báo' : 'Cảnh báo khẩn cấp'}: ${row.headline}`, 120),
    body: clip(
      `${SEVERITY_LABEL[row.severity]}, ${area}, hiệu lực đến ${formatVnTime(row.expiresAt)}. ${row.instruction}`,
      300,
    ),
  };
}

export function cancelMessage(row: { headline: string }, at: string) {
  return {
    title: clip(`Đã gỡ cảnh báo: ${row.headline}`, 120),
    body: `Cảnh báo này đã được cơ quan ban hành gỡ bỏ lúc ${formatVnTime(at)}.`,
  };
}

const rank = (s: MessageRow['severity']) => ALERT_SEVERITIES.indexOf(s);

/**
 * Whether a published alert's change warrants telling followers again: it became more severe,
 * or its area grew (province-wide now, or a commune added). Anything else (a typo fixed, a
 * shorter window) would be noise on people's phones.
 */
export function shouldRenotify(
  before: { severity: MessageRow['severity']; provinceWide: boolean },
  beforeCommunes: readonly string[],
  after: { severity: MessageRow['severity']; provinceWide: boolean },
  afterCommunes: readonly string[],
): boolean {
  if (rank(after.severity) < rank(before.severity)) return true;
  if (before.provinceWide) return false;
  if (after.provinceWide) return true;
  const had = new Set(beforeCommunes);
  return afterCommunes.some((id) => !had.has(id));
}
