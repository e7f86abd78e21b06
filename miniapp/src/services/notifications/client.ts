import type { InferResponseType } from 'hono/client';
import { type ApiResult, api, request } from '../api';

/**
 * The citizen's in-app notifications ("your report changed status"), which work without
 * Zalo: those of the device in hand (X-Device-Id, as "my reports") and, once signed in
 * with Zalo, those of the account on any device (the shared client adds the session).
 */

export type CitizenNotification = {
  id: number;
  kind: string;
  title: string;
  body: string;
  reportCode: string | null;
  /** App path of a notification not about a report (`/chat/<room>`, `/hospital-appointments/b/<id>`). */
  link: string | null;
  read: boolean;
  readAt: string | null;
  createdAt: string;
};

export type NotificationPage = {
  items: CitizenNotification[];
  nextCursor: string | null;
  unreadCount: number;
};

const n = api.api.v1.notifications;

type Assignable<T extends U, U> = T;
export type _Checks = [
  Assignable<InferResponseType<typeof n.$get, 200>, NotificationPage>,
  Assignable<InferResponseType<(typeof n)['unread-count']['$get'], 200>, { unreadCount: number }>,
  Assignable<InferResponseType<typeof n.read.$post, 200>, { updated: number; unreadCount: number }>,
];

export const notificationsClient = {
  list: (deviceId: string, cursor?: string): Promise<ApiResult<NotificationPage>> =>
    request(() => n.$get({ header: { 'x-device-id': deviceId }, query: cursor ? { cursor } : {} })),

  unreadCount: (deviceId: string) =>
    request(() => n['unread-count'].$get({ header: { 'x-device-id': deviceId } })),

  /** `ids`: those notifications; none: all of them. */
  markRead: (deviceId: string, ids?: number[]) =>
    request(() =>
      n.read.$post({
        header: { 'x-device-id': deviceId },
        json: ids && ids.length > 0 ? { ids } : { all: true },
      }),
    ),
};

/**
 * The mini app screen a notification opens. Links are written once for every app: the
 * officials' chat is `/chat/<room>` there and `/official-chat/r/<room>` here; the citizens'
 * services already name mini app routes.
 */
export function notificationPath(item: Pick<CitizenNotification, 'reportCode' | 'link'>) {
  if (item.reportCode) return `/field-reports/r/${item.reportCode}`;
  const chat = item.link?.match(/^\/chat\/([^/?#]+)$/);
  if (chat) return `/official-chat/r/${chat[1]}`;
  return item.link?.startsWith('/') ? item.link : null;
}
