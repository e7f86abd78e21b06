import '../field-reports/reports.css';
import './socio-economic.css';
import { useEffect, useState } from 'react';
import { Button, useNavigate } from 'zmp-ui';
import { useApi } from '../../hooks/use-api';
import { useLanguage, useT } from '../../i18n/use-t';
import { indicatorsClient } from '../../services/indicators/client';
import { formatPeriod, formatValue, targetProgress } from '../../services/indicators/format';
import type { IndicatorCard } from '../../services/indicators/types';
import { ReportPage } from '../field-reports/components/report-page';
import { CardSkeleton, EmptyState, ErrorState } from '../field-reports/components/states';
import { ChangeBadge } from './change-badge';

const SEARCH_DELAY_MS = 350;

function Card({ item }: { item: IndicatorCard }) {
  const t = useT();
  const [language] = useLanguage();
  const navigate = useNavigate();
  const latest = item.latest;
  const progress = latest ? targetProgress(latest.value, latest.target) : null;
  return (
    <li>
      <button
        type="button"
        className="ind-card"
        data-indicator={item.code}
        onClick={() => navigate(`/socio-economic/i/${item.id}`)}
      >
        <span className="ind-card__name">{item.name}</span>
        {latest ? (
          <>
            <div className="ind-card__value">
              {formatValue(latest.value, language)}
              <span className="ind-card__unit">{item.unit}</span>
            </div>
            <div className="ind-card__meta">
              {formatPeriod(latest.period, language)}
              {item.previous ? (
                <>
                  {' · '}
                  <ChangeBadge change={item.change} higherIsBetter={item.higherIsBetter} />{' '}
                  {t('indicator.vsPrevious', {
                    period: formatPeriod(item.previous.period, language),
                  })}
                </>
              ) : null}
            </div>
            {progress !== null && latest.target !== null ? (
              <>
                <div className="ind-progress" aria-hidden="true">
                  <div
                    className="ind-progress__bar"
                    style={{ width: `${Math.min(100, Math.max(0, progress))}%` }}
                  />
                </div>
                <div className="ind-card__meta">
                  {t('indicator.target', { target: formatValue(latest.target, language) })}
                  {' · '}
                  {t('indicator.targetReached', { percent: formatValue(progress, language, 1) })}
                </div>
              </>
            ) : null}
          </>
        ) : (
          <div className="ind-card__meta">{t('indicator.noValue')}</div>
        )}
      </button>
    </li>
  );
}

/** The province's indicators by group: latest figure, change and progress to plan. */
export default function SocioEconomicPage() {
  const t = useT();
  const [language] = useLanguage();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearched(query.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);
  const groups = useApi(
    () => indicatorsClient.groups({ q: searched || undefined, lang: language }),
    [searched, language],
  );
  const list = groups.data?.groups ?? [];
  return (
    <ReportPage title={t('indicator.title')} parent="/">
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
          placeholder={t('indicator.searchPlaceholder')}
          aria-label={t('indicator.search')}
          enterKeyHint="search"
          data-testid="indicator-search"
        />
      </form>
      <Button
        className="ind-compare-link"
        variant="secondary"
        size="medium"
        onClick={() => navigate('/socio-economic/compare')}
      >
        {t('indicator.compare')}
      </Button>
      {groups.status === 'loading' && !groups.data ? <CardSkeleton count={3} /> : null}
      {groups.status === 'error' ? (
        <ErrorState message={groups.error.message} onRetry={groups.reload} />
      ) : null}
      {groups.status === 'ready' && list.length === 0 ? (
        <EmptyState icon="zi-poll">
          {searched ? t('indicator.noMatch', { query: searched }) : t('indicator.empty')}
        </EmptyState>
      ) : null}
      {list.map((group) => (
        <section key={group.name} aria-label={group.name}>
          <h2 className="ind-group__title">{group.name}</h2>
          <ul className="ind-cards">
            {group.items.map((item) => (
              <Card key={item.id} item={item} />
            ))}
          </ul>
        </section>
      ))}
    </ReportPage>
  );
}
