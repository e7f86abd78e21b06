import './components/alert-styles.css';
import { useState } from 'react';
import { AppIcon } from '../../components/app-icon';
import { useApi } from '../../hooks/use-api';
import { useLanguage, useT } from '../../i18n/use-t';
import { emergencyClient, saveCommune, savedCommune } from '../../services/emergency/client';
import { reportsClient } from '../../services/reports/client';
import { useFollows } from '../environment/use-follows';
import { ReportPage } from '../field-reports/components/report-page';
import { CardSkeleton, ErrorState, Notice } from '../field-reports/components/states';
import { AlertCard } from './components/alert-card';

/** The follow toggle for the chosen commune (the environment follows: in-app notifications). */
function FollowToggle({ communeId, name }: { communeId: string; name: string }) {
  const t = useT();
  const follows = useFollows();
  const [problem, setProblem] = useState<string>();
  const following = follows.isFollowing('commune', communeId);
  return (
    <>
      <label className="alert-follow">
        <input
          type="checkbox"
          checked={following}
          disabled={follows.isPending('commune', communeId) || follows.status === 'loading'}
          onChange={async () => {
            setProblem(undefined);
            const result = await follows.toggle('commune', communeId, name);
            if (!result.ok) setProblem(result.error.message);
          }}
        />
        <span>{following ? t('alert.following') : t('alert.follow')}</span>
      </label>
      <p className="alert-card__meta">{t('alert.followHint')}</p>
      {problem ? <Notice tone="error">{problem}</Notice> : null}
    </>
  );
}

/** Live alerts for the person's commune (and the province), then those that ended lately. */
export default function AlertsPage() {
  const t = useT();
  const [language] = useLanguage();
  const [commune, setCommune] = useState<string | null>(() => savedCommune());
  const communes = useApi(() => reportsClient.communes(), []);
  const list = useApi(() => emergencyClient.list(commune, language), [commune, language]);
  const chosen = communes.data?.find((c) => c.id === commune);

  return (
    <ReportPage title={t('alert.title')} parent="/government-news">
      <section className="alert-commune card rp-section">
        <label htmlFor="alert-commune">
          <AppIcon icon="zi-location" size={18} /> {t('alert.myCommune')}
        </label>
        <select
          id="alert-commune"
          value={commune ?? ''}
          onChange={(e) => {
            const id = e.target.value || null;
            saveCommune(id);
            setCommune(id);
          }}
        >
          <option value="">{t('alert.allProvince')}</option>
          {(communes.data ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        {chosen ? <FollowToggle communeId={chosen.id} name={chosen.name} /> : null}
      </section>

      {!list.data && list.status === 'loading' ? <CardSkeleton count={2} /> : null}
      {!list.data && list.status === 'error' ? (
        <ErrorState message={list.error.message} onRetry={list.reload} />
      ) : null}
      {list.data ? (
        <>
          <h2 className="alert-group">{t('alert.live')}</h2>
          {list.data.items.length === 0 ? (
            <p className="alert-card__meta">{t('alert.none')}</p>
          ) : (
            <ul className="alert-list">
              {list.data.items.map((a) => (
                <AlertCard key={a.id} alert={a} />
              ))}
            </ul>
          )}
          {list.data.recent.length > 0 ? (
            <>
              <h2 className="alert-group">{t('alert.recent')}</h2>
              <ul className="alert-list">
                {list.data.recent.map((a) => (
                  <AlertCard key={a.id} alert={a} state={a.state} />
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : null}
    </ReportPage>
  );
}
