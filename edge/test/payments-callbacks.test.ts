import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { applyChange, findOrder } from '../src/payments/repo';
import { call } from './helpers';
import { signedInCitizen } from './support/citizens';
import { db } from './support/officials';
import {
  age,
  events,
  newOrder,
  type Order,
  ok,
  orderRow,
  PAY,
  postWalletIpn,
  postZaloNotify,
  send,
  startWith,
  walletIpn,
  zaloData,
  zaloNotify,
} from './support/payments';

// Providers' notifications against the real Worker and database, signed by the loopback
// sandbox's own code in each provider's format: a good one moves the order (once: its event,
// audit entry and the payer's notification commit together), a replay changes nothing and is
// answered as received, a bad MAC or signature is refused, a wrong amount is refused, and one
// that arrives after the order moved on is recorded as stale. Nothing half-written, ever.

const zaloId = () => `${Date.now()}_${crypto.randomUUID().slice(0, 8)}`;

async function audits(id: string) {
  return db().all<{
    action: string;
    from_value: string | null;
    to_value: string | null;
    actor_kind: string;
  }>(
    sql`select action, from_value, to_value, actor_kind from audit_log where entity_id = ${id}
      and action = 'payment_order.status' order by id`,
  );
}

async function paidNotifications(userId: string, orderId: string) {
  const [count] = await db().all<{ n: number }>(sql`select count(*) as n from notifications
    where recipient_type = 'user' and recipient_id = ${userId} and kind = 'payment.paid'
      and link = ${`/payment/o/${orderId}`}`);
  return count?.n;
}

