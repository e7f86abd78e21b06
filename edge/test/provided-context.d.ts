// Values test/global-setup.ts hands to the pool config and to tests via provide/inject.
declare module 'vitest' {
  export interface ProvidedContext {
    /** HTTP URL of the test libSQL server, e.g. http://127.0.0.1:40123 */
    libsqlUrl: string;
    /** `[triggers] crons` of wrangler.toml */
    cronTriggers: string[];
  }
}

export {};
