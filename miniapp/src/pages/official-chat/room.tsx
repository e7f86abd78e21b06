import '../field-reports/reports.css';
import './chat.css';
import {
  type ChangeEvent,
  type FormEvent,
  lazy,
  Suspense,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useRecoilValue } from 'recoil';
import { Button, useParams } from 'zmp-ui';
import type { Translate } from '../../i18n';
import { useT } from '../../i18n/use-t';
import { attachmentBlobUrl, chatClient, chatConfig } from '../../services/chat/client';
import { dateOf, dayOffset, duration, fileSize, timeOf } from '../../services/chat/format';
import { useMessageList } from '../../services/chat/message-list';
import {
  type ChatRoom,
  excerptOf,
  type MemberState,
  type OutboxItem,
  type RoomSnapshot,
  type Tick,
  tickOf,
} from '../../services/chat/room';
import type { ChatMessage, DirectoryEntry } from '../../services/chat/types';
import type { CallIntent } from '../../services/chat/use-call-session';
import { officialState } from '../../state/official';
import { LoadingBlock, Notice } from '../field-reports/components/states';
import { Icon } from './icons';
import {
  Avatar,
  CHAT_ROUTE,
  ChatFrame,
  DirectoryPicker,
  useAttachmentSrc,
  useChatRoom,
} from './parts';

// The call screen (WebRTC) is its own chunk: a phone that never calls never downloads it.
const CallScreen = lazy(() => import('./call-screen'));

/** One conversation: messages, composer, members, calls. */
export default function ChatRoomPage() {
  const t = useT();
  const { id = '' } = useParams();
  const { ready, link } = useRecoilValue(officialState);
  if (!ready || !link) {
    return (
      <ChatFrame title={t('chat.title')} parent={CHAT_ROUTE}>
        <main className="oc-main">
          {!ready ? <LoadingBlock /> : <Notice tone="warning">{t('chat.gate.lead')}</Notice>}
        </main>
      </ChatFrame>
    );
  }
  return <RoomScreen key={id} roomId={id} me={link.official.id} />;
}

function RoomScreen({ roomId, me }: { roomId: string; me: string }) {
  const t = useT();
  const opened = useChatRoom(roomId, me);
  if (!opened) {
    return (
      <ChatFrame title={t('chat.title')} parent={CHAT_ROUTE} fill>
        <LoadingBlock label={t('chat.room.opening')} />
      </ChatFrame>
    );
  }
  return <OpenRoom room={opened.room} snap={opened.snap} />;
}

