import type {
  PaymentEventOutcome,
  PaymentEventSource,
  PaymentProvider,
  PaymentStatus,
} from '@tinh/db/schema';
import { type SQL, sql } from 'drizzle-orm';
import type { AuditEntryInput } from '../audit/log';
import { auditIfChanged } from '../management/repo';
import type { Db } from '../platform/db';
import { ApiError } from '../platform/errors';
import type { Order, PaymentEvent, WorkListFilters, WorkOrder } from './schemas';
import { type Decision, decide, needsAttention } from './state';

// Reads and writes of payment orders. A change of state is one conditional UPDATE (on the
// version read) with its payment event, its audit entry and, when paid, the payer's
// notification, in one batch: they commit together or not at all, and two racing changes
// cannot both apply (the loser re-reads and decides again). What follows the UPDATE in the
// batch is written only `where changes() > 0`: each statement writes one row exactly when the
// one before it did, so the chain says "this batch's own UPDATE applied" (a condition on the
// row's new values could also be met by a racing writer's identical change in the same
// millisecond). What changes nothing (a replay, a late or refused message) is still recorded
// as an event.

export const orderNotFound = () =>
  new ApiError(404, 'order_not_found', 'Không tìm thấy giao dịch này.');

export interface OrderRow {
  id: string;
  module: string;
  ref: string;
  payerId: string | null;
  amountVnd: number;
  description: string;
  provider: PaymentProvider | null;
  providerOrderId: string | null;
  status: PaymentStatus;
  resultCode: string | null;
  resultMessage: string | null;
  requestKey: string;
  expiresAt: string;
  paidAt: string | null;
  lastCheckedAt: string | null;
  checks: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const SELECT = sql`select o.id as id, o.module as module, o.ref as ref, o.payer_id as payerId,
    o.amount_vnd as amountVnd, o.description as description, o.provider as provider,
    o.provider_order_id as providerOrderId, o.status as status, o.result_code as resultCode,
    o.result_message as resultMessage, o.request_key as requestKey, o.expires_at as expiresAt,
    o.paid_at as paidAt, o.last_checked_at as lastCheckedAt, o.checks as checks,
    o.version as version, o.created_at as createdAt, o.updated_at as updatedAt
  from payment_orders o`;

export async function findOrder(db: Db, id: string): Promise<OrderRow | null> {
  const [row] = await db.all<OrderRow>(sql`${SELECT} where o.id = ${id}`);
  return row ?? null;
}

export async function findByRequestKey(db: Db, key: string): Promise<OrderRow | null> {
  const [row] = await db.all<OrderRow>(sql`${SELECT} where o.request_key = ${key}`);
  return row ?? null;
}

export async function findByProviderOrderId(
  db: Db,
  provider: PaymentProvider,
  providerOrderId: string,
): Promise<OrderRow | null> {
  const [row] = await db.all<OrderRow>(
    sql`${SELECT} where o.provider = ${provider} and o.provider_order_id = ${providerOrderId}`,
  );
  return row ?? null;
}

export function publicOrder(r: OrderRow): Order {
  return {
    id: r.id,
    module: r.module,
    ref: r.ref,
    description: r.description,
    amountVnd: r.amountVnd,
    status: r.status,
    provider: r.provider,
    providerOrderId: r.providerOrderId,
    resultMessage: r.resultMessage,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    paidAt: r.paidAt,
  };
}

/**
 * Creates the order for `requestKey` unless it exists; answers the stored order either way
 * (`created` tells which), so a retried "pay" never makes a second order.
 */
export async function insertOrder(
  db: Db,
  v: {
    module: string;
    ref: string;
    payerId: string;
    amountVnd: number;
    description: string;
    requestKey: string;
    expiresAt: string;
  },
  now: string,
  requestId: string | null,
): Promise<{ order: OrderRow; created: boolean }> {
  const id = crypto.randomUUID();
  await db.batch([
    db.run(sql`insert into payment_orders (id, module, ref, payer_id, amount_vnd, description,
        status, request_key, expires_at, created_at, updated_at)
      values (${id}, ${v.module}, ${v.ref}, ${v.payerId}, ${v.amountVnd}, ${v.description},
        'created', ${v.requestKey}, ${v.expiresAt}, ${now}, ${now})
      on conflict (request_key) do nothing`),
    db.run(sql`insert into payment_events (id, order_id, source, from_status, to_status, outcome,
        detail, created_at)
      select ${crypto.randomUUID()}, ${id}, 'api', null, 'created', 'applied',
        ${JSON.stringify({ amountVnd: v.amountVnd, module: v.module, ref: v.ref })}, ${now}
      where changes() > 0`),
    auditIfChanged(db, {
      at: now,
      actor: { kind: 'citizen', id: v.payerId },
      action: 'payment_order.create',
      entityType: 'payment_order',
      entityId: id,
      to: 'created',
      note: `${v.module}:${v.ref} ${v.amountVnd} VND`,
      requestId,
    }),
  ]);
  const order = await findByRequestKey(db, v.requestKey);
  if (!order) throw new Error('payment order vanished after insert');
  return { order, created: order.id === id };
}

/** The payer's orders, newest first, `offset` into the list. */
export async function listMine(db: Db, payerId: string, offset: number, limit: number) {
  const rows = await db.all<OrderRow>(sql`${SELECT} where o.payer_id = ${payerId}
    order by o.created_at desc, o.id desc limit ${limit + 1} offset ${offset}`);
  return {
    items: rows.slice(0, limit).map(publicOrder),
    nextCursor: rows.length > limit ? String(offset + limit) : null,
  };
}

export interface Change {
  to: PaymentStatus;
  source: PaymentEventSource;
  providerEventId?: string | null;
  /** Set with the change: the provider the payer chose, or the one whose message this is. */
  provider?: PaymentProvider | null;
  providerOrderId?: string | null;
  resultCode?: string | null;
  resultMessage?: string | null;
  /** What was received or decided, for the event (no secrets). */
  detail?: Record<string, unknown>;
  actor: AuditEntryInput['actor'];
  requestId?: string | null;
}

export async function recordEvent(
  db: Db,
  e: {
    orderId: string | null;
    source: PaymentEventSource;
    outcome: PaymentEventOutcome;
    from?: PaymentStatus | null;
    to?: PaymentStatus | null;
    providerEventId?: string | null;
    detail?: Record<string, unknown>;
  },
  now: string,
) {
  await db.run(sql`insert into payment_events (id, order_id, source, provider_event_id,
      from_status, to_status, outcome, detail, created_at)
    values (${crypto.randomUUID()}, ${e.orderId}, ${e.source}, ${e.providerEventId ?? null},
      ${e.from ?? null}, ${e.to ?? null}, ${e.outcome}, ${JSON.stringify(e.detail ?? {})}, ${now})`);
}

const PAID_TITLE = 'Đã thanh toán';

/**
 * Moves the order to `change.to` if the state machine allows it from where the order is now;
 * otherwise records why not. Answers the decision and the order as it is afterwards.
 */
export async function applyChange(
  db: Db,
  start: OrderRow,
  change: Change,
  now: Date,
): Promise<{ decision: Decision; order: OrderRow }> {
  const at = now.toISOString();
  let order = start;
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const decision = decide(order.status, change.to);
    const detail = {
      ...change.detail,
      ...(needsAttention(order.status, change.to) ? { attention: true } : {}),
    };
    if (decision !== 'applied') {
      await recordEvent(
        db,
        {
          orderId: order.id,
          source: change.source,
          outcome: decision,
          from: order.status,
          to: change.to,
          providerEventId: change.providerEventId,
          detail,
        },
        at,
      );
      return { decision, order };
    }
    const next = order.version + 1;
    const statements = [
      db.run(sql`update payment_orders set status = ${change.to},
          provider = coalesce(${change.provider ?? null}, provider),
          provider_order_id = coalesce(${change.providerOrderId ?? null}, provider_order_id),
          result_code = coalesce(${change.resultCode ?? null}, result_code),
          result_message = coalesce(${change.resultMessage ?? null}, result_message),
          paid_at = ${change.to === 'paid' ? at : null},
          version = ${next}, updated_at = ${at}
        where id = ${order.id} and version = ${order.version}`),
      db.run(sql`insert into payment_events (id, order_id, source, provider_event_id, from_status,
          to_status, outcome, detail, created_at)
        select ${crypto.randomUUID()}, ${order.id}, ${change.source},
          ${change.providerEventId ?? null}, ${order.status}, ${change.to}, 'applied',
          ${JSON.stringify(detail)}, ${at}
        where changes() > 0`),
      auditIfChanged(db, {
        at,
        actor: change.actor,
        action: 'payment_order.status',
        entityType: 'payment_order',
        entityId: order.id,
        from: order.status,
        to: change.to,
        note: change.source,
        requestId: change.requestId ?? null,
      }),
    ];
    if (change.to === 'paid' && order.payerId) {
      const body = `${order.description}: ${formatVnd(order.amountVnd)} đã được thanh toán.`;
      statements.push(
        db.run(sql`insert into notifications (recipient_type, recipient_id, kind, title, body,
            link, dedupe_key, created_at)
          select 'user', ${order.payerId}, 'payment.paid', ${PAID_TITLE}, ${body.slice(0, 300)},
            ${`/payment/o/${order.id}`}, ${`payment.paid:${order.id}`}, ${at}
          where changes() > 0
          on conflict (dedupe_key) do nothing`),
      );
    }
    const [updated] = await db.batch(statements as [(typeof statements)[0]]);
    const after = await findOrder(db, order.id);
    if (!after) throw new Error('payment order vanished');
    if (updated.rowsAffected === 1) return { decision, order: after };
    order = after; // someone else moved it first: decide again from where it is now
  }
  throw new Error(`payment order ${order.id} kept changing under us`);
}