describe('the e-wallet’s notifications (IPN)', () => {
  it('a good one pays the order once; its replay is answered "00" and changes nothing', async () => {
    const citizen = await signedInCitizen();
    const order = await newOrder(citizen, 64_000);
    await startWith(citizen, order, 'redirect_wallet');
    const ipn = await walletIpn({
      order_id: order.id,
      amount: 64_000,
      status: 'success',
      transaction_id: 'W-1001',
    });
    expect(await ok(await postWalletIpn(ipn))).toEqual({ code: '00', message: 'Đã ghi nhận' });
    const paid = await ok<Order>(
      await call(`${PAY}/orders/${order.id}`, { headers: citizen.headers }),
    );
    expect(paid).toMatchObject({
      status: 'paid',
      provider: 'redirect_wallet',
      providerOrderId: 'W-1001',
    });
    expect(paid.paidAt).not.toBeNull();
    const before = await orderRow(order.id);

    expect(await ok(await postWalletIpn(ipn))).toEqual({ code: '00', message: 'Đã ghi nhận' });
    expect(await orderRow(order.id)).toEqual(before);
    expect((await events(order.id)).map((e) => [e.source, e.outcome, e.to_status])).toEqual([
      ['api', 'applied', 'created'],
      ['api', 'applied', 'pending'],
      ['callback', 'applied', 'paid'],
      ['callback', 'duplicate', 'paid'],
    ]);
    expect((await audits(order.id)).map((a) => [a.from_value, a.to_value, a.actor_kind])).toEqual([
      ['created', 'pending', 'citizen'],
      ['pending', 'paid', 'system'],
    ]);
    expect(await paidNotifications(citizen.userId, order.id)).toBe(1);
  });

  it('refuses a bad signature, a tampered amount and a wrong merchant, and records them', async () => {
    const citizen = await signedInCitizen();
    const order = await newOrder(citizen, 50_000);
    await startWith(citizen, order, 'redirect_wallet');
    const ipn = await walletIpn({ order_id: order.id, amount: 50_000, status: 'success' });
    const forged = await postWalletIpn({ ...ipn, signature: 'ab'.repeat(32) });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ code: '97' });
    const tampered = await postWalletIpn({ ...ipn, amount: '500' });
    expect(tampered.status).toBe(401);
    const unsigned = await postWalletIpn({ ...ipn, signature: undefined });
    expect(unsigned.status).toBe(401);
    const otherMerchant = await walletIpn({
      order_id: order.id,
      amount: 50_000,
      merchant_id: 'SOMEONE-ELSE',
    } as never);
    expect((await postWalletIpn(otherMerchant)).status).toBe(401);
    const notJson = await call('/api/v1/payments/callbacks/wallet', {
      method: 'POST',
      body: 'not json',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
    expect((await orderRow(order.id))?.status).toBe('pending');
    const [count] = await db().all<{ n: number }>(sql`select count(*) as n from payment_events
      where order_id is null and outcome = 'refused' and detail like '%bad_signature%'`);
    expect(count?.n).toBeGreaterThanOrEqual(3);
  });

  it('refuses a correctly signed payment of another amount', async () => {
    const citizen = await signedInCitizen();
    const order = await newOrder(citizen, 90_000);
    await startWith(citizen, order, 'redirect_wallet');
    const ipn = await walletIpn({ order_id: order.id, amount: 9_000, status: 'success' });
    expect(await ok(await postWalletIpn(ipn))).toMatchObject({ code: '04' });
    expect((await orderRow(order.id))?.status).toBe('pending');
    const last = (await events(order.id)).at(-1);
    expect(last).toMatchObject({ source: 'callback', outcome: 'refused', to_status: 'paid' });
    expect(JSON.parse(last?.detail ?? '{}')).toMatchObject({
      reason: 'amount_mismatch',
      amountVnd: 9000,
      expectedVnd: 90_000,
    });
  });

  it('a late "failed" after "paid" is stale; an unknown order is answered "01"', async () => {
    const citizen = await signedInCitizen();
    const order = await newOrder(citizen, 30_000);
    await startWith(citizen, order, 'redirect_wallet');
    await ok(
      await postWalletIpn(
        await walletIpn({ order_id: order.id, amount: 30_000, status: 'success' }),
      ),
    );
    const failed = await walletIpn({ order_id: order.id, amount: 30_000, status: 'failed' });
    expect(await ok(await postWalletIpn(failed))).toMatchObject({ code: '00' });
    expect((await orderRow(order.id))?.status).toBe('paid');
    expect((await events(order.id)).at(-1)).toMatchObject({
      outcome: 'stale',
      from_status: 'paid',
      to_status: 'failed',
    });
    const unknown = await walletIpn({ order_id: crypto.randomUUID(), amount: 1000 });
    expect(await ok(await postWalletIpn(unknown))).toMatchObject({ code: '01' });
  });

  it('a payment the provider confirms after our own expiry is honoured', async () => {
    const citizen = await signedInCitizen();
    const order = await newOrder(citizen, 12_000);
    await startWith(citizen, order, 'redirect_wallet');
    await db().run(
      sql`update payment_orders set status = 'expired', version = version + 1 where id = ${order.id}`,
    );
    await ok(
      await postWalletIpn(
        await walletIpn({ order_id: order.id, amount: 12_000, status: 'success' }),
      ),
    );
    expect((await orderRow(order.id))?.status).toBe('paid');
  });

  it('money for an order already failed is flagged for a refund, not applied', async () => {
    const citizen = await signedInCitizen();
    const order = await newOrder(citizen, 15_000);
    await startWith(citizen, order, 'redirect_wallet');
    await ok(
      await postWalletIpn(
        await walletIpn({ order_id: order.id, amount: 15_000, status: 'failed' }),
      ),
    );
    expect((await orderRow(order.id))?.status).toBe('failed');
    await ok(
      await postWalletIpn(
        await walletIpn({ order_id: order.id, amount: 15_000, status: 'success' }),
      ),
    );
    expect((await orderRow(order.id))?.status).toBe('failed');
    const last = (await events(order.id)).at(-1);
    expect(last).toMatchObject({ outcome: 'stale', from_status: 'failed', to_status: 'paid' });
    expect(JSON.parse(last?.detail ?? '{}')).toMatchObject({ attention: true });
    expect(await paidNotifications(citizen.userId, order.id)).toBe(0);
  });

  // Racing copies land in the same millisecond often enough to catch a batch whose follow-up
  // statements are conditioned on the row's new values rather than on its own UPDATE.
  it('racing copies of one notification apply once', async () => {
    const citizen = await signedInCitizen();
    const order = await newOrder(citizen, 22_000);
    await startWith(citizen, order, 'redirect_wallet');
    const ipn = await walletIpn({ order_id: order.id, amount: 22_000, status: 'success' });
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => postWalletIpn(ipn).then((r) => r.json())),
    );
    expect(answers.every((a) => (a as { code: string }).code === '00')).toBe(true);
    const outcomes = (await events(order.id))
      .filter((e) => e.source === 'callback')
      .map((e) => e.outcome);
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(11);
    expect(await paidNotifications(citizen.userId, order.id)).toBe(1);
  });
  it('racing changes stamped with the same instant still apply once', async () => {
    const citizen = await signedInCitizen();
    const order = await newOrder(citizen, 23_000);
    await startWith(citizen, order, 'redirect_wallet');
    const row = await findOrder(db(), order.id);
    if (!row) throw new Error('order missing');
    const now = new Date();
    const change = {
      to: 'paid' as const,
      source: 'callback' as const,
      actor: { kind: 'system' as const },
    };
    const results = await Promise.all(
      Array.from({ length: 6 }, () => applyChange(db(), row, change, now)),
    );
    expect(results.filter((r) => r.decision === 'applied')).toHaveLength(1);
    const callbacks = (await events(order.id)).filter((e) => e.source === 'callback');
    expect(callbacks.filter((e) => e.outcome === 'applied')).toHaveLength(1);
    const [audit] = await db().all<{ n: number }>(sql`select count(*) as n from audit_log
      where entity_id = ${order.id} and action = 'payment_order.status' and to_value = 'paid'`);
    expect(audit?.n).toBe(1);
    expect(await paidNotifications(citizen.userId, order.id)).toBe(1);
  });
});

