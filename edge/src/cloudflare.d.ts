// Ties the Worker's own types into the `cloudflare:workers` module: `env` is our Env and
// `exports` (ctx.exports, and the test harness) knows the main module's exports.
// `wrangler types` would generate the same from wrangler.toml; hand-written keeps the
// var documentation in one place (platform/env.ts).
import type { Env as WorkerEnv } from './platform/env';

declare global {
  namespace Cloudflare {
    interface GlobalProps {
      mainModule: typeof import('./worker');
    }
    interface Env extends WorkerEnv {}
  }
}
