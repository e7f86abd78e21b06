import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { createDb } from '../../src/platform/db';
import type { WorkCourse, WorkSession } from '../../src/training/schemas';
import { call } from '../helpers';

// Helpers of the online-training tests: editors' calls, a published course with sessions made
// through the real API, moving a session in time (the API refuses past starts), and small
// Office packages (ZIP files with the folders Word and PowerPoint write).

export const db = () => createDb(env);
export const WORK = '/api/v1/work/training';
export const PUBLIC = '/api/v1/training';
export const AGENCY = 'so_nong_nghiep_moi_truong';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString();

export async function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<Response> {
  return call(path, {
    method,
    headers: body === undefined ? headers : { ...headers, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

export async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

export async function errorOf(res: Response) {
  return ((await res.json()) as { error: { code: string; message: string; details?: unknown } })
    .error;
}

/** Expects `status`, showing the body when it differs. */
export async function expectStatus(res: Response, status: number): Promise<Response> {
  if (res.status !== status) {
    expect(`${res.status} ${await res.clone().text()}`).toBe(String(status));
  }
  return res;
}

export interface SessionInput {
  title?: string;
  startsAt?: string;
  endsAt?: string;
  meetingUrl?: string;
  trainerName?: string | null;
  capacity?: number | null;
}

export async function newCourse(
  headers: Record<string, string>,
  input: { title?: string; description?: string; audience?: string | null } = {},
): Promise<WorkCourse> {
  const res = await send('POST', `${WORK}/courses`, headers, {
    title: input.title ?? `Khóa tập huấn thử ${crypto.randomUUID().slice(0, 8)}`,
    description: input.description ?? 'Mô tả khóa học thử nghiệm.',
    audience: input.audience === undefined ? 'Nông dân' : input.audience,
  });
  await expectStatus(res, 201);
  return (await json<{ course: WorkCourse }>(res)).course;
}

export async function addSession(
  headers: Record<string, string>,
  courseId: string,
  input: SessionInput = {},
): Promise<WorkSession> {
  const startsAt = input.startsAt ?? inHours(48);
  const res = await send('POST', `${WORK}/courses/${courseId}/sessions`, headers, {
    title: input.title ?? 'Buổi học thử',
    startsAt,
    endsAt: input.endsAt ?? new Date(Date.parse(startsAt) + 2 * HOUR).toISOString(),
    meetingUrl: input.meetingUrl ?? 'https://meet.jit.si/tap-huan-thu',
    trainerName: input.trainerName === undefined ? 'KS. Giảng viên' : input.trainerName,
    capacity: input.capacity === undefined ? null : input.capacity,
  });
  await expectStatus(res, 201);
  return (await json<{ session: WorkSession }>(res)).session;
}

export async function publish(headers: Record<string, string>, courseId: string) {
  await expectStatus(await send('POST', `${WORK}/courses/${courseId}/publish`, headers), 200);
}

/** A published course with one session (options for it), made by `editor`. */
export async function publishedSession(
  headers: Record<string, string>,
  session: SessionInput = {},
  course: Parameters<typeof newCourse>[1] = {},
) {
  const c = await newCourse(headers, course);
  const s = await addSession(headers, c.id, session);
  await publish(headers, c.id);
  return { course: c, session: s };
}

/** Moves a session in time directly in the database (the API only takes future starts). */
export async function moveSession(id: string, startsAt: string, endsAt: string) {
  await db().run(
    sql`update course_sessions set starts_at = ${startsAt}, ends_at = ${endsAt} where id = ${id}`,
  );
}

export async function registerFor(
  headers: Record<string, string>,
  sessionId: string,
  body: { name: string; phone?: string | null } = { name: 'Nguyễn Văn Lợi' },
) {
  return send('POST', `${PUBLIC}/sessions/${sessionId}/registrations`, headers, body);
}

export async function auditOf(entityId: string) {
  return db().all<{
    action: string;
    actorId: string;
    fromValue: string | null;
    toValue: string | null;
  }>(
    sql`select action, actor_id as actorId, from_value as fromValue, to_value as toValue
      from audit_log where entity_id = ${entityId} order by id`,
  );
}

// ---- Office packages ------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) crc = (CRC_TABLE[(crc ^ b) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A valid ZIP of stored (uncompressed) entries, as any unzip tool reads it. */
export function zip(entries: Record<string, string>): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder();
  const locals: number[] = [];
  const central: number[] = [];
  const u16 = (v: number) => [v & 0xff, (v >>> 8) & 0xff];
  const u32 = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
  let count = 0;
  for (const [name, content] of Object.entries(entries)) {
    const nameBytes = Array.from(encoder.encode(name));
    const data = encoder.encode(content);
    const crc = crc32(data);
    const offset = locals.length;
    const common = [...u16(20), ...u16(0), ...u16(0), ...u16(0), ...u16(0x21)];
    const sizes = [...u32(crc), ...u32(data.length), ...u32(data.length)];
    locals.push(...u32(0x04034b50), ...common, ...sizes, ...u16(nameBytes.length), ...u16(0));
    locals.push(...nameBytes, ...data);
    central.push(...u32(0x02014b50), ...u16(20), ...common, ...sizes);
    central.push(...u16(nameBytes.length), ...u16(0), ...u16(0), ...u16(0), ...u16(0));
    central.push(...u32(0), ...u32(offset), ...nameBytes);
    count++;
  }
  const end = [
    ...u32(0x06054b50),
    ...u16(0),
    ...u16(0),
    ...u16(count),
    ...u16(count),
    ...u32(central.length),
    ...u32(locals.length),
    ...u16(0),
  ];
  return new Uint8Array([...locals, ...central, ...end]);
}

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types/>';

export const docx = () =>
  zip({
    '[Content_Types].xml': CONTENT_TYPES,
    '_rels/.rels': '<Relationships/>',
    'word/document.xml': '<w:document><w:body><w:p>Lịch thời vụ</w:p></w:body></w:document>',
  });

export const pptx = () =>
  zip({
    '[Content_Types].xml': CONTENT_TYPES,
    '_rels/.rels': '<Relationships/>',
    'ppt/presentation.xml': '<p:presentation/>',
  });

/** A ZIP that is no Office document. */
export const plainZip = () => zip({ 'ghi-chu.txt': 'Không phải tài liệu Office' });
