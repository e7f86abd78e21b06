import { z } from '@hono/zod-openapi';

// The questionnaire of a survey, one JSON document (surveys.definition): sections in order,
// their questions in order, and simple skip logic ("if this option is chosen, go to that
// section / to the end"). The builder saves the whole document; it is frozen once the survey
// is published, so answers always refer to stable ids. This module is pure: the schema the
// builder's document must pass, and the check of a citizen's answers against a definition.

export const QUESTION_TYPES = ['single', 'multiple', 'scale', 'text'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const ID_PATTERN = /^[a-z0-9_-]{1,40}$/;
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 20;
export const MAX_SECTIONS = 30;
export const MAX_QUESTIONS = 200;
export const DEFAULT_TEXT_MAX_LENGTH = 1000;
export const TEXT_MAX_LENGTH_LIMIT = 4000;
/** Where a skip rule may send the respondent besides a later section: the end of the survey. */
export const END = 'end';

const Id = z
  .string({ error: 'Mã phải là chuỗi ký tự.' })
  .regex(
    ID_PATTERN,
    'Mã chỉ gồm chữ thường không dấu (a-z), số, "_" hoặc "-", dài 1 đến 40 ký tự.',
  );

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} phải là chuỗi ký tự.` })
    .trim()
    .min(1, `${label} không được để trống.`)
    .max(max, `${label} tối đa ${max} ký tự.`);

const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label} phải là chuỗi ký tự.` })
    .trim()
    .max(max, `${label} tối đa ${max} ký tự.`)
    .optional();

export const SurveyOptionSchema = z
  .object({ id: Id, label: text('Nội dung lựa chọn', 200) })
  .openapi('SurveyOption');

export const SurveyScaleSchema = z
  .object({
    min: z.union([z.literal(0), z.literal(1)], { error: 'Thang điểm bắt đầu từ 0 hoặc 1.' }),
    max: z
      .number({ error: 'Điểm cao nhất phải là số.' })
      .int('Điểm cao nhất phải là số nguyên.')
      .min(2, 'Điểm cao nhất từ 2 đến 10.')
      .max(10, 'Điểm cao nhất từ 2 đến 10.'),
    minLabel: optionalText('Nhãn điểm thấp nhất', 100),
    maxLabel: optionalText('Nhãn điểm cao nhất', 100),
  })
  .openapi('SurveyScale');

export const SurveyQuestionSchema = z
  .object({
    id: Id,
    type: z.enum(QUESTION_TYPES, {
      error:
        'Loại câu hỏi là một lựa chọn (single), nhiều lựa chọn (multiple), thang điểm (scale) hoặc trả lời tự do (text).',
    }),
    title: text('Nội dung câu hỏi', 500),
    help: optionalText('Hướng dẫn', 1000),
    required: z.boolean({ error: 'Cần cho biết câu hỏi có bắt buộc hay không.' }),
    options: z
      .array(SurveyOptionSchema, { error: 'Danh sách lựa chọn không hợp lệ.' })
      .optional()
      .openapi({
        description: 'Câu một lựa chọn / nhiều lựa chọn: 2 đến 20 lựa chọn, mã không trùng',
      }),
    scale: SurveyScaleSchema.optional().openapi({ description: 'Câu thang điểm' }),
    maxLength: z
      .number({ error: 'Độ dài tối đa phải là số.' })
      .int('Độ dài tối đa phải là số nguyên.')
      .min(1, `Độ dài tối đa từ 1 đến ${TEXT_MAX_LENGTH_LIMIT} ký tự.`)
      .max(TEXT_MAX_LENGTH_LIMIT, `Độ dài tối đa từ 1 đến ${TEXT_MAX_LENGTH_LIMIT} ký tự.`)
      .optional()
      .openapi({ description: `Câu trả lời tự do: mặc định ${DEFAULT_TEXT_MAX_LENGTH}` }),
  })
  .openapi('SurveyQuestion');

