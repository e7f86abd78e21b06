import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { objectKey } from '../src/chat/room/files';
import type { ChatMessage } from '../src/chat/types';
import { connect, roomSql, roomStub, roomWith, rpcError, say, textBytes } from './support/chat';

// Messages through the room: delivery to every member's socket, idempotent sends, replies,
// history back to the start, catch-up after a reconnect, receipts, typing, and deletion for
// everyone (the row and its file gone from storage, every connected view told).

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

describe('sending', () => {
  it('reaches every connected member, the sender included, in seq order', async () => {
    const {
      roomId,
      officials: [a, b, c],
    } = await roomWith(3);
    const [ca, cb, cc] = await Promise.all([
      connect(roomId, a),
      connect(roomId, b),
      connect(roomId, c),
    ]);
    const first = await say(ca.client, 'Chào buổi sáng các anh chị');
    const second = await say(cb.client, 'Chào anh');
    expect([first.seq, second.seq]).toEqual([1, 2]);
    expect(first).toMatchObject({
      roomId,
      senderId: a.id,
      senderName: a.fullName,
      kind: 'text',
      text: 'Chào buổi sáng các anh chị',
      replyTo: null,
      attachment: null,
    });
    const seen = [await cc.client.next('message'), await cc.client.next('message')];
    expect(seen.map((f) => f.message.id)).toEqual([first.id, second.id]);
    for (const x of [ca, cb, cc]) x.client.close();
  });

  it('stores a resent message once (same sender and client id), by socket and by RPC', async () => {
    const {
      roomId,
      officials: [a, b],
    } = await roomWith(2);
    const ca = await connect(roomId, a);
    const cb = await connect(roomId, b);
    const frame = {
      type: 'send',
      clientId: 'mat-mang-1',
      kind: 'text',
      text: 'Gửi lại khi mất mạng',
    };
    ca.client.send(frame);
    const stored = (await ca.client.next('message')).message;
    ca.client.send(frame);
    const again = (await ca.client.next('message')).message;
    expect(again).toEqual(stored);
    // The other member heard it once.
    await cb.client.next('message');
    expect(await cb.client.nothing('message', 300)).toBe(true);
    const viaRpc = await roomStub(roomId).postMessage(roomId, a.id, {
      clientId: 'mat-mang-1',
      kind: 'text',
      text: 'Gửi lại khi mất mạng',
    });
    expect(viaRpc.id).toBe(stored.id);
    // Another sender may use the same client id: it is theirs.
    const other = await roomStub(roomId).postMessage(roomId, b.id, {
      clientId: 'mat-mang-1',
      kind: 'text',
      text: 'Của tôi',
    });
    expect(other.id).not.toBe(stored.id);
    const rows = await roomSql(roomId, (sql) =>
      sql.exec('SELECT count(*) AS n FROM messages').one(),
    );
    expect(rows.n).toBe(2);
    ca.client.close();
    cb.client.close();
  });

  it('refuses bad frames and bad messages with an error frame, keeping the socket open', async () => {
    const {
      roomId,
      officials: [a],
    } = await roomWith(1);
    const { client } = await connect(roomId, a);
    client.sendRaw('không phải JSON');
    expect((await client.next('error')).code).toBe('bad_frame');
    client.send({ type: 'bay-len-troi' });
    expect((await client.next('error')).code).toBe('bad_frame');
    client.send({ type: 'send', clientId: 'c1', kind: 'text', text: '   ' });
    expect((await client.next('error')).code).toBe('invalid');
    client.send({ type: 'send', clientId: 'c2', kind: 'text', text: 'x'.repeat(4001) });
    expect((await client.next('error')).code).toBe('invalid');
    client.send({ type: 'send', clientId: 'c3', kind: 'image' });
    expect((await client.next('error')).code).toBe('invalid');
    client.send({ type: 'send', clientId: 'c4', kind: 'file', attachmentId: 'khong-co' });
    const missing = await client.next('error');
    expect(missing).toMatchObject({ code: 'invalid' });
    expect(missing.message).toContain('Tệp đính kèm');
    client.send({
      type: 'send',
      clientId: 'c5',
      kind: 'text',
      text: 'Trả lời',
      replyTo: 'khong-co',
    });
    expect((await client.next('error')).code).toBe('invalid');
    // Still open and working.
    client.send({ type: 'ping' });
    await client.next('pong');
    expect((await say(client, 'Vẫn hoạt động')).seq).toBe(1);
    client.close();
  });

  it('carries replies with an excerpt, which disappears when the original is deleted', async () => {
    const {
      roomId,
      officials: [a, b],
    } = await roomWith(2);
    const ca = await connect(roomId, a);
    const cb = await connect(roomId, b);
    const original = await say(
      ca.client,
      'Đề nghị các phòng gửi báo cáo tuần trước 16 giờ thứ Sáu',
    );
    const reply = await say(cb.client, 'Đã nhận', { replyTo: original.id });
    expect(reply.replyTo).toEqual({
      id: original.id,
      senderName: a.fullName,
      excerpt: 'Đề nghị các phòng gửi báo cáo tuần trước 16 giờ thứ Sáu',
    });
    ca.client.send({ type: 'delete', id: original.id });
    await cb.client.next('deleted');
    const page = await roomStub(roomId).history(roomId, b.id, { limit: 10 });
    expect(page.messages.map((m) => m.id)).toEqual([reply.id]);
    expect(page.messages[0]?.replyTo).toEqual({
      id: original.id,
      senderName: a.fullName,
      excerpt: null,
    });
    ca.client.close();
    cb.client.close();
  });

  it('sends images and files uploaded by the sender, each upload once', async () => {
    const {
      roomId,
      officials: [a, b],
    } = await roomWith(2);
    const stub = roomStub(roomId);
    const image = await stub.storeAttachment(roomId, a.id, {
      name: 'hiện trường.png',
      contentType: 'image/png',
      bytes: PNG.slice().buffer,
    });
    const pdf = await stub.storeAttachment(roomId, a.id, {
      name: '../../Công văn 12.pdf',
      contentType: 'application/pdf',
      bytes: textBytes('%PDF-1.4 nội dung'),
    });
    expect(pdf.name).toBe('Công văn 12.pdf');
    // Not theirs: b cannot send a's upload, nor read it while it is pending.
    expect(
      await rpcError(
        stub.postMessage(roomId, b.id, { clientId: 'x', kind: 'image', attachmentId: image.id }),
      ),
    ).toMatch(/^chat:invalid/);
    expect(await stub.readAttachment(roomId, b.id, image.id)).toBeNull();
    // A PDF is not an image.
    expect(
      await rpcError(
        stub.postMessage(roomId, a.id, { clientId: 'y', kind: 'image', attachmentId: pdf.id }),
      ),
    ).toMatch(/^chat:invalid/);

    const cb = await connect(roomId, b);
    const sent = await stub.postMessage(roomId, a.id, {
      clientId: 'anh-1',
      kind: 'image',
      text: 'Ảnh hiện trường',
      attachmentId: image.id,
    });
    expect(sent.attachment).toEqual({
      ...image,
      url: `/api/v1/chat/rooms/${roomId}/attachments/${image.id}`,
    });
    expect((await cb.client.next('message')).message.attachment?.id).toBe(image.id);
    const read = await stub.readAttachment(roomId, b.id, image.id);
    expect(read?.name).toBe('hiện trường.png');
    expect(read?.contentType).toBe('image/png');
    expect(new Uint8Array(read?.bytes ?? new ArrayBuffer(0))).toEqual(PNG);
    // Used once only.
    expect(
      await rpcError(
        stub.postMessage(roomId, a.id, {
          clientId: 'anh-2',
          kind: 'image',
          attachmentId: image.id,
        }),
      ),
    ).toMatch(/^chat:invalid/);
    cb.client.close();
  });
});

