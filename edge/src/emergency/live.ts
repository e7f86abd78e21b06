import { z } from '@hono/zod-openapi';
import {
  ALERT_CERTAINTIES,
  ALERT_HAZARDS,
  ALERT_SEVERITIES,
  ALERT_URGENCIES,
  adminUnits,
  agencies,
  emergencyAlertAreas,
  emergencyAlerts,
} from '@tinh/db/schema';
import { and, asc, desc, eq, exists, gt, lte, or, type SQL, sql } from 'drizzle-orm';
import { type Lang, localize } from '../content/lang';
import type { Db } from '../platform/db';

// Live emergency alerts: published, and now inside their validity window. Used by the public
// list (/api/v1/emergency-alerts) and by the home screen, which pins them as a banner in the
// same round trip as the latest news. That is why this module hands out drizzle queries
// rather than running them: the caller puts them into its own `db.batch([...])`.

/** Text fields an editor may translate into English (the `en` JSON column). */
export const ALERT_TEXT_FIELDS = ['headline', 'description', 'instruction'] as const;

/** At most this many alerts are live for one person: more would not fit a banner anyway. */
const LIVE_LIMIT = 20;

export const AlertAreaSchema = z
  .object({ id: z.string(), name: z.string() })
  .openapi('EmergencyAlertArea');

export const PublicAlertSchema = z
  .object({
    id: z.string(),
    hazard: z.enum(ALERT_HAZARDS),
    severity: z.enum(ALERT_SEVERITIES),
    urgency: z.enum(ALERT_URGENCIES),
    certainty: z.enum(ALERT_CERTAINTIES),
    headline: z.string(),
    description: z.string(),
    instruction: z.string(),
    provinceWide: z.boolean(),
    areas: z.array(AlertAreaSchema).openapi({ description: 'Các xã/phường (rỗng nếu toàn tỉnh)' }),
    onsetAt: z.string().openapi({ description: 'Bắt đầu hiệu lực (UTC ISO 8601)' }),
    expiresAt: z.string().openapi({ description: 'Hết hiệu lực (UTC ISO 8601)' }),
    publishedAt: z.string().nullable(),
    revision: z.number().int().openapi({ description: 'Lần công bố (1 = lần đầu)' }),
    agency: z.object({ id: z.string(), name: z.string() }),
  })
  .openapi('PublicEmergencyAlert');
export type PublicAlert = z.infer<typeof PublicAlertSchema>;

/** Most severe first: the order of ALERT_SEVERITIES. */
export const severityRank = sql<number>`case ${emergencyAlerts.severity}
  when 'extreme' then 0 when 'severe' then 1 when 'moderate' then 2 else 3 end`;

/** The condition "published and valid at `now`, for someone in `communeId`". */
export function liveCondition(communeId: string | null, now: Date): SQL {
  const at = now.toISOString();
  const inArea = communeId
    ? or(
        eq(emergencyAlerts.provinceWide, true),
        exists(
          sql`(select 1 from ${emergencyAlertAreas} where ${emergencyAlertAreas.alertId} = ${emergencyAlerts.id} and ${emergencyAlertAreas.communeId} = ${communeId})`,
        ),
      )
    : eq(emergencyAlerts.provinceWide, true);
  return and(
    eq(emergencyAlerts.status, 'published'),
    lte(emergencyAlerts.onsetAt, at),
    gt(emergencyAlerts.expiresAt, at),
    inArea,
  ) as SQL;
}

export const alertColumns = {
  id: emergencyAlerts.id,
  hazard: emergencyAlerts.hazard,
  severity: emergencyAlerts.severity,
  urgency: emergencyAlerts.urgency,
  certainty: emergencyAlerts.certainty,
  headline: emergencyAlerts.headline,
  description: emergencyAlerts.description,
  instruction: emergencyAlerts.instruction,
  en: emergencyAlerts.en,
  provinceWide: emergencyAlerts.provinceWide,
  onsetAt: emergencyAlerts.onsetAt,
  expiresAt: emergencyAlerts.expiresAt,
  publishedAt: emergencyAlerts.publishedAt,
  revision: emergencyAlerts.revision,
  agencyId: emergencyAlerts.agencyId,
  agencyName: agencies.name,
};

/**
 * Two queries for one `db.batch`: the live alerts for `communeId` (null: province-wide ones
 * only), most severe then newest first, and the communes of those alerts. Pass both results,
 * in that order, to `toPublicAlerts`.
 */
export function liveAlertsQueries(db: Db, opts: { communeId: string | null; now: Date }) {
  const where = liveCondition(opts.communeId, opts.now);
  const alerts = db
    .select(alertColumns)
    .from(emergencyAlerts)
    .innerJoin(agencies, eq(agencies.id, emergencyAlerts.agencyId))
    .where(where)
    .orderBy(severityRank, desc(emergencyAlerts.publishedAt), desc(emergencyAlerts.id))
    .limit(LIVE_LIMIT);
  const areas = db
    .select({ alertId: emergencyAlertAreas.alertId, id: adminUnits.id, name: adminUnits.name })
    .from(emergencyAlertAreas)
    .innerJoin(adminUnits, eq(adminUnits.id, emergencyAlertAreas.communeId))
    .innerJoin(emergencyAlerts, eq(emergencyAlerts.id, emergencyAlertAreas.alertId))
    .where(where)
    .orderBy(asc(adminUnits.name));
  return [alerts, areas] as const;
}

export type AlertRow = {
  id: string;
  hazard: (typeof ALERT_HAZARDS)[number];
  severity: (typeof ALERT_SEVERITIES)[number];
  urgency: (typeof ALERT_URGENCIES)[number];
  certainty: (typeof ALERT_CERTAINTIES)[number];
  headline: string;
  description: string;
  instruction: string;
  en: string | null;
  provinceWide: boolean;
  onsetAt: string;
  expiresAt: string;
  publishedAt: string | null;
  revision: number;
  agencyId: string;
  agencyName: string;
};
export type AreaRow = { alertId: string; id: string; name: string };

/** One alert row and its communes as the public sees it (English where written). */
export function toPublicAlert(row: AlertRow, areas: readonly AreaRow[], lang: Lang): PublicAlert {
  const text = localize(
    { headline: row.headline, description: row.description, instruction: row.instruction },
    row.en,
    lang,
    ALERT_TEXT_FIELDS,
  );
  return {
    id: row.id,
    hazard: row.hazard,
    severity: row.severity,
    urgency: row.urgency,
    certainty: row.certainty,
    ...text,
    provinceWide: Boolean(row.provinceWide),
    areas: row.provinceWide
      ? []
      : areas.filter((a) => a.alertId === row.id).map((a) => ({ id: a.id, name: a.name })),
    onsetAt: row.onsetAt,
    expiresAt: row.expiresAt,
    publishedAt: row.publishedAt,
    revision: row.revision,
    agency: { id: row.agencyId, name: row.agencyName },
  };
}

/** Maps the results of `liveAlertsQueries` (run in a batch) to public alerts. */
export function toPublicAlerts(
  results: readonly [readonly AlertRow[], readonly AreaRow[]],
  lang: Lang,
): PublicAlert[] {
  const [rows, areas] = results;
  return rows.map((row) => toPublicAlert(row, areas, lang));
}
