import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { call } from './helpers';
import { signedInCitizen } from './support/citizens';
import { db } from './support/officials';
import {
  age,
  events,
  failure,
  newOrder,
  type Order,
  ok,
  orderRow,
  PAY,
  procedureWithFee,
  RETURN_URL,
  requestKey,
  SANDBOX,
  sandbox,
  send,
  startWith,
} from './support/payments';

// The payer's side of payments against the real Worker and database: orders whose amount the
// server resolves (a procedure's fee), retry-safe creation, starting with each provider (the
// Zalo Checkout mac and the wallet redirect checked by the sandbox's own code), switching
// provider, cancelling, expiry, and that an order is its payer's alone.

describe('orders', () => {
  it('takes the amount from the procedure, never from the phone, and a retry makes one order', async () => {
    const citizen = await signedInCitizen();
    const ref = await procedureWithFee(150_000);
    const body = { module: 'procedures', ref, requestKey: requestKey(), amountVnd: 1 };
    const first = await ok<Order>(await send('POST', `${PAY}/orders`, citizen.headers, body), 201);
    expect(first).toMatchObject({ status: 'created', amountVnd: 150_000, provider: null, ref });
    expect(first.description).toMatch(/^Lệ phí T\./);
    const again = await ok<Order>(await send('POST', `${PAY}/orders`, citizen.headers, body), 200);
    expect(again.id).toBe(first.id);
    const [count] = await db().all<{ n: number }>(
      sql`select count(*) as n from payment_orders where ref = ${ref}`,
    );
    expect(count?.n).toBe(1);
    expect((await events(first.id)).map((e) => [e.source, e.outcome, e.to_status])).toEqual([
      ['api', 'applied', 'created'],
    ]);
    const [audit] = await db().all<{ action: string; actor_id: string }>(
      sql`select action, actor_id from audit_log where entity_id = ${first.id}`,
    );
    expect(audit).toEqual({ action: 'payment_order.create', actor_id: citizen.userId });
  });

  it('refuses a request key used for something else or by someone else', async () => {
    const a = await signedInCitizen();
    const b = await signedInCitizen();
    const ref = await procedureWithFee(20_000);
    const other = await procedureWithFee(30_000);
    const k = requestKey();
    await ok(
      await send('POST', `${PAY}/orders`, a.headers, { module: 'procedures', ref, requestKey: k }),
      201,
    );
    const byOther = await failure(
      await send('POST', `${PAY}/orders`, b.headers, { module: 'procedures', ref, requestKey: k }),
      409,
    );
    expect(byOther.code).toBe('request_key_conflict');
    const elsewhere = await failure(
      await send('POST', `${PAY}/orders`, a.headers, {
        module: 'procedures',
        ref: other,
        requestKey: k,
      }),
      409,
    );
    expect(elsewhere.code).toBe('request_key_conflict');
  });

  it('says clearly when there is nothing to pay or nothing to pay for', async () => {
    const citizen = await signedInCitizen();
    const free = await procedureWithFee(null);
    const draft = await procedureWithFee(50_000, 'draft');
    const post = (ref: string) =>
      send('POST', `${PAY}/orders`, citizen.headers, {
        module: 'procedures',
        ref,
        requestKey: requestKey(),
      });
    const nothing = await failure(await post(free), 422);
    expect(nothing.code).toBe('nothing_to_pay');
    expect(nothing.message).toMatch(/không thu lệ phí/);
    expect((await failure(await post(draft), 404)).code).toBe('payable_not_found');
    expect((await failure(await post('no-such-procedure'), 404)).code).toBe('payable_not_found');
    const badModule = await failure(
      await send('POST', `${PAY}/orders`, citizen.headers, {
        module: 'lottery',
        ref: free,
        requestKey: requestKey(),
      }),
      400,
    );
    expect(badModule.code).toBe('validation_failed');
    const badKey = await failure(
      await send('POST', `${PAY}/orders`, citizen.headers, {
        module: 'procedures',
        ref: free,
        requestKey: 'x',
      }),
      400,
    );
    expect(JSON.stringify(badKey)).toMatch(/requestKey/);
  });

  it('needs a Zalo sign-in, and an order is its payer’s alone', async () => {
    const payer = await signedInCitizen();
    const other = await signedInCitizen();
    const order = await newOrder(payer);
    expect(
      (
        await failure(
          await send(
            'POST',
            `${PAY}/orders`,
            {},
            { module: 'procedures', ref: order.ref, requestKey: requestKey() },
          ),
          401,
        )
      ).code,
    ).toBe('session_required');
    expect((await call(`${PAY}/orders/${order.id}`)).status).toBe(401);
    for (const [method, path] of [
      ['GET', `${PAY}/orders/${order.id}`],
      ['POST', `${PAY}/orders/${order.id}/cancel`],
    ] as const) {
      expect((await failure(await send(method, path, other.headers), 404)).code).toBe(
        'order_not_found',
      );
    }
    const start = await send('POST', `${PAY}/orders/${order.id}/start`, other.headers, {
      provider: 'redirect_wallet',
      returnUrl: RETURN_URL,
    });
    expect(start.status).toBe(404);
    const mine = await ok<{ items: Order[] }>(
      await call(`${PAY}/orders`, { headers: other.headers }),
    );
    expect(mine.items.map((o) => o.id)).not.toContain(order.id);
    expect((await orderRow(order.id))?.status).toBe('created');
  });

  it('lists the payer’s orders newest first, page by page', async () => {
    const citizen = await signedInCitizen();
    const made: string[] = [];
    for (let i = 0; i < 3; i += 1) made.push((await newOrder(citizen, 10_000 + i)).id);
    const first = await ok<{ items: Order[]; nextCursor: string | null }>(
      await call(`${PAY}/orders?limit=2`, { headers: citizen.headers }),
    );
    expect(first.items.map((o) => o.id)).toEqual([made[2], made[1]]);
    expect(first.nextCursor).toBe('2');
    const second = await ok<{ items: Order[]; nextCursor: string | null }>(
      await call(`${PAY}/orders?limit=2&cursor=2`, { headers: citizen.headers }),
    );
    expect(second.items.map((o) => o.id)).toEqual([made[0]]);
    expect(second.nextCursor).toBeNull();
  });
});

