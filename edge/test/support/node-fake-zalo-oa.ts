import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A stand-in on loopback for the two Zalo APIs the outbox sends through, speaking the wire
// format of the Worker's clients (edge/src/zalo/oa.ts, edge/src/zalo/zns.ts):
//
//   POST /v3.0/oa/message/cs   header access_token; { recipient: { user_id }, message: { text } }
//   POST /message/template     header access_token; { phone, template_id, template_data, tracking_id }
//
// Both answer Zalo's envelope: HTTP 200 `{ error: 0, message: "Success", data }`, or
// `error` ≠ 0 (a wrong access token: -216 for OA, -124 for ZNS; an unknown template: -109).
//
// Tests drive it over HTTP (they run inside workerd, this runs in Node), always about their
// own recipient, so test files sharing the server never see each other's traffic:
//   POST /__fake/fail   { channel: 'oa'|'zns', recipient, status?: 500 | 429 | …,
//                         error?: <Zalo code>, message?, times?: n }
//                       → the next n requests to that recipient (all, without `times`) fail:
//                         with that HTTP status, or HTTP 200 and that Zalo error code
//   POST /__fake/heal   { channel, recipient } → back to normal
//   GET  /__fake/log?channel=oa|zns&recipient=… → { delivered: [...], attempts: n }
// The recipient is the OA user id (oa) or the phone as sent, 84… (zns).

export const FAKE_OA_ACCESS_TOKEN = 'test-oa-access-token';
export const FAKE_ZNS_TEMPLATE_ID = 'test-zns-template';

type Channel = 'oa' | 'zns';
interface Failure {
  status?: number;
  error?: number;
  message?: string;
  times?: number;
}
interface Delivered {
  at: string;
  messageId: string;
  text?: string;
  templateData?: Record<string, unknown>;
  trackingId?: string;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startFakeZaloOa(): Promise<{ url: string; close: () => Promise<void> }> {
  const failures = new Map<string, Failure>();
  const delivered = new Map<string, Delivered[]>();
  const attempts = new Map<string, number>();
  let nextId = 1;
  const key = (channel: string, recipient: string) => `${channel}:${recipient}`;

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'http://localhost');
    let body: Record<string, unknown> = {};
    if (req.method === 'POST') {
      try {
        body = JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>;
      } catch {
        return send(200, { error: -201, message: 'Request body is not JSON' });
      }
    }

    // ---- control -------------------------------------------------------------------------
    if (url.pathname === '/__fake/fail' && req.method === 'POST') {
      const { channel, recipient, ...failure } = body as { channel: Channel; recipient: string };
      failures.set(key(channel, recipient), failure as Failure);
      return send(200, { ok: true });
    }
    if (url.pathname === '/__fake/heal' && req.method === 'POST') {
      failures.delete(key(String(body.channel), String(body.recipient)));
      return send(200, { ok: true });
    }
    if (url.pathname === '/__fake/log' && req.method === 'GET') {
      const k = key(url.searchParams.get('channel') ?? '', url.searchParams.get('recipient') ?? '');
      return send(200, { delivered: delivered.get(k) ?? [], attempts: attempts.get(k) ?? 0 });
    }

    // ---- the Zalo APIs -------------------------------------------------------------------
    let channel: Channel;
    let recipient: string;
    if (req.method === 'POST' && url.pathname === '/v3.0/oa/message/cs') {
      if (req.headers.access_token !== FAKE_OA_ACCESS_TOKEN) {
        return send(200, { error: -216, message: 'Access token is invalid' });
      }
      channel = 'oa';
      recipient = String((body.recipient as { user_id?: unknown } | undefined)?.user_id ?? '');
      const text = (body.message as { text?: unknown } | undefined)?.text;
      if (!recipient || typeof text !== 'string' || !text) {
        return send(200, { error: -201, message: 'Parameters are invalid' });
      }
    } else if (req.method === 'POST' && url.pathname === '/message/template') {
      if (req.headers.access_token !== FAKE_OA_ACCESS_TOKEN) {
        return send(200, { error: -124, message: 'Access token invalid' });
      }
      channel = 'zns';
      recipient = String(body.phone ?? '');
      if (!/^84\d{9,10}$/.test(recipient)) {
        return send(200, { error: -108, message: 'Phone number invalid' });
      }
      if (body.template_id !== FAKE_ZNS_TEMPLATE_ID) {
        return send(200, { error: -109, message: 'Template ID invalid' });
      }
    } else {
      return send(404, { error: 404, message: 'Not found' });
    }

    const k = key(channel, recipient);
    attempts.set(k, (attempts.get(k) ?? 0) + 1);
    const failure = failures.get(k);
    if (failure) {
      if (failure.times !== undefined) {
        failure.times -= 1;
        if (failure.times <= 0) failures.delete(k);
      }
      if (failure.status) return send(failure.status, { message: 'Internal error' });
      return send(200, { error: failure.error ?? -100, message: failure.message ?? 'Failed' });
    }
    const messageId = `fake-${channel}-${nextId++}`;
    const entry: Delivered =
      channel === 'oa'
        ? {
            at: new Date().toISOString(),
            messageId,
            text: String((body.message as { text: string }).text),
          }
        : {
            at: new Date().toISOString(),
            messageId,
            templateData: (body.template_data ?? {}) as Record<string, unknown>,
            trackingId: String(body.tracking_id ?? ''),
          };
    delivered.set(k, [...(delivered.get(k) ?? []), entry]);
    return send(
      200,
      channel === 'oa'
        ? { error: 0, message: 'Success', data: { message_id: messageId, user_id: recipient } }
        : {
            error: 0,
            message: 'Success',
            data: { msg_id: messageId, sent_time: String(Date.now()), quota: {} },
          },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
