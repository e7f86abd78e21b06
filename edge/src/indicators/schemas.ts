import { z } from '@hono/zod-openapi';
import { CONTENT_STATUSES, INDICATOR_FREQUENCIES } from '@tinh/db/schema';
import { LangQuery } from '../content/lang';
import { SearchTextSchema } from '../feed/params';
import { CANONICAL_PERIOD, frequencyOf, normalizePeriod } from './periods';

// Request and answer shapes of the socio-economic indicators (public and editors').

export const FrequencySchema = z.enum(INDICATOR_FREQUENCIES);
const Status = z.enum(CONTENT_STATUSES);

export const IndicatorIdParam = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'Mã chỉ tiêu không hợp lệ.')
    .openapi({ param: { name: 'id', in: 'path' } }),
});

/** A period as typed (2025, 2025-Q3, Q3/2025, Quý 3/2025, 07/2025, T7/2025), normalised. */
export const PeriodSchema = z
  .string()
  .trim()
  .max(40)
  .transform((value, ctx) => {
    const period = normalizePeriod(value);
    if (!period) {
      ctx.addIssue({
        code: 'custom',
        message: 'Kỳ không hợp lệ. Ví dụ: 2025, 2025-Q3, Quý 3/2025, 2025-07, T7/2025.',
      });
      return z.NEVER;
    }
    return period;
  })
  .openapi({ type: 'string', example: '2025-Q3' });

export const IndicatorPeriodParam = IndicatorIdParam.extend({
  period: PeriodSchema.openapi({ param: { name: 'period', in: 'path' } }),
});

export const IndicatorListQuery = z.object({
  group: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .openapi({ param: { name: 'group', in: 'query' }, description: 'Nhóm (tên tiếng Việt)' }),
  q: SearchTextSchema.optional().openapi({
    param: { name: 'q', in: 'query' },
    description: 'Tìm trong tên, mã, nhóm; có dấu hoặc không dấu',
    example: 'tang truong',
  }),
  lang: LangQuery,
});

export const SeriesQuery = z.object({
  from: PeriodSchema.optional().openapi({ param: { name: 'from', in: 'query' } }),
  to: PeriodSchema.optional().openapi({ param: { name: 'to', in: 'query' } }),
  lang: LangQuery,
});

export const CompareQuery = z
  .object({
    period: PeriodSchema.openapi({ param: { name: 'period', in: 'query' }, example: '2025-Q3' }),
    with: PeriodSchema.optional().openapi({
      param: { name: 'with', in: 'query' },
      description: 'Kỳ so sánh; mặc định cùng kỳ năm trước',
      example: '2024-Q3',
    }),
    lang: LangQuery,
  })
  .refine((q) => !q.with || frequencyOf(q.with) === frequencyOf(q.period), {
    message: 'Hai kỳ so sánh phải cùng loại (cùng là năm, quý hoặc tháng).',
    path: ['with'],
  });

const Change = z
  .object({
    absolute: z.number().nullable(),
    percent: z
      .number()
      .nullable()
      .openapi({ description: 'Phần trăm thay đổi; null khi kỳ trước bằng 0 hoặc không có' }),
  })
  .openapi('IndicatorChange');

const Definition = z.object({
  id: z.string(),
  code: z.string(),
  groupName: z.string(),
  name: z.string(),
  unit: z.string(),
  description: z.string(),
  frequency: FrequencySchema,
  higherIsBetter: z.boolean(),
});

export const IndicatorCardSchema = Definition.extend({
  latest: z
    .object({ period: z.string(), value: z.number(), target: z.number().nullable() })
    .nullable(),
  previous: z.object({ period: z.string(), value: z.number() }).nullable(),
  change: Change.nullable(),
}).openapi('IndicatorCard');

export const IndicatorGroupsSchema = z.object({
  groups: z.array(z.object({ name: z.string(), items: z.array(IndicatorCardSchema) })),
});

export const ValueSchema = z
  .object({
    period: z.string(),
    value: z.number(),
    target: z.number().nullable(),
    note: z.string().nullable(),
  })
  .openapi('IndicatorValue');

export const IndicatorSeriesSchema = z.object({
  indicator: Definition.extend({ updatedAt: z.string() }).openapi('Indicator'),
  series: z.array(ValueSchema),
});

