import { type SQL, sql } from 'drizzle-orm';
import type { AuditEntryInput } from '../audit/log';
import { contentVersionBump } from '../content/cache';
import { englishColumn, parseEnglish } from '../content/lang';
import { richTextToPlain, sanitizeRichText } from '../content/rich-text';
import { searchIndexStatements, searchMatches } from '../content/search-index';
import { auditIfChanged } from '../management/repo';
import type { Db } from '../platform/db';
import { ApiError } from '../platform/errors';
import { before, documentsOf, page } from './repo';

// The editors' writes of policies and projects. Each write is one batch: the row (only if it
// still has the version the editor read), its audit entry (only if the row was written), its
// search entry and the module's content version. Bodies are stored sanitised.

export type Kind = 'project' | 'policy';

const TABLE: Record<Kind, SQL> = {
  project: sql`investment_projects`,
  policy: sql`investment_policies`,
};
const SEARCH_KIND = { project: 'investment_project', policy: 'investment_policy' } as const;

export const notFound = (kind: Kind) =>
  kind === 'project'
    ? new ApiError(404, 'project_not_found', 'Không tìm thấy dự án.')
    : new ApiError(404, 'policy_not_found', 'Không tìm thấy chính sách.');

export const versionConflict = () =>
  new ApiError(
    409,
    'version_conflict',
    'Nội dung đã được người khác sửa. Vui lòng tải lại trang để xem bản mới nhất rồi sửa tiếp.',
  );

export interface PolicyValues {
  title: string;
  summary: string;
  bodyHtml: string;
  en?: { title?: string; summary?: string; bodyHtml?: string };
}

export interface ProjectValues extends PolicyValues {
  sectorId: string;
  stage: 'calling' | 'negotiating' | 'licensed' | 'closed';
  location: string;
  communeId?: string | null;
  lat?: number | null;
  lng?: number | null;
  areaHectares?: number | null;
  capitalVnd?: number | null;
  en?: { title?: string; summary?: string; bodyHtml?: string; location?: string };
}

/** The row's columns as stored: sanitised bodies, English as JSON or null. */
function storedColumns(v: PolicyValues | ProjectValues) {
  const bodyHtml = sanitizeRichText(v.bodyHtml);
  if (richTextToPlain(bodyHtml).length === 0) {
    throw new ApiError(400, 'validation_failed', 'Nội dung không được để trống.', {
      fields: { bodyHtml: 'Nội dung không được để trống.' },
    });
  }
  const en = englishColumn({
    ...v.en,
    bodyHtml: v.en?.bodyHtml ? sanitizeRichText(v.en.bodyHtml) : undefined,
  });
  const base = { title: v.title, summary: v.summary, bodyHtml, en };
  if (!('sectorId' in v)) return base;
  return {
    ...base,
    sectorId: v.sectorId,
    stage: v.stage,
    location: v.location,
    communeId: v.communeId ?? null,
    lat: v.lat ?? null,
    lng: v.lng ?? null,
    areaHectares: v.areaHectares ?? null,
    capitalVnd: v.capitalVnd ?? null,
  };
}

/** A sector and a commune that exist, or 422. */
export async function checkReferences(db: Db, v: ProjectValues) {
  const [sector] = await db.all(sql`select 1 from investment_sectors where id = ${v.sectorId}`);
  if (!sector) {
    throw new ApiError(422, 'unknown_sector', 'Lĩnh vực không có trong danh mục.', {
      sectorId: v.sectorId,
    });
  }
  if (v.communeId) {
    const [commune] = await db.all(
      sql`select 1 from admin_units where id = ${v.communeId} and level = 'commune'`,
    );
    if (!commune) {
      throw new ApiError(422, 'unknown_commune', 'Xã/phường không có trong danh mục.', {
        communeId: v.communeId,
      });
    }
  }
}

function searchParts(cols: ReturnType<typeof storedColumns>) {
  const english = parseEnglish(cols.en);
  return [
    cols.title,
    cols.summary,
    richTextToPlain(cols.bodyHtml),
    'location' in cols ? cols.location : null,
    typeof english.title === 'string' ? english.title : null,
    typeof english.summary === 'string' ? english.summary : null,
  ];
}

