import {
  type ChangeEvent,
  type FormEvent,
  type KeyboardEvent,
  lazy,
  Suspense,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import {
  dateOf,
  dayOffset,
  duration,
  fileSize,
  timeOf,
} from '../../../../miniapp/src/services/chat/format';
import { useMessageList } from '../../../../miniapp/src/services/chat/message-list';
import {
  type ChatRoom,
  excerptOf,
  type OutboxItem,
  type RoomSnapshot,
  type Tick,
  tickOf,
} from '../../../../miniapp/src/services/chat/room';
import type { ChatMessage } from '../../../../miniapp/src/services/chat/types';
import type { CallIntent } from '../../../../miniapp/src/services/chat/use-call-session';
import { messageOf } from '../api';
import { chatConfig } from './api';
import { Icon } from './icons';
import { MembersPanel } from './members';
import { Avatar } from './room-list';
import { useRoom } from './use-room';

// The call screen (WebRTC) is its own chunk: opened only by those who call.
const CallPanel = lazy(() => import('./call-panel'));

const TICK_LABELS: Record<Tick, string> = {
  sent: 'Đã gửi',
  delivered: 'Đã nhận',
  read: 'Đã xem',
};

function dayLabel(iso: string): string {
  const offset = dayOffset(iso);
  if (offset === 0) return 'Hôm nay';
  if (offset === 1) return 'Hôm qua';
  return dateOf(iso);
}

export function RoomView({
  roomId,
  me,
  onActivity,
  onLeft,
}: {
  roomId: string;
  me: string;
  /** The newest message changed (the room list refreshes its line). */
  onActivity: () => void;
  onLeft: () => void;
}) {
  const opened = useRoom(roomId, me);
  if (!opened) return <p className="muted pad">Đang mở cuộc trò chuyện…</p>;
  return <OpenRoom room={opened.room} snap={opened.snap} onActivity={onActivity} onLeft={onLeft} />;
}

function OpenRoom({
  room,
  snap,
  onActivity,
  onLeft,
}: {
  room: ChatRoom;
  snap: RoomSnapshot;
  onActivity: () => void;
  onLeft: () => void;
}) {
  const [replyTo, setReplyTo] = useState<ChatMessage | null>(null);
  const [deleting, setDeleting] = useState<ChatMessage | null>(null);
  const [showMembers, setShowMembers] = useState(false);
  const [call, setCall] = useState<CallIntent | null>(null);
  const [ignoredCall, setIgnoredCall] = useState<string | null>(null);

  const newest = snap.messages.at(-1)?.id;
  const activity = useRef(onActivity);
  activity.current = onActivity;
  useEffect(() => {
    if (newest) activity.current();
  }, [newest]);

  const title =
    snap.detail?.title || snap.members.find((m) => m.id !== snap.me)?.name || 'Cuộc trò chuyện';
  const others = snap.members.filter((m) => m.id !== snap.me);
  const subtitle =
    snap.detail?.kind === 'direct'
      ? others[0]?.online
        ? 'Đang trực tuyến'
        : (others[0]?.agencyName ?? '')
      : `${snap.members.length} thành viên · ${others.filter((m) => m.online).length + 1} trực tuyến`;
  const open = snap.connection.kind === 'open';
  const inCall = call !== null;
  const removed = snap.connection.kind === 'closed' && snap.connection.reason === 'removed';
  // Removed from the room: the list drops it.
  useEffect(() => {
    if (removed) activity.current();
  }, [removed]);

  return (
    <div className="chat-room-view" data-room={snap.roomId}>
      <header className="chat-head">
        <Avatar
          id={others[0]?.id ?? snap.roomId}
          name={title}
          online={others.length === 1 && others[0]?.online}
        />
        <div className="chat-head__text">
          <h2>{title}</h2>
          <span className="muted small" data-testid="room-subtitle">
            {subtitle}
          </span>
        </div>
        <div className="chat-head__actions">
          <button
            type="button"
            onClick={() => setCall({ kind: 'start', media: 'audio' })}
            disabled={!open || inCall || snap.call !== null}
            title="Gọi thoại"
          >
            <Icon name="phone" /> Gọi thoại
          </button>
          <button
            type="button"
            onClick={() => setCall({ kind: 'start', media: 'video' })}
            disabled={!open || inCall || snap.call !== null}
            title="Gọi video"
          >
            <Icon name="video" /> Gọi video
          </button>
          <button
            type="button"
            aria-pressed={showMembers}
            onClick={() => setShowMembers((v) => !v)}
            title="Thành viên"
          >
            <Icon name="people" /> {snap.members.length}
          </button>
        </div>
      </header>

      <ConnectionBanner room={room} snap={snap} />

      {snap.call && !inCall && snap.call.callId !== ignoredCall && !removed ? (
        <div className="chat-callbar" role="status" data-testid="incoming-call">
          <Icon name={snap.call.media === 'video' ? 'video' : 'phone'} />
          <span>
            <strong>
              {snap.members.find((m) => m.id === snap.call?.by)?.name ?? 'Một thành viên'}
            </strong>{' '}
            {snap.call.by === snap.me ? '(bạn) ' : ''}đang gọi{' '}
            {snap.call.media === 'video' ? 'video' : 'thoại'}
            {snap.call.participants.length > 0
              ? ` · ${snap.call.participants.length} người trong cuộc gọi`
              : ''}
          </span>
          <button
            type="button"
            className="primary"
            disabled={!open}
            onClick={() => {
              const current = snap.call;
              if (current) setCall({ kind: 'join', callId: current.callId, media: current.media });
            }}
          >
            Tham gia
          </button>
          <button type="button" onClick={() => setIgnoredCall(snap.call?.callId ?? null)}>
            Bỏ qua
          </button>
        </div>
      ) : null}
      {snap.lastCallSeconds !== null && !inCall ? (
        <div className="chat-callbar chat-callbar--ended" role="status">
          Cuộc gọi đã kết thúc · {duration(snap.lastCallSeconds)}
          <button type="button" className="link-button" onClick={() => room.dismissCallSummary()}>
            Đóng
          </button>
        </div>
      ) : null}

      <div className="chat-body">
        <MessageList room={room} snap={snap} onReply={setReplyTo} onDelete={setDeleting} />
        {showMembers ? (
          <MembersPanel snap={snap} onClose={() => setShowMembers(false)} onLeft={onLeft} />
        ) : null}
        {call ? (
          <Suspense
            fallback={<div className="chat-call chat-call--loading">Đang mở cuộc gọi…</div>}
          >
            <CallPanel room={room} snap={snap} intent={call} onClose={() => setCall(null)} />
          </Suspense>
        ) : null}
      </div>

      {snap.typing.length > 0 ? (
        <p className="chat-typing" aria-live="polite">
          {snap.typing.map((t) => t.name).join(', ')} đang nhập…
        </p>
      ) : null}
      {snap.notice ? (
        <p className="chat-notice" role="status">
          {snap.notice}
        </p>
      ) : null}

      {removed ? (
        <p className="chat-closed">Bạn không còn là thành viên của cuộc trò chuyện này.</p>
      ) : (
        <Composer room={room} replyTo={replyTo} onReplyDone={() => setReplyTo(null)} />
      )}

      {deleting ? (
        <DeleteConfirm room={room} message={deleting} onDone={() => setDeleting(null)} />
      ) : null}
    </div>
  );
}

/** "Đang kết nối lại…" while the room's socket is down, with the next attempt's countdown. */
function ConnectionBanner({ room, snap }: { room: ChatRoom; snap: RoomSnapshot }) {
  const state = snap.connection;
  const [now, setNow] = useState(Date.now());
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (state.kind === 'open') {
      setShown(false);
      return;
    }
    // The first connection takes a moment: no banner flashing for it.
    const delay = window.setTimeout(() => setShown(true), 700);
    const tick = window.setInterval(() => setNow(Date.now()), 1000);
    return () => {
      window.clearTimeout(delay);
      window.clearInterval(tick);
    };
  }, [state.kind]);
  if (state.kind === 'open') return null;
  if (state.kind === 'closed') {
    if (state.reason === 'stopped' || state.reason === 'removed') return null;
    return (
      <div className="chat-banner chat-banner--closed" role="alert">
        {state.message ?? 'Không mở được cuộc trò chuyện này.'}
      </div>
    );
  }
  if (!shown) return null;
  const seconds =
    state.kind === 'waiting' ? Math.max(0, Math.ceil((state.retryAt - now) / 1000)) : null;
  return (
    <div
      className="chat-banner"
      role="status"
      data-testid="connection-banner"
      data-state={state.kind}
    >
      <span className="chat-banner__spinner" aria-hidden="true" />
      <strong>Đang kết nối lại…</strong>
      <span className="chat-banner__detail">
        {state.kind === 'offline'
          ? 'Máy đang mất mạng. Tin nhắn soạn lúc này sẽ tự gửi khi có mạng trở lại.'
          : seconds !== null
            ? `Thử lại sau ${seconds} giây.`
            : 'Đang thử kết nối…'}
      </span>
      {state.kind === 'waiting' ? (
        <button type="button" className="link-button" onClick={() => room.retryNow()}>
          Thử ngay
        </button>
      ) : null}
    </div>
  );
}

