import '../field-reports/reports.css';
import '../jobs/jobs.css';
import './market.css';
import { useEffect, useState } from 'react';
import { Button, Spinner, useNavigate, useSearchParams } from 'zmp-ui';
import { SignInGate } from '../../components/sign-in-gate';
import { useApi } from '../../hooks/use-api';
import { useT } from '../../i18n/use-t';
import { marketClient } from '../../services/market/client';
import { daysLeft } from '../../services/market/format';
import {
  type ListingKind,
  type ListingSummary,
  PRODUCT_GROUPS,
  type ProductGroup,
} from '../../services/market/types';
import { showToast } from '../../services/zalo';
import { ReportPage } from '../field-reports/components/report-page';
import { useCommunes } from '../jobs/components/communes';
import { ListingCard } from './components';

const TABS = ['browse', 'mine'] as const;
type Tab = (typeof TABS)[number];
const SEARCH_DELAY_MS = 350;

/**
 * The agricultural market: "Mua bán" (everyone: search without tone marks, filters, OCOP
 * products first) and "Tin của tôi" (the citizen's own listings: renew, close; needs Zalo).
 */
export default function MarketPage() {
  const t = useT();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'mine' ? 'mine' : 'browse';
  return (
    <ReportPage title={t('market.title')} parent="/">
      <div className="jobs-tabs" role="tablist">
        {TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            data-testid={`market-tab-${id}`}
            onClick={() => setParams(id === 'browse' ? {} : { tab: id }, { replace: true })}
          >
            {t(`market.tab.${id}`)}
          </button>
        ))}
      </div>
      <Button
        fullWidth
        className="mk-post-button"
        data-testid="market-post-new"
        onClick={() => navigate('/agri-market/post')}
      >
        {t('market.post')}
      </Button>
      {tab === 'browse' ? <Browse /> : null}
      {tab === 'mine' ? (
        <SignInGate title={t('market.signIn.post')} reason={t('market.signIn.postReason')}>
          <Mine />
        </SignInGate>
      ) : null}
    </ReportPage>
  );
}

