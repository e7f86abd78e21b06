import { z } from '@hono/zod-openapi';
import { APPLICATION_STATUSES, SALARY_PERIODS, VACANCY_STATUSES } from '@tinh/db/schema';
import { SearchTextSchema } from '../feed/params';

// Request and answer shapes of jobs (việc làm): public vacancies, the signed-in citizen's
// employer account, vacancies and applicants, the seeker's profile and applications, and the
// moderators' list.

const Id = z.string().min(1).max(64);
export const IdParam = z.object({ id: Id.openapi({ param: { name: 'id', in: 'path' } }) });

const Limit = z.coerce.number().int().min(1).max(50).default(20);
const Cursor = z.string().max(200).optional();
const Version = z.number().int().positive();

const RequestKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'Mã yêu cầu (requestKey) cần 8–64 chữ, số, "-" hoặc "_".');

/** Vietnamese numbers as people type them: 0xxxxxxxxx or +84xxxxxxxxx; spaces, dots allowed. */
const PHONE = /^(?:0|\+84)\d{9,10}$/;
export const Phone = z
  .string({ error: 'Vui lòng nhập số điện thoại.' })
  .transform((v) => v.replace(/[\s.()-]/g, ''))
  .refine((v) => PHONE.test(v), 'Số điện thoại không hợp lệ (ví dụ 0912345678 hoặc +84912345678).');

const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `Vui lòng nhập ${label.toLowerCase()}.` })
    .trim()
    .min(
      min,
      min <= 1 ? `Vui lòng nhập ${label.toLowerCase()}.` : `${label} cần ít nhất ${min} ký tự.`,
    )
    .max(max, `${label} tối đa ${max} ký tự.`);

const optionalText = (label: string, max: number) =>
  z.string().trim().max(max, `${label} tối đa ${max} ký tự.`).default('');

const CommuneId = z
  .string({ error: 'Vui lòng chọn xã/phường.' })
  .min(1, 'Vui lòng chọn xã/phường.')
  .max(64);

/** Local calendar date, as `<input type="date">` gives it. */
const LocalDate = z
  .string({ error: 'Vui lòng chọn hạn nộp hồ sơ.' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Hạn nộp cần có dạng YYYY-MM-DD.')
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
  }, 'Hạn nộp không phải một ngày có thật.');

export const SalaryPeriodSchema = z.enum(SALARY_PERIODS).openapi({
  description: 'Lương tính theo: `month` tháng, `day` ngày, `hour` giờ, `piece` sản phẩm.',
});

/** Up to 1 billion đồng: a typo guard, far above any wage. */
const Vnd = z
  .number({ error: 'Mức lương phải là số (đồng).' })
  .int('Mức lương phải là số nguyên (đồng).')
  .min(1000, 'Mức lương tối thiểu 1.000 đồng.')
  .max(1_000_000_000, 'Mức lương quá lớn.');

// ---- employer -------------------------------------------------------------------------------

const EmployerFields = z.object({
  name: text('Tên nhà tuyển dụng', 2, 200),
  /** Mã số thuế: 10 digits, or 13 for a branch (10 + 3), typed with or without the dash. */
  taxCode: z
    .string()
    .optional()
    .nullable()
    .transform((v) => (v ? v.replace(/[\s-]/g, '') : null))
    .refine(
      (v) => v === null || /^\d{10}(\d{3})?$/.test(v),
      'Mã số thuế gồm 10 hoặc 13 chữ số (ví dụ 6300123456 hoặc 6300123456-001).',
    ),
  communeId: CommuneId,
  address: text('Địa chỉ', 5, 300),
  phone: Phone,
  email: z
    .string()
    .trim()
    .max(200, 'Email tối đa 200 ký tự.')
    .optional()
    .nullable()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || z.email().safeParse(v).success, 'Email không hợp lệ.'),
  description: optionalText('Giới thiệu', 2000),
});

export const EmployerInput = EmployerFields.openapi('JobEmployerInput');
export const EmployerUpdateBody = EmployerFields.extend({ version: Version }).openapi(
  'JobEmployerUpdate',
);
export type EmployerValues = z.infer<typeof EmployerInput>;

export const EmployerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    taxCode: z.string().nullable(),
    communeId: z.string(),
    communeName: z.string(),
    address: z.string(),
    phone: z.string(),
    email: z.string().nullable(),
    description: z.string(),
    status: z.enum(['active', 'suspended']),
    version: z.number().int(),
    createdAt: z.string(),
  })
  .openapi('JobEmployer');

