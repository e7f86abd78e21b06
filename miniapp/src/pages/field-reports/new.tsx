import './reports.css';
import { useEffect, useRef, useState } from 'react';
import { useRecoilState } from 'recoil';
import { Button, useNavigate } from 'zmp-ui';
import { AppIcon, registerIcons } from '../../components/app-icon';
import { useLanguage, useT } from '../../i18n/use-t';
import { outbox } from '../../services/reports/runtime';
import { draftFromWizard, freshWizard, wizardState } from '../../state/reports';
import { ReportPage } from './components/report-page';
import { Notice } from './components/states';
import { useReportConfig } from './data';
import { REPORT_SVG } from './icons.gen';
import type { Followed } from './wizard/nearby';
import { problemText, STEP_TITLES, STEPS, stepProblem } from './wizard/rules';
import { StepCategory } from './wizard/step-category';
import { StepContact } from './wizard/step-contact';
import { StepDescription } from './wizard/step-description';
import { StepLocation } from './wizard/step-location';
import { StepMedia } from './wizard/step-media';
import { StepReview } from './wizard/step-review';

registerIcons(REPORT_SVG);

type SendState =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'saved'; message: string }
  | { kind: 'rejected'; message: string }
  /** The citizen followed a similar open report ("Tôi cũng gặp vấn đề này") instead. */
  | ({ kind: 'followed' } & Followed);

/**
 * The report form, one question per screen: category → photos/video → location →
 * description → contact → review and send. Sending goes through the outbox, so a report
 * that cannot leave the phone now is kept (photos included) and sent later. The review
 * offers similar open reports nearby; following one of them ends the form without sending.
 */
