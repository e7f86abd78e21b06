import { type FormEvent, useState } from 'react';
import { Link, useLocation, useParams } from 'wouter';
import { ApiError, api } from '../api';
import { ErrorBox, useAction, useLoad } from '../components/common';
import { formatDateTime } from '../format';
import { Panel, Tabs, Toast, useFeedback } from '../services/shared';
import { holds, useMe } from '../session';
import { explained } from './stations';
import '../services/services.css';

// Two-level interaction (tương tác 2 cấp): a commune's officers ask the provincial agencies,
// the agencies answer, and answered threads form a handbook every official can search.
// /tuong-tac lists (three tabs); /tuong-tac/:id is one thread.

type QaStatus = 'open' | 'answered' | 'closed';
interface AgencyRef {
  id: string;
  name: string;
}
interface ThreadSummary {
  id: string;
  topic: string;
  subject: string;
  status: QaStatus;
  inHandbook: boolean;
  askingAgency: AgencyRef;
  targetAgency: AgencyRef;
  askedByName: string;
  messageCount: number;
  answeredAt: string | null;
  lastMessageAt: string;
  createdAt: string;
}
interface Thread extends ThreadSummary {
  body: string;
  messages: {
    id: string;
    authorName: string;
    authorAgency: AgencyRef;
    isAnswer: boolean;
    body: string;
    createdAt: string;
  }[];
  can: { answer: boolean; followUp: boolean; close: boolean; toggleHandbook: boolean };
}
interface Page {
  items: ThreadSummary[];
  nextCursor: string | null;
}

const BASE = '/work/qa';

const qaApi = {
  agencies: () => api<{ agencies: AgencyRef[] }>('GET', `${BASE}/agencies`),
  threads: (query: Record<string, string | undefined>) =>
    api<Page>('GET', `${BASE}/threads`, { query }),
  handbook: (query: Record<string, string | undefined>) =>
    api<Page>('GET', `${BASE}/handbook`, { query }),
  topics: () =>
    api<{ topics: { topic: string; count: number }[] }>('GET', `${BASE}/handbook/topics`),
  thread: (id: string) => api<{ thread: Thread }>('GET', `${BASE}/threads/${id}`),
  ask: (body: {
    requestKey: string;
    targetAgencyId: string;
    topic: string;
    subject: string;
    body: string;
  }) => api<{ thread: Thread }>('POST', `${BASE}/threads`, { body }),
  reply: (id: string, body: { requestKey: string; body: string }) =>
    api<{ thread: Thread }>('POST', `${BASE}/threads/${id}/messages`, { body }),
  patch: (id: string, body: { status?: 'closed'; inHandbook?: boolean }) =>
    api<{ thread: Thread }>('PATCH', `${BASE}/threads/${id}`, { body }),
};

const STATUS: Record<QaStatus, { label: string; className: string }> = {
  open: { label: 'Chờ trả lời', className: 'badge badge--in_progress' },
  answered: { label: 'Đã trả lời', className: 'badge badge--resolved' },
  closed: { label: 'Đã đóng', className: 'badge badge--rejected' },
};

function QaStatusBadge({ status }: { status: QaStatus }) {
  const s = STATUS[status];
  return <span className={s.className}>{s.label}</span>;
}

/** Suggestions for the topic field; the handbook groups by what is typed. */
const TOPICS = [
  'Xây dựng',
  'Đất đai',
  'Môi trường',
  'Nông nghiệp',
  'Nội vụ',
  'Hộ tịch',
  'Thủ tục hành chính',
  'Tài chính',
];

type TabId = 'asked' | 'received' | 'handbook';

export default function QaPage() {
  const { id } = useParams<{ id?: string }>();
  return id ? <ThreadView id={id} /> : <ThreadLists />;
}

// ---- the lists ------------------------------------------------------------------------------

