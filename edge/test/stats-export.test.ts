import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCsv, csvField, type ExportRow, REPORT_HEADERS, SHEETS } from '../src/stats/export';
import { leaderStatsWithReports } from '../src/stats/leader-repo';
import { call, type ErrorJson } from './helpers';
import { marker, type SeededReport, seedReports, testDb } from './seed-reports';
import { asAgencyLeader, asCommuneOfficer, asIoc, asProvinceLeader } from './support/officials';

// Exports of the leaders' statistics, on reports received in September 2002 (Vietnam's
// time), a month no other test uses: the workbook read back with exceljs, the CSV's bytes.

const PERIOD = 'from=2002-09-01&to=2002-09-30';
const PHONE = '0987654321';
const REPORTER = 'Trần Thị Riêng Tư';
let seeded: SeededReport[] = [];

beforeAll(async () => {
  const m = marker();
  seeded = await seedReports([
    {
      categoryId: 'giao_thong',
      agencyId: 'so_xay_dung',
      communeId: 'vi-thanh',
      description: `Ổ gà, "rất" sâu, ${m}`,
      status: 'resolved',
      // 08:00 on 2 September in Vietnam
      createdAt: '2002-09-02T01:00:00.000Z',
      dueAt: '2002-09-05T01:00:00.000Z',
      resolvedAt: '2002-09-04T09:30:00.000Z',
      rating: 'satisfied',
      contact: { name: REPORTER, phone: PHONE, agencyMayContact: true },
    },
    {
      categoryId: 'dien_chieu_sang',
      agencyId: 'dien_luc',
      communeId: 'vi-tan',
      description: `Đèn hỏng ${m}`,
      status: 'in_progress',
      createdAt: '2002-09-10T01:00:00.000Z',
      dueAt: '2002-09-12T01:00:00.000Z',
      contact: { name: REPORTER, phone: PHONE },
    },
    {
      categoryId: 'giao_thong',
      communeId: null,
      description: `Chưa rõ nơi ${m}`,
      status: 'received',
      createdAt: '2002-09-20T01:00:00.000Z',
    },
  ]);
  const first = seeded[0]?.code as string;
  await testDb().run(
    sql`update reports set first_assigned_at = '2002-09-02T02:00:00.000Z' where code = ${first}`,
  );
});

async function download(headers: Record<string, string>, query: string) {
  const res = await call(`/api/v1/work/stats/export?${query}`, { headers });
  if (res.status !== 200) throw new Error(`status ${res.status}: ${await res.text()}`);
  return res;
}

async function workbookOf(res: Response) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  return wb;
}

const rowsOf = (ws: ExcelJS.Worksheet) => {
  const out: unknown[][] = [];
  ws.eachRow((row) => {
    out.push((row.values as unknown[]).slice(1));
  });
  return out;
};

describe('GET /api/v1/work/stats/export?format=xlsx', () => {
  it('answers a workbook with the figures and the list, Vietnamese headers', async () => {
    const ioc = await asIoc();
    const res = await download(ioc.headers, `${PERIOD}&format=xlsx`);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="thong-ke-phan-anh_2002-09-01_2002-09-30.xlsx"',
    );
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const wb = await workbookOf(res);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp',
      'Theo lĩnh vực',
      'Theo cơ quan',
      'Theo xã phường',
      'Xu hướng',
      'Danh sách phản ánh',
    ]);

    const summary = rowsOf(wb.getWorksheet(SHEETS.summary) as ExcelJS.Worksheet);
    const value = (label: string) => summary.find((r) => r[0] === label)?.[1];
    expect(value('Kỳ thống kê')).toBe('2002-09-01 đến 2002-09-30 (giờ Việt Nam)');
    expect(value('Phạm vi')).toBe('Toàn tỉnh');
    expect(value('Số phản ánh tiếp nhận')).toBe(3);
    expect(value('Đã xử lý')).toBe(1);
    expect(value('Quá hạn chưa xử lý')).toBe(1);
    expect(value('Tỉ lệ đúng hạn (%)')).toBe(100);
    expect(value('Thời gian tiếp nhận đến khi chuyển cơ quan: trung vị (giờ)')).toBe(1);
    // 2 September 01:00 → 4 September 09:30 UTC: 56.5 hours
    expect(value('Thời gian xử lý: trung vị (giờ)')).toBe(56.5);
    expect(value('Thời gian xử lý: trung bình (giờ)')).toBe(56.5);
    expect(value('Hài lòng')).toBe(1);

    const list = rowsOf(wb.getWorksheet(SHEETS.reports) as ExcelJS.Worksheet);
    expect(list[0]).toEqual([...REPORT_HEADERS]);
    expect(list).toHaveLength(4);
    expect(list[1]).toEqual([
      seeded[0]?.code,
      'Giao thông',
      'Sở Xây dựng',
      'Phường Vị Thanh',
      'Đã xử lý',
      '2002-09-02 08:00',
      '2002-09-05 08:00',
      '2002-09-04 16:30',
      'Có',
      'Hài lòng',
    ]);
    expect(list[2]?.slice(0, 5)).toEqual([
      seeded[1]?.code,
      'Điện - Chiếu sáng',
      'Công ty Điện lực tỉnh',
      'Phường Vị Tân',
      'Đang xử lý',
    ]);
    expect(list[2]?.[8]).toBe('Quá hạn (chưa xử lý)');
    expect(list[3]?.[2]).toBe('Chưa chuyển cơ quan');

    const agencies = rowsOf(wb.getWorksheet(SHEETS.agencies) as ExcelJS.Worksheet);
    expect(agencies[0]?.[0]).toBe('Cơ quan xử lý');
    expect(agencies.slice(1).map((r) => [r[0], r[1]])).toEqual([
      ['Sở Xây dựng', 1],
      ['Công ty Điện lực tỉnh', 1],
      ['Chưa chuyển cơ quan', 1],
    ]);
    const trends = rowsOf(wb.getWorksheet(SHEETS.trends) as ExcelJS.Worksheet);
    expect(trends.filter((r) => r[0] === 'Tháng').map((r) => [r[1], r[4]])).toEqual([
      ['2002-09', 3],
    ]);

    // Never a reporter's contact details, on any sheet.
    for (const ws of wb.worksheets) {
      const text = JSON.stringify(rowsOf(ws));
      expect(text).not.toContain(PHONE);
      expect(text).not.toContain(REPORTER);
    }
  });

  it("limits an agency leader's export to their agency", async () => {
    const leader = await asAgencyLeader('dien_luc');
    const wb = await workbookOf(await download(leader.headers, PERIOD));
    const list = rowsOf(wb.getWorksheet(SHEETS.reports) as ExcelJS.Worksheet);
    expect(list.slice(1).map((r) => r[0])).toEqual([seeded[1]?.code]);
    const summary = rowsOf(wb.getWorksheet(SHEETS.summary) as ExcelJS.Worksheet);
    expect(summary.find((r) => r[0] === 'Phạm vi')?.[1]).toBe('Cơ quan: Công ty Điện lực tỉnh');
  });
});

