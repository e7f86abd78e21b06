import type ExcelJS from 'exceljs';
import { RATING_LABELS, STATUS_LABELS } from '../reports/labels';
import type { Duration, LeaderStats } from './leader';
import type { ExportReportRow } from './leader-repo';

// The leaders' exports: an XLSX workbook (exceljs) with the figures, the breakdowns, the
// trends and the list of reports, or the list alone as CSV. Vietnamese headers; times in
// Vietnam's time (UTC+7). Never any contact detail of a reporter: the list query does not
// read report_contacts.

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv; charset=utf-8';

export const SHEETS = {
  summary: 'Tổng hợp',
  categories: 'Theo lĩnh vực',
  agencies: 'Theo cơ quan',
  communes: 'Theo xã phường',
  trends: 'Xu hướng',
  reports: 'Danh sách phản ánh',
} as const;

export const REPORT_HEADERS = [
  'Mã phản ánh',
  'Lĩnh vực',
  'Cơ quan xử lý',
  'Xã/phường',
  'Trạng thái',
  'Ngày nhận',
  'Hạn xử lý',
  'Ngày xử lý',
  'Đúng hạn',
  'Đánh giá',
] as const;

const VN_OFFSET_MS = 7 * 3_600_000;
const OPEN = new Set(['received', 'assigned', 'in_progress']);

