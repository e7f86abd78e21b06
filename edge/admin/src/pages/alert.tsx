import 'leaflet/dist/leaflet.css';
import { useEffect, useMemo, useState } from 'react';
import { Circle, CircleMarker, MapContainer, Popup, TileLayer } from 'react-leaflet';
import { Link, useParams } from 'wouter';
import type { AlertDetail } from '../../../src/intake/clusters/schemas';
import { api } from '../api';
import { ErrorBox, Notice, StatusBadge, useAction, useLoad } from '../components/common';
import { formatDateTime } from '../format';
import { tileAttribution, tileUrl } from '../tiles';
import { ALERT_STATUS, Badge, spreadText, WARNING_STATUS, withFieldMessages } from './alerts';

// One early warning: its reports on a map and in a list (each links to its page), the
// figures and the rule that raised it, the draft public warning the IOC edits, approves or
// discards, and closing the alert. Loaded on demand with Leaflet.

const STATUS_COLOURS: Record<string, string> = {
  received: '#1570ef',
  assigned: '#7a5af8',
  in_progress: '#dc6803',
  resolved: '#12b76a',
  duplicate: '#667085',
};

function AlertMap({ alert }: { alert: AlertDetail }) {
  const tiles = tileUrl();
  const bounds = useMemo(() => {
    const lats = [alert.centroid.lat, ...alert.reports.map((r) => r.location.lat)];
    const lngs = [alert.centroid.lng, ...alert.reports.map((r) => r.location.lng)];
    const pad = 0.002;
    return [
      [Math.min(...lats) - pad, Math.min(...lngs) - pad],
      [Math.max(...lats) + pad, Math.max(...lngs) + pad],
    ] as [[number, number], [number, number]];
  }, [alert]);
  return (
    <MapContainer bounds={bounds} className="pin-map" style={{ height: 420 }} scrollWheelZoom>
      {tiles ? <TileLayer url={tiles} attribution={tileAttribution} maxZoom={19} /> : null}
      <Circle
        center={[alert.centroid.lat, alert.centroid.lng]}
        radius={Math.max(alert.spreadMetres, 30)}
        pathOptions={{ color: '#d92d20', weight: 1.5, fillColor: '#f04438', fillOpacity: 0.08 }}
      />
      {alert.reports.map((r) => (
        <CircleMarker
          key={r.code}
          center={[r.location.lat, r.location.lng]}
          radius={7}
          pathOptions={{
            color: '#fff',
            weight: 1.5,
            fillColor: STATUS_COLOURS[r.status] ?? '#667085',
            fillOpacity: 0.9,
          }}
        >
          <Popup>
            <Link href={`/phan-anh/${r.code}`}>{r.code}</Link>
            <br />
            {r.statusLabel.vi} · {formatDateTime(r.createdAt)}
          </Popup>
        </CircleMarker>
      ))}
    </MapContainer>
  );
}

