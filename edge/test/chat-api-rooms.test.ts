import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import app from '../src/app';
import type { ChatMessage } from '../src/chat/types';
import type { Env } from '../src/platform/env';
import { call, type ErrorJson, ORIGIN } from './helpers';
import {
  chatCall,
  createGroup,
  ok,
  openSocket,
  pdfBytes,
  type RoomDetail,
  sendText,
  upload,
  uploadOk,
  within,
} from './support/chat-api';
import { baseJpeg } from './support/images';
import { createOfficial, db, signedInOfficial } from './support/officials';

// Rooms and members of the officials' chat through the real routes: direct rooms one per pair
// even under parallel requests, groups, agency rooms and their permission, owners managing
// members (a removed member loses history, files and their open socket at once), the room
// list, the directory, attachments' checks and headers, and the chat switched off without its
// master keys.

type RoomList = {
  rooms: {
    id: string;
    kind: string;
    title: string;
    members: number;
    unread: number;
    lastMessage: ChatMessage | null;
    available: boolean;
  }[];
  nextCursor: string | null;
};

const errorCode = async (res: Response) => ((await res.json()) as ErrorJson).error.code;

async function fetchWith(environment: Env, path: string, init: RequestInit = {}) {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`${ORIGIN}${path}`, init), environment, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe('direct rooms', () => {
  it('makes one room per pair, whoever asks and however many times at once', async () => {
    const [a, b] = await Promise.all([signedInOfficial(), signedInOfficial()]);
    const calls = Array.from({ length: 10 }, (_, i) =>
      i % 2 === 0
        ? chatCall('/rooms', a.headers, { json: { kind: 'direct', officialId: b.official.id } })
        : chatCall('/rooms', b.headers, { json: { kind: 'direct', officialId: a.official.id } }),
    );
    const answers = await Promise.all(
      calls.map(async (p) => {
        const res = await p;
        return {
          status: res.status,
          body: (await res.json()) as { room: RoomDetail; created: boolean },
        };
      }),
    );
    const ids = new Set(answers.map((x) => x.body.room.id));
    expect(ids.size).toBe(1);
    expect(answers.filter((x) => x.status === 201 && x.body.created)).toHaveLength(1);
    expect(answers.filter((x) => x.status === 200 && !x.body.created)).toHaveLength(9);
    const key = [a.official.id, b.official.id].sort().join(':');
    const rows = await db().all<{ id: string; n: number }>(
      sql`select r.id as id, (select count(*) from chat_members m where m.room_id = r.id) as n
          from chat_rooms r where r.direct_key = ${key}`,
    );
    expect(rows).toEqual([{ id: [...ids][0], n: 2 }]);
    // Each side sees the other's name as the title.
    const asA = answers.find((x) => x.body.room.members.length === 2)?.body.room;
    expect(asA?.kind).toBe('direct');
    const listA = await ok<RoomList>(chatCall('/rooms', a.headers));
    expect(listA.rooms.find((r) => r.id === [...ids][0])?.title).toBe(b.official.fullName);
    const listB = await ok<RoomList>(chatCall('/rooms', b.headers));
    expect(listB.rooms.find((r) => r.id === [...ids][0])?.title).toBe(a.official.fullName);
    // One audit entry for the one creation.
    const audits = await db().all<{ n: number }>(
      sql`select count(*) as n from audit_log where action = 'chat_room.create' and entity_id = ${[...ids][0]}`,
    );
    expect(audits[0]?.n).toBe(1);
  });

  it('refuses oneself, unknown and disabled officials, and member changes', async () => {
    const me = await signedInOfficial();
    const disabled = await createOfficial({ status: 'disabled' });
    const self = await chatCall('/rooms', me.headers, {
      json: { kind: 'direct', officialId: me.official.id },
    });
    expect(self.status).toBe(422);
    expect(await errorCode(self)).toBe('cannot_chat_with_self');
    for (const officialId of [disabled.id, 'khong-ton-tai']) {
      const res = await chatCall('/rooms', me.headers, { json: { kind: 'direct', officialId } });
      expect(res.status).toBe(422);
      expect(await errorCode(res)).toBe('official_not_found');
    }
    const other = await signedInOfficial();
    const room = await ok<{ room: RoomDetail }>(
      chatCall('/rooms', me.headers, { json: { kind: 'direct', officialId: other.official.id } }),
      201,
    );
    const third = await createOfficial();
    const add = await chatCall(`/rooms/${room.room.id}/members`, me.headers, {
      json: { officialIds: [third.id] },
    });
    expect(add.status).toBe(422);
    expect(await errorCode(add)).toBe('direct_room_members');
    const leave = await chatCall(`/rooms/${room.room.id}/members/${me.official.id}`, me.headers, {
      method: 'DELETE',
    });
    expect(leave.status).toBe(422);
  });
});

