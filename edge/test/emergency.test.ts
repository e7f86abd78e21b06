import { emergencyAlerts, notifications } from '@tinh/db/schema';
import { eq, like, sql } from 'drizzle-orm';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, type ErrorJson } from './helpers';
import { signedInCitizen } from './support/citizens';
import { db, signedInOfficial } from './support/officials';

// Emergency alerts: the editors' workflow (draft, publish, revise, cancel) with permissions
// and validation, live filtering by commune and time, follower notifications once per
// revision, and the CAP 1.2 documents and Atom feed checked against the standard.

type Headers = Record<string, string>;
const WORK = '/api/v1/work/emergency-alerts';
const PUBLIC = '/api/v1/emergency-alerts';
const uid = (p: string) => `${p}-${crypto.randomUUID().slice(0, 8)}`;
const HOUR = 3_600_000;
const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString();
/** CAP 1.2 dateTime: seconds and a numeric offset, never "Z" (§3.3.2). */
const CAP_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/;

function send(method: string, path: string, headers: Headers, body?: unknown) {
  return call(path, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function ok<T>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

async function failure(res: Response, status: number): Promise<string> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return (JSON.parse(text) as ErrorJson).error.code;
}

interface WorkResult {
  alert: {
    id: string;
    status: string;
    state: string;
    revision: number;
    version: number;
    areas: { id: string; name: string }[];
    agencyId: string;
  };
  followers: number;
  notified: number | null;
  notice: string | null;
}

const draftBody = (over: Record<string, unknown> = {}) => ({
  requestKey: uid('rk'),
  hazard: 'salinity',
  severity: 'severe',
  urgency: 'expected',
  certainty: 'observed',
  headline: 'Mặn xâm nhập 4‰ trên sông Cái Lớn',
  description: 'Độ mặn đo tại cống Cái Lớn đạt 4‰ lúc 6 giờ sáng & đang tăng <nhanh>.',
  instruction: 'Không lấy nước sông để tưới lúa; trữ nước ngọt.',
  en: { headline: 'Saltwater intrusion 4‰ on the Cai Lon river' },
  provinceWide: false,
  communeIds: ['luong-tam'],
  onsetAt: inHours(-1),
  expiresAt: inHours(24),
  ...over,
});

let ioc: { headers: Headers };
let editor: { headers: Headers };
let otherEditor: { headers: Headers };

async function create(who: Headers, over: Record<string, unknown> = {}) {
  return ok<WorkResult>(await send('POST', WORK, who, draftBody(over)), 201);
}

async function publish(who: Headers, r: WorkResult) {
  return ok<WorkResult>(
    await send('POST', `${WORK}/${r.alert.id}/publish`, who, { version: r.alert.version }),
  );
}

/** A follower (device) of `communeId`, written like PUT /environment/follows does. */
async function followCommune(communeId: string) {
  const id = uid('dev-hash');
  await db().run(sql`insert into environment_follows
      (subject_type, subject_id, follower_type, follower_id) values ('commune', ${communeId}, 'device', ${id})`);
  return id;
}

const noticesOf = (alertId: string) =>
  db()
    .select()
    .from(notifications)
    .where(like(notifications.dedupeKey, `emergency:${alertId}:%`));

beforeAll(async () => {
  await call('/api/v1/health');
  ioc = await signedInOfficial({ roles: ['ioc_operator'] });
  editor = await signedInOfficial({
    roles: ['news_editor'],
    agencyId: 'so_nong_nghiep_moi_truong',
  });
  otherEditor = await signedInOfficial({ roles: ['news_editor'], agencyId: 'so_y_te' });
}, 60_000);

describe('permissions and validation', () => {
  it('refuses citizens and officials without the role; other agencies cannot see drafts', async () => {
    expect(await failure(await send('GET', WORK, {}), 401)).toBe('official_session_required');
    const citizen = await signedInCitizen();
    expect(await failure(await send('POST', WORK, citizen.headers, draftBody()), 401)).toBe(
      'official_session_required',
    );
    const handler = await signedInOfficial({ roles: ['agency_handler'], agencyId: 'so_y_te' });
    expect(await failure(await send('GET', WORK, handler.headers), 403)).toBe('forbidden');

    const mine = await create(editor.headers);
    expect(mine.alert.agencyId).toBe('so_nong_nghiep_moi_truong');
    expect(mine.alert.status).toBe('draft');
    // Another agency's editor: as if it did not exist, for reading and writing.
    expect(
      await failure(await send('GET', `${WORK}/${mine.alert.id}`, otherEditor.headers), 404),
    ).toBe('alert_not_found');
    expect(
      await failure(
        await send('PUT', `${WORK}/${mine.alert.id}`, otherEditor.headers, {
          ...draftBody(),
          version: mine.alert.version,
        }),
        404,
      ),
    ).toBe('alert_not_found');
    const list = await ok<{ items: { id: string }[] }>(
      await send('GET', `${WORK}?status=draft&limit=50`, otherEditor.headers),
    );
    expect(list.items.map((i) => i.id)).not.toContain(mine.alert.id);
    // Nor may they create one for another agency.
    expect(
      await failure(
        await send(
          'POST',
          WORK,
          otherEditor.headers,
          draftBody({ agencyId: 'so_nong_nghiep_moi_truong' }),
        ),
        403,
      ),
    ).toBe('forbidden');
    // The IOC edits any agency's alert.
    const edited = await ok<WorkResult>(
      await send('PUT', `${WORK}/${mine.alert.id}`, ioc.headers, {
        ...draftBody({ headline: 'Mặn xâm nhập sâu trên sông Cái Lớn' }),
        version: mine.alert.version,
      }),
    );
    expect(edited.alert.version).toBe(mine.alert.version + 1);
    expect(edited.alert.revision).toBe(0);
    // A stale version is refused and changes nothing.
    expect(
      await failure(
        await send('PUT', `${WORK}/${mine.alert.id}`, editor.headers, {
          ...draftBody({ headline: 'Cũ' }),
          version: mine.alert.version,
        }),
        409,
      ),
    ).toBe('version_conflict');
  });

  it('validates the window, the area and the communes', async () => {
    const bad = async (over: Record<string, unknown>) =>
      failure(await send('POST', WORK, editor.headers, draftBody(over)), 400);
    expect(await bad({ expiresAt: inHours(-2) })).toBe('validation_failed');
    expect(await bad({ expiresAt: inHours(24 * 15) })).toBe('validation_failed');
    expect(await bad({ communeIds: [] })).toBe('validation_failed');
    expect(await bad({ severity: 'catastrophic' })).toBe('validation_failed');
    expect(await bad({ onsetAt: '22/11/2026 19:30' })).toBe('validation_failed');
    expect(await bad({ headline: '' })).toBe('validation_failed');
    expect(await bad({ communeIds: ['khong-co-xa-nay'] })).toBe('unknown_commune');
    // A district-level unit is not a commune either.
    expect(await bad({ communeIds: ['hau-giang'] })).toBe('unknown_commune');
    const malformed = await call(WORK, {
      method: 'POST',
      headers: { ...editor.headers, 'Content-Type': 'application/json' },
      body: '{"hazard":',
    });
    expect(malformed.status).toBe(400);
    // Province-wide needs no commune.
    const wide = await create(editor.headers, { provinceWide: true, communeIds: [] });
    expect(wide.alert.areas).toEqual([]);
  });

  it('a retried create returns the same draft', async () => {
    const body = draftBody();
    const first = await ok<WorkResult>(await send('POST', WORK, editor.headers, body), 201);
    const again = await ok<WorkResult>(await send('POST', WORK, editor.headers, body), 200);
    expect(again.alert.id).toBe(first.alert.id);
    const rows = await db()
      .select()
      .from(emergencyAlerts)
      .where(eq(emergencyAlerts.id, first.alert.id));
    expect(rows).toHaveLength(1);
  });
});

describe('publishing, followers, revisions and cancelling', () => {
  it('notifies the area once per revision, again only when it grows, and on cancel', async () => {
    const inArea = await followCommune('luong-tam');
    const newArea = await followCommune('xa-phien');
    const elsewhere = await followCommune('vinh-vien');
    const draft = await create(editor.headers, { communeIds: ['luong-tam'] });
    expect(draft.followers).toBeGreaterThanOrEqual(1);

    // Drafts are not public.
    expect(await failure(await call(`${PUBLIC}/${draft.alert.id}`), 404)).toBe('alert_not_found');

    const published = await publish(editor.headers, draft);
    expect(published.alert.status).toBe('published');
    expect(published.alert.revision).toBe(1);
    expect(published.notified).toBeGreaterThanOrEqual(1);
    let notes = await noticesOf(draft.alert.id);
    const mine = (n: typeof notes) =>
      n.filter((x) => [inArea, newArea, elsewhere].includes(x.recipientId));
    expect(mine(notes).map((n) => n.recipientId)).toEqual([inArea]);
    expect(mine(notes)[0]?.link).toBe(`/government-news/a/${draft.alert.id}`);
    expect(mine(notes)[0]?.dedupeKey).toBe(`emergency:${draft.alert.id}:1:device:${inArea}`);

    // Publishing twice (a retried click) notifies nobody again.
    const again = await publish(editor.headers, draft);
    expect(again.alert.revision).toBe(1);
    expect(mine(await noticesOf(draft.alert.id))).toHaveLength(1);

    // A wording fix: a new revision (CAP Update), but nobody is told again.
    const fixed = await ok<WorkResult>(
      await send('PUT', `${WORK}/${draft.alert.id}`, editor.headers, {
        ...draftBody({ description: 'Độ mặn 4,2‰ tại cống Cái Lớn.' }),
        version: published.alert.version,
      }),
    );
    expect(fixed.alert.revision).toBe(2);
    expect(fixed.notified).toBeNull();
    expect(fixed.notice).toContain('không báo lại');
    expect(mine(await noticesOf(draft.alert.id))).toHaveLength(1);

    // The area grows: followers of the new area, and the old one, are told (revision 3).
    const grown = await ok<WorkResult>(
      await send('PUT', `${WORK}/${draft.alert.id}`, editor.headers, {
        ...draftBody({ communeIds: ['luong-tam', 'xa-phien'] }),
        version: fixed.alert.version,
      }),
    );
    expect(grown.alert.revision).toBe(3);
    expect(grown.notified).toBeGreaterThanOrEqual(2);
    notes = await noticesOf(draft.alert.id);
    expect(
      mine(notes)
        .map((n) => n.dedupeKey)
        .sort(),
    ).toEqual(
      [
        `emergency:${draft.alert.id}:1:device:${inArea}`,
        `emergency:${draft.alert.id}:3:device:${inArea}`,
        `emergency:${draft.alert.id}:3:device:${newArea}`,
      ].sort(),
    );

    // Cancel: revision 4, the area is told it is lifted; it leaves the live list.
    const cancelled = await ok<WorkResult>(
      await send('POST', `${WORK}/${draft.alert.id}/cancel`, editor.headers, {
        version: grown.alert.version,
      }),
    );
    expect(cancelled.alert.status).toBe('cancelled');
    expect(cancelled.alert.revision).toBe(4);
    notes = await noticesOf(draft.alert.id);
    const lifted = mine(notes).filter((n) => n.dedupeKey.includes(':4:'));
    expect(lifted.map((n) => n.recipientId).sort()).toEqual([inArea, newArea].sort());
    expect(lifted[0]?.title).toContain('Đã gỡ cảnh báo');
    expect(mine(notes).some((n) => n.recipientId === elsewhere)).toBe(false);

    const detail = await ok<{ state: string }>(await call(`${PUBLIC}/${draft.alert.id}`));
    expect(detail.state).toBe('cancelled');
    const live = await ok<{ items: { id: string }[]; recent: { id: string; state: string }[] }>(
      await call(`${PUBLIC}?commune=luong-tam`),
    );
    expect(live.items.map((i) => i.id)).not.toContain(draft.alert.id);
    expect(live.recent.find((r) => r.id === draft.alert.id)?.state).toBe('cancelled');

    // A cancelled alert is final.
    expect(
      await failure(
        await send('PUT', `${WORK}/${draft.alert.id}`, editor.headers, {
          ...draftBody(),
          version: cancelled.alert.version,
        }),
        409,
      ),
    ).toBe('alert_state');
    expect(
      await failure(await send('DELETE', `${WORK}/${draft.alert.id}`, editor.headers), 409),
    ).toBe('alert_state');
  });

  it('deletes drafts only', async () => {
    const draft = await create(ioc.headers);
    expect((await send('DELETE', `${WORK}/${draft.alert.id}`, ioc.headers)).status).toBe(204);
    expect(await failure(await send('GET', `${WORK}/${draft.alert.id}`, ioc.headers), 404)).toBe(
      'alert_not_found',
    );
  });
});

describe('live alerts', () => {
  it('filters by commune, province-wide and the validity window, most severe first', async () => {
    const local = await publish(
      ioc.headers,
      await create(ioc.headers, { communeIds: ['long-phu-1'], severity: 'moderate' }),
    );
    const upcoming = await publish(
      ioc.headers,
      await create(ioc.headers, {
        communeIds: ['long-phu-1'],
        onsetAt: inHours(5),
        expiresAt: inHours(10),
      }),
    );
    const extreme = await publish(
      ioc.headers,
      await create(ioc.headers, { communeIds: ['long-phu-1'], severity: 'extreme' }),
    );
    // Province-wide and already-expired rows written directly: publishing a province-wide
    // alert here would notify every commune follower of the shared test database.
    const wideId = uid('ea-wide');
    const expiredId = uid('ea-old');
    const now = new Date().toISOString();
    for (const [id, provinceWide, onset, expires] of [
      [wideId, 1, inHours(-1), inHours(3)],
      [expiredId, 0, inHours(-30), inHours(-2)],
    ] as const) {
      await db().run(sql`insert into emergency_alerts (id, agency_id, hazard, severity, headline,
          description, instruction, province_wide, onset_at, expires_at, status, published_at,
          revision, created_by, updated_by, created_at, updated_at)
        values (${id}, 'ioc', 'storm', 'minor', 'Mưa lớn diện rộng', 'Mưa 100 mm', 'Ở trong nhà',
          ${provinceWide}, ${onset}, ${expires}, 'published', ${now}, 1, 'test', 'test', ${now}, ${now})`);
      if (!provinceWide) {
        await db().run(
          sql`insert into emergency_alert_areas (alert_id, commune_id) values (${id}, 'long-phu-1')`,
        );
      }
    }
    type List = {
      items: { id: string; severity: string; headline: string }[];
      recent: { id: string }[];
    };
    const there = await ok<List>(await call(`${PUBLIC}?commune=long-phu-1&lang=en`));
    const ids = there.items.map((i) => i.id);
    expect(ids).toContain(local.alert.id);
    expect(ids).toContain(extreme.alert.id);
    expect(ids).toContain(wideId);
    expect(ids).not.toContain(upcoming.alert.id);
    expect(ids).not.toContain(expiredId);
    expect(ids.indexOf(extreme.alert.id)).toBeLessThan(ids.indexOf(local.alert.id));
    expect(there.items.find((i) => i.id === local.alert.id)?.headline).toBe(
      'Saltwater intrusion 4‰ on the Cai Lon river',
    );
    expect(there.recent.map((r) => r.id)).toContain(expiredId);

    const elsewhere = await ok<List>(await call(`${PUBLIC}?commune=tan-hoa`));
    expect(elsewhere.items.map((i) => i.id)).toContain(wideId);
    expect(elsewhere.items.map((i) => i.id)).not.toContain(local.alert.id);
    const nowhere = await ok<List>(await call(PUBLIC));
    expect(nowhere.items.map((i) => i.id)).toContain(wideId);
    expect(nowhere.items.map((i) => i.id)).not.toContain(local.alert.id);

    const expired = await ok<{ state: string }>(await call(`${PUBLIC}/${expiredId}`));
    expect(expired.state).toBe('expired');
    expect((await call(`${PUBLIC}?commune=${'x'.repeat(200)}`)).status).toBe(400);
  });
});

describe('CAP 1.2', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' });
  type Info = Record<string, unknown> & { area: Record<string, unknown> };
  const capOf = async (id: string) => {
    const res = await call(`${PUBLIC}/${id}/cap`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/cap+xml');
    const xml = await res.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const alert = parser.parse(xml).alert as Record<string, unknown>;
    expect(alert['@_xmlns']).toBe('urn:oasis:names:tc:emergency:cap:1.2');
    return { xml, alert, infos: ([] as Info[]).concat(alert.info as Info | Info[]) };
  };

  function expectRequired(alert: Record<string, unknown>, infos: Info[]) {
    for (const field of ['identifier', 'sender', 'sent', 'status', 'msgType', 'scope']) {
      expect(alert[field], field).toBeTruthy();
    }
    expect(String(alert.identifier)).not.toMatch(/[\s,<&]/);
    expect(String(alert.sender)).not.toMatch(/[\s,<&]/);
    expect(String(alert.sent)).toMatch(CAP_TIME);
    expect(alert.status).toBe('Actual');
    expect(alert.scope).toBe('Public');
    expect(infos.length).toBeGreaterThanOrEqual(1);
    for (const info of infos) {
      for (const field of ['category', 'event', 'urgency', 'severity', 'certainty']) {
        expect(info[field], field).toBeTruthy();
      }
      expect([
        'Geo',
        'Met',
        'Safety',
        'Security',
        'Rescue',
        'Fire',
        'Health',
        'Env',
        'Transport',
        'Infra',
        'CBRNE',
        'Other',
      ]).toContain(info.category);
      expect(['Immediate', 'Expected', 'Future', 'Past', 'Unknown']).toContain(info.urgency);
      expect(['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown']).toContain(info.severity);
      expect(['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown']).toContain(info.certainty);
      expect(String(info.onset)).toMatch(CAP_TIME);
      expect(String(info.expires)).toMatch(CAP_TIME);
      expect(info.area.areaDesc).toBeTruthy();
    }
  }

  it('publishes Alert, then Update with references, then Cancel', async () => {
    const draft = await create(editor.headers, { communeIds: ['luong-tam', 'vi-thuy'] });
    const v1 = await publish(editor.headers, draft);
    const first = await capOf(draft.alert.id);
    expectRequired(first.alert, first.infos);
    expect(first.alert.msgType).toBe('Alert');
    expect(first.alert.identifier).toBe(`vn.haugiang.alert.${draft.alert.id}.1`);
    expect(first.alert.references).toBeUndefined();
    expect(first.infos.map((i) => i.language)).toEqual(['vi-VN', 'en-US']);
    const vi = first.infos[0] as Info;
    expect(vi.category).toBe('Env');
    expect(vi.severity).toBe('Severe');
    expect(vi.senderName).toBe('Sở Nông nghiệp và Môi trường');
    // Escaped on the way out, intact after parsing.
    expect(first.xml).toContain('&amp; đang tăng &lt;nhanh&gt;');
    expect(vi.description).toContain('& đang tăng <nhanh>');
    expect(String(vi.area.areaDesc)).toContain('Lương Tâm');
    expect(([] as string[]).concat(vi.area.circle as string[])).toHaveLength(2);
    for (const circle of ([] as string[]).concat(vi.area.circle as string[])) {
      expect(circle).toMatch(/^\d+\.\d+,\d+\.\d+ 5$/);
    }
    expect(([] as unknown[]).concat(vi.area.geocode)).toHaveLength(2);
    expect(String(vi.onset).endsWith('+07:00')).toBe(true);

    const v2 = await ok<WorkResult>(
      await send('PUT', `${WORK}/${draft.alert.id}`, editor.headers, {
        ...draftBody({ communeIds: ['luong-tam', 'vi-thuy'], severity: 'extreme' }),
        version: v1.alert.version,
      }),
    );
    const update = await capOf(draft.alert.id);
    expectRequired(update.alert, update.infos);
    expect(update.alert.msgType).toBe('Update');
    expect(update.alert.identifier).toBe(`vn.haugiang.alert.${draft.alert.id}.2`);
    const [sender, identifier, sent] = String(update.alert.references).split(',');
    expect(sender).toBe(update.alert.sender);
    expect(identifier).toBe(first.alert.identifier);
    expect(sent).toBe(first.alert.sent);

    await send('POST', `${WORK}/${draft.alert.id}/cancel`, editor.headers, {
      version: v2.alert.version,
    });
    const cancel = await capOf(draft.alert.id);
    expectRequired(cancel.alert, cancel.infos);
    expect(cancel.alert.msgType).toBe('Cancel');
    expect(String(cancel.alert.references).split(',')[1]).toBe(update.alert.identifier);
  });

  it('describes a province-wide alert as the province and drafts are never exposed', async () => {
    const id = uid('ea-wide-cap');
    const now = new Date().toISOString();
    await db().run(sql`insert into emergency_alerts (id, agency_id, hazard, severity, urgency,
        certainty, headline, description, instruction, province_wide, onset_at, expires_at,
        status, published_at, revision, created_by, updated_by, created_at, updated_at)
      values (${id}, 'ioc', 'epidemic', 'moderate', 'future', 'possible', 'Sốt xuất huyết',
        'Số ca tăng', 'Diệt lăng quăng', 1, ${inHours(-1)}, ${inHours(48)}, 'published', ${now},
        1, 'test', 'test', ${now}, ${now})`);
    const { alert, infos } = await capOf(id);
    expectRequired(alert, infos);
    expect(infos).toHaveLength(1);
    expect(infos[0]?.category).toBe('Health');
    expect(infos[0]?.area.areaDesc).toBe('Toàn tỉnh Hậu Giang');
    const draft = await create(editor.headers);
    expect((await call(`${PUBLIC}/${draft.alert.id}/cap`)).status).toBe(404);
  });

  it('serves an Atom feed whose entries link to CAP documents', async () => {
    const live = await publish(editor.headers, await create(editor.headers));
    const res = await call(`${PUBLIC}/cap`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/atom+xml');
    const xml = await res.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const feed = parser.parse(xml).feed as Record<string, unknown>;
    expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBeTruthy();
    expect(feed.title).toBeTruthy();
    expect(String(feed.updated)).toMatch(CAP_TIME);
    const entries = ([] as Record<string, unknown>[]).concat(feed.entry as Record<string, unknown>);
    const entry = entries.find((e) => String(e.id).includes(`.${live.alert.id}.1`));
    expect(entry).toBeDefined();
    const link = ([] as Record<string, string>[]).concat(entry?.link as Record<string, string>)[0];
    expect(link?.['@_type']).toBe('application/cap+xml');
    const href = new URL(String(link?.['@_href']));
    expect((await call(href.pathname)).status).toBe(200);
    // Drafts never appear.
    const draft = await create(editor.headers);
    const again = await (
      await call(`${PUBLIC}/cap`, { headers: { 'Cache-Control': 'no-cache' } })
    ).text();
    expect(again).not.toContain(draft.alert.id);
  });
});

describe('list paging', () => {
  it('pages the editors list with a cursor and filters by source', async () => {
    for (let i = 0; i < 3; i++) await create(ioc.headers);
    const first = await ok<{ items: { id: string }[]; nextCursor: string | null }>(
      await send('GET', `${WORK}?limit=2&source=editor`, ioc.headers),
    );
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    const second = await ok<{ items: { id: string }[] }>(
      await send('GET', `${WORK}?limit=2&source=editor&cursor=${first.nextCursor}`, ioc.headers),
    );
    expect(second.items.map((i) => i.id)).not.toContain(first.items[0]?.id);
    expect(await failure(await send('GET', `${WORK}?cursor=zzz`, ioc.headers), 400)).toBe(
      'invalid_cursor',
    );
  });
});
