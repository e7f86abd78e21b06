import { useNavigate } from 'zmp-ui';
import { AppIcon } from '../../../components/app-icon';
import { useT } from '../../../i18n/use-t';
import type { Station } from '../../../services/environment/types';
import { LeadFigure, leadReading, OtherReadings, StationAge, stationTone } from './readings';

/** One station in the list: its name and place, the lead figure large, the rest small. */
export function StationCard({
  station,
  now,
  following,
}: {
  station: Station;
  now: Date;
  following?: boolean;
}) {
  const t = useT();
  const navigate = useNavigate();
  const lead = leadReading(station);
  const tone = stationTone(station, now);
  return (
    <li>
      <button
        type="button"
        className={`env-card env-card--${tone}`}
        data-station={station.id}
        onClick={() => navigate(`/environment/s/${encodeURIComponent(station.id)}`)}
      >
        <span className="env-card__head">
          <span className="env-card__name">
            {station.name}
            {following ? (
              <span className="env-card__following" title={t('env.follow.following')}>
                <AppIcon icon="zi-notif" size={16} />
              </span>
            ) : null}
          </span>
          <AppIcon icon="zi-chevron-right" size={20} className="env-card__chevron" />
        </span>
        <span className="env-card__place">
          {[station.communeName, station.address].filter(Boolean).join(' · ') ||
            t('env.station.noPlace')}
        </span>
        <span className="env-card__body">
          <LeadFigure station={station} now={now} size="medium" />
          <OtherReadings station={station} skip={lead?.metric} />
        </span>
        <StationAge station={station} now={now} />
      </button>
    </li>
  );
}

export function StationCardSkeleton({ count = 3 }: { count?: number }) {
  const t = useT();
  return (
    <ul className="env-list" aria-busy="true" aria-label={t('common.loading')}>
      {Array.from({ length: count }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
        <li key={i} className="env-card env-card--skeleton">
          <span className="skeleton skeleton--line skeleton--short" />
          <span className="skeleton skeleton--line skeleton--shorter" />
          <span className="env-card__body">
            <span className="skeleton env-skeleton-figure" />
            <span className="skeleton skeleton--line" />
          </span>
        </li>
      ))}
    </ul>
  );
}
