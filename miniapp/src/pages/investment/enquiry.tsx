import '../field-reports/reports.css';
import './investment.css';
import { useState } from 'react';
import { Button, Spinner, useNavigate, useSearchParams } from 'zmp-ui';
import { AppIcon, registerIcons } from '../../components/app-icon';
import { useApi } from '../../hooks/use-api';
import { useLanguage, useT } from '../../i18n/use-t';
import { investmentClient } from '../../services/investment/client';
import {
  checkEnquiry,
  type EnquiryDraft,
  type EnquiryField,
  enquiryBody,
  newRequestKey,
} from '../../services/investment/format';
import type { EnquiryResult } from '../../services/investment/types';
import { ReportPage } from '../field-reports/components/report-page';
import { EmptyState, Notice } from '../field-reports/components/states';
import { REPORT_SVG } from '../field-reports/icons.gen';

registerIcons(REPORT_SVG);

const BLANK: EnquiryDraft = {
  name: '',
  organisation: '',
  email: '',
  phone: '',
  country: '',
  message: '',
};

function Sent({ result, projectId }: { result: EnquiryResult; projectId?: string }) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <section className="rp-section card inv-sent" data-testid="invest-sent" role="status">
      <span className="inv-sent__icon">
        <AppIcon icon="zi-check-circle" size={40} />
      </span>
      <h2 className="rp-section__title">{t('invest.sent.title')}</h2>
      <p>
        {t('invest.sent.body', {
          agency: result.agencyName,
          code: result.id.slice(0, 8).toUpperCase(),
        })}
      </p>
      {projectId ? (
        <Button
          fullWidth
          variant="secondary"
          onClick={() => navigate(`/investment/p/${projectId}`, { replace: true })}
        >
          {t('invest.sent.project')}
        </Button>
      ) : null}
      <Button fullWidth onClick={() => navigate('/investment', { replace: true })}>
        {t('invest.sent.back')}
      </Button>
    </section>
  );
}

/**
 * The enquiry form. Its request key is chosen once and kept until the server confirms, so
 * "Gửi lại" after a lost answer or a timeout never creates a second enquiry.
 */
export default function EnquiryPage() {
  const t = useT();
  const [lang] = useLanguage();
  const [params] = useSearchParams();
  const projectId = params.get('project') ?? undefined;
  const agencyId = projectId ? undefined : (params.get('agency') ?? undefined);
  const project = useApi(
    () => (projectId ? investmentClient.project(projectId, lang) : null),
    [projectId, lang],
  );
  const [draft, setDraft] = useState<EnquiryDraft>(BLANK);
  const [requestKey] = useState(newRequestKey);
  const [tried, setTried] = useState(false);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [sent, setSent] = useState<EnquiryResult>();

  const problems = checkEnquiry(draft);
  const shown = tried ? problems : {};
  const errorOf = (field: EnquiryField) =>
    shown[field] ? t(`invest.err.${shown[field]}`) : undefined;

  const submit = async () => {
    setTried(true);
    if (Object.keys(problems).length > 0 || sending) return;
    setSending(true);
    setFailure(undefined);
    const result = await investmentClient.enquire(
      enquiryBody(draft, projectId ? { projectId } : { agencyId }, requestKey),
    );
    setSending(false);
    if (result.ok) setSent(result.data);
    else setFailure(t('invest.form.failed', { message: result.error.message }));
  };

  const field = (
    name: keyof EnquiryDraft,
    label: string,
    opts: { type?: string; optional?: boolean; error?: string; autoComplete?: string } = {},
  ) => (
    <label className="rp-field">
      <span className="rp-field__label">
        {label} {opts.optional ? <small>{t('invest.form.optional')}</small> : null}
      </span>
      <input
        className={`rp-input${opts.error ? ' rp-input--error' : ''}`}
        type={opts.type ?? 'text'}
        value={draft[name]}
        autoComplete={opts.autoComplete}
        aria-invalid={opts.error ? true : undefined}
        onChange={(e) => setDraft((d) => ({ ...d, [name]: e.target.value }))}
        data-testid={`invest-form-${name}`}
      />
      {opts.error ? <p className="inv-field-error">{opts.error}</p> : null}
    </label>
  );

  if (!projectId && !agencyId) {
    return (
      <ReportPage title={t('invest.form.title')} parent="/investment">
        <EmptyState icon="zi-info-circle">{t('invest.form.noTarget')}</EmptyState>
      </ReportPage>
    );
  }

  return (
    <ReportPage title={t('invest.form.title')} parent="/investment">
      {sent ? (
        <Sent result={sent} projectId={projectId} />
      ) : (
        <form
          className="rp-section card"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          {project.data ? (
            <p className="rp-section__title">
              {t('invest.form.about', { title: project.data.title })}
            </p>
          ) : null}
          <p className="rp-card__meta">{t('invest.form.hint')}</p>
          {field('name', t('invest.form.name'), { error: errorOf('name'), autoComplete: 'name' })}
          {field('organisation', t('invest.form.organisation'), {
            optional: true,
            autoComplete: 'organization',
          })}
          {field('email', t('invest.form.email'), {
            type: 'email',
            error: errorOf('email'),
            autoComplete: 'email',
          })}
          {field('phone', t('invest.form.phone'), {
            type: 'tel',
            error: errorOf('phone'),
            autoComplete: 'tel',
          })}
          {shown.contact ? <Notice tone="error">{t(`invest.err.${shown.contact}`)}</Notice> : null}
          {field('country', t('invest.form.country'), {
            optional: true,
            autoComplete: 'country-name',
          })}
          <label className="rp-field">
            <span className="rp-field__label">{t('invest.form.message')}</span>
            <textarea
              className={`rp-input rp-textarea${errorOf('message') ? ' rp-input--error' : ''}`}
              value={draft.message}
              placeholder={t('invest.form.messagePlaceholder')}
              maxLength={4000}
              onChange={(e) => setDraft((d) => ({ ...d, message: e.target.value }))}
              data-testid="invest-form-message"
            />
            {errorOf('message') ? <p className="inv-field-error">{errorOf('message')}</p> : null}
          </label>
          {failure ? <Notice tone="error">{failure}</Notice> : null}
          {sending ? (
            <div className="rp-loading" role="status" aria-live="polite">
              <Spinner visible />
              <span>{t('invest.form.sending')}</span>
            </div>
          ) : null}
          <Button
            htmlType="submit"
            fullWidth
            size="large"
            loading={sending}
            disabled={sending}
            data-testid="invest-form-send"
          >
            {failure ? t('invest.form.retry') : t('invest.form.send')}
          </Button>
        </form>
      )}
    </ReportPage>
  );
}
