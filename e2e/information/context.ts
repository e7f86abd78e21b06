import type { Client } from '@libsql/client';
import type { Page } from 'playwright-core';

/**
 * What each public-information module's browser checks get from the runner
 * (e2e/information.ts): one local stack with every module's demo data seeded, a phone-sized
 * mini app page (a citizen, not signed in) and a laptop-sized admin page (nobody signed in).
 * A module's checks live in e2e/information/<module>.ts as
 * `export async function <module>Scenario(ctx: InformationContext): Promise<void>`, record
 * results with `attempt`/`check` (e2e/harness.ts) and save screenshots as
 * `${SCREENSHOTS}information-<module>-<name>.png`.
 */
export interface InformationContext {
  /** The mini app: `${miniBase}<route>` opens a function (`miniBase` ends with `/`). */
  page: Page;
  miniBase: string;
  /** The web admin: `${adminBase}<path>` (`adminBase` ends with `/admin/`). */
  adminPage: Page;
  adminBase: string;
  /** The API origin, e.g. http://127.0.0.1:19387 (no trailing slash). */
  apiUrl: string;
  /** The local database, for set-up and for checking what was stored. */
  db: Client;
  /** Signs `adminPage` in as a demo official (scripts/demo-officials.ts), replacing any session. */
  signInAdmin(email: string): Promise<void>;
}
