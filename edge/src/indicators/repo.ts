import { type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { type AuditEntryInput, auditStatement } from '../audit/log';
import { contentVersionBump } from '../content/cache';
import { type Lang, localize, parseEnglish } from '../content/lang';
import {
  searchIndexStatements,
  searchMatches,
  searchRemoveStatements,
} from '../content/search-index';
import type { Db } from '../platform/db';
import type { KnownIndicator, ValidLine } from './import';
import { type Frequency, previousPeriod } from './periods';

// Indicators in the database. Public reads see published indicators only. Every write is one
// batch: the rows, the search entry, the content version bump and the audit entry.

export type IndicatorRow = {
  id: string;
  code: string;
  agencyId: string;
  groupName: string;
  name: string;
  unit: string;
  description: string;
  frequency: Frequency;
  higherIsBetter: boolean;
  en: string | null;
  sortOrder: number;
  status: 'draft' | 'published' | 'archived';
  publishedAt: string | null;
  version: number;
  updatedAt: string;
};

export interface ValueRow {
  indicatorId: string;
  period: string;
  value: number;
  target: number | null;
  note: string | null;
  updatedAt: string;
}

const COLUMNS = sql`i.id as id, i.code as code, i.agency_id as agencyId, i.group_name as groupName,
  i.name as name, i.unit as unit, i.description as description, i.frequency as frequency,
  i.higher_is_better as higherIsBetter, i.en as en, i.sort_order as sortOrder,
  i.status as status, i.published_at as publishedAt, i.version as version,
  i.updated_at as updatedAt`;

const toRow = (r: Record<string, unknown>): IndicatorRow => ({
  ...(r as unknown as IndicatorRow),
  higherIsBetter: Number(r.higherIsBetter) === 1,
  sortOrder: Number(r.sortOrder),
  version: Number(r.version),
});

const toValue = (r: Record<string, unknown>): ValueRow => ({
  indicatorId: String(r.indicatorId),
  period: String(r.period),
  value: Number(r.value),
  target: r.target === null || r.target === undefined ? null : Number(r.target),
  note: (r.note as string | null) ?? null,
  updatedAt: String(r.updatedAt),
});

const LOCALIZED = ['name', 'unit', 'groupName', 'description'] as const;

export function publicDefinition(row: IndicatorRow, lang: Lang) {
  const l = localize(row, row.en, lang, LOCALIZED);
  return {
    id: l.id,
    code: l.code,
    groupName: l.groupName,
    name: l.name,
    unit: l.unit,
    description: l.description,
    frequency: l.frequency,
    higherIsBetter: l.higherIsBetter,
  };
}

/** Change from `previous` to `value`; percent is null when there is nothing to divide by. */
export function changeOf(value: number | null, previous: number | null) {
  if (value === null || previous === null) return null;
  const absolute = round(value - previous);
  const percent = previous === 0 ? null : round(((value - previous) / Math.abs(previous)) * 100);
  return { absolute, percent };
}

// Floating-point noise (0.1 + 0.2) must not reach the screen; 6 decimals is plenty here.
const round = (n: number) => Math.round(n * 1e6) / 1e6;

export async function findIndicator(db: Db, id: string): Promise<IndicatorRow | null> {
  const [r] = await db.all<Record<string, unknown>>(
    sql`select ${COLUMNS} from indicators i where i.id = ${id}`,
  );
  return r ? toRow(r) : null;
}

export async function codeTaken(db: Db, code: string, exceptId: string | null) {
  const rows = await db.all<{ id: string }>(
    sql`select id from indicators where code = ${code} and id is not ${exceptId}`,
  );
  return rows.length > 0;
}

async function valuesOf(db: Db, ids: string[], extra: SQL = sql``): Promise<ValueRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.all<Record<string, unknown>>(
    sql`select indicator_id as indicatorId, period, value, target, note, updated_at as updatedAt
        from indicator_values where indicator_id in ${ids} ${extra} order by indicator_id, period`,
  );
  return rows.map(toValue);
}

