import {
  type ReportEventType,
  type ReportStatus,
  reportExtensionRequests,
  reportMedia,
  reports,
} from '@tinh/db/schema';
import { sql } from 'drizzle-orm';
import { can, scopesOf, type Target } from '../access/permissions';
import { auditStatement } from '../audit/log';
import { labelStatement } from '../intake/labels';
import { mergeReport } from '../intake/merge';
import { mediaLimits } from '../media/config';
import { type Notice, noticeStatements } from '../notifications/notify';
import type { Db } from '../platform/db';
import type { Env, OfficialPrincipal } from '../platform/env';
import { ApiError } from '../platform/errors';
import { dueDate } from '../platform/working-days';
import { hashDeviceId } from '../reports/tokens';
import { AGENCY_ROLES, IOC_ROLES } from './recipients';
import {
  type ActionContext,
  CHANGED_ONE,
  eventStatement,
  findEventByClientKey,
  loadActionContext,
  loadExtensionRequest,
  type Statement,
  type WorkReportRow,
  type WriteOutcome,
  writeAction,
} from './repo';
import { type AgencyRef, defaultAgency, isPlaceholder, routingCatalog } from './routing';
import {
  assertLegal,
  illegalTransition,
  isLegal,
  RULES,
  staleState,
  type WorkAction,
  type WorkState,
} from './transitions';

// The officials' actions on a report. Each one: read (one batch), decide with the pure
// transition table and the permission table, then write one batch: the guarded UPDATE,
// the event, the audit entry and the notifications, all or nothing.

export interface ActCtx {
  db: Db;
  env: Env;
  official: OfficialPrincipal;
  now: Date;
  requestId: string | null;
}

export const reportNotFound = () =>
  new ApiError(404, 'report_not_found', 'Không tìm thấy phản ánh với mã này.');

const forbidden = (action: WorkAction) =>
  new ApiError(403, 'forbidden', 'Bạn không có quyền thực hiện thao tác này với phản ánh này.', {
    action,
  });

export const targetOf = (r: { agencyId: string | null; communeId: string | null }): Target => ({
  agencyId: r.agencyId,
  communeId: r.communeId,
});

export const stateOf = (r: WorkReportRow): WorkState => ({
  ...targetOf(r),
  status: r.status,
  verifiedAt: r.verifiedAt,
  acceptedAt: r.acceptedAt,
  pendingExtension: r.pendingExtension,
});

/** The report if this official may see it; a report outside their scope does not exist for them. */
function visible(ctx: ActCtx, row: WorkReportRow | undefined): WorkReportRow {
  if (!row || !can(ctx.official, 'report.read', targetOf(row))) throw reportNotFound();
  return row;
}

/** Visible, permitted and legal now: the checks of every single-report action. */
function checked(ctx: ActCtx, action: WorkAction, row: WorkReportRow | undefined): WorkReportRow {
  const r = visible(ctx, row);
  if (!can(ctx.official, RULES[action].permission, targetOf(r))) throw forbidden(action);
  assertLegal(action, stateOf(r));
  return r;
}

const stateText = (status: ReportStatus, agencyId: string | null) =>
  agencyId ? `${status} @ ${agencyId}` : status;

function audit(
  ctx: ActCtx,
  action: string,
  code: string,
  change: { from?: string | null; to?: string | null; note?: string | null },
) {
  return auditStatement(ctx.db, {
    at: ctx.now.toISOString(),
    actor: { kind: 'official', id: ctx.official.id },
    action: `report.${action}`,
    entityType: 'report',
    entityId: code,
    from: change.from ?? null,
    to: change.to ?? null,
    note: change.note ?? null,
    requestId: ctx.requestId,
  });
}

function reporterNotice(r: WorkReportRow, key: string, status: ReportStatus, message: string) {
  return {
    to: 'reporter' as const,
    key,
    reportId: r.id,
    code: r.code,
    userId: r.userId,
    deviceHash: r.deviceHash,
    status,
    message,
  };
}

/** Dedupe key of an action's notices: the report, the action and the instant it was taken. */
const noticeKey = (ctx: ActCtx, code: string, action: string) =>
  `${code}:${action}:${ctx.now.toISOString()}`;

/** "14:30 ngày 05/08/2025" in Asia/Ho_Chi_Minh. */
export function formatVnTime(iso: string): string {
  const local = new Date(Date.parse(iso) + 7 * 3_600_000).toISOString();
  return `${local.slice(11, 16)} ngày ${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)}`;
}

