import { describe, expect, it } from 'vitest';
import { localDate } from '../src/platform/working-days';
import { submitResponse } from '../src/surveys/repo';
import { call, type ErrorJson } from './helpers';
import { signedInCitizen } from './support/citizens';
import { withinOneClockWindow } from './support/clock-window';
import {
  type Answers,
  answer,
  answerWith,
  countRows,
  createDraft,
  db,
  editor,
  fullAnswers,
  json,
  newDeviceId,
  publishedSurvey,
  rejectionsOf,
} from './support/surveys';

// Citizens answering surveys (/api/v1/surveys): who may answer, one answer per person under
// parallel requests, the check of answers against the questionnaire and its skip logic, the
// opening window, rate limits, and the rejection counters behind the integrity figures.

type SurveyListJson = {
  surveys: {
    id: string;
    title: string;
    agencyName: string;
    audience: string;
    closesAt: string;
    questionCount: number;
    answered: boolean;
  }[];
  nextCursor: string | null;
};

const randomIp = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

async function errorOf(res: Response, status: number) {
  return (await json<ErrorJson>(res, status)).error;
}

const responsesOf = (surveyId: string) =>
  countRows('select count(*) as n from survey_responses where survey_id = ?', [surveyId]);
const answerRowsOf = (surveyId: string) =>
  countRows('select count(*) as n from survey_answers where survey_id = ?', [surveyId]);
const responseCountOf = (surveyId: string) =>
  countRows('select response_count as n from surveys where id = ?', [surveyId]);

describe('GET /api/v1/surveys', () => {
  it('lists open published surveys, closing soonest first, with `answered` per person', async () => {
    const { survey } = await publishedSurvey();
    const ed = await editor();
    const draft = await createDraft(ed.headers);
    const citizen = await signedInCitizen();

    const seen: SurveyListJson['surveys'] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 50; page++) {
      const res = await call(`/api/v1/surveys${cursor ? `?cursor=${cursor}` : ''}`, {
        headers: citizen.headers,
      });
      const body = await json<SurveyListJson>(res, 200);
      expect(body.surveys.length).toBeLessThanOrEqual(20);
      seen.push(...body.surveys);
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    expect(new Set(seen.map((s) => s.id)).size).toBe(seen.length);
    const closes = seen.map((s) => s.closesAt);
    expect(closes).toEqual([...closes].sort());
    expect(seen.some((s) => s.id === draft.id)).toBe(false);
    const mine = seen.find((s) => s.id === survey.id);
    expect(mine).toMatchObject({
      title: survey.title,
      agencyName: 'Sở Nội vụ',
      audience: 'verified',
      questionCount: 4,
      answered: false,
    });

    expect((await answer(survey.id, fullAnswers(), citizen.headers)).status).toBe(201);
    const after = await json<SurveyListJson>(
      await call('/api/v1/surveys', { headers: citizen.headers }),
      200,
    );
    // Page one or later: walk until found.
    let found = after.surveys.find((s) => s.id === survey.id);
    let next = after.nextCursor;
    while (!found && next) {
      const page = await json<SurveyListJson>(
        await call(`/api/v1/surveys?cursor=${next}`, { headers: citizen.headers }),
        200,
      );
      found = page.surveys.find((s) => s.id === survey.id);
      next = page.nextCursor;
    }
    expect(found?.answered).toBe(true);
  });

  it('refuses a cursor that is not one of ours', async () => {
    const res = await call('/api/v1/surveys?cursor=%%%');
    expect((await errorOf(res, 400)).code).toBe('invalid_cursor');
  });
});

