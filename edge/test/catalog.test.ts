import { exports } from 'cloudflare:workers';
import { hc, type InferResponseType } from 'hono/client';
import { describe, expect, expectTypeOf, it } from 'vitest';
import categoriesJson from '../../fixtures/categories.json';
import type { AppType } from '../src/app';
import { call, ORIGIN } from './helpers';

// The typed client the mini app uses, talking to the real Worker entry.
const client = hc<AppType>(ORIGIN, {
  fetch: (input: RequestInfo | URL, init?: RequestInit) => exports.default.fetch(input, init),
});

type AdminUnitsGet = (typeof client.api.v1.catalog)['admin-units']['$get'];
type AdminUnitsQuery = Parameters<AdminUnitsGet>[0]['query'];
type AdminUnitsBody = InferResponseType<AdminUnitsGet, 200>;

describe('AppType', () => {
  it('carries every route, its query and its response into hc<AppType>', () => {
    expectTypeOf<AdminUnitsQuery>().toEqualTypeOf<{
      level?: 'province' | 'commune' | undefined;
      parentId?: string | undefined;
      q?: string | undefined;
    }>();
    expectTypeOf<AdminUnitsBody['items'][number]['fullName']>().toEqualTypeOf<string>();
    expectTypeOf(client.api.v1.health.$get).toBeFunction();
    expectTypeOf(client.api.v1.catalog.agencies.$get).toBeFunction();
    // @ts-expect-error: no such route
    expectTypeOf(client.api.v1.catalog.nothing).toBeNever();
  });
});

const names = (body: { items: { name: string }[] }) => body.items.map((u) => u.name);

describe('GET /api/v1/catalog/categories', () => {
  it('lists the 13 seeded categories with their default agency', async () => {
    const res = await client.api.v1.catalog.categories.$get();
    // `ok` narrows the typed response to the 200 body, as the mini app does.
    if (!res.ok) throw new Error(`status ${res.status}`);
    const body = await res.json();
    expectTypeOf<(typeof body.items)[number]['defaultAgency']>().toEqualTypeOf<{
      id: string;
      name: string;
    }>();
    expect(body.items).toHaveLength(13);
    const roads = body.items.find((c) => c.id === 'giao_thong');
    expect(roads).toMatchObject({
      name: 'Giao thông',
      nameEn: 'Roads and traffic',
      slaHours: 72,
      defaultAgency: { id: 'so_xay_dung', name: expect.stringMatching(/Xây dựng/) },
    });
    expect(roads?.examples).toContain('ổ gà');
    for (const c of body.items) {
      expect(c.defaultAgency.name.length).toBeGreaterThan(0);
      expect(c.examples.length).toBeGreaterThan(0);
    }
  });
});

describe('GET /api/v1/catalog/agencies', () => {
  it('lists the seeded agencies', async () => {
    const res = await client.api.v1.catalog.agencies.$get();
    if (!res.ok) throw new Error(`status ${res.status}`);
    const body = await res.json();
    // The agencies of categories.json (administrators may add more), then one People's
    // Committee per commune/ward.
    const ids = new Set(body.items.map((a) => a.id));
    for (const a of categoriesJson.agencies) expect(ids.has(a.id), a.id).toBe(true);
    const committees = body.items.filter((a) => a.communeId !== null);
    expect(committees.length).toBeGreaterThan(20);
    expect(body.items.find((a) => a.id === 'ubnd_xa_phuong')).toMatchObject({
      scope: 'commune',
      communeId: null,
    });
    expect(body.items.find((a) => a.id === 'ubnd_vi-thanh')).toMatchObject({
      name: 'UBND phường Vị Thanh',
      scope: 'commune',
      communeId: 'vi-thanh',
    });
    expect(body.items.find((a) => a.id === 'so_y_te')?.scope).toBe('province');
  });
});

describe('GET /api/v1/catalog/admin-units', () => {
  const get = async (query: AdminUnitsQuery) => {
    const res = await client.api.v1.catalog['admin-units'].$get({ query });
    if (!res.ok) throw new Error(`status ${res.status}`);
    const body = await res.json();
    expectTypeOf(body).toEqualTypeOf<AdminUnitsBody>();
    return body;
  };

  it('lists the communes and wards of the province', async () => {
    const body = await get({ level: 'commune' });
    expect(body.items).toHaveLength(31);
    expect(body.items.every((u) => u.level === 'commune' && u.parentId === 'hau-giang')).toBe(true);
    expect(body.items.find((u) => u.id === 'vi-thanh')).toMatchObject({
      name: 'Vị Thanh',
      fullName: 'Phường Vị Thanh',
      kind: 'phuong',
      formerDistrict: 'Thành phố Vị Thanh',
    });
    // Vietnamese alphabetical order: "Châu Thành" before "Đại Thành" before "Hiệp Hưng"
    const order = names(body);
    expect(order.indexOf('Châu Thành')).toBeLessThan(order.indexOf('Đại Thành'));
    expect(order.indexOf('Đại Thành')).toBeLessThan(order.indexOf('Hiệp Hưng'));
  });

  it('lists the province first when no level is given', async () => {
    const body = await get({});
    expect(body.items).toHaveLength(32);
    expect(body.items[0]).toMatchObject({ id: 'hau-giang', level: 'province', parentId: null });
  });

  it('filters by parent', async () => {
    expect((await get({ parentId: 'hau-giang' })).items).toHaveLength(31);
    expect((await get({ parentId: 'khong-co' })).items).toHaveLength(0);
  });

  it.each(['vi thanh', 'Vị Thanh', 'VI THANH', '  vị   thanh '])(
    'finds "Vị Thanh" for q=%j',
    async (q) => {
      const body = await get({ level: 'commune', q });
      expect(names(body)).toEqual(['Vị Thanh', 'Vị Thanh 1']);
    },
  );

  it('matches the kind and đ as d', async () => {
    expect(names(await get({ q: 'phuong vi thanh' }))).toEqual(['Vị Thanh']);
    expect(names(await get({ q: 'dai thanh' }))).toEqual(['Đại Thành']);
    expect(names(await get({ q: 'xyz' }))).toEqual([]);
  });
});

describe('caching of public reads', () => {
  it.each([
    '/api/v1/catalog/categories',
    '/api/v1/catalog/agencies',
    '/api/v1/catalog/admin-units?level=commune',
  ])('%s has Cache-Control and an ETag, and revalidates with 304', async (path) => {
    const first = await call(path, { headers: { Origin: 'https://h5.zdn.vn' } });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    const tag = first.headers.get('etag');
    expect(tag).toMatch(/^"[0-9a-f]+"$/);
    await first.arrayBuffer();

    const again = await call(path, {
      headers: { Origin: 'https://h5.zdn.vn', 'If-None-Match': tag ?? '' },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(tag);
    expect(again.headers.get('cache-control')).toBe(first.headers.get('cache-control'));
    // The browser must still be allowed to read the revalidated response cross-origin.
    expect(again.headers.get('access-control-allow-origin')).toBe('https://h5.zdn.vn');
    expect(again.headers.get('x-request-id')).toBeTruthy();
  });

  it('returns the full body when the ETag no longer matches', async () => {
    const res = await call('/api/v1/catalog/agencies', { headers: { 'If-None-Match': '"stale"' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { items: unknown[] }).items.length).toBeGreaterThan(12);
  });

  it('does not cache errors', async () => {
    const res = await call('/api/v1/catalog/admin-units?level=district');
    expect(res.status).toBe(400);
    expect(res.headers.get('cache-control')).toBeNull();
    expect(res.headers.get('etag')).toBeNull();
  });
});