/** The state guard of a report's UPDATE: still where it was read. */
const sameState = (r: WorkReportRow) =>
  sql`${reports.id} = ${r.id} and ${reports.status} = ${r.status} and ${reports.agencyId} is ${r.agencyId}`;

/**
 * `routed_by` goes with `first_assigned_at` (the statistics split intake-to-agency time by
 * it): an assignment by the IOC is the first routing only when there was none before, e.g.
 * not for a report routed on arrival and then returned by its agency. In an UPDATE, the
 * right-hand side reads the row as it was, so this sees the old first_assigned_at.
 */
const manualFirstRouting = sql.raw(
  `routed_by = case when first_assigned_at is null then 'manual' else routed_by end`,
);

/** Pending extension requests lose their object when the report leaves the agency or is done. */
function closePendingExtensions(ctx: ActCtx, reportId: number, why: string) {
  return ctx.db.run(sql`
    update ${reportExtensionRequests}
    set status = 'denied', decided_at = ${ctx.now.toISOString()}, decision_note = ${why}
    where report_id = ${reportId} and status = 'pending'`);
}

async function write(
  ctx: ActCtx,
  action: WorkAction,
  r: WorkReportRow,
  statements: Statement[],
): Promise<Exclude<WriteOutcome, { outcome: 'stale' }>> {
  const written = await writeAction(ctx.db, statements);
  if (written.outcome === 'stale') throw staleState(action, r.status);
  return written;
}

function agencyName(context: ActionContext, id: string | null): string {
  if (!id) return '';
  return context.agencies.find((a) => a.id === id)?.name ?? id;
}

function requireAgency(context: ActionContext, id: string): AgencyRef {
  const agency = context.agencies.find((a) => a.id === id);
  if (!agency || isPlaceholder(agency)) {
    throw new ApiError(422, 'unknown_agency', 'Cơ quan xử lý không tồn tại.', { agencyId: id });
  }
  return agency;
}

// ---- assignment -------------------------------------------------------------------------

/** Statements assigning one report to `agency` (intake or assignment). */
function assignStatements(
  ctx: ActCtx,
  r: WorkReportRow,
  agency: AgencyRef,
  q: {
    note: string | null;
    guarded: boolean;
    extra?: { categoryId: string; dueAt: string | null };
  },
): Statement[] {
  const now = ctx.now.toISOString();
  const message = `Phản ánh đã được chuyển đến ${agency.name} để xử lý.`;
  const statements: Statement[] = [];
  if (q.guarded) {
    statements.push(
      ctx.db.run(sql`
        update ${reports} set status = 'assigned', agency_id = ${agency.id},
          assigned_at = ${now}, first_assigned_at = coalesce(first_assigned_at, ${now}),
          ${manualFirstRouting}, verified_at = coalesce(verified_at, ${now}),
          accepted_at = null, updated_at = ${now}
        where ${sameState(r)}`),
    );
  }
  statements.push(
    eventStatement(
      ctx.db,
      {
        reportId: r.id,
        type: 'assigned',
        fromStatus: r.status,
        toStatus: 'assigned',
        isPublic: true,
        publicMessage: message,
        note: q.note,
        actorId: ctx.official.id,
        agencyId: agency.id,
        at: now,
      },
      q.guarded ? CHANGED_ONE : undefined,
    ),
  );
  if (r.agencyId !== agency.id) {
    statements.push(
      closePendingExtensions(ctx, r.id, 'Phản ánh đã được chuyển sang cơ quan khác.'),
    );
  }
  statements.push(
    audit(ctx, 'assign', r.code, {
      from: stateText(r.status, r.agencyId),
      to: stateText('assigned', agency.id),
      note: q.note,
    }),
  );
  const key = noticeKey(ctx, r.code, 'assigned');
  const notices: Notice[] = [
    reporterNotice(r, key, 'assigned', message),
    {
      to: 'officials',
      key,
      reportId: r.id,
      code: r.code,
      agencyId: agency.id,
      roles: AGENCY_ROLES,
      kind: 'report.assigned',
      title: `Phản ánh mới ${r.code}`,
      body: `IOC đã chuyển phản ánh ${r.code} cho cơ quan xử lý.${q.note ? ` Ghi chú: ${q.note}` : ''}`,
    },
  ];
  statements.push(...noticeStatements(ctx.db, notices, now));
  return statements;
}