describe('GET /api/v1/work/stats/export?format=csv', () => {
  it('answers the list with a UTF-8 BOM, Vietnamese headers and CRLF lines', async () => {
    const leader = await asProvinceLeader();
    const res = await download(leader.headers, `${PERIOD}&format=csv`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="thong-ke-phan-anh_2002-09-01_2002-09-30.csv"',
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      'Mã phản ánh,Lĩnh vực,Cơ quan xử lý,Xã/phường,Trạng thái,Ngày nhận,Hạn xử lý,Ngày xử lý,Đúng hạn,Đánh giá',
    );
    expect(lines[1]).toBe(
      `${seeded[0]?.code},Giao thông,Sở Xây dựng,Phường Vị Thanh,Đã xử lý,2002-09-02 08:00,2002-09-05 08:00,2002-09-04 16:30,Có,Hài lòng`,
    );
    expect(lines).toHaveLength(5); // header, 3 reports, and the empty string after the last CRLF
    expect(lines[4]).toBe('');
    expect(text).not.toContain(PHONE);
  });

  it('quotes fields as RFC 4180 says', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('ổ "gà"')).toBe('"ổ ""gà"""');
    expect(csvField('dòng 1\ndòng 2')).toBe('"dòng 1\ndòng 2"');
    expect(csvField('bình thường')).toBe('bình thường');
    const row: ExportRow = {
      code: 'PA-AAAAAA',
      category: 'Lĩnh vực, khác',
      agency: 'Cơ quan "A"',
      commune: '',
      status: 'Đã xử lý',
      createdAt: '2002-09-02 08:00',
      dueAt: '',
      resolvedAt: '',
      onTime: '',
      rating: '',
    };
    expect(buildCsv([row]).split('\r\n')[1]).toBe(
      'PA-AAAAAA,"Lĩnh vực, khác","Cơ quan ""A""",,Đã xử lý,2002-09-02 08:00,,,,',
    );
  });
});

describe('GET /api/v1/work/stats/export: permissions and input', () => {
  it('refuses officials without stats.export (a commune officer reads but does not export)', async () => {
    const officer = await asCommuneOfficer('vi-thanh');
    const read = await call(`/api/v1/work/stats?${PERIOD}`, { headers: officer.headers });
    expect(read.status).toBe(200);
    const res = await call(`/api/v1/work/stats/export?${PERIOD}`, { headers: officer.headers });
    expect(res.status).toBe(403);
    expect(((await res.json()) as ErrorJson).error.code).toBe('forbidden');
    const anonymous = await call(`/api/v1/work/stats/export?${PERIOD}`);
    expect(anonymous.status).toBe(401);
  });

  it('is described in the OpenAPI document', async () => {
    const res = await call('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/work/stats', '/api/v1/work/stats/export']),
    );
  });

  it('reads no report at all when the period holds more than an export may list', async () => {
    const filter = {
      start: '2002-08-31T17:00:00.000Z',
      end: '2002-09-30T17:00:00.000Z',
      now: new Date().toISOString(),
      scope: { all: true as const },
    };
    const fits = await leaderStatsWithReports(testDb(), filter, 3);
    expect(fits.reports.map((r) => r.code)).toEqual(seeded.map((r) => r.code));
    const tooMany = await leaderStatsWithReports(testDb(), filter, 2);
    expect(tooMany.reports).toEqual([]);
    // The figures still say how many there are (the 422 answer quotes them).
    expect(tooMany.groups.reduce((n, g) => n + Number(g.received), 0)).toBe(3);
  });

  it('refuses an unknown format with 400', async () => {
    const ioc = await asIoc();
    const res = await call(`/api/v1/work/stats/export?${PERIOD}&format=pdf`, {
      headers: ioc.headers,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorJson).error.code).toBe('validation_failed');
  });
});
