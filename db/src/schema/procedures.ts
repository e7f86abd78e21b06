import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { agencies } from './agencies';
import { createdAt, updatedAt } from './columns';
import { CONTENT_STATUSES } from './content';

// Online public services (dịch vụ công, issue 8): the catalogue of administrative procedures,
// each with a link to the province's public-service portal where the dossier is filed and
// followed. The catalogue informs; filing happens on the portal.
/** Online level: `full` (whole procedure online), `partial` (some steps at the counter). */
export const PROCEDURE_LEVELS = ['full', 'partial', 'info'] as const;

export const procedures = sqliteTable(
  'procedures',
  {
    id: text('id').primaryKey(),
    /** The national procedure code (e.g. "1.001612"), unique when present. */
    code: text('code'),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** Lĩnh vực: "Hộ tịch", "Đất đai"... */
    field: text('field').notNull(),
    name: text('name').notNull(),
    level: text('level', { enum: PROCEDURE_LEVELS }).notNull().default('partial'),
    /** Fees as written ("Miễn phí", "50.000 đồng/bản"); feeVnd when it is one amount. */
    feeText: text('fee_text').notNull(),
    feeVnd: integer('fee_vnd'),
    processingTime: text('processing_time').notNull(),
    /** Working days, when it is a number (sorting and filtering). */
    processingDays: integer('processing_days'),
    /** JSON array of strings: the documents to bring or upload. */
    documents: text('documents').notNull().default('[]'),
    /** Sanitised HTML: steps, where to file, legal basis. */
    bodyHtml: text('body_html').notNull().default(''),
    portalUrl: text('portal_url').notNull(),
    /** Optional English: { name, field, feeText, processingTime, documents, bodyHtml }. */
    en: text('en'),
    status: text('status', { enum: CONTENT_STATUSES }).notNull().default('draft'),
    publishedAt: text('published_at'),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by').notNull(),
    updatedBy: text('updated_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('procedures_code_uq').on(t.code),
    index('procedures_list_idx').on(t.status, t.field, t.agencyId),
  ],
);
