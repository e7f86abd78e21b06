import { createRoute } from '@hono/zod-openapi';
import { versionedCache } from '../content/cache';
import { errorResponse as error, jsonResponse as json } from '../platform/openapi';
import { createRouter } from '../platform/router';
import { publicDirectory } from './repo';
import { DirectoryQuery, DirectorySchema } from './schemas';

// Phone directory for everyone (/api/v1/directory, issue 8): emergency numbers first, then
// the people's hotlines, then agencies with their departments and people nested under them.
// Nested rather than flat: the app draws it as it comes, and a search keeps each match inside
// its agency, which a flat list would make every phone rebuild.

const directoryRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['Danh bạ'],
  summary: 'Danh bạ điện thoại',
  description:
    'Ba phần: số khẩn cấp (113, 114, 115 và các số của tỉnh), đường dây nóng, cơ quan (có phòng ban và cán bộ lồng bên trong). Mỗi số có `phone` để đọc và `tel` để gọi. Tìm `q` có dấu hoặc không dấu, trong tên, chức vụ, cơ quan và chữ số điện thoại: mục khớp được trả cùng cơ quan chứa nó.',
  middleware: [versionedCache(['directory'], { maxAgeSeconds: 300 })] as const,
  request: { query: DirectoryQuery },
  responses: {
    200: json(DirectorySchema, 'Danh bạ'),
    304: { description: 'Không đổi (theo `If-None-Match`)' },
    400: error('Tham số không hợp lệ (`validation_failed`)'),
  },
});

export const directoryRoutes = createRouter().openapi(directoryRoute, async (c) => {
  const directory = await publicDirectory(c.var.db, c.req.valid('query'));
  return c.json(directory, 200);
});