function Browse() {
  const t = useT();
  const communes = useCommunes();
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState('');
  const [kind, setKind] = useState<ListingKind | ''>('');
  const [group, setGroup] = useState<ProductGroup | ''>('');
  const [commune, setCommune] = useState('');
  const [ocop, setOcop] = useState(false);
  const [pages, setPages] = useState<ListingSummary[][]>([]);
  const [cursor, setCursor] = useState<string | undefined>();

  useEffect(() => {
    const timer = setTimeout(() => setSearched(query.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const filters = `${searched}|${kind}|${group}|${commune}|${ocop}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new filter starts from page one
  useEffect(() => {
    setPages([]);
    setCursor(undefined);
  }, [filters]);

  const page = useApi(
    () =>
      marketClient.listings({
        q: searched || undefined,
        kind: kind || undefined,
        group: group || undefined,
        commune: commune || undefined,
        ocop: ocop ? 'true' : undefined,
        cursor,
      }),
    [filters, cursor],
  );
  const items = [...pages.flat(), ...(page.data?.items ?? [])];
  const ocopItems = !ocop ? items.filter((i) => i.ocopStars) : [];

  return (
    <>
      <form
        className="jobs-filters"
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
          placeholder={t('market.searchPlaceholder')}
          aria-label={t('market.search')}
          enterKeyHint="search"
          data-testid="market-search"
        />
        <div className="jobs-filters__row">
          <select
            className="rp-input"
            aria-label={t('market.form.kind')}
            value={kind}
            onChange={(e) => setKind(e.target.value as ListingKind | '')}
            data-testid="market-filter-kind"
          >
            <option value="">{t('market.allKinds')}</option>
            <option value="sell">{t('market.kind.sell')}</option>
            <option value="buy">{t('market.kind.buy')}</option>
          </select>
          <select
            className="rp-input"
            aria-label={t('market.form.group')}
            value={group}
            onChange={(e) => setGroup(e.target.value as ProductGroup | '')}
            data-testid="market-filter-group"
          >
            <option value="">{t('market.allGroups')}</option>
            {PRODUCT_GROUPS.map((g) => (
              <option key={g} value={g}>
                {t(`market.group.${g}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="jobs-filters__row">
          <select
            className="rp-input"
            aria-label={t('market.form.commune')}
            value={commune}
            onChange={(e) => setCommune(e.target.value)}
          >
            <option value="">{t('market.allCommunes')}</option>
            {communes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <label className="mk-check">
            <input
              type="checkbox"
              checked={ocop}
              onChange={(e) => setOcop(e.target.checked)}
              data-testid="market-filter-ocop"
            />
            {t('market.ocopOnly')}
          </label>
        </div>
      </form>
      {ocopItems.length > 0 ? (
        <section className="mk-strip" aria-label={t('market.ocopStrip')}>
          <h2 className="mk-strip__title">★ {t('market.ocopStrip')}</h2>
          <ul className="mk-strip__list">
            {ocopItems.slice(0, 8).map((l) => (
              <ListingCard key={l.id} listing={l} />
            ))}
          </ul>
        </section>
      ) : null}
      <ul className="mk-list" data-testid="market-list">
        {items
          .filter((i) => ocop || !i.ocopStars)
          .map((l) => (
            <ListingCard key={l.id} listing={l} />
          ))}
      </ul>
      {page.status === 'loading' ? (
        <div className="rp-loading" role="status">
          <Spinner visible />
        </div>
      ) : null}
      {page.status === 'error' ? (
        <p className="rp-error" role="alert">
          {page.error.message}
        </p>
      ) : null}
      {page.status === 'ready' && items.length === 0 ? (
        <p className="mk-empty" data-testid="market-empty">
          {searched ? t('market.noMatch', { query: searched }) : t('market.empty')}
        </p>
      ) : null}
      {page.status === 'ready' && page.data.nextCursor ? (
        <Button
          variant="secondary"
          fullWidth
          onClick={() => {
            setPages((p) => [...p, page.data.items]);
            setCursor(page.data.nextCursor ?? undefined);
          }}
        >
          {t('market.more')}
        </Button>
      ) : null}
    </>
  );
}

function Mine() {
  const t = useT();
  const mine = useApi(() => marketClient.mine(), []);
  const [busy, setBusy] = useState('');
  const act = async (id: string, action: 'renew' | 'close') => {
    setBusy(id);
    const result = await (action === 'renew' ? marketClient.renew(id) : marketClient.close(id));
    setBusy('');
    void showToast(
      result.ok
        ? t(action === 'renew' ? 'market.mine.renewed' : 'market.mine.closed')
        : result.error.message,
    );
    mine.reload();
  };
  if (mine.status === 'error') {
    return (
      <p className="rp-error" role="alert">
        {mine.error.message}
      </p>
    );
  }
  if (!mine.data) {
    return (
      <div className="rp-loading" role="status">
        <Spinner visible />
      </div>
    );
  }
  if (mine.data.items.length === 0) return <p className="mk-empty">{t('market.mine.empty')}</p>;
  return (
    <ul className="mk-list" data-testid="market-mine">
      {mine.data.items.map((l) => (
        <li key={l.id} className="mk-mine" data-mine={l.id}>
          <ul className="mk-mine__card">
            <ListingCard listing={l} />
          </ul>
          <div className="mk-mine__status">
            <span className={`mk-status mk-status--${l.status}`}>
              {t(`market.status.${l.status}`)}
            </span>
            {l.status === 'active' ? (
              <span>{t('market.expires', { days: daysLeft(l.expiresAt) })}</span>
            ) : null}
          </div>
          {l.status === 'hidden' && l.moderationNote ? (
            <p className="rp-error">{t('market.mine.hiddenNote', { note: l.moderationNote })}</p>
          ) : null}
          {l.status === 'active' || l.status === 'expired' ? (
            <div className="mk-mine__actions">
              <Button
                size="small"
                variant="secondary"
                disabled={busy === l.id}
                onClick={() => void act(l.id, 'renew')}
                data-testid="market-renew"
              >
                {t('market.mine.renew')}
              </Button>
              <Button
                size="small"
                variant="tertiary"
                disabled={busy === l.id}
                onClick={() => void act(l.id, 'close')}
                data-testid="market-close"
              >
                {t('market.mine.close')}
              </Button>
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
