import type { Page } from 'playwright-core';
import { attempt, current, SCREENSHOTS, screenshotWholePage, settle, sideways } from '../harness';
import type { InformationContext } from './context';

// The phone directory in Chromium against the demo data (scripts/demo-directory.ts): the
// emergency numbers first as tap-to-call buttons (113, 114, 115, then the province's own),
// hotlines, agencies opening onto departments and people, a search typed without tone marks,
// and the demo editor tintuc@demo.gov.vn on the admin's directory page.

const shot = (page: Page, name: string) =>
  screenshotWholePage(page, `${SCREENSHOTS}information-directory-${name}.png`);

export async function directoryScenario(ctx: InformationContext): Promise<void> {
  const { page, miniBase, adminPage, adminBase } = ctx;

  await attempt('directory lists emergency numbers first, then hotlines and agencies', async () => {
    await page.goto(`${miniBase}directory`, { waitUntil: 'domcontentloaded' });
    const buttons = current(page).locator('.dir-emergency__btn');
    await buttons.first().waitFor({ timeout: 20_000 });
    const numbers = await current(page).locator('.dir-emergency__number').allTextContents();
    const tels = await buttons.evaluateAll((els) => els.map((e) => e.getAttribute('data-tel')));
    const hotlines = await current(page).locator('.dir-list .dir-row__name').allTextContents();
    const agencies = await current(page).locator('.dir-agency__name').count();
    await settle(page);
    await shot(page, 'list');
    if (numbers.slice(0, 3).join(',') !== '113,114,115') return `numbers: ${numbers.join(',')}`;
    if (tels[0] !== 'tel:113') return `first link ${String(tels[0])}`;
    if (!numbers.includes('1022')) return 'the province line 1022 is missing';
    if (!hotlines.includes('Chăm sóc khách hàng điện lực'))
      return `hotlines: ${hotlines.join('|')}`;
    if (hotlines.some((h) => h.includes('chưa công bố'))) return 'the draft is listed';
    // Sections in order: emergency above hotlines above agencies.
    const order: number[] = [];
    for (const sel of ['.dir-emergency', '.dir-list', '.dir-agencies']) {
      order.push((await current(page).locator(sel).boundingBox())?.y ?? -1);
    }
    if (!((order[0] ?? -1) < (order[1] ?? -1) && (order[1] ?? -1) < (order[2] ?? -1)))
      return `section order ${order.join(',')}`;
    return agencies >= 3 ? sideways(page) : `${agencies} agencies`;
  });

  await attempt('an agency opens onto its departments and people', async () => {
    const office = current(page).locator('[data-agency="demo-dir-vp-ubnd"]');
    await office.locator('.dir-agency__toggle').click();
    await office.getByText('Ban Tiếp công dân tỉnh').waitFor({ timeout: 10_000 });
    const text = (await office.textContent()) ?? '';
    await shot(page, 'agency');
    return text.includes('Nguyễn Văn Hòa') && text.includes('0913 654 321')
      ? undefined
      : `agency reads: ${text}`;
  });

  await attempt('a search typed without diacritics finds "Cấp cứu"', async () => {
    await current(page).getByTestId('directory-search').fill('cap cuu');
    await page.waitForResponse(
      (r) => r.url().includes('/api/v1/directory?') && r.url().includes('q=cap'),
      { timeout: 10_000 },
    );
    await page.waitForFunction(
      () =>
        document.querySelectorAll('.zaui-page:last-child .dir-emergency__btn').length === 1 &&
        document.querySelectorAll('.zaui-page:last-child .dir-agency').length === 0,
      undefined,
      { timeout: 10_000 },
    );
    const names = await current(page).locator('.dir-emergency__name').allTextContents();
    await shot(page, 'search');
    return names.join('|') === 'Cấp cứu' ? undefined : `found: ${names.join('|')}`;
  });

  await attempt('the directory editor opens the admin directory page', async () => {
    await ctx.signInAdmin('tintuc@demo.gov.vn');
    await adminPage.goto(`${adminBase}danh-ba`, { waitUntil: 'domcontentloaded' });
    await adminPage.locator('[data-entry-id="demo-dir-113"]').waitFor({ timeout: 20_000 });
    const draft = await adminPage.locator('[data-entry-id="demo-dir-draft"]').textContent();
    const foreign = await adminPage.locator('[data-entry-id="demo-dir-dien-luc"]').count();
    await adminPage.screenshot({
      path: `${SCREENSHOTS}information-directory-admin.png`,
      fullPage: true,
    });
    if (!draft?.includes('Bản nháp')) return `draft row: ${String(draft)}`;
    return foreign === 0 ? undefined : "another agency's hotline is listed";
  });
}
