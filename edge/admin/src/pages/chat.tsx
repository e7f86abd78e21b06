import '../chat/chat.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocation, useParams } from 'wouter';
import { Icon } from '../chat/icons';
import { NewChatDialog } from '../chat/new-chat';
import { RoomList, useRoomList } from '../chat/room-list';
import { RoomView } from '../chat/room-view';
import { useMe } from '../session';

/**
 * "Trò chuyện": the officials' work chat (issue 7). Rooms on the left (last message, unread
 * count, time), the open room on the right with its live connection. Messages are encrypted
 * by the server before they are stored; deleting one removes it for everyone.
 */
export default function ChatPage() {
  const me = useMe();
  const params = useParams<{ roomId?: string }>();
  const roomId = params.roomId;
  const [, navigate] = useLocation();
  const { rooms, error, reload } = useRoomList();
  const [creating, setCreating] = useState(false);

  // The open room is being read: no badge on it, whatever an answer in flight still counted.
  const shown =
    rooms?.map((r) => (r.id === roomId && r.unread > 0 ? { ...r, unread: 0 } : r)) ?? null;

  // A burst of messages refreshes the list once.
  const pending = useRef<number | null>(null);
  const activity = useCallback(() => {
    if (pending.current !== null) window.clearTimeout(pending.current);
    pending.current = window.setTimeout(() => {
      pending.current = null;
      void reload();
    }, 800);
  }, [reload]);
  useEffect(
    () => () => {
      if (pending.current !== null) window.clearTimeout(pending.current);
    },
    [],
  );

  return (
    <section className={roomId ? 'chat has-room' : 'chat'}>
      <aside className="chat__side">
        <header className="chat__side-head">
          <h1>Trò chuyện</h1>
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            <Icon name="plus" /> Trò chuyện mới
          </button>
        </header>
        <RoomList rooms={shown} error={error} selected={roomId} me={me.id} />
        <p className="chat__privacy muted small">
          Tin nhắn được mã hoá trước khi lưu; chỉ thành viên đọc được. Cuộc gọi không được ghi lại.
        </p>
      </aside>
      <div className="chat__main">
        {roomId ? (
          <RoomView
            key={roomId}
            roomId={roomId}
            me={me.id}
            onActivity={activity}
            onLeft={() => {
              void reload();
              navigate('/tro-chuyen');
            }}
          />
        ) : (
          <div className="chat__placeholder">
            <h2>Chọn một cuộc trò chuyện</h2>
            <p className="muted">
              Hoặc bấm “Trò chuyện mới” để nhắn riêng cho một cán bộ, lập nhóm công tác hay mở phòng
              chung của cơ quan.
            </p>
          </div>
        )}
      </div>
      {creating ? (
        <NewChatDialog
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            void reload();
            navigate(`/tro-chuyen/${id}`);
          }}
        />
      ) : null}
    </section>
  );
}