function WarningEditor({ alert, onSaved }: { alert: AlertDetail; onSaved: () => Promise<void> }) {
  const [title, setTitle] = useState(alert.warning.title);
  const [body, setBody] = useState(alert.warning.body);
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();
  // A reload (the job refreshed the draft, another operator saved) shows the new text.
  useEffect(() => {
    setTitle(alert.warning.title);
    setBody(alert.warning.body);
  }, [alert.warning.title, alert.warning.body]);

  const editable = alert.canManage && alert.status === 'open';
  const isDraft = alert.warning.status === 'draft';
  const changed = title.trim() !== alert.warning.title || body.trim() !== alert.warning.body;
  const save = async (warningStatus: 'draft' | 'approved' | 'discarded', done: string) => {
    setNotice(null);
    const ok = await action.run(() =>
      withFieldMessages(
        api('PATCH', `/work/alerts/${alert.id}`, {
          body: {
            ...(changed && (isDraft || warningStatus === 'draft')
              ? { warningTitle: title.trim(), warningBody: body.trim() }
              : {}),
            warningStatus,
          },
        }),
      ),
    );
    if (ok) {
      setNotice(done);
      await onSaved();
    }
  };

  return (
    <section className="block" aria-label="Bản nháp cảnh báo công khai">
      <div className="row-between">
        <h3>Cảnh báo công khai</h3>
        <Badge of={WARNING_STATUS} value={alert.warning.status} />
      </div>
      <p className="muted small">
        {alert.warning.editedByIoc
          ? 'IOC đã sửa nội dung: hệ thống không tự cập nhật bản nháp nữa.'
          : 'Hệ thống soạn và tự cập nhật bản nháp khi cụm có thêm phản ánh, cho đến khi IOC sửa.'}{' '}
        Bản đã duyệt được chuyển sang mục tin tức, cảnh báo khi mục này hoạt động.
      </p>
      <Notice message={notice} />
      <ErrorBox message={action.error} />
      {editable ? (
        <div className="stack">
          <label>
            Tiêu đề
            <input
              name="warning-title"
              value={title}
              maxLength={200}
              disabled={!isDraft}
              onChange={(e) => setTitle(e.target.value)}
            />
          </label>
          <label>
            Nội dung
            <textarea
              name="warning-body"
              rows={11}
              value={body}
              maxLength={3000}
              disabled={!isDraft}
              onChange={(e) => setBody(e.target.value)}
            />
          </label>
          <div className="row">
            {isDraft ? (
              <>
                <button
                  type="button"
                  disabled={!changed || action.busy}
                  onClick={() => void save('draft', 'Đã lưu bản nháp.')}
                >
                  Lưu bản nháp
                </button>
                <button
                  type="button"
                  className="primary"
                  disabled={action.busy}
                  onClick={() => void save('approved', 'Đã duyệt cảnh báo.')}
                >
                  Duyệt cảnh báo
                </button>
                <button
                  type="button"
                  disabled={action.busy}
                  onClick={() => void save('discarded', 'Đã bỏ bản nháp.')}
                >
                  Bỏ bản nháp
                </button>
              </>
            ) : (
              <button
                type="button"
                disabled={action.busy}
                onClick={() => void save('draft', 'Đã chuyển về bản nháp.')}
              >
                Chuyển về bản nháp để sửa
              </button>
            )}
          </div>
        </div>
      ) : (
        <>
          <h4>{alert.warning.title}</h4>
          <p className="description">{alert.warning.body}</p>
        </>
      )}
    </section>
  );
}

function CloseAlert({ alert, onClosed }: { alert: AlertDetail; onClosed: () => Promise<void> }) {
  const [note, setNote] = useState('');
  const action = useAction();
  if (!alert.canManage || alert.status !== 'open') return null;
  const close = async () => {
    if (
      !window.confirm(
        `Đóng cảnh báo #${alert.id}? Hệ thống sẽ không thêm phản ánh vào cảnh báo này nữa.`,
      )
    ) {
      return;
    }
    const ok = await action.run(() =>
      api('POST', `/work/alerts/${alert.id}/close`, {
        body: note.trim() ? { note: note.trim() } : {},
      }),
    );
    if (ok) await onClosed();
  };
  return (
    <div className="block">
      <h3>Đóng cảnh báo</h3>
      <p className="muted small">
        Khi sự việc đã được xử lý. Phản ánh mới ở khu vực này chỉ mở cảnh báo mới khi tự chúng đủ
        thành một cụm.
      </p>
      <ErrorBox message={action.error} />
      <div className="stack">
        <label>
          Ghi chú nội bộ (không bắt buộc)
          <input
            name="close-note"
            value={note}
            maxLength={500}
            onChange={(e) => setNote(e.target.value)}
          />
        </label>
        <div className="row">
          <button type="button" disabled={action.busy} onClick={() => void close()}>
            Đóng cảnh báo
          </button>
        </div>
      </div>
    </div>
  );
}

