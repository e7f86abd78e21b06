/// <reference lib="dom" />
/**
 * Field reports in Chromium against the real API: the local stack as `npm start` runs it
 * (libSQL server, migrations and seed, wrangler dev, the mini app's dev server) on ports
 * of its own with a throw-away data directory.
 *
 * A citizen picks a category, attaches a real JPEG (drawn in the page, 2400×1800, so the
 * phone-side resize runs), drops a pin on the map, describes the problem, leaves a
 * contact, sends, reads the tracking code, and finds the report by that code with its
 * photo, already "Đã chuyển xử lý": the smart intake routed it to its agency on arrival. An official's resolution is written straight into
 * the database (the officials' screens are another issue); the citizen rates it "không
 * hài lòng" and reopens it. A second citizen, composing a report of the same pothole at
 * the same spot, is offered "Tôi cũng gặp vấn đề này" on the review and follows the first
 * report instead of sending. Then the same without a
 * network: the report is kept as a draft, photo included, and goes out by itself when
 * the network returns. Last, the citizen signs in with Zalo and finds those reports on a
 * second device (e2e/sign-in.ts), against a fake Zalo Graph API on loopback.
 * Screenshots of every step go to e2e/screenshots/.
 *
 * Env: E2E_DB_PORT (18180), E2E_API_PORT (18887), E2E_REPORTS_PORT (3101).
 */
import { createClient } from '@libsql/client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
import { E2E_ZALO_ACCESS_TOKEN, signInScenario } from './sign-in';
import { zaloStack } from './zalo-stack';

const DB_PORT = Number(process.env.E2E_DB_PORT ?? 18180);
const API_PORT = Number(process.env.E2E_API_PORT ?? 18887);
const MINIAPP_PORT = Number(process.env.E2E_REPORTS_PORT ?? 3101);

const CODE_PATTERN = /^PA-[2-9A-HJ-NP-Z]{6}$/;
const DESCRIPTION =
  'Ổ gà lớn giữa đường Trần Hưng Đạo, trước chợ Vị Thanh; xe máy đi đêm rất dễ té ngã.';
const OFFLINE_DESCRIPTION = 'Cống thoát nước bị nghẹt, nước tràn lên mặt đường sau cơn mưa.';

async function shot(page: Page, name: string): Promise<void> {
  await settle(page);
  await screenshotWholePage(page, `${SCREENSHOTS}${name}.png`);
}

/** A real JPEG from the page's canvas: a grey road with a dark pothole, 2400×1800 px. */
async function drawJpeg(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 2400;
    canvas.height = 1800;
    const g = canvas.getContext('2d');
    if (!g) throw new Error('no 2d context');
    const sky = g.createLinearGradient(0, 0, 0, 700);
    sky.addColorStop(0, '#8ec5ff');
    sky.addColorStop(1, '#dff0ff');
    g.fillStyle = sky;
    g.fillRect(0, 0, 2400, 700);
    g.fillStyle = '#6b6f73';
    g.fillRect(0, 700, 2400, 1100);
    g.fillStyle = '#f2f2f2';
    for (let x = 0; x < 2400; x += 300) g.fillRect(x, 1230, 160, 30);
    g.fillStyle = '#2b2622';
    g.beginPath();
    g.ellipse(1200, 1450, 420, 170, 0, 0, Math.PI * 2);
    g.fill();
    // Noise, so the JPEG is not trivially small and the compressor has work to do.
    for (let i = 0; i < 40_000; i++) {
      g.fillStyle = `rgba(${(i * 37) % 255},${(i * 91) % 255},${(i * 53) % 255},0.25)`;
      g.fillRect((i * 7919) % 2400, 700 + ((i * 104_729) % 1100), 3, 3);
    }
    return canvas.toDataURL('image/jpeg', 0.95);
  });
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}

async function next(page: Page): Promise<void> {
  await page.locator('.rp-footer').getByRole('button', { name: 'Tiếp tục' }).click();
}

async function waitForStep(page: Page, title: string): Promise<void> {
  await current(page)
    .locator('.wizard-progress__text strong', { hasText: title })
    .waitFor({ timeout: 15_000 });
}

async function attachPhoto(page: Page, jpeg: Buffer): Promise<void> {
  const chooser = page.waitForEvent('filechooser', { timeout: 10_000 });
  await current(page).getByTestId('add-photo').click();
  await (await chooser).setFiles({
    name: 'o-ga-tran-hung-dao.jpg',
    mimeType: 'image/jpeg',
    buffer: jpeg,
  });
  await current(page).locator('.media-thumb img').first().waitFor({ timeout: 30_000 });
}