describe('GET /api/v1/surveys/{id}', () => {
  it('answers the form of a published survey, never a draft', async () => {
    const { survey } = await publishedSurvey({ audience: 'anyone' });
    const device = newDeviceId();
    const res = await call(`/api/v1/surveys/${survey.id}`, { headers: { 'X-Device-Id': device } });
    const body = await json<Record<string, unknown>>(res, 200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(body).toMatchObject({
      id: survey.id,
      status: 'published',
      audience: 'anyone',
      answered: false,
      agencyName: 'Sở Nội vụ',
    });
    expect(body.definition).toEqual(survey.definition);

    await answer(survey.id, fullAnswers(), { 'X-Device-Id': device });
    const again = await call(`/api/v1/surveys/${survey.id}`, {
      headers: { 'X-Device-Id': device },
    });
    expect((await json<{ answered: boolean }>(again, 200)).answered).toBe(true);

    const ed = await editor();
    const draft = await createDraft(ed.headers);
    expect((await errorOf(await call(`/api/v1/surveys/${draft.id}`), 404)).code).toBe(
      'survey_not_found',
    );
  });
});

describe('POST /api/v1/surveys/{id}/responses: who may answer', () => {
  it('stores a verified citizen’s answer once, with every answer row', async () => {
    const { survey } = await publishedSurvey();
    const citizen = await signedInCitizen();
    const res = await answer(survey.id, fullAnswers(), citizen.headers);
    const { id } = await json<{ id: string }>(res, 201);
    const rows = await db().$client.execute({
      sql: 'select question_id, option_id, value from survey_answers where response_id = ? order by question_id, option_id',
      args: [id],
    });
    expect(rows.rows.map((r) => [r.question_id, r.option_id, r.value])).toEqual([
      ['da-dung', 'co', null],
      ['diem', '', '4'],
      ['kenh', 'loa', null],
      ['kenh', 'zalo', null],
      ['y-kien', '', 'Nhanh, gọn'],
    ]);
    const response = await db().$client.execute({
      sql: 'select respondent_key, user_id from survey_responses where id = ?',
      args: [id],
    });
    expect(response.rows[0]?.respondent_key).toBe(`user:${citizen.userId}`);
    expect(await responseCountOf(survey.id)).toBe(1);

    const twice = await answer(survey.id, fullAnswers(), citizen.headers);
    expect(await errorOf(twice, 409)).toMatchObject({
      code: 'already_answered',
      message: 'Bạn đã trả lời khảo sát này. Mỗi người chỉ được trả lời một lần.',
    });
    expect(await rejectionsOf(survey.id)).toEqual({ duplicate: 1 });
  });

  it('refuses a verified survey without a Zalo session, even with a device id (counted)', async () => {
    const { survey } = await publishedSurvey();
    const res = await answer(survey.id, fullAnswers(), { 'X-Device-Id': newDeviceId() });
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect((await errorOf(res, 401)).code).toBe('session_required');
    expect(await responsesOf(survey.id)).toBe(0);
    expect(await rejectionsOf(survey.id)).toEqual({ unverified: 1 });
  });

  it('takes one answer per device on an `anyone` survey; a session counts as the person', async () => {
    const { survey } = await publishedSurvey({ audience: 'anyone' });
    const device = newDeviceId();
    expect((await answer(survey.id, fullAnswers(), { 'X-Device-Id': device })).status).toBe(201);
    const again = await answer(survey.id, fullAnswers(), { 'X-Device-Id': device });
    expect((await errorOf(again, 409)).code).toBe('already_answered');

    const stored = await db().$client.execute({
      sql: 'select respondent_key, user_id from survey_responses where survey_id = ?',
      args: [survey.id],
    });
    // Only the hash of the device id is kept.
    expect(stored.rows[0]?.respondent_key).toMatch(/^device:[0-9a-f]{64}$/);
    expect(String(stored.rows[0]?.respondent_key)).not.toContain(device);
    expect(stored.rows[0]?.user_id).toBeNull();

    const citizen = await signedInCitizen();
    const first = await answer(survey.id, fullAnswers(), {
      ...citizen.headers,
      'X-Device-Id': newDeviceId(),
    });
    expect(first.status).toBe(201);
    // Another phone, same Zalo account: the same person.
    const otherPhone = await answer(survey.id, fullAnswers(), {
      ...citizen.headers,
      'X-Device-Id': newDeviceId(),
    });
    expect((await errorOf(otherPhone, 409)).code).toBe('already_answered');

    const anonymous = await answer(survey.id, fullAnswers());
    expect((await errorOf(anonymous, 400)).code).toBe('device_id_required');
    expect(await responsesOf(survey.id)).toBe(2);
    expect(await rejectionsOf(survey.id)).toEqual({ duplicate: 2 });
  });

  it('does not take a second answer from a device that answered before signing in', async () => {
    const { survey } = await publishedSurvey({ audience: 'anyone' });
    const device = newDeviceId();
    expect((await answer(survey.id, fullAnswers(), { 'X-Device-Id': device })).status).toBe(201);
    const citizen = await signedInCitizen();
    const signedIn = { ...citizen.headers, 'X-Device-Id': device };
    const view = await call(`/api/v1/surveys/${survey.id}`, { headers: signedIn });
    expect((await json<{ answered: boolean }>(view, 200)).answered).toBe(true);
    expect((await errorOf(await answer(survey.id, fullAnswers(), signedIn), 409)).code).toBe(
      'already_answered',
    );
    expect(await responsesOf(survey.id)).toBe(1);
  });

  it('the batch refuses a signed-in answer whose device answered meanwhile', async () => {
    const { survey } = await publishedSurvey({ audience: 'anyone' });
    const now = new Date();
    const base = {
      surveyId: survey.id,
      rows: [{ questionId: 'da-dung', optionId: 'khong', value: null }],
      now: now.toISOString(),
      day: localDate(now),
    };
    const deviceKey = `device:${crypto.randomUUID()}`;
    expect(
      await submitResponse(db(), {
        ...base,
        responseId: crypto.randomUUID(),
        respondentKey: deviceKey,
        userId: null,
      }),
    ).toBe('created');
    expect(
      await submitResponse(db(), {
        ...base,
        responseId: crypto.randomUUID(),
        respondentKey: `user:${crypto.randomUUID()}`,
        otherKeys: [deviceKey],
        userId: null,
      }),
    ).toBe('duplicate');
    expect(await responsesOf(survey.id)).toBe(1);
    expect(await rejectionsOf(survey.id)).toEqual({ duplicate: 1 });
  });

  it('answers 404 for an unknown survey and a draft', async () => {
    const citizen = await signedInCitizen();
    const res = await answer('khong-co-khao-sat-nay', fullAnswers(), citizen.headers);
    expect((await errorOf(res, 404)).code).toBe('survey_not_found');
    const ed = await editor();
    const draft = await createDraft(ed.headers);
    expect((await answer(draft.id, fullAnswers(), citizen.headers)).status).toBe(404);
  });
});

describe('POST /api/v1/surveys/{id}/responses: the opening window', () => {
  it('refuses answers before the window opens, after it ends and once closed (counted)', async () => {
    const citizen = await signedInCitizen();
    const soon = await publishedSurvey({
      opensAt: new Date(Date.now() + 86_400_000).toISOString(),
      closesAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    });
    const early = await answer(soon.survey.id, fullAnswers(), citizen.headers);
    expect(await errorOf(early, 409)).toMatchObject({
      code: 'survey_closed',
      message: 'Khảo sát chưa đến thời gian nhận câu trả lời.',
    });
    // Not listed either.
    const list = await json<SurveyListJson>(await call('/api/v1/surveys'), 200);
    expect(list.surveys.some((s) => s.id === soon.survey.id)).toBe(false);

    const ended = await publishedSurvey();
    await db().$client.execute({
      sql: 'update surveys set closes_at = ? where id = ?',
      args: [new Date(Date.now() - 1000).toISOString(), ended.survey.id],
    });
    const late = await answer(ended.survey.id, fullAnswers(), citizen.headers);
    expect(await errorOf(late, 409)).toMatchObject({
      code: 'survey_closed',
      message: 'Khảo sát đã kết thúc, không nhận thêm câu trả lời.',
    });

    const closed = await publishedSurvey();
    const res = await call(`/api/v1/work/surveys/${closed.survey.id}/close`, {
      method: 'POST',
      headers: closed.editor.headers,
    });
    expect(res.status).toBe(200);
    expect((await answer(closed.survey.id, fullAnswers(), citizen.headers)).status).toBe(409);

    for (const s of [soon, ended, closed]) {
      expect(await rejectionsOf(s.survey.id)).toEqual({ closed: 1 });
      expect(await responsesOf(s.survey.id)).toBe(0);
    }
  });
});

describe('POST /api/v1/surveys/{id}/responses: answers checked against the questionnaire', () => {
  async function refused(answers: Answers) {
    const { survey } = await publishedSurvey();
    const citizen = await signedInCitizen();
    const res = await answer(survey.id, answers, citizen.headers);
    const err = await errorOf(res, 422);
    // Nothing written, nothing counted as a rejection: the citizen corrects and sends again.
    expect(await responsesOf(survey.id)).toBe(0);
    expect(await answerRowsOf(survey.id)).toBe(0);
    expect(await rejectionsOf(survey.id)).toEqual({});
    return err;
  }

  it('a missing required answer', async () => {
    const { diem: _, ...answers } = fullAnswers();
    expect(await refused(answers)).toEqual({
      code: 'invalid_answers',
      message: 'Một số câu trả lời chưa hợp lệ. Vui lòng kiểm tra lại các câu được đánh dấu.',
      details: { questions: { diem: 'required' } },
    });
  });

  it('an option that does not exist', async () => {
    const err = await refused({ ...fullAnswers(), kenh: { optionIds: ['zalo', 'tivi'] } });
    expect(err.details).toEqual({ questions: { kenh: 'unknown_option' } });
  });

  it('an answer in a section the skip logic jumped over', async () => {
    const err = await refused({
      'da-dung': { optionIds: ['khong'] },
      diem: { value: 3 },
      'y-kien': { value: 'Chưa biết cách dùng' },
    });
    expect(err.details).toEqual({ questions: { diem: 'not_in_path' } });
  });

  it('a scale value out of range, a text too long, an unknown question, all at once', async () => {
    const err = await refused({
      ...fullAnswers(),
      diem: { value: 6 },
      'y-kien': { value: 'ý'.repeat(201) },
      'cau-la': { value: 'không có câu này' },
    });
    expect(err.details).toEqual({
      questions: { diem: 'out_of_range', 'y-kien': 'too_long', 'cau-la': 'unknown_question' },
    });
  });

  it('an empty response', async () => {
    const { survey } = await publishedSurvey({
      definition: {
        sections: [
          {
            id: 'mot',
            title: 'Một',
            questions: [{ id: 'tu-do', type: 'text', title: 'Ý kiến', required: false }],
          },
        ],
        logic: [],
      },
    });
    const citizen = await signedInCitizen();
    const res = await answer(survey.id, { 'tu-do': { value: '   ' } }, citizen.headers);
    expect((await errorOf(res, 422)).code).toBe('empty_response');
  });

  it('accepts the short path: "not used yet" skips the rating', async () => {
    const { survey } = await publishedSurvey();
    const citizen = await signedInCitizen();
    const res = await answer(
      survey.id,
      { 'da-dung': { optionIds: ['khong'] }, 'y-kien': { value: 'Chưa biết cách dùng' } },
      citizen.headers,
    );
    expect(res.status).toBe(201);
    expect(await answerRowsOf(survey.id)).toBe(2);
  });

  it('refuses a malformed body with 400, not 500', async () => {
    const { survey } = await publishedSurvey();
    const citizen = await signedInCitizen();
    const res = await call(`/api/v1/surveys/${survey.id}/responses`, {
      method: 'POST',
      headers: { ...citizen.headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ answers: { diem: { value: { x: 1 } } } }),
    });
    expect((await errorOf(res, 400)).code).toBe('validation_failed');
    const notJson = await call(`/api/v1/surveys/${survey.id}/responses`, {
      method: 'POST',
      headers: { ...citizen.headers, 'Content-Type': 'application/json' },
      body: '{',
    });
    expect((await errorOf(notJson, 400)).code).toBe('invalid_json');
  });
});

