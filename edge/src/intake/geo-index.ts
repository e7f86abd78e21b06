import { type SQL, sql } from 'drizzle-orm';
import { type Bounds, boxAround, type LatLng } from '../reports/geo';

// Reading the R*Tree of report locations (reports_geo, migration 0006; kept by triggers on
// reports: one point per report, min = max). An R*Tree answers "which ids lie in this
// rectangle" from its index pages alone, so a search around a point costs the few reports
// near it whatever the size of the table, where a B-tree on (lat, lng) can only range over
// lat and then reads every report in that band of the province.
//
// R*Tree coordinates are 32-bit floats rounded outward (a point is stored as a tiny box that
// contains it), so the search box is widened by RTREE_SLACK_DEGREES and the caller filters
// by exact distance afterwards (reports/geo.ts haversineMetres).

/** Widening of a search box, degrees: well above float32 rounding (~1e-6° at 10°N), ~1 m. */
export const RTREE_SLACK_DEGREES = 1e-5;

/** The R*Tree search box for every point within `metres` of `p`. */
export function rtreeBox(p: LatLng, metres: number): Bounds {
  const b = boxAround(p, metres);
  return {
    south: b.south - RTREE_SLACK_DEGREES,
    north: b.north + RTREE_SLACK_DEGREES,
    west: b.west - RTREE_SLACK_DEGREES,
    east: b.east + RTREE_SLACK_DEGREES,
  };
}

/**
 * The WHERE condition "the report's point lies in `box`" on reports_geo under `alias`.
 * Written as containment of the stored box (min ≥ south, max ≤ north…), which the R*Tree
 * module answers from its index. Join reports to it with `cross join` so that SQLite starts
 * from the R*Tree and looks reports up by id, never the other way round:
 *
 *   from reports_geo g cross join reports r on r.id = g.id where ${rtreeWithin(box)} and …
 */
export function rtreeWithin(box: Bounds, alias = 'g'): SQL {
  const g = sql.raw(alias);
  return sql`${g}.min_lat >= ${box.south} and ${g}.max_lat <= ${box.north}
    and ${g}.min_lng >= ${box.west} and ${g}.max_lng <= ${box.east}`;
}
