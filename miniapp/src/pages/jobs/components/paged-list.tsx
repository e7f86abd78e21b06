import type { ReactNode } from 'react';
import type { ZiIcon } from '../../../features';
import {
  CardSkeleton,
  EmptyState,
  ErrorState,
  LoadMore,
} from '../../field-reports/components/states';
import type { Listing } from './use-paged';

/** A paged list with its loading, empty, error and "Xem thêm" states. */
export function PagedList<T>({
  listing,
  load,
  empty,
  icon = 'zi-search',
  render,
  testId,
}: {
  listing: Listing<T>;
  load: (cursor?: string) => Promise<void>;
  empty: ReactNode;
  icon?: ZiIcon;
  render: (item: T) => ReactNode;
  testId?: string;
}) {
  return (
    <>
      {listing.loading && listing.items.length === 0 ? <CardSkeleton count={3} /> : null}
      {listing.error && listing.items.length === 0 ? (
        <ErrorState message={listing.error.message} onRetry={() => void load()} />
      ) : null}
      {!listing.loading && !listing.error && listing.items.length === 0 ? (
        <EmptyState icon={icon}>{empty}</EmptyState>
      ) : null}
      {listing.items.length > 0 ? (
        <ul className="rp-list" data-testid={testId}>
          {listing.items.map(render)}
        </ul>
      ) : null}
      {listing.nextCursor ? (
        <LoadMore
          loading={listing.loading}
          onClick={() => void load(listing.nextCursor ?? undefined)}
        />
      ) : null}
      {listing.error && listing.items.length > 0 ? (
        <ErrorState
          message={listing.error.message}
          onRetry={() => void load(listing.nextCursor ?? undefined)}
        />
      ) : null}
    </>
  );
}
