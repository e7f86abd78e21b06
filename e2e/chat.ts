/// <reference lib="dom" />
/**
 * The officials' work chat (issue 7) in Chromium against the real API: the local stack on
 * ports of its own with a throw-away data directory, chat master keys, no STUN/TURN servers
 * (`CHAT_ICE_SERVERS=[]`: the call connects over host candidates), the admin built by Vite, the
 * demo officials, and a fake Zalo Graph API for the mini app.
 *
 * Web admin, two officials in two browser contexts (IOC and Sở Xây dựng): a direct chat from
 * the directory; messages both ways with read receipts and the typing indicator; a reply; a
 * picture with its upload progress; a message deleted for everyone vanishing on the other
 * side; a dropped connection (context offline) with the "Đang kết nối lại…" banner, catch-up
 * of what was missed and the outbox sent once; an audio call that reaches 'connected' on both
 * sides. Then the mini app: the Sở Xây dựng official links the Zalo account, opens the same
 * conversation and answers from the phone; the IOC sees it live in the admin.
 *
 * The admin part runs in its own Chromium with a fake microphone and camera
 * (--use-fake-device-for-media-stream): launch flags, so the shared browser cannot get them.
 * Screenshots: e2e/screenshots/chat-*.png.
 *
 * Env: E2E_CHAT_DB_PORT (18380), E2E_CHAT_API_PORT (19087), E2E_CHAT_MINIAPP_PORT (3105).
 */
import { randomBytes } from 'node:crypto';
import { createClient } from '@libsql/client';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { buildAdmin } from '../scripts/build-admin';
import { DEMO_PASSWORD, seedDemoOfficials } from '../scripts/demo-officials';
import { signInToAdmin } from './admin-sign-in';
import {
  attempt,
  CHROMIUM,
  CHROMIUM_ARGS,
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

const DB_PORT = Number(process.env.E2E_CHAT_DB_PORT ?? 18380);
const API_PORT = Number(process.env.E2E_CHAT_API_PORT ?? 19087);
const MINIAPP_PORT = Number(process.env.E2E_CHAT_MINIAPP_PORT ?? 3105);

const LAPTOP = { width: 1366, height: 860 };
const IOC = { email: 'ioc@demo.gov.vn', id: 'demo-ioc', name: 'Nguyễn Thị Điều Phối' };
const XD = { email: 'xaydung@demo.gov.vn', id: 'demo-xaydung', name: 'Trần Văn Xây' };
/** The Sở Xây dựng official's own Zalo account on the fake Graph API (mini app sign-in). */
const XD_ZALO_TOKEN = `zalo-at:e2e-chat-xaydung:${encodeURIComponent('Trần Văn Xây')}`;

const HELLO =
  'Chào anh Xây, nước ngập đường Trần Hưng Đạo đoạn gần chợ, anh cho đội xuống xem giúp.';
const ANSWER = 'Đã nhận, 15 phút nữa đội thoát nước có mặt.';
const MISTAKE = 'Nhầm phòng, tin này sẽ bị xoá.';
const WHILE_OFF_1 = 'Anh ơi, nước đang lên nhanh ở hẻm 12.';
const WHILE_OFF_2 = 'Có cần thêm máy bơm không?';
const OUTBOX = 'Đang mất sóng, gửi lại khi có mạng: cần thêm 2 máy bơm.';
const FROM_PHONE = 'Trả lời từ điện thoại: đội đã tới hiện trường.';

async function shot(page: Page, name: string): Promise<void> {
  await settle(page);
  await page.screenshot({ path: `${SCREENSHOTS}chat-${name}.png` });
}

/** A real JPEG drawn in the page (a flooded street), about `kb` kilobytes. */
async function drawJpeg(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 1600;
    canvas.height = 1200;
    const g = canvas.getContext('2d');
    if (!g) throw new Error('no 2d context');
    g.fillStyle = '#a8cdf0';
    g.fillRect(0, 0, 1600, 500);
    g.fillStyle = '#4f6d7a';
    g.fillRect(0, 500, 1600, 700);
    g.fillStyle = '#7fa7b8';
    for (let y = 520; y < 1200; y += 24) {
      g.fillRect(0, y, 1600, 6);
    }
    for (let i = 0; i < 30000; i++) {
      g.fillStyle = `rgba(${(i * 37) % 255},${(i * 91) % 255},${(i * 53) % 255},0.25)`;
      g.fillRect((i * 7919) % 1600, (i * 104_729) % 1200, 3, 3);
    }
    return canvas.toDataURL('image/jpeg', 0.95);
  });
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}

