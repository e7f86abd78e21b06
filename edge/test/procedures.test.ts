import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { call, type ErrorJson } from './helpers';
import { signedInCitizen } from './support/citizens';
import { db, signedInOfficial } from './support/officials';

// The public services catalogue: editors' API (permissions, validation, duplicate codes,
// versions, audit) and the public catalogue (search without diacritics, fields, detail with
// the portal links, drafts hidden, English, paging, ETag).

interface WorkProcedure {
  id: string;
  code: string | null;
  version: number;
  status: string;
  agencyId: string;
  bodyHtml: string;
  documents: string[];
}
interface Summary {
  id: string;
  name: string;
  field: string;
  fieldLabel: string;
  agencyName: string;
  level: string;
  feeText: string;
}

const tag = () => `zq${crypto.randomUUID().replace(/-/g, '').slice(0, 8)}`;
/** A national code no other test uses: 2.9xxxxx. */
const code = () => `2.9${String(Math.floor(Math.random() * 100_000)).padStart(5, '0')}`;

const json = (headers: Record<string, string>, method: string, body: unknown): RequestInit => ({
  method,
  headers: { ...headers, 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

const base = (t: string) => ({
  field: `Hộ tịch ${t}`,
  name: `Đăng ký khai sinh ${t}`,
  level: 'full',
  feeText: 'Miễn phí',
  feeVnd: 0,
  processingTime: 'Ngay trong ngày làm việc',
  processingDays: 1,
  documents: ['Tờ khai theo mẫu', 'Giấy tờ tùy thân'],
  bodyHtml: '<p>Nộp hồ sơ</p><script>alert(1)</script>',
  portalUrl: 'https://dichvucong.haugiang.gov.vn/thu-tuc/1',
});

async function create(headers: Record<string, string>, body: Record<string, unknown>) {
  const res = await call('/api/v1/work/public-services/procedures', json(headers, 'POST', body));
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { procedure: WorkProcedure }).procedure;
}

async function setStatus(headers: Record<string, string>, p: WorkProcedure, to: string) {
  const res = await call(
    `/api/v1/work/public-services/procedures/${p.id}/${to}`,
    json(headers, 'POST', { version: p.version }),
  );
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { procedure: WorkProcedure }).procedure;
}

async function list(query: string) {
  const res = await call(`/api/v1/public-services?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { items: Summary[]; nextCursor: string | null };
}

describe('procedure editors', () => {
  it('lets the own agency editor write and refuses everyone else', async () => {
    const editor = await signedInOfficial({
      roles: ['procedure_editor'],
      agencyId: 'trung_tam_phuc_vu_hcc',
    });
    const other = await signedInOfficial({ roles: ['procedure_editor'], agencyId: 'so_xay_dung' });
    const handler = await signedInOfficial({ roles: ['agency_handler'] });
    const citizen = await signedInCitizen();
    const t = tag();
    const p = await create(editor.headers, { ...base(t), code: code() });
    expect(p.status).toBe('draft');
    expect(p.agencyId).toBe('trung_tam_phuc_vu_hcc');
    expect(p.bodyHtml).toBe('<p>Nộp hồ sơ</p>');

    expect((await call(`/api/v1/work/public-services/procedures/${p.id}`, other)).status).toBe(404);
    const foreignPatch = await call(
      `/api/v1/work/public-services/procedures/${p.id}`,
      json(other.headers, 'PATCH', { version: p.version, name: 'x' }),
    );
    expect(foreignPatch.status).toBe(404);
    const foreignCreate = await call(
      '/api/v1/work/public-services/procedures',
      json(other.headers, 'POST', { ...base(t), agencyId: 'trung_tam_phuc_vu_hcc' }),
    );
    expect(foreignCreate.status).toBe(403);
    const theirs = (await (
      await call(`/api/v1/work/public-services/procedures?q=${t}`, other)
    ).json()) as { items: WorkProcedure[] };
    expect(theirs.items).toEqual([]);
    const mine = (await (
      await call(`/api/v1/work/public-services/procedures?q=${t}`, editor)
    ).json()) as { items: WorkProcedure[] };
    expect(mine.items.map((i) => i.id)).toEqual([p.id]);

    expect((await call('/api/v1/work/public-services/procedures')).status).toBe(401);
    expect((await call('/api/v1/work/public-services/procedures', citizen)).status).toBe(401);
    expect((await call('/api/v1/work/public-services/procedures', handler)).status).toBe(403);

    const published = await setStatus(editor.headers, p, 'publish');
    const audit = await db().all<{ action: string }>(
      sql`select action from audit_log where entity_id = ${p.id} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['procedure.create', 'procedure.publish']);
    expect(published.version).toBe(2);
  });

  it('refuses bad input: code format, duplicate code, http portal, documents, fee', async () => {
    const editor = await signedInOfficial({ roles: ['procedure_editor'], agencyId: 'so_xay_dung' });
    const t = tag();
    const bad = async (body: Record<string, unknown>) => {
      const res = await call(
        '/api/v1/work/public-services/procedures',
        json(editor.headers, 'POST', { ...base(t), ...body }),
      );
      return { status: res.status, code: ((await res.json()) as ErrorJson).error.code };
    };
    expect(await bad({ code: '1001234' })).toEqual({ status: 400, code: 'validation_failed' });
    expect(await bad({ portalUrl: 'http://dichvucong.haugiang.gov.vn' })).toEqual({
      status: 400,
      code: 'validation_failed',
    });
    expect(await bad({ documents: ['Tờ khai', '  '] })).toEqual({
      status: 400,
      code: 'validation_failed',
    });
    expect(await bad({ documents: Array.from({ length: 31 }, (_, i) => `Giấy ${i}`) })).toEqual({
      status: 400,
      code: 'validation_failed',
    });
    expect(await bad({ feeVnd: -1 })).toEqual({ status: 400, code: 'validation_failed' });
    expect(await bad({ feeVnd: 1.5 })).toEqual({ status: 400, code: 'validation_failed' });

    const c = code();
    const first = await create(editor.headers, { ...base(t), code: c });
    expect(await bad({ code: c })).toEqual({ status: 409, code: 'duplicate_code' });
    // Renaming another procedure to a taken code is refused too.
    const second = await create(editor.headers, { ...base(t), code: null });
    const clash = await call(
      `/api/v1/work/public-services/procedures/${second.id}`,
      json(editor.headers, 'PATCH', { version: second.version, code: c }),
    );
    expect(clash.status).toBe(409);
    expect(((await clash.json()) as ErrorJson).error.code).toBe('duplicate_code');
    // Keeping one's own code is fine; a stale version is not.
    const ok = await call(
      `/api/v1/work/public-services/procedures/${first.id}`,
      json(editor.headers, 'PATCH', { version: first.version, code: c, feeText: '50.000 đồng' }),
    );
    expect(ok.status).toBe(200);
    const stale = await call(
      `/api/v1/work/public-services/procedures/${first.id}`,
      json(editor.headers, 'PATCH', { version: first.version, feeText: 'Miễn phí' }),
    );
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as ErrorJson).error.code).toBe('version_conflict');

    // A retried create makes one procedure.
    const body = { ...base(t), requestKey: `retry-${t}` };
    const a = await call(
      '/api/v1/work/public-services/procedures',
      json(editor.headers, 'POST', body),
    );
    const b = await call(
      '/api/v1/work/public-services/procedures',
      json(editor.headers, 'POST', body),
    );
    expect([a.status, b.status]).toEqual([201, 200]);
    const [pa, pb] = [
      (await a.json()) as { procedure: WorkProcedure },
      (await b.json()) as { procedure: WorkProcedure },
    ];
    expect(pa.procedure.id).toBe(pb.procedure.id);
  });
});

