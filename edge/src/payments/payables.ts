import { sql } from 'drizzle-orm';
import type { Db } from '../platform/db';
import { ApiError } from '../platform/errors';
import type { PAYABLE_MODULES } from './schemas';

// What can be paid, and how much: each module that asks for payments resolves its own thing
// (`ref`) to an amount and a description. The amount always comes from here, never from the
// phone. A module joins by adding its resolver (and its name to PAYABLE_MODULES).

export interface Payable {
  /** Integer VND, > 0. */
  amountVnd: number;
  /** What the payer and the provider see (Zalo Checkout's `desc`). */
  description: string;
}

type Resolver = (db: Db, ref: string) => Promise<Payable>;

const notFound = () =>
  new ApiError(404, 'payable_not_found', 'Không tìm thấy khoản cần thanh toán.');

/** A public-service procedure's fee (lệ phí), when it is one published amount. */
const procedureFee: Resolver = async (db, ref) => {
  const [row] = await db.all<{ code: string; name: string; feeVnd: number | null }>(sql`select
      code, name, fee_vnd as feeVnd from procedures where id = ${ref} and status = 'published'`);
  if (!row) throw notFound();
  if (!row.feeVnd || row.feeVnd <= 0) {
    throw new ApiError(
      422,
      'nothing_to_pay',
      'Thủ tục này không thu lệ phí trực tuyến. Vui lòng xem mức phí trong hướng dẫn thủ tục.',
    );
  }
  return { amountVnd: row.feeVnd, description: `Lệ phí ${row.code}: ${row.name}`.slice(0, 200) };
};

export const PAYABLES: Record<(typeof PAYABLE_MODULES)[number], Resolver> = {
  procedures: procedureFee,
};
