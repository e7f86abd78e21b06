import { type ReactNode, useState } from 'react';
import { useRecoilValue } from 'recoil';
import { Button, Spinner } from 'zmp-ui';
import { useT } from '../i18n/use-t';
import { type SignInError, session } from '../services/auth/session';
import { sessionState } from '../state/session';
import { AppIcon } from './app-icon';

type SignInGateProps = {
  /** The card's title ("Đăng nhập để đặt lịch khám"), in the current language. */
  title: string;
  /** Why this screen needs the citizen's Zalo account. */
  reason: string;
  children: ReactNode;
};

/**
 * Shows `children` to a citizen signed in with Zalo, and to anyone else a card saying why
 * the screen needs it with "Đăng nhập bằng Zalo", so a booking or registration never
 * fails silently for want of a session. A session the API refused (expired) is announced
 * above the button. Styled by the field-report sheet (reports.css), which every screen
 * that uses the gate loads.
 */
export function SignInGate({ title, reason, children }: SignInGateProps) {
  const t = useT();
  const state = useRecoilValue(sessionState);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<SignInError>();

  if (!state.ready) {
    return (
      <div className="rp-loading" role="status" aria-live="polite">
        <Spinner visible />
        <span>{t('common.loading')}</span>
      </div>
    );
  }
  if (state.session) return <>{children}</>;

  const signIn = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      const result = await session.signIn();
      if (!result.ok) setProblem(result.error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section
      className="rp-section card signin"
      aria-labelledby="signin-gate-title"
      data-testid="signin-gate"
    >
      <h2 id="signin-gate-title" className="rp-section__title">
        <AppIcon icon="zi-user" size={22} />
        {title}
      </h2>
      {state.ended ? (
        <p className="rp-notice rp-notice--warning" role="status">
          {t(state.ended === 'expired' ? 'session.expired' : 'session.unavailable')}
        </p>
      ) : null}
      <p className="signin__hint">{reason}</p>
      {problem ? (
        <p
          className={`rp-notice rp-notice--${problem.code === 'browser' ? 'info' : 'error'}`}
          role={problem.code === 'browser' ? 'status' : 'alert'}
        >
          {problem.messageKey ? t(problem.messageKey) : problem.message}
        </p>
      ) : null}
      <Button fullWidth loading={busy} disabled={busy} onClick={() => void signIn()}>
        {t('session.signIn')}
      </Button>
    </section>
  );
}
