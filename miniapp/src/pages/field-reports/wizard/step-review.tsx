import { useSyncExternalStore } from 'react';
import { useRecoilValue } from 'recoil';
import { AppIcon } from '../../../components/app-icon';
import type { MessageKey } from '../../../i18n';
import { useLanguage, useT } from '../../../i18n/use-t';
import { formatBytes } from '../../../services/reports/format';
import { formatLatLng } from '../../../services/reports/geo';
import { normalizeVietnamesePhone } from '../../../services/reports/phone';
import { uploadProgress } from '../../../services/reports/progress';
import { type WizardMedia, wizardState } from '../../../state/reports';
import { ProgressBar } from '../components/progress-bar';
import { useCategories, useCommunes } from '../data';
import { type Followed, SimilarReports } from './nearby';
import { STEPS, type Step } from './rules';

const SOURCE_KEYS = {
  gps: 'reports.review.sourceGps',
  zalo: 'reports.review.sourceZalo',
  pin: 'reports.review.sourcePin',
  address: 'reports.review.sourceAddress',
} as const satisfies Record<string, MessageKey>;

type ReviewTitle =
  | 'reports.review.category'
  | 'reports.review.media'
  | 'reports.review.location'
  | 'reports.review.description'
  | 'reports.review.contact';

function useFileProgress(submissionId: string, localId: string) {
  return useSyncExternalStore(uploadProgress.subscribe, () =>
    uploadProgress.get(submissionId, localId),
  );
}

function MediaRow({
  item,
  submissionId,
  showProgress,
}: {
  item: WizardMedia;
  submissionId: string;
  showProgress: boolean;
}) {
  const t = useT();
  const [language] = useLanguage();
  const progress = useFileProgress(submissionId, item.localId);
  return (
    <li className="review-media">
      {item.kind === 'photo' ? (
        <img className="review-media__thumb" src={item.previewUrl} alt="" />
      ) : (
        <span className="review-media__thumb review-media__thumb--video">
          <AppIcon icon="zi-video" size={24} />
        </span>
      )}
      <span className="review-media__body">
        <span className="review-media__name">
          {item.name} · {formatBytes(item.blob.size, language)}
        </span>
        {showProgress || progress ? (
          progress?.done ? (
            <span className="review-media__done">
              <AppIcon icon="zi-check-circle-solid" size={18} />
              {t('reports.review.uploaded')}
            </span>
          ) : (
            <ProgressBar
              value={progress?.sent ?? 0}
              max={progress?.total ?? item.blob.size}
              label={t('reports.review.uploading', { name: item.name })}
            />
          )
        ) : null}
      </span>
    </li>
  );
}

type StepReviewProps = { onEdit: (step: number) => void; sending: boolean };

function ReviewRow({
  step,
  title,
  onEdit,
  sending,
  children,
}: StepReviewProps & { step: Step; title: ReviewTitle; children: React.ReactNode }) {
  const t = useT();
  return (
    <div className="review-row">
      <div className="review-row__head">
        <h3 className="review-row__title">{t(title)}</h3>
        <button
          type="button"
          className="review-row__edit"
          onClick={() => onEdit(STEPS.indexOf(step))}
          disabled={sending}
        >
          <AppIcon icon="zi-edit" size={18} />
          {t('common.edit')}
        </button>
      </div>
      <div className="review-row__body">{children}</div>
    </div>
  );
}

/**
 * Everything that will be sent, each part with a "Sửa" link back to its step; above it, the
 * similar open reports nearby ("Tôi cũng gặp vấn đề này"), when the report has a point.
 */
export function StepReview({
  onEdit,
  sending,
  onFollowed,
}: StepReviewProps & { onFollowed: (followed: Followed) => void }) {
  const t = useT();
  const [language] = useLanguage();
  const wizard = useRecoilValue(wizardState);
  const categories = useCategories();
  const communes = useCommunes();
  const category = categories.data?.find((c) => c.id === wizard.categoryId);
  const loc = wizard.location;
  const commune = communes.data?.find((c) => c.id === loc?.communeId);
  const name = wizard.contact.name.trim();
  const phone = wizard.contact.phone.trim();

  const rowProps = { onEdit, sending };
  const Row = ReviewRow;

  return (
    <>
      {wizard.categoryId && loc?.lat !== undefined && loc.lng !== undefined ? (
        <SimilarReports
          categoryId={wizard.categoryId}
          point={{ lat: loc.lat, lng: loc.lng }}
          description={wizard.description}
          disabled={sending}
          onFollowed={onFollowed}
        />
      ) : null}
      <section className="wizard-fieldset review card">
        <h2 className="wizard-question">{t('reports.review.title')}</h2>
        <Row {...rowProps} step="category" title="reports.review.category">
          {category ? (language === 'vi' ? category.name : category.nameEn) : wizard.categoryId}
        </Row>
        <Row {...rowProps} step="media" title="reports.review.media">
          {wizard.media.length === 0 ? (
            t('reports.review.noMedia')
          ) : (
            <ul className="review-media-list">
              {wizard.media.map((item) => (
                <MediaRow
                  key={item.localId}
                  item={item}
                  submissionId={wizard.submissionId}
                  showProgress={sending}
                />
              ))}
            </ul>
          )}
        </Row>
        <Row {...rowProps} step="location" title="reports.review.location">
          {loc ? (
            <>
              <span className="review-tag">{t(SOURCE_KEYS[loc.source])}</span>
              {loc.lat !== undefined && loc.lng !== undefined ? (
                <span> {formatLatLng({ lat: loc.lat, lng: loc.lng })}</span>
              ) : null}
              {commune ? <span className="review-line">{commune.fullName}</span> : null}
              {loc.address ? <span className="review-line">{loc.address}</span> : null}
            </>
          ) : null}
        </Row>
        <Row {...rowProps} step="description" title="reports.review.description">
          <span className="review-text">{wizard.description.trim()}</span>
        </Row>
        <Row {...rowProps} step="contact" title="reports.review.contact">
          {name || phone ? (
            <>
              {name ? <span className="review-line">{name}</span> : null}
              {phone ? (
                <span className="review-line">{normalizeVietnamesePhone(phone) ?? phone}</span>
              ) : null}
              {wizard.contact.agencyMayContact ? (
                <span className="review-line">{t('reports.review.agencyMayContact')}</span>
              ) : null}
              {phone && wizard.contact.znsConsent ? (
                <span className="review-line">{t('reports.review.znsConsent')}</span>
              ) : null}
            </>
          ) : (
            t('reports.contact.anonymous')
          )}
        </Row>
      </section>
    </>
  );
}
