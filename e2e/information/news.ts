import type { Page } from 'playwright-core';
import { DEMO_NEWS_DRAFT } from '../../scripts/demo-news';
import { attempt, current, SCREENSHOTS, screenshotWholePage, settle, sideways } from '../harness';
import type { InformationContext } from './context';

// Government news in Chromium against the demo data (scripts/demo-news.ts): the list newest
// first without the draft, a category chip, a search typed without tone marks, an article with
// its formatting kept and nothing executable, the latest news on the home screen; then the demo
// editor tintuc@demo.gov.vn writes a draft in the web admin (with pasted markup that must not
// survive), publishes it, and a citizen finds it in the mini app.

const shot = (page: Page, name: string) =>
  screenshotWholePage(page, `${SCREENSHOTS}information-news-${name}.png`);

const NEWS_LIST = (r: { url(): string }) => /\/api\/v1\/news\?/.test(r.url());

/** Titles of the article cards on the visible page, in order. */
const titles = (page: Page) =>
  current(page).locator('[data-article] .news-card__title').allTextContents();

/** Anything in rendered rich text that could run code: the sanitiser must have removed it. */
async function executableIn(page: Page): Promise<string | undefined> {
  return current(page)
    .locator('.rich-text')
    .evaluate((root) => {
      if (root.querySelector('script, iframe, object, embed, style'))
        return 'a script-like element';
      for (const el of Array.from(root.querySelectorAll('*'))) {
        for (const attr of Array.from(el.attributes)) {
          if (attr.name.startsWith('on')) return `an ${attr.name} attribute`;
          if (/^\s*javascript:/i.test(attr.value)) return `a javascript: ${attr.name}`;
        }
      }
      for (const a of Array.from(root.querySelectorAll<HTMLAnchorElement>('a[href]'))) {
        if (a.target !== '_blank' || !a.rel.includes('noopener'))
          return 'a link that keeps the opener';
      }
      return undefined;
    });
}

