import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { sameRun, vnDayOf } from './format';
import type { ChatRoom, RoomSnapshot } from './room';
import type { ChatMessage } from './types';

// The scrolling message list of a room, shared by the mini app and the web admin (only the
// markup differs): where the reader is, older pages loaded without moving what is on screen,
// and the newest kept in view for a reader at the bottom.

export interface ListedMessage {
  /** Set on the first message of a Vietnamese day: the day separator goes above it. */
  day?: string;
  message: ChatMessage;
  /** Same sender within minutes of the previous message: drawn without name and avatar. */
  run: boolean;
}

export function listMessages(messages: readonly ChatMessage[]): ListedMessage[] {
  let previous: ChatMessage | undefined;
  return messages.map((message) => {
    const day =
      previous && vnDayOf(previous.createdAt) === vnDayOf(message.createdAt)
        ? undefined
        : message.createdAt;
    const run = sameRun(previous, message);
    previous = message;
    return { day, message, run };
  });
}

export function useMessageList(room: ChatRoom, snap: RoomSnapshot) {
  const list = useRef<HTMLDivElement>(null);
  // Whether the reader is at the bottom (then new messages scroll into view).
  const stick = useRef(true);
  // Before an older page is prepended: what was on screen, to put it back where it was.
  const anchor = useRef<{ height: number; top: number; first: string | undefined } | null>(null);
  const first = snap.messages[0]?.id;

  const older = () => {
    const el = list.current;
    if (!el || snap.loadingOlder) return;
    anchor.current = { height: el.scrollHeight, top: el.scrollTop, first };
    void room.loadOlder();
  };

  const onScroll = () => {
    const el = list.current;
    if (!el) return;
    stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
    if (el.scrollTop < 120 && snap.hasOlder) older();
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each change of the list.
  useLayoutEffect(() => {
    const el = list.current;
    if (!el) return;
    const a = anchor.current;
    if (a && a.first !== first) {
      el.scrollTop = a.top + (el.scrollHeight - a.height);
      anchor.current = null;
      return;
    }
    if (stick.current) el.scrollTop = el.scrollHeight;
  }, [snap.messages, snap.outbox, first]);

  /** A picture finished loading and grew the list: keep the newest in view. */
  const settle = () => {
    const el = list.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  };

  // The list shrinks when a bar appears above it or the composer grows.
  useEffect(() => {
    const el = list.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (stick.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const items = useMemo(() => listMessages(snap.messages), [snap.messages]);
  return { list, onScroll, older, settle, items };
}
