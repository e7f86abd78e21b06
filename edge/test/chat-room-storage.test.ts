import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { chatRooms, notifications } from '@tinh/db/schema';
import { eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { PENDING_UPLOAD_TTL_MS } from '../src/chat/room/attachments';
import { objectKey } from '../src/chat/room/files';
import {
  connect,
  dumpTables,
  eventually,
  rawStub,
  roomSql,
  roomStub,
  roomWith,
  say,
  textBytes,
} from './support/chat';
import { db } from './support/officials';

// What the room leaves behind: its SQLite storage, its R2 objects and its libSQL rows never
// hold a message's text, a reply's excerpt, a file's name or a file's bytes in clear.

const SECRET_TEXT = 'Mật danh chiến dịch: Sông Hậu Xanh 2025';
const SECRET_FILE_NAME = 'danh-sach-ho-di-doi-mat.xlsx';
const SECRET_FILE_BYTES = 'Nguyễn Văn Bí Mật, 0909123456, ấp Thạnh Lợi';

const roomNotices = (roomId: string) =>
  db()
    .select()
    .from(notifications)
    .where(like(notifications.dedupeKey, `chat:${roomId}:%`));

describe('no plaintext at rest', () => {
  it('keeps text, replies, names and bytes out of SQLite, R2 and libSQL', async () => {
    const {
      roomId,
      officials: [a, b, offline],
    } = await roomWith(3, 'Ban chỉ đạo');
    const stub = roomStub(roomId);
    const ca = await connect(roomId, a);
    const cb = await connect(roomId, b);
    const first = await say(ca.client, SECRET_TEXT);
    await say(cb.client, 'Rõ, mật danh đã nhận', { replyTo: first.id });
    const file = await stub.storeAttachment(roomId, a.id, {
      name: SECRET_FILE_NAME,
      contentType: 'application/vnd.ms-excel',
      bytes: textBytes(SECRET_FILE_BYTES),
    });
    await stub.postMessage(roomId, a.id, {
      clientId: 'tep-mat',
      kind: 'file',
      text: 'Danh sách kèm theo',
      attachmentId: file.id,
    });

    const dump = await roomSql(roomId, dumpTables);
    // The dump does hold the rows (ids are in clear), but none of the content.
    expect(dump).toContain(first.id);
    for (const secret of [
      SECRET_TEXT,
      'Sông Hậu',
      'mật danh',
      SECRET_FILE_NAME,
      'Danh sách kèm theo',
      'tep-mat',
    ]) {
      expect(dump).not.toContain(secret);
    }
    const columns = await roomSql(
      roomId,
      (sql) => sql.exec('SELECT * FROM messages LIMIT 1').columnNames,
    );
    expect(columns).toEqual([
      'id',
      'seq',
      'sender_id',
      'kind',
      'created_at',
      'key_version',
      'client_key',
      'body',
    ]);

    const object = await env.CHAT_FILES.get(objectKey(roomId, file.id));
    const stored = new Uint8Array(await (object as R2ObjectBody).arrayBuffer());
    const asText = new TextDecoder('utf-8').decode(stored);
    expect(asText).not.toContain('Bí Mật');
    expect(asText).not.toContain('0909123456');
    // IV (12) + ciphertext (as long as the plaintext) + tag (16).
    expect(stored.length).toBe(new TextEncoder().encode(SECRET_FILE_BYTES).length + 28);
    expect(JSON.stringify(object?.customMetadata ?? {})).not.toContain(SECRET_FILE_NAME);
    expect(object?.httpMetadata?.contentType).toBe('application/octet-stream');

    // The offline member's notification says who and where, never what.
    const [notice] = await eventually(async () => {
      const rows = await roomNotices(roomId);
      return rows.length > 0 ? rows : null;
    });
    expect(notice).toMatchObject({
      recipientType: 'official',
      recipientId: offline.id,
      kind: 'chat.message',
      title: 'Tin nhắn mới',
      body: `${a.fullName} đã gửi tin nhắn trong Ban chỉ đạo`,
      link: `/chat/${roomId}`,
    });
    expect(JSON.stringify(notice)).not.toContain('Sông Hậu');
    ca.client.close();
    cb.client.close();
  });
});

describe('offline notifications', () => {
  it('sends one per room until read, then one again for the next message', async () => {
    const {
      roomId,
      officials: [a, b],
    } = await roomWith(2, null);
    const stub = roomStub(roomId);
    const ca = await connect(roomId, a);
    const m1 = await say(ca.client, 'Một');
    await say(ca.client, 'Hai');
    await say(ca.client, 'Ba');
    const rows = await eventually(async () => {
      const r = await roomNotices(roomId);
      return r.length > 0 ? r : null;
    });
    // Give a late second write the chance to show up before asserting there is one.
    await new Promise((r) => setTimeout(r, 200));
    expect(await roomNotices(roomId)).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      recipientId: b.id,
      dedupeKey: `chat:${roomId}:${b.id}:${m1.seq}`,
      body: `${a.fullName} đã gửi tin nhắn trong cuộc trò chuyện`,
      readAt: null,
    });

    // Reading marks it read; the next message notifies again.
    await stub.markRead(roomId, b.id, 3);
    await eventually(async () => (await roomNotices(roomId))[0]?.readAt ?? null);
    const m4 = await say(ca.client, 'Bốn');
    const after = await eventually(async () => {
      const r = await roomNotices(roomId);
      return r.length === 2 ? r : null;
    });
    expect(after.map((n) => n.dedupeKey)).toContain(`chat:${roomId}:${b.id}:${m4.seq}`);

    // A member with a socket open gets none.
    const cb = await connect(roomId, b);
    await stub.markRead(roomId, b.id, m4.seq);
    await say(ca.client, 'Năm');
    await cb.client.next('message', (f) => f.message.text === 'Năm');
    await new Promise((r) => setTimeout(r, 200));
    expect(await roomNotices(roomId)).toHaveLength(2);
    ca.client.close();
    cb.client.close();
  });
});