async function dropPinAtMapCentre(page: Page): Promise<void> {
  const map = current(page).locator('.leaflet-container');
  await map.waitFor({ timeout: 30_000 });
  await settle(page);
  const chosen = current(page).getByTestId('location-chosen');
  // A finger, as on a phone: Leaflet takes touch taps as clicks. A second tap if the
  // first landed while the page was still sliding in.
  for (let tries = 0; tries < 3 && !(await chosen.isVisible()); tries++) {
    const box = await map.boundingBox();
    if (!box) throw new Error('the map has no size');
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    await chosen.waitFor({ timeout: 3_000 }).catch(() => undefined);
  }
  await chosen.waitFor({ timeout: 5_000 });
}

/** Other citizens' reports around Ngã Bảy, straight through the API, so the map has a cluster. */
async function seedNeighbours(apiUrl: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${apiUrl}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        submissionId: crypto.randomUUID(),
        deviceId: `e2e-neighbour-${i}-${crypto.randomUUID()}`,
        categoryId: 'moi_truong',
        description: `Rác thải tồn đọng ven kênh, điểm số ${i + 1}, bốc mùi hôi.`,
        location: { source: 'pin', lat: 9.817 + i * 0.0015, lng: 105.819 + (i % 3) * 0.0015 },
      }),
    });
    if (!response.ok) throw new Error(`seeding report ${i}: HTTP ${response.status}`);
  }
}