export async function publicCards(db: Db, filter: { group?: string; q?: string }, lang: Lang) {
  const where: SQL[] = [sql`i.status = 'published'`];
  if (filter.group) where.push(sql`i.group_name = ${filter.group}`);
  if (filter.q) {
    const match = searchMatches('indicator', sql`i.id`, filter.q);
    if (match) where.push(match);
  }
  const rows = (
    await db.all<Record<string, unknown>>(
      sql`select ${COLUMNS} from indicators i where ${sql.join(where, sql` and `)}
          order by i.sort_order, i.name limit 500`,
    )
  ).map(toRow);
  // Only the two newest values of each indicator are needed for a card.
  const values = rows.length
    ? (
        await db.all<Record<string, unknown>>(
          sql`select indicator_id as indicatorId, period, value, target, note, updated_at as updatedAt
              from (select v.*, row_number() over (partition by indicator_id order by period desc) as n
                    from indicator_values v where indicator_id in ${rows.map((r) => r.id)})
              where n <= 2`,
        )
      ).map(toValue)
    : [];
  const byIndicator = new Map<string, ValueRow[]>();
  for (const v of values) {
    const list = byIndicator.get(v.indicatorId) ?? [];
    list.push(v);
    byIndicator.set(v.indicatorId, list);
  }
  const groups = new Map<string, ReturnType<typeof card>[]>();
  for (const row of rows) {
    const [latest, before] = (byIndicator.get(row.id) ?? []).sort((a, b) =>
      b.period.localeCompare(a.period),
    );
    const c = card(row, lang, latest ?? null, before ?? null);
    const list = groups.get(c.groupName) ?? [];
    list.push(c);
    groups.set(c.groupName, list);
  }
  return { groups: [...groups].map(([name, items]) => ({ name, items })) };
}

function card(row: IndicatorRow, lang: Lang, latest: ValueRow | null, before: ValueRow | null) {
  // "Previous" is the period just before the latest one; an older value is not comparable.
  const previous =
    latest && before && before.period === previousPeriod(latest.period) ? before : null;
  return {
    ...publicDefinition(row, lang),
    latest: latest ? { period: latest.period, value: latest.value, target: latest.target } : null,
    previous: previous ? { period: previous.period, value: previous.value } : null,
    change: latest && previous ? changeOf(latest.value, previous.value) : null,
  };
}

export async function publicSeries(db: Db, id: string, from?: string, to?: string) {
  const extra: SQL[] = [];
  if (from) extra.push(sql`and period >= ${from}`);
  if (to) extra.push(sql`and period <= ${to}`);
  return valuesOf(db, [id], sql.join(extra, sql` `));
}

export async function compare(
  db: Db,
  frequency: Frequency,
  period: string,
  other: string,
  lang: Lang,
) {
  const rows = (
    await db.all<Record<string, unknown>>(
      sql`select ${COLUMNS} from indicators i where i.status = 'published' and i.frequency = ${frequency}
          order by i.sort_order, i.name limit 500`,
    )
  ).map(toRow);
  const values = await valuesOf(
    db,
    rows.map((r) => r.id),
    sql`and period in ${[period, other]}`,
  );
  const at = new Map(values.map((v) => [`${v.indicatorId}|${v.period}`, v]));
  return rows.map((row) => {
    const { description: _, ...definition } = publicDefinition(row, lang);
    const now = at.get(`${row.id}|${period}`) ?? null;
    const then = at.get(`${row.id}|${other}`) ?? null;
    return {
      ...definition,
      value: now?.value ?? null,
      target: now?.target ?? null,
      previous: then?.value ?? null,
      change: changeOf(now?.value ?? null, then?.value ?? null),
    };
  });
}

