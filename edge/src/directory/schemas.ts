import { z } from '@hono/zod-openapi';
import { CONTENT_STATUSES, DIRECTORY_KINDS } from '@tinh/db/schema';
import { LangQuery } from '../content/lang';
import { SearchTextSchema } from '../feed/params';
import { normalizePhone } from './phone';

// Request and answer shapes of the phone directory (public and editors').

const Kind = z.enum(DIRECTORY_KINDS);
const Status = z.enum(CONTENT_STATUSES);
const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Mã không hợp lệ.');

export const DirectoryQuery = z.object({
  q: SearchTextSchema.optional().openapi({
    param: { name: 'q', in: 'query' },
    description: 'Tìm trong tên, chức vụ, cơ quan và số điện thoại; có dấu hoặc không dấu',
    example: 'cap cuu',
  }),
  kind: Kind.optional().openapi({ param: { name: 'kind', in: 'query' } }),
  commune: Id.optional().openapi({
    param: { name: 'commune', in: 'query' },
    description: 'Xã/phường: các số của toàn tỉnh và của xã/phường này',
  }),
  lang: LangQuery,
});

const PublicEntryBase = z.object({
  id: z.string(),
  kind: Kind,
  name: z.string(),
  role: z.string().nullable(),
  phone: z.string().openapi({ description: 'Số để đọc, đã nhóm chữ số', example: '0293 3876 543' }),
  tel: z.string().openapi({ description: 'Liên kết gọi', example: 'tel:02933876543' }),
  phoneAlt: z.string().nullable(),
  telAlt: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  hours: z.string().nullable(),
  communeId: z.string().nullable(),
  agencyId: z.string(),
  parentId: z.string().nullable(),
});

export type PublicEntry = z.infer<typeof PublicEntryBase> & { children: PublicEntry[] };

// One level of nesting is declared for the document; the answer nests as deep as the data
// (agency → department → person).
const PublicChild = PublicEntryBase.extend({ children: z.array(PublicEntryBase.passthrough()) });
const PublicNode = PublicEntryBase.extend({ children: z.array(PublicChild) }).openapi(
  'DirectoryEntry',
);

export const DirectorySchema = z.object({
  emergency: z.array(PublicNode),
  hotlines: z.array(PublicNode),
  agencies: z.array(PublicNode),
});

// ---- editors --------------------------------------------------------------------------------

const text = (max: number) => z.string().trim().min(1, 'Không được để trống.').max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

const PhoneField = z
  .string()
  .max(40)
  .transform((typed, ctx) => {
    const digits = normalizePhone(typed);
    if (digits === null) {
      ctx.addIssue({
        code: 'custom',
        message:
          'Số điện thoại không hợp lệ: số ngắn 3–5 chữ số, số 1800/1900, số cố định 02…, số di động 0[35789]… hoặc +84….',
      });
      return z.NEVER;
    }
    return digits;
  })
  .openapi({ type: 'string', example: '0293 3876 543' });

const OptionalPhone = z
  .union([PhoneField, z.literal(''), z.null()])
  .optional()
  .transform((v) => (v ? v : null));

const English = z
  .object({
    name: z.string().trim().max(200).optional(),
    role: z.string().trim().max(200).optional(),
    hours: z.string().trim().max(100).optional(),
    address: z.string().trim().max(300).optional(),
  })
  .strict()
  .nullish();

const entryFields = {
  parentId: Id.nullish().transform((v) => v ?? null),
  name: text(200),
  role: optionalText(200),
  phone: PhoneField,
  phoneAlt: OptionalPhone,
  email: z
    .union([z.string().trim().email('Email không hợp lệ.').max(200), z.literal(''), z.null()])
    .optional()
    .transform((v) => (v ? v : null)),
  address: optionalText(300),
  communeId: Id.nullish().transform((v) => v ?? null),
  hours: optionalText(100),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
  en: English,
};

export const EntryCreateBody = z
  .object({
    requestKey: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/, 'Mã yêu cầu không hợp lệ.')
      .optional()
      .openapi({ description: 'Gửi lại cùng mã: không tạo thêm mục' }),
    agencyId: Id.optional().openapi({ description: 'Mặc định: cơ quan của người soạn' }),
    kind: Kind,
    ...entryFields,
  })
  .strict()
  .openapi('DirectoryEntryCreate');

export const EntryPatchBody = z
  .object({ version: z.number().int().min(1), kind: Kind.optional() })
  .extend(z.object(entryFields).partial().shape)
  .strict()
  .openapi('DirectoryEntryPatch');

export type EntryCreate = z.infer<typeof EntryCreateBody>;
export type EntryPatch = z.infer<typeof EntryPatchBody>;

export const VersionBody = z.object({ version: z.number().int().min(1) }).strict();

export const ReorderBody = z
  .object({
    ids: z.array(Id).min(1).max(200),
  })
  .strict()
  .openapi({ description: 'Các mục cùng cấp, theo thứ tự mới' });

export const EntryIdParam = z.object({
  id: Id.openapi({ param: { name: 'id', in: 'path' } }),
});

export const WorkListQuery = z.object({
  q: SearchTextSchema.optional().openapi({ param: { name: 'q', in: 'query' } }),
  status: Status.optional().openapi({ param: { name: 'status', in: 'query' } }),
  kind: Kind.optional().openapi({ param: { name: 'kind', in: 'query' } }),
  agencyId: Id.optional().openapi({
    param: { name: 'agencyId', in: 'query' },
    description: 'Người có quyền toàn tỉnh: lọc theo cơ quan',
  }),
});

export const WorkEntrySchema = z
  .object({
    id: z.string(),
    agencyId: z.string(),
    agencyName: z.string(),
    parentId: z.string().nullable(),
    kind: Kind,
    name: z.string(),
    role: z.string().nullable(),
    phone: z.string(),
    phoneDisplay: z.string(),
    phoneAlt: z.string().nullable(),
    email: z.string().nullable(),
    address: z.string().nullable(),
    communeId: z.string().nullable(),
    hours: z.string().nullable(),
    en: z.record(z.string(), z.unknown()),
    sortOrder: z.number().int(),
    status: Status,
    publishedAt: z.string().nullable(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi('WorkDirectoryEntry');

export const WorkEntryListSchema = z.object({ items: z.array(WorkEntrySchema) });
export const WorkEntryResultSchema = z.object({ entry: WorkEntrySchema });
export type WorkEntry = z.infer<typeof WorkEntrySchema>;
