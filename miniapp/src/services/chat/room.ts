import {
  type ConnectionState,
  RoomConnection,
  realTimers,
  type SocketLike,
  type Timers,
} from './connection';
import {
  type AttachmentRef,
  type CallMedia,
  type CallSignalData,
  type ChatApi,
  type ChatMemberRole,
  type ChatMessage,
  type ChatMessageKind,
  failureOf,
  type Progress,
  type RoomDetail,
  type SendInput,
  type ServerFrame,
} from './types';

/**
 * One open room as the screens see it: the messages (ascending by seq), the outbox of what
 * this device has not seen stored yet, receipts, typing, members and the call going on, kept
 * in step with the room's Durable Object through ./connection.ts. Framework-free: React reads
 * it with useSyncExternalStore (`subscribe` + `snapshot`).
 *
 * Delivery rules:
 * - A message is sent with a client id chosen here; a resend (after a drop, or through the
 *   REST fallback) carries the same id and the server answers the stored message, so nothing
 *   is ever stored twice. The outbox item leaves when a `message` with its client id arrives.
 * - After every (re)connection: `sync` from the newest seq held here until `synced` says there
 *   is no more, then the outbox is sent again. Catch-up first, so an item that did reach the
 *   server before the drop is matched by its echo in the catch-up, not resent.
 * - While the socket is down but the network is up (a proxy that refuses WebSockets, a server
 *   restart), the outbox goes through POST /messages instead.
 * - The outbox lives in memory only: message text is never written to the device.
 */

export type OutboxStatus = 'uploading' | 'queued' | 'sending' | 'failed';

export type OutboxItem = {
  clientId: string;
  kind: ChatMessageKind;
  text: string | null;
  replyTo: ChatMessage['replyTo'];
  /** Images and files: what is being uploaded (for the local preview). */
  file: (Blob & { name?: string }) | null;
  fileName: string | null;
  attachment: AttachmentRef | null;
  status: OutboxStatus;
  progress: Progress | null;
  error: string | null;
  createdAt: string;
};

export type MemberState = {
  id: string;
  name: string;
  agencyName: string | null;
  role: ChatMemberRole;
  online: boolean;
};

export type CallState = {
  callId: string;
  media: CallMedia;
  by: string;
  participants: string[];
} | null;

export type Receipt = { delivered: number; read: number };

export type RoomSnapshot = {
  roomId: string;
  me: string;
  detail: RoomDetail | null;
  /** The first page of history has not arrived yet. */
  loading: boolean;
  /** Why the room could not be loaded (the first page or its members). */
  error: string | null;
  connection: ConnectionState;
  /** Catching up after a (re)connection. */
  syncing: boolean;
  messages: readonly ChatMessage[];
  outbox: readonly OutboxItem[];
  hasOlder: boolean;
  loadingOlder: boolean;
  members: readonly MemberState[];
  receipts: Readonly<Record<string, Receipt>>;
  typing: readonly { officialId: string; name: string }[];
  call: CallState;
  /** The last call's length when it ended, seconds (shown once). */
  lastCallSeconds: number | null;
  /** A refusal the server sent for a frame (shown briefly). */
  notice: string | null;
};

export type CallFrame =
  | Extract<ServerFrame, { type: `call.${string}` }>
  | { type: 'error'; code: 'not_in_call' | 'no_call'; message: string };

export type RoomDeps = {
  api: ChatApi;
  roomId: string;
  me: string;
  openSocket?: (url: string) => SocketLike;
  timers?: Timers;
  random?: () => number;
  newId?: () => string;
  pageSize?: number;
  /** A sent frame with no echo after this long goes again through REST (idempotent). */
  echoTimeoutMs?: number;
  heartbeatMs?: number;
};

const TYPING_SEND_EVERY_MS = 3_000;
const TYPING_IDLE_MS = 4_000;
const TYPING_SHOWN_MS = 6_000;

/** Kinds of images the chat shows inline (the server checks the bytes of each). */
export const INLINE_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];

