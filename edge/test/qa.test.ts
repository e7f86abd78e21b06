import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../src/platform/db';
import { call, type ErrorJson } from './helpers';
import { signedInCitizen } from './support/citizens';
import { signedInOfficial } from './support/officials';

// Two-level interaction: who may ask, read, answer, follow up, close and move a thread in or
// out of the handbook, against the real Worker and database. Each test writes its own
// threads; lists are checked for the rows it wrote, never for emptiness.

const db = () => createDb(env);
const BASE = '/api/v1/work/qa';

type Headers = Record<string, string>;
interface Thread {
  id: string;
  status: 'open' | 'answered' | 'closed';
  inHandbook: boolean;
  answeredAt: string | null;
  messageCount: number;
  subject: string;
  askingAgency: { id: string; name: string };
  targetAgency: { id: string; name: string };
  messages: { isAnswer: boolean; body: string; authorAgency: { id: string } }[];
  can: { answer: boolean; followUp: boolean; close: boolean; toggleHandbook: boolean };
}
interface Page {
  items: Thread[];
  nextCursor: string | null;
}

const send = (method: string, path: string, headers: Headers, body?: unknown) =>
  call(`${BASE}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const tag = () => `ma${crypto.randomUUID().replace(/-/g, '').slice(0, 10)}`;

function askBody(over: Record<string, unknown> = {}) {
  return {
    requestKey: crypto.randomUUID(),
    targetAgencyId: 'so_xay_dung',
    topic: 'Xây dựng',
    subject: 'Thủ tục cấp giấy phép xây dựng nhà ở nông thôn',
    body: 'Hộ dân xây nhà trên đất nông nghiệp đã chuyển mục đích có cần giấy phép không?',
    ...over,
  };
}

async function ask(headers: Headers, over: Record<string, unknown> = {}): Promise<Thread> {
  const res = await send('POST', '/threads', headers, askBody(over));
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { thread: Thread }).thread;
}

async function reply(headers: Headers, id: string, text: string): Promise<Thread> {
  const res = await send('POST', `/threads/${id}/messages`, headers, {
    requestKey: crypto.randomUUID(),
    body: text,
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { thread: Thread }).thread;
}

async function notificationsFor(officialId: string, threadId: string) {
  return db().all<{ kind: string; link: string }>(sql`select kind, link from notifications
    where recipient_type = 'official' and recipient_id = ${officialId}
      and link = ${`/tuong-tac/${threadId}`} order by id`);
}

async function auditCount(threadId: string, action: string) {
  const [row] = await db().all<{ n: number }>(sql`select count(*) as n from audit_log
    where entity_type = 'qa_thread' and entity_id = ${threadId} and action = ${action}`);
  return Number(row?.n ?? 0);
}

// The cast of the matrix: a commune (asking), the asked agency's answerer and a colleague
// without qa.answer, another commune's officer, another province agency, a citizen.
let asker: { official: { id: string }; headers: Headers };
let askerColleague: { official: { id: string }; headers: Headers };
let answerer: { official: { id: string }; headers: Headers };
let leader: { official: { id: string }; headers: Headers };
let targetEditor: { official: { id: string }; headers: Headers };
let otherCommune: { official: { id: string }; headers: Headers };
let otherAgency: { official: { id: string }; headers: Headers };
let citizen: { headers: Headers };

// The first request through the Worker loads its whole module graph: not inside a test's time.
beforeAll(async () => {
  await call('/api/v1/health');
  [asker, askerColleague, answerer, leader, targetEditor, otherCommune, otherAgency, citizen] =
    await Promise.all([
      signedInOfficial({ roles: ['commune_officer'], communeId: 'hoa-luu' }),
      signedInOfficial({ roles: ['commune_officer'], communeId: 'hoa-luu' }),
      signedInOfficial({ roles: ['agency_handler'], agencyId: 'so_noi_vu' }),
      signedInOfficial({ roles: ['agency_leader'], agencyId: 'so_noi_vu' }),
      signedInOfficial({ roles: ['news_editor'], agencyId: 'so_noi_vu' }),
      signedInOfficial({ roles: ['commune_officer'], communeId: 'nga-bay' }),
      signedInOfficial({ roles: ['agency_handler'], agencyId: 'so_y_te' }),
      signedInCitizen(),
    ]);
}, 60_000);

const toNoiVu = (over: Record<string, unknown> = {}) =>
  ask(asker.headers, { targetAgencyId: 'so_noi_vu', topic: 'Nội vụ', ...over });

describe('asking', () => {
  it('lets a commune officer ask a provincial agency, notifying its answerers once', async () => {
    const t = await toNoiVu({ subject: 'Bố trí công chức văn hóa xã sau sáp nhập' });
    expect(t).toMatchObject({
      status: 'open',
      inHandbook: true,
      askingAgency: { id: 'ubnd_hoa-luu' },
      targetAgency: { id: 'so_noi_vu' },
      can: { answer: false, followUp: true, close: true, toggleHandbook: false },
    });
    expect(await notificationsFor(answerer.official.id, t.id)).toEqual([
      { kind: 'qa.asked', link: `/tuong-tac/${t.id}` },
    ]);
    expect(await notificationsFor(leader.official.id, t.id)).toHaveLength(1);
    // Neither the colleague without qa.answer nor another agency hears of it.
    expect(await notificationsFor(targetEditor.official.id, t.id)).toHaveLength(0);
    expect(await notificationsFor(otherAgency.official.id, t.id)).toHaveLength(0);
    expect(await auditCount(t.id, 'qa_thread.ask')).toBe(1);
  });

  it('answers the same thread to parallel retries, with one audit entry and one notice', async () => {
    const body = askBody({ targetAgencyId: 'so_noi_vu', subject: `Hỏi song song ${tag()}` });
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => send('POST', '/threads', asker.headers, body)),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(4);
    const ids = new Set(
      await Promise.all(
        answers.map(async (r) => ((await r.json()) as { thread: Thread }).thread.id),
      ),
    );
    expect(ids.size).toBe(1);
    const [id] = [...ids] as [string];
    const [count] = await db().all<{ n: number }>(
      sql`select count(*) as n from qa_threads where request_key = ${body.requestKey}`,
    );
    expect(Number(count?.n)).toBe(1);
    expect(await auditCount(id, 'qa_thread.ask')).toBe(1);
    expect(await notificationsFor(answerer.official.id, id)).toHaveLength(1);
    // No index entry is left behind for the ids the losing retries tried.
    const [docs] = await db().all<{ n: number }>(sql`select count(*) as n
      from content_search_docs d left join qa_threads t on t.id = d.ref_id
      where d.kind = 'qa_thread' and t.id is null`);
    expect(Number(docs?.n)).toBe(0);
  });

  it('refuses a reused requestKey from another official', async () => {
    const body = askBody({ targetAgencyId: 'so_noi_vu' });
    expect((await send('POST', '/threads', asker.headers, body)).status).toBe(201);
    const res = await send('POST', '/threads', askerColleague.headers, body);
    expect(res.status).toBe(409);
    expect(((await res.json()) as ErrorJson).error.code).toBe('request_key_reused');
  });

  it('refuses askers who are not commune officers, and citizens', async () => {
    for (const who of [answerer, leader, targetEditor, otherAgency]) {
      const res = await send('POST', '/threads', who.headers, askBody());
      expect(res.status).toBe(403);
    }
    expect((await send('POST', '/threads', citizen.headers, askBody())).status).toBe(401);
    expect((await send('POST', '/threads', {}, askBody())).status).toBe(401);
  });

  it('refuses a commune officer attached to a provincial agency', async () => {
    const odd = await signedInOfficial({ roles: ['commune_officer'], agencyId: 'so_y_te' });
    const res = await send('POST', '/threads', odd.headers, askBody());
    expect(res.status).toBe(403);
    expect(((await res.json()) as ErrorJson).error.code).toBe('asker_not_commune');
  });

  it('refuses bad input with clear codes', async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ targetAgencyId: 'ubnd_nga-bay' }, 400, 'target_not_province'],
      [{ targetAgencyId: 'ubnd_hoa-luu' }, 400, 'target_not_province'],
      [{ targetAgencyId: 'ubnd_xa_phuong' }, 400, 'target_not_province'],
      [{ targetAgencyId: 'khong_ton_tai' }, 400, 'unknown_agency'],
      [{ body: '   ' }, 400, 'validation_failed'],
      [{ subject: '' }, 400, 'validation_failed'],
      [{ body: 'x'.repeat(5001) }, 400, 'validation_failed'],
      [{ subject: 'x'.repeat(201) }, 400, 'validation_failed'],
      [{ topic: 'x'.repeat(61) }, 400, 'validation_failed'],
      [{ requestKey: 'khong-phai-uuid' }, 400, 'validation_failed'],
    ];
    for (const [over, status, code] of cases) {
      const res = await send('POST', '/threads', asker.headers, askBody(over));
      expect(res.status, JSON.stringify(over).slice(0, 60)).toBe(status);
      const err = (await res.json()) as ErrorJson;
      expect(err.error.code).toBe(code);
      expect(err.error.message).toMatch(
        /[ạảãàáâậầấẩẫăắằặẳẵóòọõỏôộổỗồốơờớợởỡéèẻẹẽêếềệểễúùụủũưựữửừứíìịỉĩýỳỷỵỹđ]/i,
      );
    }
    const notJson = await call(`${BASE}/threads`, {
      method: 'POST',
      headers: { ...asker.headers, 'Content-Type': 'text/plain' },
      body: 'x',
    });
    expect(notJson.status).toBe(415);
  });

  it('lists the province agencies one can ask', async () => {
    const res = await send('GET', '/agencies', asker.headers);
    const { agencies } = (await res.json()) as { agencies: { id: string }[] };
    const ids = agencies.map((a) => a.id);
    expect(ids).toContain('so_xay_dung');
    expect(ids).toContain('trung_tam_phuc_vu_hcc');
    expect(ids.some((id) => id.startsWith('ubnd_'))).toBe(false);
    expect((await send('GET', '/agencies', citizen.headers)).status).toBe(401);
  });
});

describe('the matrix on one thread', () => {
  it('reads, answers, follows up, toggles and closes by the rules', async () => {
    const word = tag();
    const t = await toNoiVu({ subject: `Quy trình tiếp nhận công chức ${word}` });
    const path = `/threads/${t.id}`;

    // Unanswered: only both agencies' officials see it; the others hear 404.
    for (const who of [asker, askerColleague, answerer, leader, targetEditor]) {
      expect((await send('GET', path, who.headers)).status).toBe(200);
    }
    for (const who of [otherCommune, otherAgency]) {
      const res = await send('GET', path, who.headers);
      expect(res.status).toBe(404);
      expect(((await res.json()) as ErrorJson).error.code).toBe('thread_not_found');
    }
    expect((await send('GET', path, citizen.headers)).status).toBe(401);

    // Nobody outside can write to it, and one without qa.answer cannot answer.
    const msg = () => ({ requestKey: crypto.randomUUID(), body: 'Nội dung' });
    expect((await send('POST', `${path}/messages`, otherCommune.headers, msg())).status).toBe(404);
    expect((await send('POST', `${path}/messages`, otherAgency.headers, msg())).status).toBe(404);
    expect((await send('POST', `${path}/messages`, targetEditor.headers, msg())).status).toBe(403);
    expect((await send('POST', `${path}/messages`, citizen.headers, msg())).status).toBe(401);
    expect((await send('PATCH', path, otherAgency.headers, { status: 'closed' })).status).toBe(404);
    expect((await send('PATCH', path, targetEditor.headers, { status: 'closed' })).status).toBe(
      403,
    );
    expect((await send('PATCH', path, asker.headers, { inHandbook: false })).status).toBe(403);

    // The answer: answered, notified to the asker and their agency's commune officers.
    const answered = await reply(answerer.headers, t.id, 'Thực hiện theo Nghị định 170/2025.');
    expect(answered.status).toBe('answered');
    expect(answered.answeredAt).not.toBeNull();
    expect(answered.messages).toMatchObject([{ isAnswer: true }]);
    expect(await notificationsFor(asker.official.id, t.id)).toEqual([
      { kind: 'qa.answered', link: `/tuong-tac/${t.id}` },
    ]);
    expect(await notificationsFor(askerColleague.official.id, t.id)).toHaveLength(1);
    expect(await notificationsFor(otherCommune.official.id, t.id)).toHaveLength(0);
    expect(await auditCount(t.id, 'qa_thread.answer')).toBe(1);

    // Answered and in the handbook: every official reads it, only the parties write.
    for (const who of [otherCommune, otherAgency]) {
      const res = await send('GET', path, who.headers);
      expect(res.status).toBe(200);
      const { thread } = (await res.json()) as { thread: Thread };
      expect(thread.can).toEqual({
        answer: false,
        followUp: false,
        close: false,
        toggleHandbook: false,
      });
      expect((await send('POST', `${path}/messages`, who.headers, msg())).status).toBe(403);
      expect((await send('PATCH', path, who.headers, { status: 'closed' })).status).toBe(403);
      expect((await send('PATCH', path, who.headers, { inHandbook: false })).status).toBe(403);
    }
    expect((await send('GET', path, citizen.headers)).status).toBe(401);

    // A follow-up reopens it and tells the answerers; the first answer time is kept.
    const followed = await reply(asker.headers, t.id, 'Xin hỏi thêm về hồ sơ cần nộp.');
    expect(followed.status).toBe('open');
    expect(followed.answeredAt).toBe(answered.answeredAt);
    expect((await notificationsFor(answerer.official.id, t.id)).map((n) => n.kind)).toEqual([
      'qa.asked',
      'qa.follow_up',
    ]);
    // Reopened: out of the handbook until answered again.
    expect((await send('GET', path, otherCommune.headers)).status).toBe(404);
    const again = await reply(leader.headers, t.id, 'Hồ sơ gồm tờ trình và danh sách.');
    expect(again.answeredAt).toBe(answered.answeredAt);
    expect(again.messageCount).toBe(3);

    // The asked agency keeps it out of the handbook: others lose it again.
    const hide = await send('PATCH', path, answerer.headers, { inHandbook: false });
    expect(hide.status).toBe(200);
    expect(((await hide.json()) as { thread: Thread }).thread.inHandbook).toBe(false);
    expect((await send('GET', path, otherCommune.headers)).status).toBe(404);
    expect(await auditCount(t.id, 'qa_thread.handbook')).toBe(1);
    // Saying the same again changes and audits nothing.
    await send('PATCH', path, answerer.headers, { inHandbook: false });
    expect(await auditCount(t.id, 'qa_thread.handbook')).toBe(1);

    // Either side closes; a closed thread takes no message.
    const closed = await send('PATCH', path, asker.headers, { status: 'closed' });
    expect(closed.status).toBe(200);
    expect(((await closed.json()) as { thread: Thread }).thread).toMatchObject({
      status: 'closed',
      can: { followUp: false, close: false },
    });
    expect(await auditCount(t.id, 'qa_thread.close')).toBe(1);
    const late = await send('POST', `${path}/messages`, answerer.headers, msg());
    expect(late.status).toBe(409);
    expect(((await late.json()) as ErrorJson).error.code).toBe('thread_closed');
    expect((await send('POST', `${path}/messages`, asker.headers, msg())).status).toBe(409);

    // Closed after an answer and back in the handbook: readable by all again.
    expect((await send('PATCH', path, leader.headers, { inHandbook: true })).status).toBe(200);
    expect((await send('GET', path, otherAgency.headers)).status).toBe(200);
  });

  it('lets the asked agency close an unanswered thread, which never reaches the handbook', async () => {
    const t = await toNoiVu({ subject: `Câu hỏi trùng ${tag()}` });
    const res = await send('PATCH', `/threads/${t.id}`, answerer.headers, { status: 'closed' });
    expect(res.status).toBe(200);
    expect((await send('GET', `/threads/${t.id}`, otherCommune.headers)).status).toBe(404);
    const bad = await send('PATCH', `/threads/${t.id}`, answerer.headers, {});
    expect(bad.status).toBe(400);
    const wrong = await send('PATCH', `/threads/${t.id}`, answerer.headers, { status: 'open' });
    expect(wrong.status).toBe(400);
  });

  it('answers 404 for a thread that does not exist', async () => {
    const res = await send('GET', `/threads/${crypto.randomUUID()}`, asker.headers);
    expect(res.status).toBe(404);
  });
});

describe('replies under retries', () => {
  it('writes one message, one audit entry and one notice for parallel retries', async () => {
    const t = await toNoiVu({ subject: `Trả lời song song ${tag()}` });
    const payload = { requestKey: crypto.randomUUID(), body: 'Trả lời một lần thôi.' };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        send('POST', `/threads/${t.id}/messages`, answerer.headers, payload),
      ),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(4);
    const [count] = await db().all<{ n: number }>(
      sql`select count(*) as n from qa_messages where thread_id = ${t.id}`,
    );
    expect(Number(count?.n)).toBe(1);
    expect(await auditCount(t.id, 'qa_thread.answer')).toBe(1);
    expect(await notificationsFor(asker.official.id, t.id)).toHaveLength(1);
    // The key belongs to this message: another official, or another thread, cannot reuse it.
    const other = await send('POST', `/threads/${t.id}/messages`, leader.headers, payload);
    expect(other.status).toBe(409);
    expect(((await other.json()) as ErrorJson).error.code).toBe('request_key_reused');
  });

  it('refuses an empty or too long message', async () => {
    const t = await toNoiVu();
    for (const text of ['', '  ', 'x'.repeat(5001)]) {
      const res = await send('POST', `/threads/${t.id}/messages`, answerer.headers, {
        requestKey: crypto.randomUUID(),
        body: text,
      });
      expect(res.status).toBe(400);
    }
  });
});

describe('boxes and the handbook', () => {
  it('lists asked and received threads, the unanswered first, paged', async () => {
    const word = tag();
    const a = await toNoiVu({ subject: `Hộp thư ${word} một` });
    const b = await toNoiVu({ subject: `Hộp thư ${word} hai` });
    const c = await toNoiVu({ subject: `Hộp thư ${word} ba` });
    await reply(answerer.headers, a.id, 'Đã trả lời.');

    const asked = (await (
      await send('GET', `/threads?box=asked&q=${word}`, asker.headers)
    ).json()) as Page;
    expect(asked.items.map((t) => t.id).sort()).toEqual([a.id, b.id, c.id].sort());

    // Received, two per page: the open ones (newest first), then the answered one.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `/threads?box=received&q=${word}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await (await send('GET', q, answerer.headers)).json()) as Page;
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([c.id, b.id, a.id]);

    const open = (await (
      await send('GET', `/threads?box=received&status=open&q=${word}`, answerer.headers)
    ).json()) as Page;
    expect(open.items.map((t) => t.id)).toEqual([c.id, b.id]);

    // Another commune's asked box does not hold them.
    const theirs = (await (
      await send('GET', `/threads?box=asked&q=${word}`, otherCommune.headers)
    ).json()) as Page;
    expect(theirs.items).toHaveLength(0);

    expect((await send('GET', '/threads?box=nowhere', asker.headers)).status).toBe(400);
    expect((await send('GET', '/threads?box=asked&limit=51', asker.headers)).status).toBe(400);
    expect((await send('GET', '/threads?box=asked&cursor=xyz', asker.headers)).status).toBe(400);
    expect((await send('GET', '/threads?box=asked', citizen.headers)).status).toBe(401);
  });

  it('finds answered threads without diacritics, by answers too, for any official', async () => {
    const word = tag();
    const topic = `Xây dựng ${word}`;
    const t = await ask(asker.headers, {
      topic,
      subject: `Thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ ${word}`,
      body: 'Nhà một tầng ở nông thôn có phải xin phép không?',
    });
    const find = async (q: string, who = otherCommune.headers) =>
      (
        (await (await send('GET', `/handbook?q=${encodeURIComponent(q)}`, who)).json()) as Page
      ).items.map((i) => i.id);

    // Not answered yet: not in the handbook.
    expect(await find(`cap giay phep xay dung ${word}`)).not.toContain(t.id);

    const builder = await signedInOfficial({ roles: ['agency_handler'], agencyId: 'so_xay_dung' });
    await reply(builder.headers, t.id, 'Được miễn giấy phép theo khoản 2 Điều 89 Luật Xây dựng.');

    expect(await find(`cap giay phep xay dung ${word}`)).toEqual([t.id]);
    expect(await find(`cấp giấy phép ${word}`, otherAgency.headers)).toEqual([t.id]);
    // The answer is indexed as it arrives.
    expect(await find(`mien giay phep dieu 89 ${word}`)).toEqual([t.id]);
    expect(await find(`khong lien quan ${word}`)).toEqual([]);

    const byTopic = (await (
      await send('GET', `/handbook?topic=${encodeURIComponent(topic)}`, asker.headers)
    ).json()) as Page;
    expect(byTopic.items.map((i) => i.id)).toEqual([t.id]);
    const { topics } = (await (
      await send('GET', '/handbook/topics', otherAgency.headers)
    ).json()) as {
      topics: { topic: string; count: number }[];
    };
    expect(topics).toContainEqual({ topic, count: 1 });

    // Kept out of the handbook by the agency: gone from search and topics.
    await send('PATCH', `/threads/${t.id}`, builder.headers, { inHandbook: false });
    expect(await find(`cap giay phep xay dung ${word}`)).toEqual([]);
    const after = (await (await send('GET', '/handbook/topics', asker.headers)).json()) as {
      topics: { topic: string }[];
    };
    expect(after.topics.map((x) => x.topic)).not.toContain(topic);
    // The parties still find it in their boxes.
    const mine = (await (
      await send(
        'GET',
        `/threads?box=asked&q=${encodeURIComponent(`giay phep ${word}`)}`,
        asker.headers,
      )
    ).json()) as Page;
    expect(mine.items.map((i) => i.id)).toEqual([t.id]);

    expect((await send('GET', '/handbook', citizen.headers)).status).toBe(401);
    expect((await send('GET', '/handbook?q=%20', asker.headers)).status).toBe(400);
  });
});