async function onlineScenario(
  page: Page,
  base: string,
  apiUrl: string,
  jpeg: Buffer,
): Promise<string | undefined> {
  let code: string | undefined;

  await attempt('the field-reports card on the home screen opens its screen', async () => {
    await page.goto(base, { waitUntil: 'domcontentloaded' });
    await page.locator('main [data-feature="field-reports"]').click({ timeout: 30_000 });
    await current(page).getByText('Gửi phản ánh mới').waitFor({ timeout: 30_000 });
    await shot(page, 'reports-hub');
    return undefined;
  });

  await attempt('step 1: categories come from the API as big tiles with examples', async () => {
    await current(page).getByText('Gửi phản ánh mới').click();
    await waitForStep(page, 'Lĩnh vực');
    const tile = current(page).locator('[data-category="giao_thong"]');
    await tile.waitFor({ timeout: 20_000 });
    const text = (await tile.textContent()) ?? '';
    if (!text.includes('Giao thông') || !text.includes('ổ gà')) return `tile reads "${text}"`;
    const height = (await tile.boundingBox())?.height ?? 0;
    if (height < 48) return `tile is only ${height}px tall`;
    await shot(page, 'wizard-1-category');
    await tile.click();
    return undefined;
  });

  await attempt(
    'step 2: a JPEG is attached, shrunk on the phone, with the limits shown',
    async () => {
      await waitForStep(page, 'Ảnh hoặc video');
      const limits = (await current(page).locator('.rp-notice--info').textContent()) ?? '';
      if (!limits.includes('5 ảnh') || !limits.includes('10 MB')) return `limits read "${limits}"`;
      await attachPhoto(page, jpeg);
      const size = await current(page)
        .locator('.media-thumb img')
        .first()
        .evaluate(async (img) => {
          const blob = await (await fetch((img as HTMLImageElement).src)).blob();
          const bitmap = await createImageBitmap(blob);
          return { bytes: blob.size, type: blob.type, width: bitmap.width, height: bitmap.height };
        });
      if (size.type !== 'image/jpeg') return `compressed photo is ${size.type}`;
      if (Math.max(size.width, size.height) > 1600)
        return `not resized: ${size.width}×${size.height}`;
      if (size.bytes > jpeg.length) return `not smaller: ${size.bytes} > ${jpeg.length} bytes`;
      await shot(page, 'wizard-2-media');
      await next(page);
      return undefined;
    },
  );

  await attempt('step 3: a pin dropped on the map sets the location', async () => {
    await waitForStep(page, 'Vị trí');
    await dropPinAtMapCentre(page);
    const text = (await current(page).getByTestId('location-chosen').textContent()) ?? '';
    if (!text.includes('Vị trí đã ghim')) return `shows "${text}"`;
    await current(page).locator('select').selectOption({ label: 'Phường Vị Thanh' });
    await current(page)
      .getByPlaceholder('Ví dụ: trước số 12 đường Trần Hưng Đạo, gần chợ')
      .fill('Trước chợ Vị Thanh, đường Trần Hưng Đạo');
    await shot(page, 'wizard-3-location');
    await next(page);
    return undefined;
  });

  await attempt('step 4: the description has a character counter', async () => {
    await waitForStep(page, 'Nội dung');
    const area = current(page).locator('textarea');
    await area.fill('Ổ gà');
    await next(page);
    const refused = await current(page).locator('.rp-notice--error').textContent();
    if (!refused?.includes('ít nhất 10 ký tự'))
      return `too short text was not refused: "${refused}"`;
    await area.fill(DESCRIPTION);
    const counter = (await current(page).locator('#description-counter').textContent()) ?? '';
    if (!counter.includes(`${DESCRIPTION.length}/2000`)) return `counter reads "${counter}"`;
    await shot(page, 'wizard-4-description');
    await next(page);
    return undefined;
  });

  await attempt('step 5: a Vietnamese phone is checked and needs the consent tick', async () => {
    await waitForStep(page, 'Liên hệ');
    await current(page).getByPlaceholder('Ví dụ: Nguyễn Văn An').fill('Nguyễn Văn An');
    const phone = current(page).getByPlaceholder('Ví dụ: 0912 345 678');
    await phone.fill('012345');
    await phone.fill('0123 456 789');
    if (
      !(await current(page).getByText('Số điện thoại không hợp lệ.', { exact: false }).isVisible())
    ) {
      return 'an invalid number is not flagged';
    }
    await phone.fill('0912 345 678');
    await next(page);
    const refused = await current(page).locator('.rp-notice--error').textContent();
    if (!refused?.includes('đồng ý')) return `no consent, yet not refused: "${refused}"`;
    await current(page).getByText('Tôi đồng ý để Trung tâm', { exact: false }).click();
    await shot(page, 'wizard-5-contact');
    await next(page);
    return undefined;
  });

  await attempt('step 6: the review shows everything before sending', async () => {
    await waitForStep(page, 'Xem lại và gửi');
    const review = (await current(page).locator('.review').textContent()) ?? '';
    for (const part of [
      'Giao thông',
      'Ghim trên bản đồ',
      'Phường Vị Thanh',
      DESCRIPTION,
      '0912345678',
    ]) {
      if (!review.includes(part)) return `review lacks "${part}"`;
    }
    await shot(page, 'wizard-6-review');
    return undefined;
  });

  await attempt('sending uploads the photo and returns a tracking code', async () => {
    const send = page.locator('.rp-footer').getByRole('button', { name: 'Gửi phản ánh' });
    await send.click();
    const codeEl = current(page).getByTestId('tracking-code');
    await codeEl.waitFor({ timeout: 60_000 });
    code = ((await codeEl.textContent()) ?? '').trim();
    if (!CODE_PATTERN.test(code)) return `code "${code}"`;
    const saved = await page.evaluate(() => localStorage.getItem('hgs.reports.mine') ?? '');
    if (!saved.includes(code) || !/"followToken":"[\w-]{20,}"/.test(saved)) {
      return 'code and follow token are not kept on the device';
    }
    await shot(page, 'receipt');
    return undefined;
  });

  await attempt(
    'the report is found by its tracking code, already "Đã chuyển xử lý", with its photo',
    async () => {
      if (!code) return 'no code';
      await current(page).getByRole('button', { name: 'Về trang phản ánh' }).click();
      const input = current(page).getByPlaceholder('Ví dụ: PA-7K3F9Q');
      await input.waitFor({ timeout: 15_000 });
      await input.fill(code.toLowerCase().replace('-', ' '));
      await current(page).getByRole('button', { name: 'Tra cứu' }).click();
      await current(page).getByTestId('detail-code').waitFor({ timeout: 20_000 });
      const shown = await current(page).getByTestId('detail-code').textContent();
      if (shown !== code) return `detail shows ${shown}`;
      // A clear pothole report: the smart intake sent it to the Department of Construction
      // on arrival (wrangler.toml: INTAKE_AUTO_ROUTE=on).
      const status = (await current(page).locator('.detail-head .status').textContent()) ?? '';
      if (status !== 'Đã chuyển xử lý') return `status "${status}"`;
      const routed = current(page).getByText('tự động chuyển đến Sở Xây dựng', { exact: false });
      if (!(await routed.first().isVisible())) return 'the timeline does not say where it went';
      const photo = current(page).locator('.detail-media img').first();
      await photo.waitFor({ timeout: 15_000 });
      const loaded = await photo.evaluate(async (img) => {
        const el = img as HTMLImageElement;
        if (!el.complete) await new Promise((r) => el.addEventListener('load', r, { once: true }));
        return el.naturalWidth;
      });
      if (!loaded) return 'the photo does not load';
      if (!(await current(page).getByText('Bạn đã gửi phản ánh này').isVisible())) {
        return 'the follow token is not recognised';
      }
      const body = (await current(page).locator('.rp-main').textContent()) ?? '';
      if (body.includes('0912345678') || body.includes('Nguyễn Văn An'))
        return 'contact details shown';
      await shot(page, 'detail');
      return undefined;
    },
  );

  await attempt('"Phản ánh của tôi" lists it', async () => {
    await page.goto(`${base}field-reports/mine`, { waitUntil: 'domcontentloaded' });
    await current(page).locator(`[data-code="${code}"]`).waitFor({ timeout: 20_000 });
    await shot(page, 'mine');
    return undefined;
  });

  await attempt('the public feed finds it by text without diacritics', async () => {
    await page.goto(`${base}field-reports/feed`, { waitUntil: 'domcontentloaded' });
    await current(page).locator(`[data-code="${code}"]`).waitFor({ timeout: 20_000 });
    await current(page).getByRole('searchbox').fill('o ga tran hung dao');
    await current(page).getByRole('button', { name: 'Tìm' }).click();
    await page.waitForURL(/q=o\+ga/, { timeout: 10_000 });
    await current(page).locator(`[data-code="${code}"]`).waitFor({ timeout: 20_000 });
    await shot(page, 'feed');
    await current(page).getByRole('searchbox').fill('khong co gi nhu vay');
    await current(page).getByRole('button', { name: 'Tìm' }).click();
    await current(page).getByText('Không có phản ánh nào phù hợp', { exact: false }).waitFor({
      timeout: 20_000,
    });
    return undefined;
  });

  await attempt(
    'the feed map shows the report as a marker and neighbours as a cluster',
    async () => {
      const wide = await sideways(page);
      if (wide) return `feed: ${wide}`;
      await seedNeighbours(apiUrl, 8);
      await page.goto(`${base}field-reports/feed?view=map`, { waitUntil: 'domcontentloaded' });
      await current(page).locator('.leaflet-container').waitFor({ timeout: 30_000 });
      await current(page).locator('.feed-dot').first().waitFor({ timeout: 20_000 });
      const cluster = current(page).locator('.marker-cluster').first();
      await cluster.waitFor({ timeout: 20_000 });
      const size = (await cluster.textContent())?.trim();
      if (size !== '8') return `cluster of "${size}"`;
      await shot(page, 'feed-map');
      // Bring the dot to the middle of the screen first: the filters push the map low, and
      // a tap on a marker at the very bottom edge makes the page scroll under the finger.
      const dot = current(page).locator(`.feed-dot[title="${code}"]`);
      await dot.evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await settle(page);
      await dot.tap();
      await current(page)
        .locator('.feed-map__selected', { hasText: code ?? '' })
        .waitFor({
          timeout: 10_000,
        });
      return undefined;
    },
  );

  return code;
}

