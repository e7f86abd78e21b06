/**
 * Browser checks of payments (thanh toán, issue 10), `E2E_ONLY=payments`: one local stack (the
 * product as `npm start` runs it, with the web admin built) on ports of its own, the demo
 * procedures and officials seeded, and the payment sandbox (fixtures/payment-sandbox) as both
 * providers on loopback. On a phone, a citizen opens a procedure with a fee, signs in with
 * Zalo, sees Zalo Checkout offered only inside Zalo, pays with the e-wallet on the wallet's
 * page, and comes back to a receipt; the wallet's notification reached the API and was
 * accepted ("00"). "Giao dịch của tôi" lists it. In the web admin, the administrator finds
 * the order paid with its history and exports the list.
 *
 * Env: E2E_PAYMENTS_DB_PORT (18891), E2E_PAYMENTS_API_PORT (19598), E2E_PAYMENTS_MINIAPP_PORT (3138).
 */
import { type Client, createClient } from '@libsql/client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startPaymentSandbox } from '../fixtures/payment-sandbox/server';
import { buildAdmin } from '../scripts/build-admin';
import { seedDemoOfficials } from '../scripts/demo-officials';
import { seedDemoProcedures } from '../scripts/demo-procedures';
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

const DB_PORT = Number(process.env.E2E_PAYMENTS_DB_PORT ?? 18891);
const API_PORT = Number(process.env.E2E_PAYMENTS_API_PORT ?? 19598);
const MINIAPP_PORT = Number(process.env.E2E_PAYMENTS_MINIAPP_PORT ?? 3138);
const LAPTOP = { width: 1366, height: 860 };

/** The demo procedure with a fee in đồng (scripts/demo-procedures.ts). */
const PROCEDURE = 'demo-tt-trich-luc';
const PROCEDURE_NAME = 'Cấp bản sao trích lục hộ tịch';
const MERCHANT = 'E2E-DVC';
const WALLET_SECRET = `e2e-wallet-${crypto.randomUUID()}`;
const CHECKOUT_KEY = `e2e-checkout-${crypto.randomUUID()}`;
const APP_ID = 'e2e-mini-app';

async function shot(page: Page, name: string): Promise<void> {
  await settle(page);
  await screenshotWholePage(page, `${SCREENSHOTS}payments-${name}.png`);
}

