// Imported (not the ambient globals) so that the types also compile where the Worker's
// AppType is consumed outside workers-types (the mini app's typed client).
import type {
  DurableObjectNamespace,
  Fetcher,
  R2Bucket,
  RateLimit,
} from '@cloudflare/workers-types';
import type { Principal } from '../access/permissions';
import type { Db } from './db';
import type { Logger } from './logger';

/**
 * Bindings of the one Worker (wrangler.toml `[vars]`, secrets via `wrangler secret put`).
 * Later issues add Durable Object namespaces, R2, queues and rate limiters here.
 */
export interface Env {
  /** libSQL endpoint spoken over Hrana/HTTP: the local db/ server in development, Turso/sqld in production. */
  LIBSQL_URL: string;
  /** Bearer token for LIBSQL_URL; a secret (`wrangler secret put LIBSQL_AUTH_TOKEN`). Unset locally. */
  LIBSQL_AUTH_TOKEN?: string;
  /** Comma-separated browser origins allowed by CORS (mini app, local dev). Empty: no cross-origin access. */
  ALLOWED_ORIGINS?: string;
  /** development | test | staging | production. Informational (reported by logs); no behaviour hangs on it yet. */
  ENVIRONMENT?: string;
  /** debug | info | warn | error; default info. */
  LOG_LEVEL?: string;
  /** Where the API docs page loads swagger-ui-dist from; default the jsDelivr CDN. Point it at a mirror offline. */
  DOCS_ASSETS_BASE_URL?: string;

  // ---- field reports (issue 3) ---------------------------------------------------------
  /** R2 bucket of report photos and videos (upload chunks under `uploads/`, final files under `media/`). */
  MEDIA: R2Bucket;
  /** Workers rate limiter keyed by the SHA-256 of the device id: anonymous report submissions. */
  REPORTS_DEVICE_LIMITER?: RateLimit;
  /** Workers rate limiter keyed by the client IP (CF-Connecting-IP): anonymous report submissions. */
  REPORTS_IP_LIMITER?: RateLimit;
  /** Workers rate limiter of upload starts (POST /uploads), keyed by device hash and by IP. */
  UPLOADS_LIMITER?: RateLimit;
  /** Largest photo accepted, bytes; default 10 MB. */
  MAX_PHOTO_BYTES?: string | number;
  /** Largest video accepted, bytes; default 50 MB. */
  MAX_VIDEO_BYTES?: string | number;
  /** Photos per report; default 5. */
  MAX_PHOTOS?: string | number;
  /** Videos per report; default 1. */
  MAX_VIDEOS?: string | number;
  /** Size of one resumable-upload chunk, bytes; default 512 KiB (one 3G request that may fail and be resent). */
  UPLOAD_CHUNK_BYTES?: string | number;
  /** Hours an upload not attached to a report is kept before the orphan sweep deletes it; default 72. */
  UPLOAD_TTL_HOURS?: string | number;
  /** Zalo Graph API base URL; default https://graph.zalo.me. Tests point it at a loopback server. */
  ZALO_GRAPH_URL?: string;
  /** Zalo app secret key (secret: `wrangler secret put ZALO_APP_SECRET`), for the location token exchange. */
  ZALO_APP_SECRET?: string;
  /** Timeout of one Graph API call, ms; default 5000. */
  ZALO_TIMEOUT_MS?: string | number;
  /**
   * Key (secret) from which a report's follow token is derived (HMAC of the submission id), so a
   * retried submission whose first answer was lost still gets its token. Unset: random tokens,
   * returned only by the answer that created the report.
   */
  FOLLOW_TOKEN_SECRET?: string;

  // ---- citizen sign-in with Zalo -------------------------------------------------------
  /**
   * Key (secret: `wrangler secret put SESSION_SECRET`; `.dev.vars` for `wrangler dev`) that
   * signs the citizen session tokens (JWT, HS256) answered by POST /api/v1/auth/zalo. At
   * least 32 characters of random text. Unset or shorter: sign-in answers 503
   * `session_not_configured`, and requests carrying a bearer token too; anonymous use is
   * unaffected. Changing it signs every citizen out (their apps sign in again silently).
   * Also the key of the officials' CSRF tokens.
   */
  SESSION_SECRET?: string;

