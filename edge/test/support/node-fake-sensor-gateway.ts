import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A loopback stand-in for sensor gateways, speaking both protocols the Worker polls
// (edge/src/environment/gateways/): OGC SensorThings v1.1 and our simple JSON format. Every
// test file works in its own namespace (a path prefix), so files sharing the server never see
// each other's data:
//
//   {ns}/st/v1.1/Things({id})/Datastreams              [$top, $skip]
//   {ns}/st/v1.1/Datastreams({id})/Observations         [$filter=phenomenonTime gt|ge|lt <iso>
//                                                         (and …), $orderby asc|desc, $top, $skip]
//   {ns}/sj/stations/{id}/observations                   [since, limit, cursor]
//
// Collections page at min($top, maxTop) with `@iot.nextLink` (`next` in simple JSON) while
// more remain. Tests drive it over HTTP (they run in workerd, this in Node):
//   PUT  /__fake/{ns}          a Scenario (replaces the namespace's data and behaviour)
//   GET  /__fake/{ns}/log      { requests: [{ path, query, authorization }] } since the last PUT

export interface FakeDatastream {
  '@iot.id': number | string;
  name?: string;
  description?: string;
  unitOfMeasurement?: { name?: string; symbol?: string | null; definition?: string };
  ObservedProperty?: { name?: string; definition?: string };
  properties?: Record<string, unknown>;
}

export interface FakeRule {
  /** Applies to requests whose path contains this (default: all API requests). */
  match?: string;
  /** Answer after this long. */
  delayMs?: number;
  /** Answer this HTTP status. */
  status?: number;
  /** Answer a malformed payload: text that is not JSON, JSON without the collection, or an
   * HTML error page with status 200. */
  malformed?: 'not-json' | 'no-collection' | 'html';
  /** Only the next n matching requests; then the rule is gone. */
  times?: number;
  /** Let this many matching requests through before the rule applies. */
  after?: number;
}

export interface Scenario {
  /** SensorThings Things by @iot.id (as a string): their Datastreams. */
  things?: Record<string, FakeDatastream[]>;
  /** SensorThings observations by Datastream @iot.id (as a string). */
  observations?: Record<string, { phenomenonTime: string; result: unknown }[]>;
  /** Simple JSON observations by station id. */
  stations?: Record<string, { metric: string; time: string; value: unknown; unit: string }[]>;
  /** Largest page the server answers, whatever $top asks (a partial page with a next link). */
  maxTop?: number;
  /** Answer next links on another origin (the client must refuse them). */
  foreignNextLink?: boolean;
  /** The Authorization header required (401 otherwise). */
  requireAuth?: string;
  rules?: FakeRule[];
}

interface Logged {
  path: string;
  query: Record<string, string>;
  authorization: string | null;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `phenomenonTime gt 2026-01-01T00:00:00.000Z and phenomenonTime lt …` → predicates. */
function timeFilter(filter: string | null): (t: number) => boolean {
  if (!filter) return () => true;
  const tests: ((t: number) => boolean)[] = [];
  for (const part of filter.split(/\s+and\s+/i)) {
    const m = /^\s*phenomenonTime\s+(gt|ge|lt|le|eq)\s+'?([^'\s]+)'?\s*$/i.exec(part);
    if (!m) throw new Error(`unsupported $filter: ${part}`);
    const at = Date.parse(m[2] ?? '');
    const op = (m[1] ?? '').toLowerCase();
    tests.push((t) =>
      op === 'gt'
        ? t > at
        : op === 'ge'
          ? t >= at
          : op === 'lt'
            ? t < at
            : op === 'le'
              ? t <= at
              : t === at,
    );
  }
  return (t) => tests.every((f) => f(t));
}

const startOf = (time: string) => Date.parse(time.split('/')[0] ?? time);