export const SurveySectionSchema = z
  .object({
    id: Id,
    title: text('Tên phần', 200),
    description: optionalText('Mô tả phần', 1000),
    questions: z
      .array(SurveyQuestionSchema, { error: 'Danh sách câu hỏi không hợp lệ.' })
      .max(MAX_QUESTIONS, `Tối đa ${MAX_QUESTIONS} câu hỏi.`),
  })
  .openapi('SurveySection');

export const SurveyLogicSchema = z
  .object({
    questionId: Id,
    optionId: Id,
    goTo: z.string({ error: 'Đích chuyển tiếp phải là mã một phần hoặc "end".' }),
  })
  .openapi('SurveyLogicRule');

/** Why the builder's document was refused, one stable code per rule (details.issues[].code). */
export type DefinitionProblem =
  | 'duplicate_id'
  | 'no_questions'
  | 'empty_section'
  | 'options_count'
  | 'duplicate_option'
  | 'options_missing'
  | 'scale_missing'
  | 'too_many_questions'
  | 'logic_unknown_question'
  | 'logic_not_single'
  | 'logic_unknown_option'
  | 'logic_duplicate'
  | 'logic_unknown_target'
  | 'logic_not_forward';

type Issue = { path: (string | number)[]; problem: DefinitionProblem; message: string };

/** The cross-field rules of a structurally valid document (ids, options, logic). */
export function definitionProblems(def: z.output<typeof BaseDefinition>): Issue[] {
  const issues: Issue[] = [];
  const add = (path: (string | number)[], problem: DefinitionProblem, message: string) =>
    issues.push({ path, problem, message });

  // Sections and questions share one namespace: a skip rule names either by id alone.
  const seen = new Map<string, string>();
  const claim = (id: string, path: (string | number)[]) => {
    const first = seen.get(id);
    if (first) add(path, 'duplicate_id', `Mã "${id}" đã dùng ở ${first}.`);
    else seen.set(id, path.join('.'));
  };
  let total = 0;
  const questionAt = new Map<string, { section: number; question: SurveyQuestion }>();
  def.sections.forEach((section, s) => {
    claim(section.id, ['sections', s, 'id']);
    if (section.questions.length === 0) {
      add(['sections', s, 'questions'], 'empty_section', 'Mỗi phần cần ít nhất một câu hỏi.');
    }
    section.questions.forEach((q, i) => {
      total++;
      const path = ['sections', s, 'questions', i];
      claim(q.id, [...path, 'id']);
      if (!questionAt.has(q.id))
        questionAt.set(q.id, { section: s, question: q as SurveyQuestion });
      if (q.type === 'single' || q.type === 'multiple') {
        const options = q.options ?? [];
        if (!q.options) {
          add([...path, 'options'], 'options_missing', 'Câu hỏi lựa chọn cần danh sách lựa chọn.');
        } else if (options.length < MIN_OPTIONS || options.length > MAX_OPTIONS) {
          add(
            [...path, 'options'],
            'options_count',
            `Câu hỏi lựa chọn cần từ ${MIN_OPTIONS} đến ${MAX_OPTIONS} lựa chọn.`,
          );
        }
        const ids = new Set<string>();
        options.forEach((o, k) => {
          if (ids.has(o.id)) {
            add(
              [...path, 'options', k, 'id'],
              'duplicate_option',
              `Mã lựa chọn "${o.id}" bị trùng trong câu hỏi.`,
            );
          }
          ids.add(o.id);
        });
      }
      if (q.type === 'scale' && !q.scale) {
        add([...path, 'scale'], 'scale_missing', 'Câu thang điểm cần điểm thấp nhất và cao nhất.');
      }
    });
  });
  if (total === 0) add(['sections'], 'no_questions', 'Phiếu khảo sát cần ít nhất một câu hỏi.');
  if (total > MAX_QUESTIONS) {
    add(['sections'], 'too_many_questions', `Phiếu khảo sát tối đa ${MAX_QUESTIONS} câu hỏi.`);
  }

  const sectionIndex = new Map(def.sections.map((s, i) => [s.id, i]));
  const rules = new Set<string>();
  def.logic.forEach((rule, r) => {
    const path = ['logic', r];
    const at = questionAt.get(rule.questionId);
    if (!at) {
      add(
        [...path, 'questionId'],
        'logic_unknown_question',
        `Không có câu hỏi "${rule.questionId}".`,
      );
      return;
    }
    if (at.question.type !== 'single') {
      add(
        [...path, 'questionId'],
        'logic_not_single',
        'Chỉ câu hỏi một lựa chọn mới có điều kiện chuyển tiếp.',
      );
      return;
    }
    if (!(at.question.options ?? []).some((o) => o.id === rule.optionId)) {
      add(
        [...path, 'optionId'],
        'logic_unknown_option',
        `Câu hỏi "${rule.questionId}" không có lựa chọn "${rule.optionId}".`,
      );
      return;
    }
    const key = `${rule.questionId}\u0000${rule.optionId}`;
    if (rules.has(key)) {
      add(path, 'logic_duplicate', 'Lựa chọn này đã có một điều kiện chuyển tiếp.');
      return;
    }
    rules.add(key);
    if (rule.goTo === END) return;
    const target = sectionIndex.get(rule.goTo);
    if (target === undefined) {
      add([...path, 'goTo'], 'logic_unknown_target', `Không có phần "${rule.goTo}".`);
    } else if (target <= at.section) {
      add(
        [...path, 'goTo'],
        'logic_not_forward',
        'Chỉ được chuyển tới một phần phía sau câu hỏi, hoặc tới cuối phiếu.',
      );
    }
  });
  return issues;
}

