// Shared set-up for the local libSQL server tests: a server on its own temp file and port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client, type Config, createClient } from '@libsql/client/web';
import { type LibsqlServer, type LibsqlServerOptions, startLibsqlServer } from '../src/server';

export interface TestServer {
  server: LibsqlServer;
  url: string;
  file: string;
  /** A real @libsql/client (the /web build that Workers use) pointed at the server. */
  client(config?: Partial<Config>): Client;
  health(): Promise<{ ok: boolean; pipelines: number; streams: number }>;
  /** A hand-written request, for what the client never sends. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export async function startTestServer(
  opts: Partial<LibsqlServerOptions> = {},
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'libsql-server-test-'));
  const file = join(dir, 'test.db');
  const server = await startLibsqlServer({ file, port: 0, ...opts });
  const clients: Client[] = [];
  return {
    server,
    url: server.url,
    file,
    client(config = {}) {
      const client = createClient({ url: server.url, authToken: opts.authToken, ...config });
      clients.push(client);
      return client;
    },
    async health() {
      const res = await fetch(`${server.url}/health`);
      return (await res.json()) as { ok: boolean; pipelines: number; streams: number };
    },
    post(path, body, headers = {}) {
      return fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    },
    async close() {
      for (const client of clients) client.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
