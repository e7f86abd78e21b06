import ExcelJS from 'exceljs';
import { parse } from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SURVEY_IDS, DEMO_SURVEYS, seedDemoSurveys } from '../../scripts/demo-surveys';
import { localDate } from '../src/platform/working-days';
import { checkResponse, parseDefinition, type SurveyDefinition } from '../src/surveys/definition';
import { MAX_EXPORT_RESPONSES } from '../src/surveys/export';
import { call, type ErrorJson } from './helpers';
import { signedInCitizen } from './support/citizens';
import {
  type Answers,
  answer,
  countRows,
  db,
  editor,
  json,
  publishedSurvey,
  type WorkSurvey,
} from './support/surveys';

// Results (live charts) and exports of a survey with known answers: four citizens, one of them
// on the short path of the skip rule, one answering twice, free text in Vietnamese with commas,
// quotes and line breaks. The exports are read back (exceljs, papaparse) cell by cell.

const BASE = '/api/v1/work/surveys';

const TRICKY = 'Thủ tục "một cửa", nhanh;\nnhưng cần thêm chỗ ngồi, nước uống.';
const FORMULA = '=HYPERLINK("http://lua-dao.example","Nhấn vào đây")';

const ANSWERS: Answers[] = [
  {
    'da-dung': { optionIds: ['co'] },
    kenh: { optionIds: ['loa', 'zalo'] },
    diem: { value: 5 },
    'y-kien': { value: TRICKY },
  },
  { 'da-dung': { optionIds: ['co'] }, kenh: { optionIds: ['can-bo'] }, diem: { value: 3 } },
  { 'da-dung': { optionIds: ['khong'] }, 'y-kien': { value: FORMULA } },
  { 'da-dung': { optionIds: ['co'] }, diem: { value: 4 }, 'y-kien': { value: 'Tốt' } },
];

let survey: WorkSurvey;
let headers: Record<string, string>;
const responseIds: string[] = [];

beforeAll(async () => {
  const created = await publishedSurvey({ title: 'Khảo sát "kết quả", thử nghiệm' });
  survey = created.survey;
  headers = created.editor.headers;
  const citizens = [];
  for (const answers of ANSWERS) {
    const citizen = await signedInCitizen();
    citizens.push(citizen);
    const res = await answer(survey.id, answers, citizen.headers);
    responseIds.push((await json<{ id: string }>(res, 201)).id);
    // Distinct submission times, so "latest first" has one answer.
    await new Promise((r) => setTimeout(r, 5));
  }
  // The first citizen tries again: refused, counted.
  const again = await answer(survey.id, ANSWERS[0] as Answers, citizens[0]?.headers);
  expect(again.status).toBe(409);
});

type Results = {
  survey: WorkSurvey;
  responses: number;
  rejections: Record<string, number>;
  daily: { day: string; responses: number }[];
  questions: {
    id: string;
    type: string;
    answered: number;
    options?: { id: string; label: string; count: number }[];
    scale?: {
      min: number;
      max: number;
      average: number | null;
      counts: { value: number; count: number }[];
    };
    texts?: { value: string; submittedAt: string }[];
  }[];
};

