import { z } from '@hono/zod-openapi';
import { CONTENT_STATUSES, ENQUIRY_STATUSES, PROJECT_STAGES } from '@tinh/db/schema';
import { LangQuery } from '../content/lang';
import { SearchTextSchema } from '../feed/params';

// Request and answer shapes of investment promotion (public and editors' routes).

export const DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;
/** A project or policy keeps at most this many files. */
export const MAX_DOCUMENTS = 30;

const Id = z.string().min(1).max(64);
export const IdParam = z.object({ id: Id.openapi({ param: { name: 'id', in: 'path' } }) });

const Limit = z.coerce.number().int().min(1).max(50).default(20);
const Cursor = z.string().max(200).optional();

export const StageSchema = z.enum(PROJECT_STAGES).openapi({
  description:
    'Giai đoạn: `calling` kêu gọi đầu tư, `negotiating` đang đàm phán, `licensed` đã cấp phép, `closed` đã đóng.',
});

// ---- public ---------------------------------------------------------------------------------

export const SectorSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    projectCount: z.number().int(),
  })
  .openapi('InvestmentSector');

export const SectorListSchema = z.object({ items: z.array(SectorSchema) });

export const DocumentSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    fileName: z.string(),
    contentType: z.string(),
    bytes: z.number().int(),
    url: z.string(),
  })
  .openapi('InvestmentDocument');

export const PolicySummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    agencyId: z.string(),
    agencyName: z.string(),
    publishedAt: z.string().nullable(),
  })
  .openapi('InvestmentPolicySummary');

export const PolicySchema = PolicySummarySchema.extend({
  bodyHtml: z.string(),
  documents: z.array(DocumentSchema),
}).openapi('InvestmentPolicy');

export const PolicyListSchema = z.object({
  items: z.array(PolicySummarySchema),
  nextCursor: z.string().nullable(),
});

export const ProjectSummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    sectorId: z.string(),
    sectorName: z.string(),
    location: z.string(),
    communeId: z.string().nullable(),
    communeName: z.string().nullable(),
    areaHectares: z.number().nullable(),
    capitalVnd: z.number().int().nullable(),
    stage: StageSchema,
    agencyId: z.string(),
    agencyName: z.string(),
    publishedAt: z.string().nullable(),
  })
  .openapi('InvestmentProjectSummary');

export const ProjectSchema = ProjectSummarySchema.extend({
  bodyHtml: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  documents: z.array(DocumentSchema),
}).openapi('InvestmentProject');

export const ProjectListSchema = z.object({
  items: z.array(ProjectSummarySchema),
  nextCursor: z.string().nullable(),
});

export const LangOnlyQuery = z.object({ lang: LangQuery });

export const PolicyListQuery = z.object({
  q: SearchTextSchema.optional(),
  cursor: Cursor,
  limit: Limit,
  lang: LangQuery,
});

export const ProjectListQuery = z.object({
  sector: Id.optional(),
  stage: z.enum(PROJECT_STAGES).optional(),
  commune: Id.optional(),
  q: SearchTextSchema.optional(),
  cursor: Cursor,
  limit: Limit,
  lang: LangQuery,
});

