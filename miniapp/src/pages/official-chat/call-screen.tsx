import { useEffect, useState, useSyncExternalStore } from 'react';
import { useT } from '../../i18n/use-t';
import type { CallSession, PeerView } from '../../services/chat/call';
import { chatConfig } from '../../services/chat/client';
import { duration } from '../../services/chat/format';
import type { ChatRoom, RoomSnapshot } from '../../services/chat/room';
import {
  type CallIntent,
  MediaElement,
  useCallSession,
} from '../../services/chat/use-call-session';
import { Icon } from './icons';

// The call over the room: this phone's camera (or a name tile for voice), one tile per other
// participant with its connection state, and large controls. Its own chunk (lazy), with the
// WebRTC code of services/chat/call.ts.

export default function CallScreen({
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
  const t = useT();
  const { session, error } = useCallSession(
    room,
    snap,
    intent,
    async () => (await chatConfig()).iceServers,
  );

  if (error || !session) {
    return (
      <div className="oc-call" role="dialog" aria-label={t('chat.call.audioTitle')}>
        <p className="oc-call__message">{error ?? t('chat.call.opening')}</p>
        <button type="button" className="oc-call__button" onClick={onClose}>
          {t('chat.close')}
        </button>
      </div>
    );
  }
  return <CallView session={session} snap={snap} onClose={onClose} />;
}

function CallView({
  session,
  snap,
  onClose,
}: {
  session: CallSession;
  snap: RoomSnapshot;
  onClose: () => void;
}) {
  const t = useT();
  const view = useSyncExternalStore(session.subscribe, session.snapshot);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const ended = view.phase === 'ended';
  useEffect(() => {
    if (ended && !view.problem) onClose();
  }, [ended, view.problem, onClose]);

  const name = (id: string) =>
    snap.members.find((m) => m.id === id)?.name ?? t('chat.call.someone');
  const video = view.media === 'video';
  const waiting = view.phase === 'in-call' && view.peers.length === 0;
  const title = video ? t('chat.call.videoTitle') : t('chat.call.audioTitle');

  return (
    <div className="oc-call" role="dialog" aria-label={title} data-phase={view.phase}>
      <header className="oc-call__head">
        <strong>{title}</strong>
        <span>
          {view.phase === 'starting' || view.phase === 'joining'
            ? t('chat.call.entering')
            : waiting
              ? t('chat.call.waiting')
              : view.startedAt
                ? duration((now - view.startedAt) / 1000)
                : ''}
        </span>
      </header>
      {ended && view.problem ? (
        <div className="oc-call__message" role="alert">
          <p>{t(`chat.call.problem.${view.problem}`)}</p>
          <button type="button" className="oc-call__button" onClick={onClose}>
            {t('chat.close')}
          </button>
        </div>
      ) : (
        <>
          <div className="oc-call__tiles">
            {view.peers.map((peer: PeerView) => (
              <figure
                key={peer.id}
                className="oc-tile"
                data-testid="peer-tile"
                data-peer={peer.id}
                data-state={peer.state}
              >
                {video ? (
                  <MediaElement stream={peer.stream} />
                ) : (
                  <>
                    <span className="oc-tile__avatar">{name(peer.id)}</span>
                    <MediaElement stream={peer.stream} audioOnly />
                  </>
                )}
                <figcaption>
                  {name(peer.id)} · {t(`chat.call.state.${peer.state}`)}
                </figcaption>
              </figure>
            ))}
            <figure className="oc-tile oc-tile--me" data-testid="local-tile">
              {video && !view.cameraOff ? (
                <MediaElement stream={view.local} muted />
              ) : (
                <span className="oc-tile__avatar">{t('chat.call.you')}</span>
              )}
              <figcaption>{view.muted ? t('chat.call.youMuted') : t('chat.call.you')}</figcaption>
            </figure>
          </div>
          <div className="oc-call__controls">
            <button
              type="button"
              className="oc-call__button"
              aria-pressed={view.muted}
              onClick={() => session.toggleMute()}
            >
              <Icon name="mic" />
              {view.muted ? t('chat.call.unmute') : t('chat.call.mute')}
            </button>
            {video ? (
              <button
                type="button"
                className="oc-call__button"
                aria-pressed={view.cameraOff}
                onClick={() => session.toggleCamera()}
              >
                <Icon name="video" />
                {view.cameraOff ? t('chat.call.cameraOn') : t('chat.call.cameraOff')}
              </button>
            ) : null}
            <button
              type="button"
              className="oc-call__button oc-call__button--hangup"
              onClick={() => session.hangUp()}
            >
              <Icon name="hangup" />
              {t('chat.call.hangUp')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}
