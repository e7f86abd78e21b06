/**
 * Browser checks of jobs (việc làm, issue 10), `E2E_ONLY=jobs`: one local stack (the product
 * as `npm start` runs it, with the web admin built) on ports of its own and the demo jobs
 * seeded. On a phone, a citizen signs in with Zalo, registers as an employer and posts a
 * vacancy; a second citizen on another phone (another Zalo account: its session comes from
 * the real sign-in route with another token the fake Graph API accepts) makes a profile,
 * finds the vacancy searching without tone marks and applies; the employer sees the
 * applicant and shortlists them, which the seeker sees. A moderator removes the vacancy in
 * the web admin.
 *
 * Env: E2E_JOBS_DB_PORT (18691), E2E_JOBS_API_PORT (19398), E2E_JOBS_MINIAPP_PORT (3118).
 */
import { type Client, createClient } from '@libsql/client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildAdmin } from '../scripts/build-admin';
import { seedDemoJobs } from '../scripts/demo-jobs';
import { seedDemoOfficials } from '../scripts/demo-officials';
import { signInToAdmin } from './admin-sign-in';
import {
  attempt,
  check,
  current,
  keepLocal,
  PHONE,
  SCREENSHOTS,
  screenshotWholePage,
  settle,
  sideways,
} from './harness';
import { E2E_ZALO_ACCESS_TOKEN } from './sign-in';
import { zaloStack } from './zalo-stack';

const DB_PORT = Number(process.env.E2E_JOBS_DB_PORT ?? 18691);
const API_PORT = Number(process.env.E2E_JOBS_API_PORT ?? 19398);
const MINIAPP_PORT = Number(process.env.E2E_JOBS_MINIAPP_PORT ?? 3118);
const LAPTOP = { width: 1366, height: 860 };

/** The second citizen: another Zalo account on the fake Graph API. */
const SEEKER_NAME = 'Trần Văn Hòa';
const SEEKER_TOKEN = `zalo-at:e2e-jobs-seeker-2207:${encodeURIComponent(SEEKER_NAME)}`;
const SESSION_KEY = 'hgs.session';

const VACANCY_TITLE = 'Thợ hàn khung nhà thép tiền chế';

async function shot(page: Page, name: string): Promise<void> {
  await settle(page);
  await screenshotWholePage(page, `${SCREENSHOTS}jobs-${name}.png`);
}

/** Signs the second phone in as another citizen: the session the sign-in route gives. */
async function signInAs(context: BrowserContext, apiUrl: string, token: string): Promise<void> {
  const res = await fetch(`${apiUrl}/api/v1/auth/zalo`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ accessToken: token }),
  });
  if (!res.ok) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
  const session = (await res.json()) as {
    token: string;
    expiresAt: string;
    user: { id: string; displayName: string | null };
  };
  const stored = JSON.stringify({ ...session, deviceClaimed: true });
  await context.addInitScript(
    ([key, value]) => {
      // Also runs in about:blank, which has no storage of its own.
      if (!location.protocol.startsWith('http')) return;
      if (!localStorage.getItem(key as string)) {
        localStorage.setItem(key as string, value as string);
      }
    },
    [SESSION_KEY, stored],
  );
}

