import { env } from 'cloudflare:workers';
import { zaloOaFollowers } from '@tinh/db/schema';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { dispatchOutbox } from '../src/notifications/dispatch';
import type { Env } from '../src/platform/env';
import { call } from './helpers';
import {
  db,
  fakeZalo,
  newOaUserId,
  newZaloId,
  notifyReporter,
  outboxRow,
  reportRef,
  signInCitizen,
} from './support/notifications';
import { errorOf, json, newPhone, reportBody } from './support/reports';

// The OA webhook: Zalo's signature (SHA-256 of app id + body + timestamp + OA secret, as
// the test bindings of edge/vitest.config.ts configure them), and what follow, unfollow and
// message events record for the outbox's choice of channel.

const APP_ID = 'test-zalo-app-id';
const OA_SECRET = 'test-zalo-oa-secret';

/** Zalo's `X-ZEvent-Signature`, computed independently of the Worker's code. */
async function signature(raw: string, timestamp: string, secret = OA_SECRET, appId = APP_ID) {
  const digest = await crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(`${appId}${raw}${timestamp}${secret}`),
  );
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `mac=${hex}`;
}

function post(raw: string, headers: Record<string, string>) {
  return call('/api/v1/zalo/oa/webhook', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: raw,
  });
}

async function signedPost(event: Record<string, unknown>) {
  const raw = JSON.stringify(event);
  return post(raw, { 'X-ZEvent-Signature': await signature(raw, String(event.timestamp ?? '')) });
}

const followEvent = (oaUserId: string, appUserId: string, name = 'follow', at = Date.now()) => ({
  app_id: APP_ID,
  oa_id: '1234567890',
  user_id_by_app: appUserId,
  event_name: name,
  timestamp: String(at),
  source: 'oa_profile',
  follower: { id: oaUserId },
});

const textEvent = (oaUserId: string, appUserId: string | undefined, at = Date.now()) => ({
  app_id: APP_ID,
  sender: { id: oaUserId },
  ...(appUserId ? { user_id_by_app: appUserId } : {}),
  recipient: { id: '1234567890' },
  event_name: 'user_send_text',
  message: { text: 'Cho hỏi phản ánh của tôi', msg_id: crypto.randomUUID() },
  timestamp: String(at),
});

async function followerRow(oaUserId: string) {
  const [row] = await db()
    .select()
    .from(zaloOaFollowers)
    .where(eq(zaloOaFollowers.oaUserId, oaUserId));
  return row;
}

describe('OA webhook signature', () => {
  it('accepts an event signed like Zalo does', async () => {
    const oaUserId = newOaUserId();
    const res = await signedPost(followEvent(oaUserId, newZaloId()));
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ received: true, recorded: 'follow' });
  });

  it('refuses a missing, forged or replayed-with-changes signature with 401', async () => {
    const oaUserId = newOaUserId();
    const event = followEvent(oaUserId, newZaloId());
    const raw = JSON.stringify(event);
    const cases: Record<string, string>[] = [
      {},
      { 'X-ZEvent-Signature': 'mac=' },
      { 'X-ZEvent-Signature': await signature(raw, event.timestamp, 'not-the-oa-secret') },
      { 'X-ZEvent-Signature': await signature(raw, event.timestamp, OA_SECRET, 'another-app') },
      // The signature of another timestamp.
      { 'X-ZEvent-Signature': await signature(raw, String(Number(event.timestamp) + 1)) },
    ];
    for (const headers of cases) {
      const res = await post(raw, headers);
      expect(res.status).toBe(401);
      expect((await errorOf(res)).code).toBe('invalid_signature');
    }
    // The body changed after signing (another follower id).
    const tampered = raw.replace(oaUserId, newOaUserId());
    const res = await post(tampered, {
      'X-ZEvent-Signature': await signature(raw, event.timestamp),
    });
    expect(res.status).toBe(401);
    expect(await followerRow(oaUserId)).toBeUndefined();
  });

  it('answers 200 and records nothing for events it has no use for', async () => {
    const res = await signedPost({
      app_id: APP_ID,
      event_name: 'oa_send_text',
      sender: { id: '1234567890' },
      recipient: { id: newOaUserId() },
      message: { text: 'Xin chào', msg_id: 'x' },
      timestamp: String(Date.now()),
    });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ received: true, recorded: null });
  });
});

describe('OA webhook events', () => {
  it('records follow, unfollow and messages', async () => {
    const oaUserId = newOaUserId();
    const appUserId = newZaloId();
    const followedAt = Date.now() - 3 * 86_400_000;

    await signedPost(followEvent(oaUserId, appUserId, 'follow', followedAt));
    expect(await followerRow(oaUserId)).toMatchObject({
      appUserId,
      followed: true,
      lastInteractionAt: new Date(followedAt).toISOString(),
    });

    // A message (without user_id_by_app) moves the interaction time, keeps the app id.
    const messagedAt = Date.now() - 60_000;
    const res = await signedPost(textEvent(oaUserId, undefined, messagedAt));
    expect(await json(res)).toEqual({ received: true, recorded: 'interaction' });
    expect(await followerRow(oaUserId)).toMatchObject({
      appUserId,
      followed: true,
      lastInteractionAt: new Date(messagedAt).toISOString(),
    });

    // A late re-delivery of an older event does not move it back.
    await signedPost(textEvent(oaUserId, appUserId, followedAt));
    expect((await followerRow(oaUserId))?.lastInteractionAt).toBe(
      new Date(messagedAt).toISOString(),
    );

    await signedPost(followEvent(oaUserId, appUserId, 'unfollow'));
    expect(await followerRow(oaUserId)).toMatchObject({
      followed: false,
      lastInteractionAt: new Date(messagedAt).toISOString(),
    });
  });

  it('opens the OA channel for the reporter who messages the OA', async () => {
    const zaloId = newZaloId();
    const token = await signInCitizen(zaloId);
    const phone = newPhone();
    const submitted = await call('/api/v1/reports', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${token}`,
        'CF-Connecting-IP': phone.ip,
      },
      body: JSON.stringify(reportBody(phone)),
    });
    expect(submitted.status).toBe(201);
    const report = await reportRef((await json<{ code: string }>(submitted)).code);

    const oaUserId = newOaUserId();
    expect((await signedPost(textEvent(oaUserId, zaloId))).status).toBe(200);
    const key = await notifyReporter(report, { status: 'in_progress', message: 'Đang xử lý.' });
    await dispatchOutbox(db(), env as unknown as Env, { maxRows: 10_000 });

    expect(await outboxRow(key)).toMatchObject({ status: 'sent', channel: 'zalo_oa' });
    expect((await fakeZalo.log('oa', oaUserId)).delivered).toHaveLength(1);
  });
});
