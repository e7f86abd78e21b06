import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../api';
import { ErrorBox, Notice, useAction, useLoad } from '../components/common';

// The agency's work schedule (lịch công tác), one week at a time: drafts are written and
// published (one by one or the whole week); a published item that changes needs a short note
// and is shown to the public as "đã điều chỉnh"; a cancelled one stays visible with its reason.
// Times are entered and shown in Vietnam's time (UTC+7, no daylight saving).

type Status = 'draft' | 'published' | 'archived' | 'cancelled';

interface Entry {
  id: string;
  agencyName: string;
  leaderName: string | null;
  leaderTitle: string | null;
  date: string;
  startTime: string | null;
  endTime: string | null;
  startsAt: string;
  endsAt: string | null;
  allDay: boolean;
  location: string;
  content: string;
  host: string;
  participants: string;
  status: Status;
  revisedAt: string | null;
  revisionNote: string | null;
  version: number;
  en: Record<string, unknown> | null;
}

interface Week {
  week: string;
  from: string;
  to: string;
  previousWeek: string;
  nextWeek: string;
  agencyId: string;
  items: Entry[];
}

const STATUS_LABELS: Record<Status, string> = {
  draft: 'Nháp',
  published: 'Đã công bố',
  archived: 'Lưu trữ',
  cancelled: 'Đã hủy',
};
const STATUS_BADGE: Record<Status, string> = {
  draft: 'badge--received',
  published: 'badge--resolved',
  archived: 'badge--closed',
  cancelled: 'badge--rejected',
};
const DAYS = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];

