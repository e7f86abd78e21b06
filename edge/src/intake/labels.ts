import { intakeLabels, reportIntake, reports } from '@tinh/db/schema';
import { sql } from 'drizzle-orm';
import type { Db } from '../platform/db';

// The IOC's category decisions as labelled examples for retraining the classifier.
//
// Whenever the IOC sets or confirms a report's category (intake "valid", with or without a
// new category; assigning it to an agency), work/actions.ts puts `labelStatement` in the same
// batch as the change. One row per report: a later decision with ANOTHER category replaces
// the row (the last decision wins); confirming the same category again changes nothing, so an
// export paged by `updated_at` does not see the row twice. `corrected` says the IOC chose
// another category than the classifier predicted on arrival (report_intake; the report's
// suggested category for reports without an intake record); a report with no prediction at
// all is a plain example (`corrected` false).
//
// Exported by GET /api/v1/work/intake/labels (labels-routes.ts), as JSON Lines in the format
// of fixtures/classifier/train.jsonl: append the lines to that file and run
// `npm run train:classifier` (README, "Retraining the classifier").

export interface LabelDecision {
  reportId: number;
  /** The category the IOC set or confirmed. */
  categoryId: string;
  officialId: string;
  at: string;
}

/** The upsert of a report's label, for the batch of the IOC's action. */
export function labelStatement(db: Db, d: LabelDecision) {
  const predicted = sql`coalesce(i.predicted_category_id, r.suggested_category_id)`;
  return db.run(sql`
    insert into ${intakeLabels} (report_id, text, predicted_category_id, label_category_id,
      corrected, official_id, created_at, updated_at)
    select r.id, r.description, ${predicted}, ${d.categoryId},
      coalesce(${predicted} <> ${d.categoryId}, 0), ${d.officialId}, ${d.at}, ${d.at}
    from ${reports} r
    left join ${reportIntake} i on i.report_id = r.id
    where r.id = ${d.reportId}
    on conflict (report_id) do update set
      label_category_id = excluded.label_category_id,
      predicted_category_id = excluded.predicted_category_id,
      corrected = excluded.corrected,
      official_id = excluded.official_id,
      updated_at = excluded.updated_at
    where ${intakeLabels.labelCategoryId} is not excluded.label_category_id`);
}

export interface LabelRow {
  reportId: number;
  code: string;
  text: string;
  categoryId: string;
  predictedCategoryId: string | null;
  corrected: boolean;
  officialId: string;
  createdAt: string;
  updatedAt: string;
}

export interface LabelPageQuery {
  /** Labels changed at or after this instant (UTC ISO). */
  since?: string | undefined;
  /** Only the IOC's corrections of the classifier. */
  correctedOnly: boolean;
  /** After this position (`updated_at`, report id) of the previous page. */
  after?: { updatedAt: string; reportId: number } | undefined;
  limit: number;
}

/**
 * One page of labels, oldest change first, by (updated_at, report_id): the order of
 * intake_labels_updated_idx, so paging reads the index from the cursor on. One round trip.
 * Reports deleted since cascade their labels away; the code comes with each row so that the
 * IOC can open the report a label came from.
 */
export async function labelPage(db: Db, q: LabelPageQuery): Promise<LabelRow[]> {
  const conditions = [sql`1`];
  if (q.since) conditions.push(sql`l.updated_at >= ${q.since}`);
  if (q.correctedOnly) conditions.push(sql`l.corrected = 1`);
  if (q.after) {
    conditions.push(
      sql`(l.updated_at > ${q.after.updatedAt} or (l.updated_at = ${q.after.updatedAt} and l.report_id > ${q.after.reportId}))`,
    );
  }
  const rows = await db.all<Omit<LabelRow, 'corrected'> & { corrected: number }>(sql`
    select l.report_id as reportId, r.code as code, l.text as text,
      l.label_category_id as categoryId, l.predicted_category_id as predictedCategoryId,
      l.corrected as corrected, l.official_id as officialId, l.created_at as createdAt,
      l.updated_at as updatedAt
    from ${intakeLabels} l
    join ${reports} r on r.id = l.report_id
    where ${sql.join(conditions, sql` and `)}
    order by l.updated_at, l.report_id
    limit ${q.limit}`);
  return rows.map((row) => ({ ...row, corrected: Boolean(row.corrected) }));
}

/** A label as a line of fixtures/classifier/train.jsonl: `{"text":"…","category":"…"}`. */
export function trainingLine(row: Pick<LabelRow, 'text' | 'categoryId'>): string {
  // JSON.stringify escapes line breaks inside the text, so one label is always one line.
  return JSON.stringify({ text: row.text, category: row.categoryId });
}
