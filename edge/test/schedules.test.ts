import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, vnToday } from '../src/feed/params';
import { isoWeekOf, mondayOf, mondayOfIsoWeek } from '../src/schedules/week';
import { call, type ErrorJson } from './helpers';
import { signedInCitizen } from './support/citizens';
import { withinOneClockWindow } from './support/clock-window';
import { db, signedInOfficial } from './support/officials';

// Work schedules (issue 8): the editors' flow (draft → published → revised → cancelled),
// permissions and bad input, the public week in Vietnam time, search, caching and the
// iCalendar feed checked against RFC 5545 with ical.js.

type Entry = {
  id: string;
  agencyId: string;
  status: string;
  version: number;
  date: string;
  startTime: string | null;
  revisedAt: string | null;
  revisionNote: string | null;
  content: string;
  leaderName: string | null;
};
type Week = {
  week: string;
  from: string;
  to: string;
  previousWeek: string;
  nextWeek: string;
  days: { date: string; items: Entry[] }[];
  total: number;
};

const json = (headers: Record<string, string>, method: string, body: unknown): RequestInit => ({
  method,
  headers: { ...headers, 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

const editorOf = (agencyId: string) => signedInOfficial({ roles: ['schedule_editor'], agencyId });

async function create(headers: Record<string, string>, body: Record<string, unknown>) {
  const res = await call(
    '/api/v1/work/schedules/entries',
    json(headers, 'POST', {
      location: 'Phòng họp số 1, UBND tỉnh',
      host: 'Chủ tịch UBND tỉnh',
      participants: 'Lãnh đạo các sở, ngành',
      ...body,
    }),
  );
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { entry: Entry }).entry;
}

async function publish(headers: Record<string, string>, e: Entry) {
  const res = await call(
    `/api/v1/work/schedules/entries/${e.id}/publish`,
    json(headers, 'POST', { version: e.version }),
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as { entry: Entry }).entry;
}

const publicWeek = async (query: string) => {
  const res = await call(`/api/v1/schedules?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Week;
};
const itemsOf = (w: Week) => w.days.flatMap((d) => d.items);

// The first official of the file pays for the password hash (PBKDF2, several seconds).
beforeAll(async () => {
  await call('/api/v1/health');
  await editorOf('so_y_te');
}, 120_000);

/** A distinct far-future ISO week per test, so tests sharing the database never meet. */
let weekSeed = 0;
function freshWeek() {
  weekSeed += 1;
  const year = 2040 + Math.floor(Math.random() * 40);
  const n = 2 + ((weekSeed * 7 + Math.floor(Math.random() * 40)) % 48);
  const week = `${year}-W${String(n).padStart(2, '0')}`;
  const monday = mondayOfIsoWeek(week) as string;
  return { week, monday };
}

describe('ISO weeks in Vietnam time', () => {
  it('knows week boundaries and week-years', () => {
    expect(mondayOfIsoWeek('2033-W10')).toBe('2033-03-07');
    expect(isoWeekOf('2033-03-13')).toBe('2033-W10');
    expect(isoWeekOf('2026-12-31')).toBe('2026-W53');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(mondayOfIsoWeek('2027-W53')).toBeNull();
    expect(mondayOf('2026-11-22')).toBe('2026-11-16');
  });
});

describe('editors: publish, revise, cancel', () => {
  it('shows only published items, marks revisions and keeps cancelled ones', async () => {
    const ed = await editorOf('so_y_te');
    const { week, monday } = freshWeek();
    const tag = crypto.randomUUID().slice(0, 8);
    const draft = await create(ed.headers, {
      leaderName: 'Nguyễn Văn An',
      leaderTitle: 'Giám đốc Sở Y tế',
      startsAt: `${monday}T08:00:00+07:00`,
      endsAt: `${monday}T10:00:00+07:00`,
      content: `Họp giao ban y tế ${tag}`,
    });
    expect(draft.status).toBe('draft');
    expect(draft.version).toBe(1);

    // Drafts are not public.
    let w = await publicWeek(`week=${week}&agency=so_y_te`);
    expect(itemsOf(w).map((e) => e.id)).not.toContain(draft.id);

    // The editors' week lists it.
    const list = await call(`/api/v1/work/schedules/entries?week=${week}`, { headers: ed.headers });
    expect(list.status).toBe(200);
    const listed = (await list.json()) as { items: Entry[]; agencyId: string };
    expect(listed.agencyId).toBe('so_y_te');
    expect(listed.items.map((e) => e.id)).toEqual([draft.id]);

    // Editing a draft needs no note and sets no mark.
    let res = await call(
      `/api/v1/work/schedules/entries/${draft.id}`,
      json(ed.headers, 'PATCH', { version: 1, location: 'Hội trường Sở Y tế' }),
    );
    expect(res.status).toBe(200);
    const edited = ((await res.json()) as { entry: Entry }).entry;
    expect(edited.version).toBe(2);
    expect(edited.revisedAt).toBeNull();

    const published = await publish(ed.headers, edited);
    expect(published.status).toBe('published');
    w = await publicWeek(`week=${week}&agency=so_y_te`);
    expect(w.week).toBe(week);
    expect(w.from).toBe(monday);
    expect(w.to).toBe(addDays(monday, 6));
    expect(w.days).toHaveLength(7);
    const shown = w.days[0]?.items.find((e) => e.id === draft.id);
    expect(shown).toMatchObject({ startTime: '08:00', date: monday, revisedAt: null });

    // A published item needs a note; a stale version is refused.
    res = await call(
      `/api/v1/work/schedules/entries/${draft.id}`,
      json(ed.headers, 'PATCH', {
        version: published.version,
        startsAt: `${monday}T14:00:00+07:00`,
        endsAt: null,
      }),
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorJson).error.code).toBe('revision_note_required');
    res = await call(
      `/api/v1/work/schedules/entries/${draft.id}`,
      json(ed.headers, 'PATCH', { version: 1, content: 'x', revisionNote: 'Sửa nội dung' }),
    );
    expect(res.status).toBe(409);
    expect(((await res.json()) as ErrorJson).error.code).toBe('version_conflict');

    res = await call(
      `/api/v1/work/schedules/entries/${draft.id}`,
      json(ed.headers, 'PATCH', {
        version: published.version,
        startsAt: `${monday}T14:00:00+07:00`,
        endsAt: null,
        revisionNote: 'Đổi giờ họp sang 14:00',
      }),
    );
    expect(res.status).toBe(200);
    const revised = ((await res.json()) as { entry: Entry }).entry;
    expect(revised.revisedAt).not.toBeNull();
    expect(revised.revisionNote).toBe('Đổi giờ họp sang 14:00');
    expect(revised.status).toBe('published');
    w = await publicWeek(`week=${week}&agency=so_y_te`);
    expect(w.days[0]?.items.find((e) => e.id === draft.id)).toMatchObject({
      startTime: '14:00',
      revisionNote: 'Đổi giờ họp sang 14:00',
    });

    // A published item cannot be deleted, only cancelled; the cancelled one stays visible.
    res = await call(`/api/v1/work/schedules/entries/${draft.id}`, {
      method: 'DELETE',
      headers: ed.headers,
    });
    expect(res.status).toBe(409);
    res = await call(
      `/api/v1/work/schedules/entries/${draft.id}/cancel`,
      json(ed.headers, 'POST', { version: revised.version, note: 'Hoãn do lãnh đạo đi công tác' }),
    );
    expect(res.status).toBe(200);
    w = await publicWeek(`week=${week}&agency=so_y_te`);
    expect(itemsOf(w).find((e) => e.id === draft.id)).toMatchObject({
      status: 'cancelled',
      revisionNote: 'Hoãn do lãnh đạo đi công tác',
    });

    // Every change is audited.
    const audit = await db().all<{ action: string }>(
      sql`select action from audit_log where entity_id = ${draft.id} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'schedule.create',
      'schedule.update',
      'schedule.publish',
      'schedule.revise',
      'schedule.cancel',
    ]);
  });

  it('publishes a whole week, deletes drafts, copies a week once, and never duplicates a retried create', async () => {
    const ed = await editorOf('so_giao_duc');
    const { week, monday } = freshWeek();
    const requestKey = crypto.randomUUID();
    const body = {
      requestKey,
      startsAt: `${addDays(monday, 2)}T07:30:00+07:00`,
      content: 'Kiểm tra cơ sở vật chất trường học',
    };
    const first = await create(ed.headers, body);
    const again = await call(
      '/api/v1/work/schedules/entries',
      json(ed.headers, 'POST', { ...body, location: 'x', host: 'y' }),
    );
    expect(again.status).toBe(200);
    expect(((await again.json()) as { entry: Entry }).entry.id).toBe(first.id);

    const other = await create(ed.headers, {
      startsAt: `${addDays(monday, 4)}T00:00:00+07:00`,
      allDay: true,
      content: 'Tiếp công dân định kỳ',
    });
    const doomed = await create(ed.headers, {
      startsAt: `${addDays(monday, 5)}T09:00:00+07:00`,
      content: 'Mục nháp sẽ xóa',
    });
    let res = await call(`/api/v1/work/schedules/entries/${doomed.id}`, {
      method: 'DELETE',
      headers: ed.headers,
    });
    expect(res.status).toBe(200);

    res = await call('/api/v1/work/schedules/publish-week', json(ed.headers, 'POST', { week }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ count: 2, week });
    const w = await publicWeek(`week=${week}&agency=so_giao_duc`);
    expect(
      itemsOf(w)
        .map((e) => e.id)
        .sort(),
    ).toEqual([first.id, other.id].sort());
    expect(itemsOf(w).find((e) => e.id === other.id)).toMatchObject({
      startTime: null,
      date: addDays(monday, 4),
    });

    res = await call('/api/v1/work/schedules/copy-week', json(ed.headers, 'POST', { week }));
    expect(await res.json()).toEqual({ count: 2, week: w.nextWeek });
    res = await call('/api/v1/work/schedules/copy-week', json(ed.headers, 'POST', { week }));
    expect(await res.json()).toEqual({ count: 0, week: w.nextWeek });
    const next = await call(`/api/v1/work/schedules/entries?week=${w.nextWeek}`, {
      headers: ed.headers,
    });
    const copies = ((await next.json()) as { items: Entry[] }).items;
    expect(copies.map((e) => e.status)).toEqual(['draft', 'draft']);
    expect(copies[0]).toMatchObject({ date: addDays(monday, 9), startTime: '07:30' });
  });
});

