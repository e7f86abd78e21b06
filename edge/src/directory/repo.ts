import { agencies, directoryEntries } from '@tinh/db/schema';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { AuditEntryInput } from '../audit/log';
import { auditStatement } from '../audit/log';
import { contentVersionBump } from '../content/cache';
import { type Lang, localize, parseEnglish } from '../content/lang';
import { searchIndexStatements, searchMatches } from '../content/search-index';
import { auditIfChanged } from '../management/repo';
import type { Db } from '../platform/db';
import { compareVietnamese } from '../platform/text';
import { displayPhone, telLink } from './phone';
import type { PublicEntry, WorkEntry } from './schemas';

// Storage of the phone directory. The public directory is one small document (a province
// publishes a few hundred numbers): it is read whole, arranged into its three sections here
// and cached by content version, so a phone downloads it once and searches it again only
// when the directory changed.

export type EntryRow = typeof directoryEntries.$inferSelect;
type Kind = EntryRow['kind'];

const ENGLISH_FIELDS = ['name', 'role', 'hours', 'address'] as const;

/** Which kinds may sit under which: departments under agencies, people under either. */
export const PARENT_KINDS: Record<Kind, readonly Kind[]> = {
  emergency: [],
  hotline: [],
  agency: [],
  department: ['agency'],
  person: ['agency', 'department'],
};

const bySortOrder = (a: EntryRow, b: EntryRow) =>
  a.sortOrder - b.sortOrder ||
  // Short codes before long numbers when editors left the order alone: 113, 114, 115, 1022.
  a.phone.length - b.phone.length ||
  (a.phone < b.phone ? -1 : a.phone > b.phone ? 1 : 0) ||
  compareVietnamese(a.name, b.name);

/** The text a row is found by: names in both languages, role, agency, every phone's digits. */
export function searchTexts(row: EntryRow, agencyName: string): string[] {
  const en = parseEnglish(row.en);
  return [
    row.name,
    row.role,
    row.hours,
    row.address,
    agencyName,
    row.phone,
    row.phoneAlt,
    // Without its leading 0, so "2933876543" finds "0293 3876 543" as well.
    row.phone.replace(/^0/, ''),
    ...ENGLISH_FIELDS.map((f) => (typeof en[f] === 'string' ? (en[f] as string) : null)),
  ].filter((t): t is string => !!t);
}

export interface PublicFilter {
  q?: string;
  kind?: Kind;
  commune?: string;
  lang: Lang;
}

/** The published directory: emergency numbers, hotlines, then agencies as trees. */
export async function publicDirectory(db: Db, f: PublicFilter) {
  const conditions: SQL[] = [eq(directoryEntries.status, 'published')];
  if (f.commune) {
    conditions.push(
      sql`(${directoryEntries.communeId} is null or ${directoryEntries.communeId} = ${f.commune})`,
    );
  }
  const rows = await db
    .select()
    .from(directoryEntries)
    .where(and(...conditions));

  let matched: Set<string> | null = null;
  if (f.q) {
    const cond = searchMatches('directory', sql`e.id`, f.q);
    const found = cond
      ? await db.all<{ id: string }>(
          sql`select e.id as id from directory_entries e where e.status = 'published' and ${cond}`,
        )
      : [];
    matched = new Set(found.map((r) => r.id));
  }
  const matches = (r: EntryRow) =>
    (matched === null || matched.has(r.id)) && (f.kind === undefined || r.kind === f.kind);
  const filtering = matched !== null || f.kind !== undefined;

  const childrenOf = new Map<string, EntryRow[]>();
  for (const r of rows) {
    if (!r.parentId) continue;
    const list = childrenOf.get(r.parentId) ?? [];
    list.push(r);
    childrenOf.set(r.parentId, list);
  }

  // A node stays when it matches (with everything under it, so a matching agency shows its
  // departments) or when something under it matches (so a person is shown in their office).
  const node = (r: EntryRow, keepAll: boolean, depth: number): PublicEntry | null => {
    const self = keepAll || !filtering || matches(r);
    const children: PublicEntry[] = [];
    if (depth < 3) {
      for (const child of (childrenOf.get(r.id) ?? []).sort(bySortOrder)) {
        const n = node(child, self, depth + 1);
        if (n) children.push(n);
      }
    }
    if (!self && children.length === 0) return null;
    return { ...publicEntry(r, f.lang), children };
  };

  const section = (kinds: readonly Kind[]) =>
    rows
      .filter((r) => kinds.includes(r.kind) && r.parentId === null)
      .sort(bySortOrder)
      .map((r) => node(r, false, 0))
      .filter((n): n is PublicEntry => n !== null);

  return {
    emergency: section(['emergency']),
    hotlines: section(['hotline']),
    // A department or person whose agency entry is not published has nowhere to be shown.
    agencies: section(['agency']),
  };
}

