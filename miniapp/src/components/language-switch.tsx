import { LANGUAGES, type Language } from '../i18n';
import { useLanguage, useT } from '../i18n/use-t';

/** Two-letter segmented switch: short enough to sit beside the tagline on a 320px phone. */
export function LanguageSwitch() {
  const [language, setLanguage] = useLanguage();
  const t = useT();
  return (
    <fieldset className="lang-switch" aria-label={t('lang.label')}>
      {LANGUAGES.map((option: Language) => (
        <button
          key={option}
          type="button"
          lang={option}
          className="lang-switch__option"
          aria-pressed={option === language}
          aria-label={t(option === 'vi' ? 'lang.vi' : 'lang.en')}
          onClick={() => setLanguage(option)}
        >
          {option.toUpperCase()}
        </button>
      ))}
    </fieldset>
  );
}
