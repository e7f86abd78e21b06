import type { InferResponseType } from 'hono/client';
import { type ApiResult, api, apiUrl } from '../api';
import { apiCall } from '../appointments/http';
import { sessionStore } from '../auth/store';
import type {
  AbuseReason,
  Listing,
  ListingInput,
  ListingKind,
  ListingSummary,
  MyListing,
  ProductGroup,
} from './types';

/** /api/v1/market: public listings, the citizen's own listings and abuse reports. */

const BASE = '/api/v1/market';

// The screens read the hand-written types; these fail to compile when the API's answers
// no longer fit them.
const market = api.api.v1.market;
type Assignable<T extends U, U> = T;
export type _Checks = [
  Assignable<
    InferResponseType<typeof market.listings.$get, 200>,
    { items: ListingSummary[]; nextCursor: string | null }
  >,
  Assignable<InferResponseType<(typeof market.listings)[':id']['$get'], 200>, Listing>,
  Assignable<InferResponseType<typeof market.mine.listings.$get, 200>, { items: MyListing[] }>,
  Assignable<InferResponseType<typeof market.mine.listings.$post, 201>, MyListing>,
];

const id = (value: string) => encodeURIComponent(value);
const fresh = true;

/** A photo's address on the API (the answers carry paths). */
export const photoSrc = (url: string) => apiUrl(url);

export type UploadProgress = { sent: number; total: number };

export const marketClient = {
  listings: (query: {
    q?: string;
    kind?: ListingKind;
    group?: ProductGroup;
    commune?: string;
    ocop?: 'true';
    cursor?: string;
  }): Promise<ApiResult<{ items: ListingSummary[]; nextCursor: string | null }>> =>
    apiCall(`${BASE}/listings`, { query: { ...query, limit: 20 } }),

  listing: (listingId: string): Promise<ApiResult<Listing>> =>
    apiCall(`${BASE}/listings/${id(listingId)}`),

  mine: (): Promise<ApiResult<{ items: MyListing[] }>> =>
    apiCall(`${BASE}/mine/listings`, { fresh }),

  post: (json: ListingInput & { requestKey: string }): Promise<ApiResult<MyListing>> =>
    apiCall(`${BASE}/mine/listings`, { method: 'POST', json }),

  renew: (listingId: string): Promise<ApiResult<MyListing>> =>
    apiCall(`${BASE}/mine/listings/${id(listingId)}/renew`, { method: 'POST' }),

  close: (listingId: string): Promise<ApiResult<MyListing>> =>
    apiCall(`${BASE}/mine/listings/${id(listingId)}/close`, { method: 'POST' }),

  report: (listingId: string, reason: AbuseReason, note: string): Promise<ApiResult<unknown>> =>
    apiCall(`${BASE}/listings/${id(listingId)}/reports`, {
      method: 'POST',
      json: { reason, note },
    }),

  /**
   * Adds a photo as the raw body, through XMLHttpRequest so the form shows the progress
   * (fetch() reports none; a photo on a rural 3G link takes a while).
   */
  async uploadPhoto(
    listingId: string,
    file: Blob,
    onProgress: (p: UploadProgress) => void,
  ): Promise<{ ok: true; data: MyListing } | { ok: false; message: string }> {
    const token = await sessionStore.token();
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', apiUrl(`${BASE}/mine/listings/${id(listingId)}/photos`));
      xhr.timeout = 5 * 60_000;
      xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
      xhr.setRequestHeader('Accept', 'application/json');
      if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.upload.onprogress = (e) =>
        onProgress({ sent: Math.min(e.loaded, file.size), total: file.size });
      xhr.onload = () => {
        let body: unknown;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          body = undefined;
        }
        if (xhr.status >= 200 && xhr.status < 300 && body) {
          onProgress({ sent: file.size, total: file.size });
          resolve({ ok: true, data: body as MyListing });
          return;
        }
        const message = (body as { error?: { message?: string } } | undefined)?.error?.message;
        resolve({
          ok: false,
          message: message ?? `Không tải ảnh lên được (mã ${xhr.status}). Vui lòng thử lại.`,
        });
      };
      xhr.onerror = () =>
        resolve({ ok: false, message: 'Mất kết nối khi tải ảnh lên. Vui lòng thử lại.' });
      xhr.ontimeout = () =>
        resolve({ ok: false, message: 'Tải ảnh lên quá lâu. Vui lòng thử lại.' });
      xhr.send(file);
    });
  },
};
