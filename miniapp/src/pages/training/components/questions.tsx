import { type FormEvent, useState } from 'react';
import { Button } from 'zmp-ui';
import { useApi } from '../../../hooks/use-api';
import { useT } from '../../../i18n/use-t';
import type { ApiError } from '../../../services/api';
import { formatDateTime } from '../../../services/reports/format';
import { trainingClient } from '../../../services/training/client';

const QUESTION_MIN = 3;
const QUESTION_MAX = 1000;

/**
 * A session's questions and the trainer's answers; registered people may ask until it
 * ends. Loaded when opened, so a course page with many sessions stays light.
 */
export function SessionQuestions({ sessionId, canAsk }: { sessionId: string; canAsk: boolean }) {
  const t = useT();
  const questions = useApi(() => trainingClient.questions(sessionId), [sessionId]);
  const [body, setBody] = useState('');
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [sent, setSent] = useState(false);

  const messageOf = (error: ApiError) =>
    error.kind === 'http' ? error.message : t('training.ask.lost', { message: error.message });

  const ask = async (event: FormEvent) => {
    event.preventDefault();
    const text = body.trim();
    if (text.length < QUESTION_MIN) {
      setProblem(t('training.ask.tooShort', { min: QUESTION_MIN }));
      return;
    }
    if (text.length > QUESTION_MAX) {
      setProblem(t('training.ask.tooLong', { max: QUESTION_MAX }));
      return;
    }
    setSending(true);
    setProblem(undefined);
    setSent(false);
    const result = await trainingClient.ask(sessionId, text);
    setSending(false);
    if (!result.ok) {
      setProblem(messageOf(result.error));
      return;
    }
    setBody('');
    setSent(true);
    questions.reload();
  };

  const list = questions.data ?? [];
  return (
    <div className="training-qa" data-testid="session-questions">
      {questions.status === 'error' && !questions.data ? (
        <p className="rp-notice rp-notice--error" role="alert">
          {questions.error.message}{' '}
          <button type="button" className="training-link" onClick={questions.reload}>
            {t('common.retry')}
          </button>
        </p>
      ) : null}
      {questions.status === 'ready' && list.length === 0 ? (
        <p className="training-muted">{t('training.qa.empty')}</p>
      ) : null}
      {list.length > 0 ? (
        <ul className="training-qa__list">
          {list.map((q) => (
            <li key={q.id} className={`training-qa__item ${q.mine ? 'is-mine' : ''}`}>
              <p className="training-qa__asker">
                {q.mine ? t('training.qa.you') : (q.askerName ?? t('training.qa.someone'))} ·{' '}
                {formatDateTime(q.createdAt)}
              </p>
              <p className="training-qa__body">{q.body}</p>
              {q.answer ? (
                <p className="training-qa__answer">
                  <strong>{t('training.qa.answer')}</strong> {q.answer}
                </p>
              ) : (
                <p className="training-muted">{t('training.qa.waiting')}</p>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {canAsk ? (
        <form className="training-qa__form" onSubmit={(e) => void ask(e)}>
          <label className="rp-field">
            <span className="rp-field__label">{t('training.ask.label')}</span>
            <textarea
              className="rp-input rp-textarea rp-textarea--short"
              value={body}
              onChange={(e) => setBody(e.target.value)}
              placeholder={t('training.ask.placeholder')}
              maxLength={QUESTION_MAX + 50}
            />
          </label>
          {problem ? (
            <p className="rp-notice rp-notice--error" role="alert">
              {problem}
            </p>
          ) : null}
          {sent ? (
            <p className="rp-notice rp-notice--success" role="status">
              {t('training.ask.sent')}
            </p>
          ) : null}
          <Button htmlType="submit" size="medium" loading={sending} disabled={sending}>
            {t('training.ask.submit')}
          </Button>
        </form>
      ) : null}
    </div>
  );
}