export interface BulkAssignResult {
  assigned: { code: string; agency: { id: string; name: string } }[];
  skipped: { code: string; error: { code: string; message: string } }[];
}

/**
 * Assigns reports (one or many) to `agencyId`, or each to its default agency. Reports that
 * cannot be assigned now are listed as skipped with the reason; the others are written in one
 * transaction (a report changed meanwhile by a colleague fails the whole write with 409).
 */
export async function assignReports(
  ctx: ActCtx,
  input: { codes: string[]; agencyId?: string | undefined; note?: string | undefined },
): Promise<BulkAssignResult> {
  if (scopesOf(ctx.official, 'report.assign').size === 0) throw forbidden('assign');
  const codes = [...new Set(input.codes)];
  const context = await loadActionContext(ctx.db, { codes, now: ctx.now });
  const chosen = input.agencyId ? requireAgency(context, input.agencyId) : null;
  const catalog = routingCatalog(context.agencies);
  const byCode = new Map(context.reports.map((r) => [r.code, r]));
  const categories = new Map(context.categories.map((c) => [c.id, c]));
  const result: BulkAssignResult = { assigned: [], skipped: [] };
  const statements: Statement[] = [];
  for (const code of codes) {
    const skip = (e: ApiError) =>
      result.skipped.push({ code, error: { code: e.code, message: e.message } });
    let r: WorkReportRow;
    try {
      r = checked(ctx, 'assign', byCode.get(code));
    } catch (e) {
      if (e instanceof ApiError) {
        skip(e);
        continue;
      }
      throw e;
    }
    const category = categories.get(r.categoryId);
    const agency =
      chosen ?? (category ? defaultAgency(catalog, category.defaultAgencyId, r.communeId) : null);
    if (!agency) {
      skip(
        new ApiError(
          422,
          'no_default_agency',
          'Không xác định được cơ quan xử lý mặc định của phản ánh này: vui lòng chọn cơ quan.',
        ),
      );
      continue;
    }
    if (r.status === 'assigned' && r.agencyId === agency.id) {
      skip(
        new ApiError(409, 'already_assigned', `Phản ánh đã được chuyển đến ${agency.name} rồi.`),
      );
      continue;
    }
    statements.push(
      ...assignStatements(ctx, r, agency, { note: input.note ?? null, guarded: true }),
      // Routing a report confirms its category: a labelled example for retraining.
      labelStatement(ctx.db, {
        reportId: r.id,
        categoryId: r.categoryId,
        officialId: ctx.official.id,
        at: ctx.now.toISOString(),
      }),
    );
    result.assigned.push({ code, agency: { id: agency.id, name: agency.name } });
  }
  if (statements.length > 0) {
    const written = await writeAction(ctx.db, statements);
    if (written.outcome === 'stale') {
      throw new ApiError(
        409,
        'illegal_transition',
        'Một số phản ánh vừa được người khác cập nhật nên chưa chuyển được. Vui lòng tải lại danh sách và thử lại.',
        { action: 'assign', codes: result.assigned.map((a) => a.code) },
      );
    }
  }
  return result;
}

// ---- intake -------------------------------------------------------------------------------

export type IntakeDecision = 'valid' | 'spam' | 'duplicate' | 'out_of_scope';

export interface IntakeInput {
  decision: IntakeDecision;
  publicReason?: string | undefined;
  duplicateOf?: string | undefined;
  categoryId?: string | undefined;
  agencyId?: string | undefined;
}

