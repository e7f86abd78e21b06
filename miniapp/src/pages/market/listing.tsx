import '../field-reports/reports.css';
import '../jobs/jobs.css';
import './market.css';
import { useState } from 'react';
import { Button, Spinner, useParams } from 'zmp-ui';
import { AppIcon } from '../../components/app-icon';
import { Field } from '../../components/field';
import { SignInGate } from '../../components/sign-in-gate';
import { useApi } from '../../hooks/use-api';
import { useT } from '../../i18n/use-t';
import { marketClient, photoSrc } from '../../services/market/client';
import { daysLeft, formatPrice, formatQuantity } from '../../services/market/format';
import { ABUSE_REASONS, type AbuseReason } from '../../services/market/types';
import { formatVietnamesePhone } from '../../services/reports/phone';
import { openChat, showToast } from '../../services/zalo';
import { ReportPage } from '../field-reports/components/report-page';
import { OcopBadge } from './components';

/** One listing: photos, figures, place, and the contact (phone; Zalo chat inside Zalo). */
export default function ListingPage() {
  const t = useT();
  const { id = '' } = useParams();
  const listing = useApi(() => marketClient.listing(id), [id]);
  const [reporting, setReporting] = useState(false);

  if (listing.status === 'error') {
    return (
      <ReportPage title={t('market.title')} parent="/agri-market">
        <p className="rp-error" role="alert" data-testid="market-not-found">
          {listing.error.kind === 'http' && listing.error.status === 404
            ? t('market.notFound')
            : listing.error.message}
        </p>
      </ReportPage>
    );
  }
  if (!listing.data) {
    return (
      <ReportPage title={t('market.title')} parent="/agri-market">
        <div className="rp-loading" role="status">
          <Spinner visible />
        </div>
      </ReportPage>
    );
  }
  const l = listing.data;
  const chat = async () => {
    if (!l.zaloUserId) return;
    const result = await openChat({ type: 'user', id: l.zaloUserId });
    if (!result.ok) {
      void showToast(
        result.error.code === 'unsupported' ? t('market.zaloOutside') : result.error.message,
      );
    }
  };
  return (
    <ReportPage title={t('market.title')} parent="/agri-market">
      <article className="mk-detail" data-testid="market-listing" data-listing={l.id}>
        {l.photos.length > 0 ? (
          <div className="mk-photos">
            {l.photos.map((p) => (
              <img key={p.id} src={photoSrc(p.url)} alt={l.product} />
            ))}
          </div>
        ) : null}
        <div className="mk-card__top">
          <span className={`mk-kind mk-kind--${l.kind}`}>{t(`market.kind.${l.kind}`)}</span>
          <OcopBadge stars={l.ocopStars} />
          <span className="mk-muted">{t('market.expires', { days: daysLeft(l.expiresAt) })}</span>
        </div>
        <h2 className="mk-detail__title">{l.product}</h2>
        <p className="mk-detail__price">{formatPrice(l.priceVnd, l.unit, t('market.agreed'))}</p>
        <dl className="mk-facts">
          <dt>{t('market.quantity')}</dt>
          <dd>{formatQuantity(l.quantity, l.unit)}</dd>
          <dt>{t('market.place')}</dt>
          <dd>{[l.address, l.communeName].filter(Boolean).join(', ')}</dd>
        </dl>
        {l.description ? <p className="mk-detail__text">{l.description}</p> : null}
        <section className="mk-contact" aria-label={t('market.contact')}>
          <strong>{l.contactName}</strong>
          <a className="mk-call" href={`tel:${l.contactPhone}`} data-testid="market-call">
            <AppIcon icon="zi-call-solid" size={20} />
            {t('market.call', { phone: formatVietnamesePhone(l.contactPhone) })}
          </a>
          {l.zaloUserId ? (
            <Button
              variant="secondary"
              fullWidth
              onClick={() => void chat()}
              data-testid="market-zalo"
            >
              {t('market.zalo')}
            </Button>
          ) : null}
        </section>
        {reporting ? (
          <SignInGate title={t('market.signIn.report')} reason={t('market.signIn.reportReason')}>
            <ReportForm listingId={l.id} onDone={() => setReporting(false)} />
          </SignInGate>
        ) : (
          <button type="button" className="mk-link" onClick={() => setReporting(true)}>
            {t('market.report')}
          </button>
        )}
      </article>
    </ReportPage>
  );
}

function ReportForm({ listingId, onDone }: { listingId: string; onDone: () => void }) {
  const t = useT();
  const [reason, setReason] = useState<AbuseReason>('scam');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  return (
    <form
      className="mk-report"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        const result = await marketClient.report(listingId, reason, note);
        setBusy(false);
        if (!result.ok) {
          setProblem(result.error.message);
          return;
        }
        void showToast(t('market.reported'));
        onDone();
      }}
    >
      <Field label={t('market.reportReason')}>
        <select
          className="rp-input"
          value={reason}
          onChange={(e) => setReason(e.target.value as AbuseReason)}
        >
          {ABUSE_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`market.reason.${r}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('market.reportNote')}>
        <textarea
          className="rp-input"
          value={note}
          maxLength={1000}
          onChange={(e) => setNote(e.target.value)}
        />
      </Field>
      {problem ? (
        <p className="rp-error" role="alert">
          {problem}
        </p>
      ) : null}
      <Button htmlType="submit" fullWidth loading={busy}>
        {t('market.reportSend')}
      </Button>
    </form>
  );
}