describe('groups', () => {
  it('answers a retried creation (same clientId) with the group made the first time', async () => {
    const me = await signedInOfficial();
    const mate = await createOfficial();
    const clientId = `nhom-${crypto.randomUUID()}`;
    const body = { kind: 'group', title: 'Tổ trực bão số 3', memberIds: [mate.id], clientId };
    const [first, second] = await Promise.all([
      chatCall('/rooms', me.headers, { json: body }),
      chatCall('/rooms', me.headers, { json: body }),
    ]);
    const one = (await first.json()) as { room: RoomDetail; created: boolean };
    const two = (await second.json()) as { room: RoomDetail; created: boolean };
    expect(one.room.id).toBe(two.room.id);
    expect([first.status, second.status].sort()).toEqual([200, 201]);
    expect(one.room.members.map((m) => [m.id, m.role]).sort()).toEqual(
      [
        [me.official.id, 'owner'],
        [mate.id, 'member'],
      ].sort(),
    );
  });

  it('needs someone besides the creator, all of them active', async () => {
    const me = await signedInOfficial();
    const alone = await chatCall('/rooms', me.headers, {
      json: { kind: 'group', title: 'Một mình', memberIds: [me.official.id] },
    });
    expect(alone.status).toBe(422);
    expect(await errorCode(alone)).toBe('group_needs_members');
    const disabled = await createOfficial({ status: 'disabled' });
    const res = await chatCall('/rooms', me.headers, {
      json: { kind: 'group', title: 'Có người bị khóa', memberIds: [disabled.id] },
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as ErrorJson).error.details).toEqual({
      officialIds: [disabled.id],
    });
    const untitled = await chatCall('/rooms', me.headers, {
      json: { kind: 'group', title: '   ', memberIds: [disabled.id] },
    });
    expect(untitled.status).toBe(400);
  });
});

describe('agency rooms', () => {
  // An agency of its own in this file: one room per agency, in a database every file shares.
  const AGENCY = 'so_khoa_hoc_cong_nghe';

  it('need chat.agency_room on that agency, take its active officials, one per agency', async () => {
    const handler = await signedInOfficial({ roles: ['agency_handler'], agencyId: AGENCY });
    const otherLeader = await signedInOfficial({
      roles: ['agency_leader'],
      agencyId: 'so_giao_duc',
    });
    const leader = await signedInOfficial({ roles: ['agency_leader'], agencyId: AGENCY });
    const colleague = await createOfficial({ roles: ['agency_handler'], agencyId: AGENCY });
    const disabled = await createOfficial({
      roles: ['agency_handler'],
      agencyId: AGENCY,
      status: 'disabled',
    });
    const admin = await signedInOfficial({ roles: ['admin'], agencyId: 'ioc' });
    const body = { kind: 'agency', agencyId: AGENCY };

    for (const who of [handler, otherLeader]) {
      const res = await chatCall('/rooms', who.headers, { json: body });
      expect(res.status).toBe(403);
      expect(await errorCode(res)).toBe('forbidden');
    }
    const unknown = await chatCall('/rooms', admin.headers, {
      json: { kind: 'agency', agencyId: 'khong_co_co_quan' },
    });
    expect(unknown.status).toBe(422);

    const created = await ok<{ room: RoomDetail; created: boolean }>(
      chatCall('/rooms', leader.headers, { json: body }),
      201,
    );
    const room = created.room;
    expect(room.kind).toBe('agency');
    expect(room.title).toBe('Sở Khoa học và Công nghệ');
    const ids = new Map(room.members.map((m) => [m.id, m.role]));
    expect(ids.get(leader.official.id)).toBe('owner');
    expect(ids.get(handler.official.id)).toBe('member');
    expect(ids.get(colleague.id)).toBe('member');
    expect(ids.has(disabled.id)).toBe(false);
    expect(ids.has(admin.official.id)).toBe(false);

    // Again by its creator: the same room. By an administrator who is not in it: refused,
    // with the room's id (they may ask its owners to be added). By a member without the
    // permission: refused like any creation.
    const again = await ok<{ room: RoomDetail; created: boolean }>(
      chatCall('/rooms', leader.headers, { json: body }),
    );
    expect(again).toMatchObject({ created: false, room: { id: room.id } });
    const byAdmin = await chatCall('/rooms', admin.headers, { json: body });
    expect(byAdmin.status).toBe(409);
    expect(((await byAdmin.json()) as ErrorJson).error).toMatchObject({
      code: 'agency_room_exists',
      details: { roomId: room.id },
    });

    // The agency changes: a newcomer joins, the colleague leaves the agency. The owner syncs.
    const newcomer = await createOfficial({ roles: ['agency_handler'], agencyId: AGENCY });
    await db().run(sql`update officials set agency_id = 'so_giao_duc' where id = ${colleague.id}`);
    const notOwner = await chatCall(`/rooms/${room.id}/members/sync`, handler.headers, {
      method: 'POST',
    });
    expect(notOwner.status).toBe(403);
    const synced = await ok<{ added: number; removed: number; members: { id: string }[] }>(
      chatCall(`/rooms/${room.id}/members/sync`, leader.headers, { method: 'POST' }),
    );
    expect(synced.added).toBeGreaterThanOrEqual(1);
    expect(synced.removed).toBe(1);
    const after = new Set(synced.members.map((m) => m.id));
    expect(after.has(newcomer.id)).toBe(true);
    expect(after.has(colleague.id)).toBe(false);
    expect(after.has(leader.official.id)).toBe(true);
  });

  it('an administrator creates the room of any agency', async () => {
    const admin = await signedInOfficial({ roles: ['admin'], agencyId: 'ioc' });
    const res = await ok<{ room: RoomDetail }>(
      chatCall('/rooms', admin.headers, { json: { kind: 'agency', agencyId: 'so_noi_vu' } }),
      201,
    );
    expect(res.room.myRole).toBe('owner');
    expect(res.room.agencyId).toBe('so_noi_vu');
  });
});

