import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../../platform/db';
import type { Env } from '../../platform/env';
import { createLogger, describeError, type Logger } from '../../platform/logger';
import { evaluateAlerts, type Threshold } from '../alerts/hysteresis';
import { alertStatements } from '../alerts/statements';
import {
  ADAPTERS,
  GatewayError,
  gatewayClient,
  Limiter,
  RequestBudget,
  type StationFetch,
  type StationTarget,
} from '../gateways';
import type { GatewayClient } from '../gateways/http';
import { isoOf } from '../gateways/http';
import type { RemoteStream, SkippedStream } from '../gateways/types';
import { isMetricId, METRICS, type MetricId } from '../metrics';
import { cleanSeries, type Reading, type StreamState } from './clean';
import {
  type ClaimedGateway,
  claimGateways,
  insertReadingStatements,
  type PollState,
  readPollState,
  type StationRow,
  type StreamRow,
  streamUpdateStatement,
  upsertStreams,
  writeHealth,
} from './repo';
import { rollupStatements } from './rollups';

// One poll tick: every gateway due is claimed, its stations' new observations fetched (only
// newer than each stream's watermark), cleaned, stored with their rollups and alerts in one
// batch per station, and the gateway's health written. Gateways run side by side and settle
// independently: one that is down, slow or answering garbage is recorded and backed off,
// never stopping the others. A tick is bounded in calls and time; what it could not reach
// waits for the next one, and watermarks make that lossless.

/** A stream seen for the first time starts this far back (the 24 h chart is full at once). */
export const INITIAL_BACKFILL_HOURS = 24;
/** Gateway calls per tick, all gateways together: well inside a Worker's 10,000 subrequests,
 * leaving room for the database's. */
export const MAX_REQUESTS_PER_TICK = 3000;
/** No new station is started after this long: the next tick is due at 5 minutes. */
export const TICK_BUDGET_MS = 4 * 60_000;
/** Gateway calls in flight at once, all gateways together (a Worker opens 6 connections; the
 * database needs one too). */
export const HTTP_CONCURRENCY = 5;
/** Stations of one gateway polled at once: small vendors' servers do not like floods. */
export const STATIONS_PER_GATEWAY = 4;
/** A claimed gateway is not claimed again for this long, unless its poll ends sooner. */
export const LEASE_MINUTES = 15;
/** Longest wait between two attempts at a failing gateway. */
export const MAX_BACKOFF_MINUTES = 60;
/** Station errors in a row, none succeeding, after which the gateway is taken as broken. */
const STATION_ERRORS_TO_ABORT = 3;

export interface PollOptions {
  /** The poll's clock; default now. */
  now?: Date;
  /** The cron tick's nominal time: next polls are aligned on it so that a 5-minute gateway
   * is due on every 5-minute tick even when ticks start a few seconds late. */
  tickAt?: Date;
  /** Only these gateways. */
  gatewayIds?: readonly string[];
  /** Poll even when not due ("poll now", tests). */
  force?: boolean;
  /** List every station's streams at the gateway (default: once an hour, and for stations without streams). */
  discover?: boolean;
  fetch?: typeof fetch;
  maxRequests?: number;
  budgetMs?: number;
  log?: Logger;
}

export interface PollTickResult {
  gateways: number;
  /** Gateways whose poll failed (backing off). */
  failed: number;
  stations: number;
  stationErrors: number;
  /** Stations left for the next tick (budget). */
  deferred: number;
  requests: number;
  /** Observations received from gateways (before cleaning). */
  observations: number;
  /** New readings stored (a re-polled reading is not counted). */
  stored: number;
  dropped: number;
  spikes: number;
  streamsAdded: number;
  skippedStreams: number;
  alertsRaised: number;
  durationMs: number;
}

type Counters = Omit<PollTickResult, 'gateways' | 'failed' | 'requests' | 'durationMs'>;

