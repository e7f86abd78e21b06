import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api, type Query } from '../api';
import { assignableAgencies, loadCatalog } from '../catalog';
import { ErrorBox, Notice, Pager, StatusBadge, useAction, useLoad } from '../components/common';
import { CatalogSelect, DayRangeFields } from '../components/filters';
import { formatDateTime, OPEN_STATUSES, STATUS_LABELS } from '../format';
import { holds, holdsEverywhere, useMe } from '../session';
import type { QueuePage as QueueAnswer } from '../types';

const PAGE_SIZE = 25;

/** The queue's filters live in the address bar: a filtered view can be bookmarked or shared. */
interface Filters {
  status: string;
  categoryId: string;
  agencyId: string;
  communeId: string;
  overdue: boolean;
  from: string;
  to: string;
  q: string;
  page: number;
}

function readFilters(search: string, defaultStatus: string): Filters {
  const p = new URLSearchParams(search);
  return {
    status: p.get('status') ?? defaultStatus,
    categoryId: p.get('categoryId') ?? '',
    agencyId: p.get('agencyId') ?? '',
    communeId: p.get('communeId') ?? '',
    overdue: p.get('overdue') === 'true',
    from: p.get('from') ?? '',
    to: p.get('to') ?? '',
    q: p.get('q') ?? '',
    page: Math.max(1, Number(p.get('page')) || 1),
  };
}

function writeFilters(f: Filters): string {
  const p = new URLSearchParams();
  p.set('status', f.status);
  for (const name of ['categoryId', 'agencyId', 'communeId', 'from', 'to', 'q'] as const) {
    if (f[name]) p.set(name, f[name]);
  }
  if (f.overdue) p.set('overdue', 'true');
  if (f.page > 1) p.set('page', String(f.page));
  return p.toString();
}

/** "open" and "all" are the screen's own shortcuts; the API takes repeated `status`. */
function statusQuery(status: string): string[] | undefined {
  if (status === 'all') return undefined;
  if (status === 'open') return [...OPEN_STATUSES];
  return [status];
}

