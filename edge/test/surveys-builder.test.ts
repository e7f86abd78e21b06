import { describe, expect, it } from 'vitest';
import { call, type ErrorJson } from './helpers';
import { signedInCitizen } from './support/citizens';
import { asIoc, asProvinceLeader, signedInOfficial, webSession } from './support/officials';
import {
  createDraft,
  db,
  editor,
  type Headers,
  json,
  postJson,
  publishedSurvey,
  sampleDefinition,
  surveyInput,
  type WorkSurvey,
} from './support/surveys';

// The survey editors' API (/api/v1/work/surveys): the builder's validation with the path of
// each problem, drafts saved with optimistic concurrency, the lifecycle draft → published →
// closed, who may see and change what, and the audit trail of every change.

const BASE = '/api/v1/work/surveys';

async function errorOf(res: Response, status: number) {
  return (await json<ErrorJson>(res, status)).error;
}

const put = (id: string, body: unknown, headers: Headers) =>
  postJson(`${BASE}/${id}`, body, headers, 'PUT');
const action = (id: string, verb: 'publish' | 'close', headers: Headers) =>
  call(`${BASE}/${id}/${verb}`, { method: 'POST', headers });

async function auditOf(id: string) {
  const rows = await db().$client.execute({
    sql: 'select action, actor_kind, actor_id, from_value, to_value, request_id from audit_log where entity_type = ? and entity_id = ? order by id',
    args: ['survey', id],
  });
  return rows.rows.map((r) => ({
    action: r.action,
    actorKind: r.actor_kind,
    actorId: r.actor_id,
    from: r.from_value,
    to: r.to_value,
    requestId: r.request_id,
  }));
}

type DefinitionIssues = { issues: { path: string; code: string; message: string }[] };

describe('POST /api/v1/work/surveys (the builder)', () => {
  it('creates a draft of the editor’s agency, normalised, audited', async () => {
    const ed = await editor();
    const def = sampleDefinition();
    const text = def.sections[2]?.questions[0];
    if (text) delete text.maxLength;
    const res = await postJson(BASE, surveyInput({ definition: def, title: '  Khảo sát A  ' }), {
      ...ed.headers,
      'X-Request-Id': 'yeu-cau-tao-khao-sat',
    });
    const survey = await json<WorkSurvey>(res, 201);
    expect(res.headers.get('location')).toBe(`${BASE}/${survey.id}`);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(survey).toMatchObject({
      agencyId: 'so_noi_vu',
      agencyName: 'Sở Nội vụ',
      title: 'Khảo sát A',
      status: 'draft',
      version: 1,
      responseCount: 0,
      questionCount: 4,
      publishedAt: null,
      canManage: true,
    });
    expect(survey.definition.sections[2]?.questions[0]?.maxLength).toBe(1000);
    expect(await auditOf(survey.id)).toEqual([
      {
        action: 'survey.create',
        actorKind: 'official',
        actorId: ed.official.id,
        from: null,
        to: 'Khảo sát A',
        requestId: 'yeu-cau-tao-khao-sat',
      },
    ]);
  });

  it('refuses a broken questionnaire with 422 and the path of each problem', async () => {
    const ed = await editor();
    const def = sampleDefinition();
    const [chung, danhGia] = def.sections as [
      (typeof def.sections)[0],
      (typeof def.sections)[0],
      (typeof def.sections)[0],
    ];
    (danhGia.questions[0] as { id: string }).id = 'da-dung';
    (chung.questions[1] as { options: unknown }).options = [{ id: 'zalo', label: 'Zalo' }];
    def.logic.push({ questionId: 'kenh', optionId: 'zalo', goTo: 'gop-y' });
    def.logic.push({ questionId: 'da-dung', optionId: 'co', goTo: 'chung' });
    const res = await postJson(BASE, surveyInput({ definition: def }), ed.headers);
    const err = await errorOf(res, 422);
    expect(err.code).toBe('invalid_definition');
    expect(err.message).toBe('Phiếu khảo sát chưa hợp lệ. Vui lòng sửa các mục được chỉ ra.');
    const issues = (err.details as DefinitionIssues).issues;
    expect(issues.map((i) => `${i.path} ${i.code}`)).toEqual([
      'sections.0.questions.1.options options_count',
      'sections.1.questions.0.id duplicate_id',
      'logic.1.questionId logic_not_single',
      'logic.2.goTo logic_not_forward',
    ]);
    expect(issues[1]?.message).toBe('Mã "da-dung" đã dùng ở sections.0.questions.0.id.');
  });

  it('points at malformed fields inside the questionnaire too (scale bounds, no question)', async () => {
    const ed = await editor();
    const def = sampleDefinition();
    (def.sections[1]?.questions[0] as { scale: unknown }).scale = { min: 1, max: 12 };
    const res = await postJson(BASE, surveyInput({ definition: def }), ed.headers);
    const issues = ((await errorOf(res, 422)).details as DefinitionIssues).issues;
    expect(issues.map((i) => `${i.path} ${i.code}`)).toEqual([
      'sections.1.questions.0.scale.max too_big',
    ]);

    const empty = await postJson(
      BASE,
      surveyInput({ definition: { sections: [{ id: 'a', title: 'A', questions: [] }] } }),
      ed.headers,
    );
    expect(((await errorOf(empty, 422)).details as DefinitionIssues).issues).toMatchObject([
      { path: 'sections.0.questions', code: 'empty_section' },
      {
        path: 'sections',
        code: 'no_questions',
        message: 'Phiếu khảo sát cần ít nhất một câu hỏi.',
      },
    ]);
  });

  it('keeps 400 for other malformed fields, and 422 for a window that ends before it opens', async () => {
    const ed = await editor();
    const noTitle = await postJson(BASE, surveyInput({ title: '' }), ed.headers);
    expect((await errorOf(noTitle, 400)).code).toBe('validation_failed');
    const audience = await postJson(BASE, surveyInput({ audience: 'everyone' }), ed.headers);
    expect((await errorOf(audience, 400)).code).toBe('validation_failed');
    const now = Date.now();
    const backwards = await postJson(
      BASE,
      surveyInput({
        opensAt: new Date(now + 86_400_000).toISOString(),
        closesAt: new Date(now).toISOString(),
      }),
      ed.headers,
    );
    expect((await errorOf(backwards, 422)).code).toBe('invalid_window');
  });
});

