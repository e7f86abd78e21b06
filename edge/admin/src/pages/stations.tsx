import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type {
  GatewayAnswer,
  StationAdminAnswer,
  StationAdminDetailAnswer,
} from '../../../src/environment/schemas';
import { ApiError, api } from '../api';
import { type Catalog, loadCatalog } from '../catalog';
import { ErrorBox, useAction, useLoad } from '../components/common';
import { formatDateTime } from '../format';

// The station registry: every station (enabled or not) with its gateway, commune, agency,
// when it last reported and its alert level; a form to register a new one. The station page
// (station.tsx) edits a station and its thresholds.

export type StationKind = StationAdminAnswer['kind'];

/**
 * The API's answer to a form that did not validate is a general message with the fields'
 * own messages in `details.issues` ("Ngưỡng mức 2 phải lớn hơn ngưỡng mức 1."): show those.
 */
export async function explained<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    const issues = (error as ApiError).details as { issues?: { message: string }[] } | undefined;
    if (error instanceof ApiError && error.code === 'validation_failed' && issues?.issues?.length) {
      const messages = [...new Set(issues.issues.map((i) => i.message))];
      throw new ApiError(error.status, error.code, messages.join(' '), error.details);
    }
    throw error;
  }
}

export const KIND_LABELS: Record<StationKind, string> = {
  weather: 'Khí tượng',
  water: 'Nước mặt',
  air: 'Không khí',
};

/** Badge classes by alert level: the higher, the warmer. */
export function AlertLevel({ level }: { level: number | null }) {
  if (!level) return <span className="muted">—</span>;
  const badge =
    level >= 3 ? 'badge--overdue' : level === 2 ? 'badge--in_progress' : 'badge--assigned';
  return <span className={`badge ${badge}`}>Mức {level}</span>;
}

/** "12 phút trước"-style freshness, red when a station has been silent for over an hour. */
export function LastSeen({ at }: { at: string | null }) {
  if (!at) return <span className="muted">Chưa có số liệu</span>;
  const minutes = Math.round((Date.now() - Date.parse(at)) / 60_000);
  const stale = minutes > 60;
  return (
    <span className={stale ? 'danger' : undefined} title={formatDateTime(at)}>
      {minutes < 1
        ? 'vừa xong'
        : minutes < 60
          ? `${minutes} phút trước`
          : minutes < 48 * 60
            ? `${Math.round(minutes / 60)} giờ trước`
            : formatDateTime(at)}
    </span>
  );
}

export interface StationForm {
  id: string;
  name: string;
  kind: StationKind;
  lat: string;
  lng: string;
  communeId: string;
  address: string;
  gatewayId: string;
  externalId: string;
  agencyId: string;
  enabled: boolean;
}

export const EMPTY_STATION: StationForm = {
  id: '',
  name: '',
  kind: 'water',
  lat: '',
  lng: '',
  communeId: '',
  address: '',
  gatewayId: '',
  externalId: '',
  agencyId: '',
  enabled: true,
};

/** The API's body from the form (no id: the create call adds it). */
export function stationBody(form: StationForm) {
  return {
    name: form.name.trim(),
    kind: form.kind,
    lat: Number(form.lat),
    lng: Number(form.lng),
    communeId: form.communeId || null,
    address: form.address.trim() || null,
    gatewayId: form.gatewayId,
    externalId: form.externalId.trim(),
    agencyId: form.agencyId || null,
    enabled: form.enabled,
  };
}

