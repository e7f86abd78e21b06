import type { InferResponseType } from 'hono/client';
import { vi } from '../../i18n/vi';
import { type ApiResult, api } from '../api';
import { apiCall } from '../appointments/http';
import type { Order, OrderPage, PayableModule, Provider, ProviderId, StartAnswer } from './types';

/** /api/v1/payments: the configured providers, and the signed-in payer's own orders. */

const BASE = '/api/v1/payments';

// The screens read the hand-written types; these fail to compile when the API's answers
// no longer fit them.
const payments = api.api.v1.payments;
const order = payments.orders[':id'];
type Assignable<T extends U, U> = T;
export type _Checks = [
  Assignable<InferResponseType<typeof payments.providers.$get, 200>, { providers: Provider[] }>,
  Assignable<InferResponseType<typeof payments.orders.$get, 200>, OrderPage>,
  Assignable<InferResponseType<typeof payments.orders.$post, 201>, Order>,
  Assignable<InferResponseType<typeof payments.orders.$post, 200>, Order>,
  Assignable<InferResponseType<typeof order.$get, 200>, Order>,
  Assignable<InferResponseType<typeof order.start.$post, 200>, StartAnswer>,
  Assignable<InferResponseType<(typeof order)['zalo-order']['$post'], 200>, Order>,
  Assignable<InferResponseType<typeof order.cancel.$post, 200>, Order>,
];

const id = (value: string) => encodeURIComponent(value);
// Orders change under the payer's feet (the provider answers, the order expires): always the
// server's state now, never the HTTP cache's.
const fresh = true;

/**
 * A payment screen that cannot reach the server says so in the words of this function (the
 * API's own messages, Vietnamese, pass through untouched).
 */
async function call<T>(pending: Promise<ApiResult<T>>): Promise<ApiResult<T>> {
  const result = await pending;
  if (result.ok || result.error.kind !== 'network') return result;
  return { ok: false, error: { ...result.error, message: vi['payment.error.network'] } };
}

export const paymentsClient = {
  providers: (): Promise<ApiResult<{ providers: Provider[] }>> =>
    call(apiCall(`${BASE}/providers`, { fresh })),

  /** 201 a new order, 200 the one this requestKey already made. */
  createOrder: (json: {
    module: PayableModule;
    ref: string;
    requestKey: string;
  }): Promise<ApiResult<Order>> => call(apiCall(`${BASE}/orders`, { method: 'POST', json })),

  orders: (cursor?: string): Promise<ApiResult<OrderPage>> =>
    call(apiCall(`${BASE}/orders`, { query: { cursor, limit: 20 }, fresh })),

  /** Pending orders are checked with the provider by the server on each read. */
  order: (orderId: string): Promise<ApiResult<Order>> =>
    call(apiCall(`${BASE}/orders/${id(orderId)}`, { fresh })),

  start: (
    orderId: string,
    json: { provider: ProviderId; returnUrl?: string },
  ): Promise<ApiResult<StartAnswer>> =>
    call(apiCall(`${BASE}/orders/${id(orderId)}/start`, { method: 'POST', json })),

  /** Links the orderId zmp-sdk `Payment.createOrder` returned, so the server can check it. */
  linkZaloOrder: (orderId: string, zaloOrderId: string): Promise<ApiResult<Order>> =>
    call(
      apiCall(`${BASE}/orders/${id(orderId)}/zalo-order`, {
        method: 'POST',
        json: { zaloOrderId },
      }),
    ),

  cancel: (orderId: string): Promise<ApiResult<Order>> =>
    call(apiCall(`${BASE}/orders/${id(orderId)}/cancel`, { method: 'POST' })),
};
