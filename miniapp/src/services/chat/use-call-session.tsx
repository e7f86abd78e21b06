import { useEffect, useRef, useState } from 'react';
import { CallSession } from './call';
import type { ChatRoom, RoomSnapshot } from './room';
import type { CallMedia } from './types';

// The React side of a call, shared by the mini app's call screen and the web admin's call
// panel (each draws its own controls). Imported only by those lazily loaded screens, so the
// WebRTC code stays out of the chat's first chunk.

/** Why the call screen opened: to start a call, or to join the one ringing. */
export type CallIntent =
  | { kind: 'start'; media: CallMedia }
  | { kind: 'join'; callId: string; media: CallMedia };

/**
 * One call session per opening of the screen: the ICE servers first (`loadIceServers`, each
 * app's own API client), then the microphone, then start or join. Hangs up when the screen
 * closes, and tells the session when the room's connection drops.
 */
export function useCallSession(
  room: ChatRoom,
  snap: RoomSnapshot,
  intent: CallIntent,
  loadIceServers: () => Promise<RTCIceServer[]>,
): { session: CallSession | null; error: string | null } {
  const [session, setSession] = useState<CallSession | null>(null);
  const [error, setError] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: one session per opening.
  useEffect(() => {
    let live = true;
    let created: CallSession | null = null;
    void (async () => {
      let iceServers: RTCIceServer[];
      try {
        iceServers = await loadIceServers();
      } catch (err) {
        if (live) setError((err as { message?: string }).message ?? String(err));
        return;
      }
      if (!live) return;
      created = new CallSession({ room, me: snap.me, iceServers });
      setSession(created);
      if (intent.kind === 'start') await created.start(intent.media);
      else await created.join(intent.callId, intent.media);
    })();
    return () => {
      live = false;
      created?.hangUp();
    };
  }, []);

  const connected = snap.connection.kind === 'open';
  useEffect(() => {
    if (!connected) session?.connectionLost();
  }, [connected, session]);

  return { session, error };
}

/** A participant's audio or video, attached to its MediaStream. */
export function MediaElement({
  stream,
  muted,
  audioOnly,
}: {
  stream: MediaStream | null;
  muted?: boolean;
  audioOnly?: boolean;
}) {
  const ref = useRef<HTMLVideoElement & HTMLAudioElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.srcObject !== stream) ref.current.srcObject = stream;
  }, [stream]);
  return audioOnly ? (
    <audio ref={ref} autoPlay muted={muted} />
  ) : (
    <video ref={ref} autoPlay playsInline muted={muted} />
  );
}
