import { env } from 'cloudflare:workers';
import { describe, expect, inject, it } from 'vitest';
import { exchangeLocationToken, ZaloGraphError } from '../src/zalo/graph';
import { call } from './helpers';
import { errorOf, json, postJson } from './support/reports';

// The Graph API client against the loopback stand-in started by test/global-setup.ts.
const opts = () => ({
  baseUrl: inject('zaloGraphUrl'),
  appSecret: env.ZALO_APP_SECRET,
  timeoutMs: 1000,
});

const failure = async (promise: Promise<unknown>) => {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ZaloGraphError);
  return err as ZaloGraphError;
};

describe('exchangeLocationToken', () => {
  it('turns a location token into coordinates with the documented headers', async () => {
    const point = await exchangeLocationToken(opts(), 'user-access-token', 'loc:9.7845,105.4701');
    expect(point).toMatchObject({ lat: 9.7845, lng: 105.4701, provider: 'gps' });
    expect(point.timestamp).toBeGreaterThan(0);
  });

  it('reports a refused token with Zalo error code', async () => {
    const err = await failure(exchangeLocationToken(opts(), 'at', 'expired'));
    expect(err).toMatchObject({ kind: 'rejected', zaloCode: -201 });
  });

  it('reports a wrong secret as refused', async () => {
    const err = await failure(
      exchangeLocationToken({ ...opts(), appSecret: 'wrong' }, 'at', 'loc:1,2'),
    );
    expect(err).toMatchObject({ kind: 'rejected', zaloCode: -124 });
  });

  it('times out', async () => {
    const started = Date.now();
    const err = await failure(exchangeLocationToken({ ...opts(), timeoutMs: 200 }, 'at', 'slow'));
    expect(err.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports an HTTP error or an unreachable server as unavailable', async () => {
    expect((await failure(exchangeLocationToken(opts(), 'at', 'broken'))).kind).toBe('unavailable');
    expect(
      (
        await failure(
          exchangeLocationToken({ ...opts(), baseUrl: 'http://127.0.0.1:1' }, 'at', 'x'),
        )
      ).kind,
    ).toBe('unavailable');
  });

  it('refuses to call without an app secret', async () => {
    expect(
      (await failure(exchangeLocationToken({ ...opts(), appSecret: undefined }, 'at', 'x'))).kind,
    ).toBe('not_configured');
  });
});

describe('POST /api/v1/reports/locate', () => {
  it('answers the point and whether it is in the province', async () => {
    const res = await postJson('/api/v1/reports/locate', {
      token: 'loc:9.8,105.5',
      accessToken: 'at',
    });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ lat: 9.8, lng: 105.5, insideProvince: true });
    const far = await json(
      await postJson('/api/v1/reports/locate', { token: 'loc:21.03,105.85', accessToken: 'at' }),
    );
    expect(far).toMatchObject({ insideProvince: false });
  });

  it.each([
    ['expired', 422, 'zalo_location_failed'],
    ['slow', 504, 'zalo_timeout'],
    ['broken', 502, 'zalo_unavailable'],
  ])('maps a %s token to %i %s', async (token, status, code) => {
    const res = await postJson('/api/v1/reports/locate', { token, accessToken: 'at' });
    expect(res.status).toBe(status);
    const error = await errorOf(res);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/Zalo/);
  });
});

describe('OpenAPI', () => {
  it('documents the field-report routes', async () => {
    const doc = (await (await call('/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const mine = Object.entries(doc.paths)
      .filter(([path]) => /^\/api\/v1\/(reports|uploads|media)/.test(path))
      .flatMap(([path, ops]) => Object.keys(ops).map((op) => `${op.toUpperCase()} ${path}`))
      .sort();
    expect(mine).toEqual([
      'GET /api/v1/media/{id}',
      'GET /api/v1/reports/config',
      'GET /api/v1/reports/mine',
      'GET /api/v1/reports/{code}',
      'GET /api/v1/uploads/{id}',
      'POST /api/v1/reports',
      'POST /api/v1/reports/locate',
      'POST /api/v1/reports/similar',
      'POST /api/v1/reports/{code}/rating',
      'POST /api/v1/reports/{code}/reopen',
      'POST /api/v1/reports/{code}/support',
      'POST /api/v1/uploads',
      'PUT /api/v1/uploads/{id}',
    ]);
  });

  it('serves the submission config the app shows to citizens', async () => {
    const res = await call('/api/v1/reports/config');
    expect(res.status).toBe(200);
    const config = await json<{
      limits: Record<string, unknown>;
      province: { name: string; bounds: Record<string, number> };
      categories: { id: string }[];
      zaloLocation: boolean;
    }>(res);
    expect(config.limits).toMatchObject({
      maxPhotoBytes: 10_000_000,
      maxVideoBytes: 50_000_000,
      maxPhotos: 5,
      maxVideos: 1,
      chunkSize: 524_288,
    });
    expect(config.province).toMatchObject({
      name: 'Hậu Giang',
      bounds: { south: 9.5, west: 105.2, north: 10.08, east: 105.95 },
    });
    expect(config.categories).toHaveLength(13);
    expect(config.zaloLocation).toBe(true);
  });
});
