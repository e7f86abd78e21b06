import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt } from './columns';
import { users } from './people';

// Payments (thanh toán, issue 10): any module asks for a fee (a training fee, a booking
// deposit) by creating an order for its own thing (`module`, `ref`); the citizen pays through
// a provider (Zalo Checkout SDK, or a redirect e-wallet); the provider's callback, its status
// API and the reconciliation job move the order forward. Amounts are integer VND. Every change
// of state is one conditional write plus an event row in the same batch, so a replayed or late
// callback changes nothing and the history says why.

export const PAYMENT_PROVIDERS = ['zalo_checkout', 'redirect_wallet'] as const;
export type PaymentProvider = (typeof PAYMENT_PROVIDERS)[number];

/**
 * created: the order exists, the payer has not been sent to the provider yet; pending: sent,
 * waiting for the provider's word; paid, failed, cancelled, expired: final, never left.
 */
export const PAYMENT_STATUSES = [
  'created',
  'pending',
  'paid',
  'failed',
  'cancelled',
  'expired',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const paymentOrders = sqliteTable(
  'payment_orders',
  {
    id: text('id').primaryKey(),
    /** The module that asked for the payment ('training', 'appointments', ...) and its row. */
    module: text('module').notNull(),
    ref: text('ref').notNull(),
    payerId: text('payer_id').references(() => users.id),
    amountVnd: integer('amount_vnd').notNull(),
    description: text('description').notNull(),
    /** Chosen by the payer when they start paying; null while the order is only `created`. */
    provider: text('provider', { enum: PAYMENT_PROVIDERS }),
    /** The provider's id of the order or transaction, once it has given one. */
    providerOrderId: text('provider_order_id'),
    status: text('status', { enum: PAYMENT_STATUSES }).notNull().default('created'),
    /** The provider's last result code and message, for officials and support. */
    resultCode: text('result_code'),
    resultMessage: text('result_message'),
    /** Client-chosen key: a retried "pay" creates one order. */
    requestKey: text('request_key').notNull().unique(),
    expiresAt: text('expires_at').notNull(),
    paidAt: text('paid_at'),
    lastCheckedAt: text('last_checked_at'),
    checks: integer('checks').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('payment_orders_ref_idx').on(t.module, t.ref),
    index('payment_orders_payer_idx').on(t.payerId, t.createdAt),
    index('payment_orders_open_idx').on(t.status, t.lastCheckedAt),
    uniqueIndex('payment_orders_provider_uq').on(t.provider, t.providerOrderId),
  ],
);

export const PAYMENT_EVENT_SOURCES = ['api', 'callback', 'status_check', 'reconcile'] as const;
export type PaymentEventSource = (typeof PAYMENT_EVENT_SOURCES)[number];
/** applied: the order moved; duplicate: seen before; stale: the order had moved past it; refused: bad signature or bad data. */
export const PAYMENT_EVENT_OUTCOMES = ['applied', 'duplicate', 'stale', 'refused'] as const;
export type PaymentEventOutcome = (typeof PAYMENT_EVENT_OUTCOMES)[number];

export const paymentEvents = sqliteTable(
  'payment_events',
  {
    id: text('id').primaryKey(),
    /** Null for a refused callback that names no order of ours. */
    orderId: text('order_id').references(() => paymentOrders.id),
    source: text('source', { enum: PAYMENT_EVENT_SOURCES }).notNull(),
    /** The provider's id of this notification (replays carry the same one). */
    providerEventId: text('provider_event_id'),
    fromStatus: text('from_status', { enum: PAYMENT_STATUSES }),
    toStatus: text('to_status', { enum: PAYMENT_STATUSES }),
    outcome: text('outcome', { enum: PAYMENT_EVENT_OUTCOMES }).notNull(),
    /** What was received or decided, without secrets (JSON). */
    detail: text('detail').notNull().default('{}'),
    createdAt: createdAt(),
  },
  (t) => [
    index('payment_events_order_idx').on(t.orderId, t.createdAt),
    index('payment_events_provider_idx').on(t.providerEventId),
  ],
);
