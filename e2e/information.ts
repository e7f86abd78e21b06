/**
 * Browser checks of the public-information modules (issue 8), `E2E_ONLY=information`: one
 * local stack (the product as `npm start` runs it, with the web admin built) on ports of its
 * own, every module's demo data seeded, then each module's checks from e2e/information/ in
 * turn with a phone-sized mini app page and a laptop-sized admin page.
 *
 * Env: E2E_INFO_DB_PORT (18680), E2E_INFO_API_PORT (19387), E2E_INFO_MINIAPP_PORT (3107),
 * E2E_INFO_ONLY=<module> (comma-separated) to run some modules' checks only.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Client, createClient } from '@libsql/client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildAdmin } from '../scripts/build-admin';
import { seedDemoOfficials } from '../scripts/demo-officials';
import { signInToAdmin } from './admin-sign-in';
import { attempt, check, current, keepLocal, PHONE, SCREENSHOTS, settle } from './harness';
import type { InformationContext } from './information/context';
import { E2E_ZALO_ACCESS_TOKEN } from './sign-in';
import { zaloStack } from './zalo-stack';

const DB_PORT = Number(process.env.E2E_INFO_DB_PORT ?? 18680);
const API_PORT = Number(process.env.E2E_INFO_API_PORT ?? 19387);
const MINIAPP_PORT = Number(process.env.E2E_INFO_MINIAPP_PORT ?? 3107);
const LAPTOP = { width: 1366, height: 860 };

/** The mini app routes of the public-information functions (miniapp/src/features.ts). */
const INFORMATION_ROUTES = [
  '/work-schedules',
  '/government-news',
  '/investment',
  '/directory',
  '/digital-map',
  '/public-services',
  '/socio-economic',
] as const;

type Seeder = (client: Client, now?: Date) => Promise<unknown>;
type Scenario = (ctx: InformationContext) => Promise<void>;

/**
 * The modules, in the order their checks run: each with its demo seeder
 * (scripts/demo-<name>.ts, `seedDemo<Name>`) and its checks (e2e/information/<name>.ts,
 * `<name>Scenario`).
 */
const MODULE_NAMES = [
  'news',
  'emergency',
  'schedules',
  'investment',
  'directory',
  'public-services',
  'digital-map',
  'socio-economic',
  'qa',
] as const;

const DEMO_FILES: Record<(typeof MODULE_NAMES)[number], string> = {
  news: 'news',
  emergency: 'emergency',
  schedules: 'schedules',
  investment: 'investment',
  directory: 'directory',
  'public-services': 'procedures',
  'digital-map': 'places',
  'socio-economic': 'indicators',
  qa: 'qa',
};

const pascal = (s: string) =>
  s.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()).replace(/-/g, '');
const camel = (s: string) => pascal(s).replace(/^\w/, (c) => c.toLowerCase());

const MODULES = MODULE_NAMES.map((name) => ({
  name,
  seedFile: `../scripts/demo-${DEMO_FILES[name]}.ts`,
  seed: async (): Promise<Seeder> =>
    (await import(`../scripts/demo-${DEMO_FILES[name]}.ts`))[`seedDemo${pascal(DEMO_FILES[name])}`],
  run: async (): Promise<Scenario> =>
    (await import(`./information/${name}.ts`))[`${camel(name)}Scenario`],
}));

async function signIn(page: Page, adminBase: string, email: string): Promise<void> {
  await page.context().clearCookies();
  await signInToAdmin(page, adminBase, email);
}

export async function runInformationScenario(
  browser: Browser,
  cleanups: Set<() => Promise<void> | void>,
): Promise<void> {
  const only = process.env.E2E_INFO_ONLY?.split(',').map((s) => s.trim());
  const chosen = MODULES.filter((m) => !only || only.includes(m.name));
  const local = zaloStack('information', cleanups, {
    dbPort: DB_PORT,
    apiPort: API_PORT,
    miniappPort: MINIAPP_PORT,
  });
  const contexts: BrowserContext[] = [];
  let db: Client | undefined;
  try {
    console.log('building the web admin and starting the local stack for the information test...');
    await buildAdmin({ quiet: true });
    const stack = await local.start(E2E_ZALO_ACCESS_TOKEN);
    db = createClient({ url: stack.dbUrl });
    await seedDemoOfficials(db);
    const now = new Date();
    for (const m of MODULES) {
      if (!existsSync(fileURLToPath(new URL(m.seedFile, import.meta.url)))) continue;
      await (await m.seed())(db, now);
    }
    check(`demo data of ${MODULES.length} information modules seeded`, true);

    const errors: string[] = [];
    const external: string[] = [];
    const phone = await browser.newContext(PHONE);
    const laptop = await browser.newContext({
      viewport: LAPTOP,
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
    for (const context of [phone, laptop]) {
      contexts.push(context);
      await keepLocal(context, external);
      context.on('page', (page) => {
        page.on('dialog', (dialog) => void dialog.accept());
        page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
      });
    }
    const page = await phone.newPage();
    const adminPage = await laptop.newPage();
    const adminBase = `${stack.apiUrl}/admin/`;
    const ctx: InformationContext = {
      page,
      miniBase: `${stack.miniappUrl}/`,
      adminPage,
      adminBase,
      apiUrl: stack.apiUrl,
      db,
      signInAdmin: (email) => signIn(adminPage, adminBase, email),
    };
    for (const m of chosen) {
      console.log(`— ${m.name}`);
      try {
        await (await m.run())(ctx);
      } catch (error) {
        check(
          `${m.name} checks ran`,
          false,
          error instanceof Error ? error.message : String(error),
        );
      }
    }
    // Every module's page, whatever its own checks did: it opens, shows something and no crash.
    for (const route of INFORMATION_ROUTES) {
      await attempt(`the mini app opens ${route} with content`, async () => {
        await page.goto(`${ctx.miniBase}${route.slice(1)}`, { waitUntil: 'domcontentloaded' });
        await current(page).waitFor({ timeout: 30_000 });
        await settle(page);
        await page.screenshot({
          path: `${SCREENSHOTS}information-visit-${route.slice(1)}.png`,
          fullPage: true,
        });
        if ((await page.locator('.crash').count()) > 0) return 'the error screen is shown';
        const text = ((await current(page).textContent()) ?? '').trim();
        return text.length > 40 ? undefined : `the page reads "${text}"`;
      });
    }
    // Map tiles come from the configured tile server (VITE_MAP_TILE_URL), refused offline here.
    const others = external.filter((url) => !url.startsWith('https://tile.openstreetmap.org/'));
    check(
      'nothing is fetched from outside but map tiles',
      others.length === 0,
      [...new Set(others)].join(', '),
    );
    check(
      'no JavaScript errors on the information screens',
      errors.length === 0,
      errors.join(' | '),
    );
  } catch (error) {
    check('information test run', false, error instanceof Error ? error.message : String(error));
  } finally {
    db?.close();
    for (const context of contexts) await context.close().catch(() => undefined);
    await local.stop();
  }
}