describe('one answer per person under parallel requests', () => {
  it('20 parallel identical submissions: exactly one stored, 19 refused as duplicates', async () => {
    const { survey } = await publishedSurvey();
    const citizen = await signedInCitizen();
    // Without the rate limiter (10 a minute per person, tested below), so that the database
    // alone decides between the parallel requests.
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        answerWith({ SURVEY_ANSWER_LIMITER: undefined }, survey.id, fullAnswers(), citizen.headers),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array<number>(19).fill(409)]);
    for (const r of responses.filter((x) => x.status === 409)) {
      expect((await json<ErrorJson>(r)).error.code).toBe('already_answered');
    }
    expect(await responsesOf(survey.id)).toBe(1);
    expect(await answerRowsOf(survey.id)).toBe(5);
    expect(await responseCountOf(survey.id)).toBe(1);
    expect(await rejectionsOf(survey.id)).toEqual({ duplicate: 19 });
  });

  it('with the rate limiter on: still one answer, and every refusal counted under its reason', async () => {
    const { survey } = await publishedSurvey({ audience: 'anyone' });
    const device = newDeviceId();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => answer(survey.id, fullAnswers(), { 'X-Device-Id': device })),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.every((s) => s === 201 || s === 409 || s === 429)).toBe(true);
    const duplicates = statuses.filter((s) => s === 409).length;
    const limited = statuses.filter((s) => s === 429).length;
    // 10 attempts a minute per person pass the limiter; the duplicates refused before it do not count.
    expect(limited).toBeLessThanOrEqual(10);
    expect(await responsesOf(survey.id)).toBe(1);
    expect(await answerRowsOf(survey.id)).toBe(5);
    const counted = await rejectionsOf(survey.id);
    expect(counted.duplicate ?? 0).toBe(duplicates);
    expect(counted.rate_limited ?? 0).toBe(limited);
  });

  it('never leaves a response without its answers when the batch fails', async () => {
    const { survey } = await publishedSurvey();
    const responseId = crypto.randomUUID();
    const now = new Date();
    // The same answer row twice breaks survey_answers' primary key in the middle of the batch.
    await expect(
      submitResponse(db(), {
        responseId,
        surveyId: survey.id,
        respondentKey: `user:${crypto.randomUUID()}`,
        userId: null,
        rows: [
          { questionId: 'da-dung', optionId: 'co', value: null },
          { questionId: 'da-dung', optionId: 'co', value: null },
        ],
        now: now.toISOString(),
        day: localDate(now),
      }),
    ).rejects.toThrow();
    expect(await responsesOf(survey.id)).toBe(0);
    expect(await responseCountOf(survey.id)).toBe(0);
  });
});

