import { swaggerUI } from '@hono/swagger-ui';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { catalogRoutes } from './catalog/routes';
import { health } from './health/routes';
import { dbMiddleware } from './platform/db';
import { type AppEnv, parseAllowedOrigins } from './platform/env';
import { handleError, handleNotFound } from './platform/errors';
import { requestLogger } from './platform/logger';
import { createRouter } from './platform/router';

export const API_TITLE = 'API ứng dụng công dân tỉnh trên Zalo';
export const API_VERSION = '1.0.0';

const app = createRouter();

// Order matters: the request id first (the log line and error bodies need it), then the
// log line wrapping everything else.
app.use(requestId());
app.use(requestLogger);
app.use(secureHeaders());
app.use(
  cors({
    origin: (origin, c) =>
      parseAllowedOrigins(c.env?.ALLOWED_ORIGINS).includes(origin) ? origin : null,
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Authorization', 'X-Request-Id', 'If-None-Match'],
    exposeHeaders: ['X-Request-Id', 'ETag'],
    maxAge: 600,
  }),
);
app.use('/api/*', dbMiddleware);
app.notFound(handleNotFound);
app.onError(handleError);

// One sub-app per domain, chained so that AppType carries every route for `hc<AppType>`.
const routes = app.route('/api/v1/health', health).route('/api/v1/catalog', catalogRoutes);

app.doc('/api/v1/openapi.json', {
  openapi: '3.0.3',
  info: {
    title: API_TITLE,
    version: API_VERSION,
    description:
      'API của ứng dụng công dân tỉnh (Zalo Mini App): phản ánh hiện trường, danh mục, thông tin chính quyền và các tiện ích. ' +
      'Mọi lỗi trả về dạng `{ "error": { "code", "message", "details?" } }`: `code` ổn định cho chương trình, `message` bằng tiếng Việt. ' +
      'Mỗi phản hồi có tiêu đề `X-Request-Id` để tra cứu nhật ký.',
  },
  tags: [
    { name: 'Hệ thống', description: 'Tình trạng dịch vụ' },
    {
      name: 'Danh mục',
      description: 'Dữ liệu tham chiếu công khai: lĩnh vực, cơ quan, đơn vị hành chính',
    },
  ],
});

// Swagger UI loads its script and stylesheet from a CDN (jsDelivr by default); set
// DOCS_ASSETS_BASE_URL to an internal npm mirror where the CDN is unreachable.
app.get('/api/v1/docs', (c, next) =>
  swaggerUI<AppEnv>({
    url: '/api/v1/openapi.json',
    title: API_TITLE,
    version: '5',
    ...(c.env?.DOCS_ASSETS_BASE_URL ? { baseUrl: c.env.DOCS_ASSETS_BASE_URL } : {}),
  })(c, next),
);

export type AppType = typeof routes;
export default app;
