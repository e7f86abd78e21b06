import { type FormEvent, lazy, type ReactNode, Suspense, useMemo, useState } from 'react';
import { Link, useParams } from 'wouter';
import { api, mediaUrl } from '../api';
import { assignableAgencies, type Catalog, loadCatalog } from '../catalog';
import { ErrorBox, Notice, StatusBadge, useAction, useLoad } from '../components/common';
import { DuplicateCandidates } from '../components/duplicate-candidates';
import { IntakeSuggestion } from '../components/intake-suggestion';
import {
  EVENT_LABELS,
  formatDateTime,
  formatPhone,
  localInputToIso,
  STATUS_LABELS,
} from '../format';
import type { AuditEntry, MediaItem, ReportDetail, ReportExtension, TimelineEvent } from '../types';
import { deviceId, uploadPhoto } from '../upload';

const PinMap = lazy(() => import('../components/pin-map'));

const ACTION_LABELS: Record<string, string> = {
  intake: 'Kiểm tra phản ánh',
  assign: 'Chuyển xử lý',
  accept: 'Tiếp nhận',
  return: 'Trả lại IOC',
  start: 'Bắt đầu xử lý',
  update: 'Cập nhật tiến độ',
  note: 'Ghi chú nội bộ',
  request_extension: 'Đề nghị gia hạn',
  decide_extension: 'Xem xét gia hạn',
  resolve: 'Báo cáo kết quả',
  // Audit entries only (merging is on the duplicates panel, not in allowedActions).
  merge: 'Gộp phản ánh trùng',
};

const INTAKE_DECISIONS: { value: string; label: string; reason: string }[] = [
  { value: 'valid', label: 'Hợp lệ: chuyển xử lý', reason: '' },
  {
    value: 'spam',
    label: 'Không hợp lệ (rác, quấy rối)',
    reason: 'Phản ánh không đúng sự thật hoặc không có nội dung cần xử lý.',
  },
  {
    value: 'duplicate',
    label: 'Trùng phản ánh khác',
    reason: 'Vấn đề này đã được phản ánh trước đó và đang được xử lý.',
  },
  {
    value: 'out_of_scope',
    label: 'Không thuộc thẩm quyền',
    reason: 'Nội dung không thuộc phạm vi giải quyết của chính quyền tỉnh qua kênh này.',
  },
];

const newKey = () => crypto.randomUUID();

function MediaGrid({ items, title }: { items: MediaItem[]; title: string }) {
  if (items.length === 0) return null;
  return (
    <div className="block">
      <h3>{title}</h3>
      <div className="photos">
        {items.map((m) =>
          m.kind === 'video' ? (
            // biome-ignore lint/a11y/useMediaCaption: citizens' videos have no captions.
            <video key={m.id} src={m.url ?? mediaUrl(m.id)} controls preload="metadata" />
          ) : (
            <a key={m.id} href={m.url ?? mediaUrl(m.id)} target="_blank" rel="noreferrer">
              <img src={m.url ?? mediaUrl(m.id)} alt="Ảnh phản ánh" loading="lazy" />
            </a>
          ),
        )}
      </div>
    </div>
  );
}

