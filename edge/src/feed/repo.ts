import type { RATINGS, ReportStatus } from '@tinh/db/schema';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../platform/db';
import type { Bbox } from './params';

// Database access of the public feed and map. Each exported function is ONE statement, so
// one round trip to libSQL, whatever the filters. No statement here reads report_contacts,
// and only allow-listed columns of `reports` are selected (never the follow token hash,
// device hash, user id or submission id).
//
// How a page is found (EXPLAIN QUERY PLAN checked on 100,000 reports, see the report of
// issue 3); the newest-first order is `id DESC`, which every index below ends with:
//   no filter / status     reports_feed_idx (hidden, id) or reports_status_idx (status, id)
//   category, commune      reports_category_idx (category_id, id), reports_commune_idx (commune_id, id)
//   search (q)             FTS5 drives: reports_fts rows in rowid order, `rowid < cursor`,
//                          each joined to its report by primary key
//   map rectangle (bbox)   see `pageIds`: the newest-first scan when the rectangle holds many
//                          reports, reports_geo_idx (lat, lng) then a sort when it holds few
// A page selects ids first and computes photos, rating and names for those ids only.

export interface FeedFilter {
  categoryId?: string | undefined;
  communeId?: string | undefined;
  statuses?: readonly ReportStatus[] | undefined;
  /** Inclusive lower bound on created_at (UTC ISO). */
  createdFrom?: string | undefined;
  /** Exclusive upper bound on created_at (UTC ISO). */
  createdBefore?: string | undefined;
  /** An FTS5 MATCH expression built by `toFtsQuery` (never raw user text). */
  match?: string | null | undefined;
  bbox?: Bbox | undefined;
}

/** Characters of the description sent with a feed item (the list shows a few lines). */
export const DESCRIPTION_PREVIEW = 240;

/**
 * Counting reports inside a rectangle stops at this many index entries (reports_geo_idx
 * covers lat/lng, so the count reads the index only). Fewer: the rectangle is sparse and its
 * reports are read through the geo index and sorted (at most this many). More: it is dense and
 * the newest-first scan meets a page's worth of them quickly.
 */
const DENSE_AT = { list: 2_000, map: 5_000 } as const;

