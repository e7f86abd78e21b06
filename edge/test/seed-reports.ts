import { env } from 'cloudflare:workers';
import type { RATINGS, ReportStatus } from '@tinh/db/schema';
import { reportContacts, reportEvents, reportMedia, reportRatings, reports } from '@tinh/db/schema';
import { inArray, sql } from 'drizzle-orm';
import { createDb } from '../src/platform/db';
import { foldVietnamese } from '../src/platform/text';

// Reports written straight into the test database, for the read-side tests (feed, stats,
// Open311): any status, date, photo, rating, contact or hidden flag, without going through
// the submission flow. Every test file shares one database (and test files may run in
// parallel), so tests isolate their rows with a unique word in the descriptions (`marker`)
// or with dates no other test uses.

export const testDb = () => createDb(env);

/** A word no other report contains: search for it to see only this test's reports. */
export function marker(prefix = 'mk'): string {
  const letters = 'bcdfghjklmnpqrstvwxz';
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  let word = prefix;
  for (const b of bytes) word += letters[b % letters.length];
  return word;
}

const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
function randomCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  let code = 'PA-';
  for (const b of bytes) code += CODE_ALPHABET[b & 31];
  return code;
}

export interface SeedReport {
  description: string;
  categoryId?: string;
  status?: ReportStatus;
  lat?: number;
  lng?: number;
  communeId?: string | null;
  address?: string | null;
  agencyId?: string | null;
  hidden?: boolean;
  supporterCount?: number;
  createdAt?: string;
  updatedAt?: string;
  dueAt?: string | null;
  resolvedAt?: string | null;
  /** Citizen photos ('report' phase). */
  photos?: number;
  /** Agency result photos ('result' phase). */
  resultPhotos?: number;
  /** Rating of the current resolution (needs resolvedAt). */
  rating?: (typeof RATINGS)[number];
  ratingComment?: string;
  contact?: { name: string | null; phone: string | null; agencyMayContact?: boolean };
  /** Public (or internal) timeline entries, oldest first. */
  events?: {
    type?: ReportStatus;
    message: string | null;
    isPublic?: boolean;
    note?: string;
    at?: string;
  }[];
}

export interface SeededReport {
  id: number;
  code: string;
  photoIds: string[];
  resultPhotoIds: string[];
}

/** Inserts the reports in order (ids ascending, so the last is the newest), in one batch. */
export async function seedReports(list: SeedReport[]): Promise<SeededReport[]> {
  const db = testDb();
  const base = Date.now();
  const prepared = list.map((r, i) => {
    const createdAt = r.createdAt ?? new Date(base + i).toISOString();
    return {
      input: r,
      code: randomCode(),
      submissionId: crypto.randomUUID(),
      createdAt,
      photoIds: Array.from({ length: r.photos ?? 0 }, () => crypto.randomUUID()),
      resultPhotoIds: Array.from({ length: r.resultPhotos ?? 0 }, () => crypto.randomUUID()),
    };
  });

  const statementsOf = () =>
    prepared.flatMap((p) => {
      const r = p.input;
      const idOf = sql`(select id from reports where submission_id = ${p.submissionId})`;
      const media = (ids: string[], phase: 'report' | 'result') =>
        ids.map((id, i) =>
          db.insert(reportMedia).values({
            id,
            reportId: idOf,
            kind: 'photo',
            phase,
            mime: 'image/jpeg',
            declaredBytes: 1000,
            receivedBytes: 1000,
            status: 'complete',
            r2Key: `media/${id}`,
            sortOrder: i,
            expiresAt: '2999-01-01T00:00:00.000Z',
          }),
        );
      return [
        db.insert(reports).values({
          code: p.code,
          submissionId: p.submissionId,
          followTokenHash: 'seed',
          categoryId: r.categoryId ?? 'giao_thong',
          description: r.description,
          lat: r.lat ?? 9.7845,
          lng: r.lng ?? 105.4701,
          locationSource: 'pin',
          communeId: r.communeId === undefined ? 'vi-thanh' : r.communeId,
          address: r.address ?? null,
          status: r.status ?? 'received',
          agencyId: r.agencyId ?? null,
          hidden: r.hidden ?? false,
          supporterCount: r.supporterCount ?? 0,
          dueAt: r.dueAt ?? null,
          resolvedAt: r.resolvedAt ?? null,
          createdAt: p.createdAt,
          updatedAt: r.updatedAt ?? r.resolvedAt ?? p.createdAt,
        }),
        db.run(
          sql`insert into reports_fts (rowid, body) select ${idOf}, ${foldVietnamese(
            [p.code, r.description, r.address ?? ''].join(' '),
          )}`,
        ),
        ...media(p.photoIds, 'report'),
        ...media(p.resultPhotoIds, 'result'),
        ...(r.contact
          ? [
              db.insert(reportContacts).values({
                reportId: idOf,
                name: r.contact.name,
                phone: r.contact.phone,
                agencyMayContact: r.contact.agencyMayContact ?? false,
                consentedAt: p.createdAt,
              }),
            ]
          : []),
        ...(r.events ?? []).map((e) =>
          db.insert(reportEvents).values({
            reportId: idOf,
            type: e.type ?? 'comment',
            toStatus: e.type ?? null,
            isPublic: e.isPublic ?? true,
            publicMessage: e.message,
            note: e.note ?? null,
            actorKind: 'official',
            createdAt: e.at ?? p.createdAt,
          }),
        ),
        ...(r.rating && r.resolvedAt
          ? [
              db.insert(reportRatings).values({
                reportId: idOf,
                resolvedAt: r.resolvedAt,
                rating: r.rating,
                comment: r.ratingComment ?? null,
              }),
            ]
          : []),
      ];
    });
  // Codes are random like real ones (32^6): over the tens of thousands of reports the suite
  // seeds into one database, a clash with an earlier test's code is likely enough to see.
  // The batch is one transaction, so a clash writes nothing: draw new codes and write again.
  for (let attempt = 1; ; attempt++) {
    const statements = statementsOf();
    try {
      await db.batch(statements as [(typeof statements)[number], ...(typeof statements)[number][]]);
      break;
    } catch (error) {
      const clash = `${error} ${(error as { cause?: unknown }).cause}`.includes('reports.code');
      if (attempt >= 5 || !clash) throw error;
      for (const p of prepared) p.code = randomCode();
    }
  }

  const codes = prepared.map((p) => p.code);
  const rows = await db
    .select({ id: reports.id, code: reports.code })
    .from(reports)
    .where(inArray(reports.code, codes));
  const idByCode = new Map(rows.map((r) => [r.code, r.id]));
  return prepared.map((p) => ({
    id: idByCode.get(p.code) as number,
    code: p.code,
    photoIds: p.photoIds,
    resultPhotoIds: p.resultPhotoIds,
  }));
}

/** Marks a report as duplicate of another (both seeded). */
export async function markDuplicate(code: string, mainId: number): Promise<void> {
  await testDb().run(
    sql`update reports set status = 'duplicate', duplicate_of_id = ${mainId} where code = ${code}`,
  );
}
