import { type SQL, sql } from 'drizzle-orm';
import { GRANTS } from '../access/permissions';
import type { Lang } from '../content/lang';
import { localize, parseEnglish } from '../content/lang';
import { searchMatches } from '../content/search-index';
import type { Db } from '../platform/db';
import { ApiError } from '../platform/errors';

// Reads and the enquiry write of investment promotion. Lists page by (published_at or
// updated_at, id) descending with an opaque cursor, so rows added while someone pages never
// shift a page.

export const invalidCursor = () =>
  new ApiError(400, 'invalid_cursor', 'Con trỏ trang không hợp lệ.');

export function encodeCursor(at: string, id: string): string {
  return btoa(unescape(encodeURIComponent(`${at}|${id}`)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

export function decodeCursor(text: string): { at: string; id: string } {
  try {
    const raw = decodeURIComponent(escape(atob(text.replace(/-/g, '+').replace(/_/g, '/'))));
    const m = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)\|([A-Za-z0-9_-]{1,64})$/.exec(raw);
    if (m?.[1] && m[2]) return { at: m[1], id: m[2] };
  } catch {
    // answered below
  }
  throw invalidCursor();
}

/** `(at, id) < cursor` for a descending list; true without a cursor. */
export function before(at: SQL, id: SQL, cursor: string | undefined): SQL {
  if (!cursor) return sql`1`;
  const c = decodeCursor(cursor);
  return sql`(${at} < ${c.at} or (${at} = ${c.at} and ${id} < ${c.id}))`;
}

export function page<T>(rows: T[], limit: number, key: (r: T) => [string, string]) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor(...key(last)) : null,
  };
}

export const documentUrl = (id: string) => `/api/v1/investment/documents/${id}`;

interface DocumentRow {
  id: string;
  title: string;
  fileName: string;
  contentType: string;
  bytes: number;
  sha256: string;
  createdAt: string;
}

export async function documentsOf(db: Db, of: { projectId?: string; policyId?: string }) {
  const where = of.projectId ? sql`project_id = ${of.projectId}` : sql`policy_id = ${of.policyId}`;
  const rows = await db.all<DocumentRow>(sql`select id, title, file_name as fileName,
      content_type as contentType, bytes, sha256, created_at as createdAt
    from investment_documents where ${where} order by created_at, id`);
  return rows.map((r) => ({ ...r, bytes: Number(r.bytes), url: documentUrl(r.id) }));
}

// ---- public ---------------------------------------------------------------------------------

export async function listSectors(db: Db, lang: Lang) {
  const rows = await db.all<{
    id: string;
    name: string;
    nameEn: string;
    description: string;
    descriptionEn: string | null;
    projectCount: number;
  }>(sql`select s.id, s.name, s.name_en as nameEn, s.description,
      s.description_en as descriptionEn,
      (select count(*) from investment_projects p
        where p.sector_id = s.id and p.status = 'published') as projectCount
    from investment_sectors s order by s.sort_order, s.id`);
  return rows.map((r) => ({
    id: r.id,
    name: lang === 'en' ? r.nameEn : r.name,
    description: lang === 'en' && r.descriptionEn ? r.descriptionEn : r.description,
    projectCount: Number(r.projectCount),
  }));
}

interface PolicyRow {
  id: string;
  title: string;
  summary: string;
  agencyId: string;
  agencyName: string;
  publishedAt: string | null;
  en: string | null;
  bodyHtml: string;
}

const POLICY_FIELDS = ['title', 'summary', 'bodyHtml'] as const;

export async function listPolicies(
  db: Db,
  q: { q?: string; cursor?: string; limit: number; lang: Lang },
) {
  const match = q.q ? searchMatches('investment_policy', sql`p.id`, q.q) : null;
  const rows = await db.all<PolicyRow>(sql`select p.id, p.title, p.summary, p.agency_id as agencyId,
      a.name as agencyName, p.published_at as publishedAt, p.en, '' as bodyHtml
    from investment_policies p join agencies a on a.id = p.agency_id
    where p.status = 'published' and ${match ?? sql`1`}
      and ${before(sql`p.published_at`, sql`p.id`, q.cursor)}
    order by p.published_at desc, p.id desc limit ${q.limit + 1}`);
  const { items, nextCursor } = page(rows, q.limit, (r) => [r.publishedAt ?? '', r.id]);
  return {
    items: items.map(({ en, bodyHtml: _b, ...r }) =>
      localize(r, en, q.lang, ['title', 'summary'] as const),
    ),
    nextCursor,
  };
}

