import { adminUnits, agencies, auditLog, holidays, reportCategories } from '@tinh/db/schema';
import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { type AuditEntryInput, auditStatement } from '../audit/log';
import type { Db } from '../platform/db';

// Database access of the reference data administrators keep: categories (default agency,
// SLA), agencies, public holidays. Each function is one round trip; every write is one batch
// with its audit entry.

// ---- categories ---------------------------------------------------------------------------

const defaultAgency = alias(agencies, 'default_agency');

export function selectCategories(db: Db) {
  return db
    .select({
      id: reportCategories.id,
      name: reportCategories.name,
      nameEn: reportCategories.nameEn,
      slaHours: reportCategories.slaHours,
      defaultAgency: {
        id: defaultAgency.id,
        name: defaultAgency.name,
        scope: defaultAgency.scope,
      },
      sortOrder: reportCategories.sortOrder,
      updatedAt: reportCategories.updatedAt,
    })
    .from(reportCategories)
    .innerJoin(defaultAgency, eq(defaultAgency.id, reportCategories.defaultAgencyId))
    .orderBy(asc(reportCategories.sortOrder), asc(reportCategories.id));
}

export type CategoryRow = Awaited<ReturnType<typeof selectCategories>>[number];

/** The category and, when asked, whether an agency exists: one read batch. */
export async function loadCategoryForUpdate(db: Db, id: string, agencyId: string | undefined) {
  const [category, agency] = await db.batch([
    selectCategories(db).where(eq(reportCategories.id, id)).limit(1),
    db
      .select({ id: agencies.id, communeId: agencies.communeId })
      .from(agencies)
      .where(eq(agencies.id, agencyId ?? ''))
      .limit(1),
  ]);
  return { category: category[0], agency: agency[0] };
}

/**
 * An audit entry written only if the statement just before it in the batch changed a row
 * (SQLite's changes()): a guarded update that found the row already changed by someone else
 * records nothing.
 */
export function auditIfChanged(db: Db, e: AuditEntryInput) {
  return db.run(sql`
    insert into ${auditLog}
      (at, actor_kind, actor_id, action, entity_type, entity_id, from_value, to_value, note, request_id)
    select ${e.at}, ${e.actor.kind}, ${e.actor.id ?? null}, ${e.action}, ${e.entityType},
      ${e.entityId}, ${e.from ?? null}, ${e.to ?? null}, ${e.note ?? null}, ${e.requestId ?? null}
    where changes() > 0`);
}

/**
 * Sets a category's default agency and SLA if they still are `before` (a concurrent edit
 * makes it a no-op), with its audit entry; answers the category as it is afterwards.
 */
export async function updateCategory(
  db: Db,
  q: {
    id: string;
    before: { defaultAgencyId: string; slaHours: number };
    after: { defaultAgencyId: string; slaHours: number };
    now: string;
    audit: AuditEntryInput;
  },
) {
  const [updated, , after] = await db.batch([
    db
      .update(reportCategories)
      .set({ ...q.after, updatedAt: q.now })
      .where(
        and(
          eq(reportCategories.id, q.id),
          eq(reportCategories.defaultAgencyId, q.before.defaultAgencyId),
          eq(reportCategories.slaHours, q.before.slaHours),
        ),
      )
      .returning({ id: reportCategories.id }),
    auditIfChanged(db, q.audit),
    selectCategories(db).where(eq(reportCategories.id, q.id)).limit(1),
  ]);
  return { changed: updated.length > 0, category: after[0] };
}

// ---- agencies -----------------------------------------------------------------------------

export function selectAgencies(db: Db) {
  return db
    .select({
      id: agencies.id,
      name: agencies.name,
      scope: agencies.scope,
      communeId: agencies.communeId,
      communeName: adminUnits.name,
      phone: agencies.phone,
      email: agencies.email,
      sortOrder: agencies.sortOrder,
      categoryCount: sql<number>`(select count(*) from ${reportCategories} where ${reportCategories.defaultAgencyId} = ${agencies.id})`,
    })
    .from(agencies)
    .leftJoin(adminUnits, eq(adminUnits.id, agencies.communeId))
    .orderBy(asc(agencies.sortOrder), asc(agencies.id));
}

