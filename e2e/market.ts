/**
 * Browser checks of the agricultural market (thị trường nông sản, issue 10),
 * `E2E_ONLY=market`: one local stack on ports of its own (so it never meets another browser
 * test's stack) with one OCOP listing seeded. On a phone, a citizen signs in with Zalo,
 * posts a listing with a photo (the upload shows its progress), sees it with its photo, then
 * finds it searching without tone marks; the contact offers a tel: link, and Zalo chat
 * outside Zalo says so in Vietnamese; "Tin của tôi" lists it. The citizen reports the OCOP
 * listing as wrong; in the web admin the market moderator finds the report and hides the
 * listing with a reason, after which the phone no longer finds it.
 *
 * Env: E2E_MARKET_DB_PORT (18791), E2E_MARKET_API_PORT (19498), E2E_MARKET_MINIAPP_PORT (3128).
 */
import { type Client, createClient } from '@libsql/client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildAdmin } from '../scripts/build-admin';
import { seedDemoOfficials } from '../scripts/demo-officials';
import { signInToAdmin } from './admin-sign-in';
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

const DB_PORT = Number(process.env.E2E_MARKET_DB_PORT ?? 18791);
const API_PORT = Number(process.env.E2E_MARKET_API_PORT ?? 19498);
const MINIAPP_PORT = Number(process.env.E2E_MARKET_MINIAPP_PORT ?? 3128);

const PRODUCT = 'Bưởi Năm Roi Phú Hữu';
const LAPTOP = { width: 1366, height: 860 };

async function shot(page: Page, name: string): Promise<void> {
  await settle(page);
  await screenshotWholePage(page, `${SCREENSHOTS}market-${name}.png`);
}

/** A seller's OCOP listing, written as the API writes one (row and search entry). */
async function seedOcopListing(db: Client): Promise<void> {
  const now = new Date().toISOString();
  const expires = new Date(Date.now() + 30 * 86_400_000).toISOString();
  await db.batch(
    [
      {
        sql: `insert into users (id, zalo_id, display_name, created_at, updated_at)
          values ('e2e-market-ocop-owner', 'zalo-e2e-market-ocop', 'HTX Khóm Cầu Đúc', ?, ?)
          on conflict do nothing`,
        args: [now, now],
      },
      {
        sql: `insert into market_listings (id, owner_id, kind, product_group, product,
            description, quantity, unit, price_vnd, commune_id, address, ocop_stars,
            contact_name, contact_phone, zalo_chat, status, expires_at, request_key, version,
            created_at, updated_at)
          values ('e2e-market-ocop', 'e2e-market-ocop-owner', 'sell', 'fruit',
            'Khóm Cầu Đúc OCOP', 'Khóm Cầu Đúc ngọt thanh, đạt OCOP 4 sao.', 5, 'tấn', 12000000,
            'vi-thanh', 'Ấp 1', 4, 'HTX Khóm Cầu Đúc', '0939123456', 1, 'active', ?,
            'e2e-market-ocop-key', 1, ?, ?)
          on conflict do nothing`,
        args: [expires, now, now],
      },
    ],
    'write',
  );
}

/** A real JPEG of a drawn "pomelo", made by the browser itself (no file from outside). */
async function pomeloJpeg(context: BrowserContext): Promise<Buffer> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 320, height: 240 });
  await page.setContent(
    `<body style="margin:0"><div style="width:100vw;height:100vh;display:flex;align-items:center;justify-content:center;background:linear-gradient(#b8e0a0,#5a9e3a)"><div style="width:50vw;height:60vh;border-radius:50%;background:radial-gradient(circle at 35% 35%,#d9f07a,#7fb53a)"></div></div></body>`,
  );
  const bytes = await page.screenshot({ type: 'jpeg' });
  await page.close();
  return bytes;
}