/**
 * Stands in for the officials' workflow (a later issue): assigns the report to the
 * Department of Construction and resolves it, as their screens will, in one transaction.
 */
async function resolveAsOfficial(dbUrl: string, code: string): Promise<void> {
  const db = createClient({ url: dbUrl });
  try {
    const now = new Date().toISOString();
    const found = await db.execute({ sql: 'SELECT id FROM reports WHERE code = ?', args: [code] });
    const id = found.rows[0]?.id;
    if (id === undefined || id === null) throw new Error(`report ${code} not in the database`);
    await db.batch(
      [
        {
          sql: `UPDATE reports SET status = 'resolved', agency_id = 'so_xay_dung', resolved_at = ?, updated_at = ? WHERE id = ?`,
          args: [now, now, id],
        },
        {
          sql: `INSERT INTO report_events (report_id, type, from_status, to_status, is_public, public_message, actor_kind, agency_id, created_at)
                VALUES (?, 'assigned', 'received', 'assigned', 1, NULL, 'official', 'so_xay_dung', ?)`,
          args: [id, now],
        },
        {
          sql: `INSERT INTO report_events (report_id, type, from_status, to_status, is_public, public_message, actor_kind, agency_id, created_at)
                VALUES (?, 'resolved', 'assigned', 'resolved', 1, ?, 'official', 'so_xay_dung', ?)`,
          args: [id, 'Đã vá ổ gà bằng bê tông nhựa, thông xe bình thường.', now],
        },
      ],
      'write',
    );
  } finally {
    db.close();
  }
}