describe('permissions and bad input', () => {
  it('keeps editors to their own agency and others out', async () => {
    const ed = await editorOf('so_xay_dung');
    const { monday } = freshWeek();
    const mine = await create(ed.headers, {
      startsAt: `${monday}T08:00:00+07:00`,
      content: 'Kiểm tra công trình',
    });
    const stranger = await editorOf('so_y_te');
    let res = await call(
      `/api/v1/work/schedules/entries/${mine.id}`,
      json(stranger.headers, 'PATCH', { version: 1, content: 'Chiếm quyền' }),
    );
    expect(res.status).toBe(404);
    res = await call(
      '/api/v1/work/schedules/entries',
      json(stranger.headers, 'POST', {
        agencyId: 'so_xay_dung',
        startsAt: `${monday}T08:00:00+07:00`,
        content: 'x',
        location: 'y',
        host: 'z',
      }),
    );
    expect(res.status).toBe(403);
    res = await call('/api/v1/work/schedules/entries?agencyId=so_xay_dung', {
      headers: stranger.headers,
    });
    expect(res.status).toBe(403);

    const news = await signedInOfficial({ roles: ['news_editor'], agencyId: 'so_xay_dung' });
    res = await call('/api/v1/work/schedules/entries', { headers: news.headers });
    expect(res.status).toBe(403);
    const citizen = await signedInCitizen();
    res = await call('/api/v1/work/schedules/entries', { headers: citizen.headers });
    expect(res.status).toBe(401);
    res = await call('/api/v1/work/schedules/entries');
    expect(res.status).toBe(401);
  });

  it('refuses bad times, weeks and agencies with clear codes', async () => {
    const ed = await editorOf('so_noi_vu');
    const { monday } = freshWeek();
    let res = await call(
      '/api/v1/work/schedules/entries',
      json(ed.headers, 'POST', {
        startsAt: `${monday}T10:00:00+07:00`,
        endsAt: `${monday}T09:00:00+07:00`,
        content: 'Họp',
        location: 'Phòng 2',
        host: 'Giám đốc',
      }),
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorJson).error.code).toBe('invalid_times');
    res = await call(
      '/api/v1/work/schedules/entries',
      json(ed.headers, 'POST', { startsAt: 'thứ hai', content: '', location: 'x', host: 'y' }),
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorJson).error.code).toBe('validation_failed');

    for (const q of ['week=2026-48', 'week=2027-W53', 'date=2026-02-30', 'q=%20']) {
      res = await call(`/api/v1/schedules?${q}`);
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as ErrorJson).error.code).toBe('validation_failed');
    }
    res = await call('/api/v1/schedules?agency=khong_ton_tai');
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorJson).error.code).toBe('unknown_agency');
    res = await call('/api/v1/schedules/agencies/khong_ton_tai/calendar.ics');
    expect(res.status).toBe(404);
  });
});

