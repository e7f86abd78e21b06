import { useState } from 'react';
import { useRecoilValue } from 'recoil';
import { Button } from 'zmp-ui';
import { AppIcon } from '../../../components/app-icon';
import { useT } from '../../../i18n/use-t';
import { type SignInError, session } from '../../../services/auth/session';
import { sessionState } from '../../../state/session';
import { Notice } from './states';

/**
 * Signing in with Zalo, so "Phản ánh của tôi" follows the citizen to any device. Signed
 * out: why to sign in and the button; signed in: the Zalo name and "Đăng xuất". A session
 * the API refused (expired) is announced here once, above the button.
 */
export function SignInCard() {
  const t = useT();
  const state = useRecoilValue(sessionState);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<SignInError>();

  // Nothing until the stored session is read, so a signed-in citizen never sees the button flash.
  if (!state.ready) return null;

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

  const signOut = async () => {
    setProblem(undefined);
    await session.signOut();
  };

  if (state.session) {
    const name = state.session.user.displayName;
    return (
      <section className="rp-section card signin signin--in" data-testid="signin-card">
        <div className="signin__who">
          <span className="signin__avatar">
            <AppIcon icon="zi-user" size={26} />
          </span>
          <div className="signin__text">
            <p className="signin__name" data-testid="signin-name">
              {name ? t('session.signedInAs', { name }) : t('session.signedIn')}
            </p>
            <p className="signin__hint">{t('session.signedInHint')}</p>
          </div>
        </div>
        <Button
          size="medium"
          variant="secondary"
          className="signin__out"
          onClick={() => void signOut()}
        >
          {t('session.signOut')}
        </Button>
      </section>
    );
  }

  return (
    <section
      className="rp-section card signin"
      aria-labelledby="signin-title"
      data-testid="signin-card"
    >
      <h2 id="signin-title" className="rp-section__title">
        <AppIcon icon="zi-user" size={22} />
        {t('session.cardTitle')}
      </h2>
      {state.ended ? (
        <Notice tone="warning">
          {t(state.ended === 'expired' ? 'session.expired' : 'session.unavailable')}
        </Notice>
      ) : null}
      <p className="signin__hint">{t('session.cardHint')}</p>
      {problem ? (
        <Notice tone={problem.code === 'browser' ? 'info' : 'error'}>
          {problem.messageKey ? t(problem.messageKey) : problem.message}
        </Notice>
      ) : null}
      <Button fullWidth loading={busy} disabled={busy} onClick={() => void signIn()}>
        {t('session.signIn')}
      </Button>
    </section>
  );
}
