import { useEffect, useState, useSyncExternalStore } from 'react';
import { roomRegistry } from '../../../../miniapp/src/services/chat/registry';
import type { ChatRoom, RoomSnapshot } from '../../../../miniapp/src/services/chat/room';
import { chatApi } from './api';

// Open rooms of this tab (see RoomRegistry: a room left with unsent messages keeps trying).
const rooms = roomRegistry({ api: chatApi });
const acquire = (roomId: string, me: string) => rooms.acquire(roomId, me);
const release = (roomId: string) => rooms.release(roomId);

const noop = () => () => undefined;
const none = () => null;

/** The room `roomId` for the page, with its live snapshot (null until it is opened). */
export function useRoom(roomId: string, me: string): { room: ChatRoom; snap: RoomSnapshot } | null {
  const [opened, setOpened] = useState<ChatRoom | null>(null);
  useEffect(() => {
    setOpened(acquire(roomId, me));
    return () => release(roomId);
  }, [roomId, me]);
  // Right after a switch the previous room is still in state for one render.
  const room = opened?.snapshot().roomId === roomId ? opened : null;

  useEffect(() => {
    if (!room) return;
    const visible = () => room.setVisible(document.visibilityState === 'visible');
    const online = () => room.setOnline(navigator.onLine);
    visible();
    online();
    document.addEventListener('visibilitychange', visible);
    window.addEventListener('online', online);
    window.addEventListener('offline', online);
    return () => {
      document.removeEventListener('visibilitychange', visible);
      window.removeEventListener('online', online);
      window.removeEventListener('offline', online);
      room.setVisible(false);
    };
  }, [room]);

  const snap = useSyncExternalStore(room?.subscribe ?? noop, room?.snapshot ?? none);
  return room && snap ? { room, snap } : null;
}