describe('members', () => {
  it('a removed member loses history, files and their open socket at once', async () => {
    const [owner, keeper, leaver] = await Promise.all([
      signedInOfficial(),
      signedInOfficial(),
      signedInOfficial(),
    ]);
    const room = await createGroup(owner.headers, [keeper.official.id, leaver.official.id]);
    const att = await uploadOk(
      keeper.headers,
      room.id,
      pdfBytes(),
      'application/pdf',
      'kế hoạch.pdf',
    );
    await ok(
      chatCall(`/rooms/${room.id}/messages`, keeper.headers, {
        json: { clientId: crypto.randomUUID(), kind: 'file', attachmentId: att.id },
      }),
      201,
    );
    await sendText(owner.headers, room.id, 'Họp lúc 14 giờ');
    // Before: the leaver reads everything and is connected.
    expect((await chatCall(`/rooms/${room.id}/messages`, leaver.headers)).status).toBe(200);
    expect((await chatCall(`/rooms/${room.id}/attachments/${att.id}`, leaver.headers)).status).toBe(
      200,
    );
    const socket = await openSocket(leaver.headers, room.id);
    await socket.next('ready');

    const removed = await ok<{ removed: number; disconnected: number; members: { id: string }[] }>(
      chatCall(`/rooms/${room.id}/members/${leaver.official.id}`, owner.headers, {
        method: 'DELETE',
      }),
    );
    expect(removed.removed).toBe(1);
    expect(removed.disconnected).toBeGreaterThanOrEqual(1);
    expect(removed.members.map((m) => m.id)).not.toContain(leaver.official.id);
    const closed = await within(socket.closed, 5000, 'removed socket');
    expect(closed.code).toBe(4403);

    for (const path of [
      `/rooms/${room.id}`,
      `/rooms/${room.id}/messages`,
      `/rooms/${room.id}/attachments/${att.id}`,
      `/rooms/${room.id}/calls`,
    ]) {
      const res = await chatCall(path, leaver.headers);
      expect(res.status, path).toBe(404);
      expect(await errorCode(res)).toBe('room_not_found');
    }
    const ticket = await chatCall(`/rooms/${room.id}/ticket`, leaver.headers, { method: 'POST' });
    expect(ticket.status).toBe(404);
    const list = await ok<RoomList>(chatCall('/rooms', leaver.headers));
    expect(list.rooms.map((r) => r.id)).not.toContain(room.id);
    // The others go on.
    expect((await chatCall(`/rooms/${room.id}/messages`, keeper.headers)).status).toBe(200);
    // Removing again changes nothing (a retry after a lost answer).
    const again = await ok<{ removed: number }>(
      chatCall(`/rooms/${room.id}/members/${leaver.official.id}`, owner.headers, {
        method: 'DELETE',
      }),
    );
    expect(again.removed).toBe(0);
    const audit = await db().all<{ n: number }>(
      sql`select count(*) as n from audit_log where action = 'chat_room.member_remove' and entity_id = ${room.id}`,
    );
    expect(audit[0]?.n).toBe(1);
  });

  it('keeps a last owner, lets owners name owners, and anyone leave', async () => {
    const [owner, mate, other] = await Promise.all([
      signedInOfficial(),
      signedInOfficial(),
      signedInOfficial(),
    ]);
    const room = await createGroup(owner.headers, [mate.official.id, other.official.id]);
    const leaveAlone = await chatCall(
      `/rooms/${room.id}/members/${owner.official.id}`,
      owner.headers,
      {
        method: 'DELETE',
      },
    );
    expect(leaveAlone.status).toBe(409);
    expect(await errorCode(leaveAlone)).toBe('last_owner');
    // A member cannot make themselves owner.
    const selfPromote = await chatCall(`/rooms/${room.id}/members`, mate.headers, {
      json: { officialIds: [mate.official.id], role: 'owner' },
    });
    expect(selfPromote.status).toBe(403);
    const promoted = await ok<{
      promoted: number;
      added: number;
      members: { id: string; role: string }[];
    }>(
      chatCall(`/rooms/${room.id}/members`, owner.headers, {
        json: { officialIds: [mate.official.id], role: 'owner' },
      }),
    );
    expect(promoted).toMatchObject({ promoted: 1, added: 0 });
    expect(promoted.members.find((m) => m.id === mate.official.id)?.role).toBe('owner');
    // Now the first owner may leave, and then sees nothing of the room.
    const left = await ok<{ removed: number; members: unknown[] }>(
      chatCall(`/rooms/${room.id}/members/${owner.official.id}`, owner.headers, {
        method: 'DELETE',
      }),
    );
    expect(left).toMatchObject({ removed: 1, members: [] });
    expect((await chatCall(`/rooms/${room.id}`, owner.headers)).status).toBe(404);
    // A plain member leaves by themselves but removes nobody else.
    const kick = await chatCall(`/rooms/${room.id}/members/${mate.official.id}`, other.headers, {
      method: 'DELETE',
    });
    expect(kick.status).toBe(403);
    const bye = await chatCall(`/rooms/${room.id}/members/${other.official.id}`, other.headers, {
      method: 'DELETE',
    });
    expect(bye.status).toBe(200);
    const detail = await ok<RoomDetail>(chatCall(`/rooms/${room.id}`, mate.headers));
    expect(detail.members.map((m) => m.id)).toEqual([mate.official.id]);
  });

  it('adds only active officials, once', async () => {
    const owner = await signedInOfficial();
    const mate = await createOfficial();
    const room = await createGroup(owner.headers, [mate.id]);
    const newcomer = await createOfficial();
    const disabled = await createOfficial({ status: 'disabled' });
    const refused = await chatCall(`/rooms/${room.id}/members`, owner.headers, {
      json: { officialIds: [newcomer.id, disabled.id] },
    });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as ErrorJson).error.details).toEqual({
      officialIds: [disabled.id],
    });
    const first = await ok<{ added: number }>(
      chatCall(`/rooms/${room.id}/members`, owner.headers, {
        json: { officialIds: [newcomer.id] },
      }),
    );
    const second = await ok<{ added: number; members: unknown[] }>(
      chatCall(`/rooms/${room.id}/members`, owner.headers, {
        json: { officialIds: [newcomer.id] },
      }),
    );
    expect(first.added).toBe(1);
    expect(second.added).toBe(0);
    expect(second.members).toHaveLength(3);
  });
});

