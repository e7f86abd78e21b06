import { type FormEvent, useState } from 'react';
import { useRecoilValue } from 'recoil';
import { Button } from 'zmp-ui';
import { AppIcon } from '../../../components/app-icon';
import { SignInGate } from '../../../components/sign-in-gate';
import type { MessageKey } from '../../../i18n';
import { useT } from '../../../i18n/use-t';
import type { ApiError } from '../../../services/api';
import { normalizeVietnamesePhone } from '../../../services/reports/phone';
import { trainingClient } from '../../../services/training/client';
import {
  canAsk,
  canRegister,
  meetingLink,
  type SessionPhase,
  sessionPhase,
} from '../../../services/training/format';
import type { TrainingSession } from '../../../services/training/types';
import { openWebview, showToast } from '../../../services/zalo';
import { sessionState } from '../../../state/session';
import { SessionQuestions } from './questions';
import { useSessionTime } from './session-time';

const PHASE_KEYS = {
  upcoming: 'training.phase.upcoming',
  live: 'training.phase.live',
  ended: 'training.phase.ended',
} as const satisfies Record<SessionPhase, MessageKey>;

/** Answers after which the session's places or state have changed: show it afresh. */
const STALE = new Set(['session_full', 'session_started', 'course_cancelled', 'session_not_found']);

type SessionCardProps = {
  session: TrainingSession;
  courseOpen: boolean;
  now: Date;
  /** Fetch the course again (places, the meeting link). */
  onChanged: () => void;
};

function RegisterForm({
  session,
  onDone,
}: {
  session: TrainingSession;
  onDone: (error?: ApiError) => void;
}) {
  const t = useT();
  const { session: signedIn } = useRecoilValue(sessionState);
  const [name, setName] = useState(signedIn?.user.displayName ?? '');
  const [phone, setPhone] = useState('');
  const [problem, setProblem] = useState<string>();
  const [sending, setSending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim().replace(/\s+/g, ' ');
    if (trimmed.length < 2 || trimmed.length > 100) {
      setProblem(t('training.register.nameRequired'));
      return;
    }
    const normalized = phone.trim() ? normalizeVietnamesePhone(phone) : null;
    if (phone.trim() && !normalized) {
      setProblem(t('training.register.phoneInvalid'));
      return;
    }
    setSending(true);
    setProblem(undefined);
    const result = await trainingClient.register(session.id, {
      name: trimmed,
      ...(normalized ? { phone: normalized } : {}),
    });
    setSending(false);
    if (result.ok) {
      onDone();
      return;
    }
    const { error } = result;
    if (STALE.has(error.code)) {
      onDone(error);
      return;
    }
    setProblem(
      error.kind === 'http'
        ? error.message
        : t('training.register.lost', { message: error.message }),
    );
  };

  return (
    <form className="training-register" onSubmit={(e) => void submit(e)}>
      <label className="rp-field">
        <span className="rp-field__label">{t('training.register.name')}</span>
        <input
          className="rp-input"
          value={name}
          onChange={(e) => setName(e.target.value)}
          autoComplete="name"
          maxLength={120}
          placeholder={t('training.register.namePlaceholder')}
        />
      </label>
      <label className="rp-field">
        <span className="rp-field__label">
          {t('training.register.phone')}{' '}
          <span className="wizard-optional">({t('common.optional')})</span>
        </span>
        <input
          className="rp-input"
          type="tel"
          inputMode="tel"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          autoComplete="tel"
          placeholder={t('training.register.phonePlaceholder')}
        />
      </label>
      {problem ? (
        <p className="rp-notice rp-notice--error" role="alert">
          {problem}
        </p>
      ) : null}
      <Button htmlType="submit" fullWidth loading={sending} disabled={sending}>
        {t('training.register.submit')}
      </Button>
    </form>
  );
}

/**
 * One session: when (Vietnam time), the trainer, the places left; registering (signed in
 * with Zalo), the meeting link once registered, cancelling before it starts, and questions.
 */
