import {
  type ReportStatus,
  reportEvents,
  reportExtensionRequests,
  reportSupporters,
  reports,
} from '@tinh/db/schema';
import { sql } from 'drizzle-orm';
import { type Action, can, type Target } from '../access/permissions';
import { auditStatement } from '../audit/log';
import { type Notice, noticeStatements } from '../notifications/notify';
import type { Db } from '../platform/db';
import { ApiError } from '../platform/errors';
import { OPEN_STATUSES, STATUS_LABELS } from '../reports/labels';
import type { ActCtx } from '../work/actions';
import { AGENCY_ROLES } from '../work/recipients';
import { CHANGED_ONE, eventStatement, type Statement, writeAction } from '../work/repo';
import { illegalTransition } from '../work/transitions';
import { intakeConfig } from './config';
import { findDuplicateCandidates } from './duplicates';

// Merging a duplicate into its main report: the IOC's one-click merge from the candidates on
// a report's page (POST /work/reports/{code}/merge) and the intake decision "duplicate" (work/
// actions.ts) are this one path, with the same refusals and the same batch:
//
//   the duplicate   closed as `duplicate`, duplicate_of_id = the main report (from any open
//                   status; its pending extension request lapses, its agency is told)
//   chains          reports merged earlier into the duplicate now point at the main report,
//                   so a duplicate never points at another duplicate
//   followers       the duplicate's reporter (their device) and its supporters become
//                   supporters of the main report; supporter_count is recounted
//   record          an event on both reports (public on the duplicate, internal on the main),
//                   an audit entry on both, the reporter notice
//
// From then on every reporter notice of the main report also reaches the merged reports'
// reporters and the supporters (notifications/notify.ts, `followerStatements`).
//
// Safe to retry: a merge already done (same duplicate, same main) answers `created: false`;
// with a `clientKey` the duplicate's event carries it, so a retry that lost its answer finds
// it. Round trips: one read batch, one write batch (guarded like every workflow action: the
// duplicate still where it was read, the main report still open; otherwise nothing is written).

export type MergeVia = 'merge' | 'intake';

export interface MergeInput {
  /** Code of the main report. */
  into: string;
  /** Shown to the duplicate's reporter; a default message names the main report. */
  publicMessage?: string | undefined;
  /** Internal note, on both reports' records. */
  note?: string | undefined;
  clientKey?: string | undefined;
}

export interface MergeResult {
  code: string;
  into: string;
  /** `false`: the report had already been merged into this main report (a retry). */
  created: boolean;
}

interface MergeRow {
  id: number;
  code: string;
  status: ReportStatus;
  agencyId: string | null;
  communeId: string | null;
  verifiedAt: string | null;
  hidden: boolean;
  userId: string | null;
  deviceHash: string | null;
  duplicateOfId: number | null;
  /** The code of the report this one was merged into, when it is a duplicate. */
  mainCode: string | null;
}

const OPEN: readonly ReportStatus[] = OPEN_STATUSES;

const rowColumns = sql`r.id as id, r.code as code, r.status as status, r.agency_id as agencyId,
  r.commune_id as communeId, r.verified_at as verifiedAt, r.hidden as hidden,
  r.user_id as userId, r.device_hash as deviceHash, r.duplicate_of_id as duplicateOfId,
  m.code as mainCode`;

type RawRow = Omit<MergeRow, 'hidden'> & { hidden: number };
const toRow = (raw: RawRow | undefined): MergeRow | undefined =>
  raw && { ...raw, hidden: Boolean(raw.hidden) };

/** The read batch: both reports and the event already written under the client key. */
async function loadMerge(db: Db, code: string, into: string, clientKey: string | undefined) {
  const byCode = (c: string) =>
    db.all<RawRow>(sql`select ${rowColumns} from ${reports} r
      left join ${reports} m on m.id = r.duplicate_of_id
      where r.code = ${c}`);
  const [source, target, keyed] = await db.batch([
    byCode(code),
    byCode(into),
    db.all<{ reportId: number; type: string }>(sql`
      select report_id as reportId, type from ${reportEvents}
      where client_key = ${clientKey ?? ''} limit ${clientKey ? 1 : 0}`),
  ]);
  return { source: toRow(source[0]), target: toRow(target[0]), keyed: keyed[0] };
}

