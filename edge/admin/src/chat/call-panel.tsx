import { useEffect, useState, useSyncExternalStore } from 'react';
import type {
  CallProblem,
  CallSession,
  PeerView,
} from '../../../../miniapp/src/services/chat/call';
import { duration } from '../../../../miniapp/src/services/chat/format';
import type { ChatRoom, RoomSnapshot } from '../../../../miniapp/src/services/chat/room';
import {
  type CallIntent,
  MediaElement,
  useCallSession,
} from '../../../../miniapp/src/services/chat/use-call-session';
import { chatConfig } from './api';
import { Icon } from './icons';

// The call screen over the room: this device's camera (or a name tile for voice), one tile per
// other participant with its connection state, and the controls. Loaded on demand.

const PROBLEMS: Record<CallProblem, string> = {
  media_denied:
    'Trình duyệt chưa được phép dùng micrô/camera. Hãy cho phép trong thanh địa chỉ rồi thử lại.',
  media_missing: 'Không tìm thấy micrô (hoặc camera) trên máy này.',
  call_gone: 'Cuộc gọi đã kết thúc trước khi bạn vào.',
  connection_lost: 'Mất kết nối với máy chủ nên cuộc gọi đã dừng. Bạn có thể tham gia lại.',
  taken_over: 'Bạn đã vào cuộc gọi này từ một thiết bị khác.',
  busy: 'Cuộc trò chuyện đang có một cuộc gọi khác.',
};

const STATES: Record<RTCPeerConnectionState, string> = {
  new: 'Đang kết nối…',
  connecting: 'Đang kết nối…',
  connected: 'Đã kết nối',
  disconnected: 'Mất kết nối, đang thử lại…',
  failed: 'Không kết nối được',
  closed: 'Đã rời',
};

export default function CallPanel({
  room,
  snap,
  intent,
  onClose,
}: {
  room: ChatRoom;
  snap: RoomSnapshot;
  intent: CallIntent;
  onClose: () => void;
}) {
  const { session, error } = useCallSession(
    room,
    snap,
    intent,
    async () => (await chatConfig()).iceServers,
  );

  if (error || !session) {
    return (
      <div className="chat-call" role="dialog" aria-label="Cuộc gọi">
        <p className="chat-call__message">{error ?? 'Đang mở micrô…'}</p>
        <button type="button" onClick={onClose}>
          Đóng
        </button>
      </div>
    );
  }
  return <CallScreen session={session} snap={snap} onClose={onClose} />;
}

function CallScreen({
  session,
  snap,
  onClose,
}: {
  session: CallSession;
  snap: RoomSnapshot;
  onClose: () => void;
}) {
  const view = useSyncExternalStore(session.subscribe, session.snapshot);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  const ended = view.phase === 'ended';
  // Ended without a problem to explain (hung up, or the others left): the panel goes away.
  useEffect(() => {
    if (ended && !view.problem) onClose();
  }, [ended, view.problem, onClose]);

  const name = (id: string) => snap.members.find((m) => m.id === id)?.name ?? 'Thành viên';
  const video = view.media === 'video';
  const waiting = view.phase === 'in-call' && view.peers.length === 0;

  return (
    <div className="chat-call" role="dialog" aria-label="Cuộc gọi" data-phase={view.phase}>
      <header className="chat-call__head">
        <strong>{video ? 'Cuộc gọi video' : 'Cuộc gọi thoại'}</strong>
        <span>
          {view.phase === 'starting' || view.phase === 'joining'
            ? 'Đang vào cuộc gọi…'
            : waiting
              ? 'Đang chờ người khác tham gia…'
              : view.startedAt
                ? duration((now - view.startedAt) / 1000)
                : ''}
        </span>
      </header>
      {ended && view.problem ? (
        <div className="chat-call__message" role="alert">
          <p>{PROBLEMS[view.problem]}</p>
          <button type="button" onClick={onClose}>
            Đóng
          </button>
        </div>
      ) : (
        <>
          <div
            className={`chat-call__tiles chat-call__tiles--${Math.min(4, view.peers.length + 1)}`}
          >
            <figure className="chat-tile chat-tile--me" data-testid="local-tile">
              {video && !view.cameraOff ? (
                <MediaElement stream={view.local} muted />
              ) : (
                <span className="chat-tile__avatar">Bạn</span>
              )}
              <figcaption>Bạn{view.muted ? ' · đã tắt micrô' : ''}</figcaption>
            </figure>
            {view.peers.map((peer: PeerView) => (
              <figure
                key={peer.id}
                className="chat-tile"
                data-testid="peer-tile"
                data-peer={peer.id}
                data-state={peer.state}
              >
                {video ? (
                  <MediaElement stream={peer.stream} />
                ) : (
                  <>
                    <span className="chat-tile__avatar">{name(peer.id)}</span>
                    <MediaElement stream={peer.stream} audioOnly />
                  </>
                )}
                <figcaption>
                  {name(peer.id)} · {STATES[peer.state]}
                </figcaption>
              </figure>
            ))}
          </div>
          <div className="chat-call__controls">
            <button type="button" onClick={() => session.toggleMute()} aria-pressed={view.muted}>
              <Icon name="mic" /> {view.muted ? 'Bật micrô' : 'Tắt micrô'}
            </button>
            {video ? (
              <button
                type="button"
                onClick={() => session.toggleCamera()}
                aria-pressed={view.cameraOff}
              >
                <Icon name="video" /> {view.cameraOff ? 'Bật camera' : 'Tắt camera'}
              </button>
            ) : null}
            <button type="button" className="danger-button" onClick={() => session.hangUp()}>
              <Icon name="hangup" /> Kết thúc
            </button>
          </div>
        </>
      )}
    </div>
  );
}
