import { adminUnits, agencies, emergencyAlertAreas, emergencyAlerts } from '@tinh/db/schema';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { englishColumn } from '../content/lang';
import { searchIndexStatements } from '../content/search-index';
import type { Db } from '../platform/db';
import { ApiError } from '../platform/errors';
import type { FullAlertRow } from './repo';

// Statements shared by the editors' routes and the generated drafts (sources/): the row's
// communes, its search entry, and the guard that makes a batch all-or-nothing on `version`.

export type AlertFields = {
  hazard: FullAlertRow['hazard'];
  severity: FullAlertRow['severity'];
  urgency: FullAlertRow['urgency'];
  certainty: FullAlertRow['certainty'];
  headline: string;
  description: string;
  instruction: string;
  en?: { headline?: string; description?: string; instruction?: string } | null;
  provinceWide: boolean;
  communeIds: string[];
  onsetAt: string;
  expiresAt: string;
};

/** UTC ISO with milliseconds, the one format stored: text comparison is time comparison. */
export const utc = (instant: string) => new Date(instant).toISOString();

/** The row's columns for `fields` (instants normalised to UTC). */
export function columnsOf(f: AlertFields) {
  return {
    hazard: f.hazard,
    severity: f.severity,
    urgency: f.urgency,
    certainty: f.certainty,
    headline: f.headline,
    description: f.description,
    instruction: f.instruction,
    en: englishColumn(f.en ?? null),
    provinceWide: f.provinceWide,
    onsetAt: utc(f.onsetAt),
    expiresAt: utc(f.expiresAt),
  };
}

/** The distinct communes of the area, or 400 `unknown_commune` naming those that do not exist. */
export async function checkCommunes(db: Db, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const found = await db
    .select({ id: adminUnits.id })
    .from(adminUnits)
    .where(and(inArray(adminUnits.id, unique), eq(adminUnits.level, 'commune')));
  const known = new Set(found.map((r) => r.id));
  const missing = unique.filter((id) => !known.has(id));
  if (missing.length > 0) {
    throw new ApiError(400, 'unknown_commune', 'Có xã/phường không tồn tại.', { missing });
  }
  return unique;
}

export async function checkAgency(db: Db, id: string) {
  const rows = await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, id));
  if (rows.length === 0) throw new ApiError(400, 'unknown_agency', 'Không có cơ quan này.');
}

/** Replace the alert's communes (none when province-wide). */
export function areaStatements(
  db: Db,
  alertId: string,
  provinceWide: boolean,
  communeIds: readonly string[],
): BatchItem<'sqlite'>[] {
  const out: BatchItem<'sqlite'>[] = [
    db.delete(emergencyAlertAreas).where(eq(emergencyAlertAreas.alertId, alertId)),
  ];
  if (!provinceWide && communeIds.length > 0) {
    out.push(
      db
        .insert(emergencyAlertAreas)
        .values(communeIds.map((communeId) => ({ alertId, communeId })))
        .onConflictDoNothing(),
    );
  }
  return out;
}

export function indexStatements(db: Db, alertId: string, f: AlertFields) {
  return searchIndexStatements(db, 'emergency_alert', alertId, [
    f.headline,
    f.description,
    f.instruction,
    f.en?.headline,
    f.en?.description,
    f.en?.instruction,
  ]);
}

/**
 * Fails the whole batch (NOT NULL on commune_id) unless the row now carries `version` and was
 * written at `at`, i.e. unless this batch's own update matched. Put it right after the update:
 * a stale `version` then leaves nothing written, not even the audit entry.
 */
export function versionGuard(db: Db, alertId: string, version: number, at: string) {
  return db.run(sql`insert into emergency_alert_areas (alert_id, commune_id)
    select ${alertId}, null where not exists (select 1 from emergency_alerts
      where id = ${alertId} and version = ${version} and updated_at = ${at})`);
}

const GUARD_FAILURE = 'emergency_alert_areas.commune_id';

export const versionConflict = () =>
  new ApiError(
    409,
    'version_conflict',
    'Nội dung đã được người khác sửa. Vui lòng tải lại rồi thử lại.',
  );

/** Runs a batch that holds a versionGuard: a guard failure becomes 409 `version_conflict`. */
export async function guardedBatch(db: Db, statements: BatchItem<'sqlite'>[]) {
  try {
    return await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  } catch (e) {
    const text = `${String(e)} ${String((e as { cause?: unknown }).cause ?? '')}`;
    if (text.includes('NOT NULL') && text.includes(GUARD_FAILURE)) throw versionConflict();
    throw e;
  }
}

export const alertUpdate = (db: Db) => db.update(emergencyAlerts);
