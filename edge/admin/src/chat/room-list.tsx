import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { hueOf, initials, listTime } from '../../../../miniapp/src/services/chat/format';
import type { ChatMessage, RoomListItem } from '../../../../miniapp/src/services/chat/types';
import { messageOf } from '../api';
import { chatApi } from './api';

const POLL_MS = 15_000;

/**
 * The rooms of the signed-in official, newest activity first. There is no socket for the
 * list (one per open room), so it is asked again every 15 s while the page is visible, when
 * the window comes back, and when the open room changes.
 */
export function useRoomList() {
  const [rooms, setRooms] = useState<RoomListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    try {
      // Most officials have a few dozen rooms: the whole list, page after page.
      const all: RoomListItem[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 20; page++) {
        const answer = await chatApi.listRooms(cursor);
        all.push(...answer.rooms);
        if (!answer.nextCursor) break;
        cursor = answer.nextCursor;
      }
      if (mine !== generation.current) return;
      setRooms(all);
      setError(null);
    } catch (err) {
      if (mine === generation.current) setError(messageOf(err));
    }
  }, []);

  useEffect(() => {
    void reload();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void reload();
    }, POLL_MS);
    const again = () => {
      if (document.visibilityState === 'visible') void reload();
    };
    window.addEventListener('focus', again);
    document.addEventListener('visibilitychange', again);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', again);
      document.removeEventListener('visibilitychange', again);
    };
  }, [reload]);

  return { rooms, error, reload, setRooms };
}

/** What the list shows of a room's last message. */
export function preview(message: ChatMessage | null, me: string): string {
  if (!message) return 'Chưa có tin nhắn';
  const who = message.senderId === me ? 'Bạn: ' : '';
  if (message.kind === 'image') return `${who}[Hình ảnh]`;
  if (message.kind === 'file') return `${who}[Tệp] ${message.attachment?.name ?? ''}`;
  return `${who}${message.text ?? ''}`;
}

export function Avatar({ id, name, online }: { id: string; name: string; online?: boolean }) {
  return (
    <span className="chat-avatar" style={{ background: `hsl(${hueOf(id)} 55% 42%)` }}>
      {initials(name)}
      {online ? <i className="chat-avatar__online" title="Đang trực tuyến" /> : null}
    </span>
  );
}

const KIND_LABELS = { direct: '1-1', group: 'Nhóm', agency: 'Cơ quan' } as const;

export function RoomList({
  rooms,
  error,
  selected,
  me,
}: {
  rooms: RoomListItem[] | null;
  error: string | null;
  selected: string | undefined;
  me: string;
}) {
  if (!rooms) {
    return error ? (
      <p className="alert alert--error">{error}</p>
    ) : (
      <p className="muted pad">Đang tải…</p>
    );
  }
  if (rooms.length === 0) {
    return (
      <p className="chat-rooms__empty muted">
        Chưa có cuộc trò chuyện nào. Bấm “Trò chuyện mới” để nhắn cho đồng nghiệp.
      </p>
    );
  }
  return (
    <ul className="chat-rooms" aria-label="Danh sách cuộc trò chuyện">
      {error ? <li className="chat-rooms__stale">{error}</li> : null}
      {rooms.map((room) => {
        const title = room.title || 'Cuộc trò chuyện';
        const when = room.lastMessage?.createdAt ?? room.lastMessageAt;
        return (
          <li key={room.id}>
            <Link
              href={`/tro-chuyen/${room.id}`}
              className={room.id === selected ? 'chat-room is-active' : 'chat-room'}
              data-room-id={room.id}
              aria-current={room.id === selected ? 'page' : undefined}
            >
              <Avatar id={room.peerId ?? room.id} name={title} />
              <span className="chat-room__body">
                <span className="chat-room__top">
                  <strong className="chat-room__title">{title}</strong>
                  {when ? <time className="chat-room__time">{listTime(when)}</time> : null}
                </span>
                <span className="chat-room__bottom">
                  <span
                    className={room.unread > 0 ? 'chat-room__last is-unread' : 'chat-room__last'}
                  >
                    {room.available ? preview(room.lastMessage, me) : 'Tạm thời không đọc được'}
                  </span>
                  {room.kind !== 'direct' ? (
                    <span className="chat-room__kind">{KIND_LABELS[room.kind]}</span>
                  ) : null}
                  {room.unread > 0 ? (
                    <span className="chat-room__unread" title={`${room.unread} tin chưa đọc`}>
                      {room.unread > 99 ? '99+' : room.unread}
                      <span className="sr-only"> tin chưa đọc</span>
                    </span>
                  ) : null}
                </span>
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
