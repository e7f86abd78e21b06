import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../platform/env';
import { ApiError } from '../platform/errors';
import { requireJsonBody } from '../platform/json-body';
import {
  jsonBody as body,
  errorResponse as error,
  jsonResponse as json,
} from '../platform/openapi';
import { clientIp, enforceRateLimits } from '../platform/rate-limit';
import { createRouter } from '../platform/router';
import { localDate } from '../platform/working-days';
import { hashDeviceId } from '../reports/tokens';
import { checkResponse, questionCount } from './definition';
import {
  countRejection,
  findPublicSurvey,
  isOpen,
  listOpenSurveys,
  type PublicSurveyRow,
  parseStoredDefinition,
  type RejectionReason,
  submitResponse,
} from './repo';
import {
  DeviceHeaders,
  PublicListQuery,
  PublicSurveyListSchema,
  PublicSurveySchema,
  ResponseBodySchema,
  ResponseCreatedSchema,
  SurveyIdParam,
} from './schemas';

// Opinion surveys for citizens (/api/v1/surveys): the surveys open now, one survey's form, and
// answering it. One answer per person: per Zalo account for `verified` surveys (a session is
// required), per device for `anyone` surveys, where a session, when present, counts as the
// person instead. The database decides between parallel answers (repo.submitResponse); every
// refused answer is counted (survey_rejections) for the editors' integrity figures.

const TAG = 'Khảo sát ý kiến';
export const PAGE_SIZE = 20;
/** Period of wrangler.toml's SURVEY_ANSWER_LIMITER and SURVEY_IP_LIMITER. */
export const RATE_PERIOD_SECONDS = 60;

const surveyNotFound = (id: string) =>
  new ApiError(404, 'survey_not_found', 'Không tìm thấy khảo sát.', { id });

const alreadyAnswered = () =>
  new ApiError(
    409,
    'already_answered',
    'Bạn đã trả lời khảo sát này. Mỗi người chỉ được trả lời một lần.',
  );

function surveyClosed(s: { opensAt: string; closesAt: string; status: string }, now: string) {
  const notYet = s.status === 'published' && now < s.opensAt;
  return new ApiError(
    409,
    'survey_closed',
    notYet
      ? 'Khảo sát chưa đến thời gian nhận câu trả lời.'
      : 'Khảo sát đã kết thúc, không nhận thêm câu trả lời.',
    { opensAt: s.opensAt, closesAt: s.closesAt },
  );
}

// ---- paging cursor ---------------------------------------------------------------------------

/** Opaque cursor: base64url of the JSON [closesAt, id] of the page's last survey. */
export function encodeCursor(last: { closesAt: string; id: string }): string {
  const bytes = new TextEncoder().encode(JSON.stringify([last.closesAt, last.id]));
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeCursor(cursor: string): { closesAt: string; id: string } {
  const invalid = new ApiError(
    400,
    'invalid_cursor',
    'Con trỏ trang (cursor) không hợp lệ. Hãy tải lại danh sách từ đầu.',
  );
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) throw invalid;
  try {
    const bin = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    const text = new TextDecoder().decode(Uint8Array.from(bin, (ch) => ch.charCodeAt(0)));
    const value: unknown = JSON.parse(text);
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string'
    ) {
      return { closesAt: value[0], id: value[1] };
    }
  } catch {
    // falls through to the error below
  }
  throw invalid;
}

// ---- who answers ------------------------------------------------------------------------------

interface Respondent {
  /** survey_responses.respondent_key: `user:<id>` or `device:<sha-256>`; null: unknown. */
  key: string | null;
  userId: string | null;
  /** The device of a signed-in caller: an answer it gave before sign-in counts as theirs. */
  deviceKey: string | null;
}

/** A session is the person; otherwise the device (only its hash is kept). */
async function respondentOf(c: Context<AppEnv>, deviceId: string | undefined): Promise<Respondent> {
  const userId = c.var.userId ?? null;
  const deviceKey = deviceId ? `device:${await hashDeviceId(deviceId)}` : null;
  if (userId) return { key: `user:${userId}`, userId, deviceKey };
  return { key: deviceKey, userId: null, deviceKey: null };
}

