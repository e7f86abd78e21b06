import type { ApiResult } from '../api';
import { apiCall } from '../appointments/http';
import type { PublicAlert } from '../emergency/types';
import type { ArticleSummary } from '../news/types';

/** /api/v1/home: the pinned alerts and the latest news in one request. */

export interface HomeData {
  alerts: PublicAlert[];
  news: ArticleSummary[];
  generatedAt: string;
}

const CACHE_KEY = 'home.data';

/** The last answer, shown at once and while offline (small: five summaries, a few alerts). */
export function cachedHome(commune: string | null, lang: string): HomeData | null {
  try {
    const raw = localStorage.getItem(CACHE_KEY);
    if (!raw) return null;
    const saved = JSON.parse(raw) as { key: string; data: HomeData };
    if (saved.key !== `${commune ?? ''}|${lang}`) return null;
    // An expired alert must not stay pinned just because the phone is offline.
    const now = Date.now();
    const alerts = saved.data.alerts.filter((a) => Date.parse(a.expiresAt) > now);
    return { ...saved.data, alerts };
  } catch {
    return null;
  }
}

export async function loadHome(commune: string | null, lang: string): Promise<ApiResult<HomeData>> {
  const result = await apiCall<HomeData>('/api/v1/home', {
    query: { commune: commune ?? undefined, lang },
  });
  if (result.ok) {
    try {
      localStorage.setItem(
        CACHE_KEY,
        JSON.stringify({ key: `${commune ?? ''}|${lang}`, data: result.data }),
      );
    } catch {
      // storage full or private mode: the next visit simply waits for the network
    }
  }
  return result;
}
