import { sql } from 'drizzle-orm';
import { type AuditEntryInput, auditStatement } from '../audit/log';
import { auditIfChanged } from '../management/repo';
import type { Db } from '../platform/db';
import type { Env } from '../platform/env';
import { ApiError } from '../platform/errors';
import { contentDispositionFor, looksLikePdf, sha256OfBytes } from '../platform/files';
import { base64url } from '../reports/tokens';
import { type EnvironmentReportAnswer, REPORT_MAX_BYTES } from './schemas';

// Agencies' quarterly and annual environment reports: PDF files in R2 (DOCUMENTS, under
// environment-reports/<id>.pdf), listed and downloaded by citizens. The row is written only
// after the file is stored, and the file is removed again if the row is not, so a listed
// report always has its file.

export const reportFileUrl = (id: string) => `/api/v1/environment/reports/${id}/file`;
export const reportKey = (id: string) => `environment-reports/${id}.pdf`;

interface ReportRow {
  id: string;
  title: string;
  period: 'quarterly' | 'annual';
  year: number;
  quarter: number | null;
  agencyId: string;
  agencyName: string;
  bytes: number;
  sha256: string;
  r2Key: string;
  createdAt: string;
  /** Sort key within a year: the annual report first (5), then quarters 4…1. */
  rank: number;
}

const RANK = sql`(case when r.period = 'annual' then 5 else coalesce(r.quarter, 0) end)`;

const COLUMNS = sql`r.id as id, r.title as title, r.period as period, r.year as year,
  r.quarter as quarter, r.agency_id as agencyId, a.name as agencyName, r.bytes as bytes,
  r.sha256 as sha256, r.r2_key as r2Key, r.created_at as createdAt, ${RANK} as rank`;

const toAnswer = (r: ReportRow): EnvironmentReportAnswer => ({
  id: r.id,
  title: r.title,
  period: r.period,
  year: r.year,
  quarter: r.quarter,
  agencyId: r.agencyId,
  agencyName: r.agencyName,
  bytes: r.bytes,
  createdAt: r.createdAt,
  url: reportFileUrl(r.id),
});

// The cursor is the last row's sort key: stable under inserts and deletes while paging.
type Cursor = [year: number, rank: number, createdAt: string, id: string];

function encodeCursor(r: ReportRow): string {
  return base64url(new TextEncoder().encode(JSON.stringify([r.year, r.rank, r.createdAt, r.id])));
}

function decodeCursor(text: string): Cursor {
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const value: unknown = JSON.parse(
      new TextDecoder().decode(Uint8Array.from(bin, (ch) => ch.charCodeAt(0))),
    );
    if (
      Array.isArray(value) &&
      value.length === 4 &&
      Number.isInteger(value[0]) &&
      Number.isInteger(value[1]) &&
      typeof value[2] === 'string' &&
      typeof value[3] === 'string'
    ) {
      return value as Cursor;
    }
  } catch {
    // answered below
  }
  throw new ApiError(400, 'invalid_cursor', 'Con trỏ trang không hợp lệ.');
}

/** Newest period first (year, then the annual report, then quarters), then newest upload. */
export async function listReports(
  db: Db,
  q: { year?: number; agencyId?: string; cursor?: string; limit: number },
) {
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  const rows = await db.all<ReportRow>(sql`select ${COLUMNS}
    from environment_reports r join agencies a on a.id = r.agency_id
    where 1 = 1
      ${q.year !== undefined ? sql`and r.year = ${q.year}` : sql``}
      ${q.agencyId ? sql`and r.agency_id = ${q.agencyId}` : sql``}
      ${
        after
          ? sql`and (r.year, ${RANK}, r.created_at, r.id) < (${after[0]}, ${after[1]}, ${after[2]}, ${after[3]})`
          : sql``
      }
    order by r.year desc, ${RANK} desc, r.created_at desc, r.id desc
    limit ${q.limit + 1}`);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toAnswer),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null,
  };
}

export async function agencyExists(db: Db, id: string): Promise<boolean> {
  const rows = await db.all(sql`select 1 from agencies where id = ${id}`);
  return rows.length > 0;
}

export async function findReport(db: Db, id: string): Promise<ReportRow | undefined> {
  const [row] = await db.all<ReportRow>(sql`select ${COLUMNS}
    from environment_reports r join agencies a on a.id = r.agency_id where r.id = ${id}`);
  return row;
}

export { toAnswer as reportAnswer };

/** `attachment`/`inline` header value with the report's title as the file name (RFC 6266). */
export function contentDisposition(title: string, kind: 'inline' | 'attachment' = 'inline') {
  return contentDispositionFor(
    `${title.replace(/[\r\n"\\/]+/g, ' ').trim() || 'bao-cao'}.pdf`,
    kind,
  );
}

export interface NewReport {
  title: string;
  period: 'quarterly' | 'annual';
  year: number;
  quarter: number | null;
  agencyId: string;
  uploadedBy: string;
}

/** Checks and stores a PDF, then its row with the audit entry; answers the listed report. */
export async function storeReport(
  db: Db,
  env: Pick<Env, 'DOCUMENTS'>,
  input: NewReport,
  file: Uint8Array<ArrayBuffer>,
  audit: (id: string, sha256: string) => AuditEntryInput,
): Promise<EnvironmentReportAnswer> {
  if (file.length === 0) throw new ApiError(400, 'empty_file', 'Tệp báo cáo rỗng.');
  if (file.length > REPORT_MAX_BYTES) throw fileTooLarge();
  if (!looksLikePdf(file)) {
    throw new ApiError(415, 'not_pdf', 'Tệp báo cáo phải là PDF.');
  }
  const id = crypto.randomUUID();
  const sha256 = await sha256OfBytes(file);
  const key = reportKey(id);
  await env.DOCUMENTS.put(key, file, {
    httpMetadata: { contentType: 'application/pdf' },
    sha256,
  });
  try {
    const [, , rows] = await db.batch([
      db.run(sql`insert into environment_reports
          (id, agency_id, title, period, year, quarter, r2_key, bytes, sha256, uploaded_by)
        values (${id}, ${input.agencyId}, ${input.title}, ${input.period}, ${input.year},
          ${input.quarter}, ${key}, ${file.length}, ${sha256}, ${input.uploadedBy})`),
      auditStatement(db, audit(id, sha256)),
      db.all<ReportRow>(sql`select ${COLUMNS}
        from environment_reports r join agencies a on a.id = r.agency_id where r.id = ${id}`),
    ]);
    const row = (rows as ReportRow[])[0];
    if (!row) throw new Error('stored report not found');
    return toAnswer(row);
  } catch (err) {
    await env.DOCUMENTS.delete(key);
    throw err;
  }
}

export const fileTooLarge = () =>
  new ApiError(413, 'file_too_large', 'Tệp báo cáo vượt quá 20 MB.', {
    maxBytes: REPORT_MAX_BYTES,
  });

/** Deletes the row with its audit entry, then the file; answers false when there was none. */
export async function deleteReport(
  db: Db,
  env: Pick<Env, 'DOCUMENTS'>,
  row: { id: string; r2Key: string },
  audit: AuditEntryInput,
): Promise<boolean> {
  const [deleted] = await db.batch([
    db.all(sql`delete from environment_reports where id = ${row.id} returning id`),
    auditIfChanged(db, audit),
  ]);
  if ((deleted as unknown[]).length === 0) return false;
  await env.DOCUMENTS.delete(row.r2Key);
  return true;
}