export async function publishedPeriods(db: Db) {
  const rows = await db.all<{ frequency: Frequency; period: string }>(
    sql`select distinct i.frequency as frequency, v.period as period from indicator_values v
        join indicators i on i.id = v.indicator_id where i.status = 'published'
        order by v.period desc`,
  );
  const out: Record<Frequency, string[]> = { year: [], quarter: [], month: [] };
  for (const r of rows) out[r.frequency].push(r.period);
  return out;
}

// ---- editors ------------------------------------------------------------------------------

export function workIndicator(
  row: IndicatorRow,
  stats: { latestPeriod: string | null; valueCount: number },
) {
  return {
    id: row.id,
    code: row.code,
    agencyId: row.agencyId,
    groupName: row.groupName,
    name: row.name,
    unit: row.unit,
    description: row.description,
    frequency: row.frequency,
    higherIsBetter: row.higherIsBetter,
    sortOrder: row.sortOrder,
    status: row.status,
    version: row.version,
    en: parseEnglish(row.en),
    publishedAt: row.publishedAt,
    updatedAt: row.updatedAt,
    ...stats,
  };
}

export async function statsOf(db: Db, ids: string[]) {
  const out = new Map<string, { latestPeriod: string | null; valueCount: number }>();
  for (const id of ids) out.set(id, { latestPeriod: null, valueCount: 0 });
  if (ids.length === 0) return out;
  const rows = await db.all<{ id: string; latest: string | null; n: number }>(
    sql`select indicator_id as id, max(period) as latest, count(*) as n from indicator_values
        where indicator_id in ${ids} group by indicator_id`,
  );
  for (const r of rows) out.set(r.id, { latestPeriod: r.latest, valueCount: Number(r.n) });
  return out;
}

export async function workList(
  db: Db,
  agencyIds: string[] | null,
  f: { status?: string; q?: string; offset: number; limit: number },
) {
  const where: SQL[] = [sql`1 = 1`];
  if (agencyIds) where.push(sql`i.agency_id in ${agencyIds}`);
  if (f.status) where.push(sql`i.status = ${f.status}`);
  if (f.q) {
    const match = searchMatches('indicator', sql`i.id`, f.q);
    if (match) where.push(match);
  }
  const rows = (
    await db.all<Record<string, unknown>>(
      sql`select ${COLUMNS} from indicators i where ${sql.join(where, sql` and `)}
          order by i.group_name, i.sort_order, i.name limit ${f.limit + 1} offset ${f.offset}`,
    )
  ).map(toRow);
  const more = rows.length > f.limit;
  const page = rows.slice(0, f.limit);
  const stats = await statsOf(
    db,
    page.map((r) => r.id),
  );
  return {
    items: page.map((r) =>
      workIndicator(r, stats.get(r.id) ?? { latestPeriod: null, valueCount: 0 }),
    ),
    more,
  };
}

export async function allValues(db: Db, id: string) {
  return valuesOf(db, [id]);
}

const searchParts = (
  r: Pick<IndicatorRow, 'code' | 'name' | 'groupName' | 'description' | 'en'>,
) => {
  const en = parseEnglish(r.en);
  return [r.code, r.name, r.groupName, r.description, en.name as string, en.groupName as string];
};

export async function insertIndicator(
  db: Db,
  row: IndicatorRow,
  by: string,
  audit: AuditEntryInput,
) {
  await db.batch([
    db.run(
      sql`insert into indicators (id, code, agency_id, group_name, name, unit, description, frequency,
            higher_is_better, en, sort_order, status, version, created_by, updated_by, created_at, updated_at)
          values (${row.id}, ${row.code}, ${row.agencyId}, ${row.groupName}, ${row.name}, ${row.unit},
            ${row.description}, ${row.frequency}, ${row.higherIsBetter ? 1 : 0}, ${row.en}, ${row.sortOrder},
            'draft', 1, ${by}, ${by}, ${row.updatedAt}, ${row.updatedAt})`,
    ),
    ...searchIndexStatements(db, 'indicator', row.id, searchParts(row)),
    auditStatement(db, audit),
  ]);
}

