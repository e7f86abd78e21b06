import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'wouter';
import { ErrorBox, useLoad } from '../components/common';
import { formatDateTime, formatPhone, localInputToIso } from '../format';
import { CourseStatusBadge } from '../services/badges';
import {
  CapacityBar,
  dayLabel,
  type Feedback,
  isoToLocalInput,
  ProgressBar,
  sizeLabel,
  Tabs,
  Toast,
  useFeedback,
  usePolling,
  vnTime,
} from '../services/shared';
import {
  type CourseBody,
  type CourseDetail,
  MATERIAL_ACCEPT,
  MATERIAL_MAX_BYTES,
  type Session,
  type SessionBody,
  trainingApi,
  uploadMaterial,
} from '../services/training';
import { explained } from './stations';
import '../services/services.css';

// One training course: its details and status (publish, cancel), its live sessions (times
// typed in Vietnam time, stored as UTC), its materials (uploaded with a progress bar), who
// registered for each session with their attendance, and the questions to answer.

type CourseTab = 'sessions' | 'materials' | 'registrations' | 'questions';

/** "Thứ Hai, 14/07/2025, 08:00–10:30" (Vietnam time). */
function sessionTime(s: Pick<Session, 'startsAt' | 'endsAt'>): string {
  return `${dayLabel(isoToLocalInput(s.startsAt).slice(0, 10))}, ${vnTime(s.startsAt)}–${vnTime(s.endsAt)}`;
}

interface SessionForm {
  title: string;
  startsAt: string;
  endsAt: string;
  meetingUrl: string;
  trainerName: string;
  capacity: string;
}

const sessionForm = (s: Session | null): SessionForm => ({
  title: s?.title ?? '',
  startsAt: isoToLocalInput(s?.startsAt),
  endsAt: isoToLocalInput(s?.endsAt),
  meetingUrl: s?.meetingUrl ?? '',
  trainerName: s?.trainerName ?? '',
  capacity: s?.capacity ? String(s.capacity) : '',
});

const sessionBody = (f: SessionForm): SessionBody => ({
  title: f.title.trim(),
  startsAt: localInputToIso(f.startsAt),
  endsAt: localInputToIso(f.endsAt),
  meetingUrl: f.meetingUrl.trim(),
  trainerName: f.trainerName.trim() || null,
  capacity: f.capacity ? Number(f.capacity) : null,
});

