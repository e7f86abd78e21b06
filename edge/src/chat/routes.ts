import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { requireOfficial, requirePermission } from '../access/guard';
import { type AuditEntryInput, officialAuditEntry } from '../audit/log';
import type { AppEnv, OfficialPrincipal } from '../platform/env';
import { ApiError } from '../platform/errors';
import { requireJsonBody } from '../platform/json-body';
import {
  jsonBody as body,
  errorResponse as error,
  jsonResponse as json,
} from '../platform/openapi';
import { createRouter } from '../platform/router';
import { base64url } from '../reports/tokens';
import { contentDisposition, isInlineImage, readUpload } from './attachments';
import { iceServers, maxFileBytes } from './config';
import { searchDirectory } from './directory';
import { requireChatConfigured } from './keys';
import { onRoom, roomNotFound } from './room-stub';
import {
  createAgencyRoom,
  createDirectRoom,
  createGroupRoom,
  findAgency,
  findRoomFor,
  inactiveOfficials,
  listCalls,
  listRoomsFor,
  type MemberRow,
  type RoomRow,
  removeMember,
  roomMembers,
  syncAgencyMembers,
  addMembers as writeMembers,
} from './rooms-repo';
import {
  AddMembersSchema,
  AttachmentParams,
  AttachmentRefSchema,
  CallListSchema,
  ChatMessageSchema,
  ConfigSchema,
  CreatedRoomSchema,
  CreateRoomSchema,
  CursorQuery,
  DirectoryQuery,
  DirectorySchema,
  HistoryQuery,
  HistorySchema,
  MemberParams,
  MembersResultSchema,
  MessageParams,
  ReadBodySchema,
  RoomDetailSchema,
  RoomIdParam,
  RoomListSchema,
  SendBodySchema,
  TAG,
  TicketSchema,
} from './schemas';
import { issueTicket } from './tickets';
import { wsPath } from './types';

// The officials' chat over HTTP (/api/v1/chat): rooms and members (libSQL), history, sending
// without a socket, deleting, attachments and WebSocket tickets (the room's Durable Object).
// Every route needs a signed-in official, and every room route first checks in libSQL that
// the official is a member: anyone else gets 404 `room_not_found`, never a 403 that would
// tell them the room exists. The Durable Object checks membership again on its side.

const SECURITY: Record<string, string[]>[] = [{ officialCookie: [] }, { officialBearer: [] }];
const ROOM_PAGE = 30;
const CALL_PAGE = 50;

const signedIn = {
  401: error('Chưa đăng nhập bằng tài khoản cán bộ (`official_session_required`)'),
  503: error('Chưa cấu hình khóa mã hóa (`chat_not_configured`)'),
};
const inRoom = {
  ...signedIn,
  404: error('Không có phòng này hoặc bạn không phải thành viên (`room_not_found`)'),
};
const writes = {
  400: error('Dữ liệu không hợp lệ'),
  403: error('Thiếu mã chống giả mạo của trang quản trị (`csrf_failed`)'),
  415: error('Không phải JSON (`unsupported_media_type`)'),
};

// ---- routes -------------------------------------------------------------------------------

const configRoute = createRoute({
  method: 'get',
  path: '/config',
  tags: [TAG],
  summary: 'Cấu hình trò chuyện: máy chủ STUN/TURN, dung lượng tệp tối đa',
  security: SECURITY,
  responses: { 200: json(ConfigSchema, 'Cấu hình'), ...signedIn },
});