async function followUpScenario(
  page: Page,
  base: string,
  dbUrl: string,
  code: string,
): Promise<void> {
  await attempt(
    'once resolved, the reporter rates it "Không hài lòng" with a comment',
    async () => {
      await resolveAsOfficial(dbUrl, code);
      await page.goto(`${base}field-reports/r/${code}`, { waitUntil: 'domcontentloaded' });
      const form = current(page).locator('.rate');
      await form.waitFor({ timeout: 20_000 });
      const status = (await current(page).locator('.detail-head .status').textContent()) ?? '';
      if (status !== 'Đã xử lý') return `status "${status}"`;
      const facts = (await current(page).locator('.detail-facts').textContent()) ?? '';
      if (!facts.includes('Sở Xây dựng')) return `agency not shown: "${facts}"`;
      if (
        !(await current(page)
          .getByText('Đã vá ổ gà bằng bê tông nhựa', { exact: false })
          .isVisible())
      ) {
        return "the agency's answer is not on the timeline";
      }
      await form.getByRole('radio', { name: 'Không hài lòng' }).click();
      await form.locator('textarea').fill('Đã vá nhưng mặt đường vẫn còn lồi lõm.');
      await shot(page, 'rating');
      await form.getByRole('button', { name: 'Gửi đánh giá' }).click();
      await current(page).locator('.rating-chip--unsatisfied').waitFor({ timeout: 20_000 });
      return undefined;
    },
  );

  await attempt('not satisfied, the reporter reopens it within 7 days: "Đang xử lý"', async () => {
    const reopen = current(page).getByRole('button', { name: 'Yêu cầu xử lý lại' });
    await reopen.waitFor({ timeout: 10_000 });
    await current(page)
      .getByPlaceholder('Ví dụ: ổ gà đã bị bể lại sau cơn mưa')
      .fill('Mặt đường vẫn lồi lõm, xe máy dễ té.');
    await reopen.click();
    await current(page)
      .locator('.detail-head .status', { hasText: 'Đang xử lý' })
      .waitFor({ timeout: 20_000 });
    await shot(page, 'reopened');
    return undefined;
  });
}

/** A neighbour seeded by seedNeighbours, moved back `days` days, as if sent back then. */
async function ageNeighbour(dbUrl: string, index: number, days: number) {
  const db = createClient({ url: dbUrl });
  try {
    const description = `Rác thải tồn đọng ven kênh, điểm số ${index + 1}, bốc mùi hôi.`;
    const found = await db.execute({
      sql: 'SELECT id, code FROM reports WHERE description = ?',
      args: [description],
    });
    const row = found.rows[0];
    if (!row || row.id === undefined || row.id === null) {
      throw new Error(`neighbour ${index + 1} not in the database`);
    }
    const at = new Date(Date.now() - days * 86_400_000);
    await db.execute({
      sql: 'UPDATE reports SET created_at = ?, updated_at = ? WHERE id = ?',
      args: [at.toISOString(), at.toISOString(), row.id],
    });
    // Its calendar day in Vietnam (UTC+7 all year).
    const day = new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
    return { code: String(row.code), day };
  } finally {
    db.close();
  }
}

