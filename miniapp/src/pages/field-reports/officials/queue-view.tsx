import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Modal, useNavigate } from 'zmp-ui';
import { AppIcon } from '../../../components/app-icon';
import { useT } from '../../../i18n/use-t';
import type { ApiError } from '../../../services/api';
import { QUEUE_FILTERS, type QueueFilter, queueQuery } from '../../../services/officials/queue';
import { officialSession } from '../../../services/officials/session';
import type { OfficialProfile } from '../../../services/officials/store';
import { type WorkItem, workClient } from '../../../services/officials/work';
import { mediaSrc } from '../../../services/reports/client';
import { formatDateTime } from '../../../services/reports/format';
import { CardSkeleton, EmptyState, ErrorState, LoadMore } from '../components/states';
import { StatusBadge } from '../components/status-badge';

type Listing = {
  items: WorkItem[];
  total: number | null;
  nextCursor: string | null;
  loading: boolean;
  error?: ApiError;
};

const FILTER_KEYS = {
  open: 'officials.queue.filter.open',
  assigned: 'officials.queue.filter.assigned',
  in_progress: 'officials.queue.filter.inProgress',
  overdue: 'officials.queue.filter.overdue',
  resolved: 'officials.queue.filter.resolved',
} as const satisfies Record<QueueFilter, string>;

/** Loads the next page when the end of the list comes into view (the button works too). */
function useEndOfList(onVisible: () => void, enabled: boolean) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const target = ref.current;
    if (!enabled || !target || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) onVisible();
      },
      { rootMargin: '300px' },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [onVisible, enabled]);
  return ref;
}

function WorkCard({ item }: { item: WorkItem }) {
  const t = useT();
  const navigate = useNavigate();
  const place = [item.address, item.commune?.name].filter(Boolean).join(', ');
  return (
    <li>
      <button
        type="button"
        className="rp-card of-card"
        data-code={item.code}
        onClick={() => navigate(`/field-reports/officials/r/${item.code}`)}
      >
        {item.photoUrl ? (
          <img className="rp-card__thumb" src={mediaSrc(item.photoUrl)} alt="" loading="lazy" />
        ) : (
          <span className="rp-card__thumb rp-card__thumb--empty">
            <AppIcon icon="zi-camera" size={26} />
          </span>
        )}
        <span className="rp-card__body">
          <span className="rp-card__top">
            <StatusBadge status={item.status} />
            <span className="rp-card__code">{item.code}</span>
          </span>
          <span className="rp-card__category">{item.category.name}</span>
          <span className="rp-card__text">{item.description}</span>
          {place ? <span className="rp-card__meta">{place}</span> : null}
          {item.dueAt ? (
            <span className={item.overdue ? 'of-due is-overdue' : 'of-due'}>
              <AppIcon icon="zi-clock-1" size={16} />
              {item.overdue
                ? t('officials.due.overdue', { date: formatDateTime(item.dueAt) })
                : t('officials.due.until', { date: formatDateTime(item.dueAt) })}
            </span>
          ) : null}
        </span>
      </button>
    </li>
  );
}

/** The linked official's queue: who they are, the status filter, and the reports, page by page. */
export function QueueView({ official }: { official: OfficialProfile }) {
  const t = useT();
  const [filter, setFilter] = useState<QueueFilter>('open');
  const [listing, setListing] = useState<Listing>({
    items: [],
    total: null,
    nextCursor: null,
    loading: true,
  });
  const generation = useRef(0);
  const [confirmLeave, setConfirmLeave] = useState(false);

  const load = useCallback(
    async (cursor?: string) => {
      const mine = cursor ? generation.current : ++generation.current;
      setListing((l) => ({
        ...(cursor ? l : { items: [], total: null, nextCursor: null }),
        loading: true,
        error: undefined,
      }));
      const result = await workClient.queue({
        ...queueQuery(filter),
        ...(cursor ? { cursor } : {}),
      });
      if (mine !== generation.current) return;
      setListing((l) =>
        result.ok
          ? {
              items: cursor ? [...l.items, ...result.data.items] : result.data.items,
              total: result.data.total,
              nextCursor: result.data.nextCursor,
              loading: false,
            }
          : { ...l, loading: false, error: result.error },
      );
    },
    [filter],
  );

  useEffect(() => {
    void load();
  }, [load]);

  const more = useCallback(() => {
    if (listing.nextCursor && !listing.loading && !listing.error) void load(listing.nextCursor);
  }, [listing.nextCursor, listing.loading, listing.error, load]);
  const end = useEndOfList(more, Boolean(listing.nextCursor));

  const firstLoad = listing.loading && listing.items.length === 0;

  return (
    <>
      <section className="rp-section card of-who" data-testid="official-card">
        <span className="of-intro__icon">
          <AppIcon icon="zi-user-check" size={28} />
        </span>
        <div className="of-who__text">
          <p className="of-who__name" data-testid="official-name">
            {official.fullName}
          </p>
          <p className="of-who__agency">{official.agencyName ?? official.agencyId}</p>
        </div>
        <button
          type="button"
          className="of-who__leave"
          onClick={() => setConfirmLeave(true)}
          aria-label={t('officials.leave')}
        >
          <AppIcon icon="zi-leave" size={22} />
          <span>{t('officials.leaveShort')}</span>
        </button>
      </section>

      <Modal
        visible={confirmLeave}
        onClose={() => setConfirmLeave(false)}
        maskClosable
        width="calc(100vw - 32px)"
      >
        <div className="of-leave">
          <h2 className="of-intro__title">{t('officials.leaveTitle')}</h2>
          <p className="of-intro__text">{t('officials.leaveBody')}</p>
          <Button fullWidth type="danger" onClick={() => void officialSession.signOut()}>
            {t('officials.leave')}
          </Button>
          <Button fullWidth variant="tertiary" onClick={() => setConfirmLeave(false)}>
            {t('common.cancel')}
          </Button>
        </div>
      </Modal>

      <fieldset className="of-filters">
        <legend className="sr-only">{t('officials.queue.filterLabel')}</legend>
        {QUEUE_FILTERS.map((value) => (
          <button
            key={value}
            type="button"
            className="period-chip of-chip"
            aria-pressed={filter === value}
            onClick={() => setFilter(value)}
          >
            {t(FILTER_KEYS[value])}
          </button>
        ))}
      </fieldset>

      {listing.total !== null ? (
        <p className="of-total" data-testid="queue-total">
          {t('officials.queue.total', { count: listing.total })}
        </p>
      ) : null}

      {firstLoad ? <CardSkeleton /> : null}
      {listing.error && listing.items.length === 0 ? (
        <ErrorState message={listing.error.message} onRetry={() => void load()} />
      ) : null}
      {listing.items.length > 0 ? (
        <ul className="rp-list" data-testid="work-queue">
          {listing.items.map((item) => (
            <WorkCard key={item.code} item={item} />
          ))}
        </ul>
      ) : null}
      {!listing.loading && !listing.error && listing.items.length === 0 ? (
        <EmptyState icon="zi-check-circle-solid">{t('officials.queue.empty')}</EmptyState>
      ) : null}
      <div ref={end} />
      {listing.nextCursor && !listing.error ? (
        <LoadMore loading={listing.loading} onClick={more} />
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
