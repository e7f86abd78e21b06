import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import app from '../src/app';
import { call, type ErrorJson } from './helpers';

describe('GET /api/v1/health', () => {
  it('reports ok with the database round trip', async () => {
    const res = await call('/api/v1/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { status: string; db: { ok: boolean; roundTripMs: number } };
    expect(body.status).toBe('ok');
    expect(body.db.ok).toBe(true);
    expect(body.db.roundTripMs).toBeGreaterThanOrEqual(0);
  });

  it('answers 503 in the error shape when the database is unreachable', async () => {
    // Nothing listens on port 1; an env override reaches the same app the Worker serves.
    const res = await app.request(
      '/api/v1/health',
      {},
      { ...env, LIBSQL_URL: 'http://127.0.0.1:1' },
    );
    expect(res.status).toBe(503);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const body = (await res.json()) as ErrorJson;
    expect(body.error.code).toBe('db_unavailable');
    expect(body.error.message).toMatch(/cơ sở dữ liệu/);
    expect(body.error.details).toMatchObject({ db: { ok: false } });
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|at /);
  });
});
