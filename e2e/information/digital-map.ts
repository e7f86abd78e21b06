import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { attempt, current, SCREENSHOTS, screenshotWholePage, settle, sideways } from '../harness';
import type { InformationContext } from './context';

// The digital map in Chromium against the demo data (scripts/demo-places.ts, the sample files
// of fixtures/places): the list, a search typed without tone marks, the map with clusters, a
// place's page with tap-to-call and directions; then the demo map editor bando@demo.gov.vn
// imports a file with errors (each line's error listed, nothing written) and the good file
// (dry run, then import, which updates the seeded places instead of duplicating them).

const FIXTURES = new URL('../../fixtures/places/', import.meta.url);

const shot = (page: Page, name: string) =>
  screenshotWholePage(page, `${SCREENSHOTS}information-digital-map-${name}.png`);

export async function digitalMapScenario(ctx: InformationContext): Promise<void> {
  const { page, miniBase, adminPage, adminBase, db } = ctx;

  await attempt('the digital map lists the demo places', async () => {
    await page.goto(`${miniBase}digital-map`, { waitUntil: 'domcontentloaded' });
    const cards = current(page).locator('[data-testid="places-list"] .rp-card');
    await cards.first().waitFor({ timeout: 20_000 });
    const names = await current(page).locator('.rp-card__category').allTextContents();
    await settle(page);
    await shot(page, 'list');
    if (names.length < 10) return `${names.length} places listed`;
    if (names.some((n) => n.includes('Thạnh Hòa'))) return 'the draft place is listed';
    return sideways(page);
  });

  await attempt('a search typed without diacritics finds "Bệnh viện Đa khoa"', async () => {
    await current(page).getByTestId('map-search').fill('benh vien da khoa');
    await page.waitForResponse(
      (r) => r.url().includes('/api/v1/places?') && r.url().includes('q=benh'),
      { timeout: 10_000 },
    );
    await current(page)
      .locator('.rp-card__category', { hasText: 'Bệnh viện Đa khoa tỉnh Hậu Giang' })
      .waitFor({ timeout: 10_000 });
    const names = await current(page).locator('.rp-card__category').allTextContents();
    await shot(page, 'search');
    return names.every((n) => n.includes('Bệnh viện Đa khoa')) ? undefined : names.join('|');
  });

  await attempt('the map gathers the places into clusters', async () => {
    await current(page).getByTestId('map-search').fill('');
    await current(page).getByRole('tab', { name: 'Bản đồ' }).click();
    await current(page).getByTestId('places-map').waitFor({ timeout: 20_000 });
    await current(page).locator('.marker-cluster').first().waitFor({ timeout: 20_000 });
    // The cleared search reloads the places: until it answers, the map still shows the two
    // hospitals found before.
    let clusters: string[] = [];
    const countOf = (texts: string[]) => texts.reduce((sum, c) => sum + Number(c.trim() || 0), 0);
    for (let tries = 0; tries < 30; tries++) {
      clusters = await current(page).locator('.marker-cluster').allTextContents();
      if (countOf(clusters) >= 10) break;
      await page.waitForTimeout(500);
    }
    await settle(page);
    await shot(page, 'map');
    return clusters.length > 0 && countOf(clusters) >= 10
      ? undefined
      : `clusters: ${clusters.join(',')}`;
  });

  await attempt('a place page shows the address, tap to call and directions', async () => {
    await page.goto(`${miniBase}digital-map/p/demo-place-hg-001`, {
      waitUntil: 'domcontentloaded',
    });
    const detail = current(page).getByTestId('place-detail');
    await detail.waitFor({ timeout: 20_000 });
    const text = (await detail.textContent()) ?? '';
    const call = await current(page).getByTestId('place-call').getAttribute('href');
    const directions = await current(page).getByTestId('place-directions').getAttribute('href');
    await settle(page);
    await shot(page, 'place');
    if (!text.includes('Trần Hưng Đạo')) return `place reads: ${text}`;
    if (call !== 'tel:02933876333') return `call link ${String(call)}`;
    return directions?.includes('destination=') ? undefined : `directions ${String(directions)}`;
  });

  await attempt(
    'the map editor sees line errors for a bad file, and nothing is written',
    async () => {
      const before = await db.execute('select count(*) as n from places');
      await ctx.signInAdmin('bando@demo.gov.vn');
      await adminPage.goto(`${adminBase}ban-do-so`, { waitUntil: 'domcontentloaded' });
      await adminPage.getByTestId('places-import').waitFor({ timeout: 20_000 });
      await adminPage
        .getByLabel('Chọn tệp')
        .setInputFiles(fileURLToPath(new URL('hau-giang-places-loi.csv', FIXTURES)));
      await adminPage.getByTestId('places-dry-run').click();
      const errors = adminPage.getByTestId('places-import-errors');
      await errors.waitFor({ timeout: 20_000 });
      const rows = await errors.locator('tbody tr').allTextContents();
      await adminPage.screenshot({
        path: `${SCREENSHOTS}information-digital-map-admin-errors.png`,
        fullPage: true,
      });
      const after = await db.execute('select count(*) as n from places');
      if (Number(after.rows[0]?.n) !== Number(before.rows[0]?.n)) return 'rows were written';
      return rows.length === 2 && rows[0]?.startsWith('5') && rows[1]?.startsWith('9')
        ? undefined
        : `errors: ${rows.join(' | ')}`;
    },
  );

  await attempt('the good file: dry run "sẽ thêm 0, cập nhật 66", then the import', async () => {
    await adminPage
      .getByLabel('Chọn tệp')
      .setInputFiles(fileURLToPath(new URL('hau-giang-places.csv', FIXTURES)));
    await adminPage.getByTestId('places-dry-run').click();
    const notice = adminPage.locator('.alert--ok');
    await notice.waitFor({ timeout: 20_000 });
    const dry = (await notice.textContent()) ?? '';
    await adminPage.getByTestId('places-import-run').click();
    await adminPage.locator('.alert--ok', { hasText: 'Đã nhập' }).waitFor({ timeout: 20_000 });
    await adminPage
      .getByTestId('places-imports')
      .locator('tbody tr')
      .first()
      .waitFor({ timeout: 10_000 });
    await adminPage.screenshot({
      path: `${SCREENSHOTS}information-digital-map-admin-import.png`,
      fullPage: true,
    });
    return dry.includes('sẽ thêm 0, cập nhật 66') ? undefined : `dry run said: ${dry}`;
  });
}
