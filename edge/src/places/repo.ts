import { type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { type AuditEntryInput, auditStatement } from '../audit/log';
import { contentVersionBump } from '../content/cache';
import { type Lang, localize } from '../content/lang';
import { searchIndexStatements, searchMatches } from '../content/search-index';
import type { Db } from '../platform/db';
import { ApiError } from '../platform/errors';
import { haversineMetres, type LatLng } from '../reports/geo';
import type { Commune, PlaceCategory, PlaceDomain, PlaceInput } from './import';

// Places in the database. Public reads see published places only. Every write is one batch:
// the rows, their search index entries, the content version bump and the audit entry.

export interface PlaceFilter {
  domain?: PlaceDomain;
  category?: PlaceCategory;
  commune?: string;
  q?: string;
}

export type PlaceRow = {
  id: string;
  agencyId: string;
  externalId: string | null;
  domain: PlaceDomain;
  category: PlaceCategory;
  name: string;
  address: string;
  communeId: string | null;
  communeName: string | null;
  lat: number;
  lng: number;
  phone: string | null;
  website: string | null;
  openingHours: string | null;
  description: string;
  en: string | null;
  status: 'draft' | 'published' | 'archived';
  version: number;
  updatedAt: string;
};

const COLUMNS = sql`p.id as id, p.agency_id as agencyId, p.external_id as externalId,
  p.domain as domain, p.category as category, p.name as name, p.address as address,
  p.commune_id as communeId, u.name as communeName, p.lat as lat, p.lng as lng,
  p.phone as phone, p.website as website, p.opening_hours as openingHours,
  p.description as description, p.en as en, p.status as status, p.version as version,
  p.updated_at as updatedAt`;

function conditions(f: PlaceFilter): SQL[] {
  const out: SQL[] = [];
  if (f.domain) out.push(sql`p.domain = ${f.domain}`);
  if (f.category) out.push(sql`p.category = ${f.category}`);
  if (f.commune) out.push(sql`p.commune_id = ${f.commune}`);
  if (f.q) {
    const match = searchMatches('place', sql`p.id`, f.q);
    if (match) out.push(match);
  }
  return out;
}

const whereAll = (parts: SQL[]) => (parts.length ? sql.join(parts, sql` and `) : sql`1 = 1`);

// ---- public ---------------------------------------------------------------------------------

export interface PublicPlace {
  id: string;
  domain: PlaceDomain;
  category: PlaceCategory;
  name: string;
  address: string;
  communeId: string | null;
  communeName: string | null;
  lat: number;
  lng: number;
  phone: string | null;
  website: string | null;
  openingHours: string | null;
  description: string;
  distanceMetres?: number;
}

export function publicPlace(row: PlaceRow, lang: Lang): PublicPlace {
  const l = localize(row, row.en, lang, ['name', 'description', 'address']);
  return {
    id: l.id,
    domain: l.domain,
    category: l.category,
    name: l.name,
    address: l.address,
    communeId: l.communeId,
    communeName: l.communeName,
    lat: Number(l.lat),
    lng: Number(l.lng),
    phone: l.phone,
    website: l.website,
    openingHours: l.openingHours,
    description: l.description,
  };
}

/** How far around "near me" places are looked for: the prefilter box's half side. */
export const NEAR_RADIUS_METRES = 50_000;

/**
 * One page of published places: by name, or with `near` by distance. Distance: the rows in a
 * box around the point come from SQL (index on lat, lng), only their coordinates; haversine
 * orders them here, then the page's rows are read in full.
 */
export async function listPlaces(
  db: Db,
  f: PlaceFilter,
  page: { offset: number; limit: number; near?: LatLng },
): Promise<{ rows: (PlaceRow & { distanceMetres?: number })[]; more: boolean }> {
  const where = [sql`p.status = 'published'`, ...conditions(f)];
  if (!page.near) {
    const rows = await db.all<PlaceRow>(
      sql`select ${COLUMNS} from places p left join admin_units u on u.id = p.commune_id
          where ${whereAll(where)} order by p.name, p.id limit ${page.limit + 1} offset ${page.offset}`,
    );
    return { rows: rows.slice(0, page.limit), more: rows.length > page.limit };
  }
  const { lat, lng } = page.near;
  const dLat = NEAR_RADIUS_METRES / 111_320;
  const dLng = NEAR_RADIUS_METRES / (111_320 * Math.cos((lat * Math.PI) / 180));
  where.push(
    sql`p.lat between ${lat - dLat} and ${lat + dLat} and p.lng between ${lng - dLng} and ${lng + dLng}`,
  );
  const candidates = await db.all<{ id: string; lat: number; lng: number }>(
    sql`select p.id as id, p.lat as lat, p.lng as lng from places p where ${whereAll(where)}`,
  );
  const ranked = candidates
    .map((c) => ({ id: c.id, d: haversineMetres(page.near as LatLng, { lat: c.lat, lng: c.lng }) }))
    .filter((c) => c.d <= NEAR_RADIUS_METRES)
    .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1));
  const slice = ranked.slice(page.offset, page.offset + page.limit);
  if (slice.length === 0) return { rows: [], more: false };
  const full = await db.all<PlaceRow>(
    sql`select ${COLUMNS} from places p left join admin_units u on u.id = p.commune_id
        where p.id in ${slice.map((s) => s.id)}`,
  );
  const byId = new Map(full.map((r) => [r.id, r]));
  const rows = slice.flatMap((s) => {
    const r = byId.get(s.id);
    return r ? [{ ...r, distanceMetres: Math.round(s.d) }] : [];
  });
  return { rows, more: ranked.length > page.offset + page.limit };
}