/** Sets the provider's order id (the Zalo order the mini app created), once. */
export async function linkProviderOrder(
  db: Db,
  order: OrderRow,
  provider: PaymentProvider,
  providerOrderId: string,
  now: string,
): Promise<'linked' | 'same' | 'other'> {
  if (order.providerOrderId === providerOrderId && order.provider === provider) return 'same';
  if (order.providerOrderId) return 'other';
  const taken = await findByProviderOrderId(db, provider, providerOrderId);
  if (taken) return 'other';
  const [updated] = await db.batch([
    db.run(sql`update payment_orders set provider = ${provider},
        provider_order_id = ${providerOrderId}, version = version + 1, updated_at = ${now}
      where id = ${order.id} and provider_order_id is null`),
    db.run(sql`insert into payment_events (id, order_id, source, from_status, to_status, outcome,
        detail, created_at)
      select ${crypto.randomUUID()}, ${order.id}, 'api', ${order.status}, ${order.status},
        'applied', ${JSON.stringify({ linked: providerOrderId })}, ${now}
      where changes() > 0`),
  ]);
  return updated.rowsAffected === 1 ? 'linked' : 'other';
}

/** A status query that decided nothing: when and how often the provider was asked. */
export async function markChecked(db: Db, id: string, now: string) {
  await db.run(sql`update payment_orders set last_checked_at = ${now}, checks = checks + 1
    where id = ${id}`);
}

