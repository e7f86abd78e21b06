import '../field-reports/reports.css';
import './directory.css';
import { useEffect, useState } from 'react';
import { AppIcon, registerIcons } from '../../components/app-icon';
import { useApi } from '../../hooks/use-api';
import { useLanguage, useT } from '../../i18n/use-t';
import { directoryClient, telDigits } from '../../services/directory/client';
import type { DirectoryEntry } from '../../services/directory/types';
import { openPhone, showToast } from '../../services/zalo';
import { ReportPage } from '../field-reports/components/report-page';
import { CardSkeleton, EmptyState, ErrorState } from '../field-reports/components/states';
import { REPORT_SVG } from '../field-reports/icons.gen';

registerIcons(REPORT_SVG);

const SEARCH_DELAY_MS = 350;

/** Dials through Zalo (or the browser's tel: link), like the home screen's emergency calls. */
async function dial(tel: string) {
  const result = await openPhone(telDigits(tel));
  if (!result.ok) void showToast(result.error.message);
}

function CallButton({ entry, alt = false }: { entry: DirectoryEntry; alt?: boolean }) {
  const t = useT();
  const tel = alt ? entry.telAlt : entry.tel;
  const number = alt ? entry.phoneAlt : entry.phone;
  if (!tel || !number) return null;
  return (
    <button
      type="button"
      className="dir-call"
      data-tel={tel}
      aria-label={t('directory.callA11y', { name: entry.name, number })}
      onClick={() => void dial(tel)}
    >
      <AppIcon icon="zi-call-solid" size={18} />
      <span>{number}</span>
    </button>
  );
}

function ContactRow({ entry, depth }: { entry: DirectoryEntry; depth: number }) {
  const t = useT();
  return (
    <li className={`dir-row dir-row--${entry.kind}`} style={{ paddingLeft: 12 + depth * 14 }}>
      <div className="dir-row__text">
        <span className="dir-row__name">{entry.name}</span>
        {entry.role ? <span className="dir-row__meta">{entry.role}</span> : null}
        {entry.hours ? (
          <span className="dir-row__meta">{t('directory.hours', { hours: entry.hours })}</span>
        ) : null}
      </div>
      <div className="dir-row__calls">
        <CallButton entry={entry} />
        <CallButton entry={entry} alt />
      </div>
    </li>
  );
}

function Descendants({ entries, depth }: { entries: DirectoryEntry[]; depth: number }) {
  return (
    <>
      {entries.map((e) => (
        <DescendantGroup key={e.id} entry={e} depth={depth} />
      ))}
    </>
  );
}

function DescendantGroup({ entry, depth }: { entry: DirectoryEntry; depth: number }) {
  return (
    <>
      <ContactRow entry={entry} depth={depth} />
      {entry.children.length > 0 ? (
        <Descendants entries={entry.children} depth={depth + 1} />
      ) : null}
    </>
  );
}

const countContacts = (entries: DirectoryEntry[]): number =>
  entries.reduce((n, e) => n + 1 + countContacts(e.children), 0);

function AgencyCard({ agency, open: forcedOpen }: { agency: DirectoryEntry; open: boolean }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const expanded = forcedOpen || open;
  const count = countContacts(agency.children);
  return (
    <li className="dir-agency card" data-agency={agency.id}>
      <div className="dir-agency__head">
        <div className="dir-row__text">
          <span className="dir-agency__name">{agency.name}</span>
          {agency.address ? <span className="dir-row__meta">{agency.address}</span> : null}
        </div>
        <CallButton entry={agency} />
      </div>
      {count > 0 ? (
        <button
          type="button"
          className="dir-agency__toggle"
          aria-expanded={expanded}
          onClick={() => setOpen(!expanded)}
        >
          <AppIcon
            icon="zi-chevron-right"
            size={18}
            className={expanded ? 'dir-chevron dir-chevron--open' : 'dir-chevron'}
          />
          {expanded ? t('directory.collapse') : t('directory.expand')}
          <span className="dir-row__meta">{t('directory.childCount', { count })}</span>
        </button>
      ) : null}
      {expanded && count > 0 ? (
        <ul className="dir-agency__children">
          <Descendants entries={agency.children} depth={0} />
        </ul>
      ) : null}
    </li>
  );
}

