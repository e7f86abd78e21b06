/// <reference lib="dom" />
/**
 * Signing in with Zalo, in Chromium against the real API (part of the field-report run,
 * which starts the stack). A browser has no zmp-sdk access token, so the mini app's dev
 * server gets VITE_DEV_ZALO_ACCESS_TOKEN, a token the fake Zalo Graph API on loopback
 * (edge/test/support/node-fake-zalo-graph.ts) accepts, and the Worker's ZALO_GRAPH_URL
 * points at that fake.
 *
 * Device A, which sent reports anonymously, signs in: its reports are attached to the
 * account. Device B (another browser context: another device id) lists none of them,
 * signs in with the same Zalo account, and finds them all in "Phản ánh của tôi". Then it
 * signs out, and a refused token (forged) ends the session with a message instead of
 * quietly listing as anonymous.
 */
import type { Browser, Page } from 'playwright-core';
import {
  attempt,
  check,
  current,
  keepLocal,
  PHONE,
  SCREENSHOTS,
  screenshotWholePage,
  settle,
} from './harness';

/** The citizen on the fake Graph API: `zalo-at:<zalo id>:<percent-encoded name>`. */
export const E2E_ZALO_NAME = 'Nguyễn Thị Mai';
export const E2E_ZALO_ACCESS_TOKEN = `zalo-at:e2e-citizen-8841:${encodeURIComponent(E2E_ZALO_NAME)}`;

const SESSION_KEY = 'hgs.session';
const DEVICE_ID_KEY = 'hgs.device-id';

async function shot(page: Page, name: string): Promise<void> {
  await settle(page);
  await screenshotWholePage(page, `${SCREENSHOTS}${name}.png`);
}

/** The codes "Phản ánh của tôi" lists, once its first answer is on screen. */
async function listedCodes(page: Page): Promise<string[]> {
  const main = current(page).locator('.rp-main');
  await main.locator('[data-code], .rp-empty, .rp-error').first().waitFor({ timeout: 20_000 });
  await main.locator('.rp-card--skeleton').first().waitFor({ state: 'detached', timeout: 20_000 });
  return (
    await main
      .locator('[data-code]')
      .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-code') ?? ''))
  ).sort();
}

async function signIn(page: Page): Promise<void> {
  const card = current(page).getByTestId('signin-card');
  await card.getByRole('button', { name: 'Đăng nhập bằng Zalo' }).click({ timeout: 20_000 });
  await current(page).getByTestId('signin-name').waitFor({ timeout: 20_000 });
}

