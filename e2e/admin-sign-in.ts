import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../scripts/demo-officials';

/**
 * Signs a demo official (scripts/demo-officials.ts, password DEMO_PASSWORD) in to the web admin
 * through its login form at `url` (any admin page shows the form to a signed-out visitor), and
 * waits for `signedIn`: the navigation's account box, or the page's own first element.
 */
export async function signInToAdmin(
  page: Page,
  url: string,
  email: string,
  signedIn = '.nav__me',
): Promise<void> {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  const form = page.getByRole('form', { name: 'Đăng nhập' });
  await form.waitFor({ timeout: 30_000 });
  await form.getByLabel('Thư điện tử công vụ').fill(email);
  await form.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await form.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.locator(signedIn).waitFor({ timeout: 20_000 });
}