export async function intake(
  ctx: ActCtx,
  code: string,
  input: IntakeInput,
): Promise<{ assignedTo: { id: string; name: string } | null }> {
  // A duplicate is merged into its main report: one path with the IOC's one-click merge
  // (intake/merge.ts), under the intake rule and permission.
  if (input.decision === 'duplicate') {
    await mergeReport(
      ctx,
      code,
      { into: input.duplicateOf ?? '', publicMessage: input.publicReason },
      'intake',
    );
    return { assignedTo: null };
  }
  const context = await loadActionContext(ctx.db, { codes: [code], now: ctx.now });
  const r = checked(ctx, 'intake', context.reports[0]);
  const now = ctx.now.toISOString();
  const reason = input.publicReason ?? null;
  const key = noticeKey(ctx, r.code, 'intake');
  const statements: Statement[] = [];
  const guardedUpdate = (set: ReturnType<typeof sql>) =>
    ctx.db.run(sql`update ${reports} set ${set}, verified_at = ${now}, updated_at = ${now}
      where id = ${r.id} and status = 'received' and verified_at is null`);
  // Every decision's event: public, from 'received', right after the guarded update.
  const intakeEvent = (type: ReportEventType, toStatus: ReportStatus, message: string) =>
    eventStatement(
      ctx.db,
      {
        reportId: r.id,
        type,
        fromStatus: 'received',
        toStatus,
        isPublic: true,
        publicMessage: message,
        note: null,
        actorId: ctx.official.id,
        agencyId: null,
        at: now,
      },
      CHANGED_ONE,
    );

  if (input.decision === 'valid') {
    const categories = new Map(context.categories.map((c) => [c.id, c]));
    const categoryId = input.categoryId ?? r.categoryId;
    const category = categories.get(categoryId);
    if (!category) {
      throw new ApiError(422, 'unknown_category', 'Lĩnh vực phản ánh không tồn tại.', {
        categoryId,
      });
    }
    const agency = input.agencyId
      ? requireAgency(context, input.agencyId)
      : defaultAgency(routingCatalog(context.agencies), category.defaultAgencyId, r.communeId);
    // A new category brings its own SLA, counted from the receipt like the first one.
    const dueAt =
      categoryId === r.categoryId
        ? r.dueAt
        : dueDate(new Date(r.createdAt), category.slaHours, context.holidays).toISOString();
    const message = reason ?? 'Phản ánh đã được kiểm tra và tiếp nhận xử lý.';
    statements.push(
      guardedUpdate(
        agency
          ? sql`status = 'assigned', category_id = ${categoryId}, due_at = ${dueAt},
              agency_id = ${agency.id}, assigned_at = ${now},
              first_assigned_at = coalesce(first_assigned_at, ${now}), ${manualFirstRouting},
              accepted_at = null`
          : sql`category_id = ${categoryId}, due_at = ${dueAt}`,
      ),
      intakeEvent('verified', 'received', message),
      audit(ctx, 'intake', r.code, {
        from: 'received',
        to: agency ? 'assigned' : 'received',
        note: `valid${reason ? `: ${reason}` : ''}`,
      }),
    );
    if (categoryId !== r.categoryId) {
      statements.push(audit(ctx, 'category', r.code, { from: r.categoryId, to: categoryId }));
    }
    // The IOC set or confirmed the category: a labelled example for retraining.
    statements.push(
      labelStatement(ctx.db, { reportId: r.id, categoryId, officialId: ctx.official.id, at: now }),
    );
    if (agency) {
      statements.push(...assignStatements(ctx, r, agency, { note: null, guarded: false }));
    } else {
      statements.push(
        ...noticeStatements(ctx.db, [reporterNotice(r, key, 'received', message)], now),
      );
    }
    await write(ctx, 'intake', r, statements);
    return { assignedTo: agency ? { id: agency.id, name: agency.name } : null };
  }

  // spam / out_of_scope: closed without handling; spam also disappears from public views.
  const spam = input.decision === 'spam';
  const message =
    reason ?? (spam ? 'Phản ánh không hợp lệ.' : 'Phản ánh không thuộc phạm vi tiếp nhận.');
  statements.push(
    guardedUpdate(
      sql`status = 'rejected', rejection_kind = ${input.decision}, hidden = ${spam ? 1 : 0}`,
    ),
    intakeEvent('rejected', 'rejected', message),
    audit(ctx, 'intake', r.code, {
      from: 'received',
      to: 'rejected',
      note: `${input.decision}${reason ? `: ${reason}` : ''}`,
    }),
    ...noticeStatements(ctx.db, [reporterNotice(r, key, 'rejected', message)], now),
  );
  await write(ctx, 'intake', r, statements);
  return { assignedTo: null };
}

// ---- the agency ---------------------------------------------------------------------------

