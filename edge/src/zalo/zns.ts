import type { Env } from '../platform/env';
import { normaliseVietnamesePhone } from '../reports/phone';
import { timeoutFromEnv, type ZaloClientOptions, zaloPost } from './oa';

// A small client of Zalo Notification Service (ZNS): a template message, approved by Zalo
// beforehand, sent to the Zalo account of a phone number. It reaches people who never
// interacted with the OA, which is why it is the fall-back of OA messages, and it costs
// money per message, which is why it is sent only with the reporter's consent.
//
//   POST {ZALO_ZNS_API_URL}/message/template
//   access_token: <OA access token> (ZNS is sent on behalf of the OA)
//   { "phone": "84912345678", "template_id": "…", "template_data": { … },
//     "tracking_id": "<ours, echoed in Zalo's delivery callbacks>" }
//
// Answered like the OA API: HTTP 200 `{ error: 0, message: "Success", data: { msg_id,
// sent_time, quota } }`, or `error` ≠ 0. Classification as in oa.ts (ZNS "Cách xử lý mã
// lỗi"): -100 unknown error "try again later" is retried; -108 invalid phone, -114 user
// inactive or refusing ZNS, -118 no Zalo account, -119 account cannot receive are
// `unreachable`; the rest (token, template, quota) are `rejected`.
//
// The template registered with Zalo for status changes must take these parameters:
//   ma_phan_anh  the report's code (PA-XXXXXX)
//   trang_thai   the new status, in Vietnamese ("Đang xử lý")
//   noi_dung     the public message of the change (cut to ZNS_PARAM_MAX characters)

export const DEFAULT_ZNS_API_URL = 'https://business.openapi.zalo.me';
export const ZNS_RETRY_CODES: ReadonlySet<number> = new Set([-100, -32]);
export const ZNS_UNREACHABLE_CODES: ReadonlySet<number> = new Set([-108, -114, -118, -119]);
/** Longest template parameter sent: ZNS refuses template data beyond its per-field limits. */
export const ZNS_PARAM_MAX = 200;

export interface ZnsOptions extends ZaloClientOptions {
  templateId: string | undefined;
}

export function znsOptionsFromEnv(env: Partial<Env>): ZnsOptions {
  return {
    baseUrl: env.ZALO_ZNS_API_URL || DEFAULT_ZNS_API_URL,
    accessToken: env.ZALO_OA_ACCESS_TOKEN || undefined,
    templateId: env.ZALO_ZNS_TEMPLATE_ID || undefined,
    timeoutMs: timeoutFromEnv(env),
  };
}

/**
 * A phone as ZNS takes it: country code without "+", e.g. "0912 345 678" → "84912345678".
 * Null when it is not a Vietnamese number (ZNS reaches Vietnamese numbers only).
 */
export function znsPhone(input: string): string | null {
  const e164 = normaliseVietnamesePhone(input);
  return e164 ? e164.slice(1) : null;
}

export function znsParam(text: string): string {
  return text.length <= ZNS_PARAM_MAX ? text : `${text.slice(0, ZNS_PARAM_MAX - 1)}…`;
}

/** Sends a ZNS template message; answers Zalo's message id. Throws ZaloSendError. */
export async function sendZnsTemplate(
  opts: ZaloClientOptions,
  message: {
    phone: string;
    templateId: string;
    templateData: Record<string, string>;
    trackingId: string;
  },
): Promise<{ messageId: string | null }> {
  const data = await zaloPost(
    opts,
    '/message/template',
    {
      phone: message.phone,
      template_id: message.templateId,
      template_data: message.templateData,
      tracking_id: message.trackingId,
    },
    { retry: ZNS_RETRY_CODES, unreachable: ZNS_UNREACHABLE_CODES },
    'Zalo ZNS API',
  );
  return { messageId: typeof data.msg_id === 'string' ? data.msg_id : null };
}

/** A client bound to the Worker's configuration; `configured` when a token and a template are set. */
export function zaloZns(env: Partial<Env>) {
  const opts = znsOptionsFromEnv(env);
  const templateId = opts.templateId;
  return {
    configured: Boolean(opts.accessToken && templateId),
    send: (phone: string, templateData: Record<string, string>, trackingId: string) =>
      sendZnsTemplate(opts, { phone, templateId: templateId ?? '', templateData, trackingId }),
  };
}