export async function newsScenario(ctx: InformationContext): Promise<void> {
  const { page, miniBase, adminPage, adminBase, apiUrl, db } = ctx;

  await attempt('government news lists the published articles newest first, no draft', async () => {
    await page.goto(`${miniBase}government-news`, { waitUntil: 'domcontentloaded' });
    await current(page).locator('[data-article]').first().waitFor({ timeout: 20_000 });
    const shown = await titles(page);
    const ids = await current(page)
      .locator('[data-article]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-article')));
    await settle(page);
    await shot(page, 'list');
    if (shown[0] !== 'Khuyến cáo lịch thời vụ xuống giống lúa Hè Thu né rầy, né mặn')
      return `first card: ${shown[0]}`;
    if (ids.includes(DEMO_NEWS_DRAFT)) return 'the draft is listed';
    if (shown.length !== 10) return `${shown.length} cards on the first page (10 expected)`;
    if ((await current(page).getByRole('button', { name: 'Xem thêm' }).count()) === 0)
      return 'no way to the older articles';
    return sideways(page);
  });

  await attempt('a category chip keeps only that category', async () => {
    const answer = page.waitForResponse(
      (r) => NEWS_LIST(r) && r.url().includes('category=nong-nghiep'),
      { timeout: 10_000 },
    );
    await current(page).locator('.ps-chips').getByRole('button', { name: 'Nông nghiệp' }).click();
    await answer;
    await page.waitForFunction(
      () =>
        document.querySelectorAll('.zaui-page:last-child [data-article]').length === 1 &&
        document.querySelector('.zaui-page:last-child .ps-chip--on')?.textContent === 'Nông nghiệp',
      undefined,
      { timeout: 10_000 },
    );
    const meta = await current(page).locator('[data-article] .rp-card__meta').first().textContent();
    await shot(page, 'category');
    return meta?.startsWith('Nông nghiệp ·') ? undefined : `card reads: ${meta}`;
  });

  await attempt('a search typed without diacritics finds "tiêm vắc xin sởi"', async () => {
    await current(page).locator('.ps-chips').getByRole('button', { name: 'Tất cả' }).click();
    const answer = page.waitForResponse((r) => NEWS_LIST(r) && r.url().includes('q=tiem'), {
      timeout: 10_000,
    });
    await current(page).getByTestId('news-search').fill('tiem vac xin soi');
    await answer;
    await page.waitForFunction(
      () => document.querySelectorAll('.zaui-page:last-child [data-article]').length === 1,
      undefined,
      { timeout: 10_000 },
    );
    const found = await titles(page);
    await shot(page, 'search');
    return found[0] === 'Chiến dịch tiêm vắc xin sởi cho trẻ từ 1 đến 5 tuổi'
      ? undefined
      : `found: ${found.join(' | ')}`;
  });

  await attempt('an article opens with its formatting and nothing executable', async () => {
    await current(page).getByTestId('news-search').fill('bao hiem y te ho can ngheo');
    await page.waitForFunction(
      () =>
        document
          .querySelector('.zaui-page:last-child [data-article] .news-card__title')
          ?.textContent?.startsWith('Hỗ trợ mức đóng bảo hiểm y tế'),
      undefined,
      { timeout: 10_000 },
    );
    await current(page).locator('[data-article]').first().click();
    await page.waitForURL(/\/government-news\/n\/demo-tin-bao-hiem-y-te$/, { timeout: 10_000 });
    await current(page).locator('.rich-text table').waitFor({ timeout: 10_000 });
    const title = await current(page).getByTestId('article-title').textContent();
    const cells = await current(page).locator('.rich-text td').count();
    const bad = await executableIn(page);
    await settle(page);
    await shot(page, 'article');
    if (!title?.startsWith('Hỗ trợ mức đóng bảo hiểm y tế')) return `title: ${title}`;
    if (cells < 6) return `the table has ${cells} cells`;
    return bad ?? sideways(page);
  });

  await attempt('the home screen shows the latest news', async () => {
    await page.goto(miniBase, { waitUntil: 'domcontentloaded' });
    const block = current(page).getByTestId('home-news');
    await block.waitFor({ timeout: 20_000 });
    const shown = await block
      .locator('[data-article]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-article')));
    await settle(page);
    await shot(page, 'home');
    if (shown.length !== 5) return `${shown.length} articles on the home screen`;
    if (shown[0] !== 'demo-tin-lich-thoi-vu-he-thu') return `first: ${shown[0]}`;
    if (shown.includes(DEMO_NEWS_DRAFT)) return 'the draft is on the home screen';
    await block.getByRole('button', { name: 'Xem tất cả' }).click();
    await page.waitForURL(/\/government-news$/, { timeout: 10_000 });
    return sideways(page);
  });

  // A word no demo article has: the published article is found by it and by nothing else.
  const token = `e2e${Date.now().toString(36)}`;
  const title = `Thông báo nạo vét kênh Xà No đợt ${token}`;
  let articleId = '';

  await attempt('the news editor writes a draft in the admin, sanitised on save', async () => {
    await ctx.signInAdmin('tintuc@demo.gov.vn');
    await adminPage.goto(`${adminBase}tin-tuc`, { waitUntil: 'domcontentloaded' });
    await adminPage.locator(`[data-article-id="${DEMO_NEWS_DRAFT}"]`).waitFor({ timeout: 20_000 });
    const rows = await adminPage.locator('[data-article-id]').count();
    await adminPage.screenshot({ path: `${SCREENSHOTS}information-news-admin-list.png` });
    // The office's editor sees the office's articles only (4 published and the draft).
    if (rows !== 5) return `${rows} rows in the editor's list`;

    await adminPage.getByRole('link', { name: 'Viết bài mới' }).click();
    const form = adminPage.getByRole('form', { name: 'Bài viết' });
    await form.waitFor({ timeout: 10_000 });
    await form.getByLabel('Tiêu đề', { exact: true }).fill(title);
    await form.getByLabel('Chuyên mục').selectOption('thong-bao');
    const body = form.getByRole('textbox', { name: 'Nội dung bài viết' });
    await body.click();
    // What a paste from a web page could bring: the API must keep the text and the list only.
    await body.evaluate((el) => {
      el.innerHTML =
        '<p onclick="alert(1)">Từ ngày 10, nạo vét <strong>kênh Xà No</strong> đoạn qua xã Hỏa Lựu.</p>' +
        '<script>alert(2)</script><ul><li>Tàu thuyền đi chậm</li><li>Không neo đậu</li></ul>' +
        '<p><a href="javascript:alert(3)">Chi tiết</a></p>';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await form.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await adminPage.waitForURL(/\/admin\/tin-tuc\/tin_[0-9a-f]+$/, { timeout: 15_000 });
    articleId = adminPage.url().split('/').pop() ?? '';
    const state = adminPage.getByTestId('article-state');
    await state.waitFor({ timeout: 10_000 });
    const stateText = (await state.textContent()) ?? '';
    await adminPage.screenshot({
      path: `${SCREENSHOTS}information-news-admin-draft.png`,
      fullPage: true,
    });
    const stored = await db.execute({
      sql: 'select status, agency_id, body_html from news_articles where id = ?',
      args: [articleId],
    });
    const row = stored.rows[0];
    const html = String(row?.body_html ?? '');
    if (!stateText.includes('Bản nháp')) return `state reads: ${stateText}`;
    if (row?.status !== 'draft' || row.agency_id !== 'van_phong_ubnd_tinh')
      return `stored as ${row?.status} of ${row?.agency_id}`;
    if (/<script|onclick|javascript:/i.test(html)) return `stored body: ${html}`;
    if (!html.includes('<li>Không neo đậu</li>') || !html.includes('<strong>kênh Xà No</strong>'))
      return `the formatting was lost: ${html}`;
    const hidden = await (await fetch(`${apiUrl}/api/v1/news?q=${token}`)).json();
    return (hidden as { items: unknown[] }).items.length === 0
      ? undefined
      : 'the draft is public before it is published';
  });

  await attempt('publishing it puts it in the mini app', async () => {
    if (!articleId) return 'no draft to publish';
    await adminPage.getByRole('button', { name: 'Đăng bài' }).click();
    await adminPage.getByText('Đã đăng: bài hiện trong ứng dụng.').waitFor({ timeout: 15_000 });
    const stateText = (await adminPage.getByTestId('article-state').textContent()) ?? '';
    await adminPage.screenshot({ path: `${SCREENSHOTS}information-news-admin-published.png` });
    if (!stateText.includes('Đã đăng')) return `state reads: ${stateText}`;

    await page.goto(`${miniBase}government-news`, { waitUntil: 'domcontentloaded' });
    const answer = page.waitForResponse((r) => NEWS_LIST(r) && r.url().includes(`q=${token}`), {
      timeout: 10_000,
    });
    await current(page).getByTestId('news-search').fill(token);
    await answer;
    const card = current(page).locator(`[data-article="${articleId}"]`);
    await card.waitFor({ timeout: 10_000 });
    await card.click();
    await current(page).locator('.rich-text li').first().waitFor({ timeout: 10_000 });
    const shown = await current(page).getByTestId('article-title').textContent();
    const text = (await current(page).locator('.rich-text').textContent()) ?? '';
    const bad = await executableIn(page);
    await settle(page);
    await shot(page, 'published');
    if (shown !== title) return `title: ${shown}`;
    if (!text.includes('Tàu thuyền đi chậm')) return `body reads: ${text.slice(0, 200)}`;
    return bad;
  });
}
