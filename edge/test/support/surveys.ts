import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import app from '../../src/app';
import { createDb } from '../../src/platform/db';
import type { Env } from '../../src/platform/env';
import type { SurveyDefinition } from '../../src/surveys/definition';
import { call, ORIGIN } from '../helpers';
import { signedInOfficial } from './officials';

// Shared by edge/test/surveys-*.test.ts: editors, a questionnaire with every question type and
// a skip rule, and surveys created and published through the real editor API.

export const db = () => createDb(env);

export const editor = (agencyId = 'so_noi_vu') =>
  signedInOfficial({ roles: ['survey_editor'], agencyId });

export type Headers = Record<string, string>;

export const jsonHeaders = (headers: Headers = {}) => ({
  'Content-Type': 'application/json',
  ...headers,
});

export function postJson(path: string, body: unknown, headers: Headers = {}, method = 'POST') {
  return call(path, { method, headers: jsonHeaders(headers), body: JSON.stringify(body) });
}

export async function json<T>(res: Response, status?: number): Promise<T> {
  const text = await res.text();
  if (status !== undefined && res.status !== status) {
    throw new Error(`expected ${status}, got ${res.status}: ${text}`);
  }
  return JSON.parse(text) as T;
}

/**
 * Section "chung" (a single choice whose "khong" skips to "gop-y", a multiple choice),
 * section "danh-gia" (a required scale), section "gop-y" (free text of at most 200).
 */
export function sampleDefinition(): SurveyDefinition {
  return {
    sections: [
      {
        id: 'chung',
        title: 'Thông tin chung',
        questions: [
          {
            id: 'da-dung',
            type: 'single',
            title: 'Anh/Chị đã dùng dịch vụ công trực tuyến chưa?',
            required: true,
            options: [
              { id: 'co', label: 'Đã dùng' },
              { id: 'khong', label: 'Chưa dùng' },
            ],
          },
          {
            id: 'kenh',
            type: 'multiple',
            title: 'Anh/Chị biết đến dịch vụ qua kênh nào?',
            required: false,
            options: [
              { id: 'zalo', label: 'Zalo, mạng xã hội' },
              { id: 'can-bo', label: 'Cán bộ xã, phường' },
              { id: 'loa', label: 'Loa phát thanh' },
            ],
          },
        ],
      },
      {
        id: 'danh-gia',
        title: 'Đánh giá',
        questions: [
          {
            id: 'diem',
            type: 'scale',
            title: 'Mức độ hài lòng',
            required: true,
            scale: { min: 1, max: 5, minLabel: 'Rất không hài lòng', maxLabel: 'Rất hài lòng' },
          },
        ],
      },
      {
        id: 'gop-y',
        title: 'Góp ý',
        questions: [
          { id: 'y-kien', type: 'text', title: 'Ý kiến khác', required: false, maxLength: 200 },
        ],
      },
    ],
    logic: [{ questionId: 'da-dung', optionId: 'khong', goTo: 'gop-y' }],
  };
}

export interface WorkSurvey {
  id: string;
  agencyId: string;
  agencyName: string;
  title: string;
  description: string;
  status: 'draft' | 'published' | 'closed';
  audience: 'verified' | 'anyone';
  opensAt: string;
  closesAt: string;
  version: number;
  responseCount: number;
  questionCount: number;
  publishedAt: string | null;
  canManage: boolean;
  definition: SurveyDefinition;
}

export function surveyInput(overrides: Record<string, unknown> = {}) {
  const now = Date.now();
  return {
    title: `Khảo sát thử ${crypto.randomUUID().slice(0, 8)}`,
    description: 'Lấy ý kiến người dân tỉnh Hậu Giang.',
    audience: 'verified',
    opensAt: new Date(now - 60_000).toISOString(),
    closesAt: new Date(now + 7 * 86_400_000).toISOString(),
    definition: sampleDefinition(),
    ...overrides,
  };
}

export async function createDraft(headers: Headers, overrides: Record<string, unknown> = {}) {
  return json<WorkSurvey>(
    await postJson('/api/v1/work/surveys', surveyInput(overrides), headers),
    201,
  );
}

/** A survey created and published by a new editor of `agencyId`. */
export async function publishedSurvey(
  overrides: Record<string, unknown> = {},
  agencyId = 'so_noi_vu',
) {
  const ed = await editor(agencyId);
  const draft = await createDraft(ed.headers, overrides);
  const survey = await json<WorkSurvey>(
    await call(`/api/v1/work/surveys/${draft.id}/publish`, {
      method: 'POST',
      headers: ed.headers,
    }),
    200,
  );
  return { survey, editor: ed };
}

export type Answers = Record<string, { optionIds?: string[]; value?: number | string }>;

/** A complete answer of sampleDefinition() that visits every section. */
export const fullAnswers = (): Answers => ({
  'da-dung': { optionIds: ['co'] },
  kenh: { optionIds: ['zalo', 'loa'] },
  diem: { value: 4 },
  'y-kien': { value: 'Nhanh, gọn' },
});

export function answer(surveyId: string, answers: Answers, headers: Headers = {}) {
  return postJson(`/api/v1/surveys/${surveyId}/responses`, { answers }, headers);
}

/** The same request through the app with other bindings (e.g. no rate limiter). */
export async function answerWith(
  bindings: Partial<Env>,
  surveyId: string,
  answers: Answers,
  headers: Headers = {},
): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.fetch(
    new Request(`${ORIGIN}/api/v1/surveys/${surveyId}/responses`, {
      method: 'POST',
      headers: jsonHeaders(headers),
      body: JSON.stringify({ answers }),
    }),
    { ...env, ...bindings } as Env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

export const newDeviceId = () => `thiet-bi-${crypto.randomUUID()}`;

export async function rejectionsOf(surveyId: string): Promise<Record<string, number>> {
  const rows = await db().$client.execute({
    sql: 'select reason, sum(count) as n from survey_rejections where survey_id = ? group by reason',
    args: [surveyId],
  });
  return Object.fromEntries(rows.rows.map((r) => [String(r.reason), Number(r.n)]));
}

export async function countRows(sqlText: string, args: (string | number)[]): Promise<number> {
  const rows = await db().$client.execute({ sql: sqlText, args });
  return Number(rows.rows[0]?.n ?? 0);
}
