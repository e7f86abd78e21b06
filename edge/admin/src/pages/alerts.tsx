import { type FormEvent, useEffect, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import type { AlertSummary } from '../../../src/intake/clusters/schemas';
import { ApiError, api } from '../api';
import { loadCatalog } from '../catalog';
import { ErrorBox, Pager, useLoad } from '../components/common';
import { CatalogSelect } from '../components/filters';
import { formatDateTime } from '../format';

// Early warnings: the clusters of reports the cron job found (the same category, close
// together, within a short time). The IOC opens one to see the map and the draft warning.

const PAGE_SIZE = 20;

export const ALERT_STATUS: Record<string, { label: string; badge: string }> = {
  open: { label: 'Đang theo dõi', badge: 'badge--overdue' },
  closed: { label: 'Đã đóng', badge: 'badge--rejected' },
};

export const WARNING_STATUS: Record<string, { label: string; badge: string }> = {
  draft: { label: 'Bản nháp', badge: 'badge--in_progress' },
  approved: { label: 'Đã duyệt', badge: 'badge--resolved' },
  discarded: { label: 'Đã bỏ', badge: 'badge--rejected' },
};

export function Badge({
  of,
  value,
}: {
  of: Record<string, { label: string; badge: string }>;
  value: string;
}) {
  const known = of[value];
  return <span className={`badge ${known?.badge ?? ''}`}>{known?.label ?? value}</span>;
}

/** "khoảng 300 m" / "1,5 km": how far the reports spread around the centre. */
export function spreadText(metres: number): string {
  if (metres < 1000) return `${Math.max(10, Math.round(metres / 10) * 10)} m`;
  return `${(Math.round(metres / 100) / 10).toLocaleString('vi-VN')} km`;
}

/**
 * A form the API refused answers a general message with each field's own in `details.issues`
 * ("Bán kính (R) từ 50 đến 20000 mét."): those are what the official needs to read.
 */
export async function withFieldMessages<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    const details =
      error instanceof ApiError ? (error.details as { issues?: { message: string }[] }) : undefined;
    if (
      error instanceof ApiError &&
      error.code === 'validation_failed' &&
      details?.issues?.length
    ) {
      const messages = [...new Set(details.issues.map((i) => i.message))];
      throw new ApiError(error.status, error.code, messages.join(' '), error.details);
    }
    throw error;
  }
}

interface Filters {
  status: string;
  categoryId: string;
  page: number;
}

function readFilters(search: string): Filters {
  const p = new URLSearchParams(search);
  return {
    status: p.get('status') ?? 'open',
    categoryId: p.get('categoryId') ?? '',
    page: Math.max(1, Number(p.get('page')) || 1),
  };
}

function writeFilters(f: Filters): string {
  const p = new URLSearchParams();
  p.set('status', f.status);
  if (f.categoryId) p.set('categoryId', f.categoryId);
  if (f.page > 1) p.set('page', String(f.page));
  return p.toString();
}

export function AlertsPage() {
  const search = useSearch();
  const [, navigate] = useLocation();
  const filters = readFilters(search);
  const [draft, setDraft] = useState(filters);
  const catalog = useLoad(loadCatalog, []);
  useEffect(() => setDraft(readFilters(search)), [search]);

  const query = {
    status: filters.status === 'all' ? undefined : filters.status,
    categoryId: filters.categoryId,
    page: filters.page,
    limit: PAGE_SIZE,
  };
  const list = useLoad(
    () =>
      api<{ items: AlertSummary[]; total: number; page: number; limit: number }>(
        'GET',
        '/work/alerts',
        { query },
      ),
    [JSON.stringify(query)],
  );
  const go = (next: Filters) => navigate(`/canh-bao?${writeFilters(next)}`);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    go({ ...draft, page: 1 });
  };
  const items = list.data?.items ?? [];

  return (
    <section className="page">
      <header className="page__header">
        <h1>Cảnh báo sớm</h1>
        <p className="muted">
          Nhiều phản ánh cùng lĩnh vực, gần nhau, trong thời gian ngắn (ví dụ ngập sau mưa lớn, rác
          tồn đọng khắp một phường, mất điện): hệ thống gom thành một cảnh báo và soạn sẵn bản nháp
          cảnh báo công khai. Hệ thống quét 5 phút một lần theo quy tắc của từng lĩnh vực.
        </p>
      </header>

      <form className="filters" onSubmit={apply} aria-label="Bộ lọc">
        <label>
          Trạng thái
          <select
            name="status"
            value={draft.status}
            onChange={(e) => setDraft({ ...draft, status: e.target.value })}
          >
            <option value="open">Đang theo dõi</option>
            <option value="closed">Đã đóng</option>
            <option value="all">Tất cả</option>
          </select>
        </label>
        <CatalogSelect
          label="Lĩnh vực"
          name="categoryId"
          value={draft.categoryId}
          onChange={(categoryId) => setDraft({ ...draft, categoryId })}
          items={catalog.data?.categories}
          text={(c) => c.name}
        />
        <div className="filters__buttons">
          <button type="submit" className="primary">
            Lọc
          </button>
        </div>
      </form>
      <ErrorBox message={list.error ?? catalog.error} />

      <table className="table" aria-busy={list.loading}>
        <thead>
          <tr>
            <th>Cảnh báo</th>
            <th>Lĩnh vực</th>
            <th>Khu vực</th>
            <th className="num">Số phản ánh</th>
            <th>Thời gian</th>
            <th>Bản nháp</th>
            <th>Trạng thái</th>
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id} data-alert={a.id}>
              <td>
                <Link href={`/canh-bao/${a.id}`} className="code">
                  #{a.id}
                </Link>
                <div className="clip">{a.warning.title}</div>
              </td>
              <td>{a.category.name}</td>
              <td>
                {a.commune?.fullName ?? '—'}
                <div className="muted small">trong phạm vi {spreadText(a.spreadMetres)}</div>
              </td>
              <td className="num">{a.reportCount}</td>
              <td className="nowrap">
                {formatDateTime(a.firstReportAt)}
                <div className="muted small">đến {formatDateTime(a.lastReportAt)}</div>
              </td>
              <td>
                <Badge of={WARNING_STATUS} value={a.warning.status} />
              </td>
              <td>
                <Badge of={ALERT_STATUS} value={a.status} />
              </td>
            </tr>
          ))}
          {list.data && items.length === 0 ? (
            <tr>
              <td colSpan={7} className="empty">
                Không có cảnh báo nào.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {list.data ? (
        <Pager
          page={filters.page}
          pageSize={PAGE_SIZE}
          total={list.data.total}
          onPage={(page) => go({ ...filters, page })}
        />
      ) : null}
    </section>
  );
}
