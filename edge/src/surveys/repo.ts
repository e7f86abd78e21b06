import type { SURVEY_AUDIENCES, SURVEY_STATUSES } from '@tinh/db/schema';
import { type SQL, sql } from 'drizzle-orm';
import type { AuditEntryInput } from '../audit/log';
import { auditIfChanged } from '../management/repo';
import type { Db } from '../platform/db';
import type { AnswerRow, SurveyDefinition } from './definition';

// Storage of surveys, responses and rejection counters. Every write that belongs together is
// one batch (one transaction on the libSQL server): a response with its answers and the
// survey's counter; an editor's change with its audit entry.

export type SurveyStatus = (typeof SURVEY_STATUSES)[number];
export type SurveyAudience = (typeof SURVEY_AUDIENCES)[number];

export interface SurveyRow {
  id: string;
  agencyId: string;
  agencyName: string;
  title: string;
  description: string;
  status: SurveyStatus;
  audience: SurveyAudience;
  opensAt: string;
  closesAt: string;
  /** JSON of a SurveyDefinition. */
  definition: string;
  version: number;
  responseCount: number;
  createdBy: string;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

const SURVEY_COLUMNS = sql`s.id, s.agency_id as agencyId, a.name as agencyName, s.title,
  s.description, s.status, s.audience, s.opens_at as opensAt, s.closes_at as closesAt,
  s.definition, s.version, s.response_count as responseCount, s.created_by as createdBy,
  s.published_at as publishedAt, s.created_at as createdAt, s.updated_at as updatedAt`;

const surveysWhere = (db: Db, where: SQL, extra: SQL = sql``) =>
  db.all<SurveyRow>(sql`select ${SURVEY_COLUMNS} from surveys s
    join agencies a on a.id = s.agency_id where ${where} ${extra}`);

export const parseStoredDefinition = (row: { definition: string }) =>
  JSON.parse(row.definition) as SurveyDefinition;

/** Whether a survey takes answers at `now`: published and inside its window. */
export const isOpen = (row: Pick<SurveyRow, 'status' | 'opensAt' | 'closesAt'>, now: string) =>
  row.status === 'published' && row.opensAt <= now && now < row.closesAt;

// ---- citizens -------------------------------------------------------------------------------

export type PublicSurveyRow = SurveyRow & { answered: number };

/** `respondent_key in (…)`; never true for no keys (an anonymous caller without device id). */
const keyIn = (column: SQL, keys: readonly string[]) =>
  keys.length === 0
    ? sql`0`
    : sql`${column} in (${sql.join(
        keys.map((k) => sql`${k}`),
        sql`, `,
      )})`;

const answeredBy = (keys: readonly string[]) =>
  sql`exists (select 1 from survey_responses r
    where r.survey_id = s.id and ${keyIn(sql`r.respondent_key`, keys)}) as answered`;

/**
 * Published surveys open at `now`, closing soonest first (keyset paging on closes_at, id), each
 * with whether the caller (any of `respondentKeys`: session and device) has answered it. One query.
 */
export async function listOpenSurveys(
  db: Db,
  q: {
    now: string;
    respondentKeys: readonly string[];
    after: { closesAt: string; id: string } | null;
    limit: number;
  },
): Promise<PublicSurveyRow[]> {
  const after = q.after
    ? sql`and (s.closes_at, s.id) > (${q.after.closesAt}, ${q.after.id})`
    : sql``;
  return db.all<PublicSurveyRow>(sql`select ${SURVEY_COLUMNS}, ${answeredBy(q.respondentKeys)}
    from surveys s join agencies a on a.id = s.agency_id
    where s.status = 'published' and s.opens_at <= ${q.now} and s.closes_at > ${q.now} ${after}
    order by s.closes_at, s.id limit ${q.limit}`);
}

/** A survey citizens may see (published or closed, never a draft), with `answered`. */
export async function findPublicSurvey(
  db: Db,
  id: string,
  respondentKeys: readonly string[],
): Promise<PublicSurveyRow | undefined> {
  const rows = await db.all<PublicSurveyRow>(sql`select ${SURVEY_COLUMNS},
      ${answeredBy(respondentKeys)}
    from surveys s join agencies a on a.id = s.agency_id
    where s.id = ${id} and s.status in ('published', 'closed')`);
  return rows[0];
}

export type RejectionReason = 'duplicate' | 'rate_limited' | 'closed' | 'unverified';

/** One more refused answer on the survey's counter of `reason` for local day `day`. */
export function rejectionStatement(db: Db, surveyId: string, reason: RejectionReason, day: string) {
  return db.run(sql`insert into survey_rejections (survey_id, reason, day, count)
    values (${surveyId}, ${reason}, ${day}, 1)
    on conflict (survey_id, reason, day) do update set count = count + 1`);
}

export async function countRejection(
  db: Db,
  surveyId: string,
  reason: RejectionReason,
  day: string,
): Promise<void> {
  await rejectionStatement(db, surveyId, reason, day);
}

export type SubmitOutcome = 'created' | 'duplicate' | 'closed';

/**
 * Stores a response with its answers and the survey's response count in one transaction, or
 * nothing. The response row is inserted only while the survey is open and only if this
 * respondent has none yet (the unique (survey_id, respondent_key) decides between parallel
 * requests: the database serialises the batches, exactly one inserts); the answers and the
 * count follow only when this batch's own row exists. A refused batch counts its rejection in
 * the same transaction, so the integrity figures cannot drift from what was refused.
 */
export async function submitResponse(
  db: Db,
  q: {
    responseId: string;
    surveyId: string;
    respondentKey: string;
    /**
     * Other keys of the same person that also block an answer: the device of a signed-in
     * citizen on an `anyone` survey (they may have answered before signing in).
     */
    otherKeys?: readonly string[];
    userId: string | null;
    rows: AnswerRow[];
    now: string;
    day: string;
  },
): Promise<SubmitOutcome> {
  const mine = sql`exists (select 1 from survey_responses where id = ${q.responseId})`;
  const keys = [q.respondentKey, ...(q.otherKeys ?? [])];
  const answered = sql`exists (select 1 from survey_responses where survey_id = ${q.surveyId}
    and ${keyIn(sql`respondent_key`, keys)})`;
  const values = sql.join(
    q.rows.map((r) => sql`(${r.questionId}, ${r.optionId}, ${r.value})`),
    sql`, `,
  );
  const [inserted, , , , existing] = await db.batch([
    db.all<{ id: string }>(sql`insert into survey_responses
        (id, survey_id, respondent_key, user_id, created_at)
      select ${q.responseId}, ${q.surveyId}, ${q.respondentKey}, ${q.userId}, ${q.now}
      where exists (select 1 from surveys where id = ${q.surveyId} and status = 'published'
        and opens_at <= ${q.now} and closes_at > ${q.now})
        and not ${answered}
      on conflict (survey_id, respondent_key) do nothing
      returning id`),
    q.rows.length > 0
      ? db.run(sql`insert into survey_answers (response_id, survey_id, question_id, option_id, value)
          select ${q.responseId}, ${q.surveyId}, v.column1, v.column2, v.column3
          from (values ${values}) v where ${mine}`)
      : db.run(sql`select 1`),
    db.run(sql`update surveys set response_count = response_count + 1
      where id = ${q.surveyId} and ${mine}`),
    db.run(sql`insert into survey_rejections (survey_id, reason, day, count)
      select ${q.surveyId},
        case when ${answered} then 'duplicate' else 'closed' end,
        ${q.day}, 1
      where not ${mine}
      on conflict (survey_id, reason, day) do update set count = count + 1`),
    db.all<{ n: number }>(sql`select count(*) as n from survey_responses
      where survey_id = ${q.surveyId} and ${keyIn(sql`respondent_key`, keys)}`),
  ]);
  if ((inserted as unknown[]).length > 0) return 'created';
  return Number((existing as { n: number }[])[0]?.n ?? 0) > 0 ? 'duplicate' : 'closed';
}

// ---- editors --------------------------------------------------------------------------------

/** Which surveys an editor's list shows: every agency's, or one agency's. */
export type SurveyScope = { all: true } | { all: false; agencyId: string };

export async function listWorkSurveys(
  db: Db,
  scope: SurveyScope,
  status: SurveyStatus | undefined,
): Promise<SurveyRow[]> {
  const conditions: SQL[] = [sql`1 = 1`];
  if (!scope.all) conditions.push(sql`s.agency_id = ${scope.agencyId}`);
  if (status) conditions.push(sql`s.status = ${status}`);
  return surveysWhere(
    db,
    sql.join(conditions, sql` and `),
    sql`order by s.created_at desc, s.id limit 500`,
  );
}

export async function findSurvey(db: Db, id: string): Promise<SurveyRow | undefined> {
  return (await surveysWhere(db, sql`s.id = ${id}`))[0];
}

export interface SurveyValues {
  title: string;
  description: string;
  audience: SurveyAudience;
  opensAt: string;
  closesAt: string;
  definition: SurveyDefinition;
}

export async function insertSurvey(
  db: Db,
  q: { id: string; agencyId: string; createdBy: string; values: SurveyValues; now: string },
  audit: AuditEntryInput,
): Promise<SurveyRow> {
  const v = q.values;
  const [, , rows] = await db.batch([
    db.run(sql`insert into surveys (id, agency_id, title, description, status, audience,
        opens_at, closes_at, definition, version, response_count, created_by, created_at, updated_at)
      values (${q.id}, ${q.agencyId}, ${v.title}, ${v.description}, 'draft', ${v.audience},
        ${v.opensAt}, ${v.closesAt}, ${JSON.stringify(v.definition)}, 1, 0, ${q.createdBy},
        ${q.now}, ${q.now})`),
    auditIfChanged(db, audit),
    surveysWhere(db, sql`s.id = ${q.id}`),
  ]);
  return (rows as SurveyRow[])[0] as SurveyRow;
}

/**
 * Saves a draft if it still is a draft at `version` (optimistic concurrency of the builder),
 * bumping the version; answers whether it changed and the survey as it is now.
 */
export async function updateDraft(
  db: Db,
  q: { id: string; version: number; values: SurveyValues; now: string },
  audit: AuditEntryInput,
): Promise<{ changed: boolean; row: SurveyRow | undefined }> {
  const v = q.values;
  const [updated, , rows] = await db.batch([
    db.all(sql`update surveys set title = ${v.title}, description = ${v.description},
        audience = ${v.audience}, opens_at = ${v.opensAt}, closes_at = ${v.closesAt},
        definition = ${JSON.stringify(v.definition)}, version = version + 1, updated_at = ${q.now}
      where id = ${q.id} and status = 'draft' and version = ${q.version} returning id`),
    auditIfChanged(db, audit),
    surveysWhere(db, sql`s.id = ${q.id}`),
  ]);
  return { changed: (updated as unknown[]).length > 0, row: (rows as SurveyRow[])[0] };
}

/**
 * Moves a survey from one status to the next (draft → published, published → closed) if it
 * is still in `from`; answers whether it moved and the survey as it is now.
 */
export async function changeStatus(
  db: Db,
  q: { id: string; from: SurveyStatus; to: SurveyStatus; now: string },
  audit: AuditEntryInput,
): Promise<{ changed: boolean; row: SurveyRow | undefined }> {
  const published = q.to === 'published' ? sql`, published_at = ${q.now}` : sql``;
  const [updated, , rows] = await db.batch([
    db.all(sql`update surveys set status = ${q.to}, version = version + 1,
        updated_at = ${q.now} ${published}
      where id = ${q.id} and status = ${q.from} returning id`),
    auditIfChanged(db, audit),
    surveysWhere(db, sql`s.id = ${q.id}`),
  ]);
  return { changed: (updated as unknown[]).length > 0, row: (rows as SurveyRow[])[0] };
}

/** Deletes a draft (never a survey that took answers): whether it was deleted. */
export async function deleteDraft(db: Db, id: string, audit: AuditEntryInput): Promise<boolean> {
  const [deleted] = await db.batch([
    db.all(sql`delete from surveys where id = ${id} and status = 'draft' returning id`),
    auditIfChanged(db, audit),
  ]);
  return (deleted as unknown[]).length > 0;
}
