/**
 * The local stack of the mini-app scenarios: the product as `npm start` runs it, on ports of
 * its own with a throw-away data directory, and a fake Zalo Graph API on loopback.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAKE_ZALO_SECRET, startFakeZaloGraph } from '../edge/test/support/node-fake-zalo-graph';
import { type Stack, startStack } from '../scripts/stack';

export interface ZaloStack {
  /**
   * Starts the fake Graph API, then the stack. `devZaloToken` is read by the mini app's dev
   * server (a child of the stack): a browser has no zmp-sdk token, so sign-in uses this one,
   * which the fake Graph API accepts.
   */
  start(devZaloToken: string): Promise<Stack>;
  /** Stops what was started and removes the data directory. */
  stop(): Promise<void>;
}

/**
 * `stop` stays in `cleanups` (run on an interrupted run) until it is called. `extraVars` are
 * more Worker vars for this scenario (e.g. INTAKE_AUTO_ROUTE=off where the IOC must find the
 * report in its queue).
 */
export function zaloStack(
  name: string,
  cleanups: Set<() => Promise<void> | void>,
  ports: { dbPort: number; apiPort: number; miniappPort: number },
  extraVars: Record<string, string> = {},
): ZaloStack {
  const dataDir = mkdtempSync(join(tmpdir(), `e2e-${name}-`));
  let stack: Stack | undefined;
  let zaloGraph: Awaited<ReturnType<typeof startFakeZaloGraph>> | undefined;
  const stopStack = async () => {
    await stack?.stop();
    await zaloGraph?.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  cleanups.add(stopStack);
  return {
    async start(devZaloToken) {
      zaloGraph = await startFakeZaloGraph();
      process.env.VITE_DEV_ZALO_ACCESS_TOKEN = devZaloToken;
      stack = await startStack({
        dataDir,
        ...ports,
        inheritOutput: false,
        extraVars: {
          ZALO_GRAPH_URL: zaloGraph.url,
          ZALO_APP_SECRET: FAKE_ZALO_SECRET,
          SESSION_SECRET: `e2e-session-secret-${crypto.randomUUID()}`,
          ...extraVars,
        },
      });
      return stack;
    },
    async stop() {
      await stopStack();
      cleanups.delete(stopStack);
    },
  };
}
