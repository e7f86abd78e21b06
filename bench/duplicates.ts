import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createClient, type InStatement } from '@libsql/client';
import { DEFAULT_INTAKE_CONFIG } from '../edge/src/intake/config';
import { findDuplicateCandidates } from '../edge/src/intake/duplicates';
import { rtreeBox } from '../edge/src/intake/geo-index';
import { createDb } from '../edge/src/platform/db';
import { foldVietnamese } from '../edge/src/platform/text';
import adminUnits from '../fixtures/admin-units.json';
import categories from '../fixtures/categories.json';

// Scenario `duplicates` of `npm run bench`: duplicate search (intake/duplicates.ts) with
// OPEN_REPORTS open reports in the database, through the citizens' endpoint
// (POST /api/v1/reports/similar) and in-process (findDuplicateCandidates from Node over the
// same libSQL server), with the query plan and the rows the index hands over.
//
// The reports are placed like real ones: around the centroids of the communes and wards,
// Gaussian, six times denser in the six urban wards (σ 600 m) than in the rural communes
// (σ 1.5 km), all categories, created over the last 60 days (so the 30-day window keeps
// about half), open (received, assigned, in progress), 1 % hidden. Their texts are the
// classifier's training reports of their category with a place appended; the queries are
// other training texts of the same category at a seeded report's point moved by up to
// ±50 m: the same problem in other words, where the search has the most to do.

export const OPEN_REPORTS = 100_000;
const DAY = 86_400_000;
const SPAN_DAYS = 60;