const shiftDay = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function statsAndPeriodScenario(
  page: Page,
  base: string,
  dbUrl: string,
  code: string,
): Promise<void> {
  await attempt(
    'the hub opens "Thống kê phản ánh": province tiles and per-agency bars',
    async () => {
      await page.goto(`${base}field-reports`, { waitUntil: 'domcontentloaded' });
      await current(page)
        .getByRole('button', { name: /Thống kê phản ánh/ })
        .click();
      const received = current(page).getByTestId('stat-received');
      await received.waitFor({ timeout: 20_000 });
      const value = (await received.locator('.stats-tile__value').textContent()) ?? '';
      if (!(Number(value.replace(/\./g, '')) > 0)) return `"Đã tiếp nhận" reads "${value}"`;
      for (const tone of ['resolved', 'on-time', 'satisfaction']) {
        const text = (await current(page).getByTestId(`stat-${tone}`).textContent()) ?? '';
        if (!/\d|—/.test(text)) return `tile ${tone} reads "${text}"`;
      }
      const chip = current(page).getByRole('button', { name: '30 ngày', exact: true });
      if ((await chip.getAttribute('aria-pressed')) !== 'true') return '"30 ngày" is not chosen';
      const agencies = current(page).locator('.stats-agency');
      const count = await agencies.count();
      if (count < 1) return 'no agency row';
      const first = (await agencies.first().textContent()) ?? '';
      if (!first.includes('tiếp nhận')) return `agency row reads "${first}"`;
      const bars = await agencies.first().locator('.stats-bar').count();
      if (bars !== 3) return `${bars} bars in an agency row`;
      const blank =
        (await current(page).locator('.stats-tile__value', { hasText: '—' }).count()) > 0;
      if (
        blank &&
        !(await current(page).getByText('chưa đủ dữ liệu', { exact: false }).isVisible())
      ) {
        return '"—" is shown with no explanation';
      }
      const wide = await sideways(page);
      if (wide) return wide;
      await shot(page, 'stats');
      return undefined;
    },
  );

  await attempt('"7 ngày" on the statistics is kept in the URL and sent as from/to', async () => {
    const request = page.waitForRequest(
      (r) => r.url().includes('/api/v1/stats?') && r.url().includes('from='),
      { timeout: 10_000 },
    );
    await current(page).getByRole('button', { name: '7 ngày', exact: true }).click();
    await page.waitForURL(/period=7d/, { timeout: 10_000 });
    const url = new URL((await request).url());
    const from = url.searchParams.get('from') ?? '';
    const to = url.searchParams.get('to') ?? '';
    if (shiftDay(from, 6) !== to) return `sent from=${from} to=${to}`;
    await current(page).getByTestId('stat-received').waitFor({ timeout: 20_000 });
    return undefined;
  });

  await attempt(
    'statistics: an empty period says so; an API error shows its message and "Thử lại"',
    async () => {
      await page.goto(`${base}field-reports/stats?period=custom&from=2001-01-01&to=2001-01-31`, {
        waitUntil: 'domcontentloaded',
      });
      await current(page)
        .getByText('Chưa có phản ánh nào được tiếp nhận trong khoảng thời gian này.')
        .waitFor({ timeout: 20_000 });
      const message = 'Máy chủ đang bận, vui lòng thử lại sau ít phút.';
      await page.route('**/api/v1/stats?**', (route) =>
        route.fulfill({
          status: 503,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'unavailable', message } }),
        }),
      );
      try {
        await current(page).getByRole('button', { name: 'Năm nay', exact: true }).click();
        await current(page).getByText(message).waitFor({ timeout: 20_000 });
      } finally {
        await page.unroute('**/api/v1/stats?**');
      }
      await current(page).getByRole('button', { name: 'Thử lại' }).click();
      await current(page).getByTestId('stat-received').waitFor({ timeout: 20_000 });
      return undefined;
    },
  );

  await attempt('the feed filters by period: "30 ngày", "Chọn ngày", "Bỏ lọc"', async () => {
    const old = await ageNeighbour(dbUrl, 0, 60);
    const cards = current(page).locator('[data-testid="feed-list"] [data-code]');
    const oldCard = current(page).locator(`[data-code="${old.code}"]`);
    await page.goto(`${base}field-reports/feed?categoryId=moi_truong`, {
      waitUntil: 'domcontentloaded',
    });
    await oldCard.waitFor({ timeout: 20_000 });
    const all = await cards.count();

    await current(page).getByRole('button', { name: '30 ngày', exact: true }).click();
    await page.waitForURL(/period=30d/, { timeout: 10_000 });
    await oldCard.waitFor({ state: 'detached', timeout: 20_000 });
    await cards.first().waitFor({ timeout: 20_000 });
    const recent = await cards.count();
    if (recent !== all - 1) return `${all} reports in all, ${recent} in the last 30 days`;

    await current(page).getByRole('button', { name: 'Chọn ngày', exact: true }).click();
    await current(page).getByLabel('Từ ngày').fill(shiftDay(old.day, -1));
    await current(page).getByLabel('Đến ngày').fill(shiftDay(old.day, 1));
    await page.waitForURL(new RegExp(`period=custom.*to=${shiftDay(old.day, 1)}`), {
      timeout: 10_000,
    });
    await oldCard.waitFor({ timeout: 20_000 });
    await current(page).locator('.rp-end').waitFor({ timeout: 10_000 });
    const custom = await cards.count();
    if (custom !== 1) return `${custom} reports between ${old.day} ± 1 day`;
    const wide = await sideways(page);
    if (wide) return wide;
    await shot(page, 'feed-period');

    await current(page).getByRole('button', { name: 'Bỏ lọc' }).click();
    await page.waitForURL((url) => !url.search.includes('period'), { timeout: 10_000 });
    await current(page).locator(`[data-code="${code}"]`).waitFor({ timeout: 20_000 });
    const pressed = await current(page)
      .getByRole('button', { name: 'Tất cả', exact: true })
      .getAttribute('aria-pressed');
    return pressed === 'true' ? undefined : '"Tất cả" is not chosen after "Bỏ lọc"';
  });
}