export type AgencyRow = Awaited<ReturnType<typeof selectAgencies>>[number];

/** What creating an agency must check: its id, its commune, the commune's committee. */
export async function loadAgencyCreation(db: Db, q: { id: string; communeId: string | null }) {
  const [byId, commune, committee, last] = await db.batch([
    db.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, q.id)).limit(1),
    db
      .select({ id: adminUnits.id, name: adminUnits.name })
      .from(adminUnits)
      .where(and(eq(adminUnits.id, q.communeId ?? ''), eq(adminUnits.level, 'commune')))
      .limit(1),
    db
      .select({ id: agencies.id })
      .from(agencies)
      .where(eq(agencies.communeId, q.communeId ?? ''))
      .limit(1),
    db.select({ max: sql<number | null>`max(${agencies.sortOrder})` }).from(agencies),
  ]);
  return {
    taken: byId.length > 0,
    commune: commune[0],
    committee: committee[0],
    nextSortOrder: (last[0]?.max ?? -1) + 1,
  };
}

/** Adds an agency with its audit entry (a taken id fails on the primary key). */
export async function insertAgency(
  db: Db,
  row: typeof agencies.$inferInsert,
  audit: AuditEntryInput,
) {
  const [, , created] = await db.batch([
    db.insert(agencies).values(row),
    auditStatement(db, audit),
    selectAgencies(db).where(eq(agencies.id, row.id)).limit(1),
  ]);
  return created[0];
}

export async function findAgency(db: Db, id: string) {
  const [row] = await selectAgencies(db).where(eq(agencies.id, id)).limit(1);
  return row;
}

export async function updateAgency(
  db: Db,
  q: {
    id: string;
    before: { name: string; phone: string | null; email: string | null };
    after: { name: string; phone: string | null; email: string | null };
    audit: AuditEntryInput;
  },
) {
  const same = (column: typeof agencies.phone | typeof agencies.email, value: string | null) =>
    value === null ? sql`${column} is null` : eq(column, value);
  const [updated, , after] = await db.batch([
    db
      .update(agencies)
      .set(q.after)
      .where(
        and(
          eq(agencies.id, q.id),
          eq(agencies.name, q.before.name),
          same(agencies.phone, q.before.phone),
          same(agencies.email, q.before.email),
        ),
      )
      .returning({ id: agencies.id }),
    auditIfChanged(db, q.audit),
    selectAgencies(db).where(eq(agencies.id, q.id)).limit(1),
  ]);
  return { changed: updated.length > 0, agency: after[0] };
}

// ---- holidays -----------------------------------------------------------------------------

const holidayColumns = {
  date: holidays.date,
  name: holidays.name,
  provisional: holidays.provisional,
  createdAt: holidays.createdAt,
};

export async function listHolidays(db: Db, year: number | undefined) {
  return db
    .select(holidayColumns)
    .from(holidays)
    .where(
      year === undefined
        ? undefined
        : and(gte(holidays.date, `${year}-01-01`), lte(holidays.date, `${year}-12-31`)),
    )
    .orderBy(asc(holidays.date));
}

/** Adds a holiday unless its date is taken; answers the new row, or undefined when taken. */
export async function insertHoliday(
  db: Db,
  row: { date: string; name: string; provisional: boolean; createdAt: string },
  audit: AuditEntryInput,
) {
  const [inserted] = await db.batch([
    db.insert(holidays).values(row).onConflictDoNothing().returning(holidayColumns),
    auditIfChanged(db, audit),
  ]);
  return inserted[0];
}

/** Removes a holiday; answers the removed row, or undefined when there was none. */
export async function deleteHoliday(
  db: Db,
  date: string,
  audit: (removed: string) => AuditEntryInput,
) {
  const [found] = await db.select(holidayColumns).from(holidays).where(eq(holidays.date, date));
  if (!found) return undefined;
  const [deleted] = await db.batch([
    db.delete(holidays).where(eq(holidays.date, date)).returning(holidayColumns),
    auditIfChanged(db, audit(JSON.stringify({ date: found.date, name: found.name }))),
  ]);
  return deleted[0];
}
