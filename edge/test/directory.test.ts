import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { displayPhone, normalizePhone } from '../src/directory/phone';
import { call, type ErrorJson } from './helpers';
import { signedInCitizen } from './support/citizens';
import { db, signedInOfficial } from './support/officials';

// The phone directory: the public document (emergency numbers first, nested agencies,
// diacritics-insensitive search, English, ETag) and its editors' API (permissions, phone
// validation, nesting rules, versions, audit).

interface Entry {
  id: string;
  kind: string;
  name: string;
  role: string | null;
  phone: string;
  tel: string;
  children: Entry[];
}
interface Directory {
  emergency: Entry[];
  hotlines: Entry[];
  agencies: Entry[];
}
interface WorkEntry {
  id: string;
  version: number;
  status: string;
  phone: string;
  sortOrder: number;
  agencyId: string;
}

/** A word no other test writes, to find this test's rows in the shared database. */
const tag = () => `zq${crypto.randomUUID().replace(/-/g, '').slice(0, 8)}`;

const json = (headers: Record<string, string>, method: string, body: unknown): RequestInit => ({
  method,
  headers: { ...headers, 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

async function create(headers: Record<string, string>, body: Record<string, unknown>) {
  const res = await call('/api/v1/work/directory/entries', json(headers, 'POST', body));
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { entry: WorkEntry }).entry;
}

async function publish(headers: Record<string, string>, e: WorkEntry) {
  const res = await call(
    `/api/v1/work/directory/entries/${e.id}/publish`,
    json(headers, 'POST', { version: e.version }),
  );
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { entry: WorkEntry }).entry;
}

async function directory(query: string): Promise<Directory> {
  const res = await call(`/api/v1/directory?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Directory;
}

const flatten = (entries: Entry[]): Entry[] => entries.flatMap((e) => [e, ...flatten(e.children)]);

describe('phone numbers', () => {
  it('accepts short codes, service lines, landlines, mobiles and +84, and refuses the rest', () => {
    expect(normalizePhone('113')).toBe('113');
    expect(normalizePhone('1022')).toBe('1022');
    expect(normalizePhone('1900 1006')).toBe('19001006');
    expect(normalizePhone('(0293) 3.876.543')).toBe('02933876543');
    expect(normalizePhone('0912-345-678')).toBe('0912345678');
    expect(normalizePhone('+84 912 345 678')).toBe('0912345678');
    expect(normalizePhone('+84 293 3876 543')).toBe('02933876543');
    for (const bad of ['12', '0123456789', '0612345678', '+1 202 555 0100', 'abc', '091234567']) {
      expect(normalizePhone(bad), bad).toBeNull();
    }
    expect(displayPhone('02933876543')).toBe('0293 3876 543');
    expect(displayPhone('0912345678')).toBe('0912 345 678');
    expect(displayPhone('19001006')).toBe('1900 1006');
    expect(displayPhone('115')).toBe('115');
  });
});

describe('directory editors', () => {
  it('lets the own agency editor and an admin write, and refuses everyone else', async () => {
    const editor = await signedInOfficial({ roles: ['directory_editor'], agencyId: 'so_y_te' });
    const other = await signedInOfficial({ roles: ['directory_editor'], agencyId: 'so_xay_dung' });
    const admin = await signedInOfficial({ roles: ['admin'] });
    const handler = await signedInOfficial({ roles: ['agency_handler'], agencyId: 'so_y_te' });
    const citizen = await signedInCitizen();
    const t = tag();
    const entry = await create(editor.headers, {
      kind: 'hotline',
      name: `Đường dây nóng ${t}`,
      phone: '0293 3870 115',
    });
    expect(entry.agencyId).toBe('so_y_te');
    expect(entry.status).toBe('draft');
    expect(entry.phone).toBe('02933870115');

    // Another agency's editor neither sees it nor may write for that agency.
    expect((await call(`/api/v1/work/directory/entries/${entry.id}`, other)).status).toBe(404);
    const foreign = await call(
      '/api/v1/work/directory/entries',
      json(other.headers, 'POST', {
        agencyId: 'so_y_te',
        kind: 'hotline',
        name: 'x',
        phone: '115',
      }),
    );
    expect(foreign.status).toBe(403);
    const list = (await (await call(`/api/v1/work/directory/entries?q=${t}`, other)).json()) as {
      items: WorkEntry[];
    };
    expect(list.items).toEqual([]);

    // An administrator edits any agency's entries.
    const patched = await call(
      `/api/v1/work/directory/entries/${entry.id}`,
      json(admin.headers, 'PATCH', { version: entry.version, hours: '24/7' }),
    );
    expect(patched.status).toBe(200);

    expect((await call('/api/v1/work/directory/entries')).status).toBe(401);
    expect((await call('/api/v1/work/directory/entries', citizen)).status).toBe(401);
    const refused = await call('/api/v1/work/directory/entries', handler);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as ErrorJson).error.code).toBe('forbidden');
    // Refused before the body is looked at.
    const refusedPost = await call(
      '/api/v1/work/directory/entries',
      json(handler.headers, 'POST', { nonsense: true }),
    );
    expect(refusedPost.status).toBe(403);

    const audit = await db().all<{ action: string }>(
      sql`select action from audit_log where entity_id = ${entry.id} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['directory.create', 'directory.update']);
  });

  it('refuses bad phone numbers, bad nesting and stale versions', async () => {
    const editor = await signedInOfficial({ roles: ['directory_editor'], agencyId: 'dien_luc' });
    const other = await signedInOfficial({ roles: ['directory_editor'], agencyId: 'so_y_te' });
    const bad = async (body: Record<string, unknown>, h = editor.headers) => {
      const res = await call('/api/v1/work/directory/entries', json(h, 'POST', body));
      expect(res.status, JSON.stringify(body)).toBe(400);
      return ((await res.json()) as ErrorJson).error.code;
    };
    expect(await bad({ kind: 'hotline', name: 'Điện lực', phone: '12' })).toBe('validation_failed');
    expect(await bad({ kind: 'hotline', name: 'Điện lực', phone: '0612 345 678' })).toBe(
      'validation_failed',
    );
    expect(
      await bad({ kind: 'hotline', name: 'Điện lực', phone: '19001006', phoneAlt: 'abc' }),
    ).toBe('validation_failed');
    expect(await bad({ kind: 'hotline', name: '  ', phone: '115' })).toBe('validation_failed');
    expect(await bad({ kind: 'department', name: 'Phòng kỹ thuật', phone: '02933870000' })).toBe(
      'parent_required',
    );

    const agency = await create(editor.headers, {
      kind: 'agency',
      name: 'Công ty Điện lực Hậu Giang',
      phone: '+84 293 3870 000',
    });
    const hotline = await create(editor.headers, {
      kind: 'hotline',
      name: 'Sự cố điện',
      phone: '19001006',
    });
    expect(
      await bad({ kind: 'department', name: 'Phòng', phone: '02933870001', parentId: hotline.id }),
    ).toBe('invalid_parent');
    expect(
      await bad({ kind: 'hotline', name: 'Sai', phone: '02933870001', parentId: agency.id }),
    ).toBe('parent_not_allowed');
    // A parent of another agency is not there for this editor.
    const foreignAgency = await create(other.headers, {
      kind: 'agency',
      name: 'Sở Y tế',
      phone: '02933870002',
    });
    expect(
      await bad({
        kind: 'department',
        name: 'Phòng',
        phone: '02933870001',
        parentId: foreignAgency.id,
      }),
    ).toBe('parent_not_found');

    const dept = await create(editor.headers, {
      kind: 'department',
      name: 'Phòng Kinh doanh',
      phone: '02933870003',
      parentId: agency.id,
    });
    const person = await create(editor.headers, {
      kind: 'person',
      name: 'Nguyễn Văn A',
      role: 'Trưởng phòng',
      phone: '0912 345 678',
      parentId: dept.id,
    });
    expect(person.phone).toBe('0912345678');

    const first = await call(
      `/api/v1/work/directory/entries/${person.id}`,
      json(editor.headers, 'PATCH', { version: person.version, role: 'Phó trưởng phòng' }),
    );
    expect(first.status).toBe(200);
    const stale = await call(
      `/api/v1/work/directory/entries/${person.id}`,
      json(editor.headers, 'PATCH', { version: person.version, role: 'Chuyên viên' }),
    );
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as ErrorJson).error.code).toBe('version_conflict');

    // A published entry is archived, not deleted; a draft with children is kept.
    const withChildren = await call(`/api/v1/work/directory/entries/${dept.id}`, {
      method: 'DELETE',
      headers: editor.headers,
    });
    expect(withChildren.status).toBe(409);
    const published = await publish(editor.headers, hotline);
    const notDraft = await call(`/api/v1/work/directory/entries/${published.id}`, {
      method: 'DELETE',
      headers: editor.headers,
    });
    expect(((await notDraft.json()) as ErrorJson).error.code).toBe('not_draft');
  });

  it('creates once for a retried request and reorders siblings', async () => {
    const editor = await signedInOfficial({
      roles: ['directory_editor'],
      agencyId: 'cap_thoat_nuoc',
    });
    const t = tag();
    const body = {
      requestKey: `key-${t}`,
      kind: 'agency',
      name: `Cấp nước ${t}`,
      phone: '02933999000',
    };
    const a = await call('/api/v1/work/directory/entries', json(editor.headers, 'POST', body));
    const b = await call('/api/v1/work/directory/entries', json(editor.headers, 'POST', body));
    expect(a.status).toBe(201);
    expect(b.status).toBe(200);
    const parent = ((await a.json()) as { entry: WorkEntry }).entry;
    expect(((await b.json()) as { entry: WorkEntry }).entry.id).toBe(parent.id);

    const kids: WorkEntry[] = [];
    for (const name of ['Phòng A', 'Phòng B', 'Phòng C']) {
      kids.push(
        await create(editor.headers, {
          kind: 'department',
          name: `${name} ${t}`,
          phone: '02933999001',
          parentId: parent.id,
        }),
      );
    }
    expect(kids.map((k) => k.sortOrder)).toEqual([0, 10, 20]);
    const order = [kids[2]?.id, kids[0]?.id, kids[1]?.id];
    const res = await call(
      '/api/v1/work/directory/reorder',
      json(editor.headers, 'POST', { ids: order }),
    );
    expect(res.status).toBe(200);
    const items = ((await res.json()) as { items: WorkEntry[] }).items;
    expect(items.map((i) => i.id)).toEqual(order);
    const notSiblings = await call(
      '/api/v1/work/directory/reorder',
      json(editor.headers, 'POST', { ids: [parent.id, kids[0]?.id] }),
    );
    expect(((await notSiblings.json()) as ErrorJson).error.code).toBe('not_siblings');
  });
});

