import { useState } from 'react';
import { api } from '../api';
import { ErrorBox, Notice, useAction, useLoad } from '../components/common';
import { formatDateTime } from '../format';

// Moderation of job vacancies (permission jobs.moderate): every vacancy of the jobs function,
// searched with or without tone marks, and taking down one that breaks the rules (scams,
// discrimination, fees asked of applicants). The reason is audited and sent to the employer.

type Status = 'open' | 'closed' | 'removed';

interface WorkVacancy {
  id: string;
  title: string;
  description: string;
  requirements: string;
  salaryMinVnd: number | null;
  salaryMaxVnd: number | null;
  salaryPeriod: 'month' | 'day' | 'hour' | 'piece';
  communeName: string;
  deadline: string;
  status: Status;
  accepting: boolean;
  createdAt: string;
  applicationCount: number;
  removedReason: string | null;
  employer: { name: string; phone: string; taxCode: string | null; address: string };
}

interface Page {
  items: WorkVacancy[];
  nextCursor: string | null;
}

const STATUS_LABEL: Record<Status, string> = {
  open: 'Đang mở',
  closed: 'Đã đóng',
  removed: 'Đã gỡ',
};
const PERIOD: Record<WorkVacancy['salaryPeriod'], string> = {
  month: 'tháng',
  day: 'ngày',
  hour: 'giờ',
  piece: 'sản phẩm',
};

function salary(v: WorkVacancy): string {
  if (v.salaryMinVnd === null && v.salaryMaxVnd === null) return 'Thỏa thuận';
  const n = (x: number | null) => (x === null ? '…' : new Intl.NumberFormat('vi-VN').format(x));
  return `${n(v.salaryMinVnd)}–${n(v.salaryMaxVnd)} đ/${PERIOD[v.salaryPeriod]}`;
}

const day = (d: string) => d.split('-').reverse().join('/');

export default function JobsPage() {
  const [status, setStatus] = useState<Status | ''>('open');
  const [q, setQ] = useState('');
  const [searched, setSearched] = useState('');
  const [more, setMore] = useState<WorkVacancy[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const list = useLoad(async () => {
    const page = await api<Page>('GET', '/work/jobs/vacancies', {
      query: { status: status || undefined, q: searched || undefined, limit: 30 },
    });
    setMore([]);
    setCursor(page.nextCursor);
    return page;
  }, [status, searched]);
  const action = useAction();
  const [removing, setRemoving] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [notice, setNotice] = useState<string | null>(null);

  const loadMore = async () => {
    if (!cursor) return;
    await action.run(async () => {
      const page = await api<Page>('GET', '/work/jobs/vacancies', {
        query: { status: status || undefined, q: searched || undefined, limit: 30, cursor },
      });
      setMore((m) => [...m, ...page.items]);
      setCursor(page.nextCursor);
    });
  };

  const remove = async (v: WorkVacancy) => {
    const ok = await action.run(() =>
      api('POST', `/work/jobs/vacancies/${encodeURIComponent(v.id)}/remove`, {
        body: { reason: reason.trim() },
      }),
    );
    if (ok) {
      setNotice(`Đã gỡ tin "${v.title}". Nhà tuyển dụng đã được thông báo lý do.`);
      setRemoving(null);
      setReason('');
      await list.reload();
    }
  };

  const items = [...(list.data?.items ?? []), ...more];
  return (
    <section className="page">
      <header className="page__header">
        <h1>Kiểm duyệt tin tuyển dụng</h1>
        <p className="muted">
          Gỡ tin lừa đảo, thu phí người xin việc, phân biệt đối xử hoặc việc làm trái pháp luật. Lý
          do được ghi nhật ký và gửi cho nhà tuyển dụng.
        </p>
      </header>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          setSearched(q.trim());
        }}
      >
        <input
          type="search"
          aria-label="Tìm tin tuyển dụng"
          placeholder="Tìm vị trí, nhà tuyển dụng (có dấu hoặc không)"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          data-testid="jobs-search"
        />
        <select
          aria-label="Trạng thái"
          value={status}
          onChange={(e) => setStatus(e.target.value as Status | '')}
        >
          <option value="">Mọi trạng thái</option>
          {(Object.keys(STATUS_LABEL) as Status[]).map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
        <button type="submit">Tìm</button>
      </form>
      <ErrorBox message={list.error ?? action.error} />
      <Notice message={notice} />
      <table className="table" data-testid="jobs-table">
        <thead>
          <tr>
            <th>Tin tuyển dụng</th>
            <th>Nhà tuyển dụng</th>
            <th>Lương</th>
            <th>Hạn nộp</th>
            <th>Hồ sơ</th>
            <th>Trạng thái</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {items.map((v) => (
            <tr key={v.id} data-vacancy={v.id}>
              <td>
                <strong>{v.title}</strong>
                <div className="muted small">
                  {v.communeName} · đăng {formatDateTime(v.createdAt)}
                </div>
                <details>
                  <summary className="small">Nội dung</summary>
                  <p className="small">{v.description}</p>
                  {v.requirements ? <p className="small">Yêu cầu: {v.requirements}</p> : null}
                </details>
              </td>
              <td>
                {v.employer.name}
                <div className="muted small">
                  {v.employer.phone}
                  {v.employer.taxCode ? ` · MST ${v.employer.taxCode}` : ''}
                </div>
              </td>
              <td className="nowrap">{salary(v)}</td>
              <td className="nowrap">
                {day(v.deadline)}
                {v.status === 'open' && !v.accepting ? (
                  <div className="muted small">đã hết hạn</div>
                ) : null}
              </td>
              <td>{v.applicationCount}</td>
              <td>
                {STATUS_LABEL[v.status]}
                {v.removedReason ? <div className="muted small">{v.removedReason}</div> : null}
              </td>
              <td>
                {v.status === 'removed' ? null : removing === v.id ? (
                  <div>
                    <textarea
                      aria-label="Lý do gỡ tin"
                      placeholder="Lý do gỡ tin (gửi cho nhà tuyển dụng)"
                      value={reason}
                      onChange={(e) => setReason(e.target.value)}
                      data-testid="jobs-remove-reason"
                    />
                    <div className="row">
                      <button
                        type="button"
                        className="danger"
                        disabled={action.busy || reason.trim().length < 5}
                        onClick={() => void remove(v)}
                        data-testid="jobs-remove-confirm"
                      >
                        Gỡ tin
                      </button>
                      <button type="button" onClick={() => setRemoving(null)}>
                        Hủy
                      </button>
                    </div>
                  </div>
                ) : (
                  <button
                    type="button"
                    onClick={() => {
                      setRemoving(v.id);
                      setReason('');
                    }}
                    data-testid="jobs-remove"
                  >
                    Gỡ tin…
                  </button>
                )}
              </td>
            </tr>
          ))}
          {!list.loading && items.length === 0 ? (
            <tr>
              <td colSpan={7} className="empty">
                Không có tin tuyển dụng nào.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {cursor ? (
        <button type="button" disabled={action.busy} onClick={() => void loadMore()}>
          Xem thêm
        </button>
      ) : null}
    </section>
  );
}
