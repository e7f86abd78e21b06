import { env } from 'cloudflare:workers';
import { createClient } from '@libsql/client/web';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DEMO_ARTICLES, DEMO_NEWS_DRAFT, seedDemoNews } from '../../scripts/demo-news';
import { call, type ErrorJson } from './helpers';
import { signedInCitizen } from './support/citizens';
import { withinOneClockWindow } from './support/clock-window';
import { db, signedInOfficial } from './support/officials';

// Government news: editors' API (permissions, validation, sanitising, versions) and the
// public list/detail (drafts hidden, publish/archive, search without diacritics, English,
// ETag), plus the home screen's data in one request, and the demo news of `npm start`.

interface WorkArticle {
  id: string;
  version: number;
  status: string;
  agencyId: string;
  title: string;
  summary: string;
  bodyHtml: string;
}
interface Summary {
  id: string;
  title: string;
  summary: string;
  category: { id: string; name: string };
}

const tag = () => `zn${crypto.randomUUID().replace(/-/g, '').slice(0, 8)}`;

const json = (headers: Record<string, string>, method: string, body: unknown): RequestInit => ({
  method,
  headers: { ...headers, 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

const editorOf = (agencyId: string) => signedInOfficial({ roles: ['news_editor'], agencyId });

async function create(headers: Record<string, string>, body: Record<string, unknown>) {
  const res = await call('/api/v1/work/news/articles', json(headers, 'POST', body));
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { article: WorkArticle }).article;
}

async function setStatus(headers: Record<string, string>, a: WorkArticle, to: string) {
  const res = await call(
    `/api/v1/work/news/articles/${a.id}/${to}`,
    json(headers, 'POST', { version: a.version }),
  );
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { article: WorkArticle }).article;
}

async function publicList(query: string) {
  const res = await call(`/api/v1/news?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { items: Summary[]; nextCursor: string | null };
}

describe('news editors', () => {
  it('lets an editor of the agency write and refuses everyone else', async () => {
    const mine = await editorOf('so_nong_nghiep_moi_truong');
    const other = await editorOf('so_y_te');
    const citizen = await signedInCitizen();
    const official = await signedInOfficial({ roles: ['agency_handler'], agencyId: 'so_y_te' });
    const t = tag();
    const a = await create(mine.headers, {
      categoryId: 'nong-nghiep',
      title: `Lúa hè thu ${t}`,
      bodyHtml: '<p>Thu hoạch</p>',
    });
    expect(a.agencyId).toBe('so_nong_nghiep_moi_truong');
    expect(a.summary).toBe('Thu hoạch');
    // An empty summary is taken from the body, its paragraphs and list items kept apart.
    const listed = await create(mine.headers, {
      categoryId: 'thong-bao',
      title: `Nạo vét ${tag()}`,
      bodyHtml: '<p>Nạo vét kênh Xà No</p><ul><li>Tàu đi chậm</li><li>Không neo đậu</li></ul>',
    });
    expect(listed.summary).toBe('Nạo vét kênh Xà No. Tàu đi chậm. Không neo đậu');

    const otherGet = await call(`/api/v1/work/news/articles/${a.id}`, { headers: other.headers });
    expect(otherGet.status).toBe(404);
    const otherPublish = await call(
      `/api/v1/work/news/articles/${a.id}/publish`,
      json(other.headers, 'POST', { version: a.version }),
    );
    expect(otherPublish.status).toBe(404);
    const forOther = await call(
      '/api/v1/work/news/articles',
      json(mine.headers, 'POST', { agencyId: 'so_y_te', categoryId: 'thong-bao', title: 'X' }),
    );
    expect(forOther.status).toBe(403);

    const asCitizen = await call('/api/v1/work/news/articles', { headers: citizen.headers });
    expect(asCitizen.status).toBe(401);
    const anonymous = await call('/api/v1/work/news/articles');
    expect(anonymous.status).toBe(401);
    const notEditor = await call(
      '/api/v1/work/news/articles',
      json(official.headers, 'POST', { categoryId: 'thong-bao', title: 'X' }),
    );
    expect(notEditor.status).toBe(403);

    const list = await call(`/api/v1/work/news/articles?q=${t}`, { headers: mine.headers });
    const items = ((await list.json()) as { items: WorkArticle[] }).items;
    expect(items.map((i) => i.id)).toEqual([a.id]);
    const otherList = await call(`/api/v1/work/news/articles?q=${t}`, { headers: other.headers });
    expect(((await otherList.json()) as { items: unknown[] }).items).toEqual([]);

    const audit = await db().all<{ action: string }>(
      sql`select action from audit_log where entity_id = ${a.id}`,
    );
    expect(audit.map((r) => r.action)).toContain('article.create');
  }, 90_000);

  it('refuses bad input and never stores scripts', async () => {
    const { headers } = await editorOf('so_nong_nghiep_moi_truong');
    const empty = await call(
      '/api/v1/work/news/articles',
      json(headers, 'POST', { categoryId: 'thong-bao', title: '   ' }),
    );
    expect(empty.status).toBe(400);
    const unknown = await call(
      '/api/v1/work/news/articles',
      json(headers, 'POST', { categoryId: 'khong-co', title: 'Tin' }),
    );
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as ErrorJson).error.code).toBe('unknown_category');

    const a = await create(headers, {
      categoryId: 'thong-bao',
      title: `Thông báo ${tag()}`,
      bodyHtml:
        '<p>Nội dung<script>alert(1)</script><img src="x" onerror="alert(2)"><a href="javascript:alert(3)">bấm</a></p>',
      en: { title: 'Notice', bodyHtml: '<p>Body<script>bad()</script></p>' },
    });
    const [row] = await db().all<{ body_html: string; en: string }>(
      sql`select body_html, en from news_articles where id = ${a.id}`,
    );
    for (const stored of [row?.body_html ?? '', row?.en ?? '']) {
      expect(stored).not.toMatch(/<script/i);
      expect(stored).not.toMatch(/onerror/i);
      expect(stored).not.toMatch(/javascript:/i);
    }
    expect(row?.body_html).toContain('Nội dung');

    const stale = await call(
      `/api/v1/work/news/articles/${a.id}`,
      json(headers, 'PATCH', { version: a.version, title: 'Thông báo mới' }),
    );
    expect(stale.status).toBe(200);
    const conflict = await call(
      `/api/v1/work/news/articles/${a.id}`,
      json(headers, 'PATCH', { version: a.version, title: 'Một bản khác' }),
    );
    expect(conflict.status).toBe(409);
    expect(((await conflict.json()) as ErrorJson).error.code).toBe('version_conflict');

    const removed = await call(`/api/v1/work/news/articles/${a.id}`, {
      method: 'DELETE',
      headers,
    });
    expect(removed.status).toBe(200);
  }, 60_000);

  it('answers 400, never 500, to malformed requests', async () => {
    const { headers } = await editorOf('so_nong_nghiep_moi_truong');
    const post = (body: string) =>
      call('/api/v1/work/news/articles', {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body,
      });
    const cases: [string, Response][] = [
      ['broken JSON', await post('{"title": "Tin')],
      [
        'title of the wrong type',
        await post(JSON.stringify({ categoryId: 'thong-bao', title: 7 })),
      ],
      ['no category', await post(JSON.stringify({ title: 'Tin' }))],
      [
        'a field the API does not know',
        await post(JSON.stringify({ categoryId: 'thong-bao', title: 'Tin', status: 'published' })),
      ],
      [
        'an English field the API does not know',
        await post(JSON.stringify({ categoryId: 'thong-bao', title: 'Tin', en: { foo: 'x' } })),
      ],
      [
        'a title too long',
        await post(JSON.stringify({ categoryId: 'thong-bao', title: 'T'.repeat(301) })),
      ],
      [
        'a patch without version',
        await call(
          '/api/v1/work/news/articles/tin_khong_co',
          json(headers, 'PATCH', { title: 'Tin' }),
        ),
      ],
      ['an article id with a space', await call('/api/v1/news/tin%20moi')],
      ['limit 0', await call('/api/v1/news?limit=0')],
      ['limit not a number', await call('/api/v1/news?limit=nhieu')],
      ['a search with no letter or digit', await call('/api/v1/news?q=%21%21%21')],
      ['a category with bad characters', await call('/api/v1/news?category=%3Cb%3E')],
      ['a commune with bad characters', await call('/api/v1/home?commune=%27%20or%201')],
    ];
    for (const [what, res] of cases) {
      expect(res.status, what).toBe(400);
      const body = (await res.json()) as ErrorJson;
      expect(body.error.code, what).toMatch(/^[a-z_]+$/);
      expect(body.error.message, what).not.toBe('');
    }
    const unknown = await call(
      '/api/v1/work/news/articles/tin_khong_co',
      json(headers, 'PATCH', { version: 1, title: 'Tin' }),
    );
    expect(unknown.status).toBe(404);
    const asText = await call('/api/v1/work/news/articles', {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'text/plain' },
      body: 'Tin',
    });
    expect(asText.status).toBe(415);
  });
});

describe('public news', () => {
  it('hides drafts, lists what is published, drops what is archived', async () => {
    const { headers } = await editorOf('so_nong_nghiep_moi_truong');
    const t = tag();
    const a = await create(headers, {
      categoryId: 'nong-nghiep',
      title: `Khuyến cáo xuống giống lúa Đông Xuân ${t}`,
      bodyHtml: '<p>Nông dân xuống giống tập trung, né rầy nâu.</p>',
      en: { title: `Winter-spring rice advice ${t}` },
    });
    expect((await publicList(`q=${t}`)).items).toEqual([]);
    expect((await call(`/api/v1/news/${a.id}`)).status).toBe(404);

    const before = await call('/api/v1/news?category=nong-nghiep');
    const etag = before.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    const again = await call('/api/v1/news?category=nong-nghiep', {
      headers: { 'If-None-Match': etag },
    });
    expect(again.status).toBe(304);

    const published = await setStatus(headers, a, 'publish');
    const changed = await call('/api/v1/news?category=nong-nghiep', {
      headers: { 'If-None-Match': etag },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);

    // Without diacritics, as people type on a phone.
    const found = await publicList(`q=${encodeURIComponent(`xuong giong lua ${t}`)}`);
    expect(found.items.map((i) => i.id)).toEqual([a.id]);
    expect(found.items[0]?.category.id).toBe('nong-nghiep');
    expect(found.items[0]).not.toHaveProperty('bodyHtml');

    const detail = await call(`/api/v1/news/${a.id}?lang=en`);
    const body = (await detail.json()) as { title: string; summary: string; bodyHtml: string };
    expect(body.title).toBe(`Winter-spring rice advice ${t}`);
    // No English summary or body: Vietnamese instead.
    expect(body.bodyHtml).toContain('né rầy nâu');
    expect(body.summary).toContain('Nông dân');

    await setStatus(headers, published, 'archive');
    expect((await publicList(`q=${t}`)).items).toEqual([]);
    expect((await call(`/api/v1/news/${a.id}`)).status).toBe(404);
  });

  it('pages newest first and lists the categories', async () => {
    const cats = await call('/api/v1/news/categories?lang=en');
    const { categories } = (await cats.json()) as { categories: { id: string; name: string }[] };
    expect(categories.find((c) => c.id === 'nong-nghiep')?.name).toBe('Agriculture');
    const { headers } = await editorOf('so_nong_nghiep_moi_truong');
    const t = tag();
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const a = await create(headers, { categoryId: 'kinh-te', title: `Kinh tế ${t} ${i}` });
      await setStatus(headers, a, 'publish');
      ids.push(a.id);
    }
    const first = await publicList(`q=${t}&limit=2`);
    expect(first.items.map((i) => i.id)).toEqual([ids[2], ids[1]]);
    const second = await publicList(`q=${t}&limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((i) => i.id)).toEqual([ids[0]]);
    expect(second.nextCursor).toBeNull();
    expect((await call('/api/v1/news?cursor=abc')).status).toBe(400);
  });
});

