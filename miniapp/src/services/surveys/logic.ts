import type { ApiError } from '../api';
import type {
  Answer,
  AnswerProblem,
  Answers,
  SurveyDefinition,
  SurveyQuestion,
  SurveySection,
} from './types';

/**
 * The survey form's rules, the same as the server's (edge/src/surveys): which sections the
 * citizen goes through given their answers (skip logic), and which answers are missing or
 * invalid. The server checks again; this only spares a round trip and says where to look.
 */

export const DEFAULT_TEXT_MAX = 1000;

/** The section a single-choice answer in `section` sends the citizen to, if a rule says so. */
function jumpFrom(
  definition: SurveyDefinition,
  section: SurveySection,
  answers: Answers,
): string | undefined {
  for (const question of section.questions) {
    if (question.type !== 'single') continue;
    const ids = answers[question.id]?.optionIds ?? [];
    const chosen = ids.length === 1 ? ids[0] : undefined;
    // As the server: only exactly one existing option counts towards a jump.
    if (!chosen || !(question.options ?? []).some((o) => o.id === chosen)) continue;
    const rule = definition.logic.find(
      (r) => r.questionId === question.id && r.optionId === chosen,
    );
    if (rule) return rule.goTo;
  }
  return undefined;
}

/**
 * The ids of the sections the citizen answers, in order: from the first, each followed by
 * the next one, unless an answer in it jumps ahead (or to the end). The first rule that
 * matches, in question order, wins. A rule pointing backwards or nowhere is ignored (the
 * editor refuses them; this keeps an odd definition from looping).
 */
export function sectionPath(definition: SurveyDefinition, answers: Answers): string[] {
  const { sections } = definition;
  const path: string[] = [];
  let index = 0;
  while (index < sections.length) {
    const section = sections[index] as SurveySection;
    path.push(section.id);
    const goTo = jumpFrom(definition, section, answers);
    if (goTo === 'end') break;
    const target = goTo === undefined ? -1 : sections.findIndex((s) => s.id === goTo);
    index = target > index ? target : index + 1;
  }
  return path;
}

/** The sections on the path, as objects. */
export function pathSections(definition: SurveyDefinition, answers: Answers): SurveySection[] {
  const byId = new Map(definition.sections.map((s) => [s.id, s]));
  return sectionPath(definition, answers).flatMap((id) => byId.get(id) ?? []);
}

/** Text as the server stores it: one Unicode form for Vietnamese marks, trimmed. */
export const normaliseText = (value: string) => value.normalize('NFC').trim();

/** Whether an answer says nothing (no option, no number, only blanks). */
export function isEmptyAnswer(answer: Answer | undefined): boolean {
  if (!answer) return true;
  if (answer.optionIds && answer.optionIds.length > 0) return false;
  if (typeof answer.value === 'number') return !Number.isFinite(answer.value);
  if (typeof answer.value === 'string') return answer.value.trim() === '';
  return true;
}

/** What is wrong with one answer, or undefined when it is fine (an empty optional one is). */
export function checkAnswer(
  question: SurveyQuestion,
  answer: Answer | undefined,
): AnswerProblem | undefined {
  if (isEmptyAnswer(answer)) return question.required ? 'required' : undefined;
  const given = answer as Answer;
  switch (question.type) {
    case 'single':
    case 'multiple': {
      const ids = [...new Set(given.optionIds ?? [])];
      const known = new Set((question.options ?? []).map((o) => o.id));
      if (given.value !== undefined) return 'invalid';
      if (question.type === 'single' && ids.length !== 1) return 'invalid';
      return ids.some((id) => !known.has(id)) ? 'unknown_option' : undefined;
    }
    case 'scale': {
      const value = given.value;
      const { min = 1, max = 5 } = question.scale ?? {};
      if (typeof value !== 'number') return 'invalid';
      if (!Number.isInteger(value) || value < min || value > max) {
        return 'out_of_range';
      }
      return undefined;
    }
    case 'text': {
      if (typeof given.value !== 'string') return 'invalid';
      const max = question.maxLength ?? DEFAULT_TEXT_MAX;
      return normaliseText(given.value).length > max ? 'too_long' : undefined;
    }
    default:
      return 'unknown_question';
  }
}

