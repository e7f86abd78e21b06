import { useNavigate } from 'zmp-ui';
import { useT } from '../../i18n/use-t';
import { photoSrc } from '../../services/market/client';
import { formatPrice, formatQuantity } from '../../services/market/format';
import type { ListingSummary } from '../../services/market/types';

/** The OCOP badge: gold, with its stars, readable by screen readers. */
export function OcopBadge({ stars }: { stars: number | null }) {
  const t = useT();
  if (!stars) return null;
  return (
    <span className="mk-ocop" role="img" aria-label={t('market.ocopA11y', { stars })}>
      {t('market.ocopBadge', { stars })}
    </span>
  );
}

/** One listing in a list: photo, kind, product, OCOP, quantity, price, commune. */
export function ListingCard({ listing, to }: { listing: ListingSummary; to?: string }) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <li>
      <button
        type="button"
        className={`mk-card${listing.ocopStars ? ' mk-card--ocop' : ''}`}
        data-listing={listing.id}
        onClick={() => navigate(to ?? `/agri-market/l/${listing.id}`)}
      >
        <span className="mk-card__photo" aria-hidden="true">
          {listing.photo ? (
            <img src={photoSrc(listing.photo.url)} alt="" loading="lazy" />
          ) : (
            <span className="mk-card__nophoto">{t('market.noPhoto')}</span>
          )}
        </span>
        <span className="mk-card__body">
          <span className="mk-card__top">
            <span className={`mk-kind mk-kind--${listing.kind}`}>
              {t(`market.kind.${listing.kind}`)}
            </span>
            <OcopBadge stars={listing.ocopStars} />
          </span>
          <span className="mk-card__product">{listing.product}</span>
          <span className="mk-card__price">
            {formatPrice(listing.priceVnd, listing.unit, t('market.agreed'))}
          </span>
          <span className="mk-card__meta">
            {formatQuantity(listing.quantity, listing.unit)} · {listing.communeName}
          </span>
        </span>
      </button>
    </li>
  );
}