export const MyEmployerSchema = z.object({ employer: EmployerSchema.nullable() });

// ---- vacancies ------------------------------------------------------------------------------

const VacancyFields = z.object({
  title: text('Vị trí tuyển dụng', 3, 200),
  description: text('Mô tả công việc', 10, 5000),
  requirements: optionalText('Yêu cầu', 3000),
  salaryMinVnd: Vnd.nullable().optional().default(null),
  salaryMaxVnd: Vnd.nullable().optional().default(null),
  salaryPeriod: SalaryPeriodSchema.default('month'),
  positions: z
    .number({ error: 'Số lượng tuyển phải là số.' })
    .int('Số lượng tuyển phải là số nguyên.')
    .min(1, 'Cần tuyển ít nhất 1 người.')
    .max(1000, 'Số lượng tuyển tối đa 1000.')
    .default(1),
  communeId: CommuneId,
  address: optionalText('Nơi làm việc', 300),
  deadline: LocalDate,
});

function checkSalary(
  v: { salaryMinVnd: number | null; salaryMaxVnd: number | null },
  ctx: z.RefinementCtx,
) {
  if (v.salaryMinVnd !== null && v.salaryMaxVnd !== null && v.salaryMinVnd > v.salaryMaxVnd) {
    ctx.addIssue({
      code: 'custom',
      path: ['salaryMaxVnd'],
      message: 'Mức lương cao nhất phải lớn hơn hoặc bằng mức thấp nhất.',
    });
  }
}

export const VacancyInput = VacancyFields.extend({ requestKey: RequestKey })
  .superRefine(checkSalary)
  .openapi('JobVacancyInput');
export const VacancyUpdateBody = VacancyFields.extend({ version: Version })
  .superRefine(checkSalary)
  .openapi('JobVacancyUpdate');
export type VacancyValues = z.infer<typeof VacancyFields>;

const EmployerPublicSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    communeName: z.string(),
  })
  .openapi('JobEmployerSummary');

export const VacancySummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    salaryMinVnd: z.number().int().nullable(),
    salaryMaxVnd: z.number().int().nullable(),
    salaryPeriod: SalaryPeriodSchema,
    positions: z.number().int(),
    communeId: z.string(),
    communeName: z.string(),
    deadline: z.string().openapi({ description: 'Ngày cuối nhận hồ sơ (YYYY-MM-DD, giờ VN)' }),
    status: z.enum(VACANCY_STATUSES),
    /** Open and the deadline not passed: applications are taken. */
    accepting: z.boolean(),
    createdAt: z.string(),
    employer: EmployerPublicSchema,
  })
  .openapi('JobVacancySummary');

export const VacancySchema = VacancySummarySchema.extend({
  description: z.string(),
  requirements: z.string(),
  address: z.string(),
  employer: EmployerPublicSchema.extend({
    taxCode: z.string().nullable(),
    address: z.string(),
    phone: z.string(),
    email: z.string().nullable(),
    description: z.string(),
  }),
}).openapi('JobVacancy');

export const VacancyListSchema = z.object({
  items: z.array(VacancySummarySchema),
  nextCursor: z.string().nullable(),
});

export const VacancyListQuery = z.object({
  q: SearchTextSchema.optional(),
  commune: Id.optional(),
  period: SalaryPeriodSchema.optional(),
  /** Pays at least this much (its maximum, or its minimum when no maximum is given). */
  salaryMin: z.coerce
    .number({ error: 'Mức lương tối thiểu phải là số.' })
    .int()
    .min(0)
    .max(1_000_000_000)
    .optional(),
  cursor: Cursor,
  limit: Limit,
});

// ---- employer's own vacancies and applicants -------------------------------------------------

export const ProfileSnapshotSchema = z
  .object({
    fullName: z.string(),
    birthYear: z.number().int().nullable(),
    phone: z.string(),
    communeId: z.string(),
    communeName: z.string(),
    desiredPosition: z.string(),
    skills: z.string(),
    experience: z.string(),
  })
  .openapi('JobProfileSnapshot');

