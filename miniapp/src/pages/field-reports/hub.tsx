import './reports.css';
import { type FormEvent, useState } from 'react';
import { useRecoilValue, useSetRecoilState } from 'recoil';
import { Button, useNavigate } from 'zmp-ui';
import { AppIcon, registerIcons } from '../../components/app-icon';
import type { ZiIcon } from '../../features';
import { useApi } from '../../hooks/use-api';
import { useT } from '../../i18n/use-t';
import { notificationsClient } from '../../services/notifications/client';
import { normalizeTrackingCode } from '../../services/reports/receipts';
import { getDeviceId } from '../../services/zalo';
import { officialState } from '../../state/official';
import { freshWizard, outboxState, receiptsState, wizardState } from '../../state/reports';
import { sessionState } from '../../state/session';
import { DraftsCard } from './components/drafts-card';
import { ReportPage } from './components/report-page';
import { SignInCard } from './components/sign-in-card';
import { Notice } from './components/states';
import { REPORT_SVG } from './icons.gen';

registerIcons(REPORT_SVG);

/** The field-report home: send, follow my reports, find one by code, see the public feed. */
export default function FieldReportsHub() {
  const t = useT();
  const navigate = useNavigate();
  const receipts = useRecoilValue(receiptsState);
  const drafts = useRecoilValue(outboxState);
  const wizard = useRecoilValue(wizardState);
  const setWizard = useSetRecoilState(wizardState);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState(false);
  const session = useRecoilValue(sessionState);
  const official = useRecoilValue(officialState).link;
  // The badge counts the account's notifications too once signed in: ask again on sign-in.
  const unread = useApi(
    () =>
      session.ready
        ? getDeviceId().then((deviceId) => notificationsClient.unreadCount(deviceId))
        : null,
    [session.ready, session.session?.token],
  );
  const unreadCount = unread.data?.unreadCount ?? 0;

  const startNew = () => {
    // A report half-written in this session is kept; one already saved to the outbox
    // (sent or waiting) is not written into again.
    const saved = drafts.some((d) => d.submissionId === wizard.submissionId);
    const sent = receipts.some((r) => r.submissionId === wizard.submissionId);
    if (saved || sent) setWizard(freshWizard());
    navigate('/field-reports/new');
  };

  const lookup = (event: FormEvent) => {
    event.preventDefault();
    const normalized = normalizeTrackingCode(code);
    if (!normalized) {
      setCodeError(true);
      return;
    }
    setCodeError(false);
    navigate(`/field-reports/r/${normalized}`);
  };

  return (
    <ReportPage title={t('reports.title')} parent="/">
      <button type="button" className="hub-new" onClick={startNew}>
        <span className="hub-new__icon">
          <AppIcon icon="zi-camera" size={32} />
        </span>
        <span className="hub-new__text">
          <span className="hub-new__title">{t('reports.hub.new')}</span>
          <span className="hub-new__hint">{t('reports.hub.newHint')}</span>
        </span>
        <AppIcon icon="zi-chevron-right" size={22} />
      </button>

      <DraftsCard />

      <section className="rp-section card" aria-labelledby="lookup-title">
        <h2 id="lookup-title" className="rp-section__title">
          <AppIcon icon="zi-search" size={22} />
          {t('reports.hub.lookupTitle')}
        </h2>
        <form className="lookup" onSubmit={lookup}>
          <input
            className="rp-input lookup__input"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            placeholder={t('reports.hub.lookupPlaceholder')}
            aria-label={t('reports.hub.lookupTitle')}
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            enterKeyHint="search"
          />
          <Button htmlType="submit" size="medium">
            {t('reports.hub.lookupButton')}
          </Button>
        </form>
        {codeError ? <Notice tone="error">{t('reports.hub.lookupInvalid')}</Notice> : null}
      </section>

      <nav className="hub-links">
        <HubLink
          icon="zi-notif"
          tone="notifications"
          title={t('notifications.title')}
          hint={
            unreadCount > 0
              ? t('notifications.unread', { count: unreadCount })
              : t('notifications.hubHint')
          }
          badge={unreadCount}
          onClick={() => navigate('/field-reports/notifications')}
        />
        <HubLink
          icon="zi-user"
          title={t('reports.hub.mine')}
          hint={t('reports.hub.mineCount', { count: receipts.length })}
          onClick={() => navigate('/field-reports/mine')}
        />
        <HubLink
          icon="zi-list-1"
          tone="feed"
          title={t('reports.hub.feed')}
          hint={t('reports.hub.feedHint')}
          onClick={() => navigate('/field-reports/feed')}
        />
        <HubLink
          icon="zi-poll"
          tone="stats"
          title={t('reports.hub.stats')}
          hint={t('reports.hub.statsHint')}
          onClick={() => navigate('/field-reports/stats')}
        />
      </nav>

      <SignInCard />

      <HubLink
        icon="zi-shield-solid"
        tone="officials"
        title={t('officials.hub.title')}
        hint={
          official
            ? t('officials.hub.linked', { name: official.official.fullName })
            : t('officials.hub.hint')
        }
        onClick={() => navigate('/field-reports/officials')}
        testId="officials-link"
      />

      <p className="hub-privacy">{t('reports.hub.privacy')}</p>
    </ReportPage>
  );
}

interface HubLinkProps {
  icon: ZiIcon;
  /** Colour of the icon badge; the default is the flagship blue. */
  tone?: 'feed' | 'stats' | 'notifications' | 'officials';
  title: string;
  hint: string;
  /** A count in a red dot on the icon (unread notifications); nothing when 0. */
  badge?: number;
  onClick: () => void;
  testId?: string;
}

/** One row of the hub's navigation: icon, title, one-line hint, chevron. */
function HubLink({ icon, tone, title, hint, badge, onClick, testId }: HubLinkProps) {
  return (
    <button type="button" className="hub-link card" onClick={onClick} data-testid={testId}>
      <span className={tone ? `hub-link__icon hub-link__icon--${tone}` : 'hub-link__icon'}>
        <AppIcon icon={icon} size={26} />
        {badge ? (
          <span className="hub-link__badge" data-testid="unread-badge">
            {badge > 99 ? '99+' : badge}
          </span>
        ) : null}
      </span>
      <span className="hub-link__text">
        <span className="hub-link__title">{title}</span>
        <span className="hub-link__hint">{hint}</span>
      </span>
      <AppIcon icon="zi-chevron-right" size={20} />
    </button>
  );
}
