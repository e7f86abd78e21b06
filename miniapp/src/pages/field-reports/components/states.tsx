import type { ReactNode } from 'react';
import { Button, Spinner } from 'zmp-ui';
import { AppIcon } from '../../../components/app-icon';
import type { ZiIcon } from '../../../features';
import { useT } from '../../../i18n/use-t';

export function LoadingBlock({ label }: { label?: string }) {
  const t = useT();
  return (
    <div className="rp-loading" role="status" aria-live="polite">
      <Spinner visible />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}

/** Grey placeholder rows shaped like report cards while the first page loads. */
export function CardSkeleton({ count = 3 }: { count?: number }) {
  const t = useT();
  return (
    <ul className="rp-list" aria-busy="true" aria-label={t('common.loading')}>
      {Array.from({ length: count }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
        <li key={i} className="rp-card rp-card--skeleton">
          <span className="skeleton skeleton--thumb" />
          <span className="rp-card__body">
            <span className="skeleton skeleton--line" />
            <span className="skeleton skeleton--line skeleton--short" />
            <span className="skeleton skeleton--line skeleton--shorter" />
          </span>
        </li>
      ))}
    </ul>
  );
}

export function EmptyState({
  icon = 'zi-inbox',
  children,
  action,
}: {
  icon?: ZiIcon;
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="rp-empty">
      <span className="rp-empty__icon">
        <AppIcon icon={icon} size={32} />
      </span>
      <p>{children}</p>
      {action}
    </div>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const t = useT();
  return (
    <div className="rp-error" role="alert">
      <p>{message}</p>
      {onRetry ? (
        <Button size="medium" variant="secondary" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      ) : null}
    </div>
  );
}

/** An inline message under a form field or above a button. */
export function Notice({
  tone = 'info',
  children,
}: {
  tone?: 'info' | 'error' | 'success' | 'warning';
  children: ReactNode;
}) {
  return (
    <p className={`rp-notice rp-notice--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </p>
  );
}

/** "Xem thêm" under a cursor-paged list: spins and stays disabled while the next page loads. */
export function LoadMore({ loading, onClick }: { loading: boolean; onClick: () => void }) {
  const t = useT();
  return (
    <Button fullWidth variant="secondary" loading={loading} disabled={loading} onClick={onClick}>
      {t('common.loadMore')}
    </Button>
  );
}