function publicEntry(r: EntryRow, lang: Lang): Omit<PublicEntry, 'children'> {
  const l = localize(
    { name: r.name, role: r.role, hours: r.hours, address: r.address },
    r.en,
    lang,
    ENGLISH_FIELDS,
  );
  return {
    id: r.id,
    kind: r.kind,
    name: l.name,
    role: l.role,
    phone: displayPhone(r.phone),
    tel: telLink(r.phone),
    phoneAlt: r.phoneAlt ? displayPhone(r.phoneAlt) : null,
    telAlt: r.phoneAlt ? telLink(r.phoneAlt) : null,
    email: r.email,
    address: l.address,
    hours: l.hours,
    communeId: r.communeId,
    agencyId: r.agencyId,
    parentId: r.parentId,
  };
}

// ---- editors --------------------------------------------------------------------------------

export async function findEntry(db: Db, id: string) {
  const [row] = await db
    .select({ entry: directoryEntries, agencyName: agencies.name })
    .from(directoryEntries)
    .innerJoin(agencies, eq(agencies.id, directoryEntries.agencyId))
    .where(eq(directoryEntries.id, id));
  return row ?? null;
}

export function workEntry(r: EntryRow, agencyName: string): WorkEntry {
  return {
    id: r.id,
    agencyId: r.agencyId,
    agencyName,
    parentId: r.parentId,
    kind: r.kind,
    name: r.name,
    role: r.role,
    phone: r.phone,
    phoneDisplay: displayPhone(r.phone),
    phoneAlt: r.phoneAlt,
    email: r.email,
    address: r.address,
    communeId: r.communeId,
    hours: r.hours,
    en: parseEnglish(r.en),
    sortOrder: r.sortOrder,
    status: r.status,
    publishedAt: r.publishedAt,
    version: r.version,
    updatedAt: r.updatedAt,
  };
}

/** Entries an editor sees: their agency's (or, `agencyIds` null, every agency's). */
export async function workEntries(
  db: Db,
  f: { agencyIds: readonly string[] | null; status?: string; kind?: Kind; q?: string },
) {
  const conditions: SQL[] = [];
  if (f.agencyIds) conditions.push(sql`e.agency_id in ${f.agencyIds}`);
  if (f.status) conditions.push(sql`e.status = ${f.status}`);
  if (f.kind) conditions.push(sql`e.kind = ${f.kind}`);
  if (f.q) {
    const cond = searchMatches('directory', sql`e.id`, f.q);
    if (cond) conditions.push(cond);
  }
  const where = conditions.length > 0 ? sql.join(conditions, sql` and `) : sql`1 = 1`;
  const ids = await db.all<{ id: string }>(
    sql`select e.id as id from directory_entries e where ${where} limit 2000`,
  );
  if (ids.length === 0) return [];
  const rows = await db
    .select({ entry: directoryEntries, agencyName: agencies.name })
    .from(directoryEntries)
    .innerJoin(agencies, eq(agencies.id, directoryEntries.agencyId))
    .where(sql`${directoryEntries.id} in ${ids.map((r) => r.id)}`);
  return rows
    .sort((a, b) => bySortOrder(a.entry, b.entry))
    .map((r) => workEntry(r.entry, r.agencyName));
}

export async function agencyName(db: Db, id: string): Promise<string | null> {
  const [row] = await db.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, id));
  return row?.name ?? null;
}

