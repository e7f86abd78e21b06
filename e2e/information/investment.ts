import type { Page } from 'playwright-core';
import { attempt, current, SCREENSHOTS, screenshotWholePage, settle, sideways } from '../harness';
import type { InformationContext } from './context';

// Investment promotion in Chromium against the demo data (scripts/demo-investment.ts): the
// hub with its sectors and projects, a search typed without tone marks, a project page with
// capital in "tỷ đồng", an enquiry sent from it (one row stored, the success screen), and the
// demo editor dautu@demo.gov.vn finding that enquiry in the admin's inbox.

const PROJECT_ID = 'demo-inv-khom-cau-duc';
const PROJECT_TITLE = 'Nhà máy chế biến khóm (dứa) Cầu Đúc';
const DRAFT_TITLE = 'Khu đô thị mới ven sông Ngã Bảy';

const shot = (page: Page, name: string) =>
  screenshotWholePage(page, `${SCREENSHOTS}information-investment-${name}.png`);

export async function investmentScenario(ctx: InformationContext): Promise<void> {
  const { page, miniBase, adminPage, adminBase, db } = ctx;
  // One name per run: the inbox check looks for this very enquiry.
  const investor = `Nhà đầu tư E2E ${Date.now().toString(36)}`;

  await attempt(
    'investment hub shows priority sectors and published projects, not the draft',
    async () => {
      await page.goto(`${miniBase}investment`, { waitUntil: 'domcontentloaded' });
      await current(page).locator('[data-project]').first().waitFor({ timeout: 20_000 });
      const sectors = await current(page).locator('[data-sector]').count();
      const titles = await current(page)
        .locator('[data-project] .rp-card__category')
        .allTextContents();
      await settle(page);
      await shot(page, 'hub');
      if (sectors < 5) return `${sectors} sector chips`;
      if (!titles.includes(PROJECT_TITLE)) return `projects: ${titles.join(' | ')}`;
      if (titles.some((t) => t.includes(DRAFT_TITLE))) return 'the draft project is listed';
      return sideways(page);
    },
  );

  await attempt('a project is found by typing without diacritics', async () => {
    await current(page).getByTestId('invest-search').fill('che bien khom cau duc');
    await page.waitForResponse(
      (r) => r.url().includes('/api/v1/investment/projects?') && r.url().includes('q='),
      {
        timeout: 10_000,
      },
    );
    await page.waitForFunction(
      () => document.querySelectorAll('.zaui-page:last-child [data-project]').length === 1,
      undefined,
      { timeout: 10_000 },
    );
    const titles = await current(page)
      .locator('[data-project] .rp-card__category')
      .allTextContents();
    await shot(page, 'search');
    return titles.length === 1 && titles[0] === PROJECT_TITLE ? undefined : titles.join(' | ');
  });

  await attempt(
    'the project page shows place, area, capital in tỷ đồng and the stage',
    async () => {
      await current(page).locator(`[data-project="${PROJECT_ID}"]`).click();
      const card = current(page).getByTestId('invest-project');
      await card.waitFor({ timeout: 20_000 });
      const text = (await card.textContent()) ?? '';
      const capital = (await current(page).getByTestId('invest-capital').textContent()) ?? '';
      await shot(page, 'project');
      if (capital !== '450 tỷ đồng') return `capital reads "${capital}"`;
      for (const part of ['8,5 ha', 'Hỏa Lựu', 'Đang kêu gọi', 'Sở Tài chính']) {
        if (!text.includes(part)) return `project card lacks "${part}": ${text}`;
      }
      return sideways(page);
    },
  );

  await attempt('the enquiry form explains mistakes in Vietnamese, then sends once', async () => {
    await current(page).getByTestId('invest-enquire').click();
    await current(page).getByTestId('invest-form-send').waitFor({ timeout: 20_000 });
    await current(page).getByTestId('invest-form-send').click();
    const errors = await current(page)
      .locator('.inv-field-error, .rp-notice--error')
      .allTextContents();
    if (!errors.some((e) => e.includes('email hoặc số điện thoại'))) {
      return `errors: ${errors.join(' | ')}`;
    }
    await current(page).getByTestId('invest-form-name').fill(investor);
    await current(page)
      .getByTestId('invest-form-organisation')
      .fill('Công ty CP Thực phẩm Miền Tây');
    await current(page).getByTestId('invest-form-phone').fill('0912 345 678');
    await current(page)
      .getByTestId('invest-form-message')
      .fill('Chúng tôi muốn khảo sát vùng nguyên liệu khóm và quỹ đất của dự án trong quý tới.');
    await shot(page, 'enquiry-form');
    await current(page).getByTestId('invest-form-send').click();
    await current(page).getByTestId('invest-sent').waitFor({ timeout: 20_000 });
    const text = (await current(page).getByTestId('invest-sent').textContent()) ?? '';
    await shot(page, 'enquiry-sent');
    if (!text.includes('Đã gửi yêu cầu')) return `success reads "${text}"`;
    const result = await db.execute({
      sql: 'select count(*) as n, max(project_id) as project, max(agency_id) as agency, max(phone) as phone from investment_enquiries where name = ?',
      args: [investor],
    });
    const row = result.rows[0];
    if (Number(row?.n) !== 1) return `${String(row?.n)} enquiries stored`;
    if (row?.project !== PROJECT_ID || row?.agency !== 'so_tai_chinh') {
      return `stored for ${String(row?.project)} / ${String(row?.agency)}`;
    }
    return row?.phone === '0912345678' ? undefined : `phone stored as ${String(row?.phone)}`;
  });

  await attempt('the investment editor sees the enquiry in the admin inbox', async () => {
    await ctx.signInAdmin('dautu@demo.gov.vn');
    await adminPage.goto(`${adminBase}dau-tu?tab=yeu-cau`, { waitUntil: 'domcontentloaded' });
    const inbox = adminPage.getByTestId('enquiry-inbox');
    await inbox.getByText(investor).waitFor({ timeout: 20_000 });
    await adminPage.screenshot({
      path: `${SCREENSHOTS}information-investment-admin-inbox.png`,
      fullPage: true,
    });
    await adminPage.goto(`${adminBase}dau-tu`, { waitUntil: 'domcontentloaded' });
    await adminPage.locator(`[data-project-id="${PROJECT_ID}"]`).waitFor({ timeout: 20_000 });
    await adminPage.screenshot({
      path: `${SCREENSHOTS}information-investment-admin-projects.png`,
      fullPage: true,
    });
    await adminPage.locator(`[data-project-id="${PROJECT_ID}"] a`).click();
    // The form shows at once and fills in when the project arrives.
    await adminPage.waitForFunction(
      () => (document.querySelector('input[name="title"]') as HTMLInputElement | null)?.value,
      undefined,
      { timeout: 20_000 },
    );
    const title = await adminPage.locator('input[name="title"]').inputValue();
    const capital = await adminPage.locator('input[name="capitalBillion"]').inputValue();
    await adminPage.screenshot({
      path: `${SCREENSHOTS}information-investment-admin-project.png`,
      fullPage: true,
    });
    if (title !== PROJECT_TITLE) return `editor title "${title}"`;
    return capital === '450' ? undefined : `capital field "${capital}"`;
  });
}
