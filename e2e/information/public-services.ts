import type { Page } from 'playwright-core';
import { attempt, current, SCREENSHOTS, screenshotWholePage, settle, sideways } from '../harness';
import type { InformationContext } from './context';

// The public services catalogue in Chromium against the demo data
// (scripts/demo-procedures.ts): the list with field chips and level badges, a search typed
// without tone marks, a procedure page with its documents checklist, fee, time, steps and the
// portal buttons, and the demo editor dichvucong@demo.gov.vn on the admin's catalogue page.

const BIRTH = 'demo-tt-khai-sinh';

const shot = (page: Page, name: string) =>
  screenshotWholePage(page, `${SCREENSHOTS}information-public-services-${name}.png`);

export async function publicServicesScenario(ctx: InformationContext): Promise<void> {
  const { page, miniBase, adminPage, adminBase } = ctx;

  await attempt('the catalogue lists published procedures with fields and levels', async () => {
    await page.goto(`${miniBase}public-services`, { waitUntil: 'domcontentloaded' });
    await current(page).locator('[data-procedure]').first().waitFor({ timeout: 20_000 });
    const names = await current(page).locator('.ps-card__name').allTextContents();
    const chips = await current(page).locator('.ps-chip').allTextContents();
    const badges = await current(page).locator('.ps-level').allTextContents();
    await settle(page);
    await shot(page, 'list');
    if (names.length < 10) return `${names.length} procedures`;
    if (names.some((n) => n.includes('đang soạn'))) return 'the draft is listed';
    if (!chips.some((c) => c.startsWith('Hộ tịch'))) return `chips: ${chips.join('|')}`;
    if (!badges.includes('Toàn trình') || !badges.includes('Một phần')) {
      return `badges: ${[...new Set(badges)].join('|')}`;
    }
    return sideways(page);
  });

  await attempt('"khai sinh" typed without diacritics finds "Đăng ký khai sinh"', async () => {
    await current(page).getByTestId('procedure-search').fill('dang ky khai sinh');
    await page.waitForResponse(
      (r) => r.url().includes('/api/v1/public-services?') && r.url().includes('q=dang'),
      { timeout: 10_000 },
    );
    await page.waitForFunction(
      () => document.querySelectorAll('.zaui-page:last-child [data-procedure]').length === 1,
      undefined,
      { timeout: 10_000 },
    );
    const names = await current(page).locator('.ps-card__name').allTextContents();
    await shot(page, 'search');
    return names.join('|') === 'Đăng ký khai sinh' ? undefined : `found: ${names.join('|')}`;
  });

  await attempt('the procedure page shows documents, fee, time, steps and the portal', async () => {
    await current(page).locator(`[data-procedure="${BIRTH}"]`).click();
    await current(page).getByTestId('procedure-submit').waitFor({ timeout: 20_000 });
    const text = (await current(page).locator('.ps-detail').textContent()) ?? '';
    const docs = current(page).locator('.ps-doc input');
    await docs.first().check();
    const ready = (await current(page).locator('.ps-detail').textContent()) ?? '';
    const lookup = await current(page).getByTestId('procedure-lookup').count();
    await shot(page, 'procedure');
    for (const part of [
      'Đăng ký khai sinh',
      'Toàn trình',
      'Miễn phí',
      'Ngay trong ngày làm việc',
      'Giấy chứng sinh',
      'Trình tự thực hiện',
      'Nộp hồ sơ trên Cổng dịch vụ công',
    ]) {
      if (!text.includes(part)) return `page lacks "${part}"`;
    }
    if (!ready.includes('Đã có 1/3 giấy tờ')) return 'the checklist does not count';
    if (lookup !== 1) return 'no dossier lookup button';
    return sideways(page);
  });

  await attempt('the procedure editor opens the admin catalogue page', async () => {
    await ctx.signInAdmin('dichvucong@demo.gov.vn');
    await adminPage.goto(`${adminBase}dich-vu-cong`, { waitUntil: 'domcontentloaded' });
    await adminPage.locator(`[data-procedure-id="${BIRTH}"]`).waitFor({ timeout: 20_000 });
    const rows = await adminPage.locator('[data-procedure-id]').count();
    const others = await adminPage.locator('[data-procedure-id="demo-tt-gpxd"]').count();
    await adminPage
      .locator(`[data-procedure-id="${BIRTH}"]`)
      .getByRole('button', { name: 'Đăng ký khai sinh' })
      .click();
    await adminPage.getByRole('form', { name: 'Thủ tục' }).waitFor({ timeout: 10_000 });
    await adminPage.screenshot({
      path: `${SCREENSHOTS}information-public-services-admin.png`,
      fullPage: true,
    });
    if (others !== 0) return "another agency's procedure is listed";
    return rows >= 9 ? undefined : `${rows} rows`;
  });
}
