import type { OfficialRole } from '@tinh/db/schema';
import { describe, expect, it } from 'vitest';
import { signedInOfficial } from './support/officials';
import { act, sendReport, sql, type Who, workGet, workPost } from './support/work';

// The permission matrix through the real routes: role × action × a report of the official's
// own agency or of another agency (another agency in another commune). Each cell prepares a
// report in the state the action needs (so only permissions decide), calls the route as that
// official and compares the status code with the table below, written out by hand.
//
// Reading cells: `seen`/`unseen` (queue answered 200, with or without the report),
// `shown`/`withheld` (detail answered 200, with or without the reporter's contact); otherwise
// the HTTP status. 404 means "outside your scope" (the report is not revealed), 403 "you may
// see it but not do this".

const ACTIONS = [
  'queue',
  'detail',
  'contact',
  'intake',
  'assign',
  'accept',
  'return',
  'update',
  'note',
  'resolve',
  'request_extension',
  'decide_extension',
] as const;
type MatrixAction = (typeof ACTIONS)[number];
type Cell = number | 'seen' | 'unseen' | 'shown' | 'withheld';

const ROLES = [
  'admin',
  'ioc_operator',
  'agency_handler',
  'agency_leader',
  'commune_officer',
  'province_leader',
  'news_editor',
] as const satisfies readonly OfficialRole[];

//                       [own agency, other agency]
const EXPECTED: Record<(typeof ROLES)[number], Record<MatrixAction, [Cell, Cell]>> = {
  admin: {
    queue: ['seen', 'seen'],
    detail: [200, 200],
    contact: ['withheld', 'withheld'],
    intake: [403, 403],
    assign: [403, 403],
    accept: [403, 403],
    return: [403, 403],
    update: [403, 403],
    note: [403, 403],
    resolve: [403, 403],
    request_extension: [403, 403],
    decide_extension: [403, 403],
  },
  ioc_operator: {
    queue: ['seen', 'seen'],
    detail: [200, 200],
    contact: ['shown', 'shown'],
    intake: [200, 200],
    assign: [200, 200],
    accept: [403, 403],
    return: [403, 403],
    update: [403, 403],
    note: [201, 201],
    resolve: [403, 403],
    request_extension: [403, 403],
    decide_extension: [200, 200],
  },
  agency_handler: {
    queue: ['seen', 'unseen'],
    detail: [200, 404],
    contact: ['shown', 404],
    intake: [404, 404],
    assign: [403, 403],
    accept: [200, 404],
    return: [200, 404],
    update: [201, 404],
    note: [201, 404],
    resolve: [200, 404],
    request_extension: [201, 404],
    decide_extension: [403, 404],
  },
  agency_leader: {
    queue: ['seen', 'unseen'],
    detail: [200, 404],
    contact: ['shown', 404],
    intake: [404, 404],
    assign: [403, 403],
    accept: [200, 404],
    return: [200, 404],
    update: [201, 404],
    note: [201, 404],
    resolve: [200, 404],
    request_extension: [201, 404],
    decide_extension: [403, 404],
  },
  // Own agency: the People's Committee of their commune (reports located there). An
  // unassigned report in their commune is visible to them (403 on intake), not elsewhere.
  commune_officer: {
    queue: ['seen', 'unseen'],
    detail: [200, 404],
    contact: ['shown', 404],
    intake: [403, 404],
    assign: [403, 403],
    accept: [200, 404],
    return: [200, 404],
    update: [201, 404],
    note: [201, 404],
    resolve: [200, 404],
    request_extension: [201, 404],
    decide_extension: [403, 404],
  },
  province_leader: {
    queue: ['seen', 'seen'],
    detail: [200, 200],
    contact: ['withheld', 'withheld'],
    intake: [403, 403],
    assign: [403, 403],
    accept: [403, 403],
    return: [403, 403],
    update: [403, 403],
    note: [403, 403],
    resolve: [403, 403],
    request_extension: [403, 403],
    decide_extension: [403, 403],
  },
  news_editor: {
    queue: [403, 403],
    detail: [404, 404],
    contact: [404, 404],
    intake: [404, 404],
    assign: [403, 403],
    accept: [404, 404],
    return: [404, 404],
    update: [404, 404],
    note: [404, 404],
    resolve: [404, 404],
    request_extension: [404, 404],
    decide_extension: [404, 404],
  },
};

/** Where each role's official works: their agency and, for commune officers, commune. */
function homeOf(role: OfficialRole) {
  if (role === 'commune_officer') return { agencyId: 'ubnd_vi-thanh', communeId: 'vi-thanh' };
  if (role === 'agency_handler' || role === 'agency_leader') {
    return { agencyId: 'so_xay_dung', communeId: 'vi-thanh' };
  }
  return { agencyId: 'ioc', communeId: 'vi-thanh' };
}

const OTHER = { agencyId: 'cap_thoat_nuoc', communeId: 'vi-tan' };

type Prepared = { code: string; extensionId: number | null };

