import { type FormEvent, useState } from 'react';
import { api, apiFetch } from '../api';
import { ErrorBox, Notice, useAction, useLoad } from '../components/common';
import { formatDateTime } from '../format';
import '../services/services.css';

// The digital map for its editors (/ban-do-so): the agency's places with filters and search,
// importing a CSV or GeoJSON file (a dry run first: every line's error, or how many places
// would be added and updated; then the import, all or nothing), the history of imports, and
// correcting or hiding one place.

const BASE = '/work/places';

const CATEGORY_LABELS: Record<string, string> = {
  hospital: 'Bệnh viện',
  clinic: 'Phòng khám, trạm y tế',
  pharmacy: 'Nhà thuốc',
  kindergarten: 'Mầm non',
  school: 'Trường học',
  university: 'Đại học, cao đẳng',
  restaurant: 'Nhà hàng',
  hotel: 'Khách sạn',
  sight: 'Điểm tham quan',
  market: 'Chợ',
};
const DOMAIN_LABELS: Record<string, string> = {
  health: 'Y tế',
  education: 'Giáo dục',
  tourism: 'Du lịch',
};

interface WorkPlace {
  id: string;
  externalId: string | null;
  domain: string;
  category: string;
  name: string;
  address: string;
  communeId: string | null;
  communeName: string | null;
  lat: number;
  lng: number;
  phone: string | null;
  website: string | null;
  openingHours: string | null;
  description: string;
  status: 'draft' | 'published' | 'archived';
  version: number;
  updatedAt: string;
}

interface ImportResult {
  dryRun: boolean;
  format: 'csv' | 'geojson';
  rows: number;
  created: number;
  updated: number;
}

interface LineError {
  line: number;
  field: string | null;
  message: string;
}

interface ImportRecord {
  id: string;
  fileName: string;
  format: string;
  created: number;
  updated: number;
  importedByName: string | null;
  createdAt: string;
}

type Outcome =
  | { kind: 'checked'; result: ImportResult }
  | { kind: 'imported'; result: ImportResult }
  | { kind: 'invalid'; message: string; errors: LineError[]; total: number; format: string };

async function sendFile(file: File, dryRun: boolean): Promise<Outcome> {
  const form = new FormData();
  form.set('file', file);
  const res = await apiFetch('POST', `${BASE}/imports`, {
    body: form,
    query: { dryRun: String(dryRun), fileName: file.name },
  });
  const body = (await res.json().catch(() => null)) as
    | (ImportResult & { error?: undefined })
    | {
        error: {
          code: string;
          message: string;
          details?: { errors?: LineError[]; total?: number };
        };
      }
    | null;
  if (res.ok && body && !body.error) {
    return { kind: dryRun ? 'checked' : 'imported', result: body as ImportResult };
  }
  const error = body?.error;
  if (res.status === 422 && error?.code === 'import_invalid') {
    return {
      kind: 'invalid',
      message: error.message,
      errors: error.details?.errors ?? [],
      total: error.details?.total ?? 0,
      format: /json$/i.test(file.name) ? 'geojson' : 'csv',
    };
  }
  throw new Error(error?.message ?? `Nhập tệp không thành công (mã ${res.status}).`);
}

