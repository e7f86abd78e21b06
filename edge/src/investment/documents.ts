import { sql } from 'drizzle-orm';
import type { Context } from 'hono';
import type { AuditEntryInput } from '../audit/log';
import { contentVersionBump } from '../content/cache';
import { auditIfChanged } from '../management/repo';
import type { Db } from '../platform/db';
import type { AppEnv, Env } from '../platform/env';
import { ApiError } from '../platform/errors';
import { contentDispositionFor, sha256OfBytes } from '../platform/files';
import {
  detectMaterialKind,
  INLINE_TYPES,
  MATERIAL_TYPES,
  materialFileName,
} from '../training/file-types';
import { documentUrl } from './repo';
import { DOCUMENT_MAX_BYTES, MAX_DOCUMENTS } from './schemas';

// Files of projects and policies, in the DOCUMENTS bucket under investment/<owner>/<id>. The
// file is stored before its row and removed again when the row is not written, so a listed
// document always has its file. The type is read from the bytes (the declared name and type
// only name the download), and PowerPoint, which training accepts, is not taken here.

const ACCEPTED = ['pdf', 'docx', 'xlsx', 'png', 'jpeg'] as const;
type DocumentKind = (typeof ACCEPTED)[number];

export const documentNotFound = () =>
  new ApiError(404, 'document_not_found', 'Không tìm thấy tài liệu.');

export const documentTooLarge = () =>
  new ApiError(413, 'file_too_large', 'Tệp tài liệu vượt quá 20 MB.', {
    maxBytes: DOCUMENT_MAX_BYTES,
  });

const unsupportedType = () =>
  new ApiError(
    415,
    'unsupported_file_type',
    'Chỉ nhận tài liệu PDF, Word (.docx), Excel (.xlsx) hoặc ảnh PNG, JPEG.',
    { accepted: ACCEPTED.map((k) => MATERIAL_TYPES[k].mime) },
  );

export interface DocumentOwner {
  kind: 'project' | 'policy';
  id: string;
}

const ownerTable = (o: DocumentOwner) =>
  o.kind === 'project' ? sql`investment_projects` : sql`investment_policies`;
const ownerColumn = (o: DocumentOwner) => (o.kind === 'project' ? sql`project_id` : sql`policy_id`);

export interface StoredDocument {
  id: string;
  title: string;
  fileName: string;
  contentType: string;
  bytes: number;
  sha256: string;
  createdAt: string;
  url: string;
}

/**
 * Checks and stores one upload with its audit entry. The same bytes uploaded again to the same
 * owner (a retry whose answer was lost) answer the document already there.
 */