function OpenRoom({ room, snap }: { room: ChatRoom; snap: RoomSnapshot }) {
  const t = useT();
  const [replyTo, setReplyTo] = useState<ChatMessage | null>(null);
  const [acting, setActing] = useState<ChatMessage | null>(null);
  const [showMembers, setShowMembers] = useState(false);
  const [call, setCall] = useState<CallIntent | null>(null);
  const [ignored, setIgnored] = useState<string | null>(null);

  const others = snap.members.filter((m) => m.id !== snap.me);
  const title = snap.detail?.title || others[0]?.name || t('chat.room.fallbackTitle');
  const subtitle =
    snap.detail?.kind === 'direct'
      ? others[0]?.online
        ? t('chat.room.online')
        : (others[0]?.agencyName ?? '')
      : t('chat.room.members', {
          count: snap.members.length,
          online: others.filter((m) => m.online).length + 1,
        });
  const open = snap.connection.kind === 'open';
  const removed = snap.connection.kind === 'closed' && snap.connection.reason === 'removed';
  const caller = snap.call ? snap.members.find((m) => m.id === snap.call?.by) : undefined;

  return (
    <ChatFrame
      title={title}
      subtitle={subtitle}
      parent={CHAT_ROUTE}
      fill
      actions={
        <>
          <button
            type="button"
            className="oc-action"
            aria-label={t('chat.room.callAudio')}
            disabled={!open || call !== null || snap.call !== null}
            onClick={() => setCall({ kind: 'start', media: 'audio' })}
          >
            <Icon name="phone" />
          </button>
          <button
            type="button"
            className="oc-action"
            aria-label={t('chat.room.callVideo')}
            disabled={!open || call !== null || snap.call !== null}
            onClick={() => setCall({ kind: 'start', media: 'video' })}
          >
            <Icon name="video" />
          </button>
          <button
            type="button"
            className="oc-action"
            aria-label={t('chat.room.membersButton')}
            onClick={() => setShowMembers(true)}
          >
            <Icon name="people" />
            <span className="oc-action__count">{snap.members.length}</span>
          </button>
        </>
      }
    >
      <ConnectionBanner room={room} snap={snap} />
      {snap.call && !call && snap.call.callId !== ignored && !removed ? (
        <div className="oc-callbar" role="status" data-testid="incoming-call">
          <Icon name={snap.call.media === 'video' ? 'video' : 'phone'} />
          <span className="oc-callbar__text">
            {t(
              snap.call.media === 'video' ? 'chat.call.incomingVideo' : 'chat.call.incomingAudio',
              {
                name: caller?.name ?? t('chat.call.someone'),
              },
            )}
          </span>
          <Button
            size="small"
            disabled={!open}
            onClick={() => {
              const current = snap.call;
              if (current) setCall({ kind: 'join', callId: current.callId, media: current.media });
            }}
          >
            {t('chat.call.join')}
          </Button>
          <Button
            size="small"
            variant="tertiary"
            onClick={() => setIgnored(snap.call?.callId ?? null)}
          >
            {t('chat.call.ignore')}
          </Button>
        </div>
      ) : null}
      {snap.lastCallSeconds !== null && !call ? (
        <button
          type="button"
          className="oc-callbar oc-callbar--ended"
          onClick={() => room.dismissCallSummary()}
        >
          {t('chat.call.ended', { duration: duration(snap.lastCallSeconds) })}
        </button>
      ) : null}

      <MessageList room={room} snap={snap} onAct={setActing} />

      {snap.typing.length > 0 ? (
        <p className="oc-typing" aria-live="polite">
          {t('chat.typing', { names: snap.typing.map((x) => x.name).join(', ') })}
        </p>
      ) : null}
      {snap.notice ? <p className="oc-notice">{snap.notice}</p> : null}
      {removed ? (
        <p className="oc-closed">{t('chat.room.removed')}</p>
      ) : (
        <Composer room={room} replyTo={replyTo} onReplyDone={() => setReplyTo(null)} />
      )}

      {acting ? (
        <MessageSheet
          room={room}
          message={acting}
          mine={acting.senderId === snap.me}
          onReply={() => {
            setReplyTo(acting);
            setActing(null);
          }}
          onClose={() => setActing(null)}
        />
      ) : null}
      {showMembers ? <MembersSheet snap={snap} onClose={() => setShowMembers(false)} /> : null}
      {call ? (
        <Suspense
          fallback={<div className="oc-call oc-call--loading">{t('chat.call.opening')}</div>}
        >
          <CallScreen room={room} snap={snap} intent={call} onClose={() => setCall(null)} />
        </Suspense>
      ) : null}
    </ChatFrame>
  );
}

