import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { ApiError, api, apiFetch, messageOf } from '../api';

// Socio-economic indicators of the agency (/chi-tieu): definitions, values per period edited
// in place, and the import of whole files (XLSX/CSV) checked first (dry run), with every line's
// error shown, then imported all at once.

type Frequency = 'year' | 'quarter' | 'month';
type Indicator = {
  id: string;
  code: string;
  groupName: string;
  name: string;
  unit: string;
  description: string;
  frequency: Frequency;
  higherIsBetter: boolean;
  status: 'draft' | 'published' | 'archived';
  version: number;
  latestPeriod: string | null;
  valueCount: number;
};
type Value = { period: string; value: number; target: number | null; note: string | null };
type ImportResult = {
  dryRun: boolean;
  rows: number;
  created: number;
  changed: number;
  unchanged: number;
  indicators: number;
};
type LineError = { line: number; field: string | null; message: string };
type ImportRow = {
  id: string;
  fileName: string;
  format: string;
  rows: number;
  importedByName: string | null;
  createdAt: string;
};

const FREQ: Record<Frequency, string> = { year: 'Năm', quarter: 'Quý', month: 'Tháng' };
const STATUS = { draft: 'Nháp', published: 'Đã công bố', archived: 'Lưu trữ' } as const;
const vn = (n: number | null) =>
  n === null ? '–' : new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 6 }).format(n);

