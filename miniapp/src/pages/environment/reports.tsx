import '../field-reports/reports.css';
import './environment.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, useSearchParams } from 'zmp-ui';
import { AppIcon, registerIcons } from '../../components/app-icon';
import { useLanguage, useT } from '../../i18n/use-t';
import type { ApiError } from '../../services/api';
import { environmentCache } from '../../services/environment/cache';
import { environmentClient, reportFileUrl } from '../../services/environment/client';
import { formatBytes, formatDate, vnDay } from '../../services/environment/format';
import type { EnvironmentReport, ReportsPage } from '../../services/environment/types';
import { openWebview, showToast } from '../../services/zalo';
import { ReportPage } from '../field-reports/components/report-page';
import { CardSkeleton, EmptyState, ErrorState, LoadMore } from '../field-reports/components/states';
import { REPORT_SVG } from '../field-reports/icons.gen';

registerIcons(REPORT_SVG);

/** Reports can go back this far in the year filter. */
const FIRST_YEAR = 2020;

type Listing = {
  items: EnvironmentReport[];
  nextCursor: string | null;
  loading: boolean;
  error?: ApiError;
  /** The first page is a kept copy (no answer from the API). */
  savedAt?: string;
};

function useReports(year: number | undefined) {
  const [listing, setListing] = useState<Listing>({ items: [], nextCursor: null, loading: true });
  const generation = useRef(0);
  const cacheKey = `reports:${year ?? 'all'}`;

  const load = useCallback(
    async (cursor?: string) => {
      const mine = cursor ? generation.current : ++generation.current;
      setListing((l) => ({
        ...(cursor ? l : { items: [], nextCursor: null }),
        loading: true,
        error: undefined,
      }));
      if (!cursor) {
        const kept = await environmentCache().read<ReportsPage>(cacheKey);
        if (kept && mine === generation.current) {
          setListing((l) => (l.items.length === 0 ? { ...l, items: kept.data.items } : l));
        }
      }
      const result = await environmentClient.reports({
        ...(year ? { year } : {}),
        ...(cursor ? { cursor } : {}),
      });
      if (mine !== generation.current) return;
      if (result.ok && !cursor) void environmentCache().write(cacheKey, result.data);
      if (result.ok) {
        setListing((l) => ({
          items: cursor ? [...l.items, ...result.data.items] : result.data.items,
          nextCursor: result.data.nextCursor,
          loading: false,
        }));
        return;
      }
      const kept = cursor ? undefined : await environmentCache().read<ReportsPage>(cacheKey);
      setListing((l) => ({
        ...l,
        ...(kept ? { items: kept.data.items, savedAt: kept.savedAt } : {}),
        loading: false,
        error: result.error,
      }));
    },
    [year, cacheKey],
  );

  useEffect(() => {
    void load();
  }, [load]);
  return { listing, load };
}

function ReportItem({ report }: { report: EnvironmentReport }) {
  const t = useT();
  const [language] = useLanguage();
  const [opening, setOpening] = useState(false);
  const period =
    report.period === 'annual' || !report.quarter
      ? t('env.reports.annual', { year: report.year })
      : t('env.reports.quarter', { quarter: report.quarter, year: report.year });

  const download = async () => {
    setOpening(true);
    try {
      const opened = await openWebview(reportFileUrl(report));
      if (!opened.ok) void showToast(opened.error.message);
    } finally {
      setOpening(false);
    }
  };

  return (
    <li className="env-report card" data-report={report.id}>
      <span className="env-report__period">{period}</span>
      <span className="env-report__title">{report.title}</span>
      <span className="env-report__meta">
        {report.agencyName}
        {' · '}
        {t('env.reports.published', {
          date: formatDate(report.createdAt, language),
        })}
      </span>
      <Button
        size="medium"
        variant="secondary"
        loading={opening}
        onClick={() => void download()}
        prefixIcon={<AppIcon icon="zi-note" size={20} />}
      >
        {t('env.reports.download', { size: formatBytes(report.bytes, language) })}
      </Button>
    </li>
  );
}

/** Agencies' quarterly and annual environment reports, newest first, as PDFs to download. */
export default function EnvironmentReportsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const yearParam = Number(params.get('year'));
  const thisYear = Number(vnDay(new Date()).slice(0, 4));
  const year = yearParam >= FIRST_YEAR && yearParam <= thisYear ? yearParam : undefined;
  const { listing, load } = useReports(year);
  const years = Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => thisYear - i);
  const more = () => {
    if (listing.nextCursor && !listing.loading) void load(listing.nextCursor);
  };

  let body: React.ReactNode;
  if (listing.items.length === 0 && listing.loading) body = <CardSkeleton count={3} />;
  else if (listing.items.length === 0 && listing.error) {
    body = <ErrorState message={listing.error.message} onRetry={() => void load()} />;
  } else if (listing.items.length === 0) {
    body = (
      <EmptyState icon="zi-note">
        {year ? t('env.reports.emptyYear', { year }) : t('env.reports.empty')}
      </EmptyState>
    );
  } else {
    body = (
      <>
        {listing.error ? (
          <ErrorState message={listing.error.message} onRetry={() => void load()} />
        ) : null}
        <ul className="env-list" data-testid="reports-list">
          {listing.items.map((r) => (
            <ReportItem key={r.id} report={r} />
          ))}
        </ul>
        {listing.nextCursor ? <LoadMore loading={listing.loading} onClick={more} /> : null}
      </>
    );
  }

  return (
    <ReportPage title={t('env.reports.title')} parent="/environment">
      <p className="env-hint">{t('env.reports.intro')}</p>
      <select
        className="rp-input"
        value={year ?? ''}
        aria-label={t('env.reports.year')}
        onChange={(e) => {
          const next = new URLSearchParams(params);
          if (e.target.value) next.set('year', e.target.value);
          else next.delete('year');
          setParams(next, { replace: true });
        }}
      >
        <option value="">{t('env.reports.allYears')}</option>
        {years.map((y) => (
          <option key={y} value={y}>
            {t('env.reports.yearOption', { year: y })}
          </option>
        ))}
      </select>
      {body}
    </ReportPage>
  );
}
