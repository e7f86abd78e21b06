import { createRoute, type z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { requireOfficial, requirePermission } from '../access/guard';
import { can } from '../access/permissions';
import { officialAuditEntry } from '../audit/log';
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
  addMessage,
  createThread,
  findAgency,
  findMessageByKey,
  findThread,
  findThreadByKey,
  handbookTopics,
  inHandbookNow,
  listHandbook,
  listThreads,
  patchThread,
  provinceAgencies,
  type ThreadRow,
  threadMessages,
} from './repo';
import {
  AgenciesSchema,
  AskBody,
  HandbookQuery,
  PatchBody,
  ReplyBody,
  ThreadIdParam,
  ThreadListQuery,
  ThreadListSchema,
  ThreadResultSchema,
  type ThreadSummarySchema,
  TopicsSchema,
} from './schemas';

// Two-level interaction (tương tác 2 cấp, /api/v1/work/qa): a commune's officers ask a
// provincial agency; its handlers and leaders answer. A thread is seen by both agencies'
// officials, and by every other official only once answered and left in the handbook;
// anyone else hears 404, so an unanswered question does not leak that it exists. Nothing
// here is public or cached: these are officials' working notes.

const TAG = 'Tương tác 2 cấp (cán bộ)';
const SECURITY: Record<string, string[]>[] = [{ officialCookie: [] }, { officialBearer: [] }];

/** Any signed-in official, before validation: a citizen hears 401, not what was wrong. */
const officialOnly = createMiddleware<AppEnv>(async (c, next) => {
  requireOfficial(c);
  c.header('Cache-Control', 'private, no-store');
  await next();
});

const threadNotFound = () => new ApiError(404, 'thread_not_found', 'Không tìm thấy câu hỏi.');
const keyReused = () =>
  new ApiError(
    409,
    'request_key_reused',
    'Mã yêu cầu (requestKey) này đã được dùng cho việc khác.',
  );
const forbidden = (action: string) =>
  new ApiError(403, 'forbidden', 'Bạn không có quyền thực hiện thao tác này.', { action });

/** What `me` may do with thread `t`. */
function rightsOn(me: OfficialPrincipal, t: ThreadRow) {
  const asking = me.agencyId === t.askingAgencyId;
  const target = me.agencyId === t.targetAgencyId;
  const answerer = target && can(me, 'qa.answer', { agencyId: t.targetAgencyId, communeId: null });
  const asker = asking && can(me, 'qa.ask', { agencyId: t.askingAgencyId, communeId: null });
  const open = t.status !== 'closed';
  return {
    visible: asking || target || inHandbookNow(t),
    party: asking || target,
    can: {
      answer: answerer && open,
      followUp: asker && open,
      close: (answerer || asker) && open,
      toggleHandbook: answerer,
    },
  };
}

/** The thread if `me` may see it; 404 otherwise, as if it did not exist. */
async function visibleThread(c: Context<AppEnv>, me: OfficialPrincipal, id: string) {
  const t = await findThread(c.var.db, id);
  if (!t) throw threadNotFound();
  const rights = rightsOn(me, t);
  if (!rights.visible) throw threadNotFound();
  return { t, rights };
}

function summary(t: ThreadRow): z.infer<typeof ThreadSummarySchema> {
  return {
    id: t.id,
    topic: t.topic,
    subject: t.subject,
    status: t.status,
    inHandbook: t.inHandbook,
    askingAgency: { id: t.askingAgencyId, name: t.askingAgencyName },
    targetAgency: { id: t.targetAgencyId, name: t.targetAgencyName },
    askedByName: t.askedByName,
    messageCount: Number(t.messageCount),
    answeredAt: t.answeredAt,
    lastMessageAt: t.lastMessageAt,
    createdAt: t.createdAt,
  };
}

async function threadAnswer(c: Context<AppEnv>, me: OfficialPrincipal, id: string) {
  const t = await findThread(c.var.db, id);
  if (!t) throw threadNotFound();
  const messages = await threadMessages(c.var.db, id);
  return {
    thread: {
      ...summary(t),
      body: t.body,
      messages: messages.map((m) => ({
        id: m.id,
        authorName: m.authorName,
        authorAgency: { id: m.authorAgencyId, name: m.authorAgencyName },
        isAnswer: m.isAnswer,
        body: m.body,
        createdAt: m.createdAt,
      })),
      can: rightsOn(me, t).can,
    },
  };
}

