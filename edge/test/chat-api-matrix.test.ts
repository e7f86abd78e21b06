import { beforeAll, describe, expect, it } from 'vitest';
import type { ErrorJson } from './helpers';
import {
  chatCall,
  createGroup,
  type Headers,
  ok,
  pdfBytes,
  type RoomDetail,
  sendText,
  upload,
  uploadOk,
} from './support/chat-api';
import { signedInCitizen } from './support/citizens';
import { baseJpeg } from './support/images';
import { createOfficial, signedInOfficial, webSession } from './support/officials';

// Who may do what in a chat room, through the real routes and the room's real Durable Object:
// every room endpoint × member, owner, an official of the same agency who is not in the room,
// an official of another agency, a citizen's session and no session at all. Each cell prepares
// what its call needs (a message of its own to delete, someone to add or remove), calls the
// route as that actor and compares the status with the table below, written out by hand.
//
// The rules it pins down: officials outside the room get 404 `room_not_found` for everything
// (the room's existence is not revealed: never 403); citizens and anonymous callers get 401;
// inside the room, only the sender deletes a message and only owners change members.

const ACTORS = ['member', 'owner', 'sameAgency', 'otherAgency', 'citizen', 'anonymous'] as const;
type Actor = (typeof ACTORS)[number];

const ENDPOINTS = [
  'detail',
  'messages',
  'send',
  'delete',
  'upload',
  'download',
  'ticket',
  'membersAdd',
  'membersRemove',
  'calls',
] as const;
type Endpoint = (typeof ENDPOINTS)[number];

const EXPECTED: Record<Actor, Record<Endpoint, number>> = {
  // `delete` targets a message the member sent.
  member: {
    detail: 200,
    messages: 200,
    send: 201,
    delete: 200,
    upload: 201,
    download: 200,
    ticket: 200,
    membersAdd: 403,
    membersRemove: 403,
    calls: 200,
  },
  owner: {
    detail: 200,
    messages: 200,
    send: 201,
    delete: 403,
    upload: 201,
    download: 200,
    ticket: 200,
    membersAdd: 200,
    membersRemove: 200,
    calls: 200,
  },
  sameAgency: {
    detail: 404,
    messages: 404,
    send: 404,
    delete: 404,
    upload: 404,
    download: 404,
    ticket: 404,
    membersAdd: 404,
    membersRemove: 404,
    calls: 404,
  },
  otherAgency: {
    detail: 404,
    messages: 404,
    send: 404,
    delete: 404,
    upload: 404,
    download: 404,
    ticket: 404,
    membersAdd: 404,
    membersRemove: 404,
    calls: 404,
  },
  citizen: {
    detail: 401,
    messages: 401,
    send: 401,
    delete: 401,
    upload: 401,
    download: 401,
    ticket: 401,
    membersAdd: 401,
    membersRemove: 401,
    calls: 401,
  },
  anonymous: {
    detail: 401,
    messages: 401,
    send: 401,
    delete: 401,
    upload: 401,
    download: 401,
    ticket: 401,
    membersAdd: 401,
    membersRemove: 401,
    calls: 401,
  },
};

/** The error code each refusal must carry. */
const CODES: Record<number, string | ((e: Endpoint) => string)> = {
  401: 'official_session_required',
  404: 'room_not_found',
  403: (e) => (e === 'delete' ? 'not_sender' : 'not_room_owner'),
};

const AGENCY = 'so_xay_dung';

let room: RoomDetail;
let headersOf: Record<Actor, Headers>;
let ownerHeaders: Headers;
let memberHeaders: Headers;
let sentAttachmentId: string;

beforeAll(async () => {
  const [owner, member, sameAgency, otherAgency, citizen] = await Promise.all([
    signedInOfficial({ roles: ['agency_handler'], agencyId: AGENCY }),
    signedInOfficial({ roles: ['agency_handler'], agencyId: AGENCY }),
    signedInOfficial({ roles: ['agency_leader'], agencyId: AGENCY }),
    signedInOfficial({ roles: ['admin'], agencyId: 'ioc' }),
    signedInCitizen(),
  ]);
  ownerHeaders = owner.headers;
  memberHeaders = member.headers;
  headersOf = {
    member: member.headers,
    owner: owner.headers,
    sameAgency: sameAgency.headers,
    otherAgency: otherAgency.headers,
    citizen: citizen.headers,
    anonymous: {},
  };
  room = await createGroup(owner.headers, [member.official.id], 'Tổ công tác ma trận quyền');
  // An image the member sent: what `download` asks for.
  const att = await uploadOk(member.headers, room.id, baseJpeg(), 'image/jpeg', 'hiện-trường.jpg');
  await ok(
    chatCall(`/rooms/${room.id}/messages`, member.headers, {
      json: { clientId: crypto.randomUUID(), kind: 'image', attachmentId: att.id },
    }),
    201,
  );
  sentAttachmentId = att.id;
  await sendText(owner.headers, room.id, 'Chào cả tổ');
  // The file's first request loads the Worker; a busy machine needs more than the default.
}, 60_000);