  // ---- officials (issue 4) -------------------------------------------------------------
  /**
   * The web admin's built files (wrangler.toml `[assets]`, edge/admin/dist), served under
   * /admin by admin/routes.ts. Unset where the Worker runs without assets: /admin then
   * answers 503 with a hint.
   */
  ASSETS?: Fetcher;
  /** Public origin of the web admin, for links sent to officials (password set/reset); default the request's origin. */
  ADMIN_BASE_URL?: string;
  /** Workers rate limiter of official sign-in attempts, keyed by client IP. */
  OFFICIALS_LOGIN_LIMITER?: RateLimit;
  /** Zalo Official Account API base URL; default https://openapi.zalo.me. Tests use a loopback server. */
  ZALO_OA_API_URL?: string;
  /** OA access token (secret): OA messages are sent with it. Unset: OA messages are skipped, ZNS/in-app still work. */
  ZALO_OA_ACCESS_TOKEN?: string;
  /** OA secret key (secret): verifies the OA webhook's signature. */
  ZALO_OA_SECRET?: string;
  /** Zalo app id, part of the OA webhook signature. */
  ZALO_APP_ID?: string;
  /** ZNS API base URL; default https://business.openapi.zalo.me. */
  ZALO_ZNS_API_URL?: string;
  /** ZNS template id of "your report changed status" messages. Unset: no ZNS. */
  ZALO_ZNS_TEMPLATE_ID?: string;

  // ---- smart intake (issue 5), read by intake/config.ts --------------------------------
  /** on | off (default on): route reports on arrival; off sends every report to the IOC queue. */
  INTAKE_AUTO_ROUTE?: string;
  /** Classifier confidence (0…1) from which a report is routed on arrival; default 0.75. */
  INTAKE_AUTO_ROUTE_THRESHOLD?: string | number;
  /** Duplicate search radius, metres; default 250. */
  DUPLICATE_RADIUS_METRES?: string | number;
  /** Duplicate search period, days; default 30. */
  DUPLICATE_WINDOW_DAYS?: string | number;

  // ---- weather and environment (issue 6) -----------------------------------------------
  /** Days raw sensor readings are kept (hourly and daily rollups are kept for good); default 35. */
  READINGS_RETENTION_DAYS?: string | number;
  /** Forecast provider speaking Open-Meteo's JSON; default https://api.open-meteo.com. */
  FORECAST_API_URL?: string;
  /** Timeout of one forecast call, ms; default 8000. */
  FORECAST_TIMEOUT_MS?: string | number;
  /** R2 bucket of published documents: agencies' environment reports (PDF) under `environment-reports/`. */
  DOCUMENTS: R2Bucket;

  // ---- officials' chat (issue 7) -------------------------------------------------------
  /** One ChatRoom Durable Object per room (edge/src/chat/room). */
  CHAT_ROOMS: DurableObjectNamespace;
  /** R2 bucket of chat attachments. */
  CHAT_FILES: R2Bucket;
  /** Secret: "<id>:<base64 32 bytes>,…", the first current. Unset: chat answers 503. */
  CHAT_MASTER_KEYS?: string;
  /** Largest chat attachment, bytes; default 20 MB. */
  CHAT_MAX_FILE_BYTES?: string | number;
  /** Lifetime of a WebSocket ticket, seconds; default 60. */
  CHAT_TICKET_TTL_SECONDS?: string | number;
  /** JSON RTCIceServer[] handed to call clients. */
  CHAT_ICE_SERVERS?: string;

  // ---- appointments, training, surveys (issue 9) -----------------------------------------
  /** Workers rate limiter of survey answers per respondent (device hash or account). */
  SURVEY_ANSWER_LIMITER?: RateLimit;
  /** Workers rate limiter of survey answers per client IP (looser: shared IPs). */
  SURVEY_IP_LIMITER?: RateLimit;
  /** Workers rate limiter of appointment bookings (keyed by citizen account). */
  BOOKING_LIMITER?: RateLimit;

