import { createRoute } from '@hono/zod-openapi';
import { ApiError } from '../platform/errors';
import { errorResponse as error, jsonResponse as json } from '../platform/openapi';
import { createRouter } from '../platform/router';
import { findStation, listStations } from './repo';
import {
  SeriesQuery,
  SeriesSchema,
  StationDetailSchema,
  StationIdParam,
  StationListQuery,
  StationListSchema,
} from './schemas';
import { stationSeries } from './series';

// Public station data for the mini app (/api/v1/stations): the map and list with latest
// values, a station page, and chart series. No account needed; short public caches, since
// readings arrive every 5 minutes and the same answer serves every citizen.

const TAG = 'Quan trắc môi trường';

const stationNotFound = (id: string) =>
  new ApiError(404, 'station_not_found', 'Không tìm thấy trạm quan trắc.', { id });

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: [TAG],
  summary: 'Trạm quan trắc và số liệu mới nhất',
  description:
    'Các trạm đang hoạt động (lọc theo loại), mỗi trạm có giá trị mới nhất của từng chỉ số và cảnh báo nặng nhất đang có. Một lần truy vấn cơ sở dữ liệu; lưu đệm 60 giây.',
  request: { query: StationListQuery },
  responses: {
    200: json(StationListSchema, 'Danh sách trạm'),
    400: error('Tham số không hợp lệ'),
  },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags: [TAG],
  summary: 'Một trạm: số liệu mới nhất, ngưỡng và cảnh báo',
  description: 'Cảnh báo đang có và của 30 ngày qua, mới nhất trước.',
  request: { params: StationIdParam },
  responses: {
    200: json(StationDetailSchema, 'Trạm'),
    404: error('Không có trạm này (`station_not_found`)'),
  },
});

const seriesRoute = createRoute({
  method: 'get',
  path: '/{id}/series',
  tags: [TAG],
  summary: 'Chuỗi số liệu để vẽ biểu đồ',
  description:
    '`24h`: từng lần đo trong 24 giờ (giá trị nhảy bất thường có `spike: true`); `10d`: theo giờ, 10 ngày; `30d`: theo ngày (giờ Việt Nam), 30 ngày, có nhỏ nhất / lớn nhất. Kèm các ngưỡng cảnh báo của chỉ số.',
  request: { params: StationIdParam, query: SeriesQuery },
  responses: {
    200: json(SeriesSchema, 'Chuỗi số liệu'),
    400: error('Tham số không hợp lệ'),
    404: error(
      'Không có trạm này (`station_not_found`) hoặc trạm không đo chỉ số này (`metric_not_measured`)',
    ),
  },
});

export const stationRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const { kind } = c.req.valid('query');
    const items = await listStations(c.var.db, kind);
    c.header('Cache-Control', 'public, max-age=60');
    return c.json({ items }, 200);
  })
  .openapi(detailRoute, async (c) => {
    const { id } = c.req.valid('param');
    const station = await findStation(c.var.db, id);
    if (!station) throw stationNotFound(id);
    c.header('Cache-Control', 'public, max-age=60');
    return c.json(station, 200);
  })
  .openapi(seriesRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { metric, range } = c.req.valid('query');
    const series = await stationSeries(c.var.db, { stationId: id, metric, range });
    if (series === 'station_not_found') throw stationNotFound(id);
    if (series === 'metric_not_measured') {
      throw new ApiError(404, 'metric_not_measured', 'Trạm này không đo chỉ số được chọn.', {
        id,
        metric,
      });
    }
    // Raw readings change every 5 minutes; hourly and daily points much more slowly.
    c.header('Cache-Control', `public, max-age=${range === '24h' ? 60 : 300}`);
    return c.json(series, 200);
  });
