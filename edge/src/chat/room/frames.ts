import { CHAT_CLOSE, chatErrorCode, chatErrorMessage } from '../types';
import { joinCall, leaveCallFrame, relaySignal, startCall } from './calls';
import type { RoomContext } from './context';
import { deleteMessage, messagesAfter, postMessage, receipt } from './messages';
import { parseFrame, parseSendInput } from './protocol';
import { broadcast, send, sendError, socketInfo } from './sockets';

// One incoming WebSocket frame: who sent it comes from the socket's attachment (set at
// connection from the verified ticket), membership from the room's stored member list, checked
// again for every frame.

export async function handleFrame(
  rc: RoomContext,
  ws: WebSocket,
  raw: string | ArrayBuffer,
): Promise<void> {
  const info = socketInfo(ws);
  const member = info ? rc.store.member(info.officialId) : null;
  if (!info || !member) {
    sendError(ws, 'not_member', 'Bạn không còn là thành viên của cuộc trò chuyện này.');
    ws.close(CHAT_CLOSE.notMember, 'removed');
    return;
  }
  const parsed = parseFrame(raw);
  if (!parsed.ok) {
    sendError(ws, 'bad_frame', parsed.message);
    return;
  }
  const frame = parsed.frame;
  try {
    switch (frame.type) {
      case 'send': {
        const { type: _type, ...rest } = frame;
        const input = parseSendInput(rest);
        if (!input.ok) {
          sendError(ws, 'invalid', input.message);
          return;
        }
        const posted = await postMessage(rc, member, input.input);
        // A resend of a stored message: only this socket missed the answer.
        if (!posted.created) send(ws, { type: 'message', message: posted.message });
        return;
      }
      case 'read':
      case 'delivered':
        receipt(rc, member, frame.type, frame.upTo);
        return;
      case 'typing':
        broadcast(
          rc.state,
          { type: 'typing', officialId: info.officialId, name: member.name, active: frame.active },
          ws,
        );
        return;
      case 'delete': {
        const result = await deleteMessage(rc, info.officialId, frame.id);
        if (!result.deleted) sendError(ws, 'not_found', 'Tin nhắn không còn tồn tại.');
        return;
      }
      case 'sync': {
        const { messages, hasMore } = await messagesAfter(rc, frame.after);
        for (const message of messages) send(ws, { type: 'message', message });
        send(ws, { type: 'synced', hasMore });
        return;
      }
      case 'ping':
        send(ws, { type: 'pong' });
        return;
      case 'call.start':
        startCall(rc, ws, info, frame.media);
        return;
      case 'call.join':
        joinCall(rc, ws, info, frame.callId);
        return;
      case 'call.leave':
        leaveCallFrame(rc, ws, info, frame.callId);
        return;
      case 'call.signal':
        relaySignal(rc, ws, info, frame);
        return;
    }
  } catch (err) {
    const code = chatErrorCode(err);
    if (code === null) throw err;
    sendError(ws, code, chatErrorMessage(err));
  }
}
