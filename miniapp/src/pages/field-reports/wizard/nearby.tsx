import { useState } from 'react';
import { Button } from 'zmp-ui';
import { useApi } from '../../../hooks/use-api';
import { useLanguage, useT } from '../../../i18n/use-t';
import { mediaSrc, reportsClient } from '../../../services/reports/client';
import { formatDateTime } from '../../../services/reports/format';
import { formatDistance, type LatLng } from '../../../services/reports/geo';
import { getDeviceId } from '../../../services/zalo';
import { LoadingBlock, Notice } from '../components/states';
import { StatusBadge } from '../components/status-badge';

export type Followed = { code: string; supporterCount: number; added: boolean };

/**
 * "Tôi cũng gặp vấn đề này", on the review step: before sending, the open reports near the
 * point that probably tell the same problem (the server compares category and words:
 * POST /reports/similar). Following one adds this device to its supporters (once) instead
 * of filing a second report about the same pothole, and `onFollowed` ends the wizard.
 *
 * Nothing here stands between the citizen and the "Gửi" button: while the search runs a
 * small spinner says so, and when it fails (a weak connection) a short notice says the check
 * did not happen and sending still works.
 */
export function SimilarReports({
  categoryId,
  point,
  description,
  disabled,
  onFollowed,
}: {
  categoryId: string;
  point: LatLng;
  description: string;
  /** While the report is being sent. */
  disabled: boolean;
  onFollowed: (followed: Followed) => void;
}) {
  const t = useT();
  const [language] = useLanguage();
  // Rounded so that a pin nudged by a metre does not search again.
  const lat = Math.round(point.lat * 10_000) / 10_000;
  const lng = Math.round(point.lng * 10_000) / 10_000;
  const text = description.trim();
  const similar = useApi(
    async () =>
      reportsClient.similar({
        lat,
        lng,
        categoryId,
        description: text,
        deviceId: await getDeviceId(),
      }),
    [lat, lng, categoryId, text],
  );
  const [busy, setBusy] = useState<string>();
  const [problem, setProblem] = useState<string>();

  if (similar.status === 'loading' && !similar.data) {
    return (
      <div className="nearby nearby--quiet" data-testid="similar-checking">
        <LoadingBlock label={t('reports.nearby.checking')} />
      </div>
    );
  }
  if (similar.status === 'error') {
    return (
      <div className="nearby nearby--quiet" data-testid="similar-error">
        <Notice tone="warning">{t('reports.nearby.loadError')}</Notice>
        <Button size="small" variant="tertiary" onClick={similar.reload}>
          {t('common.retry')}
        </Button>
      </div>
    );
  }
  const items = similar.data ?? [];
  if (items.length === 0) return null;

  const follow = async (code: string) => {
    setBusy(code);
    setProblem(undefined);
    const result = await reportsClient.support(code, await getDeviceId());
    setBusy(undefined);
    if (!result.ok) {
      setProblem(t('reports.nearby.followError', { message: result.error.message }));
      return;
    }
    onFollowed(result.data);
  };

  return (
    <section className="nearby card" aria-labelledby="nearby-title">
      <h3 id="nearby-title" className="nearby__title">
        {t('reports.nearby.title')}
      </h3>
      <p className="nearby__hint">{t('reports.nearby.hint', { count: items.length })}</p>
      {problem ? <Notice tone="error">{problem}</Notice> : null}
      <ul className="nearby__list">
        {items.map((item) => (
          <li key={item.code} className="nearby__item" data-code={item.code}>
            {item.photoUrl ? (
              <img className="nearby__photo" src={mediaSrc(item.photoUrl)} alt="" loading="lazy" />
            ) : null}
            <div className="nearby__body">
              <div className="rp-card__top">
                <StatusBadge status={item.status} />
                <span className="rp-card__code">{item.code}</span>
              </div>
              <p className="nearby__text">{item.description}</p>
              <p className="rp-card__meta">
                {t('reports.nearby.distance', {
                  distance: formatDistance(item.distanceMetres, language),
                })}{' '}
                · {formatDateTime(item.createdAt)}
                {item.supporterCount > 0
                  ? ` · ${t('reports.nearby.supporters', { count: item.supporterCount })}`
                  : ''}
              </p>
              <Button
                size="medium"
                disabled={disabled || busy !== undefined}
                loading={busy === item.code}
                onClick={() => void follow(item.code)}
              >
                {t('reports.nearby.follow')}
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
