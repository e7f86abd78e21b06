import { useEffect, useState } from 'react';
import { useRecoilValue } from 'recoil';
import { Button } from 'zmp-ui';
import { AppIcon } from '../../../components/app-icon';
import type { Translate } from '../../../i18n';
import { useT } from '../../../i18n/use-t';
import { appointmentsClient } from '../../../services/appointments/client';
import {
  type BookingField,
  type BookingForm as Form,
  type FormProblem,
  type FormProblems,
  NAME_MAX,
  SYMPTOMS_MAX,
} from '../../../services/appointments/form';
import { formatVietnamesePhone } from '../../../services/reports/phone';
import { getAccessToken, getPhoneNumber, zalo } from '../../../services/zalo';
import { sessionState } from '../../../state/session';
import { BirthDateField } from './birth-date';

/** The words for a field's problem. */
function problemText(t: Translate, field: BookingField, problem: FormProblem): string {
  switch (field) {
    case 'patientName':
      if (problem === 'tooLong') return t('appt.form.nameTooLong', { max: NAME_MAX });
      return t(problem === 'invalid' ? 'appt.form.nameInvalid' : 'appt.form.nameRequired');
    case 'patientPhone':
      return t(problem === 'invalid' ? 'appt.form.phoneInvalid' : 'appt.form.phoneRequired');
    case 'patientBirthDate':
      return t(problem === 'invalid' ? 'appt.form.birthInvalid' : 'appt.form.birthRequired');
    case 'insuranceNumber':
      return t('appt.form.insuranceInvalid');
    case 'symptoms':
      return t('appt.form.symptomsTooLong', { max: SYMPTOMS_MAX });
  }
}

type BookingFormProps = {
  form: Form;
  onChange: (form: Form) => void;
  problems: FormProblems;
};

/**
 * Who the appointment is for and how to reach them. Booking for oneself fills in the Zalo
 * name and, once verified through Zalo, the phone number; for a family member the fields
 * start empty. Inside Zalo "Dùng số điện thoại Zalo" asks Zalo for the number (the server
 * redeems the token and keeps it as verified).
 */
