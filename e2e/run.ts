/// <reference lib="dom" />
/**
 * Browser tests of the mini app: `npm run test:browser`.
 *
 * 1. The home screen: the mini app's Vite dev server on its own port with the API pointed
 *    at a closed port (the home must work while the API is down).
 * 2. Field reports (e2e/reports.ts) against the real API: the whole local stack
 *    (libSQL server, migrations and seed, wrangler dev, the mini app) on ports of its
 *    own with a throw-away data directory.
 *
 * Drives Debian's Chromium at phone size with playwright-core, saves screenshots to
 * e2e/screenshots/, and ends with "N passed, M failed" (exit code 1 on any failure).
 *
 * Env: E2E_PORT (default 3100), CHROMIUM_PATH (default /usr/bin/chromium),
 * E2E_ONLY=home,reports,… (comma-separated parts of home|reports|officials|admin|environment|
 * services|services-admin|chat|information|jobs|market|payments|utilities; officials: e2e/miniapp-officials.ts;
 * admin: the web admin, e2e/admin.ts; environment:
 * weather and environment monitoring with the sensor simulator, e2e/environment.ts;
 * services-admin: the admin's appointments, training and survey screens, e2e/services-admin.ts;
 * services: the mini app's appointments, surveys and training, e2e/services.ts; chat: the
 * officials' chat in the admin and the mini app, E2E_ONLY=chat, e2e/chat.ts; information: the
 * public-information modules in the mini app and the admin, e2e/information.ts; jobs: the
 * jobs function in the mini app and its moderation in the admin, e2e/jobs.ts; utilities: the
 * language utilities' not-configured path and the phone's refusals, e2e/utilities.ts; market:
 * posting a listing with a photo and finding it without tone marks, e2e/market.ts; payments:
 * paying a procedure's fee with the sandbox e-wallet through to its notification, and the
 * admin's view of it, e2e/payments.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { APP_NAME } from '../miniapp/src/config';
import { FEATURES } from '../miniapp/src/features';
import { runAdminScenario } from './admin';
import { runChatScenario } from './chat';
import { runEnvironmentScenario } from './environment';
import {
  attempt,
  CHROMIUM,
  CHROMIUM_ARGS,
  check,
  keepLocal,
  PHONE,
  SCREENSHOTS,
  screenshotWholePage,
  settle,
  summary,
  VIEWPORT,
  waitForChromium,
} from './harness';
import { runInformationScenario } from './information';
import { runJobsScenario } from './jobs';
import { runMarketScenario } from './market';
import { runOfficialsScenario } from './miniapp-officials';
import { runPaymentsScenario } from './payments';
import { runReportScenario } from './reports';
import { runServicesScenario } from './services';
import { runServicesAdminScenario } from './services-admin';
import { runUtilitiesScenario } from './utilities';

const PORT = Number(process.env.E2E_PORT ?? 3100);
const BASE_URL = `http://localhost:${PORT}/`;
const MINIAPP_DIR = fileURLToPath(new URL('../miniapp/', import.meta.url));
// Nothing listens on port 1: every /api call through the dev proxy fails like a dead API.
const DEAD_API = 'http://127.0.0.1:1';
/** Parts named in E2E_ONLY (comma-separated), or every part when it is unset. */
const ONLY = process.env.E2E_ONLY?.split(',').map((part) => part.trim());
const wants = (part: string) => ONLY === undefined || ONLY.includes(part);

/** The mini app's own Vite 5 (the root has a newer one for vitest), wherever npm put it. */
function miniappViteBin(): string {
  const require = createRequire(`${MINIAPP_DIR}package.json`);
  const manifest = require.resolve('vite/package.json');
  const { bin } = require(manifest) as { bin: { vite: string } };
  return fileURLToPath(new URL(bin.vite, `file://${manifest}`));
}

function startDevServer(): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(
    process.execPath,
    [miniappViteBin(), '--port', String(PORT), '--strictPort'],
    {
      cwd: MINIAPP_DIR,
      env: { ...process.env, API_ORIGIN: DEAD_API, BROWSER: 'none' },
      // Own process group, so the server and its esbuild helper die together.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  return { child, output: () => output };
}

function stopDevServer(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}

async function waitForServer(child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`vite exited with code ${child.exitCode}:\n${output()}`);
    }
    try {
      const response = await fetch(BASE_URL);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(300);
  }
  throw new Error(`vite did not answer on ${BASE_URL} within 90 s:\n${output()}`);
}

/** Labels clipped by the line clamp or sticking out of their tile, and sideways scrolling. */
async function layoutProblems(page: Page): Promise<string | undefined> {
  const problems = await page.locator('.tile, .emergency__line, .flagship').evaluateAll((boxes) =>
    boxes.flatMap((box) => {
      const b = box.getBoundingClientRect();
      return Array.from(box.querySelectorAll('.tile__label, .emergency__label, .flagship__title'))
        .filter((label) => {
          const l = label.getBoundingClientRect();
          const clipped =
            label.scrollHeight > label.clientHeight + 1 ||
            label.scrollWidth > label.clientWidth + 1;
          return clipped || l.left < b.left - 0.5 || l.right > b.right + 0.5;
        })
        .map((label) => label.textContent ?? '');
    }),
  );
  const sideways = await page.evaluate(() => {
    const scroller = document.querySelector('.zaui-page') ?? document.documentElement;
    return scroller.scrollWidth - scroller.clientWidth;
  });
  if (sideways > 0) problems.push(`page scrolls sideways by ${sideways}px`);
  return problems.length === 0 ? undefined : `cut off: ${problems.join('; ')}`;
}

