import type { BatchItem } from 'drizzle-orm/batch';
import { fullName } from '../../catalog/admin-units';
import type { CronJob } from '../../cron/dispatcher';
import type { Db } from '../../platform/db';
import { constraintFailure } from '../../reports/repo';
import { type AlertPlan, findClusters, planAlerts } from './detect';
import {
  type CommuneName,
  loadDescriptions,
  loadSetup,
  loadWindows,
  type PlannedWrite,
  planStatements,
} from './repo';
import { draftWarning } from './warning-draft';

// Early warning (cron, every 5 minutes): for each enabled rule, the category's reports of the
// rule's window (detect.ts says what a cluster is), and for each cluster one alert for the
// IOC, opened once and then grown as new reports join it (repo.ts `planStatements`).
//
// Safe to repeat: a cluster whose reports all belong to an alert changes nothing, so a second
// run over the same reports writes nothing at all; a report belongs to one alert at most
// (unique in cluster_alert_reports), and an alert grows only from the state the run read. A
// run that loses a race with another (the unique report, or the guard of a grown alert)
// writes nothing of what lost and reads again once; what is left waits for the next tick.

export interface DetectionResult {
  rules: number;
  clusters: number;
  opened: number;
  grown: number;
  /** Reports that joined an alert (new or grown). */
  added: number;
  /** Categories whose window held more than WINDOW_LIMIT reports (the newest were used). */
  truncated: string[];
  /** Runs read again after losing a race. */
  retried: number;
}

export async function detectClusters(
  db: Db,
  now: Date,
  opts: { categoryIds?: readonly string[] } = {},
): Promise<DetectionResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      return { ...(await detectOnce(db, now, opts.categoryIds)), retried: attempt };
    } catch (err) {
      const failed = constraintFailure(err);
      if (attempt >= 1 || !failed?.includes('cluster_alert_reports')) throw err;
    }
  }
}

async function detectOnce(
  db: Db,
  now: Date,
  categoryIds: readonly string[] | undefined,
): Promise<Omit<DetectionResult, 'retried'>> {
  const setup = await loadSetup(db, categoryIds);
  const windows = await loadWindows(db, setup.rules, now);
  const planned: { rule: (typeof setup.rules)[number]; plan: AlertPlan }[] = [];
  const truncated: string[] = [];
  let clusterCount = 0;
  setup.rules.forEach((rule, i) => {
    const window = windows[i];
    if (!window) return;
    if (window.truncated) truncated.push(rule.categoryId);
    const clusters = findClusters(window.points, rule);
    clusterCount += clusters.length;
    for (const plan of planAlerts(clusters, setup.openAlerts(rule.categoryId), rule)) {
      planned.push({ rule, plan });
    }
  });
  const result = {
    rules: setup.rules.length,
    clusters: clusterCount,
    opened: planned.filter((p) => p.plan.kind === 'open').length,
    grown: planned.filter((p) => p.plan.kind === 'grow').length,
    added: planned.reduce(
      (n, p) => n + (p.plan.kind === 'open' ? p.plan.reports.length : p.plan.added.length),
      0,
    ),
    truncated,
  };
  if (planned.length === 0) return result;

  const membersOf = (plan: AlertPlan) => (plan.kind === 'open' ? plan.reports : plan.members);
  const descriptions = await loadDescriptions(
    db,
    planned.flatMap((p) => membersOf(p.plan).map((m) => m.id)),
  );
  const nowIso = now.toISOString();
  const statements: BatchItem<'sqlite'>[] = planned.flatMap(({ rule, plan }) => {
    const place = placeName(setup.communes, plan.summary.communeId);
    const write: PlannedWrite = {
      categoryId: rule.categoryId,
      categoryName: rule.categoryName,
      plan,
      place,
      draft: draftWarning({
        categoryId: rule.categoryId,
        categoryName: rule.categoryName,
        place,
        communeCount: plan.summary.communeCount,
        reportCount: plan.summary.reportCount,
        firstReportAt: plan.summary.firstReportAt,
        lastReportAt: plan.summary.lastReportAt,
        spreadMetres: plan.summary.spreadMetres,
        descriptions: membersOf(plan).flatMap((m) => descriptions.get(m.id) ?? []),
      }),
    };
    return planStatements(db, write, nowIso);
  });
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
  return result;
}

function placeName(communes: Map<string, CommuneName>, id: string | null): string | null {
  const commune = id ? communes.get(id) : undefined;
  if (!commune) return null;
  return fullName({ ...commune, level: 'commune' });
}

export const clusterDetectionJob: CronJob = {
  name: 'cluster-detection',
  // Windows are judged at the time the job runs, like the SLA sweep: a late or retried tick
  // must not look at an older window.
  async run({ db }) {
    return { ...(await detectClusters(db, new Date())) };
  },
};
