import { type AtomEffect, atom } from 'recoil';
import { session } from '../services/auth/session';
import { type SessionState, sessionStore } from '../services/auth/store';

/**
 * The citizen's Zalo sign-in, as the screens see it: mirrors services/auth/store.ts, which
 * the API client also reads and clears (an expired token ends the session from any
 * request). Reading the stored session also finishes attaching the device's reports if
 * the last sign-in could not (no network at the time).
 */
const syncSession: AtomEffect<SessionState> = ({ setSelf, trigger }) => {
  if (trigger === 'get') {
    void sessionStore.load().then((state) => {
      setSelf(state);
      if (state.session && !state.session.deviceClaimed) void session.claimDevice();
    });
  }
  return sessionStore.subscribe(setSelf);
};

export const sessionState = atom<SessionState>({
  key: 'session',
  default: sessionStore.current(),
  effects: [syncSession],
});