describe('public catalogue', () => {
  it('searches without diacritics, filters, pages and hides drafts', async () => {
    const editor = await signedInOfficial({
      roles: ['procedure_editor'],
      agencyId: 'trung_tam_phuc_vu_hcc',
    });
    const t = tag();
    const birth = await create(editor.headers, {
      ...base(t),
      code: code(),
      documents: ['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh'],
      en: { name: `Birth registration ${t}`, field: 'Civil status' },
    });
    const copy = await create(editor.headers, {
      ...base(t),
      name: `Cấp bản sao trích lục hộ tịch ${t}`,
      level: 'partial',
      feeText: '8.000 đồng/bản',
      feeVnd: 8000,
    });
    const build = await create(editor.headers, {
      ...base(t),
      field: `Xây dựng ${t}`,
      name: `Cấp giấy phép xây dựng nhà ở riêng lẻ ${t}`,
      level: 'partial',
    });
    const draft = await create(editor.headers, { ...base(t), name: `Bản nháp khai sinh ${t}` });
    expect(draft.status).toBe('draft');
    for (const p of [birth, copy, build]) await setStatus(editor.headers, p, 'publish');

    const ks = await list(`q=${encodeURIComponent(`khai sinh ${t}`)}`);
    expect(ks.items.map((i) => i.id)).toEqual([birth.id]);
    expect(ks.items[0]).toMatchObject({ level: 'full', feeText: 'Miễn phí' });
    expect(ks.items[0]?.agencyName).toBeTruthy();
    const hoTich = await list(`q=${encodeURIComponent(`ho tich ${t}`)}`);
    expect(hoTich.items.map((i) => i.id).sort()).toEqual([birth.id, copy.id].sort());
    expect(hoTich.items.map((i) => i.id)).not.toContain(draft.id);

    const partial = await list(`q=${t}&level=partial`);
    expect(partial.items.map((i) => i.id).sort()).toEqual([build.id, copy.id].sort());
    const inField = await list(`q=${t}&field=${encodeURIComponent(`Xây dựng ${t}`)}`);
    expect(inField.items.map((i) => i.id)).toEqual([build.id]);

    // Paging: two pages of one and two, no duplicates.
    const page1 = await list(`q=${t}&limit=2`);
    expect(page1.items).toHaveLength(2);
    expect(page1.nextCursor).toBeTruthy();
    const page2 = await list(`q=${t}&limit=2&cursor=${page1.nextCursor}`);
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    expect(new Set([...page1.items, ...page2.items].map((i) => i.id)).size).toBe(3);
    expect((await call('/api/v1/public-services?cursor=notours')).status).toBe(400);

    const fields = (await (await call('/api/v1/public-services/fields')).json()) as {
      fields: { field: string; count: number }[];
    };
    expect(fields.fields.find((f) => f.field === `Hộ tịch ${t}`)?.count).toBe(2);

    // Detail: documents, fee, steps, portal and dossier lookup links.
    const detail = await call(`/api/v1/public-services/${birth.id}`);
    expect(detail.status).toBe(200);
    const body = (await detail.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      documents: ['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh'],
      bodyHtml: '<p>Nộp hồ sơ</p>',
      portalUrl: 'https://dichvucong.haugiang.gov.vn/thu-tuc/1',
    });
    expect(body.dossierLookupUrl).toMatch(/^https:\/\//);
    expect((await call(`/api/v1/public-services/${draft.id}`)).status).toBe(404);
    const config = (await (await call('/api/v1/public-services/config')).json()) as Record<
      string,
      string
    >;
    expect(config.portalUrl).toMatch(/^https:\/\//);

    // English where written, Vietnamese otherwise.
    const en = (await (
      await call(`/api/v1/public-services/${birth.id}?lang=en`)
    ).json()) as Summary;
    expect(en).toMatchObject({
      name: `Birth registration ${t}`,
      fieldLabel: 'Civil status',
      field: `Hộ tịch ${t}`,
      feeText: 'Miễn phí',
    });

    // Archived: off the catalogue.
    const current = (
      (await (
        await call(`/api/v1/work/public-services/procedures/${build.id}`, editor)
      ).json()) as { procedure: WorkProcedure }
    ).procedure;
    await setStatus(editor.headers, current, 'archive');
    expect((await list(`q=${t}`)).items.map((i) => i.id)).not.toContain(build.id);
  });

  it('answers 304 while the catalogue is unchanged', async () => {
    const editor = await signedInOfficial({ roles: ['procedure_editor'], agencyId: 'so_y_te' });
    const t = tag();
    const first = await call(`/api/v1/public-services?q=${t}`);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    const same = await call(`/api/v1/public-services?q=${t}`, {
      headers: { 'If-None-Match': etag },
    });
    expect(same.status).toBe(304);
    const p = await create(editor.headers, { ...base(t), name: `Cấp phép hành nghề ${t}` });
    await setStatus(editor.headers, p, 'publish');
    const changed = await call(`/api/v1/public-services?q=${t}`, {
      headers: { 'If-None-Match': etag },
    });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as { items: Summary[] }).items.map((i) => i.id)).toEqual([p.id]);
  });
});
