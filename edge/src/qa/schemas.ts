import { z } from '@hono/zod-openapi';
import { QA_STATUSES } from '@tinh/db/schema';
import { SearchTextSchema } from '../feed/params';

// Requests and answers of the two-level interaction (/api/v1/work/qa): questions of the
// communes' officials to the provincial agencies, and the handbook of answered threads.

export const SUBJECT_MAX = 200;
export const BODY_MAX = 5000;
export const TOPIC_MAX = 60;

const text = (field: string, max: number) =>
  z
    .string({ error: `Thiếu ${field}.` })
    .trim()
    .min(1, `${field[0]?.toUpperCase()}${field.slice(1)} không được để trống.`)
    .max(max, `${field[0]?.toUpperCase()}${field.slice(1)} tối đa ${max} ký tự.`);

const requestKey = z
  .uuid({ error: 'Mã yêu cầu (requestKey) phải là UUID.' })
  .openapi({ description: 'Mã do ứng dụng tạo: gửi lại cùng mã không tạo bản ghi thứ hai.' });

export const ThreadIdParam = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'Mã câu hỏi không hợp lệ.')
    .openapi({
      param: { name: 'id', in: 'path' },
      example: '3f2c1a9e-4b7d-4c1e-9a55-2d6e8f0b1c2d',
    }),
});

export const AskBody = z
  .object({
    requestKey,
    targetAgencyId: z
      .string({ error: 'Chọn cơ quan cần hỏi.' })
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'Mã cơ quan không hợp lệ.'),
    topic: text('lĩnh vực', TOPIC_MAX).openapi({ example: 'Xây dựng' }),
    subject: text('tiêu đề', SUBJECT_MAX),
    body: text('nội dung câu hỏi', BODY_MAX),
  })
  .openapi('QaAsk');

export const ReplyBody = z
  .object({ requestKey, body: text('nội dung', BODY_MAX) })
  .openapi('QaReply');

export const PatchBody = z
  .object({
    status: z.literal('closed', { error: 'Chỉ có thể đóng câu hỏi (status: closed).' }).optional(),
    inHandbook: z.boolean({ error: 'inHandbook phải là true hoặc false.' }).optional(),
  })
  .refine((b) => b.status !== undefined || b.inHandbook !== undefined, {
    message: 'Cần ít nhất một thay đổi (status hoặc inHandbook).',
  })
  .openapi('QaPatch');

const limit = z.coerce
  .number({ error: 'limit phải là số.' })
  .int('limit phải là số nguyên.')
  .min(1, 'limit tối thiểu 1.')
  .max(50, 'limit tối đa 50.')
  .default(20);

const cursor = z.string().max(200, 'Con trỏ trang không hợp lệ.').optional();
const topicFilter = z.string().trim().min(1).max(TOPIC_MAX).optional();

export const ThreadListQuery = z.object({
  box: z.enum(['asked', 'received'], { error: 'box phải là asked hoặc received.' }),
  status: z.enum(QA_STATUSES, { error: 'Trạng thái không hợp lệ.' }).optional(),
  topic: topicFilter,
  q: SearchTextSchema.optional(),
  cursor,
  limit,
});

export const HandbookQuery = z.object({
  topic: topicFilter,
  q: SearchTextSchema.optional(),
  cursor,
  limit,
});

const AgencyRef = z.object({ id: z.string(), name: z.string() });

export const ThreadSummarySchema = z
  .object({
    id: z.string(),
    topic: z.string(),
    subject: z.string(),
    status: z.enum(QA_STATUSES),
    inHandbook: z.boolean(),
    askingAgency: AgencyRef,
    targetAgency: AgencyRef,
    askedByName: z.string(),
    messageCount: z.number().int(),
    answeredAt: z.string().nullable(),
    lastMessageAt: z.string(),
    createdAt: z.string(),
  })
  .openapi('QaThreadSummary');

export const MessageSchema = z
  .object({
    id: z.string(),
    authorName: z.string(),
    authorAgency: AgencyRef,
    isAnswer: z.boolean(),
    body: z.string(),
    createdAt: z.string(),
  })
  .openapi('QaMessage');

export const ThreadSchema = ThreadSummarySchema.extend({
  body: z.string(),
  messages: z.array(MessageSchema),
  /** What the signed-in official may do here, so the apps show only working buttons. */
  can: z.object({
    answer: z.boolean(),
    followUp: z.boolean(),
    close: z.boolean(),
    toggleHandbook: z.boolean(),
  }),
}).openapi('QaThread');

export const ThreadResultSchema = z.object({ thread: ThreadSchema });
export const ThreadListSchema = z
  .object({ items: z.array(ThreadSummarySchema), nextCursor: z.string().nullable() })
  .openapi('QaThreadList');
export const TopicsSchema = z
  .object({ topics: z.array(z.object({ topic: z.string(), count: z.number().int() })) })
  .openapi('QaTopics');
export const AgenciesSchema = z.object({ agencies: z.array(AgencyRef) }).openapi('QaAgencies');