describe('public week', () => {
  it('puts 23:30 on Sunday in that week, and finds items without diacritics', async () => {
    const ed = await editorOf('so_khoa_hoc_cong_nghe');
    const { week, monday } = freshWeek();
    const sunday = addDays(monday, 6);
    const tag = `kh${crypto.randomUUID().slice(0, 6)}`;
    const late = await create(ed.headers, {
      startsAt: `${sunday}T23:30:00+07:00`,
      content: `Trực ứng cứu sự cố mạng ${tag}`,
    });
    const early = await create(ed.headers, {
      leaderName: 'Trần Thị Bình',
      startsAt: `${monday}T00:15:00+07:00`,
      content: `Hội nghị chuyển đổi số tỉnh Hậu Giang ${tag}`,
    });
    await call('/api/v1/work/schedules/publish-week', json(ed.headers, 'POST', { week }));

    const w = await publicWeek(`week=${week}&agency=so_khoa_hoc_cong_nghe`);
    expect(w.days[6]?.date).toBe(sunday);
    expect(w.days[6]?.items.map((e) => e.id)).toEqual([late.id]);
    expect(w.days[0]?.items.map((e) => e.id)).toEqual([early.id]);
    const next = await publicWeek(`week=${w.nextWeek}&agency=so_khoa_hoc_cong_nghe`);
    expect(itemsOf(next).map((e) => e.id)).not.toContain(late.id);
    // Any day of the week gives the same week.
    expect((await publicWeek(`date=${sunday}&agency=so_khoa_hoc_cong_nghe`)).week).toBe(week);

    const found = await publicWeek(
      `week=${week}&q=${encodeURIComponent(`hoi nghi chuyen doi so ${tag}`)}`,
    );
    expect(itemsOf(found).map((e) => e.id)).toEqual([early.id]);
    const byLeader = await publicWeek(`week=${week}&leader=${encodeURIComponent('Trần Thị Bình')}`);
    expect(itemsOf(byLeader).map((e) => e.id)).toEqual([early.id]);
    const own = await publicWeek(`week=${week}&agency=so_khoa_hoc_cong_nghe&leader=-`);
    expect(itemsOf(own).map((e) => e.id)).toEqual([late.id]);

    const agencies = await call('/api/v1/schedules/agencies');
    const list = (await agencies.json()) as {
      agencies: { id: string; leaders: { name: string }[] }[];
    };
    expect(
      list.agencies.find((a) => a.id === 'so_khoa_hoc_cong_nghe')?.leaders.map((l) => l.name),
    ).toContain('Trần Thị Bình');
  });

  it('answers 304 to a matching ETag until something is published', async () => {
    const ed = await editorOf('so_noi_vu');
    const { week, monday } = freshWeek();
    const path = `/api/v1/schedules?week=${week}&agency=so_noi_vu`;
    // Schedules' ETags carry an hour bucket: the 304 needs the same hour.
    await withinOneClockWindow(20, 3600);
    const first = await call(path);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await call(path, { headers: { 'If-None-Match': etag as string } });
    expect(again.status).toBe(304);

    const e = await create(ed.headers, {
      startsAt: `${monday}T08:00:00+07:00`,
      content: 'Họp chi bộ',
    });
    await publish(ed.headers, e);
    const after = await call(path, { headers: { 'If-None-Match': etag as string } });
    expect(after.status).toBe(200);
    expect(itemsOf((await after.json()) as Week).map((x) => x.id)).toEqual([e.id]);
  });

  it('gives English where the editor wrote it', async () => {
    const ed = await editorOf('so_noi_vu');
    const { week, monday } = freshWeek();
    const e = await create(ed.headers, {
      startsAt: `${monday}T15:00:00+07:00`,
      content: 'Tiếp đoàn công tác',
      en: { content: 'Receiving a working delegation' },
    });
    await publish(ed.headers, e);
    const en = await publicWeek(`week=${week}&agency=so_noi_vu&lang=en`);
    expect(itemsOf(en).find((x) => x.id === e.id)?.content).toBe('Receiving a working delegation');
  });
});