describe('PUT /api/v1/work/surveys/{id} (saving a draft)', () => {
  it('saves with the version edited, refuses a stale version and a published survey', async () => {
    const ed = await editor();
    const draft = await createDraft(ed.headers);
    const def = sampleDefinition();
    def.sections[0]?.questions.push({
      id: 'tuoi',
      type: 'single',
      title: 'Độ tuổi',
      required: false,
      options: [
        { id: 'duoi-30', label: 'Dưới 30' },
        { id: 'tu-30', label: 'Từ 30 trở lên' },
      ],
    });
    const saved = await json<WorkSurvey>(
      await put(draft.id, { ...surveyInput({ definition: def }), version: 1 }, ed.headers),
      200,
    );
    expect(saved.version).toBe(2);
    expect(saved.questionCount).toBe(5);

    // Another editor's tab still holds version 1.
    const stale = await put(draft.id, { ...surveyInput(), version: 1 }, ed.headers);
    expect(await errorOf(stale, 409)).toMatchObject({
      code: 'version_conflict',
      details: { version: 2 },
    });

    const broken = sampleDefinition();
    broken.logic = [{ questionId: 'da-dung', optionId: 'khong', goTo: 'khong-co' }];
    const invalid = await put(
      draft.id,
      { ...surveyInput({ definition: broken }), version: 2 },
      ed.headers,
    );
    expect(((await errorOf(invalid, 422)).details as DefinitionIssues).issues).toMatchObject([
      { path: 'logic.0.goTo', code: 'logic_unknown_target' },
    ]);

    expect((await action(draft.id, 'publish', ed.headers)).status).toBe(200);
    const frozen = await put(draft.id, { ...surveyInput(), version: 3 }, ed.headers);
    expect((await errorOf(frozen, 409)).code).toBe('not_draft');

    const audit = await auditOf(draft.id);
    expect(audit.map((a) => [a.action, a.from, a.to])).toEqual([
      ['survey.create', null, draft.title],
      ['survey.update', 'version 1', 'version 2'],
      ['survey.publish', 'draft', 'published'],
    ]);
  });
});