export const POINTS_CAP = 2000;

export async function placePoints(
  db: Db,
  box: { south: number; west: number; north: number; east: number },
  f: PlaceFilter,
) {
  const where = [
    sql`p.status = 'published'`,
    sql`p.lat between ${box.south} and ${box.north} and p.lng between ${box.west} and ${box.east}`,
    ...conditions(f),
  ];
  const rows = await db.all<{
    id: string;
    lat: number;
    lng: number;
    category: PlaceCategory;
    name: string;
    en: string | null;
  }>(
    sql`select p.id as id, p.lat as lat, p.lng as lng, p.category as category, p.name as name,
          p.en as en
        from places p where ${whereAll(where)} order by p.id limit ${POINTS_CAP + 1}`,
  );
  return { rows: rows.slice(0, POINTS_CAP), capped: rows.length > POINTS_CAP };
}

export async function findPlace(db: Db, id: string): Promise<PlaceRow | undefined> {
  const [row] = await db.all<PlaceRow>(
    sql`select ${COLUMNS} from places p left join admin_units u on u.id = p.commune_id
        where p.id = ${id}`,
  );
  return row;
}

export async function placeFacets(db: Db) {
  const [domains, categories, communes] = await db.batch([
    db.all<{ key: string; count: number }>(
      sql`select domain as key, count(*) as count from places where status = 'published'
          group by domain order by domain`,
    ),
    db.all<{ key: string; count: number }>(
      sql`select category as key, count(*) as count from places where status = 'published'
          group by category order by category`,
    ),
    db.all<{ key: string; name: string; count: number }>(
      sql`select p.commune_id as key, u.name as name, count(*) as count
          from places p join admin_units u on u.id = p.commune_id
          where p.status = 'published' group by p.commune_id, u.name order by u.name`,
    ),
  ]);
  return { domains, categories, communes };
}

// ---- editors --------------------------------------------------------------------------------

export async function listWorkPlaces(
  db: Db,
  agencies: readonly string[] | 'any',
  f: PlaceFilter & { status?: 'draft' | 'published' | 'archived' },
  page: { offset: number; limit: number },
) {
  const where = conditions(f);
  if (agencies !== 'any') where.push(sql`p.agency_id in ${agencies}`);
  if (f.status) where.push(sql`p.status = ${f.status}`);
  const rows = await db.all<PlaceRow>(
    sql`select ${COLUMNS} from places p left join admin_units u on u.id = p.commune_id
        where ${whereAll(where)} order by p.updated_at desc, p.id limit ${page.limit + 1}
        offset ${page.offset}`,
  );
  return { rows: rows.slice(0, page.limit), more: rows.length > page.limit };
}

export async function communesOf(db: Db): Promise<Commune[]> {
  return db.all<Commune>(
    sql`select id, name from admin_units where level = 'commune' order by name`,
  );
}

