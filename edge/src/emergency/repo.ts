import {
  adminUnits,
  agencies,
  auditLog,
  emergencyAlertAreas,
  emergencyAlerts,
} from '@tinh/db/schema';
import { and, asc, desc, eq, gt, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { parseEnglish } from '../content/lang';
import type { Db } from '../platform/db';
import { ApiError } from '../platform/errors';
import { type AlertRow, type AreaRow, alertColumns } from './live';

// Reading emergency alerts (one or a page) and the statements that notify the followers of a
// commune. Writes are composed in work-routes.ts and sources/, each in one batch.

export const NOTIFICATION_KIND = 'emergency.alert';
/** Ended alerts stay on the public list (and in the CAP feed) this long. */
export const RECENT_DAYS = 7;

export type FullAlertRow = AlertRow & {
  source: 'editor' | 'station' | 'cluster';
  sourceRef: string | null;
  status: 'draft' | 'published' | 'cancelled';
  cancelledAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
};

const fullColumns = {
  ...alertColumns,
  source: emergencyAlerts.source,
  sourceRef: emergencyAlerts.sourceRef,
  status: emergencyAlerts.status,
  cancelledAt: emergencyAlerts.cancelledAt,
  version: emergencyAlerts.version,
  createdAt: emergencyAlerts.createdAt,
  updatedAt: emergencyAlerts.updatedAt,
};

export type AlertState = 'draft' | 'live' | 'upcoming' | 'expired' | 'cancelled';

export function stateOf(
  row: { status: string; onsetAt: string; expiresAt: string },
  now: Date,
): AlertState {
  if (row.status === 'draft') return 'draft';
  if (row.status === 'cancelled') return 'cancelled';
  const at = now.toISOString();
  if (row.expiresAt <= at) return 'expired';
  return row.onsetAt > at ? 'upcoming' : 'live';
}

function areasQuery(db: Db, where: SQL) {
  return db
    .select({ alertId: emergencyAlertAreas.alertId, id: adminUnits.id, name: adminUnits.name })
    .from(emergencyAlertAreas)
    .innerJoin(adminUnits, eq(adminUnits.id, emergencyAlertAreas.communeId))
    .where(where)
    .orderBy(asc(adminUnits.name));
}

/** One alert with its communes, any status; null when there is none. */
export async function findAlert(
  db: Db,
  id: string,
): Promise<{ row: FullAlertRow; areas: AreaRow[] } | null> {
  const [rows, areas] = await db.batch([
    db
      .select(fullColumns)
      .from(emergencyAlerts)
      .innerJoin(agencies, eq(agencies.id, emergencyAlerts.agencyId))
      .where(eq(emergencyAlerts.id, id)),
    areasQuery(db, eq(emergencyAlertAreas.alertId, id)),
  ]);
  const row = rows[0] as FullAlertRow | undefined;
  return row ? { row, areas } : null;
}

/** Alerts that ended (expired or cancelled) since `since`, any area or in `communeId`'s. */
export async function recentlyEnded(
  db: Db,
  opts: { communeId: string | null; now: Date; limit: number; anyArea?: boolean },
): Promise<{ rows: FullAlertRow[]; areas: AreaRow[] }> {
  const at = opts.now.toISOString();
  const since = new Date(opts.now.getTime() - RECENT_DAYS * 86_400_000).toISOString();
  const ended = or(
    and(
      eq(emergencyAlerts.status, 'published'),
      lt(emergencyAlerts.expiresAt, sql`${at}`),
      gt(emergencyAlerts.expiresAt, since),
    ),
    and(eq(emergencyAlerts.status, 'cancelled'), gt(emergencyAlerts.cancelledAt, since)),
  ) as SQL;
  const area = opts.anyArea
    ? sql`1 = 1`
    : opts.communeId
      ? sql`(${emergencyAlerts.provinceWide} = 1 or exists (select 1 from ${emergencyAlertAreas} x
          where x.alert_id = ${emergencyAlerts.id} and x.commune_id = ${opts.communeId}))`
      : sql`${emergencyAlerts.provinceWide} = 1`;
  const rows = (await db
    .select(fullColumns)
    .from(emergencyAlerts)
    .innerJoin(agencies, eq(agencies.id, emergencyAlerts.agencyId))
    .where(and(ended, area))
    .orderBy(desc(sql`coalesce(${emergencyAlerts.cancelledAt}, ${emergencyAlerts.expiresAt})`))
    .limit(opts.limit)) as FullAlertRow[];
  const areas =
    rows.length > 0
      ? await areasQuery(
          db,
          inArray(
            emergencyAlertAreas.alertId,
            rows.map((r) => r.id),
          ),
        )
      : [];
  return { rows, areas };
}

/** Every published or cancelled alert that is live, upcoming or recently ended (CAP feed). */
export async function feedAlerts(db: Db, now: Date) {
  const since = new Date(now.getTime() - RECENT_DAYS * 86_400_000).toISOString();
  const rows = (await db
    .select(fullColumns)
    .from(emergencyAlerts)
    .innerJoin(agencies, eq(agencies.id, emergencyAlerts.agencyId))
    .where(
      or(
        and(eq(emergencyAlerts.status, 'published'), gt(emergencyAlerts.expiresAt, since)),
        and(eq(emergencyAlerts.status, 'cancelled'), gt(emergencyAlerts.cancelledAt, since)),
      ),
    )
    .orderBy(desc(emergencyAlerts.updatedAt))
    .limit(100)) as FullAlertRow[];
  return rows;
}

// ---- the editors' list ----------------------------------------------------------------------

function decodeCursor(text: string): { updatedAt: string; id: string } {
  try {
    const [updatedAt, id] = JSON.parse(atob(text.replace(/-/g, '+').replace(/_/g, '/')));
    if (typeof updatedAt === 'string' && typeof id === 'string') return { updatedAt, id };
  } catch {
    // answered below
  }
  throw new ApiError(400, 'invalid_cursor', 'Con trỏ trang không hợp lệ.');
}

const encodeCursor = (r: { updatedAt: string; id: string }) =>
  btoa(JSON.stringify([r.updatedAt, r.id]))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** A page of alerts, most recently edited first; `agencyId` null: every agency's. */
export async function workList(
  db: Db,
  q: {
    agencyId: string | null;
    status?: FullAlertRow['status'];
    source?: FullAlertRow['source'];
    cursor?: string;
    limit: number;
  },
) {
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  const conditions: SQL[] = [];
  if (q.agencyId) conditions.push(eq(emergencyAlerts.agencyId, q.agencyId));
  if (q.status) conditions.push(eq(emergencyAlerts.status, q.status));
  if (q.source) conditions.push(eq(emergencyAlerts.source, q.source));
  if (after) {
    conditions.push(
      sql`(${emergencyAlerts.updatedAt} < ${after.updatedAt} or (${emergencyAlerts.updatedAt} = ${after.updatedAt} and ${emergencyAlerts.id} < ${after.id}))`,
    );
  }
  const rows = (await db
    .select(fullColumns)
    .from(emergencyAlerts)
    .innerJoin(agencies, eq(agencies.id, emergencyAlerts.agencyId))
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(emergencyAlerts.updatedAt), desc(emergencyAlerts.id))
    .limit(q.limit + 1)) as FullAlertRow[];
  const page = rows.slice(0, q.limit);
  const areas =
    page.length > 0
      ? await areasQuery(
          db,
          inArray(
            emergencyAlertAreas.alertId,
            page.map((r) => r.id),
          ),
        )
      : [];
  const last = page[page.length - 1];
  return {
    page,
    areas,
    nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null,
  };
}