export async function storeDocument(
  db: Db,
  env: Pick<Env, 'DOCUMENTS'>,
  q: {
    owner: DocumentOwner;
    title: string | undefined;
    declaredName: string | null;
    uploadedBy: string;
    now: string;
  },
  file: Uint8Array<ArrayBuffer>,
  audit: (id: string, values: Record<string, unknown>) => AuditEntryInput,
): Promise<{ created: boolean; document: StoredDocument }> {
  if (file.length === 0) throw new ApiError(400, 'empty_file', 'Tệp tài liệu rỗng.');
  if (file.length > DOCUMENT_MAX_BYTES) throw documentTooLarge();
  const kind = detectMaterialKind(file);
  if (!kind || !(ACCEPTED as readonly string[]).includes(kind)) throw unsupportedType();
  const contentType = MATERIAL_TYPES[kind as DocumentKind].mime;
  const sha256 = await sha256OfBytes(file);
  const fileName = materialFileName(q.declaredName, q.title ?? '', kind);
  const title = (q.title ?? fileName.replace(/\.[A-Za-z0-9]{1,5}$/, '')).slice(0, 200);
  const id = crypto.randomUUID();
  const key = `investment/${q.owner.kind}/${q.owner.id}/${id}`;
  await env.DOCUMENTS.put(key, file, { httpMetadata: { contentType }, sha256 });
  const col = ownerColumn(q.owner);
  const values = { title, fileName, contentType, bytes: file.length, sha256 };
  try {
    const [inserted, , , rows] = await db.batch([
      db.all(sql`insert into investment_documents (id, ${col}, title, object_key, file_name,
          content_type, bytes, sha256, uploaded_by, created_at)
        select ${id}, o.id, ${title}, ${key}, ${fileName}, ${contentType}, ${file.length},
          ${sha256}, ${q.uploadedBy}, ${q.now}
        from ${ownerTable(q.owner)} o
        where o.id = ${q.owner.id}
          and not exists (select 1 from investment_documents d
            where d.${col} = o.id and d.sha256 = ${sha256})
          and (select count(*) from investment_documents d where d.${col} = o.id)
            < ${MAX_DOCUMENTS}
        returning id`),
      // Right after the insert: written only when the insert wrote a row.
      auditIfChanged(db, audit(id, values)),
      contentVersionBump(db, 'investment'),
      db.all<Omit<StoredDocument, 'url'>>(sql`select id, title, file_name as fileName,
          content_type as contentType, bytes, sha256, created_at as createdAt
        from investment_documents where ${col} = ${q.owner.id} and sha256 = ${sha256}
        order by created_at limit 1`),
    ]);
    const row = rows[0];
    if (inserted.length === 0) await env.DOCUMENTS.delete(key);
    if (!row) throw await ownerGoneOrFull(db, q.owner);
    return {
      created: inserted.length > 0,
      document: { ...row, bytes: Number(row.bytes), url: documentUrl(row.id) },
    };
  } catch (err) {
    await env.DOCUMENTS.delete(key);
    throw err;
  }
}

async function ownerGoneOrFull(db: Db, owner: DocumentOwner): Promise<ApiError> {
  const [exists] = await db.all(sql`select 1 from ${ownerTable(owner)} where id = ${owner.id}`);
  if (!exists) return documentNotFound();
  return new ApiError(409, 'too_many_documents', `Mỗi mục có tối đa ${MAX_DOCUMENTS} tài liệu.`, {
    max: MAX_DOCUMENTS,
  });
}

/** The row with its audit entry, then the file; false when it was already gone. */
export async function deleteDocument(
  db: Db,
  env: Pick<Env, 'DOCUMENTS'>,
  row: { id: string; objectKey: string },
  audit: AuditEntryInput,
): Promise<boolean> {
  const [deleted] = await db.batch([
    db.all(sql`delete from investment_documents where id = ${row.id} returning id`),
    auditIfChanged(db, audit),
    contentVersionBump(db, 'investment'),
  ]);
  if (deleted.length === 0) return false;
  await env.DOCUMENTS.delete(row.objectKey);
  return true;
}

/**
 * The file as a download. The bytes of an id never change, so the SHA-256 is a strong ETag.
 * Only PDFs and images open in place; Office files are downloaded; `nosniff` and a sandboxing
 * CSP keep a crafted file from being run as a page of this origin.
 */
export async function serveDocument(
  c: Context<AppEnv>,
  d: { objectKey: string; fileName: string; contentType: string; sha256: string },
  cacheControl: string,
): Promise<Response> {
  const etag = `"${d.sha256}"`;
  const headers = {
    'Cache-Control': cacheControl,
    ETag: etag,
    'Cross-Origin-Resource-Policy': 'cross-origin',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
  };
  if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
  const object = await c.env.DOCUMENTS.get(d.objectKey);
  if (!object) throw documentNotFound();
  return c.body(object.body as unknown as ReadableStream, 200, {
    ...headers,
    'Content-Type': d.contentType,
    'Content-Length': String(object.size),
    'Content-Disposition': contentDispositionFor(
      d.fileName,
      INLINE_TYPES.has(d.contentType) ? 'inline' : 'attachment',
    ),
  });
}
