import type { CallFrame, ChatRoom } from './room';
import type { CallMedia, CallSignalData } from './types';

/**
 * One audio or video call from this device: the microphone (and camera), and one
 * RTCPeerConnection per other participant (a mesh: calls are 1:1 or small groups). The room's
 * Durable Object only relays the offer, answer and ICE candidates (`call.signal`); media goes
 * between the devices, never through the server, and nothing of it is stored anywhere.
 *
 * Who offers: the participant who was already in the call offers to the one who joins
 * (`call.joined`). The Durable Object serialises joins, so every pair has exactly one offerer
 * and offers never cross.
 *
 * Loaded on demand (the call screen's chunk): a phone that never calls never downloads it.
 */

export type CallPhase = 'starting' | 'joining' | 'in-call' | 'ended';

export type CallProblem =
  /** The browser or the person refused the microphone/camera. */
  | 'media_denied'
  /** No microphone (or camera) on this device. */
  | 'media_missing'
  /** The call ended before we got in, or we were not in it any more. */
  | 'call_gone'
  /** The room's connection dropped during the call. */
  | 'connection_lost'
  /** Joined the same call from another device. */
  | 'taken_over'
  /** Another call is going on in the room. */
  | 'busy';

export type PeerView = {
  id: string;
  stream: MediaStream | null;
  state: RTCPeerConnectionState;
};

export type CallView = {
  callId: string | null;
  media: CallMedia;
  phase: CallPhase;
  local: MediaStream | null;
  peers: PeerView[];
  muted: boolean;
  cameraOff: boolean;
  problem: CallProblem | null;
  startedAt: number | null;
};

type RoomSide = Pick<ChatRoom, 'startCall' | 'joinCall' | 'leaveCall' | 'signal' | 'onCallFrame'>;

export type CallDeps = {
  room: RoomSide;
  me: string;
  iceServers: RTCIceServer[];
  getUserMedia?: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
  createPeer?: (config: RTCConfiguration) => RTCPeerConnection;
  now?: () => number;
};

type Peer = {
  pc: RTCPeerConnection;
  stream: MediaStream | null;
  /** ICE candidates that came before the remote description. */
  pending: RTCIceCandidateInit[];
  offerer: boolean;
};

export class CallSession {
  private readonly peers = new Map<string, Peer>();
  private readonly listeners = new Set<() => void>();
  private view: CallView;
  private local: MediaStream | null = null;
  private readonly getUserMedia: (c: MediaStreamConstraints) => Promise<MediaStream>;
  private readonly createPeer: (config: RTCConfiguration) => RTCPeerConnection;
  private readonly now: () => number;