export async function publicPolicy(db: Db, id: string, lang: Lang) {
  const [row] = await db.all<PolicyRow>(sql`select p.id, p.title, p.summary,
      p.agency_id as agencyId, a.name as agencyName, p.published_at as publishedAt, p.en,
      p.body_html as bodyHtml
    from investment_policies p join agencies a on a.id = p.agency_id
    where p.id = ${id} and p.status = 'published'`);
  if (!row) return null;
  const { en, ...rest } = row;
  const documents = (await documentsOf(db, { policyId: id })).map(
    ({ sha256: _s, createdAt: _c, ...d }) => d,
  );
  return { ...localize(rest, en, lang, POLICY_FIELDS), documents };
}

interface ProjectRow {
  id: string;
  title: string;
  summary: string;
  sectorId: string;
  sectorName: string;
  sectorNameEn: string;
  location: string;
  communeId: string | null;
  communeName: string | null;
  areaHectares: number | null;
  capitalVnd: number | null;
  stage: 'calling' | 'negotiating' | 'licensed' | 'closed';
  agencyId: string;
  agencyName: string;
  publishedAt: string | null;
  en: string | null;
}

const PROJECT_COLUMNS = sql`p.id, p.title, p.summary, p.sector_id as sectorId,
  s.name as sectorName, s.name_en as sectorNameEn, p.location, p.commune_id as communeId,
  u.name as communeName, p.area_hectares as areaHectares, p.capital_vnd as capitalVnd, p.stage,
  p.agency_id as agencyId, a.name as agencyName, p.published_at as publishedAt, p.en`;

const PROJECT_FROM = sql`investment_projects p
  join investment_sectors s on s.id = p.sector_id
  join agencies a on a.id = p.agency_id
  left join admin_units u on u.id = p.commune_id`;

function projectOut(r: ProjectRow, lang: Lang) {
  const { en, sectorNameEn, ...rest } = r;
  const out = localize(
    {
      ...rest,
      sectorName: lang === 'en' ? sectorNameEn : rest.sectorName,
      areaHectares: rest.areaHectares === null ? null : Number(rest.areaHectares),
      capitalVnd: rest.capitalVnd === null ? null : Number(rest.capitalVnd),
    },
    en,
    lang,
    ['title', 'summary', 'location'] as const,
  );
  return out;
}

export async function listProjects(
  db: Db,
  q: {
    sector?: string;
    stage?: string;
    commune?: string;
    q?: string;
    cursor?: string;
    limit: number;
    lang: Lang;
  },
) {
  const conditions: SQL[] = [sql`p.status = 'published'`];
  if (q.sector) conditions.push(sql`p.sector_id = ${q.sector}`);
  if (q.stage) conditions.push(sql`p.stage = ${q.stage}`);
  if (q.commune) conditions.push(sql`p.commune_id = ${q.commune}`);
  const match = q.q ? searchMatches('investment_project', sql`p.id`, q.q) : null;
  if (match) conditions.push(match);
  conditions.push(before(sql`p.published_at`, sql`p.id`, q.cursor));
  const rows = await db.all<ProjectRow>(sql`select ${PROJECT_COLUMNS} from ${PROJECT_FROM}
    where ${sql.join(conditions, sql` and `)}
    order by p.published_at desc, p.id desc limit ${q.limit + 1}`);
  const { items, nextCursor } = page(rows, q.limit, (r) => [r.publishedAt ?? '', r.id]);
  return { items: items.map((r) => projectOut(r, q.lang)), nextCursor };
}

