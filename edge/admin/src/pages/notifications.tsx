import { useState } from 'react';
import { Link } from 'wouter';
import { api } from '../api';
import { ErrorBox, useAction, useLoad } from '../components/common';
import { formatDateTime } from '../format';
import type { OfficialNotification } from '../types';

type Page = { items: OfficialNotification[]; nextCursor: string | null; unreadCount: number };

const changed = () => window.dispatchEvent(new Event('tinh:notifications-read'));

/** The official's own notifications: assignments, returns, overdue and escalated reports. */
export function NotificationsPage() {
  const [pages, setPages] = useState<OfficialNotification[][]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const first = useLoad(async () => {
    const page = await api<Page>('GET', '/work/notifications', { query: { limit: 30 } });
    setPages([]);
    setCursor(page.nextCursor);
    return page;
  }, []);
  const action = useAction();

  const more = async () => {
    if (!cursor) return;
    await action.run(async () => {
      const page = await api<Page>('GET', '/work/notifications', { query: { limit: 30, cursor } });
      setPages((current) => [...current, page.items]);
      setCursor(page.nextCursor);
    });
  };

  const markAll = async () => {
    const ok = await action.run(() =>
      api('POST', '/work/notifications/read', { body: { all: true } }),
    );
    if (ok) {
      changed();
      await first.reload();
    }
  };

  const markOne = async (n: OfficialNotification) => {
    if (n.read || n.readAt) return;
    await action.run(() => api('POST', '/work/notifications/read', { body: { ids: [n.id] } }));
    changed();
  };

  const items = [...(first.data?.items ?? []), ...pages.flat()];
  return (
    <section className="page">
      <header className="page__header row-between">
        <div>
          <h1>Thông báo</h1>
          <p className="muted">{first.data?.unreadCount ?? 0} thông báo chưa đọc.</p>
        </div>
        <button type="button" onClick={() => void markAll()} disabled={action.busy}>
          Đánh dấu tất cả đã đọc
        </button>
      </header>
      <ErrorBox message={first.error ?? action.error} />
      <ul className="notifications">
        {items.map((n) => {
          const unread = !(n.read || n.readAt);
          return (
            <li key={n.id} className={unread ? 'is-unread' : ''}>
              <div className="row-between">
                <strong>{n.title}</strong>
                <span className="muted small">{formatDateTime(n.createdAt)}</span>
              </div>
              <p>{n.body}</p>
              {n.reportCode ? (
                <Link href={`/phan-anh/${n.reportCode}`} onClick={() => void markOne(n)}>
                  Mở phản ánh {n.reportCode}
                </Link>
              ) : n.link?.startsWith('/chat/') ? (
                <Link
                  href={`/tro-chuyen/${n.link.slice('/chat/'.length)}`}
                  onClick={() => void markOne(n)}
                >
                  Mở cuộc trò chuyện
                </Link>
              ) : n.kind === 'cluster.alert' ? (
                <Link href="/canh-bao" onClick={() => void markOne(n)}>
                  Mở danh sách cảnh báo sớm
                </Link>
              ) : null}
            </li>
          );
        })}
        {!first.loading && items.length === 0 ? (
          <li className="empty">Chưa có thông báo nào.</li>
        ) : null}
      </ul>
      {cursor ? (
        <button type="button" onClick={() => void more()} disabled={action.busy}>
          Xem thêm
        </button>
      ) : null}
    </section>
  );
}
