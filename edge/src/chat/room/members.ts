import { CHAT_CLOSE, type ChatMemberView, chatError } from '../types';
import { leaveCall } from './calls';
import type { RoomContext } from './context';
import { loadRoom } from './directory';
import { broadcast, onlineIds, openSockets, socketInfo } from './sockets';
import type { MemberRow } from './store';

// The member list: libSQL's chat_members is the truth (the REST routes edit it), this room
// keeps a copy in its storage so that every frame is checked without a network round trip.
// syncMembers refreshes the copy and cuts removed members off at once.

export function memberViews(rc: RoomContext): ChatMemberView[] {
  const online = onlineIds(rc.state);
  return rc.store.members().map((m) => ({
    id: m.officialId,
    name: m.name,
    role: m.role,
    online: online.has(m.officialId),
  }));
}

export async function syncMembers(
  rc: RoomContext,
): Promise<{ members: number; disconnected: number }> {
  const dir = await loadRoom(rc.env, rc.roomId);
  // A room deleted from libSQL has no members left: everyone is cut off.
  rc.store.transaction(() => {
    rc.store.replaceMembers(dir.members);
    rc.store.setMeta('members_synced_at', new Date().toISOString());
    rc.store.setMeta('room_kind', dir.kind ?? '');
    rc.store.setMeta('room_title', dir.title ?? '');
  });
  const keep = new Set(dir.members.map((m) => m.officialId));
  let disconnected = 0;
  for (const ws of openSockets(rc.state)) {
    const info = socketInfo(ws);
    if (info && keep.has(info.officialId)) continue;
    disconnected += 1;
    // Out of any call first: a socket the server closes may never report its close.
    if (info) leaveCall(rc, ws, info);
    try {
      ws.close(CHAT_CLOSE.notMember, 'removed');
    } catch {
      // Already closing.
    }
  }
  broadcast(rc.state, { type: 'members', members: memberViews(rc) });
  return { members: dir.members.length, disconnected };
}

/** Loads the member list on the room's first use (the REST routes sync it on every change). */
export async function ensureMembers(rc: RoomContext): Promise<void> {
  if (rc.store.getMeta('members_synced_at') === null) await syncMembers(rc);
}

export async function requireMember(rc: RoomContext, officialId: string): Promise<MemberRow> {
  await ensureMembers(rc);
  const member = rc.store.member(officialId);
  if (!member) throw chatError('not_member');
  return member;
}