describe('GET /api/v1/work/surveys/{id}/results', () => {
  it('counts options, averages scales, lists the latest texts and the integrity figures', async () => {
    const res = await call(`${BASE}/${survey.id}/results`, { headers });
    const r = await json<Results>(res, 200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(r.responses).toBe(4);
    expect(r.survey).toMatchObject({ id: survey.id, responseCount: 4, status: 'published' });
    expect(r.rejections).toEqual({ duplicate: 1, rate_limited: 0, closed: 0, unverified: 0 });
    expect(r.daily).toEqual([{ day: localDate(new Date()), responses: 4 }]);

    const q = Object.fromEntries(r.questions.map((x) => [x.id, x]));
    expect(q['da-dung']).toMatchObject({
      answered: 4,
      options: [
        { id: 'co', label: 'Đã dùng', count: 3 },
        { id: 'khong', label: 'Chưa dùng', count: 1 },
      ],
    });
    expect(q.kenh).toMatchObject({
      answered: 2,
      options: [
        { id: 'zalo', count: 1 },
        { id: 'can-bo', count: 1 },
        { id: 'loa', count: 1 },
      ],
    });
    expect(q.diem).toMatchObject({
      answered: 3,
      scale: {
        min: 1,
        max: 5,
        average: 4,
        counts: [
          { value: 1, count: 0 },
          { value: 2, count: 0 },
          { value: 3, count: 1 },
          { value: 4, count: 1 },
          { value: 5, count: 1 },
        ],
      },
    });
    expect(q['y-kien']?.answered).toBe(3);
    expect(q['y-kien']?.texts?.map((t) => t.value)).toEqual(['Tốt', FORMULA, TRICKY]);
  });

  it('fills the quiet days of the window with zeros', async () => {
    await db().$client.execute({
      sql: 'update survey_responses set created_at = ? where id = ?',
      args: [new Date(Date.now() - 3 * 86_400_000).toISOString(), responseIds[1] as string],
    });
    await db().$client.execute({
      sql: 'update surveys set opens_at = ? where id = ?',
      args: [new Date(Date.now() - 4 * 86_400_000).toISOString(), survey.id],
    });
    const r = await json<Results>(await call(`${BASE}/${survey.id}/results`, { headers }), 200);
    const day = (offset: number) => localDate(new Date(Date.now() - offset * 86_400_000));
    expect(r.daily).toEqual([
      { day: day(4), responses: 0 },
      { day: day(3), responses: 1 },
      { day: day(2), responses: 0 },
      { day: day(1), responses: 0 },
      { day: day(0), responses: 3 },
    ]);
  });
});

describe('exports', () => {
  const HEADERS = [
    'STT',
    'Mã phản hồi',
    'Thời điểm gửi (giờ Việt Nam)',
    'Người trả lời',
    '1. Anh/Chị đã dùng dịch vụ công trực tuyến chưa?',
    '2. Anh/Chị biết đến dịch vụ qua kênh nào?',
    '3. Mức độ hài lòng',
    '4. Ý kiến khác',
  ];

  it('XLSX: one row per response, a column per question, and a summary sheet', async () => {
    const res = await call(`${BASE}/${survey.id}/export.xlsx`, { headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="khao-sat_${survey.id}.xlsx"`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Phản hồi', 'Tổng hợp']);
    const rows: unknown[][] = [];
    wb.getWorksheet('Phản hồi')?.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1));
    });
    expect(rows[0]).toEqual(HEADERS);
    expect(rows).toHaveLength(5);
    // In the order they arrived (the second was moved 3 days back by the test above).
    const byId = new Map(rows.slice(1).map((r) => [r[1], r]));
    expect(byId.get(responseIds[0])?.slice(3)).toEqual([
      'Tài khoản Zalo',
      'Đã dùng',
      // Form order, whatever order they were chosen in.
      'Zalo, mạng xã hội; Loa phát thanh',
      5,
      TRICKY,
    ]);
    // Skipped questions stay empty (exceljs reads an empty cell as undefined).
    const skipped = byId.get(responseIds[2]) ?? [];
    expect([skipped[4], skipped[5], skipped[6], skipped[7]]).toEqual([
      'Chưa dùng',
      undefined,
      undefined,
      FORMULA,
    ]);
    expect(rows.slice(1).map((r) => r[0])).toEqual([1, 2, 3, 4]);

    const summary: unknown[][] = [];
    wb.getWorksheet('Tổng hợp')?.eachRow((row) => {
      summary.push((row.values as unknown[]).slice(1));
    });
    const value = (label: string) => summary.find((r) => r[0] === label)?.[1];
    expect(summary[0]?.[0]).toBe('Khảo sát "kết quả", thử nghiệm');
    expect(value('Số phản hồi')).toBe(4);
    expect(value('Trả lời lần thứ hai (trùng)')).toBe(1);
    expect(value('Điểm trung bình')).toBe(4);
    expect(value('Đã dùng')).toBe(3);
  });

  it('CSV: UTF-8 with a BOM, quoted Vietnamese text intact, formulas defused', async () => {
    const res = await call(`${BASE}/${survey.id}/export.csv`, { headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="khao-sat_${survey.id}.csv"`,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const parsed = parse<string[]>(text, { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    expect(header).toEqual(HEADERS);
    expect(rows).toHaveLength(4);
    const byId = new Map(rows.map((r) => [r[1], r]));
    expect(byId.get(responseIds[0])?.slice(3)).toEqual([
      'Tài khoản Zalo',
      'Đã dùng',
      'Zalo, mạng xã hội; Loa phát thanh',
      '5',
      TRICKY,
    ]);
    // A spreadsheet shows it as text instead of running it.
    expect(byId.get(responseIds[2])?.slice(4)).toEqual(['Chưa dùng', '', '', `'${FORMULA}`]);
    expect(byId.get(responseIds[0])?.[2]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  });

  it('an empty survey exports its header row only', async () => {
    const { survey: empty, editor: ed } = await publishedSurvey();
    const res = await call(`${BASE}/${empty.id}/export.csv`, { headers: ed.headers });
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = parse<string[]>(new TextDecoder().decode(bytes.slice(3)), {
      skipEmptyLines: true,
    });
    expect(parsed.data).toEqual([HEADERS]);
    const results = await json<Results>(
      await call(`${BASE}/${empty.id}/results`, { headers: ed.headers }),
      200,
    );
    expect(results.responses).toBe(0);
    expect(results.questions.find((q) => q.id === 'diem')?.scale?.average).toBeNull();
  });
});

describe('seedDemoSurveys (scripts/demo-surveys.ts)', () => {
  it('seeds two published surveys of Sở Nội vụ with valid answers, idempotently', async () => {
    const client = db().$client;
    const first = await seedDemoSurveys(client);
    const second = await seedDemoSurveys(client);
    expect(second).toEqual(first);
    expect(first.surveys).toBe(2);

    for (const demo of DEMO_SURVEYS) {
      expect(
        await countRows('select count(*) as n from survey_responses where survey_id = ?', [
          demo.id,
        ]),
      ).toBe(demo.answers.length);
      expect(
        await countRows('select response_count as n from surveys where id = ?', [demo.id]),
      ).toBe(demo.answers.length);
    }

    const verified = await json<{ audience: string; status: string; definition: SurveyDefinition }>(
      await call(`/api/v1/surveys/${DEMO_SURVEY_IDS.verified}`),
      200,
    );
    expect(verified).toMatchObject({ audience: 'verified', status: 'published' });
    const types = new Set(
      verified.definition.sections.flatMap((s) => s.questions.map((q) => q.type)),
    );
    expect([...types].sort()).toEqual(['multiple', 'scale', 'single', 'text']);
    expect(verified.definition.logic).toHaveLength(1);
    expect(parseDefinition(verified.definition).ok).toBe(true);
    // The short path of the skip rule is among the demo answers.
    const demo = DEMO_SURVEYS[0];
    expect(
      demo?.answers.some(
        (a) =>
          checkResponse(verified.definition, a).ok && a['da-nop-ho-so']?.optionIds?.[0] === 'khong',
      ),
    ).toBe(true);

    const anyone = await call(`/api/v1/surveys/${DEMO_SURVEY_IDS.anyone}`);
    expect(await json(anyone, 200)).toMatchObject({ audience: 'anyone', status: 'published' });

    // The demo editor's agency manages them.
    const ed = await editor('so_noi_vu');
    const results = await json<Results>(
      await call(`${BASE}/${DEMO_SURVEY_IDS.verified}/results`, { headers: ed.headers }),
      200,
    );
    expect(results.responses).toBe(DEMO_SURVEYS[0]?.answers.length);
  });

  it('opens a demo survey again when an old database’s window has run out', async () => {
    const client = db().$client;
    await seedDemoSurveys(client);
    await client.execute({
      sql: 'update surveys set closes_at = ? where id = ?',
      args: [new Date(Date.now() - 1000).toISOString(), DEMO_SURVEY_IDS.anyone],
    });
    await seedDemoSurveys(client);
    const res = await call(`/api/v1/surveys/${DEMO_SURVEY_IDS.anyone}`);
    const body = await json<{ closesAt: string }>(res, 200);
    expect(Date.parse(body.closesAt)).toBeGreaterThan(Date.now() + 29 * 86_400_000);
  });
});

describe('export errors', () => {
  it('answers 404 in the error shape for an unknown survey', async () => {
    const res = await call(`${BASE}/khong-co/export.xlsx`, { headers });
    expect((await json<ErrorJson>(res, 404)).error.code).toBe('survey_not_found');
  });

  it('refuses an XLSX above 20,000 responses and points to CSV, which still works', async () => {
    const { survey: big, editor: ed } = await publishedSurvey();
    const n = MAX_EXPORT_RESPONSES.xlsx + 1;
    await db().$client.execute({
      sql: `with recursive seq(i) as (select 1 union all select i + 1 from seq where i < ?)
        insert into survey_responses (id, survey_id, respondent_key, user_id, created_at)
        select ? || '-' || i, ?, 'device:' || i, null, ? from seq`,
      args: [n, big.id, big.id, new Date().toISOString()],
    });
    const res = await call(`${BASE}/${big.id}/export.xlsx`, { headers: ed.headers });
    const err = (await json<ErrorJson>(res, 422)).error;
    expect(err).toMatchObject({
      code: 'export_too_large',
      details: { count: n, max: MAX_EXPORT_RESPONSES.xlsx },
    });
    expect(err.message).toContain('Vui lòng xuất dạng CSV.');
    const csv = await call(`${BASE}/${big.id}/export.csv`, { headers: ed.headers });
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines).toHaveLength(n + 1);
  }, 60_000);
});
