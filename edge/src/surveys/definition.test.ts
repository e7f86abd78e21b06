import { describe, expect, it } from 'vitest';
import {
  checkResponse,
  DEFAULT_TEXT_MAX_LENGTH,
  parseDefinition,
  type SurveyDefinition,
  sectionPath,
} from './definition';

// The builder's rules and the check of answers, as pure functions (the API tests in
// edge/test/surveys-*.test.ts go through the Worker and the database).

const choice = (id: string, n = 3) =>
  Array.from({ length: n }, (_, i) => ({ id: `${id}-${i + 1}`, label: `Lựa chọn ${i + 1}` }));

/** Three sections; "no" to `q-dung` skips to the last one, "end" ends the survey. */
function sample(): SurveyDefinition {
  return {
    sections: [
      {
        id: 's1',
        title: 'Phần 1',
        questions: [
          {
            id: 'q-dung',
            type: 'single',
            title: 'Đã dùng dịch vụ chưa?',
            required: true,
            options: [
              { id: 'co', label: 'Có' },
              { id: 'khong', label: 'Chưa' },
              { id: 'thoi', label: 'Không muốn trả lời' },
            ],
          },
        ],
      },
      {
        id: 's2',
        title: 'Phần 2',
        questions: [
          {
            id: 'q-kenh',
            type: 'multiple',
            title: 'Kênh',
            required: true,
            options: choice('k', 4),
          },
          {
            id: 'q-diem',
            type: 'scale',
            title: 'Điểm',
            required: true,
            scale: { min: 1, max: 5 },
          },
        ],
      },
      {
        id: 's3',
        title: 'Phần 3',
        questions: [
          { id: 'q-y-kien', type: 'text', title: 'Ý kiến', required: false, maxLength: 20 },
        ],
      },
    ],
    logic: [
      { questionId: 'q-dung', optionId: 'khong', goTo: 's3' },
      { questionId: 'q-dung', optionId: 'thoi', goTo: 'end' },
    ],
  };
}

const problemsOf = (input: unknown) => {
  const r = parseDefinition(input);
  return r.ok ? [] : r.issues.map((i) => `${i.path} ${i.code}`);
};