describe('public directory', () => {
  it('lists emergency numbers first, nests agencies, searches without diacritics', async () => {
    const office = await signedInOfficial({ roles: ['directory_editor'], agencyId: 'so_noi_vu' });
    const t = tag();
    const e115 = await create(office.headers, {
      kind: 'emergency',
      name: `Cấp cứu ${t}`,
      phone: '115',
      sortOrder: 0,
    });
    const e113 = await create(office.headers, {
      kind: 'emergency',
      name: `Công an ${t}`,
      phone: '113',
      sortOrder: 0,
    });
    const line = await create(office.headers, {
      kind: 'hotline',
      name: `Đường dây nóng Sở Nội vụ ${t}`,
      phone: '02933870567',
    });
    const agency = await create(office.headers, {
      kind: 'agency',
      name: `Sở Nội vụ ${t}`,
      phone: '02933870568',
    });
    const dept = await create(office.headers, {
      kind: 'department',
      name: `Phòng Hộ tịch ${t}`,
      phone: '02933870569',
      parentId: agency.id,
    });
    const person = await create(office.headers, {
      kind: 'person',
      name: `Trần Thị Bình ${t}`,
      role: 'Trưởng phòng',
      phone: '0987 654 321',
      parentId: dept.id,
      en: { role: 'Head of division' },
    });
    const draft = await create(office.headers, {
      kind: 'hotline',
      name: `Bản nháp ${t}`,
      phone: '02933870570',
    });
    for (const e of [e115, e113, line, agency, dept, person]) await publish(office.headers, e);

    const all = await directory(`q=${t}`);
    expect(all.emergency.map((e) => e.name)).toEqual([`Công an ${t}`, `Cấp cứu ${t}`]);
    expect(all.emergency[0]).toMatchObject({ phone: '113', tel: 'tel:113', kind: 'emergency' });
    expect(all.hotlines.map((e) => e.id)).toEqual([line.id]);
    expect(all.hotlines[0]).toMatchObject({ phone: '0293 3870 567', tel: 'tel:02933870567' });
    expect(all.agencies.map((e) => e.id)).toEqual([agency.id]);
    expect(all.agencies[0]?.children.map((e) => e.id)).toEqual([dept.id]);
    expect(all.agencies[0]?.children[0]?.children.map((e) => e.id)).toEqual([person.id]);
    // The draft is nowhere.
    expect(
      flatten([...all.emergency, ...all.hotlines, ...all.agencies]).map((e) => e.id),
    ).not.toContain(draft.id);

    // Every emergency number of the whole directory comes before the hotlines' section.
    const whole = await directory('');
    expect(whole.emergency.every((e) => e.kind === 'emergency')).toBe(true);
    expect(Object.keys(whole)).toEqual(['emergency', 'hotlines', 'agencies']);

    const cap = await directory(`q=${encodeURIComponent(`cap cuu ${t}`)}`);
    expect(flatten([...cap.emergency, ...cap.hotlines, ...cap.agencies]).map((e) => e.id)).toEqual([
      e115.id,
    ]);
    // A person is found by name without tone marks, inside their agency and department.
    const binh = await directory(`q=${encodeURIComponent(`tran thi binh ${t}`)}`);
    expect(binh.emergency).toEqual([]);
    expect(binh.agencies[0]?.id).toBe(agency.id);
    expect(flatten(binh.agencies).map((e) => e.id)).toEqual([agency.id, dept.id, person.id]);
    // "ho tich" finds the department, with the people in it.
    const hoTich = await directory(`q=${encodeURIComponent(`ho tich ${t}`)}`);
    expect(flatten(hoTich.agencies).map((e) => e.id)).toEqual([agency.id, dept.id, person.id]);
    // By phone digits.
    const digits = await directory(`q=${encodeURIComponent(`0987654321 ${t}`)}`);
    expect(flatten(digits.agencies).map((e) => e.id)).toContain(person.id);
    // By kind.
    const onlyEmergency = await directory(`q=${t}&kind=emergency`);
    expect(onlyEmergency.hotlines).toEqual([]);
    expect(onlyEmergency.emergency).toHaveLength(2);

    // English where written, Vietnamese otherwise.
    const en = await directory(`q=${encodeURIComponent(`tran thi binh ${t}`)}&lang=en`);
    const p = flatten(en.agencies).find((e) => e.id === person.id);
    expect(p?.role).toBe('Head of division');
    expect(p?.name).toBe(`Trần Thị Bình ${t}`);

    expect((await call('/api/v1/directory?kind=nobody')).status).toBe(400);
  });

  it('answers 304 to an unchanged directory and a new page after a publication', async () => {
    const office = await signedInOfficial({ roles: ['directory_editor'], agencyId: 'so_noi_vu' });
    const t = tag();
    const first = await call(`/api/v1/directory?q=${t}`);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await call(`/api/v1/directory?q=${t}`, {
      headers: { 'If-None-Match': etag ?? '' },
    });
    expect(again.status).toBe(304);

    const e = await create(office.headers, { kind: 'hotline', name: `Mới ${t}`, phone: '1022' });
    await publish(office.headers, e);
    const after = await call(`/api/v1/directory?q=${t}`, {
      headers: { 'If-None-Match': etag ?? '' },
    });
    expect(after.status).toBe(200);
    expect(((await after.json()) as Directory).hotlines.map((h) => h.id)).toEqual([e.id]);

    // Archived: off the public directory.
    const current = (
      (await (await call(`/api/v1/work/directory/entries/${e.id}`, office)).json()) as {
        entry: WorkEntry;
      }
    ).entry;
    const archived = await call(
      `/api/v1/work/directory/entries/${e.id}/archive`,
      json(office.headers, 'POST', { version: current.version }),
    );
    expect(archived.status).toBe(200);
    expect((await directory(`q=${t}`)).hotlines).toEqual([]);
  });
});
