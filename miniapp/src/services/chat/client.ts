import { type ApiResult, apiUrl, httpError, networkError } from '../api';
import { queryString } from '../officials/http';
import { officialSession } from '../officials/session';
import { officialStore } from '../officials/store';
import { toSocketUrl } from './connection';
import { roomRegistry } from './registry';
import {
  type AttachmentRef,
  type ChatApi,
  type ChatConfig,
  type ChatMessage,
  ChatRequestError,
  type CreatedRoom,
  type DirectoryPage,
  type RoomDetail,
  type RoomList,
  type Ticket,
} from './types';
import { uploadAttachment } from './upload';

/**
 * The chat's API from the mini app, with the linked official's app token (`ofs_…`): a refused
 * token is renewed silently through Zalo and the request sent once more (officialSession).
 * Attachments are served only with that token, so pictures are fetched here and shown from a
 * local object URL (an <img src> cannot carry an Authorization header).
 */

const TIMEOUT_MS = 20_000;

type Method = 'GET' | 'POST' | 'DELETE';

async function call<T>(
  method: Method,
  path: string,
  token: string,
  init: { json?: unknown; query?: Record<string, string | undefined> } = {},
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    authorization: `Bearer ${token}`,
  };
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  let body: unknown;
  try {
    response = await fetch(apiUrl(path) + queryString(init.query), {
      method,
      headers,
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const type = response.headers.get('content-type') ?? '';
    body =
      response.status === 204 || !type.includes('json')
        ? undefined
        : await response.json().catch(() => undefined);
  } catch (error) {
    const timeout = error instanceof DOMException && error.name === 'TimeoutError';
    return { ok: false, error: networkError(timeout ? 'timeout' : 'network') };
  }
  if (response.ok) return { ok: true, status: response.status, data: body as T };
  return { ok: false, error: httpError(response.status, body) };
}

/** Runs a request as the official; throws { status, code, message } on failure. */
async function official<T>(
  method: Method,
  path: string,
  init?: { json?: unknown; query?: Record<string, string | undefined> },
): Promise<T> {
  const result = await officialSession.authorized((token) => call<T>(method, path, token, init));
  if (result.ok) return result.data;
  throw new ChatRequestError(result.error.status, result.error.code, result.error.message);
}

const room = (id: string) => `/api/v1/chat/rooms/${encodeURIComponent(id)}`;

export const chatClient: ChatApi = {
  listRooms: (cursor) => official<RoomList>('GET', '/api/v1/chat/rooms', { query: { cursor } }),
  createRoom: (input) => official<CreatedRoom>('POST', '/api/v1/chat/rooms', { json: input }),
  room: (id) => official<RoomDetail>('GET', room(id)),
  history: (id, opts) =>
    official<{ messages: ChatMessage[]; hasMore: boolean }>('GET', `${room(id)}/messages`, {
      query: { before: opts.before?.toString(), limit: String(opts.limit) },
    }),
  sendMessage: (id, input) =>
    official<ChatMessage>('POST', `${room(id)}/messages`, { json: input }),
  deleteMessage: async (id, messageId) => {
    await official('DELETE', `${room(id)}/messages/${encodeURIComponent(messageId)}`);
  },
  ticket: (id) => official<Ticket>('POST', `${room(id)}/ticket`, { json: {} }),
  config: () => official<ChatConfig>('GET', '/api/v1/chat/config'),
  directory: (q, cursor) =>
    official<DirectoryPage>('GET', '/api/v1/chat/directory', {
      query: { q: q || undefined, cursor },
    }),
  addMembers: async (id, officialIds) => {
    await official('POST', `${room(id)}/members`, { json: { officialIds } });
  },
  removeMember: async (id, officialId) => {
    await official('DELETE', `${room(id)}/members/${encodeURIComponent(officialId)}`);
  },
  upload: async (id, file, onProgress, signal) => {
    const attempt = async (): Promise<AttachmentRef> => {
      const token = await officialSession.token();
      if (!token.ok) {
        throw new ChatRequestError(token.error.status, token.error.code, token.error.message);
      }
      try {
        return await uploadAttachment({
          url: apiUrl(`${room(id)}/attachments`),
          file,
          headers: { Authorization: `Bearer ${token.token}` },
          onProgress,
          signal,
        });
      } catch (error) {
        // The token ran out mid-way: renew it once, like every other official request.
        if (error instanceof ChatRequestError && error.status === 401) {
          await officialSession.rejected(token.token);
          const again = await officialSession.token();
          if (!again.ok) throw error;
          return uploadAttachment({
            url: apiUrl(`${room(id)}/attachments`),
            file,
            headers: { Authorization: `Bearer ${again.token}` },
            onProgress,
            signal,
          });
        }
        throw error;
      }
    };
    return attempt();
  },
  socketUrl: (path) => toSocketUrl(apiUrl(path), window.location.origin),
};

export const chatRooms = roomRegistry({ api: chatClient });

// Leaving the officials' mode (or the API revoking it) closes every room at once, unsent
// messages included: they were the previous official's.
officialStore.subscribe((state) => {
  if (state.ready && !state.link) chatRooms.closeAll();
});

let config: Promise<ChatConfig> | null = null;

/** STUN/TURN servers and the file size limit, asked once per app start. */
export function chatConfig(): Promise<ChatConfig> {
  config ??= chatClient.config().catch((error: unknown) => {
    config = null;
    throw error;
  });
  return config;
}

const blobs = new Map<string, Promise<string>>();
const MAX_BLOBS = 60;

/** A local address for an attachment (fetched once with the official's token). */
export function attachmentBlobUrl(url: string): Promise<string> {
  let pending = blobs.get(url);
  if (!pending) {
    pending = (async () => {
      const result = await officialSession.authorized(async (token) => {
        try {
          const response = await fetch(apiUrl(url), {
            headers: { authorization: `Bearer ${token}` },
            signal: AbortSignal.timeout(60_000),
          });
          if (!response.ok) {
            const body: unknown = await response.json().catch(() => undefined);
            return { ok: false, error: httpError(response.status, body) } as const;
          }
          return { ok: true, status: response.status, data: await response.blob() } as const;
        } catch {
          return { ok: false, error: networkError('network') } as const;
        }
      });
      if (!result.ok) {
        throw new ChatRequestError(result.error.status, result.error.code, result.error.message);
      }
      return URL.createObjectURL(result.data);
    })();
    pending.catch(() => blobs.delete(url));
    blobs.set(url, pending);
    // The oldest pictures go first; a later visit fetches them again.
    while (blobs.size > MAX_BLOBS) {
      const [oldest, value] = blobs.entries().next().value as [string, Promise<string>];
      blobs.delete(oldest);
      void value.then((u) => URL.revokeObjectURL(u)).catch(() => undefined);
    }
  }
  return pending;
}