describe('messages over REST', () => {
  it('only the sender deletes a message; the room list shows last message and unread', async () => {
    const [a, b] = await Promise.all([signedInOfficial(), signedInOfficial()]);
    const room = await createGroup(a.headers, [b.official.id], 'Nhóm đếm tin chưa đọc');
    const first = await sendText(a.headers, room.id, 'Tin thứ nhất');
    const second = await sendText(a.headers, room.id, 'Tin thứ hai');
    const listRes = await chatCall('/rooms', b.headers);
    expect(listRes.headers.get('Cache-Control')).toBe('private, no-store');
    const listB = await ok<RoomList>(listRes);
    const item = listB.rooms.find((r) => r.id === room.id);
    expect(item).toMatchObject({ unread: 2, members: 2, available: true, kind: 'group' });
    expect(item?.lastMessage?.text).toBe('Tin thứ hai');
    // The room with the latest activity comes first.
    expect(listB.rooms[0]?.id).toBe(room.id);

    const notSender = await chatCall(`/rooms/${room.id}/messages/${first.id}`, b.headers, {
      method: 'DELETE',
    });
    expect(notSender.status).toBe(403);
    expect(await errorCode(notSender)).toBe('not_sender');
    const gone = await ok<{ deleted: boolean }>(
      chatCall(`/rooms/${room.id}/messages/${second.id}`, a.headers, { method: 'DELETE' }),
    );
    expect(gone.deleted).toBe(true);
    // Deleting again (a retry whose answer was lost) is not an error, and deletes nothing.
    const retried = await ok<{ deleted: boolean }>(
      chatCall(`/rooms/${room.id}/messages/${second.id}`, a.headers, { method: 'DELETE' }),
    );
    expect(retried.deleted).toBe(false);

    await ok(chatCall(`/rooms/${room.id}/read`, b.headers, { json: { upTo: first.seq } }));
    const after = await ok<RoomList>(chatCall('/rooms', b.headers));
    const now = after.rooms.find((r) => r.id === room.id);
    expect(now?.unread).toBe(0);
    expect(now?.lastMessage?.id).toBe(first.id);
    const history = await ok<{ messages: ChatMessage[] }>(
      chatCall(`/rooms/${room.id}/messages`, b.headers),
    );
    expect(history.messages.map((m) => m.id)).toEqual([first.id]);
  });

  it('pages history back to the start and validates what is sent', async () => {
    const [a, b] = await Promise.all([signedInOfficial(), signedInOfficial()]);
    const room = await createGroup(a.headers, [b.official.id]);
    const sent: ChatMessage[] = [];
    for (let i = 1; i <= 7; i++) sent.push(await sendText(a.headers, room.id, `Tin ${i}`));
    const seen: string[] = [];
    let before: number | undefined;
    for (let page = 0; page < 10; page++) {
      const res = await ok<{ messages: ChatMessage[]; hasMore: boolean }>(
        chatCall(
          `/rooms/${room.id}/messages?limit=3${before ? `&before=${before}` : ''}`,
          b.headers,
        ),
      );
      seen.push(...res.messages.map((m) => m.text ?? ''));
      if (!res.hasMore) break;
      before = res.messages.at(-1)?.seq;
    }
    expect(seen).toEqual(['Tin 7', 'Tin 6', 'Tin 5', 'Tin 4', 'Tin 3', 'Tin 2', 'Tin 1']);
    // Sending twice with one clientId stores one message.
    const clientId = crypto.randomUUID();
    const m1 = await ok<ChatMessage>(
      chatCall(`/rooms/${room.id}/messages`, a.headers, {
        json: { clientId, kind: 'text', text: 'Một lần' },
      }),
      201,
    );
    const m2 = await ok<ChatMessage>(
      chatCall(`/rooms/${room.id}/messages`, a.headers, {
        json: { clientId, kind: 'text', text: 'Một lần' },
      }),
      201,
    );
    expect(m2.id).toBe(m1.id);
    for (const body of [
      { clientId: 'x1', kind: 'text', text: '   ' },
      { clientId: 'x2', kind: 'text', text: 'a'.repeat(4001) },
      { clientId: 'x3', kind: 'image' },
      { kind: 'text', text: 'thiếu mã' },
    ]) {
      const res = await chatCall(`/rooms/${room.id}/messages`, a.headers, { json: body });
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(400);
    }
    // Someone else's attachment cannot be sent as one's own.
    const theirs = await uploadOk(b.headers, room.id, baseJpeg(), 'image/jpeg', 'anh.jpg');
    const stolen = await chatCall(`/rooms/${room.id}/messages`, a.headers, {
      json: { clientId: crypto.randomUUID(), kind: 'image', attachmentId: theirs.id },
    });
    expect(stolen.status).toBe(422);
    // The room's own reason reaches the client, in Vietnamese.
    expect(((await stolen.json()) as ErrorJson).error).toMatchObject({
      code: 'invalid_message',
      message: 'Tệp đính kèm không tồn tại hoặc đã được gửi.',
    });
    const limit = await chatCall(`/rooms/${room.id}/messages?limit=101`, a.headers);
    expect(limit.status).toBe(400);
  });
});

