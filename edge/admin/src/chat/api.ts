import { toSocketUrl } from '../../../../miniapp/src/services/chat/connection';
import type {
  ChatApi,
  ChatConfig,
  ChatMessage,
  CreatedRoom,
  DirectoryPage,
  RoomDetail,
  RoomList,
  Ticket,
} from '../../../../miniapp/src/services/chat/types';
import { uploadAttachment } from '../../../../miniapp/src/services/chat/upload';
import { api, apiPath, currentCsrfToken } from '../api';

// The chat's API from the admin: the session cookie and the CSRF header, like every other
// admin request (../api.ts). The room logic itself is the mini app's (miniapp/src/services/chat),
// shared like the photo upload loop is: one client, one set of tests.

const room = (id: string) => `/chat/rooms/${encodeURIComponent(id)}`;

export const chatApi: ChatApi = {
  listRooms: (cursor) => api<RoomList>('GET', '/chat/rooms', { query: { cursor } }),
  createRoom: (input) => api<CreatedRoom>('POST', '/chat/rooms', { body: input }),
  room: (id) => api<RoomDetail>('GET', room(id)),
  history: (id, opts) =>
    api<{ messages: ChatMessage[]; hasMore: boolean }>('GET', `${room(id)}/messages`, {
      query: { before: opts.before, limit: opts.limit },
    }),
  sendMessage: (id, input) => api<ChatMessage>('POST', `${room(id)}/messages`, { body: input }),
  deleteMessage: async (id, messageId) => {
    await api('DELETE', `${room(id)}/messages/${encodeURIComponent(messageId)}`);
  },
  ticket: (id) => api<Ticket>('POST', `${room(id)}/ticket`, { body: {} }),
  config: () => api<ChatConfig>('GET', '/chat/config'),
  directory: (q, cursor) =>
    api<DirectoryPage>('GET', '/chat/directory', { query: { q: q || undefined, cursor } }),
  addMembers: async (id, officialIds) => {
    await api('POST', `${room(id)}/members`, { body: { officialIds } });
  },
  removeMember: async (id, officialId) => {
    await api('DELETE', `${room(id)}/members/${encodeURIComponent(officialId)}`);
  },
  upload: (id, file, onProgress, signal) => {
    const token = currentCsrfToken();
    return uploadAttachment({
      url: apiPath(`${room(id)}/attachments`),
      file,
      headers: token ? { 'X-CSRF-Token': token } : {},
      onProgress,
      signal,
      withCredentials: true,
    });
  },
  socketUrl: (path) => toSocketUrl(path, window.location.origin),
};

let config: Promise<ChatConfig> | null = null;

/** STUN/TURN servers and the file size limit, asked once per page load. */
export function chatConfig(): Promise<ChatConfig> {
  config ??= chatApi.config().catch((error: unknown) => {
    config = null;
    throw error;
  });
  return config;
}