describe('starting a payment', () => {
  it('offers the configured providers', async () => {
    const res = await ok<{ providers: { id: string; name: string }[] }>(
      await call(`${PAY}/providers`),
    );
    expect(res.providers.map((p) => p.id)).toEqual(['zalo_checkout', 'redirect_wallet']);
  });

  it('signs Zalo Checkout parameters that Zalo accepts, for the order’s amount', async () => {
    const citizen = await signedInCitizen();
    const order = await newOrder(citizen, 85_000);
    const started = await startWith(citizen, order, 'zalo_checkout');
    expect(started.order).toMatchObject({ status: 'pending', provider: 'zalo_checkout' });
    expect(started.redirectUrl).toBeNull();
    const params = started.zaloCheckout;
    expect(params).toMatchObject({
      amount: 85_000,
      desc: order.description,
      item: [{ id: order.ref, amount: 85_000 }],
    });
    expect(JSON.parse(params?.extradata ?? '')).toEqual({ orderId: order.id });
    expect(await sandbox('POST', '/__sandbox/zalo/check-order-mac', params)).toEqual({
      valid: true,
    });
    // A phone that changes the amount breaks the mac.
    expect(
      await sandbox('POST', '/__sandbox/zalo/check-order-mac', { ...params, amount: 1000 }),
    ).toEqual({ valid: false });
    // Starting again (a retry) answers fresh parameters for the same order.
    const again = await startWith(citizen, order, 'zalo_checkout');
    expect(again.order.id).toBe(order.id);
    expect((await events(order.id)).filter((e) => e.to_status === 'pending')).toHaveLength(1);
  });

  it('sends the payer to the wallet with a signed redirect the wallet accepts', async () => {
    const citizen = await signedInCitizen();
    const order = await newOrder(citizen, 42_000);
    const started = await startWith(citizen, order, 'redirect_wallet');
    const url = new URL(started.redirectUrl ?? '');
    expect(url.origin).toBe(SANDBOX);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      merchant_id: 'TEST-MERCHANT',
      order_id: order.id,
      amount: '42000',
      currency: 'VND',
      return_url: RETURN_URL,
      notify_url: 'https://tinh.test/api/v1/payments/callbacks/wallet',
    });
    const pagePage = await fetch(url);
    expect(pagePage.status).toBe(200);
    expect(await pagePage.text()).toContain('42.000');
    url.searchParams.set('amount', '1000');
    expect((await fetch(url)).status).toBe(400);
  });

  it('refuses a return address outside the app’s origins', async () => {
    const citizen = await signedInCitizen();
    const order = await newOrder(citizen);
    const res = await send('POST', `${PAY}/orders/${order.id}/start`, citizen.headers, {
      provider: 'redirect_wallet',
      returnUrl: 'https://evil.example/steal',
    });
    expect((await failure(res, 400)).code).toBe('return_url_not_allowed');
    const missing = await send('POST', `${PAY}/orders/${order.id}/start`, citizen.headers, {
      provider: 'redirect_wallet',
    });
    expect((await failure(missing, 400)).code).toBe('validation_failed');
    expect((await orderRow(order.id))?.status).toBe('created');
  });

  it('lets the payer switch provider only until a provider holds a transaction', async () => {
    const citizen = await signedInCitizen();
    const order = await newOrder(citizen);
    await startWith(citizen, order, 'redirect_wallet');
    const switched = await startWith(citizen, order, 'zalo_checkout');
    expect(switched.order.provider).toBe('zalo_checkout');
    const zaloOrderId = `z${crypto.randomUUID().slice(0, 12)}`;
    const linked = await ok<Order>(
      await send('POST', `${PAY}/orders/${order.id}/zalo-order`, citizen.headers, { zaloOrderId }),
    );
    expect(linked.providerOrderId).toBe(zaloOrderId);
    // The same link again is a no-op; another Zalo order for it is refused.
    await ok(
      await send('POST', `${PAY}/orders/${order.id}/zalo-order`, citizen.headers, { zaloOrderId }),
    );
    const otherLink = await send('POST', `${PAY}/orders/${order.id}/zalo-order`, citizen.headers, {
      zaloOrderId: 'zz-other',
    });
    expect((await failure(otherLink, 409)).code).toBe('zalo_order_taken');
    const res = await send('POST', `${PAY}/orders/${order.id}/start`, citizen.headers, {
      provider: 'redirect_wallet',
      returnUrl: RETURN_URL,
    });
    expect((await failure(res, 409)).code).toBe('payment_in_progress');
  });

  it('cancels an unstarted order once, and a cancelled or expired order cannot be paid', async () => {
    const citizen = await signedInCitizen();
    const order = await newOrder(citizen);
    const cancelled = await ok<Order>(
      await send('POST', `${PAY}/orders/${order.id}/cancel`, citizen.headers),
    );
    expect(cancelled.status).toBe('cancelled');
    await ok(await send('POST', `${PAY}/orders/${order.id}/cancel`, citizen.headers));
    expect((await events(order.id)).filter((e) => e.to_status === 'cancelled')).toHaveLength(1);
    const start = await send('POST', `${PAY}/orders/${order.id}/start`, citizen.headers, {
      provider: 'zalo_checkout',
    });
    expect((await failure(start, 409)).code).toBe('order_closed');

    const late = await newOrder(citizen);
    await age(late.id, 31);
    const read = await ok<Order>(
      await call(`${PAY}/orders/${late.id}`, { headers: citizen.headers }),
    );
    expect(read.status).toBe('expired');
    const lateStart = await send('POST', `${PAY}/orders/${late.id}/start`, citizen.headers, {
      provider: 'zalo_checkout',
    });
    expect((await failure(lateStart, 409)).code).toBe('order_closed');

    const started = await newOrder(citizen);
    await startWith(citizen, started, 'redirect_wallet');
    const cancelStarted = await send('POST', `${PAY}/orders/${started.id}/cancel`, citizen.headers);
    expect((await failure(cancelStarted, 409)).code).toBe('order_closed');
  });
});
