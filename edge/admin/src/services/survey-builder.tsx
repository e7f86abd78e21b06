import type { ReactNode } from 'react';
import {
  AUDIENCE_LABELS,
  idMaker,
  type LogicRule,
  newQuestion,
  QUESTION_TYPE_LABELS,
  type QuestionType,
  retype,
  type SurveyAudience,
  type SurveyDefinition,
  type SurveyQuestion,
  type SurveySection,
} from './surveys';

// The survey builder: settings (window, audience), sections with their questions (single or
// multiple choice, scale, free text; required or not; moved up and down), the options of
// choice questions, and skip rules "if <option> of <question> is chosen, go to <section>".
// It edits a draft held by the page; the page saves it as a whole.

export interface SurveyDraft {
  title: string;
  description: string;
  audience: SurveyAudience;
  /** `datetime-local` values, Vietnam time. */
  opensAt: string;
  closesAt: string;
  definition: SurveyDefinition;
}

const TYPES: QuestionType[] = ['single', 'multiple', 'scale', 'text'];

function move<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

/** Drops the skip rules that mention anything removed (a question, an option, a section). */
function withoutRulesFor(definition: SurveyDefinition, removed: Set<string>): SurveyDefinition {
  return {
    ...definition,
    logic: definition.logic.filter(
      (r) => !removed.has(r.questionId) && !removed.has(r.optionId) && !removed.has(r.goTo),
    ),
  };
}

