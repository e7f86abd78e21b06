import '../field-reports/reports.css';
import './training.css';
import { useState } from 'react';
import { useRecoilValue } from 'recoil';
import { useParams } from 'zmp-ui';
import { AppIcon, registerIcons } from '../../components/app-icon';
import { useApi } from '../../hooks/use-api';
import { useLanguage, useT } from '../../i18n/use-t';
import { apiUrl } from '../../services/api';
import { formatBytes } from '../../services/reports/format';
import { trainingClient } from '../../services/training/client';
import type { CourseDetail, Material } from '../../services/training/types';
import { openWebview } from '../../services/zalo';
import { sessionState } from '../../state/session';
import { useNow } from '../appointments/components/shared';
import { ReportPage } from '../field-reports/components/report-page';
import { ErrorState, LoadingBlock, Notice } from '../field-reports/components/states';
import { REPORT_SVG } from '../field-reports/icons.gen';
import { SessionCard } from './components/session-card';

registerIcons(REPORT_SVG);

/** An absolute address: Zalo's webview (and a new browser tab) need one. */
function absolute(url: string): string {
  return new URL(apiUrl(url), window.location.href).href;
}

function Materials({ materials }: { materials: Material[] }) {
  const t = useT();
  const [language] = useLanguage();
  const [problem, setProblem] = useState<string>();
  if (materials.length === 0) return null;
  const open = async (material: Material) => {
    setProblem(undefined);
    const result = await openWebview(absolute(material.url));
    if (!result.ok) setProblem(result.error.message);
  };
  return (
    <section className="rp-section card" aria-labelledby="training-materials">
      <h2 id="training-materials" className="rp-section__title">
        <AppIcon icon="zi-note" size={22} />
        {t('training.materials')}
      </h2>
      <ul className="training-materials">
        {materials.map((m) => (
          <li key={m.id}>
            <button
              type="button"
              className="training-material"
              onClick={() => void open(m)}
              data-material={m.id}
            >
              <span className="training-material__text">
                <span className="training-material__title">{m.title}</span>
                <span className="rp-card__meta">
                  {m.fileName} · {formatBytes(m.bytes, language)}
                </span>
              </span>
              <span className="training-material__action">{t('training.download')}</span>
            </button>
          </li>
        ))}
      </ul>
      {problem ? <Notice tone="error">{problem}</Notice> : null}
    </section>
  );
}

function CourseView({ course, onChanged }: { course: CourseDetail; onChanged: () => void }) {
  const t = useT();
  const now = useNow();
  const open = course.status !== 'cancelled';
  const sessions = [...course.sessions].sort(
    (a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt),
  );
  return (
    <>
      <section className="rp-section card">
        <h2 className="training-course__title">{course.title}</h2>
        {course.agencyName ? <p className="rp-card__meta">{course.agencyName}</p> : null}
        {course.audience ? (
          <p className="training-course__audience">
            {t('training.for', { audience: course.audience })}
          </p>
        ) : null}
        {course.description ? (
          <p className="training-course__description">{course.description}</p>
        ) : null}
      </section>
      {open ? null : <Notice tone="warning">{t('training.cancelled')}</Notice>}
      <section aria-labelledby="training-sessions" className="training-sessions">
        <h2 id="training-sessions" className="training-group">
          {t('training.sessions', { count: sessions.length })}
        </h2>
        {sessions.length === 0 ? (
          <p className="training-muted">{t('training.noSessions')}</p>
        ) : (
          <ul className="rp-list">
            {sessions.map((s) => (
              <SessionCard
                key={s.id}
                session={s}
                courseOpen={open}
                now={now}
                onChanged={onChanged}
              />
            ))}
          </ul>
        )}
      </section>
      <Materials materials={course.materials} />
    </>
  );
}

/** A course: what it is, its sessions (register, join, ask) and its materials. */
export default function CoursePage() {
  const t = useT();
  const { id = '' } = useParams();
  const { ready, session } = useRecoilValue(sessionState);
  // The meeting links and "registered" marks depend on who asks: fetch again on sign-in.
  const course = useApi(
    () => (ready ? trainingClient.course(id) : null),
    [id, ready, session?.token],
  );
  const data = course.data?.id === id ? course.data : undefined;

  return (
    <ReportPage title={t('training.title')} parent="/online-training">
      {!data && course.status === 'loading' ? <LoadingBlock /> : null}
      {!data && course.status === 'error' ? (
        <ErrorState
          message={course.error.message}
          onRetry={course.error.status === 404 ? undefined : course.reload}
        />
      ) : null}
      {data ? <CourseView course={data} onChanged={course.reload} /> : null}
      {data && course.status === 'error' ? (
        <Notice tone="warning">{course.error.message}</Notice>
      ) : null}
    </ReportPage>
  );
}