  // ---- public information (issue 8) -----------------------------------------------------
  /** Investment enquiries per IP. */
  ENQUIRY_LIMITER?: RateLimit;
  /** The public-service portal (procedures are filed there) and its dossier lookup page. */
  PUBLIC_SERVICE_PORTAL_URL?: string;
  DOSSIER_LOOKUP_URL?: string;
  /** CAP <sender> of the emergency alert feed. */
  CAP_SENDER?: string;

  // ---- market, jobs, language utilities (issue 10) ----------------------------
  /** Market listings and job vacancies posted per account. */
  MARKET_POST_LIMITER?: RateLimit;
  /** Days a market listing stays up before its owner renews it (1–365); default 30. */
  MARKET_LISTING_DAYS?: string | number;
  /** Job applications and employer registrations per account. */
  JOBS_LIMITER?: RateLimit;
  /** Workers AI binding (wrangler.toml `[ai]`); unset: the language utilities say so. */
  AI?: AiBinding;
  /** Workers AI model names of the language utilities. */
  AI_OCR_MODEL?: string;
  AI_SPEECH_MODEL?: string;
  AI_TRANSLATION_MODEL?: string;
  /** Largest image (OCR) and audio (speech) accepted, bytes. */
  AI_MAX_IMAGE_BYTES?: string | number;
  AI_MAX_AUDIO_BYTES?: string | number;
  /** Language-utility requests per account or device. */
  AI_LIMITER?: RateLimit;
  /** Minutes an order may be paid in (5–1440); default 30. */
  PAYMENT_ORDER_TTL_MINUTES?: string | number;
  /** Timeout of one call to a payment provider, ms; default 8000. */
  PAYMENT_PROVIDER_TIMEOUT_MS?: string | number;
  /** Zalo Checkout SDK private key (secret). With ZALO_APP_ID, turns Zalo Checkout on. */
  ZALO_CHECKOUT_PRIVATE_KEY?: string;
  /** Zalo Checkout's transaction-status API; default https://payment-mini.zalo.me. */
  ZALO_CHECKOUT_API_URL?: string;
  /** The redirect e-wallet (payments/wallet.ts): its base URL, merchant id and name shown. */
  WALLET_API_URL?: string;
  WALLET_MERCHANT_ID?: string;
  WALLET_NAME?: string;
  /** The e-wallet's shared signing secret (secret). */
  WALLET_SECRET?: string;
  /** Order creations per account. */
  PAYMENTS_LIMITER?: RateLimit;
}

/** The part of the Workers AI binding the language utilities use (`env.AI.run`). */
export interface AiBinding {
  run(model: string, inputs: Record<string, unknown>): Promise<unknown>;
}

/** The signed-in official behind a request (web admin cookie or mini app bearer token). */
export interface OfficialPrincipal extends Principal {
  email: string;
  fullName: string;
  sessionId: string;
  sessionKind: 'web' | 'app';
}

/** Per-request values every handler can read through `c.var`. */
export interface Variables {
  db: Db;
  log: Logger;
  /** Extra fields for this request's single log line (identifiers and timings only). */
  logFields: Record<string, unknown>;
  requestId: string;
  /**
   * The signed-in citizen (users.id), set only by the session middleware (auth/session.ts)
   * from a verified `Authorization: Bearer` session token. Never read from a client-supplied
   * header or body. Unset: an anonymous request.
   */
  userId?: string;
  /**
   * The signed-in official, set only by the officials' session middleware from a stored,
   * unrevoked session. Permission checks go through access/guard.ts.
   */
  official?: OfficialPrincipal;
}

export interface AppEnv {
  Bindings: Env;
  Variables: Variables;
}

/** Parses ALLOWED_ORIGINS ("a, b,c/") into exact origins without trailing slashes. */
export function parseAllowedOrigins(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((origin) => origin.trim().replace(/\/+$/, ''))
    .filter((origin) => origin.length > 0);
}
