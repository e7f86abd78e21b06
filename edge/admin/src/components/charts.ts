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