/** Vietnamese numbers as people type them: 0xxxxxxxxx or +84xxxxxxxxx, spaces/dots allowed. */
const PHONE = /^(?:0|\+84)\d{9,10}$/;

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} tối đa ${max} ký tự.`)
    .optional()
    .transform((v) => (v ? v : undefined));

export const EnquiryBody = z
  .object({
    requestKey: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/, 'Mã yêu cầu (requestKey) cần 8–64 chữ, số, "-" hoặc "_".'),
    projectId: Id.optional(),
    agencyId: Id.optional(),
    name: z
      .string()
      .trim()
      .min(2, 'Vui lòng nhập họ tên (ít nhất 2 ký tự).')
      .max(120, 'Họ tên tối đa 120 ký tự.'),
    organisation: optionalText(200, 'Tên tổ chức'),
    email: optionalText(200, 'Email').refine(
      (v) => v === undefined || z.string().email().safeParse(v).success,
      'Email không hợp lệ.',
    ),
    phone: z
      .string()
      .optional()
      .transform((v) => (v ? v.replace(/[\s.()-]/g, '') : undefined))
      .refine(
        (v) => v === undefined || PHONE.test(v),
        'Số điện thoại không hợp lệ (ví dụ 0912345678 hoặc +84912345678).',
      ),
    country: optionalText(80, 'Quốc gia'),
    message: z
      .string()
      .trim()
      .min(10, 'Nội dung cần ít nhất 10 ký tự.')
      .max(4000, 'Nội dung tối đa 4000 ký tự.'),
  })
  .superRefine((b, ctx) => {
    if (!b.email && !b.phone) {
      ctx.addIssue({
        code: 'custom',
        path: ['email'],
        message: 'Vui lòng để lại email hoặc số điện thoại để cơ quan liên hệ lại.',
      });
    }
    if (!b.projectId && !b.agencyId) {
      ctx.addIssue({
        code: 'custom',
        path: ['agencyId'],
        message: 'Cần chọn dự án (projectId) hoặc cơ quan nhận (agencyId).',
      });
    }
  })
  .openapi('InvestmentEnquiryInput');

export const EnquiryResultSchema = z
  .object({
    id: z.string(),
    status: z.enum(ENQUIRY_STATUSES),
    agencyId: z.string(),
    agencyName: z.string(),
    projectId: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('InvestmentEnquiryResult');

// ---- editors --------------------------------------------------------------------------------

const English = (fields: Record<string, z.ZodTypeAny>) => z.object(fields).partial().optional();

const Title = z
  .string()
  .trim()
  .min(3, 'Tiêu đề cần ít nhất 3 ký tự.')
  .max(250, 'Tiêu đề tối đa 250 ký tự.');
const Summary = z.string().trim().max(600, 'Tóm tắt tối đa 600 ký tự.').default('');
const Body = z.string().max(200_000, 'Nội dung quá dài (tối đa 200 000 ký tự).');

export const PolicyInput = z
  .object({
    title: Title,
    summary: Summary,
    bodyHtml: Body,
    en: English({
      title: z.string().trim().max(250),
      summary: z.string().trim().max(600),
      bodyHtml: Body,
    }),
  })
  .openapi('InvestmentPolicyInput');

const ProjectFields = z.object({
  title: Title,
  summary: Summary,
  bodyHtml: Body,
  sectorId: Id,
  stage: StageSchema.default('calling'),
  location: z
    .string()
    .trim()
    .min(2, 'Vui lòng nhập địa điểm.')
    .max(300, 'Địa điểm tối đa 300 ký tự.'),
  communeId: Id.nullable().optional(),
  // Vietnam's mainland and near islands (Hậu Giang itself is near 9.8°N 105.6°E).
  lat: z.number().min(8, 'Vĩ độ ngoài lãnh thổ Việt Nam.').max(23.5).nullable().optional(),
  lng: z.number().min(102, 'Kinh độ ngoài lãnh thổ Việt Nam.').max(110).nullable().optional(),
  areaHectares: z
    .number()
    .positive('Diện tích phải lớn hơn 0 ha.')
    .max(100_000, 'Diện tích quá lớn.')
    .nullable()
    .optional(),
  capitalVnd: z
    .number()
    .int('Vốn đầu tư là số đồng nguyên.')
    .min(0, 'Vốn đầu tư không được âm.')
    .max(Number.MAX_SAFE_INTEGER)
    .nullable()
    .optional(),
  en: English({
    title: z.string().trim().max(250),
    summary: z.string().trim().max(600),
    bodyHtml: Body,
    location: z.string().trim().max(300),
  }),
});

const bothCoordinates = (b: { lat?: number | null; lng?: number | null }, ctx: z.RefinementCtx) => {
  if ((b.lat == null) !== (b.lng == null)) {
    ctx.addIssue({ code: 'custom', path: ['lng'], message: 'Cần cả vĩ độ và kinh độ.' });
  }
};

export const ProjectInput =
  ProjectFields.superRefine(bothCoordinates).openapi('InvestmentProjectInput');

const Version = z.number().int().positive();
export const PolicyUpdateBody = PolicyInput.extend({ version: Version }).openapi(
  'InvestmentPolicyUpdate',
);
export const ProjectUpdateBody = ProjectFields.extend({ version: Version })
  .superRefine(bothCoordinates)
  .openapi('InvestmentProjectUpdate');

export const StatusBody = z
  .object({ version: z.number().int().positive(), status: z.enum(CONTENT_STATUSES) })
  .openapi('InvestmentStatusChange');

const Editorial = {
  id: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  title: z.string(),
  summary: z.string(),
  status: z.enum(CONTENT_STATUSES),
  version: z.number().int(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
};

const WorkDocumentSchema = DocumentSchema.extend({ sha256: z.string(), createdAt: z.string() });

export const WorkPolicySchema = z
  .object({
    ...Editorial,
    bodyHtml: z.string(),
    en: z.record(z.string(), z.unknown()),
    documents: z.array(WorkDocumentSchema),
  })
  .openapi('InvestmentWorkPolicy');

export const WorkProjectSchema = z
  .object({
    ...Editorial,
    bodyHtml: z.string(),
    sectorId: z.string(),
    stage: StageSchema,
    location: z.string(),
    communeId: z.string().nullable(),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
    areaHectares: z.number().nullable(),
    capitalVnd: z.number().int().nullable(),
    en: z.record(z.string(), z.unknown()),
    documents: z.array(WorkDocumentSchema),
  })
  .openapi('InvestmentWorkProject');

export const WorkItemSchema = z.object({
  ...Editorial,
  sectorId: z.string().nullable(),
  stage: StageSchema.nullable(),
  enquiryCount: z.number().int(),
});

export const WorkListSchema = z.object({
  items: z.array(WorkItemSchema),
  nextCursor: z.string().nullable(),
});

export const WorkListQuery = z.object({
  status: z.enum(CONTENT_STATUSES).optional(),
  q: SearchTextSchema.optional(),
  cursor: Cursor,
  limit: Limit,
});

export const DocumentUploadQuery = z.object({
  title: z.string().trim().min(1).max(200).optional(),
});

export const DocumentUploadHeaders = z.object({
  'x-file-name': z.string().max(600).optional().openapi({
    description: 'Tên tệp, mã hóa bằng encodeURIComponent.',
  }),
});

export const WorkDocumentResultSchema = z.object({ document: WorkDocumentSchema });

export const EnquirySchema = z
  .object({
    id: z.string(),
    agencyId: z.string(),
    projectId: z.string().nullable(),
    projectTitle: z.string().nullable(),
    name: z.string(),
    organisation: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    country: z.string().nullable(),
    message: z.string(),
    status: z.enum(ENQUIRY_STATUSES),
    reply: z.string().nullable(),
    handledBy: z.string().nullable(),
    handledByName: z.string().nullable(),
    handledAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('InvestmentEnquiry');

export const EnquiryListSchema = z.object({
  items: z.array(EnquirySchema),
  nextCursor: z.string().nullable(),
  counts: z.record(z.string(), z.number().int()),
});

export const EnquiryListQuery = z.object({
  status: z.enum(ENQUIRY_STATUSES).optional(),
  cursor: Cursor,
  limit: Limit,
});

export const EnquiryUpdateBody = z
  .object({
    status: z.enum(ENQUIRY_STATUSES),
    reply: z.string().trim().max(4000, 'Ghi chú trả lời tối đa 4000 ký tự.').optional(),
  })
  .openapi('InvestmentEnquiryUpdate');

export const DeletedSchema = z.object({ deleted: z.boolean() });
