import type { ChatMemberRole, ChatMessageKind } from '../types';
import { ROOM_SCHEMA } from './schema';

// Typed access to the room's SQLite tables (schema.ts). Every method is synchronous: the
// Durable Object's SQL API runs in-process, so a sequence of calls with no `await` between
// them cannot interleave with another event (that is how seq numbers and idempotency stay
// exact without locks).

export interface MemberRow {
  officialId: string;
  name: string;
  role: ChatMemberRole;
  readUpTo: number;
  deliveredUpTo: number;
  notifiedSeq: number | null;
}

export interface MessageRow {
  id: string;
  seq: number;
  senderId: string;
  kind: ChatMessageKind;
  createdAt: string;
  keyVersion: number;
  body: Uint8Array;
}

export interface AttachmentRow {
  id: string;
  uploaderId: string;
  messageId: string | null;
  bytes: number;
  createdAt: string;
  expiresAtMs: number | null;
  keyVersion: number;
  meta: Uint8Array;
}

export interface RoomKeyRow {
  version: number;
  masterKeyId: string;
  wrapped: Uint8Array;
}

export interface CallRow {
  id: string;
  media: 'audio' | 'video';
  startedBy: string;
  startedAt: string;
  joined: string[];
}

type Row = Record<string, SqlStorageValue>;

function blob(value: SqlStorageValue): Uint8Array {
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  throw new Error('expected a blob');
}

/** A copy in an ArrayBuffer of its own, as the SQL API binds ArrayBuffers. */
export function buffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

function toMember(r: Row): MemberRow {
  return {
    officialId: String(r.official_id),
    name: String(r.name),
    role: r.role === 'owner' ? 'owner' : 'member',
    readUpTo: Number(r.read_up_to),
    deliveredUpTo: Number(r.delivered_up_to),
    notifiedSeq: r.notified_seq === null ? null : Number(r.notified_seq),
  };
}

function toMessage(r: Row): MessageRow {
  return {
    id: String(r.id),
    seq: Number(r.seq),
    senderId: String(r.sender_id),
    kind: String(r.kind) as ChatMessageKind,
    createdAt: String(r.created_at),
    keyVersion: Number(r.key_version),
    body: blob(r.body ?? null),
  };
}

function toAttachment(r: Row): AttachmentRow {
  return {
    id: String(r.id),
    uploaderId: String(r.uploader_id),
    messageId: r.message_id === null ? null : String(r.message_id),
    bytes: Number(r.bytes),
    createdAt: String(r.created_at),
    expiresAtMs: r.expires_at_ms === null ? null : Number(r.expires_at_ms),
    keyVersion: Number(r.key_version),
    meta: blob(r.meta ?? null),
  };
}

const MESSAGE_COLUMNS = 'id, seq, sender_id, kind, created_at, key_version, body';

export class RoomStore {
  constructor(private readonly storage: DurableObjectStorage) {
    for (const statement of ROOM_SCHEMA) storage.sql.exec(statement);
  }

  private get sql(): SqlStorage {
    return this.storage.sql;
  }

  /** Runs `fn` as one SQLite transaction: all its writes or none. */
  transaction<T>(fn: () => T): T {
    return this.storage.transactionSync(fn);
  }

  // ---- meta -------------------------------------------------------------------------------

  getMeta(key: string): string | null {
    const [row] = this.sql.exec('SELECT value FROM meta WHERE key = ?', key).toArray();
    return row ? String(row.value) : null;
  }

  setMeta(key: string, value: string): void {
    this.sql.exec(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      key,
      value,
    );
  }

  deleteMeta(key: string): void {
    this.sql.exec('DELETE FROM meta WHERE key = ?', key);
  }

  lastSeq(): number {
    return Number(this.getMeta('last_seq') ?? 0);
  }

  // ---- keys -------------------------------------------------------------------------------

  roomKey(): RoomKeyRow | null {
    const [row] = this.sql
      .exec('SELECT version, master_key_id, wrapped FROM room_keys ORDER BY version DESC LIMIT 1')
      .toArray();
    if (!row) return null;
    return {
      version: Number(row.version),
      masterKeyId: String(row.master_key_id),
      wrapped: blob(row.wrapped ?? null),
    };
  }

