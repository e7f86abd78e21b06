import './reports.css';
import './officials/officials.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useRecoilValue } from 'recoil';
import { Button, useNavigate } from 'zmp-ui';
import { AppIcon, registerIcons } from '../../components/app-icon';
import { useT } from '../../i18n/use-t';
import type { ApiError } from '../../services/api';
import {
  type CitizenNotification,
  notificationPath,
  notificationsClient,
} from '../../services/notifications/client';
import { formatDateTime } from '../../services/reports/format';
import { getDeviceId } from '../../services/zalo';
import { sessionState } from '../../state/session';
import { ReportPage } from './components/report-page';
import { CardSkeleton, EmptyState, ErrorState, LoadMore, Notice } from './components/states';
import { REPORT_SVG } from './icons.gen';

registerIcons(REPORT_SVG);

type Listing = {
  items: CitizenNotification[];
  nextCursor: string | null;
  unreadCount: number;
  loading: boolean;
  error?: ApiError;
};

/**
 * The citizen's notifications: every public change of their reports, newest first. Works
 * without Zalo (by this device); signed in, also those of the account from other devices.
 * Opening one marks it read and opens the report.
 */
export default function NotificationsPage() {
  const t = useT();
  const navigate = useNavigate();
  const { ready, session } = useRecoilValue(sessionState);
  const signedIn = session?.token;
  const [listing, setListing] = useState<Listing>({
    items: [],
    nextCursor: null,
    unreadCount: 0,
    loading: true,
  });
  const [problem, setProblem] = useState<string>();
  const [marking, setMarking] = useState(false);
  const generation = useRef(0);

  const load = useCallback(async (cursor?: string) => {
    const mine = cursor ? generation.current : ++generation.current;
    setListing((l) => ({ ...l, loading: true, error: undefined }));
    const result = await notificationsClient.list(await getDeviceId(), cursor);
    if (mine !== generation.current) return;
    setListing((l) =>
      result.ok
        ? {
            items: cursor ? [...l.items, ...result.data.items] : result.data.items,
            nextCursor: result.data.nextCursor,
            unreadCount: result.data.unreadCount,
            loading: false,
          }
        : { ...l, loading: false, error: result.error },
    );
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the list follows the sign-in
  useEffect(() => {
    // The request carries the session token: wait until the stored one is read.
    if (ready) void load();
  }, [ready, signedIn, load]);

  const markRead = async (ids?: number[]) => {
    const result = await notificationsClient.markRead(await getDeviceId(), ids);
    if (!result.ok) return result.error;
    const now = new Date().toISOString();
    setListing((l) => ({
      ...l,
      unreadCount: result.data.unreadCount,
      items: l.items.map((item) =>
        !ids || ids.includes(item.id) ? { ...item, read: true, readAt: item.readAt ?? now } : item,
      ),
    }));
    return undefined;
  };

  const open = (item: CitizenNotification) => {
    // Opening must not wait for the network: marking read follows in the background.
    if (!item.read) void markRead([item.id]);
    const path = notificationPath(item);
    if (path) navigate(path);
  };

  const markAll = async () => {
    setMarking(true);
    setProblem(undefined);
    const error = await markRead();
    setMarking(false);
    if (error) setProblem(error.message);
  };

  const firstLoad = listing.loading && listing.items.length === 0;

  return (
    <ReportPage title={t('notifications.title')} parent="/field-reports">
      {listing.unreadCount > 0 ? (
        <div className="nt-bar">
          <span data-testid="unread-count">
            {t('notifications.unread', { count: listing.unreadCount })}
          </span>
          <Button
            size="small"
            variant="tertiary"
            loading={marking}
            disabled={marking}
            onClick={() => void markAll()}
          >
            {t('notifications.markAll')}
          </Button>
        </div>
      ) : null}
      {problem ? <Notice tone="error">{problem}</Notice> : null}
      {firstLoad ? <CardSkeleton count={2} /> : null}
      {listing.error && listing.items.length === 0 ? (
        <ErrorState message={listing.error.message} onRetry={() => void load()} />
      ) : null}
      {listing.items.length > 0 ? (
        <ul className="nt-list" data-testid="notifications">
          {listing.items.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                className={item.read ? 'nt-item card' : 'nt-item card is-unread'}
                onClick={() => open(item)}
                data-notification={item.id}
              >
                <span className="nt-item__icon">
                  <AppIcon icon="zi-notif" size={22} />
                </span>
                <span className="nt-item__text">
                  <span className="nt-item__title">
                    {item.title}
                    {item.read ? null : (
                      <span className="nt-item__dot">
                        <span className="sr-only">{t('notifications.new')}</span>
                      </span>
                    )}
                  </span>
                  <span className="nt-item__body">{item.body}</span>
                  <span className="nt-item__meta">{formatDateTime(item.createdAt)}</span>
                </span>
                {notificationPath(item) ? <AppIcon icon="zi-chevron-right" size={20} /> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {!listing.loading && !listing.error && listing.items.length === 0 ? (
        <EmptyState icon="zi-notif">{t('notifications.empty')}</EmptyState>
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
      <p className="hub-privacy">
        {t(session ? 'notifications.noteSignedIn' : 'notifications.note')}
      </p>
    </ReportPage>
  );
}
