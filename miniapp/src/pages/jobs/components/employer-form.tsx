import { useState } from 'react';
import { Button } from 'zmp-ui';
import { Field, inputClass } from '../../../components/field';
import { useT } from '../../../i18n/use-t';
import type { ApiError } from '../../../services/api';
import { fieldErrors } from '../../../services/forms';
import { jobsClient } from '../../../services/jobs/client';
import type { Employer } from '../../../services/jobs/types';
import { Notice } from '../../field-reports/components/states';
import { useCommunes } from './communes';

type Draft = {
  name: string;
  taxCode: string;
  communeId: string;
  address: string;
  phone: string;
  email: string;
  description: string;
};

const draftOf = (e: Employer | null): Draft => ({
  name: e?.name ?? '',
  taxCode: e?.taxCode ?? '',
  communeId: e?.communeId ?? '',
  address: e?.address ?? '',
  phone: e?.phone ?? '',
  email: e?.email ?? '',
  description: e?.description ?? '',
});

/** Registering (or editing) the account's employer: a business, a cooperative, a household. */
export function EmployerForm({
  employer,
  onSaved,
  onCancel,
}: {
  employer: Employer | null;
  onSaved: (e: Employer) => void;
  onCancel?: () => void;
}) {
  const t = useT();
  const communes = useCommunes();
  const [draft, setDraft] = useState<Draft>(() => draftOf(employer));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError>();
  const errors = fieldErrors(error);
  const set = (name: keyof Draft) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [name]: e.target.value }));

  const save = async () => {
    setSaving(true);
    setError(undefined);
    const body = {
      ...draft,
      taxCode: draft.taxCode.trim() || null,
      email: draft.email.trim() || null,
    };
    const result = employer
      ? await jobsClient.updateEmployer({ ...body, version: employer.version })
      : await jobsClient.register(body);
    setSaving(false);
    if (result.ok) onSaved(result.data);
    else setError(result.error);
  };

  return (
    <form
      className="rp-section card"
      data-testid="jobs-employer-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 className="rp-section__title">
        {employer ? t('jobs.employer.edit') : t('jobs.employer.register')}
      </h2>
      {employer ? null : <p className="jobs-hint">{t('jobs.employer.intro')}</p>}
      <Field label={t('jobs.employer.name')} error={errors.name}>
        <input
          className={inputClass(errors.name)}
          value={draft.name}
          onChange={set('name')}
          placeholder={t('jobs.employer.namePlaceholder')}
          data-testid="jobs-employer-name"
        />
      </Field>
      <Field
        label={
          <>
            {t('jobs.employer.taxCode')} <small>({t('common.optional')})</small>
          </>
        }
        hint={t('jobs.employer.taxCodeHint')}
        error={errors.taxCode}
      >
        <input
          className={inputClass(errors.taxCode)}
          inputMode="numeric"
          value={draft.taxCode}
          onChange={set('taxCode')}
          data-testid="jobs-employer-taxCode"
        />
      </Field>
      <Field label={t('jobs.commune')} error={errors.communeId}>
        <select
          className={inputClass(errors.communeId)}
          value={draft.communeId}
          onChange={set('communeId')}
          data-testid="jobs-employer-commune"
        >
          <option value="">{t('jobs.chooseCommune')}</option>
          {communes.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('jobs.employer.address')} error={errors.address}>
        <input
          className={inputClass(errors.address)}
          value={draft.address}
          onChange={set('address')}
          data-testid="jobs-employer-address"
        />
      </Field>
      <Field label={t('jobs.employer.phone')} error={errors.phone}>
        <input
          className={inputClass(errors.phone)}
          type="tel"
          value={draft.phone}
          onChange={set('phone')}
          data-testid="jobs-employer-phone"
        />
      </Field>
      <Field
        label={
          <>
            Email <small>({t('common.optional')})</small>
          </>
        }
        error={errors.email}
      >
        <input
          className={inputClass(errors.email)}
          type="email"
          value={draft.email}
          onChange={set('email')}
        />
      </Field>
      <Field label={t('jobs.employer.description')} error={errors.description}>
        <textarea
          className={`${inputClass(errors.description)} rp-textarea rp-textarea--short`}
          value={draft.description}
          onChange={set('description')}
        />
      </Field>
      {error ? <Notice tone="error">{error.message}</Notice> : null}
      <Button htmlType="submit" fullWidth loading={saving} disabled={saving}>
        {employer ? t('jobs.employer.save') : t('jobs.employer.submit')}
      </Button>
      {onCancel ? (
        <Button variant="tertiary" fullWidth onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      ) : null}
    </form>
  );
}
