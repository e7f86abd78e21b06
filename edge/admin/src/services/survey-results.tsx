import { Bar, Line } from 'react-chartjs-2';
import { COLOURS } from '../components/charts';
import { ErrorBox, useLoad } from '../components/common';
import { Figure } from '../components/filters';
import { formatDate, formatDateTime, formatNumber } from '../format';
import { isoToLocalInput, shiftDay, usePolling } from './shared';
import {
  QUESTION_TYPE_LABELS,
  type QuestionResult,
  type SurveyStatus,
  surveysApi,
} from './surveys';

// A survey's results: answers and the integrity figures (second answers turned away, answers
// over the rate limit, outside the window, without a verified account), answers per day, a
// chart per choice or scale question, the latest free-text answers; refreshed every 10 s
// while the survey is open; exports for the full data.

const REFRESH_MS = 10_000;
const counts = { beginAtZero: true, ticks: { precision: 0 } };

/**
 * One point per day from the opening (at most the last 60 days) to today or the closing: days
 * without answers count as zero instead of being skipped by the line.
 */
function everyDay(
  daily: { day: string; responses: number }[],
  opensAt: string,
  closesAt: string,
): { day: string; responses: number }[] {
  const counted = new Map(daily.map((d) => [d.day, d.responses]));
  const today = isoToLocalInput(new Date().toISOString()).slice(0, 10);
  const closes = isoToLocalInput(closesAt).slice(0, 10);
  const last = closes < today ? closes : today;
  let day = isoToLocalInput(opensAt).slice(0, 10);
  if (shiftDay(last, -59) > day) day = shiftDay(last, -59);
  const days: { day: string; responses: number }[] = [];
  for (; day <= last; day = shiftDay(day, 1)) days.push({ day, responses: counted.get(day) ?? 0 });
  // Answers outside that range (a clock moved, a window edited) still show.
  for (const d of daily) if (!days.some((x) => x.day === d.day)) days.push(d);
  return days.sort((a, b) => a.day.localeCompare(b.day));
}

const share = (count: number, of: number) => (of > 0 ? (count / of) * 100 : 0);

function ChoiceResult({ question }: { question: QuestionResult }) {
  const options = question.options ?? [];
  const longest = Math.max(0, ...options.map((o) => o.label.length));
  const height = Math.max(120, options.length * 34 + 40);
  return (
    <>
      <div className="chart" style={{ height }}>
        <Bar
          aria-label={`Kết quả: ${question.title}`}
          data={{
            labels: options.map((o) =>
              // Long labels are cut on the axis; the table below has them whole.
              longest > 48 && o.label.length > 48 ? `${o.label.slice(0, 46)}…` : o.label,
            ),
            datasets: [
              {
                label: 'Số người chọn',
                data: options.map((o) => o.count),
                backgroundColor: COLOURS.received,
              },
            ],
          }}
          options={{
            maintainAspectRatio: false,
            indexAxis: 'y',
            scales: { x: counts },
            plugins: { legend: { display: false } },
          }}
        />
      </div>
      <table className="table table--compact svc-result-table">
        <tbody>
          {options.map((o) => (
            <tr key={o.id}>
              <td>{o.label}</td>
              <td className="num">{formatNumber(o.count)}</td>
              <td className="num">{formatNumber(share(o.count, question.answered), 1)} %</td>
            </tr>
          ))}
        </tbody>
      </table>
      {question.type === 'multiple' ? (
        <p className="muted small">Chọn nhiều: tổng tỉ lệ có thể vượt 100 %.</p>
      ) : null}
    </>
  );
}

function ScaleResult({ question }: { question: QuestionResult }) {
  const scale = question.scale;
  if (!scale) return null;
  // Every point of the scale, those nobody chose at zero: the histogram keeps its shape.
  const counted = new Map(scale.counts.map((c) => [c.value, c.count]));
  const values = Array.from({ length: scale.max - scale.min + 1 }, (_, i) => ({
    value: scale.min + i,
    count: counted.get(scale.min + i) ?? 0,
  }));
  return (
    <div className="svc-scale-result">
      <div className="svc-average">
        <span className="figure__label">Điểm trung bình</span>
        <strong className="figure__value">
          {scale.average === null ? '—' : formatNumber(scale.average, 2)}
        </strong>
      </div>
      <div className="chart chart--small">
        <Bar
          aria-label={`Phân bố điểm: ${question.title}`}
          data={{
            labels: values.map((v) => String(v.value)),
            datasets: [
              {
                label: 'Số người',
                data: values.map((v) => v.count),
                backgroundColor: COLOURS.onTime,
              },
            ],
          }}
          options={{
            maintainAspectRatio: false,
            scales: { y: counts },
            plugins: { legend: { display: false } },
          }}
        />
      </div>
    </div>
  );
}

