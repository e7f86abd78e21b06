import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'wouter';
import { ErrorBox, useLoad } from '../components/common';
import { formatDateTime, localInputToIso } from '../format';
import { SurveyStatusBadge } from '../services/badges';
import { isCode, isoToLocalInput, Tabs, Toast, useFeedback } from '../services/shared';
import { SurveyBuilder, type SurveyDraft, SurveyPreview } from '../services/survey-builder';
import { SurveyResultsView } from '../services/survey-results';
import {
  AUDIENCE_LABELS,
  problemsOf,
  type Survey,
  type SurveyBody,
  surveysApi,
} from '../services/surveys';
import '../services/services.css';

// One survey. A draft opens in the builder (saved as a whole with the version it was read
// at: a save over someone else's newer one is refused, not merged); a published or closed
// one shows its questionnaire frozen, and its results. Leaders reach only the results.

type SurveyTab = 'content' | 'results';

const draftOf = (s: Survey): SurveyDraft => ({
  title: s.title,
  description: s.description ?? '',
  audience: s.audience,
  opensAt: isoToLocalInput(s.opensAt),
  closesAt: isoToLocalInput(s.closesAt),
  definition: s.definition,
});

const bodyOf = (d: SurveyDraft): SurveyBody => ({
  title: d.title.trim(),
  description: d.description.trim(),
  audience: d.audience,
  opensAt: localInputToIso(d.opensAt),
  closesAt: localInputToIso(d.closesAt),
  definition: d.definition,
});

const CONFLICT =
  'Khảo sát vừa được lưu ở nơi khác (có phiên bản mới hơn), nên thay đổi của bạn chưa được lưu. Bấm “Tải bản mới nhất” để xem bản đã lưu rồi sửa lại.';