const signIn = (page: Page, base: string, email: string) =>
  signInToAdmin(page, `${base}/admin/tro-chuyen`, email, '.chat__side-head');

const message = (page: Page, text: string) => page.locator('.msg', { hasText: text });

async function countText(page: Page, text: string): Promise<number> {
  return page.locator('.chat-messages .msg__text', { hasText: text }).count();
}

type Json = Record<string, unknown>;

async function apiJson(
  apiUrl: string,
  path: string,
  init: { token?: string; json?: unknown } = {},
): Promise<Json> {
  const response = await fetch(`${apiUrl}${path}`, {
    method: init.json === undefined ? 'GET' : 'POST',
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

async function adminScenario(a: Page, b: Page, base: string, dbUrl: string): Promise<string> {
  let roomId = '';

  await attempt('the chat page opens for both officials, with an empty list', async () => {
    await signIn(a, base, IOC.email);
    await signIn(b, base, XD.email);
    await a.locator('.chat-rooms__empty').waitFor({ timeout: 15_000 });
    await shot(a, 'admin-empty');
    return undefined;
  });

  await attempt(
    '"Trò chuyện mới" finds a colleague without accents and opens a direct room',
    async () => {
      await a.getByRole('button', { name: 'Trò chuyện mới' }).click();
      const dialog = a.getByRole('dialog', { name: 'Trò chuyện mới' });
      await dialog.getByLabel('Tìm cán bộ').fill('tran van xay');
      const person = dialog.locator(`[data-official-id="${XD.id}"]`);
      await person.waitFor({ timeout: 15_000 });
      const others = await dialog.locator('.chat-person').count();
      await shot(a, 'admin-new-chat');
      if (others !== 1) return `${others} officials match "tran van xay"`;
      await person.click();
      await a.waitForURL(/\/admin\/tro-chuyen\/[^/]+$/, { timeout: 15_000 });
      roomId = decodeURIComponent(a.url().split('/').at(-1) ?? '');
      await a.locator('.chat-head h2', { hasText: XD.name }).waitFor({ timeout: 15_000 });
      await a.locator('.chat-empty').waitFor({ timeout: 15_000 });
      return roomId ? undefined : 'no room id in the address';
    },
  );

  await attempt('a message goes out, is stored and shows on the right', async () => {
    const box = a.getByLabel('Tin nhắn', { exact: true });
    await box.fill(HELLO);
    await box.press('Enter');
    const sent = message(a, HELLO);
    await sent.waitFor({ timeout: 15_000 });
    await a.locator(`.msg.msg--mine[data-seq]`, { hasText: HELLO }).waitFor({ timeout: 15_000 });
    const tick = await sent.locator('[data-tick]').getAttribute('data-tick');
    return tick === 'sent' || tick === 'delivered' ? undefined : `tick ${tick}`;
  });

  await attempt(
    'the other official sees the room in the list: last message and unread badge',
    async () => {
      await b.reload({ waitUntil: 'domcontentloaded' });
      const item = b.locator(`.chat-room[data-room-id="${roomId}"]`);
      await item.waitFor({ timeout: 20_000 });
      const text = (await item.textContent()) ?? '';
      if (!text.includes(IOC.name)) return `list line reads "${text}"`;
      if (!text.includes(HELLO.slice(0, 20))) return `no last message in "${text}"`;
      const unread = (await item.locator('.chat-room__unread').textContent()) ?? '';
      await shot(b, 'admin-list-unread');
      return unread.startsWith('1') ? undefined : `unread badge "${unread}"`;
    },
  );

  await attempt(
    'opening it reads it: the sender sees the double blue tick ("Đã xem")',
    async () => {
      await b.locator(`.chat-room[data-room-id="${roomId}"]`).click();
      await message(b, HELLO).waitFor({ timeout: 15_000 });
      await message(a, HELLO).locator('[data-tick="read"]').waitFor({ timeout: 15_000 });
      return undefined;
    },
  );

  await attempt('typing shows "… đang nhập…" on the other side, and goes when sent', async () => {
    const box = b.getByLabel('Tin nhắn', { exact: true });
    await box.pressSequentially('Đã nhận', { delay: 40 });
    const typing = a.locator('.chat-typing');
    await typing.waitFor({ timeout: 10_000 });
    const text = (await typing.textContent()) ?? '';
    await shot(a, 'admin-typing');
    if (!text.includes(XD.name) || !text.includes('đang nhập')) return `indicator "${text}"`;
    await box.fill(ANSWER);
    await box.press('Enter');
    await message(a, ANSWER).waitFor({ timeout: 15_000 });
    await typing.waitFor({ state: 'hidden', timeout: 10_000 });
    return undefined;
  });

  await attempt('a reply quotes the message it answers', async () => {
    const target = message(b, HELLO);
    await target.hover();
    await target.getByRole('button', { name: 'Trả lời' }).click();
    await b.locator('.chat-compose__reply').waitFor();
    const box = b.getByLabel('Tin nhắn', { exact: true });
    await box.fill('Đoạn gần chợ phải không chị?');
    await box.press('Enter');
    const reply = message(a, 'Đoạn gần chợ phải không chị?');
    await reply.waitFor({ timeout: 15_000 });
    const quote = (await reply.locator('.msg__quote').textContent()) ?? '';
    return quote.includes(HELLO.slice(0, 30)) ? undefined : `quote reads "${quote}"`;
  });

  await attempt(
    'a picture uploads with a progress bar and shows inline on both sides',
    async () => {
      const jpeg = await drawJpeg(a);
      // A slow uplink (about 3 s for the picture), so the bar is seen between 0 and 100 %.
      const cdp = await a.context().newCDPSession(a);
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 50,
        downloadThroughput: -1,
        uploadThroughput: Math.round(jpeg.length / 3),
      });
      try {
        await a.getByTestId('attach-input').setInputFiles({
          name: 'ngap-tran-hung-dao.jpg',
          mimeType: 'image/jpeg',
          buffer: jpeg,
        });
        const bar = a.locator('.msg--uploading [role="progressbar"]');
        await bar.waitFor({ timeout: 10_000 });
        await a.waitForFunction(
          () => {
            const el = document.querySelector('.msg--uploading [role="progressbar"]');
            const v = Number(el?.getAttribute('aria-valuenow'));
            return v > 0 && v < 100;
          },
          undefined,
          { timeout: 10_000 },
        );
        await shot(a, 'admin-upload-progress');
      } finally {
        await cdp.send('Network.emulateNetworkConditions', {
          offline: false,
          latency: 0,
          downloadThroughput: -1,
          uploadThroughput: -1,
        });
      }
      const mine = a.locator('.msg[data-kind="image"] img');
      const theirs = b.locator('.msg[data-kind="image"] img');
      await theirs.waitFor({ timeout: 30_000 });
      await b.waitForFunction(
        () => {
          const img = document.querySelector(
            '.msg[data-kind="image"] img',
          ) as HTMLImageElement | null;
          return !!img && img.complete && img.naturalWidth > 0;
        },
        undefined,
        { timeout: 20_000 },
      );
      const width = await theirs.evaluate((img) => (img as HTMLImageElement).naturalWidth);
      await mine.waitFor({ timeout: 15_000 });
      await shot(b, 'admin-picture');
      return width === 1600 ? undefined : `the picture arrives ${width}px wide`;
    },
  );

  await attempt(
    'a message deleted for everyone vanishes on both sides, with no trace',
    async () => {
      const box = a.getByLabel('Tin nhắn', { exact: true });
      await box.fill(MISTAKE);
      await box.press('Enter');
      await message(b, MISTAKE).waitFor({ timeout: 15_000 });
      const mine = a.locator('.msg.msg--mine[data-seq]', { hasText: MISTAKE });
      await mine.waitFor({ timeout: 15_000 });
      await mine.hover();
      await mine.getByRole('button', { name: 'Xoá tin nhắn' }).click();
      const confirm = a.getByRole('alertdialog', { name: 'Xoá tin nhắn' });
      await confirm.waitFor();
      await shot(a, 'admin-delete-confirm');
      await confirm.getByRole('button', { name: 'Xoá', exact: true }).click();
      await message(a, MISTAKE).waitFor({ state: 'detached', timeout: 15_000 });
      await message(b, MISTAKE).waitFor({ state: 'detached', timeout: 15_000 });
      for (const page of [a, b]) {
        const body = (await page.locator('.chat-messages').textContent()) ?? '';
        if (/đã bị xo[aá]/i.test(body)) return 'a "deleted" placeholder is shown';
      }
      // Gone from the server too: a fresh load of the history does not bring it back.
      await b.reload({ waitUntil: 'domcontentloaded' });
      await message(b, ANSWER).waitFor({ timeout: 20_000 });
      return (await countText(b, MISTAKE)) === 0 ? undefined : 'back after a reload';
    },
  );

  await attempt(
    'a dropped connection shows "Đang kết nối lại…", then catches up and sends the outbox once',
    async () => {
      await b.context().setOffline(true);
      const banner = b.getByTestId('connection-banner');
      await banner.waitFor({ timeout: 15_000 });
      const text = (await banner.textContent()) ?? '';
      if (!text.includes('Đang kết nối lại…')) return `banner reads "${text}"`;
      // Written while offline: waits in the outbox.
      const box = b.getByLabel('Tin nhắn', { exact: true });
      await box.fill(OUTBOX);
      await box.press('Enter');
      await b.locator('.msg--pending[data-status="queued"]', { hasText: OUTBOX }).waitFor();
      // Meanwhile the IOC writes twice.
      for (const text of [WHILE_OFF_1, WHILE_OFF_2]) {
        const boxA = a.getByLabel('Tin nhắn', { exact: true });
        await boxA.fill(text);
        await boxA.press('Enter');
        await a.locator('.msg.msg--mine[data-seq]', { hasText: text }).waitFor({ timeout: 15_000 });
      }
      await shot(b, 'admin-offline');
      if ((await countText(b, WHILE_OFF_1)) !== 0) return 'received while offline?';

      await b.context().setOffline(false);
      await banner.waitFor({ state: 'hidden', timeout: 45_000 });
      await message(b, WHILE_OFF_1).waitFor({ timeout: 20_000 });
      await message(b, WHILE_OFF_2).waitFor({ timeout: 20_000 });
      await message(a, OUTBOX).waitFor({ timeout: 20_000 });
      await b.locator('.msg--pending').waitFor({ state: 'detached', timeout: 20_000 });
      await shot(b, 'admin-reconnected');
      const counts = [await countText(a, OUTBOX), await countText(b, OUTBOX)];
      if (counts.some((n) => n !== 1)) return `the outbox message shows ${counts.join('/')} times`;
      // And it is stored once: a fresh history shows it once.
      await a.reload({ waitUntil: 'domcontentloaded' });
      await message(a, OUTBOX).waitFor({ timeout: 20_000 });
      const stored = await countText(a, OUTBOX);
      return stored === 1 ? undefined : `stored ${stored} times`;
    },
  );

  await attempt('an audio call reaches "connected" on both sides over loopback', async () => {
    await a.getByRole('button', { name: 'Gọi thoại' }).click();
    const incoming = b.getByTestId('incoming-call');
    await incoming.waitFor({ timeout: 15_000 });
    const text = (await incoming.textContent()) ?? '';
    if (!text.includes(IOC.name) || !text.includes('gọi thoại')) return `banner reads "${text}"`;
    await shot(b, 'admin-incoming-call');
    await incoming.getByRole('button', { name: 'Tham gia' }).click();
    await a
      .locator(`[data-testid="peer-tile"][data-peer="${XD.id}"][data-state="connected"]`)
      .waitFor({
        timeout: 30_000,
      });
    await b
      .locator(`[data-testid="peer-tile"][data-peer="${IOC.id}"][data-state="connected"]`)
      .waitFor({
        timeout: 30_000,
      });
    // Sound flows: the remote audio element has a live track.
    const live = await b.evaluate(() => {
      const audio = document.querySelector(
        '[data-testid="peer-tile"] audio',
      ) as HTMLAudioElement | null;
      const stream = audio?.srcObject as MediaStream | null;
      return stream?.getAudioTracks().some((t) => t.readyState === 'live') ?? false;
    });
    await shot(a, 'admin-call-a');
    await shot(b, 'admin-call-b');
    if (!live) return 'no live audio track from the caller';
    await a.getByRole('button', { name: 'Kết thúc' }).click();
    await b.getByText('Đang chờ người khác tham gia…').waitFor({ timeout: 15_000 });
    await b.getByRole('button', { name: 'Kết thúc' }).click();
    const ended = a.locator('.chat-callbar--ended');
    await ended.waitFor({ timeout: 15_000 });
    await b.locator('.chat-callbar--ended').waitFor({ timeout: 15_000 });
    const summary = (await ended.textContent()) ?? '';
    return summary.includes('Cuộc gọi đã kết thúc') ? undefined : `summary "${summary}"`;
  });

  await attempt('only the call metadata is stored (who, when, how long)', async () => {
    const db = createClient({ url: dbUrl });
    try {
      // The row is written in the background when the call ends.
      for (let i = 0; i < 40; i++) {
        const rows = await db.execute({
          sql: 'select kind, started_by, participant_ids, duration_seconds from chat_calls where room_id = ?',
          args: [roomId],
        });
        const row = rows.rows[0];
        if (row) {
          const who = JSON.parse(String(row.participant_ids)) as string[];
          if (row.kind !== 'audio' || row.started_by !== IOC.id) return JSON.stringify(row);
          if (!who.includes(IOC.id) || !who.includes(XD.id)) return `participants ${who.join(',')}`;
          return typeof row.duration_seconds === 'number' ? undefined : 'no duration';
        }
        await new Promise((r) => setTimeout(r, 250));
      }
      return 'no chat_calls row';
    } finally {
      db.close();
    }
  });

  await attempt('the conversation pages back to the start after a reload', async () => {
    await a.reload({ waitUntil: 'domcontentloaded' });
    await message(a, OUTBOX).waitFor({ timeout: 20_000 });
    await a.locator('.chat-start').waitFor({ timeout: 10_000 });
    await shot(a, 'admin-room');
    if ((await countText(a, HELLO)) !== 1) return 'the first message is missing';
    // Receipts come with the connection: what the colleague read long ago shows as read.
    await message(a, HELLO).locator('[data-tick="read"]').waitFor({ timeout: 15_000 });
    return undefined;
  });

  return roomId;
}

const LEADER = { id: 'demo-lanhdao', name: 'Lê Văn Lãnh Đạo' };
const GROUP = 'Tổ ứng phó ngập Vị Thanh';
const MEETING = 'Họp nhanh lúc 15 giờ tại IOC.';

async function groupScenario(a: Page, b: Page, base: string): Promise<void> {
  let groupId = '';
  await attempt(
    'a group is created with a title and two colleagues; the owner writes',
    async () => {
      await a.getByRole('button', { name: 'Trò chuyện mới' }).click();
      const dialog = a.getByRole('dialog', { name: 'Trò chuyện mới' });
      await dialog.getByRole('tab', { name: 'Tạo nhóm' }).click();
      await dialog.getByLabel('Tên nhóm').fill(GROUP);
      for (const [query, id] of [
        ['xay dung', XD.id],
        ['lanh dao', LEADER.id],
      ] as const) {
        await dialog.getByLabel('Tìm cán bộ').fill(query);
        await dialog.locator(`[data-official-id="${id}"]`).click();
      }
      await shot(a, 'admin-new-group');
      await dialog.getByRole('button', { name: 'Tạo nhóm (3 người)' }).click();
      await a.locator('.chat-head h2', { hasText: GROUP }).waitFor({ timeout: 15_000 });
      groupId = decodeURIComponent(a.url().split('/').at(-1) ?? '');
      const box = a.getByLabel('Tin nhắn', { exact: true });
      await box.fill(MEETING);
      await box.press('Enter');
      await a
        .locator('.msg.msg--mine[data-seq]', { hasText: MEETING })
        .waitFor({ timeout: 15_000 });
      const subtitle = (await a.getByTestId('room-subtitle').textContent()) ?? '';
      return subtitle.startsWith('3 thành viên') ? undefined : `subtitle "${subtitle}"`;
    },
  );

  await attempt('the owner removes a member, who is cut off at once', async () => {
    await b.goto(`${base}/admin/tro-chuyen/${encodeURIComponent(groupId)}`, {
      waitUntil: 'domcontentloaded',
    });
    await message(b, MEETING).waitFor({ timeout: 20_000 });
    const name = (await message(b, MEETING).locator('.msg__name').textContent()) ?? '';
    if (!name.includes(IOC.name)) return `sender name "${name}" in a group`;
    await a.locator('button[title="Thành viên"]').click();
    const panel = a.getByRole('complementary', { name: 'Thành viên' });
    await panel.locator(`[data-member-id="${XD.id}"]`).waitFor();
    await shot(a, 'admin-members');
    await panel
      .locator(`[data-member-id="${XD.id}"]`)
      .getByRole('button', { name: 'Mời ra' })
      .click();
    await panel.getByRole('alertdialog').getByRole('button', { name: 'Mời ra' }).click();
    await b.locator('.chat-closed').waitFor({ timeout: 15_000 });
    await panel
      .locator(`[data-member-id="${XD.id}"]`)
      .waitFor({ state: 'detached', timeout: 15_000 });
    await shot(b, 'admin-removed');
    const composer = await b.getByLabel('Tin nhắn', { exact: true }).count();
    return composer === 0 ? undefined : 'the removed member can still write';
  });
}

async function miniappScenario(
  phone: Page,
  miniappUrl: string,
  apiUrl: string,
  roomId: string,
  ioc: Page,
): Promise<void> {
  const base = `${miniappUrl}/`;
  await attempt(
    'in the mini app, a Zalo user who is not a linked official gets the link flow',
    async () => {
      await phone.goto(`${base}official-chat`, { waitUntil: 'domcontentloaded' });
      await current(phone)
        .getByText('chỉ dành cho cán bộ', { exact: false })
        .waitFor({ timeout: 30_000 });
      await current(phone).getByTestId('link-code').waitFor({ timeout: 15_000 });
      await screenshotWholePage(phone, `${SCREENSHOTS}chat-miniapp-gate.png`);
      return sideways(phone);
    },
  );

  await attempt('linking the account with the admin code opens the conversations', async () => {
    await current(phone)
      .getByTestId('signin-card')
      .getByRole('button', { name: 'Đăng nhập bằng Zalo' })
      .click();
    await current(phone).getByTestId('signin-name').waitFor({ timeout: 20_000 });
    const login = await apiJson(apiUrl, '/api/v1/officials/auth/login', {
      json: { email: XD.email, password: DEMO_PASSWORD, client: 'app' },
    });
    const issued = await apiJson(apiUrl, '/api/v1/officials/auth/zalo-link-code', {
      json: {},
      token: String(login.token),
    });
    await current(phone).getByTestId('link-code').fill(String(issued.code));
    await current(phone).getByRole('button', { name: 'Liên kết tài khoản' }).click();
    const item = current(phone).locator(`[data-room-id="${roomId}"]`);
    await item.waitFor({ timeout: 30_000 });
    const text = (await item.textContent()) ?? '';
    await screenshotWholePage(phone, `${SCREENSHOTS}chat-miniapp-list.png`);
    if (!text.includes(IOC.name)) return `list line reads "${text}"`;
    return sideways(phone);
  });

  await attempt('the phone shows the same conversation, the picture included', async () => {
    await current(phone).locator(`[data-room-id="${roomId}"]`).click();
    await current(phone).locator('.oc-msg', { hasText: OUTBOX }).waitFor({ timeout: 30_000 });
    // Live: the socket is open (through the dev server's proxy), so the colleague shows online.
    await current(phone)
      .locator('.oc-header__subtitle', { hasText: 'Đang trực tuyến' })
      .waitFor({ timeout: 20_000 });
    await phone.waitForFunction(
      () => {
        const img = document.querySelector(
          '.oc-msg[data-kind="image"] img',
        ) as HTMLImageElement | null;
        return !!img && img.complete && img.naturalWidth > 0;
      },
      undefined,
      { timeout: 30_000 },
    );
    await settle(phone);
    await phone.screenshot({ path: `${SCREENSHOTS}chat-miniapp-room.png` });
    return sideways(phone);
  });

  await attempt('the phone shows "Đang kết nối lại…" without network, and comes back', async () => {
    await phone.context().setOffline(true);
    const banner = current(phone).getByTestId('connection-banner');
    await banner.waitFor({ timeout: 15_000 });
    const text = (await banner.textContent()) ?? '';
    await settle(phone);
    await phone.screenshot({ path: `${SCREENSHOTS}chat-miniapp-offline.png` });
    await phone.context().setOffline(false);
    await banner.waitFor({ state: 'hidden', timeout: 45_000 });
    return text.includes('Đang kết nối lại…') ? undefined : `banner reads "${text}"`;
  });

  await attempt('an answer from the phone arrives live in the web admin', async () => {
    const box = current(phone).getByLabel('Tin nhắn', { exact: true });
    await box.fill(FROM_PHONE);
    await current(phone).getByRole('button', { name: 'Gửi', exact: true }).click();
    const stored = current(phone).locator('.oc-msg.oc-msg--mine[data-seq]', {
      hasText: FROM_PHONE,
    });
    try {
      await stored.waitFor({ timeout: 20_000 });
    } catch {
      const pending = await current(phone).locator('.oc-msg--pending').getAttribute('data-status');
      const banner = await current(phone)
        .locator('.oc-banner')
        .textContent()
        .catch(() => null);
      return `not stored: outbox ${pending}, banner "${banner}"`;
    }
    await message(ioc, FROM_PHONE).waitFor({ timeout: 20_000 });
    // Read on the admin (on screen) → the phone shows "Đã xem".
    await current(phone)
      .locator('.oc-msg', { hasText: FROM_PHONE })
      .locator('[data-tick="read"]')
      .waitFor({ timeout: 20_000 });
    await settle(phone);
    await phone.screenshot({ path: `${SCREENSHOTS}chat-miniapp-sent.png` });
    return undefined;
  });

  await attempt('the message sheet offers reply and delete for one’s own message', async () => {
    const mine = current(phone).locator('.oc-msg.oc-msg--mine[data-seq]', { hasText: FROM_PHONE });
    await mine.getByRole('button', { name: 'Tác vụ với tin nhắn' }).click();
    const sheet = phone.getByRole('dialog', { name: 'Tác vụ với tin nhắn' });
    await sheet.getByRole('button', { name: 'Xoá' }).click();
    await sheet.getByText('Xoá tin nhắn với mọi người?').waitFor();
    await settle(phone);
    await phone.screenshot({ path: `${SCREENSHOTS}chat-miniapp-delete.png` });
    await sheet.getByRole('button', { name: 'Xoá' }).click();
    await current(phone)
      .locator('.oc-msg', { hasText: FROM_PHONE })
      .waitFor({ state: 'detached', timeout: 15_000 });
    await message(ioc, FROM_PHONE).waitFor({ state: 'detached', timeout: 15_000 });
    return undefined;
  });
}

export async function runChatScenario(
  browser: Browser,
  cleanups: Set<() => Promise<void> | void>,
): Promise<void> {
  const local = zaloStack(
    'chat',
    cleanups,
    { dbPort: DB_PORT, apiPort: API_PORT, miniappPort: MINIAPP_PORT },
    {
      CHAT_MASTER_KEYS: `e2e-1:${randomBytes(32).toString('base64')}`,
      CHAT_ICE_SERVERS: '[]',
      // The mini app's page is its own origin (the dev server proxies /api): a browser's
      // WebSocket carries it, and the Worker accepts only its own and these (as in production,
      // where the mini app is served from Zalo's host).
      ALLOWED_ORIGINS: `http://localhost:${MINIAPP_PORT},https://h5.zdn.vn,zbrowser://h5.zdn.vn`,
    },
  );
  let media: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  const watch = async (context: BrowserContext) => {
    contexts.push(context);
    await keepLocal(context);
    context.on('page', (page) => {
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (m) => {
        const text = m.text();
        // Expected: the 401 of the session check before signing in, and what the offline
        // context cannot reach while it is offline.
        const expected =
          text.includes('status of 401 (Unauthorized)') ||
          text.includes('ERR_INTERNET_DISCONNECTED') ||
          text.includes('WebSocket connection to');
        if (m.type() === 'error' && !expected) errors.push(text);
      });
    });
    return context;
  };
  try {
    console.log('building the web admin and starting the local stack for the chat test...');
    await buildAdmin({ quiet: true });
    const stack = await local.start(XD_ZALO_TOKEN);
    const db = createClient({ url: stack.dbUrl });
    try {
      await seedDemoOfficials(db);
    } finally {
      db.close();
    }

    // A fake microphone and camera, allowed without a prompt: only as launch flags.
    media = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        ...CHROMIUM_ARGS,
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
      ],
    });
    const laptop = { viewport: LAPTOP, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' };
    const a = await (await watch(await media.newContext(laptop))).newPage();
    const b = await (await watch(await media.newContext(laptop))).newPage();
    const roomId = await adminScenario(a, b, stack.apiUrl, stack.dbUrl);
    await groupScenario(a, b, stack.apiUrl);
    // Back to the direct conversation for the mini app part.
    await a.goto(`${stack.apiUrl}/admin/tro-chuyen/${encodeURIComponent(roomId)}`, {
      waitUntil: 'domcontentloaded',
    });
    await message(a, OUTBOX).waitFor({ timeout: 20_000 });

    if (roomId && stack.miniappUrl) {
      const phone = await (await watch(await browser.newContext(PHONE))).newPage();
      await miniappScenario(phone, stack.miniappUrl, stack.apiUrl, roomId, a);
    }
    check('no JavaScript errors in the chat screens', errors.length === 0, errors.join(' | '));
  } catch (error) {
    check('chat test run', false, error instanceof Error ? error.message : String(error));
  } finally {
    for (const context of contexts) await context.close().catch(() => undefined);
    await media?.close().catch(() => undefined);
    await local.stop();
  }
}
