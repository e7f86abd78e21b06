import { useRecoilState } from 'recoil';
import { useLanguage, useT } from '../../../i18n/use-t';
import { wizardState } from '../../../state/reports';
import { useCategories, useReportConfig } from '../data';

/** What happened, with a character counter against the API's limits. */
export function StepDescription() {
  const t = useT();
  const [language] = useLanguage();
  const { limits } = useReportConfig();
  const categories = useCategories();
  const [wizard, setWizard] = useRecoilState(wizardState);
  const category = categories.data?.find((c) => c.id === wizard.categoryId);
  const length = wizard.description.trim().length;
  const short = length > 0 && length < limits.descriptionMin;

  return (
    <section className="wizard-fieldset">
      <label className="rp-field">
        <span className="wizard-question">{t('reports.description.title')}</span>
        {category && language === 'vi' ? (
          <span className="wizard-hint">
            {t('reports.description.examples', { examples: category.examples.join(', ') })}
          </span>
        ) : null}
        <textarea
          className="rp-input rp-textarea"
          value={wizard.description}
          maxLength={limits.descriptionMax}
          rows={7}
          placeholder={t('reports.description.placeholder')}
          onChange={(e) => setWizard((w) => ({ ...w, description: e.target.value }))}
          aria-describedby="description-counter"
        />
      </label>
      <p
        id="description-counter"
        className={short ? 'rp-counter rp-counter--short' : 'rp-counter'}
        aria-live="polite"
      >
        {short ? `${t('reports.description.tooShort', { min: limits.descriptionMin })} · ` : ''}
        {t('reports.description.counter', { count: length, max: limits.descriptionMax })}
      </p>
    </section>
  );
}
