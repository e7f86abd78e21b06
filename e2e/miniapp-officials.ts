/// <reference lib="dom" />
/**
 * Officials in the mini app, in Chromium against the real API: the local stack on ports of
 * its own with a throw-away data directory, and a fake Zalo Graph API on loopback.
 *
 * A citizen's report (with a photo) arrives through the API from the citizen's phone and
 * the IOC marks it valid, which assigns it to the Department of Construction. An agency
 * handler of that department, signed in with Zalo in the mini app, opens "Dành cho cán
 * bộ", types the 8-digit code the web admin would show (created here through the API with
 * the handler's session), and sees the agency's queue. They open the report (photo, due
 * date, timeline), accept it, post a public update, and resolve it with an answer and a
 * result photo uploaded in chunks. Their short-lived app token is then made invalid: the
 * next screen renews it silently; leaving the mode and entering again with Zalo needs no
 * new code. Last, the citizen's phone shows the answer and the
 * result photo on the tracking page, and an unread notification with its badge.
 * Screenshots: e2e/screenshots/miniapp-officials-*.png.
 *
 * Env: E2E_OFFICIALS_DB_PORT (18190), E2E_OFFICIALS_API_PORT (18897), E2E_OFFICIALS_PORT (3102).
 */
import { createClient } from '@libsql/client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { hashPassword } from '../edge/src/officials/password';
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
import { zaloStack } from './zalo-stack';

const DB_PORT = Number(process.env.E2E_OFFICIALS_DB_PORT ?? 18190);
const API_PORT = Number(process.env.E2E_OFFICIALS_API_PORT ?? 18897);
const MINIAPP_PORT = Number(process.env.E2E_OFFICIALS_PORT ?? 3102);

const HANDLER_NAME = 'Trần Minh Khoa';
/** The handler's own Zalo account on the fake Graph API (the mini app's dev sign-in). */
const HANDLER_ZALO_TOKEN = `zalo-at:e2e-official-5521:${encodeURIComponent(HANDLER_NAME)}`;
const PASSWORD = 'mat-khau-can-bo-e2e-2025';
const OFFICIAL_KEY = 'hgs.official';
const DEVICE_ID_KEY = 'hgs.device-id';

const DESCRIPTION = 'Ổ gà sâu trước cổng trường tiểu học Vị Thanh, học sinh đi xe đạp dễ té.';
const UPDATE = 'Đã khảo sát hiện trường, sẽ vá trong ngày mai.';
const ANSWER = 'Đã vá ổ gà bằng bê tông nhựa nóng, mặt đường bằng phẳng, thông xe bình thường.';

async function shot(page: Page, name: string): Promise<void> {
  await settle(page);
  await screenshotWholePage(page, `${SCREENSHOTS}miniapp-officials-${name}.png`);
}

/** A real JPEG from the page's canvas (a grey road; `dark` for the repaired one). */
async function drawJpeg(page: Page, repaired: boolean): Promise<Buffer> {
  const dataUrl = await page.evaluate((fixed) => {
    const canvas = document.createElement('canvas');
    canvas.width = 1200;
    canvas.height = 900;
    const g = canvas.getContext('2d');
    if (!g) throw new Error('no 2d context');
    g.fillStyle = '#9fd0ff';
    g.fillRect(0, 0, 1200, 350);
    g.fillStyle = '#6b6f73';
    g.fillRect(0, 350, 1200, 550);
    g.fillStyle = fixed ? '#3a3d40' : '#231f1c';
    g.beginPath();
    g.ellipse(600, 700, 220, 90, 0, 0, Math.PI * 2);
    g.fill();
    for (let i = 0; i < 8000; i++) {
      g.fillStyle = `rgba(${(i * 37) % 255},${(i * 91) % 255},${(i * 53) % 255},0.2)`;
      g.fillRect((i * 7919) % 1200, 350 + ((i * 104_729) % 550), 3, 3);
    }
    return canvas.toDataURL('image/jpeg', 0.9);
  }, repaired);
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}

type Json = Record<string, unknown>;