function MessageList({
  room,
  snap,
  onReply,
  onDelete,
}: {
  room: ChatRoom;
  snap: RoomSnapshot;
  onReply: (m: ChatMessage) => void;
  onDelete: (m: ChatMessage) => void;
}) {
  const { list, onScroll, older, settle, items } = useMessageList(room, snap);
  const group = snap.detail?.kind !== 'direct';

  return (
    <div className="chat-messages" ref={list} onScroll={onScroll} data-testid="messages">
      {snap.loading ? <p className="muted pad">Đang tải tin nhắn…</p> : null}
      {snap.error && snap.messages.length === 0 ? (
        <div className="alert alert--error">
          {snap.error}{' '}
          <button type="button" className="link-button" onClick={() => room.reload()}>
            Thử lại
          </button>
        </div>
      ) : null}
      {snap.hasOlder ? (
        <div className="chat-older">
          <button
            type="button"
            className="link-button"
            disabled={snap.loadingOlder}
            onClick={older}
          >
            {snap.loadingOlder ? 'Đang tải tin cũ…' : 'Xem tin nhắn cũ hơn'}
          </button>
        </div>
      ) : !snap.loading && snap.messages.length > 0 ? (
        <p className="chat-start muted small">Đầu cuộc trò chuyện</p>
      ) : null}
      {!snap.loading && snap.messages.length === 0 && snap.outbox.length === 0 ? (
        <p className="chat-empty muted">Chưa có tin nhắn. Hãy gửi lời chào!</p>
      ) : null}
      {items.map(({ day, message, run }) => (
        <div key={message.id}>
          {day ? (
            <p className="chat-day">
              <span>{dayLabel(day)}</span>
            </p>
          ) : null}
          <Message
            message={message}
            mine={message.senderId === snap.me}
            showName={group && !run && message.senderId !== snap.me}
            tick={message.senderId === snap.me ? tickOf(message, snap) : null}
            onReply={() => onReply(message)}
            onDelete={() => onDelete(message)}
            onLoad={settle}
          />
        </div>
      ))}
      {snap.outbox.map((item) => (
        <Pending key={item.clientId} room={room} item={item} onLoad={settle} />
      ))}
    </div>
  );
}

