import {
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { Bar } from 'react-chartjs-2';

// Only the pieces the admin draws (bars and lines), so the chart chunk stays small.
Chart.register(CategoryScale, LinearScale, BarElement, LineElement, PointElement, Tooltip, Legend);
Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;
Chart.defaults.animation = false;

export const COLOURS = {
  received: '#1570ef',
  resolved: '#12b76a',
  onTime: '#f79009',
  overdue: '#d92d20',
};

/**
 * "Tiếp nhận" against "Đã xử lý", a pair of bars per label (statistics, transparency);
 * `horizontal` lays the bars along the y axis.
 */
export function ReceivedResolvedBars({
  label,
  labels,
  received,
  resolved,
  horizontal = false,
}: {
  label: string;
  labels: string[];
  received: number[];
  resolved: number[];
  horizontal?: boolean;
}) {
  // Counts: from zero, whole numbers only.
  const counts = { beginAtZero: true, ticks: { precision: 0 } };
  return (
    <Bar
      aria-label={label}
      data={{
        labels,
        datasets: [
          { label: 'Tiếp nhận', data: received, backgroundColor: COLOURS.received },
          { label: 'Đã xử lý', data: resolved, backgroundColor: COLOURS.resolved },
        ],
      }}
      options={{
        maintainAspectRatio: false,
        ...(horizontal ? { indexAxis: 'y', scales: { x: counts } } : { scales: { y: counts } }),
        plugins: { legend: { position: 'bottom' } },
      }}
    />
  );
}