export const retentionDays = (env: Pick<Env, 'READINGS_RETENTION_DAYS'>): number => {
  const n = Number(env.READINGS_RETENTION_DAYS);
  return Number.isSafeInteger(n) && n >= 2 ? n : 35;
};

export function backoffMinutes(intervalMinutes: number, failures: number): number {
  return Math.min(
    MAX_BACKOFF_MINUTES,
    Math.max(intervalMinutes, intervalMinutes * 2 ** Math.min(failures, 10)),
  );
}

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

/**
 * Runs one poll tick for every gateway due (or those of `opts.gatewayIds`) and answers what
 * it did. Used by the cron job, "poll now" and the bench. Runs in a Worker or in Node: the
 * database is the one given, the gateways' credentials are read from `env` by secret name.
 */
export async function runPollTick(
  db: Db,
  env: Partial<Env>,
  opts: PollOptions = {},
): Promise<PollTickResult> {
  const started = Date.now();
  const now = opts.now ?? new Date();
  const nowIso = now.toISOString();
  const log = opts.log ?? createLogger(env.LOG_LEVEL, { job: 'environment-poll' });
  const leaseUntil = new Date(now.getTime() + LEASE_MINUTES * 60_000).toISOString();
  const claimed = await claimGateways(db, nowIso, leaseUntil, {
    ...(opts.gatewayIds ? { ids: opts.gatewayIds } : {}),
    ...(opts.force ? { force: true } : {}),
  });
  const budget = new RequestBudget(
    opts.maxRequests ?? MAX_REQUESTS_PER_TICK,
    started + (opts.budgetMs ?? TICK_BUDGET_MS),
  );
  const totals: PollTickResult = {
    gateways: claimed.length,
    failed: 0,
    stations: 0,
    stationErrors: 0,
    deferred: 0,
    requests: 0,
    observations: 0,
    stored: 0,
    dropped: 0,
    spikes: 0,
    streamsAdded: 0,
    skippedStreams: 0,
    alertsRaised: 0,
    durationMs: 0,
  };
  if (claimed.length === 0) {
    totals.durationMs = Date.now() - started;
    return totals;
  }
  const state = await readPollState(
    db,
    claimed.map((g) => g.id),
  );
  const ctx: TickContext = {
    db,
    secrets: env as unknown as Readonly<Record<string, unknown>>,
    now,
    nowIso,
    tickAt: opts.tickAt ?? null,
    retention: retentionDays(env),
    discover: opts.discover ?? now.getUTCMinutes() < 5,
    budget,
    limiter: new Limiter(HTTP_CONCURRENCY),
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    log,
    state,
  };
  const settled = await Promise.allSettled(claimed.map((g) => pollGateway(ctx, g)));
  for (const [i, s] of settled.entries()) {
    if (s.status === 'fulfilled') {
      if (s.value.failed) totals.failed++;
      for (const k of Object.keys(s.value.counters) as (keyof Counters)[]) {
        totals[k] += s.value.counters[k];
      }
    } else {
      // Only the database can get here (adapters never throw): the lease makes it retry later.
      totals.failed++;
      log.error('environment_gateway_crashed', {
        gateway: claimed[i]?.id,
        error: describeError(s.reason),
      });
    }
  }
  totals.requests = budget.used;
  totals.durationMs = Date.now() - started;
  return totals;
}

interface TickContext {
  db: Db;
  secrets: Readonly<Record<string, unknown>>;
  now: Date;
  nowIso: string;
  tickAt: Date | null;
  retention: number;
  discover: boolean;
  budget: RequestBudget;
  limiter: Limiter;
  fetch?: typeof fetch;
  log: Logger;
  state: PollState;
}

async function mapLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

const emptyCounters = (): Counters => ({
  stations: 0,
  stationErrors: 0,
  deferred: 0,
  observations: 0,
  stored: 0,
  dropped: 0,
  spikes: 0,
  streamsAdded: 0,
  skippedStreams: 0,
  alertsRaised: 0,
});