export async function accept(ctx: ActCtx, code: string): Promise<void> {
  const context = await loadActionContext(ctx.db, { codes: [code], now: ctx.now });
  const r = checked(ctx, 'accept', context.reports[0]);
  const now = ctx.now.toISOString();
  await write(ctx, 'accept', r, [
    ctx.db.run(sql`update ${reports} set accepted_at = ${now}, updated_at = ${now}
      where ${sameState(r)} and accepted_at is null`),
    eventStatement(
      ctx.db,
      {
        reportId: r.id,
        type: 'accepted',
        fromStatus: r.status,
        toStatus: r.status,
        isPublic: true,
        publicMessage: `${agencyName(context, r.agencyId)} đã tiếp nhận phản ánh.`,
        note: null,
        actorId: ctx.official.id,
        agencyId: r.agencyId,
        at: now,
      },
      CHANGED_ONE,
    ),
    audit(ctx, 'accept', r.code, {
      from: stateText(r.status, r.agencyId),
      to: stateText(r.status, r.agencyId),
    }),
  ]);
}

export async function returnToIoc(ctx: ActCtx, code: string, reason: string): Promise<void> {
  const context = await loadActionContext(ctx.db, { codes: [code], now: ctx.now });
  const r = checked(ctx, 'return', context.reports[0]);
  const now = ctx.now.toISOString();
  const message = 'Phản ánh được chuyển lại Trung tâm IOC để chuyển đến đúng cơ quan xử lý.';
  const key = noticeKey(ctx, r.code, 'returned');
  await write(ctx, 'return', r, [
    ctx.db.run(sql`update ${reports} set status = 'received', agency_id = null,
        assigned_at = null, accepted_at = null, updated_at = ${now}
      where ${sameState(r)}`),
    eventStatement(
      ctx.db,
      {
        reportId: r.id,
        type: 'returned',
        fromStatus: r.status,
        toStatus: 'received',
        isPublic: true,
        publicMessage: message,
        note: reason,
        actorId: ctx.official.id,
        agencyId: r.agencyId,
        at: now,
      },
      CHANGED_ONE,
    ),
    closePendingExtensions(ctx, r.id, 'Phản ánh đã được trả lại IOC.'),
    audit(ctx, 'return', r.code, {
      from: stateText(r.status, r.agencyId),
      to: 'received',
      note: reason,
    }),
    ...noticeStatements(
      ctx.db,
      [
        reporterNotice(r, key, 'received', message),
        {
          to: 'officials',
          key,
          reportId: r.id,
          code: r.code,
          agencyId: null,
          roles: IOC_ROLES,
          kind: 'report.returned',
          title: `Phản ánh ${r.code} bị trả lại`,
          body: `${agencyName(context, r.agencyId)} trả lại phản ánh ${r.code}: ${reason}`,
        },
      ],
      now,
    ),
  ]);
}

export async function start(ctx: ActCtx, code: string, message?: string): Promise<void> {
  const context = await loadActionContext(ctx.db, { codes: [code], now: ctx.now });
  const r = checked(ctx, 'start', context.reports[0]);
  const now = ctx.now.toISOString();
  const text = message ?? `${agencyName(context, r.agencyId)} đang xử lý phản ánh.`;
  await write(ctx, 'start', r, [
    // Starting the work is also accepting the report, if that step was skipped.
    ctx.db.run(sql`update ${reports} set status = 'in_progress',
        accepted_at = coalesce(accepted_at, ${now}), updated_at = ${now}
      where ${sameState(r)}`),
    eventStatement(
      ctx.db,
      {
        reportId: r.id,
        type: 'in_progress',
        fromStatus: r.status,
        toStatus: 'in_progress',
        isPublic: true,
        publicMessage: text,
        note: null,
        actorId: ctx.official.id,
        agencyId: r.agencyId,
        at: now,
      },
      CHANGED_ONE,
    ),
    audit(ctx, 'start', r.code, {
      from: stateText(r.status, r.agencyId),
      to: stateText('in_progress', r.agencyId),
    }),
    ...noticeStatements(
      ctx.db,
      [reporterNotice(r, noticeKey(ctx, r.code, 'in_progress'), 'in_progress', text)],
      now,
    ),
  ]);
}

export interface PostedEvent {
  eventId: number;
  created: boolean;
  at: string;
}

/**
 * A public update or an internal note, written once per client key: a retry (its answer
 * lost on a weak connection) finds the event the first attempt wrote and answers it again.
 */