const targetOf = (r: MergeRow): Target => ({ agencyId: r.agencyId, communeId: r.communeId });

const reportNotFound = () =>
  new ApiError(404, 'report_not_found', 'Không tìm thấy phản ánh với mã này.');

const PERMISSION: Record<MergeVia, Action> = { merge: 'report.merge', intake: 'report.intake' };

/** Refusals about the duplicate itself: 404 outside scope, 403, 409 by state. */
function checkSource(ctx: ActCtx, via: MergeVia, r: MergeRow | undefined): MergeRow {
  if (!r || !can(ctx.official, 'report.read', targetOf(r))) throw reportNotFound();
  if (!can(ctx.official, PERMISSION[via], targetOf(r))) {
    throw new ApiError(
      403,
      'forbidden',
      via === 'merge'
        ? 'Chỉ IOC được gộp phản ánh trùng.'
        : 'Bạn không có quyền thực hiện thao tác này với phản ánh này.',
      { action: via },
    );
  }
  return r;
}

function checkSourceState(via: MergeVia, r: MergeRow): void {
  if (r.status === 'duplicate') {
    throw new ApiError(
      409,
      'already_merged',
      `Phản ánh ${r.code} đã được gộp vào phản ánh ${r.mainCode ?? 'khác'}.`,
      { from: r.status, action: via, into: r.mainCode },
    );
  }
  if (via === 'intake') {
    // The intake decision keeps its rule: a new report the IOC has not checked yet.
    if (r.status !== 'received' || r.verifiedAt !== null) {
      throw illegalTransition('intake', {
        status: r.status,
        verifiedAt: r.verifiedAt,
        acceptedAt: null,
        pendingExtension: false,
        ...targetOf(r),
      });
    }
    return;
  }
  if (!OPEN.includes(r.status)) {
    throw new ApiError(
      409,
      'illegal_transition',
      `Không thể gộp phản ánh khi đang ở trạng thái "${STATUS_LABELS[r.status].vi}": chỉ gộp được phản ánh chưa xử lý xong.`,
      { from: r.status, action: via },
    );
  }
}

/** Refusals about the main report: it must exist for this official, be another, open report. */
function checkTarget(ctx: ActCtx, r: MergeRow, into: string, t: MergeRow | undefined): MergeRow {
  if (!t || !can(ctx.official, 'report.read', targetOf(t))) {
    throw new ApiError(
      422,
      'duplicate_target_not_found',
      `Không tìm thấy phản ánh chính ${into}.`,
      { into },
    );
  }
  if (t.id === r.id) {
    throw new ApiError(422, 'duplicate_of_self', 'Phản ánh không thể trùng với chính nó.');
  }
  if (t.status === 'duplicate') {
    throw new ApiError(
      422,
      'duplicate_target_is_duplicate',
      `Phản ánh ${t.code} cũng là phản ánh trùng${t.mainCode ? ` (của ${t.mainCode})` : ''}: hãy chọn phản ánh chính.`,
      { into: t.code, mainCode: t.mainCode },
    );
  }
  if (!OPEN.includes(t.status)) {
    throw new ApiError(
      422,
      'duplicate_target_closed',
      `Phản ánh ${t.code} đang ở trạng thái "${STATUS_LABELS[t.status].vi}": chỉ gộp vào phản ánh chưa xử lý xong.`,
      { into: t.code, status: t.status },
    );
  }
  if (t.hidden) {
    throw new ApiError(
      422,
      'duplicate_target_hidden',
      `Phản ánh ${t.code} đang bị ẩn khỏi trang công khai: không gộp phản ánh khác vào đó.`,
      { into: t.code },
    );
  }
  return t;
}

const stateText = (r: MergeRow) => (r.agencyId ? `${r.status} @ ${r.agencyId}` : r.status);