describe('iCalendar feed', () => {
  it('is valid RFC 5545 with the required fields, cancellations and folding', async () => {
    const ed = await editorOf('cap_thoat_nuoc');
    const today = vnToday();
    const monday = mondayOf(today);
    const long = `Làm việc với các đơn vị về tiến độ dự án cấp nước sạch nông thôn, chống hạn mặn mùa khô ${crypto.randomUUID()}`;
    const a = await create(ed.headers, {
      leaderName: 'Lê Văn Cường',
      startsAt: `${addDays(monday, 1)}T08:00:00+07:00`,
      endsAt: `${addDays(monday, 1)}T11:00:00+07:00`,
      content: long,
      participants: 'Phòng Kỹ thuật; Ban Quản lý dự án; đại diện UBND các xã, phường liên quan',
    });
    const b = await create(ed.headers, {
      startsAt: `${addDays(monday, 2)}T00:00:00+07:00`,
      allDay: true,
      content: 'Kiểm tra trạm bơm',
    });
    const draft = await create(ed.headers, {
      startsAt: `${addDays(monday, 3)}T08:00:00+07:00`,
      content: 'Nháp không công bố',
    });
    const pa = await publish(ed.headers, a);
    await publish(ed.headers, b);
    const cancel = await call(
      `/api/v1/work/schedules/entries/${a.id}/cancel`,
      json(ed.headers, 'POST', { version: pa.version, note: 'Hoãn sang tuần sau' }),
    );
    expect(cancel.status).toBe(200);

    await withinOneClockWindow(20, 3600); // the ETag's hour bucket, for the 304 below
    const res = await call('/api/v1/schedules/agencies/cap_thoat_nuoc/calendar.ics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await res.text();
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const encoder = new TextEncoder();
    for (const line of text.split('\r\n'))
      expect(encoder.encode(line).length).toBeLessThanOrEqual(75);

    const cal = new ICAL.Component(ICAL.parse(text));
    expect(cal.name).toBe('vcalendar');
    expect(cal.getFirstPropertyValue('version')).toBe('2.0');
    expect(cal.getFirstPropertyValue('prodid')).toBeTruthy();
    expect(String(cal.getFirstPropertyValue('x-wr-calname'))).toContain('Cấp thoát nước');
    const events = cal.getAllSubcomponents('vevent');
    for (const ev of events) {
      for (const p of ['uid', 'dtstamp', 'dtstart']) expect(ev.hasProperty(p), p).toBe(true);
    }
    const byUid = new Map(events.map((ev) => [String(ev.getFirstPropertyValue('uid')), ev]));
    expect([...byUid.keys()].some((u) => u.startsWith(draft.id))).toBe(false);
    const evA = [...byUid.entries()].find(([u]) => u.startsWith(a.id))?.[1];
    const evB = [...byUid.entries()].find(([u]) => u.startsWith(b.id))?.[1];
    expect(evA?.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(String(evA?.getFirstPropertyValue('summary'))).toContain(long);
    expect(String(evA?.getFirstPropertyValue('description'))).toContain('Hoãn sang tuần sau');
    expect(Number(evA?.getFirstPropertyValue('sequence'))).toBeGreaterThan(0);
    const startA = evA?.getFirstPropertyValue('dtstart') as ICAL.Time;
    expect(startA.toJSDate().toISOString()).toBe(
      new Date(`${addDays(monday, 1)}T08:00:00+07:00`).toISOString(),
    );
    expect(evB?.getFirstPropertyValue('status')).toBe('CONFIRMED');
    const startB = evB?.getFirstPropertyValue('dtstart') as ICAL.Time;
    expect(startB.isDate).toBe(true);
    expect(startB.toString()).toBe(addDays(monday, 2));

    const etag = res.headers.get('etag') as string;
    const cached = await call('/api/v1/schedules/agencies/cap_thoat_nuoc/calendar.ics', {
      headers: { 'If-None-Match': etag },
    });
    expect(cached.status).toBe(304);
  });
});
