import type { ReactNode } from 'react';
import { formatDateTime, formatPercent } from '../format';
import type { ReportDetail } from '../types';

// The smart intake on a report's page: what the classifier read in the citizen's text on
// arrival (its category, how sure it was, the next three), what it did with the report
// (routed at once, or left for the IOC and why), and the IOC's own decision on the category,
// which is kept as a training example.

const percent = (confidence: number) => formatPercent(Math.round(confidence * 1000) / 10);

const ROUTED_BY: Record<string, string> = {
  auto: 'Tự động khi tiếp nhận',
  manual: 'IOC kiểm tra và chuyển',
};

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

export function IntakeSuggestion({ detail }: { detail: ReportDetail }) {
  const { intake, intakeLabel: label } = detail;
  const routedBy = detail.report.routedBy;
  if (!intake && !label) return null;
  return (
    <div className="block" data-testid="intake-suggestion">
      <h3>Phân loại tự động</h3>
      {intake ? (
        <>
          <p className="small">{intake.outcomeLabel}</p>
          <dl className="facts">
            <Fact label="Người dân chọn">{intake.citizenCategory.name}</Fact>
            <Fact label="Dự đoán">
              <strong>{intake.predictedCategory.name}</strong>
              <div className="small">
                <meter
                  min={0}
                  max={1}
                  low={intake.threshold}
                  optimum={1}
                  value={intake.confidence}
                  aria-label="Độ tin cậy của dự đoán"
                />{' '}
                {percent(intake.confidence)}
              </div>
            </Fact>
            {intake.alternatives.length > 0 ? (
              <Fact label="Khả năng khác">
                <ul className="plain small">
                  {intake.alternatives.map((a) => (
                    <li key={a.category.id}>
                      {a.category.name} <span className="muted">{percent(a.confidence)}</span>
                    </li>
                  ))}
                </ul>
              </Fact>
            ) : null}
            <Fact label="Ngưỡng tự chuyển">
              {percent(intake.threshold)} <span className="muted small">{intake.modelVersion}</span>
            </Fact>
            <Fact label="Chuyển lần đầu">
              {routedBy ? ROUTED_BY[routedBy] : <span className="muted">Chưa chuyển</span>}
            </Fact>
          </dl>
        </>
      ) : (
        <p className="muted small">Phản ánh gửi trước khi có phân loại tự động.</p>
      )}
      {label ? (
        <p className="small">
          IOC xác định lĩnh vực <strong>{label.category.name}</strong>
          {label.corrected ? ' (khác dự đoán: dùng để huấn luyện lại)' : ''}
          <span className="muted">
            {' '}
            · {label.official.name ?? label.official.id} · {formatDateTime(label.at)}
          </span>
        </p>
      ) : null}
    </div>
  );
}