const VN_MS = 7 * 3_600_000;
/** "YYYY-MM-DDTHH:MM" in Vietnam's time, for <input type="datetime-local">. */
const toLocalInput = (iso: string) => new Date(Date.parse(iso) + VN_MS).toISOString().slice(0, 16);
const fromLocalInput = (value: string) => `${value}:00+07:00`;
const dmy = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
const weekday = (day: string) => DAYS[(new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7];
const vnDateTime = (iso: string) => {
  const d = toLocalInput(iso);
  return `${d.slice(11, 16)} ${dmy(d.slice(0, 10))}`;
};

interface Form {
  id: string | null;
  version: number;
  status: Status;
  leaderName: string;
  leaderTitle: string;
  start: string;
  end: string;
  allDay: boolean;
  location: string;
  content: string;
  host: string;
  participants: string;
  enContent: string;
  enLocation: string;
  revisionNote: string;
  requestKey: string;
}

const blank = (day: string): Form => ({
  id: null,
  version: 0,
  status: 'draft',
  leaderName: '',
  leaderTitle: '',
  start: `${day}T08:00`,
  end: `${day}T10:00`,
  allDay: false,
  location: '',
  content: '',
  host: '',
  participants: '',
  enContent: '',
  enLocation: '',
  revisionNote: '',
  requestKey: crypto.randomUUID(),
});

const formOf = (e: Entry): Form => ({
  id: e.id,
  version: e.version,
  status: e.status,
  leaderName: e.leaderName ?? '',
  leaderTitle: e.leaderTitle ?? '',
  start: toLocalInput(e.startsAt),
  end: e.endsAt ? toLocalInput(e.endsAt) : '',
  allDay: e.allDay,
  location: e.location,
  content: e.content,
  host: e.host,
  participants: e.participants,
  enContent: typeof e.en?.content === 'string' ? e.en.content : '',
  enLocation: typeof e.en?.location === 'string' ? e.en.location : '',
  revisionNote: '',
  requestKey: crypto.randomUUID(),
});

const conflictMessage = (error: unknown) =>
  error instanceof ApiError && error.code === 'version_conflict'
    ? 'Mục này vừa được người khác sửa. Danh sách đã được tải lại: hãy mở lại mục và sửa tiếp.'
    : null;

export default function SchedulesPage() {
  const [week, setWeek] = useState<string | undefined>(undefined);
  const list = useLoad(
    () => api<Week>('GET', '/work/schedules/entries', { query: { week } }),
    [week],
  );
  const [form, setForm] = useState<Form | null>(null);
  const [cancelling, setCancelling] = useState<{ entry: Entry; note: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();
  const data = list.data;

  const run = async (what: () => Promise<unknown>, done: string) => {
    setNotice(null);
    let conflict: string | null = null;
    const ok = await action.run(async () => {
      try {
        await what();
      } catch (error) {
        conflict = conflictMessage(error);
        throw error;
      }
    });
    if (conflict) {
      action.setError(conflict);
      setForm(null);
    }
    if (ok) setNotice(done);
    await list.reload();
    return ok;
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!form) return;
    const body = {
      leaderName: form.leaderName.trim() || null,
      leaderTitle: form.leaderTitle.trim() || null,
      startsAt: fromLocalInput(form.allDay ? `${form.start.slice(0, 10)}T00:00` : form.start),
      endsAt: form.allDay || !form.end ? null : fromLocalInput(form.end),
      allDay: form.allDay,
      location: form.location.trim(),
      content: form.content.trim(),
      host: form.host.trim(),
      participants: form.participants.trim(),
      en: { content: form.enContent.trim(), location: form.enLocation.trim() },
    };
    const ok = await run(
      () =>
        form.id
          ? api('PATCH', `/work/schedules/entries/${form.id}`, {
              body: {
                ...body,
                version: form.version,
                ...(form.status === 'published' ? { revisionNote: form.revisionNote.trim() } : {}),
              },
            })
          : api('POST', '/work/schedules/entries', {
              body: { ...body, requestKey: form.requestKey },
            }),
      form.id ? 'Đã lưu thay đổi.' : 'Đã thêm vào lịch (bản nháp).',
    );
    if (ok) setForm(null);
  };

  const drafts = (data?.items ?? []).filter((e) => e.status === 'draft').length;
  const field = (key: keyof Form) => ({
    value: form ? String(form[key]) : '',
    onChange: (e: { target: { value: string } }) =>
      setForm((f) => (f ? { ...f, [key]: e.target.value } : f)),
  });

  return (
    <section className="page">
      <header className="page__header row-between">
        <div>
          <h1>Lịch công tác</h1>
          <p className="muted">
            Lịch tuần của cơ quan và lãnh đạo. Mục nháp chỉ cán bộ thấy; sau khi công bố, mọi thay
            đổi được đánh dấu "đã điều chỉnh" cho người dân.
          </p>
        </div>
        <button
          type="button"
          className="primary"
          onClick={() => {
            setForm(blank(data?.from ?? new Date().toISOString().slice(0, 10)));
            action.setError(null);
          }}
        >
          + Thêm mục lịch
        </button>
      </header>

      <div className="filters row">
        <button type="button" disabled={!data} onClick={() => data && setWeek(data.previousWeek)}>
          ‹ Tuần trước
        </button>
        <strong data-testid="schedule-week">
          {data ? `Tuần ${data.week.slice(6)}: ${dmy(data.from)} – ${dmy(data.to)}` : '…'}
        </strong>
        <button type="button" disabled={!data} onClick={() => data && setWeek(data.nextWeek)}>
          Tuần sau ›
        </button>
        {week ? (
          <button type="button" onClick={() => setWeek(undefined)}>
            Tuần này
          </button>
        ) : null}
        <button
          type="button"
          className="primary"
          disabled={!data || drafts === 0 || action.busy}
          onClick={() =>
            data &&
            void run(
              () => api('POST', '/work/schedules/publish-week', { body: { week: data.week } }),
              `Đã công bố ${drafts} mục nháp của tuần.`,
            )
          }
        >
          Công bố cả tuần ({drafts} nháp)
        </button>
        <button
          type="button"
          disabled={!data || action.busy}
          onClick={() =>
            data &&
            void run(
              () => api('POST', '/work/schedules/copy-week', { body: { week: data.week } }),
              'Đã chép lịch sang tuần sau (bản nháp).',
            )
          }
        >
          Chép sang tuần sau
        </button>
      </div>

      <Notice message={notice} />
      <ErrorBox message={action.error ?? list.error} />

      {form ? (
        <form className="card form-grid" onSubmit={save} aria-label="Mục lịch công tác">
          <h2>{form.id ? 'Sửa mục lịch' : 'Mục lịch mới'}</h2>
          <label>
            Lãnh đạo (để trống: lịch chung của cơ quan)
            <input maxLength={120} placeholder="Nguyễn Văn A" {...field('leaderName')} />
          </label>
          <label>
            Chức vụ
            <input maxLength={200} placeholder="Chủ tịch UBND tỉnh" {...field('leaderTitle')} />
          </label>
          <label>
            <span>
              <input
                type="checkbox"
                checked={form.allDay}
                onChange={(e) => setForm({ ...form, allDay: e.target.checked })}
              />{' '}
              Cả ngày
            </span>
          </label>
          <label>
            Bắt đầu (giờ Việt Nam)
            <input type="datetime-local" required {...field('start')} />
          </label>
          {form.allDay ? null : (
            <label>
              Kết thúc (không bắt buộc)
              <input type="datetime-local" {...field('end')} />
            </label>
          )}
          <label>
            Địa điểm
            <input
              required
              maxLength={300}
              placeholder="Phòng họp số 1, UBND tỉnh"
              {...field('location')}
            />
          </label>
          <label className="svc-span">
            Nội dung
            <textarea required rows={3} maxLength={2000} {...field('content')} />
          </label>
          <label>
            Chủ trì
            <input required maxLength={300} {...field('host')} />
          </label>
          <label>
            Thành phần
            <input maxLength={2000} {...field('participants')} />
          </label>
          <label>
            Nội dung (tiếng Anh, không bắt buộc)
            <input maxLength={2000} {...field('enContent')} />
          </label>
          <label>
            Địa điểm (tiếng Anh, không bắt buộc)
            <input maxLength={300} {...field('enLocation')} />
          </label>
          {form.status === 'published' ? (
            <label className="svc-span">
              Ghi chú điều chỉnh (bắt buộc, hiển thị cho người dân)
              <input
                required
                minLength={3}
                maxLength={300}
                placeholder="Đổi giờ họp sang 14:00"
                {...field('revisionNote')}
              />
            </label>
          ) : null}
          <div className="row">
            <button type="submit" className="primary" disabled={action.busy}>
              {form.id ? 'Lưu' : 'Thêm bản nháp'}
            </button>
            <button type="button" onClick={() => setForm(null)}>
              Đóng
            </button>
          </div>
        </form>
      ) : null}

      {cancelling ? (
        <form
          className="card form-grid"
          aria-label="Hủy mục lịch"
          onSubmit={async (e) => {
            e.preventDefault();
            const { entry, note } = cancelling;
            const ok = await run(
              () =>
                api('POST', `/work/schedules/entries/${entry.id}/cancel`, {
                  body: { version: entry.version, note: note.trim() },
                }),
              'Đã hủy mục lịch.',
            );
            if (ok) setCancelling(null);
          }}
        >
          <h2>Hủy: {cancelling.entry.content}</h2>
          <label className="svc-span">
            Lý do (hiển thị cho người dân)
            <input
              required
              minLength={3}
              maxLength={300}
              placeholder="Hoãn do lãnh đạo đi công tác"
              value={cancelling.note}
              onChange={(e) => setCancelling({ ...cancelling, note: e.target.value })}
            />
          </label>
          <div className="row">
            <button type="submit" className="danger" disabled={action.busy}>
              Hủy mục này
            </button>
            <button type="button" onClick={() => setCancelling(null)}>
              Đóng
            </button>
          </div>
        </form>
      ) : null}

      <table className="table" aria-busy={list.loading && !data}>
        <thead>
          <tr>
            <th>Ngày</th>
            <th>Giờ</th>
            <th>Lãnh đạo</th>
            <th>Nội dung</th>
            <th>Địa điểm</th>
            <th>Trạng thái</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(data?.items ?? []).map((e) => (
            <tr key={e.id} data-entry-id={e.id}>
              <td className="nowrap">
                {weekday(e.date)}
                <div className="muted small">{dmy(e.date)}</div>
              </td>
              <td className="nowrap">
                {e.allDay ? 'Cả ngày' : `${e.startTime}${e.endTime ? ` – ${e.endTime}` : ''}`}
              </td>
              <td>
                {e.leaderName ?? <span className="muted">Cơ quan</span>}
                {e.leaderTitle ? <div className="muted small">{e.leaderTitle}</div> : null}
              </td>
              <td>
                {e.status === 'cancelled' ? <s>{e.content}</s> : e.content}
                <div className="muted small">Chủ trì: {e.host}</div>
                {e.revisedAt ? (
                  <div className="small">
                    {e.status === 'cancelled' ? 'Hủy' : 'Điều chỉnh'} lúc {vnDateTime(e.revisedAt)}
                    {e.revisionNote ? `: ${e.revisionNote}` : ''}
                  </div>
                ) : null}
              </td>
              <td>{e.location}</td>
              <td>
                <span className={`badge ${STATUS_BADGE[e.status]}`}>{STATUS_LABELS[e.status]}</span>
              </td>
              <td className="nowrap">
                {e.status === 'draft' || e.status === 'published' ? (
                  <button type="button" onClick={() => setForm(formOf(e))}>
                    Sửa
                  </button>
                ) : null}
                {e.status === 'draft' ? (
                  <>
                    <button
                      type="button"
                      className="primary"
                      disabled={action.busy}
                      onClick={() =>
                        void run(
                          () =>
                            api('POST', `/work/schedules/entries/${e.id}/publish`, {
                              body: { version: e.version },
                            }),
                          'Đã công bố.',
                        )
                      }
                    >
                      Công bố
                    </button>
                    <button
                      type="button"
                      className="danger"
                      disabled={action.busy}
                      onClick={() =>
                        window.confirm('Xóa mục nháp này?') &&
                        void run(
                          () => api('DELETE', `/work/schedules/entries/${e.id}`),
                          'Đã xóa mục nháp.',
                        )
                      }
                    >
                      Xóa
                    </button>
                  </>
                ) : null}
                {e.status === 'published' ? (
                  <button
                    type="button"
                    className="danger"
                    onClick={() => setCancelling({ entry: e, note: '' })}
                  >
                    Hủy
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
          {data && data.items.length === 0 ? (
            <tr>
              <td colSpan={7} className="muted">
                Tuần này chưa có mục lịch nào.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </section>
  );
}
