import type { RATINGS } from '@tinh/db/schema';
import { auditStatement } from '../audit/log';
import { loadHolidays } from '../deadlines/holidays';
import type { IntakeConfig } from '../intake/config';
import { searchSimilar } from '../intake/duplicates';
import { noticeStatements } from '../notifications/notify';
import type { Db } from '../platform/db';
import { ApiError } from '../platform/errors';
import { dueDate } from '../platform/working-days';
import { AGENCY_ROLES, IOC_ROLES } from '../work/recipients';
import { insideBounds, type LatLng, PROVINCE } from './geo';
import { OPEN_STATUSES, RATING_LABELS } from './labels';
import {
  addSupporter,
  insertRating,
  listMine,
  loadReportBundle,
  type ReportBundle,
  reopenReport,
} from './repo';
import type { PublicReport } from './schemas';
import { hashDeviceId, hashFollowToken, normaliseTrackingCode, sameDigest } from './tokens';
import { toPublicReport, toSummary } from './view';

// Following a report after it was sent: the public view, "my reports", rating, reopening,
// and "me too". The reporter proves authorship with the follow token (X-Follow-Token), or
// with a verified Zalo identity equal to the report's user (a seam for the sign-in issue).

export const REOPEN_DAYS = 7;
/** Similar reports offered to a citizen at most: a short list on a phone. */
export const SIMILAR_MAX = 5;

const notFound = () =>
  new ApiError(
    404,
    'report_not_found',
    'Không tìm thấy phản ánh với mã này. Vui lòng kiểm tra lại mã.',
  );

export interface Reporter {
  followToken?: string | null | undefined;
  userId?: string | null | undefined;
}

async function isReporter(bundle: ReportBundle, who: Reporter): Promise<boolean> {
  if (who.userId && bundle.report.userId === who.userId) return true;
  if (!who.followToken) return false;
  return sameDigest(await hashFollowToken(who.followToken), bundle.report.followTokenHash);
}

async function load(db: Db, code: string): Promise<ReportBundle> {
  const bundle = await loadReportBundle(db, { code: normaliseTrackingCode(code) });
  if (!bundle) throw notFound();
  return bundle;
}

/**
 * The public view of a report. A report hidden by the IOC is shown only to its reporter.
 * Also tells whether the caller is the reporter, and what they may do now.
 */
export async function viewReport(
  db: Db,
  code: string,
  who: Reporter,
  now = new Date(),
): Promise<{
  report: PublicReport;
  reporter: { isReporter: boolean; canRate: boolean; canReopen: boolean };
}> {
  const bundle = await load(db, code);
  const mine = await isReporter(bundle, who);
  if (bundle.report.hidden && !mine) throw notFound();
  const rated = currentRating(bundle);
  return {
    report: toPublicReport(bundle),
    reporter: {
      isReporter: mine,
      canRate: mine && bundle.report.status === 'resolved' && !rated,
      canReopen: mine && reopenRefusal(bundle, now) === null,
    },
  };
}

/** The rating of the current resolution, if it has one. */
function currentRating(bundle: ReportBundle) {
  const { resolvedAt } = bundle.report;
  if (!resolvedAt) return undefined;
  return bundle.ratings.findLast((r) => r.resolvedAt === resolvedAt);
}

async function requireReporter(bundle: ReportBundle, who: Reporter): Promise<void> {
  if (!who.followToken && !who.userId) {
    throw new ApiError(
      401,
      'follow_token_required',
      'Thiếu mã theo dõi (X-Follow-Token) của phản ánh. Chỉ người gửi phản ánh mới thực hiện được thao tác này.',
    );
  }
  if (!(await isReporter(bundle, who))) {
    throw new ApiError(
      403,
      'not_reporter',
      'Mã theo dõi không đúng. Chỉ người gửi phản ánh mới thực hiện được thao tác này.',
    );
  }
}

