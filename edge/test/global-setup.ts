import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client';
import { startLibsqlServer } from '@tinh/db/server';
import { prepareDatabase } from '@tinh/db/setup';
import type { TestProject } from 'vitest/node';
import { unstable_readConfig } from 'wrangler';
import { startPaymentSandbox } from '../../fixtures/payment-sandbox/server';
import { startSimulator } from '../../fixtures/sensor-simulator/server';
import { startFakeOpenMeteo } from './support/node-fake-open-meteo';
import { startFakeSensorGateway } from './support/node-fake-sensor-gateway';
import { startFakeZaloGraph } from './support/node-fake-zalo-graph';
import { startFakeZaloOa } from './support/node-fake-zalo-oa';

/**
 * Runs in Node before the Workers pool starts: a local libSQL server over a throwaway file
 * on a random loopback port, migrated and seeded like a real deployment. The Worker (in
 * workerd) reaches it over HTTP at the provided URL.
 */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'tinh-edge-test-'));
  const server = await startLibsqlServer({
    file: join(dir, 'test.db'),
    host: '127.0.0.1',
    port: 0,
  });
  try {
    await prepareDatabase({ url: server.url });
    // Early-warning rules off: every test file's reports share this database, and a cron
    // run from one file must not raise alerts (and notify the IOC) from another's reports.
    // test/intake-clusters.test.ts turns on the one rule it exercises.
    const client = createClient({ url: server.url });
    await client.execute('update cluster_rules set enabled = 0');
    client.close();
  } catch (err) {
    await server.close();
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  project.provide('libsqlUrl', server.url);
  // A loopback stand-in for the Zalo Graph API (location tokens).
  const zalo = await startFakeZaloGraph();
  project.provide('zaloGraphUrl', zalo.url);
  // A loopback stand-in for the Zalo OA and ZNS APIs (outbox deliveries); tests drive it.
  const zaloOa = await startFakeZaloOa();
  project.provide('zaloOaUrl', zaloOa.url);
  // A loopback stand-in for sensor gateways (SensorThings and simple JSON); tests drive it.
  const sensors = await startFakeSensorGateway();
  project.provide('sensorGatewayUrl', sensors.url);
  // Weather forecasts: a loopback stand-in for Open-Meteo that tests drive; and the sensor
  // simulator `npm start` runs (its 26 stations, SensorThings), polled for real by its test.
  const openMeteo = await startFakeOpenMeteo();
  project.provide('openMeteoUrl', openMeteo.url);
  const simulator = await startSimulator({ port: 0 });
  project.provide('simulatorUrl', simulator.url);
  // Both payment providers (Zalo Checkout's status API, the redirect e-wallet), with the
  // test keys of vitest.config.ts; the payment tests drive it.
  const payments = await startPaymentSandbox({
    wallet: { merchantId: 'TEST-MERCHANT', secret: 'test-wallet-secret' },
    zalo: { appId: 'test-zalo-app-id', privateKey: 'test-checkout-private-key' },
  });
  project.provide('paymentSandboxUrl', payments.url);
  const wrangler = unstable_readConfig({
    config: fileURLToPath(new URL('../../wrangler.toml', import.meta.url)),
  });
  project.provide('cronTriggers', wrangler.triggers.crons ?? []);
  return async () => {
    await zalo.close();
    await zaloOa.close();
    await sensors.close();
    await openMeteo.close();
    await simulator.close();
    await payments.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  };
}
