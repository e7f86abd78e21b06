import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse as error, jsonResponse as json } from '../platform/openapi';
import { createRouter } from '../platform/router';
import { stationForecast } from './forecast/service';

// GET /api/v1/weather/forecast?station={id}: the 5-day forecast of a weather station, from the
// cache the hourly cron keeps (forecast/service.ts). Public and cacheable: a forecast changes
// once an hour at most.

const ForecastDaySchema = z
  .object({
    date: z.string().openapi({ example: '2026-11-23', description: 'Ngày (giờ Việt Nam)' }),
    tempMin: z.number().openapi({ example: 23.4, description: 'Nhiệt độ thấp nhất (°C)' }),
    tempMax: z.number().openapi({ example: 31.2, description: 'Nhiệt độ cao nhất (°C)' }),
    precipitationMm: z.number().openapi({ example: 12.5, description: 'Tổng lượng mưa (mm)' }),
    precipitationProbability: z
      .number()
      .int()
      .min(0)
      .max(100)
      .nullable()
      .openapi({ example: 70, description: 'Khả năng mưa (%), null nếu không có' }),
    windSpeedMax: z.number().openapi({ example: 4.2, description: 'Tốc độ gió lớn nhất (m/s)' }),
    windDirection: z
      .number()
      .openapi({ example: 225, description: 'Hướng gió chủ đạo (độ, hướng gió thổi đến từ đó)' }),
    uvIndexMax: z.number().openapi({ example: 11, description: 'Chỉ số UV cao nhất' }),
    weatherCode: z.number().int().openapi({ example: 80, description: 'Mã thời tiết WMO' }),
    summary: z.string().openapi({ example: 'Mưa rào nhẹ' }),
  })
  .openapi('ForecastDay');

const ForecastSchema = z
  .object({
    stationId: z.string().openapi({ example: 'kt-vi-thanh' }),
    fetchedAt: z.string().openapi({ description: 'Lúc lấy dự báo từ nhà cung cấp (ISO 8601)' }),
    stale: z.boolean().openapi({
      description:
        'true: không cập nhật được dự báo mới, đây là bản đã lưu trước đó (các ngày đã qua được bỏ)',
    }),
    days: z.array(ForecastDaySchema).openapi({ description: 'Tối đa 5 ngày, bắt đầu từ hôm nay' }),
  })
  .openapi('WeatherForecast');

const ForecastQuerySchema = z.object({
  station: z
    .string({ error: 'Vui lòng chọn trạm khí tượng.' })
    .trim()
    .min(1, 'Vui lòng chọn trạm khí tượng.')
    .max(64, 'Mã trạm không hợp lệ.')
    .openapi({
      param: { name: 'station', in: 'query' },
      example: 'kt-vi-thanh',
      description: 'Mã trạm khí tượng',
    }),
});

const forecastRoute = createRoute({
  method: 'get',
  path: '/forecast',
  tags: ['Thời tiết và môi trường'],
  summary: 'Dự báo thời tiết 5 ngày',
  description:
    'Dự báo theo ngày tại vị trí một trạm khí tượng: nhiệt độ, mưa, gió, UV và mô tả thời tiết. Được làm mới mỗi giờ.',
  request: { query: ForecastQuerySchema },
  responses: {
    200: json(ForecastSchema, 'Dự báo 5 ngày'),
    400: error('Thiếu mã trạm (`validation_failed`)'),
    404: error('Không có trạm khí tượng này (`station_not_found`)'),
    503: error('Chưa có dự báo và nhà cung cấp không trả lời (`forecast_unavailable`)'),
  },
});

export const weatherRoutes = createRouter().openapi(forecastRoute, async (c) => {
  const { station } = c.req.valid('query');
  const forecast = await stationForecast(c.var.db, c.env, station, { log: c.var.log });
  // Fresh: the next refresh is within the hour. Stale: check again soon.
  c.header('Cache-Control', forecast.stale ? 'public, max-age=60' : 'public, max-age=600');
  return c.json(forecast, 200);
});