/** The write batch of a merge (see the header), in this order. */
function mergeStatements(
  ctx: ActCtx,
  via: MergeVia,
  r: MergeRow,
  t: MergeRow,
  input: MergeInput,
  message: string,
): Statement[] {
  const db = ctx.db;
  const now = ctx.now.toISOString();
  const note = input.note ?? null;
  const key = `${r.code}:duplicate:${now}`;
  const audit = (code: string, change: { from: string | null; to: string | null; note: string }) =>
    auditStatement(db, {
      at: now,
      actor: { kind: 'official', id: ctx.official.id },
      action: via === 'intake' && code === r.code ? 'report.intake' : 'report.merge',
      entityType: 'report',
      entityId: code,
      from: change.from,
      to: change.to,
      note: change.note,
      requestId: ctx.requestId,
    });
  const notices: Notice[] = [
    {
      to: 'reporter',
      key,
      reportId: r.id,
      code: r.code,
      userId: r.userId,
      deviceHash: r.deviceHash,
      status: 'duplicate',
      message,
    },
  ];
  if (r.agencyId) {
    notices.push({
      to: 'officials',
      key,
      reportId: r.id,
      code: r.code,
      agencyId: r.agencyId,
      roles: AGENCY_ROLES,
      kind: 'report.merged',
      title: `Phản ánh ${r.code} đã được gộp vào ${t.code}`,
      body: `IOC đã gộp phản ánh ${r.code} vào phản ánh ${t.code} (cùng vấn đề): không cần xử lý riêng phản ánh ${r.code}.`,
    });
  }
  return [
    // Guarded: the duplicate is still as read, and the main report still open and public.
    db.run(sql`update ${reports} set status = 'duplicate', duplicate_of_id = ${t.id},
        verified_at = coalesce(verified_at, ${now}), updated_at = ${now}
      where id = ${r.id} and status = ${r.status} and agency_id is ${r.agencyId}
        and verified_at is ${r.verifiedAt}
        and exists (select 1 from ${reports} m where m.id = ${t.id}
          and m.status in ('received', 'assigned', 'in_progress') and m.hidden = 0)`),
    eventStatement(
      db,
      {
        reportId: r.id,
        type: 'duplicate',
        fromStatus: r.status,
        toStatus: 'duplicate',
        isPublic: true,
        publicMessage: message,
        note,
        actorId: ctx.official.id,
        agencyId: r.agencyId,
        clientKey: input.clientKey ?? null,
        at: now,
      },
      CHANGED_ONE,
    ),
    // Before the chains move: the reporters of reports merged earlier into the duplicate, and
    // its supporters, hear that it joined the main report (their updates come from there now).
    ...noticeStatements(db, notices, now),
    db.run(sql`update ${reports} set duplicate_of_id = ${t.id}, updated_at = ${now}
      where status = 'duplicate' and duplicate_of_id = ${r.id}`),
    // Followers of the duplicate follow the main report: its supporters, and its reporter's
    // device (not the main reporter's own device: nobody supports their own report).
    db.run(sql`insert into ${reportSupporters} (report_id, supporter_hash, created_at)
      select ${t.id}, s.supporter_hash, ${now} from ${reportSupporters} s
      where s.report_id = ${r.id}
        and s.supporter_hash is not (select device_hash from ${reports} where id = ${t.id})
      union
      select ${t.id}, ${r.deviceHash}, ${now}
      where ${r.deviceHash} is not null
        and ${r.deviceHash} is not (select device_hash from ${reports} where id = ${t.id})
      on conflict do nothing`),
    db.run(sql`update ${reports} set supporter_count =
        (select count(*) from ${reportSupporters} where report_id = ${t.id})
      where id = ${t.id}`),
    eventStatement(db, {
      reportId: t.id,
      type: 'note',
      fromStatus: t.status,
      toStatus: t.status,
      isPublic: false,
      publicMessage: null,
      note: `Đã gộp phản ánh trùng ${r.code} vào phản ánh này.${note ? ` ${note}` : ''}`,
      actorId: ctx.official.id,
      agencyId: t.agencyId,
      at: now,
    }),
    // The duplicate's extension request has no object any more.
    db.run(sql`update ${reportExtensionRequests}
      set status = 'denied', decided_at = ${now},
        decision_note = ${`Phản ánh đã được gộp vào phản ánh ${t.code}.`}
      where report_id = ${r.id} and status = 'pending'`),
    audit(r.code, {
      from: stateText(r),
      to: 'duplicate',
      note: `duplicate of ${t.code}${input.publicMessage ? `: ${input.publicMessage}` : ''}${note ? ` (${note})` : ''}`,
    }),
    audit(t.code, { from: null, to: null, note: `Gộp phản ánh trùng ${r.code} vào phản ánh này` }),
  ];
}

