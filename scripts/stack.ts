import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { prepareDatabase } from '../db/src/setup';

// Starts the product the way `npm start` runs it: the local libSQL server on a
// file, migrations and seed, `wrangler dev` (workerd) for the API, and
// optionally the mini app's Vite dev server. The benchmark reuses it on other
// ports so it never collides with a running dev stack.

export const ROOT = resolve(import.meta.dirname, '..');

// No telemetry, no update check, no Request.cf download: `npm start` must work
// with no network at all.
export const OFFLINE_ENV = {
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_SEND_ERROR_REPORTS: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
} as const;

export interface StackOptions {
  dataDir: string;
  dbPort: number;
  apiPort: number;
  /** Port for the mini app dev server; omit to leave it out (bench, API-only runs). */
  miniappPort?: number;
  /** Print child output (dev) or keep quiet (bench). */
  inheritOutput: boolean;
  /** More Worker vars for `wrangler dev` (`--var NAME:value`), over wrangler.toml's: local secrets, tests. */
  extraVars?: Record<string, string>;
  /**
   * The sensor gateway simulator (fixtures/sensor-simulator) on this loopback port, started
   * before the API so that the cron finds it; `env` adds SIMULATOR_* settings (stations, …).
   */
  simulator?: { port: number; env?: Record<string, string> };
}

export interface Stack {
  dbUrl: string;
  apiUrl: string;
  miniappUrl?: string;
  /** The sensor simulator, when started: SensorThings at /{gateway}/v1.1, Open-Meteo at /v1/forecast. */
  simulatorUrl?: string;
  stop(): Promise<void>;
  /** Resolves when any child exits on its own, with its name. */
  exited: Promise<string>;
}

interface Child {
  name: string;
  proc: ChildProcess;
}

export async function startStack(opts: StackOptions): Promise<Stack> {
  mkdirSync(opts.dataDir, { recursive: true });
  const children: Child[] = [];
  let stopping = false;
  let onExit: (name: string) => void = () => {};
  const exited = new Promise<string>((r) => {
    onExit = r;
  });

  const run = (name: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}) => {
    // detached: each child leads its own process group, so stop() can end the
    // whole tree (wrangler → workerd, vite → esbuild) and nothing else.
    const proc = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: opts.inheritOutput ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    let stderr = '';
    proc.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    proc.on('exit', (code) => {
      if (!stopping) {
        if (!opts.inheritOutput && stderr) process.stderr.write(stderr);
        console.error(`[${name}] đã dừng (mã ${code ?? 'tín hiệu'})`);
        onExit(name);
      }
    });
    children.push({ name, proc });
    return proc;
  };

  const stop = async () => {
    stopping = true;
    await Promise.all(
      children.reverse().map(
        ({ proc }) =>
          new Promise<void>((done) => {
            if (proc.exitCode !== null || proc.signalCode !== null || !proc.pid) return done();
            proc.once('exit', () => done());
            signalGroup(proc.pid, 'SIGTERM');
            setTimeout(() => {
              if (proc.pid) signalGroup(proc.pid, 'SIGKILL');
            }, 5000).unref();
          }),
      ),
    );
  };

  try {
    const dbUrl = `http://127.0.0.1:${opts.dbPort}`;
    run('libsql', process.execPath, [
      '--import',
      'tsx',
      'db/src/server/cli.ts',
      '--file',
      resolve(opts.dataDir, 'local.db'),
      '--port',
      String(opts.dbPort),
    ]);
    await waitForHttp(`${dbUrl}/health`, 'libSQL', exited);
    await prepareDatabase({ url: dbUrl });

    let simulatorUrl: string | undefined;
    if (opts.simulator) {
      simulatorUrl = `http://127.0.0.1:${opts.simulator.port}`;
      run('simulator', process.execPath, ['--import', 'tsx', 'fixtures/sensor-simulator/cli.ts'], {
        ...opts.simulator.env,
        SIMULATOR_PORT: String(opts.simulator.port),
      });
      await waitForHttp(`${simulatorUrl}/health`, 'sensor simulator', exited);
    }

    const apiUrl = `http://localhost:${opts.apiPort}`;
    // wrangler.toml's `[assets]` directory (the web admin's build) must exist, even empty,
    // or wrangler refuses to start; scripts/build-admin.ts fills it.
    mkdirSync(resolve(ROOT, 'edge/admin/dist'), { recursive: true });
    run(
      'api',
      process.execPath,
      [
        resolve(ROOT, 'node_modules/wrangler/bin/wrangler.js'),
        'dev',
        '--port',
        String(opts.apiPort),
        '--ip',
        'localhost',
        '--test-scheduled',
        '--persist-to',
        resolve(opts.dataDir, 'wrangler'),
        '--var',
        `LIBSQL_URL:${dbUrl}`,
        ...Object.entries(opts.extraVars ?? {}).flatMap(([name, value]) => [
          '--var',
          `${name}:${value}`,
        ]),
        '--show-interactive-dev-session=false',
        '--log-level',
        opts.inheritOutput ? 'info' : 'warn',
      ],
      OFFLINE_ENV,
    );
    await waitForHttp(`${apiUrl}/api/v1/health`, 'API', exited, 120_000);

    let miniappUrl: string | undefined;
    if (opts.miniappPort) {
      miniappUrl = `http://localhost:${opts.miniappPort}`;
      run(
        'miniapp',
        process.execPath,
        [
          resolve(ROOT, 'miniapp/node_modules/vite/bin/vite.js'),
          '--config',
          resolve(ROOT, 'miniapp/vite.config.ts'),
          '--port',
          String(opts.miniappPort),
          '--strictPort',
        ],
        { API_ORIGIN: apiUrl },
      );
      await waitForHttp(miniappUrl, 'mini app', exited);
    }
    return { dbUrl, apiUrl, miniappUrl, simulatorUrl, stop, exited };
  } catch (err) {
    await stop();
    throw err;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

async function waitForHttp(
  url: string,
  what: string,
  exited: Promise<string>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let dead: string | undefined;
  void exited.then((name) => {
    dead = name;
  });
  while (Date.now() < deadline) {
    if (dead) throw new Error(`${what}: tiến trình ${dead} đã dừng trước khi sẵn sàng`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} không sẵn sàng sau ${timeoutMs / 1000} giây (${url})`);
}
