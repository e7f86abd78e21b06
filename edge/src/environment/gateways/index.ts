import type { GatewayProtocol, SensorGateway } from '@tinh/db/schema';
import { type GatewayClient, GatewayError, type Limiter, type RequestBudget } from './http';
import { sensorThingsAdapter } from './sensorthings';
import { simpleJsonAdapter } from './simple-json';
import type { GatewayAdapter } from './types';

export { BudgetExhausted, GatewayError, Limiter, RequestBudget } from './http';
export type { GatewayAdapter, StationFetch, StationTarget } from './types';

export const ADAPTERS: Record<GatewayProtocol, GatewayAdapter> = {
  sensorthings: sensorThingsAdapter,
  simple_json: simpleJsonAdapter,
};

/** Bounds of a gateway's per-call timeout, whatever the admin typed. */
const MIN_TIMEOUT_MS = 500;
const MAX_TIMEOUT_MS = 30_000;

/**
 * A client for one gateway. Its credential is the Worker secret named by
 * `auth_secret_name` (sent as `Authorization` as it is, e.g. "Bearer …"); a name with no
 * secret behind it is a configuration error, reported on the gateway rather than calling
 * without credentials.
 */
export function gatewayClient(
  gateway: Pick<SensorGateway, 'baseUrl' | 'authSecretName' | 'timeoutMs'>,
  secrets: Readonly<Record<string, unknown>>,
  shared: { budget: RequestBudget; limiter: Limiter; fetch?: typeof fetch },
): GatewayClient {
  let authorization: string | null = null;
  if (gateway.authSecretName) {
    const secret = secrets[gateway.authSecretName];
    if (typeof secret !== 'string' || secret === '') {
      throw new GatewayError(
        'gateway',
        `Chưa cấu hình khóa bí mật "${gateway.authSecretName}" của cổng (wrangler secret put).`,
      );
    }
    authorization = secret;
  }
  let base: URL;
  try {
    base = new URL(gateway.baseUrl);
  } catch {
    throw new GatewayError('gateway', `Địa chỉ cổng không hợp lệ: ${gateway.baseUrl}`);
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new GatewayError('gateway', `Địa chỉ cổng phải là http(s): ${gateway.baseUrl}`);
  }
  // Called as a plain function: workerd refuses `fetch` invoked as a method of another object.
  const doFetch = shared.fetch ?? fetch;
  return {
    baseUrl: `${base.origin}${base.pathname.replace(/\/+$/, '')}`,
    authorization,
    timeoutMs: Math.min(MAX_TIMEOUT_MS, Math.max(MIN_TIMEOUT_MS, gateway.timeoutMs)),
    fetch: (input, init) => doFetch(input, init),
    budget: shared.budget,
    limiter: shared.limiter,
  };
}
