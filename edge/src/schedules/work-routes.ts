import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { requireOfficial, requirePermission } from '../access/guard';
import { can, scopesOf } from '../access/permissions';
import { changedFields, officialAuditEntry } from '../audit/log';
import { englishColumn } from '../content/lang';
import type { AppEnv, OfficialPrincipal } from '../platform/env';
import { ApiError } from '../platform/errors';
import { requireJsonBody } from '../platform/json-body';
import {
  jsonBody as body,
  errorResponse as error,
  jsonResponse as json,
} from '../platform/openapi';
import { createRouter } from '../platform/router';
import {
  agencyName,
  agencyWeek,
  changeStatus,
  copyWeek,
  deleteDraft,
  type EntryRow,
  type EntryValues,
  findEntry,
  insertEntry,
  publishWeek,
  updateEntry,
  workEntry,
} from './repo';
import {
  CancelBody,
  CountResultSchema,
  DeletedSchema,
  EntryCreateBody,
  EntryIdParam,
  EntryPatchBody,
  EntryResultSchema,
  VersionBody,
  WeekActionBody,
  WorkWeekQuery,
  WorkWeekSchema,
} from './schemas';
import { resolveWeek, vnLocal } from './week';

// Work schedules for the agencies' schedule editors (/api/v1/work/schedules, permission
// `schedules.manage` for the item's agency). Items start as drafts; publishing shows them to
// everyone. Editing a published item needs a short note and marks it (revised_at), cancelling
// keeps it visible, struck through, with its note. Every write names the version it read.
// An item of another agency answers 404, as if it did not exist.

const TAG = 'Lịch công tác (cán bộ)';
const SECURITY: Record<string, string[]>[] = [{ officialCookie: [] }, { officialBearer: [] }];
const ACTION = 'schedules.manage';

function editor(c: Context<AppEnv>): OfficialPrincipal {
  const me = requireOfficial(c);
  if (scopesOf(me, ACTION).size === 0) {
    throw new ApiError(403, 'forbidden', 'Bạn không có quyền thực hiện thao tác này.', {
      action: ACTION,
    });
  }
  c.header('Cache-Control', 'private, no-store');
  return me;
}

/** Who may edit schedules at all, before the request is validated. */
const editorOnly = createMiddleware<AppEnv>(async (c, next) => {
  editor(c);
  await next();
});

const notFound = () => new ApiError(404, 'entry_not_found', 'Không tìm thấy mục lịch công tác.');
const versionConflict = (current: number) =>
  new ApiError(
    409,
    'version_conflict',
    'Nội dung đã được người khác sửa. Vui lòng tải lại rồi sửa tiếp.',
    { currentVersion: current },
  );
const wrongStatus = (status: string, message: string) =>
  new ApiError(409, 'invalid_status', message, { status });

/** The agency a week action works on: the editor's own unless they may edit any. */
async function targetAgency(c: Context<AppEnv>, asked: string | undefined) {
  const me = editor(c);
  const agencyId = asked ?? me.agencyId;
  requirePermission(c, ACTION, { agencyId, communeId: null });
  const name = await agencyName(c.var.db, agencyId);
  if (name === null)
    throw new ApiError(400, 'unknown_agency', 'Cơ quan không tồn tại.', { agencyId });
  return { me, agencyId, name };
}

async function myEntry(c: Context<AppEnv>, id: string): Promise<EntryRow> {
  const me = editor(c);
  const row = await findEntry(c.var.db, id);
  if (!row || !can(me, ACTION, { agencyId: row.agencyId, communeId: null })) throw notFound();
  return row;
}

/** After a guarded write changed nothing: the reason, read again. */
async function raceError(c: Context<AppEnv>, id: string, version: number): Promise<ApiError> {
  const now = await findEntry(c.var.db, id);
  if (!now) return notFound();
  if (Number(now.version) !== version) return versionConflict(Number(now.version));
  return wrongStatus(now.status, 'Trạng thái của mục đã thay đổi. Vui lòng tải lại.');
}

/** Start of a local day, for all-day items: the local date of `iso`, 00:00 in Vietnam. */
const localMidnight = (iso: string) =>
  new Date(Date.parse(`${vnLocal(iso).date}T00:00:00+07:00`)).toISOString();

