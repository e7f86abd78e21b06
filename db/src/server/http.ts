// The HTTP face of the server: routing, bearer auth, body limits and JSON responses. Everything
// SQL-related is delegated to the executor; everything stream-related to the registry.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { Executor } from './executor';
import { cursorReqSchema, type PipelineResp, pipelineReqSchema } from './protocol';
import type { Stream, StreamRegistry } from './streams';
import { ValueEncoder } from './values';

export interface HttpHandlerOptions {
  authToken: string | undefined;
  maxBodyBytes: number;
  registry: StreamRegistry;
  executor: Executor;
  isClosing: () => boolean;
  onInternalError: (e: unknown) => void;
}

export interface HttpHandler {
  (req: IncomingMessage, res: ServerResponse): void;
  /** Pipeline and cursor requests received (after auth), i.e. database round trips. */
  readonly pipelines: number;
  /** Requests currently being handled. */
  readonly inFlight: number;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

// The client only parses an error body as a Hrana error when the content type is exactly this.
const JSON_TYPE = 'application/json';

function send(res: ServerResponse, status: number, type: string, body: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

function sendError(res: ServerResponse, e: HttpError): void {
  if (e.status === 401) res.setHeader('www-authenticate', 'Bearer');
  if (e.status === 413) res.setHeader('connection', 'close');
  send(res, e.status, JSON_TYPE, JSON.stringify({ message: e.message, code: e.code }));
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.reject(
      new HttpError(413, `Request body exceeds ${limit} bytes`, 'BODY_TOO_LARGE'),
    );
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new HttpError(413, `Request body exceeds ${limit} bytes`, 'BODY_TOO_LARGE'));
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}

/** A well-formed JSON body that is not a valid request; it may still name a stream to end. */
class InvalidBody extends HttpError {
  constructor(
    message: string,
    readonly json: unknown,
  ) {
    super(400, message, 'INVALID_REQUEST');
  }
}

async function readJson<T>(req: IncomingMessage, limit: number, schema: z.ZodType<T>): Promise<T> {
  const raw = await readBody(req, limit);
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpError(400, 'Request body is not valid JSON', 'INVALID_JSON');
  }
  let parsed: ReturnType<typeof schema.safeParse>;
  try {
    parsed = schema.safeParse(json);
  } catch {
    // Absurdly deep nesting (batch conditions) can exhaust the stack while validating.
    throw new HttpError(400, 'Request body is nested too deeply', 'INVALID_REQUEST');
  }
  if (!parsed.success) {
    const detail = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
      .join('; ');
    throw new InvalidBody(`Invalid request: ${detail}`, json);
  }
  return parsed.data;
}

