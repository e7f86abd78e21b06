import { type Env, parseAllowedOrigins } from '../platform/env';
import { ApiError, errorBody } from '../platform/errors';
import { createLogger } from '../platform/logger';
import { chatConfigured, chatNotConfigured } from './keys';
import { CONNECT_HEADERS } from './room/connect';
import { chatRoomStub } from './room/stub';
import { verifyTicket } from './tickets';

// GET /api/v1/chat/rooms/{roomId}/ws?ticket=… — the chat's WebSocket upgrade. Handled by the
// Worker before Hono: its middlewares rewrite the headers of responses, which a 101 with a
// WebSocket must not go through. The ticket (tickets.ts) proves who connects; the room's
// Durable Object checks membership again and accepts the socket.
//
// Tickets travel in the URL, so a page of another site could try to open a socket with one
// it obtained (cross-site WebSocket hijacking): a browser always sends Origin on a WebSocket,
// and it must be this Worker's own origin or one of ALLOWED_ORIGINS. Programs that are not
// browsers (the bench, server tools) send none and rely on the ticket alone.

const WS_PATH = /^\/api\/v1\/chat\/rooms\/([^/]+)\/ws\/?$/;

function json(status: number, code: string, message: string, details?: unknown): Response {
  return Response.json(errorBody(code, message, details), {
    status,
    headers: { 'Cache-Control': 'no-store' },
  });
}

function originAllowed(request: Request, env: Env, url: URL): boolean {
  const origin = request.headers.get('Origin');
  if (origin === null) return true;
  const normalized = origin.replace(/\/+$/, '');
  if (normalized === url.origin) return true;
  return parseAllowedOrigins(env.ALLOWED_ORIGINS).includes(normalized);
}

/** The upgrade's answer, or null when the request is not for the chat's WebSocket path. */
export async function handleChatUpgrade(request: Request, env: Env): Promise<Response | null> {
  const url = new URL(request.url);
  if (!WS_PATH.test(url.pathname)) return null;
  const started = Date.now();
  const res = await upgrade(request, env, url);
  // Hono's request log does not see this path. The path only: the query holds the ticket.
  createLogger(env.LOG_LEVEL).info('request', {
    method: request.method,
    path: url.pathname,
    status: res.status,
    durationMs: Date.now() - started,
  });
  return res;
}

async function upgrade(request: Request, env: Env, url: URL): Promise<Response> {
  const match = WS_PATH.exec(url.pathname);
  if (!match) return json(404, 'not_found', 'Không tìm thấy cuộc trò chuyện.');
  let roomId: string;
  try {
    roomId = decodeURIComponent(match[1] as string);
  } catch {
    return json(404, 'not_found', 'Không tìm thấy cuộc trò chuyện.');
  }
  if (request.method !== 'GET') {
    return json(405, 'method_not_allowed', 'Phương thức không được hỗ trợ.');
  }
  if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') {
    return json(426, 'upgrade_required', 'Địa chỉ này chỉ nhận kết nối WebSocket.');
  }
  if (!chatConfigured(env)) {
    const err = chatNotConfigured();
    return json(err.status, err.code, err.message);
  }
  if (!originAllowed(request, env, url)) {
    return json(403, 'origin_not_allowed', 'Kết nối từ trang web này không được phép.');
  }
  const ticket = url.searchParams.get('ticket');
  if (!ticket) {
    return json(401, 'chat_ticket_invalid', 'Thiếu vé kết nối. Vui lòng kết nối lại.', {
      reason: 'missing',
    });
  }
  let check: Awaited<ReturnType<typeof verifyTicket>>;
  try {
    check = await verifyTicket(env, ticket, roomId);
  } catch (err) {
    if (err instanceof ApiError) return json(err.status, err.code, err.message);
    throw err;
  }
  if (!check.ok) {
    return json(
      401,
      'chat_ticket_invalid',
      check.reason === 'expired'
        ? 'Vé kết nối đã hết hạn. Vui lòng kết nối lại.'
        : 'Vé kết nối không hợp lệ. Vui lòng kết nối lại.',
      { reason: check.reason },
    );
  }
  // A fresh request: nothing of the client's (cookies, the ticket in the URL) goes further.
  const forwarded = new Request('https://chat-room.internal/connect', {
    headers: {
      Upgrade: 'websocket',
      [CONNECT_HEADERS.room]: roomId,
      [CONNECT_HEADERS.official]: check.payload.officialId,
    },
  });
  return chatRoomStub(env, roomId).fetch(forwarded);
}