/** Every key under which the caller may already have answered. */
const keysOf = (who: Respondent) => [who.key, who.deviceKey].filter((k): k is string => k !== null);

function toPublic(row: PublicSurveyRow) {
  const definition = parseStoredDefinition(row);
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    agencyName: row.agencyName,
    audience: row.audience,
    opensAt: row.opensAt,
    closesAt: row.closesAt,
    status: row.status,
    definition,
    answered: Boolean(row.answered),
  };
}

// ---- routes -----------------------------------------------------------------------------------

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: [TAG],
  summary: 'Khảo sát đang mở',
  description:
    'Khảo sát đã phát hành và đang trong thời gian nhận câu trả lời, sắp kết thúc trước. `answered` theo phiên đăng nhập hoặc thiết bị (`X-Device-Id`).',
  request: { query: PublicListQuery, headers: DeviceHeaders },
  responses: {
    200: json(PublicSurveyListSchema, 'Danh sách khảo sát'),
    400: error('Tham số không hợp lệ (`invalid_cursor`, `validation_failed`)'),
  },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags: [TAG],
  summary: 'Một khảo sát: phiếu câu hỏi',
  description:
    'Khảo sát đã phát hành hoặc đã đóng (bản nháp không xem được). `status` và thời gian cho biết còn nhận câu trả lời hay không.',
  request: { params: SurveyIdParam, headers: DeviceHeaders },
  responses: {
    200: json(PublicSurveySchema, 'Khảo sát'),
    404: error('Không có khảo sát này (`survey_not_found`)'),
  },
});

const answerRoute = createRoute({
  method: 'post',
  path: '/{id}/responses',
  tags: [TAG],
  summary: 'Gửi câu trả lời',
  description:
    'Mỗi người một lần: khảo sát `verified` theo tài khoản Zalo (bắt buộc đăng nhập), khảo sát `anyone` theo thiết bị (`X-Device-Id`) hoặc theo tài khoản nếu đã đăng nhập. ' +
    'Câu trả lời được kiểm tra theo phiếu, kể cả điều kiện chuyển tiếp: `details.questions` cho biết lỗi của từng câu (`required`, `unknown_option`, `not_in_path`, `out_of_range`, `too_long`, `unknown_question`, `invalid`). ' +
    'Câu trả lời bị từ chối (trùng, quá nhanh, ngoài thời gian, chưa đăng nhập) được đếm trong số liệu của khảo sát.',
  middleware: [requireJsonBody] as const,
  request: { params: SurveyIdParam, headers: DeviceHeaders, body: body(ResponseBodySchema) },
  responses: {
    201: json(ResponseCreatedSchema, 'Đã ghi nhận'),
    400: error('Dữ liệu không hợp lệ, hoặc thiếu `X-Device-Id` (`device_id_required`)'),
    401: error('Khảo sát chỉ dành cho người đã đăng nhập Zalo (`session_required`)'),
    404: error('Không có khảo sát này (`survey_not_found`)'),
    409: error('Đã trả lời (`already_answered`) hoặc khảo sát không mở (`survey_closed`)'),
    422: error('Câu trả lời chưa hợp lệ (`invalid_answers`, `empty_response`)'),
    429: error('Gửi quá nhanh (`rate_limited`)'),
  },
});