  insertRoomKey(version: number, masterKeyId: string, wrapped: Uint8Array, at: string) {
    this.sql.exec(
      'INSERT INTO room_keys (version, master_key_id, wrapped, created_at) VALUES (?, ?, ?, ?)',
      version,
      masterKeyId,
      buffer(wrapped),
      at,
    );
  }

  rewrapRoomKey(version: number, masterKeyId: string, wrapped: Uint8Array, at: string) {
    this.sql.exec(
      'UPDATE room_keys SET master_key_id = ?, wrapped = ?, rewrapped_at = ? WHERE version = ?',
      masterKeyId,
      buffer(wrapped),
      at,
      version,
    );
  }

  // ---- members ----------------------------------------------------------------------------

  members(): MemberRow[] {
    return this.sql
      .exec('SELECT * FROM members ORDER BY name, official_id')
      .toArray()
      .map(toMember);
  }

  member(officialId: string): MemberRow | null {
    const [row] = this.sql
      .exec('SELECT * FROM members WHERE official_id = ?', officialId)
      .toArray();
    return row ? toMember(row) : null;
  }

  /** Replaces the member list, keeping the receipts of those who stay; the ids removed. */
  replaceMembers(next: { officialId: string; name: string; role: ChatMemberRole }[]): string[] {
    const keep = new Set(next.map((m) => m.officialId));
    const removed = this.members()
      .map((m) => m.officialId)
      .filter((id) => !keep.has(id));
    for (const id of removed) this.sql.exec('DELETE FROM members WHERE official_id = ?', id);
    for (const m of next) {
      this.sql.exec(
        `INSERT INTO members (official_id, name, role) VALUES (?, ?, ?)
         ON CONFLICT (official_id) DO UPDATE SET name = excluded.name, role = excluded.role`,
        m.officialId,
        m.name,
        m.role,
      );
    }
    return removed;
  }

  /** Moves a receipt pointer forward only (a late or replayed frame never moves it back). */
  advanceReceipt(officialId: string, kind: 'read' | 'delivered', upTo: number): boolean {
    const column = kind === 'read' ? 'read_up_to' : 'delivered_up_to';
    const cursor = this.sql.exec(
      `UPDATE members SET ${column} = ? WHERE official_id = ? AND ${column} < ?`,
      upTo,
      officialId,
      upTo,
    );
    if (kind === 'read') {
      // Reading also means delivered.
      this.sql.exec(
        'UPDATE members SET delivered_up_to = ? WHERE official_id = ? AND delivered_up_to < ?',
        upTo,
        officialId,
        upTo,
      );
    }
    return cursor.rowsWritten > 0;
  }

  setNotifiedSeq(officialId: string, seq: number | null): void {
    this.sql.exec('UPDATE members SET notified_seq = ? WHERE official_id = ?', seq, officialId);
  }

  // ---- messages ---------------------------------------------------------------------------

  messageById(id: string): MessageRow | null {
    const [row] = this.sql
      .exec(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id = ?`, id)
      .toArray();
    return row ? toMessage(row) : null;
  }

  messageByClientKey(clientKey: string): MessageRow | null {
    const [row] = this.sql
      .exec(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE client_key = ?`, clientKey)
      .toArray();
    return row ? toMessage(row) : null;
  }

  /** Newest first, seq < before (or the newest), `limit` rows. */
  messagesBefore(before: number | undefined, limit: number): MessageRow[] {
    return (
      before === undefined
        ? this.sql.exec(`SELECT ${MESSAGE_COLUMNS} FROM messages ORDER BY seq DESC LIMIT ?`, limit)
        : this.sql.exec(
            `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE seq < ? ORDER BY seq DESC LIMIT ?`,
            before,
            limit,
          )
    )
      .toArray()
      .map(toMessage);
  }

  /** Oldest first, seq > after. */
  messagesAfter(after: number, limit: number): MessageRow[] {
    return this.sql
      .exec(
        `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE seq > ? ORDER BY seq ASC LIMIT ?`,
        after,
        limit,
      )
      .toArray()
      .map(toMessage);
  }