/** "Đang kết nối lại…" while the socket is down, with the next attempt's countdown. */
function ConnectionBanner({ room, snap }: { room: ChatRoom; snap: RoomSnapshot }) {
  const t = useT();
  const state = snap.connection;
  const [now, setNow] = useState(Date.now());
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (state.kind === 'open') {
      setShown(false);
      return;
    }
    const delay = setTimeout(() => setShown(true), 700);
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      clearTimeout(delay);
      clearInterval(tick);
    };
  }, [state.kind]);
  if (state.kind === 'open') return null;
  if (state.kind === 'closed') {
    if (state.reason === 'stopped' || state.reason === 'removed') return null;
    return (
      <p className="oc-banner oc-banner--closed" role="alert">
        {state.message ?? t('chat.banner.closed')}
      </p>
    );
  }
  if (!shown) return null;
  const seconds =
    state.kind === 'waiting' ? Math.max(0, Math.ceil((state.retryAt - now) / 1000)) : null;
  return (
    <div
      className="oc-banner"
      role="status"
      data-testid="connection-banner"
      data-state={state.kind}
    >
      <span className="oc-banner__spinner" aria-hidden="true" />
      <span className="oc-banner__text">
        <strong>{t('chat.banner.reconnecting')}</strong>{' '}
        {state.kind === 'offline'
          ? t('chat.banner.offline')
          : seconds !== null
            ? t('chat.banner.retryIn', { seconds })
            : t('chat.banner.trying')}
      </span>
      {state.kind === 'waiting' ? (
        <button type="button" className="oc-link" onClick={() => room.retryNow()}>
          {t('chat.banner.retryNow')}
        </button>
      ) : null}
    </div>
  );
}

function dayLabel(t: Translate, iso: string): string {
  const offset = dayOffset(iso);
  if (offset === 0) return t('chat.day.today');
  if (offset === 1) return t('chat.day.yesterday');
  return dateOf(iso);
}