/**
 * The phone directory: emergency numbers as big tap-to-call buttons, then hotlines, then
 * agencies that open onto their departments and people. A search (no tone marks needed) asks
 * the server once typing pauses; matches keep their agency around them.
 */
export default function DirectoryPage() {
  const t = useT();
  const [lang] = useLanguage();
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState('');

  useEffect(() => {
    const timer = setTimeout(() => setSearched(query.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const directory = useApi(
    () => directoryClient.directory({ q: searched || undefined, lang }),
    [searched, lang],
  );
  const data = directory.data;
  const total = data ? data.emergency.length + data.hotlines.length + data.agencies.length : 0;

  return (
    <ReportPage title={t('directory.title')} parent="/" className="dir">
      <form
        className="feed-search"
        onSubmit={(e) => {
          e.preventDefault();
          setSearched(query.trim());
        }}
      >
        <input
          className="rp-input"
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t('directory.searchPlaceholder')}
          aria-label={t('directory.search')}
          enterKeyHint="search"
          data-testid="directory-search"
        />
      </form>

      {!data && directory.status === 'loading' ? <CardSkeleton count={3} /> : null}
      {directory.status === 'error' ? (
        <ErrorState message={directory.error.message} onRetry={directory.reload} />
      ) : null}
      {data && total === 0 && directory.status !== 'loading' ? (
        <EmptyState icon="zi-call">
          {searched ? t('directory.noMatch', { query: searched }) : t('directory.empty')}
        </EmptyState>
      ) : null}

      {data && data.emergency.length > 0 ? (
        <section className="card dir-emergency" aria-labelledby="dir-emergency-title">
          <div className="dir-emergency__head">
            <h2 id="dir-emergency-title" className="section-title">
              {t('directory.emergency')}
            </h2>
            <span className="dir-row__meta">{t('directory.emergencyHint')}</span>
          </div>
          <div className="dir-emergency__grid">
            {data.emergency.map((e) => (
              <button
                key={e.id}
                type="button"
                className={
                  e.phone.length > 5
                    ? 'dir-emergency__btn dir-emergency__btn--wide'
                    : 'dir-emergency__btn'
                }
                data-tel={e.tel}
                aria-label={t('directory.callA11y', { name: e.name, number: e.phone })}
                onClick={() => void dial(e.tel)}
              >
                <span
                  className={
                    e.phone.length > 5
                      ? 'dir-emergency__number dir-emergency__number--long'
                      : 'dir-emergency__number'
                  }
                >
                  {e.phone}
                </span>
                <span className="dir-emergency__name">{e.name}</span>
              </button>
            ))}
          </div>
        </section>
      ) : null}

      {data && data.hotlines.length > 0 ? (
        <section className="rp-section card" aria-labelledby="dir-hotlines-title">
          <h2 id="dir-hotlines-title" className="rp-section__title">
            <AppIcon icon="zi-call" size={22} />
            {t('directory.hotlines')}
          </h2>
          <ul className="dir-list">
            {data.hotlines.map((e) => (
              <ContactRow key={e.id} entry={e} depth={0} />
            ))}
          </ul>
        </section>
      ) : null}

      {data && data.agencies.length > 0 ? (
        <section aria-labelledby="dir-agencies-title">
          <h2 id="dir-agencies-title" className="dir-heading">
            {t('directory.agencies')}
          </h2>
          <ul className="dir-agencies">
            {data.agencies.map((a) => (
              <AgencyCard key={a.id} agency={a} open={searched !== ''} />
            ))}
          </ul>
        </section>
      ) : null}
    </ReportPage>
  );
}