  lastMessage(): MessageRow | null {
    return this.messagesBefore(undefined, 1)[0] ?? null;
  }

  unreadCount(officialId: string, readUpTo: number): number {
    const [row] = this.sql
      .exec(
        'SELECT count(*) AS n FROM messages WHERE seq > ? AND sender_id <> ?',
        readUpTo,
        officialId,
      )
      .toArray();
    return Number(row?.n ?? 0);
  }

  insertMessage(m: Omit<MessageRow, 'seq'> & { clientKey: string }): number {
    const seq = this.lastSeq() + 1;
    this.sql.exec(
      `INSERT INTO messages (id, seq, sender_id, kind, created_at, key_version, client_key, body)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      m.id,
      seq,
      m.senderId,
      m.kind,
      m.createdAt,
      m.keyVersion,
      m.clientKey,
      buffer(m.body),
    );
    // A counter, not max(seq): deleting the newest message must never free its number.
    this.setMeta('last_seq', String(seq));
    return seq;
  }

  deleteMessage(id: string): void {
    this.sql.exec('DELETE FROM messages WHERE id = ?', id);
  }

  // ---- attachments ------------------------------------------------------------------------

  attachment(id: string): AttachmentRow | null {
    const [row] = this.sql.exec('SELECT * FROM attachments WHERE id = ?', id).toArray();
    return row ? toAttachment(row) : null;
  }

  insertAttachment(a: AttachmentRow): void {
    this.sql.exec(
      `INSERT INTO attachments (id, uploader_id, message_id, bytes, created_at, expires_at_ms, key_version, meta)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      a.id,
      a.uploaderId,
      a.messageId,
      a.bytes,
      a.createdAt,
      a.expiresAtMs,
      a.keyVersion,
      buffer(a.meta),
    );
  }

  /** Links a pending upload of `uploaderId` to its message; false if used or not theirs. */
  claimAttachment(id: string, uploaderId: string, messageId: string): boolean {
    return (
      this.sql.exec(
        `UPDATE attachments SET message_id = ?, expires_at_ms = NULL
         WHERE id = ? AND uploader_id = ? AND message_id IS NULL`,
        messageId,
        id,
        uploaderId,
      ).rowsWritten > 0
    );
  }

  attachmentsOf(messageId: string): string[] {
    return this.sql
      .exec('SELECT id FROM attachments WHERE message_id = ?', messageId)
      .toArray()
      .map((r) => String(r.id));
  }

  expiredAttachments(nowMs: number): string[] {
    return this.sql
      .exec('SELECT id FROM attachments WHERE message_id IS NULL AND expires_at_ms <= ?', nowMs)
      .toArray()
      .map((r) => String(r.id));
  }

  nextAttachmentExpiry(): number | null {
    const [row] = this.sql
      .exec('SELECT min(expires_at_ms) AS t FROM attachments WHERE message_id IS NULL')
      .toArray();
    return row?.t === null || row?.t === undefined ? null : Number(row.t);
  }

  deleteAttachment(id: string): void {
    this.sql.exec('DELETE FROM attachments WHERE id = ?', id);
  }

  // ---- calls ------------------------------------------------------------------------------

  call(): CallRow | null {
    const [row] = this.sql.exec('SELECT * FROM calls LIMIT 1').toArray();
    if (!row) return null;
    return {
      id: String(row.id),
      media: row.media === 'video' ? 'video' : 'audio',
      startedBy: String(row.started_by),
      startedAt: String(row.started_at),
      joined: JSON.parse(String(row.joined)) as string[],
    };
  }

  insertCall(c: CallRow): void {
    this.sql.exec(
      'INSERT INTO calls (id, media, started_by, started_at, joined) VALUES (?, ?, ?, ?, ?)',
      c.id,
      c.media,
      c.startedBy,
      c.startedAt,
      JSON.stringify(c.joined),
    );
  }

  setCallJoined(id: string, joined: string[]): void {
    this.sql.exec('UPDATE calls SET joined = ? WHERE id = ?', JSON.stringify(joined), id);
  }

  deleteCall(id: string): void {
    this.sql.exec('DELETE FROM calls WHERE id = ?', id);
  }
}
