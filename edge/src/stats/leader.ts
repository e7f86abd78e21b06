import { z } from '@hono/zod-openapi';
import { REPORT_STATUSES, type ReportStatus } from '@tinh/db/schema';
import { KIND_LABELS } from '../catalog/admin-units';
import { addDays, daysBetween } from '../feed/params';
import { compareVietnamese } from '../platform/text';
import { STATUS_LABELS } from '../reports/labels';
import {
  addCounts,
  counts,
  type Figures,
  FiguresSchema,
  figures,
  PercentSchema,
  pct,
  zeroCounts,
} from './figures';
import type {
  DayRow,
  DurationKind,
  GroupRow,
  LeaderStatsRows,
  NameRow,
  PercentileRow,
} from './leader-repo';
import type { StatsCounts } from './repo';

// The leaders' statistics page, shaped from the rows of leader-repo.ts: sums of the groups,
// percentiles, and the daily series gathered into weeks (Monday to Sunday) and months.

const OPEN: ReadonlySet<ReportStatus> = new Set(['received', 'assigned', 'in_progress']);

// ---- schemas ------------------------------------------------------------------------------

export const DurationSchema = z
  .object({
    count: z.number().int().openapi({ description: 'Số phản ánh có số liệu' }),
    medianSeconds: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Trung vị, giây (`null` khi chưa có dữ liệu)' }),
    p90Seconds: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Phân vị 90 (90% phản ánh không lâu hơn), giây' }),
    averageSeconds: z.number().int().nullable().openapi({ description: 'Trung bình, giây' }),
  })
  .openapi('DurationFigures', {
    description: 'Phân vị theo thứ hạng gần nhất: giá trị thứ ⌈p·n/100⌉ trong n giá trị đã sắp xếp',
  });
export type Duration = z.infer<typeof DurationSchema>;

/** Breakdowns carry averages: a percentile per group would cost one more sort of the period. */
const AveragesSchema = z.object({
  avgIntakeToAgencySeconds: z.number().int().nullable().openapi({
    description: 'Thời gian trung bình từ lúc tiếp nhận đến khi chuyển cơ quan lần đầu, giây',
  }),
  avgTimeToResolveSeconds: z.number().int().nullable().openapi({
    description: 'Thời gian xử lý trung bình (phản ánh đã xử lý), giây',
  }),
});
const BreakdownSchema = FiguresSchema.extend(AveragesSchema.shape);

const Named = z.object({ id: z.string(), name: z.string() });

const TrendSchema = z.object({
  start: z.string().openapi({ description: 'Ngày đầu (giờ Việt Nam), cắt theo kỳ thống kê' }),
  end: z.string().openapi({ description: 'Ngày cuối, gồm cả ngày này' }),
  received: z.number().int().openapi({ description: 'Phản ánh tiếp nhận trong khoảng' }),
  resolved: z
    .number()
    .int()
    .openapi({ description: 'Phản ánh được xử lý xong trong khoảng (dù tiếp nhận lúc nào)' }),
  resolvedOnTime: z.number().int().openapi({ description: 'Trong số đó, đúng hạn' }),
  onTimePercent: PercentSchema,
});

