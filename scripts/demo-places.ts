import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { InStatement } from '@libsql/client';
import {
  type Commune,
  type PlaceInput,
  parseCsv,
  parseGeoJson,
  validateRows,
} from '../edge/src/places/import';
import { foldVietnamese } from '../edge/src/platform/text';

// The demo digital map of local development (`npm start`) and of the browser test: the
// sample files in fixtures/places (about 70 health, education and tourism places of Hậu Giang
// around Vị Thanh, Ngã Bảy, Long Mỹ…), read by the same parser and checks as an editor's
// import, kept by the Department of Science and Technology (so_khoa_hoc_cong_nghe, whose
// demo editor is bando@demo.gov.vn). Development only: no deployment path imports this.
//
// Idempotent: a place is added once per external id; places already there (perhaps
// corrected by an editor) are left alone. One place is a draft (hidden from the public).

interface Client {
  batch(statements: InStatement[], mode?: 'write'): Promise<unknown>;
  execute(stmt: InStatement): Promise<{ rows: unknown[] }>;
}

export const DEMO_PLACES_AGENCY = 'so_khoa_hoc_cong_nghe';
export const DEMO_PLACES_EDITOR = 'demo-bando';
const DRAFT_EXTERNAL_ID = 'HG-GJ-3';

const FIXTURES = resolve(import.meta.dirname, '..', 'fixtures', 'places');

/** The demo places from the sample files, checked like an import; throws on a bad line. */
export function demoPlaces(communes: readonly Commune[]): PlaceInput[] {
  const out: PlaceInput[] = [];
  for (const [file, parse] of [
    ['hau-giang-places.csv', parseCsv],
    ['hau-giang-places.geojson', parseGeoJson],
  ] as const) {
    const parsed = parse(readFileSync(resolve(FIXTURES, file), 'utf8'));
    if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.errors)}`);
    const { rows, errors } = validateRows(parsed.rows, communes);
    if (errors.length > 0) throw new Error(`${file}: ${JSON.stringify(errors.slice(0, 5))}`);
    out.push(...rows);
  }
  return out;
}

/** The same three statements as edge/src/content/search-index.ts searchIndexStatements. */
function searchIndex(refId: string, parts: (string | null | undefined)[]): InStatement[] {
  const body = foldVietnamese(parts.filter(Boolean).join(' \n '));
  return [
    {
      sql: 'insert into content_search_docs (kind, ref_id) values (?, ?) on conflict do nothing',
      args: ['place', refId],
    },
    {
      sql: 'delete from content_search where rowid = (select id from content_search_docs where kind = ? and ref_id = ?)',
      args: ['place', refId],
    },
    {
      sql: 'insert into content_search (rowid, kind, body) select id, ?, ? from content_search_docs where kind = ? and ref_id = ?',
      args: ['place', body, 'place', refId],
    },
  ];
}

export async function seedDemoPlaces(client: Client, now = new Date()): Promise<void> {
  const at = now.toISOString();
  const communes = (
    await client.execute("select id, name from admin_units where level = 'commune'")
  ).rows.map((r) => {
    const row = r as unknown as { id: string; name: string };
    return { id: String(row.id), name: String(row.name) };
  });
  const names = new Map(communes.map((c) => [c.id, c.name]));
  const existing = new Set(
    (
      await client.execute({
        sql: 'select external_id from places where agency_id = ? and external_id is not null',
        args: [DEMO_PLACES_AGENCY],
      })
    ).rows.map((r) => String((r as unknown as { external_id: string }).external_id)),
  );
  const statements: InStatement[] = [];
  for (const p of demoPlaces(communes)) {
    if (!p.externalId || existing.has(p.externalId)) continue;
    const id = `demo-place-${p.externalId.toLowerCase()}`;
    statements.push(
      {
        sql: `insert into places (id, agency_id, external_id, domain, category, name, address,
            commune_id, lat, lng, phone, website, opening_hours, description, en, status,
            version, created_by, updated_by, created_at, updated_at)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)
          on conflict do nothing`,
        args: [
          id,
          DEMO_PLACES_AGENCY,
          p.externalId,
          p.domain,
          p.category,
          p.name,
          p.address,
          p.communeId,
          p.lat,
          p.lng,
          p.phone,
          p.website,
          p.openingHours,
          p.description,
          p.en ? JSON.stringify(p.en) : null,
          p.externalId === DRAFT_EXTERNAL_ID ? 'draft' : 'published',
          DEMO_PLACES_EDITOR,
          DEMO_PLACES_EDITOR,
          at,
          at,
        ],
      },
      ...searchIndex(id, [
        p.name,
        p.address,
        p.communeId ? names.get(p.communeId) : null,
        p.en?.name,
        p.description,
      ]),
    );
  }
  if (statements.length === 0) return;
  statements.push({
    sql: `insert into content_versions (module, version, updated_at) values ('places', 1, ?)
      on conflict (module) do update set version = version + 1, updated_at = excluded.updated_at`,
    args: [at],
  });
  await client.batch(statements, 'write');
}