function SessionEditor({
  initial,
  onSubmit,
  onCancel,
  busy,
  label,
}: {
  initial: Session | null;
  onSubmit: (body: SessionBody, requestKey: string) => Promise<boolean>;
  onCancel: () => void;
  busy: boolean;
  label: string;
}) {
  const [form, setForm] = useState(() => sessionForm(initial));
  // One key per opened form: a retried "Thêm" after a lost answer adds the session once.
  const [requestKey] = useState(() => crypto.randomUUID());
  const set = <K extends keyof SessionForm>(key: K, value: SessionForm[K]) =>
    setForm({ ...form, [key]: value });
  const invalidSpan =
    form.startsAt && form.endsAt && form.endsAt <= form.startsAt
      ? 'Giờ kết thúc phải sau giờ bắt đầu.'
      : null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (invalidSpan) return;
    if (await onSubmit(sessionBody(form), requestKey)) onCancel();
  };
  return (
    <form className="card form-grid svc-editor" onSubmit={submit} aria-label={label}>
      <h3 className="svc-span">{label}</h3>
      <label>
        Tên buổi học
        <input
          name="sessionTitle"
          required
          maxLength={200}
          placeholder="Buổi 1: Chọn giống lúa chịu mặn"
          value={form.title}
          onChange={(e) => set('title', e.target.value)}
        />
      </label>
      <label>
        Bắt đầu (giờ Việt Nam)
        <input
          name="startsAt"
          type="datetime-local"
          required
          value={form.startsAt}
          onChange={(e) => {
            // A new start moves an empty or earlier end to two hours later.
            const startsAt = e.target.value;
            const endsAt =
              startsAt && (!form.endsAt || form.endsAt <= startsAt)
                ? isoToLocalInput(
                    new Date(Date.parse(localInputToIso(startsAt)) + 2 * 3_600_000).toISOString(),
                  )
                : form.endsAt;
            setForm({ ...form, startsAt, endsAt });
          }}
        />
      </label>
      <label>
        Kết thúc (giờ Việt Nam)
        <input
          name="endsAt"
          type="datetime-local"
          required
          min={form.startsAt || undefined}
          value={form.endsAt}
          onChange={(e) => set('endsAt', e.target.value)}
        />
      </label>
      <label>
        Liên kết phòng học trực tuyến
        <input
          name="meetingUrl"
          type="url"
          required
          maxLength={500}
          placeholder="https://meet.google.com/…"
          value={form.meetingUrl}
          onChange={(e) => set('meetingUrl', e.target.value)}
        />
      </label>
      <label>
        Giảng viên
        <input
          name="trainerName"
          maxLength={200}
          value={form.trainerName}
          onChange={(e) => set('trainerName', e.target.value)}
        />
      </label>
      <label>
        Số chỗ (để trống: không giới hạn)
        <input
          name="capacity"
          type="number"
          min={1}
          max={100000}
          value={form.capacity}
          onChange={(e) => set('capacity', e.target.value)}
        />
      </label>
      <p className="muted small svc-span">
        Liên kết chỉ hiện cho người đã đăng ký buổi học. Người đăng ký nhận nhắc lịch trước buổi học
        24 giờ.
      </p>
      {invalidSpan ? <p className="alert alert--error">{invalidSpan}</p> : null}
      <div className="row">
        <button type="submit" className="primary" disabled={busy || Boolean(invalidSpan)}>
          {initial ? 'Lưu buổi học' : 'Thêm buổi học'}
        </button>
        <button type="button" onClick={onCancel}>
          Huỷ
        </button>
      </div>
    </form>
  );
}