export const CompareSchema = z.object({
  period: z.string(),
  with: z.string(),
  frequency: FrequencySchema,
  items: z.array(
    Definition.omit({ description: true }).extend({
      value: z.number().nullable(),
      target: z.number().nullable(),
      previous: z.number().nullable(),
      change: Change.nullable(),
    }),
  ),
});

export const PeriodsSchema = z.object({
  year: z.array(z.string()),
  quarter: z.array(z.string()),
  month: z.array(z.string()),
});

// ---- editors ------------------------------------------------------------------------------

export const WorkListQuery = z.object({
  status: Status.optional().openapi({ param: { name: 'status', in: 'query' } }),
  q: SearchTextSchema.optional().openapi({ param: { name: 'q', in: 'query' } }),
  cursor: z
    .string()
    .regex(/^o\d{1,6}$/, 'Con trỏ trang không hợp lệ.')
    .optional()
    .openapi({ param: { name: 'cursor', in: 'query' } }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(50)
    .default(50)
    .openapi({ param: { name: 'limit', in: 'query' } }),
});

const EnglishSchema = z
  .object({
    name: z.string().trim().max(300).optional(),
    unit: z.string().trim().max(60).optional(),
    groupName: z.string().trim().max(100).optional(),
    description: z.string().trim().max(4000).optional(),
  })
  .nullable()
  .optional();

const Fields = {
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9_]{2,40}$/, 'Mã chỉ tiêu gồm 2–40 chữ in hoa, số hoặc dấu gạch dưới.'),
  groupName: z.string().trim().min(1, 'Hãy nhập nhóm.').max(100),
  name: z.string().trim().min(1, 'Hãy nhập tên chỉ tiêu.').max(300),
  unit: z.string().trim().min(1, 'Hãy nhập đơn vị tính.').max(60),
  description: z.string().trim().max(4000).default(''),
  frequency: FrequencySchema,
  higherIsBetter: z.boolean().default(true),
  sortOrder: z.number().int().min(0).max(100_000).default(0),
  en: EnglishSchema,
};

export const CreateBody = z
  .object({
    ...Fields,
    requestKey: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/)
      .optional()
      .openapi({ description: 'Khóa chống gửi trùng' }),
  })
  .openapi('IndicatorCreate');

export const PatchBody = z
  .object({
    version: z.number().int().min(1),
    code: Fields.code.optional(),
    groupName: Fields.groupName.optional(),
    name: Fields.name.optional(),
    unit: Fields.unit.optional(),
    description: z.string().trim().max(4000).optional(),
    frequency: FrequencySchema.optional(),
    higherIsBetter: z.boolean().optional(),
    sortOrder: z.number().int().min(0).max(100_000).optional(),
    en: EnglishSchema,
  })
  .openapi('IndicatorPatch');

export const VersionBody = z.object({ version: z.number().int().min(1) });

export const ValueBody = z
  .object({
    value: z.number().finite(),
    target: z.number().finite().nullable().optional(),
    note: z.string().trim().max(500).nullable().optional(),
  })
  .openapi('IndicatorValueInput');

export const WorkIndicatorSchema = Definition.extend({
  agencyId: z.string(),
  sortOrder: z.number().int(),
  status: Status,
  version: z.number().int(),
  en: z.record(z.string(), z.unknown()),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  latestPeriod: z.string().nullable(),
  valueCount: z.number().int(),
}).openapi('WorkIndicator');

export const WorkListSchema = z.object({
  items: z.array(WorkIndicatorSchema),
  nextCursor: z.string().nullable(),
});

export const WorkIndicatorResultSchema = z.object({
  indicator: WorkIndicatorSchema,
  values: z.array(ValueSchema.extend({ updatedAt: z.string() })),
});

export const ImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .openapi({ param: { name: 'dryRun', in: 'query' } }),
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .openapi({ param: { name: 'fileName', in: 'query' } }),
});

export const ImportResultSchema = z.object({
  dryRun: z.boolean(),
  format: z.enum(['xlsx', 'csv']),
  rows: z.number().int(),
  created: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  indicators: z.number().int(),
  importId: z.string().nullable(),
});

export const ImportListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      agencyId: z.string(),
      fileName: z.string(),
      format: z.enum(['xlsx', 'csv']),
      rows: z.number().int(),
      importedBy: z.string(),
      importedByName: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});

export const isCanonicalPeriod = (p: string) => CANONICAL_PERIOD.test(p);
