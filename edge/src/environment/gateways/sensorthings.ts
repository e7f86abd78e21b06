import type { MetricId } from '../metrics';
import { unitConversion } from '../metrics';
import {
  BudgetExhausted,
  type GatewayClient,
  GatewayError,
  getJson,
  isObject,
  isoOf,
  parseTime,
  sameOrigin,
} from './http';
import { metricFromNames } from './metric-names';
import {
  type GatewayAdapter,
  MAX_PAGES,
  PAGE_SIZE,
  type RawObservation,
  type RemoteStream,
  type SkippedStream,
  type StationFetch,
  type StationTarget,
} from './types';

// OGC SensorThings API v1.1 (https://docs.ogc.org/is/18-088/18-088.html). A station is a
// Thing (stations.external_id = the Thing's @iot.id), a stream one of its Datastreams:
//
//   discovery      GET {root}/Things({id})/Datastreams
//   observations   GET {root}/Datastreams({id})/Observations
//                      ?$filter=phenomenonTime gt <watermark>&$orderby=phenomenonTime asc
//                      &$top=500
//
// Collections answer `{ "value": [...], "@iot.nextLink"?: "<url>" }`; next links are followed
// (same origin only) up to MAX_PAGES per stream and tick. A Datastream's metric comes from
// its ObservedProperty (when the server inlines it), its `properties.metric`, name or
// description; its unit from `unitOfMeasurement.symbol` (else `.name`).

/** `Things(12)` for a numeric id, `Things('ab''c')` for a string one (OData literal). */
export function entityPath(set: string, id: string): string {
  return /^\d+$/.test(id) ? `${set}(${id})` : `${set}('${id.replace(/'/g, "''")}')`;
}

interface Page {
  items: unknown[];
  /** Resolved only after the page's items are kept: a bad link loses the next page, not this one. */
  next: () => URL | null;
}

