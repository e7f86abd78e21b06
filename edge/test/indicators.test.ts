import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, type ErrorJson } from './helpers';
import { signedInCitizen } from './support/citizens';
import { db, signedInOfficial } from './support/officials';

// Socio-economic indicators: editors' API (permissions, codes, versions, values), the file
// import (XLSX and CSV, line-level errors with nothing written, dry run, re-import) and the
// public pages (cards with change, series, compare maths, search without diacritics, ETag).

type Headers = Record<string, string>;
interface WorkIndicator {
  id: string;
  code: string;
  version: number;
  status: string;
  frequency: string;
}
interface ImportErrorLine {
  line: number;
  field: string | null;
  message: string;
}

const tag = () => crypto.randomUUID().replace(/-/g, '').slice(0, 8).toUpperCase();
const json = (headers: Headers, method: string, body: unknown): RequestInit => ({
  method,
  headers: { ...headers, 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

const editorOf = (agencyId: string) => signedInOfficial({ roles: ['indicator_editor'], agencyId });

async function createIndicator(h: Headers, body: Record<string, unknown>) {
  const res = await call('/api/v1/work/indicators', json(h, 'POST', body));
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { indicator: WorkIndicator }).indicator;
}

async function publish(h: Headers, ind: WorkIndicator) {
  const res = await call(
    `/api/v1/work/indicators/${ind.id}/publish`,
    json(h, 'POST', { version: ind.version }),
  );
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { indicator: WorkIndicator }).indicator;
}

function upload(h: Headers, body: BodyInit, query = '', contentType = 'text/csv') {
  return call(`/api/v1/work/indicators/imports${query}`, {
    method: 'POST',
    headers: { ...h, 'Content-Type': contentType },
    body,
  });
}

async function valueCount(ids: string[]) {
  const [row] = await db().all<{ n: number }>(
    sql`select count(*) as n from indicator_values where indicator_id in ${ids}`,
  );
  return Number(row?.n);
}

async function importErrors(res: Response) {
  expect(res.status, await res.clone().text()).toBe(422);
  const body = (await res.json()) as ErrorJson;
  expect(body.error.code).toBe('import_invalid');
  return body.error.details as { errors: ImportErrorLine[]; total: number };
}

describe('indicators: editors', () => {
  let me: Awaited<ReturnType<typeof editorOf>>;
  let other: Awaited<ReturnType<typeof editorOf>>;
  let t: string;
  let yearly: WorkIndicator;
  let quarterly: WorkIndicator;
  let foreign: WorkIndicator;

  beforeAll(async () => {
    me = await editorOf('so_khoa_hoc_cong_nghe');
    other = await editorOf('so_noi_vu');
    t = tag();
    yearly = await createIndicator(me.headers, {
      code: `GRDP_${t}`,
      groupName: `Kinh tế ${t}`,
      name: `Tốc độ tăng trưởng GRDP ${t}`,
      unit: '%',
      frequency: 'year',
    });
    quarterly = await createIndicator(me.headers, {
      code: `THU_${t}`,
      groupName: `Kinh tế ${t}`,
      name: `Thu ngân sách ${t}`,
      unit: 'tỷ đồng',
      frequency: 'quarter',
    });
    foreign = await createIndicator(other.headers, {
      code: `NV_${t}`,
      groupName: 'Xã hội',
      name: `Số cán bộ ${t}`,
      unit: 'người',
      frequency: 'year',
    });
  }, 180_000);

  it('refuses citizens (401), officials without the role (403) and anyone signed out', async () => {
    const citizen = await signedInCitizen();
    const handler = await signedInOfficial({
      roles: ['agency_handler'],
      agencyId: 'so_khoa_hoc_cong_nghe',
    });
    const csv = `code,period,value\nGRDP_${t},2030,1\n`;
    expect((await upload(citizen.headers, csv)).status).toBe(401);
    expect((await upload({}, csv)).status).toBe(401);
    const res = await upload(handler.headers, csv);
    expect(res.status).toBe(403);
    expect(((await res.json()) as ErrorJson).error.code).toBe('forbidden');
    expect((await call('/api/v1/work/indicators', { headers: handler.headers })).status).toBe(403);
    expect(await valueCount([yearly.id])).toBe(0);
  });

  it('keeps codes unique and well formed, and lists only the own agency', async () => {
    const dup = await call(
      '/api/v1/work/indicators',
      json(other.headers, 'POST', {
        code: `GRDP_${t}`,
        groupName: 'Kinh tế',
        name: 'Trùng',
        unit: '%',
        frequency: 'year',
      }),
    );
    expect(dup.status).toBe(409);
    expect(((await dup.json()) as ErrorJson).error.code).toBe('duplicate_code');
    const bad = await call(
      '/api/v1/work/indicators',
      json(me.headers, 'POST', {
        code: 'grdp thuong',
        groupName: 'Kinh tế',
        name: 'Sai mã',
        unit: '%',
        frequency: 'year',
      }),
    );
    expect(bad.status).toBe(400);
    const list = await call('/api/v1/work/indicators?limit=50', { headers: me.headers });
    const items = ((await list.json()) as { items: { id: string; agencyId: string }[] }).items;
    expect(items.every((i) => i.agencyId === 'so_khoa_hoc_cong_nghe')).toBe(true);
    const theirs = await call(`/api/v1/work/indicators/${foreign.id}`, { headers: me.headers });
    expect(theirs.status).toBe(404);
  });

  it('checks the version on edits and audits them', async () => {
    const fresh = await createIndicator(me.headers, {
      code: `SUA_${t}`,
      groupName: 'Xã hội',
      name: 'Tỷ lệ hộ nghèo',
      unit: '%',
      frequency: 'year',
      higherIsBetter: false,
    });
    const ok = await call(
      `/api/v1/work/indicators/${fresh.id}`,
      json(me.headers, 'PATCH', {
        version: 1,
        name: 'Tỷ lệ hộ nghèo đa chiều',
        en: { name: 'Multidimensional poverty rate' },
      }),
    );
    expect(ok.status, await ok.clone().text()).toBe(200);
    const stale = await call(
      `/api/v1/work/indicators/${fresh.id}`,
      json(me.headers, 'PATCH', { version: 1, name: 'Cũ' }),
    );
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as ErrorJson).error.code).toBe('version_conflict');
    const audit = await db().all<{ action: string }>(
      sql`select action from audit_log where entity_id = ${fresh.id} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['indicator.create', 'indicator.update']);
  });

  it('imports a real XLSX (Vietnamese headers, periods in several forms)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Số liệu');
    ws.addRow(['Mã chỉ tiêu', 'Kỳ', 'Giá trị', 'Kế hoạch', 'Ghi chú']);
    ws.addRow([`GRDP_${t}`, 2023, 6.5, 7, 'Ước tính']);
    ws.addRow([`grdp_${t}`, '2024', 7.12, null, null]);
    ws.addRow([`THU_${t}`, 'Quý 3/2024', 1234.5, 1200, null]);
    ws.addRow([`THU_${t}`, 'Q4/2024', 1500, null, null]);
    ws.addRow([`THU_${t}`, '2025-Q1', '1.320,75', null, null]);
    const bytes = await wb.xlsx.writeBuffer();
    const res = await upload(
      me.headers,
      new Uint8Array(bytes as ArrayBuffer),
      '?fileName=so-lieu.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ dryRun: false, format: 'xlsx', rows: 5, created: 5, changed: 0 });
    const values = await db().all<{ period: string; value: number; target: number | null }>(
      sql`select period, value, target from indicator_values where indicator_id = ${quarterly.id} order by period`,
    );
    expect(values).toEqual([
      { period: '2024-Q3', value: 1234.5, target: 1200 },
      { period: '2024-Q4', value: 1500, target: null },
      { period: '2025-Q1', value: 1320.75, target: null },
    ]);
    const [imp] = await db().all<{ rows: number; format: string; fileName: string }>(
      sql`select rows, format, file_name as fileName from indicator_imports where id = ${body.importId as string}`,
    );
    expect(imp).toEqual({ rows: 5, format: 'xlsx', fileName: 'so-lieu.xlsx' });
    const audit = await db().all<{ toValue: string }>(
      sql`select to_value as toValue from audit_log where entity_id = ${body.importId as string}`,
    );
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.toValue ?? '{}')).toMatchObject({ rows: 5, created: 5 });
  });

  it('refuses a file with errors line by line and writes nothing', async () => {
    const before = await valueCount([yearly.id, quarterly.id, foreign.id]);
    const [imports] = await db().all<{ n: number }>(
      sql`select count(*) as n from indicator_imports`,
    );
    const csv = [
      'code;period;value;target',
      `GRDP_${t};2026;7,1;`, // line 2: fine
      `KHONG_CO_${t};2026;1;`, // 3: unknown code
      `GRDP_${t};2026-Q1;1;`, // 4: quarter for a yearly indicator
      `THU_${t};Quý 5/2026;1;`, // 5: no such quarter
      `THU_${t};2026-Q2;mười;`, // 6: not a number
      `THU_${t};2026-Q4;12,500;`, // 7: ambiguous
      `GRDP_${t};2026;7,2;`, // 8: duplicate of line 2
      '',
      `NV_${t};2026;100;`, // 10: another agency's indicator
      `THU_${t};2026-Q3;100;abc`, // 11: bad target
    ].join('\n');
    const details = await importErrors(await upload(me.headers, csv));
    expect(details.errors, JSON.stringify(details.errors)).toHaveLength(8);
    expect(details.total).toBe(8);
    expect(details.errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'code'],
      [4, 'period'],
      [5, 'period'],
      [6, 'value'],
      [7, 'value'],
      [8, 'period'],
      [10, 'code'],
      [11, 'target'],
    ]);
    expect(details.errors[6]?.message).toContain('cơ quan khác');
    expect(await valueCount([yearly.id, quarterly.id, foreign.id])).toBe(before);
    const [after] = await db().all<{ n: number }>(sql`select count(*) as n from indicator_imports`);
    expect(Number(after?.n)).toBe(Number(imports?.n));
  });

  it("does not let another agency's editor import values for my codes", async () => {
    const details = await importErrors(
      await upload(other.headers, `code,period,value\nGRDP_${t},2027,1\nNV_${t},2027,5\n`),
    );
    expect(details.errors).toEqual([
      { line: 2, field: 'code', message: expect.stringContaining('cơ quan khác') },
    ]);
    expect(await valueCount([foreign.id])).toBe(0);
    const [written] = await db().all<{ n: number }>(
      sql`select count(*) as n from indicator_values where indicator_id = ${yearly.id} and period = '2027'`,
    );
    expect(Number(written?.n)).toBe(0);
  });

  it('reads CSVs with BOM, semicolons, Vietnamese numbers and period forms; dry run writes nothing', async () => {
    const csv = `\uFEFFMã chỉ tiêu;Kỳ;Giá trị;Kế hoạch\r\nGRDP_${t};2024;7,5;7\r\nTHU_${t};Q4/2024;1 500;\r\nTHU_${t};quý 2/2025;"1.234,5";1.300,0\r\n`;
    const before = await valueCount([yearly.id, quarterly.id]);
    const dry = await upload(me.headers, csv, '?dryRun=true');
    expect(dry.status, await dry.clone().text()).toBe(200);
    // 2024 changes (7.12 → 7.5), Q4/2024 is the same 1500, Q2/2025 is new.
    expect(await dry.json()).toMatchObject({
      dryRun: true,
      format: 'csv',
      rows: 3,
      created: 1,
      changed: 1,
      unchanged: 1,
      importId: null,
    });
    expect(await valueCount([yearly.id, quarterly.id])).toBe(before);
    const res = await upload(me.headers, csv);
    expect(res.status).toBe(200);
    expect(await valueCount([yearly.id, quarterly.id])).toBe(before + 1);
    const [v] = await db().all<{ value: number; target: number }>(
      sql`select value, target from indicator_values where indicator_id = ${quarterly.id} and period = '2025-Q2'`,
    );
    expect(v).toEqual({ value: 1234.5, target: 1300 });
    const [g] = await db().all<{ value: number }>(
      sql`select value from indicator_values where indicator_id = ${yearly.id} and period = '2024'`,
    );
    expect(g?.value).toBe(7.5);
  });

  it('takes multipart uploads and rejects a file without the needed columns', async () => {
    const form = new FormData();
    form.append(
      'file',
      new File([`code,period,value\nGRDP_${t},2022,5.25\n`], 'grdp.csv', { type: 'text/csv' }),
    );
    const res = await call('/api/v1/work/indicators/imports', {
      method: 'POST',
      headers: me.headers,
      body: form,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const details = await importErrors(await upload(me.headers, 'code,value\nX,1\n'));
    expect(details.errors).toEqual([{ line: 1, field: 'period', message: expect.any(String) }]);
  });

  it('sets and deletes one value, checking the period kind', async () => {
    const put = await call(
      `/api/v1/work/indicators/${quarterly.id}/values/${encodeURIComponent('T7/2025')}`,
      json(me.headers, 'PUT', { value: 3 }),
    );
    expect(put.status).toBe(422);
    const ok = await call(
      `/api/v1/work/indicators/${quarterly.id}/values/${encodeURIComponent('Q3/2025')}`,
      json(me.headers, 'PUT', { value: 1400, target: 1350, note: 'Sơ bộ' }),
    );
    expect(ok.status, await ok.clone().text()).toBe(200);
    const body = (await ok.json()) as { values: { period: string; value: number }[] };
    expect(body.values.find((v) => v.period === '2025-Q3')?.value).toBe(1400);
    const del = await call(`/api/v1/work/indicators/${quarterly.id}/values/2025-Q3`, {
      method: 'DELETE',
      headers: me.headers,
    });
    expect(del.status).toBe(200);
    const again = await call(`/api/v1/work/indicators/${quarterly.id}/values/2025-Q3`, {
      method: 'DELETE',
      headers: me.headers,
    });
    expect(again.status).toBe(404);
    const theirs = await call(
      `/api/v1/work/indicators/${foreign.id}/values/2025`,
      json(me.headers, 'PUT', { value: 1 }),
    );
    expect(theirs.status).toBe(404);
  });

  it('serves a template workbook listing the agency codes', async () => {
    const res = await call('/api/v1/work/indicators/template.xlsx', { headers: me.headers });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const codes: string[] = [];
    wb.worksheets[1]?.eachRow((row, n) => {
      if (n > 1) codes.push(String(row.getCell(1).value));
    });
    expect(codes).toContain(`GRDP_${t}`);
    expect(codes).not.toContain(`NV_${t}`);
  });
});

describe('indicators: public pages', () => {
  let t: string;
  let growth: WorkIndicator;
  let poverty: WorkIndicator;
  let zero: WorkIndicator;

  beforeAll(async () => {
    const me = await editorOf('so_khoa_hoc_cong_nghe');
    t = tag();
    growth = await createIndicator(me.headers, {
      code: `TT_${t}`,
      groupName: 'Kinh tế',
      name: `Tốc độ tăng trưởng kinh tế ${t}`,
      unit: '%',
      frequency: 'quarter',
      en: { name: `Economic growth ${t}`, groupName: 'Economy' },
    });
    poverty = await createIndicator(me.headers, {
      code: `HN_${t}`,
      groupName: 'Xã hội',
      name: `Tỷ lệ hộ nghèo ${t}`,
      unit: '%',
      frequency: 'quarter',
      higherIsBetter: false,
    });
    zero = await createIndicator(me.headers, {
      code: `KHONG_${t}`,
      groupName: 'Xã hội',
      name: `Số vụ cháy rừng ${t}`,
      unit: 'vụ',
      frequency: 'quarter',
      higherIsBetter: false,
    });
    const csv = [
      'code,period,value,target',
      `TT_${t},2098-Q2,5,`,
      `TT_${t},2098-Q3,6,7`,
      `TT_${t},2099-Q2,7,`,
      `TT_${t},2099-Q3,7.5,8`,
      `HN_${t},2098-Q3,4,`,
      `HN_${t},2099-Q3,3,`,
      `KHONG_${t},2098-Q3,0,`,
      `KHONG_${t},2099-Q3,2,`,
    ].join('\n');
    const res = await upload(me.headers, csv);
    expect(res.status, await res.clone().text()).toBe(200);
    growth = await publish(me.headers, growth);
    poverty = await publish(me.headers, poverty);
    zero = await publish(me.headers, zero);
  }, 180_000);

  it('groups cards with the latest value, the previous period and the change', async () => {
    const res = await call(`/api/v1/indicators?q=${t}`);
    expect(res.status).toBe(200);
    const { groups } = (await res.json()) as {
      groups: { name: string; items: Record<string, unknown>[] }[];
    };
    const eco = groups.find((g) => g.name === 'Kinh tế');
    const card = eco?.items.find((i) => i.id === growth.id);
    expect(card).toMatchObject({
      latest: { period: '2099-Q3', value: 7.5, target: 8 },
      previous: { period: '2099-Q2', value: 7 },
      change: { absolute: 0.5, percent: 7.142857 },
    });
    // The poverty rate has no value the quarter before: no change is claimed.
    const social = groups.find((g) => g.name === 'Xã hội');
    expect(social?.items.find((i) => i.id === poverty.id)).toMatchObject({
      latest: { period: '2099-Q3', value: 3 },
      previous: null,
      change: null,
    });
  });

  it('finds indicators without diacritics and speaks English when asked', async () => {
    const res = await call(
      `/api/v1/indicators?q=${encodeURIComponent(`tang truong ${t}`)}&lang=en`,
    );
    const { groups } = (await res.json()) as {
      groups: { name: string; items: { id: string; name: string }[] }[];
    };
    expect(groups).toHaveLength(1);
    expect(groups[0]?.name).toBe('Economy');
    expect(groups[0]?.items.map((i) => i.name)).toEqual([`Economic growth ${t}`]);
  });

  it('compares two periods, guarding against division by zero', async () => {
    const res = await call('/api/v1/indicators/compare?period=Q3/2099');
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as {
      period: string;
      with: string;
      items: { id: string; value: number; previous: number; change: unknown }[];
    };
    expect(body.period).toBe('2099-Q3');
    expect(body.with).toBe('2098-Q3');
    const byId = new Map(body.items.map((i) => [i.id, i]));
    expect(byId.get(growth.id)).toMatchObject({
      value: 7.5,
      previous: 6,
      change: { absolute: 1.5, percent: 25 },
    });
    expect(byId.get(poverty.id)?.change).toEqual({ absolute: -1, percent: -25 });
    expect(byId.get(zero.id)?.change).toEqual({ absolute: 2, percent: null });
    const mixed = await call('/api/v1/indicators/compare?period=2099-Q3&with=2098');
    expect(mixed.status).toBe(400);
  });

  it('gives the series in period order, the available periods, and hides drafts', async () => {
    const res = await call(`/api/v1/indicators/${growth.id}?from=2098-Q3`);
    const body = (await res.json()) as { series: { period: string; value: number }[] };
    expect(body.series.map((s) => s.period)).toEqual(['2098-Q3', '2099-Q2', '2099-Q3']);
    const periods = (await (await call('/api/v1/indicators/periods')).json()) as {
      quarter: string[];
    };
    expect(periods.quarter.slice(0, 1)).toEqual(['2099-Q3']);
    const me = await editorOf('so_khoa_hoc_cong_nghe');
    const draft = await createIndicator(me.headers, {
      code: `NHAP_${t}`,
      groupName: 'Kinh tế',
      name: `Bản nháp ${t}`,
      unit: '%',
      frequency: 'year',
    });
    expect((await call(`/api/v1/indicators/${draft.id}`)).status).toBe(404);
  });

  it('answers 304 to a matching ETag until a value changes', async () => {
    const first = await call(`/api/v1/indicators/${growth.id}`);
    const etag = first.headers.get('ETag');
    expect(etag).toBeTruthy();
    const again = await call(`/api/v1/indicators/${growth.id}`, {
      headers: { 'If-None-Match': etag as string },
    });
    expect(again.status).toBe(304);
    const me = await editorOf('so_khoa_hoc_cong_nghe');
    const put = await call(
      `/api/v1/work/indicators/${growth.id}/values/2099-Q4`,
      json(me.headers, 'PUT', { value: 8 }),
    );
    expect(put.status).toBe(200);
    const changed = await call(`/api/v1/indicators/${growth.id}`, {
      headers: { 'If-None-Match': etag as string },
    });
    expect(changed.status).toBe(200);
  });
});