/** Writes `next` if the row is still at `version`; false when someone else wrote first. */
export async function updateIndicator(
  db: Db,
  next: IndicatorRow,
  version: number,
  by: string,
  audit: AuditEntryInput,
  publicChange: boolean,
): Promise<boolean> {
  const results = await db.batch([
    db.run(
      sql`update indicators set code = ${next.code}, group_name = ${next.groupName}, name = ${next.name},
            unit = ${next.unit}, description = ${next.description}, frequency = ${next.frequency},
            higher_is_better = ${next.higherIsBetter ? 1 : 0}, en = ${next.en}, sort_order = ${next.sortOrder},
            status = ${next.status}, published_at = ${next.publishedAt}, version = version + 1,
            updated_by = ${by}, updated_at = ${next.updatedAt}
          where id = ${next.id} and version = ${version}`,
    ),
    ...searchIndexStatements(db, 'indicator', next.id, searchParts(next)),
    // Written only when the update above took place (changes() is that statement's count).
    db.run(
      sql`insert into audit_log (at, actor_kind, actor_id, action, entity_type, entity_id, from_value, to_value, note, request_id)
          select ${audit.at}, ${audit.actor.kind}, ${audit.actor.id ?? null}, ${audit.action}, ${audit.entityType},
            ${audit.entityId}, ${audit.from ?? null}, ${audit.to ?? null}, ${audit.note ?? null}, ${audit.requestId ?? null}
          where (select version from indicators where id = ${next.id}) = ${version + 1}
            and (select updated_at from indicators where id = ${next.id}) = ${next.updatedAt}`,
    ),
    ...(publicChange ? [contentVersionBump(db, 'indicators')] : []),
  ] as unknown as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  const first = results[0] as { rowsAffected?: number };
  return (first.rowsAffected ?? 0) === 1;
}

export async function deleteDraft(db: Db, id: string, audit: AuditEntryInput) {
  const [res] = await db.batch([
    db.run(sql`delete from indicators where id = ${id} and status = 'draft'`),
    ...searchRemoveStatements(db, 'indicator', id),
    auditStatement(db, audit),
  ]);
  return ((res as { rowsAffected?: number }).rowsAffected ?? 0) === 1;
}

export async function upsertValue(
  db: Db,
  v: {
    indicatorId: string;
    period: string;
    value: number;
    target: number | null;
    note: string | null;
  },
  by: string,
  now: string,
  audit: AuditEntryInput,
  isPublic: boolean,
) {
  await db.batch([
    db.run(
      sql`insert into indicator_values (indicator_id, period, value, target, note, import_id, updated_by, updated_at)
          values (${v.indicatorId}, ${v.period}, ${v.value}, ${v.target}, ${v.note}, null, ${by}, ${now})
          on conflict (indicator_id, period) do update set value = excluded.value, target = excluded.target,
            note = excluded.note, import_id = null, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    ),
    auditStatement(db, audit),
    ...(isPublic ? [contentVersionBump(db, 'indicators')] : []),
  ] as unknown as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
}

export async function deleteValue(
  db: Db,
  indicatorId: string,
  period: string,
  audit: AuditEntryInput,
  isPublic: boolean,
) {
  const [res] = await db.batch([
    db.run(
      sql`delete from indicator_values where indicator_id = ${indicatorId} and period = ${period}`,
    ),
    auditStatement(db, audit),
    ...(isPublic ? [contentVersionBump(db, 'indicators')] : []),
  ] as unknown as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  return ((res as { rowsAffected?: number }).rowsAffected ?? 0) === 1;
}

// ---- imports ------------------------------------------------------------------------------

export async function indicatorsByCode(db: Db, codes: string[]) {
  const out = new Map<string, KnownIndicator>();
  const unique = [...new Set(codes)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db.all<KnownIndicator>(
      sql`select id, code, agency_id as agencyId, frequency from indicators where code in ${unique.slice(i, i + 500)}`,
    );
    for (const r of rows) out.set(r.code, r);
  }
  return out;
}

/** How many lines add a value, change one, or leave it as it is. */
export async function importCounts(db: Db, lines: ValidLine[]) {
  const ids = [...new Set(lines.map((l) => l.indicatorId))];
  const existing = new Map<string, ValueRow>();
  for (let i = 0; i < ids.length; i += 200) {
    for (const v of await valuesOf(db, ids.slice(i, i + 200))) {
      existing.set(`${v.indicatorId}|${v.period}`, v);
    }
  }
  let created = 0;
  let changed = 0;
  for (const l of lines) {
    const old = existing.get(`${l.indicatorId}|${l.period}`);
    if (!old) created++;
    else if (old.value !== l.value || old.target !== l.target || (old.note ?? null) !== l.note)
      changed++;
  }
  return { created, changed, unchanged: lines.length - created - changed, indicators: ids.length };
}

const ROWS_PER_STATEMENT = 200;

export async function runImport(
  db: Db,
  imp: {
    id: string;
    agencyId: string;
    fileName: string;
    format: 'xlsx' | 'csv';
    by: string;
    now: string;
  },
  lines: ValidLine[],
  audit: AuditEntryInput,
) {
  const statements: unknown[] = [
    db.run(
      sql`insert into indicator_imports (id, agency_id, file_name, format, rows, imported_by, created_at)
          values (${imp.id}, ${imp.agencyId}, ${imp.fileName}, ${imp.format}, ${lines.length}, ${imp.by}, ${imp.now})`,
    ),
  ];
  for (let i = 0; i < lines.length; i += ROWS_PER_STATEMENT) {
    const chunk = lines.slice(i, i + ROWS_PER_STATEMENT);
    const tuples = chunk.map(
      (l) =>
        sql`(${l.indicatorId}, ${l.period}, ${l.value}, ${l.target}, ${l.note}, ${imp.id}, ${imp.by}, ${imp.now})`,
    );
    statements.push(
      db.run(
        sql`insert into indicator_values (indicator_id, period, value, target, note, import_id, updated_by, updated_at)
            values ${sql.join(tuples, sql`, `)}
            on conflict (indicator_id, period) do update set value = excluded.value, target = excluded.target,
              note = excluded.note, import_id = excluded.import_id, updated_by = excluded.updated_by,
              updated_at = excluded.updated_at`,
      ),
    );
  }
  statements.push(auditStatement(db, audit), contentVersionBump(db, 'indicators'));
  await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
}

export async function listImports(db: Db, agencyIds: string[] | null) {
  const rows = await db.all<Record<string, unknown>>(
    sql`select m.id as id, m.agency_id as agencyId, m.file_name as fileName, m.format as format,
          m.rows as rows, m.imported_by as importedBy, o.full_name as importedByName, m.created_at as createdAt
        from indicator_imports m left join officials o on o.id = m.imported_by
        ${agencyIds ? sql`where m.agency_id in ${agencyIds}` : sql``}
        order by m.created_at desc limit 50`,
  );
  return rows.map((r) => ({
    id: String(r.id),
    agencyId: String(r.agencyId),
    fileName: String(r.fileName),
    format: r.format as 'xlsx' | 'csv',
    rows: Number(r.rows),
    importedBy: String(r.importedBy),
    importedByName: (r.importedByName as string | null) ?? null,
    createdAt: String(r.createdAt),
  }));
}

export async function agencyCodes(db: Db, agencyIds: string[] | null) {
  return await db.all<{
    code: string;
    name: string;
    unit: string;
    frequency: Frequency;
    latest: string | null;
  }>(
    sql`select i.code as code, i.name as name, i.unit as unit, i.frequency as frequency,
            (select max(period) from indicator_values v where v.indicator_id = i.id) as latest
          from indicators i where i.status != 'archived'
          ${agencyIds ? sql`and i.agency_id in ${agencyIds}` : sql``}
          order by i.group_name, i.sort_order, i.name limit 2000`,
  );
}
