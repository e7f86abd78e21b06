/// <reference lib="dom" />
/**
 * The web admin's screens for appointments, training and surveys (issue 9), in Chromium
 * against the real API on a laptop-sized window: the local stack as `npm start` runs it (the
 * admin built by Vite and served by the Worker, no mini app) on ports of its own with a
 * throw-away data directory, the demo officials, hospital, courses and surveys, and a fake
 * Zalo Graph API on loopback so a citizen can sign in and act through the public API.
 *
 * - The survey editor (khaosat@) lands on "Khảo sát", builds a survey in the builder
 *   (sections, a scale and a text question, a skip rule), meets a version conflict from a
 *   second tab and reloads, publishes; a citizen answers through the API (a second answer is
 *   refused) and the results page shows it by itself, with the rejected duplicate.
 * - The training editor (taphuan@) creates a course, adds a session typed in Vietnam time,
 *   uploads a PDF with the progress bar (upload throttled so it is visible), publishes; a
 *   citizen registers for a session about to begin and asks a question; once it has begun,
 *   the editor records attendance, and answers.
 * - The hospital staff (benhvien@) lands on "Lịch khám", finds the booking a citizen made
 *   through the API for later today, and checks it in with the code of its QR.
 *
 * Screenshots: e2e/screenshots/services-admin-*.png.
 * Env: E2E_SERVICES_DB_PORT (18580), E2E_SERVICES_API_PORT (19287).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from '@libsql/client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { FAKE_ZALO_SECRET, startFakeZaloGraph } from '../edge/test/support/node-fake-zalo-graph';
import { buildAdmin } from '../scripts/build-admin';
import { DEMO_HOSPITAL_ID, seedDemoHospitals } from '../scripts/demo-hospitals';
import { seedDemoOfficials } from '../scripts/demo-officials';
import { seedDemoSurveys } from '../scripts/demo-surveys';
import { seedDemoCourses } from '../scripts/demo-training';
import { startStack } from '../scripts/stack';
import { signInToAdmin } from './admin-sign-in';
import { attempt, check, keepLocal, SCREENSHOTS, settle } from './harness';

const DB_PORT = Number(process.env.E2E_SERVICES_DB_PORT ?? 18580);
const API_PORT = Number(process.env.E2E_SERVICES_API_PORT ?? 19287);
const LAPTOP = { width: 1366, height: 860 };
const DEPARTMENT_ID = 'demo-khoa-kham-benh';

const SURVEY_TITLE = 'Lấy ý kiến về giờ mở cửa chợ đêm Vị Thanh';
const COURSE_TITLE = 'Kỹ thuật nuôi tôm càng xanh trong ruộng lúa';
const SESSION_TITLE = 'Buổi 1: Chuẩn bị ruộng và chọn giống tôm';
const LIVE_TITLE = 'Buổi hỏi đáp trực tuyến với kỹ sư';
const PATIENT = 'Trần Thị Hoa';
const CITIZEN = 'Nguyễn Văn Lợi';

const VN_MS = 7 * 3_600_000;
/** A `datetime-local` value in Vietnam time. */
const vnLocal = (at: Date) => new Date(at.getTime() + VN_MS).toISOString().slice(0, 16);
const vnDate = (at: Date) => vnLocal(at).slice(0, 10);

async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await settle(page);
  await page.screenshot({ path: `${SCREENSHOTS}services-admin-${name}.png`, fullPage });
}

const signIn = (page: Page, base: string, email: string) =>
  signInToAdmin(page, `${base}/admin/`, email);

/** The toast of the last button: its text once it says `expected` (or the error it shows). */
async function toast(page: Page, expected: string): Promise<string | undefined> {
  const box = page.locator('.svc-toast');
  await box.first().waitFor({ timeout: 30_000 });
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const text = (await box.first().textContent()) ?? '';
    if (text.includes(expected)) return undefined;
    if ((await box.first().getAttribute('class'))?.includes('svc-toast--error'))
      return `toast: "${text}"`;
    await sleep(200);
  }
  return `toast never said "${expected}": "${(await box.first().textContent()) ?? ''}"`;
}

// ---- the citizen's side, straight through the public API --------------------------------

