import { createRoute, z } from '@hono/zod-openapi';
import { publicCache } from '../feed/cache';
import { addDays, periodRange, VnDaySchema, vnToday } from '../feed/params';
import { ErrorSchema } from '../platform/errors';
import { jsonResponse as json } from '../platform/openapi';
import { createRouter } from '../platform/router';
import { type AgencyStatsRow, type StatsCounts, statsByAgency } from './repo';

// Public statistics of field reports, for the province and per handling agency.

/** Days covered when the period is not given: the last 30 days, today included. */
export const DEFAULT_PERIOD_DAYS = 30;

const percent = z
  .number()
  .nullable()
  .openapi({ description: 'Phần trăm, một chữ số thập phân; `null` khi chưa có dữ liệu để tính' });

const FiguresSchema = z
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
    resolvedPercent: percent.openapi({ description: 'resolved / received × 100' }),
    resolvedOnTime: z.number().int().openapi({ description: 'Đã xử lý không muộn hơn hạn xử lý' }),
    onTimePercent: percent.openapi({
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
    satisfactionPercent: percent.openapi({
      description: 'Tỉ lệ hài lòng: (hài lòng + chấp nhận được) / số đánh giá × 100',
    }),
  })
  .openapi('ReportFigures');

const StatsSchema = z
  .object({
    period: z.object({
      from: z.string().openapi({ example: '2025-07-01' }),
      to: z.string().openapi({ example: '2025-07-30' }),
      timeZone: z.literal('Asia/Ho_Chi_Minh'),
    }),
    province: FiguresSchema,
    agencies: z.array(
      FiguresSchema.extend({ agency: z.object({ id: z.string(), name: z.string() }) }).openapi(
        'AgencyFigures',
      ),
    ),
  })
  .openapi('ReportStats');

const StatsQuerySchema = z
  .object({
    from: VnDaySchema.optional().openapi({
      param: { name: 'from', in: 'query' },
      description: `Từ ngày (giờ Việt Nam), gồm cả ngày này; mặc định ${DEFAULT_PERIOD_DAYS - 1} ngày trước \`to\``,
      example: '2025-07-01',
    }),
    to: VnDaySchema.optional().openapi({
      param: { name: 'to', in: 'query' },
      description: 'Đến ngày (giờ Việt Nam), gồm cả ngày này; mặc định hôm nay',
      example: '2025-07-30',
    }),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'Ngày bắt đầu (from) phải trước hoặc bằng ngày kết thúc (to).',
    path: ['from'],
  });

const statsRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['Phản ánh công khai'],
  summary: 'Thống kê phản ánh',
  description:
    'Số liệu công khai về các phản ánh tiếp nhận trong kỳ (không tính phản ánh bị ẩn), của toàn tỉnh và từng cơ quan xử lý. ' +
    'Mọi số liệu tính trên cùng nhóm phản ánh: những phản ánh được tiếp nhận trong kỳ, với trạng thái hiện tại của chúng. ' +
    'Phản ánh chưa chuyển cơ quan chỉ được tính vào số liệu toàn tỉnh. ' +
    'Đánh giá là đánh giá của người phản ánh cho lần xử lý hiện tại.',
  request: { query: StatsQuerySchema },
  responses: {
    200: json(StatsSchema, 'Số liệu'),
    304: { description: 'Không thay đổi so với bản đã lưu (theo `If-None-Match`)' },
    400: json(ErrorSchema, 'Tham số không hợp lệ (`validation_failed`)'),
    500: json(ErrorSchema, 'Lỗi hệ thống'),
  },
});

const pct = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;

export function figures(c: StatsCounts): z.infer<typeof FiguresSchema> {
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

const COUNT_KEYS = [
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

/** SUM/TOTAL come back as floats from SQLite; every figure is a whole count. */
function counts(row: StatsCounts): StatsCounts {
  const out = {} as StatsCounts;
  for (const key of COUNT_KEYS) out[key] = Math.round(Number(row[key] ?? 0));
  return out;
}

function sum(rows: StatsCounts[]): StatsCounts {
  const total = Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as unknown as StatsCounts;
  for (const row of rows) for (const key of COUNT_KEYS) total[key] += row[key];
  return total;
}

/** Statistics change slowly; five minutes of shared caching is fine. */
const STATS_MAX_AGE = 300;

const stats = createRouter();
stats.use('*', ...publicCache(STATS_MAX_AGE));

export const statsRoutes = stats.openapi(statsRoute, async (c) => {
  const query = c.req.valid('query');
  const now = new Date();
  const to = query.to ?? (query.from && query.from > vnToday(now) ? query.from : vnToday(now));
  const from = query.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
  const range = periodRange(from, to);
  const rows: AgencyStatsRow[] = await statsByAgency(c.var.db, {
    start: range.start as string,
    end: range.end as string,
    now: now.toISOString(),
  });
  const groups = rows.map((row) => ({ row, counts: counts(row) }));
  const agencies = groups.flatMap(({ row, counts: n }) =>
    row.agencyId && row.agencyName
      ? [{ agency: { id: row.agencyId, name: row.agencyName }, ...figures(n) }]
      : [],
  );
  return c.json(
    {
      period: { from, to, timeZone: 'Asia/Ho_Chi_Minh' as const },
      province: figures(sum(groups.map((g) => g.counts))),
      agencies,
    },
    200,
  );
});