function MessageList({
  room,
  snap,
  onAct,
}: {
  room: ChatRoom;
  snap: RoomSnapshot;
  onAct: (m: ChatMessage) => void;
}) {
  const t = useT();
  const { list, onScroll, older, settle, items } = useMessageList(room, snap);
  const group = snap.detail?.kind !== 'direct';

  return (
    <div className="oc-messages" ref={list} onScroll={onScroll} data-testid="messages">
      {snap.loading ? <LoadingBlock label={t('chat.room.loading')} /> : null}
      {snap.error && snap.messages.length === 0 ? (
        <div className="rp-notice rp-notice--error">
          {snap.error}{' '}
          <button type="button" className="oc-link" onClick={() => room.reload()}>
            {t('chat.retry')}
          </button>
        </div>
      ) : null}
      {snap.hasOlder ? (
        <button type="button" className="oc-older" disabled={snap.loadingOlder} onClick={older}>
          {snap.loadingOlder ? t('chat.room.loadingOlder') : t('chat.room.older')}
        </button>
      ) : !snap.loading && snap.messages.length > 0 ? (
        <p className="oc-start">{t('chat.room.start')}</p>
      ) : null}
      {!snap.loading && snap.messages.length === 0 && snap.outbox.length === 0 ? (
        <p className="oc-empty">{t('chat.room.empty')}</p>
      ) : null}
      {items.map(({ day, message, run }) => (
        <div key={message.id}>
          {day ? (
            <p className="oc-day">
              <span>{dayLabel(t, day)}</span>
            </p>
          ) : null}
          <Message
            message={message}
            mine={message.senderId === snap.me}
            showName={group && !run && message.senderId !== snap.me}
            tick={message.senderId === snap.me ? tickOf(message, snap) : null}
            onAct={() => onAct(message)}
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
  onAct,
  onLoad,
}: {
  message: ChatMessage;
  mine: boolean;
  showName: boolean;
  tick: Tick | null;
  onAct: () => void;
  onLoad: () => void;
}) {
  const t = useT();
  const tickLabel: Record<Tick, string> = {
    sent: t('chat.tick.sent'),
    delivered: t('chat.tick.delivered'),
    read: t('chat.tick.read'),
  };
  return (
    <div
      className={mine ? 'oc-msg oc-msg--mine' : 'oc-msg'}
      data-id={message.id}
      data-seq={message.seq}
      data-kind={message.kind}
    >
      <div className="oc-msg__bubble">
        {showName ? <span className="oc-msg__name">{message.senderName}</span> : null}
        {message.replyTo?.excerpt != null ? (
          <span className="oc-msg__quote">
            <strong>{message.replyTo.senderName}</strong>
            <span>{message.replyTo.excerpt || t('chat.msg.attachment')}</span>
          </span>
        ) : null}
        <Content message={message} onLoad={onLoad} />
        <span className="oc-msg__meta">
          <time dateTime={message.createdAt}>{timeOf(message.createdAt)}</time>
          {tick ? (
            <span className={`oc-ticks oc-ticks--${tick}`} data-tick={tick} title={tickLabel[tick]}>
              {tick === 'sent' ? '✓' : '✓✓'}
            </span>
          ) : null}
        </span>
      </div>
      <button
        type="button"
        className="oc-msg__more"
        onClick={onAct}
        aria-label={t('chat.msg.actions')}
      >
        ⋯
      </button>
    </div>
  );
}

function Content({ message, onLoad }: { message: ChatMessage; onLoad: () => void }) {
  const a = message.attachment;
  const src = useAttachmentSrc(message.kind === 'image' && a ? a.url : null);
  if (message.kind === 'image' && a) {
    return (
      <span className="oc-msg__image">
        {src ? (
          <img src={src} alt={a.name} onLoad={onLoad} />
        ) : (
          <span className="oc-msg__placeholder" />
        )}
      </span>
    );
  }
  if (message.kind === 'file' && a) {
    return <FileLink url={a.url} name={a.name} bytes={a.bytes} />;
  }
  return <span className="oc-msg__text">{message.text}</span>;
}

/** A file of the chat: fetched with the official's token when tapped, then opened. */
function FileLink({ url, name, bytes }: { url: string; name: string; bytes: number }) {
  const [busy, setBusy] = useState(false);
  const open = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const href = await attachmentBlobUrl(url);
      const a = document.createElement('a');
      a.href = href;
      a.download = name;
      a.click();
    } catch {
      // The next tap tries again.
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="oc-msg__file" onClick={() => void open()}>
      <Icon name="file" size={30} />
      <span>
        <strong>{name}</strong>
        <span className="oc-msg__size">{busy ? '…' : fileSize(bytes)}</span>
      </span>
    </button>
  );
}

function Pending({ room, item, onLoad }: { room: ChatRoom; item: OutboxItem; onLoad: () => void }) {
  const t = useT();
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
      ? t('chat.pending.uploading', { percent })
      : item.status === 'failed'
        ? (item.error ?? t('chat.pending.failed'))
        : item.status === 'sending'
          ? t('chat.pending.sending')
          : t('chat.pending.queued');
  return (
    <div
      className={`oc-msg oc-msg--mine oc-msg--pending oc-msg--${item.status}`}
      data-client-id={item.clientId}
      data-status={item.status}
    >
      <div className="oc-msg__bubble">
        {item.replyTo?.excerpt != null ? (
          <span className="oc-msg__quote">
            <strong>{item.replyTo.senderName}</strong>
            <span>{item.replyTo.excerpt}</span>
          </span>
        ) : null}
        {preview ? (
          <span className="oc-msg__image">
            <img src={preview} alt={item.fileName ?? ''} onLoad={onLoad} />
          </span>
        ) : item.kind === 'file' ? (
          <span className="oc-msg__file">
            <Icon name="file" size={30} />
            <span>
              <strong>{item.fileName}</strong>
              <span className="oc-msg__size">{fileSize(item.file?.size ?? 0)}</span>
            </span>
          </span>
        ) : (
          <span className="oc-msg__text">{item.text}</span>
        )}
        {item.status === 'uploading' ? (
          <span className="rp-progress">
            <span
              className="rp-progress__track"
              role="progressbar"
              aria-label={t('chat.pending.progress')}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
            >
              <span className="rp-progress__fill" style={{ width: `${percent}%` }} />
            </span>
            <span className="rp-progress__value">{percent}%</span>
          </span>
        ) : null}
        <span className="oc-msg__meta">
          <span className="oc-msg__status">{status}</span>
        </span>
        {item.status === 'failed' ? (
          <span className="oc-msg__retry">
            <button type="button" className="oc-link" onClick={() => room.retry(item.clientId)}>
              {t('chat.pending.retry')}
            </button>
            <button type="button" className="oc-link" onClick={() => room.discard(item.clientId)}>
              {t('chat.pending.discard')}
            </button>
          </span>
        ) : null}
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
  const t = useT();
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
      setProblem(t('chat.compose.tooLong'));
      return;
    }
    room.send(text, replyTo);
    setText('');
    setProblem(null);
    onReplyDone();
  };

  const onFiles = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = [...(event.target.files ?? [])];
    event.target.value = '';
    setProblem(null);
    let max = Number.POSITIVE_INFINITY;
    try {
      max = (await chatConfig()).maxFileBytes;
    } catch (err) {
      setProblem((err as { message?: string }).message ?? String(err));
      return;
    }
    for (const file of chosen) {
      if (file.size > max) {
        setProblem(t('chat.compose.tooBig', { name: file.name, max: fileSize(max) }));
        continue;
      }
      room.sendFile(file, replyTo);
    }
    onReplyDone();
  };

  return (
    <form className="oc-compose" onSubmit={submit}>
      {replyTo ? (
        <div className="oc-compose__reply">
          <Icon name="reply" size={18} />
          <span className="oc-compose__reply-text">
            <strong>{t('chat.compose.replyTo', { name: replyTo.senderName })}</strong>
            <br />
            {excerptOf(replyTo) || t('chat.msg.attachment')}
          </span>
          <button
            type="button"
            className="oc-round"
            aria-label={t('chat.compose.cancelReply')}
            onClick={onReplyDone}
          >
            <Icon name="close" size={18} />
          </button>
        </div>
      ) : null}
      {problem ? <p className="rp-notice rp-notice--error">{problem}</p> : null}
      <div className="oc-compose__row">
        <button
          type="button"
          className="oc-round"
          aria-label={t('chat.compose.attach')}
          onClick={() => files.current?.click()}
        >
          <Icon name="attach" />
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
          placeholder={t('chat.compose.placeholder')}
          aria-label={t('chat.compose.label')}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value) room.typed();
          }}
        />
        <button
          type="submit"
          className="oc-round oc-round--send"
          aria-label={t('chat.compose.send')}
          disabled={!text.trim()}
        >
          <Icon name="send" />
        </button>
      </div>
    </form>
  );
}