async function postEvent(
  ctx: ActCtx,
  action: 'update' | 'note',
  code: string,
  text: string,
  clientKey: string,
): Promise<PostedEvent> {
  const context = await loadActionContext(ctx.db, { codes: [code], now: ctx.now, clientKey });
  const r = visible(ctx, context.reports[0]);
  const type = action === 'update' ? 'update' : 'note';
  const replay = (e: { id: number; reportId: number; type: string; createdAt: string }) => {
    if (e.reportId !== r.id || e.type !== type) {
      throw new ApiError(
        409,
        'client_key_reused',
        'Mã gửi (clientKey) đã được dùng cho một nội dung khác. Vui lòng tạo mã mới.',
      );
    }
    return { eventId: e.id, created: false, at: e.createdAt };
  };
  if (context.clientKeyEvent) return replay(context.clientKeyEvent);
  checked(ctx, action, r);
  const now = ctx.now.toISOString();
  const isPublic = action === 'update';
  const event = eventStatement(
    ctx.db,
    {
      reportId: r.id,
      type,
      fromStatus: r.status,
      toStatus: r.status,
      isPublic,
      publicMessage: isPublic ? text : null,
      note: isPublic ? null : text,
      actorId: ctx.official.id,
      agencyId: r.agencyId,
      clientKey,
      at: now,
    },
    isPublic ? CHANGED_ONE : sql`exists (select 1 from ${reports} where ${sameState(r)})`,
  );
  // An update touches the report (its public "last updated"); a note only checks that the
  // report is still where it was read, without changing it.
  const statements: Statement[] = isPublic
    ? [ctx.db.run(sql`update ${reports} set updated_at = ${now} where ${sameState(r)}`), event]
    : [event];
  statements.push(
    audit(ctx, action, r.code, {
      from: stateText(r.status, r.agencyId),
      to: stateText(r.status, r.agencyId),
      note: text,
    }),
  );
  if (isPublic) {
    statements.push(
      ...noticeStatements(
        ctx.db,
        [reporterNotice(r, `${r.code}:update:${clientKey}`, r.status, text)],
        now,
      ),
    );
  }
  const written = await write(ctx, action, r, statements);
  if (written.outcome === 'client_key_taken') {
    const existing = await findEventByClientKey(ctx.db, clientKey);
    if (existing) return replay(existing);
    throw staleState(action, r.status);
  }
  const inserted = written.results[isPublic ? 1 : 0] as { lastInsertRowid?: bigint | number };
  return { eventId: Number(inserted.lastInsertRowid ?? 0), created: true, at: now };
}

export const postUpdate = (ctx: ActCtx, code: string, message: string, clientKey: string) =>
  postEvent(ctx, 'update', code, message, clientKey);

export const postNote = (ctx: ActCtx, code: string, note: string, clientKey: string) =>
  postEvent(ctx, 'note', code, note, clientKey);

export async function requestExtension(
  ctx: ActCtx,
  code: string,
  input: { reason: string; requestedDueAt: string },
): Promise<void> {
  const context = await loadActionContext(ctx.db, { codes: [code], now: ctx.now });
  const r = checked(ctx, 'request_extension', context.reports[0]);
  const requested = new Date(input.requestedDueAt);
  const floor = Math.max(ctx.now.getTime(), r.dueAt ? Date.parse(r.dueAt) : 0);
  if (!(requested.getTime() > floor)) {
    throw new ApiError(
      422,
      'extension_not_later',
      'Hạn đề nghị phải sau hạn xử lý hiện tại và sau thời điểm hiện tại.',
      { dueAt: r.dueAt },
    );
  }
  const now = ctx.now.toISOString();
  const requestedIso = requested.toISOString();
  await write(ctx, 'request_extension', r, [
    // At most one pending request per report: the insert re-checks it.
    ctx.db.run(sql`
      insert into ${reportExtensionRequests}
        (report_id, agency_id, requested_by, reason, requested_due_at, status, created_at)
      select id, agency_id, ${ctx.official.id}, ${input.reason}, ${requestedIso}, 'pending', ${now}
      from ${reports}
      where ${sameState(r)}
        and not exists (select 1 from ${reportExtensionRequests} x
          where x.report_id = ${r.id} and x.status = 'pending')`),
    eventStatement(
      ctx.db,
      {
        reportId: r.id,
        type: 'extension_requested',
        fromStatus: r.status,
        toStatus: r.status,
        isPublic: false,
        publicMessage: null,
        note: `Đề nghị gia hạn đến ${formatVnTime(requestedIso)}: ${input.reason}`,
        actorId: ctx.official.id,
        agencyId: r.agencyId,
        at: now,
      },
      CHANGED_ONE,
    ),
    audit(ctx, 'extension_request', r.code, {
      from: r.dueAt,
      to: requestedIso,
      note: input.reason,
    }),
    ...noticeStatements(
      ctx.db,
      [
        {
          to: 'officials',
          key: noticeKey(ctx, r.code, 'extension_requested'),
          reportId: r.id,
          code: r.code,
          agencyId: null,
          roles: IOC_ROLES,
          kind: 'report.extension_requested',
          title: `Đề nghị gia hạn phản ánh ${r.code}`,
          body: `${agencyName(context, r.agencyId)} đề nghị gia hạn đến ${formatVnTime(requestedIso)}: ${input.reason}`,
        },
      ],
      now,
    ),
  ]);
}