export function SessionCard({ session, courseOpen, now, onChanged }: SessionCardProps) {
  const t = useT();
  const when = useSessionTime();
  const [registering, setRegistering] = useState(false);
  const [showQuestions, setShowQuestions] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'error' | 'success'; text: string }>();
  const phase = sessionPhase(session, now);
  const registered = session.myRegistration !== null;
  const link = registered ? meetingLink(session) : null;
  const full = session.seatsLeft !== null && session.seatsLeft <= 0;

  const registrationDone = (error?: ApiError) => {
    setRegistering(false);
    setNotice(
      error
        ? { tone: 'error', text: error.message }
        : { tone: 'success', text: t('training.register.done') },
    );
    onChanged();
  };

  const cancel = async () => {
    setCancelling(true);
    setNotice(undefined);
    const result = await trainingClient.cancel(session.id);
    setCancelling(false);
    if (result.ok) {
      void showToast(t('training.cancel.done'));
      onChanged();
      return;
    }
    setNotice({ tone: 'error', text: result.error.message });
  };

  const join = async () => {
    if (!link) return;
    const opened = await openWebview(link);
    if (!opened.ok) setNotice({ tone: 'error', text: opened.error.message });
  };

  return (
    <li className="rp-section card training-session" data-session={session.id}>
      <div className="rp-card__top">
        <h3 className="training-session__title">{session.title}</h3>
        <span className={`training-phase training-phase--${phase}`}>{t(PHASE_KEYS[phase])}</span>
      </div>
      <p className="training-session__line">
        <AppIcon icon="zi-clock-1" size={18} />
        {when(session.startsAt, session.endsAt)}
      </p>
      {session.trainerName ? (
        <p className="training-session__line">
          <AppIcon icon="zi-user" size={18} />
          {t('training.trainer', { name: session.trainerName })}
        </p>
      ) : null}
      <p className="training-session__line">
        <AppIcon icon="zi-members" size={18} />
        {session.seatsLeft === null
          ? t('training.seats.unlimited', { registered: session.registered })
          : full
            ? t('training.seats.full')
            : t('training.seats.left', {
                left: session.seatsLeft,
                capacity: session.capacity ?? session.seatsLeft,
              })}
      </p>

      {registered ? (
        <div className="training-registered" data-testid="registered">
          <p className="training-registered__title">
            <AppIcon icon="zi-check-circle-solid" size={20} />
            {session.myRegistration?.attendedAt ? t('training.attended') : t('training.registered')}
          </p>
          {link && phase !== 'ended' ? (
            <>
              <Button
                fullWidth
                onClick={() => void join()}
                prefixIcon={<AppIcon icon="zi-video" size={20} />}
              >
                {t(phase === 'live' ? 'training.join.live' : 'training.join.open')}
              </Button>
              <p className="training-link-text" data-testid="meeting-link">
                {t('training.join.link')} <span>{link}</span>
              </p>
              {phase === 'upcoming' ? (
                <p className="training-muted">{t('training.join.hint')}</p>
              ) : null}
            </>
          ) : null}
          {phase === 'upcoming' ? (
            <Button
              size="medium"
              variant="tertiary"
              loading={cancelling}
              disabled={cancelling}
              onClick={() => void cancel()}
            >
              {t('training.cancel.action')}
            </Button>
          ) : null}
        </div>
      ) : null}

      {!registered && courseOpen && canRegister(session, now) && !registering ? (
        <Button fullWidth onClick={() => setRegistering(true)}>
          {t('training.register.action')}
        </Button>
      ) : null}
      {!registered && phase === 'upcoming' && full ? (
        <p className="training-muted">{t('training.seats.fullHint')}</p>
      ) : null}
      {registering ? (
        <SignInGate title={t('training.gate.title')} reason={t('training.gate.reason')}>
          <RegisterForm session={session} onDone={registrationDone} />
          <Button size="medium" variant="tertiary" onClick={() => setRegistering(false)}>
            {t('common.cancel')}
          </Button>
        </SignInGate>
      ) : null}

      {notice ? (
        <p className={`rp-notice rp-notice--${notice.tone}`} role="status">
          {notice.text}
        </p>
      ) : null}

      <button
        type="button"
        className="training-qa__toggle"
        aria-expanded={showQuestions}
        onClick={() => setShowQuestions((v) => !v)}
      >
        <AppIcon icon="zi-chat" size={20} />
        {t(showQuestions ? 'training.qa.hide' : 'training.qa.show')}
      </button>
      {showQuestions ? (
        <SessionQuestions sessionId={session.id} canAsk={courseOpen && canAsk(session, now)} />
      ) : null}
    </li>
  );
}