const REASONS: Record<SkippedStream['reason'], string> = {
  unknown_metric: 'chỉ số không hỗ trợ',
  unknown_unit: 'đơn vị không chuyển đổi được',
  duplicate_metric: 'trùng chỉ số với luồng khác',
};

function skippedWarning(skipped: { station: string; s: SkippedStream }[]): string | null {
  if (skipped.length === 0) return null;
  const shown = skipped
    .slice(0, 5)
    .map(
      ({ station, s }) =>
        `${station}: "${s.name}"${s.unit ? ` (${s.unit})` : ''} – ${REASONS[s.reason]}`,
    );
  const more = skipped.length > 5 ? `; và ${skipped.length - 5} luồng khác` : '';
  return `Bỏ qua ${skipped.length} luồng dữ liệu: ${shown.join('; ')}${more}.`;
}

async function pollGateway(
  ctx: TickContext,
  gateway: ClaimedGateway,
): Promise<{ failed: boolean; counters: Counters }> {
  const counters = emptyCounters();
  const stationsOf = ctx.state.stations.filter((s) => s.gatewayId === gateway.id);
  const streamsByStation = new Map<string, StreamRow[]>();
  for (const s of ctx.state.streams) {
    const list = streamsByStation.get(s.stationId);
    if (list) list.push(s);
    else streamsByStation.set(s.stationId, [s]);
  }
  const nowS = seconds(ctx.now);
  // Raw readings older than this are not taken: their hours may already be partly deleted.
  const floor = nowS - (ctx.retention - 1) * 86_400;
  const defaultSince = Math.max(floor, nowS - INITIAL_BACKFILL_HOURS * 3600);
  const sinceOf = (s: StreamRow) =>
    s.watermark ? Math.max(floor, Math.floor(Date.parse(s.watermark) / 1000)) : defaultSince;

  let gatewayError: GatewayError | null = null;
  const stationErrors: string[] = [];
  const skipped: { station: string; s: SkippedStream }[] = [];
  let succeeded = 0;

  let client: GatewayClient | null = null;
  try {
    client = gatewayClient(gateway, ctx.secrets, {
      budget: ctx.budget,
      limiter: ctx.limiter,
      ...(ctx.fetch ? { fetch: ctx.fetch } : {}),
    });
  } catch (err) {
    gatewayError = err instanceof GatewayError ? err : new GatewayError('gateway', String(err));
  }

  // The stations furthest behind first: a tick cut short by its budget resumes with the rest.
  const ordered = stationsOf
    .map((station) => {
      const streams = (streamsByStation.get(station.id) ?? []).filter((s) => isMetricId(s.metric));
      const since = streams.length === 0 ? 0 : Math.min(...streams.map(sinceOf));
      return { station, streams, since };
    })
    .sort((a, b) => a.since - b.since);

  const adapter = ADAPTERS[gateway.protocol];
  await mapLimit(ordered, STATIONS_PER_GATEWAY, async ({ station, streams }) => {
    if (!client || gatewayError || ctx.budget.exhausted) {
      counters.deferred++;
      return;
    }
    if (stationErrors.length >= STATION_ERRORS_TO_ABORT && succeeded === 0) {
      counters.deferred++;
      return;
    }
    const target: StationTarget = {
      kind: station.kind,
      externalId: station.externalId,
      streams: streams.map((s) => ({
        metric: s.metric as MetricId,
        externalId: s.externalId,
        sourceUnit: s.sourceUnit,
        since: sinceOf(s),
      })),
      defaultSince,
      discover: ctx.discover,
    };
    const fetched = await adapter.fetchStation(client, target);
    for (const s of fetched.skipped) skipped.push({ station: station.id, s });
    counters.skippedStreams += fetched.skipped.length;
    try {
      await storeStation(ctx, station, streams, fetched, { floor, counters });
    } catch (err) {
      // The database refused the batch: nothing of it was written (watermarks included), so
      // the same observations are fetched again next time.
      counters.stationErrors++;
      stationErrors.push(`${station.id}: lỗi ghi cơ sở dữ liệu`);
      ctx.log.error('environment_store_failed', { station: station.id, error: describeError(err) });
      return;
    }
    if (fetched.deferred) counters.deferred++;
    else counters.stations++;
    if (fetched.error?.scope === 'gateway') {
      gatewayError = fetched.error;
    } else if (fetched.error) {
      counters.stationErrors++;
      stationErrors.push(`${station.id}: ${fetched.error.message}`);
    } else {
      succeeded++;
    }
  });

  const failedError: GatewayError | null =
    gatewayError ??
    (stationErrors.length > 0 && succeeded === 0
      ? new GatewayError('gateway', stationErrors.slice(0, 3).join('; '))
      : null);
  const interval = Math.max(1, gateway.pollIntervalMinutes);
  let nextPollAt: Date;
  if (failedError) {
    nextPollAt = new Date(
      ctx.now.getTime() + backoffMinutes(interval, gateway.consecutiveFailures + 1) * 60_000,
    );
    ctx.log.warn('environment_gateway_failed', {
      gateway: gateway.id,
      failures: gateway.consecutiveFailures + 1,
      error: failedError.message,
      nextPollAt: nextPollAt.toISOString(),
    });
  } else {
    const tick = ctx.tickAt;
    const base =
      tick && Math.abs(ctx.now.getTime() - tick.getTime()) < interval * 60_000 ? tick : ctx.now;
    // Half a minute early, so that the tick `interval` minutes on finds it due.
    nextPollAt = new Date(base.getTime() + interval * 60_000 - 30_000);
  }
  const warning =
    [
      stationErrors.length > 0
        ? `Lỗi ở ${stationErrors.length} trạm: ${stationErrors.slice(0, 3).join('; ')}`
        : null,
      skippedWarning(skipped),
    ]
      .filter(Boolean)
      .join(' ') || null;
  await writeHealth(ctx.db, gateway.id, {
    at: ctx.nowIso,
    nextPollAt: nextPollAt.toISOString(),
    error: failedError?.message ?? null,
    warning,
  });
  return { failed: failedError !== null, counters };
}