export async function runJobsScenario(
  browser: Browser,
  cleanups: Set<() => Promise<void> | void>,
): Promise<void> {
  const local = zaloStack('jobs', cleanups, {
    dbPort: DB_PORT,
    apiPort: API_PORT,
    miniappPort: MINIAPP_PORT,
  });
  const contexts: BrowserContext[] = [];
  let db: Client | undefined;
  try {
    console.log('building the web admin and starting the local stack for the jobs test...');
    await buildAdmin({ quiet: true });
    const stack = await local.start(E2E_ZALO_ACCESS_TOKEN);
    db = createClient({ url: stack.dbUrl });
    await seedDemoOfficials(db);
    await seedDemoJobs(db);
    check('demo jobs seeded', true);

    const errors: string[] = [];
    const external: string[] = [];
    const watch = async (context: BrowserContext) => {
      contexts.push(context);
      await keepLocal(context, external);
      context.on('page', (p) => {
        p.on('dialog', (dialog) => void dialog.accept());
        p.on('pageerror', (error) => errors.push(`${p.url()}: ${error.message}`));
      });
    };
    const employerPhone = await browser.newContext(PHONE);
    const seekerPhone = await browser.newContext(PHONE);
    const laptop = await browser.newContext({
      viewport: LAPTOP,
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
    for (const c of [employerPhone, seekerPhone, laptop]) await watch(c);
    await signInAs(seekerPhone, stack.apiUrl, SEEKER_TOKEN);
    const boss = await employerPhone.newPage();
    const seeker = await seekerPhone.newPage();
    const admin = await laptop.newPage();
    const mini = `${stack.miniappUrl}/`;
    let vacancyId = '';

    await attempt('"Việc làm" lists the demo vacancies with pay and deadline', async () => {
      await boss.goto(`${mini}jobs`, { waitUntil: 'domcontentloaded' });
      const list = current(boss).getByTestId('jobs-list');
      await list.locator('[data-vacancy]').first().waitFor({ timeout: 30_000 });
      const text = (await list.textContent()) ?? '';
      for (const expected of [
        'Công nhân chế biến tôm đông lạnh',
        '7–10 triệu đồng/tháng',
        'Thỏa thuận',
        '250.000–300.000 đồng/ngày',
        'Hạn nộp: ',
      ]) {
        if (!text.includes(expected)) return `the list lacks "${expected}"`;
      }
      if (text.includes('Nhân viên kiểm tra chất lượng'))
        return 'a past-deadline vacancy is listed';
      if (text.includes('Cấp dưỡng')) return 'a closed vacancy is listed';
      await shot(boss, 'list');
      return sideways(boss);
    });

    await attempt('the employer tab asks to sign in with Zalo first', async () => {
      await current(boss).getByTestId('jobs-tab-employer').click();
      const gate = current(boss).getByTestId('signin-gate');
      await gate.waitFor({ timeout: 20_000 });
      const text = (await gate.textContent()) ?? '';
      return text.includes('Đăng nhập để đăng tin tuyển dụng') ? undefined : `gate reads "${text}"`;
    });

    await attempt(
      'a citizen signs in and registers as an employer (a bad tax code is explained)',
      async () => {
        await current(boss).getByRole('button', { name: 'Đăng nhập bằng Zalo' }).click();
        const form = current(boss).getByTestId('jobs-employer-form');
        await form.waitFor({ timeout: 20_000 });
        await form.getByTestId('jobs-employer-name').fill('Cơ khí Xây dựng Minh Phát');
        await form.getByTestId('jobs-employer-taxCode').fill('63001234');
        await form.getByTestId('jobs-employer-commune').selectOption('vi-thanh');
        await form.getByTestId('jobs-employer-address').fill('45 đường 3 Tháng 2, phường Vị Thanh');
        await form.getByTestId('jobs-employer-phone').fill('0912 888 777');
        await form.getByRole('button', { name: 'Đăng ký' }).click();
        const refusal = form.getByText('Mã số thuế gồm 10 hoặc 13 chữ số', { exact: false });
        await refusal.waitFor({ timeout: 20_000 });
        await shot(boss, 'employer-invalid');
        await form.getByTestId('jobs-employer-taxCode').fill('6300987654');
        await form.getByRole('button', { name: 'Đăng ký' }).click();
        const card = current(boss).getByTestId('jobs-employer');
        await card.waitFor({ timeout: 20_000 });
        const text = (await card.textContent()) ?? '';
        if (!text.includes('Cơ khí Xây dựng Minh Phát')) return `card reads "${text}"`;
        if (!text.includes('0912888777')) return `phone not normalised: "${text}"`;
        await shot(boss, 'employer');
        return undefined;
      },
    );

    await attempt('the employer posts a vacancy ("9tr"–"13tr" a month)', async () => {
      await current(boss).getByTestId('jobs-post-new').click();
      const form = current(boss).getByTestId('jobs-post-form');
      await form.waitFor({ timeout: 20_000 });
      await form.getByTestId('jobs-post-title').fill(VACANCY_TITLE);
      await form
        .getByTestId('jobs-post-description')
        .fill(
          'Hàn, lắp dựng khung kèo nhà xưởng, nhà kho bằng thép tiền chế tại các công trình trong tỉnh.',
        );
      await form
        .getByTestId('jobs-post-requirements')
        .fill('Có tay nghề hàn điện, chịu làm trên cao.');
      await form.getByTestId('jobs-post-salaryMin').fill('9tr');
      await form.getByTestId('jobs-post-salaryMax').fill('13tr');
      await form.getByTestId('jobs-post-positions').fill('4');
      await form.getByTestId('jobs-post-commune').selectOption('vi-thanh');
      await form.getByTestId('jobs-post-address').fill('Xưởng cơ khí Minh Phát, phường Vị Thanh');
      await shot(boss, 'post-form');
      await form.getByRole('button', { name: 'Đăng tin' }).click();
      const mine = current(boss).getByTestId('jobs-mine');
      await mine.waitFor({ timeout: 20_000 });
      vacancyId = boss.url().split('/jobs/mine/')[1]?.split(/[?#]/)[0] ?? '';
      const text = (await mine.textContent()) ?? '';
      if (!text.includes('9–13 triệu đồng/tháng')) return `vacancy reads "${text}"`;
      if (!text.includes('Hạn nộp: ')) return `no deadline: "${text}"`;
      const heading = (await current(boss).getByText('Hồ sơ ứng tuyển (0)').count()) > 0;
      if (!heading) return 'no "Hồ sơ ứng tuyển (0)"';
      await shot(boss, 'posted');
      return vacancyId ? undefined : `no vacancy id in ${boss.url()}`;
    });

    await attempt('a second citizen (another Zalo account) makes a job profile', async () => {
      await seeker.goto(`${mini}jobs?tab=profile`, { waitUntil: 'domcontentloaded' });
      const form = current(seeker).getByTestId('jobs-profile-form');
      await form.waitFor({ timeout: 30_000 });
      await form.getByTestId('jobs-profile-fullName').fill(SEEKER_NAME);
      await form.getByTestId('jobs-profile-birthYear').fill('1996');
      await form.getByTestId('jobs-profile-phone').fill('0987 654 321');
      await form.getByTestId('jobs-profile-commune').selectOption('vi-thanh');
      await form.getByTestId('jobs-profile-desired').fill('Thợ hàn');
      await form.getByTestId('jobs-profile-skills').fill('Hàn điện, hàn MIG, đọc bản vẽ kết cấu');
      await form.getByRole('button', { name: 'Lưu hồ sơ' }).click();
      await current(seeker).getByTestId('jobs-profile').waitFor({ timeout: 20_000 });
      const visible = current(seeker).getByTestId('jobs-profile-visible');
      if (await visible.isChecked()) return 'a new profile is visible without asking';
      await visible.click();
      await current(seeker)
        .getByText('Đang hiện: nhà tuyển dụng đã đăng ký tìm thấy', { exact: false })
        .waitFor({ timeout: 20_000 });
      await shot(seeker, 'profile');
      return sideways(seeker);
    });

    await attempt('the seeker finds the vacancy searching without tone marks', async () => {
      await seeker.goto(`${mini}jobs`, { waitUntil: 'domcontentloaded' });
      await current(seeker).getByTestId('jobs-search').fill('tho han khung nha thep');
      // The unfiltered first page shows at once; the search answers after the typing pause.
      const cards = current(seeker).locator('[data-vacancy]');
      const deadline = Date.now() + 20_000;
      let ids: string[] = [];
      while (Date.now() < deadline) {
        ids = await cards.evaluateAll((els) =>
          els.map((e) => e.getAttribute('data-vacancy') ?? ''),
        );
        if (ids.length === 1 && ids[0] === vacancyId) break;
        await seeker.waitForTimeout(250);
      }
      await shot(seeker, 'search');
      return ids.length === 1 && ids[0] === vacancyId ? undefined : `results: ${ids.join(', ')}`;
    });

    await attempt('the seeker opens it and applies with a cover letter', async () => {
      await current(seeker).locator(`[data-vacancy="${vacancyId}"]`).click();
      const detail = current(seeker).getByTestId('jobs-vacancy');
      await detail.waitFor({ timeout: 20_000 });
      const text = (await detail.textContent()) ?? '';
      if (!text.includes('9–13 triệu đồng/tháng')) return `vacancy reads "${text}"`;
      if (!/Hạn nộp: \d{2}\/\d{2}\/\d{4}/.test(text)) return `deadline reads "${text}"`;
      await current(seeker)
        .getByTestId('jobs-apply-letter')
        .fill('Tôi có 5 năm hàn kết cấu thép, có thể đi làm ngay.');
      await current(seeker).getByTestId('jobs-apply').click();
      const done = current(seeker).getByTestId('jobs-applied');
      await done.waitFor({ timeout: 20_000 });
      const status = (await done.textContent()) ?? '';
      await shot(seeker, 'applied');
      return status.includes('Đã gửi') ? undefined : `after applying: "${status}"`;
    });

    await attempt(
      'the employer sees the applicant with their phone and shortlists them',
      async () => {
        await boss.goto(`${mini}jobs/mine/${vacancyId}`, { waitUntil: 'domcontentloaded' });
        const list = current(boss).getByTestId('jobs-applicants');
        await list.waitFor({ timeout: 30_000 });
        const text = (await list.textContent()) ?? '';
        if (!text.includes(SEEKER_NAME)) return `applicants read "${text}"`;
        if (!text.includes('0987654321')) return 'no phone number';
        if (!text.includes('Tôi có 5 năm hàn kết cấu thép')) return 'no cover letter';
        await list.getByTestId('jobs-mark-shortlisted').click();
        await list.locator('[data-status="shortlisted"]').waitFor({ timeout: 20_000 });
        await shot(boss, 'applicants');
        return undefined;
      },
    );

    await attempt('the employer finds the visible seeker in "Tìm người tìm việc"', async () => {
      await boss.goto(`${mini}jobs?tab=employer`, { waitUntil: 'domcontentloaded' });
      await current(boss).getByTestId('jobs-seekers-search').fill('han mig');
      await current(boss).getByText(SEEKER_NAME).first().waitFor({ timeout: 20_000 });
      await shot(boss, 'employer-tab');
      return undefined;
    });

    await attempt('the seeker sees "Được chọn" in their applications', async () => {
      await seeker.goto(`${mini}jobs?tab=profile`, { waitUntil: 'domcontentloaded' });
      const list = current(seeker).getByTestId('jobs-my-applications');
      await list.locator(`[data-vacancy="${vacancyId}"]`).waitFor({ timeout: 30_000 });
      const text = (await list.textContent()) ?? '';
      await shot(seeker, 'my-applications');
      return text.includes('Được chọn') ? undefined : `applications read "${text}"`;
    });

    await attempt(
      'a past-deadline vacancy says "Đã hết hạn" and takes no application',
      async () => {
        await seeker.goto(`${mini}jobs/v/demo-job-qc-thuy-san`, { waitUntil: 'domcontentloaded' });
        const deadline = current(seeker).getByTestId('jobs-deadline');
        await deadline.waitFor({ timeout: 30_000 });
        const text = await deadline.textContent();
        if (text !== 'Đã hết hạn') return `deadline reads "${text}"`;
        if ((await current(seeker).getByTestId('jobs-apply').count()) > 0) return 'an apply button';
        await current(seeker).getByText('Tin tuyển dụng đã hết hạn nộp hồ sơ.').waitFor();
        await shot(seeker, 'expired');
        return undefined;
      },
    );

    await attempt(
      'the moderator finds the vacancy in the admin and removes it with a reason',
      async () => {
        await signInToAdmin(admin, `${stack.apiUrl}/admin/`, 'vieclam@demo.gov.vn');
        await admin.getByRole('link', { name: 'Việc làm' }).click();
        const table = admin.getByTestId('jobs-table');
        await table.locator('[data-vacancy]').first().waitFor({ timeout: 30_000 });
        await admin.getByTestId('jobs-search').fill('tho han');
        await admin.getByRole('button', { name: 'Tìm' }).click();
        const row = table.locator(`[data-vacancy="${vacancyId}"]`);
        await row.waitFor({ timeout: 20_000 });
        await admin.screenshot({ path: `${SCREENSHOTS}jobs-admin.png`, fullPage: true });
        await row.getByTestId('jobs-remove').click();
        await row.getByTestId('jobs-remove-reason').fill('Thử nghiệm gỡ tin: nội dung trùng lặp');
        await row.getByTestId('jobs-remove-confirm').click();
        await admin.getByText('Đã gỡ tin', { exact: false }).first().waitFor({ timeout: 20_000 });
        // The open list may still be on screen while it reloads: wait for the row of the
        // removed list, which carries the status and the reason.
        await admin.getByRole('combobox', { name: 'Trạng thái' }).selectOption('removed');
        const removedRow = table.locator(`[data-vacancy="${vacancyId}"]`, { hasText: 'Đã gỡ' });
        try {
          await removedRow.waitFor({ timeout: 20_000 });
        } catch {
          const rowText = await table.locator(`[data-vacancy="${vacancyId}"]`).textContent();
          return `row reads "${rowText ?? '(none)'}"`;
        }
        await admin.screenshot({ path: `${SCREENSHOTS}jobs-admin-removed.png`, fullPage: true });
        if (!((await removedRow.textContent()) ?? '').includes('nội dung trùng lặp')) {
          return 'the removed row does not show the reason';
        }
        const audit = await db?.execute({
          sql: "select count(*) as n from audit_log where entity_type = 'job_vacancy' and entity_id = ?",
          args: [vacancyId],
        });
        return Number(audit?.rows[0]?.n) === 1 ? undefined : 'no audit entry';
      },
    );

    await attempt('the removed vacancy is gone for the public', async () => {
      await seeker.goto(`${mini}jobs/v/${vacancyId}`, { waitUntil: 'domcontentloaded' });
      await current(seeker)
        .getByText('Không tìm thấy tin tuyển dụng này', { exact: false })
        .waitFor({ timeout: 30_000 });
      return undefined;
    });

    check(
      'nothing is fetched from outside',
      external.length === 0,
      [...new Set(external)].join(', '),
    );
    check('no JavaScript errors on the jobs screens', errors.length === 0, errors.join(' | '));
  } catch (error) {
    check('jobs test run', false, error instanceof Error ? error.message : String(error));
  } finally {
    db?.close();
    for (const context of contexts) await context.close().catch(() => undefined);
    await local.stop();
  }
}
