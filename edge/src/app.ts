import { swaggerUI } from '@hono/swagger-ui';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { adminRoutes } from './admin/routes';
import { appointmentRoutes } from './appointments/routes';
import { appointmentWorkRoutes } from './appointments/work-routes';
import { authRoutes, SIGN_IN_PATH } from './auth/routes';
import { sessionMiddleware } from './auth/session';
import { catalogRoutes } from './catalog/routes';
import { chatAdminRoutes } from './chat/admin-routes';
import { chatRoutes } from './chat/routes';
import { directoryRoutes } from './directory/routes';
import { directoryWorkRoutes } from './directory/work-routes';
import { emergencyRoutes } from './emergency/routes';
import { emergencyWorkRoutes } from './emergency/work-routes';
import { environmentAdminRoutes } from './environment/admin-routes';
import { environmentRoutes } from './environment/public-routes';
import { stationRoutes } from './environment/station-routes';
import { weatherRoutes } from './environment/weather-routes';
import { feedRoutes } from './feed/routes';
import { health } from './health/routes';
import { homeRoutes } from './home/routes';
import { indicatorRoutes } from './indicators/routes';
import { indicatorWorkRoutes } from './indicators/work-routes';
import { clusterAlertRoutes } from './intake/clusters/alert-routes';
import { clusterRuleRoutes } from './intake/clusters/rule-routes';
import { intakeLabelRoutes } from './intake/labels-routes';
import { investmentRoutes } from './investment/routes';
import { investmentWorkRoutes } from './investment/work-routes';
import { jobEmployerRoutes } from './jobs/employer-routes';
import { jobRoutes } from './jobs/routes';
import { jobSeekerRoutes } from './jobs/seeker-routes';
import { jobWorkRoutes } from './jobs/work-routes';
import { managementRoutes } from './management/routes';
import { marketMineRoutes } from './market/mine-routes';
import { marketRoutes } from './market/routes';
import { marketWorkRoutes } from './market/work-routes';
import { mediaRoutes, uploadRoutes } from './media/routes';
import { newsRoutes } from './news/routes';
import { newsWorkRoutes } from './news/work-routes';
import { citizenNotificationRoutes } from './notifications/citizen-routes';
import { kickOutboxAfterWrites } from './notifications/dispatch';
import { zaloOaWebhookRoutes } from './notifications/oa-webhook-routes';
import { officialNotificationRoutes } from './notifications/official-routes';
import { officialAdminRoutes } from './officials/admin-routes';
import { officialAuthRoutes } from './officials/auth-routes';
import { officialSessionMiddleware } from './officials/session';
import { open311Routes } from './open311/routes';
import { paymentCallbackRoutes } from './payments/callback-routes';
import { paymentRoutes } from './payments/routes';
import { paymentWorkRoutes } from './payments/work-routes';
import { placeRoutes } from './places/routes';
import { placeWorkRoutes } from './places/work-routes';
import { dbMiddleware } from './platform/db';
import { type AppEnv, parseAllowedOrigins } from './platform/env';
import { handleError, handleNotFound } from './platform/errors';
import { requestLogger } from './platform/logger';
import { createRouter } from './platform/router';
import { procedureRoutes } from './procedures/routes';
import { procedureWorkRoutes } from './procedures/work-routes';
import { qaRoutes } from './qa/routes';
import { reportRoutes } from './reports/routes';
import { scheduleRoutes } from './schedules/routes';
import { scheduleWorkRoutes } from './schedules/work-routes';
import { leaderStatsRoutes } from './stats/leader-routes';
import { statsRoutes } from './stats/routes';
import { surveyRoutes } from './surveys/routes';
import { surveyWorkRoutes } from './surveys/work-routes';
import { trainingRoutes } from './training/routes';
import { trainingWorkRoutes } from './training/work-routes';
import { utilityRoutes } from './utilities/routes';
import { extensionRoutes } from './work/extension-routes';
import { workReportRoutes } from './work/routes';

export const API_TITLE = 'API ứng dụng công dân tỉnh trên Zalo';
export const API_VERSION = '1.0.0';

const app = createRouter();

// Order matters: the request id first (the log line and error bodies need it), then the
// log line wrapping everything else.
app.use(requestId());
app.use(requestLogger);
// overwrite: false lets a route set its own value (media files need
// Cross-Origin-Resource-Policy: cross-origin to show in the mini app's <img>).
app.use(secureHeaders({ overwrite: false }));
app.use(
  cors({
    origin: (origin, c) =>
      parseAllowedOrigins(c.env?.ALLOWED_ORIGINS).includes(origin) ? origin : null,
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowHeaders: [
      'Content-Type',
      'Authorization',
      'X-Request-Id',
      'If-None-Match',
      // field reports: resumable upload chunks, device id, follow token
      'Content-Range',
      'X-Device-Id',
      'X-Follow-Token',
      // officials' chat: an attachment's name (POST /api/v1/chat/rooms/{id}/attachments)
      'X-File-Name',
    ],
    exposeHeaders: ['X-Request-Id', 'ETag', 'Retry-After', 'Upload-Offset', 'Upload-Length'],
    maxAge: 600,
  }),
);
app.use('/api/*', dbMiddleware);
// Citizen sessions: `Authorization: Bearer <token>` → c.var.userId; a bad or expired token is
// a 401 everywhere under /api/v1 (never a silent fall-back to anonymous), except on the
// sign-in route itself, which ignores it.
app.use('/api/v1/*', sessionMiddleware({ ignorePaths: [SIGN_IN_PATH] }));
// Officials: the web admin's session cookie or the mini app's `Bearer ofs_…` token →
// c.var.official (officials/session.ts).
app.use('/api/v1/*', officialSessionMiddleware);
app.use('/open311/*', dbMiddleware);
// Reporters hear of an official's change in seconds: delivery starts right after the write.
app.use('/api/v1/work/*', kickOutboxAfterWrites);
app.notFound(handleNotFound);
app.onError(handleError);