function Sessions({
  course,
  feedback,
  onChanged,
}: {
  course: CourseDetail;
  feedback: Feedback;
  onChanged: () => Promise<void>;
}) {
  const [editing, setEditing] = useState<Session | 'new' | null>(null);
  const sessions = [...course.sessions].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const closed = course.status === 'cancelled';

  const submit = async (body: SessionBody, requestKey: string) => {
    const current = editing;
    const ok = await feedback.run(
      () =>
        explained(
          current && current !== 'new'
            ? trainingApi.updateSession(current.id, body)
            : trainingApi.addSession(course.id, body, requestKey),
        ),
      current && current !== 'new'
        ? `Đã lưu buổi "${body.title}".`
        : `Đã thêm buổi "${body.title}".`,
    );
    if (ok) await onChanged();
    return ok;
  };

  const remove = async (s: Session) => {
    if (!window.confirm(`Xoá buổi "${s.title}"?`)) return;
    const ok = await feedback.run(
      () => trainingApi.removeSession(s.id),
      `Đã xoá buổi "${s.title}".`,
    );
    if (ok) await onChanged();
  };

  return (
    <>
      {editing ? (
        <SessionEditor
          key={editing === 'new' ? 'new' : editing.id}
          initial={editing === 'new' ? null : editing}
          onSubmit={submit}
          onCancel={() => setEditing(null)}
          busy={feedback.busy}
          label={editing === 'new' ? 'Thêm buổi học' : `Sửa buổi "${editing.title}"`}
        />
      ) : null}
      <table className="table">
        <thead>
          <tr>
            <th>Buổi học</th>
            <th>Thời gian</th>
            <th>Phòng học</th>
            <th>Đăng ký</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => {
            const past = Date.parse(s.endsAt) < Date.now();
            return (
              <tr key={s.id} data-session-id={s.id} className={past ? 'svc-row--past' : undefined}>
                <td>
                  <strong>{s.title}</strong>
                  {s.trainerName ? <div className="muted small">GV: {s.trainerName}</div> : null}
                </td>
                <td className="nowrap">
                  {sessionTime(s)}
                  {past ? <div className="muted small">Đã diễn ra</div> : null}
                </td>
                <td className="svc-url">
                  <a href={s.meetingUrl} target="_blank" rel="noreferrer">
                    {s.meetingUrl.replace(/^https?:\/\//, '')}
                  </a>
                </td>
                <td>
                  {s.capacity ? (
                    <CapacityBar used={s.registered} capacity={s.capacity} label="Đã đăng ký" />
                  ) : (
                    <span>{s.registered} người</span>
                  )}
                  {s.attended > 0 ? (
                    <div className="muted small">{s.attended} người có mặt</div>
                  ) : null}
                </td>
                <td className="nowrap">
                  <div className="row svc-nowrap">
                    <button type="button" disabled={closed} onClick={() => setEditing(s)}>
                      Sửa
                    </button>
                    <button
                      type="button"
                      disabled={feedback.busy || s.registered > 0}
                      title={
                        s.registered > 0 ? 'Buổi học đã có người đăng ký: không xoá được.' : ''
                      }
                      onClick={() => void remove(s)}
                    >
                      Xoá
                    </button>
                  </div>
                </td>
              </tr>
            );
          })}
          {sessions.length === 0 ? (
            <tr>
              <td colSpan={5} className="empty">
                Chưa có buổi học nào. Thêm ít nhất một buổi trước khi công bố.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {!editing && !closed ? (
        <p>
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            + Thêm buổi học
          </button>
        </p>
      ) : null}
    </>
  );
}

function Materials({
  course,
  feedback,
  onChanged,
}: {
  course: CourseDetail;
  feedback: Feedback;
  onChanged: () => Promise<void>;
}) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const abort = useRef<(() => void) | null>(null);
  // Leaving the page stops an upload in flight.
  useEffect(() => () => abort.current?.(), []);

  const upload = async (event: FormEvent) => {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file) return feedback.setError('Vui lòng chọn tệp tài liệu.');
    // Checked here too, so a large file is not sent over a slow link only to be refused.
    if (file.size > MATERIAL_MAX_BYTES) return feedback.setError('Tệp vượt quá 20 MB.');
    const name = title.trim() || file.name.replace(/\.[^.]+$/, '');
    setProgress(0);
    const ok = await feedback.run(async () => {
      const sending = uploadMaterial(course.id, file, name, setProgress);
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
      await onChanged();
    }
  };

  const remove = async (id: string, name: string) => {
    if (!window.confirm(`Xoá tài liệu "${name}"?`)) return;
    const ok = await feedback.run(() => trainingApi.removeMaterial(id), `Đã xoá "${name}".`);
    if (ok) await onChanged();
  };

  return (
    <>
      <form className="filters svc-add" onSubmit={upload} aria-label="Tải tài liệu lên">
        <label className="grow">
          Tên tài liệu
          <input
            name="materialTitle"
            maxLength={200}
            placeholder="Tên tệp nếu để trống"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
        </label>
        <label className="grow">
          Tệp (PDF, Word, Excel, PowerPoint, ảnh; tối đa 20 MB)
          <input ref={fileInput} name="file" type="file" accept={MATERIAL_ACCEPT} required />
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
          {course.materials.map((m) => (
            <tr key={m.id} data-material-id={m.id}>
              <td>
                {m.url ? (
                  <a href={m.url} target="_blank" rel="noreferrer">
                    {m.title}
                  </a>
                ) : (
                  m.title
                )}
              </td>
              <td className="muted">{m.fileName}</td>
              <td className="num nowrap">{sizeLabel(m.bytes)}</td>
              <td className="nowrap">{m.createdAt ? formatDateTime(m.createdAt) : '—'}</td>
              <td>
                <button
                  type="button"
                  className="link-button"
                  disabled={feedback.busy}
                  onClick={() => void remove(m.id, m.title)}
                >
                  Xoá
                </button>
              </td>
            </tr>
          ))}
          {course.materials.length === 0 ? (
            <tr>
              <td colSpan={5} className="empty">
                Chưa có tài liệu.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </>
  );
}

/** The session the registrations and questions tabs open on: the next one, else the last. */
function defaultSession(sessions: Session[]): string {
  const sorted = [...sessions].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const now = new Date().toISOString();
  return (sorted.find((s) => s.endsAt >= now) ?? sorted[sorted.length - 1])?.id ?? '';
}

function SessionPicker({
  sessions,
  value,
  onChange,
}: {
  sessions: Session[];
  value: string;
  onChange: (id: string) => void;
}) {
  return (
    <label>
      Buổi học
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {[...sessions]
          .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
          .map((s) => (
            <option key={s.id} value={s.id}>
              {s.title} · {sessionTime(s)}
            </option>
          ))}
      </select>
    </label>
  );
}

function Registrations({
  sessions,
  sessionId,
  feedback,
}: {
  sessions: Session[];
  sessionId: string;
  feedback: Feedback;
}) {
  const list = useLoad(
    async () => (sessionId ? trainingApi.registrations(sessionId) : []),
    [sessionId],
  );
  const session = sessions.find((s) => s.id === sessionId);
  const active = (list.data ?? []).filter((r) => !r.cancelledAt);
  const attended = active.filter((r) => r.attendedAt).length;

  const mark = async (ids: string[], value: boolean) => {
    const ok = await feedback.run(
      () => trainingApi.attendance(sessionId, ids, value),
      value ? `Đã ghi có mặt ${ids.length} người.` : `Đã bỏ ghi có mặt ${ids.length} người.`,
    );
    if (ok) await list.reload();
  };

  if (!session) return <p className="muted">Khoá học chưa có buổi học nào.</p>;
  return (
    <>
      <div className="row-between svc-subbar">
        <span>
          <strong>{active.length}</strong> người đăng ký · <strong>{attended}</strong> có mặt
        </span>
        <div className="row">
          <a className="button" href={trainingApi.registrationsXlsxUrl(sessionId)} download>
            Xuất XLSX
          </a>
          <button
            type="button"
            disabled={feedback.busy || active.every((r) => r.attendedAt)}
            onClick={() =>
              void mark(
                active.filter((r) => !r.attendedAt).map((r) => r.id),
                true,
              )
            }
          >
            Ghi có mặt tất cả
          </button>
        </div>
      </div>
      <ErrorBox message={list.error} />
      <table className="table" aria-busy={list.loading && !list.data}>
        <thead>
          <tr>
            <th className="col-check">Có mặt</th>
            <th>Họ tên</th>
            <th>Điện thoại</th>
            <th>Đăng ký lúc</th>
          </tr>
        </thead>
        <tbody>
          {active.map((r) => (
            <tr key={r.id} data-registration-id={r.id}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Có mặt: ${r.name}`}
                  checked={Boolean(r.attendedAt)}
                  disabled={feedback.busy}
                  onChange={(e) => void mark([r.id], e.target.checked)}
                />
              </td>
              <td>{r.name}</td>
              <td className="nowrap">{r.phone ? formatPhone(r.phone) : '—'}</td>
              <td className="nowrap">{formatDateTime(r.createdAt)}</td>
            </tr>
          ))}
          {!list.loading && active.length === 0 ? (
            <tr>
              <td colSpan={4} className="empty">
                Chưa có ai đăng ký buổi này.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </>
  );
}

function AnswerForm({
  initial,
  onSubmit,
  busy,
}: {
  initial: string;
  onSubmit: (answer: string) => Promise<boolean>;
  busy: boolean;
}) {
  const [text, setText] = useState(initial);
  return (
    <form
      className="svc-answer"
      onSubmit={async (event) => {
        event.preventDefault();
        if (await onSubmit(text.trim())) setText('');
      }}
    >
      <textarea
        rows={2}
        required
        maxLength={4000}
        aria-label="Câu trả lời"
        placeholder="Trả lời câu hỏi…"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" className="primary" disabled={busy || !text.trim()}>
        Trả lời
      </button>
    </form>
  );
}

function Questions({ sessionId, feedback }: { sessionId: string; feedback: Feedback }) {
  const list = useLoad(
    async () => (sessionId ? trainingApi.questions(sessionId) : []),
    [sessionId],
  );
  const [editing, setEditing] = useState<string | null>(null);
  // Questions keep coming in during a live session.
  usePolling(list.reload, 20_000, Boolean(sessionId));
  const questions = [...(list.data ?? [])].sort((a, b) => {
    // Unanswered first, then the newest.
    if (!a.answer !== !b.answer) return a.answer ? 1 : -1;
    return b.createdAt.localeCompare(a.createdAt);
  });

  const answer = async (id: string, text: string) => {
    const ok = await feedback.run(() => trainingApi.answer(id, text), 'Đã gửi câu trả lời.');
    if (ok) {
      setEditing(null);
      await list.reload();
    }
    return ok;
  };

  return (
    <>
      <ErrorBox message={list.error} />
      <ul className="svc-questions">
        {questions.map((q) => (
          <li key={q.id} className={q.answer ? undefined : 'is-open'} data-question-id={q.id}>
            <div className="svc-question__head">
              <strong>{q.askerName}</strong>
              <span className="muted small">{formatDateTime(q.createdAt)}</span>
              {q.answer ? null : <span className="badge badge--in_progress">Chưa trả lời</span>}
            </div>
            <p className="svc-question__body">{q.body}</p>
            {q.answer && editing !== q.id ? (
              <div className="svc-question__answer">
                <p>{q.answer}</p>
                <span className="muted small">
                  Trả lời lúc {formatDateTime(q.answeredAt)} ·{' '}
                  <button type="button" className="link-button" onClick={() => setEditing(q.id)}>
                    Sửa
                  </button>
                </span>
              </div>
            ) : (
              <AnswerForm
                initial={q.answer ?? ''}
                busy={feedback.busy}
                onSubmit={(text) => answer(q.id, text)}
              />
            )}
          </li>
        ))}
      </ul>
      {!list.loading && questions.length === 0 ? (
        <p className="card muted">Chưa có câu hỏi nào cho buổi này.</p>
      ) : null}
    </>
  );
}

function CourseFields({
  form,
  setForm,
}: {
  form: CourseBody;
  setForm: (form: CourseBody) => void;
}) {
  return (
    <>
      <label>
        Tên khoá
        <input
          name="title"
          required
          minLength={5}
          maxLength={200}
          value={form.title}
          onChange={(e) => setForm({ ...form, title: e.target.value })}
        />
      </label>
      <label>
        Dành cho
        <input
          name="audience"
          maxLength={200}
          value={form.audience ?? ''}
          onChange={(e) => setForm({ ...form, audience: e.target.value })}
        />
      </label>
      <label className="svc-span">
        Giới thiệu
        <textarea
          name="description"
          rows={4}
          maxLength={5000}
          value={form.description}
          onChange={(e) => setForm({ ...form, description: e.target.value })}
        />
      </label>
    </>
  );
}

export default function CoursePage() {
  const { id = '' } = useParams<{ id: string }>();
  const course = useLoad(() => trainingApi.course(id), [id]);
  const feedback = useFeedback();
  const [tab, setTab] = useState<CourseTab>('sessions');
  const [editing, setEditing] = useState<CourseBody | null>(null);
  const [sessionId, setSessionId] = useState('');

  const c = course.data;
  useEffect(() => {
    if (c && !c.sessions.some((s) => s.id === sessionId)) setSessionId(defaultSession(c.sessions));
  }, [c, sessionId]);

  if (course.error && !c) {
    return (
      <section className="page">
        <p>
          <Link href="/tap-huan">‹ Tập huấn</Link>
        </p>
        <ErrorBox message={course.error} />
      </section>
    );
  }
  if (!c) return <p className="muted pad">Đang tải…</p>;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    const ok = await feedback.run(
      () =>
        explained(
          trainingApi.updateCourse(c.id, {
            title: editing.title.trim(),
            description: editing.description.trim(),
            audience: editing.audience?.trim() || null,
          }),
        ),
      'Đã lưu thông tin khoá tập huấn.',
    );
    if (ok) {
      setEditing(null);
      await course.reload();
    }
  };

  const publish = async () => {
    if (!window.confirm('Công bố khoá tập huấn? Người dân sẽ thấy khoá và đăng ký các buổi học.'))
      return;
    const ok = await feedback.run(() => trainingApi.publish(c.id), 'Đã công bố khoá tập huấn.');
    if (ok) await course.reload();
  };

  const cancel = async () => {
    if (!window.confirm('Huỷ khoá tập huấn này? Người dân sẽ không đăng ký được nữa.')) return;
    const ok = await feedback.run(() => trainingApi.cancel(c.id), 'Đã huỷ khoá tập huấn.');
    if (ok) await course.reload();
  };

  return (
    <section className="page">
      <p>
        <Link href="/tap-huan">‹ Tập huấn</Link>
      </p>
      <header className="page__header row-between">
        <div>
          <h1>
            {c.title} <CourseStatusBadge status={c.status} />
          </h1>
          <p className="muted">
            {c.audience ? `Dành cho: ${c.audience}` : 'Chưa ghi đối tượng'}
            {c.agencyName ? ` · ${c.agencyName}` : ''}
          </p>
        </div>
        <div className="row svc-actions">
          {c.status !== 'cancelled' ? (
            <button
              type="button"
              onClick={() =>
                setEditing(
                  editing
                    ? null
                    : { title: c.title, description: c.description, audience: c.audience ?? '' },
                )
              }
            >
              {editing ? 'Đóng' : 'Sửa thông tin'}
            </button>
          ) : null}
          {c.status === 'draft' ? (
            <button
              type="button"
              className="primary"
              disabled={feedback.busy}
              onClick={() => void publish()}
            >
              Công bố
            </button>
          ) : null}
          {c.status !== 'cancelled' ? (
            <button
              type="button"
              className="svc-danger"
              disabled={feedback.busy}
              onClick={() => void cancel()}
            >
              Huỷ khoá
            </button>
          ) : null}
        </div>
      </header>
      {editing ? (
        <form className="card form-grid" onSubmit={save} aria-label="Thông tin khoá tập huấn">
          <CourseFields form={editing} setForm={setEditing} />
          <div className="row">
            <button type="submit" className="primary" disabled={feedback.busy}>
              Lưu
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              Huỷ
            </button>
          </div>
        </form>
      ) : c.description ? (
        <p className="block svc-description">{c.description}</p>
      ) : null}

      <Tabs<CourseTab>
        label="Nội dung khoá tập huấn"
        value={tab}
        onChange={setTab}
        tabs={[
          { id: 'sessions', label: 'Buổi học', count: c.sessions.length },
          { id: 'materials', label: 'Tài liệu', count: c.materials.length },
          { id: 'registrations', label: 'Đăng ký & điểm danh' },
          {
            id: 'questions',
            label: 'Hỏi đáp chờ trả lời',
            count: c.sessions.reduce((sum, s) => sum + s.unanswered, 0),
          },
        ]}
      />
      {tab === 'sessions' ? (
        <Sessions course={c} feedback={feedback} onChanged={course.reload} />
      ) : null}
      {tab === 'materials' ? (
        <Materials course={c} feedback={feedback} onChanged={course.reload} />
      ) : null}
      {(tab === 'registrations' || tab === 'questions') && c.sessions.length > 0 ? (
        <div className="filters svc-wide">
          <SessionPicker sessions={c.sessions} value={sessionId} onChange={setSessionId} />
        </div>
      ) : null}
      {tab === 'registrations' ? (
        <Registrations sessions={c.sessions} sessionId={sessionId} feedback={feedback} />
      ) : null}
      {tab === 'questions' ? (
        c.sessions.length > 0 ? (
          <Questions sessionId={sessionId} feedback={feedback} />
        ) : (
          <p className="muted">Khoá học chưa có buổi học nào.</p>
        )
      ) : null}
      <Toast feedback={feedback} />
    </section>
  );
}