describe('lifecycle: draft → published → closed', () => {
  it('publishes once (the definition is frozen), closes once, deletes only drafts', async () => {
    const ed = await editor();
    const draft = await createDraft(ed.headers);

    const published = await json<WorkSurvey>(await action(draft.id, 'publish', ed.headers), 200);
    expect(published).toMatchObject({ status: 'published', version: 2 });
    expect(published.publishedAt).not.toBeNull();
    // A retried publish changes nothing.
    const again = await json<WorkSurvey>(await action(draft.id, 'publish', ed.headers), 200);
    expect(again).toMatchObject({ status: 'published', version: 2 });

    const del = await call(`${BASE}/${draft.id}`, { method: 'DELETE', headers: ed.headers });
    expect((await errorOf(del, 409)).code).toBe('not_draft');

    const closed = await json<WorkSurvey>(await action(draft.id, 'close', ed.headers), 200);
    expect(closed).toMatchObject({ status: 'closed', version: 3 });
    expect((await action(draft.id, 'close', ed.headers)).status).toBe(200);
    expect((await errorOf(await action(draft.id, 'publish', ed.headers), 409)).code).toBe(
      'not_draft',
    );

    const other = await createDraft(ed.headers);
    expect((await errorOf(await action(other.id, 'close', ed.headers), 409)).code).toBe(
      'not_published',
    );
    const gone = await call(`${BASE}/${other.id}`, { method: 'DELETE', headers: ed.headers });
    expect(await json(gone, 200)).toEqual({ deleted: true, id: other.id });
    expect((await call(`${BASE}/${other.id}`, { headers: ed.headers })).status).toBe(404);

    expect((await auditOf(draft.id)).map((a) => a.action)).toEqual([
      'survey.create',
      'survey.publish',
      'survey.close',
    ]);
    expect((await auditOf(other.id)).map((a) => [a.action, a.from])).toEqual([
      ['survey.create', null],
      ['survey.delete', other.title],
    ]);
  });

  it('refuses to publish a survey whose closing time has passed', async () => {
    const ed = await editor();
    const now = Date.now();
    const draft = await createDraft(ed.headers, {
      opensAt: new Date(now - 2 * 86_400_000).toISOString(),
      closesAt: new Date(now - 86_400_000).toISOString(),
    });
    expect((await errorOf(await action(draft.id, 'publish', ed.headers), 422)).code).toBe(
      'window_passed',
    );
  });

  it('works from the web admin too (cookie and CSRF token)', async () => {
    const ed = await editor();
    const web = await webSession(ed.official);
    const created = await postJson(BASE, surveyInput(), web.headers);
    const survey = await json<WorkSurvey>(created, 201);
    const noCsrf = await call(`${BASE}/${survey.id}/publish`, {
      method: 'POST',
      headers: { Cookie: web.cookie },
    });
    expect(noCsrf.status).toBe(403);
    expect((await action(survey.id, 'publish', web.headers)).status).toBe(200);
  });
});