export function formatVnd(amount: number): string {
  return `${new Intl.NumberFormat('vi-VN').format(amount)} ₫`;
}

// ---- officials -----------------------------------------------------------------------------

const ATTENTION = sql`exists (select 1 from payment_events e where e.order_id = o.id
  and e.outcome = 'stale' and e.to_status = 'paid' and o.status <> 'paid')`;

/** Start of a day in Vietnam's time (UTC+7, no daylight saving) as stored UTC text. */
const vnDayStart = (day: string, plusDays = 0) =>
  new Date(Date.parse(`${day}T00:00:00+07:00`) + plusDays * 86_400_000).toISOString();

function workWhere(f: Omit<WorkListFilters, 'page' | 'pageSize'>): SQL {
  const parts: SQL[] = [sql`1 = 1`];
  if (f.status) parts.push(sql`o.status = ${f.status}`);
  if (f.provider) parts.push(sql`o.provider = ${f.provider}`);
  if (f.module) parts.push(sql`o.module = ${f.module}`);
  if (f.from) parts.push(sql`o.created_at >= ${vnDayStart(f.from)}`);
  if (f.to) parts.push(sql`o.created_at < ${vnDayStart(f.to, 1)}`);
  if (f.q) {
    parts.push(
      sql`(o.id = ${f.q} or o.provider_order_id = ${f.q} or exists (select 1 from
        payment_events e where e.order_id = o.id and e.provider_event_id like ${`%:${f.q}:%`}))`,
    );
  }
  if (f.attention) parts.push(ATTENTION);
  return sql.join(parts, sql` and `);
}

type WorkRow = OrderRow & { payerName: string | null; attention: number };