/** Tap on a message: reply, or (one's own) delete for everyone after a confirmation. */
function MessageSheet({
  room,
  message,
  mine,
  onReply,
  onClose,
}: {
  room: ChatRoom;
  message: ChatMessage;
  mine: boolean;
  onReply: () => void;
  onClose: () => void;
}) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await room.deleteMessage(message.id);
      onClose();
    } catch (err) {
      setError((err as { message?: string }).message ?? String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="oc-sheet" role="presentation">
      <button
        type="button"
        className="oc-sheet__backdrop"
        aria-label={t('chat.close')}
        onClick={onClose}
      />
      <div className="oc-sheet__box" role="dialog" aria-label={t('chat.msg.actions')}>
        <p className="oc-sheet__quote">{excerptOf(message) || t('chat.msg.attachment')}</p>
        {confirming ? (
          <>
            <h2 className="oc-sheet__title">{t('chat.delete.title')}</h2>
            <p className="oc-hint">{t('chat.delete.body')}</p>
            {error ? <Notice tone="error">{error}</Notice> : null}
            <Button
              fullWidth
              type="danger"
              loading={busy}
              disabled={busy}
              onClick={() => void remove()}
            >
              {busy ? t('chat.delete.busy') : t('chat.delete.confirm')}
            </Button>
            <Button fullWidth variant="secondary" disabled={busy} onClick={onClose}>
              {t('chat.cancel')}
            </Button>
          </>
        ) : (
          <>
            <Button
              fullWidth
              variant="secondary"
              prefixIcon={<Icon name="reply" />}
              onClick={onReply}
            >
              {t('chat.msg.reply')}
            </Button>
            {mine ? (
              <Button
                fullWidth
                variant="secondary"
                type="danger"
                prefixIcon={<Icon name="trash" />}
                onClick={() => setConfirming(true)}
              >
                {t('chat.msg.delete')}
              </Button>
            ) : null}
            <Button fullWidth variant="tertiary" onClick={onClose}>
              {t('chat.cancel')}
            </Button>
          </>
        )}
      </div>
    </div>
  );
}

