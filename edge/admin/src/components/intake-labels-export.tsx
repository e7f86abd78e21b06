import type { z } from '@hono/zod-openapi';
import { type FormEvent, useState } from 'react';
import type { IntakeLabelPageSchema } from '../../../src/intake/labels-routes';
import { api } from '../api';
import { formatNumber } from '../format';
import { ErrorBox, useAction } from './common';

type IntakeLabelPage = z.infer<typeof IntakeLabelPageSchema>;

// Download of the IOC's category decisions as training data for the classifier: every page of
// GET /work/intake/labels, written as JSON Lines in the format of
// fixtures/classifier/train.jsonl (README, "Retraining the classifier"). Read as JSON pages
// (the API's one error handling), written as the same lines the API's `format=jsonl` answers.

const PAGE = 5000;

export function IntakeLabelsExport() {
  const [since, setSince] = useState('');
  const [correctedOnly, setCorrectedOnly] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, run } = useAction();

  const download = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    void run(async () => {
      const lines: string[] = [];
      let cursor: string | null = null;
      do {
        const page: IntakeLabelPage = await api<IntakeLabelPage>('GET', '/work/intake/labels', {
          query: {
            format: 'json',
            limit: PAGE,
            since: since || undefined,
            corrected: correctedOnly ? 'true' : undefined,
            cursor: cursor ?? undefined,
          },
        });
        for (const item of page.items) {
          lines.push(`${JSON.stringify({ text: item.text, category: item.category })}\n`);
        }
        cursor = page.nextCursor;
      } while (cursor);
      if (lines.length === 0) {
        setDone('Chưa có nhãn nào trong khoảng đã chọn.');
        return;
      }
      const url = URL.createObjectURL(new Blob(lines, { type: 'application/x-ndjson' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `nhan-phan-loai${since ? `_tu-${since}` : ''}${correctedOnly ? '_da-sua' : ''}.jsonl`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setDone(`Đã tải ${formatNumber(lines.length)} ví dụ.`);
    });
  };

  return (
    <div className="card" data-testid="intake-labels-export">
      <h2>Dữ liệu huấn luyện phân loại</h2>
      <p className="muted small">
        Nội dung phản ánh và lĩnh vực IOC đã xác định, mỗi dòng một ví dụ theo định dạng
        fixtures/classifier/train.jsonl, để huấn luyện lại bộ phân loại (xem README).
      </p>
      <form className="filters" onSubmit={download} aria-label="Tải dữ liệu huấn luyện">
        <label>
          Từ ngày (không bắt buộc)
          <input type="date" value={since} onChange={(e) => setSince(e.target.value)} />
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={correctedOnly}
            onChange={(e) => setCorrectedOnly(e.target.checked)}
          />
          Chỉ các phản ánh IOC đã sửa lĩnh vực
        </label>
        <div className="filters__buttons">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Đang tải…' : 'Tải tệp .jsonl'}
          </button>
        </div>
      </form>
      {done ? <p className="small">{done}</p> : null}
      <ErrorBox message={error} />
    </div>
  );
}
