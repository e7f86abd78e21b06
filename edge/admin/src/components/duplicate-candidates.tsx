import type { z } from '@hono/zod-openapi';
import { Link } from 'wouter';
import type { DuplicateCandidatesSchema, MergeResultSchema } from '../../../src/work/schemas';
import { api } from '../api';
import { formatDateTime } from '../format';
import { holdsEverywhere, useMe } from '../session';
import { ErrorBox, StatusBadge, useAction, useLoad } from './common';

// The IOC's duplicates panel on a report's page: open reports nearby with a similar text
// (GET /work/reports/{code}/duplicates) with a one-click merge, and the reports already
// merged into this one. The API suggests which report stays the main one (the one an agency
// already works on, with more supporters, older); the IOC may merge the other way round.

type Answer = z.infer<typeof DuplicateCandidatesSchema>;
type Candidate = Answer['candidates'][number];
type MergeResult = z.infer<typeof MergeResultSchema>;

const percent = (x: number) => `${Math.round(x * 100)} %`;

export function DuplicateCandidates({
  code,
  hidden,
  onMerged,
}: {
  code: string;
  /** This report is hidden from the public: nothing can be merged into it. */
  hidden: boolean;
  onMerged: (message: string) => Promise<void>;
}) {
  const me = useMe();
  const allowed = holdsEverywhere(me, 'report.merge');
  const list = useLoad(
    () =>
      allowed
        ? api<Answer>('GET', `/work/reports/${encodeURIComponent(code)}/duplicates`)
        : Promise.resolve(undefined),
    [code, allowed],
  );
  const action = useAction();
  if (!allowed) return null;

  const merge = async (from: string, into: string) => {
    const question =
      `Gộp phản ánh ${from} vào phản ánh ${into}?\n\n` +
      `${from} sẽ được đóng ở trạng thái "Trùng". Người gửi và những người theo dõi ${from} ` +
      `sẽ nhận mọi thông báo tiến độ của ${into}.`;
    if (!window.confirm(question)) return;
    let result: MergeResult | undefined;
    const ok = await action.run(async () => {
      result = await api<MergeResult>('POST', `/work/reports/${encodeURIComponent(from)}/merge`, {
        body: { into, clientKey: crypto.randomUUID() },
      });
    });
    if (!ok || !result) return;
    await list.reload();
    await onMerged(
      result.created
        ? `Đã gộp phản ánh ${result.code} vào phản ánh ${result.into}.`
        : `Phản ánh ${result.code} đã được gộp vào ${result.into} từ trước.`,
    );
  };

  const data = list.data;
  // A closed report with nothing merged into it has nothing to show here.
  if (data && !data.report.open && data.merged.length === 0) return null;
  const buttons = (c: Candidate) => {
    // A hidden report cannot be the main one: nobody could follow it.
    const intoThis = !hidden && (
      <button
        type="button"
        className={c.suggestedMain === 'this' ? 'primary' : ''}
        disabled={action.busy}
        onClick={() => void merge(c.code, code)}
        title={`Đóng ${c.code}, giữ phản ánh đang xem làm phản ánh chính`}
      >
        Gộp vào phản ánh này
      </button>
    );
    const intoCandidate = !c.hidden && (
      <button
        type="button"
        className={c.suggestedMain === 'candidate' ? 'primary' : ''}
        disabled={action.busy}
        onClick={() => void merge(code, c.code)}
        title={`Đóng phản ánh đang xem, giữ ${c.code} làm phản ánh chính`}
      >
        Gộp vào {c.code}
      </button>
    );
    const first = c.suggestedMain === 'this' ? intoThis : intoCandidate;
    const second = c.suggestedMain === 'this' ? intoCandidate : intoThis;
    return (
      <div className="stack">
        {first}
        {second}
      </div>
    );
  };

  return (
    <div className="block" data-testid="duplicate-candidates">
      <h3>Phản ánh có thể trùng</h3>
      {list.loading && !data ? <p className="muted">Đang tìm phản ánh tương tự…</p> : null}
      <ErrorBox message={list.error} />
      {data ? (
        <>
          <p className="muted small">
            Phản ánh đang mở trong bán kính {data.radiusMetres} m, gửi trong {data.windowDays} ngày
            gần đây, cùng lĩnh vực hoặc lĩnh vực liên quan, có nội dung tương tự.
          </p>
          {!data.report.open ? (
            <p className="muted">Phản ánh này đã đóng nên không gộp được.</p>
          ) : data.candidates.length === 0 ? (
            <p className="muted">Không tìm thấy phản ánh nào tương tự.</p>
          ) : (
            <table className="table table--compact">
              <thead>
                <tr>
                  <th>Mã</th>
                  <th>Nội dung</th>
                  <th className="num">Cách</th>
                  <th className="num">Giống</th>
                  <th>Gộp</th>
                </tr>
              </thead>
              <tbody>
                {data.candidates.map((c) => (
                  <tr key={c.code} data-code={c.code}>
                    <td className="nowrap">
                      <Link href={`/phan-anh/${c.code}`} className="code">
                        {c.code}
                      </Link>
                      <div>
                        <StatusBadge status={c.status} />
                        {c.hidden ? <span className="tag">Đang ẩn</span> : null}
                      </div>
                      <div className="muted small">{formatDateTime(c.createdAt)}</div>
                    </td>
                    <td>
                      <div className="small">
                        <strong>{c.category.name}</strong>
                        {c.agency ? ` · ${c.agency.name}` : ''}
                        {c.supporterCount > 0 ? ` · ${c.supporterCount} người cùng phản ánh` : ''}
                      </div>
                      <div>{c.excerpt}</div>
                      {c.address ? <div className="muted small">{c.address}</div> : null}
                    </td>
                    <td className="num nowrap">{c.distanceMetres} m</td>
                    <td className="num nowrap">{percent(c.similarity)}</td>
                    <td>{buttons(c)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <ErrorBox message={action.error} />
          {data.merged.length > 0 ? (
            <>
              <h3 style={{ marginTop: '1rem' }}>Đã gộp vào phản ánh này ({data.merged.length})</h3>
              <ul className="plain">
                {data.merged.map((m) => (
                  <li key={m.code}>
                    <Link href={`/phan-anh/${m.code}`} className="code">
                      {m.code}
                    </Link>{' '}
                    <span className="muted small">
                      {m.category.name} · gộp lúc {formatDateTime(m.mergedAt)}
                    </span>
                    {m.hidden ? <span className="tag">Đang ẩn</span> : null}
                    <div className="small">{m.excerpt}</div>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
