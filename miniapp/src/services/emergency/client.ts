import type { ApiResult } from '../api';
import { apiCall } from '../appointments/http';
import type { AlertDetail, AlertList, Severity } from './types';

/** /api/v1/emergency-alerts: live alerts for a commune, and one alert. */

const BASE = '/api/v1/emergency-alerts';

export const emergencyClient = {
  list: (commune: string | null, lang: string): Promise<ApiResult<AlertList>> =>
    apiCall(BASE, { query: { commune: commune ?? undefined, lang } }),
  alert: (id: string, lang: string): Promise<ApiResult<AlertDetail>> =>
    apiCall(`${BASE}/${encodeURIComponent(id)}`, { query: { lang } }),
};

/** 19:30 22/11/2026 on the Vietnamese clock, whatever the phone's time zone. */
export function vnTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 7 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())} ${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

export const SEVERITY_COLOUR: Record<Severity, string> = {
  extreme: '#8b0000',
  severe: '#d32f2f',
  moderate: '#ef6c00',
  minor: '#f9a825',
};

const COMMUNE_KEY = 'emergency.commune';

/** The commune the person chose on the alerts screen (kept on this phone). */
export function savedCommune(): string | null {
  try {
    return localStorage.getItem(COMMUNE_KEY);
  } catch {
    return null;
  }
}

export function saveCommune(id: string | null): void {
  try {
    if (id) localStorage.setItem(COMMUNE_KEY, id);
    else localStorage.removeItem(COMMUNE_KEY);
  } catch {
    // private mode: the choice lasts this visit only
  }
}
