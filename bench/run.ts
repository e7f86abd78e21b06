import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { probeThroughput } from '../db/src/server/probe';
import { startStack } from '../scripts/stack';
import { benchChat } from './chat';
import { benchDuplicates, OPEN_REPORTS } from './duplicates';
import { benchHome } from './home';
import { benchPayments } from './payments';
import { type BenchOfficial, seedBenchOfficial, seedBenchReports } from './seed-reports';
import { benchSensors, SENSOR_STATIONS } from './sensors';

// `npm run bench`: loads the real stack (local libSQL server → wrangler dev / workerd) on
// loopback and prints req/s, p50 and p99 per endpoint, each as a ratio to a bare health
// check measured in the same run, plus database round trips (Hrana pipeline requests
// counted by the libSQL server) per API request. Figures, never assertions.
//
// BENCH_SCENARIOS picks what runs (comma-separated; default all):
//   platform  health, catalog, OpenAPI, a submission, on the fresh database
//   public    the public feed, map, statistics and Open311 over the seeded reports
//   work      the officials' queue (IOC first page, filters, search; an agency's queue)
//   stats     the leaders' statistics over a year and the exports (XLSX, CSV), timed
//   home      the mini app's home screen (alerts + latest news in one request), by commune,
//             with and without If-None-Match (bench/home.ts)
//   duplicates  duplicate search ("Tôi cũng gặp vấn đề này") with 100,000 more open reports
//               (bench/duplicates.ts); runs after the others, whose figures it would change
//   sensors   weather and environment: the poll tick over 200 simulated stations, series
//             with a year of data, bytes per station per day (bench/sensors.ts)
//   chat      officials' chat: 50 WebSocket clients in one room, messages/s, delivery p50/p99,
//             reconnect storm (bench/chat.ts, on a stack of its own with CHAT_MASTER_KEYS)
//   payments  orders and starts, a storm of replayed wallet notifications (exactly one applied
//             each), reconciliation of lost ones (bench/payments.ts, on a stack of its own)
//   libsql    the libSQL server alone
// public, work and stats seed BENCH_REPORTS reports (default 200,000) over the last year.

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const seedCount = Number(process.env.BENCH_REPORTS ?? 200_000);
const SCENARIOS = [
  'platform',
  'public',
  'work',
  'stats',
  'home',
  'duplicates',
  'sensors',
  'chat',
  'payments',
  'libsql',
] as const;
type Scenario = (typeof SCENARIOS)[number];
const chosen = new Set(
  (process.env.BENCH_SCENARIOS ?? SCENARIOS.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0),
);
for (const name of chosen) {
  if (!SCENARIOS.includes(name as Scenario)) {
    console.error(`BENCH_SCENARIOS: unknown "${name}" (choose among ${SCENARIOS.join(', ')})`);
    process.exit(2);
  }
}
const runs = (s: Scenario) => chosen.has(s);

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  roundTrips: number;
}

type Target = { name: string; path: string } & (
  | { method?: 'GET'; headers?: () => Record<string, string> }
  | { method: 'POST'; body: () => unknown; headers?: () => Record<string, string> }
);

const dataDir = mkdtempSync(join(tmpdir(), 'bench-'));
const stack = await startStack({
  dataDir,
  dbPort: 18080,
  apiPort: 18787,
  inheritOutput: false,
  // The sensor simulator, with as many stations as the `sensors` scenario polls.
  ...(runs('sensors')
    ? {
        simulator: { port: 18090, env: { SIMULATOR_STATIONS: String(SENSOR_STATIONS) } },
        extraVars: { FORECAST_API_URL: 'http://127.0.0.1:18090' },
      }
    : {}),
});

const pipelines = async () => {
  const res = await fetch(`${stack.dbUrl}/health`);
  return ((await res.json()) as { pipelines: number }).pipelines;
};

