import app from './app';
import { CRON_JOBS, dispatchScheduled } from './cron';
import type { Env } from './platform/env';

export type { AppType } from './app';
export type { Env } from './platform/env';

const worker: ExportedHandler<Env> = {
  fetch: app.fetch,
  scheduled(controller, env, ctx) {
    ctx.waitUntil(dispatchScheduled(controller, env, CRON_JOBS));
  },
};

export default worker;
