import { agencies, newsArticles, newsCategories } from '@tinh/db/schema';
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import { type AuditEntryInput, auditStatement } from '../audit/log';
import { contentVersionBump } from '../content/cache';
import { type Lang, localize, parseEnglish } from '../content/lang';
import { richTextToPlain } from '../content/rich-text';
import { searchIndexStatements, searchMatches } from '../content/search-index';
import { auditIfChanged } from '../management/repo';
import type { Db } from '../platform/db';
import { ApiError } from '../platform/errors';
import type { WorkArticle } from './schemas';

// Storage of government news. Lists are keyset-paged on (published_at, id) for the public
// and (updated_at, id) for editors, never by offset; search runs in the shared FTS index.

export type ArticleRow = typeof newsArticles.$inferSelect;
export type Row = ArticleRow & {
  agencyName: string;
  categoryName: string;
  categoryNameEn: string;
};

const ENGLISH_FIELDS = ['title', 'summary'] as const;
/** Long enough for two lines on a phone, short enough to keep list pages small. */
const SUMMARY_CHARS = 280;

/** The summary an editor left empty: the start of the body, cut at a word. */
export function autoSummary(bodyHtml: string): string {
  // Paragraphs and list items end a sentence: "Tàu đi chậm. Không neo đậu", not run together.
  const lines = richTextToPlain(bodyHtml)
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '');
  const plain = lines
    .map((line, i) => (i < lines.length - 1 && !/[.!?:;,…]$/.test(line) ? `${line}.` : line))
    .join(' ');
  if (plain.length <= SUMMARY_CHARS) return plain;
  const cut = plain.slice(0, SUMMARY_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${(space > SUMMARY_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** What an article is found by: both languages' title, summary and body. */
export function searchTexts(row: ArticleRow): string[] {
  const en = parseEnglish(row.en);
  const enText = (k: string) => (typeof en[k] === 'string' ? (en[k] as string) : null);
  const enBody = enText('bodyHtml');
  return [
    row.title,
    row.summary,
    richTextToPlain(row.bodyHtml),
    enText('title'),
    enText('summary'),
    enBody ? richTextToPlain(enBody) : null,
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

const SELECT = sql`select n.id as id, n.agency_id as agencyId, a.name as agencyName,
    n.category_id as categoryId, c.name as categoryName, c.name_en as categoryNameEn,
    n.title as title, n.summary as summary, n.body_html as bodyHtml, n.cover_key as coverKey,
    n.en as en, n.status as status, n.published_at as publishedAt, n.version as version,
    n.created_by as createdBy, n.updated_by as updatedBy, n.created_at as createdAt,
    n.updated_at as updatedAt
  from news_articles n join agencies a on a.id = n.agency_id
  join news_categories c on c.id = n.category_id`;

/** Summaries only (no body): what lists and the home screen need. */
const SELECT_SUMMARY = sql`select n.id as id, n.agency_id as agencyId, a.name as agencyName,
    n.category_id as categoryId, c.name as categoryName, c.name_en as categoryNameEn,
    n.title as title, n.summary as summary,
    case when json_valid(n.en) then json_remove(n.en, '$.bodyHtml') end as en,
    n.published_at as publishedAt
  from news_articles n join agencies a on a.id = n.agency_id
  join news_categories c on c.id = n.category_id`;

export type SummaryRow = Pick<
  Row,
  | 'id'
  | 'agencyId'
  | 'agencyName'
  | 'categoryId'
  | 'categoryName'
  | 'categoryNameEn'
  | 'title'
  | 'summary'
  | 'en'
  | 'publishedAt'
>;

export function publicSummary(r: SummaryRow, lang: Lang) {
  const l = localize({ title: r.title, summary: r.summary }, r.en, lang, ENGLISH_FIELDS);
  return {
    id: r.id,
    title: l.title,
    summary: l.summary,
    category: {
      id: r.categoryId,
      name: lang === 'en' && r.categoryNameEn ? r.categoryNameEn : r.categoryName,
    },
    agency: { id: r.agencyId, name: r.agencyName },
    publishedAt: r.publishedAt ?? '',
  };
}

export function publicArticle(r: Row, lang: Lang) {
  const en = lang === 'en' ? parseEnglish(r.en) : {};
  return {
    ...publicSummary(r, lang),
    bodyHtml: typeof en.bodyHtml === 'string' && en.bodyHtml !== '' ? en.bodyHtml : r.bodyHtml,
    updatedAt: r.updatedAt,
  };
}

export async function publicCategories(db: Db, lang: Lang) {
  const rows = await db
    .select({ id: newsCategories.id, name: newsCategories.name, nameEn: newsCategories.nameEn })
    .from(newsCategories)
    .orderBy(asc(newsCategories.sortOrder), asc(newsCategories.id));
  return rows.map((r) => ({ id: r.id, name: lang === 'en' && r.nameEn ? r.nameEn : r.name }));
}

/** The newest published summaries, as a statement a caller can put into its own batch. */
export function latestSummariesQuery(db: Db, limit: number) {
  return db.all<SummaryRow>(
    sql`${SELECT_SUMMARY} where n.status = 'published'
      order by n.published_at desc, n.id desc limit ${limit}`,
  );
}

export async function publicList(
  db: Db,
  f: { category?: string; q?: string; cursor?: string; limit: number; lang: Lang },
) {
  const conditions: SQL[] = [sql`n.status = 'published'`];
  if (f.category) conditions.push(sql`n.category_id = ${f.category}`);
  if (f.q) {
    const cond = searchMatches('article', sql`n.id`, f.q);
    if (cond) conditions.push(cond);
  }
  if (f.cursor) {
    const [publishedAt, id] = decodeCursor(f.cursor);
    conditions.push(sql`(n.published_at, n.id) < (${publishedAt}, ${id})`);
  }
  const rows = await db.all<SummaryRow>(
    sql`${SELECT_SUMMARY} where ${sql.join(conditions, sql` and `)}
      order by n.published_at desc, n.id desc limit ${f.limit + 1}`,
  );
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => publicSummary(r, f.lang)),
    nextCursor:
      rows.length > f.limit && last ? encodeCursor([last.publishedAt ?? '', last.id]) : null,
  };
}

export async function findArticle(db: Db, id: string): Promise<Row | null> {
  const [row] = await db.all<Row>(sql`${SELECT} where n.id = ${id}`);
  return row ?? null;
}

// ---- editors --------------------------------------------------------------------------------

export function workArticle(r: Row): WorkArticle {
  return {
    id: r.id,
    agencyId: r.agencyId,
    agencyName: r.agencyName,
    categoryId: r.categoryId,
    categoryName: r.categoryName,
    title: r.title,
    summary: r.summary,
    bodyHtml: r.bodyHtml,
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
    category?: string;
    cursor?: string;
    limit: number;
  },
) {
  const conditions: SQL[] = [sql`1 = 1`];
  if (f.agencyIds) conditions.push(sql`n.agency_id in ${f.agencyIds}`);
  if (f.status) conditions.push(sql`n.status = ${f.status}`);
  if (f.category) conditions.push(sql`n.category_id = ${f.category}`);
  if (f.q) {
    const cond = searchMatches('article', sql`n.id`, f.q);
    if (cond) conditions.push(cond);
  }
  if (f.cursor) {
    const [updatedAt, id] = decodeCursor(f.cursor);
    conditions.push(sql`(n.updated_at, n.id) < (${updatedAt}, ${id})`);
  }
  const rows = await db.all<Row>(
    sql`${SELECT} where ${sql.join(conditions, sql` and `)}
      order by n.updated_at desc, n.id desc limit ${f.limit + 1}`,
  );
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => {
      const { bodyHtml: _b, en: _e, ...rest } = workArticle(r);
      return rest;
    }),
    nextCursor: rows.length > f.limit && last ? encodeCursor([last.updatedAt, last.id]) : null,
  };
}

export async function namesOf(db: Db, agencyId: string, categoryId: string) {
  const [agency, category] = await db.batch([
    db.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, agencyId)),
    db
      .select({ name: newsCategories.name, nameEn: newsCategories.nameEn })
      .from(newsCategories)
      .where(eq(newsCategories.id, categoryId)),
  ]);
  return { agency: agency[0]?.name ?? null, category: category[0] ?? null };
}