export async function communeExists(db: Db, id: string): Promise<boolean> {
  const rows = await db.all(sql`select 1 from admin_units where id = ${id} and level = 'commune'`);
  return rows.length > 0;
}

export async function hasChildren(db: Db, id: string): Promise<boolean> {
  const rows = await db.all(sql`select 1 from directory_entries where parent_id = ${id} limit 1`);
  return rows.length > 0;
}

/** The next sort position among an entry's siblings: new entries go last. */
export async function nextSortOrder(
  db: Db,
  s: { agencyId: string; kind: Kind; parentId: string | null },
): Promise<number> {
  const [row] = await db.all<{ n: number | null }>(sql`select max(sort_order) as n
    from directory_entries where agency_id = ${s.agencyId} and kind = ${s.kind}
      and parent_id is ${s.parentId}`);
  return row?.n === null || row?.n === undefined ? 0 : Number(row.n) + 10;
}

/** Inserts a new entry with its index entry, version bump and audit entry, in one batch. */
export async function insertEntry(
  db: Db,
  row: typeof directoryEntries.$inferInsert & { id: string },
  agencyName: string,
  audit: AuditEntryInput,
) {
  const full = { ...row } as EntryRow;
  await db.batch([
    db.insert(directoryEntries).values(row),
    ...searchIndexStatements(db, 'directory', row.id, searchTexts(full, agencyName)),
    contentVersionBump(db, 'directory'),
    auditStatement(db, audit),
  ]);
}

/**
 * Writes `next` over the entry if it still has `expectedVersion`, with its index entry, the
 * version bump and the audit entry. False when someone else wrote first: the index is then
 * rewritten from the row as it stands, so it never keeps text the row does not have.
 */
export async function updateEntry(
  db: Db,
  next: EntryRow,
  expectedVersion: number,
  agencyName: string,
  audit: AuditEntryInput,
): Promise<boolean> {
  const { id, createdAt: _c, createdBy: _b, ...values } = next;
  const [updated] = await db.batch([
    db
      .update(directoryEntries)
      .set(values)
      .where(and(eq(directoryEntries.id, id), eq(directoryEntries.version, expectedVersion)))
      .returning({ id: directoryEntries.id }),
    auditIfChanged(db, audit),
    ...searchIndexStatements(db, 'directory', id, searchTexts(next, agencyName)),
    contentVersionBump(db, 'directory'),
  ]);
  if (updated.length > 0) return true;
  const current = await findEntry(db, id);
  if (current) {
    await db.batch([
      ...searchIndexStatements(db, 'directory', id, searchTexts(current.entry, current.agencyName)),
    ]);
  }
  return false;
}

/** New sort positions for siblings (10 apart), each row's version bumped, in one batch. */
export async function reorderEntries(
  db: Db,
  ids: readonly string[],
  now: string,
  officialId: string,
  audit: AuditEntryInput,
) {
  await db.batch([
    contentVersionBump(db, 'directory'),
    auditStatement(db, audit),
    ...ids.map((id, i) =>
      db.run(sql`update directory_entries set sort_order = ${i * 10}, version = version + 1,
          updated_at = ${now}, updated_by = ${officialId} where id = ${id}`),
    ),
  ]);
}

/** Deletes a draft with its index entry. False when it was no longer a draft. */
export async function deleteDraft(db: Db, id: string, audit: AuditEntryInput): Promise<boolean> {
  const [deleted] = await db.batch([
    db.all(sql`delete from directory_entries where id = ${id} and status = 'draft' returning id`),
    auditIfChanged(db, audit),
    // Only when the row is gone: a draft published meanwhile keeps its index entry.
    db.run(sql`delete from content_search where rowid = (select id from content_search_docs
        where kind = 'directory' and ref_id = ${id})
      and not exists (select 1 from directory_entries where id = ${id})`),
    db.run(sql`delete from content_search_docs where kind = 'directory' and ref_id = ${id}
      and not exists (select 1 from directory_entries where id = ${id})`),
  ]);
  return deleted.length > 0;
}
