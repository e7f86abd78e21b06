import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A stand-in on loopback for Open-Meteo's forecast API, speaking the wire format the Worker's
// client expects (edge/src/environment/forecast/client.ts):
//
//   GET /v1/forecast?latitude=a,b&longitude=c,d&daily=…&timezone=Asia/Ho_Chi_Minh
//       &forecast_days=5&wind_speed_unit=ms
//
// answers one object per place (an array for several), 5 days from today in Vietnam. Like
// Open-Meteo, a request without the parameters the client must send is refused (HTTP 400
// `{ error: true, reason }`), so the tests check the request too.
//
// Tests drive it over HTTP (they run inside workerd, this runs in Node), always about their
// own coordinates (`key` is "lat,lng" with 4 decimals, as the client sends them), so test files
// sharing the server never see each other's traffic:
//   PUT /__fake/mode?key=…&mode=ok|fail|slow|malformed|nulls|kmh|past
//       fail: HTTP 500; slow: answers after 3 s; malformed: not the documented shape;
//       nulls: day 3 has no UV index; kmh: wind in km/h (daily_units says so); past: the days
//       start 3 days ago. A call asking for several places fails if any of them does.
//   GET /__fake/calls?key=… → { calls: n } (requests that asked for that place)

type Mode = 'ok' | 'fail' | 'slow' | 'malformed' | 'nulls' | 'kmh' | 'past';
const MODES: readonly Mode[] = ['ok', 'fail', 'slow', 'malformed', 'nulls', 'kmh', 'past'];

const REQUIRED_DAILY = [
  'weather_code',
  'temperature_2m_max',
  'temperature_2m_min',
  'precipitation_sum',
  'precipitation_probability_max',
  'wind_speed_10m_max',
  'wind_direction_10m_dominant',
  'uv_index_max',
];

const DAY_MS = 86_400_000;

function place(lat: number, lng: number, mode: Mode) {
  const start = Date.now() + 7 * 3_600_000 - (mode === 'past' ? 3 * DAY_MS : 0);
  const days = Array.from({ length: 5 }, (_, i) =>
    new Date(start + i * DAY_MS).toISOString().slice(0, 10),
  );
  const wind = [3.2, 4.1, 5, 2.6, 3.8];
  return {
    latitude: Math.round(lat * 40) / 40,
    longitude: Math.round(lng * 40) / 40,
    generationtime_ms: 0.1,
    utc_offset_seconds: 25200,
    timezone: 'Asia/Ho_Chi_Minh',
    timezone_abbreviation: 'GMT+7',
    elevation: 2,
    daily_units: {
      time: 'iso8601',
      weather_code: 'wmo code',
      temperature_2m_max: '°C',
      temperature_2m_min: '°C',
      precipitation_sum: 'mm',
      precipitation_probability_max: '%',
      wind_speed_10m_max: mode === 'kmh' ? 'km/h' : 'm/s',
      wind_direction_10m_dominant: '°',
      uv_index_max: '',
    },
    daily: {
      time: days,
      weather_code: [80, 3, 95, 1, 61],
      temperature_2m_max: [31.2, 30.4, 29.8, 32.1, 31],
      temperature_2m_min: [24.1, 23.8, 24.5, 23.9, 24.2],
      precipitation_sum: [4.2, 0, 38.5, 0, 1.3],
      precipitation_probability_max: [70, 20, 90, 5, null],
      wind_speed_10m_max: mode === 'kmh' ? wind.map((w) => Math.round(w * 36) / 10) : wind,
      wind_direction_10m_dominant: [225, 240, 250, 90, 200],
      uv_index_max: [10.5, 9.85, mode === 'nulls' ? null : 6.2, 11.4, 8],
    },
  };
}

export async function startFakeOpenMeteo(): Promise<{ url: string; close: () => Promise<void> }> {
  const modes = new Map<string, Mode>();
  const calls = new Map<string, number>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'http://localhost');
    const q = url.searchParams;
    if (req.method === 'PUT' && url.pathname === '/__fake/mode') {
      const mode = q.get('mode') as Mode;
      if (!MODES.includes(mode) || !q.get('key')) return send(400, { error: 'key and mode' });
      modes.set(q.get('key') as string, mode);
      return send(200, { ok: true });
    }
    if (req.method === 'GET' && url.pathname === '/__fake/calls') {
      return send(200, { calls: calls.get(q.get('key') ?? '') ?? 0 });
    }
    if (req.method !== 'GET' || url.pathname !== '/v1/forecast') {
      return send(404, { error: true, reason: 'Not found' });
    }
    const lats = (q.get('latitude') ?? '').split(',');
    const lngs = (q.get('longitude') ?? '').split(',');
    const daily = new Set((q.get('daily') ?? '').split(','));
    if (lats.length !== lngs.length || lats[0] === '') {
      return send(400, { error: true, reason: "Parameter 'latitude' and 'longitude' must be set" });
    }
    if (
      q.get('timezone') !== 'Asia/Ho_Chi_Minh' ||
      q.get('forecast_days') !== '5' ||
      q.get('wind_speed_unit') !== 'ms' ||
      REQUIRED_DAILY.some((v) => !daily.has(v))
    ) {
      return send(400, { error: true, reason: 'The fake expects the client’s documented request' });
    }
    const keys = lats.map((lat, i) => `${lat},${lngs[i]}`);
    for (const key of keys) calls.set(key, (calls.get(key) ?? 0) + 1);
    const placeModes = keys.map((k) => modes.get(k) ?? 'ok');
    if (placeModes.includes('fail')) return send(500, { error: true, reason: 'Internal error' });
    if (placeModes.includes('malformed')) {
      return send(200, { latitude: 9.75, longitude: 105.5, daily: { time: 'not a list' } });
    }
    const body = keys.map((_, i) => place(Number(lats[i]), Number(lngs[i]), placeModes[i] as Mode));
    const answer = () => send(200, body.length === 1 ? body[0] : body);
    if (placeModes.includes('slow')) setTimeout(answer, 3000);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
