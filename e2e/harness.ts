/// <reference lib="dom" />
/**
 * What the browser scenarios share: the pass/fail ledger ("N passed, M failed"), waiting
 * for Chromium, the launch options, and screenshot helpers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
export const VIEWPORT = { width: 390, height: 844 };

/** A phone in Vietnam: the browser context of the mini-app scenarios. */
export const PHONE: BrowserContextOptions = {
  viewport: VIEWPORT,
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'vi-VN',
  timezoneId: 'Asia/Ho_Chi_Minh',
};

/**
 * No internet on these machines (a phone out of coverage may as well have none): every
 * request that leaves localhost fails; `external`, when given, collects their addresses.
 */
export async function keepLocal(context: BrowserContext, external?: string[]): Promise<void> {
  await context.route(
    (url) => url.hostname !== 'localhost' && url.hostname !== '127.0.0.1',
    (route) => {
      external?.push(route.request().url());
      return route.abort('internetdisconnected');
    },
  );
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

type Check = { name: string; ok: boolean; detail?: string };
export const checks: Check[] = [];

export function check(name: string, ok: boolean, detail?: string): boolean {
  checks.push({ name, ok, detail });
  console.log(`${ok ? '✓' : '✗'} ${name}${!ok && detail ? `\n    ${detail}` : ''}`);
  return ok;
}

/** Runs one check: it passes when `run` returns undefined, fails with the string it returns or the error it throws. */
export async function attempt(
  name: string,
  run: () => Promise<string | undefined>,
): Promise<boolean> {
  try {
    const problem = await run();
    return check(name, problem === undefined, problem);
  } catch (error) {
    return check(
      name,
      false,
      error instanceof Error ? error.message.split('\n')[0] : String(error),
    );
  }
}

/** apt may still be installing Chromium when the test starts (fresh machine). */
export async function waitForChromium(): Promise<void> {
  const deadline = Date.now() + 10 * 60_000;
  while (!existsSync(CHROMIUM) && Date.now() < deadline) {
    const log = existsSync('/tmp/apt.log') ? readFileSync('/tmp/apt.log', 'utf8') : '';
    if (log.trimEnd().endsWith('done')) break;
    console.log(`waiting for ${CHROMIUM} (apt still installing)...`);
    await sleep(10_000);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found; install Debian's chromium`);
}

/** The last zmp-ui page is the one on screen (the previous one may still be sliding out). */
export const current = (page: Page) => page.locator('.zaui-page').last();

/** Nothing may stick out of a phone: the visible page must not scroll sideways. */
export async function sideways(page: Page): Promise<string | undefined> {
  const overflow = await current(page).evaluate((el) => el.scrollWidth - el.clientWidth);
  return overflow > 0 ? `the page scrolls sideways by ${overflow}px` : undefined;
}

/** Waits for CSS transitions (the dialog's zoom, page transitions) so screenshots are not mid-fade. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const finished = Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null)));
    await Promise.race([finished, new Promise((resolve) => setTimeout(resolve, 3000))]);
  });
}

/**
 * zmp-ui pages scroll inside their own element, so grow the viewport to capture all of
 * it. With several pages mounted (the router keeps the previous one during the slide),
 * the visible one is the last.
 */
export async function screenshotWholePage(page: Page, path: string): Promise<void> {
  const viewport = page.viewportSize() ?? VIEWPORT;
  const height = await page.evaluate(() => {
    const pages = document.querySelectorAll('.zaui-page');
    const scroller = pages[pages.length - 1];
    return scroller ? scroller.scrollHeight : document.documentElement.scrollHeight;
  });
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  await settle(page);
  await page.screenshot({ path });
  await page.setViewportSize(viewport);
}

export function summary(): number {
  const failed = checks.filter((c) => !c.ok).length;
  console.log(`${checks.length - failed} passed, ${failed} failed`);
  return failed;
}