export async function startFakeSensorGateway(): Promise<{
  url: string;
  close: () => Promise<void>;
}> {
  const scenarios = new Map<string, Scenario>();
  const logs = new Map<string, Logged[]>();
  const seen = new Map<string, number>();
  let origin = '';

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, body: unknown, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = decodeURIComponent(url.pathname);

    // ---- control ---------------------------------------------------------------------------
    const control = /^\/__fake\/([^/]+)(\/log)?$/.exec(path);
    if (control) {
      const ns = control[1] ?? '';
      if (req.method === 'PUT' && !control[2]) {
        scenarios.set(ns, JSON.parse((await readBody(req)) || '{}') as Scenario);
        logs.set(ns, []);
        for (const k of seen.keys()) if (k.startsWith(`${ns}:`)) seen.delete(k);
        return send(200, { ok: true });
      }
      if (req.method === 'GET' && control[2]) return send(200, { requests: logs.get(ns) ?? [] });
      return send(404, { error: 'unknown control' });
    }

    // ---- the gateways ----------------------------------------------------------------------
    const m = /^\/([^/]+)\/(st\/v1\.1|sj)\/(.*)$/.exec(path);
    const ns = m?.[1] ?? '';
    const scenario = scenarios.get(ns);
    if (!m || !scenario) return send(404, { message: 'no such gateway' });
    logs.get(ns)?.push({
      path: `/${m[2]}/${m[3]}`,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization ?? null,
    });

    for (const [i, rule] of (scenario.rules ?? []).entries()) {
      if (rule.match && !path.includes(rule.match)) continue;
      const key = `${ns}:${i}`;
      const count = (seen.get(key) ?? 0) + 1;
      seen.set(key, count);
      if (rule.after !== undefined && count <= rule.after) continue;
      if (rule.times !== undefined && count - (rule.after ?? 0) > rule.times) continue;
      if (rule.delayMs) await sleep(rule.delayMs);
      if (rule.status) return send(rule.status, { message: 'simulated failure' });
      if (rule.malformed === 'not-json') return send(200, '{"value": [', 'application/json');
      if (rule.malformed === 'no-collection') return send(200, { items: 'nope' });
      if (rule.malformed === 'html')
        return send(200, '<html><body>502 Bad Gateway</body></html>', 'text/html');
    }
    if (scenario.requireAuth && req.headers.authorization !== scenario.requireAuth) {
      return send(401, { message: 'unauthorized' });
    }

    const nextLink = (rest: string, params: URLSearchParams) =>
      `${scenario.foreignNextLink ? 'http://192.0.2.1' : origin}/${ns}/${m[2]}/${rest}?${params}`;
    const rest = m[3] ?? '';
    try {
      if (m[2] === 'st/v1.1') {
        const top = Math.min(Number(url.searchParams.get('$top') ?? 100), scenario.maxTop ?? 1000);
        const skip = Number(url.searchParams.get('$skip') ?? 0);
        let items: unknown[];
        const things = /^Things\((?:'([^']*)'|(\d+))\)\/Datastreams$/.exec(rest);
        const obs = /^Datastreams\((?:'([^']*)'|(\d+))\)\/Observations$/.exec(rest);
        if (things) {
          const list = scenario.things?.[things[1] ?? things[2] ?? ''];
          if (!list) return send(404, { code: 404, type: 'error', message: 'Nothing found.' });
          items = list;
        } else if (obs) {
          const id = obs[1] ?? obs[2] ?? '';
          const all = scenario.observations?.[id];
          if (!all) return send(404, { code: 404, type: 'error', message: 'Nothing found.' });
          const keep = timeFilter(url.searchParams.get('$filter'));
          const desc = /desc/i.test(url.searchParams.get('$orderby') ?? '');
          items = all
            .map((o, i) => ({ '@iot.id': i + 1, ...o, resultTime: o.phenomenonTime }))
            .filter((o) => keep(startOf(o.phenomenonTime)))
            .sort(
              (a, b) => (startOf(a.phenomenonTime) - startOf(b.phenomenonTime)) * (desc ? -1 : 1),
            );
        } else {
          return send(404, { code: 404, type: 'error', message: 'Not a path we serve.' });
        }
        const page = items.slice(skip, skip + top);
        const body: Record<string, unknown> = { value: page };
        if (skip + top < items.length) {
          const params = new URLSearchParams(url.searchParams);
          params.set('$skip', String(skip + top));
          params.set('$top', String(top));
          body['@iot.nextLink'] = nextLink(rest, params);
        }
        return send(200, body);
      }
      const station = /^stations\/([^/]+)\/observations$/.exec(rest);
      const all = station ? scenario.stations?.[station[1] ?? ''] : undefined;
      if (!all) return send(404, { error: 'unknown station' });
      const since = Date.parse(url.searchParams.get('since') ?? '1970-01-01T00:00:00Z');
      const limit = Math.min(Number(url.searchParams.get('limit') ?? 500), scenario.maxTop ?? 1000);
      const cursor = Number(url.searchParams.get('cursor') ?? 0);
      const items = all
        .filter((o) => Date.parse(o.time) > since)
        .sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
      const page = items.slice(cursor, cursor + limit);
      const body: Record<string, unknown> = { station: station?.[1], observations: page };
      if (cursor + limit < items.length) {
        const params = new URLSearchParams(url.searchParams);
        params.set('cursor', String(cursor + limit));
        body.next = nextLink(rest, params);
      }
      return send(200, body);
    } catch (err) {
      return send(400, { message: err instanceof Error ? err.message : String(err) });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