function ImportPanel({ onDone }: { onDone: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<ImportResult | null>(null);
  const [errors, setErrors] = useState<{ errors: LineError[]; total: number } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setMessage(null);
    setErrors(null);
    try {
      const form = new FormData();
      form.append('file', file);
      const res = await apiFetch('POST', '/work/indicators/imports', {
        body: form,
        query: { dryRun: dryRun ? 'true' : 'false', fileName: file.name },
      });
      const body = (await res.json()) as ImportResult & {
        error?: { code: string; message: string; details?: { errors: LineError[]; total: number } };
      };
      if (!res.ok) {
        setChecked(null);
        if (body.error?.code === 'import_invalid' && body.error.details) {
          setErrors(body.error.details);
        }
        setMessage(body.error?.message ?? `Lỗi ${res.status}`);
        return;
      }
      if (dryRun) setChecked(body);
      else {
        setChecked(null);
        setFile(null);
        setMessage(
          `Đã nhập ${body.rows} dòng: ${body.created} mới, ${body.changed} thay đổi, ${body.unchanged} không đổi.`,
        );
        onDone();
      }
    } catch (e) {
      setMessage(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-label="Nhập số liệu">
      <h2>Nhập số liệu từ tệp</h2>
      <p className="muted">
        XLSX (trang tính đầu) hoặc CSV UTF-8, tối đa 5 MB. Cột: Mã chỉ tiêu, Kỳ, Giá trị, Kế hoạch,
        Ghi chú. Kỳ: 2025, Quý 3/2025, 07/2025. Số: 1.234,5 hoặc 1234,5.{' '}
        <a href="/api/v1/work/indicators/template.xlsx">Tải tệp mẫu</a>
      </p>
      <input
        type="file"
        accept=".xlsx,.csv,text/csv"
        data-testid="indicator-import-file"
        onChange={(e) => {
          setFile(e.target.files?.[0] ?? null);
          setChecked(null);
          setErrors(null);
          setMessage(null);
        }}
      />
      <div className="row">
        <button type="button" disabled={!file || busy} onClick={() => void send(true)}>
          Kiểm tra
        </button>
        {checked ? (
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => void send(false)}
          >
            Nhập
          </button>
        ) : null}
      </div>
      {checked ? (
        <p role="status" data-testid="indicator-import-summary">
          Tệp hợp lệ: {checked.rows} dòng cho {checked.indicators} chỉ tiêu — {checked.created} mới,{' '}
          {checked.changed} thay đổi, {checked.unchanged} không đổi. Bấm "Nhập" để ghi.
        </p>
      ) : null}
      {message ? (
        <p role="alert" data-testid="indicator-import-message">
          {message}
        </p>
      ) : null}
      {errors ? (
        <table className="table" data-testid="indicator-import-errors">
          <thead>
            <tr>
              <th>Dòng</th>
              <th>Cột</th>
              <th>Lỗi</th>
            </tr>
          </thead>
          <tbody>
            {errors.errors.map((e) => (
              <tr key={`${e.line}-${e.field}-${e.message}`}>
                <td>{e.line}</td>
                <td>{e.field ?? ''}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
          {errors.total > errors.errors.length ? (
            <caption>
              Hiển thị {errors.errors.length}/{errors.total} lỗi.
            </caption>
          ) : null}
        </table>
      ) : null}
    </section>
  );
}

function ValuesEditor({ indicator, onChange }: { indicator: Indicator; onChange: () => void }) {
  const [values, setValues] = useState<Value[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ period: string; value: string; target: string } | null>(
    null,
  );
  const load = useCallback(async () => {
    const r = await api<{ values: Value[] }>('GET', `/work/indicators/${indicator.id}`);
    setValues(r.values);
  }, [indicator.id]);
  useEffect(() => {
    load().catch((e) => setError(messageOf(e)));
  }, [load]);

  const num = (s: string) => Number(s.trim().replace(/\./g, '').replace(',', '.'));
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!editing) return;
    setError(null);
    try {
      const r = await api<{ values: Value[] }>(
        'PUT',
        `/work/indicators/${indicator.id}/values/${encodeURIComponent(editing.period)}`,
        {
          body: {
            value: num(editing.value),
            target: editing.target.trim() ? num(editing.target) : null,
          },
        },
      );
      setValues(r.values);
      setEditing(null);
      onChange();
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <section className="card" aria-label="Số liệu">
      <h3>
        Số liệu: {indicator.name} ({indicator.unit})
      </h3>
      {error ? <p role="alert">{error}</p> : null}
      <form onSubmit={save} className="row">
        <input
          placeholder="Kỳ (2025, Quý 3/2025…)"
          value={editing?.period ?? ''}
          onChange={(e) =>
            setEditing({ value: '', target: '', ...editing, period: e.target.value })
          }
        />
        <input
          placeholder="Giá trị (1.234,5)"
          value={editing?.value ?? ''}
          onChange={(e) =>
            setEditing({ period: '', target: '', ...editing, value: e.target.value })
          }
        />
        <input
          placeholder="Kế hoạch"
          value={editing?.target ?? ''}
          onChange={(e) =>
            setEditing({ period: '', value: '', ...editing, target: e.target.value })
          }
        />
        <button type="submit" className="primary" disabled={!editing?.period || !editing.value}>
          Lưu
        </button>
      </form>
      <table className="table">
        <thead>
          <tr>
            <th>Kỳ</th>
            <th>Giá trị</th>
            <th>Kế hoạch</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {[...values].reverse().map((v) => (
            <tr key={v.period}>
              <td>{v.period}</td>
              <td>{vn(v.value)}</td>
              <td>{vn(v.target)}</td>
              <td>
                <button
                  type="button"
                  onClick={() =>
                    setEditing({
                      period: v.period,
                      value: vn(v.value),
                      target: v.target === null ? '' : vn(v.target),
                    })
                  }
                >
                  Sửa
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const EMPTY = {
  code: '',
  groupName: 'Kinh tế',
  name: '',
  unit: '',
  description: '',
  frequency: 'year' as Frequency,
  higherIsBetter: true,
};

export default function IndicatorsPage() {
  const [items, setItems] = useState<Indicator[]>([]);
  const [imports, setImports] = useState<ImportRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<Indicator | null>(null);
  const [draft, setDraft] = useState<typeof EMPTY | null>(null);
  const [requestKey, setRequestKey] = useState(() => crypto.randomUUID());

  const reload = useCallback(async () => {
    try {
      const [list, hist] = await Promise.all([
        api<{ items: Indicator[] }>('GET', '/work/indicators', { query: { limit: 50 } }),
        api<{ items: ImportRow[] }>('GET', '/work/indicators/imports'),
      ]);
      setItems(list.items);
      setImports(hist.items);
      setSelected((s) => (s ? (list.items.find((i) => i.id === s.id) ?? null) : null));
    } catch (e) {
      setError(messageOf(e));
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  const saveDefinition = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    setError(null);
    try {
      if (selected) {
        await api('PATCH', `/work/indicators/${selected.id}`, {
          body: { ...draft, version: selected.version },
        });
      } else {
        await api('POST', '/work/indicators', { body: { ...draft, requestKey } });
        setRequestKey(crypto.randomUUID());
      }
      setDraft(null);
      await reload();
    } catch (err) {
      setError(
        err instanceof ApiError && err.code === 'version_conflict'
          ? `${err.message} (đã tải lại)`
          : messageOf(err),
      );
      if (err instanceof ApiError && err.code === 'version_conflict') await reload();
    }
  };

  const setStatus = async (ind: Indicator, action: 'publish' | 'archive') => {
    setError(null);
    try {
      await api('POST', `/work/indicators/${ind.id}/${action}`, { body: { version: ind.version } });
      await reload();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <section className="page">
      <header className="page__header row-between">
        <div>
          <h1>Chỉ tiêu kinh tế - xã hội</h1>
          <p className="muted">Định nghĩa chỉ tiêu, số liệu theo kỳ và nhập tệp XLSX/CSV.</p>
        </div>
        <button
          type="button"
          className="primary"
          onClick={() => {
            setSelected(null);
            setDraft({ ...EMPTY });
          }}
        >
          + Thêm chỉ tiêu
        </button>
      </header>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {draft ? (
        <form className="card form-grid" onSubmit={saveDefinition} aria-label="Chỉ tiêu">
          <h2>{selected ? `Sửa ${selected.code}` : 'Chỉ tiêu mới'}</h2>
          <label>
            Mã (IN HOA, số, _)
            <input
              required
              pattern="[A-Z0-9_]{2,40}"
              value={draft.code}
              onChange={(e) => setDraft({ ...draft, code: e.target.value.toUpperCase() })}
            />
          </label>
          <label>
            Tên
            <input
              required
              value={draft.name}
              onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            />
          </label>
          <label>
            Nhóm
            <input
              required
              value={draft.groupName}
              onChange={(e) => setDraft({ ...draft, groupName: e.target.value })}
            />
          </label>
          <label>
            Đơn vị
            <input
              required
              value={draft.unit}
              onChange={(e) => setDraft({ ...draft, unit: e.target.value })}
            />
          </label>
          <label>
            Loại kỳ
            <select
              value={draft.frequency}
              onChange={(e) => setDraft({ ...draft, frequency: e.target.value as Frequency })}
            >
              {(Object.keys(FREQ) as Frequency[]).map((f) => (
                <option key={f} value={f}>
                  {FREQ[f]}
                </option>
              ))}
            </select>
          </label>
          <label>
            <input
              type="checkbox"
              checked={draft.higherIsBetter}
              onChange={(e) => setDraft({ ...draft, higherIsBetter: e.target.checked })}
            />{' '}
            Tăng là tốt (bỏ chọn với tỷ lệ hộ nghèo, thất nghiệp…)
          </label>
          <label>
            Mô tả
            <textarea
              value={draft.description}
              onChange={(e) => setDraft({ ...draft, description: e.target.value })}
            />
          </label>
          <div className="row">
            <button type="submit" className="primary">
              Lưu
            </button>
            <button type="button" onClick={() => setDraft(null)}>
              Huỷ
            </button>
          </div>
        </form>
      ) : null}
      <ImportPanel onDone={() => void reload()} />
      <table className="table" data-testid="indicator-list">
        <thead>
          <tr>
            <th>Mã</th>
            <th>Tên</th>
            <th>Nhóm</th>
            <th>Đơn vị</th>
            <th>Kỳ</th>
            <th>Trạng thái</th>
            <th>Kỳ mới nhất</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id} aria-selected={selected?.id === i.id}>
              <td>{i.code}</td>
              <td>{i.name}</td>
              <td>{i.groupName}</td>
              <td>{i.unit}</td>
              <td>{FREQ[i.frequency]}</td>
              <td>{STATUS[i.status]}</td>
              <td>{i.latestPeriod ?? '–'}</td>
              <td className="row">
                <button type="button" onClick={() => setSelected(i)}>
                  Số liệu
                </button>
                <button
                  type="button"
                  onClick={() => {
                    setSelected(i);
                    setDraft({
                      code: i.code,
                      groupName: i.groupName,
                      name: i.name,
                      unit: i.unit,
                      description: i.description,
                      frequency: i.frequency,
                      higherIsBetter: i.higherIsBetter,
                    });
                  }}
                >
                  Sửa
                </button>
                {i.status !== 'published' ? (
                  <button type="button" onClick={() => void setStatus(i, 'publish')}>
                    Công bố
                  </button>
                ) : (
                  <button type="button" onClick={() => void setStatus(i, 'archive')}>
                    Lưu trữ
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {selected && !draft ? (
        <ValuesEditor key={selected.id} indicator={selected} onChange={() => void reload()} />
      ) : null}
      <section className="card" aria-label="Lịch sử nhập">
        <h2>Lịch sử nhập tệp</h2>
        <table className="table" data-testid="indicator-imports">
          <thead>
            <tr>
              <th>Thời gian</th>
              <th>Tệp</th>
              <th>Số dòng</th>
              <th>Người nhập</th>
            </tr>
          </thead>
          <tbody>
            {imports.map((m) => (
              <tr key={m.id}>
                <td>{new Date(m.createdAt).toLocaleString('vi-VN')}</td>
                <td>
                  {m.fileName} ({m.format.toUpperCase()})
                </td>
                <td>{m.rows}</td>
                <td>{m.importedByName ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}