function Message({
  message,
  mine,
  showName,
  tick,
  onReply,
  onDelete,
  onLoad,
}: {
  message: ChatMessage;
  mine: boolean;
  showName: boolean;
  tick: Tick | null;
  onReply: () => void;
  onDelete: () => void;
  onLoad: () => void;
}) {
  return (
    <div
      className={mine ? 'msg msg--mine' : 'msg'}
      data-id={message.id}
      data-seq={message.seq}
      data-kind={message.kind}
    >
      <div className="msg__bubble">
        {showName ? <span className="msg__name">{message.senderName}</span> : null}
        {message.replyTo?.excerpt != null ? (
          <span className="msg__quote">
            <strong>{message.replyTo.senderName}</strong>
            <span>{message.replyTo.excerpt || '[Tệp đính kèm]'}</span>
          </span>
        ) : null}
        <Content message={message} onLoad={onLoad} />
        <span className="msg__meta">
          <time dateTime={message.createdAt}>{timeOf(message.createdAt)}</time>
          {tick ? (
            <span
              className={`msg__ticks msg__ticks--${tick}`}
              data-tick={tick}
              title={TICK_LABELS[tick]}
            >
              {tick === 'sent' ? '✓' : '✓✓'}
              <span className="sr-only">{TICK_LABELS[tick]}</span>
            </span>
          ) : null}
        </span>
      </div>
      <div className="msg__actions">
        <button
          type="button"
          className="chat-icon-button"
          title="Trả lời"
          aria-label="Trả lời"
          onClick={onReply}
        >
          <Icon name="reply" size={16} />
        </button>
        {mine ? (
          <button
            type="button"
            className="chat-icon-button"
            title="Xoá với mọi người"
            aria-label="Xoá tin nhắn"
            onClick={onDelete}
          >
            <Icon name="trash" size={16} />
          </button>
        ) : null}
      </div>
    </div>
  );
}

