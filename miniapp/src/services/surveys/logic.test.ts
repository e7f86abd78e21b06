import { describe, expect, it } from 'vitest';
import { httpError, networkError } from '../api';
import {
  answersToSend,
  checkAnswer,
  checkSection,
  checkSurvey,
  firstSectionWithProblem,
  nextSection,
  previousSection,
  problemsFromError,
  progressOf,
  sectionPath,
} from './logic';
import type { Answers, SurveyDefinition, SurveyQuestion } from './types';

// A survey on the province's public services: people who never used the one-stop office
// skip the section rating it.
const definition: SurveyDefinition = {
  sections: [
    {
      id: 'about',
      title: 'Về bạn',
      questions: [
        {
          id: 'used',
          type: 'single',
          title: 'Bạn đã đến Trung tâm Phục vụ hành chính công chưa?',
          required: true,
          options: [
            { id: 'yes', label: 'Rồi' },
            { id: 'no', label: 'Chưa' },
          ],
        },
        {
          id: 'area',
          type: 'single',
          title: 'Bạn sống ở đâu?',
          required: false,
          options: [
            { id: 'vi-thanh', label: 'Vị Thanh' },
            { id: 'nga-bay', label: 'Ngã Bảy' },
            { id: 'other', label: 'Nơi khác' },
          ],
        },
      ],
    },
    {
      id: 'visit',
      title: 'Lần đến gần nhất',
      questions: [
        {
          id: 'rating',
          type: 'scale',
          title: 'Mức độ hài lòng',
          required: true,
          scale: { min: 1, max: 5 },
        },
        {
          id: 'issues',
          type: 'multiple',
          title: 'Bạn gặp khó khăn gì?',
          required: false,
          options: [
            { id: 'wait', label: 'Chờ lâu' },
            { id: 'papers', label: 'Thiếu giấy tờ' },
            { id: 'staff', label: 'Thái độ cán bộ' },
          ],
        },
      ],
    },
    {
      id: 'ideas',
      title: 'Góp ý',
      questions: [
        { id: 'comment', type: 'text', title: 'Ý kiến khác', required: false, maxLength: 20 },
      ],
    },
    {
      id: 'extra',
      title: 'Thêm',
      questions: [{ id: 'more', type: 'text', title: 'Thêm', required: true }],
    },
  ],
  logic: [
    { questionId: 'used', optionId: 'no', goTo: 'ideas' },
    { questionId: 'area', optionId: 'other', goTo: 'end' },
    { questionId: 'comment', optionId: 'x', goTo: 'about' },
  ],
};

describe('skip logic', () => {
  it('goes through every section in order when no rule applies', () => {
    expect(sectionPath(definition, {})).toEqual(['about', 'visit', 'ideas', 'extra']);
    expect(sectionPath(definition, { used: { optionIds: ['yes'] } })).toEqual([
      'about',
      'visit',
      'ideas',
      'extra',
    ]);
  });

  it('jumps ahead to the section a rule names, skipping those between', () => {
    const answers: Answers = { used: { optionIds: ['no'] } };
    expect(sectionPath(definition, answers)).toEqual(['about', 'ideas', 'extra']);
    expect(nextSection(definition, answers, 'about')).toBe('ideas');
    expect(previousSection(definition, answers, 'ideas')).toBe('about');
    expect(progressOf(definition, answers, 'ideas')).toEqual({ step: 2, total: 3 });
  });

  it('ends the survey on a rule to the end; the first matching rule in question order wins', () => {
    expect(sectionPath(definition, { area: { optionIds: ['other'] } })).toEqual(['about']);
    const both: Answers = { used: { optionIds: ['no'] }, area: { optionIds: ['other'] } };
    expect(sectionPath(definition, both)).toEqual(['about', 'ideas', 'extra']);
    expect(nextSection(definition, { area: { optionIds: ['other'] } }, 'about')).toBeUndefined();
  });

  it('jumps only on exactly one existing option', () => {
    expect(sectionPath(definition, { used: { optionIds: ['no', 'yes'] } })).toHaveLength(4);
    expect(sectionPath(definition, { used: { optionIds: ['nope'] } })).toHaveLength(4);
  });

  it('ignores a rule pointing backwards or to a section that does not exist', () => {
    const odd: SurveyDefinition = {
      ...definition,
      logic: [
        { questionId: 'used', optionId: 'yes', goTo: 'nowhere' },
        { questionId: 'area', optionId: 'vi-thanh', goTo: 'about' },
      ],
    };
    const answers: Answers = { used: { optionIds: ['yes'] }, area: { optionIds: ['vi-thanh'] } };
    expect(sectionPath(odd, answers)).toEqual(['about', 'visit', 'ideas', 'extra']);
  });
});

