import type { Env } from '../../platform/env';
import type { ChatRoomRpc } from '../types';

/** The room's Durable Object: its RPC methods (types.ts) and `fetch` (the WebSocket upgrade). */
export type ChatRoomStub = ChatRoomRpc & { fetch(request: Request): Promise<Response> };

/**
 * The one ChatRoom of `roomId`. Env types the namespace without its class (the mini app's
 * typed client compiles env.ts outside workers-types), hence the cast to the contract.
 */
export function chatRoomStub(env: Pick<Env, 'CHAT_ROOMS'>, roomId: string): ChatRoomStub {
  const ns = env.CHAT_ROOMS;
  return ns.get(ns.idFromName(roomId)) as unknown as ChatRoomStub;
}
