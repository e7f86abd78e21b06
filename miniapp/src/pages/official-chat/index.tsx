import '../field-reports/reports.css';
import '../field-reports/officials/officials.css';
import './chat.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useRecoilValue } from 'recoil';
import { Button, useNavigate } from 'zmp-ui';
import { registerIcons } from '../../components/app-icon';
import { useT } from '../../i18n/use-t';
import { chatClient } from '../../services/chat/client';
import { listTime } from '../../services/chat/format';
import type { RoomListItem } from '../../services/chat/types';
import { officialState } from '../../state/official';
import { ErrorState, LoadingBlock, Notice } from '../field-reports/components/states';
import { REPORT_SVG } from '../field-reports/icons.gen';
import { LinkView } from '../field-reports/officials/link-view';
import { Icon } from './icons';
import { Avatar, CHAT_ROUTE, ChatFrame, preview } from './parts';

registerIcons(REPORT_SVG);

const POLL_MS = 15_000;

/**
 * "Trao đổi công việc": the linked official's conversations (last message, unread count,
 * time). Someone who is not a linked official gets the officials' link flow instead (sign in
 * with Zalo, then the 8-digit code from the web admin).
 */
export default function OfficialChatPage() {
  const t = useT();
  const { ready, link } = useRecoilValue(officialState);
  return (
    <ChatFrame title={t('chat.title')} parent="/">
      <main className="oc-main">
        {!ready ? (
          <LoadingBlock />
        ) : link ? (
          <RoomListView me={link.official.id} />
        ) : (
          <>
            <Notice tone="info">{t('chat.gate.lead')}</Notice>
            <LinkView />
          </>
        )}
      </main>
    </ChatFrame>
  );
}

function RoomListView({ me }: { me: string }) {
  const t = useT();
  const navigate = useNavigate();
  const [rooms, setRooms] = useState<RoomListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);

  const load = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const all: RoomListItem[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 10; page++) {
        const answer = await chatClient.listRooms(cursor);
        all.push(...answer.rooms);
        if (!answer.nextCursor) break;
        cursor = answer.nextCursor;
      }
      if (mine !== generation.current) return;
      setRooms(all);
      setError(null);
    } catch (err) {
      if (mine === generation.current) setError((err as { message?: string }).message ?? '');
    }
  }, []);

  // No socket for the list (one per open room): asked again while the screen is shown.
  useEffect(() => {
    void load();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void load();
    }, POLL_MS);
    const again = () => {
      if (document.visibilityState === 'visible') void load();
    };
    document.addEventListener('visibilitychange', again);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', again);
    };
  }, [load]);

  return (
    <>
      <Button
        fullWidth
        prefixIcon={<Icon name="plus" />}
        onClick={() => navigate(`${CHAT_ROUTE}/new`)}
        data-testid="new-chat"
      >
        {t('chat.list.new')}
      </Button>
      {rooms === null && error ? <ErrorState message={error} onRetry={() => void load()} /> : null}
      {rooms === null && !error ? <LoadingBlock /> : null}
      {rooms && rooms.length === 0 ? <p className="oc-empty">{t('chat.list.empty')}</p> : null}
      {rooms && rooms.length > 0 ? (
        <ul className="oc-rooms card" data-testid="rooms">
          {rooms.map((room) => {
            const title = room.title || t('chat.room.fallbackTitle');
            const when = room.lastMessage?.createdAt ?? room.lastMessageAt;
            return (
              <li key={room.id}>
                <button
                  type="button"
                  className="oc-room"
                  data-room-id={room.id}
                  onClick={() => navigate(`${CHAT_ROUTE}/r/${room.id}`)}
                >
                  <Avatar id={room.peerId ?? room.id} name={title} />
                  <span className="oc-room__body">
                    <span className="oc-room__top">
                      <strong className="oc-room__title">{title}</strong>
                      {when ? <time className="oc-room__time">{listTime(when)}</time> : null}
                    </span>
                    <span className="oc-room__bottom">
                      <span
                        className={room.unread > 0 ? 'oc-room__last is-unread' : 'oc-room__last'}
                      >
                        {room.available
                          ? preview(t, room.lastMessage, me)
                          : t('chat.list.unavailable')}
                      </span>
                      {room.kind !== 'direct' ? (
                        <span className="oc-room__kind">
                          {t(room.kind === 'group' ? 'chat.kind.group' : 'chat.kind.agency')}
                        </span>
                      ) : null}
                      {room.unread > 0 ? (
                        <span
                          className="oc-room__unread"
                          title={t('chat.list.unread', { count: room.unread })}
                        >
                          {room.unread > 99 ? '99+' : room.unread}
                        </span>
                      ) : null}
                    </span>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      {rooms && error ? <Notice tone="warning">{error}</Notice> : null}
      <p className="oc-privacy">{t('chat.privacy')}</p>
    </>
  );
}