function Content({ message, onLoad }: { message: ChatMessage; onLoad: () => void }) {
  const a = message.attachment;
  if (message.kind === 'image' && a) {
    return (
      <a href={a.url} target="_blank" rel="noreferrer" className="msg__image">
        <img src={a.url} alt={a.name} loading="lazy" onLoad={onLoad} />
      </a>
    );
  }
  if (message.kind === 'file' && a) {
    return (
      <a href={a.url} className="msg__file" download={a.name}>
        <Icon name="file" size={28} />
        <span>
          <strong>{a.name}</strong>
          <span className="small">{fileSize(a.bytes)}</span>
        </span>
      </a>
    );
  }
  return <p className="msg__text">{message.text}</p>;
}

function Pending({ room, item, onLoad }: { room: ChatRoom; item: OutboxItem; onLoad: () => void }) {
  const preview = useMemo(
    () => (item.kind === 'image' && item.file ? URL.createObjectURL(item.file) : null),
    [item.kind, item.file],
  );
  useEffect(() => () => (preview ? URL.revokeObjectURL(preview) : undefined), [preview]);
  const percent =
    item.progress && item.progress.total > 0
      ? Math.min(100, Math.round((item.progress.sent / item.progress.total) * 100))
      : 0;
  const status =
    item.status === 'uploading'
      ? `Đang tải lên ${percent}%`
      : item.status === 'failed'
        ? (item.error ?? 'Chưa gửi được')
        : item.status === 'sending'
          ? 'Đang gửi…'
          : 'Chờ gửi';
  return (
    <div
      className={`msg msg--mine msg--pending msg--${item.status}`}
      data-client-id={item.clientId}
      data-status={item.status}
    >
      <div className="msg__bubble">
        {item.replyTo?.excerpt != null ? (
          <span className="msg__quote">
            <strong>{item.replyTo.senderName}</strong>
            <span>{item.replyTo.excerpt}</span>
          </span>
        ) : null}
        {preview ? (
          <span className="msg__image">
            <img src={preview} alt={item.fileName ?? ''} onLoad={onLoad} />
          </span>
        ) : item.kind === 'file' ? (
          <span className="msg__file">
            <Icon name="file" size={28} />
            <span>
              <strong>{item.fileName}</strong>
              <span className="small">{fileSize(item.file?.size ?? 0)}</span>
            </span>
          </span>
        ) : (
          <p className="msg__text">{item.text}</p>
        )}
        {item.status === 'uploading' ? (
          <span
            className="chat-progress"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-label="Tiến độ tải lên"
          >
            <span className="chat-progress__bar" style={{ width: `${percent}%` }} />
          </span>
        ) : null}
        <span className="msg__meta">
          <span className="msg__status">{status}</span>
          {item.status === 'failed' ? (
            <>
              <button
                type="button"
                className="link-button"
                onClick={() => room.retry(item.clientId)}
              >
                Gửi lại
              </button>
              <button
                type="button"
                className="link-button"
                onClick={() => room.discard(item.clientId)}
              >
                Bỏ
              </button>
            </>
          ) : (
            <span className="msg__clock" aria-hidden="true">
              ◷
            </span>
          )}
        </span>
      </div>
    </div>
  );
}