function Editor({ id }: { id: string }) {
  const [, navigate] = useLocation();
  const survey = useLoad(() => surveysApi.get(id), [id]);
  const feedback = useFeedback();
  const [draft, setDraft] = useState<SurveyDraft | null>(null);
  const [version, setVersion] = useState(0);
  const [dirty, setDirty] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [tab, setTab] = useState<SurveyTab | null>(null);
  const s = survey.data;

  useEffect(() => {
    if (!s) return;
    setDraft(draftOf(s));
    setVersion(s.version);
    setDirty(false);
    setTab((current) => current ?? (s.status === 'draft' && s.canManage ? 'content' : 'results'));
  }, [s]);

  // Unsaved changes are not lost to a closed tab or a reload without a warning.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const edit = useCallback((next: SurveyDraft) => {
    setDraft(next);
    setDirty(true);
  }, []);

  if (survey.error && !s) {
    return (
      <section className="page">
        <p>
          <Link href="/khao-sat">‹ Khảo sát</Link>
        </p>
        <ErrorBox message={survey.error} />
      </section>
    );
  }
  if (!s || !draft || !tab) return <p className="muted pad">Đang tải…</p>;

  // Editors of the survey's agency build and run it; a province leader reads it.
  const editing = s.status === 'draft' && s.canManage;
  const problems = editing ? problemsOf(draft.title, draft.definition) : [];

  /** Saves the draft; answers whether it is now stored as shown. */
  const save = async (quiet = false): Promise<boolean> => {
    if (problems.length > 0) {
      feedback.setError(problems[0] ?? null);
      return false;
    }
    let saved: Survey | undefined;
    let conflicted = false;
    const ok = await feedback.run(
      async () => {
        try {
          saved = await surveysApi.save(s.id, { ...bodyOf(draft), version });
        } catch (error) {
          if (isCode(error, 'version_conflict')) conflicted = true;
          throw error;
        }
      },
      quiet ? undefined : 'Đã lưu bản nháp.',
    );
    if (ok) {
      setConflict(false);
      setDirty(false);
      if (saved) setVersion(saved.version);
    } else if (conflicted) {
      // The alert above the builder says it, with its button: no toast on top.
      setConflict(true);
      feedback.clear();
    }
    return ok;
  };

  const reloadLatest = async () => {
    setConflict(false);
    feedback.clear();
    await survey.reload();
  };

  const publish = async () => {
    if (
      !window.confirm(
        'Phát hành khảo sát? Người dân sẽ trả lời được trong thời gian đã đặt; sau khi phát hành không sửa được câu hỏi nữa.',
      )
    ) {
      return;
    }
    if (dirty && !(await save(true))) return;
    const ok = await feedback.run(
      () => surveysApi.publish(s.id),
      'Đã phát hành khảo sát. Kết quả cập nhật trực tiếp ở thẻ Kết quả.',
    );
    if (ok) {
      await survey.reload();
      setTab('results');
    }
  };

  const close = async () => {
    if (!window.confirm('Đóng khảo sát? Người dân không gửi ý kiến được nữa.')) return;
    const ok = await feedback.run(() => surveysApi.close(s.id), 'Đã đóng khảo sát.');
    if (ok) await survey.reload();
  };

  const remove = async () => {
    if (!window.confirm(`Xoá bản nháp "${s.title}"? Không hoàn tác được.`)) return;
    const ok = await feedback.run(() => surveysApi.remove(s.id));
    if (ok) {
      setDirty(false);
      navigate('/khao-sat');
    }
  };

  return (
    <section className="page">
      <p>
        <Link href="/khao-sat">‹ Khảo sát</Link>
      </p>
      <header className="page__header row-between">
        <div>
          <h1>
            {s.title} <SurveyStatusBadge survey={s} />
          </h1>
          <p className="muted">
            {formatDateTime(s.opensAt)} – {formatDateTime(s.closesAt)} ·{' '}
            {AUDIENCE_LABELS[s.audience]}
            {s.agencyName ? ` · ${s.agencyName}` : ''}
            {editing ? ` · phiên bản ${version}` : ''}
          </p>
        </div>
        <div className="row svc-actions">
          {editing ? (
            <>
              {dirty ? <span className="svc-dirty">Chưa lưu</span> : null}
              <button type="button" disabled={feedback.busy} onClick={() => void remove()}>
                Xoá nháp
              </button>
              <button type="button" disabled={feedback.busy || !dirty} onClick={() => void save()}>
                Lưu nháp
              </button>
              <button
                type="button"
                className="primary"
                disabled={feedback.busy || problems.length > 0}
                onClick={() => void publish()}
              >
                Phát hành
              </button>
            </>
          ) : null}
          {s.status === 'published' && s.canManage ? (
            <button
              type="button"
              className="svc-danger"
              disabled={feedback.busy}
              onClick={() => void close()}
            >
              Đóng khảo sát
            </button>
          ) : null}
        </div>
      </header>
      {conflict ? (
        <div className="alert alert--error" role="alert">
          <p>{CONFLICT}</p>
          <button type="button" onClick={() => void reloadLatest()}>
            Tải bản mới nhất
          </button>
        </div>
      ) : null}
      <Tabs<SurveyTab>
        label="Khảo sát"
        value={tab}
        onChange={setTab}
        tabs={[
          { id: 'content', label: editing ? 'Soạn câu hỏi' : 'Nội dung' },
          { id: 'results', label: 'Kết quả' },
        ]}
      />
      {tab === 'content' && editing ? (
        <>
          {problems.length > 0 ? (
            <div className="alert svc-problems" role="status">
              <p>Cần hoàn thiện trước khi lưu hoặc phát hành:</p>
              <ul>
                {problems.slice(0, 6).map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <SurveyBuilder draft={draft} onChange={edit} />
        </>
      ) : null}
      {tab === 'content' && !editing ? (
        <>
          {s.description ? <p className="block svc-description">{s.description}</p> : null}
          <SurveyPreview definition={s.definition} />
        </>
      ) : null}
      {tab === 'results' ? <SurveyResultsView surveyId={s.id} status={s.status} /> : null}
      <Toast feedback={feedback} />
    </section>
  );
}

export default function SurveyPage() {
  const { id = '' } = useParams<{ id: string }>();
  return <Editor key={id} id={id} />;
}
