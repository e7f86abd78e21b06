import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import * as schema from '../schema';
import { loadFixtures } from './fixtures';

// Agencies whose real identity depends on where a report is: they are resolved
// to the commune/ward's People's Committee at routing time.
const COMMUNE_SCOPED_AGENCIES = new Set(['ubnd_xa_phuong']);

const COMMUNE_KIND_LABELS: Record<string, string> = {
  xa: 'xã',
  phuong: 'phường',
  dac_khu: 'đặc khu',
};

/** The People's Committee of one commune/ward: the agency commune-level reports route to. */
export const communeCommitteeId = (communeId: string) => `ubnd_${communeId}`;

/**
 * Upserts the reference data from fixtures/ in one batch (one transaction), so
 * re-running it is a no-op and editing a fixture updates the rows in place.
 * Rows that disappeared from a fixture are left alone: reports may point at them.
 */
export async function seedReferenceData(db: LibSQLDatabase<typeof schema>): Promise<void> {
  const { categories, adminUnits, holidays, clusterRules } = loadFixtures();
  const { province, units } = adminUnits;
  const excluded = (column: string) => sql.raw(`excluded.${column}`);

  const statements: BatchItem<'sqlite'>[] = [
    ...categories.agencies.map((a, i) =>
      db
        .insert(schema.agencies)
        .values({
          id: a.id,
          name: a.name,
          scope: COMMUNE_SCOPED_AGENCIES.has(a.id) ? 'commune' : 'province',
          sortOrder: i,
        })
        .onConflictDoUpdate({
          target: schema.agencies.id,
          set: {
            name: excluded('name'),
            scope: excluded('scope'),
            sortOrder: excluded('sort_order'),
          },
        }),
    ),
    ...categories.categories.map((c, i) =>
      db
        .insert(schema.reportCategories)
        .values({
          id: c.id,
          name: c.name,
          nameEn: c.en,
          examples: c.examples,
          defaultAgencyId: c.default_agency,
          slaHours: c.sla_hours,
          sortOrder: i,
        })
        .onConflictDoUpdate({
          target: schema.reportCategories.id,
          set: {
            name: excluded('name'),
            nameEn: excluded('name_en'),
            examples: excluded('examples'),
            // default_agency_id and sla_hours are the administrators' from the first seed on.
            sortOrder: excluded('sort_order'),
          },
        }),
    ),
    ...[
      { ...province, level: 'province' as const, parentId: null, formerDistrict: null },
      ...units.map((u) => ({
        ...u,
        level: 'commune' as const,
        parentId: province.id,
        formerDistrict: u.formerDistrict ?? null,
      })),
    ].map((u) =>
      db
        .insert(schema.adminUnits)
        .values({
          id: u.id,
          name: u.name,
          level: u.level,
          kind: u.kind,
          parentId: u.parentId,
          formerDistrict: u.formerDistrict,
          lat: u.lat,
          lng: u.lng,
        })
        .onConflictDoUpdate({
          target: schema.adminUnits.id,
          set: {
            name: excluded('name'),
            level: excluded('level'),
            kind: excluded('kind'),
            parentId: excluded('parent_id'),
            formerDistrict: excluded('former_district'),
            lat: excluded('lat'),
            lng: excluded('lng'),
          },
        }),
    ),
    // One People's Committee per commune/ward (after the admin units: it references them).
    ...units.map((u, i) =>
      db
        .insert(schema.agencies)
        .values({
          id: communeCommitteeId(u.id),
          name: `UBND ${COMMUNE_KIND_LABELS[u.kind] ?? ''} ${u.name}`.replace(/\s+/g, ' '),
          scope: 'commune',
          communeId: u.id,
          sortOrder: categories.agencies.length + i,
        })
        .onConflictDoUpdate({
          target: schema.agencies.id,
          set: {
            name: excluded('name'),
            scope: excluded('scope'),
            communeId: excluded('commune_id'),
            sortOrder: excluded('sort_order'),
          },
        }),
    ),
    // Holidays are seeded into an empty table only: from then on the list is the
    // administrators' (a holiday they delete must not come back at the next start).
    db.run(sql`
      insert into ${schema.holidays} (date, name, provisional)
      select column1, column2, column3 from (values ${sql.join(
        holidays.holidays.map((h) => sql`(${h.date}, ${h.name}, ${h.provisional ? 1 : 0})`),
        sql`, `,
      )})
      where not exists (select 1 from ${schema.holidays})`),
    // Early-warning rules: one per category, inserted once; then the administrators'.
    ...categories.categories.map((c) => {
      const rule = clusterRules.rules[c.id] ?? clusterRules.default;
      return db
        .insert(schema.clusterRules)
        .values({ categoryId: c.id, ...rule })
        .onConflictDoNothing();
    }),
  ];
  const [first, ...rest] = statements;
  if (!first) return;
  await db.batch([first, ...rest]);
}