export const ApplicantSchema = z
  .object({
    id: z.string(),
    status: z.enum(APPLICATION_STATUSES),
    coverLetter: z.string(),
    profile: ProfileSnapshotSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('JobApplicant');

export const MyVacancySchema = VacancySchema.extend({
  requestKey: z.string(),
  version: z.number().int(),
  applicationCount: z.number().int(),
  newApplicationCount: z.number().int(),
}).openapi('JobMyVacancy');

export const MyVacancyDetailSchema = MyVacancySchema.extend({
  applicants: z.array(ApplicantSchema),
}).openapi('JobMyVacancyDetail');

export const MyVacancyListSchema = z.object({
  items: z.array(MyVacancySchema),
  nextCursor: z.string().nullable(),
});

export const PageQuery = z.object({ cursor: Cursor, limit: Limit });

/** What an employer may set; `withdrawn` and `submitted` belong to the applicant. */
export const APPLICANT_MARKS = ['viewed', 'shortlisted', 'rejected'] as const;
export const ApplicantMarkBody = z
  .object({
    status: z.enum(APPLICANT_MARKS, {
      error:
        'Trạng thái phải là "viewed" (đã xem), "shortlisted" (chọn phỏng vấn) hoặc "rejected" (không phù hợp).',
    }),
  })
  .openapi('JobApplicantMark');

// ---- seeker profile -------------------------------------------------------------------------

const thisYear = () => new Date().getUTCFullYear();

export const ProfileInput = z
  .object({
    fullName: text('Họ tên', 2, 120),
    birthYear: z
      .number({ error: 'Năm sinh phải là số.' })
      .int('Năm sinh phải là số nguyên.')
      .refine(
        (y) => y >= thisYear() - 80 && y <= thisYear() - 15,
        'Năm sinh không hợp lệ (từ 15 đến 80 tuổi).',
      )
      .nullable()
      .optional()
      .default(null),
    phone: Phone,
    communeId: CommuneId,
    desiredPosition: optionalText('Vị trí mong muốn', 200),
    skills: optionalText('Kỹ năng', 2000),
    experience: optionalText('Kinh nghiệm', 3000),
    visible: z.boolean().default(false),
    /** The version read; absent when creating the profile. */
    version: Version.optional(),
  })
  .openapi('JobProfileInput');
export type ProfileValues = z.infer<typeof ProfileInput>;

export const VisibilityBody = z
  .object({ visible: z.boolean({ error: 'Cần cho biết hiện (true) hay ẩn (false) hồ sơ.' }) })
  .openapi('JobProfileVisibility');

export const ProfileSchema = ProfileSnapshotSchema.extend({
  visible: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
}).openapi('JobSeekerProfile');

export const MyProfileSchema = z.object({ profile: ProfileSchema.nullable() });

export const SeekerSchema = ProfileSnapshotSchema.extend({
  userId: z.string(),
  updatedAt: z.string(),
}).openapi('JobSeeker');

export const SeekerListSchema = z.object({
  items: z.array(SeekerSchema),
  nextCursor: z.string().nullable(),
});

export const SeekerListQuery = z.object({
  q: SearchTextSchema.optional(),
  commune: Id.optional(),
  cursor: Cursor,
  limit: Limit,
});

// ---- applications ---------------------------------------------------------------------------

export const ApplyBody = z
  .object({
    vacancyId: Id,
    coverLetter: optionalText('Thư giới thiệu', 3000),
  })
  .openapi('JobApplyInput');

export const MyApplicationSchema = z
  .object({
    id: z.string(),
    status: z.enum(APPLICATION_STATUSES),
    coverLetter: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    vacancy: VacancySummarySchema,
  })
  .openapi('JobMyApplication');

export const MyApplicationListSchema = z.object({
  items: z.array(MyApplicationSchema),
  nextCursor: z.string().nullable(),
});

// ---- moderators -----------------------------------------------------------------------------

export const WorkVacancyQuery = z.object({
  status: z.enum(VACANCY_STATUSES).optional(),
  q: SearchTextSchema.optional(),
  cursor: Cursor,
  limit: Limit,
});

export const WorkVacancySchema = VacancySchema.extend({
  applicationCount: z.number().int(),
  removedReason: z.string().nullable(),
  ownerId: z.string(),
}).openapi('JobWorkVacancy');

export const WorkVacancyListSchema = z.object({
  items: z.array(WorkVacancySchema),
  nextCursor: z.string().nullable(),
});

export const RemoveBody = z
  .object({
    reason: text('Lý do gỡ tin', 5, 500),
  })
  .openapi('JobVacancyRemove');
