import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { probeThroughput } from '../db/src/server/probe';
import { startStack } from '../scripts/stack';

// `npm run bench`: loads the real stack (local libSQL server → wrangler dev /
// workerd) on loopback and prints req/s, p50, p99 per endpoint, each as a ratio
// to a bare health check measured in the same run, plus database round trips
// (Hrana pipeline requests) per API request. Figures, never assertions.

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

const ENDPOINTS = [
  '/api/v1/health',
  '/api/v1/catalog/categories',
  '/api/v1/catalog/agencies',
  '/api/v1/catalog/admin-units?level=commune',
  '/api/v1/catalog/admin-units?level=commune&q=vi%20thanh',
  '/api/v1/openapi.json',
];

interface Row {
  path: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  roundTrips: number;
}

const pipeline = (sql: string) =>
  JSON.stringify({ requests: [{ type: 'execute', stmt: { sql } }, { type: 'close' }] });

// Raw pipeline requests, as a Worker's client sends them, with the same load as the API.
async function benchLibsql(dbUrl: string) {
  const url = `${dbUrl}/v2/pipeline`;
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

const dataDir = mkdtempSync(join(tmpdir(), 'bench-'));
const stack = await startStack({ dataDir, dbPort: 18080, apiPort: 18787, inheritOutput: false });

const pipelines = async () => {
  const res = await fetch(`${stack.dbUrl}/health`);
  return ((await res.json()) as { pipelines: number }).pipelines;
};

try {
  console.log(`Bench: ${seconds}s per endpoint, ${connections} connections, loopback only\n`);
  const rows: Row[] = [];
  for (const path of ENDPOINTS) {
    const url = stack.apiUrl + path;
    // Warm up the isolate and the connection before measuring.
    for (let i = 0; i < 20; i++) await (await fetch(url)).arrayBuffer();
    const before = await pipelines();
    const result = await autocannon({ url, connections, duration: seconds });
    const after = await pipelines();
    const total = result.requests.total;
    rows.push({
      path,
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.non2xx,
      roundTrips: total > 0 ? (after - before) / total : 0,
    });
  }

  const base = rows[0];
  console.log(
    [
      'endpoint'.padEnd(58),
      'req/s'.padStart(8),
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
        r.path.padEnd(58),
        r.rps.toFixed(0).padStart(8),
        String(r.p50).padStart(7),
        String(r.p99).padStart(7),
        (base ? (r.rps / base.rps).toFixed(2) : '-').padStart(10),
        r.roundTrips.toFixed(2).padStart(9),
        String(r.errors).padStart(7),
      ].join(' '),
    );
  }

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
