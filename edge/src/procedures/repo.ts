import { agencies, procedures } from '@tinh/db/schema';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { type AuditEntryInput, auditStatement } from '../audit/log';
import { contentVersionBump } from '../content/cache';
import { type Lang, localize, parseEnglish } from '../content/lang';
import { richTextToPlain } from '../content/rich-text';
import { searchIndexStatements, searchMatches } from '../content/search-index';
import { auditIfChanged } from '../management/repo';
import type { Db } from '../platform/db';
import { ApiError } from '../platform/errors';
import type { WorkProcedure } from './schemas';

// Storage of the public services catalogue. A province lists one to two thousand
// procedures, so lists are paged in SQL (keyset on the sort key, never an offset) and the
// full text search runs in the shared FTS index.

export type ProcedureRow = typeof procedures.$inferSelect;
type Row = ProcedureRow & { agencyName: string };

const ENGLISH_FIELDS = ['name', 'field', 'feeText', 'processingTime'] as const;

export function parseDocuments(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((d): d is string => typeof d === 'string') : [];
  } catch {
    return [];
  }
}

/** What a procedure is found by: code, names in both languages, field, agency, documents, steps. */
export function searchTexts(row: ProcedureRow, agencyName: string): string[] {
  const en = parseEnglish(row.en);
  const enText = (k: string) => (typeof en[k] === 'string' ? (en[k] as string) : null);
  return [
    row.code,
    row.name,
    row.field,
    agencyName,
    row.feeText,
    row.processingTime,
    ...parseDocuments(row.documents),
    richTextToPlain(row.bodyHtml),
    enText('name'),
    enText('field'),
  ].filter((t): t is string => !!t);
}

// ---- cursors --------------------------------------------------------------------------------

function encodeCursor(key: readonly string[]): string {
  const bytes = new TextEncoder().encode(JSON.stringify(key));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function decodeCursor(text: string): [string, string] {
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const value: unknown = JSON.parse(
      new TextDecoder().decode(Uint8Array.from(bin, (ch) => ch.charCodeAt(0))),
    );
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      value.every((v) => typeof v === 'string' && v.length <= 300)
    ) {
      return [value[0], value[1]];
    }
  } catch {
    // answered below
  }
  throw new ApiError(400, 'invalid_cursor', 'Con trỏ trang không hợp lệ.');
}

const SELECT = sql`select p.id as id, p.code as code, p.agency_id as agencyId,
    a.name as agencyName, p.field as field, p.name as name, p.level as level,
    p.fee_text as feeText, p.fee_vnd as feeVnd, p.processing_time as processingTime,
    p.processing_days as processingDays, p.documents as documents, p.body_html as bodyHtml,
    p.portal_url as portalUrl, p.en as en, p.status as status, p.published_at as publishedAt,
    p.version as version, p.created_by as createdBy, p.updated_by as updatedBy,
    p.created_at as createdAt, p.updated_at as updatedAt
  from procedures p join agencies a on a.id = p.agency_id`;

function summary(r: Row, lang: Lang) {
  const l = localize(
    {
      name: r.name,
      field: r.field,
      feeText: r.feeText,
      processingTime: r.processingTime,
    },
    r.en,
    lang,
    ENGLISH_FIELDS,
  );
  return {
    id: r.id,
    code: r.code,
    name: l.name,
    field: r.field,
    fieldLabel: l.field,
    agencyId: r.agencyId,
    agencyName: r.agencyName,
    level: r.level,
    feeText: l.feeText,
    feeVnd: r.feeVnd,
    processingTime: l.processingTime,
    processingDays: r.processingDays,
  };
}

export async function publicList(
  db: Db,
  f: {
    q?: string;
    field?: string;
    agency?: string;
    level?: string;
    cursor?: string;
    limit: number;
    lang: Lang;
  },
) {
  const conditions: SQL[] = [sql`p.status = 'published'`];
  if (f.field) conditions.push(sql`p.field = ${f.field}`);
  if (f.agency) conditions.push(sql`p.agency_id = ${f.agency}`);
  if (f.level) conditions.push(sql`p.level = ${f.level}`);
  if (f.q) {
    const cond = searchMatches('procedure', sql`p.id`, f.q);
    if (cond) conditions.push(cond);
  }
  if (f.cursor) {
    const [name, id] = decodeCursor(f.cursor);
    conditions.push(sql`(p.name, p.id) > (${name}, ${id})`);
  }
  const rows = await db.all<Row>(
    sql`${SELECT} where ${sql.join(conditions, sql` and `)} order by p.name, p.id limit ${f.limit + 1}`,
  );
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => summary(r, f.lang)),
    nextCursor: rows.length > f.limit && last ? encodeCursor([last.name, last.id]) : null,
  };
}

export async function publicFields(db: Db, lang: Lang) {
  const rows = await db.all<{ field: string; en: string | null; count: number }>(sql`
    select field, max(case when json_valid(en) then json_extract(en, '$.field') end) as en,
      count(*) as count
    from procedures where status = 'published' group by field`);
  return rows
    .map((r) => ({
      field: r.field,
      label: lang === 'en' && r.en ? r.en : r.field,
      count: Number(r.count),
    }))
    .sort((a, b) => b.count - a.count || a.field.localeCompare(b.field, 'vi'));
}

export async function findProcedure(db: Db, id: string): Promise<Row | null> {
  const [row] = await db.all<Row>(sql`${SELECT} where p.id = ${id}`);
  return row ?? null;
}

export async function codeTaken(db: Db, code: string, exceptId: string | null) {
  const rows = await db.all(
    sql`select 1 from procedures where code = ${code} and id is not ${exceptId}`,
  );
  return rows.length > 0;
}