export function QueuePage() {
  const me = useMe();
  const mayAssign = holds(me, 'report.assign');
  // An agency's or a commune's list is already limited by the API: no agency filter there.
  const readsAll = holdsEverywhere(me, 'report.read');
  const ioc = holds(me, 'report.intake');
  const search = useSearch();
  const [, navigate] = useLocation();
  const filters = readFilters(search, ioc ? 'received' : 'open');
  const [draft, setDraft] = useState(filters);
  const catalog = useLoad(loadCatalog, []);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [agencyOverride, setAgencyOverride] = useState('');
  const [note, setNote] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const assign = useAction();

  // biome-ignore lint/correctness/useExhaustiveDependencies: the address bar is the state.
  useEffect(() => setDraft(readFilters(search, ioc ? 'received' : 'open')), [search]);

  const query: Query = {
    status: statusQuery(filters.status),
    categoryId: filters.categoryId,
    agencyId: filters.agencyId,
    communeId: filters.communeId,
    overdue: filters.overdue ? 'true' : undefined,
    from: filters.from,
    to: filters.to,
    q: filters.q,
    page: filters.page,
    limit: PAGE_SIZE,
  };
  const list = useLoad(
    () => api<QueueAnswer>('GET', '/work/reports', { query }),
    [JSON.stringify(query)],
  );

  const go = (next: Filters) => {
    setSelected(new Set());
    navigate(`/?${writeFilters(next)}`);
  };
  const apply = (event: FormEvent) => {
    event.preventDefault();
    go({ ...draft, page: 1 });
  };

  const items = list.data?.items ?? [];
  const allChecked = items.length > 0 && items.every((item) => selected.has(item.code));
  const toggle = (code: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(code)) next.delete(code);
      else next.add(code);
      return next;
    });
  const toggleAll = () =>
    setSelected(allChecked ? new Set() : new Set(items.map((item) => item.code)));

  const agencies = useMemo(() => assignableAgencies(catalog.data?.agencies ?? []), [catalog.data]);

  const bulkAssign = async () => {
    setNotice(null);
    let answer: {
      assigned: { code: string; agency: { name: string } }[];
      skipped: { code: string; error: { message: string } }[];
    } = { assigned: [], skipped: [] };
    const ok = await assign.run(async () => {
      answer = await api('POST', '/work/reports/assign', {
        body: {
          codes: [...selected],
          ...(agencyOverride ? { agencyId: agencyOverride } : {}),
          ...(note.trim() ? { note: note.trim() } : {}),
        },
      });
    });
    if (!ok) return;
    const done = answer.assigned.length;
    const skipped = answer.skipped.map((s) => `${s.code}: ${s.error.message}`);
    setNotice(
      `Đã chuyển ${done} phản ánh.${skipped.length ? ` Chưa chuyển: ${skipped.join('; ')}` : ''}`,
    );
    setSelected(new Set());
    setNote('');
    await list.reload();
  };

  return (
    <section className="page">
      <header className="page__header">
        <h1>{ioc ? 'Hàng chờ IOC' : 'Phản ánh của cơ quan'}</h1>
        <p className="muted">
          {ioc
            ? 'Kiểm tra phản ánh mới, xác nhận lĩnh vực và chuyển cơ quan xử lý.'
            : `Phản ánh được chuyển đến ${me.agencyName ?? 'cơ quan'}.`}
        </p>
      </header>

      <form className="filters" onSubmit={apply} aria-label="Bộ lọc">
        <label>
          Trạng thái
          <select
            name="status"
            value={draft.status}
            onChange={(e) => setDraft({ ...draft, status: e.target.value })}
          >
            <option value="open">Đang mở</option>
            {Object.entries(STATUS_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
            <option value="all">Tất cả</option>
          </select>
        </label>
        <CatalogSelect
          label="Lĩnh vực"
          name="categoryId"
          value={draft.categoryId}
          onChange={(categoryId) => setDraft({ ...draft, categoryId })}
          items={catalog.data?.categories}
          text={(c) => c.name}
        />
        {readsAll ? (
          <CatalogSelect
            label="Cơ quan"
            name="agencyId"
            value={draft.agencyId}
            onChange={(agencyId) => setDraft({ ...draft, agencyId })}
            items={agencies}
            text={(a) => a.name}
          >
            <option value="none">Chưa chuyển cơ quan</option>
          </CatalogSelect>
        ) : null}
        <CatalogSelect
          label="Xã/phường"
          name="communeId"
          value={draft.communeId}
          onChange={(communeId) => setDraft({ ...draft, communeId })}
          items={catalog.data?.communes}
          text={(u) => u.fullName}
        />
        <DayRangeFields
          value={draft}
          onChange={(range) => setDraft({ ...draft, ...range })}
          named
        />
        <label className="check">
          <input
            type="checkbox"
            name="overdue"
            checked={draft.overdue}
            onChange={(e) => setDraft({ ...draft, overdue: e.target.checked })}
          />
          Chỉ quá hạn
        </label>
        <label className="grow">
          Tìm kiếm
          <input
            type="search"
            name="q"
            placeholder="Mã, nội dung, địa chỉ (không cần dấu)"
            value={draft.q}
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          />
        </label>
        <div className="filters__buttons">
          <button type="submit" className="primary">
            Lọc
          </button>
          <button type="button" onClick={() => go(readFilters('', ioc ? 'received' : 'open'))}>
            Xoá lọc
          </button>
        </div>
      </form>

      {mayAssign && selected.size > 0 ? (
        <section className="bulk" aria-label="Chuyển xử lý hàng loạt">
          <strong>Đã chọn {selected.size}</strong>
          <label>
            Chuyển đến
            <select
              name="bulk-agency"
              value={agencyOverride}
              onChange={(e) => setAgencyOverride(e.target.value)}
            >
              <option value="">Cơ quan mặc định theo lĩnh vực / xã, phường</option>
              {agencies.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          <label className="grow">
            Ghi chú cho cơ quan (không bắt buộc)
            <input name="bulk-note" value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          <button
            type="button"
            className="primary"
            disabled={assign.busy}
            onClick={() => void bulkAssign()}
          >
            {assign.busy ? 'Đang chuyển…' : `Chuyển xử lý (${selected.size})`}
          </button>
        </section>
      ) : null}
      <ErrorBox message={assign.error ?? list.error ?? catalog.error} />
      <Notice message={notice} />

      <table className="table" aria-busy={list.loading}>
        <thead>
          <tr>
            {mayAssign ? (
              <th className="col-check">
                <input
                  type="checkbox"
                  aria-label="Chọn tất cả"
                  checked={allChecked}
                  onChange={toggleAll}
                />
              </th>
            ) : null}
            <th className="col-photo">Ảnh</th>
            <th>Mã / nội dung</th>
            <th>Lĩnh vực</th>
            <th>Trạng thái</th>
            <th>Địa điểm</th>
            <th>Cơ quan xử lý</th>
            <th>Tiếp nhận</th>
            <th>Hạn xử lý</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const photo = item.photoUrl;
            const suggested = item.suggestedCategory;
            return (
              <tr
                key={item.code}
                data-code={item.code}
                className={item.overdue ? 'is-overdue' : ''}
              >
                {mayAssign ? (
                  <td className="col-check">
                    <input
                      type="checkbox"
                      aria-label={`Chọn ${item.code}`}
                      checked={selected.has(item.code)}
                      onChange={() => toggle(item.code)}
                    />
                  </td>
                ) : null}
                <td className="col-photo">
                  {photo ? (
                    <img src={photo} alt="" loading="lazy" width={64} height={48} />
                  ) : (
                    <span className="thumb-empty">—</span>
                  )}
                </td>
                <td>
                  <Link href={`/phan-anh/${item.code}`} className="code">
                    {item.code}
                  </Link>
                  {item.description ? <div className="clip">{item.description}</div> : null}
                  {item.supporterCount ? (
                    <div className="muted small">{item.supporterCount} người cùng phản ánh</div>
                  ) : null}
                </td>
                <td>
                  {item.category?.name ?? '—'}
                  {suggested && suggested.id !== item.category.id ? (
                    <div className="suggest">Gợi ý: {suggested.name}</div>
                  ) : null}
                </td>
                <td>
                  <StatusBadge status={item.status} overdue={item.overdue} />
                </td>
                <td>
                  {item.address ?? '—'}
                  {item.commune ? <div className="muted small">{item.commune.fullName}</div> : null}
                </td>
                <td>{item.agency?.name ?? <span className="muted">Chưa chuyển</span>}</td>
                <td className="nowrap">{formatDateTime(item.createdAt)}</td>
                <td className={item.overdue ? 'nowrap danger' : 'nowrap'}>
                  {formatDateTime(item.dueAt)}
                </td>
              </tr>
            );
          })}
          {!list.loading && items.length === 0 ? (
            <tr>
              <td colSpan={9} className="empty">
                Không có phản ánh nào khớp bộ lọc.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {list.data ? (
        <Pager
          page={filters.page}
          pageSize={PAGE_SIZE}
          total={list.data.total}
          totalCapped={list.data.totalCapped}
          onPage={(page) => go({ ...filters, page })}
        />
      ) : null}
    </section>
  );
}
