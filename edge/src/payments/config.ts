import type { PaymentProvider } from '@tinh/db/schema';
import type { Env } from '../platform/env';

// What payments read from the Worker's configuration. A provider is offered only when all it
// needs is set; with none, the app says that online payment is not available (never a fake).

export interface ZaloCheckoutConfig {
  /** The mini app's id (ZALO_APP_ID): Zalo names it in notifications and status queries. */
  appId: string;
  /** The Checkout SDK private key (secret): signs orders, verifies notifications. */
  privateKey: string;
  /** Base URL of the transaction-status API (https://payment-mini.zalo.me). */
  apiUrl: string;
}

export interface WalletConfig {
  /** What the payer sees ("VNPT Money", "Ví điện tử"). */
  name: string;
  apiUrl: string;
  merchantId: string;
  /** Shared secret (secret): signs redirects and status queries, verifies notifications. */
  secret: string;
}

export interface PaymentConfig {
  /** Minutes an order may be paid in. */
  orderTtlMinutes: number;
  /** Minutes after expiry the reconciliation job still waits for a provider's word. */
  graceMinutes: number;
  /** Timeout of one call to a provider, ms. */
  timeoutMs: number;
  zalo: ZaloCheckoutConfig | null;
  wallet: WalletConfig | null;
}

const ZALO_CHECKOUT_API = 'https://payment-mini.zalo.me';
export const PROVIDER_NAMES: Record<PaymentProvider, string> = {
  zalo_checkout: 'Zalo Checkout',
  redirect_wallet: 'Ví điện tử',
};

function intIn(value: unknown, min: number, max: number, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}

const trimmed = (value: string | undefined) => value?.trim() || '';

export function paymentConfig(env: Env): PaymentConfig {
  const appId = trimmed(env.ZALO_APP_ID);
  const privateKey = trimmed(env.ZALO_CHECKOUT_PRIVATE_KEY);
  const walletUrl = trimmed(env.WALLET_API_URL);
  const merchantId = trimmed(env.WALLET_MERCHANT_ID);
  const walletSecret = trimmed(env.WALLET_SECRET);
  return {
    orderTtlMinutes: intIn(env.PAYMENT_ORDER_TTL_MINUTES, 5, 24 * 60, 30),
    graceMinutes: 15,
    timeoutMs: intIn(env.PAYMENT_PROVIDER_TIMEOUT_MS, 500, 60_000, 8000),
    zalo:
      appId && privateKey
        ? {
            appId,
            privateKey,
            apiUrl: (trimmed(env.ZALO_CHECKOUT_API_URL) || ZALO_CHECKOUT_API).replace(/\/+$/, ''),
          }
        : null,
    wallet:
      walletUrl && merchantId && walletSecret
        ? {
            name: trimmed(env.WALLET_NAME) || PROVIDER_NAMES.redirect_wallet,
            apiUrl: walletUrl.replace(/\/+$/, ''),
            merchantId,
            secret: walletSecret,
          }
        : null,
  };
}

/** The providers a payer can choose now, with the names they see. */
export function availableProviders(cfg: PaymentConfig): { id: PaymentProvider; name: string }[] {
  const list: { id: PaymentProvider; name: string }[] = [];
  if (cfg.zalo) list.push({ id: 'zalo_checkout', name: PROVIDER_NAMES.zalo_checkout });
  if (cfg.wallet) list.push({ id: 'redirect_wallet', name: cfg.wallet.name });
  return list;
}
