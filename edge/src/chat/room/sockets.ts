import type { ChatFrameErrorCode, ServerFrame } from '../types';

// The room's WebSockets, through the Hibernation API only: the runtime keeps the sockets and
// each one's serialized attachment while the object sleeps, so everything a socket needs to
// know about itself lives in that attachment (who it is, the call it joined).

export interface SocketInfo {
  officialId: string;
  name: string;
  connectedAt: string;
  /** The call this socket joined, if any. */
  callId: string | null;
}

export function socketInfo(ws: WebSocket): SocketInfo | null {
  const value = ws.deserializeAttachment() as SocketInfo | null;
  return value && typeof value.officialId === 'string' ? value : null;
}

export function setSocketInfo(ws: WebSocket, info: SocketInfo): void {
  ws.serializeAttachment(info);
}

const OPEN = 1;

/** Open sockets of the room, or of one official (the tag given at acceptWebSocket). */
export function openSockets(state: DurableObjectState, officialId?: string): WebSocket[] {
  return state.getWebSockets(officialId).filter((ws) => ws.readyState === OPEN);
}

export function send(ws: WebSocket, frame: ServerFrame): void {
  try {
    ws.send(JSON.stringify(frame));
  } catch {
    // A socket closing under us: its close handler does the cleanup.
  }
}

export function sendError(ws: WebSocket, code: ChatFrameErrorCode, message: string): void {
  send(ws, { type: 'error', code, message });
}

/** To every open socket of the room, except `except` (the sender, when it already knows). */
export function broadcast(state: DurableObjectState, frame: ServerFrame, except?: WebSocket) {
  const text = JSON.stringify(frame);
  for (const ws of openSockets(state)) {
    if (ws === except) continue;
    try {
      ws.send(text);
    } catch {
      // Closing; see send().
    }
  }
}

/** Officials with at least one open socket, `leaving` excluded (its close is under way). */
export function onlineIds(state: DurableObjectState, leaving?: WebSocket): Set<string> {
  const ids = new Set<string>();
  for (const ws of openSockets(state)) {
    if (ws === leaving) continue;
    const info = socketInfo(ws);
    if (info) ids.add(info.officialId);
  }
  return ids;
}
