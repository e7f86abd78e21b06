import { type FormEvent, lazy, Suspense, useState } from 'react';
import { Link, useLocation, useParams } from 'wouter';
import { METRIC_IDS, METRICS, type MetricId } from '../../../src/environment/metrics';
import type {
  GatewayAnswer,
  StationAdminDetailAnswer,
  ThresholdAnswer,
} from '../../../src/environment/schemas';
import { api } from '../api';
import { loadCatalog } from '../catalog';
import { ErrorBox, Notice, useAction, useLoad } from '../components/common';
import { formatDateTime, formatNumber } from '../format';
import {
  AlertLevel,
  EMPTY_STATION,
  explained,
  KIND_LABELS,
  LastSeen,
  StationFields,
  type StationForm,
  stationBody,
} from './stations';

// One station: its settings, the streams the poll job discovered at the gateway (with what
// cleaning dropped or flagged), and the alert thresholds per metric, which administrators
// set level by level (e.g. salinity 1, 2, 4 ‰ for rice).

const PinMap = lazy(() => import('../components/pin-map'));

type Station = StationAdminDetailAnswer;

function formOf(s: Station): StationForm {
  return {
    ...EMPTY_STATION,
    id: s.id,
    name: s.name,
    kind: s.kind,
    lat: String(s.lat),
    lng: String(s.lng),
    communeId: s.communeId ?? '',
    address: s.address ?? '',
    gatewayId: s.gatewayId,
    externalId: s.externalId,
    agencyId: s.agencyId ?? '',
    enabled: s.enabled,
  };
}

/** " (‰)", or nothing for metrics without a unit (pH, UV index, AQI). */
const unitSuffix = (metric: MetricId) => (METRICS[metric].unit ? ` (${METRICS[metric].unit})` : '');

interface LevelDraft {
  /** Stable across edits and removals, for React's list. */
  key: string;
  value: string;
  label: string;
}

const draftKey = () => crypto.randomUUID();

/** The levels of one metric, edited as a whole and saved with one PUT. */
function ThresholdEditor({
  stationId,
  metric,
  current,
  onSaved,
}: {
  stationId: string;
  metric: MetricId;
  current: ThresholdAnswer[];
  onSaved: (thresholds: ThresholdAnswer[]) => void;
}) {
  const [direction, setDirection] = useState<'above' | 'below'>(
    current[0]?.direction ?? (metric === 'ph' ? 'below' : 'above'),
  );
  const [levels, setLevels] = useState<LevelDraft[]>(
    current.map((t) => ({ key: draftKey(), value: String(t.value), label: t.label })),
  );
  const [saved, setSaved] = useState<string | null>(null);
  const action = useAction();
  const info = METRICS[metric];

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    let answer: ThresholdAnswer[] = [];
    const ok = await action.run(async () => {
      answer = (
        await explained(
          api<{ thresholds: ThresholdAnswer[] }>(
            'PUT',
            `/admin/environment/stations/${stationId}/thresholds/${metric}`,
            {
              body: {
                direction,
                levels: levels.map((l) => ({ value: Number(l.value), label: l.label.trim() })),
              },
            },
          ),
        )
      ).thresholds;
    });
    if (ok) {
      onSaved(answer);
      setSaved(levels.length ? 'Đã lưu các mức cảnh báo.' : 'Đã bỏ cảnh báo của chỉ số này.');
    }
  };

  const setLevel = (i: number, patch: Partial<LevelDraft>) =>
    setLevels(levels.map((l, j) => (j === i ? { ...l, ...patch } : l)));

  return (
    <form className="card" onSubmit={save} aria-label={`Ngưỡng cảnh báo ${info.name}`}>
      <div className="row-between">
        <h3>
          {info.name}
          <span className="muted small">{unitSuffix(metric)}</span>
        </h3>
        <label>
          Cảnh báo khi{' '}
          <select
            value={direction}
            onChange={(e) => setDirection(e.target.value as 'above' | 'below')}
          >
            <option value="above">vượt lên trên ngưỡng</option>
            <option value="below">xuống dưới ngưỡng</option>
          </select>
        </label>
      </div>
      <table className="table table--compact">
        <thead>
          <tr>
            <th>Mức</th>
            <th>Ngưỡng{unitSuffix(metric)}</th>
            <th>Ý nghĩa với người dân</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {levels.map((l, i) => (
            <tr key={l.key}>
              <td>
                <AlertLevel level={i + 1} />
              </td>
              <td>
                <input
                  type="number"
                  step="any"
                  required
                  className="narrow"
                  aria-label={`Ngưỡng mức ${i + 1}`}
                  min={info.min}
                  max={info.max}
                  value={l.value}
                  onChange={(e) => setLevel(i, { value: e.target.value })}
                />
              </td>
              <td>
                <input
                  required
                  style={{ width: '100%' }}
                  aria-label={`Ý nghĩa mức ${i + 1}`}
                  placeholder="Lúa bắt đầu bị ảnh hưởng"
                  value={l.label}
                  onChange={(e) => setLevel(i, { label: e.target.value })}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setLevels(levels.filter((_, j) => j !== i))}
                >
                  Bỏ
                </button>
              </td>
            </tr>
          ))}
          {levels.length === 0 ? (
            <tr>
              <td colSpan={4} className="empty">
                Chưa đặt cảnh báo cho chỉ số này.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <p className="muted small">
        Mức 1, 2, 3… theo thứ tự: ngưỡng {direction === 'above' ? 'tăng' : 'giảm'} dần. Cảnh báo
        được gửi một lần khi vượt ngưỡng và hết khi trở lại dưới mức 1.
      </p>
      <ErrorBox message={action.error} />
      <Notice message={saved} />
      <div className="row">
        <button
          type="button"
          disabled={levels.length >= 5}
          onClick={() => setLevels([...levels, { key: draftKey(), value: '', label: '' }])}
        >
          + Thêm mức
        </button>
        <button type="submit" className="primary" disabled={action.busy}>
          Lưu ngưỡng
        </button>
      </div>
    </form>
  );
}

