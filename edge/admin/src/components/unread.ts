import { useEffect, useState } from 'react';
import { api } from '../api';

const POLL_MS = 60_000;

/** Unread notifications of the signed-in official, checked every minute. */
export function useUnreadCount(): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    let stopped = false;
    const check = async () => {
      try {
        const answer = await api<{ unreadCount: number }>(
          'GET',
          '/work/notifications/unread-count',
          { quiet401: true },
        );
        if (!stopped) setCount(answer.unreadCount);
      } catch {
        // The badge is a convenience: an error leaves the last count.
      }
    };
    void check();
    const timer = setInterval(check, POLL_MS);
    window.addEventListener('tinh:notifications-read', check);
    return () => {
      stopped = true;
      clearInterval(timer);
      window.removeEventListener('tinh:notifications-read', check);
    };
  }, []);
  return count;
}
