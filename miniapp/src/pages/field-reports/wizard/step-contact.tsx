import { useRecoilState } from 'recoil';
import { useT } from '../../../i18n/use-t';
import { normalizeVietnamesePhone } from '../../../services/reports/phone';
import type { WizardContact } from '../../../state/reports';
import { wizardState } from '../../../state/reports';
import { Notice } from '../components/states';

/**
 * Optional name and phone, behind an explicit consent (Decree 13/2023 on personal data):
 * empty fields mean an anonymous report. A second, separate tick lets the handling
 * agency, not only the IOC, see them; a third, shown once there is a phone, asks for
 * Zalo (ZNS) messages to that phone about the report's progress.
 */
export function StepContact() {
  const t = useT();
  const [wizard, setWizard] = useRecoilState(wizardState);
  const contact = wizard.contact;
  const set = (patch: Partial<WizardContact>) =>
    setWizard((w) => ({ ...w, contact: { ...w.contact, ...patch } }));
  const phone = contact.phone.trim();
  const phoneInvalid = phone.length >= 6 && !normalizeVietnamesePhone(phone);
  const filled = contact.name.trim() !== '' || phone !== '';

  return (
    <section className="wizard-fieldset">
      <h2 className="wizard-question">
        {t('reports.contact.title')}{' '}
        <span className="wizard-optional">({t('common.optional')})</span>
      </h2>
      <p className="wizard-hint">{t('reports.contact.intro')}</p>
      <label className="rp-field">
        <span className="rp-field__label">{t('reports.contact.name')}</span>
        <input
          className="rp-input"
          value={contact.name}
          maxLength={100}
          autoComplete="name"
          placeholder={t('reports.contact.namePlaceholder')}
          onChange={(e) => set({ name: e.target.value })}
        />
      </label>
      <label className="rp-field">
        <span className="rp-field__label">{t('reports.contact.phone')}</span>
        <input
          className={phoneInvalid ? 'rp-input rp-input--error' : 'rp-input'}
          value={contact.phone}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          maxLength={20}
          placeholder={t('reports.contact.phonePlaceholder')}
          onChange={(e) => set({ phone: e.target.value })}
          aria-invalid={phoneInvalid}
        />
      </label>
      {phoneInvalid ? <Notice tone="error">{t('reports.contact.phoneInvalid')}</Notice> : null}

      <label className={filled ? 'rp-check rp-check--important' : 'rp-check'}>
        <input
          type="checkbox"
          checked={contact.consent}
          onChange={(e) => set({ consent: e.target.checked })}
        />
        <span>{t('reports.contact.consent')}</span>
      </label>
      <label className="rp-check">
        <input
          type="checkbox"
          checked={contact.agencyMayContact}
          onChange={(e) => set({ agencyMayContact: e.target.checked })}
        />
        <span>
          {t('reports.contact.agencyMayContact')}
          <small>{t('reports.contact.agencyMayContactHint')}</small>
        </span>
      </label>
      {phone !== '' ? (
        <label className="rp-check" data-testid="zns-consent">
          <input
            type="checkbox"
            checked={contact.znsConsent}
            onChange={(e) => set({ znsConsent: e.target.checked })}
          />
          <span>
            {t('reports.contact.znsConsent')}
            <small>{t('reports.contact.znsConsentHint')}</small>
          </span>
        </label>
      ) : null}
    </section>
  );
}
