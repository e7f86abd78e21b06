import { useState } from 'react';
import { api } from '../api';
import { ErrorBox, Notice, useAction, useLoad } from '../components/common';
import { formatDateTime } from '../format';

// Moderation of the agricultural market (permission market.moderate): the queue of abuse
// reports, hiding a listing with a note its owner reads (and is notified of), restoring it,
// dismissing a report. Every action is audited.

type ReportStatus = 'open' | 'upheld' | 'dismissed';
type ListingStatus = 'active' | 'expired' | 'closed' | 'hidden';

interface WorkReport {
  id: string;
  reason: 'scam' | 'wrong_info' | 'prohibited' | 'spam' | 'other';
  note: string;
  status: ReportStatus;
  createdAt: string;
  listing: {
    id: string;
    kind: 'sell' | 'buy';
    product: string;
    description: string;
    quantity: number;
    unit: string;
    priceVnd: number | null;
    communeName: string;
    ocopStars: number | null;
    contactName: string;
    contactPhone: string;
    status: ListingStatus;
    moderationNote: string | null;
    openReports: number;
  };
}

const REPORT_LABEL: Record<ReportStatus, string> = {
  open: 'Chờ xem xét',
  upheld: 'Đã xử lý (ẩn tin)',
  dismissed: 'Đã bỏ qua',
};
const REASON: Record<WorkReport['reason'], string> = {
  scam: 'Lừa đảo',
  wrong_info: 'Sai thông tin',
  prohibited: 'Hàng cấm',
  spam: 'Tin rác',
  other: 'Khác',
};
const LISTING_LABEL: Record<ListingStatus, string> = {
  active: 'Đang hiện',
  expired: 'Hết hạn',
  closed: 'Đã đóng',
  hidden: 'Đã ẩn',
};

const price = (l: WorkReport['listing']) =>
  l.priceVnd === null
    ? 'Thỏa thuận'
    : `${new Intl.NumberFormat('vi-VN').format(l.priceVnd)} đ/${l.unit}`;

export default function MarketPage() {
  const [status, setStatus] = useState<ReportStatus>('open');
  const list = useLoad(
    () =>
      api<{ items: WorkReport[] }>('GET', '/work/market/reports', { query: { status, limit: 50 } }),
    [status],
  );
  const action = useAction();
  const [hiding, setHiding] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [notice, setNotice] = useState<string | null>(null);

  const run = async (path: string, done: string, body?: unknown) => {
    const ok = await action.run(() => api('POST', path, body === undefined ? {} : { body }));
    if (ok) {
      setNotice(done);
      setHiding(null);
      setNote('');
      await list.reload();
    }
  };

  const items = list.data?.items ?? [];
  return (
    <section className="page">
      <header className="page__header">
        <h1>Kiểm duyệt thị trường nông sản</h1>
        <p className="muted">
          Báo cáo vi phạm của người dân. Ẩn tin lừa đảo, sai sự thật hoặc hàng cấm; lý do được ghi
          nhật ký và gửi cho người đăng.
        </p>
      </header>
      <div className="row">
        <select
          aria-label="Trạng thái báo cáo"
          value={status}
          onChange={(e) => setStatus(e.target.value as ReportStatus)}
        >
          {(Object.keys(REPORT_LABEL) as ReportStatus[]).map((s) => (
            <option key={s} value={s}>
              {REPORT_LABEL[s]}
            </option>
          ))}
        </select>
      </div>
      <ErrorBox message={list.error ?? action.error} />
      <Notice message={notice} />
      <table className="table" data-testid="market-table">
        <thead>
          <tr>
            <th>Tin</th>
            <th>Người đăng</th>
            <th>Báo cáo</th>
            <th>Trạng thái tin</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id} data-report={r.id} data-listing={r.listing.id}>
              <td>
                <strong>
                  {r.listing.kind === 'sell' ? 'Bán' : 'Mua'}: {r.listing.product}
                </strong>
                {r.listing.ocopStars ? ` · OCOP ${r.listing.ocopStars}★` : ''}
                <div className="muted small">
                  {r.listing.quantity} {r.listing.unit} · {price(r.listing)} ·{' '}
                  {r.listing.communeName}
                </div>
                <details>
                  <summary className="small">Nội dung</summary>
                  <p className="small">{r.listing.description}</p>
                </details>
              </td>
              <td>
                {r.listing.contactName}
                <div className="muted small">{r.listing.contactPhone}</div>
              </td>
              <td>
                {REASON[r.reason]}
                {r.note ? <div className="small">{r.note}</div> : null}
                <div className="muted small">
                  {formatDateTime(r.createdAt)} · {r.listing.openReports} báo cáo chờ
                </div>
              </td>
              <td>
                {LISTING_LABEL[r.listing.status]}
                {r.listing.moderationNote ? (
                  <div className="muted small">{r.listing.moderationNote}</div>
                ) : null}
              </td>
              <td>
                {hiding === r.id ? (
                  <div>
                    <textarea
                      aria-label="Lý do ẩn tin"
                      placeholder="Lý do ẩn tin (người đăng sẽ thấy)"
                      value={note}
                      onChange={(e) => setNote(e.target.value)}
                      data-testid="market-hide-note"
                    />
                    <div className="row">
                      <button
                        type="button"
                        className="danger"
                        disabled={action.busy || note.trim().length < 3}
                        onClick={() =>
                          void run(
                            `/work/market/listings/${encodeURIComponent(r.listing.id)}/hide`,
                            `Đã ẩn tin "${r.listing.product}". Người đăng đã được thông báo lý do.`,
                            { note: note.trim() },
                          )
                        }
                        data-testid="market-hide-confirm"
                      >
                        Ẩn tin
                      </button>
                      <button type="button" onClick={() => setHiding(null)}>
                        Hủy
                      </button>
                    </div>
                  </div>
                ) : (
                  <div className="row">
                    {r.listing.status === 'hidden' ? (
                      <button
                        type="button"
                        disabled={action.busy}
                        onClick={() =>
                          void run(
                            `/work/market/listings/${encodeURIComponent(r.listing.id)}/restore`,
                            `Đã hiện lại tin "${r.listing.product}".`,
                          )
                        }
                      >
                        Hiện lại
                      </button>
                    ) : (
                      <button
                        type="button"
                        onClick={() => {
                          setHiding(r.id);
                          setNote('');
                        }}
                        data-testid="market-hide"
                      >
                        Ẩn tin…
                      </button>
                    )}
                    {r.status === 'open' ? (
                      <button
                        type="button"
                        disabled={action.busy}
                        onClick={() =>
                          void run(
                            `/work/market/reports/${encodeURIComponent(r.id)}/dismiss`,
                            'Đã bỏ qua báo cáo.',
                          )
                        }
                        data-testid="market-dismiss"
                      >
                        Bỏ qua
                      </button>
                    ) : null}
                  </div>
                )}
              </td>
            </tr>
          ))}
          {!list.loading && items.length === 0 ? (
            <tr>
              <td colSpan={5} className="empty">
                Không có báo cáo nào.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </section>
  );
}