function TextResult({ question }: { question: QuestionResult }) {
  const texts = question.texts ?? [];
  if (texts.length === 0) return <p className="muted">Chưa có câu trả lời.</p>;
  return (
    <ul className="svc-texts">
      {texts.map((t, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: two people may write the same words.
        <li key={`${t.submittedAt}:${i}`}>
          <p>{t.value}</p>
          <span className="muted small">{formatDateTime(t.submittedAt)}</span>
        </li>
      ))}
    </ul>
  );
}

export function SurveyResultsView({
  surveyId,
  status,
}: {
  surveyId: string;
  status: SurveyStatus;
}) {
  const results = useLoad(() => surveysApi.results(surveyId), [surveyId]);
  const live = status === 'published';
  usePolling(results.reload, REFRESH_MS, live);
  const r = results.data;

  if (!r) {
    return results.error ? (
      <ErrorBox message={results.error} />
    ) : (
      <p className="muted">Đang tải kết quả…</p>
    );
  }
  const rejected = r.rejections;
  const daily = everyDay(r.daily, r.survey.opensAt, r.survey.closesAt);
  return (
    <section className="svc-results" aria-label="Kết quả khảo sát">
      <div className="row-between svc-subbar">
        <span className="muted small">
          {live ? 'Đang nhận ý kiến · tự cập nhật mỗi 10 giây' : 'Khảo sát không còn nhận ý kiến.'}
        </span>
        <div className="row">
          <a className="button" href={surveysApi.exportUrl(surveyId, 'xlsx')} download>
            Xuất XLSX
          </a>
          <a className="button" href={surveysApi.exportUrl(surveyId, 'csv')} download>
            Xuất CSV
          </a>
        </div>
      </div>
      <ErrorBox message={results.error} />
      <div className="figures" data-testid="survey-figures">
        <Figure label="Lượt trả lời" value={formatNumber(r.responses)} />
        <Figure
          label="Trả lời lần hai bị từ chối"
          value={formatNumber(rejected.duplicate)}
          hint="mỗi người/thiết bị chỉ một lần"
        />
        <Figure
          label="Bị chặn do gửi dồn dập"
          value={formatNumber(rejected.rate_limited)}
          hint="giới hạn tần suất"
        />
        <Figure label="Gửi ngoài thời gian mở" value={formatNumber(rejected.closed)} />
        <Figure label="Chưa xác thực Zalo" value={formatNumber(rejected.unverified)} />
      </div>
      <section className="card">
        <h2>Lượt trả lời theo ngày</h2>
        {daily.length > 0 ? (
          <div className="chart chart--small">
            <Line
              aria-label="Lượt trả lời theo ngày"
              data={{
                labels: daily.map((d) => formatDate(d.day).slice(0, 5)),
                datasets: [
                  {
                    label: 'Lượt trả lời',
                    data: daily.map((d) => d.responses),
                    borderColor: COLOURS.received,
                    backgroundColor: COLOURS.received,
                    tension: 0.2,
                  },
                ],
              }}
              options={{
                maintainAspectRatio: false,
                scales: { y: counts },
                plugins: { legend: { display: false } },
              }}
            />
          </div>
        ) : (
          <p className="muted">Chưa có lượt trả lời.</p>
        )}
      </section>
      <div className="svc-result-grid">
        {r.questions.map((q, i) => (
          <section key={q.id} className="card svc-result" data-question-id={q.id}>
            <h3>
              Câu {i + 1}. {q.title}
            </h3>
            <p className="muted small">
              {QUESTION_TYPE_LABELS[q.type]} · {formatNumber(q.answered)} người trả lời
              {r.responses > 0 ? ` (${formatNumber(share(q.answered, r.responses), 0)} %)` : ''}
            </p>
            {q.type === 'single' || q.type === 'multiple' ? <ChoiceResult question={q} /> : null}
            {q.type === 'scale' ? <ScaleResult question={q} /> : null}
            {q.type === 'text' ? <TextResult question={q} /> : null}
          </section>
        ))}
      </div>
    </section>
  );
}
