import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { cronRuns } from '@tinh/db/schema';
import { and, eq } from 'drizzle-orm';
import { describe, expect, inject, it } from 'vitest';
import { CRON_JOBS, type CronJob, dispatchScheduled } from '../src/cron';
import { createDb } from '../src/platform/db';
import worker from '../src/worker';

const CRON = '*/5 * * * *';
const db = () => createDb(env);

// Each test uses its own tick (scheduledTime) and job names: the database is shared by all test files.
let tick = Date.UTC(2030, 0, 1);
const nextTick = () => {
  tick += 5 * 60_000;
  return tick;
};

const runsOf = (job: string, scheduledTime: number) =>
  db()
    .select()
    .from(cronRuns)
    .where(
      and(eq(cronRuns.job, job), eq(cronRuns.scheduledAt, new Date(scheduledTime).toISOString())),
    );

async function runWorkerScheduled(scheduledTime: number, cron = CRON) {
  const ctx = createExecutionContext();
  await worker.scheduled?.(createScheduledController({ scheduledTime, cron }), env, ctx);
  await waitOnExecutionContext(ctx);
}

describe('scheduled()', () => {
  it('registers jobs for exactly the cron triggers of wrangler.toml', () => {
    expect(Object.keys(CRON_JOBS).sort()).toEqual([...inject('cronTriggers')].sort());
  });

  it('runs db-heartbeat every 5 minutes and records the run as ok', async () => {
    const at = nextTick();
    await runWorkerScheduled(at);
    const runs = await runsOf('db-heartbeat', at);
    expect(runs).toHaveLength(1);
    const [run] = runs;
    expect(run).toMatchObject({ job: 'db-heartbeat', cron: CRON, status: 'ok' });
    expect(run?.finishedAt).toBeTruthy();
    expect(JSON.parse(run?.detail ?? '{}')).toEqual({ roundTripMs: expect.any(Number) });
  });

  it('records one run when the same tick is delivered twice', async () => {
    const at = nextTick();
    await runWorkerScheduled(at);
    await runWorkerScheduled(at);
    expect(await runsOf('db-heartbeat', at)).toHaveLength(1);
  });

  it('ignores a cron expression with no jobs', async () => {
    const at = nextTick();
    await runWorkerScheduled(at, '0 0 * * *');
    expect(await runsOf('db-heartbeat', at)).toHaveLength(0);
  });

  it('records a failing job as error and still runs the others', async () => {
    const suffix = crypto.randomUUID().slice(0, 8);
    const ran: string[] = [];
    const failing: CronJob = {
      name: `test-failing-${suffix}`,
      async run() {
        ran.push('failing');
        throw new Error('cảm biến không phản hồi');
      },
    };
    const healthy: CronJob = {
      name: `test-healthy-${suffix}`,
      async run() {
        ran.push('healthy');
        return { polled: 3 };
      },
    };
    const at = nextTick();
    const outcomes = await dispatchScheduled({ cron: CRON, scheduledTime: at }, env, {
      [CRON]: [failing, healthy],
    });
    expect(ran.sort()).toEqual(['failing', 'healthy']);
    expect(outcomes.map((o) => [o.job, o.status, o.recorded])).toEqual([
      [failing.name, 'error', true],
      [healthy.name, 'ok', true],
    ]);
    const [failed] = await runsOf(failing.name, at);
    expect(failed).toMatchObject({ status: 'error', detail: 'Error: cảm biến không phản hồi' });
    expect(failed?.finishedAt).toBeTruthy();
    const [ok] = await runsOf(healthy.name, at);
    expect(ok).toMatchObject({ status: 'ok', detail: '{"polled":3}' });
  });

  it('retries a tick whose earlier run failed', async () => {
    let attempts = 0;
    const flaky: CronJob = {
      name: `test-flaky-${crypto.randomUUID().slice(0, 8)}`,
      async run() {
        attempts += 1;
        if (attempts === 1) throw new Error('lần đầu lỗi');
      },
    };
    const at = nextTick();
    await dispatchScheduled({ cron: CRON, scheduledTime: at }, env, { [CRON]: [flaky] });
    await dispatchScheduled({ cron: CRON, scheduledTime: at }, env, { [CRON]: [flaky] });
    const runs = await runsOf(flaky.name, at);
    expect(runs.map((r) => r.status).sort()).toEqual(['error', 'ok']);
  });

  it('does not throw when the database is unreachable', async () => {
    const outcomes = await dispatchScheduled(
      { cron: CRON, scheduledTime: nextTick() },
      { ...env, LIBSQL_URL: 'http://127.0.0.1:1' },
      { [CRON]: [{ name: 'test-offline', run: async () => ({}) }] },
    );
    expect(outcomes).toEqual([
      expect.objectContaining({ job: 'test-offline', status: 'ok', recorded: false }),
    ]);
  });
});
