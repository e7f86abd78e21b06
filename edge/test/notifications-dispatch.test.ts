import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { zaloOaFollowers } from '@tinh/db/schema';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { CRON_JOBS } from '../src/cron';
import { backoffMs, dispatchOutbox, OUTBOX_MAX_ATTEMPTS } from '../src/notifications/dispatch';
import type { Env } from '../src/platform/env';
import worker from '../src/worker';
import { sendOaText, ZaloSendError } from '../src/zalo/oa';
import { znsPhone } from '../src/zalo/zns';
import { call } from './helpers';
import {
  db,
  fakeZalo,
  follower,
  newPhoneNumber,
  newZaloId,
  notifyReporter,
  outboxRow,
  reportRef,
  signInCitizen,
} from './support/notifications';
import { json, newPhone, reportBody, submitOk } from './support/reports';

// Delivery of the reporter's Zalo message from the outbox: OA while the citizen is inside
// the OA's 7-day window, else ZNS with consent and a phone, else nothing outside the app;
// retries with backoff while Zalo is down; no duplicate sends from overlapping dispatchers.
// Zalo is the loopback stand-in of test/support/node-fake-zalo-oa.ts.

const DAY = 86_400_000;
const workerEnv = env as unknown as Env;

/** One dispatcher run at `now`, taking every due row (other test files queue rows too). */
const dispatch = (now = new Date()) => dispatchOutbox(db(), workerEnv, { now, maxRows: 10_000 });

