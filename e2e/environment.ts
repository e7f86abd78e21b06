/// <reference lib="dom" />
/**
 * Weather and environment monitoring in Chromium against the real API: the local stack on
 * ports of its own with a throw-away data directory, the gateway simulator
 * (fixtures/sensor-simulator) in the height of a dry season, and the demo stations of
 * fixtures/sensor-stations.json registered on it.
 *
 * The stations get their past weeks as `npm start` gives them (scripts/demo-stations.ts,
 * from the simulator's own model), and the cron's poll tick (wrangler's /__scheduled)
 * brings them up to the minute from the simulator. Then a citizen, on a phone near Ngã Bảy:
 * opens Thời tiết (current readings, 5-day forecast, 24-hour chart), asks for the station
 * near them; opens Giám sát môi trường (salinity stations as a list with the figure large,
 * then on the map coloured by alert level), taps a pin, opens the station page with its
 * warning levels, follows it for alerts (checked through the API), reads its 24 h, 10-day
 * and 30-day charts; lists the agencies' reports; and, offline, still sees the stations from
 * the last visit. Screenshots: e2e/screenshots/environment-*.png.
 *
 * Env: E2E_ENV_DB_PORT (18200), E2E_ENV_API_PORT (18907), E2E_ENV_PORT (3104),
 * E2E_ENV_SIMULATOR_PORT (18095).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client, createClient } from '@libsql/client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEFAULT_MODEL, type ModelOptions } from '../fixtures/sensor-simulator/model';
import { seedDemoStations } from '../scripts/demo-stations';
import { type Stack, startStack } from '../scripts/stack';
import {
  attempt,
  check,
  current,
  keepLocal,
  PHONE,
  SCREENSHOTS,
  screenshotWholePage,
  settle,
  sideways,
} from './harness';

const DB_PORT = Number(process.env.E2E_ENV_DB_PORT ?? 18200);
const API_PORT = Number(process.env.E2E_ENV_API_PORT ?? 18907);
const MINIAPP_PORT = Number(process.env.E2E_ENV_PORT ?? 3104);
const SIMULATOR_PORT = Number(process.env.E2E_ENV_SIMULATOR_PORT ?? 18095);

/** Salinity as in March, whatever the month the test runs in: the warnings have to show. */
const MODEL: ModelOptions = { ...DEFAULT_MODEL, salinity: 'dry' };
const WATER_STATION = 'mn-cai-lon-vinh-vien';
/** Near the Ngã Bảy weather station. */
const PHONE_AT = { latitude: 9.8185, longitude: 105.8215, accuracy: 20 };
const DEVICE_ID_KEY = 'hgs.device-id';

async function shot(page: Page, name: string): Promise<void> {
  await settle(page);
  await screenshotWholePage(page, `${SCREENSHOTS}environment-${name}.png`);
}

// ---- the stack ------------------------------------------------------------------------------

/**
 * One run of the 5-minute cron through wrangler's /__scheduled. Tried again when the
 * connection drops: wrangler may close the idle keep-alive socket the previous call left.
 */
