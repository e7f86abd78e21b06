import { useState } from 'react';
import type { Rule } from '../../../src/intake/clusters/schemas';
import { api } from '../api';
import { ErrorBox, Notice, useAction, useLoad } from '../components/common';
import { formatDateTime } from '../format';
import { withFieldMessages } from './alerts';

// The early-warning rules, one per category: at least N reports within R metres of each
// other during T hours open an alert for the IOC. Administrators tune them here.

interface Edit {
  minReports: string;
  radiusMetres: string;
  windowHours: string;
  enabled: boolean;
}

const toEdit = (r: Rule): Edit => ({
  minReports: String(r.minReports),
  radiusMetres: String(r.radiusMetres),
  windowHours: String(r.windowHours),
  enabled: r.enabled,
});

export function ClusterRulesPage() {
  const list = useLoad(() => api<{ items: Rule[] }>('GET', '/admin/cluster-rules'), []);
  const [edits, setEdits] = useState<Record<string, Edit>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();

  const current = (r: Rule) => edits[r.categoryId] ?? toEdit(r);
  const change = (r: Rule, patch: Partial<Edit>) =>
    setEdits({ ...edits, [r.categoryId]: { ...current(r), ...patch } });

  const save = async (r: Rule) => {
    const edit = current(r);
    setNotice(null);
    const ok = await action.run(async () => {
      const answer = await withFieldMessages(
        api<{ items: Rule[] }>('PUT', '/admin/cluster-rules', {
          body: {
            rules: [
              {
                categoryId: r.categoryId,
                minReports: Number(edit.minReports),
                radiusMetres: Number(edit.radiusMetres),
                windowHours: Number(edit.windowHours),
                enabled: edit.enabled,
              },
            ],
          },
        }),
      );
      list.setData(answer);
    });
    if (ok) {
      setNotice(`Đã lưu quy tắc của lĩnh vực ${r.categoryName}. Áp dụng từ lần quét kế tiếp.`);
      setEdits(({ [r.categoryId]: _, ...rest }) => rest);
    }
  };

  return (
    <section className="page">
      <header className="page__header">
        <h1>Quy tắc cảnh báo sớm</h1>
        <p className="muted">
          Khi có ít nhất <strong>N</strong> phản ánh cùng lĩnh vực trong bán kính <strong>R</strong>{' '}
          mét quanh một phản ánh, gửi trong vòng <strong>T</strong> giờ, hệ thống mở một cảnh báo
          sớm cho IOC kèm bản đồ và bản nháp cảnh báo công khai (quét 5 phút một lần). N từ 2 đến
          1000, R từ 50 đến 20.000 m, T từ 1 đến 720 giờ (30 ngày).
        </p>
      </header>
      <Notice message={notice} />
      <ErrorBox message={list.error ?? action.error} />
      <table className="table">
        <thead>
          <tr>
            <th>Lĩnh vực</th>
            <th>Bật</th>
            <th>N (phản ánh)</th>
            <th>R (mét)</th>
            <th>T (giờ)</th>
            <th>Sửa lần cuối</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.data?.items.map((r) => {
            const edit = current(r);
            const changed = edits[r.categoryId] !== undefined;
            return (
              <tr key={r.categoryId} data-category={r.categoryId}>
                <td>
                  {r.categoryName}
                  <div className="muted small code">{r.categoryId}</div>
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Bật cảnh báo sớm cho ${r.categoryName}`}
                    checked={edit.enabled}
                    onChange={(e) => change(r, { enabled: e.target.checked })}
                  />
                </td>
                <td>
                  <input
                    type="number"
                    min={2}
                    max={1000}
                    className="narrow"
                    aria-label={`Số phản ánh tối thiểu của ${r.categoryName}`}
                    value={edit.minReports}
                    onChange={(e) => change(r, { minReports: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    type="number"
                    min={50}
                    max={20000}
                    step={50}
                    className="narrow"
                    aria-label={`Bán kính của ${r.categoryName}`}
                    value={edit.radiusMetres}
                    onChange={(e) => change(r, { radiusMetres: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    type="number"
                    min={1}
                    max={720}
                    className="narrow"
                    aria-label={`Khoảng thời gian của ${r.categoryName}`}
                    value={edit.windowHours}
                    onChange={(e) => change(r, { windowHours: e.target.value })}
                  />
                </td>
                <td className="small">
                  {r.updatedAt ? (
                    <>
                      {formatDateTime(r.updatedAt)}
                      {r.updatedBy ? <div className="muted">{r.updatedBy.name}</div> : null}
                    </>
                  ) : (
                    <span className="muted">Như ban đầu</span>
                  )}
                </td>
                <td>
                  <button
                    type="button"
                    className={changed ? 'primary' : ''}
                    disabled={!changed || action.busy}
                    onClick={() => void save(r)}
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
