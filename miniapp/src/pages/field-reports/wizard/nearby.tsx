import { useState } from 'react';
import { Button, useNavigate } from 'zmp-ui';
import { useApi } from '../../../hooks/use-api';
import { useLanguage, useT } from '../../../i18n/use-t';
import { mediaSrc, reportsClient } from '../../../services/reports/client';
import { formatDateTime } from '../../../services/reports/format';
import { formatDistance, type LatLng } from '../../../services/reports/geo';
import { getDeviceId } from '../../../services/zalo';
import { Notice } from '../components/states';
import { StatusBadge } from '../components/status-badge';

/**
 * "Tôi cũng gặp": open reports of the same category within 250 m of the chosen point.
 * Supporting one adds this device to its supporters (once) instead of filing a second
 * report about the same pothole.
 */
export function NearbyReports({ categoryId, point }: { categoryId: string; point: LatLng }) {
  const t = useT();
  const [language] = useLanguage();
  const navigate = useNavigate();
  // Rounded so that a pin nudged by a metre does not fetch again.
  const lat = Math.round(point.lat * 10_000) / 10_000;
  const lng = Math.round(point.lng * 10_000) / 10_000;
  const nearby = useApi(
    () => reportsClient.nearby({ lat, lng, categoryId }),
    [lat, lng, categoryId],
  );
  const [busy, setBusy] = useState<string>();
  const [supported, setSupported] = useState<Record<string, number>>({});
  const [thanked, setThanked] = useState<string>();
  const [problem, setProblem] = useState<string>();

  const items = nearby.data ?? [];
  if (items.length === 0) return null;

  const support = async (code: string) => {
    setBusy(code);
    setProblem(undefined);
    const result = await reportsClient.support(code, await getDeviceId());
    setBusy(undefined);
    if (!result.ok) {
      setProblem(result.error.message);
      return;
    }
    setSupported((s) => ({ ...s, [code]: result.data.supporterCount }));
    setThanked(code);
  };

  return (
    <section className="nearby card" aria-labelledby="nearby-title">
      <h3 id="nearby-title" className="nearby__title">
        {t('reports.nearby.title')}
      </h3>
      <p className="nearby__hint">{t('reports.nearby.hint', { count: items.length })}</p>
      {thanked ? (
        <div className="nearby__thanks">
          <Notice tone="success">{t('reports.nearby.thanks', { code: thanked })}</Notice>
          <div className="nearby__thanks-actions">
            <Button size="medium" onClick={() => navigate(`/field-reports/r/${thanked}`)}>
              {t('reports.nearby.view')}
            </Button>
            <Button size="medium" variant="secondary" onClick={() => setThanked(undefined)}>
              {t('reports.nearby.continue')}
            </Button>
          </div>
        </div>
      ) : null}
      {problem ? <Notice tone="error">{problem}</Notice> : null}
      <ul className="nearby__list">
        {items.map((item) => {
          const count = supported[item.code] ?? item.supporterCount;
          const done = item.code in supported;
          return (
            <li key={item.code} className="nearby__item">
              {item.photoUrl ? (
                <img
                  className="nearby__photo"
                  src={mediaSrc(item.photoUrl)}
                  alt=""
                  loading="lazy"
                />
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
                  {count > 0 ? ` · ${t('reports.nearby.supporters', { count })}` : ''}
                </p>
                <Button
                  size="medium"
                  variant={done ? 'tertiary' : 'primary'}
                  disabled={done || busy !== undefined}
                  loading={busy === item.code}
                  onClick={() => void support(item.code)}
                >
                  {done ? t('reports.nearby.supported') : t('reports.nearby.support')}
                </Button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