const directoryRoute = createRoute({
  method: 'get',
  path: '/directory',
  tags: [TAG],
  summary: 'Tìm cán bộ để trò chuyện',
  description:
    'Cán bộ đang hoạt động (trừ chính mình), theo thứ tự tên; tìm theo họ tên, email hoặc cơ quan, không phân biệt dấu.',
  security: SECURITY,
  request: { query: DirectoryQuery },
  responses: {
    200: json(DirectorySchema, 'Danh bạ'),
    400: error('Tham số không hợp lệ'),
    ...signedIn,
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/rooms',
  tags: [TAG],
  summary: 'Các cuộc trò chuyện của tôi',
  description:
    'Hoạt động gần nhất trước (tin nhắn cuối, hoặc lúc tạo với phòng chưa có tin), kèm tin nhắn cuối và số tin chưa đọc.',
  security: SECURITY,
  request: { query: CursorQuery },
  responses: {
    200: json(RoomListSchema, 'Danh sách phòng'),
    400: error('Tham số không hợp lệ'),
    ...signedIn,
  },
});

const createRoomRoute = createRoute({
  method: 'post',
  path: '/rooms',
  tags: [TAG],
  summary: 'Tạo cuộc trò chuyện',
  description:
    '`direct`: trò chuyện 1-1 (mỗi cặp một phòng: gọi lại trả về phòng đã có). `group`: nhóm, người tạo là chủ phòng. ' +
    '`agency`: phòng của một cơ quan (mỗi cơ quan một phòng; mọi cán bộ đang hoạt động của cơ quan), cần quyền `chat.agency_room` với cơ quan đó.',
  security: SECURITY,
  middleware: [requireJsonBody] as const,
  request: { body: body(CreateRoomSchema) },
  responses: {
    200: json(CreatedRoomSchema, 'Phòng đã có'),
    201: json(CreatedRoomSchema, 'Đã tạo'),
    ...writes,
    401: signedIn[401],
    403: error('Không có quyền tạo phòng cho cơ quan này (`forbidden`) hoặc `csrf_failed`'),
    409: error(
      'Cơ quan đã có phòng mà bạn không ở trong đó (`agency_room_exists`); `client_id_reused`',
    ),
    422: error(
      'Cán bộ không tồn tại hoặc đã bị khóa (`official_not_found`), `cannot_chat_with_self`, `group_needs_members`, `unknown_agency`',
    ),
    503: signedIn[503],
  },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/rooms/{id}',
  tags: [TAG],
  summary: 'Một cuộc trò chuyện và các thành viên',
  security: SECURITY,
  request: { params: RoomIdParam },
  responses: { 200: json(RoomDetailSchema, 'Phòng'), ...inRoom },
});

const addMembersRoute = createRoute({
  method: 'post',
  path: '/rooms/{id}/members',
  tags: [TAG],
  summary: 'Thêm thành viên (chủ phòng)',
  description:
    'Không áp dụng cho phòng 1-1. `role: owner` thêm làm chủ phòng, hoặc nâng thành viên sẵn có lên chủ phòng.',
  security: SECURITY,
  middleware: [requireJsonBody] as const,
  request: { params: RoomIdParam, body: body(AddMembersSchema) },
  responses: {
    200: json(MembersResultSchema, 'Đã thêm'),
    ...writes,
    ...inRoom,
    403: error('Chỉ chủ phòng mới thêm được thành viên (`not_room_owner`) hoặc `csrf_failed`'),
    422: error('`official_not_found`, `direct_room_members`'),
  },
});

const removeMemberRoute = createRoute({
  method: 'delete',
  path: '/rooms/{id}/members/{officialId}',
  tags: [TAG],
  summary: 'Xóa thành viên (chủ phòng) hoặc rời phòng (chính mình)',
  description:
    'Người bị xóa bị ngắt kết nối ngay và không xem được lịch sử, tệp nữa. Không xóa được chủ phòng cuối cùng khi phòng còn người khác. Gọi lại khi người đó đã không còn trong phòng trả về `removed: 0`.',
  security: SECURITY,
  request: { params: MemberParams },
  responses: {
    200: json(MembersResultSchema, 'Đã xóa'),
    ...inRoom,
    403: error('Chỉ chủ phòng mới xóa được người khác (`not_room_owner`) hoặc `csrf_failed`'),
    409: error('Chủ phòng cuối cùng (`last_owner`): hãy chỉ định chủ phòng khác trước'),
    422: error('Phòng 1-1 không thêm, bớt người (`direct_room_members`)'),
  },
});

const syncAgencyRoute = createRoute({
  method: 'post',
  path: '/rooms/{id}/members/sync',
  tags: [TAG],
  summary: 'Cập nhật thành viên phòng cơ quan theo danh sách cán bộ (chủ phòng)',
  description:
    'Thêm cán bộ đang hoạt động của cơ quan chưa có trong phòng; bỏ những người đã vào theo cơ quan nhưng nay đã chuyển đi hoặc bị khóa (người được chủ phòng thêm tay và chủ phòng được giữ nguyên).',
  security: SECURITY,
  request: { params: RoomIdParam },
  responses: {
    200: json(MembersResultSchema, 'Đã cập nhật'),
    ...inRoom,
    403: error('Chỉ chủ phòng (`not_room_owner`) hoặc `csrf_failed`'),
    422: error('Không phải phòng cơ quan (`not_agency_room`)'),
  },
});

const historyRoute = createRoute({
  method: 'get',
  path: '/rooms/{id}/messages',
  tags: [TAG],
  summary: 'Lịch sử tin nhắn',
  description:
    'Mới nhất trước. Trang cũ hơn: `before` = `seq` nhỏ nhất đã nhận, cho đến khi `hasMore` là false.',
  security: SECURITY,
  request: { params: RoomIdParam, query: HistoryQuery },
  responses: {
    200: json(HistorySchema, 'Tin nhắn'),
    400: error('Tham số không hợp lệ'),
    ...inRoom,
  },
});

const sendRoute = createRoute({
  method: 'post',
  path: '/rooms/{id}/messages',
  tags: [TAG],
  summary: 'Gửi tin nhắn (khi không dùng WebSocket)',
  description:
    'Gửi lại cùng `clientId` trả về tin đã lưu, không tạo tin trùng. Tin ảnh/tệp cần `attachmentId` do chính mình tải lên phòng này và chưa dùng.',
  security: SECURITY,
  middleware: [requireJsonBody] as const,
  request: { params: RoomIdParam, body: body(SendBodySchema) },
  responses: {
    201: json(ChatMessageSchema, 'Đã gửi'),
    ...writes,
    ...inRoom,
    422: error(
      'Tệp đính kèm hoặc tin được trả lời không dùng được (`invalid_message`, `message_reference_not_found`)',
    ),
  },
});

const deleteMessageRoute = createRoute({
  method: 'delete',
  path: '/rooms/{id}/messages/{messageId}',
  tags: [TAG],
  summary: 'Xóa tin nhắn với mọi người (người gửi)',
  description:
    'Xóa hẳn tin nhắn và tệp đính kèm khỏi nơi lưu trữ; mọi thành viên đang kết nối thấy tin biến mất.',
  security: SECURITY,
  request: { params: MessageParams },
  responses: {
    200: json(
      z.object({ deleted: z.boolean() }),
      '`deleted: false`: tin đã không còn (gọi lại sau khi đã xóa không phải là lỗi)',
    ),
    ...inRoom,
    403: error('Chỉ người gửi mới xóa được (`not_sender`) hoặc `csrf_failed`'),
  },
});

const readRoute = createRoute({
  method: 'post',
  path: '/rooms/{id}/read',
  tags: [TAG],
  summary: 'Đánh dấu đã đọc đến một tin',
  security: SECURITY,
  middleware: [requireJsonBody] as const,
  request: { params: RoomIdParam, body: body(ReadBodySchema) },
  responses: {
    200: json(z.object({ upTo: z.number().int() }), 'Đã đánh dấu'),
    ...writes,
    ...inRoom,
  },
});

const uploadRoute = createRoute({
  method: 'post',
  path: '/rooms/{id}/attachments',
  tags: [TAG],
  summary: 'Tải lên tệp đính kèm',
  description:
    'Thân yêu cầu là nội dung tệp; tiêu đề `Content-Type` (loại tệp) và `X-File-Name` (tên tệp, mã hóa bằng encodeURIComponent). ' +
    'Ảnh (`image/*`) phải là JPEG, PNG, WebP hoặc GIF thật. Tệp được mã hóa trước khi lưu; sau đó gửi tin `image`/`file` với `attachmentId`. ' +
    'Tệp không được gửi kèm tin nào trong 24 giờ bị xóa.',
  security: SECURITY,
  request: {
    params: RoomIdParam,
    headers: z.object({
      'x-file-name': z
        .string()
        .optional()
        .openapi({ example: 'bien-ban-h%E1%BB%8Dp.pdf', description: 'Tên tệp (URI-encoded)' }),
    }),
    body: {
      required: true,
      content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
    },
  },
  responses: {
    201: json(AttachmentRefSchema, 'Đã lưu'),
    400: error('`content_type_required`, `file_name_required`, `invalid_file_name`, `empty_file`'),
    ...inRoom,
    403: error('Thiếu mã chống giả mạo (`csrf_failed`)'),
    413: error('Tệp vượt quá dung lượng cho phép (`file_too_large`, `details.maxBytes`)'),
    415: error('Ảnh không phải JPEG/PNG/WebP/GIF (`unsupported_image`), `raw_body_required`'),
  },
});

const downloadRoute = createRoute({
  method: 'get',
  path: '/rooms/{id}/attachments/{attachmentId}',
  tags: [TAG],
  summary: 'Tải tệp đính kèm (thành viên)',
  description:
    'Ảnh hiển thị trực tiếp, tệp khác tải về. Chỉ thành viên phòng; lưu đệm riêng 5 phút trên thiết bị.',
  security: SECURITY,
  request: { params: AttachmentParams },
  responses: {
    200: {
      description: 'Nội dung tệp',
      content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...inRoom,
    404: error('`room_not_found` hoặc `attachment_not_found`'),
  },
});

const ticketRoute = createRoute({
  method: 'post',
  path: '/rooms/{id}/ticket',
  tags: [TAG],
  summary: 'Vé mở kết nối WebSocket',
  description:
    'Vé ngắn hạn, chỉ dùng cho phòng này: mở `url` (ws/wss cùng máy chủ) trước `expiresAt`. Không ghi vé vào nhật ký.',
  security: SECURITY,
  request: { params: RoomIdParam },
  responses: {
    200: json(TicketSchema, 'Vé'),
    ...inRoom,
    403: error('Thiếu mã chống giả mạo (`csrf_failed`)'),
  },
});

const callsRoute = createRoute({
  method: 'get',
  path: '/rooms/{id}/calls',
  tags: [TAG],
  summary: 'Các cuộc gọi của phòng',
  description:
    'Chỉ thông tin cuộc gọi (ai gọi, ai tham gia, lúc nào, bao lâu): âm thanh, hình ảnh không bao giờ được lưu.',
  security: SECURITY,
  request: { params: RoomIdParam, query: CursorQuery },
  responses: {
    200: json(CallListSchema, 'Cuộc gọi'),
    400: error('Tham số không hợp lệ'),
    ...inRoom,
  },
});

// ---- helpers ------------------------------------------------------------------------------

/** The room of `id` if the official is a member; 404 `room_not_found` otherwise. */
async function memberRoom(c: Context<AppEnv>, me: OfficialPrincipal, id: string) {
  const room = await findRoomFor(c.var.db, id, me.id);
  if (!room) throw roomNotFound();
  return room;
}

function requireOwner(room: RoomRow) {
  if (room.myRole !== 'owner') {
    throw new ApiError(
      403,
      'not_room_owner',
      'Chỉ chủ phòng mới thay đổi được thành viên của cuộc trò chuyện này.',
    );
  }
}

function refuseDirect(room: RoomRow) {
  if (room.kind === 'direct') {
    throw new ApiError(
      422,
      'direct_room_members',
      'Cuộc trò chuyện 1-1 không thêm hay bớt người được. Hãy tạo nhóm mới.',
    );
  }
}

const officialsNotFound = (ids: string[]) =>
  new ApiError(422, 'official_not_found', 'Có cán bộ không tồn tại hoặc tài khoản đã bị khóa.', {
    officialIds: ids,
  });

/** Every audited change of these routes is about a room. */
function audit(
  c: Context<AppEnv>,
  me: OfficialPrincipal,
  at: string,
  e: Pick<AuditEntryInput, 'action' | 'entityId' | 'from' | 'to' | 'note'>,
): AuditEntryInput {
  return officialAuditEntry(c, me, at, { entityType: 'chat_room', ...e });
}

const detailOf = (room: RoomRow, members: MemberRow[]) => ({
  id: room.id,
  kind: room.kind,
  title: room.title,
  agencyId: room.agencyId,
  myRole: room.myRole,
  createdBy: room.createdBy,
  createdAt: room.createdAt,
  lastMessageAt: room.lastMessageAt,
  members,
});

/** A group created with a client id gets an id derived from it: a retry finds the same row. */
async function groupRoomId(me: string, clientId: string | undefined): Promise<string> {
  if (!clientId) return crypto.randomUUID();
  const digest = await crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(`chat-group:${me}:${clientId}`),
  );
  return `g-${base64url(new Uint8Array(digest)).slice(0, 32)}`;
}

/**
 * Tells the room's Durable Object its members changed: it reloads them from libSQL and closes
 * the sockets of those removed. The change is already committed; if the object cannot be
 * reached the request fails, and repeating it (idempotent) repeats the sync.
 */
function syncRoom(c: Context<AppEnv>, roomId: string) {
  return onRoom(c.env, roomId, (room) => room.syncMembers(roomId));
}

// ---- handlers -----------------------------------------------------------------------------

const router = createRouter();
// Signed in, then configured, before anything else is looked at (a bad body from a stranger
// is still a 401). Chat answers are one official's private data: never cached on the way.
router.use('*', async (c, next) => {
  requireOfficial(c);
  requireChatConfigured(c.env);
  await next();
  if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'private, no-store');
});