/** Conditions on `r` other than the rectangle and the cursor. */
function filterConditions(f: FeedFilter): SQL[] {
  const where: SQL[] = [sql`r.hidden = 0`];
  if (f.categoryId !== undefined) where.push(sql`r.category_id = ${f.categoryId}`);
  if (f.communeId !== undefined) where.push(sql`r.commune_id = ${f.communeId}`);
  if (f.statuses && f.statuses.length > 0) {
    where.push(
      sql`r.status in (${sql.join(
        f.statuses.map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
  }
  if (f.createdFrom !== undefined) where.push(sql`r.created_at >= ${f.createdFrom}`);
  if (f.createdBefore !== undefined) where.push(sql`r.created_at < ${f.createdBefore}`);
  return where;
}

const and = (parts: SQL[]) => sql.join(parts, sql` and `);

/**
 * The CTEs that end in `page(id)`: the ids of at most `take` visible reports matching `f`,
 * with id < `before`, newest first. Callers CROSS JOIN the page to reports, which fixes the
 * join order: with a bound LIMIT, SQLite cannot see that the page is small and may otherwise
 * scan every report to join it.
 */
function pageIds(f: FeedFilter, before: number, take: number, denseAt: number): SQL {
  const where = filterConditions(f);

  if (f.match) {
    // Search: FTS5 yields matching rowids newest first (it consumes ORDER BY rowid DESC and
    // the rowid bound), so a page costs the matches skipped, not every match.
    return sql`page(id) as (
      select reports_fts.rowid from reports_fts join reports r on r.id = reports_fts.rowid
      where reports_fts match ${f.match} and reports_fts.rowid < ${before}
        and ${and(where)}${f.bbox ? sql` and ${inBox(f.bbox)}` : sql``}
      order by reports_fts.rowid desc limit ${take})`;
  }

  if (!f.bbox) {
    return sql`page(id) as (
      select r.id from reports r where ${and(where)} and r.id < ${before}
      order by r.id desc limit ${take})`;
  }

  // A rectangle: which access path is cheaper depends on how many reports it holds, which
  // SQLite cannot know, so one statement measures it (`dense`, an index-only count capped at
  // `denseAt`) and carries both paths; the unused one gets an empty index range (its bound
  // is computed once, before its loop) and costs nothing.
  const b = f.bbox;
  return sql`dense(d) as (
      select count(*) >= ${denseAt} from (
        select 1 from reports g indexed by reports_geo_idx
        where g.lat between ${b.south} and ${b.north} and g.lng between ${b.west} and ${b.east}
        limit ${denseAt})),
    page(id) as (
      select id from (
        select r.id from reports r
        where ${and(where)}
          and +r.lat between ${b.south} and ${b.north} and +r.lng between ${b.west} and ${b.east}
          and r.id < (case when (select d from dense) then ${before} else 0 end)
        order by r.id desc limit ${take})
      union all
      select id from (
        select r.id from reports r indexed by reports_geo_idx
        where r.lat >= ${b.south}
          and r.lat <= (case when (select d from dense) then -91 else ${b.north} end)
          and r.lng between ${b.west} and ${b.east}
          and ${and(where)} and r.id < ${before}
        order by r.id desc limit ${take}))`;
}

function inBox(b: Bbox): SQL {
  return sql`r.lat between ${b.south} and ${b.north} and r.lng between ${b.west} and ${b.east}`;
}

/** Larger than any id: the first page. */
const FIRST_PAGE = Number.MAX_SAFE_INTEGER;

export interface FeedRow {
  id: number;
  code: string;
  status: ReportStatus;
  categoryId: string;
  categoryName: string;
  categoryNameEn: string;
  description: string;
  descriptionLength: number;
  communeId: string | null;
  communeName: string | null;
  communeKind: string | null;
  agencyId: string | null;
  agencyName: string | null;
  lat: number;
  lng: number;
  supporterCount: number;
  createdAt: string;
  resolvedAt: string | null;
  dueAt: string | null;
  duplicateOfCode: string | null;
  photoId: string | null;
  resultPhotoId: string | null;
  rating: (typeof RATINGS)[number] | null;
}

/** The feed statement (exported for EXPLAIN QUERY PLAN checks in tests). */
export function feedQuery(f: FeedFilter, page: { before?: number | undefined; take: number }): SQL {
  return sql`with ${pageIds(f, page.before ?? FIRST_PAGE, page.take, DENSE_AT.list)}
    select r.id as id, r.code as code, r.status as status,
      r.category_id as categoryId, c.name as categoryName, c.name_en as categoryNameEn,
      substr(r.description, 1, ${DESCRIPTION_PREVIEW + 1}) as description,
      length(r.description) as descriptionLength,
      r.commune_id as communeId, u.name as communeName, u.kind as communeKind,
      r.agency_id as agencyId, a.name as agencyName,
      r.lat as lat, r.lng as lng, r.supporter_count as supporterCount,
      r.created_at as createdAt, r.resolved_at as resolvedAt, r.due_at as dueAt,
      (select d.code from reports d where d.id = r.duplicate_of_id and d.hidden = 0) as duplicateOfCode,
      (select m.id from report_media m
        where m.report_id = r.id and m.phase = 'report' and m.kind = 'photo' and m.status = 'complete'
        order by m.sort_order limit 1) as photoId,
      case when r.status = 'resolved' then
        (select m.id from report_media m
          where m.report_id = r.id and m.phase = 'result' and m.kind = 'photo' and m.status = 'complete'
          order by m.sort_order limit 1) end as resultPhotoId,
      (select rr.rating from report_ratings rr
        where rr.report_id = r.id and rr.resolved_at = r.resolved_at) as rating
    from page p
    cross join reports r on r.id = p.id
    join report_categories c on c.id = r.category_id
    left join admin_units u on u.id = r.commune_id
    left join agencies a on a.id = r.agency_id
    order by r.id desc`;
}

/**
 * One page of the public feed, newest first: `take` rows with id < `before` (all of them when
 * `before` is absent). The rating is the one given to the report's current resolution.
 */
export async function listFeed(
  db: Db,
  f: FeedFilter,
  page: { before?: number | undefined; take: number },
): Promise<FeedRow[]> {
  return db.all<FeedRow>(feedQuery(f, page));
}

export interface MapPointRow {
  code: string;
  lat: number;
  lng: number;
  status: ReportStatus;
  categoryId: string;
}

/** The map statement (exported for EXPLAIN QUERY PLAN checks in tests). */
export function mapQuery(f: FeedFilter & { bbox: Bbox }, take: number): SQL {
  return sql`with ${pageIds(f, FIRST_PAGE, take, DENSE_AT.map)}
    select r.code as code, r.lat as lat, r.lng as lng, r.status as status, r.category_id as categoryId
    from page p cross join reports r on r.id = p.id
    order by r.id desc`;
}

/** The newest `take` visible reports inside a rectangle, positions and kinds only. */
export async function listMapPoints(
  db: Db,
  f: FeedFilter & { bbox: Bbox },
  take: number,
): Promise<MapPointRow[]> {
  return db.all<MapPointRow>(mapQuery(f, take));
}
