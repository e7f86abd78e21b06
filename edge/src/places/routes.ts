import { createRoute } from '@hono/zod-openapi';
import { versionedCache } from '../content/cache';
import { localize } from '../content/lang';
import { ApiError } from '../platform/errors';
import { errorResponse as error, jsonResponse as json } from '../platform/openapi';
import { createRouter } from '../platform/router';
import { findPlace, listPlaces, POINTS_CAP, placeFacets, placePoints, publicPlace } from './repo';
import {
  encodeOffset,
  PlaceFacetsSchema,
  PlaceIdParam,
  PlaceListQuery,
  PlaceListSchema,
  PlacePointsQuery,
  PlacePointsSchema,
  PlaceResultSchema,
} from './schemas';

// Digital map for everyone (/api/v1/places, issue 8): points of interest in health,
// education and tourism by commune, a compact layer of points for the map's visible box, and
// "near me". Every answer is cached by the places' content version (ETag, Cache API).

const TAG = 'Bản đồ số';
const cached = versionedCache(['places'], { maxAgeSeconds: 120 });
const notModified = { description: 'Không đổi (theo `If-None-Match`)' };
const placeNotFound = () => new ApiError(404, 'place_not_found', 'Không tìm thấy địa điểm.');

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: [TAG],
  summary: 'Danh sách địa điểm',
  description:
    'Lọc theo lĩnh vực, loại, xã/phường; tìm `q` có dấu hoặc không dấu. Mặc định theo tên; với `near=vĩ độ,kinh độ`: các địa điểm trong 50 km, gần nhất trước, mỗi mục có `distanceMetres`.',
  middleware: [cached] as const,
  request: { query: PlaceListQuery },
  responses: {
    200: json(PlaceListSchema, 'Một trang địa điểm'),
    304: notModified,
    400: error('Tham số không hợp lệ (`validation_failed`)'),
  },
});

const pointsRoute = createRoute({
  method: 'get',
  path: '/points',
  tags: [TAG],
  summary: 'Các điểm trong khung bản đồ',
  description: `Gọn cho bản đồ: id, tọa độ, loại, tên. Tối đa ${POINTS_CAP} điểm; nhiều hơn thì \`capped: true\` (phóng to để xem đủ).`,
  middleware: [cached] as const,
  request: { query: PlacePointsQuery },
  responses: {
    200: json(PlacePointsSchema, 'Các điểm'),
    304: notModified,
    400: error('Tham số không hợp lệ (`validation_failed`)'),
  },
});

const facetsRoute = createRoute({
  method: 'get',
  path: '/facets',
  tags: [TAG],
  summary: 'Số địa điểm theo lĩnh vực, loại, xã/phường',
  middleware: [cached] as const,
  responses: { 200: json(PlaceFacetsSchema, 'Số đếm'), 304: notModified },
});

const placeRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags: [TAG],
  summary: 'Một địa điểm',
  middleware: [cached] as const,
  request: { params: PlaceIdParam, query: PlaceListQuery.pick({ lang: true }) },
  responses: {
    200: json(PlaceResultSchema, 'Địa điểm'),
    304: notModified,
    404: error('Không có địa điểm này, hoặc đã ẩn (`place_not_found`)'),
  },
});

export const placeRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const q = c.req.valid('query');
    const offset = q.cursor ?? 0;
    const { rows, more } = await listPlaces(c.var.db, q, { offset, limit: q.limit, near: q.near });
    const items = rows.map((r) => ({
      ...publicPlace(r, q.lang),
      ...(r.distanceMetres !== undefined ? { distanceMetres: r.distanceMetres } : {}),
    }));
    return c.json({ items, nextCursor: more ? encodeOffset(offset + q.limit) : null }, 200);
  })
  .openapi(pointsRoute, async (c) => {
    const q = c.req.valid('query');
    const { rows, capped } = await placePoints(c.var.db, q.bbox, q);
    const points = rows.map((r) => ({
      id: r.id,
      lat: Number(r.lat),
      lng: Number(r.lng),
      category: r.category,
      name: localize({ name: r.name }, r.en, q.lang, ['name']).name,
    }));
    return c.json({ points, capped, cap: POINTS_CAP }, 200);
  })
  .openapi(facetsRoute, async (c) => c.json(await placeFacets(c.var.db), 200))
  .openapi(placeRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { lang } = c.req.valid('query');
    const row = await findPlace(c.var.db, id);
    if (row?.status !== 'published') throw placeNotFound();
    return c.json({ place: publicPlace(row, lang) }, 200);
  });
