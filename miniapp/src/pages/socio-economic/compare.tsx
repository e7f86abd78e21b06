import '../field-reports/reports.css';
import './socio-economic.css';
import { useEffect, useState } from 'react';
import { useApi } from '../../hooks/use-api';
import { useLanguage, useT } from '../../i18n/use-t';
import { indicatorsClient } from '../../services/indicators/client';
import { formatPeriod, formatValue } from '../../services/indicators/format';
import type { Frequency } from '../../services/indicators/types';
import { ReportPage } from '../field-reports/components/report-page';
import { CardSkeleton, EmptyState, ErrorState } from '../field-reports/components/states';
import { ChangeBadge } from './change-badge';

const KINDS: Frequency[] = ['quarter', 'year', 'month'];

/** Same period a year before: the default comparison. */
function yearBefore(period: string): string {
  return `${Number(period.slice(0, 4)) - 1}${period.slice(4)}`;
}

/** Two periods side by side: every indicator of that kind with both values and the change. */
export default function ComparePage() {
  const t = useT();
  const [language] = useLanguage();
  const periods = useApi(() => indicatorsClient.periods(), []);
  const [kind, setKind] = useState<Frequency | null>(null);
  const [period, setPeriod] = useState('');
  const [other, setOther] = useState('');
  const available = periods.data ? KINDS.filter((k) => periods.data?.[k].length) : [];
  const list = kind && periods.data ? periods.data[kind] : [];

  // Defaults: the first kind with figures, its latest period, the same period a year earlier.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once the periods arrive
  useEffect(() => {
    if (!periods.data || kind) return;
    const first = KINDS.find((k) => (periods.data?.[k].length ?? 0) > 0);
    if (first) choose(first, periods.data[first]);
  }, [periods.data, kind]);

  function choose(k: Frequency, options: string[]) {
    const latest = options[0] ?? '';
    setKind(k);
    setPeriod(latest);
    const back = yearBefore(latest);
    setOther(options.includes(back) ? back : (options[1] ?? back));
  }

  const comparison = useApi(
    () => (period ? indicatorsClient.compare({ period, with: other, lang: language }) : null),
    [period, other, language],
  );
  const rows = comparison.data?.items ?? [];

  return (
    <ReportPage title={t('indicator.compare')} parent="/socio-economic">
      {periods.status === 'loading' ? <CardSkeleton count={1} /> : null}
      {periods.status === 'error' ? (
        <ErrorState message={periods.error.message} onRetry={periods.reload} />
      ) : null}
      {periods.status === 'ready' && available.length === 0 ? (
        <EmptyState icon="zi-poll">{t('indicator.compare.none')}</EmptyState>
      ) : null}
      {kind ? (
        <div className="ind-select">
          <label>
            {t('indicator.compare.kind')}
            <select
              value={kind}
              onChange={(e) => {
                const k = e.target.value as Frequency;
                choose(k, periods.data?.[k] ?? []);
              }}
            >
              {available.map((k) => (
                <option key={k} value={k}>
                  {t(`indicator.frequency.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('indicator.compare.period')}
            <select
              value={period}
              onChange={(e) => setPeriod(e.target.value)}
              data-testid="compare-period"
            >
              {list.map((p) => (
                <option key={p} value={p}>
                  {formatPeriod(p, language)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('indicator.compare.with')}
            <select
              value={other}
              onChange={(e) => setOther(e.target.value)}
              data-testid="compare-with"
            >
              {(list.includes(other) ? list : [other, ...list]).map((p) => (
                <option key={p} value={p}>
                  {formatPeriod(p, language)}
                </option>
              ))}
            </select>
          </label>
        </div>
      ) : null}
      {comparison.status === 'error' ? (
        <ErrorState message={comparison.error.message} onRetry={comparison.reload} />
      ) : null}
      {rows.length > 0 ? (
        <table className="ind-table" data-testid="compare-table">
          <thead>
            <tr>
              <th>{t('indicator.title')}</th>
              <th>{formatPeriod(period, language)}</th>
              <th>{formatPeriod(other, language)}</th>
              <th>{t('indicator.compare.change')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>
                  {r.name}
                  <div className="ind-card__meta">{r.unit}</div>
                </td>
                <td>{r.value === null ? '–' : formatValue(r.value, language)}</td>
                <td>{r.previous === null ? '–' : formatValue(r.previous, language)}</td>
                <td>
                  <ChangeBadge change={r.change} higherIsBetter={r.higherIsBetter} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </ReportPage>
  );
}
