import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { requireOfficial } from '../access/guard';
import { type Action, type ReportScope, reportScope } from '../access/permissions';
import { addDays, daysBetween, periodRange, VnDaySchema, vnToday } from '../feed/params';
import type { AppEnv } from '../platform/env';
import { ApiError } from '../platform/errors';
import { errorResponse as error, jsonResponse as json } from '../platform/openapi';
import { createRouter } from '../platform/router';
import { buildCsv, buildXlsx, CSV_TYPE, type ExportMeta, exportRow, XLSX_TYPE } from './export';
import { buildLeaderStats, communeName, type LeaderStats, LeaderStatsSchema } from './leader';
import {
  type ExportReportRow,
  exportList,
  type LeaderStatsFilter,
  type LeaderStatsRows,
  leaderStatsRows,
  leaderStatsWithReports,
  type NameRow,
} from './leader-repo';
import { DEFAULT_PERIOD_DAYS } from './routes';

// Statistics for leaders (`stats.read`) and their exports (`stats.export`), limited to what
// the official may see: the whole province (IOC, province leaders), their agency's reports
// (agency leaders) or the reports located in their commune (commune officers). The filters
// narrow that scope further; they never widen it.

const TAG = 'Thống kê cho lãnh đạo';

/** The longest period one request may cover (two years, a leap day included). */
export const MAX_PERIOD_DAYS = 731;
/** Most reports one export lists; a larger period must be narrowed (or split). */
export const MAX_EXPORT_ROWS = 50_000;

const id = (name: string, description: string) =>
  z
    .string()
    .min(1)
    .max(64)
    .optional()
    .openapi({ param: { name, in: 'query' }, description });

const FilterQuery = z.object({
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
  agencyId: id('agencyId', 'Chỉ phản ánh do cơ quan này xử lý'),
  communeId: id('communeId', 'Chỉ phản ánh trên địa bàn xã/phường này'),
  categoryId: id('categoryId', 'Chỉ phản ánh thuộc lĩnh vực này'),
});

type Period = { from?: string; to?: string };
const periodChecks = <T extends z.ZodType<Period>>(schema: T) =>
  schema
    .refine((q) => !q.from || !q.to || q.from <= q.to, {
      message: 'Ngày bắt đầu (from) phải trước hoặc bằng ngày kết thúc (to).',
      path: ['from'],
    })
    .refine((q) => !q.from || !q.to || daysBetween(q.from, q.to) < MAX_PERIOD_DAYS, {
      message: `Kỳ thống kê dài nhất ${MAX_PERIOD_DAYS} ngày (hai năm).`,
      path: ['from'],
    });

const StatsQuerySchema = periodChecks(FilterQuery);
const ExportQuerySchema = periodChecks(
  FilterQuery.extend({
    format: z
      .enum(['xlsx', 'csv'])
      .default('xlsx')
      .openapi({
        param: { name: 'format', in: 'query' },
        description:
          '`xlsx`: sổ tính Excel (tổng hợp, theo lĩnh vực, cơ quan, xã/phường, xu hướng, danh sách); `csv`: danh sách phản ánh',
      }),
  }),
);

const forbidden = {
  401: error('Chưa đăng nhập bằng tài khoản cán bộ (`official_session_required`)'),
  403: error('Không có quyền xem thống kê (`forbidden`)'),
};

const statsRoute = createRoute({
  method: 'get',
  path: '/',
  tags: [TAG],
  summary: 'Thống kê phản ánh cho lãnh đạo',
  description:
    'Số liệu các phản ánh tiếp nhận trong kỳ (kể cả phản ánh bị ẩn), trong phạm vi được xem: theo trạng thái, lĩnh vực, cơ quan, xã/phường; ' +
    'tỉ lệ đúng hạn, thời gian chuyển cơ quan và thời gian xử lý (trung vị, phân vị 90), tỉ lệ hài lòng; xu hướng theo tuần (thứ Hai đến Chủ nhật) và theo tháng. ' +
    'Quyền `stats.read`: toàn tỉnh (IOC, lãnh đạo tỉnh), cơ quan mình (lãnh đạo cơ quan), xã/phường mình (cán bộ xã/phường).',
  request: { query: StatsQuerySchema },
  responses: {
    200: json(LeaderStatsSchema, 'Số liệu'),
    400: error('Tham số không hợp lệ (`validation_failed`)'),
    ...forbidden,
  },
});

const exportRoute = createRoute({
  method: 'get',
  path: '/export',
  tags: [TAG],
  summary: 'Xuất thống kê (XLSX) hoặc danh sách phản ánh (CSV)',
  description:
    'Cùng bộ lọc và phạm vi như thống kê; quyền `stats.export`. Danh sách không có thông tin liên hệ của người phản ánh. ' +
    `Tối đa ${MAX_EXPORT_ROWS.toLocaleString('vi-VN')} phản ánh mỗi lần xuất (\`export_too_large\` nếu nhiều hơn: thu hẹp kỳ hoặc thêm bộ lọc). ` +
    'CSV: UTF-8 có BOM (mở thẳng bằng Excel), dấu phẩy, dòng CRLF, theo RFC 4180.',
  request: { query: ExportQuerySchema },
  responses: {
    200: {
      description: 'Tệp tải về (Content-Disposition: attachment, tên tệp theo kỳ)',
      content: {
        [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) },
        'text/csv': { schema: z.string() },
      },
    },
    400: error('Tham số không hợp lệ (`validation_failed`)'),
    ...forbidden,
    422: error('Quá nhiều phản ánh cho một lần xuất (`export_too_large`)'),
  },
});

