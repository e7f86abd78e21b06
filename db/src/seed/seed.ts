import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import * as schema from '../schema';
import { loadFixtures } from './fixtures';

// Agencies whose real identity depends on where a report is: they are resolved
// to the commune/ward's People's Committee at routing time.
const COMMUNE_SCOPED_AGENCIES = new Set(['ubnd_xa_phuong']);

/**
 * Upserts the reference data from fixtures/ in one batch (one transaction), so
 * re-running it is a no-op and editing a fixture updates the rows in place.
 * Rows that disappeared from a fixture are left alone: reports may point at them.
 */
export async function seedReferenceData(db: LibSQLDatabase<typeof schema>): Promise<void> {
  const { categories, adminUnits } = loadFixtures();
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
            defaultAgencyId: excluded('default_agency_id'),
            slaHours: excluded('sla_hours'),
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
  ];
  const [first, ...rest] = statements;
  if (!first) return;
  await db.batch([first, ...rest]);
}