/** The agency's places that carry one of these external ids: id by external id. */
export async function existingByExternalId(
  db: Db,
  agencyId: string,
  externalIds: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  // Chunks keep each statement well under SQLite's bound-parameter limit.
  for (let i = 0; i < externalIds.length; i += 500) {
    const chunk = externalIds.slice(i, i + 500);
    const rows = await db.all<{ id: string; externalId: string }>(
      sql`select id, external_id as externalId from places
          where agency_id = ${agencyId} and external_id in ${chunk}`,
    );
    for (const r of rows) out.set(r.externalId, r.id);
  }
  return out;
}

const searchParts = (p: {
  name: string;
  address: string;
  description: string;
  communeName?: string | null;
  en: { name?: string } | null;
}) => [p.name, p.address, p.communeName, p.en?.name, p.description];

export interface ImportPlan {
  importId: string;
  agencyId: string;
  fileName: string;
  format: 'csv' | 'geojson';
  officialId: string;
  now: string;
  rows: PlaceInput[];
  existing: Map<string, string>;
  communeNames: Map<string, string>;
  audit: AuditEntryInput;
}

/**
 * The whole import as one transaction. A row whose external id the agency already has
 * updates that place (its id, status and history stay); others are inserted. The upsert is
 * by the unique (agency, external id), so an import racing another cannot duplicate a place.
 */
export async function runImport(db: Db, plan: ImportPlan) {
  const statements: BatchItem<'sqlite'>[] = [];
  let created = 0;
  let updated = 0;
  for (const r of plan.rows) {
    const known = r.externalId ? plan.existing.get(r.externalId) : undefined;
    const id = known ?? crypto.randomUUID();
    if (known) updated++;
    else created++;
    const en = r.en ? JSON.stringify(r.en) : null;
    statements.push(
      db.run(sql`insert into places (id, agency_id, external_id, domain, category, name, address,
          commune_id, lat, lng, phone, website, opening_hours, description, en, import_id,
          status, version, created_by, updated_by, created_at, updated_at)
        values (${id}, ${plan.agencyId}, ${r.externalId}, ${r.domain}, ${r.category}, ${r.name},
          ${r.address}, ${r.communeId}, ${r.lat}, ${r.lng}, ${r.phone}, ${r.website},
          ${r.openingHours}, ${r.description}, ${en}, ${plan.importId}, 'published', 1,
          ${plan.officialId}, ${plan.officialId}, ${plan.now}, ${plan.now})
        on conflict (agency_id, external_id) do update set domain = excluded.domain,
          category = excluded.category, name = excluded.name, address = excluded.address,
          commune_id = excluded.commune_id, lat = excluded.lat, lng = excluded.lng,
          phone = excluded.phone, website = excluded.website,
          opening_hours = excluded.opening_hours, description = excluded.description,
          en = excluded.en, import_id = excluded.import_id, version = places.version + 1,
          updated_by = excluded.updated_by, updated_at = excluded.updated_at`),
      ...searchIndexStatements(
        db,
        'place',
        id,
        searchParts({
          ...r,
          communeName: r.communeId ? plan.communeNames.get(r.communeId) : null,
        }),
      ),
    );
  }
  statements.push(
    db.run(sql`insert into place_imports (id, agency_id, file_name, format, created, updated,
        imported_by, created_at)
      values (${plan.importId}, ${plan.agencyId}, ${plan.fileName}, ${plan.format}, ${created},
        ${updated}, ${plan.officialId}, ${plan.now})`),
    contentVersionBump(db, 'places'),
    auditStatement(db, plan.audit),
  );
  await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  return { created, updated };
}

export async function listImports(db: Db, agencies: readonly string[] | 'any', limit = 50) {
  const where = agencies === 'any' ? sql`1 = 1` : sql`i.agency_id in ${agencies}`;
  return db.all<{
    id: string;
    agencyId: string;
    fileName: string;
    format: 'csv' | 'geojson';
    created: number;
    updated: number;
    importedBy: string;
    importedByName: string | null;
    createdAt: string;
  }>(
    sql`select i.id as id, i.agency_id as agencyId, i.file_name as fileName, i.format as format,
          i.created as created, i.updated as updated, i.imported_by as importedBy,
          o.full_name as importedByName, i.created_at as createdAt
        from place_imports i left join officials o on o.id = i.imported_by
        where ${where} order by i.created_at desc, i.id desc limit ${limit}`,
  );
}

