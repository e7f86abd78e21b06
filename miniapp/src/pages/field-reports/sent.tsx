import './reports.css';
import { useRecoilValue } from 'recoil';
import { Button, useNavigate, useParams } from 'zmp-ui';
import { AppIcon, registerIcons } from '../../components/app-icon';
import { useT } from '../../i18n/use-t';
import { copyText, showToast } from '../../services/zalo';
import { receiptsState } from '../../state/reports';
import { ReportPage } from './components/report-page';
import { Notice } from './components/states';
import { REPORT_SVG } from './icons.gen';

registerIcons(REPORT_SVG);

/** The receipt: the tracking code, large and copyable, and what happens next. */
export default function SentPage() {
  const t = useT();
  const navigate = useNavigate();
  const { code = '' } = useParams();
  const receipts = useRecoilValue(receiptsState);
  const receipt = receipts.find((r) => r.code === code);

  const copy = async () => {
    const copied = await copyText(code);
    void showToast(copied.ok ? `${t('common.copied')}: ${code}` : copied.error.message);
  };

  return (
    <ReportPage title={t('reports.sent.title')} parent="/field-reports">
      <section className="receipt card">
        <span className="receipt__icon">
          <AppIcon icon="zi-check-circle-solid" size={56} />
        </span>
        <h2 className="receipt__title">{t('reports.sent.title')}</h2>
        <p className="receipt__thanks">{t('reports.sent.thanks')}</p>
        <p className="receipt__label">{t('reports.sent.code')}</p>
        <p className="receipt__code" data-testid="tracking-code">
          {code}
        </p>
        <Button
          variant="secondary"
          onClick={() => void copy()}
          prefixIcon={<AppIcon icon="zi-copy" size={20} />}
        >
          {t('common.copy')}
        </Button>
        <p className="receipt__keep">{t('reports.sent.keep')}</p>
        {receipt && !receipt.followToken ? (
          <Notice tone="warning">{t('reports.sent.noToken')}</Notice>
        ) : null}
      </section>
      <div className="receipt__actions">
        <Button fullWidth onClick={() => navigate(`/field-reports/r/${code}`)}>
          {t('reports.sent.view')}
        </Button>
        <Button fullWidth variant="secondary" onClick={() => navigate('/field-reports/new')}>
          {t('reports.sent.another')}
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