/** "2025-07-01 08:30" in Vietnam's time, from a UTC ISO instant. */
export function vnDateTime(iso: string | null): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return '';
  return new Date(t + VN_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** "Có" / "Không" for resolved reports with a deadline; "Quá hạn" for open ones past it. */
export function onTimeLabel(r: ExportReportRow, now: number): string {
  if (!r.dueAt) return '';
  const due = Date.parse(r.dueAt);
  if (r.status === 'resolved' && r.resolvedAt)
    return Date.parse(r.resolvedAt) <= due ? 'Có' : 'Không';
  if (OPEN.has(r.status) && due < now) return 'Quá hạn (chưa xử lý)';
  return '';
}

export interface ExportRow {
  code: string;
  category: string;
  agency: string;
  commune: string;
  status: string;
  createdAt: string;
  dueAt: string;
  resolvedAt: string;
  onTime: string;
  rating: string;
}

export function exportRow(r: ExportReportRow, now: number, commune: string | null): ExportRow {
  return {
    code: r.code,
    category: r.categoryName,
    agency: r.agencyName ?? 'Chưa chuyển cơ quan',
    commune: commune ?? '',
    status: STATUS_LABELS[r.status].vi,
    createdAt: vnDateTime(r.createdAt),
    dueAt: vnDateTime(r.dueAt),
    resolvedAt: vnDateTime(r.resolvedAt),
    onTime: onTimeLabel(r, now),
    rating: r.rating ? RATING_LABELS[r.rating].vi : '',
  };
}

const rowValues = (r: ExportRow) => [
  r.code,
  r.category,
  r.agency,
  r.commune,
  r.status,
  r.createdAt,
  r.dueAt,
  r.resolvedAt,
  r.onTime,
  r.rating,
];

// ---- CSV ----------------------------------------------------------------------------------

/** RFC 4180: a field with a comma, a quote or a line break is quoted, quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * The list of reports as CSV: a UTF-8 byte order mark first (so that Excel reads the
 * Vietnamese text as UTF-8), CRLF line ends, a header row.
 */
export function buildCsv(rows: ExportRow[]): string {
  const lines = [REPORT_HEADERS.map(csvField).join(',')];
  for (const r of rows) lines.push(rowValues(r).map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

// ---- XLSX ---------------------------------------------------------------------------------

const hours = (seconds: number | null) =>
  seconds === null ? null : Math.round((seconds / 3600) * 10) / 10;

const BOLD = { bold: true } as const;

function header(ws: ExcelJS.Worksheet, values: string[]) {
  const row = ws.addRow(values);
  row.font = BOLD;
  row.alignment = { vertical: 'middle', wrapText: true };
  return row;
}

function widths(ws: ExcelJS.Worksheet, list: number[]) {
  list.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
}

const FIGURE_HEADERS = [
  'Tiếp nhận',
  'Đang chờ xử lý',
  'Đã xử lý',
  'Từ chối',
  'Trùng',
  'Quá hạn chưa xử lý',
  'Xử lý đúng hạn',
  'Tỉ lệ đúng hạn (%)',
  'Số đánh giá',
  'Tỉ lệ hài lòng (%)',
  'Chuyển cơ quan: trung bình (giờ)',
  'Thời gian xử lý: trung bình (giờ)',
];

type FigureRow = LeaderStats['byCategory'][number];
const figureValues = (f: Omit<FigureRow, 'category'>) => [
  f.received,
  f.open,
  f.resolved,
  f.rejected,
  f.duplicate,
  f.overdueOpen,
  f.resolvedOnTime,
  f.onTimePercent,
  f.rated,
  f.satisfactionPercent,
  hours(f.avgIntakeToAgencySeconds),
  hours(f.avgTimeToResolveSeconds),
];

export interface ExportMeta {
  /** Who sees what: "Toàn tỉnh", "Cơ quan: …", … */
  scopeLabel: string;
  /** The filters, in words (empty: none). */
  filterLabel: string;
  generatedAt: Date;
}

export async function buildXlsx(
  stats: LeaderStats,
  rows: ExportRow[],
  meta: ExportMeta,
): Promise<ArrayBuffer> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'Hệ thống phản ánh hiện trường';
  wb.created = meta.generatedAt;

  // Tổng hợp
  const s = stats.summary;
  const summary = wb.addWorksheet(SHEETS.summary);
  widths(summary, [48, 20]);
  summary.addRow(['Thống kê phản ánh hiện trường']).font = { bold: true, size: 14 };
  summary.addRow(['Kỳ thống kê', `${stats.period.from} đến ${stats.period.to} (giờ Việt Nam)`]);
  summary.addRow(['Phạm vi', meta.scopeLabel]);
  if (meta.filterLabel) summary.addRow(['Bộ lọc', meta.filterLabel]);
  summary.addRow(['Thời điểm lập', vnDateTime(meta.generatedAt.toISOString())]);
  summary.addRow([]);
  header(summary, ['Chỉ tiêu', 'Giá trị']);
  const duration = (label: string, d: Duration): [string, number | null][] => [
    [`${label}: trung vị (giờ)`, hours(d.medianSeconds)],
    [`${label}: phân vị 90 (giờ)`, hours(d.p90Seconds)],
    [`${label}: trung bình (giờ)`, hours(d.averageSeconds)],
  ];
  const lines: [string, number | null][] = [
    ['Số phản ánh tiếp nhận', s.received],
    ['Đang chờ xử lý', s.open],
    ['Đã xử lý', s.resolved],
    ['Từ chối / không thuộc thẩm quyền', s.rejected],
    ['Trùng phản ánh khác', s.duplicate],
    ['Quá hạn chưa xử lý', s.overdueOpen],
    ['Tỉ lệ đã xử lý (%)', s.resolvedPercent],
    ['Xử lý đúng hạn', s.resolvedOnTime],
    ['Tỉ lệ đúng hạn (%)', s.onTimePercent],
    ...duration('Thời gian tiếp nhận đến khi chuyển cơ quan', s.intakeToAgency),
    ['Chuyển tự động khi tiếp nhận: số phản ánh', s.intakeToAgencyByRoute.auto.count],
    ...duration('Chuyển tự động khi tiếp nhận', s.intakeToAgencyByRoute.auto),
    ['IOC kiểm tra và chuyển: số phản ánh', s.intakeToAgencyByRoute.manual.count],
    ...duration('IOC kiểm tra và chuyển', s.intakeToAgencyByRoute.manual),
    ...duration('Thời gian xử lý', s.timeToResolve),
    ['Số đánh giá', s.rated],
    ['Hài lòng', s.ratings.satisfied],
    ['Chấp nhận được', s.ratings.acceptable],
    ['Không hài lòng', s.ratings.unsatisfied],
    ['Tỉ lệ hài lòng (hài lòng + chấp nhận được, %)', s.satisfactionPercent],
    ['Tỉ lệ hài lòng riêng (%)', s.satisfiedPercent],
  ];
  for (const line of lines) summary.addRow(line);
  summary.addRow([]);
  header(summary, ['Trạng thái', 'Số phản ánh']);
  for (const st of stats.byStatus) summary.addRow([st.label, st.count]);

  // Theo lĩnh vực / cơ quan / xã phường
  const breakdown = (
    name: string,
    first: string,
    items: { label: string; values: (string | number | null)[] }[],
  ) => {
    const ws = wb.addWorksheet(name);
    widths(ws, [40, ...FIGURE_HEADERS.map(() => 14)]);
    header(ws, [first, ...FIGURE_HEADERS]);
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    for (const item of items) ws.addRow([item.label, ...item.values]);
  };
  breakdown(
    SHEETS.categories,
    'Lĩnh vực',
    stats.byCategory.map((c) => ({ label: c.category.name, values: figureValues(c) })),
  );
  breakdown(
    SHEETS.agencies,
    'Cơ quan xử lý',
    stats.byAgency.map((a) => ({
      label: a.agency?.name ?? 'Chưa chuyển cơ quan',
      values: figureValues(a),
    })),
  );
  breakdown(
    SHEETS.communes,
    'Xã/phường',
    stats.byCommune.map((c) => ({
      label: c.commune?.name ?? 'Chưa xác định',
      values: figureValues(c),
    })),
  );

  // Xu hướng
  const trends = wb.addWorksheet(SHEETS.trends);
  widths(trends, [10, 14, 14, 14, 12, 12, 12, 18]);
  header(trends, [
    'Loại',
    'Kỳ',
    'Từ ngày',
    'Đến ngày',
    'Tiếp nhận',
    'Đã xử lý',
    'Đúng hạn',
    'Tỉ lệ đúng hạn (%)',
  ]);
  trends.views = [{ state: 'frozen', ySplit: 1 }];
  const trendValues = (t: Omit<LeaderStats['trends']['weekly'][number], 'week'>) => [
    t.start,
    t.end,
    t.received,
    t.resolved,
    t.resolvedOnTime,
    t.onTimePercent,
  ];
  for (const w of stats.trends.weekly) trends.addRow(['Tuần', w.week, ...trendValues(w)]);
  for (const m of stats.trends.monthly) trends.addRow(['Tháng', m.month, ...trendValues(m)]);

  // Danh sách phản ánh
  const list = wb.addWorksheet(SHEETS.reports);
  widths(list, [12, 26, 34, 24, 22, 17, 17, 17, 20, 16]);
  header(list, [...REPORT_HEADERS]);
  list.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) list.addRow(rowValues(r));

  return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
}
