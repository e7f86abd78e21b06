import { z } from '@hono/zod-openapi';
import { sendInputSchema } from './room/protocol';
import { CHAT_CLIENT_ID_MAX, CHAT_MESSAGE_KINDS, CHAT_PAGE_MAX } from './types';

// Request and answer schemas of the chat's REST API (routes.ts, admin-routes.ts). The message
// shape mirrors types.ts `ChatMessage`, which the Durable Object produces.

export const TAG = 'Trò chuyện cán bộ';

const Id = z.string().trim().min(1).max(100);

export const RoomIdParam = z.object({
  id: Id.openapi({ param: { name: 'id', in: 'path' }, description: 'Mã phòng' }),
});

export const MessageParams = RoomIdParam.extend({
  messageId: Id.openapi({ param: { name: 'messageId', in: 'path' } }),
});

export const AttachmentParams = RoomIdParam.extend({
  attachmentId: Id.openapi({ param: { name: 'attachmentId', in: 'path' } }),
});

export const MemberParams = RoomIdParam.extend({
  officialId: Id.openapi({ param: { name: 'officialId', in: 'path' } }),
});

const Cursor = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .optional()
  .openapi({ param: { name: 'cursor', in: 'query' }, description: '`nextCursor` của trang trước' });

export const CursorQuery = z.object({ cursor: Cursor });

export const DirectoryQuery = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .openapi({ description: 'Tìm theo họ tên, email hoặc cơ quan (không phân biệt dấu)' }),
  cursor: Cursor,
});

export const HistoryQuery = z.object({
  before: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .openapi({ description: 'Lấy các tin có số thứ tự nhỏ hơn (trang cũ hơn)' }),
  limit: z.coerce.number().int().min(1).max(CHAT_PAGE_MAX).default(50),
});

// ---- messages -----------------------------------------------------------------------------

const AttachmentRefSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    contentType: z.string(),
    bytes: z.number().int(),
  })
  .openapi('ChatAttachmentRef');

export { AttachmentRefSchema };

export const ChatMessageSchema = z
  .object({
    id: z.string(),
    seq: z.number().int(),
    roomId: z.string(),
    senderId: z.string(),
    senderName: z.string(),
    kind: z.enum(CHAT_MESSAGE_KINDS),
    text: z.string().nullable(),
    replyTo: z
      .object({ id: z.string(), senderName: z.string(), excerpt: z.string().nullable() })
      .nullable()
      .openapi({ description: '`excerpt` null: tin được trả lời đã bị xóa' }),
    attachment: AttachmentRefSchema.extend({ url: z.string() }).nullable(),
    createdAt: z.string(),
    clientId: z.string().nullable(),
  })
  .openapi('ChatMessage');

// The same checks as the WebSocket `send` frame (room/protocol.ts).
export const SendBodySchema = sendInputSchema.openapi('ChatSendMessage');

export const HistorySchema = z
  .object({ messages: z.array(ChatMessageSchema), hasMore: z.boolean() })
  .openapi('ChatHistory');

export const ReadBodySchema = z
  .object({ upTo: z.number().int().min(0).openapi({ description: 'Đã đọc đến tin số' }) })
  .openapi('ChatRead');

// ---- rooms --------------------------------------------------------------------------------

const RoomKind = z.enum(['direct', 'agency', 'group']);
const Role = z.enum(['owner', 'member']);

export const RoomListItemSchema = z
  .object({
    id: z.string(),
    kind: RoomKind,
    title: z
      .string()
      .openapi({ description: 'Phòng 1-1: họ tên người kia; phòng cơ quan: tên cơ quan' }),
    members: z.number().int().openapi({ description: 'Số thành viên' }),
    myRole: Role,
    agencyId: z.string().nullable(),
    peerId: z.string().nullable().openapi({ description: 'Phòng 1-1: mã cán bộ bên kia' }),
    lastMessage: ChatMessageSchema.nullable(),
    unread: z.number().int(),
    lastSeq: z.number().int(),
    lastMessageAt: z.string().nullable(),
    createdAt: z.string(),
    available: z.boolean().openapi({
      description:
        'false: không đọc được nội dung phòng lúc này (khóa mã hóa không dùng được); thử lại sau',
    }),
  })
  .openapi('ChatRoomListItem');