const denied = {
  401: error('Chưa đăng nhập bằng tài khoản cán bộ (`official_session_required`)'),
  403: error('Không có quyền (`forbidden`) hoặc thiếu mã CSRF (`csrf_failed`)'),
};

// ---- routes -------------------------------------------------------------------------------

const agenciesRoute = createRoute({
  method: 'get',
  path: '/agencies',
  tags: [TAG],
  summary: 'Các cơ quan cấp tỉnh có thể đặt câu hỏi',
  security: SECURITY,
  middleware: [officialOnly] as const,
  responses: { 200: json(AgenciesSchema, 'Cơ quan cấp tỉnh'), ...denied },
});

const askRoute = createRoute({
  method: 'post',
  path: '/threads',
  tags: [TAG],
  summary: 'Đặt câu hỏi cho cơ quan cấp tỉnh',
  description:
    'Chỉ cán bộ UBND cấp xã (quyền `qa.ask`). Cán bộ xử lý và lãnh đạo của cơ quan được hỏi nhận thông báo. Gửi lại cùng `requestKey`: trả về câu hỏi đã tạo.',
  security: SECURITY,
  middleware: [officialOnly, requireJsonBody] as const,
  request: { body: body(AskBody) },
  responses: {
    200: json(ThreadResultSchema, 'Đã tạo từ trước (cùng `requestKey`)'),
    201: json(ThreadResultSchema, 'Đã gửi câu hỏi'),
    400: error(
      'Dữ liệu không hợp lệ (`validation_failed`, `unknown_agency`, `target_not_province`)',
    ),
    ...denied,
    409: error('`requestKey` đã dùng cho việc khác (`request_key_reused`)'),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/threads',
  tags: [TAG],
  summary: 'Câu hỏi của cơ quan mình (đã hỏi hoặc được hỏi)',
  description:
    '`box=asked`: câu hỏi cơ quan mình đã gửi; `box=received`: câu hỏi gửi đến cơ quan mình, chưa trả lời trước. Tìm không dấu với `q`.',
  security: SECURITY,
  middleware: [officialOnly] as const,
  request: { query: ThreadListQuery },
  responses: {
    200: json(ThreadListSchema, 'Câu hỏi'),
    400: error('Tham số không hợp lệ'),
    ...denied,
  },
});

const threadRoute = createRoute({
  method: 'get',
  path: '/threads/{id}',
  tags: [TAG],
  summary: 'Một câu hỏi và các trao đổi',
  security: SECURITY,
  middleware: [officialOnly] as const,
  request: { params: ThreadIdParam },
  responses: {
    200: json(ThreadResultSchema, 'Câu hỏi'),
    ...denied,
    404: error('Không có câu hỏi này hoặc không được xem (`thread_not_found`)'),
  },
});

const replyRoute = createRoute({
  method: 'post',
  path: '/threads/{id}/messages',
  tags: [TAG],
  summary: 'Trả lời (cơ quan được hỏi) hoặc hỏi thêm (xã đã hỏi)',
  security: SECURITY,
  middleware: [officialOnly, requireJsonBody] as const,
  request: { params: ThreadIdParam, body: body(ReplyBody) },
  responses: {
    200: json(ThreadResultSchema, 'Đã gửi từ trước (cùng `requestKey`)'),
    201: json(ThreadResultSchema, 'Đã gửi'),
    400: error('Dữ liệu không hợp lệ'),
    ...denied,
    404: error('Không có câu hỏi này hoặc không được xem (`thread_not_found`)'),
    409: error(
      'Câu hỏi đã đóng (`thread_closed`) hoặc `requestKey` đã dùng (`request_key_reused`)',
    ),
  },
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/threads/{id}',
  tags: [TAG],
  summary: 'Đóng câu hỏi; đưa vào hoặc bỏ khỏi sổ tay hỏi đáp',
  description:
    '`status: closed` bởi một trong hai bên; `inHandbook` chỉ cán bộ trả lời của cơ quan được hỏi.',
  security: SECURITY,
  middleware: [officialOnly, requireJsonBody] as const,
  request: { params: ThreadIdParam, body: body(PatchBody) },
  responses: {
    200: json(ThreadResultSchema, 'Đã lưu'),
    400: error('Dữ liệu không hợp lệ'),
    ...denied,
    404: error('Không có câu hỏi này hoặc không được xem (`thread_not_found`)'),
  },
});

const handbookRoute = createRoute({
  method: 'get',
  path: '/handbook',
  tags: [TAG],
  summary: 'Sổ tay hỏi đáp: các câu hỏi đã được trả lời',
  description: 'Mọi cán bộ. Tìm toàn văn không dấu trong tiêu đề, câu hỏi và câu trả lời.',
  security: SECURITY,
  middleware: [officialOnly] as const,
  request: { query: HandbookQuery },
  responses: {
    200: json(ThreadListSchema, 'Câu hỏi đã trả lời'),
    400: error('Tham số không hợp lệ'),
    ...denied,
  },
});

const topicsRoute = createRoute({
  method: 'get',
  path: '/handbook/topics',
  tags: [TAG],
  summary: 'Lĩnh vực trong sổ tay hỏi đáp, kèm số câu hỏi',
  security: SECURITY,
  middleware: [officialOnly] as const,
  responses: { 200: json(TopicsSchema, 'Lĩnh vực'), ...denied },
});

export const qaRoutes = createRouter()
  .openapi(agenciesRoute, async (c) => {
    return c.json({ agencies: await provinceAgencies(c.var.db) }, 200);
  })
  .openapi(askRoute, async (c) => {
    const input = c.req.valid('json');
    const official = requireOfficial(c);
    const me = requirePermission(c, 'qa.ask', { agencyId: official.agencyId, communeId: null });
    const db = c.var.db;
    const earlier = await findThreadByKey(db, input.requestKey);
    if (earlier) {
      if (earlier.askedBy !== me.id) throw keyReused();
      return c.json(await threadAnswer(c, me, earlier.id), 200);
    }
    const asking = await findAgency(db, me.agencyId);
    if (asking?.scope !== 'commune') {
      throw new ApiError(
        403,
        'asker_not_commune',
        'Chỉ cán bộ UBND cấp xã, phường mới đặt câu hỏi cho cơ quan cấp tỉnh.',
      );
    }
    const target = await findAgency(db, input.targetAgencyId);
    if (!target) {
      throw new ApiError(400, 'unknown_agency', 'Cơ quan được hỏi không tồn tại.', {
        targetAgencyId: input.targetAgencyId,
      });
    }
    if (target.scope !== 'province') {
      throw new ApiError(
        400,
        'target_not_province',
        'Chỉ có thể đặt câu hỏi cho sở, ban, ngành cấp tỉnh.',
        { targetAgencyId: input.targetAgencyId },
      );
    }
    const id = crypto.randomUUID();
    const now = new Date().toISOString();
    const created = await createThread(
      db,
      {
        id,
        requestKey: input.requestKey,
        askingAgencyId: asking.id,
        askingAgencyName: asking.name,
        targetAgencyId: target.id,
        askedBy: me.id,
        topic: input.topic,
        subject: input.subject,
        body: input.body,
        now,
      },
      officialAuditEntry(c, me, now, {
        action: 'qa_thread.ask',
        entityType: 'qa_thread',
        entityId: id,
        to: JSON.stringify({
          targetAgencyId: target.id,
          topic: input.topic,
          subject: input.subject,
        }),
      }),
    );
    if (created) return c.json(await threadAnswer(c, me, id), 201);
    // A parallel retry with the same key was first.
    const winner = await findThreadByKey(db, input.requestKey);
    if (!winner || winner.askedBy !== me.id) throw keyReused();
    return c.json(await threadAnswer(c, me, winner.id), 200);
  })
  .openapi(listRoute, async (c) => {
    const me = requireOfficial(c);
    const query = c.req.valid('query');
    const page = await listThreads(c.var.db, { agencyId: me.agencyId, ...query });
    return c.json({ items: page.items.map(summary), nextCursor: page.nextCursor }, 200);
  })
  .openapi(threadRoute, async (c) => {
    const me = requireOfficial(c);
    const { id } = c.req.valid('param');
    await visibleThread(c, me, id);
    return c.json(await threadAnswer(c, me, id), 200);
  })
  .openapi(replyRoute, async (c) => {
    const me = requireOfficial(c);
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const db = c.var.db;
    const { t, rights } = await visibleThread(c, me, id);
    const retried = async () => {
      const earlier = await findMessageByKey(db, input.requestKey);
      if (!earlier) return false;
      if (earlier.authorId !== me.id || earlier.threadId !== id) throw keyReused();
      return true;
    };
    if (await retried()) return c.json(await threadAnswer(c, me, id), 200);
    const isAnswer = me.agencyId === t.targetAgencyId;
    if (!rights.party) throw forbidden(isAnswer ? 'qa.answer' : 'qa.ask');
    if (t.status === 'closed') throw threadClosed();
    if (isAnswer ? !rights.can.answer : !rights.can.followUp) {
      throw forbidden(isAnswer ? 'qa.answer' : 'qa.ask');
    }
    const messageId = crypto.randomUUID();
    const now = new Date().toISOString();
    const answers = (await threadMessages(db, id)).filter((m) => m.isAnswer).map((m) => m.body);
    const added = await addMessage(
      db,
      {
        id: messageId,
        requestKey: input.requestKey,
        thread: t,
        authorId: me.id,
        authorAgencyId: me.agencyId,
        isAnswer,
        body: input.body,
        answers,
        now,
      },
      officialAuditEntry(c, me, now, {
        action: isAnswer ? 'qa_thread.answer' : 'qa_thread.follow_up',
        entityType: 'qa_thread',
        entityId: id,
        from: t.status,
        to: JSON.stringify({ messageId, status: isAnswer ? 'answered' : 'open' }),
      }),
    );
    if (added) return c.json(await threadAnswer(c, me, id), 201);
    if (await retried()) return c.json(await threadAnswer(c, me, id), 200);
    throw threadClosed();
  })
  .openapi(patchRoute, async (c) => {
    const me = requireOfficial(c);
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const { t, rights } = await visibleThread(c, me, id);
    const close = patch.status === 'closed' && t.status !== 'closed';
    if (patch.status === 'closed' && !rights.can.close && t.status !== 'closed') {
      throw forbidden('qa.close');
    }
    if (patch.inHandbook !== undefined && !rights.can.toggleHandbook) {
      throw forbidden('qa.answer');
    }
    const now = new Date().toISOString();
    await patchThread(
      c.var.db,
      { id, close, inHandbook: patch.inHandbook, now },
      {
        close: officialAuditEntry(c, me, now, {
          action: 'qa_thread.close',
          entityType: 'qa_thread',
          entityId: id,
          from: t.status,
          to: 'closed',
        }),
        handbook: officialAuditEntry(c, me, now, {
          action: 'qa_thread.handbook',
          entityType: 'qa_thread',
          entityId: id,
          from: JSON.stringify({ inHandbook: t.inHandbook }),
          to: JSON.stringify({ inHandbook: patch.inHandbook }),
        }),
      },
    );
    return c.json(await threadAnswer(c, me, id), 200);
  })
  .openapi(handbookRoute, async (c) => {
    requireOfficial(c);
    const page = await listHandbook(c.var.db, c.req.valid('query'));
    return c.json({ items: page.items.map(summary), nextCursor: page.nextCursor }, 200);
  })
  .openapi(topicsRoute, async (c) => {
    requireOfficial(c);
    const topics = await handbookTopics(c.var.db);
    return c.json({ topics: topics.map((t) => ({ topic: t.topic, count: Number(t.count) })) }, 200);
  });

function threadClosed() {
  return new ApiError(409, 'thread_closed', 'Câu hỏi đã đóng, không thể gửi thêm trao đổi.');
}
