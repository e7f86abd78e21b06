import { z } from '@hono/zod-openapi';
import {
  ALERT_CERTAINTIES,
  ALERT_HAZARDS,
  ALERT_SEVERITIES,
  ALERT_SOURCES,
  ALERT_STATUSES,
  ALERT_URGENCIES,
} from '@tinh/db/schema';
import { LangQuery } from '../content/lang';
import { PublicAlertSchema } from './live';

/** CAP alerts are short-lived: a longer window means the editor should publish a new one. */
export const MAX_WINDOW_DAYS = 14;
export const MAX_COMMUNES = 200;

const id = (what: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,80}$/)
    .openapi({ description: `Mã ${what}` });

export const AlertIdParam = z.object({ id: id('cảnh báo') });

export const PublicListQuery = z.object({
  commune: id('xã/phường')
    .optional()
    .openapi({ description: 'Xã/phường của người xem: thêm cảnh báo của xã/phường đó' }),
  lang: LangQuery,
});
export const PublicDetailQuery = z.object({ lang: LangQuery });

export const PublicAlertDetailSchema = PublicAlertSchema.extend({
  state: z
    .enum(['live', 'upcoming', 'expired', 'cancelled'])
    .openapi({ description: 'Đang hiệu lực, chưa đến giờ, đã hết hạn hoặc đã hủy' }),
  cancelledAt: z.string().nullable(),
}).openapi('PublicEmergencyAlertDetail');

export const PublicAlertListSchema = z
  .object({
    items: z.array(PublicAlertSchema).openapi({ description: 'Đang hiệu lực, nặng nhất trước' }),
    recent: z
      .array(PublicAlertDetailSchema)
      .openapi({ description: 'Đã hết hạn hoặc đã hủy trong 7 ngày qua, mới nhất trước' }),
  })
  .openapi('PublicEmergencyAlertList');

/** An instant with an explicit offset (2026-11-22T19:30:00+07:00 or …Z). */
const instant = z.iso
  .datetime({ offset: true })
  .openapi({ description: 'Thời điểm ISO 8601 có múi giờ, ví dụ 2026-11-22T19:30:00+07:00' });

const English = z
  .object({
    headline: z.string().trim().max(200).optional(),
    description: z.string().trim().max(4000).optional(),
    instruction: z.string().trim().max(2000).optional(),
  })
  .strict()
  .nullable()
  .optional();

const fields = {
  hazard: z.enum(ALERT_HAZARDS),
  severity: z.enum(ALERT_SEVERITIES),
  urgency: z.enum(ALERT_URGENCIES),
  certainty: z.enum(ALERT_CERTAINTIES),
  headline: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(4000),
  instruction: z.string().trim().min(1).max(2000),
  en: English,
  provinceWide: z.boolean(),
  communeIds: z.array(id('xã/phường')).max(MAX_COMMUNES),
  onsetAt: instant,
  expiresAt: instant,
};

type Window = { onsetAt: string; expiresAt: string; provinceWide: boolean; communeIds: string[] };
function checkWindow(b: Window, ctx: z.RefinementCtx) {
  const onset = Date.parse(b.onsetAt);
  const expires = Date.parse(b.expiresAt);
  if (!(expires > onset)) {
    ctx.addIssue({
      code: 'custom',
      path: ['expiresAt'],
      message: 'Thời điểm hết hiệu lực phải sau thời điểm bắt đầu.',
    });
  } else if (expires - onset > MAX_WINDOW_DAYS * 86_400_000) {
    ctx.addIssue({
      code: 'custom',
      path: ['expiresAt'],
      message: `Cảnh báo hiệu lực tối đa ${MAX_WINDOW_DAYS} ngày.`,
    });
  }
  if (!b.provinceWide && b.communeIds.length === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['communeIds'],
      message: 'Chọn ít nhất một xã/phường, hoặc chọn toàn tỉnh.',
    });
  }
}

export const AlertCreateBody = z
  .object({
    ...fields,
    agencyId: id('cơ quan')
      .optional()
      .openapi({ description: 'Cơ quan ban hành (mặc định: cơ quan của người tạo)' }),
    requestKey: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/)
      .openapi({ description: 'Mã do ứng dụng sinh cho lần tạo này: gửi lại không tạo trùng' }),
  })
  .superRefine(checkWindow)
  .openapi('EmergencyAlertCreate');
export type AlertCreate = z.infer<typeof AlertCreateBody>;

export const AlertUpdateBody = z
  .object({ ...fields, version: z.number().int().min(1) })
  .superRefine(checkWindow)
  .openapi('EmergencyAlertUpdate');
export type AlertUpdate = z.infer<typeof AlertUpdateBody>;

export const VersionBody = z
  .object({ version: z.number().int().min(1) })
  .openapi('EmergencyAlertVersion');

export const WorkListQuery = z.object({
  status: z.enum(ALERT_STATUSES).optional(),
  source: z.enum(ALERT_SOURCES).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const WorkAlertSchema = z
  .object({
    id: z.string(),
    agencyId: z.string(),
    agencyName: z.string(),
    source: z.enum(ALERT_SOURCES),
    sourceRef: z.string().nullable(),
    hazard: z.enum(ALERT_HAZARDS),
    severity: z.enum(ALERT_SEVERITIES),
    urgency: z.enum(ALERT_URGENCIES),
    certainty: z.enum(ALERT_CERTAINTIES),
    headline: z.string(),
    description: z.string(),
    instruction: z.string(),
    en: z
      .object({
        headline: z.string().optional(),
        description: z.string().optional(),
        instruction: z.string().optional(),
      })
      .nullable(),
    provinceWide: z.boolean(),
    areas: z.array(z.object({ id: z.string(), name: z.string() })),
    onsetAt: z.string(),
    expiresAt: z.string(),
    status: z.enum(ALERT_STATUSES),
    state: z.enum(['draft', 'live', 'upcoming', 'expired', 'cancelled']),
    publishedAt: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    revision: z.number().int(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('WorkEmergencyAlert');

export const WorkAlertResultSchema = z
  .object({
    alert: WorkAlertSchema,
    followers: z
      .number()
      .int()
      .openapi({ description: 'Số người theo dõi xã/phường trong vùng cảnh báo' }),
    notified: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Số thông báo đã gửi lần này (null: không gửi)' }),
    notice: z.string().nullable().openapi({ description: 'Giải thích vì sao có/không gửi' }),
  })
  .openapi('WorkEmergencyAlertResult');

export const WorkAlertListSchema = z
  .object({ items: z.array(WorkAlertSchema), nextCursor: z.string().nullable() })
  .openapi('WorkEmergencyAlertList');
