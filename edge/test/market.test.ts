import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { CRON_JOBS, HOURLY } from '../src/cron';
import { marketExpiryJob } from '../src/market/jobs';
import { expireListings } from '../src/market/repo';
import { call, failure, ok, sendJson } from './helpers';
import { signedInCitizen, type TestCitizen } from './support/citizens';
import { withinOneClockWindow } from './support/clock-window';
import { containsBytes, phoneJpeg } from './support/images';
import { db, signedInOfficial } from './support/officials';

// The agricultural market against the real Worker and database: posting (validation, retries),
// search without diacritics, filters and OCOP first, expiry by the cron job and renewal,
// owner-only actions, photos, abuse reports once per reporter, moderators' hide/restore/dismiss
// (audited, owner notified), who may moderate, and the posting rate limit.

const PUBLIC = '/api/v1/market';
const MINE = '/api/v1/market/mine';
const WORK = '/api/v1/work/market';

type H = Record<string, string>;
const key = () => `k${crypto.randomUUID().replace(/-/g, '').slice(0, 12)}`;
/** A made-up word only this run's rows contain: searches see them alone. */
const word = () => `zq${crypto.randomUUID().replace(/-/g, '').slice(0, 8)}`;

const send = sendJson;

const listingInput = (over: Record<string, unknown> = {}) => ({
  requestKey: key(),
  kind: 'sell',
  productGroup: 'fruit',
  product: 'Bưởi Năm Roi',
  description: 'Bưởi Năm Roi da xanh, ngọt, không hạt; giao tận nơi trong huyện.',
  quantity: 2,
  unit: 'tấn',
  priceVnd: 25_000,
  communeId: 'chau-thanh',
  address: 'Ấp Phú Xuân',
  ocopStars: null,
  contactName: 'Nguyễn Văn Ba',
  contactPhone: '0912 345 678',
  zaloChat: true,
  ...over,
});

interface Listing {
  id: string;
  status: string;
  expiresAt: string;
  renewedAt: string | null;
  moderationNote: string | null;
  ocopStars: number | null;
  contactPhone: string;
  zaloUserId: string | null;
  photos: { id: string; url: string }[];
}

async function post(citizen: TestCitizen, over: Record<string, unknown> = {}) {
  return ok<Listing>(
    await send('POST', `${MINE}/listings`, citizen.headers, listingInput(over)),
    201,
  );
}

const search = async (query: string) =>
  (
    await ok<{ items: { id: string; ocopStars: number | null }[]; nextCursor: string | null }>(
      await call(`${PUBLIC}/listings?${query}`),
    )
  ).items.map((i) => i.id);

describe('posting', () => {
  it('needs a Zalo sign-in before anything is validated', async () => {
    const e = await failure(await send('POST', `${MINE}/listings`, {}, {}), 401);
    expect(e.code).toBe('session_required');
  });

  it('validates every field with Vietnamese messages and writes nothing on a mistake', async () => {
    const citizen = await signedInCitizen();
    const bad = await failure(
      await send('POST', `${MINE}/listings`, citizen.headers, {
        ...listingInput(),
        product: '',
        quantity: -1,
        contactPhone: '12345',
        ocopStars: 2,
        kind: 'rent',
      }),
      400,
    );
    expect(bad.code).toBe('validation_failed');
    const text = JSON.stringify(bad);
    expect(text).toContain('Số lượng phải lớn hơn 0.');
    expect(text).toContain('Số điện thoại không hợp lệ');
    expect(text).toContain('Hạng OCOP là 3, 4 hoặc 5 sao');
    expect(text).toContain('Cần bán');
    const commune = await failure(
      await send(
        'POST',
        `${MINE}/listings`,
        citizen.headers,
        listingInput({ communeId: 'nowhere' }),
      ),
      400,
    );
    expect(commune.code).toBe('unknown_commune');
    const malformed = await call(`${MINE}/listings`, {
      method: 'POST',
      headers: { ...citizen.headers, 'Content-Type': 'application/json' },
      body: '{"kind":',
    });
    expect(malformed.status).toBe(400);
    const mine = await ok<{ items: unknown[] }>(
      await call(`${MINE}/listings`, { headers: citizen.headers }),
    );
    expect(mine.items).toEqual([]);
  });

  it('a retried post (same requestKey) makes one listing; another account cannot reuse the key', async () => {
    const citizen = await signedInCitizen();
    const input = listingInput({ product: `Xoài cát ${word()}` });
    const first = await ok<Listing>(
      await send('POST', `${MINE}/listings`, citizen.headers, input),
      201,
    );
    const again = await ok<Listing>(
      await send('POST', `${MINE}/listings`, citizen.headers, input),
      200,
    );
    expect(again.id).toBe(first.id);
    const [{ n }] = (await db().all<{ n: number }>(
      sql`select count(*) as n from market_listings where request_key = ${input.requestKey}`,
    )) as [{ n: number }];
    expect(Number(n)).toBe(1);
    const other = await signedInCitizen();
    expect(
      (await failure(await send('POST', `${MINE}/listings`, other.headers, input), 409)).code,
    ).toBe('request_key_used');
    // Stored as typed, phone normalised; the owner's Zalo id lets buyers open a chat.
    expect(first).toMatchObject({
      status: 'active',
      contactPhone: '0912345678',
      zaloUserId: citizen.zaloId,
    });
    const noChat = await post(citizen, { zaloChat: false });
    expect(noChat.zaloUserId).toBeNull();
  });

  it('expires after MARKET_LISTING_DAYS (30 by default)', async () => {
    const citizen = await signedInCitizen();
    const before = Date.now();
    const l = await post(citizen);
    const days = (Date.parse(l.expiresAt) - before) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(29.99);
    expect(days).toBeLessThan(30.01);
  });
});

