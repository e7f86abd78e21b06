import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { probeThroughput } from '../db/src/server/probe';
import { startStack } from '../scripts/stack';
import { seedBenchReports } from './seed-reports';

// `npm run bench`: loads the real stack (local libSQL server → wrangler dev / workerd) on
// loopback and prints req/s, p50 and p99 per endpoint, each as a ratio to a bare health
// check measured in the same run, plus database round trips (Hrana pipeline requests
// counted by the libSQL server) per API request. Figures, never assertions.

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const seedCount = Number(process.env.BENCH_REPORTS ?? 100_000);

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  roundTrips: number;
}

type Target = { name: string; path: string } & (
  | { method?: 'GET' }
  | { method: 'POST'; body: () => unknown; headers?: () => Record<string, string> }
);

const dataDir = mkdtempSync(join(tmpdir(), 'bench-'));
const stack = await startStack({ dataDir, dbPort: 18080, apiPort: 18787, inheritOutput: false });

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
      : { method: 'GET' as const, path: target.path };
  // Warm up the isolate, the connection and SQLite's page cache before measuring.
  for (let i = 0; i < 20; i++) {
    const r = request();
    await (
      await fetch(url, {
        method: r.method,
        body: 'body' in r ? r.body : undefined,
        headers: 'headers' in r ? r.headers : undefined,
      })
    ).arrayBuffer();
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

try {
  console.log(
    `Bench: ${seconds}s per endpoint, ${connections} connections, loopback only, API in wrangler dev`,
  );
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

  const seedStart = Date.now();
  await seedBenchReports(stack.dbUrl, seedCount);
  console.log(`\nSeeded ${seedCount} reports in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);
  const health2 = await measure({ name: 'GET /api/v1/health', path: '/api/v1/health' });
  const reads = [health2];
  for (const target of READS) reads.push(await measure(target));
  print(`Public reads with ${seedCount} reports`, reads, health2);

  console.log('\nlibSQL server alone, Hrana over HTTP:');
  await benchLibsql(stack.dbUrl);
  const seq = await probeThroughput(stack.dbUrl, undefined, seconds);
  console.log(
    `  through @libsql/client, one request at a time: ${seq.selectsPerSec.toFixed(0)} selects/s, ${seq.insertsPerSec.toFixed(0)} inserts/s`,
  );
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