function IconButton({
  label,
  onClick,
  disabled,
  children,
}: {
  label: string;
  onClick: () => void;
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className="svc-icon"
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

function OptionsEditor({
  question,
  number,
  onChange,
  newOptionId,
  onRemoveOption,
}: {
  question: SurveyQuestion;
  number: number;
  onChange: (question: SurveyQuestion) => void;
  newOptionId: () => string;
  onRemoveOption: (optionId: string) => void;
}) {
  const options = question.options ?? [];
  const mark = question.type === 'single' ? '○' : '☐';
  const setOptions = (next: typeof options) => onChange({ ...question, options: next });
  return (
    <div className="svc-options">
      <ol>
        {options.map((o, oi) => (
          <li key={o.id}>
            <span className="svc-options__mark" aria-hidden="true">
              {mark}
            </span>
            <input
              required
              maxLength={200}
              aria-label={`Lựa chọn ${oi + 1} của câu ${number}`}
              placeholder={`Lựa chọn ${oi + 1}`}
              value={o.label}
              onChange={(e) =>
                setOptions(
                  options.map((x) => (x.id === o.id ? { ...x, label: e.target.value } : x)),
                )
              }
            />
            <IconButton
              label={`Đưa lựa chọn ${oi + 1} lên`}
              disabled={oi === 0}
              onClick={() => setOptions(move(options, oi, oi - 1))}
            >
              ↑
            </IconButton>
            <IconButton
              label={`Đưa lựa chọn ${oi + 1} xuống`}
              disabled={oi === options.length - 1}
              onClick={() => setOptions(move(options, oi, oi + 1))}
            >
              ↓
            </IconButton>
            <IconButton
              label={`Bỏ lựa chọn ${oi + 1}`}
              disabled={options.length <= 2}
              onClick={() => onRemoveOption(o.id)}
            >
              ✕
            </IconButton>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="link-button"
        disabled={options.length >= 20}
        onClick={() => setOptions([...options, { id: newOptionId(), label: '' }])}
      >
        + Thêm lựa chọn
      </button>
    </div>
  );
}

function ScaleEditor({
  question,
  number,
  onChange,
}: {
  question: SurveyQuestion;
  number: number;
  onChange: (question: SurveyQuestion) => void;
}) {
  const scale = question.scale ?? { min: 1 as const, max: 5 };
  const points = Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i);
  const set = (patch: Partial<NonNullable<SurveyQuestion['scale']>>) =>
    onChange({ ...question, scale: { ...scale, ...patch } });
  return (
    <div className="svc-scale">
      <label className="svc-inline">
        Từ
        <select
          aria-label={`Điểm thấp nhất của câu ${number}`}
          value={scale.min}
          onChange={(e) => set({ min: Number(e.target.value) as 0 | 1 })}
        >
          <option value={0}>0</option>
          <option value={1}>1</option>
        </select>
      </label>
      <label className="svc-inline">
        đến
        <select
          aria-label={`Điểm cao nhất của câu ${number}`}
          value={scale.max}
          onChange={(e) => set({ max: Number(e.target.value) })}
        >
          {[2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <input
        maxLength={60}
        aria-label={`Nhãn điểm thấp nhất của câu ${number}`}
        placeholder="Nhãn điểm thấp (Rất không hài lòng)"
        value={scale.minLabel ?? ''}
        onChange={(e) => set({ minLabel: e.target.value || undefined })}
      />
      <input
        maxLength={60}
        aria-label={`Nhãn điểm cao nhất của câu ${number}`}
        placeholder="Nhãn điểm cao (Rất hài lòng)"
        value={scale.maxLabel ?? ''}
        onChange={(e) => set({ maxLabel: e.target.value || undefined })}
      />
      <span className="svc-scale__preview" aria-hidden="true">
        {points.map((point) => (
          <span key={point}>{point}</span>
        ))}
      </span>
    </div>
  );
}

function QuestionEditor({
  question,
  number,
  first,
  last,
  definition,
  onChange,
  onMove,
  onRemove,
  onRemoveOption,
}: {
  question: SurveyQuestion;
  number: number;
  first: boolean;
  last: boolean;
  definition: SurveyDefinition;
  onChange: (question: SurveyQuestion) => void;
  onMove: (direction: -1 | 1) => void;
  onRemove: () => void;
  onRemoveOption: (optionId: string) => void;
}) {
  return (
    <div className="svc-q" data-question-id={question.id}>
      <div className="svc-q__head">
        <span className="svc-q__num">Câu {number}</span>
        <select
          aria-label={`Loại câu ${number}`}
          value={question.type}
          onChange={(e) => onChange(retype(definition, question, e.target.value as QuestionType))}
        >
          {TYPES.map((t) => (
            <option key={t} value={t}>
              {QUESTION_TYPE_LABELS[t]}
            </option>
          ))}
        </select>
        <label className="check">
          <input
            type="checkbox"
            checked={question.required}
            onChange={(e) => onChange({ ...question, required: e.target.checked })}
          />
          Bắt buộc
        </label>
        <span className="svc-q__tools">
          <IconButton label={`Đưa câu ${number} lên`} disabled={first} onClick={() => onMove(-1)}>
            ↑
          </IconButton>
          <IconButton label={`Đưa câu ${number} xuống`} disabled={last} onClick={() => onMove(1)}>
            ↓
          </IconButton>
          <IconButton label={`Xoá câu ${number}`} onClick={onRemove}>
            ✕
          </IconButton>
        </span>
      </div>
      <input
        className="svc-q__title"
        required
        maxLength={500}
        aria-label={`Nội dung câu ${number}`}
        placeholder="Nội dung câu hỏi"
        value={question.title}
        onChange={(e) => onChange({ ...question, title: e.target.value })}
      />
      <input
        className="svc-q__help"
        maxLength={500}
        aria-label={`Gợi ý cho câu ${number}`}
        placeholder="Gợi ý cho người trả lời (không bắt buộc)"
        value={question.help ?? ''}
        onChange={(e) => onChange({ ...question, help: e.target.value || undefined })}
      />
      {question.type === 'single' || question.type === 'multiple' ? (
        <OptionsEditor
          question={question}
          number={number}
          onChange={onChange}
          newOptionId={() => idMaker(definition)('o')}
          onRemoveOption={onRemoveOption}
        />
      ) : null}
      {question.type === 'scale' ? (
        <ScaleEditor question={question} number={number} onChange={onChange} />
      ) : null}
      {question.type === 'text' ? (
        <label className="svc-inline">
          Độ dài tối đa (ký tự)
          <input
            type="number"
            className="narrow"
            min={1}
            max={4000}
            aria-label={`Độ dài tối đa của câu ${number}`}
            value={question.maxLength ?? 1000}
            onChange={(e) => onChange({ ...question, maxLength: Number(e.target.value) })}
          />
        </label>
      ) : null}
    </div>
  );
}

function LogicEditor({
  definition,
  onChange,
  numbers,
}: {
  definition: SurveyDefinition;
  onChange: (logic: LogicRule[]) => void;
  numbers: Map<string, number>;
}) {
  const sectionOf = new Map<string, number>();
  definition.sections.forEach((s, i) => {
    for (const q of s.questions) sectionOf.set(q.id, i);
  });
  // Only a single-choice question outside the last section can send anyone further on.
  const eligible = definition.sections
    .flatMap((s) => s.questions)
    .filter((q) => q.type === 'single');
  const questionOf = (id: string) => eligible.find((q) => q.id === id);
  const set = (i: number, patch: Partial<LogicRule>) =>
    onChange(definition.logic.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const add = () => {
    const question = eligible[0];
    if (!question) return;
    const section = sectionOf.get(question.id) ?? 0;
    onChange([
      ...definition.logic,
      {
        questionId: question.id,
        optionId: question.options?.[0]?.id ?? '',
        goTo: definition.sections[section + 1]?.id ?? 'end',
      },
    ]);
  };

  return (
    <section className="card svc-logic" aria-label="Điều kiện chuyển phần">
      <h2>Điều kiện chuyển phần</h2>
      <p className="muted small">
        Khi người trả lời chọn một lựa chọn, khảo sát bỏ qua các phần ở giữa và chuyển tới phần đã
        chọn (hoặc kết thúc). Dùng cho câu hỏi “Chọn một”, chỉ chuyển tới phần phía sau.
      </p>
      {definition.logic.map((rule, i) => {
        const question = questionOf(rule.questionId);
        const from = sectionOf.get(rule.questionId) ?? -1;
        const targets = definition.sections.slice(from + 1);
        const broken =
          !question?.options?.some((o) => o.id === rule.optionId) ||
          (rule.goTo !== 'end' && !targets.some((s) => s.id === rule.goTo));
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rules have no id; their order is their identity.
          <div key={i} className={broken ? 'svc-rule is-broken' : 'svc-rule'} data-rule={i}>
            <span>Nếu chọn</span>
            <select
              aria-label={`Lựa chọn của điều kiện ${i + 1}`}
              value={rule.optionId}
              onChange={(e) => set(i, { optionId: e.target.value })}
            >
              <option value="">— lựa chọn —</option>
              {question?.options?.map((o, oi) => (
                <option key={o.id} value={o.id}>
                  {o.label || `Lựa chọn ${oi + 1}`}
                </option>
              ))}
            </select>
            <span>ở</span>
            <select
              aria-label={`Câu hỏi của điều kiện ${i + 1}`}
              value={question ? rule.questionId : ''}
              onChange={(e) => {
                const next = questionOf(e.target.value);
                const section = sectionOf.get(e.target.value) ?? 0;
                set(i, {
                  questionId: e.target.value,
                  optionId: next?.options?.[0]?.id ?? '',
                  goTo: definition.sections[section + 1]?.id ?? 'end',
                });
              }}
            >
              <option value="">— câu hỏi —</option>
              {eligible.map((q) => (
                <option key={q.id} value={q.id}>
                  Câu {numbers.get(q.id)}: {q.title || '(chưa có nội dung)'}
                </option>
              ))}
            </select>
            <span>thì chuyển tới</span>
            <select
              aria-label={`Đích của điều kiện ${i + 1}`}
              value={rule.goTo}
              onChange={(e) => set(i, { goTo: e.target.value })}
            >
              {targets.map((s) => (
                <option key={s.id} value={s.id}>
                  Phần {definition.sections.indexOf(s) + 1}: {s.title || '(chưa có tiêu đề)'}
                </option>
              ))}
              {rule.goTo !== 'end' && !targets.some((s) => s.id === rule.goTo) ? (
                <option value={rule.goTo}>— phần không hợp lệ —</option>
              ) : null}
              <option value="end">Kết thúc khảo sát</option>
            </select>
            <button
              type="button"
              className="link-button"
              onClick={() => onChange(definition.logic.filter((_, j) => j !== i))}
            >
              Bỏ
            </button>
          </div>
        );
      })}
      {eligible.length === 0 ? (
        <p className="muted small">Thêm một câu hỏi “Chọn một” để đặt điều kiện.</p>
      ) : (
        <button type="button" onClick={add}>
          + Thêm điều kiện
        </button>
      )}
    </section>
  );
}

export function SurveyBuilder({
  draft,
  onChange,
}: {
  draft: SurveyDraft;
  onChange: (draft: SurveyDraft) => void;
}) {
  const { definition } = draft;
  const set = <K extends keyof SurveyDraft>(key: K, value: SurveyDraft[K]) =>
    onChange({ ...draft, [key]: value });
  const setDefinition = (next: SurveyDefinition) => onChange({ ...draft, definition: next });
  const setSections = (sections: SurveySection[], removed?: Set<string>) =>
    setDefinition(
      removed ? withoutRulesFor({ ...definition, sections }, removed) : { ...definition, sections },
    );
  const setSection = (si: number, section: SurveySection, removed?: Set<string>) =>
    setSections(
      definition.sections.map((s, i) => (i === si ? section : s)),
      removed,
    );

  const numbers = new Map<string, number>();
  for (const q of definition.sections.flatMap((s) => s.questions))
    numbers.set(q.id, numbers.size + 1);
  const total = numbers.size;

  /** A question moves within its section, and across into the next or previous one. */
  const moveQuestion = (si: number, qi: number, direction: -1 | 1) => {
    const sections = definition.sections.map((s) => ({ ...s, questions: [...s.questions] }));
    const section = sections[si];
    if (!section) return;
    const target = qi + direction;
    if (target >= 0 && target < section.questions.length) {
      section.questions = move(section.questions, qi, target);
    } else {
      const neighbour = sections[si + direction];
      if (!neighbour) return;
      const [question] = section.questions.splice(qi, 1);
      if (!question) return;
      if (direction < 0) neighbour.questions.push(question);
      else neighbour.questions.unshift(question);
    }
    setSections(sections);
  };

  const removeSection = (si: number) => {
    const section = definition.sections[si];
    if (!section) return;
    if (
      section.questions.length > 0 &&
      !window.confirm(`Xoá phần ${si + 1} cùng ${section.questions.length} câu hỏi của phần?`)
    ) {
      return;
    }
    const removed = new Set<string>([section.id]);
    for (const q of section.questions) {
      removed.add(q.id);
      for (const o of q.options ?? []) removed.add(o.id);
    }
    setSections(
      definition.sections.filter((_, i) => i !== si),
      removed,
    );
  };

  return (
    <div className="svc-builder">
      <section className="card form-grid" aria-label="Thông tin khảo sát">
        <label className="svc-span">
          Tên khảo sát
          <input
            name="title"
            required
            minLength={5}
            maxLength={200}
            value={draft.title}
            onChange={(e) => set('title', e.target.value)}
          />
        </label>
        <label className="svc-span">
          Giới thiệu (mục đích, dự thảo được lấy ý kiến)
          <textarea
            name="description"
            rows={3}
            maxLength={5000}
            value={draft.description}
            onChange={(e) => set('description', e.target.value)}
          />
        </label>
        <label>
          Mở nhận ý kiến từ (giờ Việt Nam)
          <input
            name="opensAt"
            type="datetime-local"
            required
            value={draft.opensAt}
            onChange={(e) => set('opensAt', e.target.value)}
          />
        </label>
        <label>
          Đến
          <input
            name="closesAt"
            type="datetime-local"
            required
            min={draft.opensAt || undefined}
            value={draft.closesAt}
            onChange={(e) => set('closesAt', e.target.value)}
          />
        </label>
        <label>
          Ai được trả lời
          <select
            name="audience"
            value={draft.audience}
            onChange={(e) => set('audience', e.target.value as SurveyAudience)}
          >
            {(Object.keys(AUDIENCE_LABELS) as SurveyAudience[]).map((a) => (
              <option key={a} value={a}>
                {AUDIENCE_LABELS[a]}
              </option>
            ))}
          </select>
        </label>
      </section>

      {definition.sections.map((section, si) => (
        <section
          key={section.id}
          className="card svc-section"
          data-section-id={section.id}
          aria-label={`Phần ${si + 1}`}
        >
          <div className="svc-section__head">
            <span className="svc-section__num">Phần {si + 1}</span>
            <input
              required
              maxLength={200}
              aria-label={`Tiêu đề phần ${si + 1}`}
              placeholder="Tiêu đề phần"
              value={section.title}
              onChange={(e) => setSection(si, { ...section, title: e.target.value })}
            />
            <span className="svc-q__tools">
              <IconButton
                label={`Đưa phần ${si + 1} lên`}
                disabled={si === 0}
                onClick={() => setSections(move(definition.sections, si, si - 1))}
              >
                ↑
              </IconButton>
              <IconButton
                label={`Đưa phần ${si + 1} xuống`}
                disabled={si === definition.sections.length - 1}
                onClick={() => setSections(move(definition.sections, si, si + 1))}
              >
                ↓
              </IconButton>
              <IconButton
                label={`Xoá phần ${si + 1}`}
                disabled={definition.sections.length <= 1}
                onClick={() => removeSection(si)}
              >
                ✕
              </IconButton>
            </span>
          </div>
          <textarea
            rows={2}
            maxLength={2000}
            aria-label={`Mô tả phần ${si + 1}`}
            placeholder="Mô tả phần (không bắt buộc)"
            value={section.description ?? ''}
            onChange={(e) =>
              setSection(si, { ...section, description: e.target.value || undefined })
            }
          />
          {section.questions.map((question, qi) => (
            <QuestionEditor
              key={question.id}
              question={question}
              number={numbers.get(question.id) ?? 0}
              first={si === 0 && qi === 0}
              last={numbers.get(question.id) === total}
              definition={definition}
              onChange={(next) => {
                // A type change away from single choice ends the question's skip rules.
                const removed =
                  question.type === 'single' && next.type !== 'single'
                    ? new Set([question.id])
                    : undefined;
                setSection(
                  si,
                  {
                    ...section,
                    questions: section.questions.map((q) => (q.id === question.id ? next : q)),
                  },
                  removed,
                );
              }}
              onMove={(direction) => moveQuestion(si, qi, direction)}
              onRemove={() => {
                const removed = new Set([
                  question.id,
                  ...(question.options ?? []).map((o) => o.id),
                ]);
                setSection(
                  si,
                  { ...section, questions: section.questions.filter((q) => q.id !== question.id) },
                  removed,
                );
              }}
              onRemoveOption={(optionId) =>
                setSection(
                  si,
                  {
                    ...section,
                    questions: section.questions.map((q) =>
                      q.id === question.id
                        ? { ...q, options: (q.options ?? []).filter((o) => o.id !== optionId) }
                        : q,
                    ),
                  },
                  new Set([optionId]),
                )
              }
            />
          ))}
          <div className="row svc-add-question">
            <span className="muted small">Thêm câu hỏi:</span>
            {TYPES.map((t) => (
              <button
                key={t}
                type="button"
                onClick={() =>
                  setSection(si, {
                    ...section,
                    questions: [...section.questions, newQuestion(definition, t)],
                  })
                }
              >
                + {QUESTION_TYPE_LABELS[t]}
              </button>
            ))}
          </div>
        </section>
      ))}
      <p>
        <button
          type="button"
          onClick={() => {
            const next = idMaker(definition);
            const section: SurveySection = {
              id: next('s'),
              title: `Phần ${definition.sections.length + 1}`,
              questions: [],
            };
            setSections([...definition.sections, section]);
          }}
        >
          + Thêm phần
        </button>
      </p>
      <LogicEditor
        definition={definition}
        numbers={numbers}
        onChange={(logic) => setDefinition({ ...definition, logic })}
      />
    </div>
  );
}

/** The questionnaire as it stands (published or closed surveys: no more edits). */
export function SurveyPreview({ definition }: { definition: SurveyDefinition }) {
  let number = 0;
  const sectionTitle = new Map(definition.sections.map((s, i) => [s.id, `Phần ${i + 1}`]));
  return (
    <div className="svc-preview">
      {definition.sections.map((section, si) => (
        <section key={section.id} className="card" aria-label={`Phần ${si + 1}`}>
          <h2>
            Phần {si + 1}: {section.title}
          </h2>
          {section.description ? <p className="muted">{section.description}</p> : null}
          <ol className="svc-preview__questions">
            {section.questions.map((q) => {
              number++;
              const rules = definition.logic.filter((r) => r.questionId === q.id);
              return (
                <li key={q.id} value={number}>
                  <strong>{q.title}</strong>
                  {q.required ? <span className="danger"> *</span> : null}{' '}
                  <span className="muted small">({QUESTION_TYPE_LABELS[q.type]})</span>
                  {q.help ? <div className="muted small">{q.help}</div> : null}
                  {q.options ? (
                    <ul>
                      {q.options.map((o) => {
                        const rule = rules.find((r) => r.optionId === o.id);
                        return (
                          <li key={o.id}>
                            {o.label}
                            {rule ? (
                              <span className="muted small">
                                {' '}
                                → {rule.goTo === 'end' ? 'kết thúc' : sectionTitle.get(rule.goTo)}
                              </span>
                            ) : null}
                          </li>
                        );
                      })}
                    </ul>
                  ) : null}
                  {q.scale ? (
                    <div className="muted small">
                      Thang {q.scale.min}–{q.scale.max}
                      {q.scale.minLabel ? ` (${q.scale.minLabel} → ${q.scale.maxLabel ?? ''})` : ''}
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </div>
  );
}
