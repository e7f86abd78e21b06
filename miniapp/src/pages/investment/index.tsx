import '../field-reports/reports.css';
import './investment.css';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'zmp-ui';
import { AppIcon, registerIcons } from '../../components/app-icon';
import { useApi } from '../../hooks/use-api';
import { useLanguage, useT } from '../../i18n/use-t';
import type { ApiError } from '../../services/api';
import { investmentClient } from '../../services/investment/client';
import { formatArea, formatCapital } from '../../services/investment/format';
import type { PolicySummary, ProjectStage, ProjectSummary } from '../../services/investment/types';
import { ReportPage } from '../field-reports/components/report-page';
import { CardSkeleton, EmptyState, ErrorState, LoadMore } from '../field-reports/components/states';
import { REPORT_SVG } from '../field-reports/icons.gen';
import { STAGES, StageBadge } from './stage';

registerIcons(REPORT_SVG);

const SEARCH_DELAY_MS = 350;
const PAGE = 10;

type Listing<T> = { items: T[]; nextCursor: string | null; loading: boolean; error?: ApiError };
const EMPTY = { items: [], nextCursor: null, loading: true };

function ProjectCard({ project }: { project: ProjectSummary }) {
  const [lang] = useLanguage();
  const navigate = useNavigate();
  const figures = [
    project.capitalVnd !== null ? formatCapital(project.capitalVnd, lang) : null,
    project.areaHectares !== null ? formatArea(project.areaHectares, lang) : null,
  ].filter(Boolean);
  return (
    <li>
      <button
        type="button"
        className="rp-card"
        data-project={project.id}
        onClick={() => navigate(`/investment/p/${project.id}`)}
      >
        <span className="inv-card__icon">
          <AppIcon icon="zi-location" size={26} />
        </span>
        <span className="rp-card__body">
          <span className="rp-card__category">{project.title}</span>
          <span className="rp-card__meta">
            {project.sectorName} · {project.communeName ?? project.location}
          </span>
          {figures.length > 0 ? (
            <span className="rp-card__meta">
              <strong>{figures.join(' · ')}</strong>
            </span>
          ) : null}
          <StageBadge stage={project.stage} />
        </span>
        <AppIcon icon="zi-chevron-right" size={22} />
      </button>
    </li>
  );
}

function PolicyCard({ policy }: { policy: PolicySummary }) {
  const navigate = useNavigate();
  return (
    <li>
      <button
        type="button"
        className="rp-card"
        data-policy={policy.id}
        onClick={() => navigate(`/investment/policy/${policy.id}`)}
      >
        <span className="inv-card__icon">
          <AppIcon icon="zi-note" size={26} />
        </span>
        <span className="rp-card__body">
          <span className="rp-card__category">{policy.title}</span>
          {policy.summary ? <span className="rp-card__meta">{policy.summary}</span> : null}
          <span className="rp-card__meta">{policy.agencyName}</span>
        </span>
        <AppIcon icon="zi-chevron-right" size={22} />
      </button>
    </li>
  );
}

