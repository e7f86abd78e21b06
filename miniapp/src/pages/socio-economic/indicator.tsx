import '../field-reports/reports.css';
import './socio-economic.css';
import { Component, lazy, type ReactNode, Suspense } from 'react';
import { useParams } from 'zmp-ui';
import { useApi } from '../../hooks/use-api';
import { useLanguage, useT } from '../../i18n/use-t';
import { indicatorsClient } from '../../services/indicators/client';
import { formatPeriod, formatValue } from '../../services/indicators/format';
import { ReportPage } from '../field-reports/components/report-page';
import { CardSkeleton, ErrorState } from '../field-reports/components/states';

// chart.js (~70 KB gzipped) comes with the chart, not with the screen.
const SeriesChart = lazy(() => import('./series-chart'));

class ChartBoundary extends Component<{ children: ReactNode }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

/** One indicator: its chart over the periods and the table of values. */
export default function IndicatorPage() {
  const t = useT();
  const [language] = useLanguage();
  const { id = '' } = useParams();
  const state = useApi(() => indicatorsClient.series(id, language), [id, language]);
  const data = state.data;
  const ind = data?.indicator;
  return (
    <ReportPage title={ind?.name ?? t('indicator.title')} parent="/socio-economic">
      {state.status === 'loading' && !data ? <CardSkeleton count={2} /> : null}
      {state.status === 'error' ? (
        <ErrorState message={state.error.message} onRetry={state.reload} />
      ) : null}
      {ind && data ? (
        <>
          <p className="ind-card__meta">
            {ind.groupName} · {t('indicator.unit', { unit: ind.unit })} ·{' '}
            {t(`indicator.frequency.${ind.frequency}`)} ·{' '}
            {ind.higherIsBetter ? t('indicator.higherBetter') : t('indicator.lowerBetter')}
          </p>
          {ind.description ? <p>{ind.description}</p> : null}
          {data.series.length > 0 ? (
            <ChartBoundary>
              <Suspense fallback={<div className="ind-chart skeleton" aria-hidden="true" />}>
                <SeriesChart
                  series={data.series}
                  frequency={ind.frequency}
                  unit={ind.unit}
                  language={language}
                  targetLabel={t('indicator.chartTarget')}
                  ariaLabel={t('indicator.chartLabel', { name: ind.name })}
                />
              </Suspense>
            </ChartBoundary>
          ) : (
            <p className="ind-card__meta">{t('indicator.noValue')}</p>
          )}
          {data.series.length > 0 ? (
            <section aria-labelledby="ind-values">
              <h2 id="ind-values" className="ind-group__title">
                {t('indicator.values')}
              </h2>
              <table className="ind-table" data-testid="indicator-values">
                <thead>
                  <tr>
                    <th>{t('indicator.period')}</th>
                    <th>{t('indicator.value')}</th>
                    <th>{t('indicator.targetColumn')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...data.series].reverse().map((v) => (
                    <tr key={v.period} title={v.note ?? undefined}>
                      <td>{formatPeriod(v.period, language)}</td>
                      <td>{formatValue(v.value, language)}</td>
                      <td>{v.target === null ? '–' : formatValue(v.target, language)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ) : null}
        </>
      ) : null}
    </ReportPage>
  );
}
