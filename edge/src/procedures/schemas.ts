import { z } from '@hono/zod-openapi';
import { CONTENT_STATUSES, PROCEDURE_LEVELS } from '@tinh/db/schema';
import { LangQuery } from '../content/lang';
import { SearchTextSchema } from '../feed/params';

// Request and answer shapes of the public services catalogue (public and editors').

const Level = z.enum(PROCEDURE_LEVELS);
const Status = z.enum(CONTENT_STATUSES);
const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Mã không hợp lệ.');

const Cursor = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,600}$/, 'Con trỏ trang không hợp lệ.')
  .optional()
  .openapi({ param: { name: 'cursor', in: 'query' }, description: '`nextCursor` trang trước' });

const Limit = z.coerce
  .number()
  .int()
  .min(1)
  .max(50)
  .default(20)
  .openapi({ param: { name: 'limit', in: 'query' } });

export const ProcedureListQuery = z.object({
  q: SearchTextSchema.optional().openapi({
    param: { name: 'q', in: 'query' },
    description: 'Tìm trong tên, mã, lĩnh vực, cơ quan và giấy tờ; có dấu hoặc không dấu',
    example: 'khai sinh',
  }),
  field: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .openapi({ param: { name: 'field', in: 'query' }, description: 'Lĩnh vực (tên tiếng Việt)' }),
  agency: Id.optional().openapi({ param: { name: 'agency', in: 'query' } }),
  level: Level.optional().openapi({ param: { name: 'level', in: 'query' } }),
  cursor: Cursor,
  limit: Limit,
  lang: LangQuery,
});

export const LangOnlyQuery = z.object({ lang: LangQuery });

export const ProcedureSummarySchema = z
  .object({
    id: z.string(),
    code: z.string().nullable(),
    name: z.string(),
    field: z.string().openapi({ description: 'Lĩnh vực (tiếng Việt, dùng để lọc)' }),
    fieldLabel: z.string().openapi({ description: 'Lĩnh vực theo ngôn ngữ đã chọn' }),
    agencyId: z.string(),
    agencyName: z.string(),
    level: Level,
    feeText: z.string(),
    feeVnd: z.number().int().nullable(),
    processingTime: z.string(),
    processingDays: z.number().int().nullable(),
  })
  .openapi('ProcedureSummary');

export const ProcedureListSchema = z.object({
  items: z.array(ProcedureSummarySchema),
  nextCursor: z.string().nullable(),
});

export const ProcedureSchema = ProcedureSummarySchema.extend({
  documents: z.array(z.string()),
  bodyHtml: z.string().openapi({ description: 'HTML đã lọc: các bước, nơi nộp, căn cứ pháp lý' }),
  portalUrl: z.string(),
  dossierLookupUrl: z.string().nullable(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
}).openapi('Procedure');

export const FieldListSchema = z.object({
  fields: z.array(z.object({ field: z.string(), label: z.string(), count: z.number().int() })),
});

export const PortalConfigSchema = z.object({
  portalUrl: z.string().nullable(),
  dossierLookupUrl: z.string().nullable(),
});

export const ProcedureIdParam = z.object({
  id: Id.openapi({ param: { name: 'id', in: 'path' } }),
});

// ---- editors --------------------------------------------------------------------------------

const text = (max: number) => z.string().trim().min(1, 'Không được để trống.').max(max);

const HttpsUrl = z
  .string()
  .trim()
  .max(500)
  .url('Đường dẫn không hợp lệ.')
  .refine(
    (u) => u.startsWith('https://'),
    'Đường dẫn Cổng dịch vụ công phải bắt đầu bằng https://.',
  );

const Documents = z
  .array(z.string().trim().min(1, 'Tên giấy tờ không được để trống.').max(300))
  .max(30, 'Tối đa 30 giấy tờ.');

const English = z
  .object({
    name: z.string().trim().max(300).optional(),
    field: z.string().trim().max(100).optional(),
    feeText: z.string().trim().max(300).optional(),
    processingTime: z.string().trim().max(200).optional(),
    documents: z.array(z.string().trim().min(1).max(300)).max(30).optional(),
    bodyHtml: z.string().max(100_000).optional(),
  })
  .strict()
  .nullish();

const procedureFields = {
  code: z
    .union([
      z
        .string()
        .trim()
        .regex(/^\d\.\d{6}$/, 'Mã thủ tục có dạng 1.001234 hoặc 2.000123.'),
      z.literal(''),
      z.null(),
    ])
    .optional()
    .transform((v) => (v ? v : null)),
  field: text(100),
  name: text(300),
  level: Level,
  feeText: text(300),
  feeVnd: z.number().int().min(0).max(1_000_000_000).nullish(),
  processingTime: text(200),
  processingDays: z.number().int().min(0).max(365).nullish(),
  documents: Documents,
  bodyHtml: z.string().max(100_000),
  portalUrl: HttpsUrl,
  en: English,
};

export const ProcedureCreateBody = z
  .object({
    requestKey: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/, 'Mã yêu cầu không hợp lệ.')
      .optional()
      .openapi({ description: 'Gửi lại cùng mã: không tạo thêm thủ tục' }),
    agencyId: Id.optional().openapi({ description: 'Mặc định: cơ quan của người soạn' }),
    ...procedureFields,
    level: Level.default('partial'),
    documents: Documents.default([]),
    bodyHtml: z.string().max(100_000).default(''),
  })
  .strict()
  .openapi('ProcedureCreate');

export const ProcedurePatchBody = z
  .object({ version: z.number().int().min(1) })
  .extend(z.object(procedureFields).partial().shape)
  .strict()
  .openapi('ProcedurePatch');

export type ProcedureCreate = z.infer<typeof ProcedureCreateBody>;
export type ProcedurePatch = z.infer<typeof ProcedurePatchBody>;

export const VersionBody = z.object({ version: z.number().int().min(1) }).strict();

export const WorkProcedureListQuery = z.object({
  q: SearchTextSchema.optional().openapi({ param: { name: 'q', in: 'query' } }),
  status: Status.optional().openapi({ param: { name: 'status', in: 'query' } }),
  field: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .openapi({ param: { name: 'field', in: 'query' } }),
  cursor: Cursor,
  limit: Limit,
});

export const WorkProcedureSchema = z
  .object({
    id: z.string(),
    code: z.string().nullable(),
    agencyId: z.string(),
    agencyName: z.string(),
    field: z.string(),
    name: z.string(),
    level: Level,
    feeText: z.string(),
    feeVnd: z.number().int().nullable(),
    processingTime: z.string(),
    processingDays: z.number().int().nullable(),
    documents: z.array(z.string()),
    bodyHtml: z.string(),
    portalUrl: z.string(),
    en: z.record(z.string(), z.unknown()),
    status: Status,
    publishedAt: z.string().nullable(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi('WorkProcedure');

export const WorkProcedureListSchema = z.object({
  items: z.array(WorkProcedureSchema.omit({ bodyHtml: true, documents: true, en: true })),
  nextCursor: z.string().nullable(),
});
export const WorkProcedureResultSchema = z.object({ procedure: WorkProcedureSchema });
export type WorkProcedure = z.infer<typeof WorkProcedureSchema>;
