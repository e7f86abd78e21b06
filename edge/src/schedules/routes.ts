import { createRoute, z } from '@hono/zod-openapi';
import { versionedCache } from '../content/cache';
import { addDays, vnDayStartUtc, vnToday } from '../feed/params';
import { ApiError } from '../platform/errors';
import { errorResponse as error, jsonResponse as json } from '../platform/openapi';
import { createRouter } from '../platform/router';
import { agencyCalendar, ICS_WEEKS_AHEAD, ICS_WEEKS_BACK } from './ics';
import { agencyFeed, agencyName, publicAgencies, publicEntry, publicWeek } from './repo';
import { AgencyIdParam, AgencyListSchema, PublicWeekQuery, PublicWeekSchema } from './schemas';
import { mondayOf, resolveWeek } from './week';

// Work schedules for everyone (/api/v1/schedules): a week of published and cancelled items,
// the agencies that publish, and one iCalendar feed per agency. Cached by the `schedules`
// content version; the default week and the feed's window move with time, hence the hourly
// bucket (Vietnam's midnight is on a UTC hour).

const TAG = 'Lịch công tác';
const HOUR = 3600;

const unknownAgency = (agencyId: string) =>
  new ApiError(400, 'unknown_agency', 'Cơ quan không tồn tại.', { agencyId });

const weekRoute = createRoute({
  method: 'get',
  path: '/',
  tags: [TAG],
  summary: 'Lịch công tác một tuần',
  description:
    'Các mục đã công bố và đã hủy của tuần (thứ Hai đến Chủ nhật, giờ Việt Nam), theo ngày và giờ. `revisedAt`/`revisionNote`: mục đã điều chỉnh sau khi công bố. Mặc định: tuần hiện tại.',
  middleware: [versionedCache(['schedules'], { maxAgeSeconds: 60, bucketSeconds: HOUR })] as const,
  request: { query: PublicWeekQuery },
  responses: {
    200: json(PublicWeekSchema, 'Lịch tuần'),
    304: { description: 'Không đổi (theo `If-None-Match`)' },
    400: error(
      'Tham số không hợp lệ (`validation_failed`) hoặc cơ quan không tồn tại (`unknown_agency`)',
    ),
  },
});

const agenciesRoute = createRoute({
  method: 'get',
  path: '/agencies',
  tags: [TAG],
  summary: 'Cơ quan có lịch công tác và lãnh đạo của họ',
  middleware: [versionedCache(['schedules'], { maxAgeSeconds: 300 })] as const,
  responses: {
    200: json(AgencyListSchema, 'Cơ quan'),
    304: { description: 'Không đổi (theo `If-None-Match`)' },
  },
});

const icsRoute = createRoute({
  method: 'get',
  path: '/agencies/{agencyId}/calendar.ics',
  tags: [TAG],
  summary: 'Lịch công tác của cơ quan dạng iCalendar (.ics) để đăng ký trong ứng dụng lịch',
  description: `Từ ${ICS_WEEKS_BACK} tuần trước đến ${ICS_WEEKS_AHEAD} tuần tới; mục đã hủy có STATUS:CANCELLED.`,
  middleware: [versionedCache(['schedules'], { maxAgeSeconds: 900, bucketSeconds: HOUR })] as const,
  request: { params: AgencyIdParam },
  responses: {
    200: {
      description: 'Tệp iCalendar (RFC 5545)',
      content: { 'text/calendar': { schema: z.string() } },
    },
    304: { description: 'Không đổi (theo `If-None-Match`)' },
    400: error('Mã cơ quan không hợp lệ'),
    404: error('Không có cơ quan này (`agency_not_found`)'),
  },
});

export const scheduleRoutes = createRouter()
  .openapi(weekRoute, async (c) => {
    const q = c.req.valid('query');
    if (q.agency && (await agencyName(c.var.db, q.agency)) === null) throw unknownAgency(q.agency);
    const range = resolveWeek(q);
    const rows = await publicWeek(c.var.db, range, q);
    const days = Array.from({ length: 7 }, (_, i) => ({
      date: addDays(range.from, i),
      items: [] as ReturnType<typeof publicEntry>[],
    }));
    for (const row of rows) {
      const item = publicEntry(row, q.lang);
      days.find((d) => d.date === item.date)?.items.push(item);
    }
    const { week, from, to, previousWeek, nextWeek } = range;
    return c.json({ week, from, to, previousWeek, nextWeek, days, total: rows.length }, 200);
  })
  .openapi(agenciesRoute, async (c) => {
    return c.json({ agencies: await publicAgencies(c.var.db) }, 200);
  })
  .openapi(icsRoute, async (c) => {
    const { agencyId } = c.req.valid('param');
    const name = await agencyName(c.var.db, agencyId);
    if (name === null) {
      throw new ApiError(404, 'agency_not_found', 'Không tìm thấy cơ quan.', { agencyId });
    }
    const monday = mondayOf(vnToday());
    const rows = await agencyFeed(
      c.var.db,
      agencyId,
      vnDayStartUtc(addDays(monday, -7 * ICS_WEEKS_BACK)),
      vnDayStartUtc(addDays(monday, 7 * ICS_WEEKS_AHEAD)),
    );
    const body = agencyCalendar({ id: agencyId, name }, rows);
    return c.body(body, 200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `inline; filename="lich-cong-tac-${agencyId}.ics"`,
    });
  });