describe('finding listings', () => {
  it('finds a listing without diacritics, and not hidden words of other listings', async () => {
    const citizen = await signedInCitizen();
    const w = word();
    const l = await post(citizen, { product: `Khóm Cầu Đúc ${w}` });
    expect(await search(`q=${encodeURIComponent(`khom cau duc ${w}`)}`)).toEqual([l.id]);
    expect(await search(`q=${encodeURIComponent(`Khóm Cầu Đúc ${w}`)}`)).toEqual([l.id]);
    expect(await search(`q=${encodeURIComponent(`sau rieng ${w}`)}`)).toEqual([]);
  });

  it('filters by kind, group, commune and OCOP, OCOP products first (more stars first)', async () => {
    const citizen = await signedInCitizen();
    const w = word();
    const plain = await post(citizen, { product: `Gạo ST25 ${w}`, productGroup: 'rice' });
    const three = await post(citizen, { product: `Mật ong ${w}`, ocopStars: 3 });
    const five = await post(citizen, { product: `Khô cá ${w}`, ocopStars: 5 });
    const buy = await post(citizen, {
      product: `Cần mua lúa ${w}`,
      kind: 'buy',
      productGroup: 'rice',
      communeId: 'vi-thanh',
    });
    const q = `q=${w}`;
    expect(await search(q)).toEqual([five.id, three.id, buy.id, plain.id]);
    expect(await search(`${q}&ocop=true`)).toEqual([five.id, three.id]);
    expect(await search(`${q}&kind=buy`)).toEqual([buy.id]);
    expect(await search(`${q}&group=rice&kind=sell`)).toEqual([plain.id]);
    expect(await search(`${q}&commune=vi-thanh`)).toEqual([buy.id]);
    const p1 = await ok<{ items: { id: string }[]; nextCursor: string | null }>(
      await call(`${PUBLIC}/listings?${q}&limit=3`),
    );
    expect(p1.items.map((i) => i.id)).toEqual([five.id, three.id, buy.id]);
    const p2 = await ok<{ items: { id: string }[]; nextCursor: string | null }>(
      await call(`${PUBLIC}/listings?${q}&limit=3&cursor=${p1.nextCursor}`),
    );
    expect(p2).toEqual({ items: [expect.objectContaining({ id: plain.id })], nextCursor: null });
    expect((await failure(await call(`${PUBLIC}/listings?kind=rent`), 400)).code).toBe(
      'validation_failed',
    );
    expect((await failure(await call(`${PUBLIC}/listings?cursor=abc`), 400)).code).toBe(
      'validation_failed',
    );
  });
});

