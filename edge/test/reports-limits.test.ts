import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { cronRuns } from '@tinh/db/schema';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { HOURLY } from '../src/cron';
import worker from '../src/worker';
import { withinOneClockWindow } from './support/clock-window';
import { baseJpeg, fakeMp4 } from './support/images';
import {
  db,
  errorOf,
  json,
  newPhone,
  postJson,
  putChunk,
  reportBody,
  startUpload,
  submitOk,
  type UploadState,
  upload,
} from './support/reports';

describe('rate limiting of anonymous submissions', () => {
  it('answers 429 in Vietnamese with Retry-After after 5 reports a minute from one device', async () => {
    await withinOneClockWindow(20);
    const phone = newPhone();
    for (let i = 0; i < 5; i++) await submitOk(phone);
    const body = reportBody(phone);
    const res = await postJson('/api/v1/reports', body, phone);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('60');
    expect(await errorOf(res)).toEqual({
      code: 'rate_limited',
      message: 'Bạn gửi quá nhanh, vui lòng thử lại sau ít phút.',
      details: { retryAfter: 60 },
    });
    const written = await db().$client.execute({
      sql: 'select count(*) as n from reports where submission_id = ?',
      args: [body.submissionId],
    });
    expect(written.rows[0]?.n).toBe(0);
  }, 60_000);

  it('limits one IP across devices, more loosely (phones share carrier IPs)', async () => {
    await withinOneClockWindow(50);
    const ip = newPhone().ip;
    const statuses: number[] = [];
    for (let i = 0; i < 62; i++) {
      const phone = { ...newPhone(), ip };
      statuses.push((await postJson('/api/v1/reports', reportBody(phone), phone)).status);
    }
    expect(statuses.slice(0, 60).every((s) => s === 201)).toBe(true);
    expect(statuses.slice(60)).toEqual([429, 429]);
  }, 120_000);
});

describe('orphan sweep (cron)', () => {
  async function runHourly(scheduledTime: number) {
    const ctx = createExecutionContext();
    await worker.scheduled?.(createScheduledController({ scheduledTime, cron: HOURLY }), env, ctx);
    await waitOnExecutionContext(ctx);
  }

  it('deletes expired uploads that belong to no report, with their R2 objects, and keeps the rest', async () => {
    const phone = newPhone();
    // A finished photo never sent, a half-sent video, a photo attached to a report, a fresh upload.
    const orphan = (await upload(phone, 'photo', baseJpeg())).state;
    const half = await json<UploadState>(await startUpload(phone, 'video', 2 * 524_288));
    await putChunk(half.id, fakeMp4(524_288), 0, 2 * 524_288);
    const attached = (await upload(phone, 'photo', baseJpeg())).state;
    await submitOk(phone, { mediaIds: [attached.id] });
    const fresh = (await upload(phone, 'photo', baseJpeg())).state;

    const past = new Date(Date.now() - 3600_000).toISOString();
    await db().$client.execute({
      sql: 'update report_media set expires_at = ? where id in (?, ?, ?)',
      args: [past, orphan.id, half.id, attached.id],
    });
    expect(await env.MEDIA.head(`media/${orphan.id}`)).not.toBeNull();
    expect((await env.MEDIA.list({ prefix: `uploads/${half.id}/` })).objects).toHaveLength(1);

    const at = Date.now() + 1000;
    await runHourly(at);

    const ids = async () =>
      (
        await db().$client.execute({
          sql: 'select id from report_media where id in (?, ?, ?, ?)',
          args: [orphan.id, half.id, attached.id, fresh.id],
        })
      ).rows.map((r) => r.id);
    expect((await ids()).sort()).toEqual([attached.id, fresh.id].sort());
    expect(await env.MEDIA.head(`media/${orphan.id}`)).toBeNull();
    expect((await env.MEDIA.list({ prefix: `uploads/${half.id}/` })).objects).toHaveLength(0);
    expect(await env.MEDIA.head(`media/${attached.id}`)).not.toBeNull();
    expect(await env.MEDIA.head(`media/${fresh.id}`)).not.toBeNull();

    const [run] = await db()
      .select()
      .from(cronRuns)
      .where(
        and(
          eq(cronRuns.job, 'media-orphan-sweep'),
          eq(cronRuns.scheduledAt, new Date(at).toISOString()),
        ),
      );
    expect(run).toMatchObject({ status: 'ok' });
    expect(JSON.parse(run?.detail ?? '{}').deleted).toBeGreaterThanOrEqual(2);

    // Running again (another tick) changes nothing more.
    await runHourly(at + 3600_000);
    expect((await ids()).sort()).toEqual([attached.id, fresh.id].sort());
    // The expired upload can no longer be attached.
    const late = await postJson(
      '/api/v1/reports',
      reportBody(phone, { mediaIds: [orphan.id] }),
      phone,
    );
    expect(late.status).toBe(422);
  });
});
