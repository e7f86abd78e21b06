import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { useRecoilValue } from 'recoil';
import type { ApiError } from '../../services/api';
import { environmentCache } from '../../services/environment/cache';
import { environmentClient } from '../../services/environment/client';
import type { Follow, FollowSubject } from '../../services/environment/types';
import { getDeviceId } from '../../services/zalo';
import { sessionState } from '../../state/session';

/**
 * The stations and communes this citizen follows for alerts: their Zalo account when
 * signed in, else this device (the API tells them apart by the bearer token or the
 * X-Device-Id header). One store for the whole app, so the star on a station page and the
 * list on the environment screen never disagree.
 */

type Snapshot = {
  status: 'idle' | 'loading' | 'ready' | 'error';
  items: Follow[];
  /** Subjects with a follow or unfollow on its way, `type:id`. */
  pending: readonly string[];
  /** Whose follows these are; a sign-in or sign-out loads them again. */
  owner?: string;
};

const CACHE_KEY = 'follows';
let snapshot: Snapshot = { status: 'idle', items: [], pending: [] };
const listeners = new Set<() => void>();

function update(next: Partial<Snapshot>): void {
  snapshot = { ...snapshot, ...next };
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

const subjectKey = (type: FollowSubject, id: string) => `${type}:${id}`;

async function load(owner: string): Promise<void> {
  if (snapshot.owner === owner && snapshot.status !== 'error' && snapshot.status !== 'idle') return;
  update({ status: 'loading', owner });
  if (snapshot.items.length === 0) {
    const kept = await environmentCache().read<Follow[]>(`${CACHE_KEY}:${owner}`);
    if (kept && snapshot.owner === owner) update({ items: kept.data });
  }
  const result = await environmentClient.follows(await getDeviceId());
  if (snapshot.owner !== owner) return;
  if (result.ok) {
    update({ status: 'ready', items: result.data });
    void environmentCache().write(`${CACHE_KEY}:${owner}`, result.data);
  } else {
    update({ status: 'error' });
  }
}

/**
 * Follows or unfollows at once on screen, then asks the API; a refusal puts it back and
 * returns the API's message.
 */
async function toggle(
  type: FollowSubject,
  id: string,
  name: string,
): Promise<{ ok: true; following: boolean } | { ok: false; error: ApiError }> {
  const key = subjectKey(type, id);
  const before = snapshot.items;
  const following = before.some((f) => subjectKey(f.subjectType, f.subjectId) === key);
  update({
    items: following
      ? before.filter((f) => subjectKey(f.subjectType, f.subjectId) !== key)
      : [...before, { subjectType: type, subjectId: id, name }],
    pending: [...snapshot.pending, key],
  });
  const deviceId = await getDeviceId();
  const result = following
    ? await environmentClient.unfollow(type, id, deviceId)
    : await environmentClient.follow(type, id, deviceId);
  const pending = snapshot.pending.filter((p) => p !== key);
  if (!result.ok) {
    update({ items: before, pending });
    return { ok: false, error: result.error };
  }
  update({ pending });
  if (snapshot.owner)
    void environmentCache().write(`${CACHE_KEY}:${snapshot.owner}`, snapshot.items);
  return { ok: true, following: !following };
}

export function useFollows() {
  const state = useSyncExternalStore(subscribe, () => snapshot);
  const session = useRecoilValue(sessionState);
  const owner = session.ready
    ? session.session
      ? `user:${session.session.user.id}`
      : 'device'
    : undefined;

  useEffect(() => {
    if (owner) void load(owner);
  }, [owner]);

  const isFollowing = useCallback(
    (type: FollowSubject, id: string) =>
      state.items.some((f) => f.subjectType === type && f.subjectId === id),
    [state.items],
  );
  const isPending = useCallback(
    (type: FollowSubject, id: string) => state.pending.includes(subjectKey(type, id)),
    [state.pending],
  );

  return { ...state, isFollowing, isPending, toggle };
}