export async function publicProject(db: Db, id: string, lang: Lang) {
  const [row] = await db.all<ProjectRow & { bodyHtml: string; lat: number; lng: number }>(
    sql`select ${PROJECT_COLUMNS}, p.body_html as bodyHtml, p.lat, p.lng from ${PROJECT_FROM}
      where p.id = ${id} and p.status = 'published'`,
  );
  if (!row) return null;
  const english = parseEnglish(row.en);
  const documents = (await documentsOf(db, { projectId: id })).map(
    ({ sha256: _s, createdAt: _c, ...d }) => d,
  );
  const bodyHtml =
    lang === 'en' && typeof english.bodyHtml === 'string' && english.bodyHtml
      ? english.bodyHtml
      : row.bodyHtml;
  return {
    ...projectOut(row, lang),
    bodyHtml,
    lat: row.lat === null ? null : Number(row.lat),
    lng: row.lng === null ? null : Number(row.lng),
    documents,
  };
}

export interface PublicDocument {
  id: string;
  objectKey: string;
  fileName: string;
  contentType: string;
  sha256: string;
}

/** A file whose project or policy is published (drafts' files are not public). */
export async function publicDocument(db: Db, id: string): Promise<PublicDocument | null> {
  const [row] = await db.all<PublicDocument>(sql`select d.id, d.object_key as objectKey,
      d.file_name as fileName, d.content_type as contentType, d.sha256
    from investment_documents d
    left join investment_projects p on p.id = d.project_id
    left join investment_policies o on o.id = d.policy_id
    where d.id = ${id} and (p.status = 'published' or o.status = 'published')`);
  return row ?? null;
}

// ---- enquiries ------------------------------------------------------------------------------

/** Roles whose holders in the agency hear about its enquiries. */
const MANAGING_ROLES = Object.entries(GRANTS)
  .filter(([, grants]) => grants['investment.manage'])
  .map(([role]) => role);

export interface EnquiryResult {
  id: string;
  status: 'new' | 'in_progress' | 'answered' | 'closed';
  agencyId: string;
  agencyName: string;
  projectId: string | null;
  createdAt: string;
}

export async function enquiryByKey(db: Db, requestKey: string): Promise<EnquiryResult | null> {
  const [row] = await db.all<EnquiryResult>(sql`select e.id, e.status, e.agency_id as agencyId,
      a.name as agencyName, e.project_id as projectId, e.created_at as createdAt
    from investment_enquiries e join agencies a on a.id = e.agency_id
    where e.request_key = ${requestKey}`);
  return row ?? null;
}

/** Where an enquiry goes: the published project's agency, else a publishing agency. */
export async function enquiryTarget(
  db: Db,
  q: { projectId?: string; agencyId?: string },
): Promise<{ agencyId: string; projectId: string | null; projectTitle: string | null }> {
  if (q.projectId) {
    const [p] = await db.all<{ agencyId: string; title: string }>(sql`select agency_id as agencyId,
        title from investment_projects where id = ${q.projectId} and status = 'published'`);
    if (!p) throw new ApiError(404, 'project_not_found', 'Không tìm thấy dự án.');
    return { agencyId: p.agencyId, projectId: q.projectId, projectTitle: p.title };
  }
  const agencyId = q.agencyId ?? '';
  const [ok] = await db.all(sql`select 1 from agencies a where a.id = ${agencyId} and (
      exists (select 1 from investment_projects p where p.agency_id = a.id and p.status = 'published')
      or exists (select 1 from investment_policies o where o.agency_id = a.id and o.status = 'published'))`);
  if (!ok) {
    throw new ApiError(
      422,
      'agency_not_accepting',
      'Cơ quan này không nhận yêu cầu tư vấn đầu tư. Vui lòng chọn một dự án hoặc cơ quan khác.',
    );
  }
  return { agencyId, projectId: null, projectTitle: null };
}

export interface EnquiryValues {
  requestKey: string;
  name: string;
  organisation?: string;
  email?: string;
  phone?: string;
  country?: string;
  message: string;
}

/**
 * Writes the enquiry and, only when this request wrote it (not a parallel retry), a notice
 * to each active official of the agency who manages investment. Answers whether it was new.
 */
