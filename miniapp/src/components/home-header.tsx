import { APP_NAME } from '../config';
import { useT } from '../i18n/use-t';
import { LanguageSwitch } from './language-switch';

/** Initials of the first two words: "Hậu Giang Số" gives "HG". */
function monogram(name: string): string {
  return name
    .split(/\s+/)
    .slice(0, 2)
    .map((word) => word.charAt(0))
    .join('')
    .toUpperCase();
}

/**
 * The app hides Zalo's action bar (app-config.json), but Zalo still floats its menu and
 * close buttons over the top-right corner; the first row keeps that corner empty and the
 * language switch sits in the second row.
 */
export function HomeHeader() {
  const t = useT();
  return (
    <header className="home-header">
      <div className="home-header__brand">
        <span className="home-header__logo" aria-hidden="true">
          {monogram(APP_NAME)}
        </span>
        <h1 className="home-header__title">{APP_NAME}</h1>
      </div>
      <div className="home-header__row">
        <p className="home-header__tagline">{t('app.tagline')}</p>
        <LanguageSwitch />
      </div>
    </header>
  );
}
