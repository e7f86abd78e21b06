import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { contentVersionBump, versionedCache } from '../src/content/cache';
import { englishColumn, localize } from '../src/content/lang';
import { richTextToPlain, sanitizeRichText } from '../src/content/rich-text';
import {
  searchIndexStatements,
  searchMatches,
  searchRemoveStatements,
} from '../src/content/search-index';
import { createDb } from '../src/platform/db';
import type { AppEnv } from '../src/platform/env';

// The building blocks every public-information module shares (edge/src/content/).

const db = () => createDb(env);

describe('rich text sanitiser', () => {
  it('keeps formatting, drops scripts, handlers, styles and unsafe links', () => {
    const html = sanitizeRichText(
      '<h3 style="color:red">Lịch tiếp dân</h3><p onclick="x()">Thứ <strong>Hai</strong></p>' +
        '<script>alert(1)</script><style>p{}</style><iframe src="https://x"></iframe>' +
        '<a href="javascript:alert(1)">xấu</a> <a href="https://haugiang.gov.vn">tốt</a>' +
        '<img src="https://evil.test/x.png" onerror="alert(1)"><img src="/api/v1/media/a/b.jpg">',
    );
    expect(html).toContain('<h3>Lịch tiếp dân</h3>');
    expect(html).toContain('<p>Thứ <strong>Hai</strong></p>');
    for (const bad of ['script', 'alert', 'style', 'onclick', 'onerror', 'iframe', 'evil.test']) {
      expect(html).not.toContain(bad);
    }
    expect(html).toContain(
      '<a href="https://haugiang.gov.vn" target="_blank" rel="noopener noreferrer">tốt</a>',
    );
    expect(html).toContain('<img src="/api/v1/media/a/b.jpg">');
    expect(html).not.toMatch(/href="javascript/i);
  });

  it('gives the visible text for search and summaries', () => {
    expect(richTextToPlain('<p>Đường &amp; cầu</p><ul><li>Một</li><li>Hai</li></ul>')).toBe(
      'Đường & cầu\nMột\nHai',
    );
  });
});

describe('English overlay', () => {
  it('replaces translated fields only, and falls back to Vietnamese', () => {
    const row = { title: 'Tin mới', summary: 'Tóm tắt', id: 'a1' };
    const en = englishColumn({ title: 'News', summary: '' });
    expect(en).toBe('{"title":"News"}');
    expect(localize(row, en, 'en', ['title', 'summary'])).toEqual({
      title: 'News',
      summary: 'Tóm tắt',
      id: 'a1',
    });
    expect(localize(row, en, 'vi', ['title', 'summary'])).toBe(row);
    expect(localize(row, '{broken', 'en', ['title'])).toEqual(row);
    expect(englishColumn({ title: '' })).toBeNull();
  });
});

describe('shared full-text index', () => {
  it('finds rows without diacritics, replaces an entry on update and forgets it on removal', async () => {
    const d = db();
    const id = `test-${crypto.randomUUID()}`;
    const find = async (q: string) => {
      const cond = searchMatches('article', sql`${id}`, q);
      if (!cond) return false;
      const rows = await d.all<{ ok: number }>(sql`select 1 as ok where ${cond}`);
      return rows.length === 1;
    };
    await d.batch([...searchIndexStatements(d, 'article', id, ['Đường Trần Hưng Đạo bị ngập'])]);
    expect(await find('duong tran hung dao')).toBe(true);
    expect(await find('ngap')).toBe(true);
    // The same words under another kind are not this row's.
    expect(searchMatches('place', sql`${id}`, 'ngap')).not.toBeNull();

    await d.batch([...searchIndexStatements(d, 'article', id, ['Cầu Cái Tư đã thông xe'])]);
    expect(await find('ngap')).toBe(false);
    expect(await find('cai tu')).toBe(true);
    const [entries] = await d.all<{ n: number }>(
      sql`select count(*) as n from content_search_docs where kind = 'article' and ref_id = ${id}`,
    );
    expect(Number(entries?.n)).toBe(1);

    await d.batch([...searchRemoveStatements(d, 'article', id)]);
    expect(await find('cai tu')).toBe(false);
    // Nothing a person types is read as FTS5 syntax; punctuation alone searches nothing.
    expect(await find('" OR * NEAR(')).toBe(false);
    expect(searchMatches('article', sql`x`, '"*(')).toBeNull();
  });
});

describe('versioned cache', () => {
  function app() {
    let runs = 0;
    const a = new Hono<AppEnv>();
    a.use('*', async (c, next) => {
      c.set('db', db());
      await next();
    });
    a.get('/info/:name', versionedCache(['directory'], { maxAgeSeconds: 60 }), (c) => {
      runs += 1;
      return c.json({ name: c.req.param('name'), runs });
    });
    return { a, runs: () => runs };
  }
  const get = (a: Hono<AppEnv>, path: string, headers: Record<string, string> = {}) =>
    a.request(`https://cache.test${path}`, { headers }, env);

  it('answers 304 to a matching ETag, serves repeats from the cache, and changes on a bump', async () => {
    const { a, runs } = app();
    const path = `/info/${crypto.randomUUID()}?b=2&a=1`;
    const first = await get(a, path);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^W\/"[0-9a-f]{27}"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=60');
    expect(runs()).toBe(1);

    const revalidated = await get(a, path, { 'If-None-Match': etag });
    expect(revalidated.status).toBe(304);
    expect(runs()).toBe(1);

    // Parameters in another order are the same page.
    const again = await get(a, path.replace('b=2&a=1', 'a=1&b=2'));
    expect(again.status).toBe(200);
    expect(again.headers.get('x-cache')).toBe('hit');
    expect(runs()).toBe(1);

    const d = db();
    await d.batch([contentVersionBump(d, 'directory')]);
    const after = await get(a, path, { 'If-None-Match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(runs()).toBe(2);
  });

  it('never caches a request that carries a session', async () => {
    const { a, runs } = app();
    const path = `/info/${crypto.randomUUID()}`;
    await get(a, path, { Authorization: 'Bearer ofs_x' });
    await get(a, path, { Authorization: 'Bearer ofs_x' });
    expect(runs()).toBe(2);
  });
});
