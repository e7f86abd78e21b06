import { auditLog } from '@tinh/db/schema';
import type { Context } from 'hono';
import type { Db } from '../platform/db';
import type { AppEnv } from '../platform/env';

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

/** An entry for a change made by the signed-in official of this request. */
export function officialAuditEntry(
  c: Context<AppEnv>,
  official: { id: string },
  at: string,
  e: Pick<AuditEntryInput, 'action' | 'entityType' | 'entityId' | 'from' | 'to' | 'note'>,
): AuditEntryInput {
  return {
    at,
    actor: { kind: 'official', id: official.id },
    requestId: c.var.requestId ?? null,
    ...e,
  };
}

/** The fields that differ between two versions of a record, as the entry's from/to JSON. */
export function changedFields<T extends object>(before: T, after: T) {
  const keys = (Object.keys(after) as (keyof T)[]).filter((k) => after[k] !== before[k]);
  const pick = (o: T) => JSON.stringify(Object.fromEntries(keys.map((k) => [k, o[k]])));
  return { changed: keys.length > 0, keys, from: pick(before), to: pick(after) };
}
