import {
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { Bar, Line } from 'react-chartjs-2';
import type { Language } from '../../i18n';
import { chartKind, formatValue, shortPeriod } from '../../services/indicators/format';
import type { Frequency, IndicatorValue } from '../../services/indicators/types';

// chart.js comes with this chunk only, when an indicator's page draws its chart.
Chart.register(CategoryScale, LinearScale, LineElement, PointElement, BarElement, Tooltip);
// Cheap phones: no animation.
Chart.defaults.animation = false;

type Props = {
  series: IndicatorValue[];
  frequency: Frequency;
  unit: string;
  language: Language;
  targetLabel: string;
  ariaLabel: string;
};

/** Values by period: bars for years, a line for months and quarters; the plan dashed. */
export default function SeriesChart({
  series,
  frequency,
  unit,
  language,
  targetLabel,
  ariaLabel,
}: Props) {
  const labels = series.map((v) => shortPeriod(v.period));
  const hasTarget = series.some((v) => v.target !== null);
  const kind = chartKind(frequency);
  const options = {
    maintainAspectRatio: false,
    plugins: {
      tooltip: {
        callbacks: {
          label: (item: { dataset: { label?: string }; parsed: { y: number | null } }) =>
            `${item.dataset.label ?? ''}: ${item.parsed.y === null ? '–' : formatValue(item.parsed.y, language)} ${unit}`,
        },
      },
    },
    scales: {
      y: {
        beginAtZero: kind === 'bar',
        ticks: { callback: (v: number | string) => formatValue(Number(v), language) },
      },
    },
  };
  const target = {
    type: 'line' as const,
    label: targetLabel,
    data: series.map((v) => v.target),
    borderColor: '#b45309',
    borderDash: [6, 4],
    pointRadius: 0,
    spanGaps: true,
  };
  if (kind === 'bar') {
    const data = {
      labels,
      datasets: [
        {
          type: 'bar' as const,
          label: unit,
          data: series.map((v) => v.value),
          backgroundColor: '#0b57d0',
        },
        ...(hasTarget ? [target] : []),
      ],
    };
    return (
      <div className="ind-chart" role="img" aria-label={ariaLabel}>
        {/* biome-ignore lint/suspicious/noExplicitAny: a bar chart with a target line mixes types */}
        <Bar data={data as any} options={options as any} />
      </div>
    );
  }
  const data = {
    labels,
    datasets: [
      {
        label: unit,
        data: series.map((v) => v.value),
        borderColor: '#0b57d0',
        backgroundColor: '#0b57d0',
        pointRadius: 3,
      },
      ...(hasTarget ? [target] : []),
    ],
  };
  return (
    <div className="ind-chart" role="img" aria-label={ariaLabel}>
      {/* biome-ignore lint/suspicious/noExplicitAny: chart.js option callbacks are loosely typed */}
      <Line data={data as any} options={options as any} />
    </div>
  );
}
