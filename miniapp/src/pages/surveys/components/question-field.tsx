import type { MessageKey } from '../../../i18n';
import { useT } from '../../../i18n/use-t';
import { DEFAULT_TEXT_MAX, normaliseText } from '../../../services/surveys/logic';
import type { Answer, AnswerProblem, SurveyQuestion } from '../../../services/surveys/types';

const PROBLEM_KEYS = {
  required: 'survey.problem.required',
  unknown_option: 'survey.problem.unknown_option',
  not_in_path: 'survey.problem.not_in_path',
  out_of_range: 'survey.problem.out_of_range',
  too_long: 'survey.problem.too_long',
  unknown_question: 'survey.problem.unknown_question',
  invalid: 'survey.problem.invalid',
} as const satisfies Record<AnswerProblem, MessageKey>;

type QuestionFieldProps = {
  question: SurveyQuestion;
  number: number;
  answer: Answer | undefined;
  problem: AnswerProblem | undefined;
  onChange: (answer: Answer | undefined) => void;
};

/**
 * One question with the input of its type: a list of choices (one or several), a row of
 * numbers for a scale, or a text box with a counter. Required questions carry a visible
 * mark (and say so to screen readers); a problem is shown under the question.
 */
export function QuestionField({ question, number, answer, problem, onChange }: QuestionFieldProps) {
  const t = useT();
  const titleId = `q-${question.id}-title`;
  const errorId = `q-${question.id}-error`;
  const chosen = answer?.optionIds ?? [];

  const toggle = (optionId: string) => {
    if (question.type === 'single') {
      onChange({ optionIds: [optionId] });
      return;
    }
    const next = chosen.includes(optionId)
      ? chosen.filter((id) => id !== optionId)
      : [...chosen, optionId];
    onChange(next.length > 0 ? { optionIds: next } : undefined);
  };

  let input: React.ReactNode = null;
  if (question.type === 'single' || question.type === 'multiple') {
    const kind = question.type === 'single' ? 'radio' : 'checkbox';
    input = (
      <div className="survey-options">
        {(question.options ?? []).map((option) => {
          const checked = chosen.includes(option.id);
          return (
            <label
              key={option.id}
              className={`survey-option ${checked ? 'is-selected' : ''}`}
              data-option={option.id}
            >
              <input
                type={kind}
                name={`q-${question.id}`}
                checked={checked}
                onChange={() => toggle(option.id)}
              />
              <span>{option.label}</span>
            </label>
          );
        })}
      </div>
    );
  } else if (question.type === 'scale') {
    const { min = 1, max = 5, minLabel, maxLabel } = question.scale ?? {};
    const values = Array.from({ length: max - min + 1 }, (_, i) => min + i);
    input = (
      <div className="survey-scale">
        <div className="survey-scale__values" style={{ '--count': values.length } as never}>
          {values.map((value) => {
            const checked = answer?.value === value;
            return (
              <label
                key={value}
                className={`survey-scale__value ${checked ? 'is-selected' : ''}`}
                data-value={value}
              >
                <input
                  type="radio"
                  name={`q-${question.id}`}
                  checked={checked}
                  onChange={() => onChange({ value })}
                />
                <span>{value}</span>
              </label>
            );
          })}
        </div>
        {minLabel || maxLabel ? (
          <div className="survey-scale__labels" aria-hidden="true">
            <span>
              {min} = {minLabel ?? ''}
            </span>
            <span>
              {max} = {maxLabel ?? ''}
            </span>
          </div>
        ) : null}
      </div>
    );
  } else if (question.type === 'text') {
    const max = question.maxLength ?? DEFAULT_TEXT_MAX;
    const text = typeof answer?.value === 'string' ? answer.value : '';
    const length = normaliseText(text).length;
    input = (
      <>
        <textarea
          className={`rp-input rp-textarea rp-textarea--short ${problem ? 'rp-input--error' : ''}`}
          value={text}
          aria-labelledby={titleId}
          aria-describedby={problem ? errorId : undefined}
          onChange={(e) => onChange(e.target.value ? { value: e.target.value } : undefined)}
          placeholder={t('survey.textPlaceholder')}
        />
        <span className={`rp-counter ${length > max ? 'rp-counter--short' : ''}`}>
          {t('survey.counter', { count: length, max })}
        </span>
      </>
    );
  }

  return (
    <fieldset
      className={`survey-question ${problem ? 'has-problem' : ''}`}
      data-question={question.id}
      aria-describedby={problem ? errorId : undefined}
    >
      <legend id={titleId} className="survey-question__title">
        <span className="survey-question__number">{number}.</span> {question.title}
        {question.required ? (
          <span className="survey-required" title={t('survey.required')}>
            {' '}
            *<span className="sr-only">{t('survey.required')}</span>
          </span>
        ) : (
          <span className="wizard-optional"> ({t('common.optional')})</span>
        )}
      </legend>
      {question.help ? <p className="survey-question__help">{question.help}</p> : null}
      {question.type === 'multiple' ? (
        <p className="survey-question__help">{t('survey.pickSeveral')}</p>
      ) : null}
      {input}
      {problem ? (
        <p className="survey-problem" role="alert" id={errorId}>
          {t(PROBLEM_KEYS[problem])}
        </p>
      ) : null}
    </fieldset>
  );
}