async function homeChecks(page: Page, externalRequests: string[]): Promise<void> {
  await attempt('home opens with the app name in the header', async () => {
    await page.goto(BASE_URL, { waitUntil: 'domcontentloaded' });
    await page.locator('.home-header__title').waitFor({ timeout: 30_000 });
    const title = await page.locator('.home-header__title').textContent();
    return title === APP_NAME ? undefined : `header shows "${title}"`;
  });

  await attempt('all 18 functions are shown with their Vietnamese labels', async () => {
    const missing: string[] = [];
    for (const feature of FEATURES) {
      const label = page.locator('main').getByText(feature.label.vi, { exact: true });
      if ((await label.count()) !== 1 || !(await label.isVisible())) missing.push(feature.label.vi);
    }
    return missing.length === 0 ? undefined : `not visible: ${missing.join(', ')}`;
  });

  const comingSoon = FEATURES.filter((f) => f.status === 'coming_soon').length;

  await attempt(
    comingSoon === 0
      ? 'every function is built: no "Sắp ra mắt" badge anywhere'
      : `the ${comingSoon} function(s) not yet built carry a visible "Sắp ra mắt" badge`,
    async () => {
      const badges = page.locator('main').getByText('Sắp ra mắt', { exact: true });
      const count = await badges.count();
      const visible = await badges.evaluateAll(
        (els) => els.filter((el) => (el as HTMLElement).offsetWidth > 0).length,
      );
      return count === comingSoon && visible === comingSoon
        ? undefined
        : `${count} badges, ${visible} visible`;
    },
  );

  await attempt(
    'field reports, weather and environment are available: no "Sắp ra mắt" badge',
    async () => {
      for (const id of ['field-reports', 'weather', 'environment']) {
        const card = page.locator(`main [data-feature="${id}"]`);
        if ((await card.getByText('Sắp ra mắt').count()) !== 0) return `badge shown on ${id}`;
      }
      return undefined;
    },
  );

  await attempt('every function icon is drawn (bundled SVG, no icon font)', async () => {
    const bad = await page.locator('main [data-feature]').evaluateAll((tiles) =>
      tiles
        .filter((tile) => {
          const icon = tile.querySelector('.app-icon');
          if (!icon) return true;
          const style = getComputedStyle(icon);
          const mask = style.maskImage || style.getPropertyValue('-webkit-mask-image');
          const box = icon.getBoundingClientRect();
          return !mask.startsWith('url(') || box.width < 16 || box.height < 16;
        })
        .map((tile) => tile.getAttribute('data-feature')),
    );
    return bad.length === 0 ? undefined : `no icon: ${bad.join(', ')}`;
  });

  await attempt('no label is cut off or wider than its tile on a 390px phone', async () =>
    layoutProblems(page),
  );

  await attempt('emergency numbers 113, 114 and 115 are on the home screen', async () => {
    for (const number of ['113', '114', '115']) {
      if (!(await page.locator('.emergency__number', { hasText: number }).isVisible())) {
        return `${number} not visible`;
      }
    }
    return undefined;
  });

  await screenshotWholePage(page, `${SCREENSHOTS}home-vi.png`);

  // Whichever function is still being built: the list shrinks as functions ship.
  const soon = FEATURES.find((f) => f.status === 'coming_soon');
  if (soon) {
    await attempt(
      `tapping a coming-soon function ("${soon.label.vi}") explains it instead of opening a page`,
      async () => {
        const urlBefore = page.url();
        await page.locator('main').getByText(soon.label.vi, { exact: true }).tap();
        const dialog = page.locator('.coming-soon');
        await dialog.waitFor({ state: 'visible', timeout: 5_000 });
        const text = ((await dialog.textContent()) ?? '').replace(/\s+/g, ' ');
        if (!text.includes(soon.label.vi)) return `dialog does not name the function: "${text}"`;
        if (!text.includes('Sắp ra mắt')) return 'dialog has no "Sắp ra mắt" mark';
        if (!text.includes('đang được xây dựng'))
          return `dialog does not say it is being built: "${text}"`;
        if (!text.includes(soon.description.vi)) return 'dialog does not describe the function';
        if (page.url() !== urlBefore) return `navigated to ${page.url()}`;
        return undefined;
      },
    );

    await settle(page);
    await page.screenshot({ path: `${SCREENSHOTS}coming-soon-vi.png` });

    await attempt('"Đã hiểu" closes the explanation', async () => {
      await page.getByRole('button', { name: 'Đã hiểu' }).tap();
      await page.locator('.coming-soon').waitFor({ state: 'hidden', timeout: 5_000 });
      return undefined;
    });
  }

  await attempt('switching to English relabels the grid', async () => {
    await page.getByRole('button', { name: 'English' }).tap();
    await page.locator('main').getByText('Weather', { exact: true }).waitFor({ timeout: 5_000 });
    const missing: string[] = [];
    for (const feature of FEATURES) {
      const label = page.locator('main').getByText(feature.label.en, { exact: true });
      if (!(await label.isVisible())) missing.push(feature.label.en);
    }
    if (missing.length > 0) return `not visible: ${missing.join(', ')}`;
    if (
      (await page.locator('main').getByText('Coming soon', { exact: true }).count()) !== comingSoon
    ) {
      return 'the "Coming soon" badges are not all translated';
    }
    const lang = await page.evaluate(() => document.documentElement.lang);
    return lang === 'en' ? undefined : `<html lang="${lang}">`;
  });

  await attempt('English labels fit a 390px phone too', async () => layoutProblems(page));

  await screenshotWholePage(page, `${SCREENSHOTS}home-en.png`);

  await attempt('labels still fit on a 360px phone, in both languages', async () => {
    await page.setViewportSize({ width: 360, height: VIEWPORT.height });
    try {
      const en = await layoutProblems(page);
      await page.getByRole('button', { name: 'Tiếng Việt' }).tap();
      await page.locator('main').getByText('Thời tiết', { exact: true }).waitFor();
      const vi = await layoutProblems(page);
      await page.getByRole('button', { name: 'English' }).tap();
      await page.locator('main').getByText('Weather', { exact: true }).waitFor();
      return en || vi
        ? [en && `en ${en}`, vi && `vi ${vi}`].filter(Boolean).join(' | ')
        : undefined;
    } finally {
      await page.setViewportSize(VIEWPORT);
    }
  });

  await attempt('the language choice survives a reload', async () => {
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page
      .locator('main')
      .getByText('Field reports', { exact: true })
      .waitFor({ timeout: 10_000 });
    return undefined;
  });

  await attempt('no error screen while the API is down', async () => {
    return (await page.locator('.crash').count()) === 0 ? undefined : 'the crash screen is shown';
  });

  await attempt(
    'nothing is fetched from outside the device (icons and fonts are local)',
    async () => (externalRequests.length === 0 ? undefined : externalRequests.join(', ')),
  );
}