export async function signInScenario(browser: Browser, pageA: Page, base: string): Promise<void> {
  let codesA: string[] = [];

  await attempt(
    'device A: "Phản ánh của tôi" offers "Đăng nhập bằng Zalo" to see reports on any device',
    async () => {
      await pageA.goto(`${base}field-reports/mine`, { waitUntil: 'domcontentloaded' });
      codesA = await listedCodes(pageA);
      if (codesA.length === 0) return 'device A lists no report to carry over';
      const card = current(pageA).getByTestId('signin-card');
      const text = (await card.textContent()) ?? '';
      if (!text.includes('Đăng nhập bằng Zalo để xem phản ánh của bạn trên mọi thiết bị')) {
        return `card reads "${text}"`;
      }
      return undefined;
    },
  );

  await attempt(
    'device A signs in with Zalo: the card shows the Zalo name and "Đăng xuất"',
    async () => {
      await signIn(pageA);
      const name = await current(pageA).getByTestId('signin-name').textContent();
      if (name !== `Đã đăng nhập: ${E2E_ZALO_NAME}`) return `card reads "${name}"`;
      if (!(await current(pageA).getByRole('button', { name: 'Đăng xuất' }).isVisible())) {
        return 'no "Đăng xuất" button';
      }
      const stored = await pageA.evaluate((key) => localStorage.getItem(key), SESSION_KEY);
      if (!stored?.includes('"token"')) return 'the session is not stored on the device';
      if (stored.includes(E2E_ZALO_ACCESS_TOKEN) || stored.includes('zalo-at:')) {
        return 'the Zalo access token itself is stored';
      }
      const after = await listedCodes(pageA);
      if (after.join() !== codesA.join()) return `device A now lists ${after.join()}`;
      return undefined;
    },
  );

  await attempt('the field-reports hub shows the signed-in card too', async () => {
    await pageA.goto(`${base}field-reports`, { waitUntil: 'domcontentloaded' });
    const name = current(pageA).getByTestId('signin-name');
    await name.waitFor({ timeout: 20_000 });
    if ((await name.textContent()) !== `Đã đăng nhập: ${E2E_ZALO_NAME}`) {
      return `hub card reads "${await name.textContent()}"`;
    }
    await current(pageA).getByTestId('signin-card').scrollIntoViewIfNeeded();
    await shot(pageA, 'signin-hub');
    return undefined;
  });

  // Device B: another phone, with its own device id.
  const context = await browser.newContext(PHONE);
  await keepLocal(context);
  const pageErrors: string[] = [];
  try {
    const pageB = await context.newPage();
    pageB.on('pageerror', (error) => pageErrors.push(error.message));

    await attempt("device B, not signed in, lists none of device A's reports", async () => {
      await pageB.goto(`${base}field-reports/mine`, { waitUntil: 'domcontentloaded' });
      const listed = await listedCodes(pageB);
      if (listed.length > 0) return `device B lists ${listed.join()}`;
      const ids = await Promise.all(
        [pageA, pageB].map((p) => p.evaluate((key) => localStorage.getItem(key), DEVICE_ID_KEY)),
      );
      if (!ids[0] || !ids[1] || ids[0] === ids[1]) return `device ids ${ids.join(' / ')}`;
      return undefined;
    });

    await attempt(
      'device B signs in with the same Zalo account and sees them in "Phản ánh của tôi"',
      async () => {
        await signIn(pageB);
        await current(pageB).locator(`[data-code="${codesA[0]}"]`).waitFor({ timeout: 20_000 });
        const listed = await listedCodes(pageB);
        if (listed.join() !== codesA.join()) {
          return `device B lists ${listed.join()}, device A ${codesA.join()}`;
        }
        const note = (await current(pageB).locator('.hub-privacy').textContent()) ?? '';
        if (!note.includes('tài khoản Zalo')) return `note reads "${note}"`;
        await shot(pageB, 'signin-mine-device-b');
        return undefined;
      },
    );

    await attempt('"Đăng xuất" on device B: back to its own (empty) list', async () => {
      await current(pageB).getByRole('button', { name: 'Đăng xuất' }).click();
      await current(pageB)
        .getByRole('button', { name: 'Đăng nhập bằng Zalo' })
        .waitFor({ timeout: 10_000 });
      await current(pageB).locator('[data-code]').first().waitFor({
        state: 'detached',
        timeout: 20_000,
      });
      const stored = await pageB.evaluate((key) => localStorage.getItem(key), SESSION_KEY);
      return stored ? `the session is still stored: ${stored}` : undefined;
    });

    await attempt(
      'a refused session token ends the session with "Phiên đăng nhập đã hết hạn"',
      async () => {
        // A token the API did not sign (or signed with a key since rotated).
        await pageB.evaluate((key) => {
          localStorage.setItem(
            key,
            JSON.stringify({
              token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.forged',
              expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
              user: { id: 'x', displayName: 'Người khác' },
              deviceClaimed: true,
            }),
          );
        }, SESSION_KEY);
        await pageB.reload({ waitUntil: 'domcontentloaded' });
        const notice = current(pageB).getByText(
          'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.',
        );
        await notice.waitFor({ timeout: 20_000 });
        if (
          !(await current(pageB).getByRole('button', { name: 'Đăng nhập bằng Zalo' }).isVisible())
        ) {
          return 'no sign-in button under the message';
        }
        const stored = await pageB.evaluate((key) => localStorage.getItem(key), SESSION_KEY);
        if (stored) return `the refused session is still stored: ${stored}`;
        const listed = await listedCodes(pageB);
        if (listed.length > 0) return `still lists ${listed.join()}`;
        await shot(pageB, 'signin-expired');
        return undefined;
      },
    );
  } finally {
    await context.close().catch(() => undefined);
  }
  check('no JavaScript errors on device B', pageErrors.length === 0, pageErrors.join(' | '));
}
