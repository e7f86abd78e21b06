import { sql } from 'drizzle-orm';
import type { Context } from 'hono';
import type { AuditEntryInput } from '../audit/log';
import { auditIfChanged } from '../management/repo';
import type { Db } from '../platform/db';
import type { AppEnv, Env } from '../platform/env';
import { ApiError } from '../platform/errors';
import { contentDispositionFor, sha256OfBytes } from '../platform/files';
import {
  detectMaterialKind,
  INLINE_TYPES,
  MATERIAL_TYPES,
  type MaterialKind,
  materialFileName,
} from './file-types';
import type { MaterialContext } from './repo';
import { MATERIAL_MAX_BYTES, MAX_MATERIALS, type Material } from './schemas';

// Training materials: files in the DOCUMENTS bucket under training/<courseId>/<id>. The file
// is stored before its row and removed again when the row is not written (the course was
// cancelled meanwhile, the same file was already there, or the write failed), so a listed
// material always has its file.

export const materialKey = (courseId: string, id: string) => `training/${courseId}/${id}`;

export const materialTooLarge = () =>
  new ApiError(413, 'file_too_large', 'Tệp tài liệu vượt quá 20 MB.', {
    maxBytes: MATERIAL_MAX_BYTES,
  });

export const unsupportedType = () =>
  new ApiError(
    415,
    'unsupported_file_type',
    'Chỉ nhận tài liệu PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx) hoặc ảnh PNG, JPEG.',
    { accepted: Object.values(MATERIAL_TYPES).map((t) => t.mime) },
  );

/** The X-File-Name header (URI-encoded, as the contract says), or 400. */
export function decodeFileName(header: string | undefined): string | null {
  if (!header) return null;
  try {
    return decodeURIComponent(header);
  } catch {
    throw new ApiError(
      400,
      'invalid_file_name',
      'Tên tệp (X-File-Name) phải được mã hóa URI (encodeURIComponent).',
    );
  }
}

export interface MaterialUpload {
  courseId: string;
  /** From `?title=`; the file name (without extension) when absent. */
  title: string | undefined;
  declaredName: string | null;
  uploadedBy: string;
  now: string;
}

export type StoreOutcome =
  | { kind: 'created' | 'existing'; material: MaterialRowOut }
  | { kind: 'course_unavailable' }
  | { kind: 'too_many_materials' };

type MaterialRowOut = Omit<Material, 'url'>;

const stem = (name: string) => name.replace(/\.[A-Za-z0-9]{1,5}$/, '') || name;

/**
 * Checks the file (size, real type), stores it, then its row with the audit entry. The same
 * file uploaded again to the course (a retry whose answer was lost) answers the material
 * already there, and the copy just stored is removed.
 */
export async function storeMaterial(
  db: Db,
  env: Pick<Env, 'DOCUMENTS'>,
  input: MaterialUpload,
  file: Uint8Array<ArrayBuffer>,
  audit: (id: string, values: Record<string, unknown>) => AuditEntryInput,
): Promise<StoreOutcome> {
  if (file.length === 0) throw new ApiError(400, 'empty_file', 'Tệp tài liệu rỗng.');
  if (file.length > MATERIAL_MAX_BYTES) throw materialTooLarge();
  const kind: MaterialKind | null = detectMaterialKind(file);
  if (!kind) throw unsupportedType();
  const contentType = MATERIAL_TYPES[kind].mime;
  const sha256 = await sha256OfBytes(file);
  const fileName = materialFileName(input.declaredName, input.title ?? '', kind);
  const title = input.title ?? stem(fileName);
  const id = crypto.randomUUID();
  const key = materialKey(input.courseId, id);
  await env.DOCUMENTS.put(key, file, { httpMetadata: { contentType }, sha256 });
  const values = {
    courseId: input.courseId,
    title,
    fileName,
    contentType,
    bytes: file.length,
    sha256,
  };
  try {
    const [inserted, , rows, course] = await db.batch([
      db.all(sql`insert into course_materials (id, course_id, title, object_key, file_name,
          content_type, bytes, sha256, uploaded_by, created_at)
        select ${id}, c.id, ${title}, ${key}, ${fileName}, ${contentType}, ${file.length},
          ${sha256}, ${input.uploadedBy}, ${input.now}
        from courses c
        where c.id = ${input.courseId} and c.status <> 'cancelled'
          and not exists (select 1 from course_materials m
            where m.course_id = c.id and m.sha256 = ${sha256})
          and (select count(*) from course_materials m where m.course_id = c.id)
            < ${MAX_MATERIALS}
        returning id`),
      auditIfChanged(db, audit(id, values)),
      db.all<MaterialRowOut>(sql`select id, title, file_name as fileName,
          content_type as contentType, bytes, created_at as createdAt
        from course_materials
        where course_id = ${input.courseId} and sha256 = ${sha256}
        order by created_at limit 1`),
      db.all(sql`select 1 from courses where id = ${input.courseId} and status <> 'cancelled'`),
    ]);
    const row = rows[0];
    if (inserted.length > 0 && row) return { kind: 'created', material: row };
    await env.DOCUMENTS.delete(key);
    if (course.length === 0) return { kind: 'course_unavailable' };
    if (row) return { kind: 'existing', material: row };
    return { kind: 'too_many_materials' };
  } catch (err) {
    await env.DOCUMENTS.delete(key);
    throw err;
  }
}

/** Deletes the row with its audit entry, then the file; false when there was none. */
export async function deleteMaterial(
  db: Db,
  env: Pick<Env, 'DOCUMENTS'>,
  row: { id: string; objectKey: string },
  audit: AuditEntryInput,
): Promise<boolean> {
  const [deleted] = await db.batch([
    db.all(sql`delete from course_materials where id = ${row.id} returning id`),
    auditIfChanged(db, audit),
  ]);
  if (deleted.length === 0) return false;
  await env.DOCUMENTS.delete(row.objectKey);
  return true;
}

/**
 * The file as a download. Its bytes never change (a new version is a new upload), so the
 * SHA-256 is a strong ETag; the public copy may stay in caches for an hour after removal.
 */
export async function serveMaterial(
  c: Context<AppEnv>,
  m: MaterialContext,
  cacheControl: string,
): Promise<Response> {
  const etag = `"${m.sha256}"`;
  const headers = {
    'Cache-Control': cacheControl,
    ETag: etag,
    'Cross-Origin-Resource-Policy': 'cross-origin',
  };
  if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
  const object = await c.env.DOCUMENTS.get(m.objectKey);
  if (!object) throw materialNotFound();
  return c.body(object.body as unknown as ReadableStream, 200, {
    ...headers,
    'Content-Type': m.contentType,
    'Content-Length': String(object.size),
    'Content-Disposition': contentDispositionFor(
      m.fileName,
      INLINE_TYPES.has(m.contentType) ? 'inline' : 'attachment',
    ),
    'X-Content-Type-Options': 'nosniff',
  });
}

export const materialNotFound = () =>
  new ApiError(404, 'material_not_found', 'Không tìm thấy tài liệu.');
