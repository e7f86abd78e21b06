import { type FormEvent, useRef, useState } from 'react';
import type { EnvironmentReportAnswer } from '../../../src/environment/schemas';
import { ApiError, api, apiFetch } from '../api';
import { loadCatalog } from '../catalog';
import { ErrorBox, Notice, useAction, useLoad } from '../components/common';
import { formatDateTime, formatNumber } from '../format';
import { holdsEverywhere, useMe } from '../session';

// Agencies' quarterly and annual environment reports (PDF): an agency leader publishes for
// their agency, an administrator for any. Citizens list and download them in the mini app
// from the same public list this page shows.

const MAX_BYTES = 20 * 1024 * 1024;

type Report = EnvironmentReportAnswer;
interface Page {
  items: Report[];
  nextCursor: string | null;
}

const periodLabel = (r: Pick<Report, 'period' | 'quarter' | 'year'>) =>
  r.period === 'annual' ? `Năm ${r.year}` : `Quý ${r.quarter}/${r.year}`;

const sizeLabel = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${formatNumber(bytes / 1024 / 1024, 1)} MB`
    : `${formatNumber(Math.ceil(bytes / 1024))} KB`;

/** Multipart upload through the session's fetch (cookie + CSRF), errors as ApiError. */
async function uploadReport(data: FormData): Promise<Report> {
  const response = await apiFetch('POST', '/admin/environment/reports', { body: data });
  const body = (await response.json().catch(() => undefined)) as
    | { report: Report; error?: undefined }
    | { error: { code: string; message: string; details?: unknown } }
    | undefined;
  if (!response.ok || !body || body.error) {
    const error = body?.error;
    throw new ApiError(
      response.status,
      error?.code ?? `http_${response.status}`,
      error?.message ??
        (response.status === 413
          ? 'Tệp báo cáo vượt quá 20 MB.'
          : `Không tải lên được (mã ${response.status}).`),
      error?.details,
    );
  }
  return body.report;
}

export function EnvironmentReportsPage() {
  const me = useMe();
  const anyAgency = holdsEverywhere(me, 'environment.publish_report');
  const catalog = useLoad(loadCatalog, []);
  const thisYear = new Date().getFullYear();
  const [agencyFilter, setAgencyFilter] = useState(anyAgency ? '' : me.agencyId);
  const [pages, setPages] = useState<Report[][]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const list = useLoad(async () => {
    const page = await api<Page>('GET', '/environment/reports', {
      query: { agencyId: agencyFilter, limit: 50 },
    });
    setPages([page.items]);
    setCursor(page.nextCursor);
    return page;
  }, [agencyFilter]);
  const more = useAction();

  const [title, setTitle] = useState('');
  const [period, setPeriod] = useState<'quarterly' | 'annual'>('quarterly');
  // Reports come out after their period: the form starts at the quarter just ended.
  const currentQuarter = Math.ceil((new Date().getMonth() + 1) / 3);
  const [year, setYear] = useState(String(currentQuarter === 1 ? thisYear - 1 : thisYear));
  const [quarter, setQuarter] = useState(String(currentQuarter === 1 ? 4 : currentQuarter - 1));
  const [agencyId, setAgencyId] = useState(me.agencyId);
  const fileInput = useRef<HTMLInputElement>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    const file = fileInput.current?.files?.[0];
    if (!file) return action.setError('Vui lòng chọn tệp báo cáo (PDF).');
    // Checked here too, so a 40 MB scan is not sent over a slow link only to be refused.
    if (file.size > MAX_BYTES) return action.setError('Tệp báo cáo vượt quá 20 MB.');
    const data = new FormData();
    data.set('title', title.trim());
    data.set('period', period);
    data.set('year', year);
    if (period === 'quarterly') data.set('quarter', quarter);
    data.set('agencyId', anyAgency ? agencyId : me.agencyId);
    data.set('file', file, file.name);
    let created: Report | undefined;
    const ok = await action.run(async () => {
      created = await uploadReport(data);
    });
    if (ok && created) {
      setNotice(`Đã đăng "${created.title}".`);
      setTitle('');
      if (fileInput.current) fileInput.current.value = '';
      await list.reload();
    }
  };

  const loadMore = async () => {
    if (!cursor) return;
    await more.run(async () => {
      const page = await api<Page>('GET', '/environment/reports', {
        query: { agencyId: agencyFilter, limit: 50, cursor },
      });
      setPages((p) => [...p, page.items]);
      setCursor(page.nextCursor);
    });
  };

  const remove = async (report: Report) => {
    if (!window.confirm(`Gỡ báo cáo "${report.title}"? Người dân sẽ không tải được nữa.`)) return;
    const ok = await action.run(() => api('DELETE', `/admin/environment/reports/${report.id}`));
    if (ok) {
      setNotice(`Đã gỡ "${report.title}".`);
      await list.reload();
    }
  };

  const agencies = (catalog.data?.agencies ?? []).filter((a) => a.id !== 'ubnd_xa_phuong');
  const mayRemove = (r: Report) => anyAgency || r.agencyId === me.agencyId;
  const items = pages.flat();

  return (
    <section className="page">
      <header className="page__header">
        <h1>Báo cáo môi trường</h1>
        <p className="muted">
          Báo cáo quý và năm (PDF, tối đa 20 MB) người dân xem và tải về trong ứng dụng.
        </p>
      </header>
      <Notice message={notice} />
      <form className="card form-grid" onSubmit={submit} aria-label="Đăng báo cáo">
        <h2>Đăng báo cáo</h2>
        <label>
          Tiêu đề
          <input
            name="title"
            required
            minLength={5}
            maxLength={300}
            placeholder={`Báo cáo hiện trạng môi trường quý ${quarter}/${year}`}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
        </label>
        <label>
          Kỳ báo cáo
          <select
            name="period"
            value={period}
            onChange={(e) => setPeriod(e.target.value as 'quarterly' | 'annual')}
          >
            <option value="quarterly">Báo cáo quý</option>
            <option value="annual">Báo cáo năm</option>
          </select>
        </label>
        <label>
          Năm
          <input
            name="year"
            type="number"
            min={2000}
            max={2100}
            required
            value={year}
            onChange={(e) => setYear(e.target.value)}
          />
        </label>
        {period === 'quarterly' ? (
          <label>
            Quý
            <select name="quarter" value={quarter} onChange={(e) => setQuarter(e.target.value)}>
              {[1, 2, 3, 4].map((q) => (
                <option key={q} value={q}>
                  Quý {q}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {anyAgency ? (
          <label>
            Cơ quan
            <select name="agencyId" value={agencyId} onChange={(e) => setAgencyId(e.target.value)}>
              {agencies.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label>
            Cơ quan
            <input value={me.agencyName ?? me.agencyId} disabled />
          </label>
        )}
        <label>
          Tệp PDF
          <input ref={fileInput} name="file" type="file" accept="application/pdf,.pdf" required />
        </label>
        <ErrorBox message={action.error} />
        <div className="row">
          <button type="submit" className="primary" disabled={action.busy}>
            {action.busy ? 'Đang tải lên…' : 'Đăng báo cáo'}
          </button>
        </div>
      </form>

      {anyAgency ? (
        <div className="filters">
          <label className="grow">
            Cơ quan
            <select value={agencyFilter} onChange={(e) => setAgencyFilter(e.target.value)}>
              <option value="">Tất cả</option>
              {agencies.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      ) : null}
      <ErrorBox message={list.error ?? more.error} />
      <table className="table" aria-busy={list.loading}>
        <thead>
          <tr>
            <th>Báo cáo</th>
            <th>Kỳ</th>
            <th>Cơ quan</th>
            <th className="num">Dung lượng</th>
            <th>Ngày đăng</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id}>
              <td>
                <a href={r.url} target="_blank" rel="noreferrer">
                  {r.title}
                </a>
              </td>
              <td className="nowrap">{periodLabel(r)}</td>
              <td>{r.agencyName}</td>
              <td className="num nowrap">{sizeLabel(r.bytes)}</td>
              <td className="nowrap">{formatDateTime(r.createdAt)}</td>
              <td>
                {mayRemove(r) ? (
                  <button
                    type="button"
                    className="link-button"
                    disabled={action.busy}
                    onClick={() => void remove(r)}
                  >
                    Gỡ
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
          {!list.loading && items.length === 0 ? (
            <tr>
              <td colSpan={6} className="empty">
                Chưa có báo cáo nào.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {cursor ? (
        <p>
          <button type="button" disabled={more.busy} onClick={() => void loadMore()}>
            Xem thêm
          </button>
        </p>
      ) : null}
    </section>
  );
}