export async function runPaymentsScenario(
  browser: Browser,
  cleanups: Set<() => Promise<void> | void>,
): Promise<void> {
  const sandbox = await startPaymentSandbox({
    wallet: { merchantId: MERCHANT, secret: WALLET_SECRET, name: 'Ví điện tử (thử nghiệm)' },
    zalo: { appId: APP_ID, privateKey: CHECKOUT_KEY },
  });
  const closeSandbox = () => sandbox.close();
  cleanups.add(closeSandbox);
  const local = zaloStack(
    'payments',
    cleanups,
    { dbPort: DB_PORT, apiPort: API_PORT, miniappPort: MINIAPP_PORT },
    {
      ALLOWED_ORIGINS: `http://localhost:${MINIAPP_PORT}`,
      WALLET_API_URL: sandbox.url,
      WALLET_MERCHANT_ID: MERCHANT,
      WALLET_SECRET,
      WALLET_NAME: 'Ví điện tử (thử nghiệm)',
      ZALO_APP_ID: APP_ID,
      ZALO_CHECKOUT_PRIVATE_KEY: CHECKOUT_KEY,
      ZALO_CHECKOUT_API_URL: sandbox.url,
    },
  );
  const contexts: BrowserContext[] = [];
  let db: Client | undefined;
  try {
    console.log('building the web admin and starting the local stack for the payments test...');
    await buildAdmin();
    const stack = await local.start(E2E_ZALO_ACCESS_TOKEN);
    db = createClient({ url: stack.dbUrl });
    await seedDemoProcedures(db);
    await seedDemoOfficials(db);
    check('demo procedures and officials seeded, the wallet sandbox on loopback', true);

    const errors: string[] = [];
    const external: string[] = [];
    const phoneContext = await browser.newContext(PHONE);
    contexts.push(phoneContext);
    await keepLocal(phoneContext, external);
    phoneContext.on('page', (p) => {
      p.on('dialog', (dialog) => void dialog.accept());
      p.on('pageerror', (error) => errors.push(`${p.url()}: ${error.message}`));
    });
    const phone = await phoneContext.newPage();
    const mini = `${stack.miniappUrl}/`;
    let orderId = '';

    await attempt('a procedure with a fee offers to pay it online', async () => {
      await phone.goto(`${mini}public-services/p/${PROCEDURE}`, { waitUntil: 'domcontentloaded' });
      const button = current(phone).getByTestId('procedure-pay-fee');
      await button.waitFor({ timeout: 30_000 });
      const text = (await button.textContent()) ?? '';
      if (!text.includes('8.000')) return `the button reads "${text}"`;
      await shot(phone, 'procedure');
      return undefined;
    });

    await attempt(
      'paying asks for a Zalo sign-in, then shows the order and its amount',
      async () => {
        await current(phone).getByTestId('procedure-pay-fee').click();
        await current(phone).getByRole('button', { name: 'Đăng nhập bằng Zalo' }).click();
        const card = current(phone).getByTestId('payment-order');
        await card.waitFor({ timeout: 30_000 });
        orderId = (await card.getAttribute('data-order')) ?? '';
        const text = (await card.textContent()) ?? '';
        if (!orderId) return 'the order card names no order';
        if (!text.includes('8.000')) return `the order card reads "${text}"`;
        if (!text.includes(PROCEDURE_NAME)) return 'the order card does not name the procedure';
        return undefined;
      },
    );

    await attempt(
      'outside Zalo, Zalo Checkout is offered but says it works only in Zalo',
      async () => {
        const providers = current(phone).getByTestId('payment-providers');
        const zalo = providers.locator('[data-provider="zalo_checkout"]');
        await zalo.waitFor({ timeout: 20_000 });
        if (!(await zalo.locator('input').isDisabled())) return 'Zalo Checkout can be chosen';
        const hint = (await zalo.textContent()) ?? '';
        if (!hint.includes('Chỉ dùng được khi mở trong ứng dụng Zalo')) return `it reads "${hint}"`;
        await providers.locator('[data-provider="redirect_wallet"] input').check();
        await shot(phone, 'choose');
        return sideways(phone);
      },
    );

    await attempt('the wallet’s page shows the amount and what it is for', async () => {
      await current(phone).getByTestId('payment-pay').click();
      await phone.waitForURL((url) => url.toString().startsWith(`${sandbox.url}/pay`), {
        timeout: 30_000,
      });
      const text = (await phone.locator('main').textContent()) ?? '';
      for (const expected of ['8.000', PROCEDURE_NAME, MERCHANT]) {
        if (!text.includes(expected)) return `the wallet page lacks "${expected}"`;
      }
      await shot(phone, 'wallet');
      return undefined;
    });

    await attempt('after paying, the citizen comes back to a receipt', async () => {
      await phone.getByRole('button', { name: 'Xác nhận thanh toán' }).click();
      await phone.waitForURL((url) => url.pathname === `/payment/o/${orderId}`, {
        timeout: 30_000,
      });
      const receipt = current(phone).getByTestId('payment-receipt');
      await receipt.waitFor({ timeout: 30_000 });
      const text = (await receipt.textContent()) ?? '';
      for (const expected of ['Thanh toán thành công', '8.000', 'SBX', orderId]) {
        if (!text.includes(expected)) return `the receipt lacks "${expected}"`;
      }
      await shot(phone, 'receipt');
      return sideways(phone);
    });

    await attempt('the wallet’s signed notification reached the API and was accepted', async () => {
      const res = await fetch(`${sandbox.url}/__sandbox/ipn-log?order_id=${orderId}`);
      const { deliveries } = (await res.json()) as {
        deliveries: { status: string; httpStatus: number; answer: { code?: string } | null }[];
      };
      const first = deliveries[0];
      if (deliveries.length !== 1 || !first) return `${deliveries.length} deliveries`;
      return first.httpStatus === 200 && first.answer?.code === '00' && first.status === 'success'
        ? undefined
        : `delivery ${JSON.stringify(first)}`;
    });

    await attempt('"Giao dịch của tôi" lists the paid fee', async () => {
      await phone.goto(`${mini}payment`, { waitUntil: 'domcontentloaded' });
      const row = current(phone).locator(`[data-order="${orderId}"]`);
      await row.waitFor({ timeout: 30_000 });
      const text = (await row.textContent()) ?? '';
      if (!text.includes('Đã thanh toán') || !text.includes('8.000')) return `row reads "${text}"`;
      await shot(phone, 'mine');
      return undefined;
    });

    check(
      'the phone made no request outside the machine',
      external.length === 0,
      external.slice(0, 3).join(', '),
    );
    check('no script error on the phone', errors.length === 0, errors.slice(0, 3).join(' | '));

    const laptopContext = await browser.newContext({ viewport: LAPTOP, acceptDownloads: true });
    contexts.push(laptopContext);
    await keepLocal(laptopContext);
    const admin = await laptopContext.newPage();

    await attempt('the administrator finds the order paid, with what the wallet said', async () => {
      await signInToAdmin(admin, `${stack.apiUrl}/admin/`, 'admin@demo.gov.vn');
      await admin.getByRole('link', { name: 'Thanh toán', exact: true }).first().click();
      const row = admin.getByTestId('payments-table').locator(`[data-order="${orderId}"]`);
      await row.waitFor({ timeout: 30_000 });
      const text = (await row.textContent()) ?? '';
      if (!text.includes('Đã thanh toán')) return `row reads "${text}"`;
      await admin.screenshot({ path: `${SCREENSHOTS}payments-admin-list.png`, fullPage: true });
      await row.getByRole('link', { name: orderId }).click();
      const eventsTable = admin.getByTestId('payment-events');
      await eventsTable.waitFor({ timeout: 20_000 });
      const events = (await eventsTable.textContent()) ?? '';
      for (const expected of ['Nhà cung cấp báo', 'Đã cập nhật', 'Đã thanh toán']) {
        if (!events.includes(expected)) return `the history lacks "${expected}"`;
      }
      await admin.screenshot({ path: `${SCREENSHOTS}payments-admin-order.png`, fullPage: true });
      return undefined;
    });

    await attempt('the list exports to Excel', async () => {
      await admin.goto(`${stack.apiUrl}/admin/thanh-toan`, { waitUntil: 'domcontentloaded' });
      await admin.getByTestId('payments-table').waitFor({ timeout: 20_000 });
      const [download] = await Promise.all([
        admin.waitForEvent('download', { timeout: 30_000 }),
        admin.getByTestId('payments-export').click(),
      ]);
      const name = download.suggestedFilename();
      return name.endsWith('.xlsx') ? undefined : `downloaded "${name}"`;
    });
  } finally {
    for (const context of contexts) await context.close().catch(() => undefined);
    db?.close();
    await local.stop();
    await sandbox.close();
    cleanups.delete(closeSandbox);
  }
}
