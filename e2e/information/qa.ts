import { attempt, SCREENSHOTS } from '../harness';
import type { InformationContext } from './context';

// Two-level interaction in Chromium against the demo data (scripts/demo-qa.ts): the commune
// officer vithanh@demo.gov.vn asks the Department of Construction a question in the admin,
// xaydung@demo.gov.vn answers it, and another official (tintuc@, of the provincial office)
// finds it in the handbook by a search typed without tone marks.

const DEMO_THREAD = 'Thủ tục cấp giấy phép xây dựng nhà ở nông thôn';

export async function qaScenario(ctx: InformationContext): Promise<void> {
  const { adminPage: page, adminBase, db } = ctx;
  // One word per run, so the handbook search finds this very question.
  const word = `e2e${Date.now().toString(36)}`;
  const subject = `Cấp giấy phép xây dựng nhà xưởng nhỏ trong khu dân cư ${word}`;
  const shot = (name: string) =>
    page.screenshot({ path: `${SCREENSHOTS}information-qa-${name}.png`, fullPage: true });
  let threadId = '';

  await attempt('a commune officer sees the commune’s questions and asks a new one', async () => {
    await ctx.signInAdmin('vithanh@demo.gov.vn');
    await page.goto(`${adminBase}tuong-tac?tab=asked`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('link', { name: DEMO_THREAD }).waitFor({ timeout: 20_000 });
    await shot('asked');
    await page.getByRole('button', { name: '+ Đặt câu hỏi' }).click();
    const form = page.getByRole('form', { name: 'Đặt câu hỏi' });
    await form.locator('select[name="targetAgencyId"] option[value="so_xay_dung"]').waitFor({
      state: 'attached',
      timeout: 20_000,
    });
    await form.locator('select[name="targetAgencyId"]').selectOption('so_xay_dung');
    await form.locator('input[name="topic"]').fill('Xây dựng');
    await form.locator('input[name="subject"]').fill(subject);
    await form
      .locator('textarea[name="body"]')
      .fill(
        'Hộ kinh doanh muốn dựng nhà xưởng chế biến nông sản 200 m² trên đất ở trong khu dân cư ấp 2. Xã hướng dẫn hồ sơ xin phép như thế nào?',
      );
    await shot('ask-form');
    await form.getByRole('button', { name: 'Gửi câu hỏi' }).click();
    await page.waitForURL(/\/tuong-tac\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    threadId = page.url().split('/').pop() ?? '';
    await page.getByRole('heading', { name: subject }).waitFor({ timeout: 20_000 });
    await shot('asked-thread');
    const stored = await db.execute({
      sql: "select status, asking_agency_id as asking, target_agency_id as target, (select count(*) from notifications where link = '/tuong-tac/' || qa_threads.id and recipient_id = 'demo-xaydung') as notified from qa_threads where id = ?",
      args: [threadId],
    });
    const row = stored.rows[0];
    if (!row) return `no thread ${threadId}`;
    if (row.status !== 'open' || row.asking !== 'ubnd_vi-thanh' || row.target !== 'so_xay_dung') {
      return `stored ${JSON.stringify(row)}`;
    }
    return Number(row.notified) === 1 ? undefined : `xaydung@ notified ${String(row.notified)}×`;
  });

  await attempt('the asked agency finds it among received questions and answers it', async () => {
    if (!threadId) return 'no question was asked';
    await ctx.signInAdmin('xaydung@demo.gov.vn');
    await page.goto(`${adminBase}tuong-tac?tab=received`, { waitUntil: 'domcontentloaded' });
    const link = page.getByRole('link', { name: subject });
    await link.waitFor({ timeout: 20_000 });
    await shot('received');
    await link.click();
    const form = page.getByRole('form', { name: 'Gửi trao đổi' });
    await form
      .locator('textarea[name="reply"]')
      .fill(
        'Nhà xưởng sản xuất trong khu dân cư phải có giấy phép xây dựng và phù hợp quy hoạch. Hồ sơ gồm đơn đề nghị, giấy tờ đất và bản vẽ thiết kế; nộp tại bộ phận một cửa của xã.',
      );
    await form.getByRole('button', { name: 'Gửi câu trả lời' }).click();
    await page.locator('[data-answer="true"]').first().waitFor({ timeout: 20_000 });
    await page.getByText('Đã trả lời', { exact: true }).first().waitFor({ timeout: 10_000 });
    await shot('answered');
    const stored = await db.execute({
      sql: 'select status, answered_at as answeredAt from qa_threads where id = ?',
      args: [threadId],
    });
    const row = stored.rows[0];
    return row?.status === 'answered' && row.answeredAt
      ? undefined
      : `stored ${JSON.stringify(row)}`;
  });

  await attempt(
    'another official finds the answer in the handbook without diacritics',
    async () => {
      await ctx.signInAdmin('tintuc@demo.gov.vn');
      await page.goto(`${adminBase}tuong-tac?tab=handbook`, { waitUntil: 'domcontentloaded' });
      await page.getByRole('link', { name: DEMO_THREAD }).waitFor({ timeout: 20_000 });
      await shot('handbook');
      await page
        .getByRole('searchbox', { name: 'Tìm kiếm' })
        .fill(`cap giay phep xay dung ${word}`);
      // The newest answer already heads the unfiltered list: wait for the search's own answer.
      const searched = page.waitForResponse(
        (r) => r.url().includes('/work/qa/handbook?') && r.url().includes('q='),
        { timeout: 20_000 },
      );
      await page.getByRole('button', { name: 'Tìm', exact: true }).click();
      await searched;
      await page
        .waitForFunction(() => document.querySelectorAll('[data-thread-id]').length === 1, null, {
          timeout: 10_000,
        })
        .catch(() => undefined);
      const link = page.getByRole('link', { name: subject });
      await link.waitFor({ timeout: 20_000 });
      const rows = await page.locator('[data-thread-id]').count();
      await shot('handbook-search');
      if (rows !== 1) return `${rows} results`;
      await link.click();
      await page.locator('[data-answer="true"]').first().waitFor({ timeout: 20_000 });
      // A reader outside both agencies gets no reply box.
      const replyBoxes = await page.locator('textarea[name="reply"]').count();
      await shot('handbook-thread');
      return replyBoxes === 0 ? undefined : 'a reply box is offered to a reader';
    },
  );
}
