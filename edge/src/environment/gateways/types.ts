import type { StationKind } from '@tinh/db/schema';
import type { MetricId } from '../metrics';
import type { GatewayClient, GatewayError } from './http';

// What an adapter does for one station in one tick: find its streams (discovery) and fetch the
// observations newer than each stream's watermark. Adapters only read from the gateway; the
// ingest (ingest/poll.ts) cleans, stores and advances watermarks.

/** A gateway stream we can ingest: a known metric in a unit we can convert. */
export interface RemoteStream {
  metric: MetricId;
  /** SensorThings: the Datastream's @iot.id; simple JSON: the metric id. */
  externalId: string;
  unit: string;
}

/** A gateway stream we cannot ingest, reported in the gateway's health. */
export interface SkippedStream {
  externalId: string;
  name: string;
  unit: string;
  reason: 'unknown_metric' | 'unknown_unit' | 'duplicate_metric';
}

export interface RawObservation {
  /** Unix seconds; NaN when the gateway sent a time we cannot read (dropped and counted). */
  time: number;
  /** As sent: a number, a numeric string, or anything else (dropped and counted). */
  value: unknown;
  /** Simple JSON carries a unit per observation; SensorThings uses the stream's. */
  unit?: string;
}

export interface StationTarget {
  kind: StationKind;
  externalId: string;
  /** Streams already registered for the station, with where to resume (Unix seconds, exclusive). */
  streams: { metric: MetricId; externalId: string; sourceUnit: string; since: number }[];
  /** Where a stream seen for the first time starts (Unix seconds): the backfill window. */
  defaultSince: number;
  /** List the station's streams at the gateway (new Datastreams become streams). */
  discover: boolean;
}

export interface StationFetch {
  /** Streams found by discovery (or, in simple JSON, in the observations); null: not run. */
  discovered: RemoteStream[] | null;
  skipped: SkippedStream[];
  /** Observations by metric, in any order. */
  series: Map<MetricId, RawObservation[]>;
  /**
   * The first error: what was fetched before it is still stored (whole pages only, so every
   * stream's watermark stays exact). Null: everything asked for was fetched.
   */
  error: GatewayError | null;
  /** True when the tick's budget stopped the fetch early (not an error). */
  deferred: boolean;
  /**
   * Observations carry their own unit (simple JSON): a stream's registered unit is only
   * informative, and a vendor mixing units is no reason to rewrite it every poll.
   */
  unitPerObservation: boolean;
}

export interface GatewayAdapter {
  fetchStation(client: GatewayClient, target: StationTarget): Promise<StationFetch>;
}

/** Pages of one stream (or one simple-JSON station) followed per tick; the rest waits for the next. */
export const MAX_PAGES = 4;
/** Observations asked for per page. */
export const PAGE_SIZE = 500;
