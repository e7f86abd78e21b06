// Values test/global-setup.ts hands to the pool config and to tests via provide/inject.
declare module 'vitest' {
  export interface ProvidedContext {
    /** HTTP URL of the test libSQL server, e.g. http://127.0.0.1:40123 */
    libsqlUrl: string;
    /** Base URL of the loopback stand-in for the Zalo Graph API (test/support/node-fake-zalo-graph.ts) */
    zaloGraphUrl: string;
    /** Base URL of the loopback stand-in for the Zalo OA and ZNS APIs (test/support/node-fake-zalo-oa.ts) */
    zaloOaUrl: string;
    /** `[triggers] crons` of wrangler.toml */
    cronTriggers: string[];
  }
}

export {};