describe('room list order (chat_rooms.last_message_at)', () => {
  it('is written at once, then at most every 5 s, the last burst by the alarm', async () => {
    const {
      roomId,
      officials: [a],
    } = await roomWith(1);
    const stub = roomStub(roomId);
    const lastMessageAt = async () =>
      (
        await db()
          .select({ at: chatRooms.lastMessageAt })
          .from(chatRooms)
          .where(eq(chatRooms.id, roomId))
      )[0]?.at ?? null;

    const first = await stub.postMessage(roomId, a.id, {
      clientId: 't1',
      kind: 'text',
      text: 'Một',
    });
    expect(await eventually(lastMessageAt)).toBe(first.createdAt);
    const second = await stub.postMessage(roomId, a.id, {
      clientId: 't2',
      kind: 'text',
      text: 'Hai',
    });
    await new Promise((r) => setTimeout(r, 200));
    // Throttled: still the first message's time, with an alarm set for the trailing write.
    expect(await lastMessageAt()).toBe(first.createdAt);
    const alarm = await runInDurableObject(rawStub(roomId), (_i, state) =>
      state.storage.getAlarm(),
    );
    expect(alarm).not.toBeNull();
    // Run before its time (the test pool runs alarms on demand): nothing is due yet.
    expect(await runDurableObjectAlarm(rawStub(roomId))).toBe(true);
    expect(await lastMessageAt()).toBe(first.createdAt);
    // Five seconds later (the due time moved into the past rather than the clock forward).
    await roomSql(roomId, (sql) =>
      sql.exec("UPDATE meta SET value = ? WHERE key = 'touch_due_ms'", String(Date.now() - 1)),
    );
    expect(await runDurableObjectAlarm(rawStub(roomId))).toBe(true);
    expect(await lastMessageAt()).toBe(second.createdAt);
    // Nothing left to do: no alarm stays set.
    expect(
      await runInDurableObject(rawStub(roomId), (_i, state) => state.storage.getAlarm()),
    ).toBeNull();
  });
});

describe('uploads never sent', () => {
  it('are deleted from R2 and storage by the alarm after 24 h; sent ones stay', async () => {
    const {
      roomId,
      officials: [a],
    } = await roomWith(1);
    const stub = roomStub(roomId);
    const bytes = () => textBytes('nội dung tệp');
    const before = Date.now();
    const abandoned = await stub.storeAttachment(roomId, a.id, {
      name: 'bo-do.txt',
      contentType: 'text/plain',
      bytes: bytes(),
    });
    const used = await stub.storeAttachment(roomId, a.id, {
      name: 'da-gui.txt',
      contentType: 'text/plain',
      bytes: bytes(),
    });
    await stub.postMessage(roomId, a.id, { clientId: 'u', kind: 'file', attachmentId: used.id });

    const expiry = await roomSql(roomId, (sql) =>
      Number(
        sql.exec('SELECT expires_at_ms AS t FROM attachments WHERE id = ?', abandoned.id).one().t,
      ),
    );
    expect(expiry).toBeGreaterThanOrEqual(before + PENDING_UPLOAD_TTL_MS);
    expect(expiry).toBeLessThanOrEqual(Date.now() + PENDING_UPLOAD_TTL_MS);

    // Not yet due: the alarm keeps it.
    await runDurableObjectAlarm(rawStub(roomId));
    expect(await env.CHAT_FILES.head(objectKey(roomId, abandoned.id))).not.toBeNull();

    // A day later (the row's expiry moved into the past rather than the clock forward).
    await roomSql(roomId, (sql) =>
      sql.exec(
        'UPDATE attachments SET expires_at_ms = ? WHERE id = ?',
        Date.now() - 1,
        abandoned.id,
      ),
    );
    await runInDurableObject(rawStub(roomId), (_i, state) =>
      state.storage.setAlarm(Date.now() + 60_000),
    );
    expect(await runDurableObjectAlarm(rawStub(roomId))).toBe(true);
    expect(await env.CHAT_FILES.head(objectKey(roomId, abandoned.id))).toBeNull();
    expect(await env.CHAT_FILES.head(objectKey(roomId, used.id))).not.toBeNull();
    const ids = await roomSql(roomId, (sql) =>
      sql
        .exec('SELECT id FROM attachments')
        .toArray()
        .map((r) => r.id),
    );
    expect(ids).toEqual([used.id]);
    expect(await stub.readAttachment(roomId, a.id, abandoned.id)).toBeNull();
  });
});