interface StreamSlot {
  id: number;
  metric: MetricId;
  state: StreamState;
}

function stateOf(row: StreamRow, metric: MetricId): StreamState {
  let lastSpike: StreamState['lastSpike'] = null;
  if (row.lastSpike) {
    const [t, v] = JSON.parse(row.lastSpike) as [number, number];
    lastSpike = { t, v };
  }
  return {
    metric,
    sourceUnit: row.sourceUnit,
    watermark: row.watermark ? Math.floor(Date.parse(row.watermark) / 1000) : null,
    lastGood:
      row.lastValue !== null && row.lastObservedAt
        ? { t: Math.floor(Date.parse(row.lastObservedAt) / 1000), v: row.lastValue }
        : null,
    lastSpike,
  };
}

/**
 * Cleans and stores one station's observations: readings, stream watermarks and counters,
 * rollups of the touched hours and days, alerts and their notifications, in one batch. New
 * streams are registered first (one more round trip, only when the gateway shows new ones).
 */
async function storeStation(
  ctx: TickContext,
  station: StationRow,
  known: readonly StreamRow[],
  fetched: StationFetch,
  run: { floor: number; counters: Counters },
): Promise<void> {
  const { db } = ctx;
  const slots = new Map<MetricId, StreamSlot>();
  for (const row of known) {
    if (isMetricId(row.metric)) {
      slots.set(row.metric, { id: row.id, metric: row.metric, state: stateOf(row, row.metric) });
    }
  }
  const changed: RemoteStream[] = (fetched.discovered ?? []).filter((d) => {
    const row = known.find((k) => k.metric === d.metric);
    return (
      !row ||
      row.externalId !== d.externalId ||
      (!fetched.unitPerObservation && row.sourceUnit !== d.unit)
    );
  });
  if (changed.length > 0) {
    const written = await upsertStreams(db, station.id, changed, ctx.nowIso);
    for (const w of written) {
      const d = changed.find((c) => c.metric === w.metric);
      if (!d) continue;
      const slot = slots.get(d.metric);
      if (slot) {
        slot.state.sourceUnit = d.unit;
      } else {
        run.counters.streamsAdded++;
        slots.set(d.metric, {
          id: w.id,
          metric: d.metric,
          state: {
            metric: d.metric,
            sourceUnit: d.unit,
            watermark: null,
            lastGood: null,
            lastSpike: null,
          },
        });
      }
    }
  }

  const statements: BatchItem<'sqlite'>[] = [];
  const insertIdx: number[] = [];
  const touched = {
    streamIds: [] as number[],
    sumStreamIds: [] as number[],
    from: Infinity,
    to: -Infinity,
  };
  const nowS = seconds(ctx.now);
  const alertWork: { metric: MetricId; rows: Reading[] }[] = [];

  for (const [metric, raw] of fetched.series) {
    const slot = slots.get(metric);
    if (!slot) continue;
    run.counters.observations += raw.length;
    const cleaned = cleanSeries(slot.state, raw, { now: nowS, floor: run.floor });
    run.counters.dropped += cleaned.dropped;
    run.counters.spikes += cleaned.spikes;
    if (cleaned.rows.length > 0) {
      for (const st of insertReadingStatements(db, slot.id, cleaned.rows)) {
        insertIdx.push(statements.length);
        statements.push(st);
      }
      touched.streamIds.push(slot.id);
      if (METRICS[metric].aggregate === 'sum') touched.sumStreamIds.push(slot.id);
      touched.from = Math.min(touched.from, cleaned.rows[0]?.t ?? Infinity);
      touched.to = Math.max(touched.to, cleaned.rows.at(-1)?.t ?? -Infinity);
      // Alerts look only at readings later than the latest one stored before: re-polling a
      // window already stored (a watermark reset) must not replay old crossings.
      const latest = Math.max(slot.state.lastGood?.t ?? -1, slot.state.lastSpike?.t ?? -1);
      const fresh = cleaned.rows.filter((r) => r.t > latest);
      if (fresh.length > 0) alertWork.push({ metric, rows: fresh });
    }
    const newGood =
      cleaned.lastGood && cleaned.lastGood !== slot.state.lastGood ? cleaned.lastGood : null;
    if (
      cleaned.watermark !== slot.state.watermark ||
      newGood ||
      cleaned.dropped > 0 ||
      cleaned.spikes > 0
    ) {
      statements.push(
        streamUpdateStatement(db, slot.id, {
          watermark: cleaned.watermark === null ? null : isoOf(cleaned.watermark),
          last: newGood ? { value: newGood.v, at: isoOf(newGood.t) } : null,
          dropped: cleaned.dropped,
          spikes: cleaned.spikes,
        }),
      );
    }
  }
  if (touched.streamIds.length > 0) statements.push(...rollupStatements(db, touched));

  for (const { metric, rows } of alertWork) {
    const thresholds: Threshold[] = ctx.state.thresholds
      .filter((t) => t.stationId === station.id && t.metric === metric)
      .map((t) => ({ level: t.level, value: t.value, direction: t.direction, label: t.label }));
    if (thresholds.length === 0) continue;
    const active =
      ctx.state.alerts.find((a) => a.stationId === station.id && a.metric === metric) ?? null;
    const changes = evaluateAlerts(thresholds, active, rows, METRICS[metric].decimals);
    run.counters.alertsRaised += changes.created.length;
    statements.push(...alertStatements(db, station, metric, changes, ctx.nowIso));
  }

  const [first, ...rest] = statements;
  if (!first) return;
  const results = await db.batch([first, ...rest]);
  for (const i of insertIdx) {
    run.counters.stored += (results[i] as { rowsAffected?: number }).rowsAffected ?? 0;
  }
}