/** The official's scope for `action`, or 403. */
function scopeFor(c: Context<AppEnv>, action: Action): ReportScope {
  const official = requireOfficial(c);
  const scope = reportScope(official, action);
  if (!scope) {
    throw new ApiError(403, 'forbidden', 'Bạn không có quyền xem thống kê phản ánh.', {
      action,
    });
  }
  return scope;
}

type FilterInput = z.infer<typeof FilterQuery>;

function filterOf(query: FilterInput, scope: ReportScope, now: Date) {
  const to = query.to ?? (query.from && query.from > vnToday(now) ? query.from : vnToday(now));
  const from = query.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
  const range = periodRange(from, to);
  const filter: LeaderStatsFilter = {
    start: range.start as string,
    end: range.end as string,
    now: now.toISOString(),
    scope,
    ...(query.agencyId ? { agencyId: query.agencyId } : {}),
    ...(query.communeId ? { communeId: query.communeId } : {}),
    ...(query.categoryId ? { categoryId: query.categoryId } : {}),
  };
  const context = {
    from,
    to,
    filters: {
      agencyId: query.agencyId,
      communeId: query.communeId,
      categoryId: query.categoryId,
    },
    scope: scope.all
      ? { all: true, agencyId: null, communeId: null }
      : { all: false, agencyId: scope.agencyId, communeId: scope.communeId },
  };
  return { filter, context };
}

/** The scope and filters in words, for the workbook's first sheet. */
function describe(rows: LeaderStatsRows, stats: LeaderStats): Omit<ExportMeta, 'generatedAt'> {
  const name = (kind: 'agency' | 'commune' | 'category', id: string) => {
    const row = rows.names.find((n) => n.kind === kind && n.id === id);
    if (!row) return id;
    return kind === 'commune' ? communeName(row) : row.name;
  };
  const scopeParts: string[] = [];
  if (stats.scope.agencyId) scopeParts.push(`Cơ quan: ${name('agency', stats.scope.agencyId)}`);
  if (stats.scope.communeId) scopeParts.push(`Địa bàn: ${name('commune', stats.scope.communeId)}`);
  const f = stats.filters;
  const filterParts = [
    f.categoryId && `Lĩnh vực: ${name('category', f.categoryId)}`,
    f.agencyId && `Cơ quan: ${name('agency', f.agencyId)}`,
    f.communeId && `Xã/phường: ${name('commune', f.communeId)}`,
  ].filter((p): p is string => Boolean(p));
  return {
    scopeLabel: stats.scope.all ? 'Toàn tỉnh' : scopeParts.join('; '),
    filterLabel: filterParts.join('; '),
  };
}

const leader = createRouter();

// Figures for officials only: never kept by a shared cache or the browser's disk cache.
leader.use('*', async (c, next) => {
  await next();
  c.res.headers.set('Cache-Control', 'private, no-store');
});

export const leaderStatsRoutes = leader
  .openapi(statsRoute, async (c) => {
    const scope = scopeFor(c, 'stats.read');
    const { filter, context } = filterOf(c.req.valid('query'), scope, new Date());
    const rows = await leaderStatsRows(c.var.db, filter);
    return c.json(buildLeaderStats(rows, context), 200);
  })
  .openapi(exportRoute, async (c) => {
    const scope = scopeFor(c, 'stats.export');
    const query = c.req.valid('query');
    const now = new Date();
    const { filter, context } = filterOf(query, scope, now);
    const tooLarge = (count: number) =>
      new ApiError(
        422,
        'export_too_large',
        `Kỳ thống kê có ${count.toLocaleString('vi-VN')} phản ánh, vượt quá giới hạn ${MAX_EXPORT_ROWS.toLocaleString('vi-VN')} phản ánh của một lần xuất. Vui lòng thu hẹp khoảng thời gian hoặc thêm bộ lọc.`,
        { count, max: MAX_EXPORT_ROWS },
      );
    const listOf = (rows: { names: NameRow[]; reports: ExportReportRow[] }) => {
      const communes = new Map(
        rows.names.filter((n) => n.kind === 'commune').map((n) => [n.id, communeName(n)]),
      );
      return rows.reports.map((r) =>
        exportRow(r, now.getTime(), r.communeId ? (communes.get(r.communeId) ?? null) : null),
      );
    };
    const base = `thong-ke-phan-anh_${context.from}_${context.to}`;
    if (query.format === 'csv') {
      // The list alone: no figures to compute.
      const rows = await exportList(c.var.db, filter, MAX_EXPORT_ROWS);
      if (rows.count > MAX_EXPORT_ROWS) throw tooLarge(rows.count);
      return c.body(buildCsv(listOf(rows)), 200, {
        'Content-Type': CSV_TYPE,
        'Content-Disposition': `attachment; filename="${base}.csv"`,
      });
    }
    const rows = await leaderStatsWithReports(c.var.db, filter, MAX_EXPORT_ROWS);
    const stats = buildLeaderStats(rows, context);
    if (stats.summary.received > MAX_EXPORT_ROWS) throw tooLarge(stats.summary.received);
    const xlsx = await buildXlsx(stats, listOf(rows), {
      ...describe(rows, stats),
      generatedAt: now,
    });
    return c.body(xlsx, 200, {
      'Content-Type': XLSX_TYPE,
      'Content-Disposition': `attachment; filename="${base}.xlsx"`,
    });
  });