async function cell(endpoint: Endpoint, who: Headers): Promise<Response> {
  const r = `/rooms/${room.id}`;
  switch (endpoint) {
    case 'detail':
      return chatCall(r, who);
    case 'messages':
      return chatCall(`${r}/messages?limit=20`, who);
    case 'send':
      return chatCall(`${r}/messages`, who, {
        json: { clientId: crypto.randomUUID(), kind: 'text', text: 'Đã nhận, cảm ơn.' },
      });
    case 'delete': {
      const mine = await sendText(memberHeaders, room.id, 'Tin sẽ bị xóa');
      return chatCall(`${r}/messages/${mine.id}`, who, { method: 'DELETE' });
    }
    case 'upload':
      return upload(who, room.id, pdfBytes(), 'application/pdf', 'biên bản.pdf');
    case 'download':
      return chatCall(`${r}/attachments/${sentAttachmentId}`, who);
    case 'ticket':
      return chatCall(`${r}/ticket`, who, { method: 'POST' });
    case 'membersAdd': {
      const newcomer = await createOfficial({ roles: ['agency_handler'], agencyId: AGENCY });
      return chatCall(`${r}/members`, who, { json: { officialIds: [newcomer.id] } });
    }
    case 'membersRemove': {
      const extra = await createOfficial({ roles: ['agency_handler'], agencyId: AGENCY });
      await ok(chatCall(`${r}/members`, ownerHeaders, { json: { officialIds: [extra.id] } }));
      return chatCall(`${r}/members/${extra.id}`, who, { method: 'DELETE' });
    }
    case 'calls':
      return chatCall(`${r}/calls`, who);
  }
}

describe('chat privacy and authorisation matrix', () => {
  for (const actor of ACTORS) {
    for (const endpoint of ENDPOINTS) {
      const expected = EXPECTED[actor][endpoint];
      it(`${actor} × ${endpoint} → ${expected}`, async () => {
        const res = await cell(endpoint, headersOf[actor]);
        const isJson = (res.headers.get('Content-Type') ?? '').includes('json');
        const text = isJson ? await res.text() : `${(await res.arrayBuffer()).byteLength} bytes`;
        expect(res.status, text).toBe(expected);
        const code = CODES[expected];
        if (code) {
          const want = typeof code === 'function' ? code(endpoint) : code;
          expect((JSON.parse(text) as ErrorJson).error.code).toBe(want);
        }
        if (expected === 404) {
          // Nothing of the room leaks into a refusal.
          expect(text).not.toContain(room.title);
        }
      });
    }
  }
});

describe('the web admin session', () => {
  it('writes with its CSRF token only', async () => {
    const owner = await createOfficial({ roles: ['agency_handler'], agencyId: AGENCY });
    const mate = await createOfficial({ roles: ['agency_handler'], agencyId: AGENCY });
    const web = await webSession(owner);
    const created = await ok<{ room: RoomDetail }>(
      chatCall('/rooms', web.headers, {
        json: { kind: 'group', title: 'Nhóm từ trang quản trị', memberIds: [mate.id] },
      }),
      201,
    );
    const body = { clientId: crypto.randomUUID(), kind: 'text', text: 'Gửi từ trang quản trị' };
    const noCsrf = await chatCall(
      `/rooms/${created.room.id}/messages`,
      { Cookie: web.cookie },
      {
        json: body,
      },
    );
    expect(noCsrf.status).toBe(403);
    expect(((await noCsrf.json()) as ErrorJson).error.code).toBe('csrf_failed');
    const sent = await chatCall(`/rooms/${created.room.id}/messages`, web.headers, { json: body });
    expect(sent.status).toBe(201);
    // Reading needs no CSRF token.
    const read = await chatCall(`/rooms/${created.room.id}/messages`, { Cookie: web.cookie });
    expect(read.status).toBe(200);
  });
});
