import { useState } from 'react';
import type { MemberState, RoomSnapshot } from '../../../../miniapp/src/services/chat/room';
import type { DirectoryEntry } from '../../../../miniapp/src/services/chat/types';
import { useAction } from '../components/common';
import { chatApi } from './api';
import { Icon } from './icons';
import { DirectoryPicker } from './new-chat';
import { Avatar } from './room-list';

/**
 * Who is in the room, who is online, and for owners: add (directory search) and remove. Anyone
 * may leave a group. The server disconnects a removed member at once; the list here follows
 * the room's `members` frame.
 */
export function MembersPanel({
  snap,
  onClose,
  onLeft,
}: {
  snap: RoomSnapshot;
  onClose: () => void;
  onLeft: () => void;
}) {
  const { busy, error, run } = useAction();
  const [adding, setAdding] = useState(false);
  const [confirm, setConfirm] = useState<MemberState | null>(null);
  const roomId = snap.roomId;
  const kind = snap.detail?.kind;
  const mine = snap.members.find((m) => m.id === snap.me);
  const owner = (snap.detail?.myRole ?? mine?.role) === 'owner';
  const editable = kind === 'group' || kind === 'agency';

  const add = (official: DirectoryEntry) =>
    void run(async () => {
      await chatApi.addMembers(roomId, [official.id]);
    });

  const remove = (member: MemberState) =>
    void run(async () => {
      await chatApi.removeMember(roomId, member.id);
      setConfirm(null);
      if (member.id === snap.me) onLeft();
    });

  const sorted = [...snap.members].sort(
    (a, b) =>
      Number(b.online) - Number(a.online) ||
      (a.role === b.role ? a.name.localeCompare(b.name, 'vi') : a.role === 'owner' ? -1 : 1),
  );

  return (
    <aside className="chat-members" aria-label="Thành viên">
      <header className="chat-members__head">
        <h2>Thành viên ({snap.members.length})</h2>
        <button type="button" className="chat-icon-button" aria-label="Đóng" onClick={onClose}>
          <Icon name="close" />
        </button>
      </header>
      {error ? <p className="alert alert--error">{error}</p> : null}
      {owner && editable ? (
        adding ? (
          <div className="chat-members__add">
            <DirectoryPicker onPick={add} exclude={snap.members.map((m) => m.id)} autoFocus />
            <button type="button" onClick={() => setAdding(false)}>
              Xong
            </button>
          </div>
        ) : (
          <button type="button" className="primary" onClick={() => setAdding(true)}>
            <Icon name="plus" /> Thêm thành viên
          </button>
        )
      ) : null}
      <ul className="chat-members__list">
        {sorted.map((m) => (
          <li key={m.id} data-member-id={m.id}>
            <Avatar id={m.id} name={m.name} online={m.online} />
            <span className="chat-members__who">
              <strong>
                {m.name}
                {m.id === snap.me ? ' (bạn)' : ''}
              </strong>
              <span className="muted small">
                {[
                  m.agencyName,
                  m.role === 'owner' ? 'Chủ phòng' : null,
                  m.online ? 'Trực tuyến' : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </span>
            {editable && owner && m.id !== snap.me ? (
              <button type="button" className="link-button" onClick={() => setConfirm(m)}>
                Mời ra
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {kind === 'group' && mine ? (
        <button type="button" className="chat-members__leave" onClick={() => setConfirm(mine)}>
          Rời nhóm
        </button>
      ) : null}
      {confirm ? (
        <div className="chat-confirm" role="alertdialog" aria-label="Xác nhận">
          <p>
            {confirm.id === snap.me
              ? 'Rời nhóm này? Bạn sẽ không nhận được tin nhắn của nhóm nữa.'
              : `Mời ${confirm.name} ra khỏi nhóm? Người này bị ngắt kết nối ngay.`}
          </p>
          <div className="row">
            <button
              type="button"
              className="danger-button"
              disabled={busy}
              onClick={() => remove(confirm)}
            >
              {confirm.id === snap.me ? 'Rời nhóm' : 'Mời ra'}
            </button>
            <button type="button" onClick={() => setConfirm(null)}>
              Huỷ
            </button>
          </div>
        </div>
      ) : null}
    </aside>
  );
}
