import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { updatedAt } from './columns';

// Public information (issue 8): what every editorial module shares. Content is written by an
// agency's editors as a draft and then published; `archived` takes it off the public lists
// without losing it. `en` holds the optional English text of the row's visible fields, as
// JSON ({ "title": "...", ... }); Vietnamese is always complete, English falls back to it.
export const CONTENT_STATUSES = ['draft', 'published', 'archived'] as const;
export type ContentStatus = (typeof CONTENT_STATUSES)[number];

/**
 * Kinds of row in the shared full-text index `content_search` (an FTS5 table created by
 * migration 0010, not a Drizzle table): `kind` and `ref_id` say which row, `body` is its
 * folded text (foldVietnamese), rewritten in the same batch as the row itself.
 */
export const SEARCH_KINDS = [
  'schedule',
  'article',
  'emergency_alert',
  'investment_project',
  'investment_policy',
  'directory',
  'place',
  'procedure',
  'indicator',
  'qa_thread',
  'market_listing',
  'job_vacancy',
  'job_seeker',
] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** Modules whose public pages are cached by version (edge/src/content/cache.ts). */
export const CONTENT_MODULES = [
  'schedules',
  'news',
  'emergency',
  'investment',
  'directory',
  'places',
  'procedures',
  'indicators',
] as const;
export type ContentModule = (typeof CONTENT_MODULES)[number];

// One counter per module, bumped in the batch of every write that changes what the public
// sees: public reads key their ETag and their Cache API entry on it, so a publication shows at
// once while unchanged pages are answered without running their query.
export const contentVersions = sqliteTable('content_versions', {
  module: text('module', { enum: CONTENT_MODULES }).primaryKey(),
  version: integer('version').notNull().default(0),
  updatedAt: updatedAt(),
});