export function toWorkAlert(row: FullAlertRow, areas: readonly AreaRow[], now: Date) {
  const en = parseEnglish(row.en);
  const pick = (k: string) => (typeof en[k] === 'string' ? (en[k] as string) : undefined);
  return {
    id: row.id,
    agencyId: row.agencyId,
    agencyName: row.agencyName,
    source: row.source,
    sourceRef: row.sourceRef,
    hazard: row.hazard,
    severity: row.severity,
    urgency: row.urgency,
    certainty: row.certainty,
    headline: row.headline,
    description: row.description,
    instruction: row.instruction,
    en: row.en
      ? {
          headline: pick('headline'),
          description: pick('description'),
          instruction: pick('instruction'),
        }
      : null,
    provinceWide: Boolean(row.provinceWide),
    areas: areas.filter((a) => a.alertId === row.id).map((a) => ({ id: a.id, name: a.name })),
    onsetAt: row.onsetAt,
    expiresAt: row.expiresAt,
    status: row.status,
    state: stateOf(row, now),
    publishedAt: row.publishedAt,
    cancelledAt: row.cancelledAt,
    revision: row.revision,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

// ---- followers --------------------------------------------------------------------------------

/** The followers of the alert's area (a commune in it, or any commune when province-wide). */
const followersOfArea = (alertId: string, provinceWide: boolean) =>
  provinceWide
    ? sql`f.subject_type = 'commune'`
    : sql`f.subject_type = 'commune' and f.subject_id in
        (select commune_id from emergency_alert_areas where alert_id = ${alertId})`;

/** How many people (users and devices, each once) follow a commune of the alert's area. */
export async function countFollowers(db: Db, alertId: string, provinceWide: boolean) {
  const rows = await db.all<{ n: number }>(sql`select count(*) as n from
    (select distinct f.follower_type, f.follower_id from environment_follows f
     where ${followersOfArea(alertId, provinceWide)})`);
  return Number(rows[0]?.n ?? 0);
}

/**
 * One in-app notification per follower of the area for this published revision. The dedupe
 * key names the alert, the revision and the follower, so publishing (or retrying) twice
 * notifies once. It is a single INSERT … SELECT run by the database: no per-follower round
 * trip from the Worker, however many follow. Run it in the batch that writes the revision,
 * after the area rows, so a new area is read.
 */
export function notifyStatement(
  db: Db,
  alert: { id: string; revision: number; provinceWide: boolean },
  message: { title: string; body: string },
  now: string,
): BatchItem<'sqlite'> {
  const key = `emergency:${alert.id}:${alert.revision}`;
  return db.run(sql`
    insert into notifications
      (recipient_type, recipient_id, report_id, kind, title, body, link, dedupe_key, created_at)
    select f.follower_type, f.follower_id, null, ${NOTIFICATION_KIND}, ${message.title},
           ${message.body}, ${`/government-news/a/${alert.id}`},
           ${key} || ':' || f.follower_type || ':' || f.follower_id, ${now}
    from environment_follows f
    where ${followersOfArea(alert.id, alert.provinceWide)}
    group by f.follower_type, f.follower_id
    on conflict (dedupe_key) do nothing`);
}

/** How many notifications a revision produced (read after its batch). */
export async function notifiedCount(db: Db, alertId: string, revision: number) {
  const prefix = `emergency:${alertId}:${revision}:`;
  const rows = await db.all<{ n: number }>(
    sql`select count(*) as n from notifications where dedupe_key >= ${prefix} and dedupe_key < ${`${prefix}\uffff`}`,
  );
  return Number(rows[0]?.n ?? 0);
}

/** Audit actions that produce a published revision, in order: their times are CAP <sent>. */
export const REVISION_ACTIONS = [
  'emergency_alert.publish',
  'emergency_alert.revise',
  'emergency_alert.cancel',
] as const;

/** The times of the alert's published revisions, revision 1 first. */
export async function revisionTimes(db: Db, alertId: string): Promise<string[]> {
  const rows = await db
    .select({ at: auditLog.at })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.entityType, 'emergency_alert'),
        eq(auditLog.entityId, alertId),
        inArray(auditLog.action, [...REVISION_ACTIONS]),
      ),
    )
    .orderBy(asc(auditLog.id));
  return rows.map((r) => r.at);
}
