import { ChatRoom, type RoomDeps } from './room';

/**
 * The rooms open in this app, by id. A screen acquires its room and releases it when it goes;
 * a room released with messages still in its outbox keeps running (its socket retries) until
 * they are sent, so leaving a room never loses what was typed. A room released with nothing
 * pending is closed. Rooms of another official (after a sign-out) are closed on the next
 * acquire, and a background room only ever sends over a socket that named its official.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, { room: ChatRoom; users: number }>();

  constructor(private readonly make: (roomId: string, me: string) => ChatRoom) {}

  acquire(roomId: string, me: string): ChatRoom {
    // Another official signed in on this device: nothing of the previous one's is reused.
    for (const [id, other] of this.rooms) {
      if (other.room.snapshot().me !== me) {
        this.rooms.delete(id);
        other.room.stop();
      }
    }
    let entry = this.rooms.get(roomId);
    if (!entry) {
      const room = this.make(roomId, me);
      room.start();
      entry = { room, users: 0 };
      this.rooms.set(roomId, entry);
    }
    entry.users++;
    entry.room.setForeground(true);
    return entry.room;
  }

  release(roomId: string): void {
    const entry = this.rooms.get(roomId);
    if (!entry) return;
    entry.users--;
    if (entry.users > 0) return;
    const done = () => {
      if (this.rooms.get(roomId) !== entry || entry.users > 0) return true;
      // Items that failed for good wait for the official's decision on screen, not here.
      if (entry.room.snapshot().outbox.some((i) => i.status !== 'failed')) return false;
      // Out of the map first: stopping notifies the listener below, which calls this again.
      this.rooms.delete(roomId);
      entry.room.stop();
      return true;
    };
    if (done()) return;
    entry.room.setForeground(false);
    const unsubscribe = entry.room.subscribe(() => {
      if (done()) unsubscribe();
    });
  }

  /** Signing out: every room closes, pending or not. */
  closeAll(): void {
    const rooms = [...this.rooms.values()];
    this.rooms.clear();
    for (const { room } of rooms) room.stop();
  }

  get size(): number {
    return this.rooms.size;
  }
}

export function roomRegistry(deps: Omit<RoomDeps, 'roomId' | 'me'>): RoomRegistry {
  return new RoomRegistry((roomId, me) => new ChatRoom({ ...deps, roomId, me }));
}