describe('home screen data', () => {
  it("returns the commune's live alerts and the latest news in one answer", async () => {
    const { headers } = await editorOf('so_nong_nghiep_moi_truong');
    const a = await create(headers, { categoryId: 'thong-bao', title: `Tin mới ${tag()}` });
    await setStatus(headers, a, 'publish');
    const [other] = await db().all<{ id: string }>(
      sql`select id from admin_units where level = 'commune' and id <> 'vi-thanh' order by id limit 1`,
    );
    const otherId = other?.id ?? '';
    const here = `canh_bao_${tag()}`;
    const there = `canh_bao_${tag()}`;
    const now = Date.now();
    const onset = new Date(now - 3600_000).toISOString();
    const expires = new Date(now + 3600_000).toISOString();
    for (const [id, commune] of [
      [here, 'vi-thanh'],
      [there, otherId],
    ] as const) {
      await db().run(sql`insert into emergency_alerts (id, agency_id, hazard, severity, headline,
          description, instruction, onset_at, expires_at, status, published_at, revision,
          created_by, updated_by)
        values (${id}, 'so_nong_nghiep_moi_truong', 'flood', 'severe', ${`Ngập ${id}`},
          'Triều cường', 'Di dời tài sản', ${onset}, ${expires}, 'published', ${onset}, 1, 'test', 'test')`);
      await db().run(
        sql`insert into emergency_alert_areas (alert_id, commune_id) values (${id}, ${commune})`,
      );
    }
    await db().run(
      sql`update content_versions set version = version + 1 where module = 'emergency'`,
    );
    await db().run(sql`insert into content_versions (module, version, updated_at)
      values ('emergency', 1, '2026-01-01T00:00:00Z') on conflict do nothing`);

    // The home page's ETag carries a one-minute bucket: the 304 below needs the same minute.
    await withinOneClockWindow(20);
    const res = await call('/api/v1/home?commune=vi-thanh');
    expect(res.status, await res.clone().text()).toBe(200);
    const home = (await res.json()) as {
      alerts: { id: string; areas: { id: string }[] }[];
      news: Summary[];
    };
    const alertIds = home.alerts.map((x) => x.id);
    expect(alertIds).toContain(here);
    expect(alertIds).not.toContain(there);
    expect(home.alerts.find((x) => x.id === here)?.areas.map((x) => x.id)).toEqual(['vi-thanh']);
    expect(home.news.length).toBeLessThanOrEqual(5);
    expect(home.news[0]?.id).toBe(a.id);

    const elsewhere = await call(`/api/v1/home?commune=${otherId}`);
    const elsewhereIds = ((await elsewhere.json()) as { alerts: { id: string }[] }).alerts.map(
      (x) => x.id,
    );
    expect(elsewhereIds).toContain(there);
    expect(elsewhereIds).not.toContain(here);

    const noCommune = await call('/api/v1/home');
    const province = ((await noCommune.json()) as { alerts: { id: string }[] }).alerts;
    expect(province.map((x) => x.id)).not.toContain(here);

    const unknown = await call('/api/v1/home?commune=khong-co-xa-nay');
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as ErrorJson).error.code).toBe('unknown_commune');

    const etag = res.headers.get('etag') ?? '';
    const cached = await call('/api/v1/home?commune=vi-thanh', {
      headers: { 'If-None-Match': etag },
    });
    expect(cached.status).toBe(304);
  });
});

