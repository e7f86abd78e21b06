import type { ReportStatus } from '@tinh/db/schema';
import { sql } from 'drizzle-orm';
import type { Db } from '../platform/db';
import { haversineMetres } from '../reports/geo';
import { OPEN_STATUSES } from '../reports/labels';
import type { ReportSummaryRow } from '../reports/repo';
import { classify } from './classifier/classify';
import type { IntakeConfig } from './config';
import { rtreeBox, rtreeWithin } from './geo-index';
import { jaccard, shingles } from './text-similarity';

// Duplicate search: the open reports that are probably about the same problem as a new
// text at a point. Used before sending, to offer the citizen "Tôi cũng gặp vấn đề này"
// (POST /api/v1/reports/similar, reports/follow.ts), and on a report's page for the IOC's
// merge (intake/merge.ts, GET /api/v1/work/reports/{code}/duplicates).
//
// A candidate is a report that is
//   open        received, assigned or in progress (a closed report is not waiting for anyone);
//   near        within config.duplicateRadiusMetres (default 250 m) of the point;
//   recent      created within config.duplicateWindowDays (default 30 days);
//   related     of the same category or a related one (relatedCategories below);
//   alike       text similarity ≥ MIN_SIMILARITY (intake/text-similarity.ts);
//   visible     not hidden by the IOC, unless the caller asks (the IOC sees hidden ones,
//               flagged; the public never does).
//
// One round trip: a single query that starts from the R*Tree of report locations
// (reports_geo, through intake/geo-index.ts) and looks the reports in the box up by id, with
// every filter but distance and text in SQL, at most CANDIDATE_ROWS nearest. The exact
// distance and the text similarity are measured here, on those few rows. It never scans
// reports: with 100,000 open reports the box around a town-centre point holds a few hundred
// (`npm run bench` scenario `duplicates` prints the timings).

export interface DuplicateQuery {
  lat: number;
  lng: number;
  categoryId: string;
  description: string;
  excludeReportId?: number;
  now?: Date;
}

export interface DuplicateCandidate {
  id: number;
  code: string;
  categoryId: string;
  categoryName: string;
  status: ReportStatus;
  description: string;
  address: string | null;
  lat: number;
  lng: number;
  distanceMetres: number;
  similarity: number;
  supporterCount: number;
  agencyId: string | null;
  createdAt: string;
  hidden: boolean;
}

/**
 * Lowest text similarity of a candidate. Measured over every pair of the classifier's
 * fixtures (fixtures/classifier, 1,787 reports): 3.0 % of pairs of one category and 0.1 % of
 * pairs of different categories reach 0.12, while the same problem told by two citizens in
 * their own words (with or without diacritics) scores 0.23–0.48 (text-similarity.test.ts).
 * Two different problems in one street can reach it too, through the street's name; they
 * rank below the real duplicate and the citizen or the IOC decides.
 */
export const MIN_SIMILARITY = 0.12;

/**
 * A category is related to the query when the classifier ranks it among its top three for
 * the query's text with at least this confidence. Citizens often pick a neighbouring
 * category (a blocked drain filed as "môi trường" or as "cấp thoát nước"), and the
 * classifier's ranking says which neighbours a text could belong to; 0.15 keeps the
 * categories it seriously considers and drops the tail of a flat distribution.
 */
export const RELATED_MIN_CONFIDENCE = 0.15;

/** Rows read from the index at most: the nearest ones, before distance and text filtering. */
export const CANDIDATE_ROWS = 200;

/** Candidates returned by default. */
export const DEFAULT_LIMIT = 10;

/**
 * The categories a candidate may have: the query's own and those the classifier ranks in
 * its top three for the query text with confidence ≥ RELATED_MIN_CONFIDENCE. A candidate
 * also qualifies through its own suggested category (what the classifier read in its text
 * when it arrived), so a report filed under an unexpected category is still found when its
 * words say otherwise.
 */
export function relatedCategories(categoryId: string, description: string): string[] {
  const related = new Set([categoryId]);
  const c = classify(description);
  if (c.category !== null) {
    for (const x of [{ category: c.category, confidence: c.confidence }, ...c.alternatives].slice(
      0,
      3,
    )) {
      if (x.confidence >= RELATED_MIN_CONFIDENCE) related.add(x.category);
    }
  }
  return [...related];
}

/** One row of the search: a report summary (reports/view.ts toSummary) and what ranks it. */
export type SimilarRow = ReportSummaryRow & {
  agencyId: string | null;
  distanceMetres: number;
  similarity: number;
};

interface RawRow {
  id: number;
  code: string;
  status: ReportStatus;
  description: string;
  lat: number;
  lng: number;
  address: string | null;
  supporterCount: number;
  dueAt: string | null;
  createdAt: string;
  updatedAt: string;
  hidden: number | boolean;
  categoryId: string;
  categoryName: string;
  categoryNameEn: string;
  communeName: string | null;
  photoId: string | null;
  agencyId: string | null;
}

