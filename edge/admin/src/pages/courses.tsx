import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { ErrorBox, useAction, useLoad } from '../components/common';
import { formatDateTime } from '../format';
import { CourseStatusBadge } from '../services/badges';
import {
  COURSE_STATUS_LABELS,
  type CourseDetail,
  type CourseStatus,
  trainingApi,
} from '../services/training';
import { explained } from './stations';
import '../services/services.css';

// The agency's online training courses: drafts, published and cancelled ones, with their next
// live session; a new course starts as a draft, filled in on its own page.

export default function CoursesPage() {
  const [, navigate] = useLocation();
  const list = useLoad(trainingApi.courses, []);
  const [status, setStatus] = useState<CourseStatus | ''>('');
  const [creating, setCreating] = useState(false);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [audience, setAudience] = useState('');
  // One key per opened form: a second click after a lost answer finds the same draft.
  const [requestKey, setRequestKey] = useState(() => crypto.randomUUID());
  const action = useAction();

  const create = async (event: FormEvent) => {
    event.preventDefault();
    let created: CourseDetail | undefined;
    const ok = await action.run(async () => {
      created = await explained(
        trainingApi.createCourse(
          {
            title: title.trim(),
            description: description.trim(),
            audience: audience.trim() || null,
          },
          requestKey,
        ),
      );
    });
    if (ok && created) navigate(`/tap-huan/${created.id}`);
  };

  const courses = (list.data ?? []).filter((c) => !status || c.status === status);
  const count = (s: CourseStatus) => (list.data ?? []).filter((c) => c.status === s).length;

  return (
    <section className="page">
      <header className="page__header row-between">
        <div>
          <h1>Tập huấn trực tuyến</h1>
          <p className="muted">
            Khoá tập huấn của cơ quan: buổi học trực tuyến, tài liệu, người đăng ký và hỏi đáp.
          </p>
        </div>
        <button
          type="button"
          className="primary"
          onClick={() => {
            setCreating(true);
            setRequestKey(crypto.randomUUID());
            action.setError(null);
          }}
        >
          + Tạo khoá tập huấn
        </button>
      </header>
      {creating ? (
        <form className="card form-grid" onSubmit={create} aria-label="Tạo khoá tập huấn">
          <h2>Khoá tập huấn mới</h2>
          <label>
            Tên khoá
            <input
              name="title"
              required
              minLength={5}
              maxLength={200}
              placeholder="Kỹ thuật canh tác lúa thích ứng xâm nhập mặn"
              value={title}
              onChange={(e) => setTitle(e.target.value)}
            />
          </label>
          <label>
            Dành cho
            <input
              name="audience"
              maxLength={200}
              placeholder="Nông dân trồng lúa, cán bộ khuyến nông xã"
              value={audience}
              onChange={(e) => setAudience(e.target.value)}
            />
          </label>
          <label className="svc-span">
            Giới thiệu
            <textarea
              name="description"
              rows={3}
              maxLength={5000}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          </label>
          <ErrorBox message={action.error} />
          <div className="row">
            <button type="submit" className="primary" disabled={action.busy}>
              Tạo bản nháp
            </button>
            <button type="button" onClick={() => setCreating(false)}>
              Huỷ
            </button>
          </div>
        </form>
      ) : null}
      <div className="filters">
        <div className="segmented">
          {(['', 'draft', 'published', 'cancelled'] as const).map((s) => (
            <button
              key={s || 'all'}
              type="button"
              className={status === s ? 'is-active' : undefined}
              onClick={() => setStatus(s)}
            >
              {s
                ? `${COURSE_STATUS_LABELS[s]} (${count(s)})`
                : `Tất cả (${list.data?.length ?? 0})`}
            </button>
          ))}
        </div>
      </div>
      <ErrorBox message={list.error} />
      <table className="table" aria-busy={list.loading && !list.data}>
        <thead>
          <tr>
            <th>Khoá tập huấn</th>
            <th>Dành cho</th>
            <th>Trạng thái</th>
            <th className="num">Buổi học</th>
            <th className="num">Đăng ký</th>
            <th className="num">Câu hỏi chờ</th>
            <th>Buổi kế tiếp</th>
          </tr>
        </thead>
        <tbody>
          {courses.map((c) => (
            <tr key={c.id} data-course-id={c.id}>
              <td>
                <Link href={`/tap-huan/${c.id}`}>{c.title}</Link>
                {c.agencyName ? <div className="muted small">{c.agencyName}</div> : null}
              </td>
              <td>{c.audience ?? <span className="muted">—</span>}</td>
              <td>
                <CourseStatusBadge status={c.status} />
              </td>
              <td className="num">{c.sessionCount}</td>
              <td className="num">{c.registered}</td>
              <td className="num">
                {c.unanswered > 0 ? (
                  <span className="badge badge--in_progress">{c.unanswered}</span>
                ) : (
                  0
                )}
              </td>
              <td className="nowrap">
                {c.nextSession ? (
                  formatDateTime(c.nextSession.startsAt)
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
            </tr>
          ))}
          {!list.loading && courses.length === 0 ? (
            <tr>
              <td colSpan={7} className="empty">
                Chưa có khoá tập huấn nào.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </section>
  );
}