export function publicProcedure(r: Row, lang: Lang, dossierLookupUrl: string | null) {
  const en = lang === 'en' ? parseEnglish(r.en) : {};
  const enDocs = Array.isArray(en.documents)
    ? en.documents.filter((d): d is string => typeof d === 'string' && d !== '')
    : [];
  return {
    ...summary(r, lang),
    documents: enDocs.length > 0 ? enDocs : parseDocuments(r.documents),
    bodyHtml: typeof en.bodyHtml === 'string' && en.bodyHtml !== '' ? en.bodyHtml : r.bodyHtml,
    portalUrl: r.portalUrl,
    dossierLookupUrl,
    publishedAt: r.publishedAt,
    updatedAt: r.updatedAt,
  };
}

// ---- editors --------------------------------------------------------------------------------

export function workProcedure(r: Row): WorkProcedure {
  return {
    id: r.id,
    code: r.code,
    agencyId: r.agencyId,
    agencyName: r.agencyName,
    field: r.field,
    name: r.name,
    level: r.level,
    feeText: r.feeText,
    feeVnd: r.feeVnd,
    processingTime: r.processingTime,
    processingDays: r.processingDays,
    documents: parseDocuments(r.documents),
    bodyHtml: r.bodyHtml,
    portalUrl: r.portalUrl,
    en: parseEnglish(r.en),
    status: r.status,
    publishedAt: r.publishedAt,
    version: r.version,
    updatedAt: r.updatedAt,
  };
}

export async function workList(
  db: Db,
  f: {
    agencyIds: readonly string[] | null;
    q?: string;
    status?: string;
    field?: string;
    cursor?: string;
    limit: number;
  },
) {
  const conditions: SQL[] = [sql`1 = 1`];
  if (f.agencyIds) conditions.push(sql`p.agency_id in ${f.agencyIds}`);
  if (f.status) conditions.push(sql`p.status = ${f.status}`);
  if (f.field) conditions.push(sql`p.field = ${f.field}`);
  if (f.q) {
    const cond = searchMatches('procedure', sql`p.id`, f.q);
    if (cond) conditions.push(cond);
  }
  if (f.cursor) {
    const [updatedAt, id] = decodeCursor(f.cursor);
    conditions.push(sql`(p.updated_at, p.id) < (${updatedAt}, ${id})`);
  }
  const rows = await db.all<Row>(
    sql`${SELECT} where ${sql.join(conditions, sql` and `)}
      order by p.updated_at desc, p.id desc limit ${f.limit + 1}`,
  );
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => {
      const { bodyHtml: _b, documents: _d, en: _e, ...rest } = workProcedure(r);
      return rest;
    }),
    nextCursor: rows.length > f.limit && last ? encodeCursor([last.updatedAt, last.id]) : null,
  };
}

export async function agencyName(db: Db, id: string): Promise<string | null> {
  const [row] = await db.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, id));
  return row?.name ?? null;
}

/** A unique-index failure on the code, however the driver words it. */
export function isCodeConflict(e: unknown): boolean {
  const text = `${e instanceof Error ? e.message : ''} ${
    e instanceof Error && e.cause instanceof Error ? e.cause.message : ''
  }`;
  return /UNIQUE/i.test(text) && /procedures\.code|procedures_code_uq/i.test(text);
}

export async function insertProcedure(
  db: Db,
  row: ProcedureRow,
  agencyName: string,
  audit: AuditEntryInput,
) {
  await db.batch([
    db.insert(procedures).values(row),
    ...searchIndexStatements(db, 'procedure', row.id, searchTexts(row, agencyName)),
    contentVersionBump(db, 'procedures'),
    auditStatement(db, audit),
  ]);
}

/**
 * Writes `next` if the row still has `expectedVersion`, with its index entry, the version
 * bump and the audit entry. False when someone else wrote first: the index is then rewritten
 * from the row as it stands, so it never keeps text the row does not have.
 */
export async function updateProcedure(
  db: Db,
  next: ProcedureRow,
  expectedVersion: number,
  agencyName: string,
  audit: AuditEntryInput,
): Promise<boolean> {
  const { id, createdAt: _c, createdBy: _b, ...values } = next;
  const [updated] = await db.batch([
    db
      .update(procedures)
      .set(values)
      .where(and(eq(procedures.id, id), eq(procedures.version, expectedVersion)))
      .returning({ id: procedures.id }),
    auditIfChanged(db, audit),
    ...searchIndexStatements(db, 'procedure', id, searchTexts(next, agencyName)),
    contentVersionBump(db, 'procedures'),
  ]);
  if (updated.length > 0) return true;
  const current = await findProcedure(db, id);
  if (current) {
    await db.batch([
      ...searchIndexStatements(db, 'procedure', id, searchTexts(current, current.agencyName)),
    ]);
  }
  return false;
}

export async function deleteDraft(db: Db, id: string, audit: AuditEntryInput): Promise<boolean> {
  const [deleted] = await db.batch([
    db.all(sql`delete from procedures where id = ${id} and status = 'draft' returning id`),
    auditIfChanged(db, audit),
    // Only when the row is gone: a draft published meanwhile keeps its index entry.
    db.run(sql`delete from content_search where rowid = (select id from content_search_docs
        where kind = 'procedure' and ref_id = ${id})
      and not exists (select 1 from procedures where id = ${id})`),
    db.run(sql`delete from content_search_docs where kind = 'procedure' and ref_id = ${id}
      and not exists (select 1 from procedures where id = ${id})`),
  ]);
  return deleted.length > 0;
}
