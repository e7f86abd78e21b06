import { z } from '@hono/zod-openapi';
import { CLUSTER_ALERT_STATUSES, REPORT_STATUSES, WARNING_DRAFT_STATUSES } from '@tinh/db/schema';

// Request and answer shapes of the early-warning API: the IOC's alerts (/api/v1/work/alerts)
// and the administrators' rules (/api/v1/admin/cluster-rules). The web admin infers its
// types from these (type-only imports).

export const ALERTS_TAG = 'Cảnh báo sớm (IOC)';
export const RULES_TAG = 'Quản trị danh mục';

/** Rule limits: the same ranges as the seed's validation of fixtures/cluster-rules.json. */
export const RULE_LIMITS = {
  minReports: { min: 2, max: 1000 },
  radiusMetres: { min: 50, max: 20_000 },
  windowHours: { min: 1, max: 24 * 30 },
} as const;

const qp = (name: string) => ({ param: { name, in: 'query' as const } });

const Ref = z.object({ id: z.string(), name: z.string() });
const CommuneSchema = z.object({ id: z.string(), name: z.string(), fullName: z.string() });
const LabelSchema = z.object({ vi: z.string(), en: z.string() });

// ---- alerts -------------------------------------------------------------------------------

export const AlertIdParams = z.object({
  id: z.coerce
    .number({ error: 'Mã cảnh báo không hợp lệ.' })
    .int('Mã cảnh báo không hợp lệ.')
    .positive('Mã cảnh báo không hợp lệ.')
    .max(Number.MAX_SAFE_INTEGER, 'Mã cảnh báo không hợp lệ.')
    .openapi({ param: { name: 'id', in: 'path' }, example: 12 }),
});

export const AlertListQuery = z.object({
  status: z
    .enum(CLUSTER_ALERT_STATUSES, { error: 'status phải là open hoặc closed.' })
    .optional()
    .openapi({ ...qp('status'), description: '`open`: đang theo dõi; `closed`: đã đóng' }),
  categoryId: z.string().trim().min(1).max(64).optional().openapi(qp('categoryId')),
  page: z.coerce
    .number({ error: 'Trang không hợp lệ.' })
    .int()
    .min(1, 'Trang bắt đầu từ 1.')
    .max(10_000)
    .default(1)
    .openapi(qp('page')),
  limit: z.coerce
    .number({ error: 'Số dòng mỗi trang không hợp lệ.' })
    .int()
    .min(1)
    .max(100, 'Tối đa 100 dòng mỗi trang.')
    .default(20)
    .openapi(qp('limit')),
});