describe('rate limits (10 a minute per person, 60 per IP)', () => {
  it('per IP: the 61st new answer from one address within a minute is refused and counted', async () => {
    await withinOneClockWindow(50);
    const { survey } = await publishedSurvey({ audience: 'anyone' });
    const ip = randomIp();
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) {
      const res = await answer(survey.id, fullAnswers(), {
        'X-Device-Id': newDeviceId(),
        'CF-Connecting-IP': ip,
      });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.headers.get('retry-after')).toBe('60');
        expect(await errorOf(res, 429)).toEqual({
          code: 'rate_limited',
          message: 'Bạn gửi quá nhanh, vui lòng thử lại sau ít phút.',
          details: { retryAfter: 60 },
        });
      }
    }
    expect(statuses).toEqual([...Array<number>(60).fill(201), 429]);
    expect(await responsesOf(survey.id)).toBe(60);
    expect(await rejectionsOf(survey.id)).toEqual({ rate_limited: 1 });
  }, 120_000);

  it('per person: repeated attempts (here invalid ones) are slowed down too', async () => {
    await withinOneClockWindow(20);
    const { survey } = await publishedSurvey();
    const citizen = await signedInCitizen();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await answer(survey.id, { diem: { value: 9 } }, citizen.headers)).status);
    }
    expect(statuses).toEqual([...Array<number>(10).fill(422), 429]);
    expect(await rejectionsOf(survey.id)).toEqual({ rate_limited: 1 });
    const today = await db().$client.execute({
      sql: 'select day from survey_rejections where survey_id = ?',
      args: [survey.id],
    });
    expect(today.rows[0]?.day).toBe(localDate(new Date()));
  }, 60_000);
});
