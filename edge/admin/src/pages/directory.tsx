import { type FormEvent, useState } from 'react';
import { api } from '../api';
import { ErrorBox, useLoad } from '../components/common';
import { isCode, Toast, useFeedback } from '../services/shared';
import '../services/services.css';

// The agency's phone directory: emergency numbers, hotlines and the agency with its
// departments and people, each a draft until published. Order within a group is set with
// the arrows; numbers are checked and normalised by the API.

type Kind = 'emergency' | 'hotline' | 'agency' | 'department' | 'person';
type Status = 'draft' | 'published' | 'archived';

interface Entry {
  id: string;
  agencyId: string;
  agencyName: string;
  parentId: string | null;
  kind: Kind;
  name: string;
  role: string | null;
  phone: string;
  phoneDisplay: string;
  phoneAlt: string | null;
  email: string | null;
  address: string | null;
  hours: string | null;
  en: Record<string, unknown>;
  sortOrder: number;
  status: Status;
  version: number;
}

const KIND_LABELS: Record<Kind, string> = {
  emergency: 'Số khẩn cấp',
  hotline: 'Đường dây nóng',
  agency: 'Cơ quan',
  department: 'Phòng ban',
  person: 'Cán bộ',
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

interface Form {
  kind: Kind;
  parentId: string;
  name: string;
  role: string;
  phone: string;
  phoneAlt: string;
  email: string;
  address: string;
  hours: string;
  enName: string;
  enRole: string;
}

const formOf = (e: Entry | null, kind: Kind = 'hotline', parentId = ''): Form => ({
  kind: e?.kind ?? kind,
  parentId: e?.parentId ?? parentId,
  name: e?.name ?? '',
  role: e?.role ?? '',
  phone: e?.phone ?? '',
  phoneAlt: e?.phoneAlt ?? '',
  email: e?.email ?? '',
  address: e?.address ?? '',
  hours: e?.hours ?? '',
  enName: typeof e?.en.name === 'string' ? e.en.name : '',
  enRole: typeof e?.en.role === 'string' ? e.en.role : '',
});

const bodyOf = (f: Form) => ({
  kind: f.kind,
  parentId: f.kind === 'department' || f.kind === 'person' ? f.parentId || null : null,
  name: f.name.trim(),
  role: f.role.trim() || null,
  phone: f.phone.trim(),
  phoneAlt: f.phoneAlt.trim() || null,
  email: f.email.trim() || null,
  address: f.address.trim() || null,
  hours: f.hours.trim() || null,
  en: { name: f.enName.trim() || undefined, role: f.enRole.trim() || undefined },
});

function Editor({
  entry,
  initial,
  parents,
  busy,
  onSave,
  onCancel,
}: {
  entry: Entry | null;
  initial: Form;
  parents: Entry[];
  busy: boolean;
  onSave: (form: Form, requestKey: string) => Promise<boolean>;
  onCancel: () => void;
}) {
  const [form, setForm] = useState(initial);
  // One key per opened form: a second click after a lost answer adds the entry once.
  const [requestKey] = useState(() => crypto.randomUUID());
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm({ ...form, [key]: value });
  const nested = form.kind === 'department' || form.kind === 'person';
  const parentChoices = parents.filter((p) =>
    form.kind === 'department'
      ? p.kind === 'agency'
      : p.kind === 'agency' || p.kind === 'department',
  );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await onSave(form, requestKey)) onCancel();
  };
  return (
    <form
      className="card form-grid svc-editor"
      onSubmit={submit}
      aria-label={entry ? 'Sửa mục danh bạ' : 'Thêm mục danh bạ'}
    >
      <h3 className="svc-span">{entry ? `Sửa: ${entry.name}` : 'Thêm mục danh bạ'}</h3>
      <label>
        Loại
        <select name="kind" value={form.kind} onChange={(e) => set('kind', e.target.value as Kind)}>
          {(Object.keys(KIND_LABELS) as Kind[]).map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </label>
      {nested ? (
        <label>
          Thuộc
          <select
            name="parentId"
            required={form.kind === 'department'}
            value={form.parentId}
            onChange={(e) => set('parentId', e.target.value)}
          >
            <option value="">— Chọn —</option>
            {parentChoices.map((p) => (
              <option key={p.id} value={p.id}>
                {KIND_LABELS[p.kind]}: {p.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label>
        Tên
        <input
          name="name"
          required
          maxLength={200}
          placeholder="Đường dây nóng Sở Y tế"
          value={form.name}
          onChange={(e) => set('name', e.target.value)}
        />
      </label>
      <label>
        Chức vụ / nội dung hỗ trợ
        <input
          name="role"
          maxLength={200}
          value={form.role}
          onChange={(e) => set('role', e.target.value)}
        />
      </label>
      <label>
        Số điện thoại
        <input
          name="phone"
          required
          maxLength={40}
          inputMode="tel"
          placeholder="0293 3876 543, 1022, 0912 345 678"
          value={form.phone}
          onChange={(e) => set('phone', e.target.value)}
        />
      </label>
      <label>
        Số phụ
        <input
          name="phoneAlt"
          maxLength={40}
          inputMode="tel"
          value={form.phoneAlt}
          onChange={(e) => set('phoneAlt', e.target.value)}
        />
      </label>
      <label>
        Thời gian
        <input
          name="hours"
          maxLength={100}
          placeholder="24/7, Giờ hành chính"
          value={form.hours}
          onChange={(e) => set('hours', e.target.value)}
        />
      </label>
      <label>
        Email
        <input
          name="email"
          type="email"
          maxLength={200}
          value={form.email}
          onChange={(e) => set('email', e.target.value)}
        />
      </label>
      <label className="svc-span">
        Địa chỉ
        <input
          name="address"
          maxLength={300}
          value={form.address}
          onChange={(e) => set('address', e.target.value)}
        />
      </label>
      <label>
        Tên tiếng Anh
        <input
          name="enName"
          maxLength={200}
          value={form.enName}
          onChange={(e) => set('enName', e.target.value)}
        />
      </label>
      <label>
        Chức vụ tiếng Anh
        <input
          name="enRole"
          maxLength={200}
          value={form.enRole}
          onChange={(e) => set('enRole', e.target.value)}
        />
      </label>
      <div className="row svc-span">
        <button type="submit" className="primary" disabled={busy}>
          {entry ? 'Lưu' : 'Thêm bản nháp'}
        </button>
        <button type="button" onClick={onCancel}>
          Huỷ
        </button>
      </div>
    </form>
  );
}

/** Entries in display order: roots of a kind, each followed by what hangs under it. */
function ordered(entries: Entry[], kinds: Kind[]): { entry: Entry; depth: number }[] {
  const byParent = new Map<string, Entry[]>();
  for (const e of entries) {
    if (!e.parentId) continue;
    byParent.set(e.parentId, [...(byParent.get(e.parentId) ?? []), e]);
  }
  const out: { entry: Entry; depth: number }[] = [];
  const walk = (e: Entry, depth: number) => {
    out.push({ entry: e, depth });
    for (const c of byParent.get(e.id) ?? []) walk(c, depth + 1);
  };
  for (const e of entries.filter((x) => kinds.includes(x.kind) && !x.parentId)) walk(e, 0);
  return out;
}

export default function DirectoryPage() {
  const list = useLoad(() => api<{ items: Entry[] }>('GET', '/work/directory/entries'), []);
  const feedback = useFeedback();
  const [editing, setEditing] = useState<{ entry: Entry | null; initial: Form } | null>(null);
  const entries = list.data?.items ?? [];

  const act = async (work: () => Promise<unknown>, success: string) => {
    const ok = await feedback.run(async () => {
      try {
        await work();
      } catch (error) {
        // Someone else saved first: show the current state rather than keep a stale form.
        if (isCode(error, 'version_conflict')) void list.reload();
        throw error;
      }
    }, success);
    if (ok) await list.reload();
    return ok;
  };

  const save = (form: Form, requestKey: string) => {
    const entry = editing?.entry ?? null;
    return entry
      ? act(
          () =>
            api('PATCH', `/work/directory/entries/${entry.id}`, {
              body: { version: entry.version, ...bodyOf(form) },
            }),
          'Đã lưu.',
        )
      : act(
          () => api('POST', '/work/directory/entries', { body: { requestKey, ...bodyOf(form) } }),
          'Đã thêm bản nháp. Bấm "Công bố" để hiện trong danh bạ.',
        );
  };

  const move = (entry: Entry, step: -1 | 1) => {
    const siblings = entries.filter(
      (e) =>
        e.kind === entry.kind && e.parentId === entry.parentId && e.agencyId === entry.agencyId,
    );
    const i = siblings.findIndex((e) => e.id === entry.id);
    const j = i + step;
    if (j < 0 || j >= siblings.length) return;
    const ids = siblings.map((e) => e.id);
    [ids[i], ids[j]] = [ids[j] as string, ids[i] as string];
    void act(() => api('POST', '/work/directory/reorder', { body: { ids } }), 'Đã đổi thứ tự.');
  };

  const groups: { title: string; kinds: Kind[]; add: Kind }[] = [
    { title: 'Số khẩn cấp', kinds: ['emergency'], add: 'emergency' },
    { title: 'Đường dây nóng', kinds: ['hotline'], add: 'hotline' },
    { title: 'Cơ quan, phòng ban, cán bộ', kinds: ['agency'], add: 'agency' },
  ];

  return (
    <section className="page">
      <header className="page__header row-between">
        <div>
          <h1>Danh bạ</h1>
          <p className="muted">
            Số khẩn cấp, đường dây nóng, cơ quan với phòng ban và cán bộ. Người dân thấy mục đã công
            bố, số khẩn cấp ở đầu danh bạ.
          </p>
        </div>
      </header>
      <Toast feedback={feedback} />
      <ErrorBox message={list.error} />
      {editing ? (
        <Editor
          key={editing.entry?.id ?? `new-${editing.initial.kind}-${editing.initial.parentId}`}
          entry={editing.entry}
          initial={editing.initial}
          parents={entries.filter((e) => e.kind === 'agency' || e.kind === 'department')}
          busy={feedback.busy}
          onSave={save}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      {groups.map((g) => {
        const rows = ordered(entries, g.kinds);
        return (
          <section key={g.title} className="card" data-group={g.add}>
            <div className="row-between">
              <h2>{g.title}</h2>
              <button
                type="button"
                onClick={() => setEditing({ entry: null, initial: formOf(null, g.add) })}
              >
                + Thêm {KIND_LABELS[g.add].toLowerCase()}
              </button>
            </div>
            <table className="table" aria-busy={list.loading && !list.data}>
              <thead>
                <tr>
                  <th>Tên</th>
                  <th>Số điện thoại</th>
                  <th>Trạng thái</th>
                  <th>Thứ tự</th>
                  <th>Thao tác</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ entry: e, depth }) => (
                  <tr key={e.id} data-entry-id={e.id}>
                    <td style={{ paddingLeft: 8 + depth * 20 }}>
                      {depth > 0 ? (
                        <span className="muted small">{KIND_LABELS[e.kind]} · </span>
                      ) : null}
                      <strong>{e.name}</strong>
                      {e.role ? <div className="muted small">{e.role}</div> : null}
                      {entries.some((x) => x.agencyId !== e.agencyId) ? (
                        <div className="muted small">{e.agencyName}</div>
                      ) : null}
                    </td>
                    <td className="nowrap">
                      {e.phoneDisplay}
                      {e.phoneAlt ? <div className="muted small">{e.phoneAlt}</div> : null}
                    </td>
                    <td>
                      <span className={STATUS_BADGE[e.status]}>{STATUS_LABELS[e.status]}</span>
                    </td>
                    <td className="nowrap">
                      <button
                        type="button"
                        aria-label={`Đưa ${e.name} lên`}
                        onClick={() => move(e, -1)}
                      >
                        ↑
                      </button>{' '}
                      <button
                        type="button"
                        aria-label={`Đưa ${e.name} xuống`}
                        onClick={() => move(e, 1)}
                      >
                        ↓
                      </button>
                    </td>
                    <td className="row">
                      <button
                        type="button"
                        onClick={() => setEditing({ entry: e, initial: formOf(e) })}
                      >
                        Sửa
                      </button>
                      {e.kind === 'agency' || e.kind === 'department' ? (
                        <button
                          type="button"
                          onClick={() =>
                            setEditing({
                              entry: null,
                              initial: formOf(
                                null,
                                e.kind === 'agency' ? 'department' : 'person',
                                e.id,
                              ),
                            })
                          }
                        >
                          + {e.kind === 'agency' ? 'Phòng ban' : 'Cán bộ'}
                        </button>
                      ) : null}
                      {e.status !== 'published' ? (
                        <button
                          type="button"
                          className="primary"
                          disabled={feedback.busy}
                          onClick={() =>
                            void act(
                              () =>
                                api('POST', `/work/directory/entries/${e.id}/publish`, {
                                  body: { version: e.version },
                                }),
                              `Đã công bố "${e.name}".`,
                            )
                          }
                        >
                          Công bố
                        </button>
                      ) : (
                        <button
                          type="button"
                          disabled={feedback.busy}
                          onClick={() =>
                            void act(
                              () =>
                                api('POST', `/work/directory/entries/${e.id}/archive`, {
                                  body: { version: e.version },
                                }),
                              `Đã gỡ "${e.name}" khỏi danh bạ.`,
                            )
                          }
                        >
                          Lưu trữ
                        </button>
                      )}
                      {e.status === 'draft' ? (
                        <button
                          type="button"
                          disabled={feedback.busy}
                          onClick={() =>
                            void act(
                              () => api('DELETE', `/work/directory/entries/${e.id}`),
                              'Đã xoá bản nháp.',
                            )
                          }
                        >
                          Xoá
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
                {!list.loading && rows.length === 0 ? (
                  <tr>
                    <td colSpan={5} className="empty">
                      Chưa có mục nào.
                    </td>
                  </tr>
                ) : null}
              </tbody>
            </table>
          </section>
        );
      })}
    </section>
  );
}