export const LeaderStatsSchema = z
  .object({
    period: z.object({
      from: z.string().openapi({ example: '2025-07-01' }),
      to: z.string().openapi({ example: '2025-07-30' }),
      timeZone: z.literal('Asia/Ho_Chi_Minh'),
    }),
    filters: z.object({
      agencyId: z.string().nullable(),
      communeId: z.string().nullable(),
      categoryId: z.string().nullable(),
    }),
    scope: z
      .object({
        all: z.boolean(),
        agencyId: z.string().nullable(),
        communeId: z.string().nullable(),
      })
      .openapi({
        description:
          'Phạm vi được xem: toàn tỉnh (`all`), hoặc phản ánh của cơ quan mình và/hoặc trên địa bàn xã/phường mình',
      }),
    summary: FiguresSchema.extend({
      satisfiedPercent: PercentSchema.openapi({
        description: 'Tỉ lệ "hài lòng" riêng: hài lòng / số đánh giá × 100',
      }),
      intakeToAgency: DurationSchema.openapi({
        description: 'Thời gian từ lúc tiếp nhận đến khi chuyển tới cơ quan xử lý lần đầu',
      }),
      intakeToAgencyByRoute: z
        .object({
          auto: DurationSchema.openapi({
            description: 'Phản ánh được hệ thống tự động chuyển ngay khi tiếp nhận',
          }),
          manual: DurationSchema.openapi({
            description: 'Phản ánh do IOC kiểm tra và chuyển (kể cả trước khi có tự động chuyển)',
          }),
        })
        .openapi({
          description: 'Thời gian tiếp nhận đến khi chuyển cơ quan, tách theo cách chuyển lần đầu',
        }),
      timeToResolve: DurationSchema.openapi({
        description: 'Thời gian từ lúc tiếp nhận đến khi xử lý xong (phản ánh đã xử lý)',
      }),
    }),
    byStatus: z.array(
      z.object({
        status: z.enum(REPORT_STATUSES),
        label: z.string().openapi({ example: 'Đã tiếp nhận' }),
        count: z.number().int(),
      }),
    ),
    byCategory: z.array(BreakdownSchema.extend({ category: Named })),
    byAgency: z.array(
      BreakdownSchema.extend({
        agency: Named.nullable().openapi({ description: '`null`: chưa chuyển cơ quan xử lý' }),
      }),
    ),
    byCommune: z.array(
      BreakdownSchema.extend({
        commune: Named.nullable().openapi({ description: '`null`: chưa xác định xã/phường' }),
      }),
    ),
    trends: z.object({
      weekly: z.array(TrendSchema.extend({ week: z.string().openapi({ example: '2025-06-30' }) })),
      monthly: z.array(TrendSchema.extend({ month: z.string().openapi({ example: '2025-07' }) })),
    }),
  })
  .openapi('LeaderStats');
export type LeaderStats = z.infer<typeof LeaderStatsSchema>;

// ---- shaping ------------------------------------------------------------------------------

export interface LeaderStatsContext {
  from: string;
  to: string;
  filters: { agencyId?: string; communeId?: string; categoryId?: string };
  scope: LeaderStats['scope'];
}

interface Sums {
  n: StatsCounts;
  intakeCount: number;
  intakeSeconds: number;
  intakeAutoCount: number;
  intakeAutoSeconds: number;
  resolveCount: number;
  resolveSeconds: number;
}

function groupSums(row: GroupRow): Sums {
  const n = counts(row);
  const received = n.received;
  n.open = OPEN.has(row.status) ? received : 0;
  n.resolved = row.status === 'resolved' ? received : 0;
  n.rejected = row.status === 'rejected' ? received : 0;
  n.duplicate = row.status === 'duplicate' ? received : 0;
  return {
    n,
    intakeCount: Math.round(Number(row.intakeCount ?? 0)),
    intakeSeconds: Number(row.intakeSeconds ?? 0),
    intakeAutoCount: Math.round(Number(row.intakeAutoCount ?? 0)),
    intakeAutoSeconds: Number(row.intakeAutoSeconds ?? 0),
    resolveCount: Math.round(Number(row.resolveCount ?? 0)),
    resolveSeconds: Number(row.resolveSeconds ?? 0),
  };
}

const zeroSums = (): Sums => ({
  n: zeroCounts(),
  intakeCount: 0,
  intakeSeconds: 0,
  intakeAutoCount: 0,
  intakeAutoSeconds: 0,
  resolveCount: 0,
  resolveSeconds: 0,
});