export async function insertArticle(db: Db, row: ArticleRow, audit: AuditEntryInput) {
  await db.batch([
    db.insert(newsArticles).values(row),
    ...searchIndexStatements(db, 'article', row.id, searchTexts(row)),
    auditStatement(db, audit),
  ]);
}

/**
 * Writes `next` if the row still has `expectedVersion`, with its index entry, the version
 * bump (when the public may see the change) and the audit entry. False when someone else
 * wrote first: the index is then rewritten from the row as it stands.
 */
export async function updateArticle(
  db: Db,
  next: ArticleRow,
  expectedVersion: number,
  audit: AuditEntryInput,
  publicChange: boolean,
): Promise<boolean> {
  const { id, createdAt: _c, createdBy: _b, ...values } = next;
  const [updated] = await db.batch([
    db
      .update(newsArticles)
      .set(values)
      .where(and(eq(newsArticles.id, id), eq(newsArticles.version, expectedVersion)))
      .returning({ id: newsArticles.id }),
    auditIfChanged(db, audit),
    ...searchIndexStatements(db, 'article', id, searchTexts(next)),
    ...(publicChange ? [contentVersionBump(db, 'news')] : []),
  ]);
  if (updated.length > 0) return true;
  const current = await findArticle(db, id);
  if (current) {
    await db.batch([...searchIndexStatements(db, 'article', id, searchTexts(current))]);
  }
  return false;
}

export async function deleteDraft(db: Db, id: string, audit: AuditEntryInput): Promise<boolean> {
  const [deleted] = await db.batch([
    db.all(sql`delete from news_articles where id = ${id} and status = 'draft' returning id`),
    auditIfChanged(db, audit),
    // Only when the row is gone: a draft published meanwhile keeps its index entry.
    db.run(sql`delete from content_search where rowid = (select id from content_search_docs
        where kind = 'article' and ref_id = ${id})
      and not exists (select 1 from news_articles where id = ${id})`),
    db.run(sql`delete from content_search_docs where kind = 'article' and ref_id = ${id}
      and not exists (select 1 from news_articles where id = ${id})`),
  ]);
  return deleted.length > 0;
}
