import { env } from 'cloudflare:workers';
import { createDb } from '../../src/platform/db';
import { call, type ErrorJson } from '../helpers';
import { baseJpeg } from './images';
import { newPhone, type Phone, postJson, submitOk, upload } from './reports';

// Helpers of the officials' workflow tests (work-*.test.ts): reports sent through the real
// citizen route, calls of /api/v1/work/* as a signed-in official (support/officials.ts), and
// direct reads of the rows an action must have written.

export const db = () => createDb(env);

export interface Who {
  headers: Record<string, string>;
}

/** A word no other test uses, put in descriptions so a search finds only this file's reports. */
export function marker(): string {
  const letters = 'bcdfghjklmnpqrstvwxz';
  let word = 'mk';
  for (const b of crypto.getRandomValues(new Uint8Array(10))) word += letters[b % letters.length];
  return word;
}

export interface Sent {
  code: string;
  followToken: string;
  phone: Phone;
}

/** A report sent by a fresh phone, in Vị Thanh unless told otherwise. */
export async function sendReport(extra: Record<string, unknown> = {}): Promise<Sent> {
  const phone = newPhone();
  const sent = await submitOk(phone, extra);
  return { code: sent.code, followToken: sent.followToken ?? '', phone };
}

export function workGet(who: Who | null, path: string) {
  return call(`/api/v1/work${path}`, { headers: who?.headers ?? {} });
}

export function workPost(who: Who | null, path: string, body: unknown = {}) {
  return call(`/api/v1/work${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(who?.headers ?? {}) },
    body: JSON.stringify(body),
  });
}

/** POST /api/v1/work/reports/:code/<action>; `assign` goes to the bulk route. */
export function act(who: Who | null, code: string, action: string, body: unknown = {}) {
  if (action === 'assign') {
    return workPost(who, '/reports/assign', { codes: [code], ...(body as object) });
  }
  return workPost(who, `/reports/${code}/${action}`, body);
}

export async function ok<T = Record<string, unknown>>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

export async function errorOf(res: Response) {
  return ((await res.json()) as ErrorJson).error;
}

export interface Detail {
  report: {
    code: string;
    status: string;
    agency: { id: string; name: string } | null;
    category: { id: string; name: string };
    dueAt: string | null;
    verifiedAt: string | null;
    firstAssignedAt: string | null;
    assignedAt: string | null;
    acceptedAt: string | null;
    resolvedAt: string | null;
    hidden: boolean;
    rejectionKind: string | null;
    duplicateOf: string | null;
    duplicates: string[];
  };
  media: { id: string; phase: string }[];
  timeline: {
    id: number;
    type: string;
    isPublic: boolean;
    publicMessage: string | null;
    note: string | null;
    actor: { kind: string; id: string | null; name: string | null };
  }[];
  contact: { name: string | null; phone: string | null } | null;
  contactAccess: string;
  extensionRequests: { id: number; status: string; requestedDueAt: string }[];
  ratings: { rating: string }[];
  audit: { action: string; fromValue: string | null; toValue: string | null }[] | null;
  allowedActions: string[];
}

export async function detail(who: Who, code: string): Promise<Detail> {
  return ok<Detail>(await workGet(who, `/reports/${code}`));
}

/** The public view (what any citizen sees). */
export async function publicView(code: string, followToken?: string) {
  const res = await call(`/api/v1/reports/${code}`, {
    headers: followToken ? { 'X-Follow-Token': followToken } : {},
  });
  return { res, text: await res.text() };
}

export async function sql<T = Record<string, unknown>>(
  text: string,
  args: (string | number | null)[] = [],
): Promise<T[]> {
  const rs = await db().$client.execute({ sql: text, args });
  return rs.rows as unknown as T[];
}

export async function reportRow(code: string) {
  const [row] = await sql<{
    id: number;
    status: string;
    agency_id: string | null;
    commune_id: string | null;
    hidden: number;
    due_at: string | null;
    verified_at: string | null;
    first_assigned_at: string | null;
    assigned_at: string | null;
    accepted_at: string | null;
    overdue_at: string | null;
    escalated_at: string | null;
    duplicate_of_id: number | null;
    rejection_kind: string | null;
    updated_at: string;
  }>('select * from reports where code = ?', [code]);
  if (!row) throw new Error(`no report ${code}`);
  return row;
}

export const auditOf = (code: string) =>
  sql<{
    id: number;
    action: string;
    actor_id: string | null;
    from_value: string | null;
    to_value: string | null;
    note: string | null;
  }>("select * from audit_log where entity_type = 'report' and entity_id = ? order by id", [code]);

export const notificationsOf = (code: string) =>
  sql<{ recipient_type: string; recipient_id: string; kind: string; body: string }>(
    'select n.* from notifications n join reports r on r.id = n.report_id where r.code = ? order by n.id',
    [code],
  );

export const eventsOf = (code: string) =>
  sql<{
    type: string;
    is_public: number;
    note: string | null;
    public_message: string | null;
    client_key: string | null;
  }>(
    'select e.* from report_events e join reports r on r.id = e.report_id where r.code = ? order by e.id',
    [code],
  );

/** A result photo uploaded by an official's app through /api/v1/uploads. */
export async function uploadResultPhoto(deviceId: string): Promise<string> {
  const phone = { ...newPhone(), deviceId };
  const { state } = await upload(phone, 'photo', baseJpeg());
  if (state.status !== 'complete') throw new Error('upload did not complete');
  return state.id;
}

/** Rates the current resolution as the reporter. */
export function rate(sent: Sent, rating: string) {
  return postJson(`/api/v1/reports/${sent.code}/rating`, { rating }, undefined, {
    'X-Follow-Token': sent.followToken,
  });
}

export function reopen(sent: Sent, reason?: string) {
  return postJson(`/api/v1/reports/${sent.code}/reopen`, reason ? { reason } : {}, undefined, {
    'X-Follow-Token': sent.followToken,
  });
}
