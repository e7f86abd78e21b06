import type { ReactNode } from 'react';
import { Page, useLocation, useNavigate } from 'zmp-ui';
import { AppIcon, registerIcons } from '../../../components/app-icon';
import { useOnline } from '../../../hooks/use-online';
import { useT } from '../../../i18n/use-t';
import { REPORT_SVG } from '../icons.gen';

// The frame's own back arrow, and the icons of the screens inside it, are in REPORT_SVG:
// registered here, every screen that uses the frame draws them without zmp-ui's icon font
// from Zalo's CDN, even when opened directly by a link.
registerIcons(REPORT_SVG);

type ReportPageProps = {
  title: string;
  /** Where "back" goes when the page was opened directly (a shared link, a reload). */
  parent?: string;
  children: ReactNode;
  /** A bar pinned to the bottom (the wizard's Back/Continue). */
  footer?: ReactNode;
  className?: string;
};

/**
 * The frame of every field-report screen: a blue title bar with a large back button
 * (Zalo's own menu and close buttons float over its right end, so nothing goes there),
 * an offline notice, the content and an optional bottom bar.
 */
export function ReportPage({ title, parent = '/', children, footer, className }: ReportPageProps) {
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const online = useOnline();

  const back = () => {
    // The first page of the session has key "default": there is nothing to go back to.
    if (location.key !== 'default') navigate(-1);
    else navigate(parent, { replace: true, direction: 'backward' });
  };

  return (
    <Page className={`rp ${className ?? ''}`} hideScrollbar>
      <header className="rp-header">
        <button
          type="button"
          className="rp-header__back"
          onClick={back}
          aria-label={t('common.back')}
        >
          <AppIcon icon="zi-arrow-left" size={26} />
        </button>
        <h1 className="rp-header__title">{title}</h1>
      </header>
      {online ? null : (
        <p className="rp-offline" role="status">
          {t('common.offline')}
        </p>
      )}
      <main className={footer ? 'rp-main rp-main--with-footer' : 'rp-main'}>{children}</main>
      {footer ? <footer className="rp-footer">{footer}</footer> : null}
    </Page>
  );
}
