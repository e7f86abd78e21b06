import {
  type GatewayProtocol,
  readings,
  type SensorGateway,
  type StationKind,
  sensorGateways,
  stationAlerts,
  stationStreams,
  stations,
  stationThresholds,
} from '@tinh/db/schema';
import { and, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../../platform/db';
import type { RemoteStream } from '../gateways/types';
import type { Reading } from './clean';

// Database side of the poll: claim the gateways due, read what polling them needs in one round
// trip, and the statements of each station's write batch.

export type ClaimedGateway = Pick<
  SensorGateway,
  | 'id'
  | 'name'
  | 'protocol'
  | 'baseUrl'
  | 'authSecretName'
  | 'pollIntervalMinutes'
  | 'timeoutMs'
  | 'consecutiveFailures'
>;

/**
 * Claims the gateways due (enabled, next_poll_at passed or unset) in one statement, pushing
 * their next_poll_at to `leaseUntil`: a second tick running meanwhile (a slow tick overlapping
 * the next one) does not poll them too. The poll sets the real next time when it ends; a tick
 * that dies leaves the lease, and the gateway is polled again when it runs out.
 * `ids` limits the claim to these gateways; `force` claims them even when not due ("poll now").
 */
export async function claimGateways(
  db: Db,
  now: string,
  leaseUntil: string,
  opts: { ids?: readonly string[]; force?: boolean } = {},
): Promise<ClaimedGateway[]> {
  if (opts.ids && opts.ids.length === 0) return [];
  return db
    .update(sensorGateways)
    .set({ lastPollAt: now, nextPollAt: leaseUntil })
    .where(
      and(
        eq(sensorGateways.enabled, true),
        opts.force
          ? undefined
          : or(isNull(sensorGateways.nextPollAt), lte(sensorGateways.nextPollAt, now)),
        opts.ids ? inArray(sensorGateways.id, [...opts.ids]) : undefined,
      ),
    )
    .returning({
      id: sensorGateways.id,
      name: sensorGateways.name,
      protocol: sensorGateways.protocol,
      baseUrl: sensorGateways.baseUrl,
      authSecretName: sensorGateways.authSecretName,
      pollIntervalMinutes: sensorGateways.pollIntervalMinutes,
      timeoutMs: sensorGateways.timeoutMs,
      consecutiveFailures: sensorGateways.consecutiveFailures,
    });
}

export interface StationRow {
  id: string;
  name: string;
  kind: StationKind;
  gatewayId: string;
  externalId: string;
  communeId: string | null;
}

export interface StreamRow {
  id: number;
  stationId: string;
  metric: string;
  externalId: string;
  sourceUnit: string;
  watermark: string | null;
  lastValue: number | null;
  lastObservedAt: string | null;
  /** JSON [observed_at, value] of the latest stored reading when it is a spike, else null. */
  lastSpike: string | null;
}

export interface ThresholdRow {
  stationId: string;
  metric: string;
  level: number;
  value: number;
  direction: 'above' | 'below';
  label: string;
}

export interface ActiveAlertRow {
  id: number;
  stationId: string;
  metric: string;
  level: number;
  raisedValue: number;
  peakValue: number;
  raisedAt: string;
}

export interface PollState {
  stations: StationRow[];
  streams: StreamRow[];
  thresholds: ThresholdRow[];
  alerts: ActiveAlertRow[];
}

/** Everything polling these gateways needs, in one round trip. */
export async function readPollState(db: Db, gatewayIds: readonly string[]): Promise<PollState> {
  const polled = db
    .select({ id: stations.id })
    .from(stations)
    .where(and(inArray(stations.gatewayId, [...gatewayIds]), eq(stations.enabled, true)));
  const [stationRows, streamRows, thresholdRows, alertRows] = await db.batch([
    db
      .select({
        id: stations.id,
        name: stations.name,
        kind: stations.kind,
        gatewayId: stations.gatewayId,
        externalId: stations.externalId,
        communeId: stations.communeId,
      })
      .from(stations)
      .where(and(inArray(stations.gatewayId, [...gatewayIds]), eq(stations.enabled, true))),
    db
      .select({
        id: stationStreams.id,
        stationId: stationStreams.stationId,
        metric: stationStreams.metric,
        externalId: stationStreams.externalId,
        sourceUnit: stationStreams.sourceUnit,
        watermark: stationStreams.watermark,
        lastValue: stationStreams.lastValue,
        lastObservedAt: stationStreams.lastObservedAt,
        // One primary-key seek per stream: the latest reading, if it was a spike.
        lastSpike: sql<string | null>`(
          select case when r.flag = 1 then json_array(r.observed_at, r.value) end
          from ${readings} r where r.stream_id = ${stationStreams.id}
          order by r.observed_at desc limit 1)`,
      })
      .from(stationStreams)
      .where(inArray(stationStreams.stationId, polled)),
    db
      .select({
        stationId: stationThresholds.stationId,
        metric: stationThresholds.metric,
        level: stationThresholds.level,
        value: stationThresholds.value,
        direction: stationThresholds.direction,
        label: stationThresholds.label,
      })
      .from(stationThresholds)
      .where(inArray(stationThresholds.stationId, polled)),
    db
      .select({
        id: stationAlerts.id,
        stationId: stationAlerts.stationId,
        metric: stationAlerts.metric,
        level: stationAlerts.level,
        raisedValue: stationAlerts.raisedValue,
        peakValue: stationAlerts.peakValue,
        raisedAt: stationAlerts.raisedAt,
      })
      .from(stationAlerts)
      .where(and(inArray(stationAlerts.stationId, polled), eq(stationAlerts.status, 'active'))),
  ]);
  return {
    stations: stationRows,
    streams: streamRows,
    thresholds: thresholdRows,
    alerts: alertRows,
  };
}

/**
 * Registers streams found at the gateway (new metrics of a station, or a Datastream recreated
 * with another id or unit). One statement; answers the ids of the rows written.
 */
export async function upsertStreams(
  db: Db,
  stationId: string,
  streams: readonly RemoteStream[],
  now: string,
): Promise<{ id: number; metric: string }[]> {
  if (streams.length === 0) return [];
  return db
    .insert(stationStreams)
    .values(
      streams.map((s) => ({
        stationId,
        metric: s.metric,
        externalId: s.externalId,
        sourceUnit: s.unit,
        createdAt: now,
      })),
    )
    .onConflictDoUpdate({
      target: [stationStreams.stationId, stationStreams.metric],
      set: {
        externalId: sql`excluded.external_id`,
        sourceUnit: sql`excluded.source_unit`,
      },
    })
    .returning({ id: stationStreams.id, metric: stationStreams.metric });
}

/** Readings per insert statement (4 bound values each). */
const ROWS_PER_INSERT = 400;

export function insertReadingStatements(
  db: Db,
  streamId: number,
  rows: readonly Reading[],
): BatchItem<'sqlite'>[] {
  const out: BatchItem<'sqlite'>[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    out.push(
      db
        .insert(readings)
        .values(
          rows.slice(i, i + ROWS_PER_INSERT).map((r) => ({
            streamId,
            observedAt: r.t,
            value: r.v,
            flag: r.flag,
          })),
        )
        // Idempotent storage: a reading already stored for this stream and time stays as it was.
        .onConflictDoNothing(),
    );
  }
  return out;
}

export function streamUpdateStatement(
  db: Db,
  streamId: number,
  u: {
    watermark: string | null;
    last: { value: number; at: string } | null;
    dropped: number;
    spikes: number;
  },
) {
  return db
    .update(stationStreams)
    .set({
      ...(u.watermark ? { watermark: u.watermark } : {}),
      ...(u.last ? { lastValue: u.last.value, lastObservedAt: u.last.at } : {}),
      droppedCount: sql`${stationStreams.droppedCount} + ${u.dropped}`,
      spikeCount: sql`${stationStreams.spikeCount} + ${u.spikes}`,
    })
    .where(eq(stationStreams.id, streamId));
}

export interface HealthUpdate {
  at: string;
  nextPollAt: string;
  /** Null: success. */
  error: string | null;
  /** On success, something worth showing anyway (streams skipped, a station failing). */
  warning: string | null;
}

/**
 * The gateway's health after a poll, as the admin shows it. A failure counts one more
 * consecutive failure and records the error; a success resets the count. A success with a
 * warning records it as the last error too, with its time, so the admin sees it.
 */
export async function writeHealth(db: Db, gatewayId: string, h: HealthUpdate): Promise<void> {
  const message = h.error ?? h.warning;
  await db
    .update(sensorGateways)
    .set({
      lastPollAt: h.at,
      nextPollAt: h.nextPollAt,
      ...(h.error === null
        ? { lastSuccessAt: h.at, consecutiveFailures: 0 }
        : { consecutiveFailures: sql`${sensorGateways.consecutiveFailures} + 1` }),
      ...(message ? { lastError: message.slice(0, 1000), lastErrorAt: h.at } : {}),
    })
    .where(eq(sensorGateways.id, gatewayId));
}

export type { GatewayProtocol };