/** Paged list state: a new query starts over; "Xem thêm" appends; stale answers are dropped. */
function usePaged<T>(
  fetchPage: (cursor?: string) => ReturnType<typeof investmentClient.projects> | Promise<unknown>,
  /** The list starts over when this changes (its filters, search and language). */
  key: string,
) {
  const [listing, setListing] = useState<Listing<T>>(EMPTY);
  const generation = useRef(0);
  const load = async (cursor?: string) => {
    const mine = cursor ? generation.current : ++generation.current;
    setListing((l) => ({ ...l, loading: true, error: undefined }));
    const result = (await fetchPage(cursor)) as
      | { ok: true; data: { items: T[]; nextCursor: string | null } }
      | { ok: false; error: ApiError };
    if (mine !== generation.current) return;
    setListing((l) =>
      result.ok
        ? {
            items: cursor ? [...l.items, ...result.data.items] : result.data.items,
            nextCursor: result.data.nextCursor,
            loading: false,
          }
        : { ...l, loading: false, error: result.error },
    );
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names everything load reads
  useEffect(() => {
    void load();
  }, [key]);
  return { listing, load };
}

function PagedList<T>({
  listing,
  load,
  empty,
  render,
}: {
  listing: Listing<T>;
  load: (cursor?: string) => Promise<void>;
  empty: string;
  render: (item: T) => React.ReactNode;
}) {
  return (
    <>
      {listing.loading && listing.items.length === 0 ? <CardSkeleton count={3} /> : null}
      {listing.error && listing.items.length === 0 ? (
        <ErrorState message={listing.error.message} onRetry={() => void load()} />
      ) : null}
      {!listing.loading && !listing.error && listing.items.length === 0 ? (
        <EmptyState icon="zi-search">{empty}</EmptyState>
      ) : null}
      {listing.items.length > 0 ? <ul className="rp-list">{listing.items.map(render)}</ul> : null}
      {listing.nextCursor ? (
        <LoadMore
          loading={listing.loading}
          onClick={() => void load(listing.nextCursor ?? undefined)}
        />
      ) : null}
      {listing.error && listing.items.length > 0 ? (
        <ErrorState
          message={listing.error.message}
          onRetry={() => void load(listing.nextCursor ?? undefined)}
        />
      ) : null}
    </>
  );
}

/** Investment: priority sectors, projects (filter by sector and stage, search) and policies. */
export default function InvestmentPage() {
  const t = useT();
  const [lang] = useLanguage();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'policies' ? 'policies' : 'projects';
  const sector = params.get('sector') ?? '';
  const stage = (params.get('stage') ?? '') as ProjectStage | '';
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState('');

  useEffect(() => {
    const timer = setTimeout(() => setSearched(query.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const setParam = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  const sectors = useApi(() => investmentClient.sectors(lang), [lang]);
  const projects = usePaged<ProjectSummary>(
    (cursor) =>
      investmentClient.projects({
        sector: sector || undefined,
        stage: stage || undefined,
        q: searched || undefined,
        cursor,
        lang,
        limit: PAGE,
      }),
    `${sector}|${stage}|${searched}|${lang}|${tab}`,
  );
  const policies = usePaged<PolicySummary>(
    (cursor) =>
      tab === 'policies'
        ? investmentClient.policies({ q: searched || undefined, cursor, lang, limit: PAGE })
        : Promise.resolve({ ok: true, data: { items: [], nextCursor: null } }),
    `${searched}|${lang}|${tab}`,
  );

  // A general enquiry goes to the agency behind the listed content (the province has one
  // investment promotion agency; its projects and policies name it).
  const contactAgency =
    projects.listing.items[0]?.agencyId ?? policies.listing.items[0]?.agencyId ?? null;

  return (
    <ReportPage title={t('invest.title')} parent="/">
      <p className="inv-intro">{t('invest.intro')}</p>

      <section className="rp-section card" aria-labelledby="inv-sectors">
        <h2 id="inv-sectors" className="rp-section__title">
          <AppIcon icon="zi-star" size={22} />
          {t('invest.sectors')}
        </h2>
        {sectors.status === 'error' ? (
          <ErrorState message={sectors.error.message} onRetry={sectors.reload} />
        ) : (
          <ul className="inv-chips" data-testid="invest-sectors">
            <li>
              <button
                type="button"
                className="inv-chip inv-chip--all"
                aria-pressed={sector === ''}
                onClick={() => setParam('sector', '')}
              >
                {t('invest.allSectors')}
              </button>
            </li>
            {(sectors.data ?? []).map((s) => (
              <li key={s.id}>
                <button
                  type="button"
                  className="inv-chip"
                  aria-pressed={sector === s.id}
                  data-sector={s.id}
                  onClick={() => {
                    setParam('sector', sector === s.id ? '' : s.id);
                  }}
                >
                  {s.name}
                  <small>{t('invest.sectorCount', { count: s.projectCount })}</small>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <div className="inv-tabs" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'projects'}
          onClick={() => setParam('tab', '')}
        >
          {t('invest.tabProjects')}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'policies'}
          onClick={() => setParam('tab', 'policies')}
          data-testid="invest-tab-policies"
        >
          {t('invest.tabPolicies')}
        </button>
      </div>

      <form
        className="inv-filters"
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
          placeholder={t('invest.searchPlaceholder')}
          aria-label={tab === 'projects' ? t('invest.search') : t('invest.searchPolicies')}
          enterKeyHint="search"
          data-testid="invest-search"
        />
        {tab === 'projects' ? (
          <select
            className="rp-input"
            value={stage}
            aria-label={t('invest.stage')}
            onChange={(e) => setParam('stage', e.target.value)}
            data-testid="invest-stage"
          >
            <option value="">{t('invest.allStages')}</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {t(`invest.stage.${s}`)}
              </option>
            ))}
          </select>
        ) : null}
      </form>

      {tab === 'projects' ? (
        <PagedList
          listing={projects.listing}
          load={projects.load}
          empty={searched ? t('invest.noMatch', { query: searched }) : t('invest.empty')}
          render={(p) => <ProjectCard key={p.id} project={p} />}
        />
      ) : (
        <PagedList
          listing={policies.listing}
          load={policies.load}
          empty={t('invest.policiesEmpty')}
          render={(p) => <PolicyCard key={p.id} policy={p} />}
        />
      )}

      {contactAgency ? (
        <button
          type="button"
          className="rp-card"
          onClick={() =>
            navigate(`/investment/enquiry?agency=${encodeURIComponent(contactAgency)}`)
          }
          data-testid="invest-contact"
        >
          <span className="inv-card__icon">
            <AppIcon icon="zi-chat" size={26} />
          </span>
          <span className="rp-card__body">
            <span className="rp-card__category">{t('invest.enquireGeneral')}</span>
          </span>
          <AppIcon icon="zi-chevron-right" size={22} />
        </button>
      ) : null}
    </ReportPage>
  );
}