export async function resolve(
  ctx: ActCtx,
  code: string,
  input: { answer: string; mediaIds: string[]; deviceId?: string | undefined },
): Promise<void> {
  const mediaIds = [...new Set(input.mediaIds)];
  const context = await loadActionContext(ctx.db, { codes: [code], now: ctx.now, mediaIds });
  const r = checked(ctx, 'resolve', context.reports[0]);
  const now = ctx.now.toISOString();

  // Result photos come through the citizen upload flow (/api/v1/uploads), which owns a file
  // by the hash of the device id that started it: the official's app sends the same id here.
  const deviceHash = input.deviceId ? await hashDeviceId(input.deviceId) : null;
  if (mediaIds.length > 0 && !deviceHash) {
    throw new ApiError(
      422,
      'device_id_required',
      'Cần gửi mã thiết bị (deviceId) đã dùng khi tải ảnh kết quả lên.',
    );
  }
  const limits = mediaLimits(ctx.env);
  const found = new Map(context.media.map((m) => [m.id, m]));
  const unavailable = mediaIds.filter((id) => {
    const m = found.get(id);
    return (
      !m ||
      m.reportId !== null ||
      m.status !== 'complete' ||
      m.deviceHash !== deviceHash ||
      m.expiresAt <= now
    );
  });
  if (unavailable.length > 0) {
    throw new ApiError(
      422,
      'media_unavailable',
      'Một số ảnh kết quả không dùng được (chưa tải xong, đã hết hạn hoặc không phải của thiết bị này). Vui lòng tải lên lại.',
      { mediaIds: unavailable },
    );
  }
  const photos = context.media.filter((m) => m.kind === 'photo').length;
  const videos = context.media.length - photos;
  if (photos > limits.maxPhotos || videos > limits.maxVideos) {
    throw new ApiError(
      422,
      'too_many_media',
      `Tối đa ${limits.maxPhotos} ảnh và ${limits.maxVideos} video kết quả.`,
      { maxPhotos: limits.maxPhotos, maxVideos: limits.maxVideos },
    );
  }

  const attached =
    mediaIds.length === 0
      ? sql`0`
      : sql`(select count(*) from ${reportMedia} where report_id = ${r.id} and phase = 'result'
          and id in (${sql.join(
            mediaIds.map((id) => sql`${id}`),
            sql`, `,
          )}))`;
  await write(ctx, 'resolve', r, [
    ...mediaIds.map((id, i) =>
      ctx.db.run(sql`update ${reportMedia} set report_id = ${r.id}, phase = 'result',
          sort_order = ${i}, gps_lat = null, gps_lng = null, updated_at = ${now}
        where id = ${id} and report_id is null and status = 'complete'
          and device_hash = ${deviceHash} and expires_at > ${now}`),
    ),
    ctx.db.run(sql`update ${reports} set status = 'resolved', resolved_at = ${now},
        accepted_at = coalesce(accepted_at, ${now}), updated_at = ${now}
      where ${sameState(r)} and (status = 'in_progress' or accepted_at is not null)`),
    eventStatement(
      ctx.db,
      {
        reportId: r.id,
        type: 'resolved',
        fromStatus: r.status,
        toStatus: 'resolved',
        isPublic: true,
        publicMessage: input.answer,
        note: null,
        actorId: ctx.official.id,
        agencyId: r.agencyId,
        at: now,
      },
      sql`changes() = 1 and ${attached} = ${mediaIds.length}`,
    ),
    closePendingExtensions(ctx, r.id, 'Phản ánh đã được xử lý xong.'),
    audit(ctx, 'resolve', r.code, {
      from: stateText(r.status, r.agencyId),
      to: stateText('resolved', r.agencyId),
      note: input.answer,
    }),
    ...noticeStatements(
      ctx.db,
      [reporterNotice(r, noticeKey(ctx, r.code, 'resolved'), 'resolved', input.answer)],
      now,
    ),
  ]);
}

