import { createRoute, z } from '@hono/zod-openapi';
import { requirePermission } from '../access/guard';
import { VnDaySchema, vnDayStartUtc, vnToday } from '../feed/params';
import { errorResponse as error } from '../platform/openapi';
import { createRouter } from '../platform/router';
import { labelPage, trainingLine } from './labels';

// /api/v1/work/intake: the smart intake's side of the officials' API. The IOC's category
// decisions (intake/labels.ts) exported as labelled examples for retraining the classifier,
// for the IOC and administrators (`intake.export_labels`).

const TAG = 'Tiếp nhận thông minh';

export const LABELS_DEFAULT_LIMIT = 1000;
export const LABELS_MAX_LIMIT = 5000;
/** JSON Lines, one example per line (there is no registered type; ndjson is the usual one). */
export const JSONL_TYPE = 'application/x-ndjson; charset=utf-8';

const qp = (name: string) => ({ param: { name, in: 'query' as const } });

// ---- the paging cursor ---------------------------------------------------------------------

/** base64url of "l<updated_at>|<report id>": the last label of the page. */
export function encodeLabelCursor(updatedAt: string, reportId: number): string {
  return btoa(`l${updatedAt}|${reportId}`)
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

export function decodeLabelCursor(cursor: string): { updatedAt: string; reportId: number } | null {
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(cursor)) return null;
  let text: string;
  try {
    text = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return null;
  }
  const m = /^l(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z)\|([1-9]\d{0,15})$/.exec(text);
  if (!m) return null;
  const reportId = Number(m[2]);
  return Number.isSafeInteger(reportId) ? { updatedAt: m[1] as string, reportId } : null;
}

// ---- schemas -------------------------------------------------------------------------------

/** A Vietnamese calendar day (from its midnight) or an exact UTC ISO instant. */
const SinceSchema = z.string().transform((value, ctx) => {
  if (VnDaySchema.safeParse(value).success) return vnDayStartUtc(value);
  const t = /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isFinite(t)) return new Date(t).toISOString();
  ctx.addIssue({
    code: 'custom',
    message: 'since phải là một ngày (YYYY-MM-DD, giờ Việt Nam) hoặc thời điểm ISO 8601.',
  });
  return z.NEVER;
});