export class ChatRoom {
  private readonly api: ChatApi;
  private readonly timers: Timers;
  private readonly newId: () => string;
  private readonly pageSize: number;
  private readonly echoTimeoutMs: number;
  readonly connection: RoomConnection;
  private state: RoomSnapshot;
  private readonly listeners = new Set<() => void>();
  private callListener: ((frame: CallFrame) => void) | null = null;
  private historyLoad: Promise<boolean> | null = null;
  private historyReady = false;
  private visible = false;
  private readSent = 0;
  private deliveredSent = 0;
  private readonly deleted = new Set<string>();
  private readonly echoTimers = new Map<string, unknown>();
  private readonly typingTimers = new Map<string, unknown>();
  private readonly uploads = new Map<string, AbortController>();
  private typingSentAt = 0;
  private typingIdle: unknown = null;
  private flushing = false;
  private flushAgain = false;
  private noticeTimer: unknown = null;
  private stopped = false;
  /** On screen for the signed-in official (see setForeground). */
  private foreground = true;

  constructor(deps: RoomDeps) {
    this.api = deps.api;
    this.timers = deps.timers ?? realTimers;
    this.newId = deps.newId ?? (() => crypto.randomUUID());
    this.pageSize = deps.pageSize ?? 40;
    this.echoTimeoutMs = deps.echoTimeoutMs ?? 10_000;
    this.state = {
      roomId: deps.roomId,
      me: deps.me,
      detail: null,
      loading: true,
      error: null,
      connection: { kind: 'connecting', attempt: 0 },
      syncing: false,
      messages: [],
      outbox: [],
      hasOlder: false,
      loadingOlder: false,
      members: [],
      receipts: {},
      typing: [],
      call: null,
      lastCallSeconds: null,
      notice: null,
    };
    const open = deps.openSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
    this.connection = new RoomConnection({
      address: async () => {
        const ticket = await this.api.ticket(deps.roomId);
        return this.api.socketUrl(ticket.url);
      },
      open,
      onFrame: (frame) => this.onFrame(frame),
      onState: (connection) => this.onConnection(connection),
      timers: this.timers,
      random: deps.random,
      heartbeatMs: deps.heartbeatMs,
    });
  }

  // ---- store ------------------------------------------------------------------------------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = (): RoomSnapshot => this.state;

