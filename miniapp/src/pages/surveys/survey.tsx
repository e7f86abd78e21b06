import '../field-reports/reports.css';
import './surveys.css';
import { useEffect, useRef, useState } from 'react';
import { useRecoilValue } from 'recoil';
import { Button, useNavigate, useParams } from 'zmp-ui';
import { AppIcon, registerIcons } from '../../components/app-icon';
import { SignInGate } from '../../components/sign-in-gate';
import { useApi } from '../../hooks/use-api';
import { useT } from '../../i18n/use-t';
import type { ApiError } from '../../services/api';
import { formatDate, formatDateTime } from '../../services/reports/format';
import { surveysClient } from '../../services/surveys/client';
import {
  answersToSend,
  checkSection,
  checkSurvey,
  firstSectionWithProblem,
  isEmptyAnswer,
  nextSection,
  type Problems,
  pathSections,
  previousSection,
  problemsFromError,
  progressOf,
} from '../../services/surveys/logic';
import type { Answer, Answers, SurveyDetail, SurveyQuestion } from '../../services/surveys/types';
import { getDeviceId } from '../../services/zalo';
import { sessionState } from '../../state/session';
import { ReportPage } from '../field-reports/components/report-page';
import { ErrorState, LoadingBlock, Notice } from '../field-reports/components/states';
import { REPORT_SVG } from '../field-reports/icons.gen';
import { QuestionField } from './components/question-field';

registerIcons(REPORT_SVG);

/** Answers in progress, per survey, kept while the app runs (leaving the form keeps them). */
const drafts = new Map<string, Answers>();

type Stage =
  | { kind: 'intro' }
  | { kind: 'section'; id: string }
  | { kind: 'review' }
  | { kind: 'done' };

/** Open now: published, and the time between its opening and closing. */
function openState(survey: SurveyDetail, now: Date): 'open' | 'notYet' | 'closed' {
  if (survey.status !== 'published') return 'closed';
  if (now.getTime() < Date.parse(survey.opensAt)) return 'notYet';
  if (now.getTime() >= Date.parse(survey.closesAt)) return 'closed';
  return 'open';
}

/** The answer as the review shows it: the chosen labels, the number, or the text. */
function answerText(question: SurveyQuestion, answer: Answer | undefined): string | null {
  if (isEmptyAnswer(answer) || !answer) return null;
  if (question.type === 'single' || question.type === 'multiple') {
    const labels = new Map((question.options ?? []).map((o) => [o.id, o.label]));
    return (answer.optionIds ?? []).map((id) => labels.get(id) ?? id).join('; ');
  }
  if (question.type === 'scale') {
    const { max = 5 } = question.scale ?? {};
    return `${answer.value}/${max}`;
  }
  return String(answer.value).trim();
}