describe('history and catch-up', () => {
  it('pages back to the very first message', async () => {
    const {
      roomId,
      officials: [a],
    } = await roomWith(1);
    const stub = roomStub(roomId);
    const sent: ChatMessage[] = [];
    for (let i = 1; i <= 23; i += 1) {
      sent.push(
        await stub.postMessage(roomId, a.id, {
          clientId: `h-${i}`,
          kind: 'text',
          text: `Tin số ${i}`,
        }),
      );
    }
    const seen: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await stub.history(roomId, a.id, { limit: 10, ...(before ? { before } : {}) });
      seen.push(...page.messages.map((m) => m.seq));
      if (!page.hasMore) break;
      before = page.messages.at(-1)?.seq;
    }
    expect(seen).toEqual(sent.map((m) => m.seq).reverse());
    expect(seen.at(-1)).toBe(1);
  });

  it('brings a reconnecting member up to date with sync, in order', async () => {
    const {
      roomId,
      officials: [a, b],
    } = await roomWith(2);
    const ca = await connect(roomId, a);
    const first = await connect(roomId, b);
    const m1 = await say(ca.client, 'Trước khi mất sóng');
    await first.client.next('message');
    first.client.close();
    await ca.client.next('presence', (f) => !f.online);
    const missed = [
      await say(ca.client, 'Trong lúc mất sóng 1'),
      await say(ca.client, 'Trong lúc mất sóng 2'),
    ];

    const back = await connect(roomId, b);
    expect(back.ready.lastSeq).toBe(missed[1]?.seq);
    back.client.send({ type: 'sync', after: m1.seq });
    const caughtUp = [await back.client.next('message'), await back.client.next('message')];
    expect(caughtUp.map((f) => f.message.text)).toEqual([
      'Trong lúc mất sóng 1',
      'Trong lúc mất sóng 2',
    ]);
    expect(await back.client.next('synced')).toEqual({ type: 'synced', hasMore: false });
    ca.client.close();
    back.client.close();
  });
});