async function api(
  apiUrl: string,
  path: string,
  init: { method?: string; token?: string; json?: unknown } = {},
): Promise<Json> {
  const response = await fetch(`${apiUrl}${path}`, {
    method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  });
  const body = (await response.json().catch(() => ({}))) as Json;
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${JSON.stringify(body)}`);
  return body;
}

/** Accounts as an administrator would create them; the password hashed like the Worker does. */
async function createOfficials(dbUrl: string): Promise<void> {
  const db = createClient({ url: dbUrl });
  try {
    const hash = await hashPassword(PASSWORD);
    const now = new Date().toISOString();
    const rows = [
      {
        id: crypto.randomUUID(),
        email: 'ioc.e2e@haugiang.gov.vn',
        name: 'Lê Thu Hà',
        agency: 'ioc',
        role: 'ioc_operator',
      },
      {
        id: crypto.randomUUID(),
        email: 'khoa.e2e@soxaydung.haugiang.gov.vn',
        name: HANDLER_NAME,
        agency: 'so_xay_dung',
        role: 'agency_handler',
      },
    ];
    await db.batch(
      rows.flatMap((o) => [
        {
          sql: `INSERT INTO officials (id, email, full_name, agency_id, password_hash, password_changed_at, status, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?)`,
          args: [o.id, o.email, o.name, o.agency, hash, now, now, now],
        },
        {
          sql: 'INSERT INTO official_roles (official_id, role) VALUES (?, ?)',
          args: [o.id, o.role],
        },
      ]),
      'write',
    );
  } finally {
    db.close();
  }
}

async function login(apiUrl: string, email: string): Promise<string> {
  const answer = await api(apiUrl, '/api/v1/officials/auth/login', {
    json: { email, password: PASSWORD, client: 'app' },
  });
  return String(answer.token);
}

/** The citizen's report from their phone (its device id), with a photo, through the API. */
async function citizenReport(apiUrl: string, deviceId: string, jpeg: Buffer): Promise<string> {
  const upload = await api(apiUrl, '/api/v1/uploads', {
    json: { kind: 'photo', bytes: jpeg.length, mime: 'image/jpeg', deviceId },
  });
  const chunkSize = Number(upload.chunkSize);
  for (let offset = 0; offset < jpeg.length; offset += chunkSize) {
    const end = Math.min(jpeg.length, offset + chunkSize);
    const response = await fetch(`${apiUrl}/api/v1/uploads/${upload.id}`, {
      method: 'PUT',
      headers: {
        'content-type': 'application/octet-stream',
        'content-range': `bytes ${offset}-${end - 1}/${jpeg.length}`,
      },
      body: new Uint8Array(jpeg.subarray(offset, end)),
    });
    if (!response.ok) throw new Error(`chunk @${offset}: HTTP ${response.status}`);
  }
  const report = await api(apiUrl, '/api/v1/reports', {
    json: {
      submissionId: crypto.randomUUID(),
      deviceId,
      categoryId: 'giao_thong',
      description: DESCRIPTION,
      location: { source: 'pin', lat: 9.7845, lng: 105.4701 },
      mediaIds: [upload.id],
      contact: {
        name: 'Phạm Văn Bình',
        phone: '0912345678',
        consent: true,
        agencyMayContact: true,
        znsConsent: true,
      },
    },
  });
  return String(report.code);
}

async function newPhone(browser: Browser, deviceId?: string): Promise<BrowserContext> {
  const context = await browser.newContext(PHONE);
  await keepLocal(context);
  if (deviceId) {
    await context.addInitScript(
      ([key, id]) => {
        if (!localStorage.getItem(key as string)) localStorage.setItem(key as string, id as string);
      },
      [DEVICE_ID_KEY, deviceId],
    );
  }
  return context;
}

async function officialScenario(
  page: Page,
  base: string,
  apiUrl: string,
  handlerToken: string,
  code: string,
  resultJpeg: Buffer,
): Promise<void> {
  await attempt('the field-reports hub has a "Dành cho cán bộ" entry', async () => {
    await page.goto(`${base}field-reports`, { waitUntil: 'domcontentloaded' });
    const entry = current(page).getByTestId('officials-link');
    await entry.waitFor({ timeout: 30_000 });
    const text = (await entry.textContent()) ?? '';
    if (!text.includes('Dành cho cán bộ')) return `entry reads "${text}"`;
    await entry.click();
    await current(page)
      .locator('.of-intro__title', { hasText: 'Liên kết tài khoản cán bộ' })
      .waitFor({ timeout: 15_000 });
    await shot(page, 'link');
    return sideways(page);
  });

  await attempt('the code box waits for the Zalo sign-in, then takes the 8 digits', async () => {
    const input = current(page).getByTestId('link-code');
    if (!(await input.isDisabled())) return 'the code box is usable before signing in';
    await current(page)
      .getByTestId('signin-card')
      .getByRole('button', { name: 'Đăng nhập bằng Zalo' })
      .click();
    await current(page).getByTestId('signin-name').waitFor({ timeout: 20_000 });
    await input.waitFor({ state: 'visible' });
    if (await input.isDisabled()) return 'the code box stays disabled after signing in';
    return undefined;
  });

  await attempt('a wrong code is refused with a Vietnamese message', async () => {
    const input = current(page).getByTestId('link-code');
    await input.fill('00000000');
    await current(page).getByRole('button', { name: 'Liên kết tài khoản' }).click();
    const error = current(page).locator('.of-code .rp-notice--error');
    await error.waitFor({ timeout: 20_000 });
    const text = (await error.textContent()) ?? '';
    return /mã/i.test(text) ? undefined : `message reads "${text}"`;
  });

  await attempt(
    'the code from the web admin links the account: the agency queue lists the report',
    async () => {
      const issued = await api(apiUrl, '/api/v1/officials/auth/zalo-link-code', {
        json: {},
        token: handlerToken,
      });
      const linkCode = String(issued.code);
      if (!/^\d{8}$/.test(linkCode)) return `code "${linkCode}"`;
      const input = current(page).getByTestId('link-code');
      await input.fill(`${linkCode.slice(0, 4)} ${linkCode.slice(4)}`);
      await shot(page, 'link-code');
      await current(page).getByRole('button', { name: 'Liên kết tài khoản' }).click();
      await current(page).getByTestId('official-name').waitFor({ timeout: 20_000 });
      const who = (await current(page).getByTestId('official-card').textContent()) ?? '';
      if (!who.includes(HANDLER_NAME) || !who.includes('Sở Xây dựng')) return `card reads "${who}"`;
      await current(page).locator(`[data-code="${code}"]`).waitFor({ timeout: 20_000 });
      const card = (await current(page).locator(`[data-code="${code}"]`).textContent()) ?? '';
      if (!card.includes('Hạn:')) return `no due date on the card: "${card}"`;
      const stored = await page.evaluate((key) => localStorage.getItem(key), OFFICIAL_KEY);
      if (!stored?.includes('"token":"ofs_')) return 'the official app token is not kept';
      if (stored.includes('zalo-at:')) return 'the Zalo access token itself is stored';
      await shot(page, 'queue');
      return sideways(page);
    },
  );

  await attempt(
    'the report opens with its photo, due date, contact, timeline and the allowed actions',
    async () => {
      await current(page).locator(`[data-code="${code}"]`).click();
      await current(page).getByTestId('work-detail').waitFor({ timeout: 20_000 });
      const head = (await current(page).getByTestId('work-detail').textContent()) ?? '';
      if (!head.includes(DESCRIPTION)) return `detail reads "${head}"`;
      if (!(await current(page).getByTestId('work-due').isVisible())) return 'no due date';
      await current(page).locator('[data-testid="work-photos"] img').first().waitFor();
      const contact = (await current(page).getByTestId('work-contact').textContent()) ?? '';
      if (!contact.includes('Phạm Văn Bình')) return `contact reads "${contact}"`;
      const actions = await current(page)
        .locator('[data-action]')
        .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-action')));
      if (!actions.includes('accept')) return `actions: ${actions.join(', ')}`;
      await shot(page, 'detail');
      return sideways(page);
    },
  );

  await attempt('"Tiếp nhận": the agency accepts it and the buttons follow', async () => {
    await current(page).locator('[data-action="accept"]').click();
    await current(page).locator('[data-action="resolve"]').waitFor({ timeout: 20_000 });
    const actions = await current(page)
      .locator('[data-action]')
      .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-action')));
    if (actions.includes('accept')) return `still offers accept: ${actions.join(', ')}`;
    return undefined;
  });

  await attempt('a public progress update appears on the timeline', async () => {
    await current(page).locator('[data-action="update"]').click();
    await current(page).locator('[data-form="update"] textarea').fill(UPDATE);
    await current(page).getByTestId('action-submit').click();
    await current(page).getByTestId('work-timeline').getByText(UPDATE).waitFor({ timeout: 20_000 });
    return undefined;
  });

  await attempt(
    'resolving with an answer and a result photo (chunked upload) closes the report',
    async () => {
      await current(page).locator('[data-action="resolve"]').click();
      await current(page).locator('[data-form="resolve"] textarea').fill(ANSWER);
      const chooser = page.waitForEvent('filechooser', { timeout: 10_000 });
      await current(page).getByTestId('add-result-photo').click();
      await (await chooser).setFiles({
        name: 'da-va-o-ga.jpg',
        mimeType: 'image/jpeg',
        buffer: resultJpeg,
      });
      await current(page).locator('.of-photo img').first().waitFor({ timeout: 30_000 });
      await shot(page, 'resolve-form');
      await current(page).getByTestId('action-submit').click();
      await current(page)
        .locator('.detail-head .status', { hasText: 'Đã xử lý' })
        .waitFor({ timeout: 30_000 });
      await current(page)
        .locator('[data-testid="work-result-photos"] img')
        .first()
        .waitFor({ timeout: 20_000 });
      if ((await current(page).locator('[data-action]').count()) > 0) {
        return 'actions are still offered on a resolved report';
      }
      await shot(page, 'resolved');
      return undefined;
    },
  );

  await attempt(
    'an app token the server no longer accepts is renewed silently with Zalo',
    async () => {
      await page.evaluate((key) => {
        const link = JSON.parse(localStorage.getItem(key) ?? '{}');
        link.token = 'ofs_revoked-or-expired-token-0000000000';
        localStorage.setItem(key, JSON.stringify(link));
      }, OFFICIAL_KEY);
      await page.goto(`${base}field-reports/officials`, { waitUntil: 'domcontentloaded' });
      await current(page).getByTestId('official-name').waitFor({ timeout: 20_000 });
      await current(page).locator('.of-chip', { hasText: 'Đã xử lý' }).click();
      await current(page).locator(`[data-code="${code}"]`).waitFor({ timeout: 20_000 });
      const stored = await page.evaluate((key) => localStorage.getItem(key), OFFICIAL_KEY);
      if (!stored || stored.includes('ofs_revoked-or-expired')) return 'the token was not renewed';
      await shot(page, 'queue-resolved');
      return sideways(page);
    },
  );

  await attempt(
    'leaving officials’ mode asks first; "Vào bằng Zalo" comes back without a new code',
    async () => {
      await current(page).getByRole('button', { name: 'Thoát chế độ cán bộ' }).first().click();
      const confirm = page.locator('.of-leave');
      await confirm.waitFor({ timeout: 10_000 });
      await shot(page, 'leave');
      await confirm.getByRole('button', { name: 'Thoát chế độ cán bộ' }).click();
      await current(page).getByTestId('link-code').waitFor({ timeout: 15_000 });
      const stored = await page.evaluate((key) => localStorage.getItem(key), OFFICIAL_KEY);
      if (stored) return `still stored: ${stored}`;
      await current(page).getByRole('button', { name: 'Vào bằng Zalo' }).click();
      await current(page).getByTestId('official-name').waitFor({ timeout: 20_000 });
      return undefined;
    },
  );
}

async function citizenScenario(page: Page, base: string, code: string): Promise<void> {
  await attempt(
    "the citizen's tracking page shows the agency's answer and result photo",
    async () => {
      await page.goto(`${base}field-reports/r/${code}`, { waitUntil: 'domcontentloaded' });
      const card = current(page).getByTestId('resolution');
      await card.waitFor({ timeout: 20_000 });
      const text = (await card.textContent()) ?? '';
      if (!text.includes(ANSWER)) return `answer reads "${text}"`;
      if (!text.includes('Sở Xây dựng')) return `no agency in "${text}"`;
      await card.locator('img').first().waitFor({ timeout: 20_000 });
      const loaded = await card
        .locator('img')
        .first()
        .evaluate((img) => (img as HTMLImageElement).naturalWidth);
      if (loaded === 0) return 'the result photo does not load';
      await shot(page, 'citizen-tracking');
      return undefined;
    },
  );

  await attempt('the hub shows unread notifications on a badge', async () => {
    await page.goto(`${base}field-reports`, { waitUntil: 'domcontentloaded' });
    const badge = current(page).getByTestId('unread-badge');
    await badge.waitFor({ timeout: 20_000 });
    const count = Number(await badge.textContent());
    await shot(page, 'hub');
    return count >= 1 ? undefined : `badge reads ${count}`;
  });

  await attempt('the notification list names the report; opening one marks it read', async () => {
    await current(page).getByText('Thông báo', { exact: true }).click();
    const list = current(page).getByTestId('notifications');
    await list.waitFor({ timeout: 20_000 });
    const text = (await list.textContent()) ?? '';
    if (!text.includes(code)) return `list reads "${text}"`;
    if (!text.includes(ANSWER)) return 'the resolution is not among the notifications';
    const wide = await sideways(page);
    if (wide) return wide;
    await shot(page, 'notifications');
    const unreadBefore = await current(page).locator('.nt-item.is-unread').count();
    await current(page).locator('.nt-item.is-unread').first().click();
    await current(page).getByTestId('detail-code').waitFor({ timeout: 20_000 });
    await page.goBack();
    await current(page).getByTestId('notifications').waitFor({ timeout: 20_000 });
    await page.reload({ waitUntil: 'domcontentloaded' });
    await current(page).getByTestId('notifications').waitFor({ timeout: 20_000 });
    const unreadAfter = await current(page).locator('.nt-item.is-unread').count();
    return unreadAfter === unreadBefore - 1 ? undefined : `unread ${unreadBefore} → ${unreadAfter}`;
  });
}

export async function runOfficialsScenario(
  browser: Browser,
  cleanups: Set<() => Promise<void> | void>,
): Promise<void> {
  // The IOC marks the report valid by hand here: with routing on arrival (wrangler.toml's
  // default) this clear pothole report would already be with the agency.
  const local = zaloStack(
    'officials',
    cleanups,
    { dbPort: DB_PORT, apiPort: API_PORT, miniappPort: MINIAPP_PORT },
    { INTAKE_AUTO_ROUTE: 'off' },
  );
  const citizenDevice = `e2e-citizen-${crypto.randomUUID()}`;
  const officialPhone = await newPhone(browser);
  const citizenPhone = await newPhone(browser, citizenDevice);
  const pageErrors: string[] = [];
  try {
    console.log('starting the local stack for the officials test...');
    // The browser signs in with Zalo as the handler.
    const stack = await local.start(HANDLER_ZALO_TOKEN);
    const base = `${stack.miniappUrl}/`;
    const officialPage = await officialPhone.newPage();
    const citizenPage = await citizenPhone.newPage();
    for (const page of [officialPage, citizenPage]) {
      page.on('pageerror', (error) => pageErrors.push(error.message));
    }

    await citizenPage.goto(base, { waitUntil: 'domcontentloaded' });
    const [reportJpeg, resultJpeg] = [
      await drawJpeg(citizenPage, false),
      await drawJpeg(citizenPage, true),
    ];

    await createOfficials(stack.dbUrl);
    const iocToken = await login(stack.apiUrl, 'ioc.e2e@haugiang.gov.vn');
    const handlerToken = await login(stack.apiUrl, 'khoa.e2e@soxaydung.haugiang.gov.vn');
    const code = await citizenReport(stack.apiUrl, citizenDevice, reportJpeg);
    const intake = await api(stack.apiUrl, `/api/v1/work/reports/${code}/intake`, {
      json: { decision: 'valid' },
      token: iocToken,
    });
    const assigned = (intake.report as Json | undefined)?.agency as Json | null | undefined;
    check(
      'the IOC marks the report valid: it goes to the Department of Construction',
      assigned?.id === 'so_xay_dung',
      JSON.stringify(assigned),
    );

    await officialScenario(officialPage, base, stack.apiUrl, handlerToken, code, resultJpeg);
    await citizenScenario(citizenPage, base, code);
    check(
      'no JavaScript errors in the officials and notification screens',
      pageErrors.length === 0,
      pageErrors.join(' | '),
    );
  } catch (error) {
    check('officials test run', false, error instanceof Error ? error.message : String(error));
  } finally {
    await officialPhone.close().catch(() => undefined);
    await citizenPhone.close().catch(() => undefined);
    await local.stop();
  }
}
