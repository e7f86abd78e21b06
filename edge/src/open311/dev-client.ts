// The Open311 client of local development: API key `local-dev-key`, for trying
// `POST /open311/v2/requests.json` against `npm start`. Development only: `npm start`
// (scripts/) runs the statement against the local libSQL server; no deployment path, the
// Worker or the production seed imports this module.
//
//   import { createClient } from '@libsql/client';
//   import { ensureDevOpen311Client } from '../edge/src/open311/dev-client';
//   const client = createClient({ url: stack.dbUrl });
//   await ensureDevOpen311Client(client);   // idempotent; after prepareDatabase()
//   client.close();

export const DEV_OPEN311_CLIENT_ID = 'local-dev';
export const DEV_OPEN311_API_KEY = 'local-dev-key';
/** SHA-256 (hex) of DEV_OPEN311_API_KEY: only the hash is stored (open311_clients.api_key_hash). */
export const DEV_OPEN311_API_KEY_HASH =
  'ed5a18fb8f807f996d649e379d3f35f39c543a91bdbf88c492f2ebd10d4df86c';

/**
 * The upsert of the development client as a libSQL statement (`client.execute(statement)`).
 * Running it again changes nothing; it also un-revokes the client and restores its key.
 */
export function devOpen311ClientStatement(): { sql: string; args: string[] } {
  return {
    sql:
      'insert into open311_clients (id, name, api_key_hash) values (?, ?, ?) ' +
      'on conflict (id) do update set name = excluded.name, api_key_hash = excluded.api_key_hash, revoked_at = null',
    args: [
      DEV_OPEN311_CLIENT_ID,
      'Phát triển cục bộ (local development)',
      DEV_OPEN311_API_KEY_HASH,
    ],
  };
}

/** Runs the upsert with any libSQL client (`@libsql/client` in Node, or `/web`). */
export async function ensureDevOpen311Client(client: {
  execute(statement: { sql: string; args: string[] }): Promise<unknown>;
}): Promise<void> {
  await client.execute(devOpen311ClientStatement());
}