describe('parseDefinition (the builder)', () => {
  it('accepts a valid document and stores only the fields of each type', () => {
    const def = sample();
    const text = def.sections[2]?.questions[0];
    if (text) delete text.maxLength;
    const withStale = {
      ...def,
      sections: def.sections.map((s) => ({
        ...s,
        questions: s.questions.map((q) =>
          q.type === 'scale' ? { ...q, options: choice('stale') } : q,
        ),
      })),
    };
    const r = parseDefinition(withStale);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const scale = r.definition.sections[1]?.questions[1];
    expect(scale).toEqual({
      id: 'q-diem',
      type: 'scale',
      title: 'Điểm',
      required: true,
      scale: { min: 1, max: 5 },
    });
    expect(r.definition.sections[2]?.questions[0]?.maxLength).toBe(DEFAULT_TEXT_MAX_LENGTH);
  });

  it('refuses duplicate ids across sections and questions, with the path of the second', () => {
    const def = sample();
    (def.sections[1]?.questions[1] as { id: string }).id = 'q-dung';
    (def.sections[2] as { id: string }).id = 's1';
    expect(problemsOf(def)).toEqual([
      'sections.1.questions.1.id duplicate_id',
      'sections.2.id duplicate_id',
      // the rule's target section is gone
      'logic.0.goTo logic_unknown_target',
    ]);
  });

  it('needs 2 to 20 options with unique ids on choice questions', () => {
    const one = sample();
    (one.sections[0]?.questions[0] as { options: unknown }).options = choice('a', 1);
    one.logic = [];
    expect(problemsOf(one)).toEqual(['sections.0.questions.0.options options_count']);

    const many = sample();
    (many.sections[1]?.questions[0] as { options: unknown }).options = choice('b', 21);
    expect(problemsOf(many)).toEqual(['sections.1.questions.0.options options_count']);

    const twice = sample();
    (twice.sections[1]?.questions[0] as { options: unknown }).options = [
      { id: 'x', label: 'X' },
      { id: 'x', label: 'X nữa' },
    ];
    expect(problemsOf(twice)).toEqual(['sections.1.questions.0.options.1.id duplicate_option']);

    const none = sample();
    const choiceQuestion = none.sections[1]?.questions[0] as { options?: unknown };
    delete choiceQuestion.options;
    expect(problemsOf(none)).toEqual(['sections.1.questions.0.options options_missing']);
  });

  it('checks scale bounds, text length and id format', () => {
    const def = sample();
    (def.sections[1]?.questions[1] as { scale: unknown }).scale = { min: 2, max: 11 };
    (def.sections[2]?.questions[0] as { maxLength: number }).maxLength = 4001;
    (def.sections[0] as { title: string }).title = '   ';
    expect(problemsOf(def)).toEqual([
      'sections.0.title too_small',
      'sections.1.questions.1.scale.min invalid_union',
      'sections.1.questions.1.scale.max too_big',
      'sections.2.questions.0.maxLength too_big',
    ]);
    const badId = sample();
    (badId.sections[0] as { id: string }).id = 'Phần Một';
    expect(problemsOf(badId)).toEqual(['sections.0.id invalid_format']);
    const noScale = sample();
    const scaleQuestion = noScale.sections[1]?.questions[1] as { scale?: unknown };
    delete scaleQuestion.scale;
    expect(problemsOf(noScale)).toEqual(['sections.1.questions.1.scale scale_missing']);
  });

  it('needs at least one question, and no empty section', () => {
    expect(problemsOf({ sections: [{ id: 'a', title: 'A', questions: [] }], logic: [] })).toEqual([
      'sections.0.questions empty_section',
      'sections no_questions',
    ]);
    expect(problemsOf({ sections: [], logic: [] })).toEqual([
      'sections too_small',
      'sections no_questions',
    ]);
  });

  it('allows logic only on single-choice questions, to a later section or the end', () => {
    const cases: [SurveyDefinition['logic'][number], string][] = [
      [
        { questionId: 'q-kenh', optionId: 'k-1', goTo: 's3' },
        'logic.0.questionId logic_not_single',
      ],
      [
        { questionId: 'q-nao', optionId: 'co', goTo: 's3' },
        'logic.0.questionId logic_unknown_question',
      ],
      [
        { questionId: 'q-dung', optionId: 'co-le', goTo: 's3' },
        'logic.0.optionId logic_unknown_option',
      ],
      [{ questionId: 'q-dung', optionId: 'co', goTo: 's9' }, 'logic.0.goTo logic_unknown_target'],
      [{ questionId: 'q-dung', optionId: 'co', goTo: 's1' }, 'logic.0.goTo logic_not_forward'],
    ];
    for (const [rule, expected] of cases) {
      expect(problemsOf({ ...sample(), logic: [rule] })).toEqual([expected]);
    }
    const twice = sample();
    twice.logic.push({ questionId: 'q-dung', optionId: 'khong', goTo: 'end' });
    expect(problemsOf(twice)).toEqual(['logic.2 logic_duplicate']);
  });
});

describe('sectionPath (skip logic)', () => {
  const def = sample();
  it('walks every section by default', () => {
    expect(sectionPath(def, { 'q-dung': { optionIds: ['co'] } })).toEqual(['s1', 's2', 's3']);
    expect(sectionPath(def, {})).toEqual(['s1', 's2', 's3']);
  });
  it('jumps to a later section or ends', () => {
    expect(sectionPath(def, { 'q-dung': { optionIds: ['khong'] } })).toEqual(['s1', 's3']);
    expect(sectionPath(def, { 'q-dung': { optionIds: ['thoi'] } })).toEqual(['s1']);
  });
  it('ignores a malformed choice (two options, unknown option)', () => {
    expect(sectionPath(def, { 'q-dung': { optionIds: ['khong', 'co'] } })).toEqual([
      's1',
      's2',
      's3',
    ]);
    expect(sectionPath(def, { 'q-dung': { optionIds: ['?'] } })).toEqual(['s1', 's2', 's3']);
  });
});