async function citizenSession(apiUrl: string, zaloId: string, name: string): Promise<string> {
  const res = await fetch(`${apiUrl}/api/v1/auth/zalo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ accessToken: `zalo-at:${zaloId}:${encodeURIComponent(name)}` }),
  });
  if (!res.ok) throw new Error(`sign-in: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

async function call<T>(
  apiUrl: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${apiUrl}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/**
 * A slot of the demo hospital later today (booked slots must be in the future, check-in is
 * for today's): a 10-minute slot starting 10 to 15 minutes from now, off the seeded half-hour
 * grid. Test set-up straight in the database, as the officials are; past 23:35 in Vietnam it
 * waits for the next day.
 */
async function slotLaterToday(dbUrl: string): Promise<string> {
  let now = new Date();
  let minutes = Math.ceil((Math.floor((now.getTime() + VN_MS) / 60_000) % 1440) / 5) * 5 + 10;
  if (minutes % 30 === 0) minutes += 5;
  if (minutes + 10 > 1439) {
    const wait = (1440 - (Math.floor((now.getTime() + VN_MS) / 60_000) % 1440) + 1) * 60_000;
    console.log(`waiting ${Math.round(wait / 60_000)} min for the next day in Vietnam...`);
    await sleep(wait);
    return slotLaterToday(dbUrl);
  }
  now = new Date();
  const date = vnDate(now);
  const hhmm = (m: number) =>
    `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const start = hhmm(minutes);
  const startsAt = new Date(`${date}T${start}:00+07:00`).toISOString();
  const id = `e2e-slot-${crypto.randomUUID()}`;
  const db = createClient({ url: dbUrl });
  try {
    await db.execute({
      sql: `insert into appointment_slots (id, department_id, date, start_time, end_time, starts_at,
              capacity, booked, issued, status, created_at, updated_at)
            values (?, ?, ?, ?, ?, ?, 6, 0, 0, 'open', ?, ?)`,
      args: [
        id,
        DEPARTMENT_ID,
        date,
        start,
        hhmm(minutes + 10),
        startsAt,
        now.toISOString(),
        now.toISOString(),
      ],
    });
  } finally {
    db.close();
  }
  return id;
}

/** A small real PDF (header, one page, trailer), padded to `bytes` with a comment. */
function pdf(bytes: number): Buffer {
  const head =
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n';
  const tail = 'trailer << /Root 1 0 R >>\n%%EOF\n';
  const pad = `%${'0'.repeat(Math.max(0, bytes - head.length - tail.length - 2))}\n`;
  return Buffer.from(head + pad + tail, 'latin1');
}

// ---- surveys ------------------------------------------------------------------------------

async function surveyScenario(
  context: BrowserContext,
  page: Page,
  base: string,
  token: string,
): Promise<void> {
  let surveyId = '';

  await attempt('the survey editor lands on "Khảo sát" (no report queue for them)', async () => {
    await signIn(page, base, 'khaosat@demo.gov.vn');
    await page.waitForURL(/\/admin\/khao-sat$/, { timeout: 15_000 });
    await page.locator('tr[data-survey-id]').first().waitFor({ timeout: 20_000 });
    const links = await page.locator('.nav__link').allTextContents();
    if (links.some((l) => l.includes('Hàng chờ') || l === 'Phản ánh'))
      return `the menu offers ${links.join(', ')}`;
    await shot(page, 'surveys');
    return undefined;
  });

  await attempt('a new survey is created as a draft with a window opening now', async () => {
    await page.getByRole('button', { name: '+ Tạo khảo sát' }).click();
    const form = page.getByRole('form', { name: 'Tạo khảo sát' });
    await form.getByLabel('Tên khảo sát').fill(SURVEY_TITLE);
    await form.getByLabel('Mở nhận ý kiến từ').fill(vnLocal(new Date(Date.now() - 5 * 60_000)));
    await form.getByRole('button', { name: 'Tạo bản nháp' }).click();
    await page.waitForURL(/\/admin\/khao-sat\/[^/]+$/, { timeout: 20_000 });
    surveyId = decodeURIComponent(page.url().split('/').pop() ?? '');
    await page.getByRole('region', { name: 'Phần 1' }).waitFor({ timeout: 20_000 });
    return undefined;
  });

  await attempt(
    'the builder adds a scale question, a section with free text and a skip rule',
    async () => {
      const first = page.getByRole('region', { name: 'Phần 1' });
      await first
        .getByLabel('Nội dung câu 1')
        .fill('Bạn có đồng ý chợ đêm mở cửa đến 23 giờ không?');
      await first.getByRole('button', { name: '+ Thang điểm' }).click();
      await first
        .getByLabel('Nội dung câu 2')
        .fill('Bạn hài lòng thế nào với an ninh trật tự ở chợ đêm hiện nay?');
      await page.getByRole('button', { name: '+ Thêm phần' }).click();
      const second = page.getByRole('region', { name: 'Phần 2' });
      await second.getByLabel('Tiêu đề phần 2').fill('Góp ý chi tiết');
      await second.getByRole('button', { name: '+ Trả lời tự do' }).click();
      await second.getByLabel('Nội dung câu 3').fill('Bạn đề nghị điều chỉnh gì cho dự thảo?');
      // Options of question 1: move "Ý kiến khác" up, then back down.
      await first.getByRole('button', { name: 'Đưa lựa chọn 3 lên' }).click();
      const second_option = await first.getByLabel('Lựa chọn 2 của câu 1').inputValue();
      if (second_option !== 'Ý kiến khác') return `option 2 reads "${second_option}" after moving`;
      await first.getByRole('button', { name: 'Đưa lựa chọn 2 xuống' }).click();
      // Those who agree have nothing more to say: they finish after section 1.
      const logic = page.getByRole('region', { name: 'Điều kiện chuyển phần' });
      await logic.getByRole('button', { name: '+ Thêm điều kiện' }).click();
      await logic.getByLabel('Lựa chọn của điều kiện 1').selectOption({ label: 'Đồng ý' });
      await logic.getByLabel('Đích của điều kiện 1').selectOption({ label: 'Kết thúc khảo sát' });
      const problems = await page.locator('.svc-problems').count();
      if (problems > 0)
        return `the builder lists problems: ${await page.locator('.svc-problems').textContent()}`;
      await shot(page, 'survey-builder');
      await page.getByRole('button', { name: 'Lưu nháp' }).click();
      return toast(page, 'Đã lưu bản nháp');
    },
  );

  await attempt(
    'a save over a newer version (another tab) is refused with a reload offer',
    async () => {
      const other = await context.newPage();
      try {
        await other.goto(page.url(), { waitUntil: 'domcontentloaded' });
        const title = other
          .getByRole('region', { name: 'Thông tin khảo sát' })
          .getByLabel('Tên khảo sát');
        // A second tab loads the whole admin again: slow on a busy machine.
        await title.waitFor({ timeout: 40_000 });
        await title.fill(`${SURVEY_TITLE} (dự thảo 2)`);
        await other.getByRole('button', { name: 'Lưu nháp' }).click();
        const saved = await toast(other, 'Đã lưu bản nháp');
        if (saved) return `second tab: ${saved}`;
      } finally {
        await other.close();
      }
      await page
        .getByRole('region', { name: 'Phần 2' })
        .getByLabel('Mô tả phần 2')
        .fill('Dành cho người chưa đồng ý với dự thảo.');
      await page.getByRole('button', { name: 'Lưu nháp' }).click();
      const alert = page.locator('.alert--error', { hasText: 'phiên bản mới hơn' });
      await alert.waitFor({ timeout: 15_000 });
      await shot(page, 'survey-conflict', false);
      await alert.getByRole('button', { name: 'Tải bản mới nhất' }).click();
      await page.locator('h1', { hasText: 'dự thảo 2' }).waitFor({ timeout: 15_000 });
      const description = await page
        .getByRole('region', { name: 'Phần 2' })
        .getByLabel('Mô tả phần 2')
        .inputValue();
      return description === '' ? undefined : 'the unsaved edit is still shown after reloading';
    },
  );

  await attempt('the survey is published and its results tab opens', async () => {
    await page.getByRole('button', { name: 'Phát hành' }).click();
    const notice = await toast(page, 'Đã phát hành');
    if (notice) return notice;
    await page.getByTestId('survey-figures').waitFor({ timeout: 15_000 });
    await page.locator('h1 .badge', { hasText: 'Đang phát hành' }).waitFor({ timeout: 10_000 });
    return undefined;
  });

  await attempt('a citizen answers through the API; a second answer is refused', async () => {
    const survey = await call<{
      definition: {
        sections: {
          questions: { id: string; title: string; options?: { id: string; label: string }[] }[];
        }[];
      };
    }>(base, token, 'GET', `/surveys/${surveyId}`);
    if (survey.status !== 200) return `GET survey: ${survey.status}`;
    const questions = survey.body.definition.sections.flatMap((s) => s.questions);
    const [agree, scale, text] = questions;
    const disagree = agree?.options?.find((o) => o.label === 'Không đồng ý');
    if (!agree || !scale || !text || !disagree) return `questions: ${JSON.stringify(questions)}`;
    const answers = {
      [agree.id]: { optionIds: [disagree.id] },
      [scale.id]: { value: 2 },
      [text.id]: { value: 'Nên mở đến 22 giờ và bố trí thêm lực lượng giữ trật tự.' },
    };
    const first = await call(base, token, 'POST', `/surveys/${surveyId}/responses`, { answers });
    if (first.status !== 201) return `answer: ${first.status} ${JSON.stringify(first.body)}`;
    const again = await call<{ error: { code: string } }>(
      base,
      token,
      'POST',
      `/surveys/${surveyId}/responses`,
      { answers },
    );
    return again.status === 409 && again.body.error.code === 'already_answered'
      ? undefined
      : `second answer: ${again.status} ${JSON.stringify(again.body)}`;
  });

  await attempt(
    'the results refresh by themselves: 1 answer, 1 duplicate refused, charts',
    async () => {
      const figure = async (label: string) =>
        (
          await page
            .getByTestId('survey-figures')
            .locator('.figure', { hasText: label })
            .locator('.figure__value')
            .textContent()
        )?.trim();
      const deadline = Date.now() + 25_000;
      let answers: string | undefined;
      let duplicates: string | undefined;
      while (Date.now() < deadline) {
        answers = await figure('Lượt trả lời');
        duplicates = await figure('Trả lời lần hai bị từ chối');
        if (answers === '1' && duplicates === '1') break;
        await sleep(500);
      }
      if (answers !== '1') return `${answers} answers shown`;
      if (duplicates !== '1') return `${duplicates} refused duplicates shown`;
      const charts = await page.locator('.svc-result canvas').count();
      if (charts < 2) return `${charts} charts`;
      const texts = (await page.locator('.svc-texts').textContent()) ?? '';
      if (!texts.includes('Nên mở đến 22 giờ')) return `latest texts: "${texts}"`;
      for (const [name, type] of [
        ['Xuất XLSX', 'spreadsheet'],
        ['Xuất CSV', 'csv'],
      ] as const) {
        const href = (await page.getByRole('link', { name }).getAttribute('href')) ?? '';
        const res = await page.evaluate(async (url) => {
          const r = await fetch(url, { credentials: 'same-origin' });
          return { status: r.status, type: r.headers.get('content-type') ?? '' };
        }, href);
        if (res.status !== 200 || !res.type.includes(type))
          return `${name}: ${JSON.stringify(res)}`;
      }
      await shot(page, 'survey-results');
      return undefined;
    },
  );

  await attempt('the published questionnaire is shown frozen, with its skip rule', async () => {
    await page.getByRole('tab', { name: 'Nội dung' }).click();
    const preview = page.locator('.svc-preview');
    await preview.waitFor({ timeout: 10_000 });
    const text = (await preview.textContent()) ?? '';
    if (!text.includes('Đồng ý → kết thúc')) return `the preview reads "${text}"`;
    if ((await page.locator('.svc-builder').count()) > 0) return 'the builder is still offered';
    await shot(page, 'survey-content');
    return undefined;
  });

  await attempt('a province leader reads the results without editing', async () => {
    await page.locator('.nav__me').getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('form', { name: 'Đăng nhập' }).waitFor({ timeout: 10_000 });
    await signIn(page, base, 'lanhdao@demo.gov.vn');
    await page.getByRole('link', { name: 'Khảo sát', exact: true }).click();
    await page.locator(`tr[data-survey-id="${surveyId}"]`).waitFor({ timeout: 15_000 });
    if ((await page.getByRole('button', { name: '+ Tạo khảo sát' }).count()) > 0)
      return 'the leader is offered to create a survey';
    await page.locator(`tr[data-survey-id="${surveyId}"] a`).click();
    await page.getByTestId('survey-figures').waitFor({ timeout: 15_000 });
    for (const name of ['Đóng khảo sát', 'Lưu nháp', 'Phát hành']) {
      if ((await page.getByRole('button', { name }).count()) > 0) return `"${name}" is offered`;
    }
    return undefined;
  });
}

// ---- training -----------------------------------------------------------------------------

/** Adds a session through the course page's form; answers its id (from its table row). */
async function addSession(
  page: Page,
  fields: { title: string; startsAt: string; trainer: string; capacity?: string },
): Promise<string> {
  await page.getByRole('button', { name: '+ Thêm buổi học' }).click();
  const form = page.getByRole('form', { name: 'Thêm buổi học' });
  await form.getByLabel('Tên buổi học').fill(fields.title);
  await form.getByLabel('Bắt đầu (giờ Việt Nam)').fill(fields.startsAt);
  await form
    .getByLabel('Liên kết phòng học trực tuyến')
    .fill('https://meet.google.com/hgx-tom-lua');
  await form.getByLabel('Giảng viên').fill(fields.trainer);
  if (fields.capacity) {
    await form.getByLabel('Số chỗ (để trống: không giới hạn)').fill(fields.capacity);
  }
  await form.getByRole('button', { name: 'Thêm buổi học' }).click();
  const added = await toast(page, `Đã thêm buổi "${fields.title}"`);
  if (added) throw new Error(added);
  const row = page.locator('tr[data-session-id]', { hasText: fields.title });
  await row.waitFor({ timeout: 10_000 });
  return (await row.getAttribute('data-session-id')) ?? '';
}

async function trainingScenario(
  context: BrowserContext,
  page: Page,
  base: string,
  token: string,
): Promise<void> {
  let courseId = '';
  let sessionId = '';
  let liveId = '';
  let liveStartsAt = 0;
  const tomorrow = vnDate(new Date(Date.now() + 86_400_000));

  await attempt('the training editor lands on "Tập huấn" with the demo courses', async () => {
    await signIn(page, base, 'taphuan@demo.gov.vn');
    await page.waitForURL(/\/admin\/tap-huan$/, { timeout: 15_000 });
    await page.locator('tr[data-course-id]').first().waitFor({ timeout: 20_000 });
    await shot(page, 'courses');
    return undefined;
  });

  await attempt(
    'a course is created and a session added in Vietnam time (stored as UTC)',
    async () => {
      await page.getByRole('button', { name: '+ Tạo khoá tập huấn' }).click();
      const form = page.getByRole('form', { name: 'Tạo khoá tập huấn' });
      await form.getByLabel('Tên khoá').fill(COURSE_TITLE);
      await form.getByLabel('Dành cho').fill('Nông dân vùng lúa – tôm Long Mỹ, Vị Thủy');
      await form
        .getByLabel('Giới thiệu')
        .fill('Mô hình luân canh lúa – tôm càng xanh: cải tạo ruộng, thả giống, quản lý nước mặn.');
      await form.getByRole('button', { name: 'Tạo bản nháp' }).click();
      await page.waitForURL(/\/admin\/tap-huan\/[^/]+$/, { timeout: 20_000 });
      courseId = decodeURIComponent(page.url().split('/').pop() ?? '');
      const session = page.getByRole('form', { name: 'Thêm buổi học' });
      await page.getByRole('button', { name: '+ Thêm buổi học' }).click();
      await session.getByLabel('Bắt đầu (giờ Việt Nam)').fill(`${tomorrow}T08:00`);
      const end = await session.getByLabel('Kết thúc (giờ Việt Nam)').inputValue();
      if (end !== `${tomorrow}T10:00`) return `the end was not set two hours later: "${end}"`;
      await session.getByRole('button', { name: 'Huỷ' }).click();
      sessionId = await addSession(page, {
        title: SESSION_TITLE,
        startsAt: `${tomorrow}T08:00`,
        trainer: 'KS. Lê Văn Thủy',
        capacity: '40',
      });
      const row = page.locator(`tr[data-session-id="${sessionId}"]`);
      const shown = (await row.textContent()) ?? '';
      if (!shown.includes('08:00') || !shown.includes('10:00')) return `row reads "${shown}"`;
      const stored = await page.evaluate(async (id) => {
        const r = await fetch(`/api/v1/work/training/courses/${id}`, {
          credentials: 'same-origin',
        });
        return ((await r.json()) as { course: { sessions: { startsAt: string }[] } }).course
          .sessions[0]?.startsAt;
      }, courseId);
      if (stored !== `${tomorrow}T01:00:00.000Z`) return `stored startsAt ${stored}`;
      // A live session about to start, for attendance (taken once a session has begun).
      liveStartsAt = Math.ceil((Date.now() + 75_000) / 60_000) * 60_000;
      liveId = await addSession(page, {
        title: LIVE_TITLE,
        startsAt: vnLocal(new Date(liveStartsAt)),
        trainer: 'KS. Lê Văn Thủy',
      });
      await shot(page, 'course-sessions');
      return undefined;
    },
  );

  await attempt('a PDF is uploaded with a progress bar and listed', async () => {
    await page.getByRole('tab', { name: /Tài liệu/ }).click();
    const form = page.getByRole('form', { name: 'Tải tài liệu lên' });
    await form.getByLabel('Tên tài liệu').fill('Sổ tay kỹ thuật nuôi tôm càng xanh');
    await form.locator('input[type="file"]').setInputFiles({
      name: 'so-tay-tom-cang-xanh.pdf',
      mimeType: 'application/pdf',
      buffer: pdf(1_200_000),
    });
    // A slow uplink (about 400 KB/s), so the bar is on screen for a few seconds.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 400 * 1024,
    });
    try {
      await form.getByRole('button', { name: 'Tải lên' }).click();
      const bar = page.getByRole('progressbar', { name: 'Tiến độ tải lên' });
      await bar.waitFor({ timeout: 10_000 });
      await page.waitForFunction(
        () => {
          const el = document.querySelector('[role="progressbar"]');
          const v = Number(el?.getAttribute('aria-valuenow'));
          return v > 10 && v < 95;
        },
        undefined,
        { timeout: 10_000 },
      );
      await shot(page, 'course-upload', false);
    } finally {
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
      await cdp.detach();
    }
    const done = await toast(page, 'Đã tải lên');
    if (done) return done;
    const row = page.locator('tr[data-material-id]', { hasText: 'Sổ tay kỹ thuật' });
    await row.waitFor({ timeout: 10_000 });
    const text = (await row.textContent()) ?? '';
    if (!text.includes('so-tay-tom-cang-xanh.pdf')) return `row reads "${text}"`;
    await shot(page, 'course-materials');
    return undefined;
  });

  await attempt('the course is published', async () => {
    await page.getByRole('button', { name: 'Công bố' }).click();
    const notice = await toast(page, 'Đã công bố');
    if (notice) return notice;
    await page.locator('h1 .badge', { hasText: 'Đã công bố' }).waitFor({ timeout: 10_000 });
    return undefined;
  });

  await attempt('a citizen registers and asks a question through the API', async () => {
    if (Date.now() >= liveStartsAt) return 'the live session began before the citizen registered';
    const reg = await call(base, token, 'POST', `/training/sessions/${liveId}/registrations`, {
      name: CITIZEN,
      phone: '0907123456',
    });
    if (reg.status !== 201) return `register: ${reg.status} ${JSON.stringify(reg.body)}`;
    const q = await call(base, token, 'POST', `/training/sessions/${liveId}/questions`, {
      body: 'Ruộng bị nhiễm mặn 4‰ thì có thả tôm được không?',
    });
    return q.status === 201 ? undefined : `question: ${q.status} ${JSON.stringify(q.body)}`;
  });

  await attempt('once the session begins, the editor records the citizen present', async () => {
    // Attendance is taken from the start of a session.
    await sleep(Math.max(0, liveStartsAt - Date.now() + 2000));
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.getByRole('tab', { name: /Đăng ký/ }).click();
    const box = page.getByRole('checkbox', { name: `Có mặt: ${CITIZEN}` });
    await box.waitFor({ timeout: 15_000 });
    // A controlled box: checked once the API has recorded it.
    await box.click();
    const notice = await toast(page, 'Đã ghi có mặt 1 người');
    if (notice) return notice;
    await page.waitForFunction(
      (name) =>
        (document.querySelector(`input[aria-label="Có mặt: ${name}"]`) as HTMLInputElement | null)
          ?.checked === true,
      CITIZEN,
      { timeout: 10_000 },
    );
    await shot(page, 'course-registrations');
    return undefined;
  });

  await attempt('the editor answers the question', async () => {
    await page.getByRole('tab', { name: /Hỏi đáp/ }).click();
    const item = page.locator('li[data-question-id]', { hasText: 'nhiễm mặn 4‰' });
    await item.waitFor({ timeout: 15_000 });
    await item
      .getByLabel('Câu trả lời')
      .fill('Được, nếu độ mặn dưới 5‰ và ổn định; nên thuần tôm giống trước khi thả.');
    await item.getByRole('button', { name: 'Trả lời' }).click();
    const notice = await toast(page, 'Đã gửi câu trả lời');
    if (notice) return notice;
    await item.locator('.svc-question__answer').waitFor({ timeout: 10_000 });
    await shot(page, 'course-questions');
    const mine = await call<{ questions: { answer: string | null }[] }>(
      base,
      token,
      'GET',
      `/training/sessions/${liveId}/questions`,
    );
    return mine.body.questions.some((q) => q.answer?.startsWith('Được, nếu độ mặn'))
      ? undefined
      : `the citizen sees ${JSON.stringify(mine.body)}`;
  });
}

// ---- appointments -------------------------------------------------------------------------

async function hospitalScenario(page: Page, base: string, dbUrl: string, token: string) {
  let booking: { id: string; checkInCode: string; queueNumber: number } | undefined;

  await attempt('a citizen books a slot later today through the API', async () => {
    const slotId = await slotLaterToday(dbUrl);
    const res = await call<{ booking: typeof booking }>(
      base,
      token,
      'POST',
      '/appointments/bookings',
      {
        requestKey: crypto.randomUUID(),
        slotId,
        forSelf: false,
        patientName: PATIENT,
        patientPhone: '0912 345 678',
        patientBirthDate: '1958-04-12',
        insuranceNumber: 'HC4931234567890',
        symptoms: 'Đau đầu, chóng mặt ba ngày nay, huyết áp cao.',
      },
    );
    if (res.status !== 201 || !res.body.booking)
      return `booking: ${res.status} ${JSON.stringify(res.body)}`;
    booking = res.body.booking;
    return undefined;
  });

  await attempt('the hospital staff lands on "Lịch khám" and sees the booking', async () => {
    if (!booking) return 'no booking';
    await signIn(page, base, 'benhvien@demo.gov.vn');
    await page.waitForURL(/\/admin\/lich-kham$/, { timeout: 15_000 });
    const row = page.locator(`tr[data-booking-id="${booking.id}"]`);
    await row.waitFor({ timeout: 20_000 });
    const text = (await row.textContent()) ?? '';
    for (const part of [PATIENT, '0912 345 678', '12/04/1958', 'HC4931234567890', 'Đã đặt']) {
      if (!text.includes(part)) return `the row lacks "${part}": "${text}"`;
    }
    await row.scrollIntoViewIfNeeded();
    await shot(page, 'appointments-day', false);
    return undefined;
  });

  await attempt('typing the QR code checks the patient in', async () => {
    if (!booking) return 'no booking';
    const form = page.getByRole('form', { name: 'Check-in bằng mã' });
    await form.getByLabel('Nhập mã (mã QR của người bệnh)').fill(booking.checkInCode.toLowerCase());
    await form.getByRole('button', { name: 'Check-in' }).click();
    const notice = await toast(page, `Đã check-in ${PATIENT}`);
    if (notice) return notice;
    const row = page.locator(`tr[data-booking-id="${booking.id}"]`);
    await row.locator('.badge', { hasText: 'Đã đến khám' }).waitFor({ timeout: 10_000 });
    if (!(await row.getAttribute('class'))?.includes('is-highlight'))
      return 'the row is not highlighted';
    await shot(page, 'appointments-checked-in', false);
    const mine = await call<{ status: string }>(
      base,
      token,
      'GET',
      `/appointments/bookings/${booking.id}`,
    );
    return mine.body.status === 'checked_in' ? undefined : `the citizen sees "${mine.body.status}"`;
  });

  await attempt('the day exports to XLSX', async () => {
    const href = (await page.getByRole('link', { name: 'Xuất XLSX' }).getAttribute('href')) ?? '';
    const res = await page.evaluate(async (url) => {
      const r = await fetch(url, { credentials: 'same-origin' });
      return {
        status: r.status,
        type: r.headers.get('content-type') ?? '',
        bytes: (await r.arrayBuffer()).byteLength,
      };
    }, href);
    return res.status === 200 && res.type.includes('spreadsheet') && res.bytes > 1000
      ? undefined
      : `export: ${JSON.stringify(res)}`;
  });

  await attempt('the next day lists the slots of every department with their places', async () => {
    await page.getByRole('button', { name: 'Ngày sau' }).click();
    await page.locator('.svc-dept, .card.muted').first().waitFor({ timeout: 15_000 });
    const tomorrow = new Date(Date.now() + 86_400_000 + VN_MS).getUTCDay();
    const departments = await page.locator('.svc-dept').count();
    // Sunday: the demo hospital is closed.
    if (tomorrow !== 0 && departments < 2) return `${departments} departments listed`;
    await shot(page, 'appointments-next-day', false);
    return undefined;
  });

  await attempt('the hospital set-up shows departments and the weekly hours', async () => {
    await page.getByRole('link', { name: 'Bệnh viện', exact: true }).click();
    await page.getByRole('form', { name: /Giờ khám Khoa Khám bệnh/ }).waitFor({ timeout: 20_000 });
    const rows = await page.locator('.svc-hours tbody tr').count();
    if (rows < 6) return `${rows} rows of hours`;
    await shot(page, 'hospitals');
    await page.getByRole('button', { name: 'Tạo lịch khám 14 ngày tới' }).click();
    return toast(page, '14 ngày tới');
  });
}

async function newLaptopContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: LAPTOP, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
}

export async function runServicesAdminScenario(
  browser: Browser,
  cleanups: Set<() => Promise<void> | void>,
): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'e2e-services-admin-'));
  let stack: Awaited<ReturnType<typeof startStack>> | undefined;
  let zalo: Awaited<ReturnType<typeof startFakeZaloGraph>> | undefined;
  const stopStack = async () => {
    await stack?.stop();
    await zalo?.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  cleanups.add(stopStack);
  const contexts: BrowserContext[] = [];
  try {
    console.log('building the web admin and starting the local stack for the services test...');
    await buildAdmin({ quiet: true });
    zalo = await startFakeZaloGraph();
    stack = await startStack({
      dataDir,
      dbPort: DB_PORT,
      apiPort: API_PORT,
      inheritOutput: false,
      extraVars: {
        SESSION_SECRET: `e2e-session-secret-${crypto.randomUUID()}`,
        ZALO_GRAPH_URL: zalo.url,
        ZALO_APP_SECRET: FAKE_ZALO_SECRET,
      },
    });
    const db = createClient({ url: stack.dbUrl });
    try {
      await seedDemoOfficials(db);
      await seedDemoHospitals(db);
      await seedDemoCourses(db);
      await seedDemoSurveys(db);
      const seeded = await db.execute({
        sql: 'select count(*) as n from hospitals where id = ?',
        args: [DEMO_HOSPITAL_ID],
      });
      check('the demo hospital, courses and surveys are seeded', Number(seeded.rows[0]?.n) === 1);
    } finally {
      db.close();
    }
    const base = stack.apiUrl;
    const token = await citizenSession(base, 'e2e-services-citizen', CITIZEN);

    const errors: string[] = [];
    const external: string[] = [];
    const watch = async (context: BrowserContext) => {
      contexts.push(context);
      await keepLocal(context, external);
      context.on('page', (page) => {
        page.on('dialog', (dialog) => void dialog.accept());
        page.on('pageerror', (error) => errors.push(error.message));
        page.on('console', (message) => {
          // Expected: the 401 of the session check before signing in, and the 409 of the
          // version conflict this scenario provokes.
          const text = message.text();
          const expected =
            text.includes('status of 401 (Unauthorized)') ||
            text.includes('status of 409 (Conflict)');
          if (message.type() === 'error' && !expected) errors.push(text);
        });
      });
      return context;
    };

    const surveys = await watch(await newLaptopContext(browser));
    await surveyScenario(surveys, await surveys.newPage(), base, token);

    const training = await watch(await newLaptopContext(browser));
    await trainingScenario(training, await training.newPage(), base, token);

    const hospital = await watch(await newLaptopContext(browser));
    await hospitalScenario(await hospital.newPage(), base, stack.dbUrl, token);

    check('the admin fetches nothing from outside', external.length === 0, external.join(', '));
    check('no JavaScript or CSP errors in the admin', errors.length === 0, errors.join(' | '));
  } catch (error) {
    check('services admin test run', false, error instanceof Error ? error.message : String(error));
  } finally {
    for (const context of contexts) await context.close().catch(() => undefined);
    await stopStack();
    cleanups.delete(stopStack);
  }
}