async function meTooScenario(browser: Browser, base: string, code: string): Promise<void> {
  // Another citizen, on another phone.
  const context = await browser.newContext({ ...PHONE, viewport: { width: 360, height: 760 } });
  await keepLocal(context);
  try {
    const page = await context.newPage();
    await attempt(
      'at the same spot, another citizen is offered "Tôi cũng gặp vấn đề này" before sending, and follows it instead',
      async () => {
        await page.goto(`${base}field-reports/new`, { waitUntil: 'domcontentloaded' });
        await current(page).locator('[data-category="giao_thong"]').click({ timeout: 30_000 });
        await waitForStep(page, 'Ảnh hoặc video');
        await next(page);
        await waitForStep(page, 'Vị trí');
        await dropPinAtMapCentre(page);
        await next(page);
        await waitForStep(page, 'Nội dung');
        // The same pothole in other words, typed without diacritics.
        await current(page)
          .locator('textarea')
          .fill('duong Tran Hung Dao truoc cho co o ga rat to, chay xe may ban dem de te');
        await next(page);
        await waitForStep(page, 'Liên hệ');
        await next(page);
        await waitForStep(page, 'Xem lại và gửi');
        const similar = current(page).locator('.nearby');
        await similar.locator(`[data-code="${code}"]`).waitFor({ timeout: 20_000 });
        await similar.scrollIntoViewIfNeeded();
        await shot(page, 'similar-offered');
        await similar
          .locator(`[data-code="${code}"]`)
          .getByRole('button', { name: 'Tôi cũng gặp vấn đề này' })
          .click();
        const followed = current(page).getByTestId('followed');
        await followed.waitFor({ timeout: 15_000 });
        const text = (await followed.textContent()) ?? '';
        if (!text.includes('không cần gửi phản ánh mới') || !text.includes(code)) {
          return `the end of the form reads "${text}"`;
        }
        await shot(page, 'similar-followed');
        await current(page).getByRole('button', { name: 'Xem tiến độ xử lý' }).click();
        await current(page).getByTestId('detail-code').waitFor({ timeout: 20_000 });
        const supporters = (await current(page).locator('.detail-support').textContent()) ?? '';
        return supporters.includes('1 người cũng gặp') ? undefined : `detail reads "${supporters}"`;
      },
    );
  } finally {
    await context.close();
  }
}

