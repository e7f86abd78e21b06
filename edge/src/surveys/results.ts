import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../platform/db';
import { localDate } from '../platform/working-days';
import { questionsOf, type SurveyDefinition } from './definition';
import type { RejectionReason } from './repo';

// A survey's results for the editors' live charts: counts per option, scale averages and
// histograms, the latest free-text answers, responses per local day and the integrity figures
// (answers refused as duplicates, too fast, outside the window, without a session). One
// round trip: five grouped reads in one batch, so every figure comes from the same snapshot.

export const LATEST_TEXTS = 20;
/** Longest run of days the daily series fills with zeros (a survey open for a year or more). */
const MAX_DAILY_DAYS = 400;
const DAY_MS = 86_400_000;

export interface SurveyResults {
  responses: number;
  rejections: Record<RejectionReason, number>;
  daily: { day: string; responses: number }[];
  questions: QuestionResult[];
}

export interface QuestionResult {
  id: string;
  sectionId: string;
  type: 'single' | 'multiple' | 'scale' | 'text';
  title: string;
  /** Responses that answered this question. */
  answered: number;
  options?: { id: string; label: string; count: number }[];
  scale?: {
    min: number;
    max: number;
    average: number | null;
    counts: { value: number; count: number }[];
  };
  texts?: { value: string; submittedAt: string }[];
}

const inList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

export async function surveyResults(
  db: Db,
  survey: { id: string; opensAt: string; closesAt: string; status: string },
  def: SurveyDefinition,
  now: Date,
): Promise<SurveyResults> {
  const all = questionsOf(def);
  const counted = all.filter((q) => q.question.type !== 'text').map((q) => q.question.id);
  const texts = all.filter((q) => q.question.type === 'text').map((q) => q.question.id);
  const none = (q: SQL) => db.all(sql`select * from (${q}) where 0`);

  const countsQuery = sql`select question_id as questionId, option_id as optionId, value,
      count(*) as n
    from survey_answers
    where survey_id = ${survey.id} and question_id in (${inList(counted)})
    group by question_id, option_id, value`;
  const textsQuery = sql`select questionId, value, submittedAt from (
      select a.question_id as questionId, a.value, r.created_at as submittedAt,
        row_number() over (partition by a.question_id order by r.created_at desc, r.id desc) as rn
      from survey_answers a join survey_responses r on r.id = a.response_id
      where a.survey_id = ${survey.id} and a.question_id in (${inList(texts)}))
    where rn <= ${LATEST_TEXTS} order by questionId, rn`;

  const [counts, answered, latest, days, rejections, total] = await db.batch([
    counted.length > 0
      ? db.all<{ questionId: string; optionId: string; value: string | null; n: number }>(
          countsQuery,
        )
      : none(sql`select '' as questionId, '' as optionId, null as value, 0 as n`),
    db.all<{ questionId: string; n: number }>(sql`select question_id as questionId,
        count(distinct response_id) as n
      from survey_answers where survey_id = ${survey.id} group by question_id`),
    texts.length > 0
      ? db.all<{ questionId: string; value: string; submittedAt: string }>(textsQuery)
      : none(sql`select '' as questionId, '' as value, '' as submittedAt`),
    // Local (UTC+7) days: created_at is UTC ISO 8601, which SQLite's date() reads.
    db.all<{ day: string; n: number }>(sql`select date(created_at, '+7 hours') as day,
        count(*) as n
      from survey_responses where survey_id = ${survey.id} group by day order by day`),
    db.all<{ reason: RejectionReason; n: number }>(sql`select reason, sum(count) as n
      from survey_rejections where survey_id = ${survey.id} group by reason`),
    db.all<{ n: number }>(sql`select count(*) as n from survey_responses
      where survey_id = ${survey.id}`),
  ]);

  const countOf = new Map<string, number>();
  for (const c of counts as {
    questionId: string;
    optionId: string;
    value: string | null;
    n: number;
  }[]) {
    const key =
      c.optionId !== ''
        ? `${c.questionId}\u0000o:${c.optionId}`
        : `${c.questionId}\u0000v:${c.value}`;
    countOf.set(key, (countOf.get(key) ?? 0) + Number(c.n));
  }
  const answeredOf = new Map(
    (answered as { questionId: string; n: number }[]).map((a) => [a.questionId, Number(a.n)]),
  );
  const textsOf = new Map<string, { value: string; submittedAt: string }[]>();
  for (const t of latest as { questionId: string; value: string; submittedAt: string }[]) {
    const list = textsOf.get(t.questionId) ?? [];
    list.push({ value: t.value, submittedAt: t.submittedAt });
    textsOf.set(t.questionId, list);
  }

  const questions = all.map(({ section, question: q }): QuestionResult => {
    const base = {
      id: q.id,
      sectionId: def.sections[section]?.id ?? '',
      type: q.type,
      title: q.title,
      answered: answeredOf.get(q.id) ?? 0,
    };
    if (q.type === 'single' || q.type === 'multiple') {
      return {
        ...base,
        options: (q.options ?? []).map((o) => ({
          id: o.id,
          label: o.label,
          count: countOf.get(`${q.id}\u0000o:${o.id}`) ?? 0,
        })),
      };
    }
    if (q.type === 'scale') {
      const scale = q.scale ?? { min: 1, max: 5 };
      const histogram: { value: number; count: number }[] = [];
      let sum = 0;
      let n = 0;
      for (let v = scale.min; v <= scale.max; v++) {
        const count = countOf.get(`${q.id}\u0000v:${v}`) ?? 0;
        histogram.push({ value: v, count });
        sum += v * count;
        n += count;
      }
      return {
        ...base,
        scale: {
          min: scale.min,
          max: scale.max,
          average: n > 0 ? Math.round((sum / n) * 100) / 100 : null,
          counts: histogram,
        },
      };
    }
    return { ...base, texts: textsOf.get(q.id) ?? [] };
  });

  const rejected: Record<RejectionReason, number> = {
    duplicate: 0,
    rate_limited: 0,
    closed: 0,
    unverified: 0,
  };
  for (const r of rejections as { reason: RejectionReason; n: number }[]) {
    if (r.reason in rejected) rejected[r.reason] = Number(r.n);
  }

  return {
    responses: Number((total as { n: number }[])[0]?.n ?? 0),
    rejections: rejected,
    daily: dailySeries(survey, days as { day: string; n: number }[], now),
    questions,
  };
}

/**
 * Responses per local day, with the days of the window so far filled with zeros (a chart shows
 * the quiet days too): from the opening day to today, or to the closing day once closed.
 */
export function dailySeries(
  survey: { opensAt: string; closesAt: string; status: string },
  rows: { day: string; n: number }[],
  now: Date,
): { day: string; responses: number }[] {
  const byDay = new Map(rows.map((r) => [r.day, Number(r.n)]));
  if (survey.status !== 'draft') {
    const end = Math.min(now.getTime(), Date.parse(survey.closesAt) - 1);
    const start = Math.max(Date.parse(survey.opensAt), end - (MAX_DAILY_DAYS - 1) * DAY_MS);
    const last = localDate(new Date(end));
    for (let t = start; t <= end + DAY_MS; t += DAY_MS) {
      const day = localDate(new Date(t));
      if (day > last) break;
      if (!byDay.has(day)) byDay.set(day, 0);
    }
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([day, responses]) => ({ day, responses }));
}
