import { createRoute, z } from '@hono/zod-openapi';
import { zaloOaFollowers } from '@tinh/db/schema';
import { sql } from 'drizzle-orm';
import type { Db } from '../platform/db';
import { ApiError } from '../platform/errors';
import { errorResponse as error, jsonResponse as json } from '../platform/openapi';
import { createRouter } from '../platform/router';
import { sameDigest, sha256Hex } from '../reports/tokens';

// The province OA's webhook: Zalo calls it when someone follows or unfollows the OA and when
// they send it a message. What it records (zalo_oa_followers) tells the outbox dispatcher
// whether the OA may message a citizen now (within 7 days of their last interaction) or
// whether ZNS is the way.
//
// Authenticity (Zalo OA webhook docs): the header `X-ZEvent-Signature: mac=<hex>` carries
// SHA-256 of app id + the raw JSON body + the body's `timestamp` + the OA secret key (the
// OA's, not the app's), concatenated in that order. Anything else is refused with 401.
// Zalo wants a 200 within 2 seconds and re-sends otherwise, so an event we have no use for
// is answered 200 and ignored, and each recorded event is one upsert (re-sending is harmless).
//
// Events: `follow` / `unfollow` name the user in `follower.id`; a message from the user
// (`user_send_text`, `user_send_image`, … and `user_submit_info`) names them in `sender.id`.
// Both are the user's id *as the OA sees it* (the recipient of OA messages);
// `user_id_by_app` is the same person's id as our Zalo app sees it (users.zalo_id).

const TAG = 'Zalo OA';

const WebhookResultSchema = z
  .object({
    received: z.boolean(),
    recorded: z
      .enum(['follow', 'unfollow', 'interaction'])
      .nullable()
      .openapi({ description: 'null: sự kiện không dùng đến, bỏ qua' }),
  })
  .openapi('ZaloOaWebhookResult');

const webhookRoute = createRoute({
  method: 'post',
  path: '/webhook',
  tags: [TAG],
  summary: 'Webhook của Zalo Official Account',
  description:
    'Zalo gọi khi người dùng quan tâm / bỏ quan tâm OA hoặc nhắn tin cho OA. Xác thực bằng tiêu đề `X-ZEvent-Signature: mac=<sha256(appId + body + timestamp + OA secret)>`.',
  responses: {
    200: json(WebhookResultSchema, 'Đã nhận (sự kiện không dùng đến cũng trả 200)'),
    400: error('Nội dung không phải JSON (`invalid_json`)'),
    401: error('Chữ ký không hợp lệ (`invalid_signature`)'),
    503: error('Máy chủ chưa cấu hình OA (`webhook_not_configured`)'),
  },
});

/** A Zalo id from an event: a string, or a JSON number while it is exact. */
function zaloId(value: unknown): string | null {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value > 0 ? String(value) : null;
  }
  if (typeof value !== 'string') return null;
  const id = value.trim();
  return /^[\x21-\x7e]{1,64}$/.test(id) ? id : null;
}

/** The event's time (ms since epoch, as a string or number); never in the future. */
function eventTime(value: unknown, now: Date): string {
  const ms = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0) return now.toISOString();
  return new Date(Math.min(ms, now.getTime())).toISOString();
}

const field = (value: unknown, key: string): unknown =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;

type Recorded = 'follow' | 'unfollow' | 'interaction';

async function recordEvent(
  db: Db,
  event: Record<string, unknown>,
  now: Date,
): Promise<Recorded | null> {
  const name = typeof event.event_name === 'string' ? event.event_name : '';
  const appUserId = zaloId(event.user_id_by_app);
  const at = eventTime(event.timestamp, now);
  const f = zaloOaFollowers;

  if (name === 'follow' || name === 'unfollow') {
    const oaUserId = zaloId(field(event.follower, 'id'));
    if (!oaUserId) return null;
    const followed = name === 'follow';
    // Following counts as an interaction; unfollowing only closes the OA channel.
    await db
      .insert(f)
      .values({ oaUserId, appUserId, followed, lastInteractionAt: at })
      .onConflictDoUpdate({
        target: f.oaUserId,
        set: {
          followed,
          appUserId: sql`coalesce(excluded.app_user_id, ${f.appUserId})`,
          lastInteractionAt: followed
            ? sql`max(${f.lastInteractionAt}, excluded.last_interaction_at)`
            : sql`${f.lastInteractionAt}`,
        },
      });
    return name;
  }

  if (name.startsWith('user_send_') || name === 'user_submit_info') {
    const oaUserId = zaloId(field(event.sender, 'id'));
    if (!oaUserId) return null;
    await db
      .insert(f)
      .values({ oaUserId, appUserId, lastInteractionAt: at })
      .onConflictDoUpdate({
        target: f.oaUserId,
        set: {
          appUserId: sql`coalesce(excluded.app_user_id, ${f.appUserId})`,
          lastInteractionAt: sql`max(${f.lastInteractionAt}, excluded.last_interaction_at)`,
        },
      });
    return 'interaction';
  }
  return null;
}

/** `mac=<hex>` as Zalo computes it (see the header). */
export async function zaloEventSignature(
  appId: string,
  rawBody: string,
  timestamp: string,
  oaSecret: string,
): Promise<string> {
  return `mac=${await sha256Hex(`${appId}${rawBody}${timestamp}${oaSecret}`)}`;
}

export const zaloOaWebhookRoutes = createRouter().openapi(webhookRoute, async (c) => {
  const appId = c.env.ZALO_APP_ID;
  const secret = c.env.ZALO_OA_SECRET;
  if (!appId || !secret) {
    throw new ApiError(503, 'webhook_not_configured', 'Máy chủ chưa cấu hình Zalo OA.');
  }
  const raw = await c.req.text();
  let event: unknown;
  try {
    event = JSON.parse(raw);
  } catch {
    event = undefined;
  }
  const ts = field(event, 'timestamp');
  const timestamp = typeof ts === 'string' || typeof ts === 'number' ? String(ts) : '';
  const expected = await zaloEventSignature(appId, raw, timestamp, secret);
  const given = (c.req.header('x-zevent-signature') ?? '').trim().toLowerCase();
  if (!sameDigest(given, expected)) {
    throw new ApiError(401, 'invalid_signature', 'Chữ ký sự kiện Zalo không hợp lệ.');
  }
  if (event === null || typeof event !== 'object' || Array.isArray(event)) {
    throw new ApiError(400, 'invalid_json', 'Dữ liệu gửi lên không phải JSON hợp lệ.');
  }
  const recorded = await recordEvent(c.var.db, event as Record<string, unknown>, new Date());
  c.var.logFields.zaloEvent = {
    name: String((event as Record<string, unknown>).event_name ?? ''),
    recorded,
  };
  return c.json({ received: true, recorded }, 200);
});
