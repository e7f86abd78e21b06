import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createClient } from '@libsql/client';
import { issueSession } from '../edge/src/auth/session';
import { startPaymentSandbox } from '../fixtures/payment-sandbox/server';
import { seedDemoProcedures } from '../scripts/demo-procedures';
import { startStack } from '../scripts/stack';

// Scenario `payments` of `npm run bench` (also `node --import tsx bench/payments.ts` alone):
// the real stack (libSQL server + wrangler dev / workerd) on loopback ports of its own
// (18380, 19087) with the payment sandbox as the e-wallet.
//
// 1. Orders: BENCH_PAYMENT_ORDERS citizens each create an order for a procedure's fee and
//    start it with the wallet (two requests each), CONCURRENCY at a time: requests/s, p50, p99.
// 2. Notification storm: every order's signed IPN posted COPIES times, all copies of all
//    orders shuffled and CONCURRENCY at a time, as a wallet retrying under a slow answer would:
//    requests/s, p50, p99, and what the database holds afterwards (exactly one applied event
//    and one paid notification per order, the rest recorded as duplicates).
// 3. Reconciliation: BENCH_PAYMENT_LOST orders whose notification was "lost" (the wallet
//    knows them paid), aged past the first-check delay; the duration of one 5-minute cron tick
//    that finds them (at most 50 a tick) through the wallet's status API.
// Figures, never assertions.

const ORDERS = Number(process.env.BENCH_PAYMENT_ORDERS ?? 500);
const COPIES = Number(process.env.BENCH_PAYMENT_COPIES ?? 3);
const LOST = Number(process.env.BENCH_PAYMENT_LOST ?? 50);
const CONCURRENCY = Number(process.env.BENCH_CONNECTIONS ?? 10);
const MERCHANT = 'BENCH-DVC';
const PROCEDURE = 'demo-tt-trich-luc';

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;

/** Runs `jobs` with `limit` in flight; answers each one's duration in ms. */
async function pool<T>(
  items: T[],
  limit: number,
  job: (item: T) => Promise<void>,
): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        const t0 = performance.now();
        await job(item);
        times.push(performance.now() - t0);
      }
    }),
  );
  return times.sort((a, b) => a - b);
}

function line(name: string, times: number[], wallMs: number, requestsPerItem = 1) {
  const rps = (times.length * requestsPerItem) / (wallMs / 1000);
  console.log(
    `  ${name.padEnd(58)} ${rps.toFixed(0).padStart(6)} req/s  p50 ${pct(times, 0.5).toFixed(1).padStart(6)} ms  p99 ${pct(times, 0.99).toFixed(1).padStart(6)} ms`,
  );
}