const AlertFields = {
  id: z.number().int(),
  category: Ref,
  status: z.enum(CLUSTER_ALERT_STATUSES),
  centroid: z.object({ lat: z.number(), lng: z.number() }),
  spreadMetres: z
    .number()
    .int()
    .openapi({ description: 'Khoảng cách từ tâm cụm đến phản ánh xa nhất (m)' }),
  commune: CommuneSchema.nullable().openapi({ description: 'Xã/phường có nhiều phản ánh nhất' }),
  reportCount: z.number().int(),
  firstReportAt: z.string(),
  lastReportAt: z.string(),
  warning: z.object({
    title: z.string(),
    status: z.enum(WARNING_DRAFT_STATUSES).openapi({
      description:
        '`draft`: bản nháp (hệ thống cập nhật theo cụm cho đến khi IOC sửa); `approved`: IOC đã duyệt; `discarded`: bỏ',
    }),
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
};

export const AlertSummarySchema = z.object(AlertFields).openapi('ClusterAlertSummary');

export const AlertPageSchema = z
  .object({
    items: z.array(AlertSummarySchema),
    total: z.number().int(),
    page: z.number().int(),
    limit: z.number().int(),
  })
  .openapi('ClusterAlertPage');

export const AlertReportSchema = z
  .object({
    code: z.string(),
    status: z.enum(REPORT_STATUSES),
    statusLabel: LabelSchema,
    description: z.string(),
    address: z.string().nullable(),
    commune: CommuneSchema.nullable(),
    agency: Ref.nullable(),
    location: z.object({ lat: z.number(), lng: z.number() }),
    supporterCount: z.number().int(),
    hidden: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('ClusterAlertReport');

export const RuleSchema = z
  .object({
    categoryId: z.string(),
    categoryName: z.string(),
    minReports: z.number().int().openapi({ description: 'N: số phản ánh tối thiểu' }),
    radiusMetres: z.number().int().openapi({ description: 'R: bán kính (m)' }),
    windowHours: z.number().int().openapi({ description: 'T: khoảng thời gian (giờ)' }),
    enabled: z.boolean(),
    updatedAt: z.string().nullable(),
    updatedBy: Ref.nullable().openapi({ description: 'Người sửa gần nhất (null: như ban đầu)' }),
  })
  .openapi('ClusterRule');

export const AlertDetailSchema = z
  .object({
    ...AlertFields,
    warning: z.object({
      title: z.string(),
      body: z.string(),
      status: z.enum(WARNING_DRAFT_STATUSES),
      editedByIoc: z.boolean().openapi({
        description: 'true: IOC đã sửa nội dung, hệ thống không tự cập nhật bản nháp nữa',
      }),
    }),
    closedBy: Ref.nullable(),
    rule: RuleSchema.nullable().openapi({ description: 'Quy tắc hiện hành của lĩnh vực' }),
    reports: z.array(AlertReportSchema).openapi({ description: 'Các phản ánh của cụm, cũ trước' }),
    canManage: z.boolean().openapi({ description: 'Cán bộ được sửa cảnh báo, đóng cảnh báo' }),
  })
  .openapi('ClusterAlert');

const WarningTitle = z
  .string({ error: 'Tiêu đề cảnh báo phải là chuỗi ký tự.' })
  .trim()
  .min(5, 'Tiêu đề cảnh báo cần ít nhất 5 ký tự.')
  .max(200, 'Tiêu đề cảnh báo tối đa 200 ký tự.');

const WarningBody = z
  .string({ error: 'Nội dung cảnh báo phải là chuỗi ký tự.' })
  .trim()
  .min(20, 'Nội dung cảnh báo cần ít nhất 20 ký tự.')
  .max(3000, 'Nội dung cảnh báo tối đa 3000 ký tự.');

export const AlertPatchBody = z
  .object({
    warningTitle: WarningTitle.optional(),
    warningBody: WarningBody.optional(),
    warningStatus: z
      .enum(WARNING_DRAFT_STATUSES, {
        error: 'Trạng thái cảnh báo phải là draft (nháp), approved (duyệt) hoặc discarded (bỏ).',
      })
      .optional(),
  })
  .refine(
    (b) =>
      b.warningTitle !== undefined || b.warningBody !== undefined || b.warningStatus !== undefined,
    { message: 'Cần ít nhất một thay đổi: tiêu đề, nội dung hoặc trạng thái của cảnh báo.' },
  )
  .openapi('UpdateClusterAlert');

export const AlertCloseBody = z
  .object({
    note: z
      .string({ error: 'Ghi chú phải là chuỗi ký tự.' })
      .trim()
      .max(500, 'Ghi chú tối đa 500 ký tự.')
      .optional()
      .openapi({ description: 'Ghi chú nội bộ (ghi vào nhật ký)' }),
  })
  .openapi('CloseClusterAlert');

// ---- rules --------------------------------------------------------------------------------

const intIn = (label: string, unit: string, { min, max }: { min: number; max: number }) =>
  z
    .number({ error: `${label} phải là số.` })
    .int(`${label} phải là số nguyên.`)
    .min(min, `${label} từ ${min} đến ${max} ${unit}.`)
    .max(max, `${label} từ ${min} đến ${max} ${unit}.`);

export const RuleInput = z.object({
  categoryId: z
    .string({ error: 'Thiếu mã lĩnh vực.' })
    .trim()
    .min(1, 'Thiếu mã lĩnh vực.')
    .max(64, 'Mã lĩnh vực không hợp lệ.'),
  minReports: intIn('Số phản ánh tối thiểu (N)', 'phản ánh', RULE_LIMITS.minReports),
  radiusMetres: intIn('Bán kính (R)', 'mét', RULE_LIMITS.radiusMetres),
  windowHours: intIn('Khoảng thời gian (T)', 'giờ', RULE_LIMITS.windowHours),
  enabled: z.boolean({ error: 'enabled phải là true hoặc false.' }),
});

export const RulesPutBody = z
  .object({
    rules: z
      .array(RuleInput, { error: 'rules phải là danh sách quy tắc.' })
      .min(1, 'Cần ít nhất một quy tắc.')
      .max(100, 'Tối đa 100 quy tắc mỗi lần.'),
  })
  .superRefine((b, ctx) => {
    const seen = new Set<string>();
    b.rules.forEach((r, i) => {
      if (seen.has(r.categoryId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'categoryId'],
          message: `Lĩnh vực "${r.categoryId}" có hai quy tắc trong cùng một lần lưu.`,
        });
      }
      seen.add(r.categoryId);
    });
  })
  .openapi('UpdateClusterRules');

export const RuleListSchema = z.object({ items: z.array(RuleSchema) }).openapi('ClusterRules');

export type AlertSummary = z.infer<typeof AlertSummarySchema>;
export type AlertDetail = z.infer<typeof AlertDetailSchema>;
export type Rule = z.infer<typeof RuleSchema>;
export type RuleChange = z.infer<typeof RuleInput>;
