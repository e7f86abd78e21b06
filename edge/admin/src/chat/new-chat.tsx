import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import type { DirectoryEntry } from '../../../../miniapp/src/services/chat/types';
import { messageOf } from '../api';
import { useAction } from '../components/common';
import { holds, useMe } from '../session';
import { chatApi } from './api';
import { Icon } from './icons';
import { Avatar } from './room-list';

/** Officials matching what is typed (accents optional), asked 250 ms after the last key. */
function useDirectory(query: string) {
  const [found, setFound] = useState<DirectoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const timer = window.setTimeout(() => {
      chatApi
        .directory(query.trim())
        .then((page) => {
          if (!live) return;
          setFound(page.officials);
          setError(null);
        })
        .catch((err: unknown) => {
          if (live) setError(messageOf(err));
        });
    }, 250);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [query]);
  return { found, error };
}

export function Modal({
  title,
  onClose,
  children,
  className,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  className?: string;
}) {
  useEffect(() => {
    const key = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', key);
    return () => window.removeEventListener('keydown', key);
  }, [onClose]);
  return (
    // Escape (above) and the close button do the same for the keyboard.
    // biome-ignore lint/a11y/noStaticElementInteractions: a click on the backdrop closes it.
    <div
      className="chat-modal"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div className={`chat-modal__box ${className ?? ''}`} role="dialog" aria-label={title}>
        <header className="chat-modal__head">
          <h2>{title}</h2>
          <button type="button" className="chat-icon-button" aria-label="Đóng" onClick={onClose}>
            <Icon name="close" />
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}

/** Search box and the matching officials; `picked` marks those already chosen. */
export function DirectoryPicker({
  onPick,
  picked,
  exclude = [],
  autoFocus,
}: {
  onPick: (official: DirectoryEntry) => void;
  picked?: ReadonlySet<string>;
  exclude?: readonly string[];
  autoFocus?: boolean;
}) {
  const [query, setQuery] = useState('');
  const { found, error } = useDirectory(query);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, [autoFocus]);
  const shown = (found ?? []).filter((o) => !exclude.includes(o.id));
  return (
    <div className="chat-directory">
      <input
        ref={input}
        type="search"
        placeholder="Tìm theo họ tên, email hoặc cơ quan…"
        aria-label="Tìm cán bộ"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {error ? <p className="alert alert--error">{error}</p> : null}
      <ul className="chat-directory__list" aria-label="Cán bộ">
        {found === null ? <li className="muted">Đang tìm…</li> : null}
        {found !== null && shown.length === 0 ? (
          <li className="muted">Không tìm thấy cán bộ phù hợp.</li>
        ) : null}
        {shown.map((o) => (
          <li key={o.id}>
            <button
              type="button"
              className={picked?.has(o.id) ? 'chat-person is-picked' : 'chat-person'}
              aria-pressed={picked ? picked.has(o.id) : undefined}
              onClick={() => onPick(o)}
              data-official-id={o.id}
            >
              <Avatar id={o.id} name={o.fullName} />
              <span className="chat-person__text">
                <strong>{o.fullName}</strong>
                <span className="muted small">{o.agencyName}</span>
              </span>
              {picked?.has(o.id) ? <span className="chat-person__check">✓</span> : null}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

type Tab = 'direct' | 'group' | 'agency';

export function NewChatDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (roomId: string) => void;
}) {
  const me = useMe();
  const agencyRoom = holds(me, 'chat.agency_room');
  const [tab, setTab] = useState<Tab>('direct');
  const [title, setTitle] = useState('');
  const [members, setMembers] = useState<DirectoryEntry[]>([]);
  const { busy, error, run } = useAction();
  // One id per dialog: pressing "Tạo nhóm" twice (a slow network) makes one group.
  const [groupKey] = useState(() => crypto.randomUUID());

  const direct = (official: DirectoryEntry) =>
    void run(async () => {
      const created = await chatApi.createRoom({ kind: 'direct', officialId: official.id });
      onCreated(created.room.id);
    });

  const toggle = (official: DirectoryEntry) =>
    setMembers((list) =>
      list.some((m) => m.id === official.id)
        ? list.filter((m) => m.id !== official.id)
        : [...list, official],
    );

  const group = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const created = await chatApi.createRoom({
        kind: 'group',
        title: title.trim(),
        memberIds: members.map((m) => m.id),
        clientId: groupKey,
      });
      onCreated(created.room.id);
    });
  };

  const agency = () =>
    void run(async () => {
      const created = await chatApi.createRoom({ kind: 'agency', agencyId: me.agencyId });
      onCreated(created.room.id);
    });

  return (
    <Modal title="Trò chuyện mới" onClose={onClose}>
      <div className="segmented chat-tabs" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'direct'}
          className={tab === 'direct' ? 'is-active' : ''}
          onClick={() => setTab('direct')}
        >
          Nhắn riêng
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'group'}
          className={tab === 'group' ? 'is-active' : ''}
          onClick={() => setTab('group')}
        >
          Tạo nhóm
        </button>
        {agencyRoom ? (
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'agency'}
            className={tab === 'agency' ? 'is-active' : ''}
            onClick={() => setTab('agency')}
          >
            Phòng cơ quan
          </button>
        ) : null}
      </div>
      {error ? <p className="alert alert--error">{error}</p> : null}

      {tab === 'direct' ? (
        <>
          <p className="muted small">Chọn một cán bộ để bắt đầu trò chuyện riêng.</p>
          <DirectoryPicker onPick={direct} autoFocus />
        </>
      ) : null}

      {tab === 'group' ? (
        <form className="chat-group-form" onSubmit={group} aria-label="Tạo nhóm">
          <label>
            Tên nhóm
            <input
              value={title}
              maxLength={100}
              onChange={(e) => setTitle(e.target.value)}
              placeholder="Ví dụ: Tổ công tác ngập úng Vị Thanh"
              required
            />
          </label>
          {members.length > 0 ? (
            <ul className="chat-chips" aria-label="Thành viên đã chọn">
              {members.map((m) => (
                <li key={m.id}>
                  {m.fullName}
                  <button type="button" aria-label={`Bỏ ${m.fullName}`} onClick={() => toggle(m)}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted small">Chọn các thành viên bên dưới. Bạn là chủ nhóm.</p>
          )}
          <DirectoryPicker onPick={toggle} picked={new Set(members.map((m) => m.id))} />
          <div className="row">
            <button
              type="submit"
              className="primary"
              disabled={busy || !title.trim() || members.length === 0}
            >
              Tạo nhóm ({members.length + 1} người)
            </button>
          </div>
        </form>
      ) : null}

      {tab === 'agency' ? (
        <div className="stack">
          <p>
            Phòng chung của <strong>{me.agencyName ?? me.agencyId}</strong>: mọi cán bộ đang hoạt
            động của cơ quan đều là thành viên. Mỗi cơ quan có một phòng; nếu đã có, bạn sẽ được đưa
            tới phòng đó.
          </p>
          <button type="button" className="primary" disabled={busy} onClick={agency}>
            Mở phòng cơ quan
          </button>
        </div>
      ) : null}
    </Modal>
  );
}
