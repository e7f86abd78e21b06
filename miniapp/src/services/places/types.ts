// The digital map's answers (edge/src/places/schemas.ts), as the screens read them.

export type PlaceDomain = 'health' | 'education' | 'tourism';
export type PlaceCategory =
  | 'hospital'
  | 'clinic'
  | 'pharmacy'
  | 'kindergarten'
  | 'school'
  | 'university'
  | 'restaurant'
  | 'hotel'
  | 'sight'
  | 'market';

export const DOMAINS: readonly PlaceDomain[] = ['health', 'education', 'tourism'];

export const CATEGORIES_OF: Record<PlaceDomain, readonly PlaceCategory[]> = {
  health: ['hospital', 'clinic', 'pharmacy'],
  education: ['kindergarten', 'school', 'university'],
  tourism: ['sight', 'restaurant', 'hotel', 'market'],
};

export type Place = {
  id: string;
  domain: PlaceDomain;
  category: PlaceCategory;
  name: string;
  address: string;
  communeId: string | null;
  communeName: string | null;
  lat: number;
  lng: number;
  phone: string | null;
  website: string | null;
  openingHours: string | null;
  description: string;
  distanceMetres?: number;
};

export type PlacePage = { items: Place[]; nextCursor: string | null };

export type PlacePoint = {
  id: string;
  lat: number;
  lng: number;
  category: PlaceCategory;
  name: string;
};

export type PlacePoints = { points: PlacePoint[]; capped: boolean; cap: number };

export type PlaceFacets = {
  domains: { key: string; count: number }[];
  categories: { key: string; count: number }[];
  communes: { key: string; name: string; count: number }[];
};

export type PlaceFilter = {
  domain?: PlaceDomain;
  category?: PlaceCategory;
  commune?: string;
  q?: string;
};
