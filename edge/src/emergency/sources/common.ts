import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../../platform/db';
import { type AlertFields, indexStatements } from '../write';

// What every generated draft shares: a deterministic id per source event (so a second run
// of the job writes nothing new), the `(source, source_ref)` unique index as the last line
// of defence, and a system audit entry written only by the run that created the row.

/** The id of the draft generated from `source` event `ref`. */
export const draftId = (source: 'station' | 'cluster', ref: string | number) =>
  `ea-${source}-${ref}`;

/** A generated draft stays valid a day by default: the reviewing editor sets the real window. */
export const DRAFT_WINDOW_MS = 24 * 3_600_000;

export interface GeneratedDraft {
  id: string;
  source: 'station' | 'cluster';
  sourceRef: string;
  /** Preferred agencies, first existing one wins (the IOC always exists). */
  agencyIds: readonly string[];
  fields: AlertFields;
}

export function draftStatements(db: Db, d: GeneratedDraft, now: string): BatchItem<'sqlite'>[] {
  const f = d.fields;
  const agency = sql`(select id from agencies where id in ${[...d.agencyIds, 'ioc']}
    order by case id ${sql.join(
      d.agencyIds.map((id, i) => sql`when ${id} then ${i}`),
      sql` `,
    )} else 99 end limit 1)`;
  const created = sql`exists (select 1 from emergency_alerts where id = ${d.id} and created_at = ${now})`;
  return [
    db.run(sql`insert into emergency_alerts
        (id, agency_id, source, source_ref, hazard, severity, urgency, certainty, headline,
         description, instruction, en, province_wide, onset_at, expires_at, status, revision,
         version, created_by, updated_by, created_at, updated_at)
      values (${d.id}, ${agency}, ${d.source}, ${d.sourceRef}, ${f.hazard}, ${f.severity},
         ${f.urgency}, ${f.certainty}, ${f.headline}, ${f.description}, ${f.instruction}, null,
         ${f.provinceWide ? 1 : 0}, ${f.onsetAt}, ${f.expiresAt}, 'draft', 0, 1, 'system',
         'system', ${now}, ${now})
      on conflict do nothing`),
    // The rest only when this run created the row (an editor may have changed it since).
    ...(f.communeIds.length > 0
      ? [
          db.run(sql`insert into emergency_alert_areas (alert_id, commune_id)
            select ${d.id}, u.id from admin_units u
            where u.id in ${f.communeIds} and u.level = 'commune' and ${created}
            on conflict do nothing`),
        ]
      : []),
    // Candidates are read without a draft first, so this rewrite only repeats in a race.
    ...indexStatements(db, d.id, f),
    db.run(sql`insert into audit_log (at, actor_kind, actor_id, action, entity_type, entity_id,
        to_value, note)
      select ${now}, 'system', null, 'emergency_alert.generate', 'emergency_alert', ${d.id},
        ${d.fields.headline}, ${`${d.source}:${d.sourceRef}`}
      where ${created}`),
  ];
}
