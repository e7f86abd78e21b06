import { useState } from 'react';
import { Link, useParams } from 'wouter';
import { ApiError, api } from '../api';
import { ErrorBox, Notice, useAction, useLoad } from '../components/common';
import {
  CHECKABLE_PAYMENT_STATUSES,
  formatDateTime,
  formatNumber,
  formatVnd,
  labelOf,
  PAYMENT_MODULE_LABELS,
  PAYMENT_OUTCOME_LABELS,
  PAYMENT_PROVIDER_LABELS,
  PAYMENT_SOURCE_LABELS,
  PAYMENT_STATUS_LABELS,
} from '../format';
import type { PaymentEvent, PaymentOrderDetail, PaymentStatus } from '../types';
import { AttentionBadge, listAddress, PaymentStatusBadge } from './payments';

// One payment order (permission payments.read): what the citizen paid for, what the provider
// last said, re-checking a still-open order with the provider (audited by the API), and every
// event that reached the order (callbacks, status checks, the reconciliation job), including
// the duplicates, late arrivals and refusals that changed nothing, so support can tell why an
// order is where it is.

const OUTCOME_BADGE: Record<PaymentEvent['outcome'], string> = {
  applied: 'badge--resolved',
  duplicate: 'badge--rejected',
  stale: 'badge--rejected',
  refused: 'badge--overdue',
};

const status = (value: PaymentStatus | null) => labelOf(PAYMENT_STATUS_LABELS, value);

/** "Chưa thanh toán → Đã thanh toán"; one status when the event left it as it was. */
function Transition({ event }: { event: PaymentEvent }) {
  const { fromStatus: from, toStatus: to } = event;
  if (!from && !to) return <span className="muted">—</span>;
  if (from && to && from === to) {
    return (
      <>
        {status(from)} <span className="muted">(không đổi)</span>
      </>
    );
  }
  return (
    <>
      {status(from)} → {status(to)}
    </>
  );
}

/** A detail value on one line: text as is, anything structured as compact JSON. */
function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

function Detail({ detail }: { detail: PaymentEvent['detail'] }) {
  const entries = Object.entries(detail);
  if (entries.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="kv">
      {entries.map(([key, value]) => (
        <li key={key}>
          <span className="kv__key">{key}:</span> {valueText(value)}
        </li>
      ))}
    </ul>
  );
}

function CheckWithProvider({
  order,
  onChecked,
  onStale,
}: {
  order: PaymentOrderDetail;
  onChecked: (after: PaymentOrderDetail) => void;
  onStale: () => Promise<void>;
}) {
  const check = useAction();
  const [result, setResult] = useState<string | null>(null);
  const checkable = CHECKABLE_PAYMENT_STATUSES.includes(order.status);

  const run = async () => {
    setResult(null);
    const before = order.status;
    let after: PaymentOrderDetail | undefined;
    const ok = await check.run(async () => {
      try {
        after = await api<PaymentOrderDetail>(
          'POST',
          `/work/payments/orders/${encodeURIComponent(order.id)}/check`,
        );
      } catch (error) {
        // Closed meanwhile (a callback, the reconciliation job): show the order as it is now,
        // along with the API's message.
        if (error instanceof ApiError && error.code === 'order_closed') void onStale();
        throw error;
      }
    });
    if (!ok || !after) return;
    onChecked(after);
    const said =
      after.status === before
        ? `Nhà cung cấp trả lời: đơn vẫn ở trạng thái “${status(after.status)}”.`
        : `Nhà cung cấp trả lời: đơn chuyển từ “${status(before)}” sang “${status(after.status)}”.`;
    setResult(
      after.resultMessage ? `${said} Thông báo của nhà cung cấp: ${after.resultMessage}` : said,
    );
  };

  return (
    <section className="block" aria-label="Kiểm tra với nhà cung cấp" aria-busy={check.busy}>
      <h3>Kiểm tra với nhà cung cấp</h3>
      {checkable ? (
        <>
          <p className="muted small">
            Hỏi nhà cung cấp trạng thái hiện tại của đơn, khi người dân báo đã trả tiền mà đơn chưa
            cập nhật. Mỗi lần kiểm tra được ghi nhật ký.
          </p>
          <Notice message={result} />
          <ErrorBox message={check.error} />
          <button
            type="button"
            className="primary"
            disabled={check.busy}
            onClick={() => void run()}
            data-testid="payment-check"
          >
            {check.busy ? (
              <>
                <span className="spinner spinner--light" aria-hidden="true" />
                Đang hỏi nhà cung cấp…
              </>
            ) : (
              'Kiểm tra với nhà cung cấp'
            )}
          </button>
        </>
      ) : (
        <>
          {/* The answer of the last check stays visible when it closed the order. */}
          <Notice message={result} />
          <ErrorBox message={check.error} />
          <p className="muted small">
            Đơn đã kết thúc ({status(order.status)}): trạng thái không còn thay đổi, không cần kiểm
            tra lại.
          </p>
        </>
      )}
    </section>
  );
}

