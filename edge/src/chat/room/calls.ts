import type { CallMedia, CallSignalData, ServerFrame } from '../types';
import { background, type RoomContext } from './context';
import { writeCall } from './directory';
import {
  broadcast,
  openSockets,
  type SocketInfo,
  send,
  sendError,
  setSocketInfo,
  socketInfo,
} from './sockets';
import type { CallRow } from './store';

// Audio/video calls: the room only rings, keeps track of who joined and relays WebRTC
// signalling (offer, answer, ICE candidates) between sockets that joined the same call. Media
// never passes through here, and nothing of a call's content is stored: when the last
// participant leaves, one metadata row (who, when, how long) goes to libSQL's chat_calls.
// Who is in the call is on each socket's attachment, so a call survives hibernation.

/** Sockets in `callId` now, `leaving` excluded. */
function participantSockets(rc: RoomContext, callId: string, leaving?: WebSocket): WebSocket[] {
  return openSockets(rc.state).filter((ws) => ws !== leaving && socketInfo(ws)?.callId === callId);
}

export function participants(rc: RoomContext, callId: string, leaving?: WebSocket): string[] {
  const ids = new Set<string>();
  for (const ws of participantSockets(rc, callId, leaving)) {
    const info = socketInfo(ws);
    if (info) ids.add(info.officialId);
  }
  return [...ids];
}

/** The call going on, for the `ready` frame of a (re)connecting member. */
export function currentCall(rc: RoomContext) {
  const call = rc.store.call();
  if (!call) return null;
  return {
    callId: call.id,
    media: call.media,
    by: call.startedBy,
    participants: participants(rc, call.id),
  };
}

function join(rc: RoomContext, ws: WebSocket, info: SocketInfo, call: CallRow): void {
  // One device per official in a call: a second device joining takes over from the first.
  for (const other of openSockets(rc.state, info.officialId)) {
    const otherInfo = socketInfo(other);
    if (other === ws || otherInfo?.callId !== call.id) continue;
    setSocketInfo(other, { ...otherInfo, callId: null });
    send(other, { type: 'call.left', callId: call.id, officialId: info.officialId });
  }
  setSocketInfo(ws, { ...info, callId: call.id });
  if (!call.joined.includes(info.officialId)) {
    rc.store.setCallJoined(call.id, [...call.joined, info.officialId]);
  }
  broadcast(rc.state, { type: 'call.joined', callId: call.id, officialId: info.officialId });
}

export function startCall(rc: RoomContext, ws: WebSocket, info: SocketInfo, media: CallMedia) {
  const existing = rc.store.call();
  if (existing) {
    if (participantSockets(rc, existing.id).length > 0) {
      sendError(ws, 'call_in_progress', 'Cuộc trò chuyện đang có một cuộc gọi.');
      return;
    }
    // Its participants vanished without a close event (the runtime restarted): end it.
    endCall(rc, existing);
  }
  const call: CallRow = {
    id: crypto.randomUUID(),
    media,
    startedBy: info.officialId,
    startedAt: new Date().toISOString(),
    joined: [],
  };
  rc.store.insertCall(call);
  broadcast(rc.state, { type: 'call.started', callId: call.id, by: info.officialId, media });
  join(rc, ws, info, call);
}

export function joinCall(rc: RoomContext, ws: WebSocket, info: SocketInfo, callId: string) {
  const call = rc.store.call();
  if (!call || call.id !== callId) {
    sendError(ws, 'no_call', 'Cuộc gọi đã kết thúc hoặc không tồn tại.');
    return;
  }
  join(rc, ws, info, call);
}

/** A socket leaves its call (frame, close or removal); the last one out ends it. */
export function leaveCall(rc: RoomContext, ws: WebSocket, info: SocketInfo, closing = false) {
  const callId = info.callId;
  if (!callId) return;
  if (!closing) setSocketInfo(ws, { ...info, callId: null });
  const leaving = closing ? ws : undefined;
  if (!participants(rc, callId, leaving).includes(info.officialId)) {
    broadcast(rc.state, { type: 'call.left', callId, officialId: info.officialId }, leaving);
  }
  const call = rc.store.call();
  if (call && call.id === callId && participantSockets(rc, callId, leaving).length === 0) {
    endCall(rc, call, leaving);
  }
}

export function leaveCallFrame(rc: RoomContext, ws: WebSocket, info: SocketInfo, callId: string) {
  if (info.callId !== callId) {
    sendError(ws, 'not_in_call', 'Bạn không ở trong cuộc gọi này.');
    return;
  }
  leaveCall(rc, ws, info);
}

function endCall(rc: RoomContext, call: CallRow, leaving?: WebSocket): void {
  rc.store.deleteCall(call.id);
  const endedAt = new Date();
  const durationSeconds = Math.max(
    0,
    Math.round((endedAt.getTime() - Date.parse(call.startedAt)) / 1000),
  );
  broadcast(rc.state, { type: 'call.ended', callId: call.id, durationSeconds }, leaving);
  const record = {
    id: call.id,
    roomId: rc.roomId,
    kind: call.media,
    startedBy: call.startedBy,
    participantIds: call.joined,
    startedAt: call.startedAt,
    endedAt: endedAt.toISOString(),
    durationSeconds,
  };
  background(rc, 'call-record', () => writeCall(rc.env, record));
}

/**
 * Relays one signalling message to the sockets of `to` in the same call. Refused unless both
 * the sender and the addressee joined that call.
 */
export function relaySignal(
  rc: RoomContext,
  ws: WebSocket,
  info: SocketInfo,
  frame: { callId: string; to: string; data: CallSignalData },
): void {
  const targets =
    info.callId === frame.callId && frame.to !== info.officialId
      ? participantSockets(rc, frame.callId).filter((s) => socketInfo(s)?.officialId === frame.to)
      : [];
  if (targets.length === 0) {
    sendError(ws, 'not_in_call', 'Người nhận hoặc bạn không ở trong cuộc gọi này.');
    return;
  }
  const out: ServerFrame = {
    type: 'call.signal',
    callId: frame.callId,
    from: info.officialId,
    data: frame.data,
  };
  for (const target of targets) send(target, out);
}