describe('who may see and change what', () => {
  it('another agency’s editor does not see the survey at all (404, not listed)', async () => {
    const { survey } = await publishedSurvey();
    const stranger = await editor('so_y_te');
    for (const path of ['', '/results', '/export.csv', '/export.xlsx']) {
      const res = await call(`${BASE}/${survey.id}${path}`, { headers: stranger.headers });
      expect((await errorOf(res, 404)).code).toBe('survey_not_found');
    }
    expect((await put(survey.id, { ...surveyInput(), version: 2 }, stranger.headers)).status).toBe(
      404,
    );
    expect((await action(survey.id, 'close', stranger.headers)).status).toBe(404);
    const list = await json<{ surveys: WorkSurvey[] }>(
      await call(BASE, { headers: stranger.headers }),
      200,
    );
    expect(list.surveys.some((s) => s.id === survey.id)).toBe(false);
    expect(list.surveys.every((s) => s.agencyId === 'so_y_te')).toBe(true);
  });

  it('the editor’s list shows their agency’s surveys, drafts included, filterable by status', async () => {
    const ed = await editor('so_giao_duc');
    const draft = await createDraft(ed.headers);
    const { survey } = await publishedSurvey({}, 'so_giao_duc');
    const all = await json<{ surveys: WorkSurvey[] }>(
      await call(BASE, { headers: ed.headers }),
      200,
    );
    const ids = all.surveys.map((s) => s.id);
    expect(ids).toContain(draft.id);
    expect(ids).toContain(survey.id);
    expect(all.surveys.find((s) => s.id === draft.id)).not.toHaveProperty('definition');
    const drafts = await json<{ surveys: WorkSurvey[] }>(
      await call(`${BASE}?status=draft`, { headers: ed.headers }),
      200,
    );
    expect(drafts.surveys.every((s) => s.status === 'draft')).toBe(true);
    expect(drafts.surveys.map((s) => s.id)).toContain(draft.id);
  });

  it('a province leader reads every agency’s survey and its results, but cannot edit', async () => {
    const { survey } = await publishedSurvey({}, 'so_y_te');
    const leader = await asProvinceLeader();
    const list = await json<{ surveys: WorkSurvey[] }>(
      await call(BASE, { headers: leader.headers }),
      200,
    );
    expect(list.surveys.find((s) => s.id === survey.id)).toMatchObject({ canManage: false });
    const one = await json<WorkSurvey>(
      await call(`${BASE}/${survey.id}`, { headers: leader.headers }),
      200,
    );
    expect(one.canManage).toBe(false);
    expect((await call(`${BASE}/${survey.id}/results`, { headers: leader.headers })).status).toBe(
      200,
    );
    expect(
      (await call(`${BASE}/${survey.id}/export.csv`, { headers: leader.headers })).status,
    ).toBe(200);
    expect((await errorOf(await action(survey.id, 'close', leader.headers), 403)).code).toBe(
      'forbidden',
    );
    expect((await put(survey.id, { ...surveyInput(), version: 2 }, leader.headers)).status).toBe(
      403,
    );
    expect((await postJson(BASE, surveyInput(), leader.headers)).status).toBe(403);
  });

  it('refuses citizens, anonymous callers and officials without a survey role', async () => {
    const { survey } = await publishedSurvey();
    const citizen = await signedInCitizen();
    for (const headers of [{}, citizen.headers]) {
      const res = await call(`${BASE}/${survey.id}/results`, { headers });
      expect((await errorOf(res, 401)).code).toBe('official_session_required');
      // Before the body is even looked at.
      expect((await postJson(BASE, {}, headers)).status).toBe(401);
    }
    const ioc = await asIoc();
    expect((await errorOf(await call(BASE, { headers: ioc.headers }), 403)).code).toBe('forbidden');
    expect((await postJson(BASE, {}, ioc.headers)).status).toBe(403);
    const handler = await signedInOfficial({ roles: ['agency_handler'], agencyId: 'so_noi_vu' });
    expect((await call(`${BASE}/${survey.id}`, { headers: handler.headers })).status).toBe(403);
  });
});

describe('OpenAPI document', () => {
  it('describes the surveys API with the questionnaire schema', async () => {
    const doc = await json<{
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    }>(await call('/api/v1/openapi.json'), 200);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/surveys',
        '/api/v1/surveys/{id}',
        '/api/v1/surveys/{id}/responses',
        '/api/v1/work/surveys',
        '/api/v1/work/surveys/{id}',
        '/api/v1/work/surveys/{id}/publish',
        '/api/v1/work/surveys/{id}/close',
        '/api/v1/work/surveys/{id}/results',
        '/api/v1/work/surveys/{id}/export.xlsx',
        '/api/v1/work/surveys/{id}/export.csv',
      ]),
    );
    expect(Object.keys(doc.paths['/api/v1/work/surveys/{id}'] ?? {}).sort()).toEqual([
      'delete',
      'get',
      'put',
    ]);
    expect(doc.components.schemas).toHaveProperty('SurveyDefinition');
    expect(doc.components.schemas).toHaveProperty('SurveyResults');
  });
});
