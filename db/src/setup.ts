import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import * as schema from './schema';
import { seedReferenceData } from './seed/seed';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../migrations', import.meta.url));

/**
 * Brings a libSQL database (the local server, sqld or Turso) to the current
 * schema and reference data. Safe to run on every start and every deploy:
 * applied migrations are skipped and the seed is an upsert.
 */
export async function prepareDatabase(opts: { url: string; authToken?: string }): Promise<void> {
  const client = createClient({ url: opts.url, authToken: opts.authToken });
  try {
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    await seedReferenceData(db);
  } finally {
    client.close();
  }
}
