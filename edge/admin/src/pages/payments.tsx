import { type FormEvent, useEffect, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api, downloadFile, type Query } from '../api';
import { ErrorBox, Notice, Pager, useAction, useLoad } from '../components/common';
import { CatalogSelect, DayRangeFields } from '../components/filters';
import {
  formatDateTime,
  formatNumber,
  formatVnd,
  labelOf,
  PAYMENT_MODULE_LABELS,
  PAYMENT_PROVIDER_LABELS,
  PAYMENT_STATUS_LABELS,
  vnDay,
} from '../format';
import type { PaymentList, PaymentStatus } from '../types';

// Payments (issue 10, permission payments.read): every order citizens were asked to pay, by
// status, provider, module and day, with the sums of the whole selection (not just this page)
// for reconciling with the provider's statement, and the same selection as an Excel file.
// Orders a provider confirmed money for after they were closed carry a warning: the money has
// to be refunded by hand.

const PAGE_SIZE = 25;

/** Colour of a status chip (the badge colours of the report statuses, same meanings). */
const STATUS_BADGE: Record<PaymentStatus, string> = {
  created: 'badge--received',
  pending: 'badge--in_progress',
  paid: 'badge--resolved',
  failed: 'badge--overdue',
  cancelled: 'badge--rejected',
  expired: 'badge--rejected',
};

export function PaymentStatusBadge({ status }: { status: PaymentStatus }) {
  return (
    <span className={`badge ${STATUS_BADGE[status] ?? ''}`}>
      {labelOf(PAYMENT_STATUS_LABELS, status)}
    </span>
  );
}

/** The warning on an order whose money came after it was closed. */
export function AttentionBadge() {
  return (
    <span
      className="badge badge--attention"
      title="Nhà cung cấp xác nhận đã nhận tiền sau khi đơn đã đóng: cần hoàn tiền cho người nộp."
    >
      <span aria-hidden="true">⚠ </span>Cần hoàn tiền
    </span>
  );
}

