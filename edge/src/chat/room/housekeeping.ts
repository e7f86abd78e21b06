import { background, type RoomContext } from './context';
import { touchRoom } from './directory';
import { deleteAttachmentObjects } from './files';

// The room's one alarm serves two jobs: the trailing update of chat_rooms.last_message_at
// (at most one libSQL write per 5 s per room, however busy the room) and deleting uploads no
// message used within 24 h. It is always set to the earlier of the two.

export const TOUCH_INTERVAL_MS = 5_000;

/** The room list's order changed (a message was stored or deleted). */
export async function roomChanged(rc: RoomContext, nowMs = Date.now()): Promise<void> {
  const last = Number(rc.store.getMeta('touched_ms') ?? 0);
  if (nowMs - last >= TOUCH_INTERVAL_MS) {
    rc.store.setMeta('touched_ms', String(nowMs));
    rc.store.deleteMeta('touch_due_ms');
    const at = rc.store.lastMessage()?.createdAt ?? null;
    background(rc, 'touch-room', () => touchRoom(rc.env, rc.roomId, at));
  } else {
    rc.store.setMeta('touch_due_ms', String(last + TOUCH_INTERVAL_MS));
  }
  await rescheduleAlarm(rc);
}

export async function rescheduleAlarm(rc: RoomContext): Promise<void> {
  const due = [
    Number(rc.store.getMeta('touch_due_ms') ?? Number.NaN),
    rc.store.nextAttachmentExpiry(),
  ].filter((t): t is number => t !== null && Number.isFinite(t));
  if (due.length === 0) {
    await rc.state.storage.deleteAlarm();
    return;
  }
  const next = Math.min(...due);
  if ((await rc.state.storage.getAlarm()) !== next) await rc.state.storage.setAlarm(next);
}

export async function runHousekeeping(rc: RoomContext, nowMs = Date.now()): Promise<void> {
  const touchDue = Number(rc.store.getMeta('touch_due_ms') ?? Number.NaN);
  if (Number.isFinite(touchDue) && touchDue <= nowMs) {
    // Written before the marks are cleared: a failed write throws and the alarm is retried.
    await touchRoom(rc.env, rc.roomId, rc.store.lastMessage()?.createdAt ?? null);
    rc.store.setMeta('touched_ms', String(nowMs));
    rc.store.deleteMeta('touch_due_ms');
  }
  const expired = rc.store.expiredAttachments(nowMs);
  if (expired.length > 0) {
    // Objects first: a failed delete leaves the rows, and the next alarm tries again.
    await deleteAttachmentObjects(rc, expired);
    rc.store.transaction(() => {
      for (const id of expired) rc.store.deleteAttachment(id);
    });
  }
  await rescheduleAlarm(rc);
}
