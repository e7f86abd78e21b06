import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A stand-in for the Zalo Graph API on loopback, speaking the wire format the Worker's client
// expects (edge/src/zalo/graph.ts): GET /v2.0/me/info with the headers access_token, code
// (the zmp-sdk getLocation token) and secret_key, answered with Zalo's JSON envelope.
//
// Location tokens the tests use:
//   "loc:<lat>,<lng>"   → that point (as strings, as Zalo sends them)
//   "expired"           → error -201 (Zalo's answer to a spent or expired token)
//   "slow"              → answers after 3 s (client timeouts)
//   "broken"            → HTTP 500
//   "once:<lat>,<lng>"  → the point the first time, -201 after (a one-time token)
// Any other token, a wrong secret or a missing access token is refused like Zalo does.

export const FAKE_ZALO_SECRET = 'test-zalo-app-secret';

export async function startFakeZaloGraph(): Promise<{ url: string; close: () => Promise<void> }> {
  const spent = new Set<string>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'http://localhost');
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
    if (code === 'slow') {
      setTimeout(() => send(200, { error: 0, message: 'Success', data: {} }), 3000);
      return;
    }
    if (code === 'broken') return send(500, { message: 'Internal error' });
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