export const RoomListSchema = z
  .object({ rooms: z.array(RoomListItemSchema), nextCursor: z.string().nullable() })
  .openapi('ChatRoomList');

export const RoomMemberSchema = z
  .object({
    id: z.string(),
    fullName: z.string(),
    agencyName: z.string(),
    role: Role,
  })
  .openapi('ChatRoomMember');

export const RoomDetailSchema = z
  .object({
    id: z.string(),
    kind: RoomKind,
    title: z.string(),
    agencyId: z.string().nullable(),
    myRole: Role,
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    lastMessageAt: z.string().nullable(),
    members: z.array(RoomMemberSchema),
  })
  .openapi('ChatRoomDetail');

const MemberIds = z
  .array(Id)
  .min(1, 'Cần chọn ít nhất một cán bộ.')
  .max(200, 'Tối đa 200 cán bộ mỗi lần.')
  .transform((ids) => [...new Set(ids)]);

export const CreateRoomSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('direct'), officialId: Id }),
    z.object({
      kind: z.literal('group'),
      title: z
        .string({ error: 'Thiếu tên nhóm.' })
        .trim()
        .min(1, 'Thiếu tên nhóm.')
        .max(100, 'Tên nhóm dài tối đa 100 ký tự.'),
      memberIds: MemberIds,
      clientId: z
        .string()
        .min(1)
        .max(CHAT_CLIENT_ID_MAX)
        .regex(/^[A-Za-z0-9_.:-]+$/)
        .optional()
        .openapi({
          description: 'Do ứng dụng chọn: gửi lại cùng mã trả về nhóm đã tạo, không tạo nhóm trùng',
        }),
    }),
    z.object({ kind: z.literal('agency'), agencyId: Id }),
  ])
  .openapi('ChatCreateRoom');

export const CreatedRoomSchema = z
  .object({ room: RoomDetailSchema, created: z.boolean() })
  .openapi('ChatCreatedRoom');

export const AddMembersSchema = z
  .object({
    officialIds: MemberIds,
    role: Role.default('member').openapi({
      description: '`owner`: thêm (hoặc nâng thành viên sẵn có) làm chủ phòng',
    }),
  })
  .openapi('ChatAddMembers');

export const MembersResultSchema = z
  .object({
    members: z.array(RoomMemberSchema),
    added: z.number().int(),
    removed: z.number().int(),
    promoted: z.number().int().openapi({ description: 'Thành viên được nâng làm chủ phòng' }),
    disconnected: z.number().int().openapi({ description: 'Kết nối bị đóng ngay' }),
  })
  .openapi('ChatMembersResult');

// ---- the rest -----------------------------------------------------------------------------

export const TicketSchema = z
  .object({
    ticket: z.string(),
    url: z.string().openapi({ description: 'Đường dẫn WebSocket (kèm vé)' }),
    expiresAt: z.string(),
  })
  .openapi('ChatTicket');

export const ConfigSchema = z
  .object({
    iceServers: z.array(z.unknown()).openapi({ description: 'RTCConfiguration.iceServers' }),
    maxFileBytes: z.number().int(),
  })
  .openapi('ChatConfig');

export const DirectorySchema = z
  .object({
    officials: z.array(
      z.object({
        id: z.string(),
        fullName: z.string(),
        agencyId: z.string(),
        agencyName: z.string(),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .openapi('ChatDirectory');

export const CallListSchema = z
  .object({
    calls: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(['audio', 'video']),
        startedBy: z.object({ id: z.string(), fullName: z.string() }),
        participants: z.array(z.object({ id: z.string(), fullName: z.string() })),
        startedAt: z.string(),
        endedAt: z.string().nullable(),
        durationSeconds: z.number().int().nullable(),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .openapi('ChatCallList');

export const RotateResultSchema = z
  .object({
    rooms: z.number().int().openapi({ description: 'Số phòng đã xử lý trong lần gọi này' }),
    rewrapped: z.number().int(),
    failed: z.number().int(),
    keyId: z.string().openapi({ description: 'Khóa chủ hiện hành' }),
    nextCursor: z
      .string()
      .nullable()
      .openapi({ description: 'Còn phòng chưa xử lý: gọi lại với `cursor` này' }),
  })
  .openapi('ChatRotateResult');

export const RotateQuery = z.object({
  cursor: Cursor,
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
