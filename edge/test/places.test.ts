import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../src/platform/db';
import { call, type ErrorJson } from './helpers';
import { signedInCitizen } from './support/citizens';
import { asAgencyHandler, signedInOfficial } from './support/officials';

// The digital map against the real Worker and database: imports (CSV and GeoJSON, line-level
// errors, nothing half-written, re-import updates), single-place edits, permissions, and the
// public list / points / near-me / search / ETag.

type Headers = Record<string, string>;
const WORK = '/api/v1/work/places';
const PUBLIC = '/api/v1/places';
const AGENCY = 'so_y_te';
const db = () => createDb(env);

let editor: Headers;
let otherEditor: Headers;
/** A word no other row has, so searches and counts see only this file's places. */
const TOKEN = `zq${crypto.randomUUID().replace(/-/g, '').slice(0, 8)}`;
let seq = 0;
const ext = () => `${TOKEN}-${++seq}`;

beforeAll(async () => {
  await call('/api/v1/health');
  editor = (await signedInOfficial({ roles: ['map_editor'], agencyId: AGENCY })).headers;
  otherEditor = (await signedInOfficial({ roles: ['map_editor'], agencyId: 'so_giao_duc' }))
    .headers;
}, 60_000);

const HEADER = 'id,name,domain,category,lat,lng,address,commune,phone,website,opening_hours';

interface Line {
  id?: string;
  name?: string;
  domain?: string;
  category?: string;
  lat?: string | number;
  lng?: string | number;
  address?: string;
  commune?: string;
  phone?: string;
}

const good = (over: Line = {}): Line => ({
  id: ext(),
  name: `Bệnh viện ${TOKEN} số ${seq}`,
  domain: 'health',
  category: 'hospital',
  lat: 9.78 + seq / 10_000,
  lng: 105.47,
  address: 'Đường Trần Hưng Đạo',
  commune: 'Vị Thanh',
  phone: '0293 3876 333',
  ...over,
});

