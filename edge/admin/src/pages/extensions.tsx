import { useState } from 'react';
import { Link } from 'wouter';
import { api } from '../api';
import { ErrorBox, Notice, useAction, useLoad } from '../components/common';
import { formatDateTime } from '../format';
import { holds, useMe } from '../session';
import type { PendingExtension } from '../types';

/** Pending deadline extensions: the IOC decides; an agency sees its own requests. */
export function ExtensionsPage() {
  const me = useMe();
  const mayDecide = holds(me, 'extension.decide');
  const list = useLoad(
    () => api<{ items: PendingExtension[] }>('GET', '/work/extension-requests'),
    [],
  );
  const action = useAction();
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);

  const decide = async (x: PendingExtension, approve: boolean) => {
    const note = notes[String(x.id)]?.trim();
    const ok = await action.run(() =>
      api('POST', `/work/extension-requests/${x.id}/decision`, {
        body: { approve, ...(note ? { note } : {}) },
      }),
    );
    if (ok) {
      setNotice(approve ? 'Đã đồng ý gia hạn.' : 'Đã từ chối gia hạn.');
      await list.reload();
    }
  };

  const items = list.data?.items ?? [];
  return (
    <section className="page">
      <header className="page__header">
        <h1>Đề nghị gia hạn</h1>
        <p className="muted">Các đề nghị đang chờ IOC xem xét.</p>
      </header>
      <ErrorBox message={list.error ?? action.error} />
      <Notice message={notice} />
      <table className="table">
        <thead>
          <tr>
            <th>Phản ánh</th>
            <th>Cơ quan</th>
            <th>Lý do</th>
            <th>Hạn hiện tại</th>
            <th>Hạn đề nghị</th>
            <th>Gửi lúc</th>
            {mayDecide ? <th>Quyết định</th> : null}
          </tr>
        </thead>
        <tbody>
          {items.map((x) => {
            const code = x.code;
            return (
              <tr key={x.id}>
                <td>
                  <Link href={`/phan-anh/${code}`} className="code">
                    {code}
                  </Link>
                </td>
                <td>
                  {x.agency.name}
                  {x.requestedBy.name ? (
                    <div className="muted small">{x.requestedBy.name}</div>
                  ) : null}
                </td>
                <td>{x.reason}</td>
                <td className="nowrap">{formatDateTime(x.dueAt)}</td>
                <td className="nowrap">{formatDateTime(x.requestedDueAt)}</td>
                <td className="nowrap">{formatDateTime(x.createdAt)}</td>
                {mayDecide ? (
                  <td>
                    <input
                      aria-label="Ghi chú quyết định"
                      placeholder="Ghi chú"
                      value={notes[String(x.id)] ?? ''}
                      onChange={(e) => setNotes({ ...notes, [String(x.id)]: e.target.value })}
                    />
                    <div className="row">
                      <button
                        type="button"
                        className="primary"
                        disabled={action.busy}
                        onClick={() => void decide(x, true)}
                      >
                        Đồng ý
                      </button>
                      <button
                        type="button"
                        disabled={action.busy}
                        onClick={() => void decide(x, false)}
                      >
                        Không đồng ý
                      </button>
                    </div>
                  </td>
                ) : null}
              </tr>
            );
          })}
          {!list.loading && items.length === 0 ? (
            <tr>
              <td colSpan={7} className="empty">
                Không có đề nghị nào đang chờ.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </section>
  );
}
