import { type FormEvent, useState } from 'react';
import { Line } from 'react-chartjs-2';
import { api, apiPath, type Query } from '../api';
import { assignableAgencies, loadCatalog } from '../catalog';
import { COLOURS, ReceivedResolvedBars } from '../components/charts';
import { ErrorBox, useLoad } from '../components/common';
import { CatalogSelect, DayRangeFields, Figure } from '../components/filters';
import { IntakeLabelsExport } from '../components/intake-labels-export';
import {
  formatDate,
  formatNumber,
  formatPercent,
  formatSeconds,
  STATUS_LABELS,
  vnDay,
} from '../format';
import { holds, useMe } from '../session';
import type { Duration, LeaderStats } from '../types';

/** Median shown as the figure; its P90 and how many reports it covers underneath. */
const routeHint = (d: Duration) =>
  `trung vị · P90 ${formatSeconds(d.p90Seconds)} · ${formatNumber(d.count)} phản ánh`;

export default function StatsPage() {
  const me = useMe();
  const mayExport = holds(me, 'stats.export');
  const mayExportLabels = holds(me, 'intake.export_labels');
  const catalog = useLoad(loadCatalog, []);
  const [draft, setDraft] = useState({
    from: vnDay(-89),
    to: vnDay(0),
    agencyId: '',
    communeId: '',
    categoryId: '',
  });
  const [filters, setFilters] = useState(draft);
  const [trend, setTrend] = useState<'weekly' | 'monthly'>('weekly');
  const query: Query = { ...filters };
  const stats = useLoad(
    () => api<LeaderStats>('GET', '/work/stats', { query }),
    [JSON.stringify(filters)],
  );

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };

  const s = stats.data;
  const series = s ? (trend === 'weekly' ? s.trends.weekly : s.trends.monthly) : [];
  const labels = series.map((t) =>
    'week' in t
      ? `Tuần ${formatDate(t.start)}`
      : `Tháng ${t.month.slice(5)}/${t.month.slice(0, 4)}`,
  );

  return (
    <section className="page">
      <header className="page__header row-between">
        <div>
          <h1>Thống kê</h1>
          <p className="muted">
            Phản ánh tiếp nhận trong kỳ{s?.scope.all === false ? ' (trong phạm vi của bạn)' : ''}.
          </p>
        </div>
        {mayExport ? (
          <div className="row">
            <a
              className="button"
              href={apiPath('/work/stats/export', { ...query, format: 'xlsx' })}
            >
              Xuất XLSX
            </a>
            <a className="button" href={apiPath('/work/stats/export', { ...query, format: 'csv' })}>
              Xuất CSV
            </a>
          </div>
        ) : null}
      </header>

      <form className="filters" onSubmit={apply} aria-label="Bộ lọc thống kê">
        <DayRangeFields
          value={draft}
          onChange={(range) => setDraft({ ...draft, ...range })}
          required
        />
        <CatalogSelect
          label="Lĩnh vực"
          value={draft.categoryId}
          onChange={(categoryId) => setDraft({ ...draft, categoryId })}
          items={catalog.data?.categories}
          text={(c) => c.name}
        />
        <CatalogSelect
          label="Cơ quan"
          value={draft.agencyId}
          onChange={(agencyId) => setDraft({ ...draft, agencyId })}
          items={catalog.data && assignableAgencies(catalog.data.agencies)}
          text={(a) => a.name}
        />
        <CatalogSelect
          label="Xã/phường"
          value={draft.communeId}
          onChange={(communeId) => setDraft({ ...draft, communeId })}
          items={catalog.data?.communes}
          text={(u) => u.fullName}
        />
        <div className="filters__buttons">
          <button type="submit" className="primary">
            Xem
          </button>
        </div>
      </form>
      <ErrorBox message={stats.error} />

      {s ? (
        <>
          <div className="figures">
            <Figure label="Tiếp nhận" value={formatNumber(s.summary.received)} />
            <Figure
              label="Đã xử lý"
              value={formatNumber(s.summary.resolved)}
              hint={formatPercent(s.summary.resolvedPercent)}
            />
            <Figure label="Đang xử lý" value={formatNumber(s.summary.open)} />
            <Figure label="Quá hạn (đang mở)" value={formatNumber(s.summary.overdueOpen)} />
            <Figure label="Tỉ lệ đúng hạn" value={formatPercent(s.summary.onTimePercent)} />
            <Figure
              label="Tiếp nhận → chuyển cơ quan"
              value={formatSeconds(s.summary.intakeToAgency.medianSeconds)}
              hint={`trung vị · P90 ${formatSeconds(s.summary.intakeToAgency.p90Seconds)}`}
            />
            <Figure
              label="Tự động chuyển khi tiếp nhận"
              value={formatSeconds(s.summary.intakeToAgencyByRoute.auto.medianSeconds)}
              hint={routeHint(s.summary.intakeToAgencyByRoute.auto)}
            />
            <Figure
              label="IOC kiểm tra và chuyển"
              value={formatSeconds(s.summary.intakeToAgencyByRoute.manual.medianSeconds)}
              hint={routeHint(s.summary.intakeToAgencyByRoute.manual)}
            />
            <Figure
              label="Thời gian xử lý"
              value={formatSeconds(s.summary.timeToResolve.medianSeconds)}
              hint={`trung vị · P90 ${formatSeconds(s.summary.timeToResolve.p90Seconds)}`}
            />
            <Figure
              label="Hài lòng"
              value={formatPercent(s.summary.satisfactionPercent)}
              hint={`${formatNumber(s.summary.rated)} đánh giá`}
            />
          </div>

          <div className="card">
            <div className="row-between">
              <h2>Xu hướng</h2>
              <div className="segmented">
                <button
                  type="button"
                  className={trend === 'weekly' ? 'is-active' : ''}
                  onClick={() => setTrend('weekly')}
                >
                  Theo tuần
                </button>
                <button
                  type="button"
                  className={trend === 'monthly' ? 'is-active' : ''}
                  onClick={() => setTrend('monthly')}
                >
                  Theo tháng
                </button>
              </div>
            </div>
            <div className="chart">
              <ReceivedResolvedBars
                label="Biểu đồ tiếp nhận và đã xử lý"
                labels={labels}
                received={series.map((t) => t.received)}
                resolved={series.map((t) => t.resolved)}
              />
            </div>
            <div className="chart chart--small">
              <Line
                aria-label="Biểu đồ tỉ lệ đúng hạn"
                data={{
                  labels,
                  datasets: [
                    {
                      label: 'Tỉ lệ đúng hạn (%)',
                      data: series.map((t) => t.onTimePercent),
                      borderColor: COLOURS.onTime,
                      backgroundColor: COLOURS.onTime,
                      spanGaps: true,
                    },
                  ],
                }}
                options={{
                  maintainAspectRatio: false,
                  scales: { y: { min: 0, max: 100 } },
                  plugins: { legend: { position: 'bottom' } },
                }}
              />
            </div>
          </div>

          <div className="two-col">
            <div className="card">
              <h2>Theo trạng thái</h2>
              <table className="table table--compact">
                <tbody>
                  {s.byStatus.map((row) => (
                    <tr key={row.status}>
                      <td>{STATUS_LABELS[row.status] ?? row.label}</td>
                      <td className="num">{formatNumber(row.count)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="card">
              <h2>Theo lĩnh vực</h2>
              <table className="table table--compact">
                <thead>
                  <tr>
                    <th>Lĩnh vực</th>
                    <th className="num">Tiếp nhận</th>
                    <th className="num">Đã xử lý</th>
                    <th className="num">Đúng hạn</th>
                  </tr>
                </thead>
                <tbody>
                  {s.byCategory.map((row) => (
                    <tr key={row.category.id}>
                      <td>{row.category.name}</td>
                      <td className="num">{formatNumber(row.received)}</td>
                      <td className="num">{formatNumber(row.resolved)}</td>
                      <td className="num">{formatPercent(row.onTimePercent)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>

          <div className="card">
            <h2>Theo cơ quan xử lý</h2>
            <table className="table table--compact">
              <thead>
                <tr>
                  <th>Cơ quan</th>
                  <th className="num">Tiếp nhận</th>
                  <th className="num">Đã xử lý</th>
                  <th className="num">Quá hạn</th>
                  <th className="num">Đúng hạn</th>
                  <th className="num">Chuyển cơ quan (trung bình)</th>
                  <th className="num">Thời gian xử lý (trung bình)</th>
                  <th className="num">Hài lòng</th>
                </tr>
              </thead>
              <tbody>
                {s.byAgency.map((row) => (
                  <tr key={row.agency?.id ?? 'none'}>
                    <td>{row.agency?.name ?? <span className="muted">Chưa chuyển</span>}</td>
                    <td className="num">{formatNumber(row.received)}</td>
                    <td className="num">{formatNumber(row.resolved)}</td>
                    <td className="num">{formatNumber(row.overdueOpen)}</td>
                    <td className="num">{formatPercent(row.onTimePercent)}</td>
                    <td className="num">{formatSeconds(row.avgIntakeToAgencySeconds)}</td>
                    <td className="num">{formatSeconds(row.avgTimeToResolveSeconds)}</td>
                    <td className="num">{formatPercent(row.satisfactionPercent)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <div className="card">
            <h2>Theo xã/phường</h2>
            <table className="table table--compact">
              <thead>
                <tr>
                  <th>Xã/phường</th>
                  <th className="num">Tiếp nhận</th>
                  <th className="num">Đã xử lý</th>
                  <th className="num">Quá hạn</th>
                  <th className="num">Đúng hạn</th>
                </tr>
              </thead>
              <tbody>
                {s.byCommune.map((row) => (
                  <tr key={row.commune?.id ?? 'none'}>
                    <td>{row.commune?.name ?? <span className="muted">Chưa xác định</span>}</td>
                    <td className="num">{formatNumber(row.received)}</td>
                    <td className="num">{formatNumber(row.resolved)}</td>
                    <td className="num">{formatNumber(row.overdueOpen)}</td>
                    <td className="num">{formatPercent(row.onTimePercent)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {mayExportLabels ? <IntakeLabelsExport /> : null}
    </section>
  );
}