describe('checkResponse', () => {
  const def = sample();
  const full = {
    'q-dung': { optionIds: ['co'] },
    'q-kenh': { optionIds: ['k-3', 'k-1', 'k-3'] },
    'q-diem': { value: 4 },
    'q-y-kien': { value: '  Tốt, nhưng "chậm"  ' },
  };

  it('answers the rows to store: options in the form order, no duplicate, text trimmed', () => {
    const r = checkResponse(def, full);
    expect(r).toEqual({
      ok: true,
      path: ['s1', 's2', 's3'],
      rows: [
        { questionId: 'q-dung', optionId: 'co', value: null },
        { questionId: 'q-kenh', optionId: 'k-1', value: null },
        { questionId: 'q-kenh', optionId: 'k-3', value: null },
        { questionId: 'q-diem', optionId: '', value: '4' },
        { questionId: 'q-y-kien', optionId: '', value: 'Tốt, nhưng "chậm"' },
      ],
    });
  });

  it('stores text in NFC, so a decomposed Vietnamese answer counts its letters once', () => {
    const decomposed = 'Tốt lắm'.normalize('NFD');
    expect(decomposed.length).toBe(11);
    const r = checkResponse(def, { ...full, 'q-y-kien': { value: decomposed } });
    expect(r.ok && r.rows.at(-1)?.value).toBe('Tốt lắm'.normalize('NFC'));
    expect(r.ok && r.rows.at(-1)?.value?.length).toBe(7);
  });

  it('names each problem by question', () => {
    const r = checkResponse(def, {
      'q-dung': { optionIds: ['co'] },
      'q-kenh': { optionIds: ['k-1', 'k-9'] },
      'q-diem': { value: 6 },
      'q-y-kien': { value: 'x'.repeat(21) },
      'q-la': { value: 'không có câu này' },
    });
    expect(r).toMatchObject({
      ok: false,
      questions: {
        'q-kenh': 'unknown_option',
        'q-diem': 'out_of_range',
        'q-y-kien': 'too_long',
        'q-la': 'unknown_question',
      },
    });
  });

  it('requires required questions on the path only, and refuses answers off the path', () => {
    expect(checkResponse(def, { 'q-dung': { optionIds: ['co'] } })).toMatchObject({
      ok: false,
      questions: { 'q-kenh': 'required', 'q-diem': 'required' },
    });
    expect(checkResponse(def, { 'q-dung': { optionIds: ['khong'] } })).toMatchObject({
      ok: true,
      path: ['s1', 's3'],
    });
    expect(
      checkResponse(def, { 'q-dung': { optionIds: ['khong'] }, 'q-diem': { value: 3 } }),
    ).toMatchObject({ ok: false, questions: { 'q-diem': 'not_in_path' } });
    expect(checkResponse(def, {})).toMatchObject({
      ok: false,
      questions: { 'q-dung': 'required' },
    });
  });

  it('treats blank answers as no answer, and refuses the wrong shape', () => {
    expect(
      checkResponse(def, { ...full, 'q-y-kien': { value: '   ' }, 'q-kenh': { optionIds: [] } }),
    ).toMatchObject({ ok: false, questions: { 'q-kenh': 'required' } });
    expect(
      checkResponse(def, {
        ...full,
        'q-dung': { optionIds: ['co', 'khong'] },
        'q-diem': { value: '4' },
        'q-y-kien': { value: 5 },
      }),
    ).toMatchObject({
      ok: false,
      questions: { 'q-dung': 'invalid', 'q-diem': 'invalid', 'q-y-kien': 'invalid' },
    });
    expect(checkResponse(def, { ...full, 'q-diem': { value: 3.5 } })).toMatchObject({
      ok: false,
      questions: { 'q-diem': 'out_of_range' },
    });
  });
});
