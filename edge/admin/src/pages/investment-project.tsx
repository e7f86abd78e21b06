import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'wouter';
import { api } from '../api';
import { ErrorBox, useLoad } from '../components/common';
import { RichTextEditor } from '../components/rich-text-editor';
import { formatDateTime } from '../format';
import { ProgressBar, Toast, useFeedback } from '../services/shared';
import {
  ContentBadge,
  type ContentStatus,
  investmentApi,
  STAGE_LABELS,
  type Stage,
  uploadDocument,
  type WorkProject,
} from './investment';
import '../services/services.css';

// One project calling for investment (/dau-tu/du-an/:id, `new` for a new one): its text in
// Vietnamese and English, sector, stage, place, size and capital, its documents, and
// publishing. Saving names the version that was loaded, so two editors never overwrite each
// other silently.

const MAX_BYTES = 20 * 1024 * 1024;
const ACCEPT =
  '.pdf,.docx,.xlsx,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Form {
  title: string;
  summary: string;
  bodyHtml: string;
  sectorId: string;
  stage: Stage;
  location: string;
  communeId: string;
  lat: string;
  lng: string;
  areaHectares: string;
  /** Billions of VND as typed ("450", "1,5"). */
  capitalBillion: string;
  enTitle: string;
  enSummary: string;
  enBody: string;
  enLocation: string;
}

const BLANK: Form = {
  title: '',
  summary: '',
  bodyHtml: '',
  sectorId: '',
  stage: 'calling',
  location: '',
  communeId: '',
  lat: '',
  lng: '',
  areaHectares: '',
  capitalBillion: '',
  enTitle: '',
  enSummary: '',
  enBody: '',
  enLocation: '',
};

const decimal = (text: string): number | null => {
  const t = text.trim().replace(',', '.');
  if (!t) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : Number.NaN;
};

function formOf(p: WorkProject): Form {
  const text = (n: number | null) => (n === null ? '' : String(n).replace('.', ','));
  return {
    title: p.title,
    summary: p.summary,
    bodyHtml: p.bodyHtml,
    sectorId: p.sectorId,
    stage: p.stage,
    location: p.location,
    communeId: p.communeId ?? '',
    lat: p.lat === null ? '' : String(p.lat),
    lng: p.lng === null ? '' : String(p.lng),
    areaHectares: text(p.areaHectares),
    capitalBillion: p.capitalVnd === null ? '' : text(p.capitalVnd / 1_000_000_000),
    enTitle: p.en.title ?? '',
    enSummary: p.en.summary ?? '',
    enBody: p.en.bodyHtml ?? '',
    enLocation: p.en.location ?? '',
  };
}

function bodyOf(f: Form) {
  const capital = decimal(f.capitalBillion);
  return {
    title: f.title.trim(),
    summary: f.summary.trim(),
    bodyHtml: f.bodyHtml,
    sectorId: f.sectorId,
    stage: f.stage,
    location: f.location.trim(),
    communeId: f.communeId || null,
    lat: decimal(f.lat),
    lng: decimal(f.lng),
    areaHectares: decimal(f.areaHectares),
    // Integer VND: the API keeps exact đồng.
    capitalVnd: capital === null ? null : Math.round(capital * 1_000_000_000),
    en: {
      title: f.enTitle.trim(),
      summary: f.enSummary.trim(),
      bodyHtml: f.enBody,
      location: f.enLocation.trim(),
    },
  };
}

const sizeLabel = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;