async function measure(target: Target): Promise<Row> {
  const url = stack.apiUrl + target.path;
  const request = () =>
    target.method === 'POST'
      ? {
          method: 'POST' as const,
          path: target.path,
          body: JSON.stringify(target.body()),
          headers: { 'content-type': 'application/json', ...target.headers?.() },
        }
      : { method: 'GET' as const, path: target.path, headers: target.headers?.() ?? {} };
  // Warm up the isolate, the connection and SQLite's page cache before measuring.
  for (let i = 0; i < 20; i++) {
    const r = request();
    const res = await fetch(url, {
      method: r.method,
      body: 'body' in r ? r.body : undefined,
      headers: r.headers,
    });
    await res.arrayBuffer();
    if (i === 0 && res.status >= 400) console.warn(`  ${target.name}: HTTP ${res.status}`);
  }
  const before = await pipelines();
  const result = await autocannon({
    url: stack.apiUrl,
    connections,
    duration: seconds,
    requests: [{ setupRequest: (req) => ({ ...req, ...request() }) }],
  });
  const after = await pipelines();
  const total = result.requests.total;
  return {
    name: target.name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    roundTrips: total > 0 ? (after - before) / total : 0,
  };
}

function print(title: string, rows: Row[], base: Row) {
  console.log(`\n${title}`);
  console.log(
    [
      'endpoint'.padEnd(52),
      'req/s'.padStart(7),
      'p50 ms'.padStart(7),
      'p99 ms'.padStart(7),
      'vs health'.padStart(10),
      'db trips'.padStart(9),
      'errors'.padStart(7),
    ].join(' '),
  );
  for (const r of rows) {
    console.log(
      [
        r.name.padEnd(52),
        r.rps.toFixed(0).padStart(7),
        String(r.p50).padStart(7),
        String(r.p99).padStart(7),
        (r.rps / base.rps).toFixed(2).padStart(10),
        r.roundTrips.toFixed(2).padStart(9),
        String(r.errors).padStart(7),
      ].join(' '),
    );
  }
}

// Every submission is a new citizen on a new device: the per-device and per-IP limiters
// stay out of the way, so the figure is the submission path itself.
let ipCounter = 0;
const submission: Target = {
  name: 'POST /api/v1/reports (no media)',
  path: '/api/v1/reports',
  method: 'POST',
  body: () => ({
    submissionId: randomUUID(),
    deviceId: randomUUID(),
    categoryId: 'giao_thong',
    description: 'Ổ gà lớn giữa đường Trần Hưng Đạo, xe máy dễ té ngã vào buổi tối.',
    location: { source: 'pin', lat: 9.7845, lng: 105.4701 },
  }),
  headers: () => {
    ipCounter++;
    return {
      'cf-connecting-ip': `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`,
    };
  },
};

const READS: Target[] = [
  { name: 'GET feed, first page', path: '/api/v1/feed' },
  {
    name: 'GET feed, category + status',
    path: '/api/v1/feed?categoryId=cap_thoat_nuoc&status=resolved',
  },
  { name: 'GET feed, search "duong bi ngap"', path: '/api/v1/feed?q=duong%20bi%20ngap' },
  {
    name: 'GET feed, search "ổ gà" + commune',
    path: '/api/v1/feed?q=%E1%BB%95%20g%C3%A0&communeId=vi-thanh',
  },
  { name: 'GET feed map, one commune box', path: '/api/v1/feed/map?bbox=9.77,105.46,9.80,105.49' },
  { name: 'GET stats, last 30 days', path: '/api/v1/stats' },
  {
    // How an Open311 consumer polls: what changed in the last day.
    name: 'GET open311 requests.json (last day)',
    path: `/open311/v2/requests.json?start_date=${new Date(Date.now() - 86_400_000).toISOString()}`,
  },
];

/** One request at a time, `times` times: the time a leader waits for a figure or a file. */
interface Timed {
  name: string;
  median: number;
  min: number;
  max: number;
  bytes: number;
  roundTrips: number;
  status: number;
}

async function timed(
  name: string,
  path: string,
  headers: Record<string, string>,
  times = 5,
): Promise<Timed> {
  // One call first: the isolate, the connection, SQLite's page cache (and, for a workbook,
  // exceljs's module) warm.
  await (await fetch(stack.apiUrl + path, { headers })).arrayBuffer();
  const ms: number[] = [];
  let bytes = 0;
  let status = 0;
  const before = await pipelines();
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    const res = await fetch(stack.apiUrl + path, { headers });
    bytes = (await res.arrayBuffer()).byteLength;
    ms.push(performance.now() - t);
    status = res.status;
  }
  const after = await pipelines();
  ms.sort((x, y) => x - y);
  return {
    name,
    median: ms[Math.floor(ms.length / 2)] as number,
    min: ms[0] as number,
    max: ms.at(-1) as number,
    bytes,
    roundTrips: (after - before) / times,
    status,
  };
}

