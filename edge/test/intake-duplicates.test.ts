import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import app from '../src/app';
import { DEFAULT_INTAKE_CONFIG, type IntakeConfig } from '../src/intake/config';
import { findDuplicateCandidates } from '../src/intake/duplicates';
import { hashDeviceId } from '../src/reports/tokens';
import { ORIGIN } from './helpers';
import { marker, type SeedReport, seedReports, testDb } from './seed-reports';
import { errorOf, json, newPhone, postJson } from './support/reports';

// Duplicate search (intake/duplicates.ts) against the real libSQL database, and the citizens'
// "Tôi cũng gặp vấn đề này" endpoint (POST /api/v1/reports/similar). Every test works at a
// spot of its own, picked at random in an empty part of the province (the other tests put
// their reports in the towns), so the shared database's other reports never come near.

const config: IntakeConfig = { ...DEFAULT_INTAKE_CONFIG };
const DAY = 86_400_000;

/** A random point in the rice fields north-east of Vị Thanh, away from the other tests' spots. */
function spot() {
  return { lat: 9.86 + Math.random() * 0.12, lng: 105.62 + Math.random() * 0.2 };
}

/** `metres` north of a point (1° of latitude ≈ 111,320 m). */
const north = (p: { lat: number; lng: number }, metres: number) => ({
  lat: p.lat + metres / 111_320,
  lng: p.lng,
});

const POTHOLE = 'Ổ gà lớn giữa đường Trần Hưng Đạo, xe máy chạy ngang dễ té ngã';
const POTHOLE_AGAIN = 'duong tran hung dao co o ga rat to, di xe may nguy hiem lam';

async function seedAt(p: { lat: number; lng: number }, list: SeedReport[]) {
  return seedReports(list.map((r) => ({ lat: p.lat, lng: p.lng, ...r })));
}

const similarBody = (p: { lat: number; lng: number }, extra: Record<string, unknown> = {}) => ({
  ...p,
  categoryId: 'giao_thong',
  description: POTHOLE_AGAIN,
  ...extra,
});

type SimilarJson = {
  items: {
    code: string;
    distanceMetres: number;
    similarity: number;
    status: string;
    supporterCount: number;
    category: { id: string };
  }[];
  radiusMetres: number;
  windowDays: number;
};

