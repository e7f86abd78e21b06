/** The agricultural market's answers, as the screens read them (client.ts checks them). */

export type ListingKind = 'sell' | 'buy';
export const PRODUCT_GROUPS = [
  'rice',
  'fruit',
  'vegetables',
  'aquaculture',
  'livestock',
  'processed',
  'seedlings',
  'other',
] as const;
export type ProductGroup = (typeof PRODUCT_GROUPS)[number];
export const ABUSE_REASONS = ['scam', 'wrong_info', 'prohibited', 'spam', 'other'] as const;
export type AbuseReason = (typeof ABUSE_REASONS)[number];

export type Photo = { id: string; url: string };

export type ListingSummary = {
  id: string;
  kind: ListingKind;
  productGroup: ProductGroup;
  product: string;
  quantity: number;
  unit: string;
  priceVnd: number | null;
  communeId: string;
  communeName: string;
  ocopStars: number | null;
  photo: Photo | null;
  expiresAt: string;
  createdAt: string;
};

export type Listing = ListingSummary & {
  description: string;
  address: string;
  lat: number | null;
  lng: number | null;
  contactName: string;
  contactPhone: string;
  zaloChat: boolean;
  zaloUserId: string | null;
  photos: Photo[];
};

export type MyListing = Listing & {
  status: 'active' | 'expired' | 'closed' | 'hidden';
  moderationNote: string | null;
  renewedAt: string | null;
  version: number;
};

export type ListingInput = {
  kind: ListingKind;
  productGroup: ProductGroup;
  product: string;
  description: string;
  quantity: number;
  unit: string;
  priceVnd: number | null;
  communeId: string;
  address: string;
  ocopStars: 3 | 4 | 5 | null;
  contactName: string;
  contactPhone: string;
  zaloChat: boolean;
};
