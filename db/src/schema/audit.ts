import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// The append-only audit log: every change officials (and the system) make, who, when, from,
// to and why. Triggers in the migration abort any UPDATE or DELETE, so not even a bug or a
// hand-written statement through the API's database user can rewrite history.
export const AUDIT_ACTOR_KINDS = ['official', 'citizen', 'system'] as const;

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actorKind: text('actor_kind', { enum: AUDIT_ACTOR_KINDS }).notNull(),
    actorId: text('actor_id'),
    // e.g. `report.assign`, `official.create`, `category.update`, `holiday.delete`.
    action: text('action').notNull(),
    // e.g. `report` (entity_id = report code), `official`, `category`, `holiday`, `agency`.
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    fromValue: text('from_value'),
    toValue: text('to_value'),
    note: text('note'),
    requestId: text('request_id'),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entityType, t.entityId, t.id),
    index('audit_log_actor_idx').on(t.actorId, t.id),
  ],
);

export type AuditEntry = typeof auditLog.$inferSelect;