function Answering({ survey }: { survey: SurveyDetail }) {
  const t = useT();
  const navigate = useNavigate();
  const { session } = useRecoilValue(sessionState);
  const definition = survey.definition;
  const [answers, setAnswers] = useState<Answers>(() => drafts.get(survey.id) ?? {});
  const [stage, setStage] = useState<Stage>({ kind: 'intro' });
  const [problems, setProblems] = useState<Problems>({});
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<ApiError>();
  const [already, setAlready] = useState(survey.answered);
  // Whether an earlier attempt's answer was lost: then "already answered" means it went through.
  const lostAttempt = useRef(false);
  const top = useRef<HTMLDivElement>(null);

  useEffect(() => {
    drafts.set(survey.id, answers);
  }, [survey.id, answers]);

  // Each step starts at its top; with problems, at the first one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: on a change of step only
  useEffect(() => {
    const first = document.querySelector('.survey-question.has-problem');
    (first ?? top.current)?.scrollIntoView({ block: 'start' });
  }, [stage]);

  const setAnswer = (questionId: string, answer: Answer | undefined) => {
    setAnswers((current) => {
      const next = { ...current };
      if (answer) next[questionId] = answer;
      else delete next[questionId];
      return next;
    });
    setProblems((current) => {
      if (!(questionId in current)) return current;
      const next = { ...current };
      delete next[questionId];
      return next;
    });
  };

  const sectionIds = pathSections(definition, answers).map((s) => s.id);

  const goForward = (sectionId: string) => {
    const section = definition.sections.find((s) => s.id === sectionId);
    if (!section) return;
    const found = checkSection(section, answers);
    setProblems(found);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() =>
        document.querySelector('.survey-question.has-problem')?.scrollIntoView({ block: 'start' }),
      );
      return;
    }
    const next = nextSection(definition, answers, sectionId);
    setStage(next ? { kind: 'section', id: next } : { kind: 'review' });
  };

  const goBack = (sectionId: string) => {
    setProblems({});
    const previous = previousSection(definition, answers, sectionId);
    setStage(previous ? { kind: 'section', id: previous } : { kind: 'intro' });
  };

  const send = async () => {
    const found = checkSurvey(definition, answers);
    if (Object.keys(found).length > 0) {
      setProblems(found);
      const at = firstSectionWithProblem(definition, answers, found);
      if (at) setStage({ kind: 'section', id: at });
      return;
    }
    setSending(true);
    setFailure(undefined);
    const result = await surveysClient.answer(
      survey.id,
      await getDeviceId(),
      answersToSend(definition, answers),
    );
    setSending(false);
    if (result.ok) {
      drafts.delete(survey.id);
      setStage({ kind: 'done' });
      return;
    }
    const { error } = result;
    if (error.code === 'already_answered' && lostAttempt.current) {
      // The first attempt arrived; only its answer was lost on the way back.
      drafts.delete(survey.id);
      setStage({ kind: 'done' });
      return;
    }
    lostAttempt.current ||= error.kind !== 'http' || error.status >= 500;
    if (error.code === 'already_answered') {
      drafts.delete(survey.id);
      setAlready(true);
      return;
    }
    const fromServer = problemsFromError(error);
    if (fromServer && Object.keys(fromServer).length > 0) {
      setProblems(fromServer);
      const at = firstSectionWithProblem(definition, answers, fromServer);
      setFailure(error);
      if (at) setStage({ kind: 'section', id: at });
      return;
    }
    setFailure(error);
  };

  if (stage.kind === 'done') {
    return (
      <section className="rp-section card survey-done" data-testid="survey-thanks">
        <span className="survey-done__icon">
          <AppIcon icon="zi-check-circle-solid" size={48} />
        </span>
        <h2 className="survey-done__title">{t('survey.thanks.title')}</h2>
        <p>{t('survey.thanks.body', { agency: survey.agencyName ?? t('survey.theAgency') })}</p>
        <Button fullWidth onClick={() => navigate('/surveys', { replace: true })}>
          {t('survey.thanks.more')}
        </Button>
        <Button fullWidth variant="tertiary" onClick={() => navigate('/', { replace: true })}>
          {t('survey.thanks.home')}
        </Button>
      </section>
    );
  }

  if (already) {
    return (
      <div className="survey-stack">
        <Notice tone="success">{t('survey.already')}</Notice>
        <Button variant="secondary" onClick={() => navigate('/surveys')}>
          {t('survey.thanks.more')}
        </Button>
      </div>
    );
  }

  const failureNotice = failure ? (
    <div data-testid="survey-failure">
      <Notice tone="error">
        {failure.kind !== 'http' || failure.status >= 500
          ? t('survey.lost', { message: failure.message })
          : failure.message}
      </Notice>
    </div>
  ) : null;

  const needsSession = survey.audience === 'verified' && !session;

  if (stage.kind === 'intro') {
    return (
      <div className="survey-stack" ref={top}>
        <section className="rp-section card">
          <h2 className="survey-title">{survey.title}</h2>
          {survey.agencyName ? <p className="survey-meta">{survey.agencyName}</p> : null}
          {survey.description ? <p className="survey-description">{survey.description}</p> : null}
          <ul className="survey-facts">
            <li>
              {t('survey.questionsSections', {
                questions: definition.sections.reduce((n, s) => n + s.questions.length, 0),
                sections: definition.sections.length,
              })}
            </li>
            <li>{t('survey.closesAt', { time: formatDateTime(survey.closesAt) })}</li>
            <li>
              {t(survey.audience === 'verified' ? 'survey.onceAccount' : 'survey.onceDevice')}
            </li>
          </ul>
          <p className="survey-meta">{t('survey.requiredHint')}</p>
        </section>
        {needsSession ? (
          <SignInGate title={t('survey.gate.title')} reason={t('survey.gate.reason')}>
            {null}
          </SignInGate>
        ) : (
          <Button
            fullWidth
            onClick={() => setStage({ kind: 'section', id: sectionIds[0] ?? '' })}
            data-testid="survey-start"
          >
            {t(Object.keys(answers).length > 0 ? 'survey.continue' : 'survey.start')}
          </Button>
        )}
      </div>
    );
  }

  if (needsSession) {
    // Signed out midway (the session expired): the answers are kept for after signing in.
    return (
      <SignInGate title={t('survey.gate.title')} reason={t('survey.gate.reason')}>
        {null}
      </SignInGate>
    );
  }

  if (stage.kind === 'review') {
    const sections = pathSections(definition, answers);
    return (
      <div className="survey-stack" ref={top}>
        <h2 className="survey-step-title">{t('survey.review.title')}</h2>
        <p className="survey-meta">{t('survey.review.hint')}</p>
        {sections.map((section) => (
          <section key={section.id} className="rp-section card survey-review">
            <div className="survey-review__head">
              <h3 className="rp-section__title">{section.title}</h3>
              <Button
                size="small"
                variant="tertiary"
                onClick={() => setStage({ kind: 'section', id: section.id })}
              >
                {t('common.edit')}
              </Button>
            </div>
            <dl className="survey-review__list">
              {section.questions.map((question) => {
                const text = answerText(question, answers[question.id]);
                return (
                  <div key={question.id} className="survey-review__row">
                    <dt>{question.title}</dt>
                    <dd className={text ? '' : 'is-empty'}>{text ?? t('survey.review.skipped')}</dd>
                  </div>
                );
              })}
            </dl>
          </section>
        ))}
        {failureNotice}
        <div className="wizard-footer">
          <Button
            variant="secondary"
            onClick={() => {
              const last = sections[sections.length - 1];
              setStage(last ? { kind: 'section', id: last.id } : { kind: 'intro' });
            }}
          >
            {t('common.back')}
          </Button>
          <Button loading={sending} disabled={sending} onClick={() => void send()}>
            {t('survey.submit')}
          </Button>
        </div>
      </div>
    );
  }

  const section = definition.sections.find((s) => s.id === stage.id);
  if (!section) return null;
  const progress = progressOf(definition, answers, section.id);
  // Questions are numbered across the whole survey, as the agency wrote them.
  const offset = definition.sections
    .slice(0, definition.sections.indexOf(section))
    .reduce((n, s) => n + s.questions.length, 0);
  const last = nextSection(definition, answers, section.id) === undefined;

  return (
    <div className="survey-stack" ref={top}>
      <div className="wizard-progress" data-testid="survey-progress">
        <p className="wizard-progress__text">
          <span>{t('survey.progress', { step: progress.step, total: progress.total })}</span>
          <strong>{section.title}</strong>
        </p>
        <span className="survey-progress-bar" aria-hidden="true">
          <span style={{ width: `${Math.round((progress.step / progress.total) * 100)}%` }} />
        </span>
      </div>
      {section.description ? <p className="survey-description">{section.description}</p> : null}
      {failureNotice}
      {Object.keys(problems).length > 0 ? (
        <Notice tone="error">{t('survey.fixProblems')}</Notice>
      ) : null}
      {section.questions.map((question, i) => (
        <section key={question.id} className="rp-section card">
          <QuestionField
            question={question}
            number={offset + i + 1}
            answer={answers[question.id]}
            problem={problems[question.id]}
            onChange={(answer) => setAnswer(question.id, answer)}
          />
        </section>
      ))}
      <div className="wizard-footer">
        <Button variant="secondary" onClick={() => goBack(section.id)}>
          {t('common.back')}
        </Button>
        <Button onClick={() => goForward(section.id)} data-testid="survey-next">
          {t(last ? 'survey.toReview' : 'common.next')}
        </Button>
      </div>
    </div>
  );
}