const csvLine = (l: Line, sep = ',') =>
  [l.id, l.name, l.domain, l.category, l.lat, l.lng, l.address, l.commune, l.phone, '', '']
    .map((v) => {
      const s = v === undefined ? '' : String(v);
      return /["\n]/.test(s) || s.includes(sep) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(sep);

const csv = (lines: Line[], sep = ',') =>
  [HEADER.replace(/,/g, sep), ...lines.map((l) => csvLine(l, sep))].join('\r\n');

const importFile = (
  headers: Headers,
  body: string,
  opts: { dryRun?: boolean; type?: string; agencyId?: string } = {},
) => {
  const q = new URLSearchParams({ dryRun: String(opts.dryRun ?? false), fileName: 'thu.csv' });
  if (opts.agencyId) q.set('agencyId', opts.agencyId);
  return call(`${WORK}/imports?${q}`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': opts.type ?? 'text/csv; charset=utf-8' },
    body,
  });
};

async function countPlaces(agencyId = AGENCY) {
  const [row] = await db().all<{ n: number; imports: number }>(
    sql`select (select count(*) from places where agency_id = ${agencyId}) as n,
        (select count(*) from place_imports where agency_id = ${agencyId}) as imports`,
  );
  return row;
}

async function placeByExternal(externalId: string) {
  const [row] = await db().all<{ id: string; name: string; version: number; lat: number }>(
    sql`select id, name, version, lat from places where agency_id = ${AGENCY}
        and external_id = ${externalId}`,
  );
  return row;
}

describe('import', () => {
  it('refuses a file with a bad lat on line 5 and an unknown category on line 9, writing nothing', async () => {
    const lines = Array.from({ length: 10 }, () => good());
    lines[3] = good({ lat: '9,7x' }); // file line 5 (header is line 1)
    lines[7] = good({ category: 'sân bay' }); // file line 9
    const before = await countPlaces();
    const res = await importFile(editor, csv(lines));
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorJson & {
      error: { details: { errors: { line: number; field: string }[]; total: number } };
    };
    expect(body.error.code).toBe('import_invalid');
    expect(body.error.details.total).toBe(2);
    expect(body.error.details.errors).toEqual([
      expect.objectContaining({ line: 5, field: 'lat' }),
      expect.objectContaining({ line: 9, field: 'category' }),
    ]);
    expect(await countPlaces()).toEqual(before);
  });

  it('reports every kind of line error, with the line of a quoted multi-line field counted', async () => {
    const dup = ext();
    const text = [
      HEADER,
      csvLine(good({ id: dup })), // 2
      csvLine(good({ id: dup })), // 3: duplicate id
      csvLine(good({ name: '' })), // 4: no name
      csvLine(good({ lat: 21.03, lng: 105.85 })), // 5: Hà Nội, outside the province
      csvLine(good({ lat: 105.47, lng: 9.78 })), // 6: swapped, outside Vietnam
      csvLine(good({ commune: 'Xã Không Có' })), // 7
      csvLine(good({ phone: '12ab' })), // 8
      csvLine(good({ address: 'Dòng một\nDòng hai' })), // 9-10: one record over two lines
      csvLine(good({ domain: 'education' })), // 11: hospital is not education
    ].join('\n');
    const res = await importFile(editor, text);
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as {
      error: { details: { errors: { line: number; field: string; message: string }[] } };
    };
    const got = error.details.errors.map((e) => [e.line, e.field]);
    expect(got).toEqual([
      [3, 'id'],
      [4, 'name'],
      [5, 'lat'],
      [6, 'lat'],
      [7, 'commune'],
      [8, 'phone'],
      [11, 'domain'],
    ]);
    expect(error.details.errors[0]?.message).toContain('dòng 2');
  });

  it('lists at most 100 errors with the total', async () => {
    const lines = Array.from({ length: 130 }, () => good({ category: 'không rõ' }));
    const res = await importFile(editor, csv(lines));
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as {
      error: { details: { errors: unknown[]; total: number } };
    };
    expect(error.details.errors).toHaveLength(100);
    expect(error.details.total).toBe(130);
  });

  it('dry run counts what would change and writes nothing; the import then writes it all', async () => {
    const lines = [good(), good(), good({ domain: 'Y tế', category: 'Nhà thuốc' })];
    const before = await countPlaces();
    const dry = await importFile(editor, csv(lines), { dryRun: true });
    expect(dry.status).toBe(200);
    expect(await dry.json()).toEqual({
      dryRun: true,
      format: 'csv',
      rows: 3,
      created: 3,
      updated: 0,
      importId: null,
    });
    expect(await countPlaces()).toEqual(before);

    const res = await importFile(editor, csv(lines));
    expect(res.status).toBe(200);
    const result = (await res.json()) as { created: number; updated: number; importId: string };
    expect(result).toMatchObject({ dryRun: false, created: 3, updated: 0 });
    const after = await countPlaces();
    expect(after?.n).toBe((before?.n ?? 0) + 3);
    expect(after?.imports).toBe((before?.imports ?? 0) + 1);
    const pharmacy = await placeByExternal(lines[2]?.id as string);
    expect(pharmacy).toBeDefined();
    const [audit] = await db().all<{ action: string; to: string }>(
      sql`select action, to_value as "to" from audit_log where entity_type = 'place_import'
          and entity_id = ${result.importId}`,
    );
    expect(audit?.action).toBe('place.import');
    expect(JSON.parse(audit?.to ?? '{}')).toMatchObject({ created: 3, updated: 0 });
  });

  it('a re-import updates the same places instead of duplicating them (BOM, semicolons)', async () => {
    const a = good();
    const b = good();
    expect((await importFile(editor, csv([a, b]))).status).toBe(200);
    const first = await placeByExternal(a.id as string);
    const before = await countPlaces();

    const renamed = { ...a, name: `Bệnh viện đa khoa ${TOKEN} mới`, address: 'Số 1; Vị Thanh' };
    const c = good({ id: '' }); // no id: always a new place
    const text = `\uFEFF${csv([renamed, b, c], ';')}`;
    const dry = await importFile(editor, text, { dryRun: true });
    expect(await dry.json()).toMatchObject({ created: 1, updated: 2 });
    const res = await importFile(editor, text);
    expect(await res.json()).toMatchObject({ created: 1, updated: 2 });

    const after = await countPlaces();
    expect(after?.n).toBe((before?.n ?? 0) + 1);
    const again = await placeByExternal(a.id as string);
    expect(again?.id).toBe(first?.id);
    expect(again?.name).toBe(renamed.name);
    expect(again?.version).toBe((first?.version ?? 0) + 1);
  });

  it('takes GeoJSON and reports its errors by feature index', async () => {
    const feature = (id: string, coords: unknown, props: Record<string, unknown> = {}) => ({
      type: 'Feature',
      id,
      geometry: { type: 'Point', coordinates: coords },
      properties: {
        name: `Trường ${TOKEN} ${id}`,
        category: 'Trường học',
        commune: 'nga-bay',
        ...props,
      },
    });
    const bad = {
      type: 'FeatureCollection',
      features: [
        feature(ext(), [105.82, 9.82]),
        feature(ext(), [105.82, 9.82], { category: 'bãi biển' }),
        {
          type: 'Feature',
          geometry: {
            type: 'LineString',
            coordinates: [
              [1, 2],
              [3, 4],
            ],
          },
        },
      ],
    };
    const before = await countPlaces();
    const res = await importFile(editor, JSON.stringify(bad), { type: 'application/geo+json' });
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as {
      error: { details: { errors: { line: number; field: string }[] } };
    };
    // The non-point feature is refused while reading the file, before the rows are checked.
    expect(error.details.errors).toEqual([expect.objectContaining({ line: 2, field: 'geometry' })]);
    bad.features.pop();
    const res2 = await importFile(editor, JSON.stringify(bad), { type: 'application/geo+json' });
    const body2 = (await res2.json()) as {
      error: { details: { errors: { line: number; field: string }[] } };
    };
    expect(body2.error.details.errors).toEqual([
      expect.objectContaining({ line: 1, field: 'category' }),
    ]);
    expect(await countPlaces()).toEqual(before);

    bad.features.pop();
    const ok = await importFile(editor, JSON.stringify(bad), { type: 'application/json' });
    expect(await ok.json()).toMatchObject({ format: 'geojson', created: 1 });
  });

  it('takes a multipart upload', async () => {
    const form = new FormData();
    form.set('file', new File([csv([good()])], 'cac-benh-vien.csv', { type: 'text/csv' }));
    const res = await call(`${WORK}/imports?dryRun=true`, {
      method: 'POST',
      headers: editor,
      body: form,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ dryRun: true, created: 1 });
  });

  it('refuses a file over 5 MB', async () => {
    const big = `${HEADER}\n${'x'.repeat(5 * 1024 * 1024 + 10)}`;
    const res = await importFile(editor, big);
    expect(res.status).toBe(413);
  });
});

describe('permissions', () => {
  it('keeps citizens, officials without places.manage and other agencies out', async () => {
    const body = csv([good()]);
    const citizen = await signedInCitizen();
    expect((await importFile(citizen.headers, body)).status).toBe(401);
    expect((await call(WORK, { headers: citizen.headers })).status).toBe(401);
    const handler = await asAgencyHandler(AGENCY);
    expect((await importFile(handler.headers, body)).status).toBe(403);
    expect((await call(WORK, { headers: handler.headers })).status).toBe(403);
    // Another agency's editor cannot import into this agency...
    expect((await importFile(otherEditor, body, { agencyId: AGENCY })).status).toBe(403);

    // ...nor see or change its places.
    const line = good();
    await importFile(editor, csv([line]));
    const place = await placeByExternal(line.id as string);
    const id = place?.id as string;
    expect((await call(`${WORK}/${id}`, { headers: otherEditor })).status).toBe(404);
    const patch = await call(`${WORK}/${id}`, {
      method: 'PATCH',
      headers: { ...otherEditor, 'Content-Type': 'application/json' },
      body: JSON.stringify({ version: place?.version, name: 'Chiếm quyền' }),
    });
    expect(patch.status).toBe(404);
    const list = (await (
      await call(`${WORK}?q=${TOKEN}&limit=50`, { headers: otherEditor })
    ).json()) as { items: unknown[] };
    expect(list.items).toHaveLength(0);
    expect((await placeByExternal(line.id as string))?.name).toBe(line.name);
  });
});

describe('single places', () => {
  it('creates, edits with a version check, and archives a place, all audited', async () => {
    const requestKey = crypto.randomUUID();
    const payload = {
      requestKey,
      name: `Nhà hàng ${TOKEN} Sông Hậu`,
      category: 'restaurant',
      lat: 9.79,
      lng: 105.48,
      communeId: 'vi-thanh',
      phone: '0909 123 456',
      nameEn: `Song Hau ${TOKEN} restaurant`,
    };
    const send = (method: string, path: string, b: unknown, h: Headers = editor) =>
      call(path, {
        method,
        headers: { ...h, 'Content-Type': 'application/json' },
        body: JSON.stringify(b),
      });
    const created = await send('POST', WORK, payload);
    expect(created.status).toBe(201);
    const { place } = (await created.json()) as { place: { id: string; version: number } };
    expect(place).toMatchObject({
      domain: 'tourism',
      communeName: 'Vị Thanh',
      nameEn: payload.nameEn,
    });
    // The same requestKey again: the same place, not a second one.
    const retry = await send('POST', WORK, payload);
    expect(retry.status).toBe(200);
    expect(((await retry.json()) as { place: { id: string } }).place.id).toBe(place.id);

    const outside = await send('POST', WORK, { ...payload, requestKey: undefined, lat: 10.8 });
    expect(outside.status).toBe(422);

    const edited = await send('PATCH', `${WORK}/${place.id}`, {
      version: place.version,
      openingHours: '6:00 - 22:00',
    });
    expect(edited.status).toBe(200);
    // A patch changes only what it names.
    expect(await edited.json()).toMatchObject({
      place: { openingHours: '6:00 - 22:00', phone: '0909 123 456', communeId: 'vi-thanh' },
    });
    const stale = await send('PATCH', `${WORK}/${place.id}`, {
      version: place.version,
      name: 'Cũ',
    });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as ErrorJson).error.code).toBe('version_conflict');

    const pub = await call(`${PUBLIC}/${place.id}?lang=en`);
    expect(pub.status).toBe(200);
    expect(((await pub.json()) as { place: { name: string } }).place.name).toBe(payload.nameEn);

    const archived = await send('PATCH', `${WORK}/${place.id}`, {
      version: place.version + 1,
      status: 'archived',
    });
    expect(archived.status).toBe(200);
    expect((await call(`${PUBLIC}/${place.id}`)).status).toBe(404);
    const actions = await db().all<{ action: string }>(
      sql`select action from audit_log where entity_type = 'place' and entity_id = ${place.id}
          order by id`,
    );
    expect(actions.map((a) => a.action)).toEqual(['place.create', 'place.update', 'place.archive']);
  });
});

