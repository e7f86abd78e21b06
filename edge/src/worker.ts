import app from './app';
import { handleChatUpgrade } from './chat/upgrade';
import { CRON_JOBS, dispatchScheduled } from './cron';
import type { Env } from './platform/env';

export type { AppType } from './app';
// Durable Object classes are exported by the Worker's main module (wrangler.toml bindings).
export { ChatRoom } from './chat/room/chat-room';
export type { Env } from './platform/env';

const worker: ExportedHandler<Env> = {
  // The chat's WebSocket upgrade comes before Hono, whose middlewares rewrite response
  // headers (a 101 carrying a WebSocket must reach the client untouched).
  async fetch(request, env, ctx) {
    return (await handleChatUpgrade(request, env)) ?? app.fetch(request, env, ctx);
  },
  scheduled(controller, env, ctx) {
    ctx.waitUntil(dispatchScheduled(controller, env, CRON_JOBS));
  },
};

export default worker;