export default function AlertPage() {
  const { id } = useParams<{ id: string }>();
  const alert = useLoad(() => api<AlertDetail>('GET', `/work/alerts/${id}`), [id]);
  const a = alert.data;

  return (
    <section className="page page--wide">
      <p>
        <Link href="/canh-bao">‹ Danh sách cảnh báo</Link>
      </p>
      <ErrorBox message={alert.error} />
      {a ? (
        <>
          <header className="report__header">
            <h1>Cảnh báo sớm #{a.id}</h1>
            <Badge of={ALERT_STATUS} value={a.status} />
          </header>
          <p className="muted">
            {a.reportCount} phản ánh {a.category.name.toLowerCase()}
            {a.commune ? ` quanh ${a.commune.fullName}` : ''}, trong phạm vi{' '}
            {spreadText(a.spreadMetres)}.
          </p>
          <div className="report__grid">
            <div className="report__main">
              <div className="block">
                <AlertMap alert={a} />
              </div>
              <div className="block">
                <h3>Các phản ánh ({a.reports.length})</h3>
                <table className="table table--compact">
                  <thead>
                    <tr>
                      <th>Mã / nội dung</th>
                      <th>Trạng thái</th>
                      <th>Địa điểm</th>
                      <th>Gửi lúc</th>
                    </tr>
                  </thead>
                  <tbody>
                    {a.reports.map((r) => (
                      <tr key={r.code} data-code={r.code}>
                        <td>
                          <Link href={`/phan-anh/${r.code}`} className="code">
                            {r.code}
                          </Link>
                          {r.hidden ? <span className="tag">Ẩn</span> : null}
                          <div className="clip">{r.description}</div>
                        </td>
                        <td>
                          <StatusBadge status={r.status} />
                        </td>
                        <td>
                          {r.address ?? r.commune?.fullName ?? '—'}
                          {r.agency ? <div className="muted small">{r.agency.name}</div> : null}
                        </td>
                        <td className="nowrap">{formatDateTime(r.createdAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
            <aside className="report__side">
              <WarningEditor alert={a} onSaved={alert.reload} />
              <div className="block">
                <h3>Thông tin</h3>
                <dl className="facts">
                  <dt>Lĩnh vực</dt>
                  <dd>{a.category.name}</dd>
                  <dt>Khu vực</dt>
                  <dd>{a.commune?.fullName ?? '—'}</dd>
                  <dt>Số phản ánh</dt>
                  <dd>{a.reportCount}</dd>
                  <dt>Phạm vi</dt>
                  <dd>{spreadText(a.spreadMetres)} quanh tâm cụm</dd>
                  <dt>Phản ánh đầu</dt>
                  <dd>{formatDateTime(a.firstReportAt)}</dd>
                  <dt>Phản ánh mới nhất</dt>
                  <dd>{formatDateTime(a.lastReportAt)}</dd>
                  <dt>Quy tắc</dt>
                  <dd>
                    {a.rule
                      ? `Từ ${a.rule.minReports} phản ánh trong bán kính ${a.rule.radiusMetres} m, trong ${a.rule.windowHours} giờ${a.rule.enabled ? '' : ' (đang tắt)'}`
                      : '—'}
                  </dd>
                  <dt>Mở lúc</dt>
                  <dd>{formatDateTime(a.createdAt)}</dd>
                  {a.closedAt ? (
                    <>
                      <dt>Đóng lúc</dt>
                      <dd>
                        {formatDateTime(a.closedAt)}
                        {a.closedBy ? ` · ${a.closedBy.name}` : ''}
                      </dd>
                    </>
                  ) : null}
                </dl>
              </div>
              <CloseAlert alert={a} onClosed={alert.reload} />
            </aside>
          </div>
        </>
      ) : null}
    </section>
  );
}