function normalizeTimes(startsAt: string, endsAt: string | null, allDay: boolean) {
  const start = new Date(startsAt).toISOString();
  if (allDay) return { startsAt: localMidnight(start), endsAt: null };
  const end = endsAt ? new Date(endsAt).toISOString() : null;
  if (end && Date.parse(end) <= Date.parse(start)) {
    throw new ApiError(400, 'invalid_times', 'Giờ kết thúc phải sau giờ bắt đầu.', {
      startsAt: start,
      endsAt: end,
    });
  }
  if (end && vnLocal(end).date !== vnLocal(start).date) {
    throw new ApiError(
      400,
      'invalid_times',
      'Giờ kết thúc phải trong cùng ngày với giờ bắt đầu; việc nhiều ngày hãy ghi từng ngày hoặc chọn cả ngày.',
      { startsAt: start, endsAt: end },
    );
  }
  return { startsAt: start, endsAt: end };
}

const denied = {
  401: error('Chưa đăng nhập (`official_session_required`)'),
  403: error('Không có quyền (`forbidden`) hoặc thiếu mã CSRF (`csrf_failed`)'),
};
const entry404 = { 404: error('Không có mục này (`entry_not_found`)') };
const conflict409 = {
  409: error(
    'Đã bị người khác sửa (`version_conflict`) hoặc trạng thái không cho phép (`invalid_status`)',
  ),
};

// ---- routes -------------------------------------------------------------------------------

const listRoute = createRoute({
  method: 'get',
  path: '/entries',
  tags: [TAG],
  summary: 'Lịch một tuần của cơ quan (mọi trạng thái)',
  security: SECURITY,
  middleware: [editorOnly] as const,
  request: { query: WorkWeekQuery },
  responses: {
    200: json(WorkWeekSchema, 'Các mục của tuần'),
    400: error('Tham số không hợp lệ'),
    ...denied,
  },
});

const createEntryRoute = createRoute({
  method: 'post',
  path: '/entries',
  tags: [TAG],
  summary: 'Thêm mục lịch (bản nháp)',
  security: SECURITY,
  middleware: [editorOnly, requireJsonBody] as const,
  request: { body: body(EntryCreateBody) },
  responses: {
    200: json(EntryResultSchema, 'Đã tạo từ trước (cùng `requestKey`)'),
    201: json(EntryResultSchema, 'Đã tạo'),
    400: error('Dữ liệu không hợp lệ (`validation_failed`, `invalid_times`, `unknown_agency`)'),
    ...denied,
    409: error('`requestKey` đã dùng cho việc khác (`request_key_reused`)'),
  },
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/entries/{id}',
  tags: [TAG],
  summary: 'Sửa mục lịch',
  description:
    'Mục đã công bố: cần `revisionNote`; mục được đánh dấu "đã điều chỉnh" với thời điểm và ghi chú.',
  security: SECURITY,
  middleware: [editorOnly, requireJsonBody] as const,
  request: { params: EntryIdParam, body: body(EntryPatchBody) },
  responses: {
    200: json(EntryResultSchema, 'Đã lưu'),
    400: error('Dữ liệu không hợp lệ (`invalid_times`, `revision_note_required`)'),
    ...denied,
    ...entry404,
    ...conflict409,
  },
});

const publishRoute = createRoute({
  method: 'post',
  path: '/entries/{id}/publish',
  tags: [TAG],
  summary: 'Công bố một mục nháp',
  security: SECURITY,
  middleware: [editorOnly, requireJsonBody] as const,
  request: { params: EntryIdParam, body: body(VersionBody) },
  responses: {
    200: json(EntryResultSchema, 'Đã công bố'),
    ...denied,
    ...entry404,
    ...conflict409,
  },
});

const cancelRoute = createRoute({
  method: 'post',
  path: '/entries/{id}/cancel',
  tags: [TAG],
  summary: 'Hủy một mục đã công bố (vẫn hiển thị, gạch ngang, kèm lý do)',
  security: SECURITY,
  middleware: [editorOnly, requireJsonBody] as const,
  request: { params: EntryIdParam, body: body(CancelBody) },
  responses: {
    200: json(EntryResultSchema, 'Đã hủy'),
    400: error('Dữ liệu không hợp lệ'),
    ...denied,
    ...entry404,
    ...conflict409,
  },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/entries/{id}',
  tags: [TAG],
  summary: 'Xóa một mục nháp',
  security: SECURITY,
  middleware: [editorOnly] as const,
  request: { params: EntryIdParam },
  responses: {
    200: json(DeletedSchema, 'Đã xóa'),
    ...denied,
    ...entry404,
    409: error('Mục đã công bố, chỉ hủy được (`invalid_status`)'),
  },
});

const publishWeekRoute = createRoute({
  method: 'post',
  path: '/publish-week',
  tags: [TAG],
  summary: 'Công bố mọi mục nháp của một tuần',
  security: SECURITY,
  middleware: [editorOnly, requireJsonBody] as const,
  request: { body: body(WeekActionBody) },
  responses: {
    200: json(CountResultSchema, 'Số mục đã công bố'),
    400: error('Dữ liệu không hợp lệ'),
    ...denied,
  },
});

