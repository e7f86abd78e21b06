import { type FormEvent, useState } from 'react';
import { useRecoilValue } from 'recoil';
import { Button } from 'zmp-ui';
import { AppIcon } from '../../../components/app-icon';
import { useT } from '../../../i18n/use-t';
import { LINK_CODE_LENGTH, officialSession } from '../../../services/officials/session';
import { officialState } from '../../../state/official';
import { sessionState } from '../../../state/session';
import { SignInCard } from '../components/sign-in-card';
import { Notice } from '../components/states';

/**
 * "Liên kết tài khoản cán bộ": step 1, sign in with Zalo (the citizen sign-in); step 2,
 * type the 8-digit code the web admin shows. An official whose Zalo account is already
 * linked (a new phone, after leaving the mode) enters with Zalo alone.
 */
export function LinkView() {
  const t = useT();
  const citizen = useRecoilValue(sessionState);
  const official = useRecoilValue(officialState);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState<'link' | 'zalo'>();
  const [problem, setProblem] = useState<string>();
  const signedIn = Boolean(citizen.session);

  const link = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setProblem(undefined);
    setBusy('link');
    try {
      const result = await officialSession.link(code);
      if (!result.ok) setProblem(result.error.message);
    } finally {
      setBusy(undefined);
    }
  };

  const enter = async () => {
    if (busy) return;
    setProblem(undefined);
    setBusy('zalo');
    try {
      const result = await officialSession.enterWithZalo();
      if (!result.ok) setProblem(result.error.message);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <>
      <section className="rp-section card of-intro">
        <span className="of-intro__icon">
          <AppIcon icon="zi-shield-solid" size={30} />
        </span>
        <div>
          <h2 className="of-intro__title">{t('officials.link.heading')}</h2>
          <p className="of-intro__lead">{t('officials.link.lead')}</p>
          <p className="of-intro__text">{t('officials.link.intro')}</p>
        </div>
      </section>

      {official.ended === 'revoked' ? (
        <Notice tone="warning">{t('officials.error.revoked')}</Notice>
      ) : null}

      <ol className="of-steps">
        <li className={signedIn ? 'of-step is-done' : 'of-step'}>
          <span className="of-step__number">{signedIn ? '✓' : '1'}</span>
          <span className="of-step__text">{t('officials.link.step1')}</span>
        </li>
        <li className="of-step">
          <span className="of-step__number">2</span>
          <span className="of-step__text">{t('officials.link.step2')}</span>
        </li>
      </ol>

      <SignInCard />

      <form
        className="rp-section card of-code"
        onSubmit={(event) => void link(event)}
        aria-labelledby="of-code-title"
      >
        <h2 id="of-code-title" className="rp-section__title">
          <AppIcon icon="zi-lock" size={22} />
          {t('officials.link.codeTitle')}
        </h2>
        <p className="wizard-hint">{t('officials.link.codeHint')}</p>
        <input
          className="rp-input of-code__input"
          value={code}
          onChange={(e) => {
            setCode(e.target.value.replace(/[^\d\s-]/g, ''));
            setProblem(undefined);
          }}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={LINK_CODE_LENGTH + 2}
          placeholder="••••••••"
          aria-label={t('officials.link.codeTitle')}
          disabled={!signedIn}
          data-testid="link-code"
        />
        {!signedIn ? <Notice>{t('officials.link.signInFirst')}</Notice> : null}
        {problem ? <Notice tone="error">{problem}</Notice> : null}
        <Button
          htmlType="submit"
          fullWidth
          loading={busy === 'link'}
          disabled={!signedIn || busy !== undefined}
        >
          {t('officials.link.submit')}
        </Button>
      </form>

      <section className="rp-section card">
        <p className="wizard-hint">{t('officials.link.alreadyLinked')}</p>
        <Button
          fullWidth
          variant="secondary"
          loading={busy === 'zalo'}
          disabled={busy !== undefined}
          onClick={() => void enter()}
        >
          {t('officials.link.enterWithZalo')}
        </Button>
      </section>

      <p className="hub-privacy">{t('officials.link.privacy')}</p>
    </>
  );
}