export type Problems = Record<string, AnswerProblem>;

/** The problems of the questions of one section (checked on "Tiếp tục"). */
export function checkSection(section: SurveySection, answers: Answers): Problems {
  const problems: Problems = {};
  for (const question of section.questions) {
    const problem = checkAnswer(question, answers[question.id]);
    if (problem) problems[question.id] = problem;
  }
  return problems;
}

/** The problems of every question on the citizen's path (checked before sending). */
export function checkSurvey(definition: SurveyDefinition, answers: Answers): Problems {
  return Object.assign(
    {},
    ...pathSections(definition, answers).map((section) => checkSection(section, answers)),
  );
}

/**
 * What is sent: the non-empty answers of the questions on the path, texts trimmed. Answers
 * to sections the citizen skipped after changing their mind are left out (the server would
 * refuse them as `not_in_path`).
 */
export function answersToSend(definition: SurveyDefinition, answers: Answers): Answers {
  const out: Answers = {};
  for (const section of pathSections(definition, answers)) {
    for (const question of section.questions) {
      const answer = answers[question.id];
      if (isEmptyAnswer(answer) || !answer) continue;
      if (question.type === 'text')
        out[question.id] = { value: normaliseText(String(answer.value)) };
      else if (question.type === 'scale') out[question.id] = { value: Number(answer.value) };
      else out[question.id] = { optionIds: [...(answer.optionIds ?? [])] };
    }
  }
  return out;
}

/** The first section on the path with a problem, to send the citizen back there. */
export function firstSectionWithProblem(
  definition: SurveyDefinition,
  answers: Answers,
  problems: Problems,
): string | undefined {
  return pathSections(definition, answers).find((section) =>
    section.questions.some((q) => problems[q.id] !== undefined),
  )?.id;
}

const PROBLEMS: readonly AnswerProblem[] = [
  'required',
  'unknown_option',
  'not_in_path',
  'out_of_range',
  'too_long',
  'unknown_question',
  'invalid',
];

/** The per-question problems of a 422 `invalid_answers`, or undefined for any other error. */
export function problemsFromError(error: ApiError): Problems | undefined {
  if (error.kind !== 'http' || error.code !== 'invalid_answers') return undefined;
  const details = error.details as { questions?: unknown } | undefined;
  const questions = details?.questions;
  if (typeof questions !== 'object' || questions === null) return {};
  const problems: Problems = {};
  for (const [id, problem] of Object.entries(questions)) {
    if (PROBLEMS.includes(problem as AnswerProblem)) problems[id] = problem as AnswerProblem;
  }
  return problems;
}

/** "Phần 2/4": how far the citizen is, counting only the sections on their path. */
export function progressOf(
  definition: SurveyDefinition,
  answers: Answers,
  sectionId: string,
): { step: number; total: number } {
  const path = sectionPath(definition, answers);
  const at = path.indexOf(sectionId);
  return { step: at < 0 ? 1 : at + 1, total: Math.max(1, path.length) };
}

/** The section after `sectionId` on the path, or undefined at the last one (then: review). */
export function nextSection(
  definition: SurveyDefinition,
  answers: Answers,
  sectionId: string,
): string | undefined {
  const path = sectionPath(definition, answers);
  const at = path.indexOf(sectionId);
  return at < 0 ? path[0] : path[at + 1];
}

/** The section before `sectionId` on the path, or undefined at the first. */
export function previousSection(
  definition: SurveyDefinition,
  answers: Answers,
  sectionId: string,
): string | undefined {
  const path = sectionPath(definition, answers);
  const at = path.indexOf(sectionId);
  return at > 0 ? path[at - 1] : undefined;
}