describe('receipts and typing', () => {
  it('broadcasts delivered and read receipts, moving forward only, and counts unread', async () => {
    const {
      roomId,
      officials: [a, b],
    } = await roomWith(2);
    const ca = await connect(roomId, a);
    const cb = await connect(roomId, b);
    await say(ca.client, 'Một');
    const two = await say(ca.client, 'Hai');
    expect((await roomStub(roomId).summary(roomId, b.id)).unread).toBe(2);
    expect((await roomStub(roomId).summary(roomId, a.id)).unread).toBe(0);

    cb.client.send({ type: 'delivered', upTo: two.seq });
    expect(await ca.client.next('receipt')).toEqual({
      type: 'receipt',
      officialId: b.id,
      kind: 'delivered',
      upTo: two.seq,
    });
    cb.client.send({ type: 'read', upTo: 1 });
    expect(await ca.client.next('receipt', (f) => f.kind === 'read')).toMatchObject({ upTo: 1 });
    expect((await roomStub(roomId).summary(roomId, b.id)).unread).toBe(1);
    // Backwards is ignored; past the end is clamped to the last message.
    cb.client.send({ type: 'read', upTo: 0 });
    cb.client.send({ type: 'read', upTo: 999 });
    expect(await ca.client.next('receipt', (f) => f.kind === 'read')).toMatchObject({
      upTo: two.seq,
    });
    const summary = await roomStub(roomId).summary(roomId, b.id);
    expect(summary).toMatchObject({ unread: 0, lastSeq: two.seq });
    expect(summary.lastMessage?.id).toBe(two.id);
    // The reader's own next ready frame remembers.
    const again = await connect(roomId, b);
    expect(again.ready.readUpTo).toBe(two.seq);
    for (const x of [ca, cb, again]) x.client.close();
  });

  it('relays typing to the others without storing it', async () => {
    const {
      roomId,
      officials: [a, b],
    } = await roomWith(2);
    const ca = await connect(roomId, a);
    const cb = await connect(roomId, b);
    ca.client.send({ type: 'typing', active: true });
    expect(await cb.client.next('typing')).toEqual({
      type: 'typing',
      officialId: a.id,
      name: a.fullName,
      active: true,
    });
    expect(await ca.client.nothing('typing', 200)).toBe(true);
    const stored = await roomSql(roomId, (sql) =>
      sql.exec('SELECT count(*) AS n FROM messages').one(),
    );
    expect(stored.n).toBe(0);
    ca.client.close();
    cb.client.close();
  });
});

describe('delete for everyone', () => {
  it('removes the row and its file from storage and from every connected view', async () => {
    const {
      roomId,
      officials: [a, b, c],
    } = await roomWith(3);
    const stub = roomStub(roomId);
    const [ca, cb, cc] = await Promise.all([
      connect(roomId, a),
      connect(roomId, b),
      connect(roomId, c),
    ]);
    const file = await stub.storeAttachment(roomId, a.id, {
      name: 'bien-ban.pdf',
      contentType: 'application/pdf',
      bytes: textBytes('%PDF biên bản'),
    });
    const kept = await say(cb.client, 'Tin này ở lại');
    ca.client.send({ type: 'send', clientId: 'f-1', kind: 'file', attachmentId: file.id });
    const doomed = (await ca.client.next('message', (f) => f.message.clientId === 'f-1')).message;
    expect(await env.CHAT_FILES.head(objectKey(roomId, file.id))).not.toBeNull();

    // Only its sender may delete it.
    cb.client.send({ type: 'delete', id: doomed.id });
    expect((await cb.client.next('error')).code).toBe('not_sender');

    ca.client.send({ type: 'delete', id: doomed.id });
    for (const x of [ca, cb, cc]) {
      expect(await x.client.next('deleted')).toEqual({ type: 'deleted', id: doomed.id });
    }
    const left = await roomSql(roomId, (sql) => ({
      messages: sql
        .exec('SELECT id FROM messages')
        .toArray()
        .map((r) => r.id),
      attachments: sql.exec('SELECT count(*) AS n FROM attachments').one().n,
    }));
    expect(left).toEqual({ messages: [kept.id], attachments: 0 });
    expect(await env.CHAT_FILES.head(objectKey(roomId, file.id))).toBeNull();
    expect(await stub.readAttachment(roomId, b.id, file.id)).toBeNull();
    // Gone from history; a second delete finds nothing; seq numbers are never reused.
    expect((await stub.history(roomId, c.id, { limit: 10 })).messages.map((m) => m.id)).toEqual([
      kept.id,
    ]);
    expect(await stub.deleteMessage(roomId, a.id, doomed.id)).toEqual({ deleted: false });
    const next = await say(cc.client, 'Tin sau khi xóa');
    expect(next.seq).toBe(doomed.seq + 1);
    for (const x of [ca, cb, cc]) x.client.close();
  });

  it('refuses a delete by someone else through the RPC too', async () => {
    const {
      roomId,
      officials: [a, b],
    } = await roomWith(2);
    const m = await roomStub(roomId).postMessage(roomId, a.id, {
      clientId: 'd',
      kind: 'text',
      text: 'Của A',
    });
    expect(await rpcError(roomStub(roomId).deleteMessage(roomId, b.id, m.id))).toBe(
      'chat:not_sender',
    );
    expect(await roomStub(roomId).deleteMessage(roomId, a.id, m.id)).toEqual({ deleted: true });
  });
});