function addSums(total: Sums, s: Sums): Sums {
  addCounts(total.n, s.n);
  total.intakeCount += s.intakeCount;
  total.intakeSeconds += s.intakeSeconds;
  total.intakeAutoCount += s.intakeAutoCount;
  total.intakeAutoSeconds += s.intakeAutoSeconds;
  total.resolveCount += s.resolveCount;
  total.resolveSeconds += s.resolveSeconds;
  return total;
}

const average = (sum: number, count: number) => (count > 0 ? Math.round(sum / count) : null);

function breakdown(s: Sums) {
  return {
    ...figures(s.n),
    avgIntakeToAgencySeconds: average(s.intakeSeconds, s.intakeCount),
    avgTimeToResolveSeconds: average(s.resolveSeconds, s.resolveCount),
  };
}

function sumBy(
  groups: { row: GroupRow; s: Sums }[],
  key: (row: GroupRow) => string | null,
): Map<string | null, Sums> {
  const out = new Map<string | null, Sums>();
  for (const { row, s } of groups) {
    const k = key(row);
    out.set(k, addSums(out.get(k) ?? zeroSums(), s));
  }
  return out;
}

/** The province-wide median and 90th percentile of each kind of duration. */
function percentiles(rows: PercentileRow[]) {
  const none = (): Omit<Duration, 'averageSeconds'> => ({
    count: 0,
    medianSeconds: null,
    p90Seconds: null,
  });
  const out: Record<DurationKind, Omit<Duration, 'averageSeconds'>> = {
    intake: none(),
    intake_auto: none(),
    intake_manual: none(),
    resolve: none(),
  };
  for (const r of rows) {
    const d = out[r.kind];
    d.count = Number(r.count);
    const seconds = Math.round(Number(r.seconds));
    if (Number(r.isMedian)) d.medianSeconds = seconds;
    if (Number(r.isP90)) d.p90Seconds = seconds;
  }
  return out;
}

const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();
/** Monday of the week of `day` (weeks run Monday to Sunday, as Vietnamese calendars do). */
export const weekOf = (day: string) => addDays(day, -((weekday(day) + 6) % 7));

interface Bucket {
  key: string;
  start: string;
  end: string;
  received: number;
  resolved: number;
  resolvedOnTime: number;
  resolvedWithDue: number;
}

/** Weekly and monthly buckets covering from..to (clipped to it), zeros included. */
export function trendBuckets(from: string, to: string, days: DayRow[]) {
  const weeks = new Map<string, Bucket>();
  const months = new Map<string, Bucket>();
  const span = daysBetween(from, to);
  for (let i = 0; i <= span; i++) {
    const day = addDays(from, i);
    for (const [map, key] of [
      [weeks, weekOf(day)],
      [months, day.slice(0, 7)],
    ] as const) {
      const b = map.get(key);
      if (b) b.end = day;
      else
        map.set(key, {
          key,
          start: day,
          end: day,
          received: 0,
          resolved: 0,
          resolvedOnTime: 0,
          resolvedWithDue: 0,
        });
    }
  }
  for (const d of days) {
    for (const b of [weeks.get(weekOf(d.day)), months.get(d.day.slice(0, 7))]) {
      if (!b) continue;
      b.received += Math.round(Number(d.received));
      b.resolved += Math.round(Number(d.resolved));
      b.resolvedOnTime += Math.round(Number(d.resolvedOnTime));
      b.resolvedWithDue += Math.round(Number(d.resolvedWithDue));
    }
  }
  const shape = (b: Bucket) => ({
    start: b.start,
    end: b.end,
    received: b.received,
    resolved: b.resolved,
    resolvedOnTime: b.resolvedOnTime,
    onTimePercent: pct(b.resolvedOnTime, b.resolvedWithDue),
  });
  return {
    weekly: [...weeks.values()].map((b) => ({ week: b.key, ...shape(b) })),
    monthly: [...months.values()].map((b) => ({ month: b.key, ...shape(b) })),
  };
}