describe('answer checks', () => {
  const q = (id: string) =>
    definition.sections.flatMap((s) => s.questions).find((x) => x.id === id) as SurveyQuestion;

  it('flags a missing required answer, blanks included, and accepts an empty optional one', () => {
    expect(checkAnswer(q('used'), undefined)).toBe('required');
    expect(checkAnswer(q('used'), { optionIds: [] })).toBe('required');
    expect(checkAnswer(q('more'), { value: '   ' })).toBe('required');
    expect(checkAnswer(q('area'), undefined)).toBeUndefined();
    expect(checkAnswer(q('comment'), { value: '' })).toBeUndefined();
  });

  it('flags options that do not exist and two answers to a single choice, as the server', () => {
    expect(checkAnswer(q('used'), { optionIds: ['maybe'] })).toBe('unknown_option');
    expect(checkAnswer(q('used'), { optionIds: ['yes', 'no'] })).toBe('invalid');
    expect(checkAnswer(q('issues'), { optionIds: ['wait', 'papers'] })).toBeUndefined();
    // A repeated option counts once.
    expect(checkAnswer(q('issues'), { optionIds: ['wait', 'wait'] })).toBeUndefined();
    expect(checkAnswer(q('issues'), { optionIds: ['wait', 'fees'] })).toBe('unknown_option');
    expect(checkAnswer(q('rating'), { value: '4' })).toBe('invalid');
    expect(checkAnswer(q('comment'), { value: 4 })).toBe('invalid');
  });

  it('keeps scales in range and texts within their length', () => {
    expect(checkAnswer(q('rating'), { value: 5 })).toBeUndefined();
    expect(checkAnswer(q('rating'), { value: 6 })).toBe('out_of_range');
    expect(checkAnswer(q('rating'), { value: 0 })).toBe('out_of_range');
    expect(checkAnswer(q('rating'), { value: 2.5 })).toBe('out_of_range');
    expect(checkAnswer(q('comment'), { value: 'Cần thêm chỗ ngồi.' })).toBeUndefined();
    expect(checkAnswer(q('comment'), { value: 'x'.repeat(21) })).toBe('too_long');
    // Surrounding blanks do not count towards the limit (they are not sent).
    expect(checkAnswer(q('comment'), { value: `  ${'x'.repeat(20)}  ` })).toBeUndefined();
  });

  it('checks only the sections on the path, and points at the first with a problem', () => {
    const skipping: Answers = { used: { optionIds: ['no'] } };
    // "rating" is required, but its section is skipped.
    expect(checkSurvey(definition, skipping)).toEqual({ more: 'required' });
    expect(firstSectionWithProblem(definition, skipping, { more: 'required' })).toBe('extra');
    expect(checkSurvey(definition, { used: { optionIds: ['yes'] } })).toEqual({
      rating: 'required',
      more: 'required',
    });
    expect(checkSection(definition.sections[0] as never, {})).toEqual({ used: 'required' });
  });

  it('sends only the path, trimmed, without empty answers', () => {
    const answers: Answers = {
      used: { optionIds: ['no'] },
      area: { optionIds: [] },
      // Answered before the citizen went back and chose "Chưa": now off the path.
      rating: { value: 4 },
      issues: { optionIds: ['wait'] },
      comment: { value: '  Thêm quầy ưu tiên  ' },
      more: { value: 'Không' },
    };
    expect(answersToSend(definition, answers)).toEqual({
      used: { optionIds: ['no'] },
      comment: { value: 'Thêm quầy ưu tiên' },
      more: { value: 'Không' },
    });
  });
});

describe('server refusals', () => {
  it('reads the per-question problems of invalid_answers, ignoring unknown codes', () => {
    const error = httpError(422, {
      error: {
        code: 'invalid_answers',
        message: 'Câu trả lời chưa hợp lệ',
        details: { questions: { rating: 'required', issues: 'unknown_option', x: 'weird' } },
      },
    });
    expect(problemsFromError(error)).toEqual({ rating: 'required', issues: 'unknown_option' });
  });

  it('is undefined for other errors', () => {
    expect(problemsFromError(networkError('timeout'))).toBeUndefined();
    expect(
      problemsFromError(httpError(409, { error: { code: 'already_answered', message: 'Đã' } })),
    ).toBeUndefined();
  });
});
