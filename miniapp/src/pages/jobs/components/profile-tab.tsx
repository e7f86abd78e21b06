import { useState } from 'react';
import { Button } from 'zmp-ui';
import { AppIcon } from '../../../components/app-icon';
import { useApi } from '../../../hooks/use-api';
import { useT } from '../../../i18n/use-t';
import { jobsClient } from '../../../services/jobs/client';
import type { MyApplication, Profile } from '../../../services/jobs/types';
import { ErrorState, LoadingBlock, Notice } from '../../field-reports/components/states';
import { PagedList } from './paged-list';
import { ProfileForm } from './profile-form';
import { StatusBadge } from './status-badge';
import { usePaged } from './use-paged';
import { VacancyCard } from './vacancy-card';

/** The visibility switch: employers find a visible profile; a hidden one nobody searches. */
function VisibilitySwitch({
  profile,
  onChange,
}: {
  profile: Profile;
  onChange: (p: Profile) => void;
}) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string>();
  const toggle = async () => {
    setBusy(true);
    setFailed(undefined);
    const result = await jobsClient.setVisible(!profile.visible);
    setBusy(false);
    if (result.ok) onChange(result.data);
    else setFailed(result.error.message);
  };
  return (
    <>
      <label className="jobs-switch">
        <span className="jobs-switch__text">
          <strong>{t('jobs.profile.visible')}</strong>
          <small>
            {profile.visible ? t('jobs.profile.visibleOn') : t('jobs.profile.visibleOff')}
          </small>
        </span>
        <input
          type="checkbox"
          role="switch"
          aria-checked={profile.visible}
          checked={profile.visible}
          disabled={busy}
          onChange={() => void toggle()}
          data-testid="jobs-profile-visible"
        />
      </label>
      {failed ? <Notice tone="error">{failed}</Notice> : null}
    </>
  );
}

function ProfileCard({ profile, onEdit }: { profile: Profile; onEdit: () => void }) {
  const t = useT();
  return (
    <section className="rp-section card" data-testid="jobs-profile">
      <h2 className="rp-section__title">
        <AppIcon icon="zi-user" size={22} />
        {profile.fullName}
      </h2>
      <dl className="jobs-facts">
        {profile.desiredPosition ? (
          <>
            <dt>{t('jobs.profile.desiredPosition')}</dt>
            <dd>{profile.desiredPosition}</dd>
          </>
        ) : null}
        <dt>{t('jobs.profile.phone')}</dt>
        <dd>{profile.phone}</dd>
        <dt>{t('jobs.commune')}</dt>
        <dd>{profile.communeName}</dd>
        {profile.skills ? (
          <>
            <dt>{t('jobs.profile.skills')}</dt>
            <dd>{profile.skills}</dd>
          </>
        ) : null}
      </dl>
      <Button variant="secondary" fullWidth onClick={onEdit}>
        {t('jobs.profile.edit')}
      </Button>
    </section>
  );
}

/** "Hồ sơ của tôi": the seeker's profile, its visibility, and their applications. */
export function ProfileTab() {
  const t = useT();
  const loaded = useApi(() => jobsClient.profile(), []);
  const [profile, setProfile] = useState<Profile | null | undefined>(undefined);
  const [editing, setEditing] = useState(false);
  const current = profile !== undefined ? profile : loaded.data?.profile;
  const applications = usePaged<MyApplication>((cursor) => jobsClient.applications(cursor), 'mine');

  if (loaded.status === 'error' && current === undefined) {
    return <ErrorState message={loaded.error.message} onRetry={loaded.reload} />;
  }
  if (current === undefined) return <LoadingBlock />;

  return (
    <>
      {current && !editing ? (
        <>
          <VisibilitySwitch profile={current} onChange={setProfile} />
          <ProfileCard profile={current} onEdit={() => setEditing(true)} />
        </>
      ) : (
        <>
          {current ? null : <Notice>{t('jobs.profile.intro')}</Notice>}
          <ProfileForm
            profile={current}
            onSaved={(p) => {
              setProfile(p);
              setEditing(false);
            }}
            onCancel={current ? () => setEditing(false) : undefined}
          />
        </>
      )}
      <h2 className="jobs-heading">{t('jobs.myApplications')}</h2>
      <PagedList
        listing={applications.listing}
        load={applications.load}
        icon="zi-inbox"
        testId="jobs-my-applications"
        empty={t('jobs.noApplications')}
        render={(a) => (
          <VacancyCard key={a.id} vacancy={a.vacancy} extra={<StatusBadge status={a.status} />} />
        )}
      />
    </>
  );
}
