import type { z } from '@hono/zod-openapi';
import type {
  QuestionType,
  SurveyDefinition,
  SurveyLogicRule,
  SurveyOption,
  SurveyQuestion,
  SurveySection,
} from '../../../src/surveys/definition';
import type {
  ResultsSchema,
  WorkSurveySchema,
  WorkSurveySummarySchema,
} from '../../../src/surveys/schemas';
import { ApiError, api, apiPath } from '../api';

// Survey editors' calls (/api/v1/work/surveys: surveys.manage for the builder, surveys.results
// for results and exports) and the questionnaire document the builder edits. The document's
// rules are the API's (edge/src/surveys/definition.ts); the builder checks the same ones as
// the editor types, so a save is rarely refused.

const BASE = '/work/surveys';

export type {
  QuestionType,
  SurveyDefinition,
  SurveyLogicRule as LogicRule,
  SurveyOption,
  SurveyQuestion,
  SurveySection,
};
export type SurveySummary = z.infer<typeof WorkSurveySummarySchema>;
export type Survey = z.infer<typeof WorkSurveySchema>;
export type SurveyStatus = Survey['status'];
export type SurveyAudience = Survey['audience'];
export type SurveyResults = z.infer<typeof ResultsSchema>;
export type QuestionResult = SurveyResults['questions'][number];

export interface SurveyBody {
  title: string;
  description: string;
  audience: SurveyAudience;
  opensAt: string;
  closesAt: string;
  definition: SurveyDefinition;
}

export const SURVEY_STATUS_LABELS: Record<SurveyStatus, string> = {
  draft: 'Bản nháp',
  published: 'Đang phát hành',
  closed: 'Đã đóng',
};

export const AUDIENCE_LABELS: Record<SurveyAudience, string> = {
  anyone: 'Mọi người (mỗi thiết bị một lần)',
  verified: 'Tài khoản Zalo (mỗi người một lần)',
};

export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  single: 'Chọn một',
  multiple: 'Chọn nhiều',
  scale: 'Thang điểm',
  text: 'Trả lời tự do',
};

export const surveysApi = {
  list: async () => (await api<{ surveys: SurveySummary[] }>('GET', BASE)).surveys,
  get: (id: string) => api<Survey>('GET', `${BASE}/${id}`),
  create: (body: SurveyBody) => explainDefinition(api<Survey>('POST', BASE, { body }), body),
  save: (id: string, body: SurveyBody & { version: number }) =>
    explainDefinition(api<Survey>('PUT', `${BASE}/${id}`, { body }), body),
  publish: (id: string) => api<Survey>('POST', `${BASE}/${id}/publish`),
  close: (id: string) => api<Survey>('POST', `${BASE}/${id}/close`),
  remove: (id: string) => api('DELETE', `${BASE}/${id}`),
  results: (id: string) => api<SurveyResults>('GET', `${BASE}/${id}/results`),
  exportUrl: (id: string, format: 'xlsx' | 'csv') => apiPath(`${BASE}/${id}/export.${format}`),
};

/**
 * Where an issue of the API points ("sections.1.questions.0.options"), in the builder's words
 * ("Phần 2, câu 3, lựa chọn 1"): question numbers run across sections, as the builder shows.
 */
export function placeOf(definition: SurveyDefinition, path: string): string {
  const parts = path.split('.');
  const words: string[] = [];
  const section = parts[0] === 'sections' ? Number(parts[1]) : Number.NaN;
  if (parts[0] === 'logic' && parts[1] !== undefined) {
    words.push(`Điều kiện chuyển phần ${Number(parts[1]) + 1}`);
  } else if (!Number.isNaN(section)) {
    const question = parts[2] === 'questions' ? Number(parts[3]) : Number.NaN;
    if (Number.isNaN(question)) {
      words.push(`Phần ${section + 1}`);
    } else {
      const before = definition.sections
        .slice(0, section)
        .reduce((sum, s) => sum + s.questions.length, 0);
      words.push(`Câu ${before + question + 1}`);
      if (parts[4] === 'options' && parts[5] !== undefined) {
        words.push(`lựa chọn ${Number(parts[5]) + 1}`);
      }
    }
  }
  return words.join(', ');
}

/**
 * A refused questionnaire (422 `invalid_definition`) or form (400 `validation_failed`) comes
 * with one issue per field: the message names each place and what is wrong with it.
 */
async function explainDefinition<T>(request: Promise<T>, body: SurveyBody): Promise<T> {
  try {
    return await request;
  } catch (error) {
    const details = (error as ApiError).details as
      | { issues?: { path?: string; message: string }[] }
      | undefined;
    const issues = details?.issues ?? [];
    if (
      error instanceof ApiError &&
      (error.code === 'invalid_definition' || error.code === 'validation_failed') &&
      issues.length > 0
    ) {
      const lines = issues.map((issue) => {
        const path =
          error.code === 'validation_failed'
            ? (issue.path ?? '').replace(/^definition\.?/, '')
            : (issue.path ?? '');
        const place = placeOf(body.definition, path);
        return place ? `${place}: ${issue.message}` : issue.message;
      });
      throw new ApiError(
        error.status,
        error.code,
        [...new Set(lines)].slice(0, 5).join(' · '),
        error.details,
      );
    }
    throw error;
  }
}

// ---- the questionnaire ------------------------------------------------------------------

/** Every id in use (sections, questions, options): ids are unique across the survey. */
export function usedIds(definition: SurveyDefinition): Set<string> {
  const ids = new Set<string>();
  for (const section of definition.sections) {
    ids.add(section.id);
    for (const question of section.questions) {
      ids.add(question.id);
      for (const option of question.options ?? []) ids.add(option.id);
    }
  }
  return ids;
}