export function BookingFormFields({ form, onChange, problems }: BookingFormProps) {
  const t = useT();
  const { session } = useRecoilValue(sessionState);
  const [verifiedPhone, setVerifiedPhone] = useState<string | null>(null);
  const [phoneBusy, setPhoneBusy] = useState(false);
  const [phoneError, setPhoneError] = useState<string>();

  const set = <K extends keyof Form>(key: K, value: Form[K]) => onChange({ ...form, [key]: value });

  // The number verified earlier through Zalo, if any, to fill in for the citizen themself.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per signed-in account
  useEffect(() => {
    if (!session) return;
    let live = true;
    void appointmentsClient.me().then((result) => {
      const phone = result.ok ? result.data.user.phone : null;
      if (!live || !phone) return;
      setVerifiedPhone(phone);
      if (form.forSelf && !form.patientPhone) onChange({ ...form, patientPhone: phone });
    });
    return () => {
      live = false;
    };
  }, [session?.token]);

  const chooseFor = (forSelf: boolean) => {
    if (forSelf === form.forSelf) return;
    onChange({
      ...form,
      forSelf,
      // Start the other person's details afresh; bring back the citizen's own.
      patientName: forSelf ? (session?.user.displayName ?? '') : '',
      patientPhone: forSelf ? (verifiedPhone ?? '') : form.patientPhone,
      patientBirthDate: '',
      insuranceNumber: '',
    });
  };

  const fillZaloPhone = async () => {
    setPhoneBusy(true);
    setPhoneError(undefined);
    try {
      const phoneToken = await getPhoneNumber();
      if (!phoneToken.ok) {
        setPhoneError(phoneToken.error.message);
        return;
      }
      const access = await getAccessToken();
      if (!access.ok || !access.value) {
        setPhoneError(access.ok ? t('appt.form.zaloPhoneFailed') : access.error.message);
        return;
      }
      const result = await appointmentsClient.verifyPhone(access.value, phoneToken.value.token);
      if (!result.ok) {
        setPhoneError(result.error.message);
        return;
      }
      setVerifiedPhone(result.data.phone);
      onChange({ ...form, patientPhone: result.data.phone });
    } finally {
      setPhoneBusy(false);
    }
  };

  const error = (field: BookingField) => {
    const problem = problems[field];
    return problem ? (
      <p className="appt-field-error" role="alert" id={`${field}-error`}>
        {problemText(t, field, problem)}
      </p>
    ) : null;
  };

  const inputProps = (field: BookingField) => ({
    id: `appt-${field}`,
    className: `rp-input ${problems[field] ? 'rp-input--error' : ''}`,
    'aria-invalid': problems[field] ? true : undefined,
    'aria-describedby': problems[field] ? `${field}-error` : undefined,
  });

  const phoneIsVerified =
    verifiedPhone !== null && form.patientPhone.replace(/\s/g, '') === verifiedPhone;

  return (
    <div className="appt-form">
      <fieldset className="appt-for">
        <legend className="rp-field__label">{t('appt.form.forWhom')}</legend>
        <div className="feed-tabs">
          <button
            type="button"
            className={`feed-tab ${form.forSelf ? 'is-active' : ''}`}
            aria-pressed={form.forSelf}
            onClick={() => chooseFor(true)}
          >
            {t('appt.form.forSelf')}
          </button>
          <button
            type="button"
            className={`feed-tab ${form.forSelf ? '' : 'is-active'}`}
            aria-pressed={!form.forSelf}
            onClick={() => chooseFor(false)}
          >
            {t('appt.form.forFamily')}
          </button>
        </div>
      </fieldset>

      <label className="rp-field" htmlFor="appt-patientName">
        <span className="rp-field__label">
          {t(form.forSelf ? 'appt.form.name' : 'appt.form.familyName')}
        </span>
        <input
          {...inputProps('patientName')}
          value={form.patientName}
          onChange={(e) => set('patientName', e.target.value)}
          autoComplete={form.forSelf ? 'name' : 'off'}
          maxLength={NAME_MAX + 20}
          placeholder={t('appt.form.namePlaceholder')}
        />
        {error('patientName')}
      </label>

      <div className="rp-field">
        <label className="rp-field__label" htmlFor="appt-patientPhone">
          {t('appt.form.phone')}
        </label>
        <input
          {...inputProps('patientPhone')}
          value={form.patientPhone}
          onChange={(e) => set('patientPhone', e.target.value)}
          type="tel"
          inputMode="tel"
          autoComplete={form.forSelf ? 'tel' : 'off'}
          placeholder={t('appt.form.phonePlaceholder')}
        />
        {phoneIsVerified ? (
          <p className="appt-verified">
            <AppIcon icon="zi-check-circle-solid" size={18} />
            {t('appt.form.phoneVerified', { phone: formatVietnamesePhone(verifiedPhone) })}
          </p>
        ) : null}
        {error('patientPhone')}
        {zalo.runtime === 'zalo' && !phoneIsVerified ? (
          <Button
            size="medium"
            variant="secondary"
            loading={phoneBusy}
            disabled={phoneBusy}
            onClick={() => void fillZaloPhone()}
            prefixIcon={<AppIcon icon="zi-call" size={18} />}
          >
            {t('appt.form.useZaloPhone')}
          </Button>
        ) : null}
        {phoneError ? (
          <p className="rp-notice rp-notice--error" role="alert">
            {phoneError}
          </p>
        ) : null}
      </div>

      <div className="rp-field">
        <BirthDateField
          label={t('appt.form.birthDate')}
          value={form.patientBirthDate}
          onChange={(value) => set('patientBirthDate', value)}
          invalid={problems.patientBirthDate !== undefined}
          describedBy={problems.patientBirthDate ? 'patientBirthDate-error' : undefined}
        />
        {error('patientBirthDate')}
      </div>

      <label className="rp-field" htmlFor="appt-insuranceNumber">
        <span className="rp-field__label">
          {t('appt.form.insurance')}{' '}
          <span className="wizard-optional">({t('common.optional')})</span>
        </span>
        <input
          {...inputProps('insuranceNumber')}
          value={form.insuranceNumber}
          onChange={(e) => set('insuranceNumber', e.target.value)}
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          placeholder={t('appt.form.insurancePlaceholder')}
        />
        {error('insuranceNumber')}
      </label>

      <label className="rp-field" htmlFor="appt-symptoms">
        <span className="rp-field__label">
          {t('appt.form.symptoms')}{' '}
          <span className="wizard-optional">({t('common.optional')})</span>
        </span>
        <textarea
          {...inputProps('symptoms')}
          className={`${inputProps('symptoms').className} rp-textarea rp-textarea--short`}
          value={form.symptoms}
          onChange={(e) => set('symptoms', e.target.value)}
          placeholder={t('appt.form.symptomsPlaceholder')}
        />
        <span
          className={`rp-counter ${form.symptoms.trim().length > SYMPTOMS_MAX ? 'rp-counter--short' : ''}`}
        >
          {t('appt.form.counter', { count: form.symptoms.trim().length, max: SYMPTOMS_MAX })}
        </span>
        {error('symptoms')}
      </label>
    </div>
  );
}
