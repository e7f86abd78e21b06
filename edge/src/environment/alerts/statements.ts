import { stationAlerts } from '@tinh/db/schema';
import { and, eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../../platform/db';
import { METRICS, type MetricId } from '../metrics';
import type { AlertChanges } from './hysteresis';

// Alert changes as statements for the same batch as the readings that caused them: stored for
// the station page (station_alerts) and, for an alert raised or raised in level, an in-app
// notification to everyone who follows the station or its commune. The emergency-alerts
// module (a later issue) will read station_alerts too.
//
// A notification's dedupe key is the alert (station, metric, time raised) and its level, per
// recipient: a retried batch, or a follower of both the station and its commune, is told once.

export const ALERT_NOTIFICATION_KIND = 'environment.alert';

/** 2,41: numbers as Vietnamese readers write them. */
export function formatNumber(value: number, decimals: number): string {
  return value.toFixed(decimals).replace('.', ',');
}

/** 14:05 07/03/2026, on the Vietnamese clock. */
export function formatVnTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 7 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())} ${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

export interface AlertStation {
  id: string;
  name: string;
  communeId: string | null;
}

export function alertMessage(
  station: AlertStation,
  metric: MetricId,
  n: NonNullable<AlertChanges['notify']>,
): { title: string; body: string } {
  const info = METRICS[metric];
  const unit = info.unit ? ` ${info.unit}` : '';
  const value = `${formatNumber(n.value, info.decimals)}${unit}`;
  const threshold = `${formatNumber(n.threshold.value, info.decimals)}${unit}`;
  const crossed = n.threshold.direction === 'above' ? 'vượt ngưỡng' : 'dưới ngưỡng';
  return {
    title: `Cảnh báo ${info.name.charAt(0).toLowerCase()}${info.name.slice(1)}: ${station.name}`,
    body: `${info.name} ${value} lúc ${formatVnTime(n.at)}, ${crossed} cấp ${n.level} (${threshold}): ${n.threshold.label}.`,
  };
}

export function alertStatements(
  db: Db,
  station: AlertStation,
  metric: MetricId,
  changes: AlertChanges,
  now: string,
): BatchItem<'sqlite'>[] {
  const out: BatchItem<'sqlite'>[] = [];
  if (changes.existing) {
    const e = changes.existing;
    out.push(
      db
        .update(stationAlerts)
        .set({
          level: e.level,
          peakValue: e.peakValue,
          ...(e.clearedAt ? { status: 'cleared' as const, clearedAt: e.clearedAt } : {}),
          updatedAt: now,
        })
        .where(and(eq(stationAlerts.id, e.id), eq(stationAlerts.status, 'active'))),
    );
  }
  for (const c of changes.created) {
    out.push(
      db
        .insert(stationAlerts)
        .values({
          stationId: station.id,
          metric,
          level: c.level,
          status: c.clearedAt ? 'cleared' : 'active',
          raisedValue: c.raisedValue,
          peakValue: c.peakValue,
          raisedAt: c.raisedAt,
          clearedAt: c.clearedAt,
          createdAt: now,
          updatedAt: now,
        })
        // One active alert per station and metric (partial unique index): should another
        // already be active (an administrator's edit meanwhile), keep it rather than fail
        // the whole batch of readings.
        .onConflictDoNothing(),
    );
  }
  if (changes.notify) {
    const { title, body } = alertMessage(station, metric, changes.notify);
    const key = `env-alert:${station.id}:${metric}:${changes.notify.raisedAt}:${changes.notify.level}`;
    out.push(
      db.run(sql`
        insert into notifications
          (recipient_type, recipient_id, report_id, kind, title, body, dedupe_key, created_at)
        select f.follower_type, f.follower_id, null, ${ALERT_NOTIFICATION_KIND}, ${title}, ${body},
               ${key} || ':' || f.follower_type || ':' || f.follower_id, ${now}
        from environment_follows f
        where (f.subject_type = 'station' and f.subject_id = ${station.id})
           or (f.subject_type = 'commune' and f.subject_id = ${station.communeId ?? ''})
        group by f.follower_type, f.follower_id
        on conflict (dedupe_key) do nothing`),
    );
  }
  return out;
}