export default function PaymentPage() {
  const { id } = useParams<{ id: string }>();
  const detail = useLoad(
    () => api<PaymentOrderDetail>('GET', `/work/payments/orders/${encodeURIComponent(id)}`),
    [id],
  );
  const o = detail.data;

  return (
    <section className="page">
      <p>
        <Link href={listAddress()}>‹ Danh sách thanh toán</Link>
      </p>
      <ErrorBox message={detail.error} />
      {detail.loading && !o ? <p className="muted">Đang tải…</p> : null}
      {o ? (
        <>
          <header className="report__header">
            <h1>
              Đơn thanh toán <span className="mono">{o.id}</span>
            </h1>
            <span className="badges">
              <PaymentStatusBadge status={o.status} />
              {o.attention ? <AttentionBadge /> : null}
            </span>
          </header>
          <p className="muted">
            {o.description} · {formatVnd(o.amountVnd)}
          </p>
          {o.attention ? (
            <p className="alert alert--warning" role="note">
              Nhà cung cấp xác nhận đã nhận tiền sau khi đơn đã đóng. Cần hoàn tiền cho người nộp
              theo quy trình của đơn vị và đối chiếu với sao kê của nhà cung cấp.
            </p>
          ) : null}

          <div className="report__grid">
            <div className="block">
              <h3>Thông tin đơn</h3>
              <dl className="facts facts--wide" data-testid="payment-facts">
                <dt>Mã đơn</dt>
                <dd className="mono">{o.id}</dd>
                <dt>Nội dung</dt>
                <dd>{o.description}</dd>
                <dt>Khoản thu</dt>
                <dd>
                  {labelOf(PAYMENT_MODULE_LABELS, o.module)}{' '}
                  <span className="muted small">
                    (mã <span className="mono">{o.ref}</span>)
                  </span>
                </dd>
                <dt>Số tiền</dt>
                <dd>
                  <strong>{formatVnd(o.amountVnd)}</strong>
                </dd>
                <dt>Trạng thái</dt>
                <dd>{status(o.status)}</dd>
                <dt>Cách thanh toán</dt>
                <dd>{o.provider ? labelOf(PAYMENT_PROVIDER_LABELS, o.provider) : 'Chưa chọn'}</dd>
                <dt>Mã đơn của nhà cung cấp</dt>
                <dd className="mono">{o.providerOrderId ?? '—'}</dd>
                <dt>Mã kết quả</dt>
                <dd className="mono">{o.resultCode ?? '—'}</dd>
                <dt>Thông báo của nhà cung cấp</dt>
                <dd>{o.resultMessage ?? '—'}</dd>
                <dt>Người nộp</dt>
                <dd>
                  {o.payerName ?? '—'}
                  {o.payerId ? (
                    <div className="muted small">
                      Mã người dùng: <span className="mono">{o.payerId}</span>
                    </div>
                  ) : null}
                </dd>
                <dt>Tạo lúc</dt>
                <dd>{formatDateTime(o.createdAt)}</dd>
                <dt>Hết hạn lúc</dt>
                <dd>{formatDateTime(o.expiresAt)}</dd>
                <dt>Thanh toán lúc</dt>
                <dd>{formatDateTime(o.paidAt)}</dd>
                <dt>Kiểm tra gần nhất</dt>
                <dd>{o.lastCheckedAt ? formatDateTime(o.lastCheckedAt) : 'Chưa kiểm tra'}</dd>
                <dt>Số lần kiểm tra</dt>
                <dd>{formatNumber(o.checks)}</dd>
                <dt>Cập nhật lúc</dt>
                <dd>{formatDateTime(o.updatedAt)}</dd>
              </dl>
            </div>
            <aside>
              <CheckWithProvider order={o} onChecked={detail.setData} onStale={detail.reload} />
            </aside>
          </div>

          <section className="block" aria-labelledby="payment-events">
            <h3 id="payment-events">Diễn biến ({o.events.length})</h3>
            <table className="table table--compact" data-testid="payment-events">
              <thead>
                <tr>
                  <th scope="col">Thời điểm</th>
                  <th scope="col">Nguồn</th>
                  <th scope="col">Trạng thái</th>
                  <th scope="col">Kết quả</th>
                  <th scope="col">Mã sự kiện</th>
                  <th scope="col">Chi tiết</th>
                </tr>
              </thead>
              <tbody>
                {o.events.map((event) => (
                  <tr key={event.id} data-event={event.id}>
                    <td className="nowrap">{formatDateTime(event.createdAt)}</td>
                    <td>{labelOf(PAYMENT_SOURCE_LABELS, event.source)}</td>
                    <td>
                      <Transition event={event} />
                    </td>
                    <td>
                      <span className={`badge ${OUTCOME_BADGE[event.outcome] ?? ''}`}>
                        {labelOf(PAYMENT_OUTCOME_LABELS, event.outcome)}
                      </span>
                    </td>
                    <td className="mono small">{event.providerEventId ?? '—'}</td>
                    <td>
                      <Detail detail={event.detail} />
                    </td>
                  </tr>
                ))}
                {o.events.length === 0 ? (
                  <tr>
                    <td colSpan={6} className="empty">
                      Chưa có sự kiện nào.
                    </td>
                  </tr>
                ) : null}
              </tbody>
            </table>
          </section>
        </>
      ) : null}
    </section>
  );
}
