import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createClient } from '@libsql/client';
import { DEV_OPEN311_API_KEY, ensureDevOpen311Client } from '../edge/src/open311/dev-client';
import { startPaymentSandbox } from '../fixtures/payment-sandbox/server';
import { modelFromEnv } from '../fixtures/sensor-simulator/model';
import { buildAdmin } from './build-admin';
import { seedDemoHospitals } from './demo-hospitals';
import { seedDemoInformation } from './demo-information';
import { seedDemoJobs } from './demo-jobs';
import { seedDemoMarket } from './demo-market';
import { DEMO_OFFICIALS, DEMO_PASSWORD, seedDemoOfficials } from './demo-officials';
import { seedDemoStations } from './demo-stations';
import { seedDemoSurveys } from './demo-surveys';
import { seedDemoCourses } from './demo-training';
import { ROOT, startStack } from './stack';

// `npm start`: the whole product on its embedded default, no account, no network.
const dataDir = resolve(ROOT, '.data');

// The Worker's secrets, made once per checkout and kept beside the local database (never
// committed): sign-in works locally, and follow tokens stay derivable across restarts.
function localSecrets(): Record<string, string> {
  const file = resolve(dataDir, 'dev-secrets.json');
  const kept = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)
    : {};
  // Secrets added by later versions are made for checkouts that already have the file.
  const secrets = {
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    FOLLOW_TOKEN_SECRET: randomBytes(32).toString('base64url'),
    // The chat's master key ("<id>:<base64 of 32 bytes>"): wraps each room's data key.
    CHAT_MASTER_KEYS: `local-1:${randomBytes(32).toString('base64')}`,
    // The sandbox e-wallet's merchant secret (payments work locally, nothing leaves the machine).
    WALLET_SECRET: randomBytes(32).toString('base64url'),
    ...kept,
  };
  if (Object.keys(secrets).length !== Object.keys(kept).length) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  }
  return secrets;
}

// The web admin is served by the Worker from its build (edge/admin/dist): build it first.
// After editing edge/admin, run `npm run build -w @tinh/admin` and reload the page, or
// `npm run dev -w @tinh/admin` for Vite's live reload on http://localhost:5174/admin/.
console.log('Đang xây dựng trang quản trị (edge/admin)...');
await buildAdmin().catch((err: unknown) => {
  console.error(
    `Không xây dựng được trang quản trị: ${err instanceof Error ? err.message : String(err)}`,
  );
  process.exit(1);
});

// The sensor gateway simulator (fixtures/sensor-simulator): the demo stations' SensorThings
// gateways, and the forecast provider in place of api.open-meteo.com (no network needed).
const simulatorPort = Number(process.env.SIMULATOR_PORT ?? 8090);
const simulatorUrl = `http://127.0.0.1:${simulatorPort}`;

// Payments: the loopback sandbox of fixtures/payment-sandbox plays the redirect e-wallet
// (its payment page, notifications and status API). Zalo Checkout needs the Zalo app itself,
// so it stays off locally (no ZALO_CHECKOUT_PRIVATE_KEY): the app offers the wallet alone.
const secrets = localSecrets();
const WALLET_MERCHANT_ID = 'DEMO-DVC';
const paymentSandbox = await startPaymentSandbox({
  port: Number(process.env.PAYMENT_SANDBOX_PORT ?? 8091),
  wallet: {
    merchantId: WALLET_MERCHANT_ID,
    secret: secrets.WALLET_SECRET ?? '',
    name: 'Ví điện tử (thử nghiệm)',
  },
  zalo: { appId: 'local', privateKey: randomBytes(16).toString('hex') },
}).catch((err: unknown) => {
  console.error(
    `Không khởi động được ví thử nghiệm: ${err instanceof Error ? err.message : String(err)}`,
  );
  process.exit(1);
});

