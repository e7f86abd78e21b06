import { useState } from 'react';
import { api } from '../api';
import { invalidateCatalog, loadCatalog } from '../catalog';
import { ErrorBox, Notice, useAction, useLoad } from '../components/common';
import type { Category } from '../types';

/** Each category's default agency (the routing) and its SLA in working hours. */
export function CategoriesPage() {
  const list = useLoad(() => api<{ items: Category[] }>('GET', '/admin/categories'), []);
  const catalog = useLoad(loadCatalog, []);
  const [edits, setEdits] = useState<Record<string, { agencyId: string; slaHours: string }>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();

  const current = (c: Category) =>
    edits[c.id] ?? {
      agencyId: c.defaultAgency.id,
      slaHours: String(c.slaHours),
    };

  const save = async (c: Category) => {
    const edit = current(c);
    const ok = await action.run(() =>
      api('PATCH', `/admin/categories/${c.id}`, {
        body: { defaultAgencyId: edit.agencyId, slaHours: Number(edit.slaHours) },
      }),
    );
    if (ok) {
      setNotice(`Đã lưu lĩnh vực ${c.name}.`);
      setEdits(({ [c.id]: _, ...rest }) => rest);
      invalidateCatalog();
      await list.reload();
    }
  };

  return (
    <section className="page">
      <header className="page__header">
        <h1>Lĩnh vực và thời hạn xử lý</h1>
        <p className="muted">
          Cơ quan nhận phản ánh mặc định của từng lĩnh vực và thời hạn xử lý (giờ làm việc, không
          tính thứ Bảy, Chủ nhật và ngày nghỉ lễ). "UBND xã/phường": phản ánh được chuyển đến UBND
          của xã, phường nơi xảy ra sự việc.
        </p>
      </header>
      <Notice message={notice} />
      <ErrorBox message={list.error ?? action.error} />
      <table className="table">
        <thead>
          <tr>
            <th>Lĩnh vực</th>
            <th>Cơ quan mặc định</th>
            <th>Thời hạn (giờ làm việc)</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.data?.items.map((c) => {
            const edit = current(c);
            const changed = edits[c.id] !== undefined;
            return (
              <tr key={c.id} data-category={c.id}>
                <td>
                  {c.name}
                  <div className="muted small code">{c.id}</div>
                </td>
                <td>
                  <select
                    aria-label={`Cơ quan mặc định của ${c.name}`}
                    value={edit.agencyId}
                    onChange={(e) =>
                      setEdits({ ...edits, [c.id]: { ...edit, agencyId: e.target.value } })
                    }
                  >
                    {catalog.data?.agencies
                      .filter((a) => !a.communeId)
                      .map((a) => (
                        <option key={a.id} value={a.id}>
                          {a.name}
                        </option>
                      ))}
                  </select>
                </td>
                <td>
                  <input
                    type="number"
                    min={1}
                    max={2000}
                    className="narrow"
                    aria-label={`Thời hạn của ${c.name}`}
                    value={edit.slaHours}
                    onChange={(e) =>
                      setEdits({ ...edits, [c.id]: { ...edit, slaHours: e.target.value } })
                    }
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className={changed ? 'primary' : ''}
                    disabled={!changed || action.busy}
                    onClick={() => void save(c)}
                  >
                    Lưu
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