function ThreadLists() {
  const me = useMe();
  const mayAsk = holds(me, 'qa.ask');
  const mayAnswer = holds(me, 'qa.answer');
  const initial = new URLSearchParams(window.location.search).get('tab') as TabId | null;
  const [tab, setTab] = useState<TabId>(
    initial ?? (mayAsk ? 'asked' : mayAnswer ? 'received' : 'handbook'),
  );
  const choose = (next: TabId) => {
    setTab(next);
    window.history.replaceState(null, '', `/admin/tuong-tac?tab=${next}`);
  };
  return (
    <section className="page">
      <header className="page__header">
        <h1>Tương tác 2 cấp</h1>
        <p className="muted">
          Cán bộ xã, phường hỏi sở, ban, ngành tỉnh; câu trả lời được lưu vào sổ tay hỏi đáp để các
          xã khác tra cứu.
        </p>
      </header>
      <Tabs<TabId>
        label="Hộp câu hỏi"
        value={tab}
        onChange={choose}
        tabs={[
          { id: 'asked', label: 'Câu hỏi của xã' },
          { id: 'received', label: 'Câu hỏi gửi cơ quan' },
          { id: 'handbook', label: 'Sổ tay hỏi đáp' },
        ]}
      />
      {tab === 'asked' ? <AskedBox mayAsk={mayAsk} /> : null}
      {tab === 'received' ? <ReceivedBox mayAnswer={mayAnswer} /> : null}
      {tab === 'handbook' ? <Handbook /> : null}
    </section>
  );
}

/** Cursor paging: the stack of cursors of the pages seen, so "back" works too. */
function useCursorPages() {
  const [stack, setStack] = useState<string[]>([]);
  return {
    cursor: stack[stack.length - 1],
    page: stack.length + 1,
    next: (cursor: string) => setStack((s) => [...s, cursor]),
    back: () => setStack((s) => s.slice(0, -1)),
    reset: () => setStack([]),
  };
}

function SearchBox({
  onSearch,
  placeholder,
}: {
  onSearch: (q: string) => void;
  placeholder: string;
}) {
  const [text, setText] = useState('');
  return (
    <form
      className="row"
      aria-label="Tìm kiếm"
      onSubmit={(e) => {
        e.preventDefault();
        onSearch(text.trim());
      }}
    >
      <input
        type="search"
        name="q"
        aria-label="Tìm kiếm"
        placeholder={placeholder}
        maxLength={100}
        style={{ minWidth: '24rem' }}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit">Tìm</button>
    </form>
  );
}