describe('demo news', () => {
  it('seeds a dozen published articles and a draft nobody sees; idempotent', async () => {
    const client = createClient({ url: env.LIBSQL_URL });
    try {
      // The demo's agencies are added by the demo seed of agencies, not by the test fixtures.
      await client.batch(
        [
          `insert or ignore into agencies (id, name) values ('van_phong_ubnd_tinh', 'Văn phòng UBND tỉnh')`,
          `insert or ignore into agencies (id, name) values ('so_tai_chinh', 'Sở Tài chính')`,
        ],
        'write',
      );
      const now = new Date();
      await seedDemoNews(client, now);
      await seedDemoNews(client, now);
    } finally {
      client.close();
    }
    const rows = await db().all<{ status: string; n: number }>(
      sql`select status, count(*) as n from news_articles where id like 'demo-tin-%' group by status`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]))).toEqual({
      published: DEMO_ARTICLES.length - 1,
      draft: 1,
    });
    // Every category of the seed has an article.
    const categories = await db().all<{ n: number }>(
      sql`select count(distinct category_id) as n from news_articles where id like 'demo-tin-%' and status = 'published'`,
    );
    expect(Number(categories[0]?.n)).toBe(7);

    expect((await call(`/api/v1/news/${DEMO_NEWS_DRAFT}`)).status).toBe(404);
    const found = await publicList('q=tiem%20vac%20xin%20soi');
    expect(found.items.map((i) => i.id)).toEqual(['demo-tin-tiem-chung-soi']);
    const draftSearch = await publicList('q=khom%20cau%20duc');
    expect(draftSearch.items).toEqual([]);

    const en = await call('/api/v1/news/demo-tin-tiep-cong-dan-thang?lang=en');
    const article = (await en.json()) as {
      title: string;
      bodyHtml: string;
      category: Summary['category'];
    };
    expect(article.title).toContain('Monthly citizen reception');
    expect(article.category.name).toBe('Announcements');
    // Links of the seeded HTML went through the sanitiser like an editor's.
    expect(article.bodyHtml).toContain('target="_blank"');
    expect(article.bodyHtml).toContain('rel="noopener noreferrer"');

    const home = (await (await call('/api/v1/home?commune=luong-tam')).json()) as {
      news: Summary[];
    };
    expect(home.news.map((n) => n.id)).not.toContain(DEMO_NEWS_DRAFT);
  });
});