export function StationPage() {
  const { id = '' } = useParams<{ id: string }>();
  const [, navigate] = useLocation();
  const station = useLoad(
    () => api<{ station: Station }>('GET', `/admin/environment/stations/${id}`),
    [id],
  );
  const gateways = useLoad(
    () => api<{ items: GatewayAnswer[] }>('GET', '/admin/environment/gateways'),
    [],
  );
  const catalog = useLoad(loadCatalog, []);
  const [form, setForm] = useState<StationForm | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();

  const s = station.data?.station;
  if (station.error) {
    return (
      <section className="page">
        <p>
          <Link href="/quan-tri/tram-quan-trac">‹ Trạm quan trắc</Link>
        </p>
        <ErrorBox message={station.error} />
      </section>
    );
  }
  if (!s) return <p className="muted pad">Đang tải…</p>;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!form) return;
    let saved: Station | undefined;
    const ok = await action.run(async () => {
      saved = (
        await explained(
          api<{ station: Station }>('PATCH', `/admin/environment/stations/${s.id}`, {
            body: stationBody(form),
          }),
        )
      ).station;
    });
    if (ok && saved) {
      station.setData({ station: saved });
      setForm(null);
      setNotice('Đã lưu thông tin trạm.');
    }
  };

  const remove = async () => {
    if (
      !window.confirm(
        `Xoá trạm ${s.name} cùng toàn bộ số liệu, cảnh báo và người theo dõi? Không hoàn tác được. Muốn giữ số liệu, hãy tắt trạm.`,
      )
    ) {
      return;
    }
    const ok = await action.run(() => api('DELETE', `/admin/environment/stations/${s.id}`));
    if (ok) navigate('/quan-tri/tram-quan-trac');
  };

  // Thresholds for the metrics of the station's kind, and any other metric it measures.
  const measured = new Set(s.streams.map((st) => st.metric));
  const metrics = METRIC_IDS.filter((m) => METRICS[m].kind === s.kind || measured.has(m));
  const thresholdsOf = (metric: MetricId) => s.thresholds.filter((t) => t.metric === metric);
  const onThresholds = (metric: MetricId, thresholds: ThresholdAnswer[]) =>
    station.setData({
      station: {
        ...s,
        thresholds: [...s.thresholds.filter((t) => t.metric !== metric), ...thresholds],
      },
    });

  return (
    <section className="page">
      <p>
        <Link href="/quan-tri/tram-quan-trac">‹ Trạm quan trắc</Link>
      </p>
      <header className="page__header row-between">
        <div>
          <h1>
            {s.name} {s.enabled ? null : <span className="tag">Đã tắt</span>}
          </h1>
          <p className="muted">
            {KIND_LABELS[s.kind]} · <span className="code">{s.id}</span>
            {s.communeName ? ` · ${s.communeName}` : ''}
            {s.agencyName ? ` · ${s.agencyName}` : ''}
          </p>
        </div>
        <div className="row">
          <button type="button" onClick={() => setForm(form ? null : formOf(s))}>
            {form ? 'Đóng' : 'Sửa thông tin'}
          </button>
          <button type="button" className="danger" disabled={action.busy} onClick={remove}>
            Xoá trạm
          </button>
        </div>
      </header>
      <Notice message={notice} />
      <ErrorBox message={form ? null : action.error} />
      {form ? (
        <form className="card form-grid" onSubmit={save} aria-label="Thông tin trạm">
          <StationFields
            form={form}
            setForm={setForm}
            gateways={gateways.data?.items ?? []}
            catalog={catalog.data}
            isNew={false}
          />
          <p className="muted small">
            Đổi cổng dữ liệu hoặc mã tại cổng: số liệu đã lưu được giữ, chỉ số được nhận lại từ cổng
            mới ở lượt đọc kế tiếp.
          </p>
          <ErrorBox message={action.error} />
          <div className="row">
            <button type="submit" className="primary" disabled={action.busy}>
              Lưu
            </button>
            <button type="button" onClick={() => setForm(null)}>
              Huỷ
            </button>
          </div>
        </form>
      ) : null}

      <div className="two-col">
        <div className="block">
          <h2>Vị trí</h2>
          <dl className="facts">
            <dt>Toạ độ</dt>
            <dd>
              {formatNumber(s.lat, 5)}, {formatNumber(s.lng, 5)}
            </dd>
            <dt>Vị trí</dt>
            <dd>{s.address ?? '—'}</dd>
            <dt>Cổng dữ liệu</dt>
            <dd>
              <Link href="/quan-tri/cong-du-lieu">{s.gatewayName}</Link> ·{' '}
              <span className="code">{s.externalId}</span>
            </dd>
            <dt>Số liệu mới nhất</dt>
            <dd>
              <LastSeen at={s.lastObservedAt} />
            </dd>
            <dt>Cảnh báo đang có</dt>
            <dd>
              <AlertLevel level={s.activeAlertLevel} />
            </dd>
          </dl>
        </div>
        <Suspense fallback={<div className="pin-map" />}>
          <PinMap lat={s.lat} lng={s.lng} />
        </Suspense>
      </div>

      <h2>Chỉ số đo</h2>
      <table className="table">
        <thead>
          <tr>
            <th>Chỉ số</th>
            <th className="num">Giá trị mới nhất</th>
            <th>Lúc đo</th>
            <th>Đơn vị tại cổng</th>
            <th className="num">Giá trị bị loại</th>
            <th className="num">Nhảy bất thường</th>
          </tr>
        </thead>
        <tbody>
          {s.streams.map((st) => (
            <tr key={st.id}>
              <td>
                {st.name}
                <div className="muted small code">{st.externalId}</div>
              </td>
              <td className="num">
                {formatNumber(
                  st.lastValue,
                  st.metric in METRICS ? METRICS[st.metric as MetricId].decimals : 2,
                )}{' '}
                {st.unit}
              </td>
              <td className="nowrap">{formatDateTime(st.lastObservedAt)}</td>
              <td className="code">{st.sourceUnit || '—'}</td>
              <td className="num">{st.droppedCount}</td>
              <td className="num">{st.spikeCount}</td>
            </tr>
          ))}
          {s.streams.length === 0 ? (
            <tr>
              <td colSpan={6} className="empty">
                Chưa nhận được chỉ số nào từ cổng dữ liệu (trạm mới được đọc ở lượt kế tiếp).
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>

      <h2>Ngưỡng cảnh báo</h2>
      {metrics.map((metric) => (
        <ThresholdEditor
          key={metric}
          stationId={s.id}
          metric={metric}
          current={thresholdsOf(metric)}
          onSaved={(t) => onThresholds(metric, t)}
        />
      ))}
    </section>
  );
}
