import { type FormEvent, useState } from 'react';
import { Bar } from 'react-chartjs-2';
import { api } from '../api';
import { COLOURS } from '../components/charts';
import { ErrorBox, useLoad } from '../components/common';
import { formatDate, formatHours, formatNumber, formatPercent, vnDay } from '../format';
import type { PublicStats } from '../types';

const hours = (seconds: number | null) => (seconds === null ? null : seconds / 3600);

/** The public transparency page: aggregate figures only, no sign-in, no single report. */
export default function TransparencyPage() {
  const [draft, setDraft] = useState({ from: vnDay(-29), to: vnDay(0) });
  const [period, setPeriod] = useState(draft);
  const stats = useLoad(
    () => api<PublicStats>('GET', '/stats', { query: period, quiet401: true }),
    [period.from, period.to],
  );
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setPeriod(draft);
  };
  const s = stats.data;
  const agencies = (s?.agencies ?? []).filter((a) => a.received > 0);

  return (
    <div className="public">
      <header className="public__header">
        <h1>Minh bạch xử lý phản ánh hiện trường</h1>
        <p>
          Số liệu tổng hợp về phản ánh của người dân và kết quả xử lý của các cơ quan. Không có
          thông tin cá nhân của người phản ánh.
        </p>
      </header>
      <main className="public__main">
        <form className="filters" onSubmit={apply} aria-label="Kỳ số liệu">
          <label>
            Từ ngày
            <input
              type="date"
              required
              value={draft.from}
              onChange={(e) => setDraft({ ...draft, from: e.target.value })}
            />
          </label>
          <label>
            Đến ngày
            <input
              type="date"
              required
              value={draft.to}
              onChange={(e) => setDraft({ ...draft, to: e.target.value })}
            />
          </label>
          <div className="filters__buttons">
            <button type="submit" className="primary">
              Xem
            </button>
          </div>
        </form>
        <ErrorBox message={stats.error} />
        {s ? (
          <>
            <p className="muted">
              Kỳ số liệu: {formatDate(s.period.from)} – {formatDate(s.period.to)}
            </p>
            <div className="figures">
              <div className="figure">
                <span className="figure__label">Phản ánh tiếp nhận</span>
                <strong className="figure__value">{formatNumber(s.province.received)}</strong>
              </div>
              <div className="figure">
                <span className="figure__label">Đã xử lý</span>
                <strong className="figure__value">{formatNumber(s.province.resolved)}</strong>
                <span className="figure__hint">{formatPercent(s.province.resolvedPercent)}</span>
              </div>
              <div className="figure">
                <span className="figure__label">Tỉ lệ đúng hạn</span>
                <strong className="figure__value">{formatPercent(s.province.onTimePercent)}</strong>
              </div>
              <div className="figure">
                <span className="figure__label">Người dân hài lòng</span>
                <strong className="figure__value">
                  {formatPercent(s.province.satisfactionPercent)}
                </strong>
                <span className="figure__hint">{formatNumber(s.province.rated)} đánh giá</span>
              </div>
              <div className="figure">
                <span className="figure__label">Thời gian chuyển đến cơ quan (trung vị)</span>
                <strong className="figure__value">
                  {formatHours(hours(s.province.medianIntakeToAgencySeconds))}
                </strong>
              </div>
              <div className="figure">
                <span className="figure__label">Thời gian xử lý (trung vị)</span>
                <strong className="figure__value">
                  {formatHours(hours(s.province.medianTimeToResolveSeconds))}
                </strong>
              </div>
            </div>
            {agencies.length > 0 ? (
              <div className="card">
                <h2>Theo cơ quan xử lý</h2>
                <div className="chart">
                  <Bar
                    aria-label="Biểu đồ theo cơ quan"
                    data={{
                      labels: agencies.map((a) => a.agency.name),
                      datasets: [
                        {
                          label: 'Tiếp nhận',
                          data: agencies.map((a) => a.received),
                          backgroundColor: COLOURS.received,
                        },
                        {
                          label: 'Đã xử lý',
                          data: agencies.map((a) => a.resolved),
                          backgroundColor: COLOURS.resolved,
                        },
                      ],
                    }}
                    options={{
                      maintainAspectRatio: false,
                      indexAxis: 'y',
                      scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
                      plugins: { legend: { position: 'bottom' } },
                    }}
                  />
                </div>
                <table className="table table--compact">
                  <thead>
                    <tr>
                      <th>Cơ quan</th>
                      <th className="num">Tiếp nhận</th>
                      <th className="num">Đã xử lý</th>
                      <th className="num">Đúng hạn</th>
                      <th className="num">Hài lòng</th>
                    </tr>
                  </thead>
                  <tbody>
                    {agencies.map((a) => (
                      <tr key={a.agency.id}>
                        <td>{a.agency.name}</td>
                        <td className="num">{formatNumber(a.received)}</td>
                        <td className="num">{formatNumber(a.resolved)}</td>
                        <td className="num">{formatPercent(a.onTimePercent)}</td>
                        <td className="num">{formatPercent(a.satisfactionPercent)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
          </>
        ) : null}
      </main>
    </div>
  );
}