// One sub-app per domain, chained so that AppType carries every route for `hc<AppType>`.
const routes = app
  .route('/api/v1/health', health)
  .route('/api/v1/auth', authRoutes)
  .route('/api/v1/catalog', catalogRoutes)
  .route('/api/v1/feed', feedRoutes)
  .route('/api/v1/stats', statsRoutes)
  .route('/api/v1/reports', reportRoutes)
  .route('/api/v1/uploads', uploadRoutes)
  .route('/api/v1/media', mediaRoutes)
  .route('/api/v1/notifications', citizenNotificationRoutes)
  // weather and environment (issue 6)
  .route('/api/v1/stations', stationRoutes)
  .route('/api/v1/weather', weatherRoutes)
  .route('/api/v1/environment', environmentRoutes)
  // officials (issue 4)
  .route('/api/v1/officials/auth', officialAuthRoutes)
  .route('/api/v1/admin/officials', officialAdminRoutes)
  .route('/api/v1/admin/cluster-rules', clusterRuleRoutes)
  .route('/api/v1/admin/environment', environmentAdminRoutes)
  .route('/api/v1/admin', managementRoutes)
  .route('/api/v1/work/reports', workReportRoutes)
  .route('/api/v1/work/extension-requests', extensionRoutes)
  .route('/api/v1/work/stats', leaderStatsRoutes)
  .route('/api/v1/work/notifications', officialNotificationRoutes)
  // smart intake (issue 5)
  .route('/api/v1/work/intake', intakeLabelRoutes)
  .route('/api/v1/work/alerts', clusterAlertRoutes)
  // officials' chat (issue 7)
  .route('/api/v1/chat', chatRoutes)
  .route('/api/v1/admin/chat', chatAdminRoutes)
  // appointments, training, surveys (issue 9)
  .route('/api/v1/appointments', appointmentRoutes)
  .route('/api/v1/work/appointments', appointmentWorkRoutes)
  .route('/api/v1/training', trainingRoutes)
  .route('/api/v1/work/training', trainingWorkRoutes)
  .route('/api/v1/surveys', surveyRoutes)
  .route('/api/v1/work/surveys', surveyWorkRoutes)
  // public information (issue 8)
  .route('/api/v1/home', homeRoutes)
  .route('/api/v1/schedules', scheduleRoutes)
  .route('/api/v1/work/schedules', scheduleWorkRoutes)
  .route('/api/v1/news', newsRoutes)
  .route('/api/v1/work/news', newsWorkRoutes)
  .route('/api/v1/emergency-alerts', emergencyRoutes)
  .route('/api/v1/work/emergency-alerts', emergencyWorkRoutes)
  .route('/api/v1/investment', investmentRoutes)
  .route('/api/v1/work/investment', investmentWorkRoutes)
  .route('/api/v1/directory', directoryRoutes)
  .route('/api/v1/work/directory', directoryWorkRoutes)
  .route('/api/v1/places', placeRoutes)
  .route('/api/v1/work/places', placeWorkRoutes)
  .route('/api/v1/public-services', procedureRoutes)
  .route('/api/v1/work/public-services', procedureWorkRoutes)
  .route('/api/v1/indicators', indicatorRoutes)
  .route('/api/v1/work/indicators', indicatorWorkRoutes)
  .route('/api/v1/work/qa', qaRoutes)
  // jobs (issue 10)
  .route('/api/v1/jobs/employer', jobEmployerRoutes)
  .route('/api/v1/jobs/me', jobSeekerRoutes)
  .route('/api/v1/jobs', jobRoutes)
  .route('/api/v1/work/jobs', jobWorkRoutes)
  // agricultural market (issue 10)
  .route('/api/v1/market/mine', marketMineRoutes)
  .route('/api/v1/market', marketRoutes)
  .route('/api/v1/work/market', marketWorkRoutes)
  // language utilities (issue 10)
  .route('/api/v1/utilities', utilityRoutes)
  // payments (issue 10)
  .route('/api/v1/payments', paymentRoutes)
  .route('/api/v1/work/payments', paymentWorkRoutes);

// Called by Zalo and the payment providers, not by our apps: outside AppType.
app.route('/api/v1/zalo/oa', zaloOaWebhookRoutes);
app.route('/api/v1/payments/callbacks', paymentCallbackRoutes);
// The web admin (a small React app built into edge/admin/dist, served by the Worker).
app.route('/admin', adminRoutes);

// Open311 GeoReport v2 (JSON and XML, its own error format): outside /api and outside
// AppType, since the mini app never calls it.
app.route('/open311/v2', open311Routes);

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
      name: 'Tài khoản công dân',
      description:
        'Đăng nhập bằng Zalo (không bắt buộc): phản ánh đã gửi theo người dân sang mọi thiết bị. Mã phiên gửi trong tiêu đề `Authorization: Bearer`.',
    },
    {
      name: 'Danh mục',
      description: 'Dữ liệu tham chiếu công khai: lĩnh vực, cơ quan, đơn vị hành chính',
    },
    {
      name: 'Phản ánh hiện trường',
      description:
        'Gửi phản ánh không cần tài khoản (ảnh/video tải lên từng đoạn, tiếp tục được khi mất mạng), tra cứu theo mã, đánh giá, mở lại, "Tôi cũng gặp"',
    },
    {
      name: 'Phản ánh công khai',
      description:
        'Bảng tin, bản đồ và thống kê phản ánh hiện trường; không bao giờ có thông tin liên hệ của người phản ánh',
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