const LabelsQuery = z.object({
  since: SinceSchema.optional().openapi({
    ...qp('since'),
    type: 'string',
    description:
      'Chỉ các nhãn tạo hoặc đổi từ thời điểm này: ngày (YYYY-MM-DD, từ 0 giờ, giờ Việt Nam) hoặc thời điểm ISO 8601',
    example: '2025-07-01',
  }),
  corrected: z
    .enum(['true', 'false'], { error: 'corrected phải là true hoặc false.' })
    .optional()
    .transform((v) => v === 'true')
    .openapi({
      ...qp('corrected'),
      description: '`true`: chỉ các phản ánh IOC đã sửa lĩnh vực so với dự đoán của bộ phân loại',
    }),
  format: z
    .enum(['jsonl', 'json'], { error: 'format phải là jsonl hoặc json.' })
    .default('jsonl')
    .openapi({
      ...qp('format'),
      description:
        '`jsonl`: mỗi dòng một ví dụ `{"text","category"}`, đúng định dạng fixtures/classifier/train.jsonl (tải về); `json`: danh sách có thông tin đầy đủ',
    }),
  cursor: z
    .string()
    .transform((value, ctx) => {
      const after = decodeLabelCursor(value);
      if (!after) {
        ctx.addIssue({
          code: 'custom',
          message: 'Con trỏ trang (cursor) không hợp lệ. Hãy tải lại từ đầu.',
        });
        return z.NEVER;
      }
      return after;
    })
    .optional()
    .openapi({
      ...qp('cursor'),
      type: 'string',
      description: '`nextCursor` (JSON) hoặc header `X-Next-Cursor` (JSON Lines) của trang trước',
    }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(LABELS_MAX_LIMIT)
    .default(LABELS_DEFAULT_LIMIT)
    .openapi({ ...qp('limit'), description: `Số nhãn mỗi trang (tối đa ${LABELS_MAX_LIMIT})` }),
});

export const IntakeLabelSchema = z
  .object({
    code: z.string().openapi({ description: 'Mã phản ánh' }),
    text: z.string().openapi({ description: 'Nội dung phản ánh (văn bản để huấn luyện)' }),
    category: z.string().openapi({ description: 'Lĩnh vực IOC xác định (nhãn)' }),
    predictedCategory: z
      .string()
      .nullable()
      .openapi({ description: 'Lĩnh vực bộ phân loại dự đoán khi tiếp nhận' }),
    corrected: z.boolean().openapi({ description: 'IOC chọn lĩnh vực khác với dự đoán' }),
    officialId: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('IntakeLabel');

export const IntakeLabelPageSchema = z
  .object({
    items: z.array(IntakeLabelSchema),
    nextCursor: z.string().nullable().openapi({ description: '`null`: hết dữ liệu' }),
  })
  .openapi('IntakeLabelPage');

const labelsRoute = createRoute({
  method: 'get',
  path: '/labels',
  tags: [TAG],
  summary: 'Xuất nhãn lĩnh vực do IOC xác định (dữ liệu huấn luyện)',
  description:
    'Mỗi lần IOC xác nhận hoặc sửa lĩnh vực của một phản ánh (kiểm tra hợp lệ, chuyển xử lý), nội dung phản ánh và lĩnh vực được lưu làm ví dụ có nhãn (mỗi phản ánh một nhãn, lần quyết định sau cùng). ' +
    'Sắp xếp theo thời điểm tạo/đổi nhãn, cũ trước; phân trang bằng `cursor`. ' +
    'JSON Lines: nối vào fixtures/classifier/train.jsonl rồi chạy `npm run train:classifier` (README). ' +
    'Quyền `intake.export_labels` (IOC, quản trị).',
  request: { query: LabelsQuery },
  responses: {
    200: {
      description:
        'Trang nhãn. JSON Lines: header `X-Next-Cursor` khi còn trang sau; `Content-Disposition: attachment`',
      content: {
        'application/x-ndjson': { schema: z.string() },
        'application/json': { schema: IntakeLabelPageSchema },
      },
    },
    400: error('Tham số không hợp lệ (`validation_failed`)'),
    401: error('Chưa đăng nhập bằng tài khoản cán bộ (`official_session_required`)'),
    403: error('Không có quyền xuất nhãn (`forbidden`)'),
  },
});

const router = createRouter();

// Citizens' words: never kept by a shared cache or the browser's disk cache.
router.use('*', async (c, next) => {
  await next();
  c.res.headers.set('Cache-Control', 'private, no-store');
});

export const intakeLabelRoutes = router.openapi(labelsRoute, async (c) => {
  requirePermission(c, 'intake.export_labels');
  const q = c.req.valid('query');
  // One more row than the page says whether another page follows.
  const rows = await labelPage(c.var.db, {
    since: q.since,
    correctedOnly: q.corrected,
    after: q.cursor,
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > q.limit && last ? encodeLabelCursor(last.updatedAt, last.reportId) : null;
  if (q.format === 'json') {
    return c.json(
      {
        items: page.map((r) => ({
          code: r.code,
          text: r.text,
          category: r.categoryId,
          predictedCategory: r.predictedCategoryId,
          corrected: r.corrected,
          officialId: r.officialId,
          createdAt: r.createdAt,
          updatedAt: r.updatedAt,
        })),
        nextCursor,
      },
      200,
    );
  }
  const headers = new Headers({
    'Content-Type': JSONL_TYPE,
    'Content-Disposition': `attachment; filename="nhan-phan-loai_${vnToday()}.jsonl"`,
  });
  if (nextCursor) headers.set('X-Next-Cursor', nextCursor);
  const text = page.map((r) => `${trainingLine(r)}\n`).join('');
  // The typed handler only knows JSON answers (zod-openapi reads "application/x-ndjson" as a
  // JSON type it cannot check); the lines are declared in the route's responses above.
  return new Response(text, { status: 200, headers }) as never;
});
