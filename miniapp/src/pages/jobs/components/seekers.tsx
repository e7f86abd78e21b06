import { useEffect, useState } from 'react';
import { AppIcon } from '../../../components/app-icon';
import { useT } from '../../../i18n/use-t';
import { jobsClient } from '../../../services/jobs/client';
import type { Seeker } from '../../../services/jobs/types';
import { PagedList } from './paged-list';
import { usePaged } from './use-paged';

const SEARCH_DELAY_MS = 350;

/** Registered employers search the seekers who chose to be visible, and call them. */
export function SeekerSearch() {
  const t = useT();
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearched(query.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);
  const list = usePaged<Seeker>(
    (cursor) => jobsClient.seekers({ q: searched || undefined, cursor }),
    searched,
  );
  return (
    <section className="rp-section card" aria-labelledby="jobs-seekers">
      <h2 id="jobs-seekers" className="rp-section__title">
        <AppIcon icon="zi-members" size={22} />
        {t('jobs.seekers.title')}
      </h2>
      <p className="jobs-hint">{t('jobs.seekers.hint')}</p>
      <input
        className="rp-input"
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder={t('jobs.seekers.placeholder')}
        aria-label={t('jobs.seekers.title')}
        data-testid="jobs-seekers-search"
      />
      <PagedList
        listing={list.listing}
        load={list.load}
        icon="zi-members"
        empty={t('jobs.seekers.empty')}
        render={(s) => (
          <li key={s.userId} className="jobs-person">
            <strong>{s.fullName}</strong>
            <span>
              {[s.desiredPosition, s.communeName, s.birthYear ? String(s.birthYear) : null]
                .filter(Boolean)
                .join(' · ')}
            </span>
            {s.skills ? <span className="jobs-hint">{s.skills}</span> : null}
            <a className="jobs-call" href={`tel:${s.phone}`}>
              <AppIcon icon="zi-call" size={18} /> {s.phone}
            </a>
          </li>
        )}
      />
    </section>
  );
}