/** A report (with a contact the agency may use) put in the state `action` needs. */
async function prepare(
  action: MatrixAction,
  where: { agencyId: string; communeId: string },
): Promise<Prepared> {
  const sent = await sendReport({
    contact: { name: 'Nguyễn Văn Tám', phone: '0912345678', agencyMayContact: true, consent: true },
  });
  const now = new Date().toISOString();
  let status = 'assigned';
  let agency: string | null = where.agencyId;
  let accepted: string | null = null;
  let verified: string | null = now;
  if (action === 'intake') {
    status = 'received';
    agency = null;
    verified = null;
  }
  if (action === 'resolve' || action === 'request_extension' || action === 'decide_extension') {
    status = 'in_progress';
    accepted = now;
  }
  await sql(
    `update reports set status = ?, agency_id = ?, commune_id = ?, accepted_at = ?, verified_at = ?,
       assigned_at = case when ? is null then null else ? end where code = ?`,
    [status, agency, where.communeId, accepted, verified, agency, now, sent.code],
  );
  let extensionId: number | null = null;
  if (action === 'decide_extension') {
    const [row] = await sql<{ id: number }>(
      `insert into report_extension_requests (report_id, agency_id, requested_by, reason, requested_due_at, status, created_at)
       select id, ?, 'someone', 'Cần thêm thời gian.', ?, 'pending', ? from reports where code = ? returning id`,
      [where.agencyId, new Date(Date.now() + 30 * 86_400_000).toISOString(), now, sent.code],
    );
    extensionId = row?.id ?? null;
  }
  return { code: sent.code, extensionId };
}

async function perform(who: Who, action: MatrixAction, p: Prepared): Promise<Cell> {
  switch (action) {
    case 'queue': {
      const res = await workGet(who, `/reports?q=${encodeURIComponent(p.code)}`);
      if (res.status !== 200) return res.status;
      const body = (await res.json()) as { items: { code: string }[] };
      return body.items.some((i) => i.code === p.code) ? 'seen' : 'unseen';
    }
    case 'detail':
      return (await workGet(who, `/reports/${p.code}`)).status;
    case 'contact': {
      const res = await workGet(who, `/reports/${p.code}`);
      if (res.status !== 200) return res.status;
      const body = (await res.json()) as { contact: { phone: string } | null };
      return body.contact?.phone ? 'shown' : 'withheld';
    }
    case 'intake':
      return (await act(who, p.code, 'intake', { decision: 'valid', agencyId: 'so_y_te' })).status;
    case 'assign': {
      const res = await workPost(who, '/reports/assign', { codes: [p.code], agencyId: 'so_y_te' });
      if (res.status !== 200) return res.status;
      const body = (await res.json()) as {
        assigned: unknown[];
        skipped: { error: { code: string } }[];
      };
      return body.assigned.length === 1 ? 200 : (`skipped:${body.skipped[0]?.error.code}` as never);
    }
    case 'accept':
      return (await act(who, p.code, 'accept')).status;
    case 'return':
      return (await act(who, p.code, 'return', { reason: 'Không đúng cơ quan.' })).status;
    case 'update':
      return (
        await act(who, p.code, 'updates', {
          message: 'Đang xử lý.',
          clientKey: crypto.randomUUID(),
        })
      ).status;
    case 'note':
      return (await act(who, p.code, 'notes', { note: 'Ghi chú.', clientKey: crypto.randomUUID() }))
        .status;
    case 'resolve':
      return (await act(who, p.code, 'resolve', { answer: 'Đã xử lý xong.', mediaIds: [] })).status;
    case 'request_extension':
      return (
        await act(who, p.code, 'extension-requests', {
          reason: 'Chờ vật tư.',
          requestedDueAt: new Date(Date.now() + 40 * 86_400_000).toISOString(),
        })
      ).status;
    case 'decide_extension':
      return (
        await workPost(who, `/extension-requests/${p.extensionId}/decision`, { approve: true })
      ).status;
  }
}

describe('permission matrix: role × action × own / other agency', () => {
  it.each(ROLES)('%s', async (role) => {
    const home = homeOf(role);
    const who = await signedInOfficial({
      roles: [role],
      agencyId: home.agencyId,
      communeId: role === 'commune_officer' ? home.communeId : null,
    });
    const actual: Record<string, [Cell, Cell]> = {};
    for (const action of ACTIONS) {
      const own = await perform(who, action, await prepare(action, home));
      const other = await perform(who, action, await prepare(action, OTHER));
      actual[action] = [own, other];
    }
    expect(actual).toEqual(EXPECTED[role]);
  });

  it('without a session every route answers 401', async () => {
    const p = await prepare('accept', OTHER);
    expect((await workGet(null, '/reports')).status).toBe(401);
    expect((await workGet(null, `/reports/${p.code}`)).status).toBe(401);
    expect((await act(null, p.code, 'accept')).status).toBe(401);
    expect((await act(null, p.code, 'assign')).status).toBe(401);
    expect((await workGet(null, '/extension-requests')).status).toBe(401);
  });
});