describe('attachments', () => {
  it('checks size, emptiness and image bytes; serves privately with safe headers', async () => {
    const [a, b] = await Promise.all([signedInOfficial(), signedInOfficial()]);
    const room = await createGroup(a.headers, [b.official.id]);

    const small = { ...env, CHAT_MAX_FILE_BYTES: '1000' } as Env;
    const big = await fetchWith(small, `/api/v1/chat/rooms/${room.id}/attachments`, {
      method: 'POST',
      headers: { ...a.headers, 'Content-Type': 'application/pdf', 'X-File-Name': 'lon.pdf' },
      body: new Uint8Array(1001),
    });
    expect(big.status).toBe(413);
    expect(((await big.json()) as ErrorJson).error).toMatchObject({
      code: 'file_too_large',
      details: { maxBytes: 1000 },
    });
    const empty = await upload(
      a.headers,
      room.id,
      new Uint8Array(0),
      'application/pdf',
      'rong.pdf',
    );
    expect(empty.status).toBe(400);
    expect(await errorCode(empty)).toBe('empty_file');
    const fakeImage = await upload(a.headers, room.id, pdfBytes(), 'image/png', 'gia.png');
    expect(fakeImage.status).toBe(415);
    expect(await errorCode(fakeImage)).toBe('unsupported_image');
    const svg = await upload(
      a.headers,
      room.id,
      new TextEncoder().encode(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      ),
      'image/svg+xml',
      'x.svg',
    );
    expect(svg.status).toBe(415);
    const noName = await chatCall(`/rooms/${room.id}/attachments`, a.headers, {
      body: pdfBytes(),
      extra: { 'Content-Type': 'application/pdf' },
    });
    expect(noName.status).toBe(400);
    expect(await errorCode(noName)).toBe('file_name_required');

    // A JPEG declared as PNG is stored as what it is.
    const image = await uploadOk(
      a.headers,
      room.id,
      baseJpeg(),
      'image/png',
      'ảnh hiện trường.png',
    );
    expect(image.contentType).toBe('image/jpeg');
    expect(image.name).toBe('ảnh hiện trường.png');
    const pdf = await uploadOk(
      a.headers,
      room.id,
      pdfBytes(),
      'application/pdf',
      '../../Biên bản "họp".pdf',
    );
    expect(pdf.name).toBe('Biên bản "họp".pdf');
    for (const [att, kind] of [
      [image, 'image'],
      [pdf, 'file'],
    ] as const) {
      await ok(
        chatCall(`/rooms/${room.id}/messages`, a.headers, {
          json: { clientId: crypto.randomUUID(), kind, attachmentId: att.id },
        }),
        201,
      );
    }

    const shown = await chatCall(`/rooms/${room.id}/attachments/${image.id}`, b.headers);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('Content-Type')).toBe('image/jpeg');
    expect(shown.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(shown.headers.get('Cache-Control')).toBe('private, max-age=300');
    expect(shown.headers.get('Content-Disposition')).toMatch(/^inline; /);
    expect(new Uint8Array(await shown.arrayBuffer())).toEqual(baseJpeg());

    const file = await chatCall(`/rooms/${room.id}/attachments/${pdf.id}`, b.headers);
    expect(file.status).toBe(200);
    expect(file.headers.get('Content-Type')).toBe('application/pdf');
    const disposition = file.headers.get('Content-Disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="Bien ban _hop_\.pdf"; /);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('Biên bản "họp".pdf')}`);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(pdfBytes());

    // The mini app (another origin) may send the file name header.
    const preflight = await call(`/api/v1/chat/rooms/${room.id}/attachments`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:3000',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type, x-file-name',
      },
    });
    expect(preflight.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toContain(
      'x-file-name',
    );

    const missing = await chatCall(`/rooms/${room.id}/attachments/khong-co`, b.headers);
    expect(missing.status).toBe(404);
    expect(await errorCode(missing)).toBe('attachment_not_found');
  });
});