export async function benchPayments(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-payments-'));
  const walletSecret = randomBytes(32).toString('base64url');
  const sessionSecret = randomBytes(32).toString('base64url');
  const sandbox = await startPaymentSandbox({
    wallet: { merchantId: MERCHANT, secret: walletSecret },
    zalo: { appId: 'bench', privateKey: randomBytes(16).toString('hex') },
  });
  const stack = await startStack({
    dataDir,
    dbPort: 18380,
    apiPort: 19087,
    inheritOutput: false,
    extraVars: {
      SESSION_SECRET: sessionSecret,
      WALLET_API_URL: sandbox.url,
      WALLET_MERCHANT_ID: MERCHANT,
      WALLET_SECRET: walletSecret,
    },
  });
  const db = createClient({ url: stack.dbUrl });
  try {
    console.log(
      `\nPayments: ${ORDERS} citizens paying a fee with the e-wallet, ${CONCURRENCY} requests at a time`,
    );
    await seedDemoProcedures(db);
    const now = new Date().toISOString();
    const users = Array.from({ length: ORDERS + LOST }, () => randomUUID());
    for (let i = 0; i < users.length; i += 200) {
      await db.batch(
        users.slice(i, i + 200).map((id) => ({
          sql: `insert into users (id, zalo_id, display_name, created_at, updated_at) values (?, ?, ?, ?, ?)`,
          args: [id, `bench-${id}`, 'Người dân', now, now],
        })),
        'write',
      );
    }
    const tokens = await Promise.all(
      users.map(async (id) => (await issueSession(sessionSecret, id)).token),
    );

    const api = (path: string, token: string | null, body?: unknown) =>
      fetch(`${stack.apiUrl}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    // 1. orders
    const orderIds: string[] = new Array(users.length);
    let errors = 0;
    let t0 = performance.now();
    const createTimes = await pool(
      users.map((_, i) => i),
      CONCURRENCY,
      async (i) => {
        const token = tokens[i] as string;
        const res = await api('/api/v1/payments/orders', token, {
          module: 'procedures',
          ref: PROCEDURE,
          requestKey: `bench${randomUUID().replace(/-/g, '')}`,
        });
        const order = (await res.json()) as { id: string };
        if (res.status !== 201) errors++;
        orderIds[i] = order.id;
        const started = await api(`/api/v1/payments/orders/${order.id}/start`, token, {
          provider: 'redirect_wallet',
          returnUrl: 'http://localhost:3000/payment/o/x',
        });
        await started.arrayBuffer();
        if (started.status !== 200) errors++;
      },
    );
    line(
      'create an order + start it with the wallet (2 requests)',
      createTimes,
      performance.now() - t0,
      2,
    );
    if (errors) console.log(`  errors: ${errors}`);

    // 2. notification storm
    const paidIds = orderIds.slice(0, ORDERS);
    const ipns = await Promise.all(
      paidIds.map(async (id) => {
        const res = await fetch(`${sandbox.url}/__sandbox/wallet/ipn-body`, {
          method: 'POST',
          body: JSON.stringify({ order_id: id, amount: 8000, status: 'success' }),
        });
        return JSON.stringify(await res.json());
      }),
    );
    const copies = ipns.flatMap((body) => Array.from({ length: COPIES }, () => body));
    for (let i = copies.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [copies[i], copies[j]] = [copies[j] as string, copies[i] as string];
    }
    let refused = 0;
    t0 = performance.now();
    const ipnTimes = await pool(copies, CONCURRENCY, async (body) => {
      const res = await fetch(`${stack.apiUrl}/api/v1/payments/callbacks/wallet`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      });
      const answer = (await res.json()) as { code: string };
      if (answer.code !== '00') refused++;
    });
    line(
      `IPN storm: ${ORDERS} orders × ${COPIES} copies, shuffled`,
      ipnTimes,
      performance.now() - t0,
    );
    const counts = await db.execute(`select
        (select count(*) from payment_orders where status = 'paid') as paid,
        (select count(*) from payment_events where source = 'callback' and outcome = 'applied') as applied,
        (select count(*) from payment_events where source = 'callback' and outcome = 'duplicate') as duplicate,
        (select count(*) from notifications where kind = 'payment.paid') as notified`);
    const c = counts.rows[0] as unknown as Record<string, number>;
    console.log(
      `  afterwards: ${c.paid} orders paid, ${c.applied} applied events, ${c.duplicate} duplicates recorded, ${c.notified} payer notifications, ${refused} answers other than "00"`,
    );

    // 3. reconciliation of lost notifications
    const lostIds = orderIds.slice(ORDERS);
    for (const id of lostIds) {
      await fetch(`${sandbox.url}/__sandbox/wallet/transactions/${id}`, {
        method: 'PUT',
        body: JSON.stringify({ amount: 8000, status: 'success' }),
      });
    }
    await db.execute({
      sql: `update payment_orders set created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '-3 minutes')
        where status = 'pending'`,
      args: [],
    });
    const at = Date.now();
    t0 = performance.now();
    const tick = await fetch(
      `${stack.apiUrl}/__scheduled?cron=${encodeURIComponent('*/5 * * * *')}&time=${at}`,
    );
    await tick.arrayBuffer();
    // The jobs run in waitUntil, after the answer: wait for this tick's reconciliation run.
    let row: Record<string, unknown> | undefined;
    for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
      const run = await db.execute(`select status, detail, scheduled_at, started_at, finished_at
        from cron_runs where job = 'payment_reconcile' order by id desc limit 1`);
      row = run.rows[0] as Record<string, unknown> | undefined;
      if (
        row &&
        Math.abs(Date.parse(String(row.scheduled_at)) - at) < 5000 &&
        row.status !== 'running'
      )
        break;
      row = undefined;
      await new Promise((r) => setTimeout(r, 50));
    }
    const wallMs = performance.now() - t0;
    const jobMs = row
      ? Date.parse(String(row.finished_at)) - Date.parse(String(row.started_at))
      : Number.NaN;
    const [{ paid } = { paid: 0 }] = (
      await db.execute(`select count(*) as paid from payment_orders where status = 'paid'`)
    ).rows as unknown as { paid: number }[];
    console.log(
      `  reconciliation: ${lostIds.length} lost notifications found by one 5-minute tick in ${jobMs.toFixed(0)} ms (job), ${wallMs.toFixed(0)} ms until recorded; job says ${String(row?.detail ?? '–')}; ${Number(paid) - ORDERS} of them paid`,
    );
  } finally {
    db.close();
    await stack.stop();
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// Alone: `node --import tsx bench/payments.ts`.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await benchPayments();
}
