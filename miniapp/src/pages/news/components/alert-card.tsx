import { useNavigate } from 'zmp-ui';
import { useT } from '../../../i18n/use-t';
import { SEVERITY_COLOUR, vnTime } from '../../../services/emergency/client';
import type { AlertState, Hazard, PublicAlert } from '../../../services/emergency/types';

export const HAZARD_ICON: Record<Hazard, string> = {
  storm: '🌀',
  flood: '🌊',
  salinity: '🧂',
  drought: '☀️',
  landslide: '⛰️',
  epidemic: '🦠',
  fire: '🔥',
  pollution: '🏭',
  infrastructure: '⚡',
  other: '⚠️',
};

/** One alert in a list: severity colour down the side, hazard, headline, area and until when. */
export function AlertCard({ alert, state }: { alert: PublicAlert; state?: AlertState }) {
  const t = useT();
  const navigate = useNavigate();
  const ended = state === 'expired' || state === 'cancelled';
  return (
    <li>
      <button
        type="button"
        className={`alert-card${ended ? ' alert-card--ended' : ''}`}
        style={{ borderLeftColor: SEVERITY_COLOUR[alert.severity] }}
        onClick={() => navigate(`/government-news/a/${alert.id}`)}
        data-alert={alert.id}
      >
        <span className="alert-card__icon" aria-hidden="true">
          {HAZARD_ICON[alert.hazard]}
        </span>
        <span className="alert-card__text">
          <span className="alert-card__badge" style={{ color: SEVERITY_COLOUR[alert.severity] }}>
            {t(`alert.severity.${alert.severity}`)} · {t(`alert.hazard.${alert.hazard}`)}
          </span>
          <span className="alert-card__headline">{alert.headline}</span>
          <span className="alert-card__meta">
            {alert.provinceWide
              ? t('alert.provinceWide')
              : alert.areas.map((a) => a.name).join(', ')}
          </span>
          <span className="alert-card__meta">
            {state === 'cancelled'
              ? t('alert.cancelled')
              : state === 'expired'
                ? t('alert.expired')
                : t('alert.window', { from: vnTime(alert.onsetAt), to: vnTime(alert.expiresAt) })}
          </span>
        </span>
      </button>
    </li>
  );
}
