import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { api } from '../api';
import { ErrorBox, useAction, useLoad } from '../components/common';
import { formatDateTime } from '../format';

// Emergency alerts of the agency (the IOC: every agency's), including the drafts generated
// from monitoring stations and report hotspots, which wait here for a person to publish.

export interface WorkAlert {
  id: string;
  agencyName: string;
  source: 'editor' | 'station' | 'cluster';
  hazard: string;
  severity: string;
  urgency: string;
  certainty: string;
  headline: string;
  description: string;
  instruction: string;
  en: { headline?: string; description?: string; instruction?: string } | null;
  provinceWide: boolean;
  areas: { id: string; name: string }[];
  onsetAt: string;
  expiresAt: string;
  status: 'draft' | 'published' | 'cancelled';
  state: 'draft' | 'live' | 'upcoming' | 'expired' | 'cancelled';
  revision: number;
  version: number;
  updatedAt: string;
}

export const STATE_LABELS: Record<WorkAlert['state'], string> = {
  draft: 'Bản nháp',
  live: 'Đang hiệu lực',
  upcoming: 'Chưa đến giờ',
  expired: 'Hết hạn',
  cancelled: 'Đã hủy',
};
export const SOURCE_LABELS: Record<WorkAlert['source'], string> = {
  editor: 'Biên tập',
  station: 'Từ trạm quan trắc',
  cluster: 'Từ điểm nóng phản ánh',
};
export const SEVERITY_LABELS: Record<string, string> = {
  extreme: 'Đặc biệt nguy hiểm',
  severe: 'Nguy hiểm',
  moderate: 'Cần đề phòng',
  minor: 'Lưu ý',
};

export default function EmergencyAlertsPage() {
  const [, navigate] = useLocation();
  const [status, setStatus] = useState('');
  const [source, setSource] = useState('');
  const list = useLoad(
    () =>
      api<{ items: WorkAlert[] }>('GET', '/work/emergency-alerts', {
        query: { status: status || undefined, source: source || undefined, limit: 50 },
      }),
    [status, source],
  );
  const action = useAction();
  const [requestKey] = useState(() => crypto.randomUUID());
  const create = () =>
    action.run(async () => {
      const hour = 3_600_000;
      const r = await api<{ alert: WorkAlert }>('POST', '/work/emergency-alerts', {
        body: {
          requestKey,
          hazard: 'other',
          severity: 'moderate',
          urgency: 'expected',
          certainty: 'likely',
          headline: 'Cảnh báo mới',
          description: 'Nội dung cảnh báo',
          instruction: 'Người dân cần làm gì',
          provinceWide: true,
          communeIds: [],
          onsetAt: new Date(Date.now() + hour).toISOString(),
          expiresAt: new Date(Date.now() + 25 * hour).toISOString(),
        },
      });
      navigate(`/canh-bao-khan-cap/${r.alert.id}`);
    });

  return (
    <section className="page">
      <h1>Cảnh báo khẩn cấp</h1>
      <p>
        Cảnh báo đang hiệu lực được ghim trên màn hình chính của người dân trong vùng, gửi tới người
        theo dõi và phát hành theo chuẩn CAP 1.2 (
        <a href="/api/v1/emergency-alerts/cap" target="_blank" rel="noreferrer">
          nguồn CAP
        </a>
        ).
      </p>
      <div className="toolbar">
        <select value={status} onChange={(e) => setStatus(e.target.value)} aria-label="Trạng thái">
          <option value="">Mọi trạng thái</option>
          <option value="draft">Bản nháp</option>
          <option value="published">Đã công bố</option>
          <option value="cancelled">Đã hủy</option>
        </select>
        <select value={source} onChange={(e) => setSource(e.target.value)} aria-label="Nguồn">
          <option value="">Mọi nguồn</option>
          <option value="editor">Biên tập</option>
          <option value="station">Từ trạm quan trắc</option>
          <option value="cluster">Từ điểm nóng phản ánh</option>
        </select>
        <button type="button" className="button" disabled={action.busy} onClick={create}>
          Tạo cảnh báo
        </button>
      </div>
      <ErrorBox message={list.error ?? action.error} />
      {list.loading && !list.data ? <p>Đang tải…</p> : null}
      {list.data && list.data.items.length === 0 ? <p>Chưa có cảnh báo nào.</p> : null}
      {list.data && list.data.items.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th>Tiêu đề</th>
              <th>Mức độ</th>
              <th>Vùng</th>
              <th>Hiệu lực đến</th>
              <th>Trạng thái</th>
              <th>Nguồn</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link href={`/canh-bao-khan-cap/${a.id}`}>{a.headline}</Link>
                  <div className="muted">{a.agencyName}</div>
                </td>
                <td>{SEVERITY_LABELS[a.severity] ?? a.severity}</td>
                <td>
                  {a.provinceWide ? 'Toàn tỉnh' : a.areas.map((x) => x.name).join(', ') || '—'}
                </td>
                <td>{formatDateTime(a.expiresAt)}</td>
                <td>
                  {STATE_LABELS[a.state]}
                  {a.revision > 1 ? ` (lần ${a.revision})` : ''}
                </td>
                <td>
                  {a.source === 'editor' ? (
                    SOURCE_LABELS.editor
                  ) : (
                    <span className="badge">{SOURCE_LABELS[a.source]}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
