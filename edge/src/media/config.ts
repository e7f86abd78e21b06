import type { Env } from '../platform/env';

// Upload limits are configuration (wrangler.toml [vars]) and are shown to the citizen
// before they pick files (GET /api/v1/reports/config).

export interface MediaLimits {
  maxPhotoBytes: number;
  maxVideoBytes: number;
  maxPhotos: number;
  maxVideos: number;
  chunkBytes: number;
  ttlHours: number;
}

export const DEFAULT_LIMITS: MediaLimits = {
  maxPhotoBytes: 10_000_000,
  maxVideoBytes: 50_000_000,
  maxPhotos: 5,
  maxVideos: 1,
  chunkBytes: 512 * 1024,
  ttlHours: 72,
};

/** The smallest and largest chunk sizes accepted from configuration. */
const MIN_CHUNK = 64 * 1024;
const MAX_CHUNK = 5 * 1024 * 1024;

function positiveInt(value: string | number | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : fallback;
}

export function mediaLimits(env: Partial<Env>): MediaLimits {
  const chunk = positiveInt(env.UPLOAD_CHUNK_BYTES, DEFAULT_LIMITS.chunkBytes);
  return {
    maxPhotoBytes: positiveInt(env.MAX_PHOTO_BYTES, DEFAULT_LIMITS.maxPhotoBytes),
    maxVideoBytes: positiveInt(env.MAX_VIDEO_BYTES, DEFAULT_LIMITS.maxVideoBytes),
    maxPhotos: positiveInt(env.MAX_PHOTOS, DEFAULT_LIMITS.maxPhotos),
    maxVideos: positiveInt(env.MAX_VIDEOS, DEFAULT_LIMITS.maxVideos),
    chunkBytes: Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, chunk)),
    ttlHours: positiveInt(env.UPLOAD_TTL_HOURS, DEFAULT_LIMITS.ttlHours),
  };
}

/** "10 MB", "512 KB": sizes as the citizen reads them in messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) return `${Number((bytes / 1_000_000).toFixed(1))} MB`;
  if (bytes >= 1_000) return `${Math.round(bytes / 1_000)} KB`;
  return `${bytes} byte`;
}

/** Public URL of a media file, relative to the API origin. */
export const mediaUrl = (id: string) => `/api/v1/media/${id}`;