const defaultMessage = (main: string) =>
  `Phản ánh của bạn trùng với phản ánh ${main} về cùng vấn đề và đã được gộp vào phản ánh đó. ` +
  `Bạn sẽ nhận thông báo khi phản ánh ${main} được cập nhật.`;

/**
 * Merges report `code` into `input.into` (see the header). `via: 'intake'` is the intake
 * decision "duplicate": the same merge, under the intake rule (a new, unchecked report) and
 * permission.
 */
export async function mergeReport(
  ctx: ActCtx,
  code: string,
  input: MergeInput,
  via: MergeVia = 'merge',
): Promise<MergeResult> {
  const loaded = await loadMerge(ctx.db, code, input.into, input.clientKey);
  const r = checkSource(ctx, via, loaded.source);
  const done = (t: { code: string }): MergeResult => ({
    code: r.code,
    into: t.code,
    created: false,
  });
  if (loaded.keyed) {
    if (loaded.keyed.reportId !== r.id || loaded.keyed.type !== 'duplicate') {
      throw new ApiError(
        409,
        'client_key_reused',
        'Mã gửi (clientKey) đã được dùng cho một thao tác khác. Vui lòng tạo mã mới.',
      );
    }
    return done({ code: r.mainCode ?? input.into });
  }
  // Already merged into this main report: a retry whose answer was lost.
  if (loaded.target && r.status === 'duplicate' && r.duplicateOfId === loaded.target.id) {
    return done(loaded.target);
  }
  checkSourceState(via, r);
  const t = checkTarget(ctx, r, input.into, loaded.target);
  const message = input.publicMessage ?? defaultMessage(t.code);
  const written = await writeAction(ctx.db, mergeStatements(ctx, via, r, t, input, message));
  if (written.outcome === 'done') return { code: r.code, into: t.code, created: true };
  // Nothing was written: someone changed one of the reports since they were read, or a retry
  // with the same client key got there first. Read again and answer as a first attempt would.
  const again = await loadMerge(ctx.db, code, input.into, input.clientKey);
  if (again.source?.status === 'duplicate' && again.source.duplicateOfId === again.target?.id) {
    return done(again.target);
  }
  const current = checkSource(ctx, via, again.source);
  checkSourceState(via, current);
  checkTarget(ctx, current, input.into, again.target);
  throw new ApiError(
    409,
    'illegal_transition',
    'Không thể gộp: phản ánh vừa được người khác cập nhật. Vui lòng tải lại.',
    { from: current.status, action: via },
  );
}

// ---- candidates ---------------------------------------------------------------------------

/** Candidates listed on a report's page at most. */
export const CANDIDATES_MAX = 20;
const EXCERPT_CHARS = 280;

const excerpt = (text: string) =>
  text.length <= EXCERPT_CHARS ? text : `${text.slice(0, EXCERPT_CHARS - 1).trimEnd()}…`;

/** How far along the workflow a report is: the main report of a pair is the one further on. */
const PROGRESS: Partial<Record<ReportStatus, number>> = {
  received: 0,
  assigned: 1,
  in_progress: 2,
};

interface Side {
  status: ReportStatus;
  supporterCount: number;
  createdAt: string;
  hidden: boolean;
}

/**
 * Which of two open reports should be the main one: not a hidden one (nobody can follow it),
 * then the one further along (an agency already works on it), then the one with more
 * supporters, then the older. The admin offers this direction first; the IOC may reverse it.
 */
export function suggestMain(self: Side, other: Side): 'self' | 'other' {
  if (self.hidden !== other.hidden) return self.hidden ? 'other' : 'self';
  const progress = (PROGRESS[other.status] ?? 0) - (PROGRESS[self.status] ?? 0);
  if (progress !== 0) return progress > 0 ? 'other' : 'self';
  if (self.supporterCount !== other.supporterCount) {
    return other.supporterCount > self.supporterCount ? 'other' : 'self';
  }
  return other.createdAt < self.createdAt ? 'other' : 'self';
}

