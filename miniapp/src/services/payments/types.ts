/** Payments (thanh toán) as the screens read them; client.ts checks them against the API. */

export const PAYMENT_STATUSES = [
  'created',
  'pending',
  'paid',
  'failed',
  'cancelled',
  'expired',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const PROVIDER_IDS = ['zalo_checkout', 'redirect_wallet'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];
export type Provider = { id: ProviderId; name: string };

/** The modules that may ask for a payment (the API resolves the amount from `ref`). */
export const PAYABLE_MODULES = ['procedures'] as const;
export type PayableModule = (typeof PAYABLE_MODULES)[number];

export type Order = {
  id: string;
  module: string;
  /** The paid-for thing in its module: a procedure's id. */
  ref: string;
  description: string;
  /** Whole đồng. */
  amountVnd: number;
  status: PaymentStatus;
  provider: ProviderId | null;
  providerOrderId: string | null;
  /** The provider's last word, shown when a payment did not go through. */
  resultMessage: string | null;
  createdAt: string;
  expiresAt: string;
  paidAt: string | null;
};

export type OrderPage = { items: Order[]; nextCursor: string | null };

/** Exactly the arguments of zmp-sdk `Payment.createOrder`, signed (`mac`) by the server. */
export type ZaloCheckoutParams = {
  amount: number;
  desc: string;
  item: { id: string; amount: number }[];
  extradata: string;
  mac: string;
};

export type StartAnswer = {
  order: Order;
  /** zalo_checkout: what to hand to `Payment.createOrder`. */
  zaloCheckout: ZaloCheckoutParams | null;
  /** redirect_wallet: the wallet's payment page. */
  redirectUrl: string | null;
};
