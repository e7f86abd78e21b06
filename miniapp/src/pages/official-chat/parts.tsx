import { type ReactNode, useEffect, useState, useSyncExternalStore } from 'react';
import { Page, useLocation, useNavigate } from 'zmp-ui';
import { useOnline } from '../../hooks/use-online';
import type { Translate } from '../../i18n';
import { useT } from '../../i18n/use-t';
import { attachmentBlobUrl, chatClient, chatRooms } from '../../services/chat/client';
import { hueOf, initials } from '../../services/chat/format';
import type { ChatRoom, RoomSnapshot } from '../../services/chat/room';
import type { ChatMessage, DirectoryEntry } from '../../services/chat/types';
import { Icon } from './icons';

/** Where the chat's screens live (features.ts route). */
export const CHAT_ROUTE = '/official-chat';

/**
 * The frame of the chat's screens: the blue title bar with a large back button (Zalo's own
 * buttons float over its right end), then the content. `fill` makes the content one
 * full-height column (the room: messages scroll, the composer stays at the bottom).
 */
export function ChatFrame({
  title,
  subtitle,
  parent = '/',
  actions,
  fill,
  children,
}: {
  title: string;
  subtitle?: ReactNode;
  parent?: string;
  actions?: ReactNode;
  fill?: boolean;
  children: ReactNode;
}) {
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const back = () => {
    if (location.key !== 'default') navigate(-1);
    else navigate(parent, { replace: true, direction: 'backward' });
  };
  return (
    <Page className={fill ? 'oc oc--fill' : 'oc'} hideScrollbar>
      <header className="oc-header">
        <button
          type="button"
          className="oc-header__back"
          onClick={back}
          aria-label={t('common.back')}
        >
          <Icon name="back" size={26} />
        </button>
        <div className="oc-header__text">
          <h1 className="oc-header__title">{title}</h1>
          {subtitle ? <span className="oc-header__subtitle">{subtitle}</span> : null}
        </div>
      </header>
      {actions ? <div className="oc-actions">{actions}</div> : null}
      {children}
    </Page>
  );
}

export function Avatar({
  id,
  name,
  online,
  size = 44,
}: {
  id: string;
  name: string;
  online?: boolean;
  size?: number;
}) {
  return (
    <span
      className="oc-avatar"
      style={{ background: `hsl(${hueOf(id)} 55% 42%)`, width: size, height: size }}
    >
      {initials(name)}
      {online ? <i className="oc-avatar__online" /> : null}
    </span>
  );
}

/** What a list line or a reply shows of a message. */
export function preview(t: Translate, message: ChatMessage | null, me: string): string {
  if (!message) return t('chat.list.noMessage');
  const body =
    message.kind === 'image'
      ? t('chat.list.image')
      : message.kind === 'file'
        ? t('chat.list.file', { name: message.attachment?.name ?? '' })
        : (message.text ?? '');
  return message.senderId === me ? t('chat.list.you', { text: body }) : body;
}

/** Officials matching what is typed (accents optional), asked 300 ms after the last key. */
export function DirectoryPicker({
  onPick,
  picked,
  exclude = [],
}: {
  onPick: (official: DirectoryEntry) => void;
  picked?: ReadonlySet<string>;
  exclude?: readonly string[];
}) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<DirectoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      chatClient
        .directory(query.trim())
        .then((page) => {
          if (!live) return;
          setFound(page.officials);
          setError(null);
        })
        .catch((err: { message?: string }) => {
          if (live) setError(err.message ?? String(err));
        });
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);
  const shown = (found ?? []).filter((o) => !exclude.includes(o.id));
  return (
    <div className="oc-directory">
      <label className="oc-search">
        <Icon name="search" />
        <input
          type="search"
          value={query}
          placeholder={t('chat.search.placeholder')}
          aria-label={t('chat.search.label')}
          onChange={(e) => setQuery(e.target.value)}
        />
      </label>
      {error ? <p className="rp-notice rp-notice--error">{error}</p> : null}
      <ul className="oc-people">
        {found === null && !error ? <li className="oc-muted">{t('chat.search.loading')}</li> : null}
        {found !== null && shown.length === 0 ? (
          <li className="oc-muted">{t('chat.search.none')}</li>
        ) : null}
        {shown.map((o) => (
          <li key={o.id}>
            <button
              type="button"
              className={picked?.has(o.id) ? 'oc-person is-picked' : 'oc-person'}
              aria-pressed={picked ? picked.has(o.id) : undefined}
              onClick={() => onPick(o)}
              data-official-id={o.id}
            >
              <Avatar id={o.id} name={o.fullName} size={40} />
              <span className="oc-person__text">
                <strong>{o.fullName}</strong>
                <span>{o.agencyName}</span>
              </span>
              {picked?.has(o.id) ? <span className="oc-person__check">✓</span> : null}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

const noop = () => () => undefined;
const none = () => null;

/**
 * The room for a screen, with its live snapshot: opened from the app's registry (a room left
 * with unsent messages keeps trying), told when the app is on screen and when the network
 * comes and goes.
 */
export function useChatRoom(
  roomId: string,
  me: string,
): { room: ChatRoom; snap: RoomSnapshot } | null {
  const [opened, setOpened] = useState<ChatRoom | null>(null);
  useEffect(() => {
    setOpened(chatRooms.acquire(roomId, me));
    return () => chatRooms.release(roomId);
  }, [roomId, me]);
  const room = opened?.snapshot().roomId === roomId ? opened : null;
  const online = useOnline();

  useEffect(() => {
    room?.setOnline(online);
  }, [room, online]);

  useEffect(() => {
    if (!room) return;
    const visible = () => room.setVisible(document.visibilityState === 'visible');
    visible();
    document.addEventListener('visibilitychange', visible);
    return () => {
      document.removeEventListener('visibilitychange', visible);
      room.setVisible(false);
    };
  }, [room]);

  const snap = useSyncExternalStore(room?.subscribe ?? noop, room?.snapshot ?? none);
  return room && snap ? { room, snap } : null;
}

/** A picture of the chat, fetched with the official's token. */
export function useAttachmentSrc(url: string | null): string | null {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    if (!url) return;
    let live = true;
    attachmentBlobUrl(url)
      .then((value) => {
        if (live) setSrc(value);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [url]);
  return src;
}