export async function runMarketScenario(
  browser: Browser,
  cleanups: Set<() => Promise<void> | void>,
): Promise<void> {
  const local = zaloStack('market', cleanups, {
    dbPort: DB_PORT,
    apiPort: API_PORT,
    miniappPort: MINIAPP_PORT,
  });
  let context: BrowserContext | undefined;
  let laptop: BrowserContext | undefined;
  let db: Client | undefined;
  try {
    console.log('building the web admin and starting the local stack for the market test...');
    await buildAdmin();
    const stack = await local.start(E2E_ZALO_ACCESS_TOKEN);
    db = createClient({ url: stack.dbUrl });
    await seedOcopListing(db);
    await seedDemoOfficials(db);
    check('an OCOP listing seeded', true);

    const errors: string[] = [];
    const external: string[] = [];
    context = await browser.newContext(PHONE);
    await keepLocal(context, external);
    context.on('page', (p) => {
      p.on('dialog', (dialog) => void dialog.accept());
      p.on('pageerror', (error) => errors.push(`${p.url()}: ${error.message}`));
    });
    const jpeg = await pomeloJpeg(context);
    const phone = await context.newPage();
    const mini = `${stack.miniappUrl}/`;
    let listingId = '';

    await attempt('the market opens with the OCOP product prominent', async () => {
      await phone.goto(`${mini}agri-market`, { waitUntil: 'domcontentloaded' });
      const strip = current(phone).locator('.mk-strip');
      await strip.locator('[data-listing="e2e-market-ocop"]').waitFor({ timeout: 30_000 });
      const text = (await strip.textContent()) ?? '';
      if (!text.includes('OCOP 4★')) return `the strip reads "${text}"`;
      await shot(phone, 'list');
      return sideways(phone);
    });

    await attempt('posting asks to sign in with Zalo first', async () => {
      await current(phone).getByTestId('market-post-new').click();
      const gate = current(phone).getByTestId('signin-gate');
      await gate.waitFor({ timeout: 20_000 });
      const text = (await gate.textContent()) ?? '';
      return text.includes('Đăng nhập để đăng tin') ? undefined : `gate reads "${text}"`;
    });

    await attempt('a mistake is explained in Vietnamese, nothing is posted', async () => {
      await current(phone).getByRole('button', { name: 'Đăng nhập bằng Zalo' }).click();
      const form = current(phone).getByTestId('market-post-form');
      await form.waitFor({ timeout: 20_000 });
      const notice = (await form.textContent()) ?? '';
      if (!notice.includes('hiện công khai')) return 'the form does not say the phone is public';
      await form.getByTestId('market-post-product').fill(PRODUCT);
      await form.getByTestId('market-post-quantity').fill('2');
      await form.getByTestId('market-post-unit').fill('tấn');
      await form.getByTestId('market-post-price').fill('25tr');
      await form.getByTestId('market-post-commune').selectOption('chau-thanh');
      await form.getByTestId('market-post-contactName').fill('Nguyễn Văn Ba');
      await form.getByTestId('market-post-contactPhone').fill('12345');
      await form.getByTestId('market-post-submit').click();
      await form
        .getByText('Số điện thoại không hợp lệ', { exact: false })
        .first()
        .waitFor({ timeout: 20_000 });
      await shot(phone, 'post-invalid');
      return undefined;
    });

    await attempt('the citizen posts the listing with a photo', async () => {
      const form = current(phone).getByTestId('market-post-form');
      await form.getByTestId('market-post-contactPhone').fill('0912 345 678');
      // The corrected field loses its error at once.
      await form
        .getByText('Số điện thoại không hợp lệ', { exact: false })
        .first()
        .waitFor({ state: 'hidden', timeout: 5_000 });
      await form
        .getByTestId('market-post-description')
        .fill('Bưởi da xanh ruột hồng, trái đều 1,2–1,5 kg; giao tận vườn.');
      await form
        .getByTestId('market-post-photo')
        .setInputFiles({ name: 'buoi.jpg', mimeType: 'image/jpeg', buffer: jpeg });
      await shot(phone, 'post-form');
      await form.getByTestId('market-post-submit').click();
      const detail = current(phone).getByTestId('market-listing');
      await detail.waitFor({ timeout: 30_000 });
      listingId = (await detail.getAttribute('data-listing')) ?? '';
      const text = (await detail.textContent()) ?? '';
      for (const expected of [PRODUCT, '25.000.000 đ/tấn', '2 tấn', 'Nguyễn Văn Ba']) {
        if (!text.includes(expected)) return `the listing lacks "${expected}"`;
      }
      const img = detail.locator('.mk-photos img').first();
      await img.waitFor({ timeout: 20_000 });
      await phone.waitForFunction(
        (el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0,
        await img.elementHandle(),
        { timeout: 20_000 },
      );
      const href = await detail.getByTestId('market-call').getAttribute('href');
      if (href !== 'tel:0912345678') return `the call link is ${href}`;
      await shot(phone, 'posted');
      return sideways(phone);
    });

    await attempt('Zalo chat outside Zalo says so in Vietnamese', async () => {
      await current(phone).getByTestId('market-zalo').click();
      await phone
        .getByText('Chỉ nhắn Zalo được khi mở trong ứng dụng Zalo', { exact: false })
        .first()
        .waitFor({ timeout: 10_000 });
      return undefined;
    });

    await attempt('the listing is found searching without tone marks', async () => {
      await phone.goto(`${mini}agri-market`, { waitUntil: 'domcontentloaded' });
      await current(phone).getByTestId('market-search').fill('buoi nam roi phu huu');
      // The list before the search shows both; the search leaves the unrelated OCOP one out.
      await current(phone)
        .locator('[data-listing="e2e-market-ocop"]')
        .waitFor({ state: 'detached', timeout: 30_000 });
      const card = current(phone)
        .getByTestId('market-list')
        .locator(`[data-listing="${listingId}"]`);
      await card.waitFor({ timeout: 30_000 });
      await card.locator('img').waitFor({ timeout: 20_000 });
      await shot(phone, 'search');
      return sideways(phone);
    });

    await attempt('"Tin của tôi" lists it as live with renew and close', async () => {
      await current(phone).getByTestId('market-tab-mine').click();
      const row = current(phone).locator(`[data-mine="${listingId}"]`);
      await row.waitFor({ timeout: 20_000 });
      const text = (await row.textContent()) ?? '';
      if (!text.includes('Đang hiện')) return `row reads "${text}"`;
      await shot(phone, 'mine');
      return undefined;
    });

    await attempt('the citizen reports the OCOP listing as wrong', async () => {
      await phone.goto(`${mini}agri-market/l/e2e-market-ocop`, { waitUntil: 'domcontentloaded' });
      const detail = current(phone).getByTestId('market-listing');
      await detail.waitFor({ timeout: 30_000 });
      await detail.getByRole('button', { name: 'Báo cáo vi phạm' }).click();
      const form = detail.locator('form.mk-report');
      await form.waitFor({ timeout: 20_000 });
      await form.locator('select').selectOption('wrong_info');
      await form.locator('textarea').fill('Giá ghi sai, người bán báo giá khác khi gọi.');
      await form.getByRole('button', { name: 'Gửi báo cáo' }).click();
      await phone
        .getByText('Đã gửi báo cáo', { exact: false })
        .first()
        .waitFor({ timeout: 20_000 });
      return undefined;
    });

    laptop = await browser.newContext({ viewport: LAPTOP });
    await keepLocal(laptop, external);
    const admin = await laptop.newPage();
    await attempt(
      'the moderator hides the reported listing in the admin, with a reason',
      async () => {
        await signInToAdmin(admin, `${stack.apiUrl}/admin/`, 'vieclam@demo.gov.vn');
        await admin.getByRole('link', { name: 'Thị trường nông sản' }).click();
        const row = admin.getByTestId('market-table').locator('[data-listing="e2e-market-ocop"]');
        await row.waitFor({ timeout: 20_000 });
        const text = (await row.textContent()) ?? '';
        if (!text.includes('Sai thông tin')) return `the report reads "${text}"`;
        await admin.screenshot({ path: `${SCREENSHOTS}market-admin-queue.png`, fullPage: true });
        await row.getByTestId('market-hide').click();
        await row
          .getByTestId('market-hide-note')
          .fill('Giá niêm yết không đúng với giá bán thực tế.');
        await row.getByTestId('market-hide-confirm').click();
        await admin
          .getByText('Người đăng đã được thông báo lý do', { exact: false })
          .first()
          .waitFor({ timeout: 20_000 });
        await admin.screenshot({ path: `${SCREENSHOTS}market-admin-hidden.png`, fullPage: true });
        return undefined;
      },
    );

    await attempt('the hidden listing is gone for citizens', async () => {
      await phone.goto(`${mini}agri-market/l/e2e-market-ocop`, { waitUntil: 'domcontentloaded' });
      await current(phone).getByTestId('market-not-found').waitFor({ timeout: 30_000 });
      return undefined;
    });

    check(
      'nothing is fetched from outside',
      external.length === 0,
      [...new Set(external)].join(', '),
    );
    check('no JavaScript errors on the market screens', errors.length === 0, errors.join(' | '));
  } catch (error) {
    check('market test run', false, error instanceof Error ? error.message : String(error));
  } finally {
    db?.close();
    await context?.close().catch(() => undefined);
    await laptop?.close().catch(() => undefined);
    await local.stop();
  }
}
