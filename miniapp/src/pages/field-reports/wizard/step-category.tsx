import { useRecoilState } from 'recoil';
import { useLanguage, useT } from '../../../i18n/use-t';
import { wizardState } from '../../../state/reports';
import { CardSkeleton, ErrorState } from '../components/states';
import { useCategories } from '../data';

/** Big tiles, one per category, with its Vietnamese name and examples of problems. */
export function StepCategory({ onPicked }: { onPicked: () => void }) {
  const t = useT();
  const [language] = useLanguage();
  const categories = useCategories();
  const [wizard, setWizard] = useRecoilState(wizardState);

  if (categories.status === 'loading') return <CardSkeleton count={4} />;
  if (categories.status === 'error') {
    return (
      <ErrorState
        message={`${t('reports.category.loadError')} ${categories.error.message}`}
        onRetry={categories.reload}
      />
    );
  }

  return (
    <fieldset className="wizard-fieldset">
      <legend className="wizard-question">{t('reports.category.title')}</legend>
      <ul className="category-grid">
        {categories.data.map((category) => {
          const selected = wizard.categoryId === category.id;
          return (
            <li key={category.id}>
              <button
                type="button"
                className={selected ? 'category-tile category-tile--selected' : 'category-tile'}
                aria-pressed={selected}
                data-category={category.id}
                onClick={() => {
                  setWizard((w) => ({ ...w, categoryId: category.id }));
                  onPicked();
                }}
              >
                <span className="category-tile__name">
                  {language === 'vi' ? category.name : category.nameEn}
                </span>
                <span className="category-tile__examples">{category.examples.join(', ')}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
