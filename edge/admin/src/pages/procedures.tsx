import { type FormEvent, useState } from 'react';
import { api } from '../api';
import { ErrorBox, useLoad } from '../components/common';
import { RichTextEditor } from '../components/rich-text-editor';
import { formatDateTime } from '../format';
import { isCode, Toast, useFeedback } from '../services/shared';
import '../services/services.css';

// The agency's public services catalogue: each procedure's documents, fee, processing time,
// steps and the portal link where citizens file it. A procedure is a draft until published;
// the API checks the national code (unique), the https portal link and the documents.

type Level = 'full' | 'partial' | 'info';
type Status = 'draft' | 'published' | 'archived';

interface Summary {
  id: string;
  code: string | null;
  agencyName: string;
  field: string;
  name: string;
  level: Level;
  feeText: string;
  processingTime: string;
  status: Status;
  version: number;
  updatedAt: string;
}

interface Procedure extends Summary {
  feeVnd: number | null;
  processingDays: number | null;
  documents: string[];
  bodyHtml: string;
  portalUrl: string;
  en: Record<string, unknown>;
}

const LEVEL_LABELS: Record<Level, string> = {
  full: 'Toàn trình',
  partial: 'Một phần',
  info: 'Cung cấp thông tin',
};
const STATUS_LABELS: Record<Status, string> = {
  draft: 'Bản nháp',
  published: 'Đã công bố',
  archived: 'Đã lưu trữ',
};
const STATUS_BADGE: Record<Status, string> = {
  draft: 'badge badge--received',
  published: 'badge badge--resolved',
  archived: 'badge badge--rejected',
};
const DEFAULT_PORTAL = 'https://dichvucong.haugiang.gov.vn';

interface Form {
  code: string;
  field: string;
  name: string;
  level: Level;
  feeText: string;
  feeVnd: string;
  processingTime: string;
  processingDays: string;
  documents: string[];
  bodyHtml: string;
  portalUrl: string;
  enName: string;
  enField: string;
  enFeeText: string;
  enProcessingTime: string;
}

const enText = (p: Procedure | null, key: string) =>
  p && typeof p.en[key] === 'string' ? (p.en[key] as string) : '';

const formOf = (p: Procedure | null): Form => ({
  code: p?.code ?? '',
  field: p?.field ?? '',
  name: p?.name ?? '',
  level: p?.level ?? 'partial',
  feeText: p?.feeText ?? '',
  feeVnd: p?.feeVnd === null || p?.feeVnd === undefined ? '' : String(p.feeVnd),
  processingTime: p?.processingTime ?? '',
  processingDays:
    p?.processingDays === null || p?.processingDays === undefined ? '' : String(p.processingDays),
  documents: p?.documents.length ? p.documents : [''],
  bodyHtml: p?.bodyHtml ?? '',
  portalUrl: p?.portalUrl ?? DEFAULT_PORTAL,
  enName: enText(p, 'name'),
  enField: enText(p, 'field'),
  enFeeText: enText(p, 'feeText'),
  enProcessingTime: enText(p, 'processingTime'),
});

const bodyOf = (f: Form) => ({
  code: f.code.trim() || null,
  field: f.field.trim(),
  name: f.name.trim(),
  level: f.level,
  feeText: f.feeText.trim(),
  feeVnd: f.feeVnd.trim() === '' ? null : Number(f.feeVnd),
  processingTime: f.processingTime.trim(),
  processingDays: f.processingDays.trim() === '' ? null : Number(f.processingDays),
  documents: f.documents.map((d) => d.trim()).filter(Boolean),
  bodyHtml: f.bodyHtml,
  portalUrl: f.portalUrl.trim(),
  en: {
    name: f.enName.trim() || undefined,
    field: f.enField.trim() || undefined,
    feeText: f.enFeeText.trim() || undefined,
    processingTime: f.enProcessingTime.trim() || undefined,
  },
});

