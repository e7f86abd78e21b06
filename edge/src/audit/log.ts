import { auditLog } from '@tinh/db/schema';
import type { Db } from '../platform/db';

// Writing the append-only audit log. An entry is always one statement of the same batch as
// the change it records, so a change and its entry commit together or not at all. There is
// no function to update or delete entries, and the database refuses both (migration 0005).

export interface AuditEntryInput {
  at: string;
  actor: { kind: 'official' | 'citizen' | 'system'; id?: string | null };
  /** `<entity>.<verb>`, e.g. `report.assign`, `official.create`, `category.update`. */
  action: string;
  entityType: string;
  entityId: string;
  /** Previous and new value, as short text or JSON. */
  from?: string | null;
  to?: string | null;
  note?: string | null;
  requestId?: string | null;
}

export function auditStatement(db: Db, e: AuditEntryInput) {
  return db.insert(auditLog).values({
    at: e.at,
    actorKind: e.actor.kind,
    actorId: e.actor.id ?? null,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    fromValue: e.from ?? null,
    toValue: e.to ?? null,
    note: e.note ?? null,
    requestId: e.requestId ?? null,
  });
}
