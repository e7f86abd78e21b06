import { env } from 'cloudflare:workers';
import { sensorGateways, stationStreams, stations, stationThresholds } from '@tinh/db/schema';
import { eq } from 'drizzle-orm';
import { inject } from 'vitest';
import { type PollOptions, runPollTick } from '../../src/environment/ingest/poll';
import { createDb } from '../../src/platform/db';
import { createLogger } from '../../src/platform/logger';
import type { FakeDatastream, Scenario } from './node-fake-sensor-gateway';

// Helpers of the ingest tests: gateways on the loopback stand-in (one namespace per gateway,
// test/support/node-fake-sensor-gateway.ts), stations, thresholds, and one poll of exactly
// these gateways. Test gateways are created with next_poll_at far ahead, so the cron ticks of
// other test files (which poll every gateway due in the shared database) leave them alone;
// the tests poll them with `force`.

export const db = () => createDb(env);
export const uid = (prefix: string) =>
  `${prefix}-${crypto.randomUUID().replace(/-/g, '').slice(0, 10)}`;

export const HOUR = 3600;
export const DAY = 86_400;
export const iso = (s: number) => new Date(s * 1000).toISOString();
/** 00:00 Asia/Ho_Chi_Minh of the day holding `t` (Unix seconds). */
export const vnDayStart = (t: number) => Math.floor((t + 7 * HOUR) / DAY) * DAY - 7 * HOUR;
export const NOT_DUE = '2999-01-01T00:00:00.000Z';

export function fakeGateway(ns: string) {
  const base = inject('sensorGatewayUrl');
  return {
    sensorThingsUrl: `${base}/${ns}/st/v1.1`,
    simpleJsonUrl: `${base}/${ns}/sj`,
    async put(scenario: Scenario) {
      const res = await fetch(`${base}/__fake/${ns}`, {
        method: 'PUT',
        body: JSON.stringify(scenario),
      });
      if (!res.ok) throw new Error(`fake gateway: ${res.status}`);
    },
    async log(): Promise<
      { path: string; query: Record<string, string>; authorization: string | null }[]
    > {
      const res = await fetch(`${base}/__fake/${ns}/log`);
      return ((await res.json()) as { requests: [] }).requests;
    },
  };
}

export async function createGateway(opts: {
  protocol?: 'sensorthings' | 'simple_json';
  ns?: string;
  baseUrl?: string;
  timeoutMs?: number;
  pollIntervalMinutes?: number;
  authSecretName?: string | null;
  nextPollAt?: string | null;
}) {
  const id = uid('gw');
  const ns = opts.ns ?? id;
  const fake = fakeGateway(ns);
  const protocol = opts.protocol ?? 'sensorthings';
  await db()
    .insert(sensorGateways)
    .values({
      id,
      name: `Cổng thử ${id}`,
      protocol,
      baseUrl:
        opts.baseUrl ?? (protocol === 'sensorthings' ? fake.sensorThingsUrl : fake.simpleJsonUrl),
      authSecretName: opts.authSecretName ?? null,
      pollIntervalMinutes: opts.pollIntervalMinutes ?? 5,
      timeoutMs: opts.timeoutMs ?? 2000,
      nextPollAt: opts.nextPollAt === undefined ? NOT_DUE : opts.nextPollAt,
    });
  return { id, fake };
}

export async function createStation(opts: {
  gatewayId: string;
  kind?: 'weather' | 'water' | 'air';
  externalId?: string;
  communeId?: string | null;
  name?: string;
}) {
  const id = uid('st');
  await db()
    .insert(stations)
    .values({
      id,
      name: opts.name ?? `Trạm thử ${id}`,
      kind: opts.kind ?? 'water',
      lat: 9.78,
      lng: 105.47,
      communeId: opts.communeId ?? null,
      gatewayId: opts.gatewayId,
      externalId: opts.externalId ?? id,
    });
  return id;
}

export async function setThresholds(
  stationId: string,
  metric: string,
  levels: { value: number; label: string; direction?: 'above' | 'below' }[],
) {
  await db()
    .insert(stationThresholds)
    .values(
      levels.map((l, i) => ({
        stationId,
        metric,
        level: i + 1,
        value: l.value,
        direction: l.direction ?? 'above',
        label: l.label,
      })),
    );
}

export const streamsOf = (stationId: string) =>
  db().select().from(stationStreams).where(eq(stationStreams.stationId, stationId));

export const gatewayRow = async (id: string) =>
  (await db().select().from(sensorGateways).where(eq(sensorGateways.id, id)))[0];

/** One poll tick of exactly these gateways, due or not (failures are expected: not logged). */
export const poll = (gatewayIds: string[], opts: PollOptions = {}) =>
  runPollTick(db(), env, { gatewayIds, force: true, log: createLogger('error'), ...opts });

/** A SensorThings Datastream as servers write them. */
export const datastream = (
  id: number | string,
  name: string,
  symbol: string | null,
  extra: Partial<FakeDatastream> = {},
): FakeDatastream => ({
  '@iot.id': id,
  name,
  description: `${name} (test)`,
  unitOfMeasurement: { name: symbol ?? '', symbol, definition: '' },
  ...extra,
});

/** Observations every `stepMinutes` from `from` (Unix seconds), values from `value(i)`. */
export function series(
  from: number,
  count: number,
  value: (i: number) => unknown,
  stepMinutes = 5,
): { phenomenonTime: string; result: unknown }[] {
  return Array.from({ length: count }, (_, i) => ({
    phenomenonTime: iso(from + i * stepMinutes * 60),
    result: value(i),
  }));
}
