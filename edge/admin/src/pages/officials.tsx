import { type FormEvent, useState } from 'react';
import { api } from '../api';
import { loadCatalog } from '../catalog';
import { copyText, ErrorBox, Notice, Pager, useAction, useLoad } from '../components/common';
import { formatDateTime, OFFICIAL_ROLES, ROLE_LABELS } from '../format';
import type { Official, OfficialRole, PasswordLink } from '../types';

const PAGE_SIZE = 25;

interface OfficialForm {
  email: string;
  fullName: string;
  agencyId: string;
  communeId: string;
  roles: OfficialRole[];
  status: string;
}

const EMPTY: OfficialForm = {
  email: '',
  fullName: '',
  agencyId: '',
  communeId: '',
  roles: [],
  status: 'active',
};

function LinkBox({ link, who }: { link: PasswordLink; who: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="alert alert--ok link-box" role="status">
      <p>
        Đường dẫn đặt mật khẩu cho <strong>{who}</strong> (dùng một lần, hết hạn{' '}
        {formatDateTime(link.expiresAt)}). Gửi cho cán bộ qua kênh công vụ:
      </p>
      <div className="row">
        <input
          readOnly
          value={link.url}
          aria-label="Đường dẫn đặt mật khẩu"
          onFocus={(e) => e.target.select()}
        />
        <button type="button" onClick={() => void copyText(link.url).then((ok) => setCopied(ok))}>
          {copied ? 'Đã chép' : 'Chép'}
        </button>
      </div>
    </div>
  );
}

function RolesPicker({
  value,
  onChange,
}: {
  value: OfficialRole[];
  onChange: (roles: OfficialRole[]) => void;
}) {
  return (
    <fieldset className="roles">
      <legend>Vai trò</legend>
      {OFFICIAL_ROLES.map((role) => (
        <label key={role} className="check">
          <input
            type="checkbox"
            name="roles"
            value={role}
            checked={value.includes(role)}
            onChange={(e) =>
              onChange(e.target.checked ? [...value, role] : value.filter((r) => r !== role))
            }
          />
          {ROLE_LABELS[role] ?? role}
        </label>
      ))}
    </fieldset>
  );
}

