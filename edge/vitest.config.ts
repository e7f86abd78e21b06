import { mkdirSync } from 'node:fs';
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineProject } from 'vitest/config';

// wrangler.toml's `[assets]` directory (the web admin's build) must exist or the pool refuses
// to start; the tests do not need the admin built (test/admin-serving.test.ts gives the Worker
// its own stand-in files), so an empty directory is enough on a fresh clone.
mkdirSync(new URL('./admin/dist', import.meta.url), { recursive: true });

// Tests run inside workerd with the real Worker (../wrangler.toml: main, compatibility date,
// vars). test/global-setup.ts starts a local libSQL server on a temporary file and provides
// its URL; it replaces LIBSQL_URL here, before the Worker starts.
export default defineProject({
  plugins: [
    cloudflareTest(({ inject }) => ({
      wrangler: { configPath: '../wrangler.toml' },
      miniflare: {
        bindings: {
          LIBSQL_URL: inject('libsqlUrl'),
          ENVIRONMENT: 'test',
          LOG_LEVEL: 'warn',
          // Field reports: the Graph API stand-in of test/global-setup.ts and test-only secrets.
          ZALO_GRAPH_URL: inject('zaloGraphUrl'),
          ZALO_APP_SECRET: 'test-zalo-app-secret',
          ZALO_TIMEOUT_MS: '1000',
          FOLLOW_TOKEN_SECRET: 'test-follow-token-secret',
          // Citizen sign-in: the HS256 key of session tokens (test/auth-zalo.test.ts signs
          // expired and forged ones with it and with other keys).
          SESSION_SECRET: 'test-session-secret-0123456789abcdef',
          // Smart intake: off, so the workflow tests find their reports in the IOC queue; the
          // auto-routing tests pass INTAKE_AUTO_ROUTE=on to app.fetch themselves.
          INTAKE_AUTO_ROUTE: 'off',
          // Notifications: OA and ZNS on the loopback stand-in of test/global-setup.ts
          // (test/support/node-fake-zalo-oa.ts), and the OA webhook's signing secrets.
          ZALO_OA_API_URL: inject('zaloOaUrl'),
          ZALO_ZNS_API_URL: inject('zaloOaUrl'),
          ZALO_OA_ACCESS_TOKEN: 'test-oa-access-token',
          ZALO_ZNS_TEMPLATE_ID: 'test-zns-template',
          ZALO_OA_SECRET: 'test-zalo-oa-secret',
          ZALO_APP_ID: 'test-zalo-app-id',
          // Weather forecasts: the Open-Meteo stand-in of test/global-setup.ts, never the internet.
          FORECAST_API_URL: inject('openMeteoUrl'),
          FORECAST_TIMEOUT_MS: '1000',
          // Officials' chat: two master keys (the first current), so rotation can be tested.
          CHAT_MASTER_KEYS:
            'test-2:ZGs5Zk1wN3FSdFZ5M3dLOHhOMmJIajZjTDRzRDFmRzA=,test-1:cDBvOWk4dTd5NnQ1cjRlM3cyccTxejF4MmMzdjRiNW4=',
          CHAT_ICE_SERVERS: '[]',
          // Payments: both providers on the loopback sandbox of test/global-setup.ts (the
          // same keys), ZALO_APP_ID above being the mini app's id.
          ZALO_CHECKOUT_PRIVATE_KEY: 'test-checkout-private-key',
          ZALO_CHECKOUT_API_URL: inject('paymentSandboxUrl'),
          WALLET_API_URL: inject('paymentSandboxUrl'),
          WALLET_MERCHANT_ID: 'TEST-MERCHANT',
          WALLET_SECRET: 'test-wallet-secret',
          PAYMENT_PROVIDER_TIMEOUT_MS: '2000',
        },
      },
    })),
  ],
  test: {
    name: 'edge',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    // The first request of a test file loads the whole Worker module graph into workerd.
    testTimeout: 20_000,
  },
});
