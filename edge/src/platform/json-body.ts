import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env';
import { ApiError } from './errors';

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * For requests that carry a JSON body (POST, PUT, PATCH): a wrong Content-Type is 415
 * `unsupported_media_type` and a body that does not parse is 400 `invalid_json`, each with
 * a Vietnamese message, instead of a generic validation error. The parsed body is cached by
 * Hono, so the route's validator does not parse it again.
 */
export const requireJsonBody = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method === 'POST' || c.req.method === 'PUT' || c.req.method === 'PATCH') {
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim() ?? '';
    if (!JSON_TYPE.test(type)) {
      throw new ApiError(
        415,
        'unsupported_media_type',
        'Dữ liệu phải được gửi dạng JSON (Content-Type: application/json).',
      );
    }
    try {
      await c.req.json();
    } catch {
      throw new ApiError(400, 'invalid_json', 'Dữ liệu gửi lên không phải JSON hợp lệ.');
    }
  }
  await next();
});
