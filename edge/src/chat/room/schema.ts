// The ChatRoom Durable Object's own SQLite tables. Messages keep in clear only what the room
// needs to order, page, count and delete them (id, seq, sender, kind, time, key version); their
// content (text, reply, attachment name and type, client id) is one AES-GCM sealed JSON.
// `client_key` is a SHA-256 of (sender, client id): retries are recognised without storing the
// client id in clear. Every statement is idempotent, run by each new instance.
export const ROOM_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  )`,
  // The room's data key, only wrapped by a master key (keys.ts); `version` is the data key's
  // (messages name it), unchanged by a master key rotation.
  `CREATE TABLE IF NOT EXISTS room_keys (
    version INTEGER PRIMARY KEY,
    master_key_id TEXT NOT NULL,
    wrapped BLOB NOT NULL,
    created_at TEXT NOT NULL,
    rewrapped_at TEXT
  )`,
  // A copy of libSQL's chat_members (+ names), refreshed by syncMembers: checked on every
  // frame without a network round trip. Receipts and the pending offline notification too.
  `CREATE TABLE IF NOT EXISTS members (
    official_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    read_up_to INTEGER NOT NULL DEFAULT 0,
    delivered_up_to INTEGER NOT NULL DEFAULT 0,
    notified_seq INTEGER
  )`,
  `CREATE TABLE IF NOT EXISTS messages (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL UNIQUE,
    sender_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    created_at TEXT NOT NULL,
    key_version INTEGER NOT NULL,
    client_key TEXT NOT NULL UNIQUE,
    body BLOB NOT NULL
  )`,
  // Uploaded files (bytes encrypted in R2). `message_id` null: not sent yet, deleted by the
  // alarm at `expires_at_ms`. `meta` is the sealed { name, contentType }.
  `CREATE TABLE IF NOT EXISTS attachments (
    id TEXT PRIMARY KEY,
    uploader_id TEXT NOT NULL,
    message_id TEXT,
    bytes INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    expires_at_ms INTEGER,
    key_version INTEGER NOT NULL,
    meta BLOB NOT NULL
  )`,
  'CREATE INDEX IF NOT EXISTS attachments_message_idx ON attachments (message_id)',
  'CREATE INDEX IF NOT EXISTS attachments_expiry_idx ON attachments (expires_at_ms)',
  // The call going on, if any (one per room). Who is in it now is on the sockets' attachments;
  // `joined` (JSON ids) is everyone who joined, for the metadata row written at the end.
  `CREATE TABLE IF NOT EXISTS calls (
    id TEXT PRIMARY KEY,
    media TEXT NOT NULL,
    started_by TEXT NOT NULL,
    started_at TEXT NOT NULL,
    joined TEXT NOT NULL
  )`,
];