export default function InvestmentProjectPage() {
  const { id = 'new' } = useParams<{ id: string }>();
  const [, navigate] = useLocation();
  const feedback = useFeedback();
  const sectors = useLoad(
    () => api<{ items: { id: string; name: string }[] }>('GET', '/investment/sectors'),
    [],
  );
  const communes = useLoad(
    () =>
      api<{ items: { id: string; fullName: string }[] }>('GET', '/catalog/admin-units', {
        query: { level: 'commune' },
      }),
    [],
  );
  const [project, setProject] = useState<WorkProject | null>(null);
  const [form, setForm] = useState<Form>(BLANK);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    if (id === 'new') return;
    investmentApi
      .project(id)
      .then((p) => {
        setProject(p);
        setForm(formOf(p));
      })
      .catch((e: Error) => setLoadError(e.message));
  }, [id]);

  const set =
    <K extends keyof Form>(name: K) =>
    (value: Form[K]) =>
      setForm((f) => ({ ...f, [name]: value }));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const body = bodyOf(form);
    if ([body.lat, body.lng, body.areaHectares, body.capitalVnd].some((n) => Number.isNaN(n))) {
      feedback.setError('Vị trí, diện tích và vốn phải là số (dấu phẩy thập phân được chấp nhận).');
      return;
    }
    await feedback.run(async () => {
      if (project) {
        setProject(
          await investmentApi.update<WorkProject>('projects', project.id, {
            ...body,
            version: project.version,
          }),
        );
      } else {
        const created = await investmentApi.create<WorkProject>('projects', body);
        setProject(created);
        navigate(`/dau-tu/du-an/${created.id}`, { replace: true });
      }
    }, 'Đã lưu dự án.');
  };

  const setStatus = async (status: ContentStatus) => {
    if (!project) return;
    await feedback.run(
      async () =>
        setProject(
          await investmentApi.setStatus<WorkProject>(
            'projects',
            project.id,
            project.version,
            status,
          ),
        ),
      status === 'published'
        ? 'Đã công bố: dự án hiện trong ứng dụng.'
        : status === 'archived'
          ? 'Đã lưu trữ: dự án không còn hiện trong ứng dụng.'
          : 'Đã đưa về bản nháp.',
    );
  };

  if (loadError) {
    return (
      <section className="page">
        <Link href="/dau-tu">‹ Thu hút đầu tư</Link>
        <ErrorBox message={loadError} />
      </section>
    );
  }

  return (
    <section className="page">
      <header className="page__header row-between">
        <div>
          <Link href="/dau-tu">‹ Thu hút đầu tư</Link>
          <h1>{project ? project.title : 'Dự án mới'}</h1>
          {project ? (
            <p className="muted">
              <ContentBadge status={project.status} /> Phiên bản {project.version} · sửa lúc{' '}
              {formatDateTime(project.updatedAt)}
            </p>
          ) : null}
        </div>
        {project ? (
          <div className="row">
            {project.status !== 'published' ? (
              <button
                type="button"
                className="primary"
                disabled={feedback.busy}
                onClick={() => void setStatus('published')}
              >
                Công bố
              </button>
            ) : (
              <button
                type="button"
                disabled={feedback.busy}
                onClick={() => void setStatus('archived')}
              >
                Lưu trữ
              </button>
            )}
          </div>
        ) : null}
      </header>
      <ErrorBox message={sectors.error ?? communes.error} />
      <form className="card form-grid" onSubmit={save} aria-label="Dự án">
        <label className="svc-span">
          Tên dự án
          <input
            name="title"
            required
            minLength={3}
            maxLength={250}
            value={form.title}
            onChange={(e) => set('title')(e.target.value)}
          />
        </label>
        <label className="svc-span">
          Tóm tắt
          <textarea
            name="summary"
            rows={2}
            maxLength={600}
            value={form.summary}
            onChange={(e) => set('summary')(e.target.value)}
          />
        </label>
        <label>
          Lĩnh vực
          <select
            name="sectorId"
            required
            value={form.sectorId}
            onChange={(e) => set('sectorId')(e.target.value)}
          >
            <option value="">— Chọn lĩnh vực —</option>
            {(sectors.data?.items ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Giai đoạn
          <select
            name="stage"
            value={form.stage}
            onChange={(e) => set('stage')(e.target.value as Stage)}
          >
            {(Object.keys(STAGE_LABELS) as Stage[]).map((s) => (
              <option key={s} value={s}>
                {STAGE_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="svc-span">
          Địa điểm
          <input
            name="location"
            required
            maxLength={300}
            placeholder="Khu công nghiệp Sông Hậu, xã Tân Thành"
            value={form.location}
            onChange={(e) => set('location')(e.target.value)}
          />
        </label>
        <label>
          Xã/phường
          <select
            name="communeId"
            value={form.communeId}
            onChange={(e) => set('communeId')(e.target.value)}
          >
            <option value="">— Không ghi —</option>
            {(communes.data?.items ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.fullName}
              </option>
            ))}
          </select>
        </label>
        <label>
          Diện tích (ha)
          <input
            name="areaHectares"
            inputMode="decimal"
            value={form.areaHectares}
            onChange={(e) => set('areaHectares')(e.target.value)}
          />
        </label>
        <label>
          Tổng vốn đầu tư (tỷ đồng)
          <input
            name="capitalBillion"
            inputMode="decimal"
            value={form.capitalBillion}
            onChange={(e) => set('capitalBillion')(e.target.value)}
          />
        </label>
        <label>
          Vĩ độ
          <input
            name="lat"
            inputMode="decimal"
            placeholder="9.78"
            value={form.lat}
            onChange={(e) => set('lat')(e.target.value)}
          />
        </label>
        <label>
          Kinh độ
          <input
            name="lng"
            inputMode="decimal"
            placeholder="105.47"
            value={form.lng}
            onChange={(e) => set('lng')(e.target.value)}
          />
        </label>
        <div className="svc-span">
          <RichTextEditor label="Mô tả dự án" value={form.bodyHtml} onChange={set('bodyHtml')} />
        </div>
        <details className="svc-span" open={Boolean(form.enTitle)}>
          <summary>Bản tiếng Anh (cho nhà đầu tư nước ngoài)</summary>
          <label>
            Title (English)
            <input
              maxLength={250}
              value={form.enTitle}
              onChange={(e) => set('enTitle')(e.target.value)}
            />
          </label>
          <label>
            Summary (English)
            <textarea
              rows={2}
              maxLength={600}
              value={form.enSummary}
              onChange={(e) => set('enSummary')(e.target.value)}
            />
          </label>
          <label>
            Location (English)
            <input
              maxLength={300}
              value={form.enLocation}
              onChange={(e) => set('enLocation')(e.target.value)}
            />
          </label>
          <RichTextEditor
            label="Description (English)"
            value={form.enBody}
            onChange={set('enBody')}
          />
        </details>
        <div className="row svc-span">
          <button type="submit" className="primary" disabled={feedback.busy}>
            {project ? 'Lưu thay đổi' : 'Tạo bản nháp'}
          </button>
        </div>
      </form>
      {project ? <Documents project={project} onChanged={setProject} feedback={feedback} /> : null}
      <Toast feedback={feedback} />
    </section>
  );
}

function Documents({
  project,
  onChanged,
  feedback,
}: {
  project: WorkProject;
  onChanged: (p: WorkProject) => void;
  feedback: ReturnType<typeof useFeedback>;
}) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const abort = useRef<(() => void) | null>(null);
  useEffect(() => () => abort.current?.(), []);

  const reload = async () => onChanged(await investmentApi.project(project.id));

  const upload = async (event: FormEvent) => {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file) return feedback.setError('Vui lòng chọn tệp tài liệu.');
    if (file.size > MAX_BYTES) return feedback.setError('Tệp vượt quá 20 MB.');
    const name = title.trim() || file.name.replace(/\.[^.]+$/, '');
    setProgress(0);
    const ok = await feedback.run(async () => {
      const sending = uploadDocument('projects', project.id, file, name, setProgress);
      abort.current = sending.abort;
      try {
        await sending.done;
      } finally {
        abort.current = null;
      }
    }, `Đã tải lên "${name}".`);
    setProgress(null);
    if (ok) {
      setTitle('');
      if (fileInput.current) fileInput.current.value = '';
      await reload();
    }
  };

  const remove = async (id: string, name: string) => {
    if (!window.confirm(`Xoá tài liệu "${name}"?`)) return;
    const ok = await feedback.run(() => investmentApi.removeDocument(id), `Đã xoá "${name}".`);
    if (ok) await reload();
  };

  return (
    <section className="card">
      <h2>Tài liệu</h2>
      <form className="filters svc-add" onSubmit={upload} aria-label="Tải tài liệu lên">
        <label className="grow">
          Tên tài liệu
          <input
            maxLength={200}
            placeholder="Tên tệp nếu để trống"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
        </label>
        <label className="grow">
          Tệp (PDF, Word, Excel, ảnh; tối đa 20 MB)
          <input ref={fileInput} name="file" type="file" accept={ACCEPT} required />
        </label>
        <button type="submit" className="primary" disabled={progress !== null}>
          Tải lên
        </button>
        {progress !== null ? (
          <div className="svc-upload">
            <ProgressBar percent={progress} label="Tiến độ tải lên" />
            <button type="button" onClick={() => abort.current?.()}>
              Dừng
            </button>
          </div>
        ) : null}
      </form>
      <table className="table">
        <thead>
          <tr>
            <th>Tài liệu</th>
            <th>Tệp</th>
            <th className="num">Dung lượng</th>
            <th>Ngày tải lên</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {project.documents.map((d) => (
            <tr key={d.id}>
              <td>
                <a
                  href={`/api/v1/work/investment/documents/${d.id}`}
                  target="_blank"
                  rel="noreferrer"
                >
                  {d.title}
                </a>
              </td>
              <td className="muted">{d.fileName}</td>
              <td className="num nowrap">{sizeLabel(d.bytes)}</td>
              <td className="nowrap">{formatDateTime(d.createdAt)}</td>
              <td>
                <button type="button" className="danger" onClick={() => void remove(d.id, d.title)}>
                  Xoá
                </button>
              </td>
            </tr>
          ))}
          {project.documents.length === 0 ? (
            <tr>
              <td colSpan={5} className="empty">
                Chưa có tài liệu.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </section>
  );
}
