import './reports.css';
import { useEffect, useRef, useState } from 'react';
import { useRecoilValue } from 'recoil';
import { Button, useNavigate } from 'zmp-ui';
import { registerIcons } from '../../components/app-icon';
import { useT } from '../../i18n/use-t';
import type { ApiError } from '../../services/api';
import { reportsClient } from '../../services/reports/client';
import type { ReportSummary } from '../../services/reports/types';
import { getDeviceId } from '../../services/zalo';
import { receiptsState } from '../../state/reports';
import { sessionState } from '../../state/session';
import { DraftsCard } from './components/drafts-card';
import { ReportCard } from './components/report-card';
import { ReportPage } from './components/report-page';
import { SignInCard } from './components/sign-in-card';
import { CardSkeleton, EmptyState, ErrorState, LoadMore } from './components/states';
import { REPORT_SVG } from './icons.gen';

registerIcons(REPORT_SVG);

type Listing = {
  items: ReportSummary[];
  nextCursor: string | null;
  loading: boolean;
  error?: ApiError;
};

/**
 * Reports sent from this device, and once signed in with Zalo those of the citizen's
 * account from any device, with their current status from the API. Offline, the receipts
 * kept on the device are listed instead (code, text, date), without status.
 */
export default function MyReportsPage() {
  const t = useT();
  const navigate = useNavigate();
  const receipts = useRecoilValue(receiptsState);
  const { ready, session } = useRecoilValue(sessionState);
  const signedIn = session?.token;
  const [listing, setListing] = useState<Listing>({ items: [], nextCursor: null, loading: true });
  const [attempt, setAttempt] = useState(0);
  // Signing in or out starts the list over: an answer for the previous session is dropped.
  const generation = useRef(0);
  const listedFor = useRef<string | undefined>(undefined);

  const load = async (cursor?: string) => {
    const mine = cursor ? generation.current : ++generation.current;
    setListing((l) => ({ ...l, loading: true, error: undefined }));
    const result = await reportsClient.mine(await getDeviceId(), cursor);
    if (mine !== generation.current) return;
    setListing((l) =>
      result.ok
        ? {
            items: cursor ? [...l.items, ...result.data.items] : result.data.items,
            nextCursor: result.data.nextCursor,
            loading: false,
          }
        : { ...l, loading: false, error: result.error },
    );
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload on "Thử lại", sign-in and sign-out
  useEffect(() => {
    // The request carries the session token: wait until the stored one is read.
    if (!ready) return;
    if (listedFor.current !== signedIn) {
      // Another account's reports (or none) from here on: do not keep showing the old ones.
      listedFor.current = signedIn;
      setListing({ items: [], nextCursor: null, loading: true });
    }
    void load();
  }, [attempt, ready, signedIn]);

  const firstLoad = listing.loading && listing.items.length === 0;
  const failed = listing.error && listing.items.length === 0;
  const local = receipts.filter((r) => !listing.items.some((i) => i.code === r.code));

  return (
    <ReportPage title={t('reports.mine.title')} parent="/field-reports">
      <SignInCard />
      <DraftsCard />
      {firstLoad ? <CardSkeleton /> : null}
      {failed && listing.error ? (
        <ErrorState message={listing.error.message} onRetry={() => setAttempt((n) => n + 1)} />
      ) : null}
      {listing.items.length > 0 ? (
        <ul className="rp-list">
          {listing.items.map((item) => (
            <ReportCard
              key={item.code}
              report={{ ...item, place: item.communeName ?? item.address }}
            />
          ))}
        </ul>
      ) : null}
      {failed && local.length > 0 ? (
        <ul className="rp-list">
          {local.map((r) => (
            <li key={r.code}>
              <button
                type="button"
                className="rp-card rp-card--local"
                onClick={() => navigate(`/field-reports/r/${r.code}`)}
              >
                <span className="rp-card__body">
                  <span className="rp-card__code">{r.code}</span>
                  <span className="rp-card__text">{r.description}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {!listing.loading && !listing.error && listing.items.length === 0 ? (
        <EmptyState
          action={
            <Button onClick={() => navigate('/field-reports/new')}>{t('reports.hub.new')}</Button>
          }
        >
          {t(session ? 'reports.mine.emptySignedIn' : 'reports.mine.empty')}
        </EmptyState>
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
        {t(session ? 'reports.mine.noteSignedIn' : 'reports.mine.note')}
      </p>
    </ReportPage>
  );
}
