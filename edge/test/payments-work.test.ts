import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { CRON_JOBS, EVERY_5_MINUTES } from '../src/cron';
import { paymentReconcileJob } from '../src/payments/jobs';
import { createLogger } from '../src/platform/logger';
import { call } from './helpers';
import { signedInCitizen } from './support/citizens';
import { asAdmin, asIoc, db, signedInOfficial } from './support/officials';
import {
  age,
  events,
  failure,
  newOrder,
  type Order,
  ok,
  orderRow,
  PAY,
  postWalletIpn,
  SANDBOX,
  sandbox,
  send,
  startWith,
  WORK_PAY,
  walletIpn,
} from './support/payments';

// Reconciliation and the officials' side, against the real Worker, database and the loopback
// provider sandbox: the cron job asks providers about pending orders and applies their answer
// (a payment whose notification was lost is found), expires what was never paid, survives a
// provider that is down; the payer's own read asks too. Officials with `payments.read` list,
// filter, total, export and re-check orders (audited); nobody else may.

const runReconcile = () =>
  paymentReconcileJob.run({
    env,
    db: db(),
    log: createLogger('error'),
    cron: EVERY_5_MINUTES,
    scheduledAt: new Date(),
  }) as Promise<Record<string, number>>;

const zaloId = () => `${Date.now()}_${crypto.randomUUID().slice(0, 8)}`;

describe('reconciliation', () => {
  it('runs every five minutes', () => {
    expect(CRON_JOBS[EVERY_5_MINUTES]).toContain(paymentReconcileJob);
  });

  it('finds a wallet payment whose notification was lost, and a Zalo one by its status API', async () => {
    const citizen = await signedInCitizen();
    const wallet = await newOrder(citizen, 41_000);
    await startWith(citizen, wallet, 'redirect_wallet');
    await sandbox('PUT', `/__sandbox/wallet/transactions/${wallet.id}`, {
      amount: 41_000,
      status: 'success',
      transaction_id: 'W-LOST-1',
    });
    const zalo = await newOrder(citizen, 43_000);
    await startWith(citizen, zalo, 'zalo_checkout');
    const zid = zaloId();
    await ok(
      await send('POST', `${PAY}/orders/${zalo.id}/zalo-order`, citizen.headers, {
        zaloOrderId: zid,
      }),
    );
    await sandbox('PUT', `/__sandbox/zalo/orders/${zid}`, { returnCode: 1, amount: 43_000 });
    // Too fresh: the provider's own notification gets a minute first.
    await runReconcile();
    expect((await orderRow(wallet.id))?.status).toBe('pending');
    await age(wallet.id, 2);
    await age(zalo.id, 2);
    const counts = await runReconcile();
    expect(counts.paid).toBeGreaterThanOrEqual(2);
    expect(await orderRow(wallet.id)).toMatchObject({
      status: 'paid',
      provider_order_id: 'W-LOST-1',
    });
    expect((await orderRow(zalo.id))?.status).toBe('paid');
    expect((await events(zalo.id)).at(-1)).toMatchObject({
      source: 'reconcile',
      outcome: 'applied',
      to_status: 'paid',
    });
  });

  it('refuses a status answer for another amount', async () => {
    const citizen = await signedInCitizen();
    const order = await newOrder(citizen, 52_000);
    await startWith(citizen, order, 'redirect_wallet');
    await sandbox('PUT', `/__sandbox/wallet/transactions/${order.id}`, {
      amount: 5_200,
      status: 'success',
    });
    await age(order.id, 2);
    await runReconcile();
    expect((await orderRow(order.id))?.status).toBe('pending');
    expect((await events(order.id)).at(-1)).toMatchObject({
      outcome: 'refused',
      source: 'reconcile',
    });
  });

  it('keeps an order pending while its provider is down, and asks again later', async () => {
    const citizen = await signedInCitizen();
    const order = await newOrder(citizen, 18_000);
    await startWith(citizen, order, 'redirect_wallet');
    await sandbox('PUT', `/__sandbox/mode?key=${order.id}&mode=fail`);
    await age(order.id, 3);
    const counts = await runReconcile();
    expect(counts.unavailable).toBeGreaterThanOrEqual(1);
    expect((await orderRow(order.id))?.status).toBe('pending');
    await sandbox('PUT', `/__sandbox/mode?key=${order.id}&mode=ok`);
  });

  it('expires what was never paid: unstarted at once, started after the grace period', async () => {
    const citizen = await signedInCitizen();
    const unstarted = await newOrder(citizen);
    const started = await newOrder(citizen);
    await startWith(citizen, started, 'redirect_wallet');
    await age(unstarted.id, 31);
    await age(started.id, 31);
    await runReconcile();
    expect((await orderRow(unstarted.id))?.status).toBe('expired');
    // Within the grace period the wallet may still be finishing.
    expect((await orderRow(started.id))?.status).toBe('pending');
    await age(started.id, 15);
    await runReconcile();
    expect((await orderRow(started.id))?.status).toBe('expired');
    expect(JSON.parse((await events(started.id)).at(-1)?.detail ?? '{}')).toMatchObject({
      reason: 'no_answer_by_deadline',
      lastCode: 'not_found',
    });
    // A job run twice changes nothing more.
    const before = await orderRow(started.id);
    await runReconcile();
    expect(await orderRow(started.id)).toEqual(before);
  });

  it('the payer’s own read asks the provider about a pending order', async () => {
    const citizen = await signedInCitizen();
    const order = await newOrder(citizen, 26_000);
    await startWith(citizen, order, 'redirect_wallet');
    await sandbox('PUT', `/__sandbox/wallet/transactions/${order.id}`, {
      amount: 26_000,
      status: 'failed',
      message: 'Người dùng hủy',
    });
    const read = await ok<Order>(
      await call(`${PAY}/orders/${order.id}`, { headers: citizen.headers }),
    );
    expect(read).toMatchObject({ status: 'failed', resultMessage: 'Người dùng hủy' });
    expect((await events(order.id)).at(-1)).toMatchObject({
      source: 'status_check',
      to_status: 'failed',
    });
  });
});

