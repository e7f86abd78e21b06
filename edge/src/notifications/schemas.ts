import { z } from '@hono/zod-openapi';
import { PAGE_DEFAULT, PAGE_MAX } from './repo';

// Request and answer shapes shared by the citizens' and the officials' notification lists.

export const NotificationSchema = z
  .object({
    id: z.number().int(),
    kind: z.string().openapi({
      description:
        '`report.status` (công dân: phản ánh đổi trạng thái); cán bộ: `report.assigned`, `report.returned`, `report.overdue`, `report.escalated`, …',
    }),
    title: z.string(),
    body: z.string(),
    reportCode: z.string().nullable().openapi({ example: 'PA-7K3F9Q' }),
    link: z.string().nullable().openapi({
      description:
        'Thông báo không gắn với phản ánh: đường dẫn trong ứng dụng, ví dụ `/chat/<mã phòng>`, `/hospital-appointments/b/<mã lịch hẹn>`',
      example: '/online-training/c/khoa-lua-2026',
    }),
    read: z.boolean(),
    readAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Notification');

export const NotificationListSchema = z
  .object({
    items: z.array(NotificationSchema),
    nextCursor: z.string().nullable().openapi({ description: 'Trang sau; null: hết' }),
    unreadCount: z.number().int(),
  })
  .openapi('NotificationList');

export const UnreadCountSchema = z
  .object({ unreadCount: z.number().int() })
  .openapi('NotificationUnreadCount');

export const ListQuery = z.object({
  cursor: z.coerce
    .number({ error: 'Con trỏ trang không hợp lệ.' })
    .int('Con trỏ trang không hợp lệ.')
    .positive('Con trỏ trang không hợp lệ.')
    .optional()
    .openapi({
      param: { name: 'cursor', in: 'query' },
      description: '`nextCursor` của trang trước',
      type: 'string',
    }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(PAGE_MAX)
    .default(PAGE_DEFAULT)
    .openapi({ param: { name: 'limit', in: 'query' } }),
});

export const ReadBodySchema = z
  .union(
    [
      z
        .object({
          ids: z
            .array(z.number().int().positive(), { error: 'ids phải là danh sách mã thông báo.' })
            .min(1, 'Chọn ít nhất một thông báo.')
            .max(100, 'Tối đa 100 thông báo mỗi lần.'),
        })
        .strict(),
      z.object({ all: z.literal(true, { error: 'all phải là true.' }) }).strict(),
    ],
    { error: 'Gửi `ids` (các thông báo đã đọc) hoặc `all: true` (đánh dấu tất cả).' },
  )
  .openapi('MarkNotificationsRead', {
    example: { ids: [12, 13] },
    description: '`{ ids: [...] }` đánh dấu các thông báo đó, `{ all: true }` đánh dấu tất cả',
  });

export const ReadResultSchema = z
  .object({
    updated: z.number().int().openapi({ description: 'Số thông báo vừa chuyển sang đã đọc' }),
    unreadCount: z.number().int(),
  })
  .openapi('MarkNotificationsReadResult');
