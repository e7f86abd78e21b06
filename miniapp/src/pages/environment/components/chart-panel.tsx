import { Component, lazy, type ReactNode, Suspense, useMemo } from 'react';
import { useLanguage, useT } from '../../../i18n/use-t';
import { toChartData } from '../../../services/environment/chart-data';
import { environmentClient } from '../../../services/environment/client';
import {
  formatCompact,
  formatNumber,
  levelColour,
  withUnit,
} from '../../../services/environment/format';
import { metricDisplay, metricLabel } from '../../../services/environment/metrics';
import type { Range } from '../../../services/environment/types';
import { ErrorState, Notice } from '../../field-reports/components/states';
import { useCachedApi } from '../use-cached';
import { CachedNotice } from './cached-notice';

// chart.js and react-chartjs-2 (~70 KB gzipped) come with the first chart, not the screen.
const SeriesChart = lazy(() => import('./series-chart'));

class ChartBoundary extends Component<{ fallback: ReactNode; children: ReactNode }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

function ChartSkeleton() {
  return <div className="env-chart__plot skeleton" aria-hidden="true" />;
}

export type ChartMetric = { metric: string; name: string };

type Props = {
  stationId: string;
  metrics: ChartMetric[];
  metric: string;
  onMetric: (metric: string) => void;
  range: Range;
  /** Ranges to offer; none shows no range tabs (the weather screen's 24 hours). */
  ranges?: readonly Range[];
  onRange?: (range: Range) => void;
};

/**
 * Metric chips, range tabs and the chart of one series, with the figures a chart cannot
 * say aloud written under it (lowest, average, highest or total) and the legend of its
 * threshold lines. The plot keeps its height while loading, so nothing below it jumps.
 */
export function ChartPanel({
  stationId,
  metrics,
  metric,
  onMetric,
  range,
  ranges,
  onRange,
}: Props) {
  const t = useT();
  const [language] = useLanguage();
  const series = useCachedApi(`series:${stationId}:${metric}:${range}`, () =>
    environmentClient.series(stationId, metric, range),
  );
  const data = useMemo(() => (series.data ? toChartData(series.data) : undefined), [series.data]);
  const display = metricDisplay(metric);
  const name = metricLabel(metric, language, metrics.find((m) => m.metric === metric)?.name);
  const value = (v: number) =>
    series.data
      ? withUnit(formatNumber(v, series.data.decimals, language), series.data.unit)
      : String(v);
  const rangeLabel = (r: Range) => t(`env.range.${r}`);

  let plot: ReactNode;
  if (!series.data && series.status === 'error') {
    plot = <ErrorState message={series.error?.message ?? ''} onRetry={series.reload} />;
  } else if (!series.data || !data) {
    plot = <ChartSkeleton />;
  } else if (data.line.length === 0) {
    plot = <p className="env-chart__empty">{t('env.chart.empty')}</p>;
  } else {
    plot = (
      <div className="env-chart__plot">
        <ChartBoundary fallback={<Notice tone="warning">{t('env.chart.failed')}</Notice>}>
          <Suspense fallback={<ChartSkeleton />}>
            <SeriesChart
              series={series.data}
              data={data}
              colour={display?.colour ?? '#0a58ca'}
              language={language}
              labels={{
                spike: t('env.chart.spike'),
                min: t('env.chart.min'),
                max: t('env.chart.max'),
                mean: t('env.chart.mean'),
              }}
              ariaLabel={
                data.stats
                  ? t('env.chart.a11y', {
                      metric: name,
                      range: rangeLabel(range),
                      min: value(data.stats.min),
                      max: value(data.stats.max),
                    })
                  : name
              }
            />
          </Suspense>
        </ChartBoundary>
      </div>
    );
  }

  const stats = data?.stats;
  const sum = series.data?.aggregate === 'sum';

  return (
    <div className="env-chart" data-testid="chart-panel">
      {ranges && ranges.length > 1 ? (
        <div className="env-segments" role="tablist" aria-label={t('env.chart.range')}>
          {ranges.map((r) => (
            <button
              key={r}
              type="button"
              role="tab"
              aria-selected={r === range}
              className={r === range ? 'env-segment is-active' : 'env-segment'}
              onClick={() => onRange?.(r)}
            >
              {rangeLabel(r)}
            </button>
          ))}
        </div>
      ) : null}
      {metrics.length > 1 ? (
        <div className="env-chips" role="tablist" aria-label={t('env.chart.metric')}>
          {metrics.map((m) => (
            <button
              key={m.metric}
              type="button"
              role="tab"
              aria-selected={m.metric === metric}
              className={m.metric === metric ? 'env-chip is-active' : 'env-chip'}
              onClick={() => onMetric(m.metric)}
            >
              {metricLabel(m.metric, language, m.name)}
            </button>
          ))}
        </div>
      ) : null}

      <div className="env-chart__frame" aria-busy={series.status === 'loading'}>
        {plot}
      </div>

      {series.data ? <CachedNotice state={series} compact /> : null}

      {stats ? (
        <dl className="env-stats" data-testid="chart-stats">
          {sum ? (
            <div>
              <dt>{t('env.chart.total')}</dt>
              <dd>{value(stats.sum)}</dd>
            </div>
          ) : (
            <>
              <div>
                <dt>{t('env.chart.min')}</dt>
                <dd>{value(stats.min)}</dd>
              </div>
              <div>
                <dt>{t('env.chart.mean')}</dt>
                <dd>{value(stats.mean)}</dd>
              </div>
            </>
          )}
          <div>
            <dt>{t('env.chart.max')}</dt>
            <dd>{value(stats.max)}</dd>
          </div>
        </dl>
      ) : null}

      {data && (data.thresholds.length > 0 || data.spikes.length > 0 || data.band) ? (
        <ul className="env-legend">
          {data.thresholds.map((th) => (
            <li key={`${th.direction}-${th.level}`}>
              <span
                className="env-legend__dash"
                style={{ borderColor: levelColour(th.level) }}
                aria-hidden="true"
              />
              {t('env.chart.thresholdLine', {
                level: th.level,
                value: withUnit(
                  formatCompact(th.value, series.data?.decimals ?? 2, language),
                  series.data?.unit ?? '',
                ),
                label: th.label,
              })}
            </li>
          ))}
          {data.band ? (
            <li>
              <span
                className="env-legend__band"
                style={{ background: `${display?.colour ?? '#0a58ca'}2e` }}
                aria-hidden="true"
              />
              {series.data?.grain === 'd' ? t('env.chart.bandDay') : t('env.chart.bandHour')}
            </li>
          ) : null}
          {data.spikes.length > 0 ? (
            <li>
              <span className="env-legend__spike" aria-hidden="true">
                ×
              </span>
              {t('env.chart.spikes', { count: data.spikes.length })}
            </li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}
