/// <reference lib="dom" />
/**
 * Hospital appointments, opinion surveys and online training in Chromium against the real
 * API: the local stack as `npm start` runs it (libSQL server, migrations and seed, wrangler
 * dev, the mini app's dev server) on ports of its own with a throw-away data directory, a
 * fake Zalo Graph API on loopback for the sign-in, and the demo hospital, surveys and
 * courses (scripts/demo-*.ts).
 *
 * A citizen opens "Đặt lịch khám bệnh", picks a department, a day on the 7-day strip and a
 * slot, meets the sign-in gate, signs in with Zalo, fills in the form (the form's own checks
 * first), and books. The first answer is lost on the way back (the booking is made, the
 * phone sees a network failure); the retry sends the same request key and gets the same
 * booking: one appointment in the database. The ticket shows the queue number, a QR code
 * of the check-in code and the code in text; "Lịch khám của tôi" lists it with the cut-off.
 * A slot that fills up while the form is open answers "hết chỗ", and the places shown are
 * refreshed. A second booking is cancelled.
 *
 * The same citizen answers the verified survey: a required question left empty is flagged,
 * "Chưa" skips the rating section (Phần 2/2), the review lists the answers, and the thanks
 * screen follows; the list then marks the survey answered and opening it again says so.
 * Another device, not signed in, meets the sign-in gate on it.
 *
 * Last, the citizen finds a course by typing without diacritics, registers for its next
 * session, sees the meeting link, and asks the trainer a question.
 *
 * Screenshots: e2e/screenshots/services-*.png.
 * Env: E2E_CITIZEN_SERVICES_DB_PORT (18480), E2E_CITIZEN_SERVICES_API_PORT (19187),
 * E2E_CITIZEN_SERVICES_PORT (3106).
 */
import { type Client, createClient } from '@libsql/client';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { DEMO_HOSPITAL_ID, seedDemoHospitals } from '../scripts/demo-hospitals';
import { DEMO_SURVEY_IDS, seedDemoSurveys } from '../scripts/demo-surveys';
import { seedDemoCourses } from '../scripts/demo-training';
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
import { E2E_ZALO_ACCESS_TOKEN, E2E_ZALO_NAME } from './sign-in';
import { zaloStack } from './zalo-stack';

const DB_PORT = Number(process.env.E2E_CITIZEN_SERVICES_DB_PORT ?? 18480);
const API_PORT = Number(process.env.E2E_CITIZEN_SERVICES_API_PORT ?? 19187);
const MINIAPP_PORT = Number(process.env.E2E_CITIZEN_SERVICES_PORT ?? 3106);

const DEPARTMENT = 'demo-khoa-kham-benh';
const OTHER_DEPARTMENT = 'demo-khoa-nhi';
const COURSE_TITLE = 'Canh tác lúa thích ứng xâm nhập mặn';
const FIRST_SESSION = 'demo-session-lua-man-1';
const MEETING_URL = 'https://meet.jit.si/TapHuanLuaManHauGiang-Buoi1';

async function shot(page: Page, name: string): Promise<void> {
  await settle(page);
  await screenshotWholePage(page, `${SCREENSHOTS}services-${name}.png`);
}

type Rows = { rows: Record<string, unknown>[] };
async function rows(db: Client, sql: string, args: (string | number)[] = []) {
  return ((await db.execute({ sql, args })) as unknown as Rows).rows;
}

/** The 'Đăng nhập bằng Zalo' of the gate, then the gate gone. */
async function signInThroughGate(page: Page): Promise<void> {
  const gate = current(page).getByTestId('signin-gate');
  await gate.getByRole('button', { name: 'Đăng nhập bằng Zalo' }).click();
  await gate.waitFor({ state: 'detached', timeout: 20_000 });
}

