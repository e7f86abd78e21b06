import type { InferResponseType } from 'hono/client';
import { type ApiResult, api } from '../api';
import { apiCall } from '../appointments/http';
import type { Place, PlaceFacets, PlaceFilter, PlacePage, PlacePoints } from './types';

/** /api/v1/places: the digital map for everyone. */

const BASE = '/api/v1/places';

// The screens read the hand-written types; these fail to compile when the API's answers
// no longer fit them.
const pl = api.api.v1.places;
type Assignable<T extends U, U> = T;
export type _Checks = [
  Assignable<InferResponseType<typeof pl.$get, 200>, PlacePage>,
  Assignable<InferResponseType<typeof pl.points.$get, 200>, PlacePoints>,
  Assignable<InferResponseType<typeof pl.facets.$get, 200>, PlaceFacets>,
  Assignable<InferResponseType<(typeof pl)[':id']['$get'], 200>, { place: Place }>,
];

type Lang = 'vi' | 'en';

export const placesClient = {
  list: (
    filter: PlaceFilter & { near?: { lat: number; lng: number }; cursor?: string; lang: Lang },
  ): Promise<ApiResult<PlacePage>> => {
    const { near, ...rest } = filter;
    return apiCall(BASE, {
      query: {
        ...rest,
        // ~1 m precision is plenty and keeps the URL (and the cache key) stable.
        ...(near ? { near: `${near.lat.toFixed(5)},${near.lng.toFixed(5)}` } : {}),
        limit: '20',
      },
    });
  },

  points: (
    bbox: { south: number; west: number; north: number; east: number },
    filter: PlaceFilter & { lang: Lang },
  ): Promise<ApiResult<PlacePoints>> =>
    apiCall(`${BASE}/points`, {
      query: {
        ...filter,
        // Rounded outwards to 0.01°: a small pan asks the same URL again and hits the cache.
        bbox: [
          Math.floor(bbox.south * 100) / 100,
          Math.floor(bbox.west * 100) / 100,
          Math.ceil(bbox.north * 100) / 100,
          Math.ceil(bbox.east * 100) / 100,
        ].join(','),
      },
    }),

  facets: (): Promise<ApiResult<PlaceFacets>> => apiCall(`${BASE}/facets`),

  place: async (id: string, lang: Lang): Promise<ApiResult<Place>> => {
    const result = await apiCall<{ place: Place }>(`${BASE}/${encodeURIComponent(id)}`, {
      query: { lang },
    });
    return result.ok ? { ...result, data: result.data.place } : result;
  },
};

/** A tel: link for a number as written ("0293 3876 333" → tel:02933876333). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** Directions in the phone's maps app (Google Maps opens the app when installed). */
export function directionsHref(place: { lat: number; lng: number }): string {
  return `https://www.google.com/maps/dir/?api=1&destination=${place.lat},${place.lng}`;
}
