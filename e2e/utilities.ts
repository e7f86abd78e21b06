/**
 * Browser checks of the language utilities (tiện ích, issue 10), `E2E_ONLY=utilities`: the
 * local stack (the product as `npm start` runs it) on ports of its own. Locally the Worker has
 * no Workers AI binding (`wrangler dev` would need a Cloudflare login), so what is checked is
 * the honest path: every tab says the function is not configured and its buttons are off.
 * Then, with only the status answer replaced in the browser by one that says "available"
 * (small limits), the phone's own refusals before any upload (not a photo, not audio, too
 * large, too long), and a real upload reaching the real Worker, whose 503 turns the notice on.
 * No recognised or translated text is ever shown: there is no model here to make one.
 *
 * Env: E2E_UTIL_DB_PORT (18693), E2E_UTIL_API_PORT (19400), E2E_UTIL_MINIAPP_PORT (3120).
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseJpeg } from '../edge/test/support/images';
import {
  attempt,
  check,
  current,
  keepLocal,
  PHONE,
  SCREENSHOTS,
  screenshotWholePage,
  settle,
  sideways,
} from './harness';
import { E2E_ZALO_ACCESS_TOKEN } from './sign-in';
import { zaloStack } from './zalo-stack';

const DB_PORT = Number(process.env.E2E_UTIL_DB_PORT ?? 18693);
const API_PORT = Number(process.env.E2E_UTIL_API_PORT ?? 19400);
const MINIAPP_PORT = Number(process.env.E2E_UTIL_MINIAPP_PORT ?? 3120);

const NOTICE = 'Chức năng này chưa được cấu hình trên máy chủ';

async function shot(page: Page, name: string): Promise<void> {
  await settle(page);
  await screenshotWholePage(page, `${SCREENSHOTS}utilities-${name}.png`);
}

async function openTab(page: Page, base: string, tab: string): Promise<void> {
  await page.goto(`${base}utilities?tab=${tab}`, { waitUntil: 'domcontentloaded' });
  await current(page)
    .getByTestId(`util-${tab === 'translate' ? 'translate' : tab}`)
    .waitFor({
      timeout: 30_000,
    });
  await settle(page);
}

/** Picks a file through the panel's button (the browser's file chooser). */
async function pickFile(
  page: Page,
  button: string,
  file: { name: string; mimeType: string; buffer: Buffer },
): Promise<void> {
  const chooser = page.waitForEvent('filechooser', { timeout: 10_000 });
  await current(page).getByTestId(button).click();
  await (await chooser).setFiles(file);
}

const noisy = (head: number[], size: number) => {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 7919 + 13) % 251;
  Buffer.from(head).copy(bytes);
  return bytes;
};