/** One survey: its description, then its sections one by one, a review, and the thanks. */
export default function SurveyPage() {
  const t = useT();
  const { id = '' } = useParams();
  const { ready, session } = useRecoilValue(sessionState);
  const survey = useApi(
    () => (ready ? getDeviceId().then((deviceId) => surveysClient.survey(id, deviceId)) : null),
    [id, ready, session?.token],
  );
  const data = survey.data?.id === id ? survey.data : undefined;
  const state = data ? openState(data, new Date()) : undefined;

  return (
    <ReportPage title={t('survey.title')} parent="/surveys">
      {!data && survey.status === 'loading' ? <LoadingBlock /> : null}
      {!data && survey.status === 'error' ? (
        <ErrorState
          message={survey.error.message}
          onRetry={survey.error.status === 404 ? undefined : survey.reload}
        />
      ) : null}
      {data && state === 'open' ? (
        <Answering key={`${data.id}:${data.answered}`} survey={data} />
      ) : null}
      {data && state !== 'open' ? (
        <section className="rp-section card">
          <h2 className="survey-title">{data.title}</h2>
          <Notice tone="warning">
            {state === 'notYet'
              ? t('survey.notYet', { date: formatDateTime(data.opensAt) })
              : t('survey.closed', { date: formatDate(data.closesAt) })}
          </Notice>
        </section>
      ) : null}
    </ReportPage>
  );
}
