import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createClient, type InStatement } from '@libsql/client';
import WebSocket from 'ws';
import { startStack } from '../scripts/stack';

// Scenario `chat` of `npm run bench` (also `node --import tsx bench/chat.ts` alone): 50
// officials in one group room, each with a WebSocket to the room's Durable Object, on the
// real stack (libSQL server + wrangler dev / workerd) on loopback ports of its own
// (18280, 18987), with a random CHAT_MASTER_KEYS and SESSION_SECRET.
//
// 1. Throughput: every client sends at a steady rate (staggered over the period) for the
//    measured seconds; every message goes to the 49 others (and back to its sender). Rates
//    rise level by level until one is not sustained. Each message carries its send time; a
//    receiver's latency is receive time − send time (one Node process, one clock; frames are
//    parsed on Node's one thread, so the figures include this process's own event-loop delay).
//    Like the apps, each client reports `read` up to the newest message once a second, and
//    the room tells everyone (receipts are part of the load).
//    A level is sustained when every message reaches all 49 others within 2 s of the end of
//    sending and the p99 delivery latency stays under 1 s.
// 2. Reconnect storm: all 50 sockets closed at once; 100 messages posted over REST while
//    they are down; then all 50 reconnect at once (new ticket, socket, `ready`, `sync` from
//    their last seq) — the time until every client is back and has every missed message.

const MEMBERS = Number(process.env.BENCH_CHAT_CLIENTS ?? 50);
const LEVELS = (process.env.BENCH_CHAT_RATES ?? '0.5,1,2,3,4,6,8,12,16')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const RECEIPTS = process.env.BENCH_CHAT_RECEIPTS !== '0';
const MISSED = 100;
const DRAIN_MS = 2000;
const P99_LIMIT_MS = 1000;
const DAY = 86_400_000;

interface Member {
  id: string;
  token: string;
}

const headersOf = (m: Member) => ({ Authorization: `Bearer ${m.token}` });

/** 50 officials and their app sessions, written straight into libSQL (no password: no login). */
async function seedMembers(dbUrl: string, count: number): Promise<Member[]> {
  const client = createClient({ url: dbUrl });
  const now = new Date();
  const members: Member[] = [];
  const statements: InStatement[] = [];
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    const token = `ofs_${randomBytes(32).toString('base64url')}`;
    members.push({ id, token });
    statements.push(
      {
        sql: `insert into officials (id, email, full_name, agency_id, status, created_at, updated_at)
              values (?, ?, ?, 'so_noi_vu', 'active', ?, ?)`,
        args: [
          id,
          `chat-bench-${i}-${id.slice(0, 6)}@bench.gov.vn`,
          `Cán bộ thử tải ${i + 1}`,
          now.toISOString(),
          now.toISOString(),
        ],
      },
      {
        sql: "insert into official_roles (official_id, role) values (?, 'agency_handler')",
        args: [id],
      },
      {
        sql: `insert into official_sessions (id, token_hash, official_id, kind, expires_at, created_at)
              values (?, ?, ?, 'app', ?, ?)`,
        args: [
          randomUUID(),
          createHash('sha256').update(token).digest('hex'),
          id,
          new Date(now.getTime() + DAY).toISOString(),
          now.toISOString(),
        ],
      },
    );
  }
  try {
    await client.batch(statements, 'write');
  } finally {
    client.close();
  }
  return members;
}