/** "Not sent by this citizen" (their own report is not a problem someone else reported). */
function notBy(who: { deviceHash: string | null; userId: string | null } | undefined) {
  if (!who) return sql``;
  return sql`${who.deviceHash ? sql`and r.device_hash is not ${who.deviceHash}` : sql``}
    ${who.userId ? sql`and r.user_id is not ${who.userId}` : sql``}`;
}

const OPEN_SQL = sql.raw(OPEN_STATUSES.map((s) => `'${s}'`).join(', '));

/**
 * The search itself, with the columns of a public summary (reports/view.ts toSummary) so
 * that the citizens' endpoint and the IOC's list share it. Best first: the rank is the
 * similarity weighted by closeness, similarity × (1 − distance / (2 × radius)), so at equal
 * words the nearer report wins, and a much closer wording wins over a few metres.
 */
export async function searchSimilar(
  db: Db,
  config: IntakeConfig,
  q: DuplicateQuery,
  opts: {
    limit?: number;
    includeHidden?: boolean;
    /** Leave out the reports of this citizen (a device, or a signed-in user). */
    excludeReporter?: { deviceHash: string | null; userId: string | null };
  } = {},
): Promise<SimilarRow[]> {
  const radius = config.duplicateRadiusMetres;
  const now = q.now ?? new Date();
  const since = new Date(now.getTime() - config.duplicateWindowDays * 86_400_000).toISOString();
  const box = rtreeBox(q, radius);
  const categories = sql.join(
    relatedCategories(q.categoryId, q.description).map((id) => sql`${id}`),
    sql`, `,
  );
  // Planar distance in degrees of latitude, only to keep the nearest rows in SQL.
  const kx = Math.cos((q.lat * Math.PI) / 180);
  const rows = await db.all<RawRow>(sql`
    select r.id as id, r.code as code, r.status as status, r.description as description,
      r.lat as lat, r.lng as lng, r.address as address, r.supporter_count as supporterCount,
      r.due_at as dueAt, r.created_at as createdAt, r.updated_at as updatedAt,
      r.hidden as hidden, r.category_id as categoryId, c.name as categoryName,
      c.name_en as categoryNameEn, u.name as communeName, r.agency_id as agencyId,
      (select m.id from report_media m
        where m.report_id = r.id and m.phase = 'report' and m.kind = 'photo'
          and m.status = 'complete'
        order by m.sort_order limit 1) as photoId
    from reports_geo g
    cross join reports r on r.id = g.id
    join report_categories c on c.id = r.category_id
    left join admin_units u on u.id = r.commune_id
    where ${rtreeWithin(box)}
      and r.status in (${OPEN_SQL})
      and r.created_at >= ${since}
      and (r.category_id in (${categories}) or r.suggested_category_id in (${categories}))
      ${opts.includeHidden ? sql`` : sql`and r.hidden = 0`}
      ${q.excludeReportId === undefined ? sql`` : sql`and r.id <> ${q.excludeReportId}`}
      ${notBy(opts.excludeReporter)}
    order by (r.lat - ${q.lat}) * (r.lat - ${q.lat})
      + (r.lng - ${q.lng}) * (r.lng - ${q.lng}) * ${kx * kx}
    limit ${CANDIDATE_ROWS}`);

  const mine = shingles(q.description);
  const found: (SimilarRow & { rank: number })[] = [];
  for (const row of rows) {
    const distance = haversineMetres(q, row);
    if (distance > radius) continue;
    const similarity = jaccard(mine, shingles(row.description));
    if (similarity < MIN_SIMILARITY) continue;
    found.push({
      ...row,
      hidden: Boolean(row.hidden),
      distanceMetres: Math.round(distance),
      similarity: Math.round(similarity * 1000) / 1000,
      rank: similarity * (1 - distance / (2 * radius)),
    });
  }
  // Ties (the same words at the same spot): the older report first, usually the one the
  // others will be merged into.
  found.sort((a, b) => b.rank - a.rank || a.distanceMetres - b.distanceMetres || a.id - b.id);
  return found.slice(0, opts.limit ?? DEFAULT_LIMIT).map(({ rank: _rank, ...row }) => row);
}

/**
 * Candidate duplicates of a text at a point (see the file comment). The IOC's caller passes
 * `includeHidden: true` and `excludeReportId` (the report being looked at); public callers
 * leave hidden reports out.
 */
export async function findDuplicateCandidates(
  db: Db,
  config: IntakeConfig,
  q: DuplicateQuery,
  opts?: { limit?: number; includeHidden?: boolean },
): Promise<DuplicateCandidate[]> {
  const rows = await searchSimilar(db, config, q, opts);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    categoryId: r.categoryId,
    categoryName: r.categoryName,
    status: r.status,
    description: r.description,
    address: r.address,
    lat: r.lat,
    lng: r.lng,
    distanceMetres: r.distanceMetres,
    similarity: r.similarity,
    supporterCount: r.supporterCount,
    agencyId: r.agencyId,
    createdAt: r.createdAt,
    hidden: r.hidden,
  }));
}