function writeColumns(kind: Kind, cols: ReturnType<typeof storedColumns>): SQL {
  const common = sql`title = ${cols.title}, summary = ${cols.summary},
    body_html = ${cols.bodyHtml}, en = ${cols.en}`;
  if (kind === 'policy' || !('sectorId' in cols)) return common;
  return sql`${common}, sector_id = ${cols.sectorId}, stage = ${cols.stage},
    location = ${cols.location}, commune_id = ${cols.communeId}, lat = ${cols.lat},
    lng = ${cols.lng}, area_hectares = ${cols.areaHectares}, capital_vnd = ${cols.capitalVnd}`;
}

export async function createItem(
  db: Db,
  kind: Kind,
  q: { agencyId: string; officialId: string; now: string; values: PolicyValues | ProjectValues },
  audit: (id: string, to: string) => AuditEntryInput,
): Promise<string> {
  const cols = storedColumns(q.values);
  const id = crypto.randomUUID();
  const insert =
    kind === 'project' && 'sectorId' in cols
      ? sql`insert into investment_projects (id, agency_id, sector_id, title, summary, body_html,
          location, commune_id, lat, lng, area_hectares, capital_vnd, stage, en, status, version,
          created_by, updated_by, created_at, updated_at)
        values (${id}, ${q.agencyId}, ${cols.sectorId}, ${cols.title}, ${cols.summary},
          ${cols.bodyHtml}, ${cols.location}, ${cols.communeId}, ${cols.lat}, ${cols.lng},
          ${cols.areaHectares}, ${cols.capitalVnd}, ${cols.stage}, ${cols.en}, 'draft', 1,
          ${q.officialId}, ${q.officialId}, ${q.now}, ${q.now})`
      : sql`insert into investment_policies (id, agency_id, title, summary, body_html, en,
          status, version, created_by, updated_by, created_at, updated_at)
        values (${id}, ${q.agencyId}, ${cols.title}, ${cols.summary}, ${cols.bodyHtml},
          ${cols.en}, 'draft', 1, ${q.officialId}, ${q.officialId}, ${q.now}, ${q.now})`;
  await db.batch([
    db.run(insert),
    auditIfChanged(db, audit(id, JSON.stringify({ status: 'draft', ...cols }))),
    ...searchIndexStatements(db, SEARCH_KIND[kind], id, searchParts(cols)),
  ]);
  return id;
}

/** The stored row (for the audit's before and the version check), or null. */
export async function rawItem(db: Db, kind: Kind, id: string) {
  const [row] = await db.all<Record<string, unknown> & { agency_id: string; version: number }>(
    sql`select * from ${TABLE[kind]} where id = ${id}`,
  );
  return row ?? null;
}

export async function updateItem(
  db: Db,
  kind: Kind,
  q: { id: string; version: number; officialId: string; now: string; values: PolicyValues },
  audit: (before: Record<string, unknown>, after: Record<string, unknown>) => AuditEntryInput,
): Promise<void> {
  const cols = storedColumns(q.values);
  const before = await rawItem(db, kind, q.id);
  if (!before) throw notFound(kind);
  if (Number(before.version) !== q.version) throw versionConflict();
  const snake: Record<string, unknown> = {
    title: cols.title,
    summary: cols.summary,
    body_html: cols.bodyHtml,
    en: cols.en,
  };
  if ('sectorId' in cols) {
    Object.assign(snake, {
      sector_id: cols.sectorId,
      stage: cols.stage,
      location: cols.location,
      commune_id: cols.communeId,
      lat: cols.lat,
      lng: cols.lng,
      area_hectares: cols.areaHectares,
      capital_vnd: cols.capitalVnd,
    });
  }
  const prior = Object.fromEntries(Object.keys(snake).map((k) => [k, before[k] ?? null]));
  const [updated] = await db.batch([
    db.all(sql`update ${TABLE[kind]} set ${writeColumns(kind, cols)},
        version = version + 1, updated_by = ${q.officialId}, updated_at = ${q.now}
      where id = ${q.id} and version = ${q.version} returning id`),
    auditIfChanged(db, audit(prior, snake)),
    ...searchIndexStatements(db, SEARCH_KIND[kind], q.id, searchParts(cols)),
    contentVersionBump(db, 'investment'),
  ]);
  if (updated.length === 0) throw versionConflict();
}