  constructor(private readonly deps: CallDeps) {
    this.getUserMedia =
      deps.getUserMedia ?? ((constraints) => navigator.mediaDevices.getUserMedia(constraints));
    this.createPeer = deps.createPeer ?? ((config) => new RTCPeerConnection(config));
    this.now = deps.now ?? Date.now;
    this.view = {
      callId: null,
      media: 'audio',
      phase: 'ended',
      local: null,
      peers: [],
      muted: false,
      cameraOff: false,
      problem: null,
      startedAt: null,
    };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = (): CallView => this.view;

  private update(patch: Partial<CallView>): void {
    this.view = { ...this.view, ...patch };
    for (const listener of this.listeners) listener();
  }

  private publishPeers(): void {
    this.update({
      peers: [...this.peers.entries()].map(([id, p]) => ({
        id,
        stream: p.stream,
        state: p.pc.connectionState,
      })),
    });
  }

  /** Starts a call in the room: microphone (and camera) first, then `call.start`. */
  async start(media: CallMedia): Promise<boolean> {
    this.update({ media, phase: 'starting', problem: null, callId: null });
    if (!(await this.openMedia(media))) return false;
    this.deps.room.onCallFrame((frame) => void this.onFrame(frame));
    if (!this.deps.room.startCall(media)) return this.fail('connection_lost');
    return true;
  }

  /** Joins the call going on. */
  async join(callId: string, media: CallMedia): Promise<boolean> {
    this.update({ media, phase: 'joining', problem: null, callId });
    if (!(await this.openMedia(media))) return false;
    this.deps.room.onCallFrame((frame) => void this.onFrame(frame));
    if (!this.deps.room.joinCall(callId)) return this.fail('connection_lost');
    return true;
  }

  /** "Kết thúc": leaves the call (the last one out ends it for the room). */
  hangUp(): void {
    const callId = this.view.callId;
    if (callId && this.view.phase !== 'ended') this.deps.room.leaveCall(callId);
    this.close(null);
  }

  /** The room's connection dropped: the relay is gone, so is our place in the call. */
  connectionLost(): void {
    if (this.view.phase !== 'ended') this.close('connection_lost');
  }

  toggleMute(): void {
    const muted = !this.view.muted;
    for (const track of this.local?.getAudioTracks() ?? []) track.enabled = !muted;
    this.update({ muted });
  }

  toggleCamera(): void {
    const cameraOff = !this.view.cameraOff;
    for (const track of this.local?.getVideoTracks() ?? []) track.enabled = !cameraOff;
    this.update({ cameraOff });
  }

  private async openMedia(media: CallMedia): Promise<boolean> {
    try {
      this.local = await this.getUserMedia({ audio: true, video: media === 'video' });
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      // A video call from a device without a camera still works with the voice alone.
      if (media === 'video' && (name === 'NotFoundError' || name === 'OverconstrainedError')) {
        try {
          this.local = await this.getUserMedia({ audio: true, video: false });
        } catch (second) {
          return this.fail(mediaProblem(second));
        }
      } else {
        return this.fail(mediaProblem(error));
      }
    }
    this.update({ local: this.local });
    return true;
  }

  private fail(problem: CallProblem): false {
    this.close(problem);
    return false;
  }

  private close(problem: CallProblem | null): void {
    this.deps.room.onCallFrame(null);
    for (const peer of this.peers.values()) peer.pc.close();
    this.peers.clear();
    for (const track of this.local?.getTracks() ?? []) track.stop();
    this.local = null;
    this.update({ phase: 'ended', local: null, peers: [], problem });
  }

  private async onFrame(frame: CallFrame): Promise<void> {
    const { me } = this.deps;
    switch (frame.type) {
      case 'call.started':
        if (frame.by === me && this.view.phase === 'starting') {
          this.update({ callId: frame.callId });
        }
        return;
      case 'call.joined':
        if (frame.callId !== this.view.callId) return;
        if (frame.officialId === me) {
          if (this.view.phase !== 'in-call') {
            this.update({ phase: 'in-call', startedAt: this.now() });
          }
          return;
        }
        if (this.view.phase === 'in-call') await this.offer(frame.officialId);
        return;
      case 'call.left':
        if (frame.callId !== this.view.callId) return;
        if (frame.officialId === me) {
          this.close('taken_over');
          return;
        }
        this.peers.get(frame.officialId)?.pc.close();
        this.peers.delete(frame.officialId);
        this.publishPeers();
        return;
      case 'call.ended':
        if (frame.callId === this.view.callId) this.close(null);
        return;
      case 'call.signal':
        if (frame.callId !== this.view.callId || this.view.phase !== 'in-call') return;
        await this.onSignal(frame.from, frame.data);
        return;
      case 'error':
        if (this.view.phase === 'starting' || this.view.phase === 'joining') {
          this.close(frame.code === 'no_call' ? 'call_gone' : 'busy');
        }
        return;
    }
  }

  private peer(id: string, offerer: boolean): Peer {
    const existing = this.peers.get(id);
    if (existing) return existing;
    const pc = this.createPeer({ iceServers: this.deps.iceServers });
    const peer: Peer = { pc, stream: null, pending: [], offerer };
    this.peers.set(id, peer);
    for (const track of this.local?.getTracks() ?? []) {
      if (this.local) pc.addTrack(track, this.local);
    }
    pc.onicecandidate = (event) => {
      const callId = this.view.callId;
      if (event.candidate && callId) {
        this.deps.room.signal(callId, id, { kind: 'ice', candidate: event.candidate.toJSON() });
      }
    };
    pc.ontrack = (event) => {
      const stream = event.streams[0] ?? peer.stream ?? new MediaStream();
      if (!event.streams[0]) stream.addTrack(event.track);
      peer.stream = stream;
      this.publishPeers();
    };
    pc.onconnectionstatechange = () => {
      // The offerer restarts ICE once a connection fails (a network change mid-call).
      if (pc.connectionState === 'failed' && peer.offerer) void this.offer(id, true);
      this.publishPeers();
    };
    this.publishPeers();
    return peer;
  }

  private async offer(id: string, restart = false): Promise<void> {
    const callId = this.view.callId;
    if (!callId) return;
    const peer = this.peer(id, true);
    try {
      const offer = await peer.pc.createOffer(restart ? { iceRestart: true } : undefined);
      await peer.pc.setLocalDescription(offer);
      this.deps.room.signal(callId, id, { kind: 'offer', sdp: offer.sdp ?? '' });
    } catch {
      // A peer closed while the offer was made: its call.left follows.
    }
  }

  private async onSignal(from: string, data: CallSignalData): Promise<void> {
    const callId = this.view.callId;
    if (!callId) return;
    try {
      if (data.kind === 'ice') {
        const peer = this.peer(from, false);
        const candidate = data.candidate as RTCIceCandidateInit;
        if (peer.pc.remoteDescription) await peer.pc.addIceCandidate(candidate);
        else peer.pending.push(candidate);
      } else if (data.kind === 'offer') {
        const peer = this.peer(from, false);
        await peer.pc.setRemoteDescription({ type: 'offer', sdp: data.sdp });
        await this.drain(peer);
        const answer = await peer.pc.createAnswer();
        await peer.pc.setLocalDescription(answer);
        this.deps.room.signal(callId, from, { kind: 'answer', sdp: answer.sdp ?? '' });
      } else {
        const peer = this.peers.get(from);
        if (!peer) return;
        await peer.pc.setRemoteDescription({ type: 'answer', sdp: data.sdp });
        await this.drain(peer);
      }
    } catch {
      // A malformed or stale description from a peer: that pair stays unconnected, the
      // others are not affected.
    }
    this.publishPeers();
  }

  private async drain(peer: Peer): Promise<void> {
    const pending = peer.pending.splice(0);
    for (const candidate of pending) {
      await peer.pc.addIceCandidate(candidate).catch(() => undefined);
    }
  }
}

function mediaProblem(error: unknown): CallProblem {
  const name = error instanceof Error ? error.name : '';
  return name === 'NotFoundError' || name === 'OverconstrainedError'
    ? 'media_missing'
    : 'media_denied';
}
