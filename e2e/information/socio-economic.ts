import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { attempt, current, SCREENSHOTS, screenshotWholePage, settle } from '../harness';
import type { InformationContext } from './context';

// Socio-economic indicators in Chromium against the demo data (scripts/demo-indicators.ts):
// the cards by group, an indicator's chart and values table, the comparison of two periods, a
// search typed without tone marks, and the demo editor thongke@demo.gov.vn importing a CSV
// with errors (line errors shown, nothing written), then a good one.

const GROWTH = 'demo-ind-grdp-tang-truong';
const fixture = (name: string) =>
  fileURLToPath(new URL(`../../fixtures/indicators/${name}`, import.meta.url));

const shot = (page: Page, name: string) =>
  screenshotWholePage(page, `${SCREENSHOTS}information-socio-economic-${name}.png`);

async function storedValue(ctx: InformationContext, code: string, period: string) {
  const r = await ctx.db.execute({
    sql: `select v.value from indicator_values v join indicators i on i.id = v.indicator_id
          where i.code = ? and v.period = ?`,
    args: [code, period],
  });
  return r.rows[0] ? Number(r.rows[0].value) : null;
}

export async function socioEconomicScenario(ctx: InformationContext): Promise<void> {
  const { page, miniBase, adminPage, adminBase } = ctx;

  await attempt('indicator cards by group, with value, unit, period and change', async () => {
    await page.goto(`${miniBase}socio-economic`, { waitUntil: 'domcontentloaded' });
    await current(page).locator('[data-indicator]').first().waitFor({ timeout: 20_000 });
    const groups = await current(page).locator('.ind-group__title').allTextContents();
    const cards = await current(page).locator('[data-indicator]').count();
    const text =
      (await current(page).locator('[data-indicator="TY_LE_HO_NGHEO"]').textContent()) ?? '';
    const tones = await current(page)
      .locator('.ind-change')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-tone')));
    await settle(page);
    await shot(page, 'cards');
    for (const g of ['Kinh tế', 'Xã hội', 'Môi trường']) {
      if (!groups.includes(g)) return `groups: ${groups.join('|')}`;
    }
    if (cards < 14) return `${cards} cards`;
    if (!text.includes('Tỷ lệ hộ nghèo') || !text.includes('%')) return `poverty card: ${text}`;
    if (!tones.includes('good')) return `tones: ${tones.join('|')}`;
    return undefined;
  });

  await attempt('"tang truong" typed without diacritics finds the GRDP growth rate', async () => {
    await current(page).getByTestId('indicator-search').fill('tang truong');
    await page.waitForResponse(
      (r) => r.url().includes('/api/v1/indicators?') && r.url().includes('q=tang'),
      {
        timeout: 10_000,
      },
    );
    await page.waitForTimeout(300);
    const names = await current(page).locator('.ind-card__name').allTextContents();
    await shot(page, 'search');
    return names.some((n) => n.includes('Tốc độ tăng trưởng GRDP'))
      ? undefined
      : `found: ${names.join('|')}`;
  });

  await attempt('an indicator page draws its chart and lists its values', async () => {
    await page.goto(`${miniBase}socio-economic/i/${GROWTH}`, { waitUntil: 'domcontentloaded' });
    await current(page).locator('.ind-chart canvas').waitFor({ timeout: 20_000 });
    const rows = await current(page).locator('[data-testid="indicator-values"] tbody tr').count();
    await settle(page);
    await shot(page, 'indicator');
    return rows >= 8 ? undefined : `${rows} value rows`;
  });

  await attempt('the comparison shows two periods side by side', async () => {
    await page.goto(`${miniBase}socio-economic/compare`, { waitUntil: 'domcontentloaded' });
    await current(page).getByTestId('compare-table').waitFor({ timeout: 20_000 });
    const rows = await current(page).locator('[data-testid="compare-table"] tbody tr').count();
    const head =
      (await current(page).locator('[data-testid="compare-table"] thead').textContent()) ?? '';
    await settle(page);
    await shot(page, 'compare');
    if (rows < 5) return `${rows} rows`;
    return head.includes('Quý') ? undefined : `header: ${head}`;
  });

  await attempt('the editor sees line errors for a bad CSV and nothing is written', async () => {
    await ctx.signInAdmin('thongke@demo.gov.vn');
    await adminPage.goto(`${adminBase}chi-tieu`, { waitUntil: 'domcontentloaded' });
    await adminPage
      .getByTestId('indicator-list')
      .locator('tbody tr')
      .first()
      .waitFor({ timeout: 20_000 });
    const before = await storedValue(ctx, 'GRDP_BINH_QUAN', '2025');
    await adminPage.getByTestId('indicator-import-file').setInputFiles(fixture('so-lieu-loi.csv'));
    await adminPage.getByRole('button', { name: 'Kiểm tra' }).click();
    const errors = adminPage.getByTestId('indicator-import-errors');
    await errors.waitFor({ timeout: 10_000 });
    const lines = await errors.locator('tbody tr td:first-child').allTextContents();
    await shot(adminPage, 'admin-errors');
    if (lines.join(',') !== '3,4,5') return `error lines: ${lines.join(',')}`;
    const after = await storedValue(ctx, 'GRDP_BINH_QUAN', '2025');
    return after === before ? undefined : `value changed ${before} → ${after}`;
  });

  await attempt('a good CSV is checked, then imported', async () => {
    await adminPage.getByTestId('indicator-import-file').setInputFiles(fixture('so-lieu-mau.csv'));
    await adminPage.getByRole('button', { name: 'Kiểm tra' }).click();
    await adminPage.getByTestId('indicator-import-summary').waitFor({ timeout: 10_000 });
    await shot(adminPage, 'admin-dry-run');
    await adminPage.getByRole('button', { name: 'Nhập', exact: true }).click();
    await adminPage.getByText(/Đã nhập 4 dòng/).waitFor({ timeout: 10_000 });
    await shot(adminPage, 'admin-imported');
    const value = await storedValue(ctx, 'GRDP_BINH_QUAN', '2025');
    return value === 81.9 ? undefined : `GRDP_BINH_QUAN 2025 = ${value}`;
  });
}
