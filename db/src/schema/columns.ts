import { sql } from 'drizzle-orm';
import { text } from 'drizzle-orm/sqlite-core';

// Times are stored as UTC ISO 8601 text with milliseconds, so they sort as text
// and read the same in every client (ARCHITECTURE.md: "times stored as UTC ISO 8601").
export const nowIso = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export const createdAt = () => text('created_at').notNull().default(nowIso);
export const updatedAt = () => text('updated_at').notNull().default(nowIso);