/** Day, month and year from the three lists of the form. */
async function birthDate(page: Page, day: string, month: string, year: string): Promise<void> {
  await current(page).locator('#appt-birth-day').selectOption(day);
  await current(page).locator('#appt-birth-month').selectOption(month);
  await current(page).locator('#appt-birth-year').selectOption(year);
}

/** The day chosen on the strip and the first free slot of it; its id. */
/**
 * The first free slot on the first bookable day at least two days ahead (Vietnam time), so the
 * booking can still be cancelled or moved whatever the hour the scenario runs (cut-off 12 h).
 */
async function pickFirstFreeSlot(page: Page): Promise<string> {
  const strip = current(page).locator('.appt-strip');
  await strip.waitFor({ timeout: 20_000 });
  const earliest = new Date(Date.now() + 7 * 3_600_000 + 2 * 86_400_000).toISOString().slice(0, 10);
  const dates = await strip
    .locator('.appt-day:not([disabled])')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-date') ?? ''));
  const date = dates.find((d) => d >= earliest);
  if (!date) throw new Error(`no bookable day from ${earliest}: ${dates.join(', ')}`);
  await strip.locator(`[data-date="${date}"]`).click();
  const slot = current(page).locator('.appt-slot:not([disabled])').first();
  await slot.waitFor({ timeout: 10_000 });
  await slot.click();
  return (await slot.getAttribute('data-slot')) ?? '';
}

