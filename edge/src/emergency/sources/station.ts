import { sql } from 'drizzle-orm';
import { formatNumber, formatVnTime } from '../../environment/alerts/statements';
import { METRICS, type MetricId } from '../../environment/metrics';
import type { Db } from '../../platform/db';
import type { AlertFields } from '../write';
import { DRAFT_WINDOW_MS, draftId, draftStatements, type GeneratedDraft } from './common';

// Source 1: sensor thresholds. A station alert (environment/alerts) raised at level 2 or more
// becomes a draft emergency alert for the station's commune, for an editor or the IOC to
// review and publish; level 1 stays a station notice. One draft per station alert
// (source 'station', source_ref = station_alerts.id); it is created once, by the job below,
// however often the job runs or the alert's level rises afterwards.

export const STATION_DRAFT_MIN_LEVEL = 2;
/** Older alerts are history by the time anyone could review them. */
const LOOKBACK_MS = 2 * 86_400_000;

const HAZARD_BY_METRIC: Partial<Record<MetricId, AlertFields['hazard']>> = {
  salinity: 'salinity',
  conductivity: 'salinity',
  rainfall: 'storm',
  wind_speed: 'storm',
  pm25: 'pollution',
  pm10: 'pollution',
  aqi: 'pollution',
  ph: 'pollution',
  water_temperature: 'pollution',
  air_temperature: 'drought',
};

interface Candidate {
  id: number;
  metric: string;
  level: number;
  raisedValue: number;
  peakValue: number;
  raisedAt: string;
  stationName: string;
  address: string | null;
  communeId: string | null;
  communeName: string | null;
}

export function stationDraft(a: Candidate, now: Date): GeneratedDraft {
  const info = (METRICS as Record<string, (typeof METRICS)[MetricId] | undefined>)[a.metric];
  const hazard = HAZARD_BY_METRIC[a.metric as MetricId] ?? 'other';
  const unit = info?.unit ? ` ${info.unit}` : '';
  const value = `${formatNumber(a.peakValue, info?.decimals ?? 1)}${unit}`;
  const name = info?.name ?? a.metric;
  const where = [a.stationName, a.address, a.communeName].filter(Boolean).join(', ');
  const instruction =
    hazard === 'salinity'
      ? 'Không lấy nước sông, kênh để tưới cây trồng và nuôi thủy sản; trữ nước ngọt; theo dõi thông báo của xã/phường.'
      : hazard === 'storm'
        ? 'Hạn chế ra ngoài; gia cố nhà cửa; tránh xa sông, kênh và cây cao; theo dõi thông báo của xã/phường.'
        : 'Hạn chế tiếp xúc; theo dõi thông báo của cơ quan chức năng.';
  const fields: AlertFields = {
    hazard,
    severity: a.level >= 3 ? 'extreme' : 'severe',
    urgency: 'expected',
    certainty: 'observed',
    headline: `${name} vượt ngưỡng cấp ${a.level} tại ${a.stationName}`,
    description: `Trạm quan trắc ${where} ghi nhận ${name.charAt(0).toLowerCase()}${name.slice(1)} ${value} (cấp ${a.level}) từ ${formatVnTime(a.raisedAt)}.`,
    instruction,
    en: null,
    provinceWide: false,
    communeIds: a.communeId ? [a.communeId] : [],
    onsetAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + DRAFT_WINDOW_MS).toISOString(),
  };
  return {
    id: draftId('station', a.id),
    source: 'station',
    sourceRef: String(a.id),
    agencyIds: ['so_nong_nghiep_moi_truong'],
    fields,
  };
}

/** Creates the missing drafts for active station alerts at level ≥ 2; returns how many. */
export async function draftsFromStationAlerts(db: Db, now: Date): Promise<number> {
  const since = new Date(now.getTime() - LOOKBACK_MS).toISOString();
  const candidates = await db.all<Candidate>(sql`select a.id, a.metric, a.level,
      a.raised_value as raisedValue, a.peak_value as peakValue, a.raised_at as raisedAt,
      s.name as stationName, s.address, s.commune_id as communeId, u.name as communeName
    from station_alerts a
    join stations s on s.id = a.station_id
    left join admin_units u on u.id = s.commune_id
    where a.status = 'active' and a.level >= ${STATION_DRAFT_MIN_LEVEL} and a.raised_at > ${since}
      and not exists (select 1 from emergency_alerts e
        where e.source = 'station' and e.source_ref = cast(a.id as text))
    order by a.id limit 50`);
  if (candidates.length === 0) return 0;
  const at = now.toISOString();
  const statements = candidates.flatMap((a) => draftStatements(db, stationDraft(a, now), at));
  await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
  return candidates.length;
}