const BaseDefinition = z.object({
  sections: z
    .array(SurveySectionSchema, { error: 'Danh sách phần không hợp lệ.' })
    .min(1, 'Phiếu khảo sát cần ít nhất một phần.')
    .max(MAX_SECTIONS, `Tối đa ${MAX_SECTIONS} phần.`),
  logic: z
    .array(SurveyLogicSchema, { error: 'Danh sách điều kiện chuyển tiếp không hợp lệ.' })
    .max(MAX_QUESTIONS * MAX_OPTIONS, 'Quá nhiều điều kiện chuyển tiếp.')
    .default([]),
});

/** The builder's document; `definitionProblems` codes travel in the issue's params. */
export const SurveyDefinitionSchema = BaseDefinition.superRefine((def, ctx) => {
  for (const issue of definitionProblems(def)) {
    ctx.addIssue({
      code: 'custom',
      path: issue.path,
      message: issue.message,
      params: { problem: issue.problem },
    });
  }
}).openapi('SurveyDefinition', {
  description:
    'Phiếu khảo sát: các phần theo thứ tự, câu hỏi theo thứ tự, điều kiện chuyển tiếp (chỉ với câu một lựa chọn, tới một phần phía sau hoặc `end`). Mã (`id`) gồm `[a-z0-9_-]`, tối đa 40 ký tự, không trùng giữa các phần và câu hỏi; mã lựa chọn không trùng trong một câu.',
});

export interface SurveyOption {
  id: string;
  label: string;
}
export interface SurveyQuestion {
  id: string;
  type: QuestionType;
  title: string;
  help?: string;
  required: boolean;
  options?: SurveyOption[];
  scale?: { min: 0 | 1; max: number; minLabel?: string; maxLabel?: string };
  maxLength?: number;
}
export interface SurveySection {
  id: string;
  title: string;
  description?: string;
  questions: SurveyQuestion[];
}
export interface SurveyLogicRule {
  questionId: string;
  optionId: string;
  goTo: string;
}
export interface SurveyDefinition {
  sections: SurveySection[];
  logic: SurveyLogicRule[];
}

/**
 * The stored form of a valid document: each question keeps only the fields of its type (a
 * builder that switched a question from choice to text may still send the old options), and
 * text questions get their explicit maximum length.
 */
