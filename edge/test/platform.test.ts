import { describe, expect, it } from 'vitest';
import { call, type ErrorJson } from './helpers';

describe('errors', () => {
  it('answers an unknown route with 404 in the error shape', async () => {
    const res = await call('/api/v1/khong-co');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as ErrorJson;
    expect(body).toEqual({
      error: { code: 'not_found', message: expect.stringMatching(/Không tìm thấy/) },
    });
  });

  it('rejects a bad query parameter with 400 validation_failed and the zod issues', async () => {
    const res = await call('/api/v1/catalog/admin-units?level=district');
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorJson;
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.message).toMatch(/không hợp lệ/);
    const details = body.error.details as {
      target: string;
      issues: { path: string; code: string; message: string }[];
    };
    expect(details.target).toBe('query');
    expect(details.issues).toEqual([
      expect.objectContaining({ path: 'level', code: 'invalid_value' }),
    ]);
    // zod speaks Vietnamese here too
    expect(details.issues[0]?.message).toMatch(/không hợp lệ/i);
  });
});

describe('request id, security headers', () => {
  it('gives every response an X-Request-Id and the security headers', async () => {
    const res = await call('/api/v1/health');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('echoes a well-formed incoming X-Request-Id, also on errors', async () => {
    const res = await call('/khong-co', { headers: { 'X-Request-Id': 'zalo-abc-123' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBe('zalo-abc-123');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('replaces a malformed incoming X-Request-Id', async () => {
    const res = await call('/api/v1/health', { headers: { 'X-Request-Id': 'bad id <script>' } });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    call('/api/v1/catalog/categories', {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'content-type',
      },
    });

  it.each(['http://localhost:3000', 'https://h5.zdn.vn', 'zbrowser://h5.zdn.vn'])(
    'allows the mini app origin %s',
    async (origin) => {
      const res = await preflight(origin);
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('access-control-allow-methods')).toMatch(/GET/);

      const get = await call('/api/v1/catalog/agencies', { headers: { Origin: origin } });
      expect(get.status).toBe(200);
      expect(get.headers.get('access-control-allow-origin')).toBe(origin);
      expect(get.headers.get('access-control-expose-headers')).toMatch(/X-Request-Id/i);
      expect(get.headers.get('vary')).toMatch(/Origin/i);
    },
  );

  it('gives no CORS grant to any other origin', async () => {
    const res = await preflight('https://evil.example');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const get = await call('/api/v1/catalog/agencies', {
      headers: { Origin: 'https://evil.example' },
    });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps the CORS grant on error responses', async () => {
    const res = await call('/api/v1/khong-co', { headers: { Origin: 'https://h5.zdn.vn' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://h5.zdn.vn');
  });
});

describe('OpenAPI', () => {
  it('serves an OpenAPI 3 document listing the routes', async () => {
    const res = await call('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      info: { title: string; version: string };
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toMatch(/công dân/);
    expect(doc.info.version).toBeTruthy();
    // Each domain checks its own paths; these are the platform's.
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/catalog/admin-units',
        '/api/v1/catalog/agencies',
        '/api/v1/catalog/categories',
        '/api/v1/health',
      ]),
    );
    const params = doc.paths['/api/v1/catalog/admin-units']?.get?.parameters ?? [];
    expect(params.map((p) => `${p.in}:${p.name}`).sort()).toEqual([
      'query:level',
      'query:parentId',
      'query:q',
    ]);
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['Error', 'Health', 'Category', 'Agency', 'AdminUnit']),
    );
  });

  it('serves the docs page', async () => {
    const res = await call('/api/v1/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('/api/v1/openapi.json');
    expect(html).toContain('swagger-ui');
  });
});
