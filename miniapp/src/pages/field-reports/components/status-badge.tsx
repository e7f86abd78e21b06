import { useT } from '../../../i18n/use-t';
import type { ReportStatus } from '../../../services/reports/types';

const KEYS = {
  received: 'reports.status.received',
  assigned: 'reports.status.assigned',
  in_progress: 'reports.status.in_progress',
  resolved: 'reports.status.resolved',
  rejected: 'reports.status.rejected',
  duplicate: 'reports.status.duplicate',
} as const;

export function useStatusLabel(): (status: ReportStatus) => string {
  const t = useT();
  return (status) => t(KEYS[status]);
}

/** The citizen-visible state, in words and colour (never colour alone). */
export function StatusBadge({ status }: { status: ReportStatus }) {
  const label = useStatusLabel();
  return <span className={`status status--${status}`}>{label(status)}</span>;
}