function ThreadTable({
  data,
  loading,
  error,
  paging,
  empty,
  showAsker,
  showTarget,
}: {
  data: Page | undefined;
  loading: boolean;
  error: string | null;
  paging: ReturnType<typeof useCursorPages>;
  empty: string;
  showAsker: boolean;
  showTarget: boolean;
}) {
  const items = data?.items ?? [];
  return (
    <>
      <ErrorBox message={error} />
      <table className="table" aria-busy={loading}>
        <thead>
          <tr>
            <th>Câu hỏi</th>
            <th>Lĩnh vực</th>
            {showAsker ? <th>Xã hỏi</th> : null}
            {showTarget ? <th>Cơ quan được hỏi</th> : null}
            <th>Trạng thái</th>
            <th className="num">Trao đổi</th>
            <th>Cập nhật</th>
          </tr>
        </thead>
        <tbody>
          {items.map((t) => (
            <tr key={t.id} data-thread-id={t.id}>
              <td>
                <Link href={`/tuong-tac/${t.id}`}>{t.subject}</Link>
                <div className="muted small">{t.askedByName}</div>
              </td>
              <td>{t.topic}</td>
              {showAsker ? <td>{t.askingAgency.name}</td> : null}
              {showTarget ? <td>{t.targetAgency.name}</td> : null}
              <td>
                <QaStatusBadge status={t.status} />
              </td>
              <td className="num">{t.messageCount}</td>
              <td className="nowrap">{formatDateTime(t.answeredAt ?? t.lastMessageAt)}</td>
            </tr>
          ))}
          {!loading && !error && items.length === 0 ? (
            <tr>
              <td colSpan={7} className="empty">
                {empty}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {paging.page > 1 || data?.nextCursor ? (
        <div className="pager">
          <button type="button" disabled={paging.page <= 1} onClick={paging.back}>
            ‹ Trang trước
          </button>
          <span>Trang {paging.page}</span>
          <button
            type="button"
            disabled={!data?.nextCursor}
            onClick={() => data?.nextCursor && paging.next(data.nextCursor)}
          >
            Trang sau ›
          </button>
        </div>
      ) : null}
    </>
  );
}

const STATUS_FILTERS: readonly ['' | QaStatus, string][] = [
  ['', 'Tất cả'],
  ['open', 'Chờ trả lời'],
  ['answered', 'Đã trả lời'],
  ['closed', 'Đã đóng'],
];

function StatusFilter({
  value,
  onChange,
}: {
  value: string;
  onChange: (s: '' | QaStatus) => void;
}) {
  return (
    <div className="segmented">
      {STATUS_FILTERS.map(([s, label]) => (
        <button
          key={s || 'all'}
          type="button"
          className={value === s ? 'is-active' : undefined}
          onClick={() => onChange(s)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

function AskedBox({ mayAsk }: { mayAsk: boolean }) {
  const [status, setStatus] = useState<'' | QaStatus>('');
  const [q, setQ] = useState('');
  const paging = useCursorPages();
  const [asking, setAsking] = useState(false);
  const list = useLoad(
    () =>
      qaApi.threads({
        box: 'asked',
        status: status || undefined,
        q: q || undefined,
        cursor: paging.cursor,
      }),
    [status, q, paging.cursor],
  );
  return (
    <>
      <div className="filters row-between">
        <div className="row">
          <StatusFilter
            value={status}
            onChange={(s) => {
              setStatus(s);
              paging.reset();
            }}
          />
          <SearchBox
            placeholder="Tìm câu hỏi (có dấu hoặc không dấu)"
            onSearch={(text) => {
              setQ(text);
              paging.reset();
            }}
          />
        </div>
        {mayAsk ? (
          <button type="button" className="primary" onClick={() => setAsking(true)}>
            + Đặt câu hỏi
          </button>
        ) : null}
      </div>
      {!mayAsk ? (
        <p className="muted">
          Chỉ cán bộ UBND xã, phường đặt câu hỏi; đây là các câu hỏi cơ quan của bạn đã gửi.
        </p>
      ) : null}
      {asking ? <AskForm onCancel={() => setAsking(false)} /> : null}
      <ThreadTable
        data={list.data}
        loading={list.loading}
        error={list.error}
        paging={paging}
        empty="Xã chưa gửi câu hỏi nào."
        showAsker={false}
        showTarget
      />
    </>
  );
}

function AskForm({ onCancel }: { onCancel: () => void }) {
  const [, navigate] = useLocation();
  const agencies = useLoad(qaApi.agencies, []);
  const [target, setTarget] = useState('');
  const [topic, setTopic] = useState('');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  // One key per opened form: a second click after a lost answer finds the same question.
  const [requestKey] = useState(() => crypto.randomUUID());
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    let id: string | undefined;
    const ok = await action.run(async () => {
      const res = await explained(
        qaApi.ask({
          requestKey,
          targetAgencyId: target,
          topic: topic.trim(),
          subject: subject.trim(),
          body: body.trim(),
        }),
      );
      id = res.thread.id;
    });
    if (ok && id) navigate(`/tuong-tac/${id}`);
  };
  return (
    <form className="card form-grid" onSubmit={submit} aria-label="Đặt câu hỏi">
      <h2>Đặt câu hỏi cho cơ quan cấp tỉnh</h2>
      <label>
        Cơ quan được hỏi
        <select
          name="targetAgencyId"
          required
          value={target}
          onChange={(e) => setTarget(e.target.value)}
        >
          <option value="">— Chọn sở, ban, ngành —</option>
          {(agencies.data?.agencies ?? []).map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Lĩnh vực
        <input
          name="topic"
          required
          maxLength={60}
          list="qa-topics"
          placeholder="Xây dựng"
          value={topic}
          onChange={(e) => setTopic(e.target.value)}
        />
        <datalist id="qa-topics">
          {TOPICS.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      </label>
      <label className="svc-span">
        Tiêu đề
        <input
          name="subject"
          required
          maxLength={200}
          placeholder="Thủ tục cấp giấy phép xây dựng nhà ở nông thôn"
          value={subject}
          onChange={(e) => setSubject(e.target.value)}
        />
      </label>
      <label className="svc-span">
        Nội dung câu hỏi
        <textarea
          name="body"
          required
          rows={5}
          maxLength={5000}
          value={body}
          onChange={(e) => setBody(e.target.value)}
        />
      </label>
      <ErrorBox message={agencies.error ?? action.error} />
      <div className="row">
        <button type="submit" className="primary" disabled={action.busy}>
          Gửi câu hỏi
        </button>
        <button type="button" onClick={onCancel}>
          Huỷ
        </button>
      </div>
    </form>
  );
}

function ReceivedBox({ mayAnswer }: { mayAnswer: boolean }) {
  const [status, setStatus] = useState<'' | QaStatus>('');
  const [q, setQ] = useState('');
  const paging = useCursorPages();
  const list = useLoad(
    () =>
      qaApi.threads({
        box: 'received',
        status: status || undefined,
        q: q || undefined,
        cursor: paging.cursor,
      }),
    [status, q, paging.cursor],
  );
  return (
    <>
      <div className="filters row">
        <StatusFilter
          value={status}
          onChange={(s) => {
            setStatus(s);
            paging.reset();
          }}
        />
        <SearchBox
          placeholder="Tìm câu hỏi (có dấu hoặc không dấu)"
          onSearch={(text) => {
            setQ(text);
            paging.reset();
          }}
        />
      </div>
      {!mayAnswer ? (
        <p className="muted">Chỉ cán bộ xử lý và lãnh đạo của cơ quan được trả lời câu hỏi.</p>
      ) : null}
      <ThreadTable
        data={list.data}
        loading={list.loading}
        error={list.error}
        paging={paging}
        empty="Chưa có câu hỏi nào gửi đến cơ quan."
        showAsker
        showTarget={false}
      />
    </>
  );
}

function Handbook() {
  const [q, setQ] = useState('');
  const [topic, setTopic] = useState('');
  const paging = useCursorPages();
  const topics = useLoad(qaApi.topics, []);
  const list = useLoad(
    () => qaApi.handbook({ q: q || undefined, topic: topic || undefined, cursor: paging.cursor }),
    [q, topic, paging.cursor],
  );
  const pick = (t: string) => {
    setTopic(t);
    paging.reset();
  };
  return (
    <>
      <div className="filters">
        <SearchBox
          placeholder="Tìm trong sổ tay, ví dụ: cap giay phep xay dung"
          onSearch={(text) => {
            setQ(text);
            paging.reset();
          }}
        />
      </div>
      <div className="segmented">
        <button type="button" className={topic ? undefined : 'is-active'} onClick={() => pick('')}>
          Tất cả lĩnh vực
        </button>
        {(topics.data?.topics ?? []).map((t) => (
          <button
            key={t.topic}
            type="button"
            className={topic === t.topic ? 'is-active' : undefined}
            onClick={() => pick(t.topic)}
          >
            {t.topic} ({t.count})
          </button>
        ))}
      </div>
      <ErrorBox message={topics.error} />
      <ThreadTable
        data={list.data}
        loading={list.loading}
        error={list.error}
        paging={paging}
        empty={q ? `Không tìm thấy câu hỏi nào cho "${q}".` : 'Sổ tay hỏi đáp chưa có câu hỏi nào.'}
        showAsker
        showTarget
      />
    </>
  );
}

// ---- one thread ---------------------------------------------------------------------------

function ThreadView({ id }: { id: string }) {
  const thread = useLoad(() => qaApi.thread(id), [id]);
  const feedback = useFeedback();
  const [text, setText] = useState('');
  const [requestKey, setRequestKey] = useState(() => crypto.randomUUID());
  const t = thread.data?.thread;

  const notFound =
    thread.error && !t ? (
      <ErrorBox message="Không tìm thấy câu hỏi, hoặc bạn không có quyền xem câu hỏi này." />
    ) : null;

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!t) return;
    const ok = await feedback.run(
      async () => {
        const res = await explained(qaApi.reply(id, { requestKey, body: text.trim() }));
        thread.setData(res);
      },
      t.can.answer ? 'Đã gửi câu trả lời.' : 'Đã gửi câu hỏi thêm.',
    );
    if (ok) {
      setText('');
      setRequestKey(crypto.randomUUID());
    }
  };
  const patch = (body: { status?: 'closed'; inHandbook?: boolean }, success: string) =>
    feedback.run(async () => {
      try {
        thread.setData(await qaApi.patch(id, body));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) void thread.reload();
        throw error;
      }
    }, success);

  return (
    <section className="page">
      <p>
        <Link href="/tuong-tac">‹ Tương tác 2 cấp</Link>
      </p>
      {notFound}
      {thread.loading && !t ? <p className="muted">Đang tải…</p> : null}
      {t ? (
        <>
          <header className="page__header row-between">
            <div>
              <h1>{t.subject}</h1>
              <p className="muted">
                {t.askingAgency.name} hỏi {t.targetAgency.name} · Lĩnh vực: {t.topic} ·{' '}
                {formatDateTime(t.createdAt)}
              </p>
              <span className="badges">
                <QaStatusBadge status={t.status} />
                {t.answeredAt && t.status !== 'open' && t.inHandbook ? (
                  <span className="badge badge--received">Trong sổ tay</span>
                ) : null}
                {!t.inHandbook ? <span className="badge">Không đưa vào sổ tay</span> : null}
              </span>
            </div>
            <div className="row">
              {t.can.toggleHandbook ? (
                <label className="row">
                  <input
                    type="checkbox"
                    name="inHandbook"
                    checked={t.inHandbook}
                    disabled={feedback.busy}
                    onChange={(e) =>
                      void patch(
                        { inHandbook: e.target.checked },
                        e.target.checked
                          ? 'Câu hỏi sẽ có trong sổ tay hỏi đáp khi đã trả lời.'
                          : 'Đã bỏ câu hỏi khỏi sổ tay hỏi đáp.',
                      )
                    }
                  />
                  Đưa vào sổ tay hỏi đáp
                </label>
              ) : null}
              {t.can.close ? (
                <button
                  type="button"
                  disabled={feedback.busy}
                  onClick={() => {
                    if (
                      window.confirm('Đóng câu hỏi? Sau khi đóng không gửi thêm trao đổi được.')
                    ) {
                      void patch({ status: 'closed' }, 'Đã đóng câu hỏi.');
                    }
                  }}
                >
                  Đóng câu hỏi
                </button>
              ) : null}
            </div>
          </header>
          <Panel title={`Câu hỏi của ${t.askedByName}`}>
            <p style={{ whiteSpace: 'pre-wrap' }}>{t.body}</p>
          </Panel>
          {t.messages.map((m) => (
            <Panel
              key={m.id}
              label={m.isAnswer ? 'Câu trả lời' : 'Hỏi thêm'}
              title={`${m.isAnswer ? 'Trả lời' : 'Hỏi thêm'}: ${m.authorName} (${m.authorAgency.name})`}
              actions={<span className="muted small">{formatDateTime(m.createdAt)}</span>}
            >
              <p style={{ whiteSpace: 'pre-wrap' }} data-answer={m.isAnswer ? 'true' : undefined}>
                {m.body}
              </p>
            </Panel>
          ))}
          {t.messages.length === 0 ? (
            <p className="muted">Cơ quan chưa trả lời câu hỏi này.</p>
          ) : null}
          {t.can.answer || t.can.followUp ? (
            <form className="card form-grid" onSubmit={send} aria-label="Gửi trao đổi">
              <label className="svc-span">
                {t.can.answer ? 'Trả lời' : 'Hỏi thêm'}
                <textarea
                  name="reply"
                  required
                  rows={5}
                  maxLength={5000}
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                />
              </label>
              <div className="row">
                <button type="submit" className="primary" disabled={feedback.busy || !text.trim()}>
                  {t.can.answer ? 'Gửi câu trả lời' : 'Gửi câu hỏi thêm'}
                </button>
              </div>
            </form>
          ) : t.status === 'closed' ? (
            <p className="muted">Câu hỏi đã đóng.</p>
          ) : null}
        </>
      ) : null}
      <Toast feedback={feedback} />
    </section>
  );
}