function Composer({
  room,
  replyTo,
  onReplyDone,
}: {
  room: ChatRoom;
  replyTo: ChatMessage | null;
  onReplyDone: () => void;
}) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const files = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (replyTo) input.current?.focus();
  }, [replyTo]);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!text.trim()) return;
    if (text.length > 4000) {
      setProblem('Tin nhắn dài tối đa 4000 ký tự.');
      return;
    }
    room.send(text, replyTo);
    setText('');
    setProblem(null);
    onReplyDone();
    input.current?.focus();
  };

  const onKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  const onFiles = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = [...(event.target.files ?? [])];
    event.target.value = '';
    setProblem(null);
    let max = Number.POSITIVE_INFINITY;
    try {
      max = (await chatConfig()).maxFileBytes;
    } catch (err) {
      setProblem(messageOf(err));
      return;
    }
    for (const file of chosen) {
      if (file.size > max) {
        setProblem(`“${file.name}” quá lớn: tối đa ${fileSize(max)} mỗi tệp.`);
        continue;
      }
      room.sendFile(file, replyTo);
    }
    onReplyDone();
  };

  return (
    <form className="chat-compose" onSubmit={submit} aria-label="Soạn tin nhắn">
      {replyTo ? (
        <div className="chat-compose__reply">
          <Icon name="reply" size={16} />
          <span>
            Trả lời <strong>{replyTo.senderName}</strong>: {excerptOf(replyTo) || '[Tệp đính kèm]'}
          </span>
          <button
            type="button"
            className="chat-icon-button"
            aria-label="Bỏ trả lời"
            onClick={onReplyDone}
          >
            <Icon name="close" size={16} />
          </button>
        </div>
      ) : null}
      {problem ? <p className="alert alert--error">{problem}</p> : null}
      <div className="chat-compose__row">
        <button
          type="button"
          className="chat-icon-button chat-compose__attach"
          title="Gửi ảnh hoặc tệp"
          aria-label="Gửi ảnh hoặc tệp"
          onClick={() => files.current?.click()}
        >
          <Icon name="attach" size={20} />
        </button>
        <input
          ref={files}
          type="file"
          multiple
          hidden
          data-testid="attach-input"
          onChange={(e) => void onFiles(e)}
        />
        <textarea
          ref={input}
          rows={1}
          value={text}
          maxLength={4000}
          placeholder="Nhập tin nhắn… (Enter để gửi, Shift+Enter xuống dòng)"
          aria-label="Tin nhắn"
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value) room.typed();
          }}
          onKeyDown={onKey}
        />
        <button type="submit" className="primary" disabled={!text.trim()} aria-label="Gửi">
          <Icon name="send" /> Gửi
        </button>
      </div>
    </form>
  );
}

function DeleteConfirm({
  room,
  message,
  onDone,
}: {
  room: ChatRoom;
  message: ChatMessage;
  onDone: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await room.deleteMessage(message.id);
      onDone();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="chat-modal" role="presentation">
      <div
        className="chat-modal__box chat-modal__box--small"
        role="alertdialog"
        aria-label="Xoá tin nhắn"
      >
        <h2>Xoá tin nhắn với mọi người?</h2>
        <p className="chat-confirm__quote">{excerptOf(message) || '[Tệp đính kèm]'}</p>
        <p className="muted small">
          Tin nhắn và tệp đính kèm bị xoá hẳn khỏi máy chủ và biến mất khỏi máy của mọi thành viên.
          Không thể hoàn tác.
        </p>
        {error ? <p className="alert alert--error">{error}</p> : null}
        <div className="row">
          <button
            type="button"
            className="danger-button"
            disabled={busy}
            onClick={() => void remove()}
          >
            {busy ? 'Đang xoá…' : 'Xoá'}
          </button>
          <button type="button" onClick={onDone} disabled={busy}>
            Huỷ
          </button>
        </div>
      </div>
    </div>
  );
}
