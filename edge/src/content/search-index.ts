import type { SearchKind } from '@tinh/db/schema';
import { type SQL, sql } from 'drizzle-orm';
import { toFtsQuery } from '../feed/params';
import type { Db } from '../platform/db';
import { foldVietnamese } from '../platform/text';

// The shared full-text index of public information (migration 0010): every editorial row
// writes its searchable text here in the same batch as the row, folded the way toFtsQuery
// folds what people type, so "lich tiep cong dan" finds "Lịch tiếp công dân".

/** Statements that (re)write the index entry of one row: put them in the row's batch. */
export function searchIndexStatements(
  db: Db,
  kind: SearchKind,
  refId: string,
  parts: readonly (string | null | undefined)[],
) {
  const body = foldVietnamese(parts.filter((p): p is string => !!p).join(' \n '));
  return [
    db.run(
      sql`insert into content_search_docs (kind, ref_id) values (${kind}, ${refId}) on conflict do nothing`,
    ),
    db.run(
      sql`delete from content_search where rowid = (select id from content_search_docs where kind = ${kind} and ref_id = ${refId})`,
    ),
    db.run(
      sql`insert into content_search (rowid, kind, body) select id, ${kind}, ${body} from content_search_docs where kind = ${kind} and ref_id = ${refId}`,
    ),
  ] as const;
}

/** Statements that remove a row's entry (the row is deleted). */
export function searchRemoveStatements(db: Db, kind: SearchKind, refId: string) {
  return [
    db.run(
      sql`delete from content_search where rowid = (select id from content_search_docs where kind = ${kind} and ref_id = ${refId})`,
    ),
    db.run(sql`delete from content_search_docs where kind = ${kind} and ref_id = ${refId}`),
  ] as const;
}

/**
 * A condition on `column` (a row id) that keeps the rows of `kind` matching what was typed:
 * `where ${searchMatches('article', sql`a.id`, q)}`. Null when `q` has no word to search for
 * (validate with SearchTextSchema from feed/params first).
 */
export function searchMatches(kind: SearchKind, column: SQL, q: string): SQL | null {
  const match = toFtsQuery(q);
  if (match === null) return null;
  return sql`${column} in (select d.ref_id from content_search s join content_search_docs d on d.id = s.rowid where content_search match ${match} and s.kind = ${kind})`;
}