describe('owner: expiry, renewal, closing', () => {
  it('the cron job expires listings; the owner renews; others cannot', async () => {
    const owner = await signedInCitizen();
    const other = await signedInCitizen();
    const w = word();
    const l = await post(owner, { product: `Dưa hấu ${w}` });
    expect(CRON_JOBS[HOURLY]).toContain(marketExpiryJob);
    // The clock moves past the expiry: the job marks it and the public no longer sees it.
    const later = new Date(Date.parse(l.expiresAt) + 1000);
    expect(await expireListings(db(), later)).toBeGreaterThanOrEqual(1);
    expect(await search(`q=${w}`)).toEqual([]);
    expect((await failure(await call(`${PUBLIC}/listings/${l.id}`), 404)).code).toBe(
      'listing_not_found',
    );
    const mine = await ok<{ items: Listing[] }>(
      await call(`${MINE}/listings`, { headers: owner.headers }),
    );
    expect(mine.items.find((i) => i.id === l.id)?.status).toBe('expired');
    // Somebody else's listing answers as if it did not exist.
    for (const action of ['renew', 'close']) {
      expect(
        (
          await failure(
            await send('POST', `${MINE}/listings/${l.id}/${action}`, other.headers),
            404,
          )
        ).code,
      ).toBe('listing_not_found');
    }
    const renewed = await ok<Listing>(
      await send('POST', `${MINE}/listings/${l.id}/renew`, owner.headers),
    );
    expect(renewed.status).toBe('active');
    expect(renewed.renewedAt).not.toBeNull();
    expect(Date.parse(renewed.expiresAt)).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect(await search(`q=${w}`)).toEqual([l.id]);
    const closed = await ok<Listing>(
      await send('POST', `${MINE}/listings/${l.id}/close`, owner.headers),
    );
    expect(closed.status).toBe('closed');
    expect(await search(`q=${w}`)).toEqual([]);
    expect(
      (await failure(await send('POST', `${MINE}/listings/${l.id}/renew`, owner.headers), 409))
        .code,
    ).toBe('listing_closed');
  });

  it('photos: only the owner adds them, location data is stripped, served while public', async () => {
    const owner = await signedInCitizen();
    const other = await signedInCitizen();
    const l = await post(owner);
    const jpeg = phoneJpeg({ lat: 9.78, lng: 105.47 });
    const upload = (h: H, bytes: Uint8Array) =>
      call(`${MINE}/listings/${l.id}/photos`, {
        method: 'POST',
        headers: { ...h, 'Content-Type': 'image/jpeg' },
        body: bytes,
      });
    expect((await failure(await upload(other.headers, jpeg), 404)).code).toBe('listing_not_found');
    expect(
      (await failure(await upload(owner.headers, new TextEncoder().encode('not a photo')), 400))
        .code,
    ).toBe('photo_invalid');
    const withPhoto = await ok<Listing>(await upload(owner.headers, jpeg), 201);
    expect(withPhoto.photos).toHaveLength(1);
    const photo = withPhoto.photos[0];
    if (!photo) return;
    const res = await call(photo.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('image/jpeg');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(containsBytes(bytes, 'GPS')).toBe(false);
    const summary = await ok<{ items: { id: string; photo: { url: string } | null }[] }>(
      await call(`${PUBLIC}/listings?q=${encodeURIComponent('bưởi năm roi')}&limit=50`),
    );
    expect(summary.items.find((i) => i.id === l.id)?.photo?.url).toBe(photo.url);
  });
});

describe('abuse reports and moderation', () => {
  it('one report per reporter; moderators hide with a note (audited, owner notified) and restore', async () => {
    const owner = await signedInCitizen();
    const reporter = await signedInCitizen();
    const w = word();
    const l = await post(owner, { product: `Phân bón giá rẻ bất ngờ ${w}` });
    expect(
      (await failure(await send('POST', `${PUBLIC}/listings/${l.id}/reports`, {}, {}), 401)).code,
    ).toBe('session_required');
    expect(
      (
        await failure(
          await send('POST', `${PUBLIC}/listings/${l.id}/reports`, reporter.headers, {
            reason: 'fraud',
          }),
          400,
        )
      ).code,
    ).toBe('validation_failed');
    const report = await ok<{ id: string }>(
      await send('POST', `${PUBLIC}/listings/${l.id}/reports`, reporter.headers, {
        reason: 'scam',
        note: 'Đòi chuyển khoản trước',
      }),
      201,
    );
    const twice = await failure(
      await send('POST', `${PUBLIC}/listings/${l.id}/reports`, reporter.headers, {
        reason: 'spam',
      }),
      409,
    );
    expect(twice.code).toBe('already_reported');
    expect(twice.message).toContain('đã báo cáo');

    const mod = await signedInOfficial({ roles: ['market_moderator'] });
    const queue = await ok<{
      items: { id: string; listing: { id: string; openReports: number } }[];
    }>(await call(`${WORK}/reports?limit=50`, { headers: mod.headers }));
    const mine = queue.items.find((i) => i.id === report.id);
    expect(mine?.listing).toMatchObject({ id: l.id, openReports: 1 });

    expect(
      (await failure(await send('POST', `${WORK}/listings/${l.id}/hide`, mod.headers, {}), 400))
        .code,
    ).toBe('validation_failed');
    const note = 'Tin có dấu hiệu lừa đảo, yêu cầu chuyển tiền trước';
    const hidden = await ok<{ status: string; moderationNote: string; openReports: number }>(
      await send('POST', `${WORK}/listings/${l.id}/hide`, mod.headers, { note }),
    );
    expect(hidden).toMatchObject({ status: 'hidden', moderationNote: note, openReports: 0 });
    // Hiding twice changes nothing and is audited once.
    await ok(await send('POST', `${WORK}/listings/${l.id}/hide`, mod.headers, { note }));
    expect(await search(`q=${w}`)).toEqual([]);
    expect((await failure(await call(`${PUBLIC}/listings/${l.id}`), 404)).code).toBe(
      'listing_not_found',
    );
    const ownerView = await ok<{ items: Listing[] }>(
      await call(`${MINE}/listings`, { headers: owner.headers }),
    );
    expect(ownerView.items.find((i) => i.id === l.id)).toMatchObject({
      status: 'hidden',
      moderationNote: note,
    });
    expect(
      (await failure(await send('POST', `${MINE}/listings/${l.id}/renew`, owner.headers), 409))
        .code,
    ).toBe('listing_hidden');
    const notes = await db().all<{ kind: string; body: string; link: string }>(
      sql`select kind, body, link from notifications where recipient_type = 'user' and recipient_id = ${owner.userId}`,
    );
    expect(notes.map((n) => n.kind)).toEqual(['market.listing.hidden']);
    // A route of the mini app: "Tin của tôi", where the note and the listing are.
    expect(notes[0]?.link).toBe('/agri-market?tab=mine');
    expect(notes[0]?.body).toContain(note);
    const [upheld] = await db().all<{ status: string; reviewedBy: string }>(
      sql`select status, reviewed_by as reviewedBy from market_abuse_reports where id = ${report.id}`,
    );
    expect(upheld).toEqual({ status: 'upheld', reviewedBy: mod.official.id });

    const restored = await ok<{ status: string; moderationNote: string | null }>(
      await send('POST', `${WORK}/listings/${l.id}/restore`, mod.headers),
    );
    expect(restored).toMatchObject({ status: 'active', moderationNote: null });
    expect(await search(`q=${w}`)).toEqual([l.id]);

    const audit = await db().all<{ action: string; actorId: string; toValue: string }>(
      sql`select action, actor_id as actorId, to_value as toValue from audit_log
        where entity_type = 'market_listing' and entity_id = ${l.id} order by id`,
    );
    expect(audit).toEqual([
      { action: 'market_listing.hide', actorId: mod.official.id, toValue: 'hidden' },
      { action: 'market_listing.restore', actorId: mod.official.id, toValue: 'active' },
    ]);
  });

  it('dismissing a report keeps the listing and is audited', async () => {
    const owner = await signedInCitizen();
    const reporter = await signedInCitizen();
    const l = await post(owner);
    const report = await ok<{ id: string }>(
      await send('POST', `${PUBLIC}/listings/${l.id}/reports`, reporter.headers, {
        reason: 'wrong_info',
      }),
      201,
    );
    const mod = await signedInOfficial({ roles: ['market_moderator'] });
    const after = await ok<{ status: string; openReports: number }>(
      await send('POST', `${WORK}/reports/${report.id}/dismiss`, mod.headers),
    );
    expect(after).toMatchObject({ status: 'active', openReports: 0 });
    const audit = await db().all<{ action: string; toValue: string }>(
      sql`select action, to_value as toValue from audit_log
        where entity_type = 'market_abuse_report' and entity_id = ${report.id}`,
    );
    expect(audit).toEqual([{ action: 'market_report.dismiss', toValue: 'dismissed' }]);
    const dismissed = await ok<{ items: { id: string }[] }>(
      await call(`${WORK}/reports?status=dismissed&limit=50`, { headers: mod.headers }),
    );
    expect(dismissed.items.map((i) => i.id)).toContain(report.id);
    expect(
      (await failure(await send('POST', `${WORK}/reports/nope/dismiss`, mod.headers), 404)).code,
    ).toBe('report_not_found');
  });

  it('only market.moderate may moderate (matrix)', async () => {
    const owner = await signedInCitizen();
    const l = await post(owner);
    const editor = await signedInOfficial({ roles: ['news_editor'] });
    const admin = await signedInOfficial({ roles: ['admin'] });
    const mod = await signedInOfficial({ roles: ['market_moderator'] });
    const requests: [string, string, unknown?][] = [
      ['GET', `${WORK}/reports`],
      ['POST', `${WORK}/listings/${l.id}/hide`, { note: 'Vi phạm quy định' }],
      ['POST', `${WORK}/listings/${l.id}/restore`],
      ['POST', `${WORK}/reports/x/dismiss`],
    ];
    for (const [method, path, b] of requests) {
      expect((await failure(await send(method, path, {}, b), 401)).code).toBe(
        'official_session_required',
      );
      expect((await failure(await send(method, path, owner.headers, b), 401)).code).toBe(
        'official_session_required',
      );
      expect((await failure(await send(method, path, editor.headers, b), 403)).code).toBe(
        'forbidden',
      );
    }
    // An administrator manages accounts, not the market's content.
    expect((await failure(await send('GET', `${WORK}/reports`, admin.headers), 403)).code).toBe(
      'forbidden',
    );
    await ok(await send('GET', `${WORK}/reports`, mod.headers));
    // Nothing above changed the listing.
    expect((await ok<{ id: string }>(await call(`${PUBLIC}/listings/${l.id}`))).id).toBe(l.id);
  });
});

describe('rate limits', () => {
  it('posting too fast is told to wait; retries are not counted', async () => {
    await withinOneClockWindow(25);
    const citizen = await signedInCitizen();
    const first = listingInput();
    await ok(await send('POST', `${MINE}/listings`, citizen.headers, first), 201);
    // MARKET_POST_LIMITER: 10 a minute per account; retries answer before the limiter.
    for (let i = 0; i < 5; i++) {
      await ok(await send('POST', `${MINE}/listings`, citizen.headers, first), 200);
    }
    let limited: Response | undefined;
    for (let i = 0; i < 12 && !limited; i++) {
      const res = await send('POST', `${MINE}/listings`, citizen.headers, listingInput());
      if (res.status === 429) limited = res;
      else expect(res.status).toBe(201);
    }
    expect(limited, 'no 429 after 12 posts').toBeDefined();
    if (!limited) return;
    const e = await failure(limited, 429);
    expect(e.code).toBe('rate_limited');
    expect(e.message).toContain('thử lại sau');
  }, 60_000);
});

describe('OpenAPI', () => {
  it('documents the market paths', async () => {
    const doc = await ok<{ paths: Record<string, unknown> }>(await call('/api/v1/openapi.json'));
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/market/listings',
        '/api/v1/market/listings/{id}',
        '/api/v1/market/listings/{id}/reports',
        '/api/v1/market/photos/{id}',
        '/api/v1/market/mine/listings',
        '/api/v1/market/mine/listings/{id}/renew',
        '/api/v1/market/mine/listings/{id}/close',
        '/api/v1/market/mine/listings/{id}/photos',
        '/api/v1/work/market/reports',
        '/api/v1/work/market/reports/{id}/dismiss',
        '/api/v1/work/market/listings/{id}/hide',
        '/api/v1/work/market/listings/{id}/restore',
      ]),
    );
  });
});
