import { useT } from '../../../i18n/use-t';
import type { ApplicationStatus } from '../../../services/jobs/types';

/** An application's state, in words and colour. */
export function StatusBadge({ status }: { status: ApplicationStatus }) {
  const t = useT();
  return (
    <span className={`jobs-badge jobs-badge--${status}`} data-status={status}>
      {t(`jobs.app.${status}`)}
    </span>
  );
}
