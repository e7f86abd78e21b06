import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { ErrorBox, useAction, useLoad } from '../components/common';
import { formatDateTime, formatNumber, localInputToIso } from '../format';
import { SurveyStatusBadge } from '../services/badges';
import { isoToLocalInput } from '../services/shared';
import {
  AUDIENCE_LABELS,
  type Survey,
  type SurveyAudience,
  starterDefinition,
  surveysApi,
} from '../services/surveys';
import { holds, useMe } from '../session';
import '../services/services.css';

// The agency's opinion surveys: drafts being built, those open for answers and closed ones,
// with their window and how many answered. Province leaders see every agency's, read-only.

/** The next full hour, and thirty days after it: a new survey's default window. */
function defaultWindow(): { opensAt: string; closesAt: string } {
  const start = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
  const end = new Date(start.getTime() + 30 * 86_400_000);
  return {
    opensAt: isoToLocalInput(start.toISOString()),
    closesAt: isoToLocalInput(end.toISOString()),
  };
}

export default function SurveysPage() {
  const me = useMe();
  const mayManage = holds(me, 'surveys.manage');
  const [, navigate] = useLocation();
  const list = useLoad(surveysApi.list, []);
  const [creating, setCreating] = useState(false);
  const [title, setTitle] = useState('');
  const [audience, setAudience] = useState<SurveyAudience>('verified');
  const [window_, setWindow] = useState(defaultWindow);
  const action = useAction();

  const create = async (event: FormEvent) => {
    event.preventDefault();
    let created: Survey | undefined;
    const ok = await action.run(async () => {
      created = await surveysApi.create({
        title: title.trim(),
        description: '',
        audience,
        opensAt: localInputToIso(window_.opensAt),
        closesAt: localInputToIso(window_.closesAt),
        definition: starterDefinition(),
      });
    });
    if (ok && created) navigate(`/khao-sat/${created.id}`);
  };

  const surveys = [...(list.data ?? [])].sort((a, b) => b.opensAt.localeCompare(a.opensAt));

  return (
    <section className="page">
      <header className="page__header row-between">
        <div>
          <h1>Khảo sát ý kiến</h1>
          <p className="muted">
            {mayManage
              ? 'Lấy ý kiến người dân về dự thảo chính sách: soạn câu hỏi, phát hành, theo dõi kết quả.'
              : 'Kết quả các cuộc khảo sát ý kiến người dân.'}
          </p>
        </div>
        {mayManage ? (
          <button
            type="button"
            className="primary"
            onClick={() => {
              setCreating(true);
              setWindow(defaultWindow());
              action.setError(null);
            }}
          >
            + Tạo khảo sát
          </button>
        ) : null}
      </header>
      {creating ? (
        <form className="card form-grid" onSubmit={create} aria-label="Tạo khảo sát">
          <h2>Khảo sát mới</h2>
          <label className="svc-span">
            Tên khảo sát
            <input
              name="title"
              required
              minLength={5}
              maxLength={200}
              placeholder="Lấy ý kiến dự thảo quy định về giờ mở cửa chợ đêm"
              value={title}
              onChange={(e) => setTitle(e.target.value)}
            />
          </label>
          <label>
            Mở nhận ý kiến từ
            <input
              type="datetime-local"
              required
              value={window_.opensAt}
              onChange={(e) => setWindow({ ...window_, opensAt: e.target.value })}
            />
          </label>
          <label>
            Đến
            <input
              type="datetime-local"
              required
              min={window_.opensAt}
              value={window_.closesAt}
              onChange={(e) => setWindow({ ...window_, closesAt: e.target.value })}
            />
          </label>
          <label>
            Ai được trả lời
            <select
              value={audience}
              onChange={(e) => setAudience(e.target.value as SurveyAudience)}
            >
              {(Object.keys(AUDIENCE_LABELS) as SurveyAudience[]).map((a) => (
                <option key={a} value={a}>
                  {AUDIENCE_LABELS[a]}
                </option>
              ))}
            </select>
          </label>
          <p className="muted small svc-span">
            Khảo sát được tạo ở dạng bản nháp với một câu hỏi mẫu; soạn tiếp các câu hỏi ở trang
            khảo sát rồi phát hành.
          </p>
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
      <ErrorBox message={list.error} />
      <table className="table" aria-busy={list.loading && !list.data}>
        <thead>
          <tr>
            <th>Khảo sát</th>
            <th>Trạng thái</th>
            <th>Đối tượng</th>
            <th>Thời gian nhận ý kiến</th>
            <th className="num">Lượt trả lời</th>
          </tr>
        </thead>
        <tbody>
          {surveys.map((s) => (
            <tr key={s.id} data-survey-id={s.id}>
              <td>
                <Link href={`/khao-sat/${s.id}`}>{s.title}</Link>
                {s.agencyName ? <div className="muted small">{s.agencyName}</div> : null}
              </td>
              <td>
                <SurveyStatusBadge survey={s} />
              </td>
              <td>{s.audience === 'anyone' ? 'Mọi người' : 'Tài khoản Zalo'}</td>
              <td className="nowrap">
                {formatDateTime(s.opensAt)} – {formatDateTime(s.closesAt)}
              </td>
              <td className="num">{formatNumber(s.responseCount)}</td>
            </tr>
          ))}
          {!list.loading && surveys.length === 0 ? (
            <tr>
              <td colSpan={5} className="empty">
                Chưa có khảo sát nào.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </section>
  );
}
