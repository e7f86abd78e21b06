import { z } from '@hono/zod-openapi';
import { SCHEDULE_STATUSES } from '@tinh/db/schema';
import { LangQuery } from '../content/lang';
import { SearchTextSchema, VnDaySchema } from '../feed/params';
import { IsoWeekSchema } from './week';

// Request and answer shapes of the work schedules (public and editors' routes).

const AgencyIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, 'Mã cơ quan chỉ gồm chữ, số, gạch dưới và gạch ngang.');

export const WeekQuery = z.object({
  week: IsoWeekSchema.optional(),
  date: VnDaySchema.optional().openapi({ description: 'Một ngày bất kỳ trong tuần cần xem.' }),
});

export const PublicWeekQuery = WeekQuery.extend({
  agency: AgencyIdSchema.optional().openapi({ description: 'Mã cơ quan.' }),
  leader: z.string().trim().min(1).max(120).optional().openapi({
    description: 'Tên lãnh đạo (đúng như trong lịch). `-` : chỉ lịch chung của cơ quan.',
  }),
  q: SearchTextSchema.optional().openapi({ description: 'Tìm có dấu hoặc không dấu.' }),
  lang: LangQuery,
});

export const AgencyIdParam = z.object({
  agencyId: AgencyIdSchema.openapi({ param: { name: 'agencyId', in: 'path' } }),
});

export const EntryIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

const Text = (max: number) => z.string().trim().max(max);

export const ScheduleEntrySchema = z
  .object({
    id: z.string(),
    agencyId: z.string(),
    agencyName: z.string(),
    leaderName: z.string().nullable(),
    leaderTitle: z.string().nullable(),
    date: z.string().openapi({ description: 'Ngày (giờ Việt Nam), YYYY-MM-DD.' }),
    startTime: z.string().nullable().openapi({ description: 'HH:MM giờ Việt Nam; null: cả ngày.' }),
    endTime: z.string().nullable(),
    startsAt: z.string(),
    endsAt: z.string().nullable(),
    allDay: z.boolean(),
    location: z.string(),
    content: z.string(),
    host: z.string(),
    participants: z.string(),
    status: z.enum(SCHEDULE_STATUSES),
    publishedAt: z.string().nullable(),
    revisedAt: z
      .string()
      .nullable()
      .openapi({ description: 'Có giá trị: mục đã được điều chỉnh sau khi công bố.' }),
    revisionNote: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi('ScheduleEntry');

export const WorkScheduleEntrySchema = ScheduleEntrySchema.extend({
  en: z.record(z.string(), z.unknown()).nullable(),
  createdBy: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
}).openapi('WorkScheduleEntry');

const WeekFields = {
  week: z.string(),
  from: z.string(),
  to: z.string(),
  previousWeek: z.string(),
  nextWeek: z.string(),
};

export const PublicWeekSchema = z
  .object({
    ...WeekFields,
    days: z.array(z.object({ date: z.string(), items: z.array(ScheduleEntrySchema) })),
    total: z.number().int(),
  })
  .openapi('ScheduleWeek');

export const WorkWeekSchema = z
  .object({ ...WeekFields, agencyId: z.string(), items: z.array(WorkScheduleEntrySchema) })
  .openapi('WorkScheduleWeek');

export const AgencyListSchema = z
  .object({
    agencies: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        leaders: z.array(z.object({ name: z.string(), title: z.string().nullable() })),
      }),
    ),
  })
  .openapi('ScheduleAgencies');

const EnglishFields = z
  .object({
    content: Text(2000).optional(),
    location: Text(300).optional(),
    host: Text(300).optional(),
    participants: Text(2000).optional(),
    leaderTitle: Text(200).optional(),
  })
  .strict();

const EntryFields = {
  leaderName: Text(120).nullable().optional(),
  leaderTitle: Text(200).nullable().optional(),
  startsAt: z.iso.datetime({ offset: true }).openapi({
    description:
      'Thời điểm bắt đầu, ISO 8601 có múi giờ (ví dụ `2026-11-23T08:00:00+07:00`). Cả ngày: ngày của thời điểm này theo giờ Việt Nam.',
  }),
  endsAt: z.iso.datetime({ offset: true }).nullable().optional(),
  allDay: z.boolean().optional(),
  location: Text(300).min(1),
  content: Text(2000).min(1),
  host: Text(300).min(1),
  participants: Text(2000).optional(),
  en: EnglishFields.nullable().optional(),
};

export const EntryCreateBody = z
  .object({
    requestKey: z.uuid().optional().openapi({
      description: 'Mã do máy khách tạo: gửi lại cùng mã không tạo thêm mục.',
    }),
    agencyId: AgencyIdSchema.optional(),
    ...EntryFields,
  })
  .openapi('ScheduleEntryCreate');

export const EntryPatchBody = z
  .object({
    version: z.number().int().positive(),
    ...EntryFields,
    startsAt: EntryFields.startsAt.optional(),
    location: EntryFields.location.optional(),
    content: EntryFields.content.optional(),
    host: EntryFields.host.optional(),
    revisionNote: Text(300).min(3).optional().openapi({
      description: 'Bắt buộc khi sửa mục đã công bố, ví dụ "Đổi giờ họp sang 14:00".',
    }),
  })
  .openapi('ScheduleEntryPatch');

export const VersionBody = z.object({ version: z.number().int().positive() });

export const CancelBody = z.object({
  version: z.number().int().positive(),
  note: Text(300).min(3).openapi({ description: 'Lý do hủy, hiển thị cho người xem.' }),
});

export const WeekActionBody = z.object({
  week: IsoWeekSchema,
  agencyId: AgencyIdSchema.optional(),
});

export const WorkWeekQuery = z.object({
  week: IsoWeekSchema.optional(),
  date: VnDaySchema.optional(),
  agencyId: AgencyIdSchema.optional(),
});

export const EntryResultSchema = z.object({ entry: WorkScheduleEntrySchema });
export const CountResultSchema = z.object({ count: z.number().int(), week: z.string() });
export const DeletedSchema = z.object({ deleted: z.literal(true) });

export type EntryCreate = z.infer<typeof EntryCreateBody>;
export type EntryPatch = z.infer<typeof EntryPatchBody>;
export type ScheduleEntry = z.infer<typeof ScheduleEntrySchema>;
export type WorkScheduleEntry = z.infer<typeof WorkScheduleEntrySchema>;
