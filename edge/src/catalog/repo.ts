import { adminUnits, agencies, reportCategories } from '@tinh/db/schema';
import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../platform/db';

// Reference data the mini app shows in pickers. Each function is one round trip.

export async function listCategories(db: Db) {
  const rows = await db
    .select({
      id: reportCategories.id,
      name: reportCategories.name,
      nameEn: reportCategories.nameEn,
      examples: reportCategories.examples,
      slaHours: reportCategories.slaHours,
      defaultAgency: { id: agencies.id, name: agencies.name },
    })
    .from(reportCategories)
    .innerJoin(agencies, eq(agencies.id, reportCategories.defaultAgencyId))
    .orderBy(asc(reportCategories.sortOrder), asc(reportCategories.id));
  // Stored as the fixture writes it: one comma-separated line of examples.
  return rows.map((row) => ({ ...row, examples: splitExamples(row.examples) }));
}

function splitExamples(examples: string): string[] {
  return examples
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
}

export async function listAgencies(db: Db) {
  return db
    .select({
      id: agencies.id,
      name: agencies.name,
      scope: agencies.scope,
      communeId: agencies.communeId,
      phone: agencies.phone,
      email: agencies.email,
    })
    .from(agencies)
    .orderBy(asc(agencies.sortOrder), asc(agencies.id));
}

export interface AdminUnitFilter {
  level?: (typeof adminUnits.$inferSelect)['level'] | undefined;
  parentId?: string | undefined;
}

/** Administrative units filtered by level and parent in SQL (the name search is done by the caller). */
export async function listAdminUnits(db: Db, filter: AdminUnitFilter) {
  const conditions: SQL[] = [];
  if (filter.level) conditions.push(eq(adminUnits.level, filter.level));
  if (filter.parentId) conditions.push(eq(adminUnits.parentId, filter.parentId));
  return db
    .select({
      id: adminUnits.id,
      name: adminUnits.name,
      level: adminUnits.level,
      kind: adminUnits.kind,
      parentId: adminUnits.parentId,
      formerDistrict: adminUnits.formerDistrict,
      lat: adminUnits.lat,
      lng: adminUnits.lng,
    })
    .from(adminUnits)
    .where(conditions.length > 0 ? and(...conditions) : undefined);
}
