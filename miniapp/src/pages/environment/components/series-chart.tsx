import {
  BarElement,
  Chart,
  type ChartDataset,
  Filler,
  LinearScale,
  LineElement,
  PointElement,
  type Scale,
  Tooltip,
  type TooltipItem,
} from 'chart.js';
import { Bar, Line } from 'react-chartjs-2';
import type { Language } from '../../../i18n';
import { type ChartData, timeTicks, type XY } from '../../../services/environment/chart-data';
import {
  formatClock,
  formatDateTime,
  formatDayMonth,
  formatNumber,
  levelColour,
  withUnit,
} from '../../../services/environment/format';
import type { Series } from '../../../services/environment/types';

// Only what these charts draw: lines, bars, points, a filled band, one linear time axis and
// the tooltip. Loaded with this chunk, only when a chart is shown (react-chartjs-2's Line
// and Bar register their own controllers).
Chart.register(LinearScale, LineElement, PointElement, BarElement, Filler, Tooltip);
Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;
Chart.defaults.font.size = 13;
Chart.defaults.color = '#4b5563';
// Cheap phones: no animation, and no redraw work while the finger scrolls the page.
Chart.defaults.animation = false;

type Props = {
  series: Series;
  data: ChartData;
  colour: string;
  language: Language;
  /** Words the chart needs, in the user's language. */
  labels: { spike: string; min: string; max: string; mean: string };
  ariaLabel: string;
};

/**
 * A station's series over 24 h, 10 or 30 days: the readings (hourly or daily averages for
 * the longer ranges, with their min–max band), spikes marked apart, and dashed threshold
 * lines. Rainfall is drawn as bars, since it adds up.
 */
export default function SeriesChart({ series, data, colour, language, labels, ariaLabel }: Props) {
  const value = (v: number) => withUnit(formatNumber(v, series.decimals, language), series.unit);
  const tickLabel = (v: number) =>
    series.range === '24h' ? formatClock(v, language) : formatDayMonth(v, language);
  const tooltipTitle = (x: number) =>
    series.grain === 'd' ? formatDayMonth(x, language) : formatDateTime(x, language);

  const thresholdSets: ChartDataset<'line', XY[]>[] = data.thresholds.map((t) => ({
    label: t.label,
    data: [
      { x: data.xMin, y: t.value },
      { x: data.xMax, y: t.value },
    ],
    borderColor: levelColour(t.level),
    borderWidth: 2,
    borderDash: [6, 4],
    pointRadius: 0,
    pointHoverRadius: 0,
    fill: false,
    order: 3,
  }));

  const scales = {
    x: {
      type: 'linear' as const,
      min: data.xMin,
      max: data.xMax,
      grid: { color: '#eef1f5' },
      ticks: {
        callback: (v: string | number) => tickLabel(Number(v)),
        maxRotation: 0,
        autoSkip: false,
      },
      afterBuildTicks: (axis: Scale) => {
        axis.ticks = timeTicks(series.range, data.xMin, data.xMax).map((v) => ({ value: v }));
      },
    },
    y: {
      grid: { color: '#eef1f5' },
      ...(series.aggregate === 'sum' ? { beginAtZero: true } : {}),
      ticks: {
        callback: (v: string | number) =>
          formatNumber(Number(v), series.decimals > 1 ? 1 : 0, language),
        maxTicksLimit: 6,
      },
    },
  };

  // Threshold lines come last and are read from the legend under the chart, not the tooltip.
  const datasets: ChartDataset<'line', XY[]>[] = [];
  const isThreshold = (index: number) => index >= datasets.length - thresholdSets.length;
  const tooltip = {
    filter: (item: TooltipItem<'line' | 'bar'>) =>
      series.aggregate === 'sum' || !isThreshold(item.datasetIndex),
    callbacks: {
      title: (items: TooltipItem<'line' | 'bar'>[]) =>
        items[0] ? tooltipTitle((items[0].raw as XY).x) : '',
      label: (item: TooltipItem<'line' | 'bar'>) => {
        const y = (item.raw as XY).y;
        if (y === null) return '';
        return `${item.dataset.label ? `${item.dataset.label}: ` : ''}${value(y)}`;
      },
    },
  };

  const common = {
    maintainAspectRatio: false,
    responsive: true,
    parsing: false as const,
    normalized: true,
    interaction: { mode: 'nearest' as const, axis: 'x' as const, intersect: false },
    plugins: { legend: { display: false }, tooltip },
    scales,
  };

  if (series.aggregate === 'sum') {
    return (
      <Bar
        aria-label={ariaLabel}
        role="img"
        data={{
          datasets: [
            {
              label: '',
              data: data.line.filter((p) => p.y !== null),
              backgroundColor: colour,
              barPercentage: 1,
              categoryPercentage: 1,
              // A bar per reading or per bucket, however few: thin but never invisible.
              minBarLength: 1,
            },
          ],
        }}
        options={common}
      />
    );
  }

  if (data.band) {
    datasets.push(
      {
        label: labels.min,
        data: data.band.min,
        borderColor: 'transparent',
        pointRadius: 0,
        pointHoverRadius: 0,
        fill: false,
        spanGaps: false,
        order: 2,
      },
      {
        label: labels.max,
        data: data.band.max,
        borderColor: 'transparent',
        backgroundColor: `${colour}2e`,
        pointRadius: 0,
        pointHoverRadius: 0,
        fill: '-1',
        spanGaps: false,
        order: 2,
      },
    );
  }
  datasets.push({
    label: data.band ? labels.mean : '',
    data: data.line,
    borderColor: colour,
    backgroundColor: colour,
    borderWidth: 2.5,
    pointRadius: data.line.length <= 40 ? 2.5 : 0,
    pointHitRadius: 8,
    tension: 0.25,
    spanGaps: false,
    fill: false,
    order: 1,
  });
  if (data.spikes.length > 0) {
    datasets.push({
      label: labels.spike,
      data: data.spikes,
      showLine: false,
      borderColor: '#c4221b',
      backgroundColor: '#c4221b',
      pointStyle: 'crossRot',
      pointRadius: 6,
      pointBorderWidth: 2,
      order: 0,
    });
  }
  datasets.push(...thresholdSets);

  return <Line aria-label={ariaLabel} role="img" data={{ datasets }} options={common} />;
}