function Editor({
  procedure,
  busy,
  onSave,
  onStatus,
  onDelete,
  onClose,
}: {
  procedure: Procedure | null;
  busy: boolean;
  onSave: (form: Form, requestKey: string) => Promise<boolean>;
  onStatus: (to: 'publish' | 'archive') => void;
  onDelete: () => void;
  onClose: () => void;
}) {
  const [form, setForm] = useState(() => formOf(procedure));
  // One key per opened form: a second click after a lost answer creates the procedure once.
  const [requestKey] = useState(() => crypto.randomUUID());
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm({ ...form, [key]: value });
  const setDoc = (i: number, value: string) =>
    set(
      'documents',
      form.documents.map((d, j) => (j === i ? value : d)),
    );
  const moveDoc = (i: number, step: -1 | 1) => {
    const j = i + step;
    if (j < 0 || j >= form.documents.length) return;
    const docs = [...form.documents];
    [docs[i], docs[j]] = [docs[j] as string, docs[i] as string];
    set('documents', docs);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await onSave(form, requestKey);
  };
  return (
    <form className="card form-grid svc-editor" onSubmit={submit} aria-label="Thủ tục">
      <div className="row-between svc-span">
        <h2>{procedure ? procedure.name : 'Thủ tục mới'}</h2>
        {procedure ? (
          <span className={STATUS_BADGE[procedure.status]}>{STATUS_LABELS[procedure.status]}</span>
        ) : null}
      </div>
      <label className="svc-span">
        Tên thủ tục
        <input
          name="name"
          required
          maxLength={300}
          placeholder="Đăng ký khai sinh"
          value={form.name}
          onChange={(e) => set('name', e.target.value)}
        />
      </label>
      <label>
        Mã thủ tục (Cơ sở dữ liệu quốc gia)
        <input
          name="code"
          pattern="\d\.\d{6}"
          placeholder="1.001193"
          value={form.code}
          onChange={(e) => set('code', e.target.value)}
        />
      </label>
      <label>
        Lĩnh vực
        <input
          name="field"
          required
          maxLength={100}
          placeholder="Hộ tịch"
          value={form.field}
          onChange={(e) => set('field', e.target.value)}
        />
      </label>
      <label>
        Mức độ trực tuyến
        <select
          name="level"
          value={form.level}
          onChange={(e) => set('level', e.target.value as Level)}
        >
          {(Object.keys(LEVEL_LABELS) as Level[]).map((l) => (
            <option key={l} value={l}>
              {LEVEL_LABELS[l]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Đường dẫn trên Cổng dịch vụ công (https)
        <input
          name="portalUrl"
          type="url"
          required
          pattern="https://.*"
          value={form.portalUrl}
          onChange={(e) => set('portalUrl', e.target.value)}
        />
      </label>
      <label>
        Lệ phí (như công bố)
        <input
          name="feeText"
          required
          maxLength={300}
          placeholder="Miễn phí; 8.000 đồng/bản"
          value={form.feeText}
          onChange={(e) => set('feeText', e.target.value)}
        />
      </label>
      <label>
        Lệ phí (số tiền, đồng)
        <input
          name="feeVnd"
          type="number"
          min={0}
          step={1}
          value={form.feeVnd}
          onChange={(e) => set('feeVnd', e.target.value)}
        />
      </label>
      <label>
        Thời hạn giải quyết
        <input
          name="processingTime"
          required
          maxLength={200}
          placeholder="03 ngày làm việc"
          value={form.processingTime}
          onChange={(e) => set('processingTime', e.target.value)}
        />
      </label>
      <label>
        Số ngày làm việc
        <input
          name="processingDays"
          type="number"
          min={0}
          max={365}
          step={1}
          value={form.processingDays}
          onChange={(e) => set('processingDays', e.target.value)}
        />
      </label>
      <fieldset className="svc-span">
        <legend>Thành phần hồ sơ ({form.documents.filter((d) => d.trim()).length}/30)</legend>
        {form.documents.map((d, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, by position
          <div key={i} className="row">
            <input
              aria-label={`Giấy tờ ${i + 1}`}
              maxLength={300}
              value={d}
              onChange={(e) => setDoc(i, e.target.value)}
              style={{ flex: 1 }}
            />
            <button type="button" aria-label="Lên" onClick={() => moveDoc(i, -1)}>
              ↑
            </button>
            <button type="button" aria-label="Xuống" onClick={() => moveDoc(i, 1)}>
              ↓
            </button>
            <button
              type="button"
              aria-label={`Bỏ giấy tờ ${i + 1}`}
              onClick={() =>
                set(
                  'documents',
                  form.documents.filter((_, j) => j !== i),
                )
              }
            >
              ✕
            </button>
          </div>
        ))}
        <button
          type="button"
          disabled={form.documents.length >= 30}
          onClick={() => set('documents', [...form.documents, ''])}
        >
          + Thêm giấy tờ
        </button>
      </fieldset>
      <div className="svc-span">
        <RichTextEditor
          label="Trình tự thực hiện, nơi nộp, căn cứ pháp lý"
          value={form.bodyHtml}
          onChange={(html) => set('bodyHtml', html)}
        />
      </div>
      <h3 className="svc-span">Tiếng Anh (không bắt buộc)</h3>
      <label>
        Tên thủ tục
        <input name="enName" value={form.enName} onChange={(e) => set('enName', e.target.value)} />
      </label>
      <label>
        Lĩnh vực
        <input
          name="enField"
          value={form.enField}
          onChange={(e) => set('enField', e.target.value)}
        />
      </label>
      <label>
        Lệ phí
        <input
          name="enFeeText"
          value={form.enFeeText}
          onChange={(e) => set('enFeeText', e.target.value)}
        />
      </label>
      <label>
        Thời hạn
        <input
          name="enProcessingTime"
          value={form.enProcessingTime}
          onChange={(e) => set('enProcessingTime', e.target.value)}
        />
      </label>
      <div className="row svc-span">
        <button type="submit" className="primary" disabled={busy}>
          {procedure ? 'Lưu' : 'Tạo bản nháp'}
        </button>
        {procedure && procedure.status !== 'published' ? (
          <button type="button" disabled={busy} onClick={() => onStatus('publish')}>
            Công bố
          </button>
        ) : null}
        {procedure?.status === 'published' ? (
          <button type="button" disabled={busy} onClick={() => onStatus('archive')}>
            Lưu trữ
          </button>
        ) : null}
        {procedure?.status === 'draft' ? (
          <button type="button" disabled={busy} onClick={onDelete}>
            Xoá bản nháp
          </button>
        ) : null}
        <button type="button" onClick={onClose}>
          Đóng
        </button>
      </div>
    </form>
  );
}

export default function ProceduresPage() {
  const [q, setQ] = useState('');
  const [searched, setSearched] = useState('');
  const [status, setStatus] = useState<Status | ''>('');
  const [pages, setPages] = useState<string[]>([]);
  const list = useLoad(async () => {
    const first = await api<{ items: Summary[]; nextCursor: string | null }>(
      'GET',
      '/work/public-services/procedures',
      { query: { q: searched || undefined, status: status || undefined, limit: 50 } },
    );
    let items = first.items;
    let cursor = first.nextCursor;
    // "Xem thêm" pages already opened stay open after a save.
    for (let i = 0; i < pages.length && cursor; i++) {
      const next = await api<{ items: Summary[]; nextCursor: string | null }>(
        'GET',
        '/work/public-services/procedures',
        { query: { q: searched || undefined, status: status || undefined, limit: 50, cursor } },
      );
      items = [...items, ...next.items];
      cursor = next.nextCursor;
    }
    return { items, nextCursor: cursor };
  }, [searched, status, pages.length]);
  const feedback = useFeedback();
  const [open, setOpen] = useState<{ procedure: Procedure | null; key: string } | null>(null);

  const openProcedure = async (id: string) => {
    await feedback.run(async () => {
      const { procedure } = await api<{ procedure: Procedure }>(
        'GET',
        `/work/public-services/procedures/${id}`,
      );
      setOpen({ procedure, key: `${procedure.id}-${procedure.version}` });
    });
  };

  const act = async (work: () => Promise<{ procedure?: Procedure } | unknown>, success: string) => {
    let saved: Procedure | undefined;
    const ok = await feedback.run(async () => {
      try {
        const answer = (await work()) as { procedure?: Procedure } | undefined;
        saved = answer?.procedure;
      } catch (error) {
        if (isCode(error, 'version_conflict') && open?.procedure) {
          void openProcedure(open.procedure.id);
        }
        throw error;
      }
    }, success);
    if (ok) {
      setOpen(saved ? { procedure: saved, key: `${saved.id}-${saved.version}` } : null);
      await list.reload();
    }
    return ok;
  };

  const save = (form: Form, requestKey: string) => {
    const p = open?.procedure ?? null;
    return p
      ? act(
          () =>
            api('PATCH', `/work/public-services/procedures/${p.id}`, {
              body: { version: p.version, ...bodyOf(form) },
            }),
          'Đã lưu.',
        )
      : act(
          () =>
            api('POST', '/work/public-services/procedures', {
              body: { requestKey, ...bodyOf(form) },
            }),
          'Đã tạo bản nháp. Bấm "Công bố" để đưa lên danh mục.',
        );
  };

  const items = list.data?.items ?? [];
  return (
    <section className="page">
      <header className="page__header row-between">
        <div>
          <h1>Dịch vụ công</h1>
          <p className="muted">
            Danh mục thủ tục hành chính của cơ quan: hồ sơ, lệ phí, thời hạn, các bước và đường dẫn
            nộp hồ sơ trên Cổng dịch vụ công.
          </p>
        </div>
        <button
          type="button"
          className="primary"
          onClick={() => setOpen({ procedure: null, key: crypto.randomUUID() })}
        >
          + Thêm thủ tục
        </button>
      </header>
      <Toast feedback={feedback} />
      {open ? (
        <Editor
          key={open.key}
          procedure={open.procedure}
          busy={feedback.busy}
          onSave={save}
          onStatus={(to) => {
            const p = open.procedure;
            if (!p) return;
            void act(
              () =>
                api('POST', `/work/public-services/procedures/${p.id}/${to}`, {
                  body: { version: p.version },
                }),
              to === 'publish' ? 'Đã công bố.' : 'Đã gỡ khỏi danh mục.',
            );
          }}
          onDelete={() => {
            const p = open.procedure;
            if (!p) return;
            void act(
              () => api('DELETE', `/work/public-services/procedures/${p.id}`),
              'Đã xoá bản nháp.',
            ).then((ok) => ok && setOpen(null));
          }}
          onClose={() => setOpen(null)}
        />
      ) : null}
      <div className="filters">
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            setPages([]);
            setSearched(q.trim());
          }}
        >
          <input
            type="search"
            aria-label="Tìm thủ tục"
            placeholder="Tìm theo tên, mã, lĩnh vực (không cần dấu)"
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
          <button type="submit">Tìm</button>
        </form>
        <div className="segmented">
          {(['', 'draft', 'published', 'archived'] as const).map((s) => (
            <button
              key={s || 'all'}
              type="button"
              className={status === s ? 'is-active' : undefined}
              onClick={() => {
                setPages([]);
                setStatus(s);
              }}
            >
              {s ? STATUS_LABELS[s] : 'Tất cả'}
            </button>
          ))}
        </div>
      </div>
      <ErrorBox message={list.error} />
      <table className="table" aria-busy={list.loading && !list.data}>
        <thead>
          <tr>
            <th>Thủ tục</th>
            <th>Lĩnh vực</th>
            <th>Mức độ</th>
            <th>Lệ phí</th>
            <th>Thời hạn</th>
            <th>Trạng thái</th>
            <th>Sửa lúc</th>
          </tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr key={p.id} data-procedure-id={p.id}>
              <td>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => void openProcedure(p.id)}
                >
                  {p.name}
                </button>
                <div className="muted small">
                  {p.code ? `${p.code} · ` : ''}
                  {p.agencyName}
                </div>
              </td>
              <td>{p.field}</td>
              <td>{LEVEL_LABELS[p.level]}</td>
              <td>{p.feeText}</td>
              <td>{p.processingTime}</td>
              <td>
                <span className={STATUS_BADGE[p.status]}>{STATUS_LABELS[p.status]}</span>
              </td>
              <td className="nowrap">{formatDateTime(p.updatedAt)}</td>
            </tr>
          ))}
          {!list.loading && items.length === 0 ? (
            <tr>
              <td colSpan={7} className="empty">
                {searched ? `Không có thủ tục nào khớp "${searched}".` : 'Chưa có thủ tục nào.'}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {list.data?.nextCursor ? (
        <button type="button" onClick={() => setPages([...pages, list.data?.nextCursor ?? ''])}>
          Xem thêm
        </button>
      ) : null}
    </section>
  );
}
