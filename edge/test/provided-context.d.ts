// Values test/global-setup.ts hands to the pool config and to tests via provide/inject.
declare module 'vitest' {
  export interface ProvidedContext {
    /** HTTP URL of the test libSQL server, e.g. http://127.0.0.1:40123 */
    libsqlUrl: string;
    /** Base URL of the loopback stand-in for the Zalo Graph API (test/support/node-fake-zalo-graph.ts) */
    zaloGraphUrl: string;
    /** Base URL of the loopback stand-in for the Zalo OA and ZNS APIs (test/support/node-fake-zalo-oa.ts) */
    zaloOaUrl: string;
    /** Base URL of the loopback stand-in for sensor gateways (test/support/node-fake-sensor-gateway.ts) */
    sensorGatewayUrl: string;
    /** Base URL of the loopback stand-in for Open-Meteo (test/support/node-fake-open-meteo.ts) */
    openMeteoUrl: string;
    paymentSandboxUrl: string;
    /** Base URL of the sensor simulator (fixtures/sensor-simulator), SensorThings at /{gateway}/v1.1 */
    simulatorUrl: string;
    /** `[triggers] crons` of wrangler.toml */
    cronTriggers: string[];
  }
}

export {};