/** mulberry32, as in seed-reports.ts: the same data on every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal deviate (Box–Muller). */
function gauss(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

const TEXTS: Map<string, string[]> = (() => {
  const byCategory = new Map<string, string[]>();
  const lines = readFileSync(new URL('../fixtures/classifier/train.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  for (const line of lines) {
    const { text, category } = JSON.parse(line) as { text: string; category: string };
    byCategory.set(category, [...(byCategory.get(category) ?? []), text]);
  }
  return byCategory;
})();

const PLACES = ['gần chợ', 'trước trường học', 'đầu hẻm', 'cạnh cầu', 'khu dân cư', 'bờ kênh'];
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const STATUSES = ['received', 'assigned', 'in_progress'] as const;

interface Seeded {
  lat: number;
  lng: number;
  categoryId: string;
  description: string;
}

/** Writes `count` open reports straight into the database; returns some of their points. */
export async function seedOpenReports(dbUrl: string, count: number): Promise<Seeded[]> {
  const client = createClient({ url: dbUrl });
  const rand = prng(20250705);
  const units = adminUnits.units;
  // Six times the weight for an urban ward: where most reports come from.
  const weights = units.map((u) => (u.kind === 'phuong' ? 6 : 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const pickUnit = () => {
    let x = rand() * total;
    for (let i = 0; i < units.length; i++) {
      x -= weights[i] as number;
      if (x <= 0) return units[i] as (typeof units)[number];
    }
    return units.at(-1) as (typeof units)[number];
  };
  const now = Date.now();
  const sample: Seeded[] = [];
  try {
    for (let done = 0; done < count; done += 2000) {
      const statements: InStatement[] = [];
      for (let i = done; i < Math.min(count, done + 2000); i++) {
        const unit = pickUnit();
        const category = categories.categories[Math.floor(rand() * categories.categories.length)];
        if (!category) continue;
        const texts = TEXTS.get(category.id) ?? ['Phản ánh của người dân'];
        const text = texts[Math.floor(rand() * texts.length)] ?? 'Phản ánh của người dân';
        const sigma = unit.kind === 'phuong' ? 600 : 1500;
        const lat = unit.lat + (gauss(rand) * sigma) / 111_320;
        const lng =
          unit.lng + (gauss(rand) * sigma) / (111_320 * Math.cos((unit.lat * Math.PI) / 180));
        const status = STATUSES[Math.floor(rand() * STATUSES.length)] ?? 'received';
        const created = new Date(now - rand() * SPAN_DAYS * DAY).toISOString();
        const agency =
          status === 'received'
            ? null
            : category.default_agency === 'ubnd_xa_phuong'
              ? `ubnd_${unit.id}`
              : category.default_agency;
        const code = `PD-${Array.from({ length: 6 }, (_, k) => CODE_ALPHABET[(i >> (5 * (5 - k))) & 31]).join('')}`;
        statements.push({
          sql: `insert into reports (code, submission_id, follow_token_hash, category_id,
                  suggested_category_id, description, lat, lng, location_source, commune_id,
                  status, hidden, agency_id, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'pin', ?, ?, ?, ?, ?, ?)`,
          args: [
            code,
            randomUUID(),
            randomBytes(16).toString('hex'),
            category.id,
            category.id,
            `${text}, ${PLACES[i % PLACES.length]} ${unit.name}`,
            lat,
            lng,
            unit.id,
            status,
            rand() < 0.01 ? 1 : 0,
            agency,
            created,
            created,
          ],
        });
        if (i % 97 === 0) sample.push({ lat, lng, categoryId: category.id, description: text });
      }
      await client.batch(statements, 'write');
    }
  } finally {
    client.close();
  }
  return sample;
}

export interface SimilarQuery {
  lat: number;
  lng: number;
  categoryId: string;
  description: string;
}

/**
 * Queries near seeded reports (up to ±50 m away), of the same category: every other one
 * tells the seeded report's problem again, typed without diacritics (a true duplicate to
 * find); the others tell another problem of that category (mostly nothing to find).
 */
export function similarQueries(sample: Seeded[], n: number): SimilarQuery[] {
  const rand = prng(7);
  return Array.from({ length: n }, (_, i) => {
    const at = sample[i % sample.length] as Seeded;
    const texts = TEXTS.get(at.categoryId) ?? ['ổ gà'];
    return {
      lat: at.lat + ((rand() - 0.5) * 100) / 111_320,
      lng: at.lng + ((rand() - 0.5) * 100) / 111_320,
      categoryId: at.categoryId,
      description:
        i % 2 === 0
          ? foldVietnamese(at.description)
          : (texts[Math.floor(rand() * texts.length)] as string),
    };
  });
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;

function summary(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  return `p50 ${quantile(s, 0.5).toFixed(2)} ms, p99 ${quantile(s, 0.99).toFixed(2)} ms, max ${(s.at(-1) as number).toFixed(2)} ms`;
}

/** One request at a time through the API: what one citizen waits for. */
export async function timeHttpSequential(apiUrl: string, queries: SimilarQuery[]) {
  const ms: number[] = [];
  let found = 0;
  let errors = 0;
  for (const q of queries) {
    const t = performance.now();
    const res = await fetch(`${apiUrl}/api/v1/reports/similar`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(q),
    });
    const body = (await res.json()) as { items?: unknown[] };
    ms.push(performance.now() - t);
    if (res.status !== 200) errors++;
    found += body.items?.length ?? 0;
  }
  return { ms, found, errors };
}

/** findDuplicateCandidates from Node over the same libSQL server (one Hrana round trip each). */
export async function timeInProcess(dbUrl: string, queries: SimilarQuery[]) {
  const db = createDb({ LIBSQL_URL: dbUrl });
  const ms: number[] = [];
  let found = 0;
  for (const q of queries) {
    const t = performance.now();
    found += (await findDuplicateCandidates(db, DEFAULT_INTAKE_CONFIG, q)).length;
    ms.push(performance.now() - t);
  }
  return { ms, found };
}

/**
 * What the index does for one query: SQLite's plan, the rows in the search box (R*Tree
 * lookup) and the time of the same box through the B-tree on (lat, lng), for comparison.
 */
async function explain(dbUrl: string, q: SimilarQuery) {
  const client = createClient({ url: dbUrl });
  try {
    const box = rtreeBox(q, DEFAULT_INTAKE_CONFIG.duplicateRadiusMetres);
    const args = [box.south, box.north, box.west, box.east];
    const plan = await client.execute({
      sql: `explain query plan select r.id from reports_geo g cross join reports r on r.id = g.id
            where g.min_lat >= ? and g.max_lat <= ? and g.min_lng >= ? and g.max_lng <= ?
              and r.status in ('received', 'assigned', 'in_progress')`,
      args,
    });
    const time = async (sql: string) => {
      let rows = 0;
      const ms: number[] = [];
      for (let i = 0; i < 30; i++) {
        const t = performance.now();
        rows = Number((await client.execute({ sql, args })).rows[0]?.[0] ?? 0);
        ms.push(performance.now() - t);
      }
      return { rows, ms };
    };
    const open = "r.status in ('received', 'assigned', 'in_progress')";
    const baseline = await time('select ? + ? + ? + ? as n');
    const rtree = await time(
      `select count(*) from reports_geo g cross join reports r on r.id = g.id
       where g.min_lat >= ? and g.max_lat <= ? and g.min_lng >= ? and g.max_lng <= ? and ${open}`,
    );
    const btree = await time(
      `select count(*) from reports r indexed by reports_geo_idx
       where r.lat between ? and ? and r.lng between ? and ? and ${open}`,
    );
    const scan = await time(
      `select count(*) from reports r not indexed
       where r.lat between ? and ? and r.lng between ? and ? and ${open}`,
    );
    return { plan: plan.rows.map((r) => String(r.detail)), baseline, rtree, btree, scan };
  } finally {
    client.close();
  }
}

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  roundTrips: number;
}

/** The scenario: seed, then measure. `measure` and `print` are run.ts's (autocannon). */
export async function benchDuplicates(opts: {
  dbUrl: string;
  apiUrl: string;
  count: number;
  measure: (target: {
    name: string;
    path: string;
    method: 'POST';
    body: () => unknown;
  }) => Promise<Row>;
  print: (title: string, rows: Row[], base: Row) => void;
  health: Row;
}): Promise<void> {
  const started = Date.now();
  const sample = await seedOpenReports(opts.dbUrl, opts.count);
  console.log(
    `\nSeeded ${opts.count} open reports (last ${SPAN_DAYS} days, dense in the wards) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  const queries = similarQueries(sample, 1000);

  // The densest spot: the centre of the provincial capital.
  const centre = adminUnits.province;
  const ex = await explain(opts.dbUrl, {
    lat: centre.lat,
    lng: centre.lng,
    categoryId: 'giao_thong',
    description: 'ổ gà',
  });
  console.log(`Query plan of the search (the box around the centre of ${centre.name}):`);
  for (const line of ex.plan) console.log(`  ${line}`);
  console.log(`  open reports in the 250 m box: ${ex.rtree.rows}; counting them (30 times each):`);
  console.log(`    R*Tree (reports_geo)         ${summary(ex.rtree.ms)}`);
  console.log(`    B-tree (lat, lng) band       ${summary(ex.btree.ms)}`);
  console.log(`    full scan of reports         ${summary(ex.scan.ms)}`);
  console.log(
    `    a query without table        ${summary(ex.baseline.ms)} (the server's own cost)`,
  );

  let next = 0;
  const http = await opts.measure({
    name: `POST reports/similar, ${opts.count} open reports`,
    path: '/api/v1/reports/similar',
    method: 'POST',
    body: () => queries[next++ % queries.length],
  });
  opts.print(
    `Duplicate search under load (${opts.count} open reports)`,
    [opts.health, http],
    opts.health,
  );

  // One at a time: the latency a citizen sees, and the search alone in-process.
  await timeHttpSequential(opts.apiUrl, queries.slice(0, 50)); // warm
  const seq = await timeHttpSequential(opts.apiUrl, queries);
  console.log(
    `\nPOST /api/v1/reports/similar, one at a time (${queries.length} queries): ${summary(seq.ms)}; ` +
      `${(seq.found / queries.length).toFixed(1)} candidates per query; errors ${seq.errors}`,
  );
  await timeInProcess(opts.dbUrl, queries.slice(0, 50)); // warm
  const local = await timeInProcess(opts.dbUrl, queries);
  console.log(
    `findDuplicateCandidates in-process, one Hrana round trip each (${queries.length} queries): ${summary(local.ms)}; ` +
      `${(local.found / queries.length).toFixed(1)} candidates per query`,
  );
}