function MembersSheet({ snap, onClose }: { snap: RoomSnapshot; onClose: () => void }) {
  const t = useT();
  const [adding, setAdding] = useState(false);
  const [confirm, setConfirm] = useState<MemberState | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const kind = snap.detail?.kind;
  const mine = snap.members.find((m) => m.id === snap.me);
  const owner = (snap.detail?.myRole ?? mine?.role) === 'owner';
  const editable = kind === 'group' || kind === 'agency';

  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      setConfirm(null);
    } catch (err) {
      setError((err as { message?: string }).message ?? String(err));
    } finally {
      setBusy(false);
    }
  };
  const add = (official: DirectoryEntry) =>
    void act(() => chatClient.addMembers(snap.roomId, [official.id]));

  return (
    <div className="oc-sheet" role="presentation">
      <button
        type="button"
        className="oc-sheet__backdrop"
        aria-label={t('chat.close')}
        onClick={onClose}
      />
      <div
        className="oc-sheet__box oc-sheet__box--tall"
        role="dialog"
        aria-label={t('chat.room.membersButton')}
      >
        <div className="oc-sheet__head">
          <h2 className="oc-sheet__title">
            {t('chat.members.title', { count: snap.members.length })}
          </h2>
          <button type="button" className="oc-round" aria-label={t('chat.close')} onClick={onClose}>
            <Icon name="close" />
          </button>
        </div>
        {error ? <Notice tone="error">{error}</Notice> : null}
        {confirm ? (
          <div className="oc-confirm">
            <p>
              {confirm.id === snap.me
                ? t('chat.members.confirmLeave')
                : t('chat.members.confirmRemove', { name: confirm.name })}
            </p>
            <Button
              fullWidth
              type="danger"
              loading={busy}
              onClick={() => void act(() => chatClient.removeMember(snap.roomId, confirm.id))}
            >
              {confirm.id === snap.me ? t('chat.members.leave') : t('chat.members.remove')}
            </Button>
            <Button fullWidth variant="secondary" onClick={() => setConfirm(null)}>
              {t('chat.cancel')}
            </Button>
          </div>
        ) : null}
        {owner && editable ? (
          adding ? (
            <>
              <DirectoryPicker onPick={add} exclude={snap.members.map((m) => m.id)} />
              <Button fullWidth variant="secondary" onClick={() => setAdding(false)}>
                {t('chat.members.done')}
              </Button>
            </>
          ) : (
            <Button fullWidth prefixIcon={<Icon name="plus" />} onClick={() => setAdding(true)}>
              {t('chat.members.add')}
            </Button>
          )
        ) : null}
        <ul className="oc-people">
          {snap.members.map((m) => (
            <li key={m.id} className="oc-member" data-member-id={m.id}>
              <Avatar id={m.id} name={m.name} online={m.online} size={40} />
              <span className="oc-person__text">
                <strong>
                  {m.id === snap.me ? t('chat.members.you', { name: m.name }) : m.name}
                </strong>
                <span>
                  {[
                    m.agencyName,
                    m.role === 'owner' ? t('chat.members.owner') : null,
                    m.online ? t('chat.members.online') : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </span>
              {editable && owner && m.id !== snap.me ? (
                <button type="button" className="oc-link" onClick={() => setConfirm(m)}>
                  {t('chat.members.remove')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
        {kind === 'group' && mine ? (
          <Button fullWidth variant="tertiary" type="danger" onClick={() => setConfirm(mine)}>
            {t('chat.members.leave')}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