const WORK_SELECT = sql`select o.id as id, o.module as module, o.ref as ref,
    o.payer_id as payerId, u.display_name as payerName, o.amount_vnd as amountVnd,
    o.description as description, o.provider as provider,
    o.provider_order_id as providerOrderId, o.status as status, o.result_code as resultCode,
    o.result_message as resultMessage, o.request_key as requestKey, o.expires_at as expiresAt,
    o.paid_at as paidAt, o.last_checked_at as lastCheckedAt, o.checks as checks,
    o.version as version, o.created_at as createdAt, o.updated_at as updatedAt,
    ${ATTENTION} as attention
  from payment_orders o left join users u on u.id = o.payer_id`;

function workOrder(r: WorkRow): WorkOrder {
  return {
    ...publicOrder(r),
    payerId: r.payerId,
    payerName: r.payerName,
    resultCode: r.resultCode,
    lastCheckedAt: r.lastCheckedAt,
    checks: r.checks,
    attention: Boolean(r.attention),
    updatedAt: r.updatedAt,
  };
}

export async function workList(db: Db, f: WorkListFilters) {
  const where = workWhere(f);
  const [rows, [totals]] = await Promise.all([
    db.all<WorkRow>(sql`${WORK_SELECT} where ${where}
      order by o.created_at desc, o.id desc
      limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`),
    db.all<{ count: number; paidCount: number | null; paidVnd: number | null }>(sql`select
        count(*) as count, sum(o.status = 'paid') as paidCount,
        sum(case when o.status = 'paid' then o.amount_vnd else 0 end) as paidVnd
      from payment_orders o where ${where}`),
  ]);
  return {
    items: rows.map(workOrder),
    total: totals?.count ?? 0,
    page: f.page,
    pageSize: f.pageSize,
    totals: {
      count: totals?.count ?? 0,
      paidCount: totals?.paidCount ?? 0,
      paidVnd: totals?.paidVnd ?? 0,
    },
  };
}

/** Every order matching the filters, for the export (newest first, at most `max`). */
export async function workExportRows(
  db: Db,
  f: Omit<WorkListFilters, 'page' | 'pageSize'>,
  max: number,
): Promise<WorkOrder[]> {
  const rows = await db.all<WorkRow>(sql`${WORK_SELECT} where ${workWhere(f)}
    order by o.created_at desc, o.id desc limit ${max}`);
  return rows.map(workOrder);
}

export async function workDetail(db: Db, id: string) {
  const [row] = await db.all<WorkRow>(sql`${WORK_SELECT} where o.id = ${id}`);
  if (!row) return null;
  const events = await db.all<Omit<PaymentEvent, 'detail'> & { detail: string }>(sql`select
      id, source, outcome, from_status as fromStatus, to_status as toStatus,
      provider_event_id as providerEventId, detail, created_at as createdAt
    from payment_events where order_id = ${id} order by created_at, rowid`);
  return {
    ...workOrder(row),
    events: events.map((e) => ({ ...e, detail: parseDetail(e.detail) })),
  };
}

function parseDetail(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Open orders the reconciliation job looks at: not asked about for `since`, oldest first. */
export async function ordersToReconcile(db: Db, checkedBefore: string, limit: number) {
  return db.all<OrderRow>(sql`${SELECT}
    where o.status = 'pending' and (o.last_checked_at is null or o.last_checked_at < ${checkedBefore})
    order by o.last_checked_at is not null, o.last_checked_at, o.created_at
    limit ${limit}`);
}

/** `created` orders nobody started before their expiry. */
export async function unstartedExpired(db: Db, now: string, limit: number) {
  return db.all<OrderRow>(sql`${SELECT} where o.status = 'created' and o.expires_at <= ${now}
    order by o.expires_at limit ${limit}`);
}

/** The payer chose another provider before any provider held a transaction for the order. */
export async function switchProvider(
  db: Db,
  order: OrderRow,
  provider: PaymentProvider,
  now: string,
): Promise<OrderRow> {
  await db.batch([
    db.run(sql`update payment_orders set provider = ${provider}, version = version + 1,
        updated_at = ${now}
      where id = ${order.id} and version = ${order.version} and provider_order_id is null`),
    db.run(sql`insert into payment_events (id, order_id, source, from_status, to_status, outcome,
        detail, created_at)
      select ${crypto.randomUUID()}, ${order.id}, 'api', ${order.status}, ${order.status},
        'applied', ${JSON.stringify({ provider, previousProvider: order.provider })}, ${now}
      where changes() > 0`),
  ]);
  return (await findOrder(db, order.id)) ?? order;
}