  private update(patch: Partial<RoomSnapshot>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  // ---- lifecycle --------------------------------------------------------------------------

  start(): void {
    void this.loadDetail();
    void this.loadHistory();
    this.connection.start();
  }

  stop(): void {
    this.stopped = true;
    this.sendTyping(false);
    this.connection.stop();
    for (const timer of [...this.echoTimers.values(), ...this.typingTimers.values()]) {
      this.timers.clearTimeout(timer);
    }
    this.echoTimers.clear();
    this.typingTimers.clear();
    if (this.typingIdle !== null) this.timers.clearTimeout(this.typingIdle);
    if (this.noticeTimer !== null) this.timers.clearTimeout(this.noticeTimer);
    for (const upload of this.uploads.values()) upload.abort();
    this.uploads.clear();
  }

  /** The page is on screen (and the window focused): what arrives is read, not just delivered. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible) this.acknowledge();
  }

  /**
   * Off screen (left with messages still to send), the room sends only over its socket, whose
   * `ready` names the official it belongs to: a REST request would go with whatever session the
   * browser has by then, which may be another official's after a sign-out.
   */
  setForeground(foreground: boolean): void {
    this.foreground = foreground;
    if (!foreground) this.setVisible(false);
  }

  setOnline(online: boolean): void {
    this.connection.setOnline(online);
  }

  retryNow(): void {
    this.connection.retryNow();
  }

  /** Retries loading after an error (the first page, the members). */
  reload(): void {
    this.update({ error: null });
    if (!this.state.detail) void this.loadDetail();
    if (!this.historyReady) {
      this.historyLoad = null;
      void this.loadHistory();
    }
  }

  async loadDetail(): Promise<void> {
    try {
      const detail = await this.api.room(this.state.roomId);
      if (this.stopped) return;
      this.update({ detail, members: this.mergeMembers(this.state.members, detail) });
    } catch (error) {
      if (!this.stopped && !this.state.detail) this.update({ error: failureOf(error).message });
    }
  }

  private loadHistory(): Promise<boolean> {
    this.historyLoad ??= (async () => {
      try {
        const page = await this.api.history(this.state.roomId, { limit: this.pageSize });
        if (this.stopped) return false;
        this.historyReady = true;
        const known = new Map(this.state.messages.map((m) => [m.id, m]));
        for (const m of page.messages) if (!this.deleted.has(m.id)) known.set(m.id, m);
        this.update({
          loading: false,
          hasOlder: page.hasMore,
          messages: sortBySeq([...known.values()]),
        });
        this.dropEchoed();
        return true;
      } catch (error) {
        this.historyLoad = null;
        if (!this.stopped) this.update({ loading: false, error: failureOf(error).message });
        return false;
      }
    })();
    return this.historyLoad;
  }

  async loadOlder(): Promise<void> {
    if (this.state.loadingOlder || !this.state.hasOlder) return;
    const oldest = this.state.messages[0];
    if (!oldest) return;
    this.update({ loadingOlder: true });
    try {
      const page = await this.api.history(this.state.roomId, {
        before: oldest.seq,
        limit: this.pageSize,
      });
      const known = new Map(this.state.messages.map((m) => [m.id, m]));
      for (const m of page.messages) if (!this.deleted.has(m.id)) known.set(m.id, m);
      this.update({
        loadingOlder: false,
        hasOlder: page.hasMore,
        messages: sortBySeq([...known.values()]),
      });
    } catch (error) {
      this.update({ loadingOlder: false });
      this.showNotice(failureOf(error).message);
    }
  }

  // ---- sending ----------------------------------------------------------------------------

  /** Queues a text message (and sends it at once when it can). */
  send(text: string, replyTo: ChatMessage | null = null): void {
    const body = text.trim();
    if (!body) return;
    this.sendTyping(false);
    this.enqueue({
      clientId: this.newId(),
      kind: 'text',
      text: body,
      replyTo: replyTo ? quote(replyTo) : null,
      file: null,
      fileName: null,
      attachment: null,
      status: 'queued',
      progress: null,
      error: null,
      createdAt: new Date(this.timers.now()).toISOString(),
    });
  }

  /** Uploads a picture or a file (progress on the outbox item), then sends it. */
  sendFile(file: Blob & { name?: string }, replyTo: ChatMessage | null = null): void {
    const kind: ChatMessageKind = INLINE_IMAGE_TYPES.includes(file.type) ? 'image' : 'file';
    const item: OutboxItem = {
      clientId: this.newId(),
      kind,
      text: null,
      replyTo: replyTo ? quote(replyTo) : null,
      file,
      fileName: file.name ?? null,
      attachment: null,
      status: 'uploading',
      progress: { sent: 0, total: file.size },
      error: null,
      createdAt: new Date(this.timers.now()).toISOString(),
    };
    this.update({ outbox: [...this.state.outbox, item] });
    void this.upload(item.clientId);
  }

  /** "Gửi lại" on a failed item. */
  retry(clientId: string): void {
    const item = this.item(clientId);
    if (item?.status !== 'failed') return;
    if (item.file && !item.attachment) {
      this.patchItem(clientId, { status: 'uploading', error: null, progress: null });
      void this.upload(clientId);
      return;
    }
    this.patchItem(clientId, { status: 'queued', error: null });
    void this.flush();
  }

  /** "Bỏ" on an item not sent yet. */
  discard(clientId: string): void {
    this.uploads.get(clientId)?.abort();
    this.uploads.delete(clientId);
    this.clearEcho(clientId);
    this.update({ outbox: this.state.outbox.filter((i) => i.clientId !== clientId) });
  }

  private enqueue(item: OutboxItem): void {
    this.update({ outbox: [...this.state.outbox, item] });
    void this.flush();
  }

  private item(clientId: string): OutboxItem | undefined {
    return this.state.outbox.find((i) => i.clientId === clientId);
  }

  private patchItem(clientId: string, patch: Partial<OutboxItem>): void {
    if (!this.item(clientId)) return;
    this.update({
      outbox: this.state.outbox.map((i) => (i.clientId === clientId ? { ...i, ...patch } : i)),
    });
  }

  private async upload(clientId: string): Promise<void> {
    const item = this.item(clientId);
    if (!item?.file) return;
    const abort = new AbortController();
    this.uploads.set(clientId, abort);
    try {
      const ref = await this.api.upload(
        this.state.roomId,
        item.file,
        (progress) => this.patchItem(clientId, { progress }),
        abort.signal,
      );
      if (abort.signal.aborted) return;
      this.patchItem(clientId, { attachment: ref, status: 'queued', progress: null });
      void this.flush();
    } catch (error) {
      if (abort.signal.aborted) return;
      this.patchItem(clientId, { status: 'failed', error: failureOf(error).message });
    } finally {
      this.uploads.delete(clientId);
    }
  }

  private input(item: OutboxItem): SendInput {
    return {
      clientId: item.clientId,
      kind: item.kind,
      ...(item.text ? { text: item.text } : {}),
      ...(item.replyTo ? { replyTo: item.replyTo.id } : {}),
      ...(item.attachment ? { attachmentId: item.attachment.id } : {}),
    };
  }

  /**
   * Sends what waits in the outbox, in order: over the socket when it is open and caught up,
   * over REST while it is down but the network is up, not at all while offline.
   */
  private async flush(): Promise<void> {
    if (this.flushing) {
      this.flushAgain = true;
      return;
    }
    this.flushing = true;
    try {
      do {
        this.flushAgain = false;
        const ready = this.state.outbox.filter((i) => i.status === 'queued');
        for (const item of ready) {
          if (this.stopped) return;
          const connection = this.state.connection.kind;
          if (this.connection.isOpen && !this.state.syncing) {
            if (this.connection.send({ type: 'send', ...this.input(item) })) {
              this.patchItem(item.clientId, { status: 'sending' });
              this.watchEcho(item.clientId);
              continue;
            }
          }
          if (connection === 'waiting' && this.foreground) {
            await this.sendRest(item.clientId);
            continue;
          }
          // Connecting, catching up or offline: the next `synced` sends it.
          break;
        }
      } while (this.flushAgain && !this.stopped);
    } finally {
      this.flushing = false;
    }
  }

  private async sendRest(clientId: string): Promise<void> {
    const item = this.item(clientId);
    if (!item) return;
    this.patchItem(clientId, { status: 'sending' });
    try {
      const message = await this.api.sendMessage(this.state.roomId, this.input(item));
      this.clearEcho(clientId);
      this.upsert(message);
    } catch (error) {
      const failure = failureOf(error);
      // No answer, or the server's own trouble: the item waits for the next chance.
      const later = failure.status === 0 || failure.status >= 500 || failure.status === 401;
      if (!this.item(clientId)) return;
      this.patchItem(
        clientId,
        later ? { status: 'queued' } : { status: 'failed', error: failure.message },
      );
    }
  }

  /** A frame that got no echo in time goes again through REST: same client id, no duplicate. */
  private watchEcho(clientId: string): void {
    this.clearEcho(clientId);
    this.echoTimers.set(
      clientId,
      this.timers.setTimeout(() => {
        this.echoTimers.delete(clientId);
        if (this.item(clientId)?.status !== 'sending') return;
        if (this.foreground) void this.sendRest(clientId);
        // Off screen: the frame goes again over a fresh socket.
        else this.connection.retryNow();
      }, this.echoTimeoutMs),
    );
  }

  private clearEcho(clientId: string): void {
    const timer = this.echoTimers.get(clientId);
    if (timer !== undefined) this.timers.clearTimeout(timer);
    this.echoTimers.delete(clientId);
  }

  // ---- deleting ---------------------------------------------------------------------------

  /** Deletes one of my messages for everyone (REST, so a refusal comes back to this call). */
  async deleteMessage(messageId: string): Promise<void> {
    await this.api.deleteMessage(this.state.roomId, messageId);
    this.forget(messageId);
  }

  private forget(messageId: string): void {
    this.deleted.add(messageId);
    const messages = this.state.messages
      .filter((m) => m.id !== messageId)
      .map((m) =>
        m.replyTo?.id === messageId ? { ...m, replyTo: { ...m.replyTo, excerpt: null } } : m,
      );
    this.update({ messages });
  }

  // ---- typing -----------------------------------------------------------------------------

  /** Called on every keystroke in the composer. */
  typed(): void {
    const now = this.timers.now();
    if (now - this.typingSentAt > TYPING_SEND_EVERY_MS) {
      if (this.connection.send({ type: 'typing', active: true })) this.typingSentAt = now;
    }
    if (this.typingIdle !== null) this.timers.clearTimeout(this.typingIdle);
    this.typingIdle = this.timers.setTimeout(() => this.sendTyping(false), TYPING_IDLE_MS);
  }

  private sendTyping(active: boolean): void {
    if (this.typingIdle !== null) this.timers.clearTimeout(this.typingIdle);
    this.typingIdle = null;
    if (!active && this.typingSentAt > 0) {
      this.typingSentAt = 0;
      this.connection.send({ type: 'typing', active: false });
    }
  }

  private setTyping(officialId: string, name: string, active: boolean): void {
    const timer = this.typingTimers.get(officialId);
    if (timer !== undefined) this.timers.clearTimeout(timer);
    this.typingTimers.delete(officialId);
    const others = this.state.typing.filter((t) => t.officialId !== officialId);
    if (active) {
      this.typingTimers.set(
        officialId,
        this.timers.setTimeout(() => this.setTyping(officialId, name, false), TYPING_SHOWN_MS),
      );
      this.update({ typing: [...others, { officialId, name }] });
    } else if (others.length !== this.state.typing.length) {
      this.update({ typing: others });
    }
  }

  // ---- calls ------------------------------------------------------------------------------

  /** The call screen (loaded on demand) hears the call's frames through this. */
  onCallFrame(listener: ((frame: CallFrame) => void) | null): void {
    this.callListener = listener;
  }

  startCall(media: CallMedia): boolean {
    return this.connection.send({ type: 'call.start', media });
  }

  joinCall(callId: string): boolean {
    return this.connection.send({ type: 'call.join', callId });
  }

  leaveCall(callId: string): boolean {
    return this.connection.send({ type: 'call.leave', callId });
  }

  signal(callId: string, to: string, data: CallSignalData): boolean {
    return this.connection.send({ type: 'call.signal', callId, to, data });
  }

  dismissCallSummary(): void {
    this.update({ lastCallSeconds: null });
  }

  // ---- frames -----------------------------------------------------------------------------

  private onConnection(connection: ConnectionState): void {
    const patch: Partial<RoomSnapshot> = { connection };
    if (connection.kind !== 'open') {
      patch.syncing = false;
      // Whatever went out on the lost socket goes again (same client id) after catching up.
      if (this.state.outbox.some((i) => i.status === 'sending')) {
        patch.outbox = this.state.outbox.map((i) =>
          i.status === 'sending' ? { ...i, status: 'queued' } : i,
        );
        for (const clientId of [...this.echoTimers.keys()]) this.clearEcho(clientId);
      }
      // Nobody is typing for us to see while we cannot hear them.
      if (this.state.typing.length > 0) patch.typing = [];
      // Nor do we know who is online: `ready` tells again after the reconnection.
      if (this.state.members.some((m) => m.online && m.id !== this.state.me)) {
        patch.members = this.state.members.map((m) =>
          m.id === this.state.me ? m : { ...m, online: false },
        );
      }
    }
    if (connection.kind === 'closed' && connection.reason === 'removed') patch.call = null;
    this.update(patch);
    if (connection.kind === 'waiting') void this.flush();
  }

  private onFrame(frame: ServerFrame): void {
    switch (frame.type) {
      case 'ready': {
        if (frame.me !== this.state.me) {
          // The session now belongs to another official (signed out and in again): nothing
          // of the previous one's is sent or shown under this one's name.
          this.stop();
          this.update({
            outbox: [],
            connection: { kind: 'closed', reason: 'forbidden' },
          });
          return;
        }
        this.readSent = Math.max(this.readSent, frame.readUpTo);
        const members = frame.members.map((m) => ({
          id: m.id,
          name: m.name,
          agencyName: null,
          role: m.role,
          online: m.online,
        }));
        this.update({
          members: this.state.detail ? this.mergeMembers(members, this.state.detail) : members,
          call: frame.call
            ? {
                callId: frame.call.callId,
                media: frame.call.media,
                by: frame.call.by,
                participants: [...frame.call.participants],
              }
            : null,
        });
        void this.catchUp();
        return;
      }
      case 'message':
        this.upsert(frame.message);
        if (frame.message.senderId !== this.state.me) {
          this.setTyping(frame.message.senderId, frame.message.senderName, false);
          if (!this.state.syncing) this.acknowledge();
        }
        return;
      case 'synced':
        if (!this.state.syncing) return;
        if (frame.hasMore) {
          this.connection.send({ type: 'sync', after: this.newestSeq() });
          return;
        }
        this.update({ syncing: false });
        this.acknowledge();
        void this.flush();
        return;
      case 'deleted':
        this.forget(frame.id);
        return;
      case 'receipt': {
        if (frame.officialId === this.state.me) {
          if (frame.kind === 'read') this.readSent = Math.max(this.readSent, frame.upTo);
          return;
        }
        const before = this.state.receipts[frame.officialId] ?? { delivered: 0, read: 0 };
        const after =
          frame.kind === 'read'
            ? {
                delivered: Math.max(before.delivered, frame.upTo),
                read: Math.max(before.read, frame.upTo),
              }
            : { ...before, delivered: Math.max(before.delivered, frame.upTo) };
        this.update({ receipts: { ...this.state.receipts, [frame.officialId]: after } });
        return;
      }
      case 'typing':
        if (frame.officialId !== this.state.me) {
          this.setTyping(frame.officialId, frame.name, frame.active);
        }
        return;
      case 'presence':
        this.update({
          members: this.state.members.map((m) =>
            m.id === frame.officialId ? { ...m, online: frame.online } : m,
          ),
        });
        return;
      case 'members': {
        const members = frame.members.map((m) => ({
          id: m.id,
          name: m.name,
          agencyName: null,
          role: m.role,
          online: m.online,
        }));
        this.update({
          members: this.state.detail ? this.mergeMembers(members, this.state.detail) : members,
        });
        // Names of agencies for someone just added come with the room's details.
        if (members.some((m) => !this.state.detail?.members.some((d) => d.id === m.id))) {
          void this.loadDetail();
        }
        return;
      }
      case 'pong':
        return;
      case 'call.started':
        this.update({
          call: { callId: frame.callId, media: frame.media, by: frame.by, participants: [] },
          lastCallSeconds: null,
        });
        this.callListener?.(frame);
        return;
      case 'call.joined':
      case 'call.left': {
        const call = this.state.call;
        if (call && call.callId === frame.callId) {
          const others = call.participants.filter((p) => p !== frame.officialId);
          this.update({
            call: {
              ...call,
              participants: frame.type === 'call.joined' ? [...others, frame.officialId] : others,
            },
          });
        }
        this.callListener?.(frame);
        return;
      }
      case 'call.ended':
        if (this.state.call?.callId === frame.callId) {
          this.update({ call: null, lastCallSeconds: frame.durationSeconds });
        }
        this.callListener?.(frame);
        return;
      case 'call.signal':
        this.callListener?.(frame);
        return;
      case 'error':
        if (frame.code === 'not_in_call' || frame.code === 'no_call') {
          this.callListener?.({ type: 'error', code: frame.code, message: frame.message });
          return;
        }
        // A refused frame names no message: anything in flight goes through REST, which
        // answers for each one (and stores nothing twice).
        for (const item of this.state.outbox) {
          if (item.status === 'sending') void this.sendRest(item.clientId);
        }
        if (frame.code !== 'bad_frame') this.showNotice(frame.message);
        return;
    }
  }

  /** After `ready`: the first page of history (if it is not here yet), then `sync`. */
  private async catchUp(): Promise<void> {
    this.update({ syncing: true });
    const loaded = this.historyReady || (await this.loadHistory());
    if (!loaded || !this.connection.isOpen) {
      if (!loaded) this.update({ syncing: false });
      return;
    }
    this.connection.send({ type: 'sync', after: this.newestSeq() });
  }

  private newestSeq(): number {
    return this.state.messages.at(-1)?.seq ?? 0;
  }

  private upsert(message: ChatMessage): void {
    if (message.roomId !== this.state.roomId || this.deleted.has(message.id)) return;
    let outbox = this.state.outbox;
    if (message.senderId === this.state.me && message.clientId) {
      const clientId = message.clientId;
      if (outbox.some((i) => i.clientId === clientId)) {
        outbox = outbox.filter((i) => i.clientId !== clientId);
        this.clearEcho(clientId);
      }
    }
    const existing = this.state.messages.findIndex((m) => m.id === message.id);
    let messages: ChatMessage[];
    if (existing >= 0) {
      messages = [...this.state.messages];
      messages[existing] = message;
    } else {
      messages = insertBySeq(this.state.messages, message);
    }
    this.update({ messages, outbox });
  }

  /** Outbox items whose message is already in the list (a page loaded after a drop). */
  private dropEchoed(): void {
    const echoed = new Set(
      this.state.messages
        .filter((m) => m.senderId === this.state.me && m.clientId)
        .map((m) => m.clientId),
    );
    if (this.state.outbox.some((i) => echoed.has(i.clientId))) {
      this.update({ outbox: this.state.outbox.filter((i) => !echoed.has(i.clientId)) });
    }
  }

  /** Tells the room how far this official has seen (read) or received (delivered). */
  private acknowledge(): void {
    const newest = this.newestSeq();
    if (newest === 0 || !this.connection.isOpen) return;
    if (this.visible && newest > this.readSent) {
      if (this.connection.send({ type: 'read', upTo: newest })) {
        this.readSent = newest;
        this.deliveredSent = Math.max(this.deliveredSent, newest);
      }
    } else if (newest > this.deliveredSent && newest > this.readSent) {
      if (this.connection.send({ type: 'delivered', upTo: newest })) this.deliveredSent = newest;
    }
  }

  private mergeMembers(members: readonly MemberState[], detail: RoomDetail): MemberState[] {
    const live = new Map(members.map((m) => [m.id, m]));
    const source =
      members.length > 0
        ? members
        : detail.members.map((d) => ({
            id: d.id,
            name: d.fullName,
            agencyName: d.agencyName,
            role: d.role,
            online: false,
          }));
    return source.map((m) => {
      const d = detail.members.find((x) => x.id === m.id);
      return {
        ...m,
        name: d?.fullName ?? m.name,
        agencyName: d?.agencyName ?? m.agencyName,
        online: live.get(m.id)?.online ?? m.online,
      };
    });
  }

  private showNotice(message: string): void {
    if (this.noticeTimer !== null) this.timers.clearTimeout(this.noticeTimer);
    this.update({ notice: message });
    this.noticeTimer = this.timers.setTimeout(() => {
      this.noticeTimer = null;
      this.update({ notice: null });
    }, 6_000);
  }
}

function quote(message: ChatMessage): NonNullable<ChatMessage['replyTo']> {
  return { id: message.id, senderName: message.senderName, excerpt: excerptOf(message) };
}

/** The line a reply shows of the message it answers. */
export function excerptOf(message: Pick<ChatMessage, 'text' | 'attachment' | 'kind'>): string {
  if (message.text)
    return message.text.length > 120 ? `${message.text.slice(0, 119)}…` : message.text;
  return message.attachment?.name ?? '';
}

function sortBySeq(messages: ChatMessage[]): ChatMessage[] {
  return messages.sort((a, b) => a.seq - b.seq);
}

function insertBySeq(messages: readonly ChatMessage[], message: ChatMessage): ChatMessage[] {
  const out = [...messages];
  let i = out.length;
  while (i > 0 && (out[i - 1]?.seq ?? 0) > message.seq) i--;
  out.splice(i, 0, message);
  return out;
}

export type Tick = 'sent' | 'delivered' | 'read';

/**
 * The ticks under one of my messages: read when every other member has read it, delivered
 * when every other member's device has it, sent otherwise.
 */
export function tickOf(
  message: Pick<ChatMessage, 'seq'>,
  snapshot: Pick<RoomSnapshot, 'me' | 'members' | 'receipts'>,
): Tick {
  const others = snapshot.members.filter((m) => m.id !== snapshot.me);
  if (others.length === 0) return 'sent';
  const receipts = others.map((m) => snapshot.receipts[m.id] ?? { delivered: 0, read: 0 });
  if (receipts.every((r) => r.read >= message.seq)) return 'read';
  if (receipts.every((r) => Math.max(r.delivered, r.read) >= message.seq)) return 'delivered';
  return 'sent';
}
