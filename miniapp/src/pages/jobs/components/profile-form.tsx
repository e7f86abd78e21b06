import { useState } from 'react';
import { Button } from 'zmp-ui';
import { Field, inputClass } from '../../../components/field';
import { useT } from '../../../i18n/use-t';
import type { ApiError } from '../../../services/api';
import { fieldErrors } from '../../../services/forms';
import { jobsClient } from '../../../services/jobs/client';
import type { Profile } from '../../../services/jobs/types';
import { Notice } from '../../field-reports/components/states';
import { useCommunes } from './communes';

type Draft = {
  fullName: string;
  birthYear: string;
  phone: string;
  communeId: string;
  desiredPosition: string;
  skills: string;
  experience: string;
  visible: boolean;
};

const draftOf = (p: Profile | null, phone: string): Draft => ({
  fullName: p?.fullName ?? '',
  birthYear: p?.birthYear ? String(p.birthYear) : '',
  phone: p?.phone ?? phone,
  communeId: p?.communeId ?? '',
  desiredPosition: p?.desiredPosition ?? '',
  skills: p?.skills ?? '',
  experience: p?.experience ?? '',
  visible: p?.visible ?? false,
});

/** Creating or editing the seeker's profile; the API checks every field and says what is wrong. */
export function ProfileForm({
  profile,
  defaultPhone = '',
  onSaved,
  onCancel,
}: {
  profile: Profile | null;
  defaultPhone?: string;
  onSaved: (p: Profile) => void;
  onCancel?: () => void;
}) {
  const t = useT();
  const communes = useCommunes();
  const [draft, setDraft] = useState<Draft>(() => draftOf(profile, defaultPhone));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError>();
  const errors = fieldErrors(error);
  const set = (name: keyof Draft) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [name]: e.target.value }));

  const save = async () => {
    setSaving(true);
    setError(undefined);
    const year = draft.birthYear.trim();
    const result = await jobsClient.saveProfile({
      fullName: draft.fullName,
      birthYear: year ? Number(year) : null,
      phone: draft.phone,
      communeId: draft.communeId,
      desiredPosition: draft.desiredPosition,
      skills: draft.skills,
      experience: draft.experience,
      visible: draft.visible,
      ...(profile ? { version: profile.version } : {}),
    });
    setSaving(false);
    if (result.ok) onSaved(result.data);
    else setError(result.error);
  };

  return (
    <form
      className="rp-section card"
      data-testid="jobs-profile-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 className="rp-section__title">
        {profile ? t('jobs.profile.edit') : t('jobs.profile.create')}
      </h2>
      <Field label={t('jobs.profile.fullName')} error={errors.fullName}>
        <input
          className={inputClass(errors.fullName)}
          value={draft.fullName}
          autoComplete="name"
          onChange={set('fullName')}
          data-testid="jobs-profile-fullName"
        />
      </Field>
      <div className="jobs-row">
        <Field label={t('jobs.profile.birthYear')} error={errors.birthYear}>
          <input
            className={inputClass(errors.birthYear)}
            inputMode="numeric"
            value={draft.birthYear}
            onChange={set('birthYear')}
            data-testid="jobs-profile-birthYear"
          />
        </Field>
        <Field label={t('jobs.profile.phone')} error={errors.phone}>
          <input
            className={inputClass(errors.phone)}
            type="tel"
            autoComplete="tel"
            value={draft.phone}
            onChange={set('phone')}
            data-testid="jobs-profile-phone"
          />
        </Field>
      </div>
      <Field label={t('jobs.commune')} error={errors.communeId}>
        <select
          className={inputClass(errors.communeId)}
          value={draft.communeId}
          onChange={set('communeId')}
          data-testid="jobs-profile-commune"
        >
          <option value="">{t('jobs.chooseCommune')}</option>
          {communes.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('jobs.profile.desiredPosition')} error={errors.desiredPosition}>
        <input
          className={inputClass(errors.desiredPosition)}
          value={draft.desiredPosition}
          placeholder={t('jobs.profile.desiredPlaceholder')}
          onChange={set('desiredPosition')}
          data-testid="jobs-profile-desired"
        />
      </Field>
      <Field label={t('jobs.profile.skills')} error={errors.skills}>
        <textarea
          className={`${inputClass(errors.skills)} rp-textarea rp-textarea--short`}
          value={draft.skills}
          onChange={set('skills')}
          data-testid="jobs-profile-skills"
        />
      </Field>
      <Field label={t('jobs.profile.experience')} error={errors.experience}>
        <textarea
          className={`${inputClass(errors.experience)} rp-textarea rp-textarea--short`}
          value={draft.experience}
          onChange={set('experience')}
        />
      </Field>
      {profile ? null : (
        <label className="rp-check">
          <input
            type="checkbox"
            checked={draft.visible}
            onChange={(e) => setDraft((d) => ({ ...d, visible: e.target.checked }))}
          />
          <span>{t('jobs.profile.visibleHint')}</span>
        </label>
      )}
      {error ? <Notice tone="error">{error.message}</Notice> : null}
      <Button htmlType="submit" fullWidth loading={saving} disabled={saving}>
        {t('jobs.profile.save')}
      </Button>
      {onCancel ? (
        <Button variant="tertiary" fullWidth onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      ) : null}
    </form>
  );
}