export function createHttpHandler(opts: HttpHandlerOptions): HttpHandler {
  const { registry, executor } = opts;
  const expectedAuth =
    opts.authToken === undefined ? undefined : digest(`Bearer ${opts.authToken}`);
  let pipelines = 0;
  let inFlight = 0;

  const authorized = (req: IncomingMessage): boolean => {
    if (expectedAuth === undefined) return true;
    const given = req.headers.authorization;
    // Comparing fixed-size digests keeps the comparison constant-time whatever the lengths.
    return given !== undefined && timingSafeEqual(digest(given), expectedAuth);
  };

  // The spec makes a stream invalid after an HTTP error; end it now rather than at its timeout,
  // since it may be holding the write lock.
  const endStreamNamedIn = (json: unknown) => {
    const baton = (json as { baton?: unknown } | null)?.baton;
    if (typeof baton !== 'string') return;
    const stream = registry.take(baton);
    if (stream !== undefined) registry.release(stream, false);
  };

  const openStream = (baton: string | null | undefined): Stream => {
    if (baton != null) {
      const stream = registry.take(baton);
      if (stream === undefined) {
        throw new HttpError(400, 'The stream has expired or does not exist', 'STREAM_EXPIRED');
      }
      return stream;
    }
    if (registry.full) {
      throw new HttpError(503, 'Too many open streams', 'STREAMS_EXHAUSTED');
    }
    return registry.create();
  };

  /**
   * Keeps the stream for the next request, or releases it if the client closed it. A client that
   * hung up will never learn the new baton, so its stream (and any lock) is released right away.
   */
  const finishStream = (stream: Stream, res: ServerResponse): string | null => {
    if (stream.closed || opts.isClosing() || res.destroyed) {
      registry.release(stream, true);
      return null;
    }
    return registry.park(stream);
  };

  const pipeline = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readJson(req, opts.maxBodyBytes, pipelineReqSchema);
    const stream = openStream(body.baton);
    const enc = new ValueEncoder();
    let resp: PipelineResp;
    try {
      const results = await executor.runPipeline(stream, body.requests, enc);
      resp = { baton: finishStream(stream, res), base_url: null, results };
    } catch (e) {
      registry.release(stream, false);
      throw e;
    }
    send(res, 200, JSON_TYPE, enc.stringify(resp));
  };

  const cursor = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readJson(req, opts.maxBodyBytes, cursorReqSchema);
    const stream = openStream(body.baton);
    const enc = new ValueEncoder();
    let lines: string[];
    try {
      const entries = await executor.cursor(stream, body.batch, enc);
      const head = { baton: finishStream(stream, res), base_url: null };
      lines = [enc.stringify(head), ...entries.map((e) => enc.stringify(e))];
    } catch (e) {
      registry.release(stream, false);
      throw e;
    }
    send(res, 200, 'application/x-ndjson', `${lines.join('\n')}\n`);
  };

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]?.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';

    if (path === '/health') {
      if (method !== 'GET' && method !== 'HEAD')
        throw new HttpError(405, 'Use GET', 'METHOD_NOT_ALLOWED');
      const health = { ok: !opts.isClosing(), pipelines, streams: registry.size };
      send(res, opts.isClosing() ? 503 : 200, JSON_TYPE, JSON.stringify(health));
      return;
    }
    if (!authorized(req))
      throw new HttpError(401, 'Missing or invalid bearer token', 'UNAUTHORIZED');
    if (opts.isClosing()) throw new HttpError(503, 'The server is shutting down', 'SHUTTING_DOWN');

    const endpoint = ENDPOINTS.get(path);
    if (endpoint === undefined) throw new HttpError(404, `No endpoint at ${path}`, 'NOT_FOUND');
    if (method !== endpoint) {
      res.setHeader('allow', endpoint);
      throw new HttpError(405, `Use ${endpoint} for ${path}`, 'METHOD_NOT_ALLOWED');
    }
    switch (path) {
      case '/v2/pipeline':
      case '/v3/pipeline':
        pipelines++;
        await pipeline(req, res);
        return;
      case '/v3/cursor':
        pipelines++;
        await cursor(req, res);
        return;
      default:
        // GET /, /v2 and /v3: the version probes only look at the status.
        send(
          res,
          200,
          'text/plain; charset=utf-8',
          'libSQL local server (Hrana 2 and 3 over HTTP, JSON)\n',
        );
    }
  };

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    inFlight++;
    res.once('close', () => {
      inFlight--;
    });
    route(req, res).catch((e: unknown) => {
      if (e instanceof InvalidBody) endStreamNamedIn(e.json);
      if (e instanceof HttpError) {
        sendError(res, e);
        return;
      }
      opts.onInternalError(e);
      sendError(res, new HttpError(500, 'Internal server error', 'INTERNAL_ERROR'));
    });
  };

  return Object.defineProperties(handler, {
    pipelines: { get: () => pipelines },
    inFlight: { get: () => inFlight },
  }) as HttpHandler;
}

// v3-protobuf is deliberately absent: its probe then fails and clients fall back to JSON.
const ENDPOINTS = new Map<string, 'GET' | 'POST'>([
  ['/', 'GET'],
  ['/v2', 'GET'],
  ['/v3', 'GET'],
  ['/v2/pipeline', 'POST'],
  ['/v3/pipeline', 'POST'],
  ['/v3/cursor', 'POST'],
]);