/** The list's filters live in the address bar: a filtered view can be bookmarked or shared. */
interface Filters {
  status: string;
  provider: string;
  module: string;
  from: string;
  to: string;
  q: string;
  attention: boolean;
  page: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A value of `labels`, or '' (all) for anything else a hand-edited address may carry. */
const known = (labels: Record<string, string>, value: string | null) =>
  value && Object.hasOwn(labels, value) ? value : '';

function readFilters(search: string): Filters {
  const p = new URLSearchParams(search);
  const day = (name: string) => {
    const value = p.get(name) ?? '';
    return DAY.test(value) ? value : '';
  };
  return {
    status: known(PAYMENT_STATUS_LABELS, p.get('status')),
    provider: known(PAYMENT_PROVIDER_LABELS, p.get('provider')),
    module: known(PAYMENT_MODULE_LABELS, p.get('module')),
    from: day('from'),
    to: day('to'),
    q: (p.get('q') ?? '').slice(0, 128),
    attention: p.get('attention') === 'true',
    page: Math.max(1, Math.floor(Number(p.get('page'))) || 1),
  };
}

function writeFilters(f: Filters): string {
  const p = new URLSearchParams();
  for (const name of ['status', 'provider', 'module', 'from', 'to', 'q'] as const) {
    if (f[name]) p.set(name, f[name]);
  }
  if (f.attention) p.set('attention', 'true');
  if (f.page > 1) p.set('page', String(f.page));
  return p.toString();
}

/** The API's filters (shared by the list and the Excel export, which has no paging). */
function filterQuery(f: Filters): Query {
  return {
    status: f.status,
    provider: f.provider,
    module: f.module,
    from: f.from,
    to: f.to,
    q: f.q.trim(),
    attention: f.attention ? 'true' : undefined,
  };
}

const EMPTY = readFilters('');

/**
 * The list as last seen in this tab, for the order page's way back: an official reconciling
 * goes from order to order without losing the filters.
 */
let lastSearch = '';
export const listAddress = () => (lastSearch ? `/thanh-toan?${lastSearch}` : '/thanh-toan');

/** A label table as the choices of a filter select. */
const choices = (labels: Record<string, string>) =>
  Object.entries(labels).map(([id, label]) => ({ id, label }));

export default function PaymentsPage() {
  const search = useSearch();
  const [, navigate] = useLocation();
  const filters = readFilters(search);
  const [draft, setDraft] = useState(filters);
  const [invalid, setInvalid] = useState<string | null>(null);
  const exporting = useAction();
  const [exported, setExported] = useState<string | null>(null);

  // The address bar is the state: back/forward and a shared link show their own filters.
  useEffect(() => {
    setDraft(readFilters(search));
    lastSearch = writeFilters(readFilters(search));
  }, [search]);

  const query: Query = { ...filterQuery(filters), page: filters.page, pageSize: PAGE_SIZE };
  const list = useLoad(
    () => api<PaymentList>('GET', '/work/payments/orders', { query }),
    [JSON.stringify(query)],
  );

  const go = (next: Filters) => {
    setExported(null);
    exporting.setError(null);
    const address = writeFilters(next);
    navigate(address ? `/thanh-toan?${address}` : '/thanh-toan');
  };
  const apply = (event: FormEvent) => {
    event.preventDefault();
    // Checked here too: the API's "from after to" would only say the list is empty.
    if (draft.from && draft.to && draft.from > draft.to) {
      setInvalid('“Từ ngày” phải trước hoặc bằng “Đến ngày”.');
      return;
    }
    setInvalid(null);
    go({ ...draft, page: 1 });
  };

  const exportExcel = async () => {
    setExported(null);
    let name = '';
    const ok = await exporting.run(async () => {
      name = await downloadFile(
        '/work/payments/orders.xlsx',
        filterQuery(filters),
        `thanh-toan_${vnDay()}.xlsx`,
      );
    });
    if (ok) setExported(`Đã tải tệp ${name}.`);
  };

  const data = list.data;
  const items = data?.items ?? [];
  return (
    <section className="page">
      <header className="page__header row-between">
        <div>
          <h1>Thanh toán</h1>
          <p className="muted">
            Các khoản người dân thanh toán qua ứng dụng. Đối chiếu với sao kê của nhà cung cấp; đơn
            có dấu “Cần hoàn tiền” là tiền đến sau khi đơn đã đóng.
          </p>
        </div>
        <button
          type="button"
          disabled={exporting.busy}
          aria-busy={exporting.busy}
          onClick={() => void exportExcel()}
          data-testid="payments-export"
        >
          {exporting.busy ? (
            <>
              <span className="spinner" aria-hidden="true" />
              Đang tạo tệp…
            </>
          ) : (
            'Tải Excel'
          )}
        </button>
      </header>

      <form className="filters" onSubmit={apply} aria-label="Bộ lọc thanh toán">
        <CatalogSelect
          label="Trạng thái"
          name="status"
          value={draft.status}
          onChange={(status) => setDraft({ ...draft, status })}
          items={choices(PAYMENT_STATUS_LABELS)}
          text={(c) => c.label}
        />
        <CatalogSelect
          label="Cách thanh toán"
          name="provider"
          value={draft.provider}
          onChange={(provider) => setDraft({ ...draft, provider })}
          items={choices(PAYMENT_PROVIDER_LABELS)}
          text={(c) => c.label}
        />
        <CatalogSelect
          label="Khoản thu"
          name="module"
          value={draft.module}
          onChange={(module) => setDraft({ ...draft, module })}
          items={choices(PAYMENT_MODULE_LABELS)}
          text={(c) => c.label}
        />
        <DayRangeFields
          value={draft}
          onChange={(range) => setDraft({ ...draft, ...range })}
          named
        />
        <label className="grow">
          Tìm mã đơn / mã giao dịch
          <input
            type="search"
            name="q"
            maxLength={128}
            placeholder="Mã đơn hoặc mã giao dịch"
            value={draft.q}
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          />
        </label>
        <label className="check">
          <input
            type="checkbox"
            name="attention"
            checked={draft.attention}
            onChange={(e) => setDraft({ ...draft, attention: e.target.checked })}
          />
          Cần xử lý hoàn tiền
        </label>
        <div className="filters__buttons">
          <button type="submit" className="primary">
            Lọc
          </button>
          <button
            type="button"
            onClick={() => {
              setInvalid(null);
              go(EMPTY);
            }}
          >
            Xoá lọc
          </button>
        </div>
      </form>

      <ErrorBox message={invalid ?? exporting.error ?? list.error} />
      <Notice message={exported} />

      {data ? (
        <p className="summary" role="status" data-testid="payments-summary">
          <span>
            Số giao dịch: <strong>{formatNumber(data.totals.count)}</strong>
          </span>
          <span>
            Đã thanh toán: <strong>{formatNumber(data.totals.paidCount)}</strong>
          </span>
          <span>
            Tổng tiền đã thu: <strong>{formatVnd(data.totals.paidVnd)}</strong>
          </span>
        </p>
      ) : null}

      <table
        className="table"
        aria-label="Danh sách giao dịch thanh toán"
        aria-busy={list.loading}
        data-testid="payments-table"
      >
        <thead>
          <tr>
            <th scope="col">Mã đơn</th>
            <th scope="col">Nội dung</th>
            <th scope="col" className="num">
              Số tiền
            </th>
            <th scope="col">Trạng thái</th>
            <th scope="col">Cách thanh toán</th>
            <th scope="col">Người nộp</th>
            <th scope="col">Tạo lúc</th>
            <th scope="col">Thanh toán lúc</th>
          </tr>
        </thead>
        <tbody>
          {items.map((order) => (
            <tr
              key={order.id}
              data-order={order.id}
              className={order.attention ? 'is-attention' : undefined}
            >
              <td>
                <Link href={`/thanh-toan/${encodeURIComponent(order.id)}`} className="code small">
                  {order.id}
                </Link>
                {order.providerOrderId ? (
                  <div className="muted small mono">{order.providerOrderId}</div>
                ) : null}
              </td>
              <td>
                <div className="clip">{order.description}</div>
                <div className="muted small">{labelOf(PAYMENT_MODULE_LABELS, order.module)}</div>
              </td>
              <td className="num nowrap">{formatVnd(order.amountVnd)}</td>
              <td>
                <span className="badges">
                  <PaymentStatusBadge status={order.status} />
                  {order.attention ? <AttentionBadge /> : null}
                </span>
              </td>
              <td>
                {order.provider ? (
                  labelOf(PAYMENT_PROVIDER_LABELS, order.provider)
                ) : (
                  <span className="muted">Chưa chọn</span>
                )}
              </td>
              <td>{order.payerName ?? <span className="muted">—</span>}</td>
              <td className="nowrap">{formatDateTime(order.createdAt)}</td>
              <td className="nowrap">{formatDateTime(order.paidAt)}</td>
            </tr>
          ))}
          {list.loading && !data ? (
            <tr>
              <td colSpan={8} className="empty">
                Đang tải…
              </td>
            </tr>
          ) : null}
          {!list.loading && !list.error && items.length === 0 ? (
            <tr>
              <td colSpan={8} className="empty">
                Không có giao dịch nào khớp bộ lọc.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {data && data.total > 0 ? (
        <Pager
          page={data.page}
          pageSize={data.pageSize}
          total={data.total}
          onPage={(page) => go({ ...filters, page })}
        />
      ) : null}
    </section>
  );
}