const cleanups = new Set<() => Promise<void> | void>();

async function homePart(browser: Browser): Promise<void> {
  const server = startDevServer();
  const stopServer = () => stopDevServer(server.child);
  cleanups.add(stopServer);
  const context = await browser.newContext(PHONE);
  try {
    await waitForServer(server.child, server.output);
    const page = await context.newPage();

    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      // The API is dead on purpose here: its failed calls are expected, everything else is not.
      const deadApiCall =
        message.text().startsWith('Failed to load resource') &&
        new URL(message.location().url, BASE_URL).pathname.startsWith('/api/');
      if (message.type() === 'error' && !deadApiCall) pageErrors.push(message.text());
    });
    // This machine has no internet, and a phone on a weak network may as well not:
    // answer every request that leaves localhost with a failure and record it.
    const externalRequests: string[] = [];
    await keepLocal(context, externalRequests);

    await homeChecks(page, externalRequests);
    check('no JavaScript errors in the page', pageErrors.length === 0, pageErrors.join(' | '));
  } catch (error) {
    check('home test run', false, error instanceof Error ? error.message : String(error));
  } finally {
    await context.close().catch(() => undefined);
    stopServer();
    cleanups.delete(stopServer);
  }
}

async function main(): Promise<number> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await waitForChromium();

  let browser: Browser | undefined;
  const stop = async () => {
    for (const cleanup of cleanups) await cleanup();
    process.exit(130);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());

  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    if (wants('home')) await homePart(browser);
    if (wants('reports')) await runReportScenario(browser, cleanups);
    if (wants('officials')) await runOfficialsScenario(browser, cleanups);
    if (wants('admin')) await runAdminScenario(browser, cleanups);
    if (wants('environment')) {
      await runEnvironmentScenario(browser, cleanups);
    }
    if (wants('chat')) await runChatScenario(browser, cleanups);
    if (wants('services')) await runServicesScenario(browser, cleanups);
    if (wants('services-admin')) {
      await runServicesAdminScenario(browser, cleanups);
    }
    if (wants('information')) {
      await runInformationScenario(browser, cleanups);
    }
    if (wants('jobs')) await runJobsScenario(browser, cleanups);
    if (wants('market')) await runMarketScenario(browser, cleanups);
    if (wants('payments')) await runPaymentsScenario(browser, cleanups);
    if (wants('utilities')) await runUtilitiesScenario(browser, cleanups);
  } catch (error) {
    check('test run', false, error instanceof Error ? error.message : String(error));
  } finally {
    await browser?.close().catch(() => undefined);
    for (const cleanup of cleanups) await cleanup();
  }

  console.log(`\nscreenshots: ${SCREENSHOTS}`);
  return summary() === 0 ? 0 : 1;
}

process.exitCode = await main();