describe('directory and config', () => {
  it('finds active officials by name without accents, never oneself', async () => {
    const tag = crypto.randomUUID().slice(0, 6);
    const me = await signedInOfficial({ fullName: `Trần Thị Ánh Dương ${tag}` });
    const found = await createOfficial({
      fullName: `Nguyễn Đức Ánh Dương ${tag}`,
      agencyId: 'so_y_te',
    });
    await createOfficial({ fullName: `Lê Ánh Dương ${tag}`, status: 'disabled' });
    const res = await ok<{ officials: { id: string; fullName: string; agencyName: string }[] }>(
      chatCall(`/directory?q=${encodeURIComponent(`anh duong ${tag}`)}`, me.headers),
    );
    expect(res.officials.map((o) => o.id)).toEqual([found.id]);
    expect(res.officials[0]?.agencyName).toBe('Sở Y tế');
    const byDiacritics = await ok<{ officials: { id: string }[] }>(
      chatCall(`/directory?q=${encodeURIComponent(`ĐỨC ${tag}`)}`, me.headers),
    );
    expect(byDiacritics.officials.map((o) => o.id)).toEqual([found.id]);
    const bad = await chatCall('/directory?cursor=zzz', me.headers);
    expect(bad.status).toBe(400);
  });

  it('gives the ICE servers and the file size limit', async () => {
    const me = await signedInOfficial();
    const config = await ok<{ iceServers: unknown[]; maxFileBytes: number }>(
      chatCall('/config', me.headers),
    );
    expect(config).toEqual({ iceServers: [], maxFileBytes: 20_000_000 });
    const withStun = {
      ...env,
      CHAT_ICE_SERVERS: '[{"urls":"stun:stun.example.vn:3478"},{"x":1}]',
    } as Env;
    const res = await fetchWith(withStun, '/api/v1/chat/config', { headers: me.headers });
    expect(await res.json()).toEqual({
      iceServers: [{ urls: 'stun:stun.example.vn:3478' }],
      maxFileBytes: 20_000_000,
    });
  });
});

