import { z } from '@hono/zod-openapi';
import type { StatsCounts } from './repo';

// The figures of a group of reports (the province, an agency, a category, a commune): the
// counts summed in SQL and the percentages computed from them. Shared by the public
// statistics and the leaders' statistics, so both say the same thing the same way.

export const PercentSchema = z
  .number()
  .nullable()
  .openapi({ description: 'Phần trăm, một chữ số thập phân; `null` khi chưa có dữ liệu để tính' });

export const FiguresSchema = z
  .object({
    received: z.number().int().openapi({ description: 'Số phản ánh tiếp nhận trong kỳ' }),
    open: z.number().int().openapi({
      description: 'Trong số đó, đang chờ xử lý (đã tiếp nhận, đã chuyển, đang xử lý)',
    }),
    resolved: z.number().int().openapi({ description: 'Trong số đó, đã xử lý' }),
    rejected: z
      .number()
      .int()
      .openapi({ description: 'Trong số đó, từ chối / không thuộc thẩm quyền' }),
    duplicate: z.number().int().openapi({ description: 'Trong số đó, trùng phản ánh khác' }),
    overdueOpen: z.number().int().openapi({ description: 'Đang chờ xử lý và đã quá hạn' }),
    resolvedPercent: PercentSchema.openapi({ description: 'resolved / received × 100' }),
    resolvedOnTime: z.number().int().openapi({ description: 'Đã xử lý không muộn hơn hạn xử lý' }),
    onTimePercent: PercentSchema.openapi({
      description: 'Tỉ lệ đúng hạn: resolvedOnTime / số phản ánh đã xử lý có hạn xử lý × 100',
    }),
    rated: z
      .number()
      .int()
      .openapi({ description: 'Số phản ánh đã xử lý được người phản ánh đánh giá' }),
    ratings: z.object({
      satisfied: z.number().int().openapi({ description: 'Hài lòng' }),
      acceptable: z.number().int().openapi({ description: 'Chấp nhận được' }),
      unsatisfied: z.number().int().openapi({ description: 'Không hài lòng' }),
    }),
    satisfactionPercent: PercentSchema.openapi({
      description: 'Tỉ lệ hài lòng: (hài lòng + chấp nhận được) / số đánh giá × 100',
    }),
  })
  .openapi('ReportFigures');

export type Figures = z.infer<typeof FiguresSchema>;

export const pct = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;

export function figures(c: StatsCounts): Figures {
  const rated = c.satisfied + c.acceptable + c.unsatisfied;
  return {
    received: c.received,
    open: c.open,
    resolved: c.resolved,
    rejected: c.rejected,
    duplicate: c.duplicate,
    overdueOpen: c.overdueOpen,
    resolvedPercent: pct(c.resolved, c.received),
    resolvedOnTime: c.resolvedOnTime,
    onTimePercent: pct(c.resolvedOnTime, c.resolvedWithDue),
    rated,
    ratings: { satisfied: c.satisfied, acceptable: c.acceptable, unsatisfied: c.unsatisfied },
    satisfactionPercent: pct(c.satisfied + c.acceptable, rated),
  };
}

export const COUNT_KEYS = [
  'received',
  'open',
  'resolved',
  'rejected',
  'duplicate',
  'overdueOpen',
  'resolvedWithDue',
  'resolvedOnTime',
  'satisfied',
  'acceptable',
  'unsatisfied',
] as const satisfies readonly (keyof StatsCounts)[];

export const zeroCounts = (): StatsCounts =>
  Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as unknown as StatsCounts;

/** SUM/TOTAL come back as floats from SQLite; every figure is a whole count. */
export function counts(row: Partial<Record<keyof StatsCounts, unknown>>): StatsCounts {
  const out = zeroCounts();
  for (const key of COUNT_KEYS) out[key] = Math.round(Number(row[key] ?? 0));
  return out;
}

/** Adds `row` into `total` (in place) and answers `total`. */
export function addCounts(total: StatsCounts, row: StatsCounts): StatsCounts {
  for (const key of COUNT_KEYS) total[key] += row[key];
  return total;
}

export function sum(rows: StatsCounts[]): StatsCounts {
  const total = zeroCounts();
  for (const row of rows) addCounts(total, row);
  return total;
}