describe('findDuplicateCandidates', () => {
  it('finds the near, recent, open report with similar words, nearest and most alike first', async () => {
    const here = spot();
    const [best, farther] = await seedAt(here, [
      { description: POTHOLE, ...north(here, 30) },
      { description: `${POTHOLE}, đã nhiều tuần`, ...north(here, 200), status: 'in_progress' },
    ]);
    const found = await findDuplicateCandidates(testDb(), config, {
      ...here,
      categoryId: 'giao_thong',
      description: POTHOLE_AGAIN,
    });
    expect(found.map((c) => c.code)).toEqual([best?.code, farther?.code]);
    const first = found[0];
    expect(first).toMatchObject({
      id: best?.id,
      categoryId: 'giao_thong',
      categoryName: expect.any(String),
      status: 'received',
      description: POTHOLE,
      hidden: false,
      agencyId: null,
    });
    expect(first?.distanceMetres).toBeGreaterThanOrEqual(28);
    expect(first?.distanceMetres).toBeLessThanOrEqual(32);
    expect(first?.similarity).toBeGreaterThan(0.3);
    expect(first?.similarity).toBeLessThanOrEqual(1);
  });

  it('ignores far, old, closed, hidden, unrelated and dissimilar reports', async () => {
    const here = spot();
    const old = new Date(Date.now() - 31 * DAY).toISOString();
    const seeded = await seedAt(here, [
      { description: POTHOLE }, // the one to find
      { description: POTHOLE, ...north(here, 300) }, // beyond 250 m
      { description: POTHOLE, createdAt: old }, // older than 30 days
      { description: POTHOLE, status: 'resolved', resolvedAt: new Date().toISOString() },
      { description: POTHOLE, status: 'rejected' },
      { description: POTHOLE, status: 'duplicate' },
      { description: POTHOLE, hidden: true },
      // Same words, a category the text has nothing to do with.
      { description: POTHOLE, categoryId: 'giao_duc' },
      // Same category and place, another problem in other words.
      { description: 'Biển báo cấm đỗ xe bị gãy nằm dưới đất mấy tuần nay' },
    ]);
    const query = { ...here, categoryId: 'giao_thong', description: POTHOLE_AGAIN };
    const found = await findDuplicateCandidates(testDb(), config, query);
    expect(found.map((c) => c.code)).toEqual([seeded[0]?.code]);

    // The IOC asks for hidden ones too: flagged.
    const withHidden = await findDuplicateCandidates(testDb(), config, query, {
      includeHidden: true,
    });
    expect(withHidden.map((c) => [c.code, c.hidden])).toEqual([
      [seeded[0]?.code, false],
      [seeded[6]?.code, true],
    ]);

    // The report itself is left out when the IOC looks at its candidates.
    const others = await findDuplicateCandidates(testDb(), config, {
      ...query,
      excludeReportId: seeded[0]?.id as number,
    });
    expect(others).toEqual([]);
  });

  it('finds reports of a related category, in both directions', async () => {
    const here = spot();
    const flood = 'Nước ngập sâu cả con hẻm sau cơn mưa, cống thoát nước bị nghẹt rác';
    const again = 'hẻm ngập nước do cống bị nghẹt, mưa xong nước không thoát được';
    const [drain, other, unrelated] = await seedAt(here, [
      { description: flood, categoryId: 'cap_thoat_nuoc' },
      // Filed under "Khác"; the classifier read a drainage problem in it on arrival.
      { description: flood, categoryId: 'khac', ...north(here, 40) },
      // Same words, filed under a category neither text belongs to, no suggestion.
      { description: flood, categoryId: 'giao_duc', ...north(here, 20) },
    ]);
    await testDb().run(
      sql`update reports set suggested_category_id = 'cap_thoat_nuoc' where id = ${other?.id}`,
    );

    // The second citizen picked "Môi trường": the classifier reads "Cấp thoát nước" in the
    // text, so reports of that category are related.
    const fromText = await findDuplicateCandidates(testDb(), config, {
      ...here,
      categoryId: 'moi_truong',
      description: again,
    });
    expect(fromText.map((c) => c.code)).toEqual([drain?.code, other?.code]);
    expect(fromText.map((c) => c.code)).not.toContain(unrelated?.code);

    // The citizen's own category matches the report's suggested one.
    const fromSuggestion = await findDuplicateCandidates(testDb(), config, {
      ...here,
      categoryId: 'cap_thoat_nuoc',
      description: again,
    });
    expect(fromSuggestion.map((c) => c.code)).toEqual([drain?.code, other?.code]);
  });

  it('takes the radius and the period from the configuration', async () => {
    const here = spot();
    const [far, old] = await seedAt(here, [
      { description: POTHOLE, ...north(here, 400) },
      { description: POTHOLE, createdAt: new Date(Date.now() - 40 * DAY).toISOString() },
    ]);
    const query = { ...here, categoryId: 'giao_thong', description: POTHOLE_AGAIN };
    expect(await findDuplicateCandidates(testDb(), config, query)).toEqual([]);
    const wide = await findDuplicateCandidates(
      testDb(),
      { ...config, duplicateRadiusMetres: 500, duplicateWindowDays: 60 },
      query,
    );
    expect(wide.map((c) => c.code)).toEqual([old?.code, far?.code]);
    // `now` moves the window: seen from 35 days ago, the 40-day-old report was 5 days old.
    const then = await findDuplicateCandidates(
      testDb(),
      { ...config, duplicateRadiusMetres: 500 },
      { ...query, now: new Date(Date.now() - 35 * DAY) },
    );
    expect(then.map((c) => c.code)).toContain(old?.code);
  });

  it('returns at most `limit`, best first', async () => {
    const here = spot();
    await seedAt(
      here,
      Array.from({ length: 6 }, (_, i) => ({ description: POTHOLE, ...north(here, 20 * i) })),
    );
    const found = await findDuplicateCandidates(
      testDb(),
      config,
      { ...here, categoryId: 'giao_thong', description: POTHOLE_AGAIN },
      { limit: 3 },
    );
    expect(found).toHaveLength(3);
    expect(found.map((c) => c.distanceMetres)).toEqual(
      [...found.map((c) => c.distanceMetres)].sort((a, b) => a - b),
    );
  });
});