export default function NewReportPage() {
  const t = useT();
  const [language] = useLanguage();
  const navigate = useNavigate();
  const config = useReportConfig();
  const [wizard, setWizard] = useRecoilState(wizardState);
  const [problem, setProblem] = useState<string>();
  const [send, setSend] = useState<SendState>({ kind: 'idle' });
  const sendingRef = useRef(false);
  const topRef = useRef<HTMLDivElement>(null);

  const step = Math.min(wizard.step, STEPS.length - 1);
  const current = STEPS[step] ?? 'category';
  const limits = {
    descriptionMin: config.limits.descriptionMin,
    descriptionMax: config.limits.descriptionMax,
    bounds: config.province.bounds,
  };

  // A new step starts at its top, not where the previous one was scrolled to.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on step change only
  useEffect(() => {
    topRef.current?.scrollIntoView({ block: 'start' });
    setProblem(undefined);
  }, [step]);

  const goTo = (next: number) =>
    setWizard((w) => ({ ...w, step: Math.max(0, Math.min(STEPS.length - 1, next)) }));

  const next = () => {
    const found = stepProblem(wizard, current, limits);
    if (found) {
      setProblem(problemText(language, found, { province: config.province.name }));
      return;
    }
    goTo(step + 1);
  };

  const back = () => {
    if (step === 0) navigate(-1);
    else goTo(step - 1);
  };

  const submit = async () => {
    if (sendingRef.current) return;
    // Every step again: a draft reopened for fixing may have been saved long ago.
    for (const [index, name] of STEPS.entries()) {
      const found = stepProblem(wizard, name, limits);
      if (found) {
        goTo(index);
        setProblem(problemText(language, found, { province: config.province.name }));
        return;
      }
    }
    sendingRef.current = true;
    setSend({ kind: 'sending' });
    try {
      const draft = draftFromWizard(wizard);
      const existing = await outbox.get(draft.submissionId);
      // Written to the device before the first byte leaves it; keeps what earlier
      // attempts uploaded so they are not sent again.
      await outbox.put({
        ...draft,
        media: draft.media.map((m) => ({
          ...m,
          upload: m.upload ?? existing?.media.find((e) => e.localId === m.localId)?.upload,
        })),
        attempts: existing?.attempts ?? 0,
      });
      const outcome = await outbox.sendOne(draft.submissionId);
      if (outcome.ok) {
        for (const item of wizard.media) URL.revokeObjectURL(item.previewUrl);
        setWizard(freshWizard());
        navigate(`/field-reports/sent/${outcome.receipt.code}`, { replace: true });
        return;
      }
      const { code, message } = outcome.error;
      if (!outcome.retryable) {
        setSend({ kind: 'rejected', message: t('reports.review.rejected', { message }) });
      } else if (code === 'network' || code === 'timeout' || !message) {
        setSend({ kind: 'saved', message: t('reports.review.savedOffline') });
      } else {
        // A busy server (5xx) or too many reports in a minute (429): say which.
        setSend({ kind: 'saved', message: t('reports.review.savedLater', { message }) });
      }
    } finally {
      sendingRef.current = false;
    }
  };

  const followed = async (f: Followed) => {
    // The problem is already reported: this report is not needed any more, neither in the
    // form nor in the outbox (where an earlier failed send may have kept it to send later).
    try {
      await outbox.remove(wizard.submissionId);
    } catch {
      // Storage unavailable: nothing was kept there either.
    }
    for (const item of wizard.media) URL.revokeObjectURL(item.previewUrl);
    setWizard(freshWizard());
    setSend({ kind: 'followed', ...f });
  };

  if (send.kind === 'followed') {
    return (
      <ReportPage title={t('reports.followed.pageTitle')} parent="/field-reports">
        <section className="receipt card" data-testid="followed">
          <span className="receipt__icon">
            <AppIcon icon="zi-check-circle-solid" size={56} />
          </span>
          <h2 className="receipt__title">{t('reports.followed.title')}</h2>
          <p className="receipt__thanks">
            {send.added
              ? t('reports.followed.thanks', { count: send.supporterCount })
              : t('reports.followed.already')}
          </p>
          <p className="receipt__label">{t('reports.followed.code')}</p>
          <p className="receipt__code">{send.code}</p>
          <p className="receipt__keep">{t('reports.followed.notify')}</p>
        </section>
        <div className="receipt__actions">
          <Button fullWidth onClick={() => navigate(`/field-reports/r/${send.code}`)}>
            {t('reports.sent.view')}
          </Button>
          <Button
            fullWidth
            variant="tertiary"
            onClick={() => navigate('/field-reports', { replace: true, direction: 'backward' })}
          >
            {t('reports.sent.home')}
          </Button>
        </div>
      </ReportPage>
    );
  }

  const sending = send.kind === 'sending';
  const saved = send.kind === 'saved';

  const leaveSaved = () => {
    // The draft is in the outbox now; the form starts afresh next time.
    setWizard(freshWizard());
    navigate('/field-reports', { replace: true, direction: 'backward' });
  };

  const footer = saved ? (
    <div className="wizard-footer wizard-footer--even">
      <Button variant="secondary" onClick={leaveSaved}>
        {t('reports.sent.home')}
      </Button>
      <Button onClick={() => void submit()}>{t('reports.drafts.resend')}</Button>
    </div>
  ) : (
    <div className="wizard-footer">
      <Button variant="secondary" onClick={back} disabled={sending}>
        {t('common.back')}
      </Button>
      {current === 'review' ? (
        <Button onClick={() => void submit()} loading={sending} disabled={sending}>
          {sending ? t('reports.review.sending') : t('reports.review.send')}
        </Button>
      ) : (
        <Button onClick={next}>{t('common.next')}</Button>
      )}
    </div>
  );

  return (
    <ReportPage title={t('reports.hub.new')} parent="/field-reports" footer={footer}>
      <div ref={topRef} className="wizard-progress">
        <p className="wizard-progress__text">
          <span>{t('reports.step', { current: step + 1, total: STEPS.length })}</span>
          <strong>{t(STEP_TITLES[current])}</strong>
        </p>
        <ol className="wizard-progress__bar" aria-hidden="true">
          {STEPS.map((name, index) => (
            <li
              key={name}
              className={index <= step ? 'wizard-progress__dot is-done' : 'wizard-progress__dot'}
            />
          ))}
        </ol>
      </div>

      {current === 'category' ? <StepCategory onPicked={() => goTo(1)} /> : null}
      {current === 'media' ? <StepMedia /> : null}
      {current === 'location' ? <StepLocation /> : null}
      {current === 'description' ? <StepDescription /> : null}
      {current === 'contact' ? <StepContact /> : null}
      {current === 'review' ? (
        <StepReview onEdit={goTo} sending={sending} onFollowed={(f) => void followed(f)} />
      ) : null}

      {problem ? <Notice tone="error">{problem}</Notice> : null}
      {send.kind === 'saved' || send.kind === 'rejected' ? (
        <Notice tone={send.kind === 'saved' ? 'warning' : 'error'}>{send.message}</Notice>
      ) : null}
    </ReportPage>
  );
}
