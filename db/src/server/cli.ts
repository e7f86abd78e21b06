// Runs the local libSQL server:
//   tsx db/src/server/cli.ts --file .data/local.db --port 8080 --host 127.0.0.1
// Flags fall back to LIBSQL_SERVER_FILE, LIBSQL_SERVER_PORT, LIBSQL_SERVER_HOST and
// LIBSQL_AUTH_TOKEN. Prints one line with the URL once listening, e.g.
//   libsql server listening on http://127.0.0.1:8080 (file /abs/path/local.db)
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startLibsqlServer } from './index';

function fail(message: string): never {
  console.error(`libsql server: ${message}`);
  process.exit(2);
}

const USAGE =
  'usage: tsx db/src/server/cli.ts [--file PATH] [--port N] [--host ADDR] [--auth-token T] [--stream-timeout-ms MS]';

function readArgs() {
  try {
    return parseArgs({
      options: {
        file: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'auth-token': { type: 'string' },
        'stream-timeout-ms': { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (e) {
    return fail(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
  }
}

const values = readArgs();
const file = values.file ?? process.env.LIBSQL_SERVER_FILE ?? '.data/local.db';
const portText = values.port ?? process.env.LIBSQL_SERVER_PORT ?? '8080';
const port = Number(portText);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`invalid port "${portText}"`);
const timeoutText = values['stream-timeout-ms'];
const streamTimeoutMs = timeoutText === undefined ? undefined : Number(timeoutText);
if (streamTimeoutMs !== undefined && !(streamTimeoutMs > 0)) {
  fail(`invalid stream timeout "${timeoutText}"`);
}
// An empty token (e.g. LIBSQL_AUTH_TOKEN= in a .env file) means no auth, not "match nothing".
const authToken = (values['auth-token'] ?? process.env.LIBSQL_AUTH_TOKEN) || undefined;

mkdirSync(dirname(resolve(file)), { recursive: true });

const server = await startLibsqlServer({
  file,
  port,
  host: values.host ?? process.env.LIBSQL_SERVER_HOST ?? '127.0.0.1',
  authToken,
  streamTimeoutMs,
}).catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));

console.log(`libsql server listening on ${server.url} (file ${resolve(file)})`);

let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  if (stopping) {
    // A second signal means "now": the WAL keeps every committed transaction anyway.
    process.exit(1);
  }
  stopping = true;
  server.close().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(`libsql server: error while stopping on ${signal}:`, e);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