export async function runUtilitiesScenario(
  browser: Browser,
  cleanups: Set<() => Promise<void> | void>,
): Promise<void> {
  // wrangler.toml's [assets] directory must exist; this part does not need the admin built.
  mkdirSync(new URL('../edge/admin/dist/', import.meta.url), { recursive: true });
  const local = zaloStack('utilities', cleanups, {
    dbPort: DB_PORT,
    apiPort: API_PORT,
    miniappPort: MINIAPP_PORT,
  });
  let context: BrowserContext | undefined;
  try {
    console.log('starting the local stack for the utilities test...');
    const stack = await local.start(E2E_ZALO_ACCESS_TOKEN);
    const base = `${stack.miniappUrl}/`;
    const errors: string[] = [];
    const external: string[] = [];
    context = await browser.newContext(PHONE);
    await keepLocal(context, external);
    context.on('page', (p) => {
      p.on('pageerror', (error) => errors.push(`${p.url()}: ${error.message}`));
    });
    const page = await context.newPage();

    await attempt('the API says no function is available without Workers AI', async () => {
      const res = await fetch(`${stack.apiUrl}/api/v1/utilities`);
      const body = (await res.json()) as Record<string, { available?: boolean }> & {
        message: string | null;
      };
      if (res.status !== 200) return `status ${res.status}`;
      const on = ['ocr', 'speech', 'translation'].filter((fn) => body[fn]?.available);
      if (on.length > 0) return `available: ${on.join(', ')}`;
      return body.message?.includes(NOTICE) ? undefined : `message: ${body.message}`;
    });

    await attempt('the home screen opens the utilities', async () => {
      await page.goto(base, { waitUntil: 'domcontentloaded' });
      const tile = current(page).locator('[data-feature="utilities"]');
      await tile.first().waitFor({ timeout: 30_000 });
      await tile.first().click();
      await current(page).getByTestId('util-ocr').waitFor({ timeout: 30_000 });
      return page.url().includes('/utilities') ? undefined : `at ${page.url()}`;
    });

    // ---- not configured: each tab says so and its buttons are off ------------------------
    const tabs = [
      { tab: 'ocr', buttons: ['util-ocr-pick', 'util-ocr-send'] },
      { tab: 'speech', buttons: ['util-speech-pick', 'util-speech-send'] },
      { tab: 'translate', buttons: ['util-translate-send', 'util-swap'] },
    ];
    for (const { tab, buttons } of tabs) {
      await attempt(`${tab}: the not-configured notice, buttons disabled`, async () => {
        await openTab(page, base, tab);
        const notice = current(page).getByTestId('util-not-configured');
        await notice.waitFor({ timeout: 20_000 });
        const text = (await notice.textContent()) ?? '';
        if (!text.includes(NOTICE)) return `the notice reads "${text}"`;
        for (const id of buttons) {
          if (!(await current(page).getByTestId(id).isDisabled())) return `${id} is enabled`;
        }
        if (tab === 'translate' && !(await current(page).getByTestId('util-text').isDisabled())) {
          return 'the text area is enabled';
        }
        if ((await current(page).getByTestId('util-result').count()) > 0)
          return 'a result is shown';
        await shot(page, `${tab}-not-configured`);
        return sideways(page);
      });
    }

    // ---- the phone's own refusals (status replaced in this browser only) -----------------
    // The stand-in changes nothing but the status answer: uploads still go to the real Worker.
    await page.route(
      (url) => url.pathname === '/api/v1/utilities',
      async (route) => {
        const res = await route.fetch();
        const body = (await res.json()) as {
          ocr: { available: boolean; maxBytes: number };
          speech: { available: boolean; maxBytes: number };
          translation: { available: boolean; maxChars: number };
          message: string | null;
        };
        body.ocr = { ...body.ocr, available: true, maxBytes: 20_000 };
        body.speech = { ...body.speech, available: true, maxBytes: 20_000 };
        body.translation = { ...body.translation, available: true, maxChars: 60 };
        body.message = null;
        await route.fulfill({ response: res, json: body });
      },
    );

    await attempt('ocr: a document that is not a photo is refused on the phone', async () => {
      await openTab(page, base, 'ocr');
      await pickFile(page, 'util-ocr-pick', {
        name: 'to-khai.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.7\n1 0 obj\n'),
      });
      const error = current(page).locator('.rp-notice--error');
      await error.waitFor({ timeout: 10_000 });
      const text = (await error.textContent()) ?? '';
      await shot(page, 'ocr-wrong-type');
      return text.includes('không phải ảnh') ? undefined : `the message reads "${text}"`;
    });

    await attempt('ocr: a photo over the limit is refused before upload', async () => {
      await openTab(page, base, 'ocr');
      // Undecodable for the compressor, so it stays at its size: 60 KB over a 20 KB limit.
      await pickFile(page, 'util-ocr-pick', {
        name: 'anh-lon.jpg',
        mimeType: 'image/jpeg',
        buffer: noisy([0xff, 0xd8, 0xff, 0xe0], 60_000),
      });
      const error = current(page).locator('.rp-notice--error');
      await error.waitFor({ timeout: 15_000 });
      const text = (await error.textContent()) ?? '';
      await shot(page, 'ocr-too-large');
      return text.includes('vượt giới hạn') ? undefined : `the message reads "${text}"`;
    });

    await attempt(
      'ocr: a real photo is shown, uploaded, and the Worker’s 503 shown honestly',
      async () => {
        await openTab(page, base, 'ocr');
        await pickFile(page, 'util-ocr-pick', {
          name: 'thong-bao.jpg',
          mimeType: 'image/jpeg',
          buffer: Buffer.from(baseJpeg()),
        });
        await current(page).locator('.util-photo img').waitFor({ timeout: 10_000 });
        await current(page).getByTestId('util-ocr-send').click();
        await current(page).getByTestId('util-not-configured').waitFor({ timeout: 20_000 });
        if ((await current(page).getByTestId('util-result').count()) > 0)
          return 'a result is shown';
        await shot(page, 'ocr-server-503');
        return (await current(page).getByTestId('util-ocr-send').isDisabled())
          ? undefined
          : 'the send button stays enabled';
      },
    );

    await attempt('speech: a photo picked as audio is refused, then one too large', async () => {
      await openTab(page, base, 'speech');
      await pickFile(page, 'util-speech-pick', {
        name: 'anh.jpg',
        mimeType: 'image/jpeg',
        buffer: Buffer.from(baseJpeg()),
      });
      const error = current(page).locator('.rp-notice--error');
      await error.waitFor({ timeout: 10_000 });
      const wrong = (await error.textContent()) ?? '';
      if (!wrong.includes('không phải tệp âm thanh')) return `wrong type reads "${wrong}"`;
      await shot(page, 'speech-wrong-type');
      await pickFile(page, 'util-speech-pick', {
        name: 'ghi-am.webm',
        mimeType: 'audio/webm',
        buffer: noisy([0x1a, 0x45, 0xdf, 0xa3], 60_000),
      });
      await page.waitForFunction(
        () => document.querySelector('.rp-notice--error')?.textContent?.includes('vượt giới hạn'),
        undefined,
        { timeout: 10_000 },
      );
      await shot(page, 'speech-too-large');
      return undefined;
    });

    await attempt(
      'translate: counter, too-long and same-language refusals, then the 503',
      async () => {
        await openTab(page, base, 'translate');
        const text = current(page).getByTestId('util-text');
        await text.fill(
          'Giờ tiếp công dân: sáng thứ Năm hằng tuần tại trụ sở UBND xã, số 1 đường 3/2.',
        );
        const counter = (await current(page).locator('.rp-counter').textContent()) ?? '';
        if (!counter.includes('/60')) return `the counter reads "${counter}"`;
        if (!(await current(page).getByTestId('util-translate-send').isDisabled())) {
          return 'send is enabled over the limit';
        }
        await shot(page, 'translate-too-long');
        await text.fill('Xin chào, bệnh viện ở đâu?');
        await current(page).getByTestId('util-target').selectOption('vi');
        if (!(await current(page).getByTestId('util-translate-send').isDisabled())) {
          return 'send is enabled for vi → vi';
        }
        await current(page).getByTestId('util-target').selectOption('ja');
        await current(page).getByTestId('util-translate-send').click();
        await current(page).getByTestId('util-not-configured').waitFor({ timeout: 20_000 });
        await shot(page, 'translate-server-503');
        return (await current(page).getByTestId('util-result').count()) > 0
          ? 'a result is shown'
          : undefined;
      },
    );

    check(
      'nothing is fetched from outside',
      external.length === 0,
      [...new Set(external)].join(', '),
    );
    check('no JavaScript errors on the utilities screens', errors.length === 0, errors.join(' | '));
  } catch (error) {
    check('utilities test run', false, error instanceof Error ? error.message : String(error));
  } finally {
    await context?.close().catch(() => undefined);
    await local.stop();
  }
}