describe('Zalo Checkout’s notifications', () => {
  it('a good one pays the order found by its extradata; its replay changes nothing', async () => {
    const citizen = await signedInCitizen();
    const order = await newOrder(citizen, 48_000);
    await startWith(citizen, order, 'zalo_checkout');
    const zid = zaloId();
    const body = await zaloNotify(zaloData(order, zid));
    expect(await ok(await postZaloNotify(body))).toEqual({
      returnCode: 1,
      returnMessage: 'Thành công',
    });
    const paid = await ok<Order>(
      await call(`${PAY}/orders/${order.id}`, { headers: citizen.headers }),
    );
    expect(paid).toMatchObject({ status: 'paid', provider: 'zalo_checkout', providerOrderId: zid });
    const before = await orderRow(order.id);
    expect(await ok(await postZaloNotify(body))).toMatchObject({ returnCode: 1 });
    expect(await orderRow(order.id)).toEqual(before);
    expect((await events(order.id)).slice(-2).map((e) => e.outcome)).toEqual([
      'applied',
      'duplicate',
    ]);
  });

  it('refuses a bad MAC, a changed field and another app’s notification', async () => {
    const citizen = await signedInCitizen();
    const order = await newOrder(citizen, 33_000);
    await startWith(citizen, order, 'zalo_checkout');
    const body = await zaloNotify(zaloData(order, zaloId()));
    const forged = await postZaloNotify({ ...body, overallMac: 'cd'.repeat(32) });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ returnCode: -1 });
    const changed = await postZaloNotify({
      ...body,
      data: { ...body.data, resultCode: 1, amount: 1 },
    });
    expect(changed.status).toBe(401);
    const otherApp = await zaloNotify(zaloData(order, zaloId(), { appId: 'another-app' }));
    expect((await postZaloNotify(otherApp)).status).toBe(401);
    expect((await postZaloNotify({ overallMac: 'x' })).status).toBe(400);
    expect((await orderRow(order.id))?.status).toBe('pending');
  });

  it('a failure is recorded with Zalo’s message; a later success for it is flagged', async () => {
    const citizen = await signedInCitizen();
    const order = await newOrder(citizen, 27_000);
    await startWith(citizen, order, 'zalo_checkout');
    const zid = zaloId();
    const failed = await zaloNotify(
      zaloData(order, zid, { resultCode: -1, message: 'Số dư không đủ' }),
    );
    await ok(await postZaloNotify(failed));
    const read = await ok<Order>(
      await call(`${PAY}/orders/${order.id}`, { headers: citizen.headers }),
    );
    expect(read).toMatchObject({ status: 'failed', resultMessage: 'Số dư không đủ' });
    const paidLater = await zaloNotify(zaloData(order, zid, { transId: 'T-later' }));
    expect(await ok(await postZaloNotify(paidLater))).toMatchObject({ returnCode: 1 });
    expect((await orderRow(order.id))?.status).toBe('failed');
    expect(JSON.parse((await events(order.id)).at(-1)?.detail ?? '{}')).toMatchObject({
      attention: true,
    });
  });

  it('a "processing" notification changes nothing; one for a Zalo order linked elsewhere is refused', async () => {
    const citizen = await signedInCitizen();
    const order = await newOrder(citizen, 11_000);
    await startWith(citizen, order, 'zalo_checkout');
    const zid = zaloId();
    await ok(await postZaloNotify(await zaloNotify(zaloData(order, zid, { resultCode: 0 }))));
    expect((await orderRow(order.id))?.status).toBe('pending');

    const other = await newOrder(citizen, 11_000);
    await startWith(citizen, other, 'zalo_checkout');
    await ok(
      await send('POST', `${PAY}/orders/${other.id}/zalo-order`, citizen.headers, {
        zaloOrderId: zid,
      }),
    );
    const mismatch = await zaloNotify(zaloData(order, zid));
    expect(await ok(await postZaloNotify(mismatch))).toMatchObject({ returnCode: 0 });
    expect((await orderRow(order.id))?.status).toBe('pending');
    expect((await orderRow(other.id))?.status).toBe('pending');
  });

  it('finds the order by the linked Zalo order when extradata carries none', async () => {
    const citizen = await signedInCitizen();
    const order = await newOrder(citizen, 19_000);
    await startWith(citizen, order, 'zalo_checkout');
    const zid = zaloId();
    await ok(
      await send('POST', `${PAY}/orders/${order.id}/zalo-order`, citizen.headers, {
        zaloOrderId: zid,
      }),
    );
    await ok(await postZaloNotify(await zaloNotify(zaloData(order, zid, { extradata: '' }))));
    expect((await orderRow(order.id))?.status).toBe('paid');
  });

  it('an order expired unstarted can still be paid late through Zalo', async () => {
    const citizen = await signedInCitizen();
    const order = await newOrder(citizen, 16_000);
    await startWith(citizen, order, 'zalo_checkout');
    await age(order.id, 60);
    await db().run(
      sql`update payment_orders set status = 'expired', version = version + 1 where id = ${order.id}`,
    );
    await ok(await postZaloNotify(await zaloNotify(zaloData(order, zaloId()))));
    expect((await orderRow(order.id))?.status).toBe('paid');
  });
});
