import type { Env } from '../../platform/env';
import { createLogger, describeError } from '../../platform/logger';
import type { RoomCodec } from './codec';
import type { RoomStore } from './store';

/** What every part of a room works with, once the object knows which room it is. */
export interface RoomContext {
  state: DurableObjectState;
  env: Env;
  store: RoomStore;
  roomId: string;
  codec: RoomCodec;
}

/** Work that must not hold up the caller (libSQL writes); a failure is logged, never thrown. */
export function background(rc: RoomContext, what: string, work: () => Promise<unknown>): void {
  rc.state.waitUntil(
    work().catch((err: unknown) => {
      // Identifiers only: never message content.
      createLogger(rc.env.LOG_LEVEL, { component: 'chat-room', roomId: rc.roomId }).warn(
        'chat room background write failed',
        { what, error: describeError(err) },
      );
    }),
  );
}
