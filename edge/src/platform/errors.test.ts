import { env } from 'cloudflare:workers';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { describe, expect, it } from 'vitest';
import { ApiError, handleError, handleNotFound } from './errors';
import { requestLogger } from './logger';
import { createRouter } from './router';

// A small app wired like app.ts, with routes that fail in each way.
const app = createRouter();
app.use(requestId());
app.use(requestLogger);
app.onError(handleError);
app.notFound(handleNotFound);
app.get('/boom', () => {
  throw new TypeError('cannot read secret_token of undefined');
});
app.get('/gone', () => {
  throw new ApiError(410, 'report_deleted', 'Phản ánh đã bị xóa.', { id: 'PA-1' });
});
app.get('/too-big', () => {
  throw new HTTPException(413);
});

type ErrorJson = { error: { code: string; message: string; details?: unknown } };

describe('handleError', () => {
  it('turns an unexpected error into 500 internal_error with the request id and no internals', async () => {
    const res = await app.request('/boom', { headers: { 'X-Request-Id': 'req-42' } }, env);
    expect(res.status).toBe(500);
    const body = (await res.json()) as ErrorJson;
    expect(body.error.code).toBe('internal_error');
    expect(body.error.message).toMatch(/Hệ thống đang gặp sự cố.*req-42/);
    expect(body.error.details).toEqual({ requestId: 'req-42' });
    expect(JSON.stringify(body)).not.toMatch(/secret_token|TypeError|at /);
  });

  it('keeps the status, code and details of an ApiError', async () => {
    const res = await app.request('/gone', {}, env);
    expect(res.status).toBe(410);
    expect(await res.json()).toEqual({
      error: { code: 'report_deleted', message: 'Phản ánh đã bị xóa.', details: { id: 'PA-1' } },
    });
  });

  it('maps an HTTPException to a stable code and a Vietnamese message', async () => {
    const res = await app.request('/too-big', {}, env);
    expect(res.status).toBe(413);
    expect(((await res.json()) as ErrorJson).error).toEqual({
      code: 'payload_too_large',
      message: 'Dữ liệu gửi lên quá lớn.',
    });
  });
});