export interface PlaceValues {
  domain: PlaceDomain;
  category: PlaceCategory;
  name: string;
  address: string;
  communeId: string | null;
  lat: number;
  lng: number;
  phone: string | null;
  website: string | null;
  openingHours: string | null;
  description: string;
  en: string | null;
  status: 'published' | 'archived';
}

/** The audit entry, written only when `condition` holds at that point of the batch. */
function auditWhere(db: Db, a: AuditEntryInput, condition: SQL) {
  return db.run(sql`insert into audit_log (at, actor_kind, actor_id, action, entity_type,
      entity_id, from_value, to_value, note, request_id)
    select ${a.at}, ${a.actor.kind}, ${a.actor.id ?? null}, ${a.action}, ${a.entityType},
      ${a.entityId}, ${a.from ?? null}, ${a.to ?? null}, ${a.note ?? null},
      ${a.requestId ?? null}
    where ${condition}`);
}

/** A new place; false when the id (the client's requestKey) already exists. */
export async function createPlace(
  db: Db,
  p: PlaceValues & {
    id: string;
    agencyId: string;
    externalId: string | null;
    by: string;
    now: string;
  },
  communeName: string | null,
  audit: AuditEntryInput,
): Promise<boolean> {
  const [inserted] = await db.batch([
    db.run(sql`insert into places (id, agency_id, external_id, domain, category, name, address,
        commune_id, lat, lng, phone, website, opening_hours, description, en, status, version,
        created_by, updated_by, created_at, updated_at)
      values (${p.id}, ${p.agencyId}, ${p.externalId}, ${p.domain}, ${p.category}, ${p.name},
        ${p.address}, ${p.communeId}, ${p.lat}, ${p.lng}, ${p.phone}, ${p.website},
        ${p.openingHours}, ${p.description}, ${p.en}, ${p.status}, 1, ${p.by}, ${p.by},
        ${p.now}, ${p.now})
      on conflict do nothing`),
    ...searchIndexStatements(
      db,
      'place',
      p.id,
      searchParts({ ...p, communeName, en: p.en ? JSON.parse(p.en) : null }),
    ),
    contentVersionBump(db, 'places'),
    auditWhere(
      db,
      audit,
      sql`exists (select 1 from places where id = ${p.id}
        and created_at = ${p.now} and created_by = ${p.by})`,
    ),
  ]);
  return inserted.rowsAffected > 0;
}

/**
 * Saves a place if it is still at `version`; false when someone saved it meanwhile. The
 * search entry, version bump and audit entry are written only with the row (conditional
 * statements on the same version check).
 */
export async function updatePlace(
  db: Db,
  id: string,
  version: number,
  v: PlaceValues & { by: string; now: string },
  communeName: string | null,
  audit: AuditEntryInput,
): Promise<boolean> {
  const [res] = await db.batch([
    db.run(sql`update places set domain = ${v.domain}, category = ${v.category},
        name = ${v.name}, address = ${v.address}, commune_id = ${v.communeId}, lat = ${v.lat},
        lng = ${v.lng}, phone = ${v.phone}, website = ${v.website},
        opening_hours = ${v.openingHours}, description = ${v.description}, en = ${v.en},
        status = ${v.status}, version = version + 1, updated_by = ${v.by},
        updated_at = ${v.now}
      where id = ${id} and version = ${version}`),
    ...searchIndexStatements(
      db,
      'place',
      id,
      searchParts({ ...v, communeName, en: v.en ? JSON.parse(v.en) : null }),
    ),
    contentVersionBump(db, 'places'),
    auditWhere(
      db,
      audit,
      sql`exists (select 1 from places where id = ${id}
        and version = ${version + 1} and updated_at = ${v.now} and updated_by = ${v.by})`,
    ),
  ]);
  if (res.rowsAffected === 0) {
    // Someone saved first: the index statements above wrote this (refused) text, so put the
    // saved place's text back.
    const current = await findPlace(db, id);
    if (current) {
      await db.batch([
        ...searchIndexStatements(
          db,
          'place',
          id,
          searchParts({ ...current, en: current.en ? JSON.parse(current.en) : null }),
        ),
      ]);
    }
    throw new ApiError(
      409,
      'version_conflict',
      'Nội dung đã được người khác sửa. Vui lòng tải lại trang rồi sửa tiếp.',
      { id },
    );
  }
  return true;
}
