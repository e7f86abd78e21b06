import { errorBody } from '../../platform/errors';
import { currentCall } from './calls';
import type { RoomContext } from './context';
import { isMemberInDirectory } from './directory';
import { memberViews, syncMembers } from './members';
import { broadcast, openSockets, send, setSocketInfo } from './sockets';

// A WebSocket connection to the room, after the Worker verified the ticket (upgrade.ts). The
// Worker passes who connects in internal headers; only the Worker can reach this object.

export const CONNECT_HEADERS = {
  room: 'X-Chat-Room',
  official: 'X-Chat-Official',
} as const;

function refuse(status: 400 | 403 | 426, code: string, message: string): Response {
  return Response.json(errorBody(code, message), { status });
}

function iceServers(rc: RoomContext): unknown[] {
  try {
    const value: unknown = JSON.parse(rc.env.CHAT_ICE_SERVERS ?? '[]');
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

export async function connect(rc: RoomContext, request: Request): Promise<Response> {
  if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') {
    return refuse(426, 'upgrade_required', 'Cần kết nối WebSocket.');
  }
  const officialId = request.headers.get(CONNECT_HEADERS.official);
  if (!officialId) return refuse(400, 'bad_request', 'Yêu cầu không hợp lệ.');

  // Membership is checked against libSQL itself at every connection; the stored copy is
  // brought up to date when the two disagree (a change whose sync was missed).
  const inDirectory = await isMemberInDirectory(rc.env, rc.roomId, officialId);
  const stored = rc.store.member(officialId) !== null;
  if (inDirectory !== stored || rc.store.getMeta('members_synced_at') === null) {
    await syncMembers(rc);
  }
  const member = rc.store.member(officialId);
  if (!inDirectory || !member) {
    return refuse(403, 'chat_not_member', 'Bạn không phải là thành viên của cuộc trò chuyện này.');
  }

  const wasOnline = openSockets(rc.state, officialId).length > 0;
  const pair = new WebSocketPair();
  const [client, server] = [pair[0], pair[1]];
  // Tagged with the official id: getWebSockets(officialId) finds their devices.
  rc.state.acceptWebSocket(server, [officialId]);
  setSocketInfo(server, {
    officialId,
    name: member.name,
    connectedAt: new Date().toISOString(),
    callId: null,
  });
  send(server, {
    type: 'ready',
    roomId: rc.roomId,
    me: officialId,
    lastSeq: rc.store.lastSeq(),
    readUpTo: member.readUpTo,
    members: memberViews(rc),
    iceServers: iceServers(rc),
    call: currentCall(rc),
  });
  // How far the others got, so a (re)connecting device shows the right ticks at once.
  for (const m of rc.store.members()) {
    if (m.officialId === officialId) continue;
    const who = { type: 'receipt', officialId: m.officialId } as const;
    if (m.deliveredUpTo > 0) send(server, { ...who, kind: 'delivered', upTo: m.deliveredUpTo });
    if (m.readUpTo > 0) send(server, { ...who, kind: 'read', upTo: m.readUpTo });
  }
  if (!wasOnline) broadcast(rc.state, { type: 'presence', officialId, online: true }, server);
  return new Response(null, { status: 101, webSocket: client });
}
