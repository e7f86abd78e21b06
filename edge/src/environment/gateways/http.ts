// HTTP calls to sensor gateways: one timeout per call, a cap on the answer's size, a budget of
// calls per cron tick and a bound on how many run at once, and errors that say what went wrong
// in words an administrator can act on (they land in sensor_gateways.last_error).

/**
 * `gateway`: the gateway as a whole is unusable right now (unreachable, timing out, HTTP 5xx,
 * refusing our credential): the tick stops polling it and it backs off. `station`: only this
 * station's request failed (an unknown Thing, a malformed answer): the others are still polled.
 */
export type GatewayErrorScope = 'gateway' | 'station';

export class GatewayError extends Error {
  constructor(
    readonly scope: GatewayErrorScope,
    message: string,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

/** The tick ran out of calls (or time): what was fetched is kept, the rest waits for the next tick. */
export class BudgetExhausted extends Error {
  constructor() {
    super('poll budget exhausted');
    this.name = 'BudgetExhausted';
  }
}

/** Calls allowed to one tick, shared by every gateway it polls. */
export class RequestBudget {
  used = 0;
  constructor(
    private readonly maxRequests: number,
    private readonly deadline: number,
  ) {}
  take(): void {
    if (this.used >= this.maxRequests || Date.now() >= this.deadline) throw new BudgetExhausted();
    this.used++;
  }
  get exhausted(): boolean {
    return this.used >= this.maxRequests || Date.now() >= this.deadline;
  }
}

/** At most `n` calls at once. A Worker has 6 simultaneous outgoing connections; a call queued
 * behind them would burn its own timeout waiting, so we queue here instead, before the clock starts. */
export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly n: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.n) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

export interface GatewayClient {
  /** The service root without a trailing slash. */
  baseUrl: string;
  /** The `Authorization` header value (the secret's content), or null. */
  authorization: string | null;
  timeoutMs: number;
  fetch: typeof fetch;
  budget: RequestBudget;
  limiter: Limiter;
}

/** Largest answer read from a gateway. A page of 1,000 observations is about 100 KB. */
export const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

/** What to call the URL in an error message: its path, never its query (long) or credentials. */
function describe(url: URL): string {
  return decodeURIComponent(url.pathname);
}

/**
 * A URL the gateway gave us (a next link) must stay on the gateway's origin: anything else
 * would let a gateway make the Worker call arbitrary hosts.
 */
export function sameOrigin(client: GatewayClient, link: string, base: URL): URL {
  let url: URL;
  try {
    url = new URL(link, base);
  } catch {
    throw new GatewayError('station', `Liên kết trang sau không hợp lệ: ${link.slice(0, 120)}`);
  }
  if (url.origin !== new URL(client.baseUrl).origin) {
    throw new GatewayError('station', `Liên kết trang sau trỏ ra ngoài cổng: ${url.origin}`);
  }
  return url;
}

async function readCapped(res: Response, url: URL): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > MAX_ANSWER_BYTES) {
    await res.body?.cancel();
    throw new GatewayError(
      'station',
      `Dữ liệu trả về quá lớn (${declared} byte): ${describe(url)}`,
    );
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_ANSWER_BYTES) {
      await reader.cancel();
      throw new GatewayError(
        'station',
        `Dữ liệu trả về quá lớn (> ${MAX_ANSWER_BYTES} byte): ${describe(url)}`,
      );
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(all);
}

/**
 * GET `url` and parse its JSON, within the client's timeout (headers and body alike). Every
 * failure is a GatewayError scoped to the gateway (it cannot answer now) or to the station
 * (this request is wrong or its answer unusable).
 */
export async function getJson(client: GatewayClient, url: URL): Promise<unknown> {
  client.budget.take();
  return client.limiter.run(async () => {
    const what = describe(url);
    let text: string;
    try {
      const res = await client.fetch(url, {
        method: 'GET',
        headers: {
          accept: 'application/json',
          ...(client.authorization ? { authorization: client.authorization } : {}),
        },
        signal: AbortSignal.timeout(client.timeoutMs),
      });
      if (!res.ok) {
        await res.body?.cancel();
        // 401/403: our credential is refused for every station; 408/429/5xx: the gateway is
        // down or overloaded. Both are the gateway's state, worth backing off from.
        const gateway = res.status >= 500 || [401, 403, 408, 429].includes(res.status);
        throw new GatewayError(
          gateway ? 'gateway' : 'station',
          res.status === 401 || res.status === 403
            ? `Cổng từ chối xác thực (HTTP ${res.status}): ${what}`
            : `Cổng trả lỗi HTTP ${res.status}: ${what}`,
        );
      }
      text = await readCapped(res, url);
    } catch (err) {
      if (err instanceof GatewayError) throw err;
      if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
        throw new GatewayError(
          'gateway',
          `Cổng không trả lời trong ${client.timeoutMs} ms: ${what}`,
        );
      }
      const reason = err instanceof Error ? err.message.slice(0, 200) : String(err);
      throw new GatewayError('gateway', `Không kết nối được tới cổng (${reason}): ${what}`);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new GatewayError('station', `Dữ liệu trả về không phải JSON: ${what}`);
    }
  });
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Unix seconds of an ISO 8601 instant, or of the start of an interval ("a/b"); NaN if neither. */
export function parseTime(value: unknown): number {
  if (typeof value !== 'string') return Number.NaN;
  const start = value.includes('/') ? value.slice(0, value.indexOf('/')) : value;
  // Date.parse accepts many shapes; insist on a date-time with an explicit zone so that a
  // local-time string from a misconfigured logger is not silently read as UTC.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(start)) {
    return Number.NaN;
  }
  const ms = Date.parse(start);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : Number.NaN;
}

/** ISO 8601 UTC of Unix seconds, as sent to gateways and stored as watermarks. */
export const isoOf = (seconds: number) => new Date(seconds * 1000).toISOString();
