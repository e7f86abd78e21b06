import { createRoute, z } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { requirePermission } from '../access/guard';
import { auditStatement, officialAuditEntry } from '../audit/log';
import type { AppEnv } from '../platform/env';
import { ApiError } from '../platform/errors';
import { contentDispositionFor } from '../platform/files';
import { errorResponse as error, jsonResponse as json } from '../platform/openapi';
import { createRouter } from '../platform/router';
import { XLSX_TYPE } from '../stats/export';
import { paymentConfig } from './config';
import { paymentsXlsx } from './export';
import { findOrder, orderNotFound, workDetail, workExportRows, workList } from './repo';
import { IdParam, WorkListQuery, WorkListSchema, WorkOrderDetailSchema } from './schemas';
import { checkWithProvider, providerUnavailable } from './service';
import { isOpen } from './state';
import { ProviderUnavailable } from './verdict';

// Payments for officials (/api/v1/work/payments, permission `payments.read`): the list with
// filters, totals and paging, its Excel export, one order with every event the providers and
// the app caused, and asking the provider again now (audited).

const TAG = 'Thanh toán (cán bộ)';
const SECURITY: Record<string, string[]>[] = [{ officialCookie: [] }, { officialBearer: [] }];
const EXPORT_MAX_ROWS = 10_000;

const readerOnly = createMiddleware<AppEnv>(async (c, next) => {
  requirePermission(c, 'payments.read');
  c.header('Cache-Control', 'private, no-store');
  await next();
});

const denied = {
  401: error('Cần đăng nhập tài khoản cán bộ (`official_session_required`)'),
  403: error('Không có quyền `payments.read` (`forbidden`)'),
};

const ExportQuery = WorkListQuery.omit({ page: true, pageSize: true });

const listRoute = createRoute({
  method: 'get',
  path: '/orders',
  tags: [TAG],
  security: SECURITY,
  summary: 'Danh sách giao dịch',
  description:
    'Lọc theo trạng thái, cách thanh toán, khoản thu, ngày tạo (giờ Việt Nam), mã đơn hoặc mã giao dịch (`q`), `attention=true` (nhà cung cấp báo đã trả tiền cho giao dịch đã hủy hoặc thất bại: cần hoàn tiền). Tổng số và tổng tiền tính trên mọi giao dịch khớp bộ lọc.',
  middleware: [readerOnly] as const,
  request: { query: WorkListQuery },
  responses: {
    200: json(WorkListSchema, 'Giao dịch'),
    400: error('Tham số không hợp lệ (`validation_failed`)'),
    ...denied,
  },
});

const exportRoute = createRoute({
  method: 'get',
  path: '/orders.xlsx',
  tags: [TAG],
  security: SECURITY,
  summary: 'Tải danh sách giao dịch (Excel)',
  description: `Cùng bộ lọc với danh sách, tối đa ${EXPORT_MAX_ROWS} dòng, mới nhất trước.`,
  middleware: [readerOnly] as const,
  request: { query: ExportQuery },
  responses: {
    200: {
      description: 'Sổ tính Excel (Content-Disposition: attachment)',
      content: { [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } },
    },
    400: error('Tham số không hợp lệ (`validation_failed`)'),
    ...denied,
  },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/orders/{id}',
  tags: [TAG],
  security: SECURITY,
  summary: 'Một giao dịch và lịch sử của nó',
  middleware: [readerOnly] as const,
  request: { params: IdParam },
  responses: {
    200: json(WorkOrderDetailSchema, 'Giao dịch'),
    ...denied,
    404: error('Không có giao dịch này (`order_not_found`)'),
  },
});

const checkRoute = createRoute({
  method: 'post',
  path: '/orders/{id}/check',
  tags: [TAG],
  security: SECURITY,
  summary: 'Hỏi lại nhà cung cấp',
  description: 'Cho giao dịch chưa kết thúc (chưa thanh toán, đang chờ, quá hạn). Ghi nhật ký.',
  middleware: [readerOnly] as const,
  request: { params: IdParam },
  responses: {
    200: json(WorkOrderDetailSchema, 'Giao dịch sau khi hỏi'),
    ...denied,
    404: error('Không có giao dịch này (`order_not_found`)'),
    409: error('Giao dịch đã kết thúc hoặc chưa chọn cách thanh toán (`order_closed`)'),
    502: error('Không liên lạc được nhà cung cấp (`provider_unavailable`)'),
    503: error('Cách thanh toán chưa cấu hình (`provider_not_configured`)'),
  },
});

function describeFilters(f: z.infer<typeof ExportQuery>): string {
  return Object.entries(f)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
}

export const paymentWorkRoutes = createRouter()
  .openapi(listRoute, async (c) => c.json(await workList(c.var.db, c.req.valid('query')), 200))
  .openapi(exportRoute, async (c) => {
    const filters = c.req.valid('query');
    const rows = await workExportRows(c.var.db, filters, EXPORT_MAX_ROWS);
    const now = new Date();
    const xlsx = await paymentsXlsx({ filters: describeFilters(filters), generatedAt: now }, rows);
    const day = now.toISOString().slice(0, 10);
    return c.body(xlsx, 200, {
      'Content-Type': XLSX_TYPE,
      'Content-Disposition': contentDispositionFor(
        `Giao dịch thanh toán ${day}.xlsx`,
        'attachment',
      ),
    });
  })
  .openapi(detailRoute, async (c) => {
    const detail = await workDetail(c.var.db, c.req.valid('param').id);
    if (!detail) throw orderNotFound();
    return c.json(detail, 200);
  })
  .openapi(checkRoute, async (c) => {
    const me = requirePermission(c, 'payments.read');
    const { id } = c.req.valid('param');
    const order = await findOrder(c.var.db, id);
    if (!order) throw orderNotFound();
    if (!isOpen(order.status) || !order.provider) {
      throw new ApiError(
        409,
        'order_closed',
        order.provider
          ? 'Giao dịch đã kết thúc, không cần hỏi lại.'
          : 'Người nộp chưa chọn cách thanh toán: chưa có gì để hỏi.',
      );
    }
    const now = new Date();
    let result: Awaited<ReturnType<typeof checkWithProvider>>;
    try {
      result = await checkWithProvider(
        c.var.db,
        paymentConfig(c.env),
        order,
        {
          source: 'status_check',
          actor: { kind: 'official', id: me.id },
          requestId: c.var.requestId,
        },
        now,
      );
    } catch (err) {
      if (err instanceof ProviderUnavailable) throw providerUnavailable();
      throw err;
    }
    await auditStatement(
      c.var.db,
      officialAuditEntry(c, me, now.toISOString(), {
        action: 'payment_order.check',
        entityType: 'payment_order',
        entityId: id,
        from: order.status,
        to: result.order.status,
        note: result.verdict ? `${result.verdict.state}:${result.verdict.code}` : null,
      }),
    );
    const detail = await workDetail(c.var.db, id);
    if (!detail) throw orderNotFound();
    return c.json(detail, 200);
  });