export async function rateReport(
  db: Db,
  code: string,
  who: Reporter,
  input: { rating: (typeof RATINGS)[number]; comment?: string | undefined },
  now = new Date(),
): Promise<PublicReport> {
  const bundle = await load(db, code);
  await requireReporter(bundle, who);
  const { report } = bundle;
  if (report.status !== 'resolved' || !report.resolvedAt) {
    throw new ApiError(409, 'not_resolved', 'Chỉ đánh giá được khi phản ánh đã được xử lý xong.', {
      status: report.status,
    });
  }
  if (currentRating(bundle)) {
    throw new ApiError(409, 'already_rated', 'Bạn đã đánh giá kết quả xử lý lần này.');
  }
  const nowIso = now.toISOString();
  let ok: boolean;
  try {
    ok = await insertRating(db, {
      reportId: report.id,
      resolvedAt: report.resolvedAt,
      rating: input.rating,
      comment: input.comment ?? null,
      eventMessage: `Đánh giá: ${RATING_LABELS[input.rating].vi}`,
      now: nowIso,
    });
  } catch (err) {
    if (String((err as Error)?.message ?? '').includes('UNIQUE')) {
      throw new ApiError(409, 'already_rated', 'Bạn đã đánh giá kết quả xử lý lần này.');
    }
    throw err;
  }
  if (!ok) {
    throw new ApiError(
      409,
      'state_changed',
      'Phản ánh vừa được cập nhật. Vui lòng tải lại và thử lại.',
    );
  }
  return toPublicReport(await load(db, report.code));
}

/** Why a reopen is refused now, or null when it is allowed. */
function reopenRefusal(bundle: ReportBundle, now: Date): ApiError | null {
  const { report } = bundle;
  if (report.status !== 'resolved' || !report.resolvedAt) {
    return new ApiError(409, 'not_resolved', 'Chỉ mở lại được phản ánh đã được xử lý xong.', {
      status: report.status,
    });
  }
  const rating = currentRating(bundle);
  if (rating?.rating !== 'unsatisfied') {
    return new ApiError(
      409,
      'reopen_requires_unsatisfied_rating',
      'Chỉ mở lại được khi bạn đã đánh giá "Không hài lòng" với kết quả xử lý.',
    );
  }
  const deadline = new Date(report.resolvedAt).getTime() + REOPEN_DAYS * 86_400_000;
  if (now.getTime() > deadline) {
    return new ApiError(
      409,
      'reopen_window_closed',
      `Đã quá ${REOPEN_DAYS} ngày kể từ khi phản ánh được xử lý, không thể mở lại. Vui lòng gửi phản ánh mới.`,
      { until: new Date(deadline).toISOString() },
    );
  }
  return null;
}

/**
 * Reopens a resolved report whose reporter rated the result unsatisfied, within 7 days of
 * the resolution. It goes back to `in_progress` with the agency that handled it (`received`
 * when none is recorded, for the IOC to route again), with a new deadline counted from now.
 */
export async function reopen(
  db: Db,
  code: string,
  who: Reporter,
  input: { reason?: string | undefined },
  now = new Date(),
): Promise<PublicReport> {
  // The holidays (for the new deadline) are read alongside the report, not after it.
  const [bundle, holidays] = await Promise.all([load(db, code), loadHolidays(db, now)]);
  await requireReporter(bundle, who);
  const refusal = reopenRefusal(bundle, now);
  if (refusal) throw refusal;
  const { report } = bundle;
  const reason = input.reason?.trim();
  const nowIso = now.toISOString();
  const message = reason
    ? `Người phản ánh chưa hài lòng với kết quả: ${reason}`
    : 'Người phản ánh chưa hài lòng với kết quả xử lý, đề nghị xử lý lại.';
  // The report goes back to the agency that resolved it: its handlers and leader hear of it
  // (the IOC when no agency is recorded, since it then has to route the report again).
  const after = [
    auditStatement(db, {
      at: nowIso,
      actor: { kind: 'citizen', id: who.userId ?? null },
      action: 'report.reopen',
      entityType: 'report',
      entityId: report.code,
      from: report.agencyId ? `resolved @ ${report.agencyId}` : 'resolved',
      to: report.agencyId ? `in_progress @ ${report.agencyId}` : 'received',
      note: reason ?? null,
    }),
    ...noticeStatements(
      db,
      [
        {
          to: 'officials',
          key: `${report.code}:reopened:${report.resolvedAt}`,
          reportId: report.id,
          code: report.code,
          agencyId: report.agencyId,
          roles: report.agencyId ? AGENCY_ROLES : IOC_ROLES,
          kind: 'report.reopened',
          title: `Phản ánh ${report.code} được mở lại`,
          body: `Người phản ánh chưa hài lòng với kết quả xử lý${reason ? `: ${reason}` : '.'}`,
        },
      ],
      nowIso,
    ),
  ];
  const ok = await reopenReport(
    db,
    {
      reportId: report.id,
      resolvedAt: report.resolvedAt as string,
      dueAt: dueDate(now, report.category.slaHours, holidays).toISOString(),
      message,
      now: nowIso,
    },
    after,
  );
  if (!ok) {
    throw new ApiError(
      409,
      'state_changed',
      'Phản ánh vừa được cập nhật. Vui lòng tải lại và thử lại.',
    );
  }
  return toPublicReport(await load(db, report.code));
}