interface ReportForCandidates extends Side {
  id: number;
  code: string;
  agencyId: string | null;
  communeId: string | null;
  categoryId: string;
  description: string;
  lat: number;
  lng: number;
}

/**
 * What the IOC sees on a report's page to merge duplicates (GET /work/reports/{code}/duplicates):
 * open reports nearby with a similar text (intake/duplicates.ts; hidden ones too, flagged),
 * each with the suggested direction of the merge, and the reports already merged into this one.
 * Two round trips: the report with its merged reports and the agencies' names, then the
 * R*Tree search.
 */
export async function duplicateCandidates(ctx: ActCtx, code: string, now = ctx.now) {
  const db = ctx.db;
  const [rows, merged, agencyRows] = await db.batch([
    db.all<Omit<ReportForCandidates, 'hidden'> & { hidden: number }>(sql`
      select id, code, status, agency_id as agencyId, commune_id as communeId,
        category_id as categoryId, description, lat, lng, hidden,
        supporter_count as supporterCount, created_at as createdAt
      from ${reports} where code = ${code}`),
    db.all<{
      code: string;
      categoryId: string;
      categoryName: string;
      description: string;
      createdAt: string;
      updatedAt: string;
      hidden: number;
    }>(sql`
      select d.code as code, d.category_id as categoryId, c.name as categoryName,
        d.description as description, d.created_at as createdAt, d.updated_at as updatedAt,
        d.hidden as hidden
      from ${reports} d join report_categories c on c.id = d.category_id
      where d.status = 'duplicate'
        and d.duplicate_of_id = (select id from ${reports} where code = ${code})
      order by d.id limit 100`),
    db.all<{ id: string; name: string }>(sql`select id, name from agencies`),
  ]);
  const raw = rows[0];
  const report: ReportForCandidates | undefined = raw && { ...raw, hidden: Boolean(raw.hidden) };
  const target: Target | undefined = report && {
    agencyId: report.agencyId,
    communeId: report.communeId,
  };
  if (!report || !can(ctx.official, 'report.read', target)) throw reportNotFound();
  if (!can(ctx.official, 'report.merge', target)) {
    throw new ApiError(403, 'forbidden', 'Chỉ IOC được xem và gộp phản ánh trùng.', {
      action: 'merge',
    });
  }
  const config = intakeConfig(ctx.env);
  const open = OPEN.includes(report.status);
  // A closed report merges nothing and into nothing: no search.
  const found = open
    ? await findDuplicateCandidates(
        db,
        config,
        {
          lat: report.lat,
          lng: report.lng,
          categoryId: report.categoryId,
          description: report.description,
          excludeReportId: report.id,
          now,
        },
        { limit: CANDIDATES_MAX, includeHidden: true },
      )
    : [];
  const agencyNames = new Map(agencyRows.map((a) => [a.id, a.name]));
  return {
    report: { code: report.code, status: report.status, open, hidden: report.hidden },
    radiusMetres: config.duplicateRadiusMetres,
    windowDays: config.duplicateWindowDays,
    candidates: found.map((c) => ({
      code: c.code,
      status: c.status,
      statusLabel: STATUS_LABELS[c.status],
      category: { id: c.categoryId, name: c.categoryName },
      agency: c.agencyId
        ? { id: c.agencyId, name: agencyNames.get(c.agencyId) ?? c.agencyId }
        : null,
      excerpt: excerpt(c.description),
      address: c.address,
      location: { lat: c.lat, lng: c.lng },
      distanceMetres: Math.round(c.distanceMetres),
      similarity: Math.round(c.similarity * 100) / 100,
      supporterCount: c.supporterCount,
      createdAt: c.createdAt,
      hidden: c.hidden,
      suggestedMain: suggestMain(report, c) === 'self' ? ('this' as const) : ('candidate' as const),
    })),
    merged: merged.map((m) => ({
      code: m.code,
      category: { id: m.categoryId, name: m.categoryName },
      excerpt: excerpt(m.description),
      createdAt: m.createdAt,
      mergedAt: m.updatedAt,
      hidden: Boolean(m.hidden),
    })),
  };
}
