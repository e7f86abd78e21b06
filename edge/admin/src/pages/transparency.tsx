import { type FormEvent, useState } from 'react';
import { api } from '../api';
import { ReceivedResolvedBars } from '../components/charts';
import { ErrorBox, useLoad } from '../components/common';
import { DayRangeFields, Figure } from '../components/filters';
import { formatDate, formatNumber, formatPercent, formatSeconds, vnDay } from '../format';
import type { PublicStats } from '../types';

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
          <DayRangeFields value={draft} onChange={setDraft} required />
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
              <Figure label="Phản ánh tiếp nhận" value={formatNumber(s.province.received)} />
              <Figure
                label="Đã xử lý"
                value={formatNumber(s.province.resolved)}
                hint={formatPercent(s.province.resolvedPercent)}
              />
              <Figure label="Tỉ lệ đúng hạn" value={formatPercent(s.province.onTimePercent)} />
              <Figure
                label="Người dân hài lòng"
                value={formatPercent(s.province.satisfactionPercent)}
                hint={`${formatNumber(s.province.rated)} đánh giá`}
              />
              <Figure
                label="Thời gian chuyển đến cơ quan (trung vị)"
                value={formatSeconds(s.province.medianIntakeToAgencySeconds)}
              />
              <Figure
                label="Thời gian xử lý (trung vị)"
                value={formatSeconds(s.province.medianTimeToResolveSeconds)}
              />
            </div>
            {agencies.length > 0 ? (
              <div className="card">
                <h2>Theo cơ quan xử lý</h2>
                <div className="chart">
                  <ReceivedResolvedBars
                    label="Biểu đồ theo cơ quan"
                    labels={agencies.map((a) => a.agency.name)}
                    received={agencies.map((a) => a.received)}
                    resolved={agencies.map((a) => a.resolved)}
                    horizontal
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
