import type { Page } from 'playwright-core';
import { attempt, current, SCREENSHOTS, screenshotWholePage, settle, sideways } from '../harness';
import type { InformationContext } from './context';

// Work schedules in Chromium against the demo data (scripts/demo-schedules.ts): this week of
// the Provincial People's Committee Office by day, with its revised item badged and its
// cancelled item struck through, next week one tap away, a search typed without tone marks,
// the agency's .ics link, and the demo editor tintuc@demo.gov.vn on the admin schedule page.

const shot = (page: Page, name: string) =>
  screenshotWholePage(page, `${SCREENSHOTS}information-schedules-${name}.png`);

const WEEK_RESPONSE = (r: { url(): string }) => r.url().includes('/api/v1/schedules?');

export async function schedulesScenario(ctx: InformationContext): Promise<void> {
  const { page, miniBase, adminPage, adminBase } = ctx;

  await attempt(
    'the schedule shows this week by day, with revised and cancelled items',
    async () => {
      await page.goto(`${miniBase}work-schedules`, { waitUntil: 'domcontentloaded' });
      await current(page).locator('.schedule-item').first().waitFor({ timeout: 20_000 });
      const text = (await current(page).locator('.schedule-days').textContent()) ?? '';
      const cancelled = await current(page).locator('.schedule-item--cancelled').count();
      const revised = await current(page).locator('.schedule-badge--revised').allTextContents();
      await settle(page);
      await shot(page, 'week');
      if (!text.includes('Họp giao ban lãnh đạo UBND tỉnh'))
        return `week reads: ${text.slice(0, 300)}`;
      if (!text.includes('Sở Tài chính')) return 'the second agency is missing';
      if (cancelled < 1) return 'no cancelled item is struck through';
      if (!revised.some((r) => r.includes('14:00'))) return `revised badges: ${revised.join('|')}`;
      return sideways(page);
    },
  );

  await attempt('an agency is picked and its .ics feed is offered', async () => {
    await current(page).getByTestId('schedule-agency').selectOption('van_phong_ubnd_tinh');
    await page.waitForResponse(
      (r) => WEEK_RESPONSE(r) && r.url().includes('agency=van_phong_ubnd_tinh'),
      { timeout: 10_000 },
    );
    const link = current(page).getByTestId('schedule-ics');
    await link.waitFor({ timeout: 10_000 });
    const href = (await link.getAttribute('href')) ?? '';
    const ics = await page.request.get(href);
    const body = await ics.text();
    if (!href.endsWith('/api/v1/schedules/agencies/van_phong_ubnd_tinh/calendar.ics'))
      return `ics link ${href}`;
    if (!body.startsWith('BEGIN:VCALENDAR\r\n') || !body.includes('STATUS:CANCELLED'))
      return `ics reads: ${body.slice(0, 200)}`;
    const finance = await current(page).locator('[data-schedule$="-ngan-sach"]').count();
    return finance === 0 ? undefined : 'another agency still shown';
  });

  await attempt('next week is one tap away, with the draft not shown', async () => {
    await current(page).getByRole('button', { name: 'Tuần sau' }).click();
    await page.waitForFunction(
      () => document.querySelector('.zaui-page:last-child .schedule-week__today') !== null,
      undefined,
      { timeout: 10_000 },
    );
    await settle(page);
    const text = (await current(page).locator('.schedule-days').textContent()) ?? '';
    await shot(page, 'next-week');
    if (text.includes('xâm nhập mặn')) return 'the draft of next week is shown';
    return text.includes('nhà đầu tư Nhật Bản')
      ? undefined
      : `next week reads: ${text.slice(0, 300)}`;
  });

  await attempt('a search typed without diacritics finds "chuyển đổi số"', async () => {
    await current(page).locator('.schedule-week__today').click();
    await current(page).getByTestId('schedule-search').fill('chuyen doi so');
    await page.waitForResponse((r) => WEEK_RESPONSE(r) && r.url().includes('q=chuyen'), {
      timeout: 10_000,
    });
    await page.waitForFunction(
      () => document.querySelectorAll('.zaui-page:last-child .schedule-item').length === 1,
      undefined,
      { timeout: 10_000 },
    );
    const found = await current(page).locator('.schedule-item__content').allTextContents();
    await shot(page, 'search');
    return found.join('|').includes('chuyển đổi số') ? undefined : `found: ${found.join('|')}`;
  });

  await attempt('the schedule editor opens the admin schedule page', async () => {
    await ctx.signInAdmin('tintuc@demo.gov.vn');
    await adminPage.goto(`${adminBase}lich-cong-tac`, { waitUntil: 'domcontentloaded' });
    const loaded = await adminPage
      .locator('[data-entry-id]')
      .first()
      .waitFor({ timeout: 20_000 })
      .then(() => true)
      .catch(() => false);
    if (!loaded) {
      await adminPage.screenshot({ path: `${SCREENSHOTS}information-schedules-admin.png` });
      return `no rows; the page reads: ${((await adminPage.textContent('main')) ?? '').slice(0, 300)}`;
    }
    const rows = await adminPage.locator('[data-entry-id]').allTextContents();
    await adminPage.screenshot({
      path: `${SCREENSHOTS}information-schedules-admin.png`,
      fullPage: true,
    });
    if (!rows.some((r) => r.includes('Đã hủy'))) return 'no cancelled row';
    const foreign = await adminPage.locator('[data-entry-id$="-ngan-sach"]').count();
    if (foreign > 0) return "another agency's item is listed";
    return rows.length >= 6 ? undefined : `${rows.length} rows`;
  });
}
