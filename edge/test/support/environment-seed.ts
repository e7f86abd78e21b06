import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import type { MetricId } from '../../src/environment/metrics';
import { createDb } from '../../src/platform/db';

// Stations, streams, readings, rollups, thresholds and alerts written straight into the test
// database, as the ingest would leave them, for the environment API tests. Every call makes
// its own ids: the database is shared by every test file.

export const db = () => createDb(env);

export const uid = (prefix: string) =>
  `${prefix}-${crypto.randomUUID().replace(/-/g, '').slice(0, 10)}`;

export const HOUR = 3600;
export const DAY = 86_400;
export const nowSeconds = () => Math.floor(Date.now() / 1000);
export const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
export const hourStart = (t: number) => Math.floor(t / HOUR) * HOUR;
/** 00:00 Asia/Ho_Chi_Minh (UTC+7) of the day holding `t`. */
export const vnDayStart = (t: number) => Math.floor((t + 7 * HOUR) / DAY) * DAY - 7 * HOUR;

export async function seedGateway(opts: { id?: string; name?: string } = {}) {
  const id = opts.id ?? uid('gw');
  await db().run(sql`insert into sensor_gateways (id, name, protocol, base_url)
    values (${id}, ${opts.name ?? `Cổng ${id}`}, 'sensorthings', 'http://127.0.0.1:9/v1.1')`);
  return id;
}

export interface SeedStation {
  id?: string;
  name?: string;
  kind?: 'weather' | 'water' | 'air';
  gatewayId?: string;
  communeId?: string | null;
  agencyId?: string | null;
  enabled?: boolean;
  lat?: number;
  lng?: number;
  /** Latest value per metric (the stream's last_value / last_observed_at). */
  latest?: Partial<Record<MetricId, { value: number; at: number } | null>>;
}

/** A station with one stream per metric of `latest`; answers its id and stream ids. */
export async function seedStation(opts: SeedStation = {}) {
  const d = db();
  const id = opts.id ?? uid('st');
  const gatewayId = opts.gatewayId ?? (await seedGateway());
  await d.run(sql`insert into stations (id, name, kind, lat, lng, commune_id, gateway_id,
      external_id, agency_id, enabled, address)
    values (${id}, ${opts.name ?? `Trạm ${id}`}, ${opts.kind ?? 'water'}, ${opts.lat ?? 9.78},
      ${opts.lng ?? 105.47}, ${opts.communeId === undefined ? 'vi-thanh' : opts.communeId},
      ${gatewayId}, ${`thing-${id}`},
      ${opts.agencyId === undefined ? 'so_nong_nghiep_moi_truong' : opts.agencyId},
      ${opts.enabled === false ? 0 : 1}, 'Cống thử nghiệm, kênh Xà No')`);
  const streams: Partial<Record<MetricId, number>> = {};
  for (const [metric, latest] of Object.entries(opts.latest ?? {}) as [
    MetricId,
    { value: number; at: number } | null,
  ][]) {
    const [row] = await d.all<{ id: number }>(sql`insert into station_streams
        (station_id, metric, external_id, source_unit, last_value, last_observed_at, watermark)
      values (${id}, ${metric}, ${`ds-${id}-${metric}`}, 'x', ${latest?.value ?? null},
        ${latest ? iso(latest.at) : null}, ${latest ? iso(latest.at) : null})
      returning id`);
    streams[metric] = row?.id;
  }
  return { id, gatewayId, streams: streams as Record<MetricId, number> };
}

export async function addReadings(streamId: number, rows: [t: number, v: number, flag?: number][]) {
  const d = db();
  for (const [t, v, flag] of rows) {
    await d.run(sql`insert into readings (stream_id, observed_at, value, flag)
      values (${streamId}, ${t}, ${v}, ${flag ?? 0})`);
  }
}

export async function addRollups(
  streamId: number,
  grain: 'h' | 'd',
  rows: [t: number, min: number, max: number, avg: number, count: number][],
) {
  const d = db();
  for (const [t, min, max, avg, count] of rows) {
    await d.run(sql`insert into reading_rollups (stream_id, grain, bucket_start, min, max, avg, count)
      values (${streamId}, ${grain}, ${t}, ${min}, ${max}, ${avg}, ${count})`);
  }
}

export async function addThresholds(
  stationId: string,
  metric: MetricId,
  levels: [value: number, label: string][],
  direction: 'above' | 'below' = 'above',
) {
  const d = db();
  let level = 0;
  for (const [value, label] of levels) {
    level += 1;
    await d.run(sql`insert into station_thresholds (station_id, metric, level, value, direction, label)
      values (${stationId}, ${metric}, ${level}, ${value}, ${direction}, ${label})`);
  }
}

export async function addAlert(a: {
  stationId: string;
  metric: MetricId;
  level: number;
  raisedValue: number;
  peakValue?: number;
  raisedAt: string;
  clearedAt?: string | null;
}) {
  const [row] = await db().all<{ id: number }>(sql`insert into station_alerts
      (station_id, metric, level, status, raised_value, peak_value, raised_at, cleared_at)
    values (${a.stationId}, ${a.metric}, ${a.level}, ${a.clearedAt ? 'cleared' : 'active'},
      ${a.raisedValue}, ${a.peakValue ?? a.raisedValue}, ${a.raisedAt}, ${a.clearedAt ?? null})
    returning id`);
  return row?.id as number;
}

/** A small valid PDF (what a reader opens), padded to `bytes` when asked. */
export function pdfBytes(bytes?: number): Uint8Array {
  const text =
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
  const head = new TextEncoder().encode(text);
  if (!bytes || bytes <= head.length) return head;
  const out = new Uint8Array(bytes);
  out.set(head);
  return out;
}
