import { type FormEvent, useEffect, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { ApiError, api, apiPath, currentCsrfToken } from '../api';
import { ErrorBox, useLoad } from '../components/common';
import { RichTextEditor } from '../components/rich-text-editor';
import { formatDateTime } from '../format';
import { type Feedback, Toast, useFeedback } from '../services/shared';
import { explained } from './stations';
import '../services/services.css';

// Investment promotion for the agency's editors: projects calling for investment (edited on
// their own page), investment policies (edited in a panel here) and the investors' enquiries
// to the agency, each with its status and the reply noted by the official who handled it.

const BASE = '/work/investment';

export type ContentStatus = 'draft' | 'published' | 'archived';
export type Stage = 'calling' | 'negotiating' | 'licensed' | 'closed';
type EnquiryStatus = 'new' | 'in_progress' | 'answered' | 'closed';

export const STATUS_LABELS: Record<ContentStatus, string> = {
  draft: 'Bản nháp',
  published: 'Đã công bố',
  archived: 'Đã lưu trữ',
};
export const STAGE_LABELS: Record<Stage, string> = {
  calling: 'Đang kêu gọi',
  negotiating: 'Đang đàm phán',
  licensed: 'Đã cấp phép',
  closed: 'Đã đóng',
};
const ENQUIRY_LABELS: Record<EnquiryStatus, string> = {
  new: 'Mới',
  in_progress: 'Đang xử lý',
  answered: 'Đã trả lời',
  closed: 'Đã đóng',
};

export interface WorkDocument {
  id: string;
  title: string;
  fileName: string;
  contentType: string;
  bytes: number;
  url: string;
  createdAt: string;
}

export interface WorkPolicy {
  id: string;
  agencyName: string;
  title: string;
  summary: string;
  bodyHtml: string;
  status: ContentStatus;
  version: number;
  publishedAt: string | null;
  updatedAt: string;
  en: { title?: string; summary?: string; bodyHtml?: string };
  documents: WorkDocument[];
}

export interface WorkProject extends Omit<WorkPolicy, 'en'> {
  sectorId: string;
  stage: Stage;
  location: string;
  communeId: string | null;
  lat: number | null;
  lng: number | null;
  areaHectares: number | null;
  capitalVnd: number | null;
  en: { title?: string; summary?: string; bodyHtml?: string; location?: string };
}

interface WorkItem {
  id: string;
  title: string;
  agencyName: string;
  status: ContentStatus;
  stage: Stage | null;
  updatedAt: string;
  publishedAt: string | null;
  enquiryCount: number;
}

interface Enquiry {
  id: string;
  projectId: string | null;
  projectTitle: string | null;
  name: string;
  organisation: string | null;
  email: string | null;
  phone: string | null;
  country: string | null;
  message: string;
  status: EnquiryStatus;
  reply: string | null;
  handledByName: string | null;
  handledAt: string | null;
  createdAt: string;
}

type Kind = 'projects' | 'policies';

export const investmentApi = {
  list: (kind: Kind, query: { status?: string; q?: string; cursor?: string }) =>
    api<{ items: WorkItem[]; nextCursor: string | null }>('GET', `${BASE}/${kind}`, {
      query: { ...query, limit: 50 },
    }),
  project: (id: string) => api<WorkProject>('GET', `${BASE}/projects/${id}`),
  policy: (id: string) => api<WorkPolicy>('GET', `${BASE}/policies/${id}`),
  create: <T,>(kind: Kind, body: unknown) => explained(api<T>('POST', `${BASE}/${kind}`, { body })),
  update: <T,>(kind: Kind, id: string, body: unknown) =>
    explained(api<T>('PUT', `${BASE}/${kind}/${id}`, { body })),
  setStatus: <T,>(kind: Kind, id: string, version: number, status: ContentStatus) =>
    api<T>('POST', `${BASE}/${kind}/${id}/status`, { body: { version, status } }),
  removeDocument: (id: string) => api('DELETE', `${BASE}/documents/${id}`),
  enquiries: (query: { status?: string; cursor?: string }) =>
    api<{ items: Enquiry[]; nextCursor: string | null; counts: Record<string, number> }>(
      'GET',
      `${BASE}/enquiries`,
      { query: { ...query, limit: 50 } },
    ),
  updateEnquiry: (id: string, body: { status: EnquiryStatus; reply?: string }) =>
    explained(api<Enquiry>('PATCH', `${BASE}/enquiries/${id}`, { body })),
};

/** Uploads one file with progress (XMLHttpRequest: fetch has no upload progress). */
export function uploadDocument(
  kind: Kind,
  ownerId: string,
  file: File,
  title: string,
  onProgress: (percent: number) => void,
): { done: Promise<WorkDocument>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<WorkDocument>((resolve, reject) => {
    xhr.open('POST', apiPath(`${BASE}/${kind}/${ownerId}/documents`, { title }));
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    const csrf = currentCsrfToken();
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.responseType = 'json';
    xhr.timeout = 15 * 60_000;
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress((event.loaded / event.total) * 100);
    };
    xhr.onload = () => {
      const body = xhr.response as {
        document?: WorkDocument;
        error?: { code?: string; message?: string };
      } | null;
      if (xhr.status >= 200 && xhr.status < 300 && body?.document) {
        onProgress(100);
        resolve(body.document);
        return;
      }
      reject(
        new ApiError(
          xhr.status,
          body?.error?.code ?? `http_${xhr.status}`,
          body?.error?.message ??
            (xhr.status === 413 ? 'Tệp vượt quá 20 MB.' : `Không tải lên được (mã ${xhr.status}).`),
        ),
      );
    };
    xhr.onerror = () =>
      reject(new ApiError(0, 'network', 'Mất kết nối khi tải lên. Kiểm tra mạng rồi thử lại.'));
    xhr.ontimeout = () => reject(new ApiError(0, 'timeout', 'Tải lên quá lâu. Vui lòng thử lại.'));
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}

export function ContentBadge({ status }: { status: ContentStatus }) {
  const tone =
    status === 'published' ? 'resolved' : status === 'draft' ? 'in_progress' : 'rejected';
  return <span className={`badge badge--${tone}`}>{STATUS_LABELS[status]}</span>;
}

function StatusFilter({
  value,
  onChange,
  options,
}: {
  value: string;
  onChange: (v: string) => void;
  options: [string, string][];
}) {
  return (
    <div className="segmented">
      {options.map(([v, label]) => (
        <button
          key={v || 'all'}
          type="button"
          className={value === v ? 'is-active' : undefined}
          onClick={() => onChange(v)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

const CONTENT_FILTER: [string, string][] = [
  ['', 'Tất cả'],
  ['draft', STATUS_LABELS.draft],
  ['published', STATUS_LABELS.published],
  ['archived', STATUS_LABELS.archived],
];

function Projects() {
  const [status, setStatus] = useState('');
  const list = useLoad(() => investmentApi.list('projects', { status }), [status]);
  return (
    <>
      <div className="filters row-between">
        <StatusFilter value={status} onChange={setStatus} options={CONTENT_FILTER} />
        <Link href="/dau-tu/du-an/new" className="button primary">
          + Thêm dự án
        </Link>
      </div>
      <ErrorBox message={list.error} />
      <table className="table" aria-busy={list.loading && !list.data}>
        <thead>
          <tr>
            <th>Dự án</th>
            <th>Giai đoạn</th>
            <th>Trạng thái</th>
            <th className="num">Yêu cầu tư vấn</th>
            <th>Sửa lần cuối</th>
          </tr>
        </thead>
        <tbody>
          {(list.data?.items ?? []).map((p) => (
            <tr key={p.id} data-project-id={p.id}>
              <td>
                <Link href={`/dau-tu/du-an/${p.id}`}>{p.title}</Link>
              </td>
              <td>{p.stage ? STAGE_LABELS[p.stage] : '—'}</td>
              <td>
                <ContentBadge status={p.status} />
              </td>
              <td className="num">{p.enquiryCount}</td>
              <td className="nowrap">{formatDateTime(p.updatedAt)}</td>
            </tr>
          ))}
          {!list.loading && (list.data?.items.length ?? 0) === 0 ? (
            <tr>
              <td colSpan={5} className="empty">
                Chưa có dự án nào.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </>
  );
}

const BLANK_POLICY = {
  title: '',
  summary: '',
  bodyHtml: '',
  enTitle: '',
  enSummary: '',
  enBody: '',
};

function PolicyPanel({
  id,
  feedback,
  onDone,
}: {
  id: string | 'new';
  feedback: Feedback;
  onDone: () => void;
}) {
  const [form, setForm] = useState(BLANK_POLICY);
  const [saved, setSaved] = useState<WorkPolicy | null>(null);
  useEffect(() => {
    if (id === 'new') return;
    void feedback.run(async () => {
      const p = await investmentApi.policy(id);
      setSaved(p);
      setForm({
        title: p.title,
        summary: p.summary,
        bodyHtml: p.bodyHtml,
        enTitle: p.en.title ?? '',
        enSummary: p.en.summary ?? '',
        enBody: p.en.bodyHtml ?? '',
      });
    });
  }, [id, feedback.run]);

  const body = () => ({
    title: form.title.trim(),
    summary: form.summary.trim(),
    bodyHtml: form.bodyHtml,
    en: { title: form.enTitle.trim(), summary: form.enSummary.trim(), bodyHtml: form.enBody },
  });

  const save = async (event: FormEvent) => {
    event.preventDefault();
    await feedback.run(async () => {
      const p = saved
        ? await investmentApi.update<WorkPolicy>('policies', saved.id, {
            ...body(),
            version: saved.version,
          })
        : await investmentApi.create<WorkPolicy>('policies', body());
      setSaved(p);
    }, 'Đã lưu chính sách.');
  };

  const setStatus = async (status: ContentStatus) => {
    if (!saved) return;
    await feedback.run(
      async () => {
        setSaved(
          await investmentApi.setStatus<WorkPolicy>('policies', saved.id, saved.version, status),
        );
      },
      status === 'published' ? 'Đã công bố chính sách.' : 'Đã cập nhật trạng thái.',
    );
  };

  const set = (name: keyof typeof BLANK_POLICY) => (value: string) =>
    setForm((f) => ({ ...f, [name]: value }));

  return (
    <form className="card form-grid" onSubmit={save} aria-label="Chính sách">
      <div className="row-between svc-span">
        <h2>{saved ? 'Sửa chính sách' : 'Chính sách mới'}</h2>
        {saved ? <ContentBadge status={saved.status} /> : null}
      </div>
      <label className="svc-span">
        Tên chính sách
        <input
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
          rows={2}
          maxLength={600}
          value={form.summary}
          onChange={(e) => set('summary')(e.target.value)}
        />
      </label>
      <div className="svc-span">
        <RichTextEditor label="Nội dung" value={form.bodyHtml} onChange={set('bodyHtml')} />
      </div>
      <details className="svc-span">
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
        <RichTextEditor label="Body (English)" value={form.enBody} onChange={set('enBody')} />
      </details>
      <div className="row svc-span">
        <button type="submit" className="primary" disabled={feedback.busy}>
          Lưu
        </button>
        {saved && saved.status !== 'published' ? (
          <button
            type="button"
            disabled={feedback.busy}
            onClick={() => void setStatus('published')}
          >
            Công bố
          </button>
        ) : null}
        {saved && saved.status === 'published' ? (
          <button type="button" disabled={feedback.busy} onClick={() => void setStatus('archived')}>
            Lưu trữ (gỡ khỏi ứng dụng)
          </button>
        ) : null}
        <button type="button" onClick={onDone}>
          Đóng
        </button>
      </div>
    </form>
  );
}

function Policies({ feedback }: { feedback: Feedback }) {
  const [status, setStatus] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const list = useLoad(() => investmentApi.list('policies', { status }), [status, open]);
  return (
    <>
      <div className="filters row-between">
        <StatusFilter value={status} onChange={setStatus} options={CONTENT_FILTER} />
        <button type="button" className="primary" onClick={() => setOpen('new')}>
          + Thêm chính sách
        </button>
      </div>
      {open ? (
        <PolicyPanel key={open} id={open} feedback={feedback} onDone={() => setOpen(null)} />
      ) : null}
      <ErrorBox message={list.error} />
      <table className="table" aria-busy={list.loading && !list.data}>
        <thead>
          <tr>
            <th>Chính sách</th>
            <th>Trạng thái</th>
            <th>Công bố</th>
            <th>Sửa lần cuối</th>
          </tr>
        </thead>
        <tbody>
          {(list.data?.items ?? []).map((p) => (
            <tr key={p.id} data-policy-id={p.id}>
              <td>
                <button type="button" className="link" onClick={() => setOpen(p.id)}>
                  {p.title}
                </button>
              </td>
              <td>
                <ContentBadge status={p.status} />
              </td>
              <td className="nowrap">{p.publishedAt ? formatDateTime(p.publishedAt) : '—'}</td>
              <td className="nowrap">{formatDateTime(p.updatedAt)}</td>
            </tr>
          ))}
          {!list.loading && (list.data?.items.length ?? 0) === 0 ? (
            <tr>
              <td colSpan={4} className="empty">
                Chưa có chính sách nào.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </>
  );
}

function EnquiryRow({
  e,
  feedback,
  onSaved,
  highlighted,
}: {
  e: Enquiry;
  feedback: Feedback;
  onSaved: () => void;
  highlighted: boolean;
}) {
  const [status, setStatus] = useState<EnquiryStatus>(e.status);
  const [reply, setReply] = useState(e.reply ?? '');
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await feedback.run(
      () => investmentApi.updateEnquiry(e.id, { status, reply: reply.trim() }),
      'Đã cập nhật yêu cầu tư vấn.',
    );
    if (ok) onSaved();
  };
  return (
    <tr data-enquiry-id={e.id} className={highlighted ? 'is-highlighted' : undefined}>
      <td className="nowrap">{formatDateTime(e.createdAt)}</td>
      <td>
        <strong>{e.name}</strong>
        {e.organisation ? <div>{e.organisation}</div> : null}
        <div className="muted small">
          {[e.email, e.phone, e.country].filter(Boolean).join(' · ')}
        </div>
      </td>
      <td>
        {e.projectTitle ? <div className="muted small">Dự án: {e.projectTitle}</div> : null}
        <div style={{ whiteSpace: 'pre-wrap' }}>{e.message}</div>
      </td>
      <td>
        <form className="form-grid" onSubmit={save} aria-label={`Xử lý yêu cầu của ${e.name}`}>
          <label>
            Trạng thái
            <select value={status} onChange={(ev) => setStatus(ev.target.value as EnquiryStatus)}>
              {(Object.keys(ENQUIRY_LABELS) as EnquiryStatus[]).map((s) => (
                <option key={s} value={s}>
                  {ENQUIRY_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Ghi chú trả lời
            <textarea
              rows={2}
              maxLength={4000}
              value={reply}
              onChange={(ev) => setReply(ev.target.value)}
            />
          </label>
          <button type="submit" disabled={feedback.busy}>
            Lưu
          </button>
          {e.handledByName ? (
            <div className="muted small">
              {e.handledByName}, {formatDateTime(e.handledAt)}
            </div>
          ) : null}
        </form>
      </td>
    </tr>
  );
}

function Enquiries({ feedback, highlight }: { feedback: Feedback; highlight: string | null }) {
  const [status, setStatus] = useState('');
  const [version, setVersion] = useState(0);
  const list = useLoad(() => investmentApi.enquiries({ status }), [status, version]);
  const counts = list.data?.counts ?? {};
  const options: [string, string][] = [
    ['', 'Tất cả'],
    ...(Object.keys(ENQUIRY_LABELS) as EnquiryStatus[]).map((s): [string, string] => [
      s,
      `${ENQUIRY_LABELS[s]} (${counts[s] ?? 0})`,
    ]),
  ];
  return (
    <>
      <div className="filters">
        <StatusFilter value={status} onChange={setStatus} options={options} />
      </div>
      <ErrorBox message={list.error} />
      <table className="table" aria-busy={list.loading && !list.data} data-testid="enquiry-inbox">
        <thead>
          <tr>
            <th>Gửi lúc</th>
            <th>Nhà đầu tư</th>
            <th>Nội dung</th>
            <th>Xử lý</th>
          </tr>
        </thead>
        <tbody>
          {(list.data?.items ?? []).map((e) => (
            <EnquiryRow
              key={`${e.id}-${e.status}-${e.reply ?? ''}`}
              e={e}
              feedback={feedback}
              highlighted={e.id === highlight}
              onSaved={() => setVersion((v) => v + 1)}
            />
          ))}
          {!list.loading && (list.data?.items.length ?? 0) === 0 ? (
            <tr>
              <td colSpan={4} className="empty">
                Chưa có yêu cầu tư vấn nào.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </>
  );
}

const TABS = [
  ['du-an', 'Dự án'],
  ['chinh-sach', 'Chính sách'],
  ['yeu-cau', 'Yêu cầu tư vấn'],
] as const;

export default function InvestmentPage() {
  const search = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const highlight = search.get('enquiry');
  const tab = highlight ? 'yeu-cau' : (search.get('tab') ?? 'du-an');
  const feedback = useFeedback();
  return (
    <section className="page">
      <header className="page__header">
        <h1>Thu hút đầu tư</h1>
        <p className="muted">
          Dự án kêu gọi đầu tư, chính sách ưu đãi và yêu cầu tư vấn của nhà đầu tư gửi đến cơ quan.
        </p>
      </header>
      <div className="segmented" role="tablist">
        {TABS.map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            className={tab === id ? 'is-active' : undefined}
            onClick={() => navigate(`/dau-tu?tab=${id}`)}
          >
            {label}
          </button>
        ))}
      </div>
      {tab === 'du-an' ? <Projects /> : null}
      {tab === 'chinh-sach' ? <Policies feedback={feedback} /> : null}
      {tab === 'yeu-cau' ? <Enquiries feedback={feedback} highlight={highlight} /> : null}
      <Toast feedback={feedback} />
    </section>
  );
}
