import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createClient, type InStatement } from '@libsql/client';
import autocannon from 'autocannon';
import { seedDemoEmergency } from '../scripts/demo-emergency';
import { DEMO_NEWS_AGENCY, seedDemoNews } from '../scripts/demo-news';
import { seedDemoOfficials } from '../scripts/demo-officials';
import { startStack } from '../scripts/stack';

// Scenario `home` of `npm run bench` (also `node --import tsx bench/home.ts` alone, on ports
// of its own): GET /api/v1/home, the one request every citizen's app sends when it opens, so
// the request that a storm warning multiplies. Seeded with the demo news and alerts
// (scripts/demo-news.ts, scripts/demo-emergency.ts) plus HOME_ARCHIVE published articles
// spread over the past years (a province's news desk at about ten a day), so "the latest
// five" is read from a table of realistic size. Measured under load (autocannon):
//  1. one commune with live alerts (a saltwater-intrusion alert and a province-wide storm),
//     no ETag: the first opening of the day;
//  2. every commune in turn, no ETag: the cache of each URL is cold more often;
//  3. every commune in turn with a cookie, which the cache never serves: the handler's own
//     cost (a cold cache after every publication costs this much);
//  4. one commune with If-None-Match of the current answer: a returning app. The ETag carries
//     a one-minute bucket (alerts expire with time alone), so a run that crosses a minute
//     boundary answers 200 for the rest of it: the share of 304s says how much of that load
//     never reached the page's query.
// Each row: req/s, p50, p97.5, p99 latency, errors (network errors and 4xx/5xx), the share
// of 304s and the database round trips (Hrana pipelines) per request. Figures, never asserts.

export const HOME_ARCHIVE = Number(process.env.BENCH_HOME_ARCHIVE ?? 20_000);
/** A commune with a live local alert in the demo data (and the province-wide one). */
export const HOME_COMMUNE = 'luong-tam';

export interface HomeBenchOptions {
  dbUrl: string;
  apiUrl: string;
  seconds: number;
  connections: number;
}

interface HomeRow {
  name: string;
  rps: number;
  p50: number;
  p975: number;
  p99: number;
  errors: number;
  notModified: number;
  total: number;
  roundTrips: number;
}

const pad = (v: string | number, n: number) => String(v).padStart(n);
const HOUR = 3_600_000;

/** Older published articles, newest about a day before the demo ones, ten a day back. */
async function seedArchive(dbUrl: string, count: number, now: Date): Promise<void> {
  const client = createClient({ url: dbUrl });
  const categories = ['thong-bao', 'chinh-sach', 'thoi-su', 'kinh-te', 'nong-nghiep'];
  try {
    for (let start = 0; start < count; start += 1000) {
      const batch: InStatement[] = [];
      for (let i = start; i < Math.min(count, start + 1000); i++) {
        const at = new Date(now.getTime() - 400 * HOUR - i * 2.4 * HOUR).toISOString();
        batch.push({
          sql: `insert into news_articles (id, agency_id, category_id, title, summary, body_html,
              status, published_at, version, created_by, updated_by, created_at, updated_at)
            values (?, ?, ?, ?, ?, ?, 'published', ?, 2, 'bench', 'bench', ?, ?)
            on conflict (id) do nothing`,
          args: [
            `bench-tin-${i}`,
            DEMO_NEWS_AGENCY,
            categories[i % categories.length] as string,
            `Tin lưu trữ số ${i}: hoạt động của UBND tỉnh trong tuần`,
            'Tóm tắt các hoạt động chỉ đạo, điều hành của UBND tỉnh, các sở, ngành trong tuần.',
            '<p>Nội dung bài lưu trữ dùng cho đo tải.</p>',
            at,
            at,
            at,
          ],
        });
      }
      await client.batch(batch, 'write');
    }
    await client.execute(`update content_versions set version = version + 1 where module = 'news'`);
  } finally {
    client.close();
  }
}