/** "Tôi cũng gặp": adds this device as a supporter of an open report, once. */
export async function support(
  db: Db,
  code: string,
  deviceId: string,
  now = new Date(),
): Promise<{ code: string; supporterCount: number; added: boolean }> {
  const bundle = await load(db, code);
  const { report } = bundle;
  if (report.hidden) throw notFound();
  if (!(OPEN_STATUSES as readonly string[]).includes(report.status)) {
    throw new ApiError(
      409,
      'report_closed',
      'Phản ánh này đã được xử lý hoặc đã đóng, không thể theo dõi thêm.',
      {
        status: report.status,
      },
    );
  }
  const supporterHash = await hashDeviceId(deviceId);
  if (report.deviceHash === supporterHash) {
    throw new ApiError(409, 'own_report', 'Đây là phản ánh của chính bạn.');
  }
  const result = await addSupporter(db, {
    reportId: report.id,
    supporterHash,
    now: now.toISOString(),
  });
  return { code: report.code, ...result };
}

/**
 * "Tôi cũng gặp vấn đề này": before sending, the open reports probably about the same
 * problem (intake/duplicates.ts: near, recent, same or related category, similar words),
 * best first, as public summaries with their distance and similarity. Hidden reports and the
 * citizen's own reports are left out. Supporting one (`support` above) instead of sending
 * keeps one report per pothole.
 */
export async function similar(
  db: Db,
  config: IntakeConfig,
  q: LatLng & { categoryId: string; description: string },
  who: { deviceId: string | null; userId: string | null },
  now = new Date(),
): Promise<(ReturnType<typeof toSummary> & { distanceMetres: number; similarity: number })[]> {
  if (!insideBounds(q)) {
    throw new ApiError(
      422,
      'out_of_province',
      `Vị trí đã chọn nằm ngoài địa bàn tỉnh ${PROVINCE.name}.`,
      { bounds: PROVINCE.bounds },
    );
  }
  const deviceHash = who.deviceId ? await hashDeviceId(who.deviceId) : null;
  const rows = await searchSimilar(
    db,
    config,
    { lat: q.lat, lng: q.lng, categoryId: q.categoryId, description: q.description, now },
    {
      limit: SIMILAR_MAX,
      ...(deviceHash || who.userId ? { excludeReporter: { deviceHash, userId: who.userId } } : {}),
    },
  );
  return rows.map((row) => ({
    ...toSummary(row),
    distanceMetres: row.distanceMetres,
    similarity: row.similarity,
  }));
}

export async function mine(
  db: Db,
  who: { deviceId: string | null; userId: string | null },
  page: { cursor?: string | undefined; limit: number },
) {
  const deviceHash = who.deviceId ? await hashDeviceId(who.deviceId) : null;
  const beforeId = page.cursor ? Number.parseInt(page.cursor, 36) : undefined;
  const rows = await listMine(
    db,
    { deviceHash, userId: who.userId },
    { beforeId: Number.isSafeInteger(beforeId) ? beforeId : undefined, limit: page.limit + 1 },
  );
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items: items.map((row) => ({ ...toSummary(row), hidden: row.hidden })),
    nextCursor: rows.length > page.limit && last ? last.id.toString(36) : null,
  };
}
