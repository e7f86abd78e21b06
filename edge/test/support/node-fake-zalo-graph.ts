import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A stand-in for the Zalo Graph API on loopback, speaking the wire format the Worker's client
// expects (edge/src/zalo/graph.ts).
//
// GET /v2.0/me/info (location tokens) with the headers access_token, code
// (the zmp-sdk getLocation token) and secret_key, answered with Zalo's JSON envelope.
//
// Location tokens the tests use:
//   "loc:<lat>,<lng>"   → that point (as strings, as Zalo sends them)
//   "expired"           → error -201 (Zalo's answer to a spent or expired token)
//   "slow"              → answers after 3 s (client timeouts)
//   "broken"            → HTTP 500
//   "once:<lat>,<lng>"  → the point the first time, -201 after (a one-time token)
//   "region-blocked"    → error -501 (Zalo's answer to a caller outside Vietnam)
//   "phone:<digits>"    → { number: "<digits>" } (a zmp-sdk getPhoneNumber token; Zalo writes 84…)
// Any other token, a wrong secret or a missing access token is refused like Zalo does.
//
// GET /v2.0/me?fields=… (the profile behind a user access token, for sign-in) with the header
// access_token and, as for a Zalo app with "App secret proof" turned on, appsecret_proof =
// hex HMAC-SHA256(app secret, access token) — required. The answer carries only the fields
// asked for. User access tokens the tests use:
//   "zalo-at:<id>"                 → { id } (the citizen did not grant the name)
//   "zalo-at:<id>:<encoded name>"  → { id, name, picture } (name percent-encoded: headers are ASCII)
//   "zalo-num:<digits>"            → the id as a JSON *number*, inside { error: 0, message: "Success" }
//   "region-blocked"               → error -501 (Zalo's answer to a caller outside Vietnam)
//   "slow"                         → answers after 3 s
//   "broken"                       → HTTP 500
// Any other token, or a missing or wrong appsecret_proof, is refused: error 452 (the token)
// or -124 (the proof).

export const FAKE_ZALO_SECRET = 'test-zalo-app-secret';

function fakeProfile(
  req: IncomingMessage,
  url: URL,
  send: (status: number, body: unknown) => void,
) {
  const accessToken = String(req.headers.access_token ?? '');
  if (!accessToken) return send(200, { error: -124, message: 'Access token is invalid' });
  const proof = createHmac('sha256', FAKE_ZALO_SECRET).update(accessToken).digest('hex');
  if (req.headers.appsecret_proof !== proof) {
    return send(200, { error: -124, message: 'Invalid appsecret_proof' });
  }
  const fields = new Set((url.searchParams.get('fields') ?? 'id').split(',').map((f) => f.trim()));
  const user = /^zalo-at:([^:]+)(?::(.*))?$/.exec(accessToken);
  if (user?.[1]) {
    const name = user[2] === undefined ? undefined : decodeURIComponent(user[2]);
    const body: Record<string, unknown> = { id: user[1] };
    if (name !== undefined && fields.has('name')) body.name = name;
    if (name !== undefined && fields.has('picture')) {
      body.picture = { data: { url: `https://s120-ava-talk.zadn.vn/fake/${user[1]}.jpg` } };
    }
    return send(200, body);
  }
  const numeric = /^zalo-num:(\d+)$/.exec(accessToken);
  if (numeric) {
    // Raw JSON text: the number as Zalo would write it, beyond what a double holds exactly.
    return send(200, `{"id":${numeric[1]},"error":0,"message":"Success"}`);
  }
  if (accessToken === 'region-blocked') {
    return send(200, {
      error: -501,
      message: 'Personal information is limited due to IP address not inside Vietnam: 203.0.113.7',
    });
  }
  if (accessToken === 'slow') {
    setTimeout(() => send(200, { id: '1', name: 'Chậm' }), 3000);
    return;
  }
  if (accessToken === 'broken') return send(500, { message: 'Internal error' });
  return send(200, {
    error: 452,
    message:
      'Session key invalid. This could be because the session key has an incorrect format, or because the user has revoked this session',
  });
}

export async function startFakeZaloGraph(): Promise<{ url: string; close: () => Promise<void> }> {
  const spent = new Set<string>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/v2.0/me') return fakeProfile(req, url, send);
    if (req.method !== 'GET' || url.pathname !== '/v2.0/me/info') {
      return send(404, { error: 404, message: 'Not found' });
    }
    const accessToken = req.headers.access_token;
    const code = String(req.headers.code ?? '');
    if (req.headers.secret_key !== FAKE_ZALO_SECRET) {
      return send(200, { error: -124, message: 'Invalid secret key' });
    }
    if (!accessToken) return send(200, { error: -124, message: 'Access token is invalid' });
    const point = /^(?:loc|once):(-?[\d.]+),(-?[\d.]+)$/.exec(code);
    if (point) {
      if (code.startsWith('once:')) {
        if (spent.has(code)) return send(200, { error: -201, message: 'Token is expired' });
        spent.add(code);
      }
      return send(200, {
        data: {
          provider: 'gps',
          latitude: point[1],
          longitude: point[2],
          timestamp: String(Date.now()),
        },
        error: 0,
        message: 'Success',
      });
    }
    const phone = /^phone:(\d+)$/.exec(code);
    if (phone) return send(200, { data: { number: phone[1] }, error: 0, message: 'Success' });
    if (code === 'slow') {
      setTimeout(() => send(200, { error: 0, message: 'Success', data: {} }), 3000);
      return;
    }
    if (code === 'broken') return send(500, { message: 'Internal error' });
    if (code === 'region-blocked') {
      return send(200, {
        error: -501,
        message:
          'Personal information is limited due to IP address not inside Vietnam: 203.0.113.7',
      });
    }
    return send(200, { error: -201, message: 'Token is expired' });
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
