import { type AtomEffect, atom } from 'recoil';
import { type OfficialState, officialStore } from '../services/officials/store';

/**
 * The official's mode as the screens see it: mirrors services/officials/store.ts, which the
 * officials' API calls also update (a renewed token, a link the API revoked).
 */
const syncOfficial: AtomEffect<OfficialState> = ({ setSelf, trigger }) => {
  if (trigger === 'get') void officialStore.load().then(setSelf);
  return officialStore.subscribe(setSelf);
};

export const officialState = atom<OfficialState>({
  key: 'official',
  default: officialStore.current(),
  effects: [syncOfficial],
});