describe('public map', () => {
  const near = { lat: 9.6, lng: 105.3 };
  let ids: string[] = [];

  beforeAll(async () => {
    // Three places of one kind at growing distances from `near`, listed out of order.
    const lines = [0.03, 0.01, 0.02].map((d) =>
      good({
        name: `Khách sạn ${TOKEN} cách ${d}`,
        domain: 'Du lịch',
        category: 'Khách sạn',
        lat: near.lat + d,
        lng: near.lng + d,
        commune: 'vinh-vien',
      }),
    );
    const res = await importFile(editor, csv(lines));
    expect(res.status).toBe(200);
    ids = await Promise.all(
      lines.map(async (l) => (await placeByExternal(l.id as string))?.id as string),
    );
  });

  it('orders "near me" by distance, with the distance in metres', async () => {
    const res = await call(`${PUBLIC}?near=${near.lat},${near.lng}&q=${TOKEN}&category=hotel`);
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: { id: string; distanceMetres: number }[] };
    expect(items.map((i) => i.id)).toEqual([ids[1], ids[2], ids[0]]);
    expect(items[0]?.distanceMetres).toBeGreaterThan(1000);
    expect(items[0]?.distanceMetres).toBeLessThan(2000);
    const d = items.map((i) => i.distanceMetres);
    expect([...d].sort((a, b) => a - b)).toEqual(d);
  });

  it('pages with a cursor', async () => {
    const first = (await (await call(`${PUBLIC}?q=${TOKEN}&category=hotel&limit=2`)).json()) as {
      items: { id: string }[];
      nextCursor: string | null;
    };
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = (await (
      await call(`${PUBLIC}?q=${TOKEN}&category=hotel&limit=2&cursor=${first.nextCursor}`)
    ).json()) as { items: { id: string }[]; nextCursor: string | null };
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((i) => i.id))).toEqual(new Set(ids));
    expect((await call(`${PUBLIC}?cursor=abc!`)).status).toBe(400);
  });

  it('gives the points inside a map box', async () => {
    const box = `${near.lat},${near.lng},${near.lat + 0.025},${near.lng + 0.025}`;
    const res = await call(`${PUBLIC}/points?bbox=${box}&category=hotel`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { points: { id: string }[]; capped: boolean };
    const mine = body.points.filter((p) => ids.includes(p.id)).map((p) => p.id);
    expect(mine.sort()).toEqual([ids[1], ids[2]].sort());
    expect(body.capped).toBe(false);
    expect((await call(`${PUBLIC}/points?bbox=1,2,3`)).status).toBe(400);
  });

  it('finds "Bệnh viện" when searched without diacritics', async () => {
    const line = good({ name: `Bệnh viện Đa khoa ${TOKEN}x Hậu Giang` });
    await importFile(editor, csv([line]));
    const res = await call(`${PUBLIC}?q=${encodeURIComponent(`benh vien da khoa ${TOKEN}x`)}`);
    const { items } = (await res.json()) as { items: { name: string }[] };
    expect(items.map((i) => i.name)).toEqual([line.name]);
  });

  it('counts places per domain, category and commune', async () => {
    const res = await call(`${PUBLIC}/facets`);
    const body = (await res.json()) as {
      domains: { key: string; count: number }[];
      communes: { key: string; name: string; count: number }[];
    };
    expect(body.domains.find((d) => d.key === 'tourism')?.count).toBeGreaterThanOrEqual(3);
    expect(body.communes.find((x) => x.key === 'vinh-vien')).toMatchObject({ name: 'Vĩnh Viễn' });
  });

  it('answers 304 for an unchanged list and a new body after an import', async () => {
    const path = `${PUBLIC}?q=${TOKEN}&category=hotel`;
    const first = await call(path);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await call(path, { headers: { 'If-None-Match': etag as string } });
    expect(again.status).toBe(304);
    await importFile(editor, csv([good({ category: 'hotel', domain: 'tourism' })]));
    const after = await call(path, { headers: { 'If-None-Match': etag as string } });
    expect(after.status).toBe(200);
    expect(((await after.json()) as { items: unknown[] }).items).toHaveLength(4);
  });
});