export async function createEnquiry(
  db: Db,
  target: { agencyId: string; projectId: string | null; projectTitle: string | null },
  v: EnquiryValues,
  now: string,
): Promise<{ created: boolean; enquiry: EnquiryResult }> {
  const id = crypto.randomUUID();
  const who = v.organisation ? `${v.name} (${v.organisation})` : v.name;
  const title = target.projectTitle
    ? `Yêu cầu tư vấn đầu tư: ${target.projectTitle}`.slice(0, 200)
    : 'Yêu cầu tư vấn đầu tư mới';
  const body = `${who}: ${v.message}`.slice(0, 300);
  const [inserted] = await db.batch([
    db.all(sql`insert into investment_enquiries (id, agency_id, project_id, request_key, name,
        organisation, email, phone, country, message, status, created_at, updated_at)
      values (${id}, ${target.agencyId}, ${target.projectId}, ${v.requestKey}, ${v.name},
        ${v.organisation ?? null}, ${v.email ?? null}, ${v.phone ?? null}, ${v.country ?? null},
        ${v.message}, 'new', ${now}, ${now})
      on conflict (request_key) do nothing returning id`),
    db.run(sql`insert into notifications (recipient_type, recipient_id, kind, title, body, link,
        dedupe_key, created_at)
      select 'official', o.id, 'investment.enquiry', ${title}, ${body},
        ${`/dau-tu?enquiry=${id}`}, ${`investment-enquiry:${id}:`} || o.id, ${now}
      from officials o
      where o.agency_id = ${target.agencyId} and o.status = 'active'
        and exists (select 1 from investment_enquiries e where e.id = ${id})
        and exists (select 1 from official_roles r
          where r.official_id = o.id and r.role in ${MANAGING_ROLES})
      on conflict (dedupe_key) do nothing`),
  ]);
  const enquiry = await enquiryByKey(db, v.requestKey);
  if (!enquiry) throw new Error('enquiry missing after insert');
  return { created: inserted.length > 0, enquiry };
}

// ---- editors' enquiry inbox ----------------------------------------------------------------

interface EnquiryRow {
  id: string;
  agencyId: string;
  projectId: string | null;
  projectTitle: string | null;
  name: string;
  organisation: string | null;
  email: string | null;
  phone: string | null;
  country: string | null;
  message: string;
  status: 'new' | 'in_progress' | 'answered' | 'closed';
  reply: string | null;
  handledBy: string | null;
  handledByName: string | null;
  handledAt: string | null;
  createdAt: string;
}

const ENQUIRY_SELECT = sql`select e.id, e.agency_id as agencyId, e.project_id as projectId,
    p.title as projectTitle, e.name, e.organisation, e.email, e.phone, e.country, e.message,
    e.status, e.reply, e.handled_by as handledBy, o.full_name as handledByName,
    e.handled_at as handledAt, e.created_at as createdAt
  from investment_enquiries e
  left join investment_projects p on p.id = e.project_id
  left join officials o on o.id = e.handled_by`;

/** `agencyId` null: every agency (holders at `any`). */
export async function listEnquiries(
  db: Db,
  q: { agencyId: string | null; status?: string; cursor?: string; limit: number },
) {
  const scope = q.agencyId ? sql`e.agency_id = ${q.agencyId}` : sql`1`;
  const status = q.status ? sql`e.status = ${q.status}` : sql`1`;
  const [rows, counts] = await Promise.all([
    db.all<EnquiryRow>(sql`${ENQUIRY_SELECT}
      where ${scope} and ${status} and ${before(sql`e.created_at`, sql`e.id`, q.cursor)}
      order by e.created_at desc, e.id desc limit ${q.limit + 1}`),
    db.all<{ status: string; n: number }>(sql`select e.status, count(*) as n
      from investment_enquiries e where ${scope} group by e.status`),
  ]);
  return {
    ...page(rows, q.limit, (r) => [r.createdAt, r.id]),
    counts: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])),
  };
}

export async function findEnquiry(db: Db, id: string): Promise<EnquiryRow | null> {
  const [row] = await db.all<EnquiryRow>(sql`${ENQUIRY_SELECT} where e.id = ${id}`);
  return row ?? null;
}