function printTimed(title: string, rows: Timed[]) {
  console.log(`\n${title}`);
  console.log(
    [
      'request'.padEnd(52),
      'median ms'.padStart(10),
      'min ms'.padStart(8),
      'max ms'.padStart(8),
      'bytes'.padStart(10),
      'db trips'.padStart(9),
      'status'.padStart(7),
    ].join(' '),
  );
  for (const r of rows) {
    console.log(
      [
        r.name.padEnd(52),
        r.median.toFixed(0).padStart(10),
        r.min.toFixed(0).padStart(8),
        r.max.toFixed(0).padStart(8),
        String(r.bytes).padStart(10),
        r.roundTrips.toFixed(2).padStart(9),
        String(r.status).padStart(7),
      ].join(' '),
    );
  }
}

/** YYYY-MM-DD in Vietnam, `days` days before today. */
const vnDay = (days = 0) =>
  new Date(Date.now() + 7 * 3_600_000 - days * 86_400_000).toISOString().slice(0, 10);

try {
  console.log(
    `Bench: ${seconds}s per endpoint, ${connections} connections, loopback only, API in wrangler dev; scenarios: ${[...chosen].join(', ')}`,
  );
  if (runs('platform')) {
    const health = await measure({ name: 'GET /api/v1/health', path: '/api/v1/health' });
    const platform = [
      health,
      await measure({ name: 'GET catalog/categories', path: '/api/v1/catalog/categories' }),
      await measure({
        name: 'GET catalog/admin-units?q=vi thanh',
        path: '/api/v1/catalog/admin-units?level=commune&q=vi%20thanh',
      }),
      await measure({ name: 'GET openapi.json', path: '/api/v1/openapi.json' }),
      await measure(submission),
    ];
    print('Platform and submission (fresh database)', platform, health);
  }

  if (runs('public') || runs('work') || runs('stats')) {
    const seedStart = Date.now();
    await seedBenchReports(stack.dbUrl, seedCount);
    console.log(
      `\nSeeded ${seedCount} reports over the last year in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`,
    );
  }
  const health2 = await measure({ name: 'GET /api/v1/health', path: '/api/v1/health' });

  if (runs('public')) {
    const reads = [health2];
    for (const target of READS) reads.push(await measure(target));
    print(`Public reads with ${seedCount} reports`, reads, health2);
  }

  let ioc: BenchOfficial | undefined;
  let agencyLeader: BenchOfficial | undefined;
  if (runs('work') || runs('stats')) {
    ioc = await seedBenchOfficial(stack.dbUrl, { roles: ['ioc_operator'], agencyId: 'ioc' });
    agencyLeader = await seedBenchOfficial(stack.dbUrl, {
      roles: ['agency_handler', 'agency_leader'],
      agencyId: 'so_xay_dung',
    });
  }

  if (runs('work') && ioc && agencyLeader) {
    const iocHeaders = ioc.headers;
    const agencyHeaders = agencyLeader.headers;
    const as = (h: Record<string, string>) => () => h;
    const queue: Row[] = [health2];
    for (const target of [
      {
        name: 'GET work queue, IOC first page',
        path: '/api/v1/work/reports',
        headers: as(iocHeaders),
      },
      {
        name: 'GET work queue, IOC status+category+commune',
        path: '/api/v1/work/reports?status=assigned&categoryId=giao_thong&communeId=vi-thanh',
        headers: as(iocHeaders),
      },
      {
        name: 'GET work queue, IOC overdue, by due date',
        path: '/api/v1/work/reports?overdue=true&sort=due',
        headers: as(iocHeaders),
      },
      {
        name: 'GET work queue, IOC search "o ga" + status',
        path: '/api/v1/work/reports?q=o%20ga&status=in_progress',
        headers: as(iocHeaders),
      },
      {
        name: 'GET work queue, IOC page 50',
        path: '/api/v1/work/reports?page=50',
        headers: as(iocHeaders),
      },
      {
        name: 'GET work queue, agency (own reports) first page',
        path: '/api/v1/work/reports',
        headers: as(agencyHeaders),
      },
    ] satisfies Target[]) {
      queue.push(await measure(target));
    }
    print(`Officials' queue with ${seedCount} reports (bearer session)`, queue, health2);
  }

  if (runs('stats') && ioc && agencyLeader) {
    const year = `from=${vnDay(364)}&to=${vnDay(0)}`;
    const twoMonths = `from=${vnDay(59)}&to=${vnDay(0)}`;
    const rows = [
      await timed('leader stats, province, a year', `/api/v1/work/stats?${year}`, ioc.headers),
      await timed('leader stats, province, last 30 days', '/api/v1/work/stats', ioc.headers),
      await timed(
        'leader stats, one agency (leader), a year',
        `/api/v1/work/stats?${year}`,
        agencyLeader.headers,
      ),
      await timed(
        'leader stats, a year, category+commune',
        `/api/v1/work/stats?${year}&categoryId=giao_thong&communeId=vi-thanh`,
        ioc.headers,
      ),
      await timed('public stats, a year (transparency)', `/api/v1/stats?${year}`, {}),
      await timed(
        'export CSV, province, 60 days',
        `/api/v1/work/stats/export?format=csv&${twoMonths}`,
        ioc.headers,
        3,
      ),
      await timed(
        'export XLSX, province, 60 days',
        `/api/v1/work/stats/export?format=xlsx&${twoMonths}`,
        ioc.headers,
        3,
      ),
      await timed(
        'export XLSX, one agency (leader), a year',
        `/api/v1/work/stats/export?format=xlsx&${year}`,
        agencyLeader.headers,
        3,
      ),
      await timed(
        'export XLSX, province, a year (over the cap: 422)',
        `/api/v1/work/stats/export?format=xlsx&${year}`,
        ioc.headers,
        3,
      ),
    ];
    printTimed(
      `Leaders' statistics and exports with ${seedCount} reports (one request at a time)`,
      rows,
    );
  }

  if (runs('home')) {
    await benchHome({ dbUrl: stack.dbUrl, apiUrl: stack.apiUrl, seconds, connections });
  }

  if (runs('duplicates')) {
    await benchDuplicates({
      dbUrl: stack.dbUrl,
      apiUrl: stack.apiUrl,
      count: OPEN_REPORTS,
      measure,
      print,
      health: health2,
    });
  }

  if (runs('sensors') && stack.simulatorUrl) {
    await benchSensors({
      dbUrl: stack.dbUrl,
      apiUrl: stack.apiUrl,
      dbFile: join(dataDir, 'local.db'),
      simulatorUrl: stack.simulatorUrl,
      seconds,
      connections,
    });
  }

  if (runs('chat')) await benchChat({ seconds });
  if (runs('payments')) await benchPayments();

  if (runs('libsql')) {
    console.log('\nlibSQL server alone, Hrana over HTTP:');
    await benchLibsql(stack.dbUrl);
    const seq = await probeThroughput(stack.dbUrl, undefined, seconds);
    console.log(
      `  through @libsql/client, one request at a time: ${seq.selectsPerSec.toFixed(0)} selects/s, ${seq.insertsPerSec.toFixed(0)} inserts/s`,
    );
  }
} finally {
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

// Raw pipeline requests, as a Worker's client sends them, with the same load as the API.
async function benchLibsql(dbUrl: string) {
  const url = `${dbUrl}/v2/pipeline`;
  const pipeline = (sql: string) =>
    JSON.stringify({ requests: [{ type: 'execute', stmt: { sql } }, { type: 'close' }] });
  const post = (sql: string) =>
    fetch(url, {
      method: 'POST',
      body: pipeline(sql),
      headers: { 'content-type': 'application/json' },
    });
  await post('CREATE TABLE IF NOT EXISTS bench_scratch (id INTEGER PRIMARY KEY, body TEXT)');
  for (const [label, sql] of [
    ['select', "SELECT id, name FROM report_categories WHERE id = 'giao_thong'"],
    ['insert', "INSERT INTO bench_scratch (body) VALUES ('Đường bị ngập sâu')"],
  ] as const) {
    const r = await autocannon({
      url,
      method: 'POST',
      body: pipeline(sql),
      headers: { 'content-type': 'application/json' },
      connections,
      duration: seconds,
    });
    console.log(
      `  ${label}: ${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, errors ${r.errors + r.non2xx}`,
    );
  }
  await post('DROP TABLE bench_scratch');
}
