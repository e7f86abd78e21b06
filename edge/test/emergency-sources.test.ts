import { auditLog, emergencyAlertAreas, emergencyAlerts } from '@tinh/db/schema';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { draftsFromClusterAlerts, draftsFromStationAlerts } from '../src/emergency/sources';
import { call } from './helpers';
import { seedStation } from './support/environment-seed';
import { db } from './support/officials';

// Drafts generated from sensor thresholds (station_alerts at level ≥ 2) and from approved
// report-hotspot warnings (cluster_alerts): created once, never published by themselves.

const draftsOf = (source: 'station' | 'cluster', ref: number) =>
  db()
    .select()
    .from(emergencyAlerts)
    .where(and(eq(emergencyAlerts.source, source), eq(emergencyAlerts.sourceRef, String(ref))));

async function stationAlert(stationId: string, metric: string, level: number) {
  const now = new Date().toISOString();
  const rows = await db().all<{ id: number }>(sql`insert into station_alerts
      (station_id, metric, level, status, raised_value, peak_value, raised_at, created_at, updated_at)
    values (${stationId}, ${metric}, ${level}, 'active', 4.1, 4.3, ${now}, ${now}, ${now})
    returning id`);
  return Number(rows[0]?.id);
}

beforeAll(async () => {
  await call('/api/v1/health');
}, 60_000);

describe('emergency alert sources', () => {
  it('drafts one alert per station alert at level 2 or more, for the station commune', async () => {
    const station = await seedStation({ communeId: 'hiep-hung', name: 'Trạm Cái Lớn thử' });
    const stationId = station.id;
    const low = await stationAlert(stationId, 'salinity', 1);
    const high = await stationAlert(stationId, 'conductivity', 2);

    await draftsFromStationAlerts(db(), new Date());
    await draftsFromStationAlerts(db(), new Date());

    expect(await draftsOf('station', low)).toHaveLength(0);
    const drafts = await draftsOf('station', high);
    expect(drafts).toHaveLength(1);
    const d = drafts[0];
    expect(d?.status).toBe('draft');
    expect(d?.hazard).toBe('salinity');
    expect(d?.severity).toBe('severe');
    expect(d?.agencyId).toBe('so_nong_nghiep_moi_truong');
    expect(d?.headline).toContain('cấp 2');
    const areas = await db()
      .select()
      .from(emergencyAlertAreas)
      .where(eq(emergencyAlertAreas.alertId, String(d?.id)));
    expect(areas.map((a) => a.communeId)).toEqual(['hiep-hung']);
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'emergency_alert'), eq(auditLog.entityId, String(d?.id))));
    expect(audit.map((a) => a.action)).toEqual(['emergency_alert.generate']);
  });

  it('drafts one alert per approved warning of an open cluster, none for draft warnings', async () => {
    const now = new Date().toISOString();
    const insert = (status: string) =>
      db().all<{ id: number }>(sql`insert into cluster_alerts (category_id, status, centroid_lat,
          centroid_lng, spread_metres, commune_id, report_count, first_report_at, last_report_at,
          warning_title, warning_body, warning_status, created_at, updated_at)
        values ('moi_truong', 'open', 9.78, 105.47, 300, 'phuong-binh', 7, ${now}, ${now},
          'Khói bụi từ bãi rác Phương Bình', 'Nhiều người dân phản ánh khói bụi.', ${status}, ${now}, ${now})
        returning id`);
    const approved = Number((await insert('approved'))[0]?.id);
    const pending = Number((await insert('draft'))[0]?.id);

    await draftsFromClusterAlerts(db(), new Date());
    await draftsFromClusterAlerts(db(), new Date());

    expect(await draftsOf('cluster', pending)).toHaveLength(0);
    const drafts = await draftsOf('cluster', approved);
    expect(drafts).toHaveLength(1);
    expect(drafts[0]?.status).toBe('draft');
    expect(drafts[0]?.hazard).toBe('pollution');
    expect(drafts[0]?.headline).toBe('Khói bụi từ bãi rác Phương Bình');
    expect(drafts[0]?.agencyId).toBe('ioc');

    // Nothing generated is public until a person publishes it.
    const res = await call(`/api/v1/emergency-alerts/${drafts[0]?.id}`);
    expect(res.status).toBe(404);
  });
});