describe('POST /api/v1/reports/similar', () => {
  it('offers the same problem as a public summary, without contact, hidden or own reports', async () => {
    const here = spot();
    const word = marker('sim');
    const phone = newPhone();
    const [other, hidden, own] = await seedAt(here, [
      {
        description: `${POTHOLE} ${word}`,
        contact: { name: 'Trần Thị Bé', phone: '0912345678' },
        supporterCount: 2,
        photos: 1,
      },
      { description: POTHOLE, hidden: true },
      { description: POTHOLE },
    ]);
    await testDb().run(
      sql`update reports set device_hash = ${await hashDeviceId(phone.deviceId)} where id = ${own?.id}`,
    );
    const res = await postJson(
      '/api/v1/reports/similar',
      similarBody(here, { deviceId: phone.deviceId }),
      phone,
    );
    expect(res.status).toBe(200);
    const text = await res.clone().text();
    expect(text).not.toMatch(/Bé|912345678|deviceHash|followToken|hidden/);
    const body = await json<SimilarJson>(res);
    expect(body.radiusMetres).toBe(250);
    expect(body.windowDays).toBe(30);
    expect(body.items.map((i) => i.code)).toEqual([other?.code]);
    expect(body.items.map((i) => i.code)).not.toContain(hidden?.code);
    expect(body.items[0]).toMatchObject({
      status: 'received',
      statusLabel: { vi: 'Đã tiếp nhận' },
      category: { id: 'giao_thong' },
      supporterCount: 2,
      photoUrl: expect.stringMatching(/^\/api\/v1\/media\//),
      distanceMetres: 0,
    });
    expect(body.items[0]?.similarity).toBeGreaterThan(0.2);

    // Without the device id the citizen's own report is listed too.
    const anyone = await json<SimilarJson>(
      await postJson('/api/v1/reports/similar', similarBody(here), newPhone()),
    );
    expect(anyone.items.map((i) => i.code).sort()).toEqual([other?.code, own?.code].sort());
  });

  it('then "Tôi cũng gặp" adds a supporter to the report offered, without a new report', async () => {
    const here = spot();
    const [offered] = await seedAt(here, [{ description: POTHOLE }]);
    const phone = newPhone();
    const { items } = await json<SimilarJson>(
      await postJson('/api/v1/reports/similar', similarBody(here), phone),
    );
    expect(items[0]?.code).toBe(offered?.code);
    const before = await testDb().get<{ n: number }>(sql`select count(*) as n from reports`);
    const res = await postJson(
      `/api/v1/reports/${offered?.code}/support`,
      { deviceId: phone.deviceId },
      phone,
    );
    expect(await json(res)).toEqual({ code: offered?.code, supporterCount: 1, added: true });
    const after = await json<SimilarJson>(
      await postJson('/api/v1/reports/similar', similarBody(here), newPhone()),
    );
    expect(after.items[0]?.supporterCount).toBe(1);
    // No report was created by supporting (other tests may add theirs meanwhile, not this one).
    const own = await testDb().get<{ n: number }>(
      sql`select count(*) as n from reports where device_hash = ${await hashDeviceId(phone.deviceId)}`,
    );
    expect(own?.n).toBe(0);
    expect(before?.n).toBeGreaterThan(0);
  });

  it('follows DUPLICATE_RADIUS_METRES and DUPLICATE_WINDOW_DAYS', async () => {
    const here = spot();
    const [far] = await seedAt(here, [{ description: POTHOLE, ...north(here, 600) }]);
    const ask = async (vars: Record<string, string>) => {
      const ctx = createExecutionContext();
      const res = await app.fetch(
        new Request(new URL('/api/v1/reports/similar', ORIGIN), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': newPhone().ip },
          body: JSON.stringify(similarBody(here)),
        }),
        { ...env, ...vars },
        ctx,
      );
      await waitOnExecutionContext(ctx);
      return json<SimilarJson>(res);
    };
    expect((await ask({})).items).toEqual([]);
    const wide = await ask({ DUPLICATE_RADIUS_METRES: '800', DUPLICATE_WINDOW_DAYS: '7' });
    expect(wide.radiusMetres).toBe(800);
    expect(wide.windowDays).toBe(7);
    expect(wide.items.map((i) => i.code)).toEqual([far?.code]);
  });

  it.each([
    [{ lng: 105.6, categoryId: 'giao_thong', description: 'ổ gà' }, 400, 'validation_failed'],
    [
      { lat: 'x', lng: 105.6, categoryId: 'giao_thong', description: 'ổ gà' },
      400,
      'validation_failed',
    ],
    [{ lat: 9.9, lng: 105.6, description: 'ổ gà' }, 400, 'validation_failed'],
    [
      { lat: 9.17, lng: 105.15, categoryId: 'giao_thong', description: 'ổ gà' },
      422,
      'out_of_province',
    ],
  ])('refuses %j', async (body, status, code) => {
    const res = await postJson('/api/v1/reports/similar', body, newPhone());
    expect(res.status).toBe(status);
    const error = await errorOf(res);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
  });

  it('finds nothing in a text without words, and says so with an empty list', async () => {
    const here = spot();
    await seedAt(here, [{ description: POTHOLE }]);
    const res = await postJson(
      '/api/v1/reports/similar',
      similarBody(here, { description: '!!! ...' }),
      newPhone(),
    );
    expect(res.status).toBe(200);
    expect((await json<SimilarJson>(res)).items).toEqual([]);
  });
});