/** The fields of a station, shared by "new station" here and the station page. */
export function StationFields({
  form,
  setForm,
  gateways,
  catalog,
  isNew,
}: {
  form: StationForm;
  setForm: (form: StationForm) => void;
  gateways: GatewayAnswer[];
  catalog: Catalog | undefined;
  isNew: boolean;
}) {
  const set = <K extends keyof StationForm>(key: K, value: StationForm[K]) =>
    setForm({ ...form, [key]: value });
  return (
    <>
      {isNew ? (
        <label>
          Mã trạm (chữ thường không dấu, số, "_", "-")
          <input
            name="id"
            required
            pattern="[a-z0-9][a-z0-9_\-]{1,63}"
            value={form.id}
            onChange={(e) => set('id', e.target.value)}
          />
        </label>
      ) : null}
      <label>
        Tên trạm
        <input
          name="name"
          required
          value={form.name}
          onChange={(e) => set('name', e.target.value)}
        />
      </label>
      <label>
        Loại trạm
        <select
          name="kind"
          value={form.kind}
          onChange={(e) => set('kind', e.target.value as StationKind)}
        >
          {Object.entries(KIND_LABELS).map(([id, label]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Vĩ độ
        <input
          name="lat"
          type="number"
          step="any"
          min={-90}
          max={90}
          required
          value={form.lat}
          onChange={(e) => set('lat', e.target.value)}
        />
      </label>
      <label>
        Kinh độ
        <input
          name="lng"
          type="number"
          step="any"
          min={-180}
          max={180}
          required
          value={form.lng}
          onChange={(e) => set('lng', e.target.value)}
        />
      </label>
      <label>
        Xã/phường
        <select
          name="communeId"
          value={form.communeId}
          onChange={(e) => set('communeId', e.target.value)}
        >
          <option value="">—</option>
          {catalog?.communes.map((u) => (
            <option key={u.id} value={u.id}>
              {u.fullName}
            </option>
          ))}
        </select>
      </label>
      <label>
        Vị trí (như người dân gọi)
        <input
          name="address"
          placeholder="Cống Xẻo Chít, kênh Xà No"
          value={form.address}
          onChange={(e) => set('address', e.target.value)}
        />
      </label>
      <label>
        Cổng dữ liệu
        <select
          name="gatewayId"
          required
          value={form.gatewayId}
          onChange={(e) => set('gatewayId', e.target.value)}
        >
          <option value="">— Chọn cổng —</option>
          {gateways.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Mã trạm tại cổng (SensorThings: @iot.id của Thing)
        <input
          name="externalId"
          required
          value={form.externalId}
          onChange={(e) => set('externalId', e.target.value)}
        />
      </label>
      <label>
        Cơ quan quản lý
        <select
          name="agencyId"
          value={form.agencyId}
          onChange={(e) => set('agencyId', e.target.value)}
        >
          <option value="">—</option>
          {catalog?.agencies
            .filter((a) => a.id !== 'ubnd_xa_phuong')
            .map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
        </select>
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={form.enabled}
          onChange={(e) => set('enabled', e.target.checked)}
        />{' '}
        Đang hoạt động (đọc số liệu và hiện cho người dân)
      </label>
    </>
  );
}

export function StationsPage() {
  const [, navigate] = useLocation();
  const [kind, setKind] = useState<StationKind | ''>('');
  const [gatewayId, setGatewayId] = useState('');
  const [filter, setFilter] = useState('');
  const list = useLoad(
    () =>
      api<{ items: StationAdminAnswer[] }>('GET', '/admin/environment/stations', {
        query: { kind, gatewayId },
      }),
    [kind, gatewayId],
  );
  const gateways = useLoad(
    () => api<{ items: GatewayAnswer[] }>('GET', '/admin/environment/gateways'),
    [],
  );
  const catalog = useLoad(loadCatalog, []);
  const [creating, setCreating] = useState(false);
  const [form, setForm] = useState<StationForm>(EMPTY_STATION);
  const action = useAction();

  const create = async (event: FormEvent) => {
    event.preventDefault();
    let created: StationAdminDetailAnswer | undefined;
    const ok = await action.run(async () => {
      created = (
        await explained(
          api<{ station: StationAdminDetailAnswer }>('POST', '/admin/environment/stations', {
            body: { id: form.id.trim(), ...stationBody(form) },
          }),
        )
      ).station;
    });
    // Next: its thresholds, on the station page.
    if (ok && created) navigate(`/quan-tri/tram-quan-trac/${created.id}`);
  };

  const needle = filter.trim().toLowerCase();
  const items = (list.data?.items ?? []).filter(
    (s) =>
      !needle ||
      s.name.toLowerCase().includes(needle) ||
      s.id.includes(needle) ||
      (s.communeName ?? '').toLowerCase().includes(needle),
  );

  return (
    <section className="page">
      <header className="page__header row-between">
        <div>
          <h1>Trạm quan trắc</h1>
          <p className="muted">
            Trạm khí tượng, nước mặt và không khí; chỉ số đo được phát hiện từ cổng dữ liệu.
          </p>
        </div>
        <button
          type="button"
          className="primary"
          onClick={() => {
            setCreating(true);
            setForm({ ...EMPTY_STATION, gatewayId: gateways.data?.items[0]?.id ?? '' });
            action.setError(null);
          }}
        >
          + Thêm trạm
        </button>
      </header>
      <ErrorBox message={list.error ?? gateways.error} />
      {creating ? (
        <form className="card form-grid" onSubmit={create} aria-label="Thêm trạm">
          <h2>Thêm trạm quan trắc</h2>
          <StationFields
            form={form}
            setForm={setForm}
            gateways={gateways.data?.items ?? []}
            catalog={catalog.data}
            isNew
          />
          <ErrorBox message={action.error} />
          <div className="row">
            <button type="submit" className="primary" disabled={action.busy}>
              Thêm
            </button>
            <button type="button" onClick={() => setCreating(false)}>
              Huỷ
            </button>
          </div>
        </form>
      ) : null}
      <div className="filters">
        <label>
          Loại
          <select value={kind} onChange={(e) => setKind(e.target.value as StationKind | '')}>
            <option value="">Tất cả</option>
            {Object.entries(KIND_LABELS).map(([id, label]) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Cổng dữ liệu
          <select value={gatewayId} onChange={(e) => setGatewayId(e.target.value)}>
            <option value="">Tất cả</option>
            {gateways.data?.items.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </label>
        <label className="grow">
          Lọc theo tên, mã, xã/phường
          <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </label>
      </div>
      <table className="table" aria-busy={list.loading}>
        <thead>
          <tr>
            <th>Trạm</th>
            <th>Loại</th>
            <th>Xã/phường</th>
            <th>Cổng dữ liệu</th>
            <th className="num">Chỉ số</th>
            <th>Số liệu mới nhất</th>
            <th>Cảnh báo</th>
          </tr>
        </thead>
        <tbody>
          {items.map((s) => (
            <tr key={s.id}>
              <td>
                <Link href={`/quan-tri/tram-quan-trac/${s.id}`}>{s.name}</Link>
                {s.enabled ? null : <span className="tag">Đã tắt</span>}
                <div className="muted small">
                  <span className="code">{s.id}</span>
                  {s.agencyName ? ` · ${s.agencyName}` : ''}
                </div>
              </td>
              <td>{KIND_LABELS[s.kind]}</td>
              <td>{s.communeName ?? '—'}</td>
              <td>
                {s.gatewayName}
                <div className="muted small code">{s.externalId}</div>
              </td>
              <td className="num">{s.streamCount}</td>
              <td className="nowrap">
                <LastSeen at={s.lastObservedAt} />
              </td>
              <td>
                <AlertLevel level={s.activeAlertLevel} />
              </td>
            </tr>
          ))}
          {!list.loading && items.length === 0 ? (
            <tr>
              <td colSpan={7} className="empty">
                Không có trạm nào.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </section>
  );
}