export function normaliseDefinition(
  def: z.output<typeof SurveyDefinitionSchema>,
): SurveyDefinition {
  return {
    sections: def.sections.map((s) => ({
      id: s.id,
      title: s.title,
      ...(s.description ? { description: s.description } : {}),
      questions: s.questions.map((q): SurveyQuestion => {
        const base = {
          id: q.id,
          type: q.type,
          title: q.title,
          ...(q.help ? { help: q.help } : {}),
          required: q.required,
        };
        if (q.type === 'single' || q.type === 'multiple') {
          return { ...base, options: (q.options ?? []).map((o) => ({ id: o.id, label: o.label })) };
        }
        if (q.type === 'scale') {
          const scale = q.scale as NonNullable<typeof q.scale>;
          return {
            ...base,
            scale: {
              min: scale.min,
              max: scale.max,
              ...(scale.minLabel ? { minLabel: scale.minLabel } : {}),
              ...(scale.maxLabel ? { maxLabel: scale.maxLabel } : {}),
            },
          };
        }
        return { ...base, maxLength: q.maxLength ?? DEFAULT_TEXT_MAX_LENGTH };
      }),
    })),
    logic: def.logic.map((r) => ({ questionId: r.questionId, optionId: r.optionId, goTo: r.goTo })),
  };
}

/** Parses and normalises a document; the issues (with their paths) when it is refused. */
export function parseDefinition(
  input: unknown,
): { ok: true; definition: SurveyDefinition } | { ok: false; issues: DefinitionIssue[] } {
  const result = SurveyDefinitionSchema.safeParse(input);
  if (result.success) return { ok: true, definition: normaliseDefinition(result.data) };
  return { ok: false, issues: definitionIssues(result.error.issues) };
}

export interface DefinitionIssue {
  /** Dotted path inside the definition, e.g. `sections.1.questions.0.options`. */
  path: string;
  /** A DefinitionProblem, or zod's issue code for a malformed field. */
  code: string;
  message: string;
}

export function definitionIssues(issues: z.ZodError['issues']): DefinitionIssue[] {
  return issues.map((issue) => {
    const problem =
      issue.code === 'custom' ? (issue.params as { problem?: string } | undefined)?.problem : null;
    return {
      path: issue.path.map(String).join('.'),
      code: problem ?? issue.code,
      message: issue.message,
    };
  });
}

/** Every question with its section index, in order. */
export function questionsOf(
  def: SurveyDefinition,
): { section: number; question: SurveyQuestion }[] {
  return def.sections.flatMap((s, section) =>
    s.questions.map((question) => ({ section, question })),
  );
}

export const questionCount = (def: SurveyDefinition) =>
  def.sections.reduce((n, s) => n + s.questions.length, 0);

// ---- answers -------------------------------------------------------------------------------

/** One answer as the mini app sends it. */
export interface AnswerInput {
  optionIds?: string[];
  value?: number | string;
}

export type AnswerProblem =
  | 'required'
  | 'unknown_option'
  | 'not_in_path'
  | 'out_of_range'
  | 'too_long'
  | 'unknown_question'
  /** The answer's shape does not fit the question (text for a scale, two options for one). */
  | 'invalid';

/** One row of survey_answers: a chosen option, or a scale value / text with option ''. */
export interface AnswerRow {
  questionId: string;
  optionId: string;
  value: string | null;
}

export type ResponseCheck =
  | { ok: true; rows: AnswerRow[]; path: string[] }
  | { ok: false; questions: Record<string, AnswerProblem>; path: string[] };

/** An answer that says nothing: no option, no value, blank text. */
function isBlank(a: AnswerInput | undefined): boolean {
  if (!a) return true;
  const noOptions = !a.optionIds || a.optionIds.length === 0;
  const noValue = a.value === undefined || (typeof a.value === 'string' && a.value.trim() === '');
  return noOptions && noValue;
}

/** The one option of a single-choice answer, when it is exactly one existing option. */
function chosenSingle(q: SurveyQuestion, a: AnswerInput | undefined): string | null {
  const ids = a?.optionIds;
  if (ids?.length !== 1 || a?.value !== undefined) return null;
  const id = ids[0] as string;
  return (q.options ?? []).some((o) => o.id === id) ? id : null;
}

/**
 * The sections a respondent visits, in order: from the first, each section leads to the next
 * unless one of its single-choice answers matches a skip rule, which sends them to a later
 * section or to the end. When several answers of one section match rules, the first question
 * in order wins. Rules only move forward, so the walk always ends.
 */