const stack = await startStack({
  dataDir,
  extraVars: {
    ...secrets,
    FORECAST_API_URL: simulatorUrl,
    WALLET_API_URL: paymentSandbox.url,
    WALLET_MERCHANT_ID,
    WALLET_NAME: 'Ví điện tử (thử nghiệm)',
  },
  simulator: { port: simulatorPort },
  dbPort: Number(process.env.LIBSQL_SERVER_PORT ?? 8080),
  apiPort: Number(process.env.API_PORT ?? 8787),
  miniappPort: Number(process.env.MINIAPP_PORT ?? 3000),
  inheritOutput: true,
}).catch((err: unknown) => {
  console.error(`Không khởi động được: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

// Development only: an Open311 client with a known key, so POST /open311/v2/requests.json
// can be tried by hand. Deployments never run this.
const db = createClient({ url: stack.dbUrl });
try {
  await ensureDevOpen311Client(db);
  // Development only: demo officials, one per role, with the printed password.
  await seedDemoOfficials(db);
  // Development only: the simulator's gateways and stations, thresholds, and their past weeks
  // (only the first time: a few seconds).
  const demo = await seedDemoStations(db, { simulatorUrl, model: modelFromEnv(process.env) });
  if (demo.history.stations > 0) {
    console.log(
      `Đã tạo ${demo.history.stations} trạm quan trắc demo với số liệu các tuần trước (${demo.history.readings} số đo).`,
    );
  }
  // Development only: a hospital with slots for the next 14 days, training courses with
  // upcoming sessions, and open surveys (idempotent: kept as they are once created).
  await seedDemoHospitals(db);
  await seedDemoCourses(db);
  await seedDemoSurveys(db);
  // Development only: the public-information modules' content (news, alerts, schedules,
  // investment, directory, procedures, places, indicators, Q&A).
  await seedDemoInformation(db);
  // Development only: employers, vacancies and job seekers of the jobs module.
  await seedDemoJobs(db);
  // Development only: sellers' and buyers' listings of the agricultural market.
  await seedDemoMarket(db);
} catch (err) {
  console.error(`Không tạo được dữ liệu thử nghiệm: ${String(err)}`);
  await stack.stop();
  process.exit(1);
} finally {
  db.close();
}

console.log(`
  Ứng dụng đã chạy / The app is running:
    Mini app       ${stack.miniappUrl}
    API            ${stack.apiUrl}/api/v1/health
    Quản trị       ${stack.apiUrl}/admin/   (công khai: ${stack.apiUrl}/admin/minh-bach)
    API docs       ${stack.apiUrl}/api/v1/docs
    Open311        ${stack.apiUrl}/open311/v2/discovery.json  (api_key=${DEV_OPEN311_API_KEY})
    Cron           chạy mỗi 5 phút và mỗi giờ (thử ngay: ${stack.apiUrl}/__scheduled?cron=*/5+*+*+*+*)
    Cảm biến       ${simulatorUrl}  (mô phỏng SensorThings và dự báo Open-Meteo)
    Ví thử nghiệm  ${paymentSandbox.url}  (thanh toán lệ phí: trang ví, thông báo và tra cứu giao dịch)
    libSQL         ${stack.dbUrl}  (tệp .data/local.db)
  Cán bộ demo (mật khẩu ${DEMO_PASSWORD}): ${DEMO_OFFICIALS.map((o) => o.email).join(', ')}
  Nhấn Ctrl-C để dừng / Press Ctrl-C to stop.
`);

// `wrangler dev` never fires cron triggers by itself: deliver them on the clock, as Cloudflare
// does in production (wrangler.toml `[triggers] crons`), so the sensors are polled every 5
// minutes and the forecasts refreshed hourly. One tick now, so the stations are fresh at once.
const CRONS = { every5Minutes: '*/5 * * * *', hourly: '0 * * * *' } as const;
const FIVE_MINUTES = 300_000;
const deliver = async (cron: string, at: number) => {
  try {
    const res = await fetch(
      `${stack.apiUrl}/__scheduled?cron=${encodeURIComponent(cron)}&time=${at}`,
      { signal: AbortSignal.timeout(5 * 60_000) },
    );
    await res.arrayBuffer();
  } catch (err) {
    console.error(
      `Cron ${cron} không chạy được: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
};
let cronTimer: NodeJS.Timeout | undefined;
const scheduleCron = () => {
  const next = Math.ceil((Date.now() + 1000) / FIVE_MINUTES) * FIVE_MINUTES;
  cronTimer = setTimeout(() => {
    void deliver(CRONS.every5Minutes, next);
    if (new Date(next).getUTCMinutes() === 0) void deliver(CRONS.hourly, next);
    scheduleCron();
  }, next - Date.now());
};
void deliver(CRONS.every5Minutes, Math.floor(Date.now() / FIVE_MINUTES) * FIVE_MINUTES);
scheduleCron();

let stopping = false;
const shutdown = async (code: number) => {
  if (stopping) return;
  stopping = true;
  clearTimeout(cronTimer);
  await stack.stop();
  await paymentSandbox.close();
  process.exit(code);
};
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
// `npm start` runs us under `sh -c`; when npm is stopped with SIGTERM alone, the
// shell dies without passing the signal on and we are re-parented. Notice that,
// so no database, workerd or Vite process outlives the command that started it.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) void shutdown(0);
}, 1000).unref();
void stack.exited.then(() => shutdown(1));