/** A report sent by a signed-in citizen whose Zalo id is `zaloId`, optionally with a contact. */
async function signedInReport(zaloId: string, contact?: Record<string, unknown>) {
  const token = await signInCitizen(zaloId);
  const phone = newPhone();
  const res = await call('/api/v1/reports', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${token}`,
      'CF-Connecting-IP': phone.ip,
    },
    body: JSON.stringify(reportBody(phone, contact ? { contact } : {})),
  });
  if (res.status !== 201) throw new Error(`submit ${res.status}: ${await res.text()}`);
  return reportRef((await json<{ code: string }>(res)).code);
}

/** An anonymous report with a phone and ZNS consent (or not). */
async function reportWithPhone(znsConsent = true) {
  const number = newPhoneNumber();
  const submitted = await submitOk(newPhone(), {
    contact: { name: 'Trần Thị Bình', phone: number.typed, consent: true, znsConsent },
  });
  return { number, report: await reportRef(submitted.code) };
}

const ms = (iso: string | null | undefined) => new Date(iso ?? 0).getTime();

describe('choosing the channel', () => {
  it('sends an OA message to a citizen who interacted with the OA within 7 days', async () => {
    const zaloId = newZaloId();
    const report = await signedInReport(zaloId);
    const oaUserId = await follower(zaloId, { lastInteractionAt: new Date(Date.now() - DAY) });
    const key = await notifyReporter(report, {
      status: 'in_progress',
      message: 'Đội duy tu đang vá ổ gà.',
    });

    await dispatch();

    const log = await fakeZalo.log('oa', oaUserId);
    expect(log.delivered).toHaveLength(1);
    expect(log.delivered[0]?.text).toBe(
      `Phản ánh ${report.code}: Đang xử lý.\nĐội duy tu đang vá ổ gà.`,
    );
    const row = await outboxRow(key);
    expect(row).toMatchObject({ status: 'sent', channel: 'zalo_oa', attempts: 1, lastError: null });
    expect(row?.sentAt).toEqual(expect.any(String));
    expect(JSON.parse(row?.payload ?? '{}').zaloMessageId).toBe(log.delivered[0]?.messageId);
  });

  it('falls back to ZNS when the OA window has passed and the reporter consented', async () => {
    const zaloId = newZaloId();
    const number = newPhoneNumber();
    const report = await signedInReport(zaloId, {
      phone: number.typed,
      consent: true,
      znsConsent: true,
    });
    const oaUserId = await follower(zaloId, { lastInteractionAt: new Date(Date.now() - 8 * DAY) });
    const key = await notifyReporter(report, {
      status: 'resolved',
      message: 'Đã vá xong ổ gà.',
    });

    await dispatch();

    expect((await fakeZalo.log('oa', oaUserId)).attempts).toBe(0);
    const zns = await fakeZalo.log('zns', number.zns);
    const row = await outboxRow(key);
    expect(zns.delivered).toEqual([
      expect.objectContaining({
        templateData: {
          ma_phan_anh: report.code,
          trang_thai: 'Đã xử lý',
          noi_dung: 'Đã vá xong ổ gà.',
        },
        trackingId: `outbox-${row?.id}`,
      }),
    ]);
    expect(row).toMatchObject({ status: 'sent', channel: 'zalo_zns', lastError: null });
  });

  it('uses ZNS at once when the OA refuses the recipient (no interaction in 7 days)', async () => {
    const zaloId = newZaloId();
    const number = newPhoneNumber();
    const report = await signedInReport(zaloId, {
      phone: number.typed,
      consent: true,
      znsConsent: true,
    });
    const oaUserId = await follower(zaloId, { lastInteractionAt: new Date(Date.now() - DAY) });
    await fakeZalo.fail('oa', oaUserId, {
      error: -230,
      message: 'User has not interacted with the OA in the last 7 days',
    });
    const key = await notifyReporter(report);

    await dispatch();

    expect(await fakeZalo.log('oa', oaUserId)).toMatchObject({ attempts: 1, delivered: [] });
    expect((await fakeZalo.log('zns', number.zns)).delivered).toHaveLength(1);
    const row = await outboxRow(key);
    expect(row).toMatchObject({ status: 'sent', channel: 'zalo_zns', attempts: 1 });
    expect(row?.lastError).toContain('-230');
  });

  it('stops using the OA for a user Zalo says no longer follows it', async () => {
    const zaloId = newZaloId();
    const report = await signedInReport(zaloId);
    const oaUserId = await follower(zaloId, { lastInteractionAt: new Date(Date.now() - DAY) });
    await fakeZalo.fail('oa', oaUserId, { error: -213, message: 'User has not followed OA' });
    const key = await notifyReporter(report);

    await dispatch();

    // No ZNS consent: nothing else to try.
    const row = await outboxRow(key);
    expect(row).toMatchObject({ status: 'failed', channel: 'citizen_status' });
    expect(row?.lastError).toContain('-213');
    const [f] = await db()
      .select()
      .from(zaloOaFollowers)
      .where(eq(zaloOaFollowers.oaUserId, oaUserId));
    expect(f?.followed).toBe(false);
  });

  it('sends nothing outside the app without an OA window or ZNS consent', async () => {
    const anonymous = await reportRef((await submitOk(newPhone())).code);
    const { number, report: noConsent } = await reportWithPhone(false);
    const zaloId = newZaloId();
    const unfollowed = await signedInReport(zaloId);
    const oaUserId = await follower(zaloId, {
      lastInteractionAt: new Date(Date.now() - DAY),
      followed: false,
    });
    const keys = [
      await notifyReporter(anonymous),
      await notifyReporter(noConsent),
      await notifyReporter(unfollowed),
    ];

    await dispatch();

    const rows = await Promise.all(keys.map(outboxRow));
    expect(rows.map((r) => [r?.status, r?.lastError])).toEqual([
      ['skipped', 'no_oa_window, no_zns_consent'],
      ['skipped', 'no_oa_window, no_zns_consent'],
      ['skipped', 'no_oa_window, no_zns_consent'],
    ]);
    expect((await fakeZalo.log('zns', number.zns)).attempts).toBe(0);
    expect((await fakeZalo.log('oa', oaUserId)).attempts).toBe(0);
  });
});

describe('retries', () => {
  it('keeps the message while Zalo is down, backs off, and delivers once Zalo is back', async () => {
    const { number, report } = await reportWithPhone();
    await fakeZalo.fail('zns', number.zns, { status: 500 });
    const key = await notifyReporter(report, { message: 'Đã chuyển Sở Xây dựng.' });

    const t0 = new Date();
    await dispatch(t0);
    let row = await outboxRow(key);
    expect(row).toMatchObject({ status: 'pending', channel: 'citizen_status', attempts: 1 });
    expect(row?.lastError).toContain('HTTP 500');
    expect(ms(row?.nextAttemptAt)).toBe(t0.getTime() + backoffMs(1));

    // Not due yet: left alone.
    await dispatch(new Date(t0.getTime() + 30_000));
    expect((await outboxRow(key))?.attempts).toBe(1);

    // Due: tried again, and the next wait doubles.
    const t1 = new Date(t0.getTime() + backoffMs(1));
    await dispatch(t1);
    row = await outboxRow(key);
    expect(row).toMatchObject({ status: 'pending', attempts: 2 });
    expect(ms(row?.nextAttemptAt)).toBe(t1.getTime() + backoffMs(2));
    expect(backoffMs(2)).toBe(2 * backoffMs(1));
    expect((await fakeZalo.log('zns', number.zns)).delivered).toEqual([]);

    // Zalo is back.
    await fakeZalo.heal('zns', number.zns);
    await dispatch(new Date(t1.getTime() + backoffMs(2)));
    row = await outboxRow(key);
    expect(row).toMatchObject({ status: 'sent', channel: 'zalo_zns', attempts: 3 });
    const log = await fakeZalo.log('zns', number.zns);
    expect(log.attempts).toBe(3);
    expect(log.delivered).toHaveLength(1);
    expect(log.delivered[0]?.templateData?.noi_dung).toBe('Đã chuyển Sở Xây dựng.');
  });

  it('retries the OA itself (not ZNS) when the OA API is unavailable or rate-limited', async () => {
    const zaloId = newZaloId();
    const number = newPhoneNumber();
    const report = await signedInReport(zaloId, {
      phone: number.typed,
      consent: true,
      znsConsent: true,
    });
    const oaUserId = await follower(zaloId, { lastInteractionAt: new Date(Date.now() - DAY) });
    await fakeZalo.fail('oa', oaUserId, { status: 503, times: 1 });
    const key = await notifyReporter(report);

    const t0 = new Date();
    await dispatch(t0);
    expect(await outboxRow(key)).toMatchObject({ status: 'pending', attempts: 1 });

    await fakeZalo.fail('oa', oaUserId, { error: -32, message: 'Exceeded rate limit', times: 1 });
    const t1 = new Date(t0.getTime() + backoffMs(1));
    await dispatch(t1);
    const row = await outboxRow(key);
    expect(row).toMatchObject({ status: 'pending', attempts: 2 });
    expect(row?.lastError).toContain('-32');
    expect((await fakeZalo.log('zns', number.zns)).attempts).toBe(0);

    await dispatch(new Date(t1.getTime() + backoffMs(2)));
    expect(await outboxRow(key)).toMatchObject({ status: 'sent', channel: 'zalo_oa', attempts: 3 });
    expect(await fakeZalo.log('oa', oaUserId)).toMatchObject({ attempts: 3 });
    expect((await fakeZalo.log('oa', oaUserId)).delivered).toHaveLength(1);
    expect((await fakeZalo.log('zns', number.zns)).attempts).toBe(0);
  });

  it(`gives up after ${OUTBOX_MAX_ATTEMPTS} attempts and keeps the row as failed`, async () => {
    const { number, report } = await reportWithPhone();
    await fakeZalo.fail('zns', number.zns, { status: 502 });
    const key = await notifyReporter(report);

    let now = Date.now();
    for (let attempt = 1; attempt <= OUTBOX_MAX_ATTEMPTS; attempt++) {
      await dispatch(new Date(now));
      now += backoffMs(attempt);
    }
    const row = await outboxRow(key);
    expect(row).toMatchObject({ status: 'failed', attempts: OUTBOX_MAX_ATTEMPTS });
    expect(row?.lastError).toContain('HTTP 502');

    await dispatch(new Date(now + DAY));
    expect((await fakeZalo.log('zns', number.zns)).attempts).toBe(OUTBOX_MAX_ATTEMPTS);
    await fakeZalo.heal('zns', number.zns);
  });

  it('marks a message ZNS refuses for good as failed without retrying', async () => {
    const { number, report } = await reportWithPhone();
    await fakeZalo.fail('zns', number.zns, { error: -118, message: 'Zalo account not existed' });
    const key = await notifyReporter(report);

    await dispatch();

    const row = await outboxRow(key);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row?.lastError).toContain('-118');
    await fakeZalo.heal('zns', number.zns);
  });
});

describe('concurrency', () => {
  it('never sends a message twice when dispatchers overlap', async () => {
    const queued = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const { number, report } = await reportWithPhone();
        return { number, key: await notifyReporter(report) };
      }),
    );

    const now = new Date();
    await Promise.all([dispatch(now), dispatch(now), dispatch(now), dispatch(now)]);

    for (const { number, key } of queued) {
      const log = await fakeZalo.log('zns', number.zns);
      expect(log.attempts).toBe(1);
      expect(log.delivered).toHaveLength(1);
      expect(await outboxRow(key)).toMatchObject({ status: 'sent', attempts: 1 });
    }
  });
});

describe('cron', () => {
  it('runs the dispatcher every 5 minutes', async () => {
    expect(CRON_JOBS['*/5 * * * *']?.map((j) => j.name)).toContain('outbox-dispatch');

    const { number, report } = await reportWithPhone();
    const key = await notifyReporter(report);
    // A tick of its own (cron_runs keeps one run per job and tick).
    const scheduledTime = Date.UTC(2032, 0, 1) + Math.floor(Math.random() * 1e6) * 300_000;
    const ctx = createExecutionContext();
    await worker.scheduled?.(
      createScheduledController({ scheduledTime, cron: '*/5 * * * *' }),
      workerEnv,
      ctx,
    );
    await waitOnExecutionContext(ctx);

    expect(await outboxRow(key)).toMatchObject({ status: 'sent', channel: 'zalo_zns' });
    expect((await fakeZalo.log('zns', number.zns)).delivered).toHaveLength(1);
  });
});

describe('Zalo clients', () => {
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => {
        throw new Error('expected a failure');
      },
      (err: unknown) => err as ZaloSendError,
    );

  it('treats an unreachable Zalo as worth retrying, and a missing token as not configured', async () => {
    const down = await failure(
      sendOaText({ baseUrl: 'http://127.0.0.1:1', accessToken: 'x', timeoutMs: 1000 }, 'u', 'tin'),
    );
    expect(down).toBeInstanceOf(ZaloSendError);
    expect(down.kind).toBe('retry');
    const unset = await failure(
      sendOaText(
        { baseUrl: 'http://127.0.0.1:1', accessToken: undefined, timeoutMs: 1000 },
        'u',
        'tin',
      ),
    );
    expect(unset.kind).toBe('not_configured');
  });

  it('writes phones the way ZNS takes them', () => {
    expect(znsPhone('0912 345 678')).toBe('84912345678');
    expect(znsPhone('+84912345678')).toBe('84912345678');
    expect(znsPhone('84912345678')).toBe('84912345678');
    expect(znsPhone('12345')).toBeNull();
  });
});