function Timeline({ events }: { events: TimelineEvent[] }) {
  return (
    <ol className="timeline">
      {events.map((e) => {
        const actor = e.actor.kind === 'citizen' ? 'Người phản ánh' : e.actor.name;
        return (
          <li key={e.id} className={e.isPublic ? '' : 'is-internal'}>
            <div className="timeline__head">
              <strong>{e.label.vi || EVENT_LABELS[e.type] || e.type}</strong>
              {e.toStatus && e.toStatus !== e.fromStatus ? (
                <span className="muted"> → {STATUS_LABELS[e.toStatus] ?? e.toStatus}</span>
              ) : null}
              {!e.isPublic ? <span className="tag">Nội bộ</span> : null}
              <span className="muted small timeline__time">{formatDateTime(e.at)}</span>
            </div>
            {actor ? (
              <div className="muted small">
                {actor}
                {e.agency ? ` · ${e.agency.name}` : ''}
              </div>
            ) : null}
            {e.publicMessage ? <p className="timeline__text">{e.publicMessage}</p> : null}
            {e.note ? <p className="timeline__note">{e.note}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}

/** "assigned @ so_xay_dung" (the audit log's state text) in words. */
function stateText(value: string | null, catalog: Catalog | undefined): string {
  if (!value) return '—';
  const [status = '', agencyId] = value.split(' @ ');
  const agency = agencyId
    ? (catalog?.agencies.find((a) => a.id === agencyId)?.name ?? agencyId)
    : null;
  const label = STATUS_LABELS[status] ?? status;
  return agency ? `${label} · ${agency}` : label;
}

function AuditTable({ entries, catalog }: { entries: AuditEntry[]; catalog: Catalog | undefined }) {
  if (entries.length === 0) return <p className="muted">Chưa có thay đổi nào.</p>;
  return (
    <table className="table table--compact">
      <thead>
        <tr>
          <th>Thời điểm</th>
          <th>Người thực hiện</th>
          <th>Thao tác</th>
          <th>Từ</th>
          <th>Thành</th>
          <th>Ghi chú</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((a) => (
          <tr key={a.id}>
            <td className="nowrap">{formatDateTime(a.at)}</td>
            <td>{a.actorName ?? (a.actorKind === 'system' ? 'Hệ thống' : (a.actorId ?? '—'))}</td>
            <td>{ACTION_LABELS[a.action.replace(/^report\./, '')] ?? a.action}</td>
            <td>{stateText(a.fromValue, catalog)}</td>
            <td>{stateText(a.toValue, catalog)}</td>
            <td>{a.note ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One action's form, folded behind its button. */
function ActionCard({
  name,
  open,
  onOpen,
  children,
}: {
  name: string;
  open: boolean;
  onOpen: () => void;
  children: ReactNode;
}) {
  return (
    <div className={open ? 'action is-open' : 'action'} data-action={name}>
      <button type="button" className="action__toggle" aria-expanded={open} onClick={onOpen}>
        {ACTION_LABELS[name] ?? name}
      </button>
      {open ? <div className="action__body">{children}</div> : null}
    </div>
  );
}

interface ActionsProps {
  detail: ReportDetail;
  catalog: Catalog | undefined;
  done: (message: string) => Promise<void>;
}

function Actions({ detail, catalog, done }: ActionsProps) {
  const code = detail.report.code;
  const allowed = detail.allowedActions;
  const [open, setOpen] = useState<string | null>(null);
  const action = useAction();
  const agencies = useMemo(() => assignableAgencies(catalog?.agencies ?? []), [catalog]);
  const suggested = detail.report.suggestedCategory?.id ?? '';

  // Form fields (one set; only one form is open at a time).
  const [decision, setDecision] = useState('valid');
  const [reason, setReason] = useState('');
  const [duplicateOf, setDuplicateOf] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const [agencyId, setAgencyId] = useState('');
  const [text, setText] = useState('');
  const [dueAt, setDueAt] = useState('');
  const [clientKey, setClientKey] = useState(newKey);
  const [files, setFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState<string | null>(null);

  const toggle = (name: string) => {
    setOpen((current) => (current === name ? null : name));
    action.setError(null);
    setText('');
    setReason(name === 'intake' ? '' : '');
    setAgencyId('');
    setCategoryId(name === 'intake' && suggested !== detail.report.category?.id ? suggested : '');
  };

  const post = (path: string, body?: unknown) =>
    api('POST', `/work/reports/${code}${path}`, body === undefined ? {} : { body });

  const submit = async (event: FormEvent, name: string) => {
    event.preventDefault();
    let message = '';
    const ok = await action.run(async () => {
      switch (name) {
        case 'intake': {
          const answer = await post('/intake', {
            decision,
            publicReason: reason.trim() || undefined,
            ...(decision === 'duplicate' ? { duplicateOf: duplicateOf.trim().toUpperCase() } : {}),
            ...(categoryId ? { categoryId } : {}),
            ...(decision === 'valid' && agencyId ? { agencyId } : {}),
          });
          const to = (answer as { assignedTo?: { name: string } | null } | undefined)?.assignedTo;
          message = to ? `Đã xác nhận và chuyển đến ${to.name}.` : 'Đã lưu kết quả kiểm tra.';
          break;
        }
        case 'assign': {
          const answer = await api<{
            assigned: { agency: { name: string } }[];
            skipped: { error: { message: string } }[];
          }>('POST', '/work/reports/assign', {
            body: {
              codes: [code],
              ...(agencyId ? { agencyId } : {}),
              ...(text.trim() ? { note: text.trim() } : {}),
            },
          });
          const skipped = answer.skipped[0];
          if (skipped) throw new Error(skipped.error.message);
          message = `Đã chuyển đến ${answer.assigned[0]?.agency.name ?? 'cơ quan xử lý'}.`;
          break;
        }
        case 'accept':
          await post('/accept');
          message = 'Cơ quan đã tiếp nhận phản ánh.';
          break;
        case 'return':
          await post('/return', { reason: text.trim() });
          message = 'Đã trả lại IOC.';
          break;
        case 'start':
          await post('/start', text.trim() ? { message: text.trim() } : {});
          message = 'Đã chuyển sang đang xử lý.';
          break;
        case 'update':
          await post('/updates', { message: text.trim(), clientKey });
          message = 'Đã đăng cập nhật cho người dân.';
          break;
        case 'note':
          await post('/notes', { note: text.trim(), clientKey });
          message = 'Đã thêm ghi chú nội bộ.';
          break;
        case 'request_extension':
          await post('/extension-requests', {
            reason: text.trim(),
            requestedDueAt: localInputToIso(dueAt),
          });
          message = 'Đã gửi đề nghị gia hạn đến IOC.';
          break;
        case 'resolve': {
          const mediaIds: string[] = [];
          for (const [index, file] of files.entries()) {
            setProgress(`Đang tải ảnh ${index + 1}/${files.length}…`);
            mediaIds.push(
              await uploadPhoto(file, (sent, total) =>
                setProgress(
                  `Đang tải ảnh ${index + 1}/${files.length}: ${Math.round((sent / Math.max(total, 1)) * 100)} %`,
                ),
              ),
            );
          }
          setProgress(null);
          await post('/resolve', {
            answer: text.trim(),
            mediaIds,
            ...(mediaIds.length > 0 ? { deviceId: deviceId() } : {}),
          });
          message = 'Đã báo cáo kết quả xử lý. Người dân sẽ được thông báo.';
          break;
        }
      }
    });
    setProgress(null);
    if (ok) {
      setOpen(null);
      setText('');
      setFiles([]);
      setClientKey(newKey());
      await done(message);
    }
  };

  const decide = async (request: ReportExtension, approve: boolean) => {
    const ok = await action.run(() =>
      api('POST', `/work/extension-requests/${request.id}/decision`, {
        body: { approve, ...(text.trim() ? { note: text.trim() } : {}) },
      }),
    );
    if (ok) {
      setOpen(null);
      setText('');
      await done(approve ? 'Đã đồng ý gia hạn.' : 'Đã từ chối gia hạn.');
    }
  };

  const visible = allowed.filter((name) => name in ACTION_LABELS);
  if (visible.length === 0) {
    return <p className="muted">Không có thao tác nào bạn có thể thực hiện ở trạng thái này.</p>;
  }
  const pending = detail.extensionRequests?.find((x) => x.status === 'pending');
  const textArea = (label: string, required: boolean, name = 'text') => (
    <label>
      {label}
      <textarea
        name={name}
        rows={3}
        required={required}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </label>
  );
  const agencyField = () => (
    <label>
      Cơ quan xử lý
      <select name="agencyId" value={agencyId} onChange={(e) => setAgencyId(e.target.value)}>
        <option value="">Mặc định theo lĩnh vực / xã, phường</option>
        {agencies.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
    </label>
  );
  const submitButton = (label: string) => (
    <button type="submit" className="primary" disabled={action.busy}>
      {action.busy ? 'Đang gửi…' : label}
    </button>
  );

  return (
    <div className="actions">
      {visible.map((name) => (
        <ActionCard key={name} name={name} open={open === name} onOpen={() => toggle(name)}>
          <form onSubmit={(e) => void submit(e, name)}>
            {name === 'intake' ? (
              <>
                <fieldset className="radios">
                  <legend>Kết quả kiểm tra</legend>
                  {INTAKE_DECISIONS.map((d) => (
                    <label key={d.value} className="check">
                      <input
                        type="radio"
                        name="decision"
                        value={d.value}
                        checked={decision === d.value}
                        onChange={() => {
                          setDecision(d.value);
                          setReason(d.reason);
                        }}
                      />
                      {d.label}
                    </label>
                  ))}
                </fieldset>
                {decision === 'duplicate' ? (
                  <label>
                    Mã phản ánh gốc
                    <input
                      name="duplicateOf"
                      placeholder="PA-XXXXXX"
                      required
                      value={duplicateOf}
                      onChange={(e) => setDuplicateOf(e.target.value)}
                    />
                  </label>
                ) : null}
                <label>
                  Lĩnh vực {suggested ? '(đã điền lĩnh vực gợi ý)' : ''}
                  <select
                    name="categoryId"
                    value={categoryId}
                    onChange={(e) => setCategoryId(e.target.value)}
                  >
                    <option value="">Giữ nguyên: {detail.report.category?.name}</option>
                    {catalog?.categories.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
                  </select>
                </label>
                {decision === 'valid' ? agencyField() : null}
                <label>
                  Lý do (người dân sẽ thấy)
                  <textarea
                    name="publicReason"
                    rows={3}
                    required={decision !== 'valid'}
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                  />
                </label>
                {submitButton('Lưu kết quả kiểm tra')}
              </>
            ) : null}
            {name === 'assign' ? (
              <>
                {agencyField()}
                {textArea('Ghi chú cho cơ quan (không bắt buộc)', false)}
                {submitButton('Chuyển xử lý')}
              </>
            ) : null}
            {name === 'accept' ? (
              <>
                <p>Xác nhận cơ quan của bạn nhận xử lý phản ánh này.</p>
                {submitButton('Tiếp nhận')}
              </>
            ) : null}
            {name === 'return' ? (
              <>
                {textArea('Lý do trả lại (ví dụ: không đúng thẩm quyền của cơ quan)', true)}
                {submitButton('Trả lại IOC')}
              </>
            ) : null}
            {name === 'start' ? (
              <>
                {textArea('Thông báo cho người dân (không bắt buộc)', false)}
                {submitButton('Bắt đầu xử lý')}
              </>
            ) : null}
            {name === 'update' ? (
              <>
                {textArea('Nội dung cập nhật (người dân sẽ thấy)', true)}
                {submitButton('Đăng cập nhật')}
              </>
            ) : null}
            {name === 'note' ? (
              <>
                {textArea('Ghi chú nội bộ (người dân không thấy)', true)}
                {submitButton('Lưu ghi chú')}
              </>
            ) : null}
            {name === 'request_extension' ? (
              <>
                <label>
                  Hạn mới đề nghị
                  <input
                    type="datetime-local"
                    name="requestedDueAt"
                    required
                    value={dueAt}
                    onChange={(e) => setDueAt(e.target.value)}
                  />
                </label>
                {textArea('Lý do', true)}
                {submitButton('Gửi đề nghị')}
              </>
            ) : null}
            {name === 'decide_extension' && pending ? (
              <>
                <p>
                  Đề nghị gia hạn đến <strong>{formatDateTime(pending.requestedDueAt)}</strong>:{' '}
                  {pending.reason}
                </p>
                {textArea('Ghi chú quyết định', false)}
                <div className="row">
                  <button
                    type="button"
                    className="primary"
                    disabled={action.busy}
                    onClick={() => void decide(pending, true)}
                  >
                    Đồng ý gia hạn
                  </button>
                  <button
                    type="button"
                    disabled={action.busy}
                    onClick={() => void decide(pending, false)}
                  >
                    Không đồng ý
                  </button>
                </div>
              </>
            ) : null}
            {name === 'resolve' ? (
              <>
                {textArea('Trả lời người dân: kết quả xử lý', true, 'answer')}
                <label>
                  Ảnh kết quả (không bắt buộc)
                  <input
                    type="file"
                    name="photos"
                    accept="image/jpeg,image/png,image/webp"
                    multiple
                    onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
                  />
                </label>
                {files.length > 0 ? (
                  <p className="muted small">{files.map((f) => f.name).join(', ')}</p>
                ) : null}
                {progress ? <p className="muted small">{progress}</p> : null}
                {submitButton('Báo cáo kết quả')}
              </>
            ) : null}
          </form>
        </ActionCard>
      ))}
      <ErrorBox message={action.error} />
    </div>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

export function ReportPage() {
  const { code = '' } = useParams<{ code: string }>();
  const detail = useLoad(
    () => api<ReportDetail>('GET', `/work/reports/${encodeURIComponent(code)}`),
    [code],
  );
  const catalog = useLoad(loadCatalog, []);
  const [notice, setNotice] = useState<string | null>(null);

  const done = async (message: string) => {
    await detail.reload();
    setNotice(message);
  };

  const d = detail.data;
  if (!d) {
    return (
      <section className="page">
        <p>
          <Link href="/">‹ Hàng chờ</Link>
        </p>
        {detail.loading ? <p className="muted">Đang tải…</p> : null}
        <ErrorBox message={detail.error} />
      </section>
    );
  }
  const r = d.report;
  const reportMedia = d.media.filter((m) => (m.phase ?? 'report') === 'report');
  const resultMedia = d.media.filter((m) => m.phase === 'result');
  const suggested = r.suggestedCategory;
  // The answer is the public message of the latest resolution (a reopened report has more).
  const answer =
    r.status === 'resolved'
      ? ([...d.timeline].reverse().find((e) => e.type === 'resolved')?.publicMessage ?? null)
      : null;

  return (
    <section className="page report">
      <p>
        <Link href="/">‹ Hàng chờ</Link>
      </p>
      <header className="page__header report__header">
        <h1>
          Phản ánh <span className="code">{r.code}</span>
        </h1>
        <StatusBadge status={r.status} overdue={r.overdue} />
      </header>
      <Notice message={notice} />

      <div className="report__grid">
        <div className="report__main">
          <div className="block">
            <h3>Nội dung</h3>
            <p className="description">{r.description}</p>
          </div>
          <MediaGrid items={reportMedia} title="Ảnh, video của người dân" />
          {answer ? (
            <div className="block answer">
              <h3>Kết quả xử lý</h3>
              <p>{answer}</p>
            </div>
          ) : null}
          <MediaGrid items={resultMedia} title="Ảnh kết quả xử lý" />
          <DuplicateCandidates code={r.code} hidden={r.hidden} onMerged={done} />
          <div className="block">
            <h3>Diễn biến</h3>
            <Timeline events={d.timeline} />
          </div>
          <div className="block">
            <h3>Nhật ký thay đổi</h3>
            <AuditTable entries={d.audit ?? []} catalog={catalog.data} />
          </div>
        </div>

        <aside className="report__side">
          <div className="block">
            <h3>Thao tác</h3>
            <Actions detail={d} catalog={catalog.data} done={done} />
          </div>
          <div className="block">
            <h3>Thông tin</h3>
            <dl className="facts">
              <Field label="Lĩnh vực">
                {r.category?.name ?? '—'}
                {suggested && suggested.id !== r.category.id ? (
                  <div className="suggest">Gợi ý: {suggested.name}</div>
                ) : null}
              </Field>
              <Field label="Cơ quan xử lý">{r.agency?.name ?? 'Chưa chuyển'}</Field>
              <Field label="Xã/phường">{r.commune?.fullName ?? '—'}</Field>
              <Field label="Địa chỉ">{r.address ?? '—'}</Field>
              <Field label="Tiếp nhận">{formatDateTime(r.createdAt)}</Field>
              <Field label="Hạn xử lý">
                <span className={r.overdue ? 'danger' : ''}>{formatDateTime(r.dueAt)}</span>
              </Field>
              {r.resolvedAt ? (
                <Field label="Đã xử lý lúc">{formatDateTime(r.resolvedAt)}</Field>
              ) : null}
              {r.duplicateOf ? (
                <Field label="Trùng với">
                  <Link href={`/phan-anh/${r.duplicateOf}`}>{r.duplicateOf}</Link>
                </Field>
              ) : null}
              {r.supporterCount ? (
                <Field label="Cùng phản ánh">{r.supporterCount} người</Field>
              ) : null}
            </dl>
          </div>
          <IntakeSuggestion detail={d} />
          <div className="block">
            <h3>Vị trí</h3>
            <Suspense fallback={<div className="pin-map" />}>
              <PinMap lat={r.location.lat} lng={r.location.lng} />
            </Suspense>
            <p className="muted small">
              {r.location.lat.toFixed(5)}, {r.location.lng.toFixed(5)}
            </p>
          </div>
          {d.contact && (d.contact.name || d.contact.phone) ? (
            <div className="block">
              <h3>Liên hệ người phản ánh</h3>
              <dl className="facts">
                {d.contact.name ? <Field label="Họ tên">{d.contact.name}</Field> : null}
                {d.contact.phone ? (
                  <Field label="Điện thoại">
                    <a href={`tel:${d.contact.phone}`}>{formatPhone(d.contact.phone)}</a>
                  </Field>
                ) : null}
              </dl>
              <p className="muted small">Chỉ dùng để liên hệ xử lý phản ánh. Không công khai.</p>
            </div>
          ) : null}
          {d.contactAccess === 'withheld' ? (
            <div className="block">
              <h3>Liên hệ người phản ánh</h3>
              <p className="muted small">
                Người phản ánh không đồng ý cho cơ quan xử lý liên hệ trực tiếp. Cần trao đổi, hãy
                nhờ IOC.
              </p>
            </div>
          ) : null}
          {d.extensionRequests.length > 0 ? (
            <div className="block">
              <h3>Đề nghị gia hạn</h3>
              <ul className="plain">
                {d.extensionRequests.map((x) => (
                  <li key={x.id}>
                    <strong>
                      {x.status === 'pending'
                        ? 'Đang chờ'
                        : x.status === 'approved'
                          ? 'Đã đồng ý'
                          : 'Không đồng ý'}
                    </strong>{' '}
                    · đến {formatDateTime(x.requestedDueAt)}
                    <div className="muted small">{x.reason}</div>
                    {x.decisionNote ? <div className="small">IOC: {x.decisionNote}</div> : null}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </aside>
      </div>
    </section>
  );
}