/** Makes fresh ids ("q7", "o12") unused in the survey nor by an earlier call. */
export function idMaker(definition: SurveyDefinition): (prefix: 's' | 'q' | 'o') => string {
  const used = usedIds(definition);
  return (prefix) => {
    let n = 1;
    while (used.has(`${prefix}${n}`)) n++;
    const id = `${prefix}${n}`;
    used.add(id);
    return id;
  };
}

/** A question of this type with sensible defaults (two options, a 1–5 scale). */
export function newQuestion(definition: SurveyDefinition, type: QuestionType): SurveyQuestion {
  const next = idMaker(definition);
  const base = { id: next('q'), type, title: '', required: true };
  if (type === 'single' || type === 'multiple') {
    return {
      ...base,
      options: [
        { id: next('o'), label: '' },
        { id: next('o'), label: '' },
      ],
    };
  }
  if (type === 'scale') {
    return {
      ...base,
      scale: { min: 1, max: 5, minLabel: 'Rất không hài lòng', maxLabel: 'Rất hài lòng' },
    };
  }
  return { ...base, required: false, maxLength: 1000 };
}

/** A question changed to another type keeps its title and flags; its answers' shape changes. */
export function retype(
  definition: SurveyDefinition,
  question: SurveyQuestion,
  type: QuestionType,
): SurveyQuestion {
  if (question.type === type) return question;
  const fresh = newQuestion(definition, type);
  const keepsOptions =
    (type === 'single' || type === 'multiple') && (question.options?.length ?? 0) > 0;
  return {
    id: question.id,
    type,
    title: question.title,
    required: question.required,
    ...(question.help ? { help: question.help } : {}),
    ...(keepsOptions ? { options: question.options } : {}),
    ...(!keepsOptions && fresh.options ? { options: fresh.options } : {}),
    ...(fresh.scale ? { scale: fresh.scale } : {}),
    ...(fresh.maxLength ? { maxLength: fresh.maxLength } : {}),
  };
}

/** A starting questionnaire: one section with one agree/disagree question. */
export function starterDefinition(): SurveyDefinition {
  return {
    sections: [
      {
        id: 's1',
        title: 'Ý kiến của bạn',
        questions: [
          {
            id: 'q1',
            type: 'single',
            title: 'Bạn có đồng ý với dự thảo này không?',
            required: true,
            options: [
              { id: 'o1', label: 'Đồng ý' },
              { id: 'o2', label: 'Không đồng ý' },
              { id: 'o3', label: 'Ý kiến khác' },
            ],
          },
        ],
      },
    ],
    logic: [],
  };
}

/** Rules left meaningful after an edit: their question, option and later section still exist. */
export function validLogic(definition: SurveyDefinition): SurveyLogicRule[] {
  const sectionIndex = new Map(definition.sections.map((s, i) => [s.id, i]));
  const questions = new Map<string, { question: SurveyQuestion; section: number }>();
  definition.sections.forEach((s, i) => {
    for (const question of s.questions) questions.set(question.id, { question, section: i });
  });
  return definition.logic.filter((rule) => {
    const found = questions.get(rule.questionId);
    if (found?.question.type !== 'single') return false;
    if (!found.question.options?.some((o) => o.id === rule.optionId)) return false;
    if (rule.goTo === 'end') return true;
    const target = sectionIndex.get(rule.goTo);
    return target !== undefined && target > found.section;
  });
}

/** What stops a save, in the builder's words (empty: nothing). */
export function problemsOf(title: string, definition: SurveyDefinition): string[] {
  const problems: string[] = [];
  if (title.trim().length < 5) problems.push('Tên khảo sát cần ít nhất 5 ký tự.');
  if (definition.sections.length === 0) problems.push('Khảo sát cần ít nhất một phần.');
  let number = 0;
  for (const [si, section] of definition.sections.entries()) {
    if (!section.title.trim()) problems.push(`Phần ${si + 1} chưa có tiêu đề.`);
    if (section.questions.length === 0) problems.push(`Phần ${si + 1} chưa có câu hỏi.`);
    for (const question of section.questions) {
      number++;
      if (!question.title.trim()) problems.push(`Câu ${number} chưa có nội dung.`);
      if (question.type === 'single' || question.type === 'multiple') {
        const options = question.options ?? [];
        if (options.length < 2) problems.push(`Câu ${number} cần ít nhất 2 lựa chọn.`);
        if (options.length > 20) problems.push(`Câu ${number} có quá 20 lựa chọn.`);
        if (options.some((o) => !o.label.trim()))
          problems.push(`Câu ${number} có lựa chọn để trống.`);
        const labels = options.map((o) => o.label.trim().toLowerCase());
        if (new Set(labels).size !== labels.length)
          problems.push(`Câu ${number} có hai lựa chọn trùng nhau.`);
      }
      if (question.type === 'scale' && question.scale && question.scale.max <= question.scale.min)
        problems.push(`Câu ${number}: điểm cao nhất phải lớn hơn điểm thấp nhất.`);
    }
  }
  const logic = validLogic(definition);
  if (logic.length !== definition.logic.length)
    problems.push('Có điều kiện chuyển phần chưa chọn đủ câu hỏi, lựa chọn hoặc phần đích.');
  const keys = definition.logic.map((r) => `${r.questionId}:${r.optionId}`);
  if (new Set(keys).size !== keys.length)
    problems.push('Một lựa chọn có hai điều kiện chuyển phần.');
  return problems;
}
