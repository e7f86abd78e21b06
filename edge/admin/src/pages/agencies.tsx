import { type FormEvent, useState } from 'react';
import { api } from '../api';
import { invalidateCatalog, loadCatalog } from '../catalog';
import { ErrorBox, Notice, useAction, useLoad } from '../components/common';
import type { Agency } from '../types';

interface AgencyForm {
  id: string;
  name: string;
  phone: string;
  email: string;
  communeId: string;
}

const EMPTY: AgencyForm = { id: '', name: '', phone: '', email: '', communeId: '' };

export function AgenciesPage() {
  const list = useLoad(() => api<{ items: Agency[] }>('GET', '/admin/agencies'), []);
  const catalog = useLoad(loadCatalog, []);
  const [editing, setEditing] = useState<Agency | 'new' | null>(null);
  const [form, setForm] = useState<AgencyForm>(EMPTY);
  const [filter, setFilter] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();

  const open = (agency: Agency | 'new') => {
    setEditing(agency);
    setNotice(null);
    action.setError(null);
    setForm(
      agency === 'new'
        ? EMPTY
        : {
            id: agency.id,
            name: agency.name,
            phone: agency.phone ?? '',
            email: agency.email ?? '',
            communeId: agency.communeId ?? '',
          },
    );
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      name: form.name.trim(),
      phone: form.phone.trim() || null,
      email: form.email.trim() || null,
    };
    const ok = await action.run(() =>
      editing === 'new'
        ? api('POST', '/admin/agencies', {
            body: {
              ...body,
              ...(form.id.trim() ? { id: form.id.trim() } : {}),
              // A People's Committee belongs to its commune; other agencies are province-wide.
              scope: form.communeId ? 'commune' : 'province',
              communeId: form.communeId || null,
            },
          })
        : api('PATCH', `/admin/agencies/${(editing as Agency).id}`, { body }),
    );
    if (ok) {
      setNotice(`Đã lưu cơ quan ${form.name}.`);
      setEditing(null);
      invalidateCatalog();
      await list.reload();
    }
  };

  const needle = filter.trim().toLowerCase();
  const items = (list.data?.items ?? []).filter(
    (a) => !needle || a.name.toLowerCase().includes(needle) || a.id.includes(needle),
  );

  return (
    <section className="page">
      <header className="page__header row-between">
        <div>
          <h1>Cơ quan xử lý</h1>
          <p className="muted">Sở, ngành và UBND xã/phường nhận phản ánh.</p>
        </div>
        <button type="button" className="primary" onClick={() => open('new')}>
          + Thêm cơ quan
        </button>
      </header>
      <Notice message={notice} />
      <ErrorBox message={list.error} />
      {editing ? (
        <form className="card form-grid" onSubmit={save} aria-label="Thông tin cơ quan">
          <h2>{editing === 'new' ? 'Thêm cơ quan' : `Sửa ${editing.name}`}</h2>
          {editing === 'new' ? (
            <label>
              Mã (không bắt buộc: chữ thường không dấu, số, "_")
              <input
                name="id"
                pattern="[a-z0-9_\-]{2,64}"
                value={form.id}
                onChange={(e) => setForm({ ...form, id: e.target.value })}
              />
            </label>
          ) : null}
          <label>
            Tên
            <input
              name="name"
              required
              value={form.name}
              onChange={(e) => setForm({ ...form, name: e.target.value })}
            />
          </label>
          <label>
            Điện thoại
            <input
              name="phone"
              value={form.phone}
              onChange={(e) => setForm({ ...form, phone: e.target.value })}
            />
          </label>
          <label>
            Thư điện tử
            <input
              type="email"
              name="email"
              value={form.email}
              onChange={(e) => setForm({ ...form, email: e.target.value })}
            />
          </label>
          {editing === 'new' ? (
            <label>
              UBND của xã/phường (để trống với cơ quan cấp tỉnh)
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
          ) : null}
          <ErrorBox message={action.error} />
          <div className="row">
            <button type="submit" className="primary" disabled={action.busy}>
              Lưu
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              Huỷ
            </button>
          </div>
        </form>
      ) : null}
      <div className="filters">
        <label className="grow">
          Lọc theo tên
          <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </label>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th>Mã</th>
            <th>Tên</th>
            <th>Điện thoại</th>
            <th>Thư điện tử</th>
            <th className="num">Số lĩnh vực</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id}>
              <td className="code">{a.id}</td>
              <td>
                {a.name}
                {a.communeName ? <div className="muted small">{a.communeName}</div> : null}
              </td>
              <td>{a.phone ?? '—'}</td>
              <td>{a.email ?? '—'}</td>
              <td className="num">{a.categoryCount ?? 0}</td>
              <td>
                <button type="button" className="link-button" onClick={() => open(a)}>
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
