import { createRoute, z } from '@hono/zod-openapi';
import { publicCache } from '../feed/cache';
import { addDays, periodRange, VnDaySchema, vnToday } from '../feed/params';
import { ErrorSchema } from '../platform/errors';
import { jsonResponse as json } from '../platform/openapi';
import { createRouter } from '../platform/router';
import { counts, FiguresSchema, figures, sum } from './figures';
import type { PercentileRow } from './leader-repo';
import { statsByAgency } from './repo';

// Public statistics of field reports, for the province and per handling agency.

/** Days covered when the period is not given: the last 30 days, today included. */
export const DEFAULT_PERIOD_DAYS = 30;

const medianSeconds = z.number().int().nullable();

/** The province's transparency figures: counts, rates and the two medians. */
const ProvinceFiguresSchema = FiguresSchema.extend({
  medianIntakeToAgencySeconds: medianSeconds.openapi({
    description:
      'Trung vị thời gian từ lúc tiếp nhận đến khi chuyển tới cơ quan xử lý lần đầu, giây (`null` khi chưa có)',
  }),
  medianTimeToResolveSeconds: medianSeconds.openapi({
    description:
      'Trung vị thời gian từ lúc tiếp nhận đến khi xử lý xong, giây (phản ánh đã xử lý; `null` khi chưa có)',
  }),
}).openapi('ProvinceReportFigures');

const StatsSchema = z
  .object({
    period: z.object({
      from: z.string().openapi({ example: '2025-07-01' }),
      to: z.string().openapi({ example: '2025-07-30' }),
      timeZone: z.literal('Asia/Ho_Chi_Minh'),
    }),
    province: ProvinceFiguresSchema,
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
    'Đánh giá là đánh giá của người phản ánh cho lần xử lý hiện tại. ' +
    'Trung vị (phần tử thứ ⌈n/2⌉ khi sắp xếp): thời gian chuyển cơ quan tính trên phản ánh đã được chuyển, thời gian xử lý trên phản ánh đã xử lý.',
  request: { query: StatsQuerySchema },
  responses: {
    200: json(StatsSchema, 'Số liệu'),
    304: { description: 'Không thay đổi so với bản đã lưu (theo `If-None-Match`)' },
    400: json(ErrorSchema, 'Tham số không hợp lệ (`validation_failed`)'),
    500: json(ErrorSchema, 'Lỗi hệ thống'),
  },
});

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
  const { agencies: rows, percentiles } = await statsByAgency(c.var.db, {
    start: range.start as string,
    end: range.end as string,
    now: now.toISOString(),
  });
  // The province's medians, in whole seconds (none per agency: each would cost one more
  // sort of the period's reports, on a public endpoint).
  const median = (kind: PercentileRow['kind']) => {
    const row = percentiles.find((p) => p.kind === kind && Number(p.isMedian));
    return row ? Math.round(Number(row.seconds)) : null;
  };
  const transparency = {
    medianIntakeToAgencySeconds: median('intake'),
    medianTimeToResolveSeconds: median('resolve'),
  };
  const groups = rows.map((row) => ({ row, counts: counts(row) }));
  const agencies = groups.flatMap(({ row, counts: n }) =>
    row.agencyId && row.agencyName
      ? [
          {
            agency: { id: row.agencyId, name: row.agencyName },
            ...figures(n),
          },
        ]
      : [],
  );
  return c.json(
    {
      period: { from, to, timeZone: 'Asia/Ho_Chi_Minh' as const },
      province: {
        ...figures(sum(groups.map((g) => g.counts))),
        ...transparency,
      },
      agencies,
    },
    200,
  );
});