export async function benchHome(o: HomeBenchOptions): Promise<void> {
  const pipelines = async () =>
    ((await (await fetch(`${o.dbUrl}/health`)).json()) as { pipelines: number }).pipelines;
  const now = new Date();
  const client = createClient({ url: o.dbUrl });
  let communes: string[];
  try {
    // The demo agencies the demo articles belong to.
    await seedDemoOfficials(client);
    await seedDemoNews(client, now);
    await seedDemoEmergency(client, now);
    const units = await client.execute(
      `select id from admin_units where level = 'commune' order by id`,
    );
    communes = units.rows.map((r) => String(r.id));
  } finally {
    client.close();
  }
  const seedStart = Date.now();
  await seedArchive(o.dbUrl, HOME_ARCHIVE, now);
  console.log(
    `\nHome screen: ${HOME_ARCHIVE} archived articles seeded in ${((Date.now() - seedStart) / 1000).toFixed(1)} s, plus the demo news and alerts; ${communes.length} communes`,
  );

  const path = (commune: string) => `/api/v1/home?commune=${commune}&lang=vi`;
  const first = await fetch(o.apiUrl + path(HOME_COMMUNE));
  const sample = (await first.json()) as { alerts: unknown[]; news: unknown[] };
  console.log(
    `  ${path(HOME_COMMUNE)}: HTTP ${first.status}, ${sample.alerts.length} alerts, ${sample.news.length} news`,
  );

  async function run(
    name: string,
    request: () => { path: string; headers?: Record<string, string> },
  ): Promise<HomeRow> {
    // Warm the isolate, the connections and SQLite's page cache for every URL of the run.
    for (let i = 0; i < Math.max(20, communes.length); i++) {
      const r = request();
      await (await fetch(o.apiUrl + r.path, { headers: r.headers })).arrayBuffer();
    }
    const before = await pipelines();
    const result = await autocannon({
      url: o.apiUrl,
      connections: o.connections,
      duration: o.seconds,
      requests: [
        {
          setupRequest: (req) => {
            const r = request();
            return { ...req, method: 'GET', path: r.path, headers: r.headers ?? {} };
          },
        },
      ],
    });
    const after = await pipelines();
    const total = result.requests.total;
    return {
      name,
      rps: result.requests.average,
      p50: result.latency.p50,
      p975: result.latency.p97_5,
      p99: result.latency.p99,
      // A 304 is the answer asked for, not an error.
      errors: result.errors + result.timeouts + result['4xx'] + result['5xx'],
      notModified: result['3xx'],
      total,
      roundTrips: total > 0 ? (after - before) / total : 0,
    };
  }

  let next = 0;
  const rows = [
    await run(`one commune (${HOME_COMMUNE}), no ETag`, () => ({ path: path(HOME_COMMUNE) })),
    await run(`every commune in turn (${communes.length}), no ETag`, () => ({
      path: path(communes[next++ % communes.length] as string),
    })),
  ];
  // A request with a cookie is never served from the cache (its answer may be personal), so
  // this row is the handler's own cost: the version check and the page's one-batch read.
  rows.push(
    await run('every commune in turn, uncached (cookie)', () => ({
      path: path(communes[next++ % communes.length] as string),
      headers: { Cookie: 'bench=1' },
    })),
  );
  const etag = (await fetch(o.apiUrl + path(HOME_COMMUNE))).headers.get('etag') ?? '';
  rows.push(
    await run(`one commune, If-None-Match (returning app)`, () => ({
      path: path(HOME_COMMUNE),
      headers: { 'If-None-Match': etag },
    })),
  );

  console.log(
    [
      'GET /api/v1/home'.padEnd(46),
      pad('req/s', 7),
      pad('p50 ms', 7),
      pad('p97.5', 7),
      pad('p99 ms', 7),
      pad('errors', 7),
      pad('304s', 7),
      pad('db trips', 9),
    ].join(' '),
  );
  for (const r of rows) {
    console.log(
      [
        r.name.padEnd(46),
        pad(r.rps.toFixed(0), 7),
        pad(r.p50, 7),
        pad(r.p975, 7),
        pad(r.p99, 7),
        pad(r.errors, 7),
        pad(r.total > 0 ? `${((100 * r.notModified) / r.total).toFixed(0)}%` : '-', 7),
        pad(r.roundTrips.toFixed(2), 9),
      ].join(' '),
    );
  }
}

// Alone: `node --import tsx bench/home.ts`, on ports of its own (18280, 18987).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-home-'));
  const stack = await startStack({
    dataDir,
    dbPort: Number(process.env.BENCH_HOME_DB_PORT ?? 18280),
    apiPort: Number(process.env.BENCH_HOME_API_PORT ?? 18987),
    inheritOutput: false,
  });
  try {
    await benchHome({
      dbUrl: stack.dbUrl,
      apiUrl: stack.apiUrl,
      seconds: Number(process.env.BENCH_SECONDS ?? 5),
      connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
    });
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