export function communeName(row: Pick<NameRow, 'name' | 'unitKind'>): string {
  return row.unitKind ? `${KIND_LABELS[row.unitKind]} ${row.name}` : row.name;
}

export function buildLeaderStats(rows: LeaderStatsRows, ctx: LeaderStatsContext): LeaderStats {
  const groups = rows.groups.map((row) => ({ row, s: groupSums(row) }));
  const total = zeroSums();
  for (const g of groups) addSums(total, g.s);
  const names = new Map(rows.names.map((n) => [`${n.kind}|${n.id}`, n]));
  const named = (kind: NameRow['kind'], id: string) => {
    const n = names.get(`${kind}|${id}`);
    return {
      id,
      name: n ? (kind === 'commune' ? communeName(n) : n.name) : id,
      sortOrder: Number(n?.sortOrder ?? 0),
    };
  };
  type Ref = ReturnType<typeof named>;
  const nullLast = (a: Ref | null, b: Ref | null, then: (a: Ref, b: Ref) => number) =>
    a === null || b === null ? Number(a === null) - Number(b === null) : then(a, b);
  const bySortOrder = (a: Ref, b: Ref) => a.sortOrder - b.sortOrder || a.id.localeCompare(b.id);

  const byStatusSums = sumBy(groups, (r) => r.status);
  const byStatus = REPORT_STATUSES.map((status) => ({
    status,
    label: STATUS_LABELS[status].vi,
    count: byStatusSums.get(status)?.n.received ?? 0,
  }));

  const byCategory = [...sumBy(groups, (r) => r.categoryId)]
    .map(([id, s]) => ({ ref: named('category', id as string), s }))
    .sort((a, b) => bySortOrder(a.ref, b.ref))
    .map(({ ref, s }) => ({ category: { id: ref.id, name: ref.name }, ...breakdown(s) }));

  const byAgency = [...sumBy(groups, (r) => r.agencyId)]
    .map(([id, s]) => ({ ref: id === null ? null : named('agency', id), s }))
    .sort((a, b) => nullLast(a.ref, b.ref, bySortOrder))
    .map(({ ref, s }) => ({ agency: ref && { id: ref.id, name: ref.name }, ...breakdown(s) }));

  const byCommune = [...sumBy(groups, (r) => r.communeId)]
    .map(([id, s]) => ({ ref: id === null ? null : named('commune', id), s }))
    .sort((a, b) => nullLast(a.ref, b.ref, (x, y) => compareVietnamese(x.name, y.name)))
    .map(({ ref, s }) => ({ commune: ref && { id: ref.id, name: ref.name }, ...breakdown(s) }));

  const summary: Figures = figures(total.n);
  const p = percentiles(rows.percentiles);
  return {
    period: { from: ctx.from, to: ctx.to, timeZone: 'Asia/Ho_Chi_Minh' },
    filters: {
      agencyId: ctx.filters.agencyId ?? null,
      communeId: ctx.filters.communeId ?? null,
      categoryId: ctx.filters.categoryId ?? null,
    },
    scope: ctx.scope,
    summary: {
      ...summary,
      satisfiedPercent: pct(total.n.satisfied, summary.rated),
      intakeToAgency: {
        ...p.intake,
        averageSeconds: average(total.intakeSeconds, total.intakeCount),
      },
      intakeToAgencyByRoute: {
        auto: {
          ...p.intake_auto,
          averageSeconds: average(total.intakeAutoSeconds, total.intakeAutoCount),
        },
        manual: {
          ...p.intake_manual,
          averageSeconds: average(
            total.intakeSeconds - total.intakeAutoSeconds,
            total.intakeCount - total.intakeAutoCount,
          ),
        },
      },
      timeToResolve: {
        ...p.resolve,
        averageSeconds: average(total.resolveSeconds, total.resolveCount),
      },
    },
    byStatus,
    byCategory,
    byAgency,
    byCommune,
    trends: trendBuckets(ctx.from, ctx.to, rows.days),
  };
}