// ---- extension decisions (the IOC) ---------------------------------------------------------

export const extensionNotFound = () =>
  new ApiError(404, 'extension_request_not_found', 'Không tìm thấy đề nghị gia hạn này.');

export async function decideExtension(
  ctx: ActCtx,
  id: number,
  input: { approve: boolean; note?: string | undefined },
): Promise<{ code: string; status: 'approved' | 'denied'; dueAt: string | null }> {
  const x = await loadExtensionRequest(ctx.db, id);
  if (!x || !can(ctx.official, 'report.read', targetOf(x.report))) throw extensionNotFound();
  if (!can(ctx.official, 'extension.decide', targetOf(x.report))) {
    throw forbidden('decide_extension');
  }
  if (x.status !== 'pending') {
    throw new ApiError(
      409,
      'illegal_transition',
      `Đề nghị gia hạn này đã được xem xét (${x.status === 'approved' ? 'đã đồng ý' : 'không đồng ý'}).`,
      { from: x.status, action: 'decide_extension' },
    );
  }
  const r = x.report;
  if (input.approve && !isLegal('decide_extension', stateOf(r))) {
    throw illegalTransition('decide_extension', stateOf(r));
  }
  const now = ctx.now.toISOString();
  const note = input.note ?? null;
  const status = input.approve ? 'approved' : 'denied';
  const message = input.approve
    ? `Hạn xử lý được gia hạn đến ${formatVnTime(x.requestedDueAt)}.`
    : null;
  const statements: Statement[] = [
    ctx.db.run(sql`update ${reportExtensionRequests}
      set status = ${status}, decided_by = ${ctx.official.id}, decided_at = ${now},
        decision_note = ${note}
      where id = ${x.id} and status = 'pending'`),
    eventStatement(
      ctx.db,
      {
        reportId: r.id,
        type: 'extension_decided',
        fromStatus: r.status,
        toStatus: r.status,
        // An approved extension moves the deadline citizens see; a refusal stays internal.
        isPublic: input.approve,
        publicMessage: message,
        note: `${input.approve ? 'Đồng ý' : 'Không đồng ý'} gia hạn${note ? `: ${note}` : ''}`,
        actorId: ctx.official.id,
        agencyId: x.agencyId,
        at: now,
      },
      CHANGED_ONE,
    ),
  ];
  if (input.approve) {
    // A new deadline: the SLA sweep judges the report against it afresh.
    statements.push(
      ctx.db.run(sql`update ${reports} set due_at = ${x.requestedDueAt}, overdue_at = null,
          escalated_at = null, updated_at = ${now}
        where id = ${r.id}`),
    );
  }
  statements.push(
    audit(ctx, 'extension_decide', r.code, {
      from: r.dueAt,
      to: input.approve ? x.requestedDueAt : r.dueAt,
      note: `${status}${note ? `: ${note}` : ''}`,
    }),
    ...noticeStatements(
      ctx.db,
      [
        {
          to: 'officials',
          key: noticeKey(ctx, r.code, `extension_decided:${x.id}`),
          reportId: r.id,
          code: r.code,
          agencyId: x.agencyId,
          roles: AGENCY_ROLES,
          kind: 'report.extension_decided',
          title: `Gia hạn phản ánh ${r.code}: ${input.approve ? 'đồng ý' : 'không đồng ý'}`,
          body: input.approve
            ? `IOC đồng ý gia hạn đến ${formatVnTime(x.requestedDueAt)}.${note ? ` ${note}` : ''}`
            : `IOC không đồng ý gia hạn.${note ? ` ${note}` : ''}`,
        },
      ],
      now,
    ),
  );
  const written = await writeAction(ctx.db, statements);
  if (written.outcome === 'stale') {
    throw new ApiError(409, 'illegal_transition', 'Đề nghị gia hạn này vừa được xem xét.', {
      from: 'decided',
      action: 'decide_extension',
    });
  }
  return {
    code: r.code,
    status,
    dueAt: input.approve ? x.requestedDueAt : r.dueAt,
  };
}