const copyWeekRoute = createRoute({
  method: 'post',
  path: '/copy-week',
  tags: [TAG],
  summary: 'Chép lịch một tuần sang tuần sau (thành bản nháp)',
  description: 'Chép lại lần nữa không tạo trùng. Mục đã hủy không được chép.',
  security: SECURITY,
  middleware: [editorOnly, requireJsonBody] as const,
  request: { body: body(WeekActionBody) },
  responses: {
    200: json(CountResultSchema, 'Số mục mới ở tuần sau'),
    400: error('Dữ liệu không hợp lệ'),
    ...denied,
  },
});

// ---- app ----------------------------------------------------------------------------------

export const scheduleWorkRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const q = c.req.valid('query');
    const { agencyId } = await targetAgency(c, q.agencyId);
    const range = resolveWeek(q);
    const rows = await agencyWeek(c.var.db, agencyId, range);
    const { week, from, to, previousWeek, nextWeek } = range;
    return c.json(
      { week, from, to, previousWeek, nextWeek, agencyId, items: rows.map(workEntry) },
      200,
    );
  })
  .openapi(createEntryRoute, async (c) => {
    const input = c.req.valid('json');
    const { me, agencyId, name } = await targetAgency(c, input.agencyId);
    const allDay = input.allDay ?? false;
    const values: EntryValues = {
      leaderName: input.leaderName || null,
      leaderTitle: input.leaderTitle || null,
      ...normalizeTimes(input.startsAt, input.endsAt ?? null, allDay),
      allDay,
      location: input.location,
      content: input.content,
      host: input.host,
      participants: input.participants ?? '',
      en: englishColumn(input.en),
    };
    const id = input.requestKey ?? crypto.randomUUID();
    const now = new Date().toISOString();
    const created = await insertEntry(
      c.var.db,
      { ...values, id, agencyId, agencyName: name, by: me.id, now },
      officialAuditEntry(c, me, now, {
        action: 'schedule.create',
        entityType: 'schedule_entry',
        entityId: id,
        to: JSON.stringify({ agencyId, ...values }),
      }),
    );
    const row = await findEntry(c.var.db, id);
    if (!row) throw notFound();
    if (!created && (row.createdBy !== me.id || row.agencyId !== agencyId)) {
      throw new ApiError(
        409,
        'request_key_reused',
        'Mã yêu cầu (requestKey) này đã được dùng cho việc khác.',
      );
    }
    return c.json({ entry: workEntry(row) }, created ? 201 : 200);
  })
  .openapi(patchRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const row = await myEntry(c, id);
    const me = editor(c);
    if (Number(row.version) !== input.version) throw versionConflict(Number(row.version));
    if (row.status !== 'draft' && row.status !== 'published') {
      throw wrongStatus(row.status, 'Mục đã hủy hoặc lưu trữ, không sửa được nữa.');
    }
    const published = row.status === 'published';
    if (published && !input.revisionNote) {
      throw new ApiError(
        400,
        'revision_note_required',
        'Mục đã công bố: hãy ghi ngắn gọn điều đã thay đổi (ví dụ "Đổi giờ họp sang 14:00").',
      );
    }
    const before: EntryValues = {
      leaderName: row.leaderName,
      leaderTitle: row.leaderTitle,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      allDay: Boolean(row.allDay),
      location: row.location,
      content: row.content,
      host: row.host,
      participants: row.participants,
      en: row.en,
    };
    const allDay = input.allDay ?? before.allDay;
    const after: EntryValues = {
      leaderName: input.leaderName === undefined ? before.leaderName : input.leaderName || null,
      leaderTitle: input.leaderTitle === undefined ? before.leaderTitle : input.leaderTitle || null,
      ...normalizeTimes(
        input.startsAt ?? before.startsAt,
        input.endsAt === undefined ? before.endsAt : input.endsAt,
        allDay,
      ),
      allDay,
      location: input.location ?? before.location,
      content: input.content ?? before.content,
      host: input.host ?? before.host,
      participants: input.participants ?? before.participants,
      en: input.en === undefined ? before.en : englishColumn(input.en),
    };
    const diff = changedFields(before, after);
    if (!diff.changed) return c.json({ entry: workEntry(row) }, 200);
    const now = new Date().toISOString();
    const saved = await updateEntry(
      c.var.db,
      {
        ...after,
        id,
        version: input.version,
        agencyName: row.agencyName,
        published,
        revisionNote: published ? (input.revisionNote ?? null) : null,
        by: me.id,
        now,
      },
      officialAuditEntry(c, me, now, {
        action: published ? 'schedule.revise' : 'schedule.update',
        entityType: 'schedule_entry',
        entityId: id,
        from: diff.from,
        to: diff.to,
        note: published ? (input.revisionNote ?? null) : null,
      }),
    );
    if (!saved) throw await raceError(c, id, input.version);
    const fresh = await findEntry(c.var.db, id);
    if (!fresh) throw notFound();
    return c.json({ entry: workEntry(fresh) }, 200);
  })
  .openapi(publishRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { version } = c.req.valid('json');
    const row = await myEntry(c, id);
    const me = editor(c);
    if (Number(row.version) !== version) throw versionConflict(Number(row.version));
    if (row.status === 'published') return c.json({ entry: workEntry(row) }, 200);
    if (row.status !== 'draft') throw wrongStatus(row.status, 'Chỉ công bố được mục nháp.');
    const now = new Date().toISOString();
    const ok = await changeStatus(
      c.var.db,
      { id, version, from: 'draft', to: 'published', note: null, by: me.id, now },
      officialAuditEntry(c, me, now, {
        action: 'schedule.publish',
        entityType: 'schedule_entry',
        entityId: id,
        from: 'draft',
        to: 'published',
      }),
    );
    if (!ok) throw await raceError(c, id, version);
    const fresh = await findEntry(c.var.db, id);
    if (!fresh) throw notFound();
    return c.json({ entry: workEntry(fresh) }, 200);
  })
  .openapi(cancelRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { version, note } = c.req.valid('json');
    const row = await myEntry(c, id);
    const me = editor(c);
    if (Number(row.version) !== version) throw versionConflict(Number(row.version));
    if (row.status === 'cancelled') return c.json({ entry: workEntry(row) }, 200);
    if (row.status !== 'published') {
      throw wrongStatus(row.status, 'Chỉ hủy được mục đã công bố; mục nháp hãy xóa.');
    }
    const now = new Date().toISOString();
    const ok = await changeStatus(
      c.var.db,
      { id, version, from: 'published', to: 'cancelled', note, by: me.id, now },
      officialAuditEntry(c, me, now, {
        action: 'schedule.cancel',
        entityType: 'schedule_entry',
        entityId: id,
        from: 'published',
        to: 'cancelled',
        note,
      }),
    );
    if (!ok) throw await raceError(c, id, version);
    const fresh = await findEntry(c.var.db, id);
    if (!fresh) throw notFound();
    return c.json({ entry: workEntry(fresh) }, 200);
  })
  .openapi(deleteRoute, async (c) => {
    const { id } = c.req.valid('param');
    const row = await myEntry(c, id);
    const me = editor(c);
    if (row.status !== 'draft') {
      throw wrongStatus(row.status, 'Mục đã công bố không xóa được; hãy hủy mục kèm lý do.');
    }
    const now = new Date().toISOString();
    const ok = await deleteDraft(
      c.var.db,
      id,
      officialAuditEntry(c, me, now, {
        action: 'schedule.delete',
        entityType: 'schedule_entry',
        entityId: id,
        from: JSON.stringify({ startsAt: row.startsAt, content: row.content }),
      }),
    );
    if (!ok) throw await raceError(c, id, Number(row.version));
    return c.json({ deleted: true as const }, 200);
  })
  .openapi(publishWeekRoute, async (c) => {
    const input = c.req.valid('json');
    const { me, agencyId } = await targetAgency(c, input.agencyId);
    const range = resolveWeek(input);
    const now = new Date().toISOString();
    const count = await publishWeek(
      c.var.db,
      { agencyId, range, by: me.id, now },
      officialAuditEntry(c, me, now, {
        action: 'schedule.publish_week',
        entityType: 'agency',
        entityId: agencyId,
        to: range.week,
      }),
    );
    return c.json({ count, week: range.week }, 200);
  })
  .openapi(copyWeekRoute, async (c) => {
    const input = c.req.valid('json');
    const { me, agencyId, name } = await targetAgency(c, input.agencyId);
    const range = resolveWeek(input);
    const now = new Date().toISOString();
    const count = await copyWeek(
      c.var.db,
      { agencyId, agencyName: name, range, by: me.id, now },
      officialAuditEntry(c, me, now, {
        action: 'schedule.copy_week',
        entityType: 'agency',
        entityId: agencyId,
        from: range.week,
        to: range.nextWeek,
      }),
    );
    return c.json({ count, week: range.nextWeek }, 200);
  });