async function offlineScenario(
  page: Page,
  context: BrowserContext,
  base: string,
  jpeg: Buffer,
): Promise<void> {
  await attempt('offline, a report is kept as a draft with its photo', async () => {
    await page.goto(`${base}field-reports`, { waitUntil: 'domcontentloaded' });
    await current(page).getByText('Gửi phản ánh mới').click();
    await current(page).locator('[data-category="moi_truong"]').click({ timeout: 20_000 });
    await waitForStep(page, 'Ảnh hoặc video');
    await attachPhoto(page, jpeg);
    await next(page);
    await waitForStep(page, 'Vị trí');
    // GPS this time (the browser's, set by the test to a street in Vị Thanh).
    await current(page).getByRole('button', { name: 'Dùng vị trí hiện tại của tôi' }).click();
    await current(page).getByTestId('location-chosen').waitFor({ timeout: 15_000 });
    await next(page);
    await waitForStep(page, 'Nội dung');
    await current(page).locator('textarea').fill(OFFLINE_DESCRIPTION);
    await next(page);
    await waitForStep(page, 'Liên hệ');
    await next(page);
    await waitForStep(page, 'Xem lại và gửi');

    await context.setOffline(true);
    await page.locator('.rp-footer').getByRole('button', { name: 'Gửi phản ánh' }).click();
    const notice = current(page).getByText('Đã lưu bản nháp, sẽ tự gửi khi có mạng', {
      exact: false,
    });
    await notice.waitFor({ timeout: 90_000 });
    if (!(await current(page).locator('.rp-offline').isVisible())) return 'no offline message';
    await shot(page, 'draft-saved');
    const stored = await page.evaluate(
      () =>
        new Promise<{ count: number; photoBytes: number }>((resolve, reject) => {
          const open = indexedDB.open('hgs-reports');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const all = open.result.transaction('drafts').objectStore('drafts').getAll();
            all.onsuccess = () => {
              const drafts = all.result as { media: { blob: Blob }[] }[];
              resolve({ count: drafts.length, photoBytes: drafts[0]?.media[0]?.blob.size ?? 0 });
            };
          };
        }),
    );
    if (stored.count !== 1 || stored.photoBytes === 0) {
      return `IndexedDB holds ${stored.count} drafts, photo ${stored.photoBytes} bytes`;
    }
    return undefined;
  });

  await attempt('the hub lists the waiting draft with "Gửi lại"', async () => {
    await current(page).getByRole('button', { name: 'Về trang phản ánh' }).click();
    await current(page).locator('.drafts').waitFor({ timeout: 10_000 });
    const text = (await current(page).locator('.drafts').textContent()) ?? '';
    if (!text.includes(OFFLINE_DESCRIPTION)) return `drafts card reads "${text}"`;
    await shot(page, 'drafts');
    return undefined;
  });

  await attempt('back online, the draft goes out by itself, once', async () => {
    await context.setOffline(false);
    await current(page).locator('.drafts').waitFor({ state: 'detached', timeout: 90_000 });
    await page.goto(`${base}field-reports/mine`, { waitUntil: 'domcontentloaded' });
    const cards = current(page).locator('.rp-card', { hasText: 'Cống thoát nước bị nghẹt' });
    await cards.first().waitFor({ timeout: 20_000 });
    const count = await cards.count();
    return count === 1 ? undefined : `${count} reports with that text`;
  });
}

export async function runReportScenario(
  browser: Browser,
  cleanups: Set<() => Promise<void> | void>,
): Promise<void> {
  const local = zaloStack('reports', cleanups, {
    dbPort: DB_PORT,
    apiPort: API_PORT,
    miniappPort: MINIAPP_PORT,
  });
  const context = await browser.newContext({
    ...PHONE,
    geolocation: { latitude: 9.7862, longitude: 105.4695, accuracy: 15 },
    permissions: ['geolocation', 'clipboard-read', 'clipboard-write'],
  });
  try {
    console.log('starting the local stack for the field-report test...');
    const stack = await local.start(E2E_ZALO_ACCESS_TOKEN);
    const base = `${stack.miniappUrl}/`;
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // No internet here: map tiles fail like on a phone out of coverage, and the map must
    // still take a pin. Count them, so a request to anywhere else would show up.
    const external: string[] = [];
    await keepLocal(context, external);

    const jpeg = await (async () => {
      await page.goto(base, { waitUntil: 'domcontentloaded' });
      return drawJpeg(page);
    })();

    const code = await onlineScenario(page, base, stack.apiUrl, jpeg);
    if (code) {
      await followUpScenario(page, base, stack.dbUrl, code);
      await meTooScenario(browser, base, code);
      await statsAndPeriodScenario(page, base, stack.dbUrl, code);
    }
    await offlineScenario(page, context, base, jpeg);
    await signInScenario(browser, page, base);

    const others = external.filter((url) => !url.startsWith('https://tile.openstreetmap.org/'));
    check('nothing but map tiles is fetched from outside', others.length === 0, others.join(', '));
    check(
      'no JavaScript errors in the report screens',
      pageErrors.length === 0,
      pageErrors.join(' | '),
    );
  } catch (error) {
    check('field-report test run', false, error instanceof Error ? error.message : String(error));
  } finally {
    await context.close().catch(() => undefined);
    await local.stop();
  }
}