async function scheduled(apiUrl: string): Promise<void> {
  for (let tries = 1; ; tries++) {
    try {
      const response = await fetch(`${apiUrl}/__scheduled?cron=*/5+*+*+*+*`);
      if (!response.ok) throw new Error(`/__scheduled: HTTP ${response.status}`);
      await response.text();
      return;
    } catch (error) {
      if (tries >= 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

/**
 * Hands the last hour back to the cron: the seeded history is written as stored readings,
 * without the ingest's alert logic, so the poll fetches this hour again from the simulator
 * and raises the warnings of stations whose salinity is above a threshold.
 */
async function leaveLastHourToCron(db: Client): Promise<void> {
  const cut = Math.floor(Date.now() / 1000) - 3600;
  await db.batch(
    [
      { sql: 'delete from readings where observed_at > ?', args: [cut] },
      `update station_streams set
         (watermark, last_value, last_observed_at) = (
           select strftime('%Y-%m-%dT%H:%M:%fZ', r.observed_at, 'unixepoch'), r.value,
                  strftime('%Y-%m-%dT%H:%M:%fZ', r.observed_at, 'unixepoch')
           from readings r where r.stream_id = station_streams.id
           order by r.observed_at desc limit 1)`,
    ],
    'write',
  );
}

/**
 * Runs the 5-minute cron until every gateway has answered and no stream lags more than a
 * simulated logger outage (a few hours). A tick's polls may outlive the /__scheduled
 * request (wrangler answers when the handler returns, not when its background work ends),
 * so each round waits for every gateway to record the outcome of this tick's poll. A
 * gateway is due again only after its interval: each round makes them due first.
 */
async function pollUntilCurrent(db: Client, apiUrl: string): Promise<number> {
  const count = async (sql: string, args: string[]) =>
    Number((await db.execute({ sql, args })).rows[0]?.n);
  for (let round = 1; round <= 4; round++) {
    const started = new Date().toISOString();
    await db.execute('update sensor_gateways set next_poll_at = null');
    await scheduled(apiUrl);
    for (let waited = 0; waited < 180; waited += 2) {
      const pending = await count(
        `select count(*) as n from sensor_gateways
         where coalesce(last_success_at, '') < ? and coalesce(last_error_at, '') < ?`,
        [started, started],
      );
      if (pending === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    const behind = await count(
      'select count(*) as n from station_streams where watermark is null or watermark < ?',
      [new Date(Date.now() - 6 * 3600_000).toISOString()],
    );
    const failing = await count(
      'select count(*) as n from sensor_gateways where last_success_at is null or consecutive_failures > 0',
      [],
    );
    if (behind === 0 && failing === 0) return round;
  }
  const state = await db.execute(
    'select id, last_success_at, last_error, consecutive_failures from sensor_gateways',
  );
  throw new Error(`the poll did not catch up with the simulator: ${JSON.stringify(state.rows)}`);
}

/** Two published reports of the Department of Agriculture and Environment (list only). */
async function publishReports(db: Client): Promise<void> {
  const statements = [
    ['Báo cáo hiện trạng môi trường tỉnh quý III/2026', 'quarterly', 2026, 3, 1_830_000],
    ['Báo cáo công tác bảo vệ môi trường năm 2025', 'annual', 2025, null, 4_250_000],
  ].map(([title, period, year, quarter, bytes], i) => ({
    sql: `insert into environment_reports (id, agency_id, title, period, year, quarter, r2_key, bytes, sha256, uploaded_by)
          values (?, 'so_nong_nghiep_moi_truong', ?, ?, ?, ?, ?, ?, ?, 'e2e')`,
    args: [
      `5b0c3f1e-0d6a-4f4e-9a51-00000000000${i + 1}`,
      title,
      period,
      year,
      quarter,
      `environment-reports/e2e-${i + 1}.pdf`,
      bytes,
      'e2e'.padEnd(64, '0'),
    ] as (string | number | null)[],
  }));
  await db.batch(statements, 'write');
}

// ---- checks ----------------------------------------------------------------------------------

/** A chart.js canvas that was drawn: present, sized, and not blank. */
async function chartDrawn(page: Page): Promise<string | undefined> {
  const canvas = current(page).locator('.env-chart__plot canvas');
  await canvas.waitFor({ timeout: 20_000 });
  await settle(page);
  const drawn = await canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const g = c.getContext('2d');
    if (!g || c.width === 0 || c.height === 0) return 'the canvas has no size';
    const pixels = g.getImageData(0, 0, c.width, c.height).data;
    let coloured = 0;
    for (let i = 0; i < pixels.length; i += 16) {
      const [r, gr, b, a] = [pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]];
      if ((a ?? 0) > 0 && !(r === gr && gr === b)) coloured++;
    }
    return coloured > 50 ? undefined : 'the canvas is blank';
  });
  return drawn;
}

async function weatherScenario(page: Page, base: string): Promise<void> {
  await attempt('the weather card on the home screen opens Thời tiết', async () => {
    await page.goto(base, { waitUntil: 'domcontentloaded' });
    const card = page.locator('main [data-feature="weather"]');
    await card.waitFor({ timeout: 30_000 });
    if ((await card.getByText('Sắp ra mắt').count()) > 0) return 'still marked "Sắp ra mắt"';
    await card.click();
    await current(page).getByTestId('weather-now').waitFor({ timeout: 30_000 });
    return undefined;
  });

  await attempt(
    'current readings: temperature, humidity, wind with its direction, rain, UV',
    async () => {
      const hero = current(page).getByTestId('weather-now');
      await hero.locator('.wx-hero__temp', { hasText: '°C' }).waitFor({ timeout: 20_000 });
      const temp = (await hero.locator('.wx-hero__temp').textContent()) ?? '';
      if (!/^\d{1,2},\d°C$/.test(temp)) return `temperature reads "${temp}"`;
      const time = (await hero.locator('.wx-hero__time').textContent()) ?? '';
      if (!time.startsWith('Đo lúc')) return `time reads "${time}"`;
      // The rain tile is relabelled "Mưa 24 giờ qua" once the day's rainfall series arrives.
      await current(page)
        .getByTestId('weather-tiles')
        .getByText('Mưa 24 giờ qua')
        .waitFor({ timeout: 20_000 })
        .catch(() => undefined);
      const tiles = (await current(page).getByTestId('weather-tiles').textContent()) ?? '';
      for (const word of ['Độ ẩm', 'Gió', 'Mưa 24 giờ qua', 'Chỉ số UV', 'Bức xạ mặt trời']) {
        if (!tiles.includes(word)) return `no "${word}" tile: ${tiles}`;
      }
      const wind = (await current(page).getByTestId('wind').textContent()) ?? '';
      if (!/m\/s/.test(wind) || !/Hướng (Bắc|Đông|Tây|Nam)/.test(wind))
        return `wind reads "${wind}"`;
      if ((await current(page).locator('[data-testid="wind"] .wx-arrow').count()) !== 1)
        return 'no wind arrow';
      return undefined;
    },
  );

  await attempt(
    'the 5-day forecast starts today, each day with a summary and temperatures',
    async () => {
      const days = current(page).getByTestId('forecast').locator('.wx-day');
      await days.first().waitFor({ timeout: 30_000 });
      const count = await days.count();
      if (count !== 5) return `${count} days`;
      const first = (await days.first().textContent()) ?? '';
      if (!first.startsWith('Hôm nay')) return `first day reads "${first}"`;
      const second = (await days.nth(1).textContent()) ?? '';
      if (!second.startsWith('Ngày mai')) return `second day reads "${second}"`;
      if (!/\d+°\d+°$/.test(first.replace(/\s/g, ''))) return `no temperatures in "${first}"`;
      return undefined;
    },
  );

  await attempt('the 24-hour temperature chart is drawn, with its lowest and highest', async () => {
    const problem = await chartDrawn(page);
    if (problem) return problem;
    const stats = (await current(page).getByTestId('chart-stats').textContent()) ?? '';
    return stats.includes('Thấp nhất') && stats.includes('°C')
      ? undefined
      : `stats read "${stats}"`;
  });

  await attempt('no sideways scrolling on the weather screen', async () => sideways(page));
  await shot(page, 'weather');

  await attempt('rainfall is charted as bars with the 24-hour total', async () => {
    await current(page).locator('.env-chip', { hasText: 'Lượng mưa' }).click();
    await current(page).getByTestId('chart-stats').getByText('Tổng').waitFor({ timeout: 20_000 });
    return chartDrawn(page);
  });

  await attempt('"Tìm trạm gần tôi" picks the station nearest the phone (Ngã Bảy)', async () => {
    await current(page).getByRole('button', { name: 'Tìm trạm gần tôi' }).click();
    const notice = current(page).locator('.rp-notice--success');
    await notice.waitFor({ timeout: 20_000 });
    const text = (await notice.textContent()) ?? '';
    if (!text.includes('Ngã Bảy')) return `notice reads "${text}"`;
    const chosen = await current(page).getByTestId('station-select').inputValue();
    return chosen === 'kt-nga-bay' ? undefined : `select shows ${chosen}`;
  });
  await shot(page, 'weather-near-me');
}

async function environmentScenario(page: Page, base: string, apiUrl: string): Promise<void> {
  await attempt(
    'Giám sát môi trường lists surface-water stations, salinity large in ‰',
    async () => {
      await page.goto(base, { waitUntil: 'domcontentloaded' });
      await page.locator('main [data-feature="environment"]').click({ timeout: 30_000 });
      const list = current(page).getByTestId('station-list');
      await list.locator('.env-card').first().waitFor({ timeout: 30_000 });
      const count = await list.locator('.env-card').count();
      if (count < 10) return `${count} water stations`;
      const lead = list.locator('[data-station] .env-lead').first();
      const metric = (await lead.locator('.env-lead__metric').textContent()) ?? '';
      const value = (await lead.locator('.env-lead__value').textContent()) ?? '';
      if (metric !== 'Độ mặn') return `lead metric is "${metric}"`;
      if (!/^\d+,\d{2} ‰$/.test(value)) return `salinity reads "${value}"`;
      const size = await lead
        .locator('.env-lead__value')
        .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
      return size >= 30 ? undefined : `salinity drawn at ${size}px`;
    },
  );

  await attempt('stations above a warning level come first, with the level in words', async () => {
    const first = current(page).getByTestId('station-list').locator('.env-lead').first();
    const level = Number(await first.getAttribute('data-level'));
    if (!(level > 0)) return 'the first station has no warning (dry-season salinity expected)';
    const label = (await first.locator('.env-lead__label').textContent()) ?? '';
    if (!/Lúa|nước tưới/.test(label)) return `level reads "${label}"`;
    return (await current(page).getByTestId('alert-banner').isVisible())
      ? undefined
      : 'no banner counting the stations in warning';
  });

  await attempt('no sideways scrolling on the station list', async () => sideways(page));
  await shot(page, 'list');

  await attempt('the map shows every station as a pin coloured by its level', async () => {
    await current(page).getByRole('tab', { name: 'Bản đồ' }).click();
    const map = current(page).getByTestId('stations-map');
    await map.waitFor({ timeout: 30_000 });
    await map.locator('.env-pin__text').first().waitFor({ timeout: 20_000 });
    // Stations close together are gathered into numbered discs until zoomed in.
    const pins = await map.locator('.env-pin').count();
    const gathered = await map
      .locator('.env-cluster')
      .evaluateAll((discs) => discs.reduce((n, d) => n + Number(d.textContent), 0));
    if (pins + gathered < 10) return `${pins} pins and ${gathered} gathered`;
    const warned = await map
      .locator('.env-pin.env-tone--l1, .env-pin.env-tone--l2, .env-pin.env-tone--l3')
      .count();
    if (warned === 0) return 'no pin in a warning colour';
    const text = (await map.locator('.env-pin__text').first().textContent()) ?? '';
    if (!/^\d+,\d{2}$/.test(text)) return `pin reads "${text}"`;
    const caption = (await current(page).getByTestId('map-caption').textContent()) ?? '';
    return caption.includes('Độ mặn (‰)') ? undefined : `caption reads "${caption}"`;
  });
  await shot(page, 'map');

  await attempt('tapping a pin shows the station under the map, which opens its page', async () => {
    const map = current(page).getByTestId('stations-map');
    await settle(page);
    await map.locator('.env-pin__text').first().click();
    const selected = current(page).getByTestId('map-selected');
    await selected.waitFor({ timeout: 10_000 });
    await shot(page, 'map-selected');
    await selected.click();
    await current(page).locator('.env-hero').waitFor({ timeout: 20_000 });
    return undefined;
  });

  await attempt(
    'a salinity station page: the figure, its warning ladder and the charts',
    async () => {
      await page.goto(`${base}environment/s/${WATER_STATION}`, { waitUntil: 'domcontentloaded' });
      const hero = current(page).locator('.env-hero');
      await hero.locator('.env-lead__value').waitFor({ timeout: 30_000 });
      const ladder = (await hero.locator('.env-ladder').textContent()) ?? '';
      for (const label of [
        'Lúa bắt đầu bị ảnh hưởng',
        'Lúa giảm năng suất',
        'Không lấy nước tưới',
      ]) {
        if (!ladder.includes(label)) return `ladder lacks "${label}": ${ladder}`;
      }
      if ((await hero.locator('.env-ladder__row.is-current').count()) !== 1)
        return 'the current level is not marked';
      return chartDrawn(page);
    },
  );
  await shot(page, 'station-24h');

  await attempt('following the station for alerts is kept by the API for this device', async () => {
    const button = current(page).getByTestId('follow-button');
    await button.click();
    await current(page)
      .getByTestId('follow-button')
      .getByText('Đang theo dõi cảnh báo')
      .waitFor({ timeout: 15_000 });
    const deviceId = await page.evaluate((key) => localStorage.getItem(key), DEVICE_ID_KEY);
    if (!deviceId) return 'no device id';
    const response = await fetch(`${apiUrl}/api/v1/environment/follows`, {
      headers: { 'x-device-id': deviceId },
    });
    const body = (await response.json()) as { items: { subjectId: string }[] };
    return body.items.some((f) => f.subjectId === WATER_STATION)
      ? undefined
      : `follows: ${JSON.stringify(body)}`;
  });

  for (const [range, label, grain] of [
    ['10d', '10 ngày', 'giờ'],
    ['30d', '30 ngày', 'ngày'],
  ] as const) {
    await attempt(
      `the ${label} chart: averages with the min–max band and threshold lines`,
      async () => {
        await current(page).getByRole('tab', { name: label }).click();
        await current(page)
          .locator('.env-legend', { hasText: `trong mỗi ${grain}` })
          .waitFor({ timeout: 20_000 });
        const problem = await chartDrawn(page);
        if (problem) return problem;
        const legend = (await current(page).locator('.env-legend').textContent()) ?? '';
        if (!legend.includes('Mức 1')) return `no threshold line in the legend: ${legend}`;
        await shot(page, `station-${range}`);
        return undefined;
      },
    );
  }

  await attempt('no sideways scrolling on the station page', async () => sideways(page));

  await attempt('the followed station is listed first on the environment screen', async () => {
    await page.goto(`${base}environment`, { waitUntil: 'domcontentloaded' });
    const followed = current(page).getByTestId('followed-list');
    await followed.waitFor({ timeout: 30_000 });
    const ids = await followed
      .locator('[data-station]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-station')));
    return ids.length === 1 && ids[0] === WATER_STATION ? undefined : `followed: ${ids.join(', ')}`;
  });

  await attempt('air stations lead with the AQI and its band', async () => {
    await current(page).getByRole('tab', { name: 'Không khí' }).click();
    const lead = current(page).getByTestId('station-list').locator('.env-lead').first();
    await lead.waitFor({ timeout: 20_000 });
    const metric = (await lead.locator('.env-lead__metric').textContent()) ?? '';
    const label = (await lead.locator('.env-lead__label').textContent()) ?? '';
    if (metric !== 'Chỉ số AQI') return `lead metric is "${metric}"`;
    return /Tốt|Trung bình|Kém|Xấu|Rất xấu|Nguy hại/.test(label)
      ? undefined
      : `band reads "${label}"`;
  });
  await shot(page, 'air');

  await attempt("the agencies' reports list with a PDF download", async () => {
    await current(page).getByTestId('reports-link').click();
    const list = current(page).getByTestId('reports-list');
    await list.waitFor({ timeout: 20_000 });
    const text = (await list.textContent()) ?? '';
    if (!text.includes('Quý 3/2026') || !text.includes('Cả năm 2025'))
      return `list reads "${text}"`;
    if (!text.includes('Tải về PDF (1,8 MB)')) return `no download button with the size: ${text}`;
    const popup = page.context().waitForEvent('page', { timeout: 10_000 });
    await list
      .getByRole('button', { name: /Tải về PDF/ })
      .first()
      .click();
    const opened = await popup;
    const url = opened.url();
    await opened.close();
    return /\/api\/v1\/environment\/reports\/[0-9a-f-]+\/file$/.test(url)
      ? undefined
      : `opened ${url}`;
  });
  await shot(page, 'reports');
}

/**
 * Offline for the API only (the dev server still serves the app's code, as Zalo's own cache
 * would on a phone): the screens show their kept copies with the time they were saved.
 */
async function apiDownScenario(page: Page, context: BrowserContext, base: string): Promise<void> {
  await attempt('with the API unreachable, the list is the kept copy with its time', async () => {
    await page.goto(`${base}environment`, { waitUntil: 'domcontentloaded' });
    await current(page).getByTestId('station-list').locator('.env-card').first().waitFor({
      timeout: 30_000,
    });
    await context.route('**/api/v1/**', (route) => route.abort('internetdisconnected'));
    try {
      await page.reload({ waitUntil: 'domcontentloaded' });
      const notice = current(page).getByTestId('cached-notice');
      await notice.waitFor({ timeout: 30_000 });
      const text = (await notice.textContent()) ?? '';
      if (!text.includes('Không có kết nối mạng') || !text.includes('đã lưu lúc'))
        return `notice reads "${text}"`;
      const cards = await current(page).getByTestId('station-list').locator('.env-card').count();
      if (cards < 10) return `${cards} stations shown`;
      await shot(page, 'offline');
      await page.goto(`${base}environment/s/${WATER_STATION}`, { waitUntil: 'domcontentloaded' });
      await current(page).locator('.env-hero .env-lead__value').waitFor({ timeout: 30_000 });
      return undefined;
    } finally {
      await context.unroute('**/api/v1/**');
    }
  });
}

export async function runEnvironmentScenario(
  browser: Browser,
  cleanups: Set<() => Promise<void> | void>,
): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'e2e-environment-'));
  let stack: Stack | undefined;
  const stop = async () => {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  cleanups.add(stop);
  const context = await browser.newContext({
    ...PHONE,
    geolocation: PHONE_AT,
    permissions: ['geolocation'],
  });
  try {
    console.log('starting the local stack and the sensor simulator for the environment test...');
    const simulatorUrl = `http://127.0.0.1:${SIMULATOR_PORT}`;
    stack = await startStack({
      dataDir,
      dbPort: DB_PORT,
      apiPort: API_PORT,
      miniappPort: MINIAPP_PORT,
      inheritOutput: false,
      simulator: { port: SIMULATOR_PORT, env: { SIMULATOR_SALINITY: MODEL.salinity } },
      extraVars: { FORECAST_API_URL: simulatorUrl },
    });
    const db = createClient({ url: stack.dbUrl });
    try {
      const demo = await seedDemoStations(db, { simulatorUrl, model: MODEL });
      await leaveLastHourToCron(db);
      const rounds = await pollUntilCurrent(db, stack.apiUrl);
      await publishReports(db);
      check(
        `${demo.stations} demo stations with their past weeks, brought up to date by the cron in ${rounds} tick(s)`,
        demo.stations >= 20 && demo.history.stations > 0,
        JSON.stringify(demo),
      );
    } finally {
      db.close();
    }

    const base = `${stack.miniappUrl}/`;
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const external: string[] = [];
    await keepLocal(context, external);

    await weatherScenario(page, base);
    await environmentScenario(page, base, stack.apiUrl);
    await apiDownScenario(page, context, base);

    const others = external.filter((url) => !url.startsWith('https://tile.openstreetmap.org/'));
    check(
      'nothing else is fetched from outside (only map tiles)',
      others.length === 0,
      others.join(', '),
    );
    check(
      'no JavaScript errors on the weather and environment screens',
      pageErrors.length === 0,
      pageErrors.join(' | '),
    );
  } catch (error) {
    const cause = error instanceof Error && error.cause ? ` (${String(error.cause)})` : '';
    check(
      'environment test run',
      false,
      error instanceof Error ? `${error.message}${cause}` : String(error),
    );
  } finally {
    await context.close().catch(() => undefined);
    await stop();
    cleanups.delete(stop);
  }
}
