import { createRoute } from '@hono/zod-openapi';
import { versionedCache } from '../content/cache';
import { ApiError } from '../platform/errors';
import { errorResponse as error, jsonResponse as json } from '../platform/openapi';
import { createRouter } from '../platform/router';
import { frequencyOf, samePeriodLastYear } from './periods';
import {
  compare,
  findIndicator,
  publicCards,
  publicDefinition,
  publicSeries,
  publishedPeriods,
} from './repo';
import {
  CompareQuery,
  CompareSchema,
  IndicatorGroupsSchema,
  IndicatorIdParam,
  IndicatorListQuery,
  IndicatorSeriesSchema,
  PeriodsSchema,
  SeriesQuery,
} from './schemas';

// Socio-economic indicators for everyone (/api/v1/indicators, issue 8): the latest figures by
// group, an indicator's series for its chart, and two periods side by side. Only published
// indicators are shown; every page is cached on the module's content version.

const TAG = 'Chỉ tiêu kinh tế - xã hội';
const cached = versionedCache(['indicators'], { maxAgeSeconds: 300 });
const notModified = { 304: { description: 'Không đổi (theo `If-None-Match`)' } };

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: [TAG],
  summary: 'Chỉ tiêu theo nhóm, với số liệu mới nhất',
  description:
    'Mỗi chỉ tiêu: kỳ mới nhất, giá trị, kế hoạch của kỳ đó, giá trị kỳ liền trước và mức thay đổi (tuyệt đối và %). Tìm `q` có dấu hoặc không dấu.',
  middleware: [cached] as const,
  request: { query: IndicatorListQuery },
  responses: {
    200: json(IndicatorGroupsSchema, 'Các nhóm chỉ tiêu'),
    ...notModified,
    400: error('Tham số không hợp lệ'),
  },
});

const periodsRoute = createRoute({
  method: 'get',
  path: '/periods',
  tags: [TAG],
  summary: 'Các kỳ có số liệu, theo loại kỳ (mới nhất trước)',
  middleware: [cached] as const,
  responses: { 200: json(PeriodsSchema, 'Các kỳ'), ...notModified },
});

const compareRoute = createRoute({
  method: 'get',
  path: '/compare',
  tags: [TAG],
  summary: 'So sánh hai kỳ',
  description:
    'Mọi chỉ tiêu đã công bố có cùng loại kỳ với `period`, với giá trị hai kỳ và mức thay đổi. `with` mặc định là cùng kỳ năm trước. Thay đổi % là null khi kỳ so sánh bằng 0.',
  middleware: [cached] as const,
  request: { query: CompareQuery },
  responses: {
    200: json(CompareSchema, 'So sánh'),
    ...notModified,
    400: error('Kỳ không hợp lệ hoặc hai kỳ khác loại'),
  },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags: [TAG],
  summary: 'Một chỉ tiêu và chuỗi số liệu',
  description: 'Chuỗi theo thứ tự kỳ tăng dần; `from`/`to` giới hạn khoảng kỳ (cùng loại kỳ).',
  middleware: [cached] as const,
  request: { params: IndicatorIdParam, query: SeriesQuery },
  responses: {
    200: json(IndicatorSeriesSchema, 'Chỉ tiêu'),
    ...notModified,
    400: error('Kỳ không hợp lệ'),
    404: error('Không có chỉ tiêu này (`indicator_not_found`)'),
  },
});

export const indicatorRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const { lang, ...filter } = c.req.valid('query');
    return c.json(await publicCards(c.var.db, filter, lang), 200);
  })
  .openapi(periodsRoute, async (c) => c.json(await publishedPeriods(c.var.db), 200))
  .openapi(compareRoute, async (c) => {
    const q = c.req.valid('query');
    const frequency = frequencyOf(q.period);
    const other = q.with ?? samePeriodLastYear(q.period);
    if (!frequency || !other) {
      throw new ApiError(400, 'validation_failed', 'Kỳ không hợp lệ.');
    }
    const items = await compare(c.var.db, frequency, q.period, other, q.lang);
    return c.json({ period: q.period, with: other, frequency, items }, 200);
  })
  .openapi(detailRoute, async (c) => {
    const { id } = c.req.valid('param');
    const q = c.req.valid('query');
    const row = await findIndicator(c.var.db, id);
    if (row?.status !== 'published') {
      throw new ApiError(404, 'indicator_not_found', 'Không tìm thấy chỉ tiêu.');
    }
    for (const p of [q.from, q.to]) {
      if (p && frequencyOf(p) !== row.frequency) {
        throw new ApiError(400, 'validation_failed', 'Kỳ không cùng loại với chỉ tiêu.', {
          frequency: row.frequency,
        });
      }
    }
    const series = await publicSeries(c.var.db, id, q.from, q.to);
    return c.json(
      {
        indicator: { ...publicDefinition(row, q.lang), updatedAt: row.updatedAt },
        series: series.map(({ period, value, target, note }) => ({ period, value, target, note })),
      },
      200,
    );
  });