function ImportPanel({ onImported }: { onImported: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const action = useAction();

  const run = (dryRun: boolean) =>
    action.run(async () => {
      if (!file) return;
      const next = await sendFile(file, dryRun);
      setOutcome(next);
      if (next.kind === 'imported') onImported();
    });

  return (
    <section className="card" aria-label="Nhập tệp địa điểm" data-testid="places-import">
      <h2>Nhập từ tệp CSV hoặc GeoJSON</h2>
      <p className="muted small">
        Cột: id, name, domain, category, lat, lng, address, commune, phone, website, opening_hours,
        description, name_en, description_en. Tệp có lỗi sẽ không được nhập dòng nào. Dòng có id đã
        nhập trước sẽ được cập nhật.
      </p>
      <div className="row">
        <input
          type="file"
          accept=".csv,.geojson,.json,text/csv,application/geo+json,application/json"
          aria-label="Chọn tệp"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setOutcome(null);
          }}
        />
        <button
          type="button"
          disabled={!file || action.busy}
          onClick={() => void run(true)}
          data-testid="places-dry-run"
        >
          Kiểm tra tệp
        </button>
        {outcome?.kind === 'checked' ? (
          <button
            type="button"
            className="primary"
            disabled={action.busy}
            onClick={() => void run(false)}
            data-testid="places-import-run"
          >
            Nhập
          </button>
        ) : null}
      </div>
      <ErrorBox message={action.error} />
      {outcome?.kind === 'checked' ? (
        <Notice
          message={`Tệp hợp lệ (${outcome.result.rows} dòng): sẽ thêm ${outcome.result.created}, cập nhật ${outcome.result.updated} địa điểm. Bấm "Nhập" để ghi.`}
        />
      ) : null}
      {outcome?.kind === 'imported' ? (
        <Notice
          message={`Đã nhập: thêm ${outcome.result.created}, cập nhật ${outcome.result.updated} địa điểm.`}
        />
      ) : null}
      {outcome?.kind === 'invalid' ? (
        <div data-testid="places-import-errors">
          <ErrorBox message={outcome.message} />
          <table className="table">
            <thead>
              <tr>
                <th className="num">{outcome.format === 'geojson' ? 'Feature' : 'Dòng'}</th>
                <th>Cột</th>
                <th>Lỗi</th>
              </tr>
            </thead>
            <tbody>
              {outcome.errors.map((e) => (
                <tr key={`${e.line}-${e.field}-${e.message}`}>
                  <td className="num">{e.line}</td>
                  <td>{e.field ?? '—'}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {outcome.total > outcome.errors.length ? (
            <p className="muted small">
              Đang hiện {outcome.errors.length} trên {outcome.total} lỗi.
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function PlaceEditor({
  place,
  onSaved,
  onClose,
}: {
  place: WorkPlace;
  onSaved: () => void;
  onClose: () => void;
}) {
  const [name, setName] = useState(place.name);
  const [category, setCategory] = useState(place.category);
  const [address, setAddress] = useState(place.address);
  const [phone, setPhone] = useState(place.phone ?? '');
  const [openingHours, setOpeningHours] = useState(place.openingHours ?? '');
  const [lat, setLat] = useState(String(place.lat));
  const [lng, setLng] = useState(String(place.lng));
  const action = useAction();

  const save = (extra: { status?: 'archived' | 'published' } = {}) =>
    action.run(async () => {
      await api('PATCH', `${BASE}/${place.id}`, {
        body: {
          version: place.version,
          name: name.trim(),
          category,
          address: address.trim(),
          phone: phone.trim() || null,
          openingHours: openingHours.trim() || null,
          lat: Number(lat),
          lng: Number(lng),
          ...extra,
        },
      });
      onSaved();
    });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save();
  };

  return (
    <form className="card form-grid" onSubmit={submit} aria-label={`Sửa ${place.name}`}>
      <label>
        Tên
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      </label>
      <label>
        Loại
        <select value={category} onChange={(e) => setCategory(e.target.value)}>
          {Object.entries(CATEGORY_LABELS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <label>
        Địa chỉ
        <input value={address} onChange={(e) => setAddress(e.target.value)} maxLength={300} />
      </label>
      <label>
        Điện thoại
        <input value={phone} onChange={(e) => setPhone(e.target.value)} maxLength={40} />
      </label>
      <label>
        Giờ mở cửa
        <input
          value={openingHours}
          onChange={(e) => setOpeningHours(e.target.value)}
          maxLength={200}
        />
      </label>
      <label>
        Vĩ độ, kinh độ
        <span className="row">
          <input value={lat} onChange={(e) => setLat(e.target.value)} inputMode="decimal" />
          <input value={lng} onChange={(e) => setLng(e.target.value)} inputMode="decimal" />
        </span>
      </label>
      <ErrorBox message={action.error} />
      <div className="row">
        <button type="submit" className="primary" disabled={action.busy}>
          Lưu
        </button>
        {place.status === 'archived' ? (
          <button
            type="button"
            disabled={action.busy}
            onClick={() => void save({ status: 'published' })}
          >
            Hiện lại trên bản đồ
          </button>
        ) : (
          <button
            type="button"
            disabled={action.busy}
            onClick={() => void save({ status: 'archived' })}
          >
            Ẩn khỏi bản đồ
          </button>
        )}
        <button type="button" onClick={onClose}>
          Đóng
        </button>
      </div>
    </form>
  );
}

export default function PlacesPage() {
  const [q, setQ] = useState('');
  const [searched, setSearched] = useState('');
  const [domain, setDomain] = useState('');
  const [status, setStatus] = useState('');
  const [cursor, setCursor] = useState<string | null>(null);
  const [editing, setEditing] = useState<WorkPlace | null>(null);
  const list = useLoad(
    () =>
      api<{ items: WorkPlace[]; nextCursor: string | null }>('GET', BASE, {
        query: {
          q: searched || undefined,
          domain: domain || undefined,
          status: status || undefined,
          cursor: cursor ?? undefined,
          limit: 50,
        },
      }),
    [searched, domain, status, cursor],
  );
  const imports = useLoad(() => api<{ items: ImportRecord[] }>('GET', `${BASE}/imports`), []);
  const refresh = () => {
    void list.reload();
    void imports.reload();
  };

  return (
    <section className="page">
      <header className="page__header">
        <h1>Bản đồ số</h1>
        <p className="muted">
          Địa điểm y tế, giáo dục, du lịch của cơ quan trên bản đồ số của ứng dụng.
        </p>
      </header>
      <ImportPanel onImported={refresh} />
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setCursor(null);
          setSearched(q.trim());
        }}
      >
        <input
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="Tìm tên, địa chỉ (có dấu hoặc không dấu)"
          aria-label="Tìm địa điểm"
        />
        <select
          value={domain}
          aria-label="Lĩnh vực"
          onChange={(e) => {
            setCursor(null);
            setDomain(e.target.value);
          }}
        >
          <option value="">Mọi lĩnh vực</option>
          {Object.entries(DOMAIN_LABELS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
        <select
          value={status}
          aria-label="Trạng thái"
          onChange={(e) => {
            setCursor(null);
            setStatus(e.target.value);
          }}
        >
          <option value="">Mọi trạng thái</option>
          <option value="published">Đang hiện</option>
          <option value="archived">Đã ẩn</option>
          <option value="draft">Nháp</option>
        </select>
        <button type="submit">Tìm</button>
      </form>
      {editing ? (
        <PlaceEditor
          key={`${editing.id}-${editing.version}`}
          place={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            refresh();
          }}
        />
      ) : null}
      <ErrorBox message={list.error} />
      <table className="table" aria-busy={list.loading} data-testid="places-table">
        <thead>
          <tr>
            <th>Tên</th>
            <th>Loại</th>
            <th>Xã, phường</th>
            <th>Điện thoại</th>
            <th>Trạng thái</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(list.data?.items ?? []).map((p) => (
            <tr key={p.id}>
              <td>
                {p.name}
                <div className="muted small">
                  {p.externalId ? `Mã ${p.externalId} · ` : ''}
                  {p.address}
                </div>
              </td>
              <td>
                {DOMAIN_LABELS[p.domain]} · {CATEGORY_LABELS[p.category] ?? p.category}
              </td>
              <td>{p.communeName ?? <span className="muted">—</span>}</td>
              <td>{p.phone ?? <span className="muted">—</span>}</td>
              <td>
                {p.status === 'published'
                  ? 'Đang hiện'
                  : p.status === 'archived'
                    ? 'Đã ẩn'
                    : 'Nháp'}
              </td>
              <td>
                <button type="button" onClick={() => setEditing(p)}>
                  Sửa
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!list.loading && (list.data?.items.length ?? 0) === 0 ? (
        <p className="muted">Chưa có địa điểm nào. Hãy nhập tệp ở trên.</p>
      ) : null}
      <div className="row">
        {cursor ? (
          <button type="button" onClick={() => setCursor(null)}>
            Về trang đầu
          </button>
        ) : null}
        {list.data?.nextCursor ? (
          <button type="button" onClick={() => setCursor(list.data?.nextCursor ?? null)}>
            Trang sau
          </button>
        ) : null}
      </div>
      <section className="card" aria-label="Lịch sử nhập tệp">
        <h2>Lịch sử nhập tệp</h2>
        <ErrorBox message={imports.error} />
        <table className="table" data-testid="places-imports">
          <thead>
            <tr>
              <th>Thời điểm</th>
              <th>Tệp</th>
              <th>Người nhập</th>
              <th className="num">Thêm</th>
              <th className="num">Cập nhật</th>
            </tr>
          </thead>
          <tbody>
            {(imports.data?.items ?? []).map((i) => (
              <tr key={i.id}>
                <td>{formatDateTime(i.createdAt)}</td>
                <td>
                  {i.fileName} <span className="muted small">({i.format.toUpperCase()})</span>
                </td>
                <td>{i.importedByName ?? '—'}</td>
                <td className="num">{i.created}</td>
                <td className="num">{i.updated}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}