describe('officials', () => {
  it('only holders of payments.read see payments', async () => {
    const ioc = await asIoc();
    const citizen = await signedInCitizen();
    const order = await newOrder(citizen);
    expect(
      (await failure(await call(`${WORK_PAY}/orders`, { headers: ioc.headers }), 403)).code,
    ).toBe('forbidden');
    expect((await call(`${WORK_PAY}/orders/${order.id}`, { headers: ioc.headers })).status).toBe(
      403,
    );
    expect((await call(`${WORK_PAY}/orders.xlsx`, { headers: ioc.headers })).status).toBe(403);
    expect((await send('POST', `${WORK_PAY}/orders/${order.id}/check`, ioc.headers)).status).toBe(
      403,
    );
    expect((await call(`${WORK_PAY}/orders`, { headers: citizen.headers })).status).toBe(401);
    expect((await call(`${WORK_PAY}/orders`)).status).toBe(401);
  });

  it('list with filters, totals of all matching orders, paging and the events of one', async () => {
    const admin = await asAdmin();
    const citizen = await signedInCitizen({ displayName: 'Trần Văn Nộp' });
    const paid = await newOrder(citizen, 70_000);
    await startWith(citizen, paid, 'redirect_wallet');
    await ok(
      await postWalletIpn(
        await walletIpn({
          order_id: paid.id,
          amount: 70_000,
          transaction_id: `W-${paid.id.slice(0, 6)}`,
        }),
      ),
    );
    const open = await newOrder(citizen, 5_000);

    const byId = await ok<{
      items: { id: string; payerName: string; status: string }[];
      total: number;
    }>(await call(`${WORK_PAY}/orders?q=${paid.id}`, { headers: admin.headers }));
    expect(byId.total).toBe(1);
    expect(byId.items[0]).toMatchObject({ id: paid.id, payerName: 'Trần Văn Nộp', status: 'paid' });
    const byTxn = await ok<{ items: { id: string }[] }>(
      await call(`${WORK_PAY}/orders?q=W-${paid.id.slice(0, 6)}`, { headers: admin.headers }),
    );
    expect(byTxn.items.map((i) => i.id)).toEqual([paid.id]);

    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const paidToday = await ok<{
      items: { id: string; status: string }[];
      total: number;
      totals: { count: number; paidCount: number; paidVnd: number };
    }>(
      await call(
        `${WORK_PAY}/orders?status=paid&provider=redirect_wallet&module=procedures&from=${today}&to=${today}&pageSize=1`,
        { headers: admin.headers },
      ),
    );
    expect(paidToday.items).toHaveLength(1);
    expect(paidToday.items.every((i) => i.status === 'paid')).toBe(true);
    expect(paidToday.totals.paidCount).toBe(paidToday.total);
    expect(paidToday.totals.paidVnd).toBeGreaterThanOrEqual(70_000);
    const created = await ok<{ items: { id: string }[] }>(
      await call(`${WORK_PAY}/orders?status=created&pageSize=100`, { headers: admin.headers }),
    );
    expect(created.items.map((i) => i.id)).toContain(open.id);
    const yesterday = new Date(Date.now() + 7 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
    const none = await ok<{ total: number }>(
      await call(`${WORK_PAY}/orders?q=${paid.id}&to=${yesterday}`, { headers: admin.headers }),
    );
    expect(none.total).toBe(0);
    expect(
      (
        await failure(
          await call(`${WORK_PAY}/orders?from=21-11-2026`, { headers: admin.headers }),
          400,
        )
      ).code,
    ).toBe('validation_failed');

    const detail = await ok<{
      events: {
        source: string;
        outcome: string;
        toStatus: string;
        detail: Record<string, unknown>;
      }[];
    }>(await call(`${WORK_PAY}/orders/${paid.id}`, { headers: admin.headers }));
    expect(detail.events.map((e) => [e.source, e.toStatus])).toEqual([
      ['api', 'created'],
      ['api', 'pending'],
      ['callback', 'paid'],
    ]);
    expect(detail.events[2]?.detail).toMatchObject({
      provider: 'redirect_wallet',
      amountVnd: 70_000,
    });
  });

  it('flags orders to refund by hand', async () => {
    const admin = await asAdmin();
    const citizen = await signedInCitizen();
    const order = await newOrder(citizen, 9_000);
    await startWith(citizen, order, 'redirect_wallet');
    await ok(
      await postWalletIpn(await walletIpn({ order_id: order.id, amount: 9_000, status: 'failed' })),
    );
    await ok(
      await postWalletIpn(
        await walletIpn({ order_id: order.id, amount: 9_000, status: 'success' }),
      ),
    );
    const flagged = await ok<{ items: { id: string; attention: boolean }[] }>(
      await call(`${WORK_PAY}/orders?attention=true&pageSize=100`, { headers: admin.headers }),
    );
    expect(flagged.items.find((i) => i.id === order.id)?.attention).toBe(true);
  });

  it('exports the filtered list as a workbook with amounts as numbers', async () => {
    const admin = await asAdmin();
    const citizen = await signedInCitizen({ displayName: 'Lê Thị Xuất' });
    const order = await newOrder(citizen, 123_000);
    const res = await call(`${WORK_PAY}/orders.xlsx?q=${order.id}`, { headers: admin.headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Disposition')).toMatch(/attachment/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.getWorksheet('Giao dịch');
    const rows: unknown[][] = [];
    ws?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const header = rows.findIndex((r) => r[0] === 'Mã đơn');
    expect(rows[header + 1]).toEqual(
      expect.arrayContaining([
        order.id,
        'Lệ phí thủ tục hành chính',
        123_000,
        'Chưa thanh toán',
        'Lê Thị Xuất',
      ]),
    );
    expect(rows).toHaveLength(header + 2);
  });

  it('asks the provider again on an official’s request, audited; a closed order needs no asking', async () => {
    const admin = await asAdmin();
    const citizen = await signedInCitizen();
    const order = await newOrder(citizen, 37_000);
    await startWith(citizen, order, 'redirect_wallet');
    await sandbox('PUT', `/__sandbox/wallet/transactions/${order.id}`, {
      amount: 37_000,
      status: 'success',
    });
    const after = await ok<{ status: string; checks: number }>(
      await send('POST', `${WORK_PAY}/orders/${order.id}/check`, admin.headers),
    );
    expect(after).toMatchObject({ status: 'paid', checks: 1 });
    const [audit] = await db().all<{ actor_id: string; from_value: string; to_value: string }>(
      sql`select actor_id, from_value, to_value from audit_log where entity_id = ${order.id}
        and action = 'payment_order.check'`,
    );
    expect(audit).toEqual({ actor_id: admin.official.id, from_value: 'pending', to_value: 'paid' });
    expect(
      (
        await failure(
          await send('POST', `${WORK_PAY}/orders/${order.id}/check`, admin.headers),
          409,
        )
      ).code,
    ).toBe('order_closed');

    const down = await newOrder(citizen, 38_000);
    await startWith(citizen, down, 'redirect_wallet');
    await sandbox('PUT', `/__sandbox/mode?key=${down.id}&mode=fail`);
    expect(
      (await failure(await send('POST', `${WORK_PAY}/orders/${down.id}/check`, admin.headers), 502))
        .code,
    ).toBe('provider_unavailable');
    await sandbox('PUT', `/__sandbox/mode?key=${down.id}&mode=ok`);
    const unstarted = await newOrder(citizen);
    expect(
      (
        await failure(
          await send('POST', `${WORK_PAY}/orders/${unstarted.id}/check`, admin.headers),
          409,
        )
      ).message,
    ).toMatch(/chưa chọn/);
    expect(SANDBOX).toMatch(/^http:\/\/127\.0\.0\.1:/);
  });

  it('an admin role is what grants it', async () => {
    const other = await signedInOfficial({ roles: ['agency_handler'], agencyId: 'so_xay_dung' });
    expect((await call(`${WORK_PAY}/orders`, { headers: other.headers })).status).toBe(403);
  });
});