describe('OpenAPI', () => {
  it('documents every chat route', async () => {
    const res = await call('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
    const chat = Object.entries(doc.paths)
      .filter(([path]) => path.includes('/chat'))
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(chat).toEqual(
      [
        'GET /api/v1/chat/config',
        'GET /api/v1/chat/directory',
        'GET /api/v1/chat/rooms',
        'POST /api/v1/chat/rooms',
        'GET /api/v1/chat/rooms/{id}',
        'POST /api/v1/chat/rooms/{id}/members',
        'DELETE /api/v1/chat/rooms/{id}/members/{officialId}',
        'POST /api/v1/chat/rooms/{id}/members/sync',
        'GET /api/v1/chat/rooms/{id}/messages',
        'POST /api/v1/chat/rooms/{id}/messages',
        'DELETE /api/v1/chat/rooms/{id}/messages/{messageId}',
        'POST /api/v1/chat/rooms/{id}/read',
        'POST /api/v1/chat/rooms/{id}/attachments',
        'GET /api/v1/chat/rooms/{id}/attachments/{attachmentId}',
        'POST /api/v1/chat/rooms/{id}/ticket',
        'GET /api/v1/chat/rooms/{id}/calls',
        'POST /api/v1/admin/chat/rotate-keys',
      ].sort(),
    );
  });
});

describe('without master keys', () => {
  it('every chat route answers 503 chat_not_configured', async () => {
    const me = await signedInOfficial({ roles: ['admin'] });
    const off = { ...env, CHAT_MASTER_KEYS: undefined } as unknown as Env;
    const malformed = { ...env, CHAT_MASTER_KEYS: 'k1:not-base64-of-32-bytes' } as Env;
    for (const environment of [off, malformed]) {
      for (const [method, path] of [
        ['GET', '/api/v1/chat/rooms'],
        ['GET', '/api/v1/chat/config'],
        ['GET', '/api/v1/chat/directory'],
        ['POST', '/api/v1/chat/rooms/abc/ticket'],
        ['POST', '/api/v1/admin/chat/rotate-keys'],
      ] as const) {
        const res = await fetchWith(environment, path, { method, headers: me.headers });
        expect(res.status, path).toBe(503);
        expect(await errorCode(res)).toBe('chat_not_configured');
      }
    }
    // Still a 401 for someone not signed in.
    const anon = await fetchWith(off, '/api/v1/chat/rooms');
    expect(anon.status).toBe(401);
  });
});