export const surveyRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const { cursor } = c.req.valid('query');
    const who = await respondentOf(c, c.req.valid('header')['x-device-id']);
    const rows = await listOpenSurveys(c.var.db, {
      now: new Date().toISOString(),
      respondentKeys: keysOf(who),
      after: cursor ? decodeCursor(cursor) : null,
      limit: PAGE_SIZE + 1,
    });
    const page = rows.slice(0, PAGE_SIZE);
    const last = page[page.length - 1];
    c.header('Cache-Control', 'private, no-store');
    return c.json(
      {
        surveys: page.map((row) => ({
          id: row.id,
          title: row.title,
          description: row.description,
          agencyName: row.agencyName,
          opensAt: row.opensAt,
          closesAt: row.closesAt,
          audience: row.audience,
          questionCount: questionCount(parseStoredDefinition(row)),
          answered: Boolean(row.answered),
        })),
        nextCursor: rows.length > PAGE_SIZE && last ? encodeCursor(last) : null,
      },
      200,
    );
  })
  .openapi(detailRoute, async (c) => {
    const { id } = c.req.valid('param');
    const who = await respondentOf(c, c.req.valid('header')['x-device-id']);
    const row = await findPublicSurvey(c.var.db, id, keysOf(who));
    if (!row) throw surveyNotFound(id);
    c.header('Cache-Control', 'private, no-store');
    return c.json(toPublic(row), 200);
  })
  .openapi(answerRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { answers } = c.req.valid('json');
    const db = c.var.db;
    const now = new Date();
    const nowIso = now.toISOString();
    const day = localDate(now);
    const who = await respondentOf(c, c.req.valid('header')['x-device-id']);
    c.header('Cache-Control', 'no-store');

    const survey = await findPublicSurvey(db, id, keysOf(who));
    if (!survey) throw surveyNotFound(id);
    const refuse = async (reason: RejectionReason, err: ApiError): Promise<never> => {
      await countRejection(db, survey.id, reason, day);
      c.var.logFields.survey = { id: survey.id, rejected: reason };
      throw err;
    };
    if (!isOpen(survey, nowIso)) await refuse('closed', surveyClosed(survey, nowIso));
    if (survey.audience === 'verified' && !who.userId) {
      await refuse(
        'unverified',
        new ApiError(
          401,
          'session_required',
          'Khảo sát này dành cho người đã đăng nhập bằng Zalo. Vui lòng đăng nhập để trả lời.',
          undefined,
          { 'WWW-Authenticate': 'Bearer' },
        ),
      );
    }
    if (!who.key) {
      throw new ApiError(400, 'device_id_required', 'Thiếu mã thiết bị (tiêu đề X-Device-Id).');
    }
    const respondentKey = who.key;
    // A second answer is refused before the rate limiter: it costs one indexed read and must
    // say "already answered", however fast it comes.
    if (survey.answered) await refuse('duplicate', alreadyAnswered());

    const ip = clientIp(c.req.raw.headers);
    try {
      await enforceRateLimits([
        {
          limiter: c.env.SURVEY_ANSWER_LIMITER,
          key: `survey-respondent:${respondentKey}`,
          periodSeconds: RATE_PERIOD_SECONDS,
        },
        {
          limiter: c.env.SURVEY_IP_LIMITER,
          key: ip ? `survey-ip:${ip}` : null,
          periodSeconds: RATE_PERIOD_SECONDS,
        },
      ]);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'rate_limited') await refuse('rate_limited', err);
      throw err;
    }

    const check = checkResponse(parseStoredDefinition(survey), answers);
    if (!check.ok) {
      throw new ApiError(
        422,
        'invalid_answers',
        'Một số câu trả lời chưa hợp lệ. Vui lòng kiểm tra lại các câu được đánh dấu.',
        { questions: check.questions },
      );
    }
    if (check.rows.length === 0) {
      throw new ApiError(422, 'empty_response', 'Bạn chưa trả lời câu hỏi nào.');
    }

    const responseId = crypto.randomUUID();
    const outcome = await submitResponse(db, {
      responseId,
      surveyId: survey.id,
      respondentKey,
      otherKeys: who.deviceKey ? [who.deviceKey] : [],
      userId: who.userId,
      rows: check.rows,
      now: nowIso,
      day,
    });
    c.var.logFields.survey = { id: survey.id, outcome };
    // The batch has counted these refusals itself.
    if (outcome === 'duplicate') throw alreadyAnswered();
    if (outcome === 'closed') {
      throw new ApiError(
        409,
        'survey_closed',
        'Khảo sát đã kết thúc, không nhận thêm câu trả lời.',
      );
    }
    return c.json({ id: responseId }, 201);
  });