async function appointmentsScenario(page: Page, base: string, db: Client): Promise<void> {
  let slotId = '';

  await attempt('the hospital lists its departments, with the cut-off and the limit', async () => {
    await page.goto(`${base}hospital-appointments`, { waitUntil: 'domcontentloaded' });
    const card = current(page).locator(`[data-hospital="${DEMO_HOSPITAL_ID}"]`);
    await card.waitFor({ timeout: 30_000 });
    const text = (await card.textContent()) ?? '';
    if (!text.includes('Bệnh viện Đa khoa tỉnh Hậu Giang')) return `card reads "${text}"`;
    if ((await card.locator('.appt-department').count()) !== 3) return 'not 3 departments';
    if (!text.includes('ít nhất 12 giờ') || !text.includes('tối đa 3 lịch')) {
      return `no cut-off or limit in "${text}"`;
    }
    await shot(page, 'appointments-hub');
    return sideways(page);
  });

  await attempt(
    'a department shows 7 days with their free places, and the slots of a day',
    async () => {
      await current(page).locator(`[data-department="${DEPARTMENT}"]`).click();
      await current(page).locator('.appt-strip .appt-day').first().waitFor({ timeout: 20_000 });
      const days = await current(page).locator('.appt-strip .appt-day').count();
      if (days !== 7) return `${days} days on the strip`;
      // Sundays (no opening hours) are shown, closed and not selectable.
      const sundays = await current(page)
        .locator('.appt-strip .appt-day')
        .evaluateAll((els) =>
          els
            .filter((el) => new Date(`${el.getAttribute('data-date')}T00:00:00Z`).getUTCDay() === 0)
            .map((el) => (el as HTMLButtonElement).disabled && el.classList.contains('is-closed')),
        );
      if (sundays.length !== 1 || !sundays[0]) return `Sunday chips: ${JSON.stringify(sundays)}`;
      const selected = current(page).locator('.appt-day.is-selected');
      if (!/Còn \d+/.test((await selected.textContent()) ?? ''))
        return 'selected day shows no places';
      slotId = await pickFirstFreeSlot(page);
      const chosen = current(page).locator('.appt-slot.is-selected');
      if (!/Còn \d+ chỗ/.test((await chosen.textContent()) ?? '')) return 'slot shows no places';
      await shot(page, 'appointments-slots');
      return slotId ? sideways(page) : 'no slot id';
    },
  );

  await attempt('booking asks a signed-out citizen to sign in with Zalo first', async () => {
    await current(page).locator('.rp-footer').getByRole('button', { name: 'Tiếp tục' }).click();
    const gate = current(page).getByTestId('signin-gate');
    await gate.waitFor({ timeout: 10_000 });
    const text = (await gate.textContent()) ?? '';
    if (!text.includes('Đăng nhập để đặt lịch khám')) return `gate reads "${text}"`;
    if ((await current(page).locator('.rp-footer').count()) !== 0) {
      return 'the "Đặt lịch khám" button shows before signing in';
    }
    await shot(page, 'appointments-gate');
    await signInThroughGate(page);
    const name = await current(page).locator('#appt-patientName').inputValue();
    return name === E2E_ZALO_NAME ? undefined : `name field holds "${name}"`;
  });

  await attempt('the form says what is missing before anything is sent', async () => {
    await current(page).locator('#appt-patientPhone').fill('');
    await current(page).getByRole('button', { name: 'Đặt lịch khám' }).click();
    const errors = await current(page).locator('.appt-field-error').allTextContents();
    const joined = errors.join(' | ');
    if (!joined.includes('Vui lòng nhập số điện thoại')) return `errors: ${joined}`;
    if (!joined.includes('Vui lòng chọn đủ ngày, tháng, năm sinh')) return `errors: ${joined}`;
    await current(page).locator('#appt-patientPhone').fill('12345');
    await current(page).getByRole('button', { name: 'Đặt lịch khám' }).click();
    const again = (await current(page).locator('.appt-field-error').allTextContents()).join();
    return again.includes('Số điện thoại không hợp lệ') ? undefined : `errors: ${again}`;
  });

  // The first answer is lost after the server booked: the retry must not book twice.
  const keys: string[] = [];
  const onRequest = (request: Request) => {
    if (request.method() === 'POST' && request.url().endsWith('/api/v1/appointments/bookings')) {
      keys.push(String((request.postDataJSON() as { requestKey?: string }).requestKey));
    }
  };
  page.on('request', onRequest);
  let lose = true;
  await page.route('**/api/v1/appointments/bookings', async (route) => {
    if (route.request().method() !== 'POST' || !lose) return route.fallback();
    lose = false;
    await route.fetch();
    await route.abort('connectionreset');
  });

  await attempt('a booking whose answer was lost says so and can be retried', async () => {
    await current(page).locator('#appt-patientPhone').fill('0912 345 678');
    await birthDate(page, '12', '04', '1968');
    await current(page).locator('#appt-insuranceNumber').fill('hg4930123456789');
    await current(page).locator('#appt-symptoms').fill('Ho kéo dài, sốt nhẹ về chiều 3 ngày nay');
    await current(page).getByRole('button', { name: 'Đặt lịch khám' }).click();
    const problem = current(page).getByTestId('booking-problem');
    await problem.waitFor({ timeout: 20_000 });
    const text = (await problem.textContent()) ?? '';
    await shot(page, 'appointments-lost');
    return text.includes('không bị đặt trùng') ? undefined : `notice reads "${text}"`;
  });

  let bookingId = '';
  await attempt(
    'the retry sends the same request key and shows the queue number, QR and check-in code',
    async () => {
      await current(page).getByRole('button', { name: 'Đặt lịch khám' }).click();
      const ticket = current(page).getByTestId('booking-ticket');
      await ticket.waitFor({ timeout: 20_000 });
      bookingId = page.url().match(/\/b\/([^/?#]+)/)?.[1] ?? '';
      if (keys.length !== 2 || keys[0] !== keys[1]) return `request keys sent: ${keys.join(', ')}`;
      const queue = (await current(page).getByTestId('queue-number').textContent())?.trim();
      if (!queue || !/^\d+$/.test(queue)) return `queue number "${queue}"`;
      const code = (await current(page).getByTestId('checkin-code').textContent())?.trim() ?? '';
      const qr = current(page).locator('[data-testid="booking-qr"] svg');
      if ((await qr.count()) !== 1) return 'no QR code';
      const box = await qr.boundingBox();
      if (!box || box.width < 150) return `QR code ${box?.width}px wide`;
      const [row] = await rows(
        db,
        'select check_in_code, queue_number, slot_id from appointments where id = ?',
        [bookingId],
      );
      if (!row || row.check_in_code !== code || String(row.queue_number) !== queue) {
        return `database holds ${JSON.stringify(row)}, page shows ${queue} / ${code}`;
      }
      if (row.slot_id !== slotId) return `booked ${String(row.slot_id)}, chose ${slotId}`;
      const success = await current(page).getByText('Đặt lịch thành công').count();
      if (success !== 1) return 'no success message';
      await shot(page, 'appointments-ticket');
      return sideways(page);
    },
  );
  page.off('request', onRequest);
  await page.unroute('**/api/v1/appointments/bookings');

  await attempt('one appointment in the database for the two attempts', async () => {
    const found = await rows(db, 'select count(*) as n from appointments where request_key = ?', [
      keys[0] ?? '',
    ]);
    const [slot] = await rows(db, 'select booked from appointment_slots where id = ?', [slotId]);
    return Number(found[0]?.n) === 1 && Number(slot?.booked) === 1
      ? undefined
      : `${String(found[0]?.n)} appointments, slot booked ${String(slot?.booked)}`;
  });

  await attempt('the booking shows until when it can be cancelled or moved', async () => {
    const text = (await current(page).getByTestId('change-deadline').textContent()) ?? '';
    if (!/hủy hoặc đổi lịch đến \d\d\/\d\d\/\d{4} \d\d:\d\d \(còn /.test(text)) {
      return `reads "${text}"`;
    }
    const buttons = await current(page)
      .getByRole('button', { name: /Đổi lịch|Hủy lịch/ })
      .count();
    return buttons === 2 ? undefined : `${buttons} change buttons`;
  });

  await attempt('"Lịch khám của tôi" lists the appointment', async () => {
    await page.goto(`${base}hospital-appointments/mine`, { waitUntil: 'domcontentloaded' });
    const card = current(page).locator(`[data-booking="${bookingId}"]`);
    await card.waitFor({ timeout: 20_000 });
    const count = await current(page).locator('[data-booking]').count();
    const text = (await card.textContent()) ?? '';
    await shot(page, 'appointments-mine');
    if (count !== 1) return `${count} appointments listed`;
    return text.includes('Đã đặt') && text.includes('Khoa Khám bệnh') ? undefined : text;
  });

  await attempt(
    'a slot that filled up meanwhile answers "hết chỗ" and the places refresh',
    async () => {
      await page.goto(`${base}hospital-appointments/book/${OTHER_DEPARTMENT}`, {
        waitUntil: 'domcontentloaded',
      });
      const taken = await pickFirstFreeSlot(page);
      await current(page).locator('.rp-footer').getByRole('button', { name: 'Tiếp tục' }).click();
      await current(page).locator('#appt-birth-day').waitFor({ timeout: 10_000 });
      await current(page).getByRole('button', { name: 'Người thân' }).click();
      await current(page).locator('#appt-patientName').fill('Trần Gia Bảo');
      await current(page).locator('#appt-patientPhone').fill('0912345678');
      await birthDate(page, '02', '09', '2019');
      // Other people take the last places while the form is being filled in.
      await db.execute({
        sql: 'update appointment_slots set booked = capacity where id = ?',
        args: [taken],
      });
      await current(page).getByRole('button', { name: 'Đặt lịch khám' }).click();
      const problem = current(page).getByTestId('booking-problem');
      await problem.waitFor({ timeout: 20_000 });
      const text = (await problem.textContent()) ?? '';
      const full = current(page).locator(`[data-slot="${taken}"]`);
      await full.waitFor({ timeout: 10_000 });
      await page.waitForFunction(
        (id) => document.querySelector(`[data-slot="${id}"]`)?.hasAttribute('disabled'),
        taken,
        { timeout: 10_000 },
      );
      const label = (await full.textContent()) ?? '';
      await shot(page, 'appointments-full');
      if (!/hết chỗ/i.test(text)) return `notice reads "${text}"`;
      return label.includes('Hết chỗ') ? undefined : `the slot reads "${label}"`;
    },
  );

  await attempt('another slot books for a family member, and cancelling frees it', async () => {
    const slot = await pickFirstFreeSlot(page);
    await current(page).locator('.rp-footer').getByRole('button', { name: 'Tiếp tục' }).click();
    const name = await current(page).locator('#appt-patientName').inputValue();
    if (name !== 'Trần Gia Bảo') return `the form lost its details: "${name}"`;
    await current(page).getByRole('button', { name: 'Đặt lịch khám' }).click();
    await current(page).getByTestId('booking-ticket').waitFor({ timeout: 20_000 });
    await current(page).getByRole('button', { name: 'Hủy lịch' }).click();
    await page.locator('.zaui-modal').getByRole('button', { name: 'Hủy lịch' }).click();
    await current(page).locator('.appt-status--cancelled').first().waitFor({ timeout: 20_000 });
    const [row] = await rows(db, 'select booked from appointment_slots where id = ?', [slot]);
    await shot(page, 'appointments-cancelled');
    return Number(row?.booked) === 0 ? undefined : `slot still has ${String(row?.booked)} booked`;
  });
}

async function surveyScenario(page: Page, base: string, browser: Browser): Promise<void> {
  const id = DEMO_SURVEY_IDS.verified;

  await attempt(
    'the open surveys are listed, the verified one marked as needing Zalo',
    async () => {
      await page.goto(`${base}surveys`, { waitUntil: 'domcontentloaded' });
      const card = current(page).locator(`[data-survey="${id}"]`);
      await card.waitFor({ timeout: 20_000 });
      const other = current(page).locator(`[data-survey="${DEMO_SURVEY_IDS.anyone}"]`);
      if (!(await other.isVisible())) return 'the survey open to anyone is missing';
      const text = (await card.textContent()) ?? '';
      await shot(page, 'surveys-list');
      return text.includes('Cần đăng nhập Zalo') ? undefined : `card reads "${text}"`;
    },
  );

  await attempt('a required question left empty is flagged on "Tiếp tục"', async () => {
    await current(page).locator(`[data-survey="${id}"]`).click();
    await current(page).getByTestId('survey-start').click();
    await current(page).getByTestId('survey-progress').waitFor({ timeout: 10_000 });
    await current(page).locator('[data-option="ho-tich"]').click();
    await current(page).getByTestId('survey-next').click();
    const flagged = current(page).locator('[data-question="da-nop-ho-so"] .survey-problem');
    await flagged.waitFor({ timeout: 5_000 });
    const text = (await flagged.textContent()) ?? '';
    await shot(page, 'survey-required');
    return text.includes('bắt buộc') ? undefined : `problem reads "${text}"`;
  });

  await attempt('"Chưa" skips the rating section: the next is "Góp ý", Phần 2/2', async () => {
    await current(page).locator('[data-question="da-nop-ho-so"] [data-option="khong"]').click();
    await current(page).getByTestId('survey-next').click();
    const progress = current(page).getByTestId('survey-progress');
    await progress.getByText('Góp ý').waitFor({ timeout: 5_000 });
    const text = (await progress.textContent()) ?? '';
    if (!text.includes('Phần 2/2')) return `progress reads "${text}"`;
    if ((await current(page).locator('[data-question="hai-long"]').count()) !== 0) {
      return 'the rating question is shown';
    }
    await current(page)
      .locator('[data-question="noi-dung-gop-y"] textarea')
      .fill('Mong có thêm hướng dẫn nộp hồ sơ trực tuyến cho người lớn tuổi.');
    await current(page).locator('[data-question="gioi-thieu"] [data-value="9"]').click();
    await shot(page, 'survey-section');
    return sideways(page);
  });

  await attempt('the review lists the answers of the path only, then the thanks', async () => {
    await current(page).getByTestId('survey-next').click();
    await current(page).getByText('Xem lại câu trả lời').waitFor({ timeout: 5_000 });
    const text = (await current(page).locator('.survey-stack').textContent()) ?? '';
    if (!text.includes('Hộ tịch') || !text.includes('Chưa') || !text.includes('9/10')) {
      return `review reads "${text.slice(0, 300)}"`;
    }
    if (text.includes('Đánh giá chất lượng phục vụ')) return 'the skipped section is reviewed';
    await shot(page, 'survey-review');
    await current(page).getByRole('button', { name: 'Gửi câu trả lời' }).click();
    await current(page).getByTestId('survey-thanks').waitFor({ timeout: 20_000 });
    await shot(page, 'survey-thanks');
    return undefined;
  });

  await attempt('the survey is then marked answered, and opening it again says so', async () => {
    await page.goto(`${base}surveys`, { waitUntil: 'domcontentloaded' });
    const card = current(page).locator(`[data-survey="${id}"]`);
    await card.getByTestId('answered-mark').waitFor({ timeout: 20_000 });
    await card.click();
    await current(page).getByText('Bạn đã trả lời khảo sát này').waitFor({ timeout: 20_000 });
    return undefined;
  });

  await attempt('on another device, not signed in, the verified survey asks for Zalo', async () => {
    const context = await browser.newContext(PHONE);
    try {
      await keepLocal(context);
      const other = await context.newPage();
      await other.goto(`${base}surveys/s/${id}`, { waitUntil: 'domcontentloaded' });
      const gate = current(other).getByTestId('signin-gate');
      await gate.waitFor({ timeout: 30_000 });
      const text = (await gate.textContent()) ?? '';
      await shot(other, 'survey-gate');
      return text.includes('Đăng nhập để trả lời khảo sát') ? undefined : `gate reads "${text}"`;
    } finally {
      await context.close();
    }
  });
}

async function trainingScenario(page: Page, base: string, db: Client): Promise<void> {
  await attempt('a course is found by typing without diacritics', async () => {
    await page.goto(`${base}online-training`, { waitUntil: 'domcontentloaded' });
    await current(page).locator('[data-course]').first().waitFor({ timeout: 20_000 });
    await current(page).getByTestId('training-search').fill('xam nhap man');
    await page.waitForFunction(
      () => document.querySelectorAll('.zaui-page:last-child [data-course]').length === 1,
      undefined,
      { timeout: 10_000 },
    );
    // Wait for the server's answer too (the filter on the phone comes first).
    await page.waitForResponse((r) => r.url().includes('/api/v1/training/courses?q='), {
      timeout: 10_000,
    });
    const titles = await current(page)
      .locator('[data-course] .rp-card__category')
      .allTextContents();
    await shot(page, 'training-search');
    return titles.length === 1 && titles[0] === COURSE_TITLE ? undefined : titles.join(' | ');
  });

  await attempt('registering for the next session shows the meeting link', async () => {
    await current(page).locator('[data-course]').first().click();
    const session = current(page).locator(`[data-session="${FIRST_SESSION}"]`);
    await session.waitFor({ timeout: 20_000 });
    const before = (await session.textContent()) ?? '';
    if (!/Còn \d+\/100 chỗ/.test(before)) return `seats read "${before}"`;
    if (before.includes(MEETING_URL)) return 'the link shows before registering';
    await session.getByRole('button', { name: 'Đăng ký tham gia' }).click();
    const name = await session.locator('input').first().inputValue();
    if (name !== E2E_ZALO_NAME) return `name field holds "${name}"`;
    await session.getByRole('button', { name: 'Xác nhận đăng ký' }).click();
    const link = session.getByTestId('meeting-link');
    await link.waitFor({ timeout: 20_000 });
    const text = (await link.textContent()) ?? '';
    if (!text.includes(MEETING_URL)) return `link reads "${text}"`;
    const after = (await session.textContent()) ?? '';
    if (!after.includes('Bạn đã đăng ký buổi học này')) return `session reads "${after}"`;
    const [row] = await rows(
      db,
      'select count(*) as n from course_registrations where session_id = ? and cancelled_at is null',
      [FIRST_SESSION],
    );
    await shot(page, 'training-registered');
    return Number(row?.n) === 1 ? undefined : `${String(row?.n)} registrations`;
  });

  await attempt('a registered citizen asks the trainer a question', async () => {
    const session = current(page).locator(`[data-session="${FIRST_SESSION}"]`);
    await session.getByRole('button', { name: 'Hỏi đáp với giảng viên' }).click();
    const qa = session.getByTestId('session-questions');
    await qa
      .locator('textarea')
      .fill('Độ mặn bao nhiêu phần nghìn thì phải ngưng lấy nước vào ruộng?');
    await qa.getByRole('button', { name: 'Gửi câu hỏi' }).click();
    await qa.locator('.training-qa__item.is-mine').waitFor({ timeout: 20_000 });
    const text = (await qa.textContent()) ?? '';
    await shot(page, 'training-question');
    if (!text.includes('Đang chờ giảng viên trả lời')) return `questions read "${text}"`;
    return sideways(page);
  });
}

async function englishCheck(page: Page, base: string): Promise<void> {
  await attempt('the booking list reads in English after switching the language', async () => {
    await page.goto(base, { waitUntil: 'domcontentloaded' });
    await page.getByRole('button', { name: 'English' }).click();
    await page.goto(`${base}hospital-appointments/mine`, { waitUntil: 'domcontentloaded' });
    await current(page).getByText('My appointments').first().waitFor({ timeout: 20_000 });
    await current(page).locator('[data-booking]').first().waitFor({ timeout: 20_000 });
    const text = (await current(page).locator('.rp-main').textContent()) ?? '';
    await shot(page, 'appointments-mine-en');
    await page.goto(base, { waitUntil: 'domcontentloaded' });
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    return text.includes('Upcoming') && text.includes('Booked') ? undefined : text.slice(0, 200);
  });
}

export async function runServicesScenario(
  browser: Browser,
  cleanups: Set<() => Promise<void> | void>,
): Promise<void> {
  const local = zaloStack('services', cleanups, {
    dbPort: DB_PORT,
    apiPort: API_PORT,
    miniappPort: MINIAPP_PORT,
  });
  let context: BrowserContext | undefined;
  let db: Client | undefined;
  try {
    console.log('starting the local stack for the appointments, surveys and training test...');
    const stack = await local.start(E2E_ZALO_ACCESS_TOKEN);
    db = createClient({ url: stack.dbUrl });
    const now = new Date();
    const hospitals = await seedDemoHospitals(db, now);
    await seedDemoSurveys(db, now);
    const courses = await seedDemoCourses(db, now);
    check(
      `demo data: ${hospitals.departments} departments with ${hospitals.slots} slots, ${courses.courseIds.length} courses`,
      hospitals.departments === 3 && hospitals.slots > 0 && courses.courseIds.length === 2,
      JSON.stringify({ hospitals, courses }),
    );

    context = await browser.newContext({
      ...PHONE,
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const external: string[] = [];
    await keepLocal(context, external);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const base = `${stack.miniappUrl}/`;

    await appointmentsScenario(page, base, db);
    await surveyScenario(page, base, browser);
    await trainingScenario(page, base, db);
    await englishCheck(page, base);

    check('nothing is fetched from outside', external.length === 0, external.join(', '));
    check(
      'no JavaScript errors on the appointment, survey and training screens',
      pageErrors.length === 0,
      pageErrors.join(' | '),
    );
  } catch (error) {
    check('services test run', false, error instanceof Error ? error.message : String(error));
  } finally {
    db?.close();
    await context?.close().catch(() => undefined);
    await local.stop();
  }
}
