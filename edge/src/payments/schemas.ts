import { z } from '@hono/zod-openapi';
import {
  PAYMENT_EVENT_OUTCOMES,
  PAYMENT_EVENT_SOURCES,
  PAYMENT_PROVIDERS,
  PAYMENT_STATUSES,
} from '@tinh/db/schema';

// Request and answer shapes of payments (thanh toán): the payer's orders, starting a payment
// with a provider, and the officials' list, detail and export. Provider callbacks have their
// own wire formats (zalo-checkout.ts, wallet.ts).

const Id = z.string().min(1).max(64);
export const IdParam = z.object({ id: Id.openapi({ param: { name: 'id', in: 'path' } }) });

export const ProviderIdSchema = z
  .enum(PAYMENT_PROVIDERS, { error: 'Vui lòng chọn cách thanh toán.' })
  .openapi({
    description: '`zalo_checkout` Zalo Checkout (trong Zalo), `redirect_wallet` ví điện tử.',
  });
export const StatusSchema = z.enum(PAYMENT_STATUSES).openapi({
  description:
    '`created` chưa thanh toán, `pending` đang chờ nhà cung cấp, `paid` đã thanh toán, `failed` không thành công, `cancelled` đã hủy, `expired` quá hạn.',
});

/** The modules that may ask for a payment (payables.ts resolves their amount). */
export const PAYABLE_MODULES = ['procedures'] as const;
export const ModuleSchema = z.enum(PAYABLE_MODULES, { error: 'Khoản thu không hợp lệ.' });

const RequestKey = z
  .string({ error: 'Thiếu mã yêu cầu (requestKey).' })
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'Mã yêu cầu (requestKey) cần 8–64 chữ, số, "-" hoặc "_".');

export const ProvidersSchema = z.object({
  providers: z.array(z.object({ id: ProviderIdSchema, name: z.string() })),
});

export const OrderInput = z
  .object({
    module: ModuleSchema,
    ref: z.string({ error: 'Thiếu khoản cần thanh toán.' }).min(1).max(64),
    requestKey: RequestKey,
  })
  .openapi('PaymentOrderInput');

export const OrderSchema = z
  .object({
    id: z.string(),
    module: z.string(),
    ref: z.string(),
    description: z.string(),
    /** Integer VND. */
    amountVnd: z.number().int(),
    status: StatusSchema,
    provider: ProviderIdSchema.nullable(),
    providerOrderId: z.string().nullable(),
    /** The provider's last word, shown to the payer when a payment did not go through. */
    resultMessage: z.string().nullable(),
    createdAt: z.string(),
    expiresAt: z.string(),
    paidAt: z.string().nullable(),
  })
  .openapi('PaymentOrder');
export type Order = z.infer<typeof OrderSchema>;

export const OrderListQuery = z.object({
  cursor: z
    .string()
    .regex(/^\d{1,6}$/, 'Con trỏ trang không hợp lệ.')
    .optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const OrderListSchema = z.object({
  items: z.array(OrderSchema),
  nextCursor: z.string().nullable(),
});

export const StartInput = z
  .object({
    provider: ProviderIdSchema,
    /**
     * Where the e-wallet sends the payer back (the mini app's /payment/{id} page); its origin
     * must be one of ALLOWED_ORIGINS or https://zalo.me. Ignored by Zalo Checkout.
     */
    returnUrl: z.string().url('Địa chỉ quay lại không hợp lệ.').max(500).optional(),
  })
  .openapi('PaymentStartInput');

/** Exactly the arguments of zmp-sdk `Payment.createOrder` (mac signed by the server). */
export const ZaloCheckoutParamsSchema = z.object({
  amount: z.number().int(),
  desc: z.string(),
  item: z.array(z.object({ id: z.string(), amount: z.number().int() })),
  extradata: z.string(),
  mac: z.string(),
});
export type ZaloCheckoutParams = z.infer<typeof ZaloCheckoutParamsSchema>;

export const StartSchema = z
  .object({
    order: OrderSchema,
    /** zalo_checkout: pass to `Payment.createOrder`, then POST its orderId to …/zalo-order. */
    zaloCheckout: ZaloCheckoutParamsSchema.nullable(),
    /** redirect_wallet: open this page (outside Zalo: location; inside: openWebview). */
    redirectUrl: z.string().nullable(),
  })
  .openapi('PaymentStart');

export const ZaloOrderInput = z
  .object({ zaloOrderId: z.string({ error: 'Thiếu mã đơn của Zalo.' }).min(1).max(128) })
  .openapi('PaymentZaloOrderInput');

// ---- officials -----------------------------------------------------------------------------

const DateParam = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày có dạng YYYY-MM-DD.');

export const WorkListQuery = z.object({
  status: StatusSchema.optional(),
  provider: ProviderIdSchema.optional(),
  module: ModuleSchema.optional(),
  /** Created on or after / on or before this day (Vietnam's time). */
  from: DateParam.optional(),
  to: DateParam.optional(),
  /** An order id, or the provider's order or transaction id. */
  q: z.string().trim().max(128).optional(),
  /** Orders whose provider said "paid" after they were closed otherwise: to refund by hand. */
  attention: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type WorkListFilters = z.infer<typeof WorkListQuery>;

export const WorkOrderSchema = OrderSchema.extend({
  payerId: z.string().nullable(),
  payerName: z.string().nullable(),
  resultCode: z.string().nullable(),
  lastCheckedAt: z.string().nullable(),
  checks: z.number().int(),
  /** A provider confirmed money for an order already failed or cancelled. */
  attention: z.boolean(),
  updatedAt: z.string(),
}).openapi('PaymentWorkOrder');
export type WorkOrder = z.infer<typeof WorkOrderSchema>;

export const WorkListSchema = z.object({
  items: z.array(WorkOrderSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Of every order matching the filters (not just this page). */
  totals: z.object({
    count: z.number().int(),
    paidCount: z.number().int(),
    paidVnd: z.number().int(),
  }),
});

export const EventSchema = z.object({
  id: z.string(),
  source: z.enum(PAYMENT_EVENT_SOURCES),
  outcome: z.enum(PAYMENT_EVENT_OUTCOMES),
  fromStatus: StatusSchema.nullable(),
  toStatus: StatusSchema.nullable(),
  providerEventId: z.string().nullable(),
  /** What was received or decided (no secrets). */
  detail: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type PaymentEvent = z.infer<typeof EventSchema>;

export const WorkOrderDetailSchema = WorkOrderSchema.extend({
  events: z.array(EventSchema),
}).openapi('PaymentWorkOrderDetail');