export function sectionPath(
  def: SurveyDefinition,
  answers: Readonly<Record<string, AnswerInput>>,
): string[] {
  const index = new Map(def.sections.map((s, i) => [s.id, i]));
  const rules = new Map(def.logic.map((r) => [`${r.questionId}\u0000${r.optionId}`, r.goTo]));
  const path: string[] = [];
  let i = 0;
  while (i < def.sections.length) {
    const section = def.sections[i] as SurveySection;
    path.push(section.id);
    let next = i + 1;
    for (const q of section.questions) {
      if (q.type !== 'single') continue;
      const chosen = chosenSingle(q, answers[q.id]);
      const goTo = chosen === null ? undefined : rules.get(`${q.id}\u0000${chosen}`);
      if (goTo === undefined) continue;
      next = goTo === END ? def.sections.length : (index.get(goTo) ?? next);
      break;
    }
    i = Math.max(next, i + 1);
  }
  return path;
}

/** Text as stored: NFC (one form for Vietnamese diacritics, so lengths and searches agree), trimmed. */
export const normaliseText = (value: string) => value.normalize('NFC').trim();

/**
 * Checks a response against the definition: every answer belongs to a question on the
 * respondent's path, fits its question, and every required question on the path is answered.
 * Answers the rows to store, or a reason per question.
 */
export function checkResponse(
  def: SurveyDefinition,
  answers: Readonly<Record<string, AnswerInput>>,
): ResponseCheck {
  const path = sectionPath(def, answers);
  const onPath = new Set(path);
  const problems: Record<string, AnswerProblem> = {};
  const rows: AnswerRow[] = [];
  const known = new Map(questionsOf(def).map((q) => [q.question.id, q]));

  for (const id of Object.keys(answers)) {
    if (!known.has(id)) problems[id] = 'unknown_question';
  }
  for (const [id, { section, question: q }] of known) {
    const a = answers[id];
    const inPath = onPath.has((def.sections[section] as SurveySection).id);
    if (isBlank(a)) {
      if (inPath && q.required) problems[id] = 'required';
      continue;
    }
    if (!inPath) {
      problems[id] = 'not_in_path';
      continue;
    }
    const answer = a as AnswerInput;
    switch (q.type) {
      case 'single':
      case 'multiple': {
        if (answer.value !== undefined || !answer.optionIds) {
          problems[id] = 'invalid';
          break;
        }
        const chosen = [...new Set(answer.optionIds)];
        if (q.type === 'single' && chosen.length !== 1) {
          problems[id] = 'invalid';
          break;
        }
        const options = new Set((q.options ?? []).map((o) => o.id));
        if (chosen.some((o) => !options.has(o))) {
          problems[id] = 'unknown_option';
          break;
        }
        // Stored in the definition's order, so exports list choices the way the form shows them.
        for (const o of q.options ?? []) {
          if (chosen.includes(o.id)) rows.push({ questionId: id, optionId: o.id, value: null });
        }
        break;
      }
      case 'scale': {
        const scale = q.scale as NonNullable<SurveyQuestion['scale']>;
        if (answer.optionIds !== undefined || typeof answer.value !== 'number') {
          problems[id] = 'invalid';
          break;
        }
        const v = answer.value;
        if (!Number.isInteger(v) || v < scale.min || v > scale.max) {
          problems[id] = 'out_of_range';
          break;
        }
        rows.push({ questionId: id, optionId: '', value: String(v) });
        break;
      }
      case 'text': {
        if (answer.optionIds !== undefined || typeof answer.value !== 'string') {
          problems[id] = 'invalid';
          break;
        }
        const v = normaliseText(answer.value);
        if (v.length > (q.maxLength ?? DEFAULT_TEXT_MAX_LENGTH)) {
          problems[id] = 'too_long';
          break;
        }
        rows.push({ questionId: id, optionId: '', value: v });
        break;
      }
    }
  }
  if (Object.keys(problems).length > 0) return { ok: false, questions: problems, path };
  return { ok: true, rows, path };
}