function parseCollection(client: GatewayClient, url: URL, body: unknown): Page {
  if (!isObject(body) || !Array.isArray(body.value)) {
    throw new GatewayError(
      'station',
      `Dữ liệu SensorThings không hợp lệ (thiếu mảng "value"): ${decodeURIComponent(url.pathname)}`,
    );
  }
  const link = body['@iot.nextLink'];
  if (link !== undefined && link !== null && typeof link !== 'string') {
    throw new GatewayError(
      'station',
      'Dữ liệu SensorThings không hợp lệ: "@iot.nextLink" không phải chuỗi',
    );
  }
  return { items: body.value, next: () => (link ? sameOrigin(client, link, url) : null) };
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

function unitOf(ds: Record<string, unknown>, metric: MetricId): string | null {
  const uom = isObject(ds.unitOfMeasurement) ? ds.unitOfMeasurement : {};
  const symbol = typeof uom.symbol === 'string' ? uom.symbol : null;
  const name = typeof uom.name === 'string' ? uom.name : null;
  // Dimensionless quantities (pH, UV index, AQI) often come with an empty or missing symbol.
  for (const u of [symbol, name, symbol === null && name === null ? '' : null]) {
    if (u !== null && unitConversion(metric, u)) return u;
  }
  return null;
}

async function listDatastreams(
  client: GatewayClient,
  target: StationTarget,
): Promise<{ streams: RemoteStream[]; skipped: SkippedStream[] }> {
  const streams: RemoteStream[] = [];
  const skipped: SkippedStream[] = [];
  let url: URL | null = new URL(
    `${client.baseUrl}/${entityPath('Things', target.externalId)}/Datastreams`,
  );
  url.searchParams.set('$top', '100');
  for (let page = 0; url && page < MAX_PAGES; page++) {
    const collection = parseCollection(client, url, await getJson(client, url));
    for (const item of collection.items) {
      if (!isObject(item)) continue;
      const rawId = item['@iot.id'];
      if (typeof rawId !== 'string' && typeof rawId !== 'number') continue;
      const externalId = String(rawId);
      const op = isObject(item.ObservedProperty) ? item.ObservedProperty : {};
      const props = isObject(item.properties) ? item.properties : {};
      const name = text(item.name) ?? externalId;
      const metric = metricFromNames(target.kind, [
        text(props.metric),
        text(op.name),
        text(op.definition),
        text(item.name),
        text(item.description),
      ]);
      const uom = isObject(item.unitOfMeasurement) ? item.unitOfMeasurement : {};
      const shownUnit = text(uom.symbol) ?? text(uom.name) ?? '';
      if (!metric) {
        skipped.push({ externalId, name, unit: shownUnit, reason: 'unknown_metric' });
        continue;
      }
      const unit = unitOf(item, metric);
      if (unit === null) {
        skipped.push({ externalId, name, unit: shownUnit, reason: 'unknown_unit' });
        continue;
      }
      if (streams.some((s) => s.metric === metric)) {
        // Two Datastreams of one metric (e.g. two sensors at different depths): the station
        // shows one value per metric, so the first listed wins.
        skipped.push({ externalId, name, unit: shownUnit, reason: 'duplicate_metric' });
        continue;
      }
      streams.push({ metric, externalId, unit });
    }
    url = collection.next();
  }
  return { streams, skipped };
}

async function fetchObservations(
  client: GatewayClient,
  datastreamId: string,
  since: number,
  into: RawObservation[],
): Promise<void> {
  let url: URL | null = new URL(
    `${client.baseUrl}/${entityPath('Datastreams', datastreamId)}/Observations`,
  );
  url.searchParams.set('$filter', `phenomenonTime gt ${isoOf(since)}`);
  url.searchParams.set('$orderby', 'phenomenonTime asc');
  url.searchParams.set('$top', String(PAGE_SIZE));
  for (let page = 0; url && page < MAX_PAGES; page++) {
    const collection = parseCollection(client, url, await getJson(client, url));
    // Parse the whole page before keeping any of it: a page is taken or not at all.
    const parsed: RawObservation[] = [];
    for (const item of collection.items) {
      if (!isObject(item)) {
        parsed.push({ time: Number.NaN, value: null });
        continue;
      }
      parsed.push({ time: parseTime(item.phenomenonTime), value: item.result });
    }
    into.push(...parsed);
    url = collection.next();
  }
}

export const sensorThingsAdapter: GatewayAdapter = {
  async fetchStation(client, target) {
    const result: StationFetch = {
      discovered: null,
      skipped: [],
      series: new Map(),
      error: null,
      deferred: false,
      unitPerObservation: false,
    };
    try {
      const known = new Map(target.streams.map((s) => [s.metric, s]));
      const toPoll: { metric: MetricId; externalId: string; since: number }[] = [];
      if (target.discover || target.streams.length === 0) {
        const listed = await listDatastreams(client, target);
        result.discovered = listed.streams;
        result.skipped = listed.skipped;
        for (const s of listed.streams) {
          const prev = known.get(s.metric);
          // A Datastream recreated at the gateway (new id) starts where the old one stopped.
          toPoll.push({
            metric: s.metric,
            externalId: s.externalId,
            since: prev?.since ?? target.defaultSince,
          });
          known.delete(s.metric);
        }
      }
      // Registered streams the listing did not show (or no listing this tick): poll as known.
      for (const s of known.values()) toPoll.push(s);
      // The stream furthest behind first: when the budget runs out, the next tick resumes the rest.
      toPoll.sort((a, b) => a.since - b.since);
      for (const s of toPoll) {
        const observations: RawObservation[] = [];
        try {
          await fetchObservations(client, s.externalId, s.since, observations);
        } finally {
          // Whole pages fetched before a failure are kept.
          if (observations.length > 0) result.series.set(s.metric, observations);
        }
      }
    } catch (err) {
      if (err instanceof BudgetExhausted) result.deferred = true;
      else if (err instanceof GatewayError) result.error = err;
      else
        result.error = new GatewayError('station', `Lỗi đọc dữ liệu SensorThings: ${String(err)}`);
    }
    return result;
  },
};