async function api<T>(apiUrl: string, m: Member, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${apiUrl}/api/v1/chat${path}`, {
    method: 'POST',
    headers: {
      ...headersOf(m),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

interface Frame {
  type: string;
  message?: { seq: number; senderId: string; text: string | null };
  hasMore?: boolean;
  lastSeq?: number;
}

/** One member's connection: counts what it receives, measures delivery latency. */
class Client {
  ws: WebSocket | null = null;
  lastSeq = 0;
  readSent = 0;
  received = 0;
  echoes = 0;
  errors = 0;
  latencies: number[] = [];
  private onFrame: ((f: Frame) => void) | null = null;

  constructor(
    readonly member: Member,
    readonly index: number,
  ) {}

  /** Ticket, socket, `ready`; resolves with the milliseconds it took. */
  async connect(apiUrl: string, roomId: string): Promise<void> {
    const { url } = await api<{ url: string }>(apiUrl, this.member, `/rooms/${roomId}/ticket`);
    const ws = new WebSocket(apiUrl.replace(/^http/, 'ws') + url);
    this.ws = ws;
    await new Promise<void>((resolve, reject) => {
      const fail = (err: unknown) => reject(err instanceof Error ? err : new Error(String(err)));
      ws.once('error', fail);
      ws.once('unexpected-response', (_req, res) => fail(new Error(`upgrade ${res.statusCode}`)));
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as Frame;
        this.handle(frame);
        if (frame.type === 'ready') {
          ws.off('error', fail);
          resolve();
        }
      });
    });
  }

  private handle(frame: Frame) {
    if (frame.type === 'message' && frame.message) {
      const m = frame.message;
      if (m.seq > this.lastSeq) this.lastSeq = m.seq;
      if (m.senderId === this.member.id) {
        this.echoes += 1;
      } else {
        this.received += 1;
        const sentAt = Number(/^b\|\d+\|\d+\|([\d.]+)$/.exec(m.text ?? '')?.[1]);
        if (Number.isFinite(sentAt)) this.latencies.push(performance.now() - sentAt);
      }
    } else if (frame.type === 'error') {
      this.errors += 1;
    }
    this.onFrame?.(frame);
  }

  send(n: number) {
    this.ws?.send(
      JSON.stringify({
        type: 'send',
        clientId: `b-${this.index}-${n}-${randomUUID().slice(0, 8)}`,
        kind: 'text',
        text: `b|${this.index}|${n}|${performance.now().toFixed(3)}`,
      }),
    );
  }

  sendRead() {
    if (this.lastSeq > this.readSent) {
      this.readSent = this.lastSeq;
      this.ws?.send(JSON.stringify({ type: 'read', upTo: this.lastSeq }));
    }
  }

  /** `sync` from the last seq seen until the room says nothing more is missing. */
  async catchUp(): Promise<void> {
    for (;;) {
      const synced = new Promise<boolean>((resolve) => {
        this.onFrame = (f) => {
          if (f.type === 'synced') resolve(Boolean(f.hasMore));
        };
      });
      this.ws?.send(JSON.stringify({ type: 'sync', after: this.lastSeq }));
      const hasMore = await synced;
      this.onFrame = null;
      if (!hasMore) return;
    }
  }

  close(): Promise<void> {
    const ws = this.ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      ws.once('close', () => resolve());
      ws.close(1000, 'bench');
    });
  }
}

const pct = (sorted: number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface LevelRow {
  rate: number;
  sent: number;
  msgsPerSec: number;
  deliveriesPerSec: number;
  delivered: number;
  expected: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  /** CPU of this process (the 50 clients) over the level's wall time: 1 = one core busy. */
  clientCpu: number;
  sustained: boolean;
}

async function runLevel(clients: Client[], rate: number, seconds: number): Promise<LevelRow> {
  for (const c of clients) {
    c.received = 0;
    c.echoes = 0;
    c.errors = 0;
    c.latencies = [];
  }
  const cpu0 = process.cpuUsage();
  const period = 1000 / rate;
  const perClient = Math.max(1, Math.round(seconds * rate));
  const start = performance.now();
  const timers: NodeJS.Timeout[] = [];
  let sent = 0;
  const done = clients.map(
    (c, i) =>
      new Promise<void>((resolve) => {
        let n = 0;
        // Staggered: the clients' sends spread evenly over the period, not in bursts.
        const first = setTimeout(
          () => {
            const tick = () => {
              c.send(n++);
              sent++;
              if (n >= perClient) {
                resolve();
                return;
              }
              timers.push(
                setTimeout(tick, start + (n + i / clients.length) * period - performance.now()),
              );
            };
            tick();
          },
          (i / clients.length) * period,
        );
        timers.push(first);
      }),
  );
  // Each client on its own one-second clock, spread over the second like real phones.
  const readTimers: NodeJS.Timeout[] = [];
  if (RECEIPTS) {
    clients.forEach((c, i) => {
      timers.push(
        setTimeout(
          () => readTimers.push(setInterval(() => c.sendRead(), 1000)),
          (i / clients.length) * 1000,
        ),
      );
    });
  }
  await Promise.all(done);
  const sendingMs = performance.now() - start;
  const expected = sent * (clients.length - 1);
  const deadline = performance.now() + DRAIN_MS;
  const delivered = () => clients.reduce((s, c) => s + c.received, 0);
  while (delivered() < expected && performance.now() < deadline) await sleep(20);
  for (const t of readTimers) clearInterval(t);
  for (const t of timers) clearTimeout(t);
  const cpu = process.cpuUsage(cpu0);
  const wallMs = performance.now() - start;
  const all = clients.flatMap((c) => c.latencies).sort((a, b) => a - b);
  const got = delivered();
  const p99 = pct(all, 0.99);
  return {
    rate,
    sent,
    msgsPerSec: sent / (sendingMs / 1000),
    deliveriesPerSec: got / (sendingMs / 1000),
    delivered: got,
    expected,
    p50: pct(all, 0.5),
    p99,
    max: all.at(-1) ?? Number.NaN,
    errors: clients.reduce((s, c) => s + c.errors, 0),
    clientCpu: (cpu.user + cpu.system) / 1000 / wallMs,
    sustained: got === expected && p99 < P99_LIMIT_MS,
  };
}

export interface ChatBenchResult {
  levels: LevelRow[];
  sustainedMsgsPerSec: number;
  storm: { totalMs: number; p50: number; p99: number; missed: number; closeMs: number };
}

export async function benchChat(o: { seconds: number }): Promise<ChatBenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-chat-'));
  const masterKey = `bench:${randomBytes(32).toString('base64')}`;
  const stack = await startStack({
    dataDir,
    dbPort: 18280,
    apiPort: 18987,
    inheritOutput: false,
    // The tickets are signed with a key derived from SESSION_SECRET.
    extraVars: {
      CHAT_MASTER_KEYS: masterKey,
      SESSION_SECRET: randomBytes(32).toString('base64url'),
    },
  });
  const clients: Client[] = [];
  try {
    const members = await seedMembers(stack.dbUrl, MEMBERS);
    const [owner] = members;
    if (!owner) throw new Error('no members');
    const { room } = await api<{ room: { id: string; members: unknown[] } }>(
      stack.apiUrl,
      owner,
      '/rooms',
      {
        kind: 'group',
        title: 'Phòng thử tải',
        memberIds: members.slice(1).map((m) => m.id),
      },
    );
    const load = loadavg()
      .map((n) => n.toFixed(1))
      .join(' ');
    console.log(
      `\nChat (load average ${load} on ${availableParallelism()} CPUs): ${room.members.length} officials in one group room, one WebSocket each (wrangler dev, loopback); ${o.seconds} s per rate; receipts ${RECEIPTS ? 'on (read, once a second per client)' : 'off'}`,
    );
    for (const [i, m] of members.entries()) clients.push(new Client(m, i));
    const c0 = performance.now();
    await Promise.all(clients.map((c) => c.connect(stack.apiUrl, room.id)));
    console.log(
      `  ${clients.length} clients connected (ticket + upgrade + ready) in ${(performance.now() - c0).toFixed(0)} ms`,
    );
    // Warm-up: the room's key, SQLite pages, the isolate.
    await runLevel(clients, 0.5, 2);

    console.log(
      [
        '  msgs/s/client'.padEnd(16),
        'sent'.padStart(6),
        'msgs/s'.padStart(8),
        'deliveries/s'.padStart(13),
        'delivered'.padStart(16),
        'p50 ms'.padStart(8),
        'p99 ms'.padStart(8),
        'max ms'.padStart(8),
        'errors'.padStart(7),
        'bench CPU'.padStart(10),
        '  sustained',
      ].join(' '),
    );
    const levels: LevelRow[] = [];
    for (const rate of LEVELS) {
      const row = await runLevel(clients, rate, o.seconds);
      levels.push(row);
      console.log(
        [
          `  ${rate}`.padEnd(16),
          String(row.sent).padStart(6),
          row.msgsPerSec.toFixed(0).padStart(8),
          row.deliveriesPerSec.toFixed(0).padStart(13),
          `${row.delivered}/${row.expected}`.padStart(16),
          row.p50.toFixed(1).padStart(8),
          row.p99.toFixed(1).padStart(8),
          row.max.toFixed(0).padStart(8),
          String(row.errors).padStart(7),
          `${(row.clientCpu * 100).toFixed(0)} %`.padStart(10),
          `  ${row.sustained ? 'yes' : 'no'}`,
        ].join(' '),
      );
      if (!row.sustained) break;
      // Let the room settle (notifications, last_message_at) before the next level.
      await sleep(1000);
    }
    const best = levels.filter((l) => l.sustained).at(-1);
    const sustainedMsgsPerSec = best?.msgsPerSec ?? 0;

    // ---- reconnect storm --------------------------------------------------------------
    // A level that was not sustained leaves frames in flight: wait until nothing arrives for
    // a second, so the storm starts from a quiet room.
    for (let quiet = 0, last = -1, waited = 0; quiet < 5 && waited < 150; waited++) {
      const now = clients.reduce((sum, c) => sum + c.received + c.echoes, 0);
      quiet = now === last ? quiet + 1 : 0;
      last = now;
      await sleep(200);
    }
    const closeStart = performance.now();
    await Promise.all(clients.map((c) => c.close()));
    const closeMs = performance.now() - closeStart;
    for (let i = 0; i < MISSED; i++) {
      await api(stack.apiUrl, owner, `/rooms/${room.id}/messages`, {
        clientId: `missed-${i}-${randomUUID().slice(0, 8)}`,
        kind: 'text',
        text: `Tin nhắn lỡ ${i + 1}`,
      });
    }
    const target = Math.max(...clients.map((c) => c.lastSeq)) + MISSED;
    const t0 = performance.now();
    const times = await Promise.all(
      clients.map(async (c) => {
        await c.connect(stack.apiUrl, room.id);
        await c.catchUp();
        if (c.lastSeq < target) {
          throw new Error(`client ${c.index} caught up to ${c.lastSeq}, expected ${target}`);
        }
        return performance.now() - t0;
      }),
    );
    times.sort((a, b) => a - b);
    const storm = {
      totalMs: times.at(-1) ?? Number.NaN,
      p50: pct(times, 0.5),
      p99: pct(times, 0.99),
      missed: MISSED,
      closeMs,
    };
    console.log(
      `  reconnect storm: ${clients.length} sockets closed at once (${closeMs.toFixed(0)} ms), ${MISSED} messages posted meanwhile; ` +
        `all ${clients.length} reconnected (ticket, upgrade, ready, sync) and caught up in ${storm.totalMs.toFixed(0)} ms ` +
        `(per client p50 ${storm.p50.toFixed(0)} ms, p99 ${storm.p99.toFixed(0)} ms)`,
    );
    console.log(
      `  sustained: ${sustainedMsgsPerSec.toFixed(0)} messages/s into the room (${(sustainedMsgsPerSec * (clients.length - 1)).toFixed(0)} deliveries/s), p99 delivery ${best ? best.p99.toFixed(1) : '–'} ms`,
    );
    return { levels, sustainedMsgsPerSec, storm };
  } finally {
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// Alone: `node --import tsx bench/chat.ts`.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await benchChat({ seconds: Number(process.env.BENCH_SECONDS ?? 5) });
}