export async function setStatus(
  db: Db,
  kind: Kind,
  q: {
    id: string;
    version: number;
    status: 'draft' | 'published' | 'archived';
    officialId: string;
    now: string;
  },
  audit: (from: string) => AuditEntryInput,
): Promise<void> {
  const before = await rawItem(db, kind, q.id);
  if (!before) throw notFound(kind);
  if (Number(before.version) !== q.version) throw versionConflict();
  const [updated] = await db.batch([
    db.all(sql`update ${TABLE[kind]} set status = ${q.status},
        published_at = case when ${q.status} = 'published'
          then coalesce(published_at, ${q.now}) else published_at end,
        version = version + 1, updated_by = ${q.officialId}, updated_at = ${q.now}
      where id = ${q.id} and version = ${q.version} returning id`),
    auditIfChanged(db, audit(String(before.status))),
    contentVersionBump(db, 'investment'),
  ]);
  if (updated.length === 0) throw versionConflict();
}

// ---- editors' reads -------------------------------------------------------------------------

export async function workItem(db: Db, kind: Kind, id: string) {
  const [row] = await db.all<Record<string, unknown>>(sql`select t.*, a.name as agency_name
    from ${TABLE[kind]} t join agencies a on a.id = t.agency_id where t.id = ${id}`);
  if (!row) return null;
  const documents = await documentsOf(
    db,
    kind === 'project' ? { projectId: id } : { policyId: id },
  );
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const base = {
    id: String(row.id),
    agencyId: String(row.agency_id),
    agencyName: String(row.agency_name),
    title: String(row.title),
    summary: String(row.summary),
    status: row.status as 'draft' | 'published' | 'archived',
    version: Number(row.version),
    publishedAt: (row.published_at as string | null) ?? null,
    updatedAt: String(row.updated_at),
    bodyHtml: String(row.body_html),
    en: parseEnglish(row.en as string | null),
    documents,
  };
  if (kind === 'policy') return base;
  return {
    ...base,
    sectorId: String(row.sector_id),
    stage: row.stage as 'calling' | 'negotiating' | 'licensed' | 'closed',
    location: String(row.location),
    communeId: (row.commune_id as string | null) ?? null,
    lat: num(row.lat),
    lng: num(row.lng),
    areaHectares: num(row.area_hectares),
    capitalVnd: num(row.capital_vnd),
  };
}

interface WorkRow {
  id: string;
  agencyId: string;
  agencyName: string;
  title: string;
  summary: string;
  status: 'draft' | 'published' | 'archived';
  version: number;
  publishedAt: string | null;
  updatedAt: string;
  sectorId: string | null;
  stage: 'calling' | 'negotiating' | 'licensed' | 'closed' | null;
  enquiryCount: number;
}

/** Newest edits first; `agencyId` null: every agency. */
export async function listWork(
  db: Db,
  kind: Kind,
  q: { agencyId: string | null; status?: string; q?: string; cursor?: string; limit: number },
) {
  const conditions: SQL[] = [];
  if (q.agencyId) conditions.push(sql`t.agency_id = ${q.agencyId}`);
  if (q.status) conditions.push(sql`t.status = ${q.status}`);
  const match = q.q ? searchMatches(SEARCH_KIND[kind], sql`t.id`, q.q) : null;
  if (match) conditions.push(match);
  conditions.push(before(sql`t.updated_at`, sql`t.id`, q.cursor));
  const extra =
    kind === 'project'
      ? sql`t.sector_id as sectorId, t.stage as stage,
        (select count(*) from investment_enquiries e where e.project_id = t.id) as enquiryCount`
      : sql`null as sectorId, null as stage, 0 as enquiryCount`;
  const rows = await db.all<WorkRow>(sql`select t.id, t.agency_id as agencyId,
      a.name as agencyName, t.title, t.summary, t.status, t.version,
      t.published_at as publishedAt, t.updated_at as updatedAt, ${extra}
    from ${TABLE[kind]} t join agencies a on a.id = t.agency_id
    where ${sql.join(conditions, sql` and `)}
    order by t.updated_at desc, t.id desc limit ${q.limit + 1}`);
  const out = page(rows, q.limit, (r) => [r.updatedAt, r.id]);
  return {
    ...out,
    items: out.items.map((r) => ({
      ...r,
      version: Number(r.version),
      enquiryCount: Number(r.enquiryCount),
    })),
  };
}
