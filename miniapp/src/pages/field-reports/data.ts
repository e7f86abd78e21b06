import { useEffect, useState } from 'react';
import { STORAGE_PREFIX } from '../../config';
import type { ApiError, ApiResult } from '../../services/api';
import { type ReportConfigAnswer, reportsClient } from '../../services/reports/client';
import { DEFAULT_BOUNDS, DEFAULT_CENTER } from '../../services/reports/geo';
import { loadReportConfig } from '../../services/reports/runtime';
import type { Category, Commune } from '../../services/reports/types';
import { getStorage, setStorage } from '../../services/zalo';

/**
 * Reference data of the field-report screens, fetched once per session and remembered
 * on the device: someone who opens the form with no network (in a field, after a storm)
 * still sees the categories and communes from their last visit and can save a draft.
 */

type Loaded<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'ready'; data: T; error?: undefined }
  | { status: 'error'; data?: undefined; error: ApiError };

function cachedResource<T>(key: string, fetcher: () => Promise<ApiResult<T>>) {
  const storageKey = `${STORAGE_PREFIX}cache.${key}`;
  let memo: T | undefined;
  let inflight: Promise<Loaded<T>> | undefined;

  async function load(): Promise<Loaded<T>> {
    if (memo !== undefined) return { status: 'ready', data: memo };
    inflight ??= (async (): Promise<Loaded<T>> => {
      const result = await fetcher();
      if (result.ok) {
        memo = result.data;
        void setStorage(storageKey, JSON.stringify(result.data));
        return { status: 'ready', data: result.data };
      }
      const saved = await getStorage(storageKey);
      if (saved.ok && saved.value) {
        try {
          memo = JSON.parse(saved.value) as T;
          return { status: 'ready', data: memo };
        } catch {
          // Damaged cache: report the fetch error below.
        }
      }
      return { status: 'error', error: result.error };
    })().finally(() => {
      inflight = undefined;
    });
    return inflight;
  }

  return function useResource(): Loaded<T> & { reload: () => void } {
    const [state, setState] = useState<Loaded<T>>(
      memo !== undefined ? { status: 'ready', data: memo } : { status: 'loading' },
    );
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      let live = true;
      if (attempt > 0) setState({ status: 'loading' });
      void load().then((next) => {
        if (live) setState(next);
      });
      return () => {
        live = false;
      };
    }, [attempt]);
    return { ...state, reload: () => setAttempt((n) => n + 1) };
  };
}

export const useCategories = cachedResource<Category[]>('categories', reportsClient.categories);

export const useCommunes = cachedResource<Commune[]>('communes', async () => {
  const result = await reportsClient.communes();
  if (!result.ok) return result;
  const collator = new Intl.Collator('vi');
  return { ...result, data: [...result.data].sort((a, b) => collator.compare(a.name, b.name)) };
});

/** Limits shown before the first answer, and kept when offline: the API's defaults. */
export const FALLBACK_CONFIG: ReportConfigAnswer = {
  limits: {
    maxPhotoBytes: 10_000_000,
    maxVideoBytes: 50_000_000,
    maxPhotos: 5,
    maxVideos: 1,
    chunkSize: 512 * 1024,
    uploadTtlHours: 72,
    acceptedTypes: {
      photo: ['image/jpeg', 'image/png', 'image/webp', 'image/heic'],
      video: ['video/mp4', 'video/quicktime'],
    },
    descriptionMin: 10,
    descriptionMax: 2000,
  },
  province: { id: 'hau-giang', name: 'Hậu Giang', center: DEFAULT_CENTER, bounds: DEFAULT_BOUNDS },
  categories: [],
  statuses: [],
  reopenDays: 7,
  nearbyMetres: 250,
  zaloLocation: false,
};

let configMemo: ReportConfigAnswer | undefined;

/** The API's report configuration; the defaults until it answers (or when offline). */
export function useReportConfig(): ReportConfigAnswer {
  const [config, setConfig] = useState(configMemo ?? FALLBACK_CONFIG);
  useEffect(() => {
    if (configMemo) return;
    let live = true;
    void loadReportConfig().then((loaded) => {
      if (!loaded) return;
      configMemo = loaded;
      if (live) setConfig(loaded);
    });
    return () => {
      live = false;
    };
  }, []);
  return config;
}
