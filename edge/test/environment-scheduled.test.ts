import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { cronRuns, readings } from '@tinh/db/schema';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { CRON_JOBS, EVERY_5_MINUTES, HOURLY } from '../src/cron';
import { environmentPollJob, readingsRetentionJob } from '../src/environment/ingest/jobs';
import worker from '../src/worker';
import {
  createGateway,
  createStation,
  datastream,
  db,
  gatewayRow,
  iso,
  series,
  streamsOf,
} from './support/sensors';

// The poll run by the Worker's real scheduled() handler in workerd, as a cron trigger
// delivers it, and recorded in cron_runs like every job.

describe('scheduled sensor polling', () => {
  it('registers the poll every 5 minutes and the retention hourly', () => {
    expect(CRON_JOBS[EVERY_5_MINUTES]).toContain(environmentPollJob);
    expect(CRON_JOBS[HOURLY]).toContain(readingsRetentionJob);
  });

  it('polls a due gateway from the scheduled handler and records the run', async () => {
    // Due now (next_poll_at unset), unlike the other test gateways.
    const { id: gw, fake } = await createGateway({ nextPollAt: null });
    const st = await createStation({ gatewayId: gw, kind: 'water', externalId: '42' });
    const now = Math.floor(Date.now() / 1000);
    const from = now - 900 - (now % 300);
    await fake.put({
      things: { '42': [datastream(420, 'Salinity', '‰'), datastream(421, 'pH', null)] },
      observations: {
        '420': series(from, 3, (i) => 0.8 + i / 10),
        '421': series(from, 3, () => 7),
      },
    });
    // A tick of its own: cron_runs keeps one run per job and tick.
    const scheduledTime = Date.UTC(2031, 0, 1) + Math.floor(Math.random() * 1e6) * 300_000;
    const ctx = createExecutionContext();
    await worker.scheduled?.(
      createScheduledController({ scheduledTime, cron: EVERY_5_MINUTES }),
      env,
      ctx,
    );
    await waitOnExecutionContext(ctx);

    const [run] = await db()
      .select()
      .from(cronRuns)
      .where(
        and(
          eq(cronRuns.job, 'environment-poll'),
          eq(cronRuns.scheduledAt, new Date(scheduledTime).toISOString()),
        ),
      );
    expect(run).toMatchObject({ status: 'ok', cron: EVERY_5_MINUTES });
    expect(JSON.parse(run?.detail ?? '{}')).toMatchObject({
      gateways: expect.any(Number),
      stored: expect.any(Number),
      durationMs: expect.any(Number),
    });

    const streams = await streamsOf(st);
    expect(streams.map((s) => s.metric).sort()).toEqual(['ph', 'salinity']);
    for (const s of streams) {
      expect(await db().select().from(readings).where(eq(readings.streamId, s.id))).toHaveLength(3);
      expect(s.watermark).toBe(iso(from + 600));
    }
    const health = await gatewayRow(gw);
    expect(health).toMatchObject({ consecutiveFailures: 0 });
    expect(health?.lastSuccessAt).toBeTruthy();
    // Next poll: about one interval ahead (on the clock, since this tick's nominal time is
    // far from now).
    const ahead = Date.parse(health?.nextPollAt ?? '') - Date.parse(health?.lastPollAt ?? '');
    expect(ahead).toBe(5 * 60_000 - 30_000);
  });
});