export const chatRoutes = router
  .openapi(configRoute, async (c) =>
    c.json({ iceServers: iceServers(c.env), maxFileBytes: maxFileBytes(c.env) }, 200),
  )
  .openapi(directoryRoute, async (c) => {
    const me = requireOfficial(c);
    return c.json(await searchDirectory(c.var.db, me.id, c.req.valid('query')), 200);
  })
  .openapi(listRoute, async (c) => {
    const me = requireOfficial(c);
    const { cursor } = c.req.valid('query');
    const page = await listRoomsFor(c.var.db, me.id, {
      limit: ROOM_PAGE,
      ...(cursor ? { cursor } : {}),
    });
    // Each room's last message and unread count come from its own object, all at once. A room
    // whose key cannot be used right now is still listed, marked unavailable.
    const summaries = await Promise.all(
      page.rooms.map((r) =>
        onRoom(c.env, r.id, (room) => room.summary(r.id, me.id)).catch((err: unknown) => {
          c.var.log.warn('chat.summary_failed', {
            roomId: r.id,
            error: err instanceof ApiError ? err.code : String((err as Error)?.name ?? err),
          });
          return null;
        }),
      ),
    );
    return c.json(
      {
        rooms: page.rooms.map((r, i) => {
          const s = summaries[i];
          return {
            id: r.id,
            kind: r.kind,
            title: r.title,
            members: r.members,
            myRole: r.myRole,
            agencyId: r.agencyId,
            peerId: r.peerId,
            lastMessage: s?.lastMessage ?? null,
            unread: s?.unread ?? 0,
            lastSeq: s?.lastSeq ?? 0,
            lastMessageAt: r.lastMessageAt,
            createdAt: r.createdAt,
            available: s !== null,
          };
        }),
        nextCursor: page.nextCursor,
      },
      200,
    );
  })
  .openapi(createRoomRoute, async (c) => {
    const me = requireOfficial(c);
    const input = c.req.valid('json');
    const now = new Date().toISOString();
    let result: { room: RoomRow | null; created: boolean };
    if (input.kind === 'direct') {
      if (input.officialId === me.id) {
        throw new ApiError(
          422,
          'cannot_chat_with_self',
          'Không thể mở cuộc trò chuyện với chính mình.',
        );
      }
      const missing = await inactiveOfficials(c.var.db, [input.officialId]);
      if (missing.length > 0) throw officialsNotFound(missing);
      const id = crypto.randomUUID();
      result = await createDirectRoom(c.var.db, {
        id,
        me: me.id,
        peer: input.officialId,
        now,
        audit: audit(c, me, now, {
          action: 'chat_room.create',
          entityId: id,
          to: JSON.stringify({ kind: 'direct', members: [me.id, input.officialId] }),
        }),
      });
    } else if (input.kind === 'group') {
      const others = input.memberIds.filter((id) => id !== me.id);
      if (others.length === 0) {
        throw new ApiError(
          422,
          'group_needs_members',
          'Nhóm cần ít nhất một thành viên ngoài bạn.',
        );
      }
      const missing = await inactiveOfficials(c.var.db, others);
      if (missing.length > 0) throw officialsNotFound(missing);
      const id = await groupRoomId(me.id, input.clientId);
      result = await createGroupRoom(c.var.db, {
        id,
        me: me.id,
        title: input.title,
        memberIds: others,
        now,
        audit: audit(c, me, now, {
          action: 'chat_room.create',
          entityId: id,
          to: JSON.stringify({ kind: 'group', title: input.title, members: [me.id, ...others] }),
        }),
      });
    } else {
      requirePermission(c, 'chat.agency_room', { agencyId: input.agencyId, communeId: null });
      const agency = await findAgency(c.var.db, input.agencyId);
      if (!agency) {
        throw new ApiError(422, 'unknown_agency', 'Cơ quan không tồn tại.', {
          agencyId: input.agencyId,
        });
      }
      const id = crypto.randomUUID();
      const made = await createAgencyRoom(c.var.db, {
        id,
        me: me.id,
        agencyId: agency.id,
        title: agency.name,
        now,
        audit: audit(c, me, now, {
          action: 'chat_room.create',
          entityId: id,
          to: JSON.stringify({ kind: 'agency', agencyId: agency.id }),
        }),
      });
      if (!made.room) {
        throw new ApiError(
          409,
          'agency_room_exists',
          'Cơ quan này đã có phòng trò chuyện. Hãy nhờ chủ phòng thêm bạn vào.',
          { roomId: made.existingId },
        );
      }
      result = made;
    }
    const room = result.room;
    // Direct rooms have no way out, so only a group whose client id was used before, by a
    // creator who has since left it, can be missing here.
    if (!room) {
      throw new ApiError(
        409,
        'client_id_reused',
        'Mã yêu cầu này đã dùng để tạo một nhóm khác. Vui lòng tạo lại.',
      );
    }
    // No sync for a new room: its object loads the members from libSQL on first use.
    const members = await roomMembers(c.var.db, room.id);
    return c.json(
      { room: detailOf(room, members), created: result.created },
      result.created ? 201 : 200,
    );
  })
  .openapi(detailRoute, async (c) => {
    const me = requireOfficial(c);
    const room = await memberRoom(c, me, c.req.valid('param').id);
    return c.json(detailOf(room, await roomMembers(c.var.db, room.id)), 200);
  })
  .openapi(addMembersRoute, async (c) => {
    const me = requireOfficial(c);
    const room = await memberRoom(c, me, c.req.valid('param').id);
    refuseDirect(room);
    requireOwner(room);
    const { officialIds, role } = c.req.valid('json');
    const missing = await inactiveOfficials(c.var.db, officialIds);
    if (missing.length > 0) throw officialsNotFound(missing);
    const now = new Date().toISOString();
    const { added, promoted } = await writeMembers(c.var.db, {
      roomId: room.id,
      ids: officialIds,
      role,
      by: me.id,
      now,
      audit: (action) =>
        audit(c, me, now, { action, entityId: room.id, to: JSON.stringify(officialIds) }),
    });
    const sync = await syncRoom(c, room.id);
    return c.json(
      {
        members: await roomMembers(c.var.db, room.id),
        added,
        promoted,
        removed: 0,
        disconnected: sync.disconnected,
      },
      200,
    );
  })
  .openapi(removeMemberRoute, async (c) => {
    const me = requireOfficial(c);
    const { id, officialId } = c.req.valid('param');
    const room = await memberRoom(c, me, id);
    refuseDirect(room);
    const leaving = officialId === me.id;
    if (!leaving) requireOwner(room);
    const now = new Date().toISOString();
    const outcome = await removeMember(c.var.db, {
      roomId: room.id,
      officialId,
      audit: audit(c, me, now, {
        action: leaving ? 'chat_room.leave' : 'chat_room.member_remove',
        entityId: room.id,
        from: officialId,
      }),
    });
    if (outcome === 'last_owner') {
      throw new ApiError(
        409,
        'last_owner',
        'Bạn là chủ phòng cuối cùng. Hãy chỉ định một chủ phòng khác trước khi rời phòng.',
      );
    }
    // Also when they were already gone: a retry after a failed sync completes the cut-off.
    const sync = await syncRoom(c, room.id);
    return c.json(
      {
        // Someone who just left sees the room no more.
        members: leaving ? [] : await roomMembers(c.var.db, room.id),
        added: 0,
        promoted: 0,
        removed: outcome === 'removed' ? 1 : 0,
        disconnected: sync.disconnected,
      },
      200,
    );
  })
  .openapi(syncAgencyRoute, async (c) => {
    const me = requireOfficial(c);
    const room = await memberRoom(c, me, c.req.valid('param').id);
    if (room.kind !== 'agency' || !room.agencyId) {
      throw new ApiError(422, 'not_agency_room', 'Đây không phải phòng của một cơ quan.');
    }
    requireOwner(room);
    const now = new Date().toISOString();
    const { added, removed } = await syncAgencyMembers(c.var.db, {
      roomId: room.id,
      agencyId: room.agencyId,
      now,
      audit: (action) => audit(c, me, now, { action, entityId: room.id }),
    });
    const sync = await syncRoom(c, room.id);
    return c.json(
      {
        members: await roomMembers(c.var.db, room.id),
        added,
        promoted: 0,
        removed,
        disconnected: sync.disconnected,
      },
      200,
    );
  })
  .openapi(historyRoute, async (c) => {
    const me = requireOfficial(c);
    const room = await memberRoom(c, me, c.req.valid('param').id);
    const { before, limit } = c.req.valid('query');
    const page = await onRoom(c.env, room.id, (r) =>
      r.history(room.id, me.id, { limit, ...(before !== undefined ? { before } : {}) }),
    );
    return c.json(page, 200);
  })
  .openapi(sendRoute, async (c) => {
    const me = requireOfficial(c);
    const room = await memberRoom(c, me, c.req.valid('param').id);
    const input = c.req.valid('json');
    const message = await onRoom(c.env, room.id, (r) => r.postMessage(room.id, me.id, input), {
      notFound: () =>
        new ApiError(
          422,
          'message_reference_not_found',
          'Tin nhắn được trả lời hoặc tệp đính kèm không còn.',
        ),
      invalidCode: 'invalid_message',
    });
    return c.json(message, 201);
  })
  .openapi(deleteMessageRoute, async (c) => {
    const me = requireOfficial(c);
    const { id, messageId } = c.req.valid('param');
    const room = await memberRoom(c, me, id);
    const result = await onRoom(c.env, room.id, (r) => r.deleteMessage(room.id, me.id, messageId), {
      notFound: () => new ApiError(404, 'message_not_found', 'Không tìm thấy tin nhắn.'),
    });
    return c.json({ deleted: result.deleted }, 200);
  })
  .openapi(readRoute, async (c) => {
    const me = requireOfficial(c);
    const room = await memberRoom(c, me, c.req.valid('param').id);
    const { upTo } = c.req.valid('json');
    await onRoom(c.env, room.id, (r) => r.markRead(room.id, me.id, upTo));
    return c.json({ upTo }, 200);
  })
  .openapi(uploadRoute, async (c) => {
    const me = requireOfficial(c);
    // Membership first: a stranger's upload is refused before its body is read.
    const room = await memberRoom(c, me, c.req.valid('param').id);
    const file = await readUpload(c);
    const ref = await onRoom(c.env, room.id, (r) => r.storeAttachment(room.id, me.id, file));
    return c.json(ref, 201);
  })
  .openapi(downloadRoute, async (c) => {
    const me = requireOfficial(c);
    const { id, attachmentId } = c.req.valid('param');
    const room = await memberRoom(c, me, id);
    const file = await onRoom(c.env, room.id, (r) =>
      r.readAttachment(room.id, me.id, attachmentId),
    );
    if (!file) throw new ApiError(404, 'attachment_not_found', 'Không tìm thấy tệp đính kèm.');
    const inline = isInlineImage(file.contentType);
    return c.body(file.bytes, 200, {
      'Content-Type': file.contentType,
      'Content-Length': String(file.bytes.byteLength),
      'Content-Disposition': contentDisposition(file.name, inline),
      'Cache-Control': 'private, max-age=300',
      'X-Content-Type-Options': 'nosniff',
      // Whatever a sender uploaded never runs as a page of this origin.
      'Content-Security-Policy': "default-src 'none'; img-src 'self'; sandbox",
    });
  })
  .openapi(ticketRoute, async (c) => {
    const me = requireOfficial(c);
    const room = await memberRoom(c, me, c.req.valid('param').id);
    const { ticket, expiresAt } = await issueTicket(c.env, {
      roomId: room.id,
      officialId: me.id,
      name: me.fullName,
    });
    return c.json(
      { ticket, url: `${wsPath(room.id)}?ticket=${encodeURIComponent(ticket)}`, expiresAt },
      200,
    );
  })
  .openapi(callsRoute, async (c) => {
    const me = requireOfficial(c);
    const room = await memberRoom(c, me, c.req.valid('param').id);
    const { cursor } = c.req.valid('query');
    return c.json(
      await listCalls(c.var.db, room.id, { limit: CALL_PAGE, ...(cursor ? { cursor } : {}) }),
      200,
    );
  });