export function OfficialsPage() {
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const catalog = useLoad(loadCatalog, []);
  const list = useLoad(
    () =>
      api<{ items: Official[]; total: number }>('GET', '/admin/officials', {
        query: { q: search, page, limit: PAGE_SIZE },
      }),
    [search, page],
  );
  const [editing, setEditing] = useState<Official | 'new' | null>(null);
  const [form, setForm] = useState<OfficialForm>(EMPTY);
  const [link, setLink] = useState<{ link: PasswordLink; who: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();

  const open = (official: Official | 'new') => {
    setEditing(official);
    setLink(null);
    setNotice(null);
    action.setError(null);
    setForm(
      official === 'new'
        ? EMPTY
        : {
            email: official.email,
            fullName: official.fullName,
            agencyId: official.agencyId,
            communeId: official.communeId ?? '',
            roles: official.roles,
            status: official.status,
          },
    );
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      fullName: form.fullName.trim(),
      agencyId: form.agencyId,
      communeId: form.communeId || null,
      roles: form.roles,
    };
    const ok = await action.run(async () => {
      if (editing === 'new') {
        const answer = await api<{ official: Official; passwordLink: PasswordLink }>(
          'POST',
          '/admin/officials',
          { body: { ...body, email: form.email.trim() } },
        );
        setLink({ link: answer.passwordLink, who: answer.official.email });
        setNotice(null);
      } else if (editing) {
        await api('PATCH', `/admin/officials/${editing.id}`, {
          body: { ...body, status: form.status },
        });
        setNotice(`Đã lưu ${editing.email}.`);
      }
    });
    if (ok) {
      setEditing(null);
      await list.reload();
    }
  };

  const newLink = async (official: Official) => {
    await action.run(async () => {
      const answer = await api<{ passwordLink: PasswordLink }>(
        'POST',
        `/admin/officials/${official.id}/password-link`,
      );
      setLink({ link: answer.passwordLink, who: official.email });
    });
  };

  return (
    <section className="page">
      <header className="page__header row-between">
        <div>
          <h1>Cán bộ</h1>
          <p className="muted">Tài khoản, cơ quan và vai trò của cán bộ dùng hệ thống.</p>
        </div>
        <button type="button" className="primary" onClick={() => open('new')}>
          + Thêm cán bộ
        </button>
      </header>
      {link ? <LinkBox link={link.link} who={link.who} /> : null}
      <Notice message={notice} />
      <ErrorBox message={list.error ?? (editing ? null : action.error)} />

      {editing ? (
        <form className="card form-grid" onSubmit={save} aria-label="Thông tin cán bộ">
          <h2>{editing === 'new' ? 'Thêm cán bộ' : `Sửa ${editing.email}`}</h2>
          {editing === 'new' ? (
            <label>
              Thư điện tử công vụ
              <input
                type="email"
                name="email"
                required
                value={form.email}
                onChange={(e) => setForm({ ...form, email: e.target.value })}
              />
            </label>
          ) : null}
          <label>
            Họ và tên
            <input
              name="fullName"
              required
              value={form.fullName}
              onChange={(e) => setForm({ ...form, fullName: e.target.value })}
            />
          </label>
          <label>
            Cơ quan
            <select
              name="agencyId"
              required
              value={form.agencyId}
              onChange={(e) => setForm({ ...form, agencyId: e.target.value })}
            >
              <option value="">— Chọn cơ quan —</option>
              {catalog.data?.agencies
                .filter((a) => a.id !== 'ubnd_xa_phuong')
                .map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
            </select>
          </label>
          <label>
            Xã/phường (cán bộ xã, phường)
            <select
              name="communeId"
              value={form.communeId}
              onChange={(e) => setForm({ ...form, communeId: e.target.value })}
            >
              <option value="">—</option>
              {catalog.data?.communes.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.fullName}
                </option>
              ))}
            </select>
          </label>
          {editing !== 'new' ? (
            <label>
              Trạng thái
              <select
                name="status"
                value={form.status}
                onChange={(e) => setForm({ ...form, status: e.target.value })}
              >
                <option value="active">Đang hoạt động</option>
                <option value="disabled">Đã khoá (đăng xuất mọi phiên)</option>
              </select>
            </label>
          ) : null}
          <RolesPicker value={form.roles} onChange={(roles) => setForm({ ...form, roles })} />
          <ErrorBox message={action.error} />
          <div className="row">
            <button type="submit" className="primary" disabled={action.busy}>
              {editing === 'new' ? 'Tạo tài khoản' : 'Lưu'}
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              Huỷ
            </button>
          </div>
        </form>
      ) : null}

      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setPage(1);
          setSearch(q.trim());
        }}
      >
        <label className="grow">
          Tìm theo tên hoặc thư điện tử
          <input type="search" name="q" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        <div className="filters__buttons">
          <button type="submit" className="primary">
            Tìm
          </button>
        </div>
      </form>

      <table className="table">
        <thead>
          <tr>
            <th>Họ tên</th>
            <th>Thư điện tử</th>
            <th>Cơ quan</th>
            <th>Vai trò</th>
            <th>Trạng thái</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.data?.items.map((o) => (
            <tr key={o.id} data-email={o.email}>
              <td>{o.fullName}</td>
              <td>{o.email}</td>
              <td>{o.agencyName}</td>
              <td>{o.roles.map((r) => ROLE_LABELS[r] ?? r).join(', ')}</td>
              <td>
                {o.status === 'disabled' ? (
                  <span className="badge badge--rejected">Đã khoá</span>
                ) : (
                  <span className="badge badge--resolved">Hoạt động</span>
                )}
                {o.totpEnabled ? <span className="tag">2 lớp</span> : null}
                {o.zaloLinked ? <span className="tag">Zalo</span> : null}
              </td>
              <td className="nowrap">
                <button type="button" className="link-button" onClick={() => open(o)}>
                  Sửa
                </button>{' '}
                <button type="button" className="link-button" onClick={() => void newLink(o)}>
                  Đường dẫn mật khẩu mới
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.data ? (
        <Pager page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />
      ) : null}
    </section>
  );
}
