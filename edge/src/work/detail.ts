import type {
  ACTOR_KINDS,
  IntakeOutcome,
  LOCATION_SOURCES,
  RATINGS,
  REJECTION_KINDS,
  ReportEventType,
  ReportStatus,
  ROUTED_BY,
} from '@tinh/db/schema';
import { sql } from 'drizzle-orm';
import { can, scopesOf } from '../access/permissions';
import { outcomeLabel } from '../intake/auto-route';
import { mediaUrl } from '../media/config';
import type { Db } from '../platform/db';
import type { OfficialPrincipal } from '../platform/env';
import { EVENT_LABELS, RATING_LABELS, STATUS_LABELS } from '../reports/labels';
import { communeRef } from '../reports/view';
import { reportNotFound, stateOf, targetOf } from './actions';
import { OPEN } from './queue';
import type { WorkReportRow } from './repo';
import { allowedActions } from './transitions';

// A report as an official sees it: everything the workflow knows (internal notes, audit
// entries, extension requests), the reporter's contact only where the privacy rule allows
// it, and `allowedActions` for this official now. One round trip (one read batch).

interface DetailRow extends WorkReportRow {
  categoryName: string;
  suggestedCategoryId: string | null;
  suggestedCategoryName: string | null;
  agencyName: string | null;
  communeName: string | null;
  communeKind: string | null;
  description: string;
  address: string | null;
  lat: number;
  lng: number;
  locationSource: (typeof LOCATION_SOURCES)[number];
  updatedAt: string;
  firstAssignedAt: string | null;
  assignedAt: string | null;
  overdueAt: string | null;
  escalatedAt: string | null;
  rejectionKind: (typeof REJECTION_KINDS)[number] | null;
  duplicateOfCode: string | null;
  supporterCount: number;
  routedBy: (typeof ROUTED_BY)[number] | null;
}

const byCode = (code: string) => sql`(select id from reports where code = ${code})`;

async function loadDetail(db: Db, code: string) {
  const id = byCode(code);
  const [
    rows,
    contacts,
    media,
    events,
    extensions,
    audit,
    ratings,
    duplicates,
    intakeRows,
    labelRows,
  ] = await db.batch([
    db.all<
      Omit<DetailRow, 'hidden' | 'pendingExtension'> & { hidden: number; pendingExtension: number }
    >(sql`
        select r.id as id, r.code as code, r.status as status, r.agency_id as agencyId,
          r.commune_id as communeId, r.category_id as categoryId, r.verified_at as verifiedAt,
          r.accepted_at as acceptedAt, r.due_at as dueAt, r.created_at as createdAt,
          r.resolved_at as resolvedAt, r.hidden as hidden, r.user_id as userId,
          r.device_hash as deviceHash,
          exists (select 1 from report_extension_requests x
            where x.report_id = r.id and x.status = 'pending') as pendingExtension,
          c.name as categoryName, r.suggested_category_id as suggestedCategoryId,
          sc.name as suggestedCategoryName, a.name as agencyName,
          u.name as communeName, u.kind as communeKind,
          r.description as description, r.address as address, r.lat as lat, r.lng as lng,
          r.location_source as locationSource, r.updated_at as updatedAt,
          r.first_assigned_at as firstAssignedAt, r.assigned_at as assignedAt,
          r.overdue_at as overdueAt, r.escalated_at as escalatedAt,
          r.rejection_kind as rejectionKind, d.code as duplicateOfCode,
          r.supporter_count as supporterCount, r.routed_by as routedBy
        from reports r
        join report_categories c on c.id = r.category_id
        left join report_categories sc on sc.id = r.suggested_category_id
        left join agencies a on a.id = r.agency_id
        left join admin_units u on u.id = r.commune_id
        left join reports d on d.id = r.duplicate_of_id
        where r.code = ${code}`),
    db.all<{
      name: string | null;
      phone: string | null;
      agencyMayContact: number;
      znsConsent: number;
    }>(sql`
        select name, phone, agency_may_contact as agencyMayContact, zns_consent as znsConsent
        from report_contacts where report_id = ${id}`),
    db.all<{
      id: string;
      kind: 'photo' | 'video';
      phase: 'report' | 'result';
      mime: string;
      width: number | null;
      height: number | null;
      createdAt: string;
    }>(sql`
        select id, kind, phase, mime, width, height, created_at as createdAt
        from report_media where report_id = ${id} and status = 'complete'
        order by phase, sort_order, created_at`),
    db.all<{
      id: number;
      type: ReportEventType;
      fromStatus: ReportStatus | null;
      toStatus: ReportStatus | null;
      isPublic: number;
      publicMessage: string | null;
      note: string | null;
      actorKind: (typeof ACTOR_KINDS)[number];
      actorId: string | null;
      actorName: string | null;
      agencyId: string | null;
      agencyName: string | null;
      createdAt: string;
    }>(sql`
        select e.id as id, e.type as type, e.from_status as fromStatus, e.to_status as toStatus,
          e.is_public as isPublic, e.public_message as publicMessage, e.note as note,
          e.actor_kind as actorKind, e.actor_id as actorId,
          case when e.actor_kind = 'official' then o.full_name end as actorName,
          e.agency_id as agencyId, a.name as agencyName, e.created_at as createdAt
        from report_events e
        left join officials o on o.id = e.actor_id
        left join agencies a on a.id = e.agency_id
        where e.report_id = ${id}
        order by e.id`),
    db.all<{
      id: number;
      agencyId: string;
      agencyName: string | null;
      requestedBy: string;
      requestedByName: string | null;
      reason: string;
      requestedDueAt: string;
      status: 'pending' | 'approved' | 'denied';
      decidedBy: string | null;
      decidedByName: string | null;
      decidedAt: string | null;
      decisionNote: string | null;
      createdAt: string;
    }>(sql`
        select x.id as id, x.agency_id as agencyId, a.name as agencyName,
          x.requested_by as requestedBy, o.full_name as requestedByName, x.reason as reason,
          x.requested_due_at as requestedDueAt, x.status as status, x.decided_by as decidedBy,
          d.full_name as decidedByName, x.decided_at as decidedAt,
          x.decision_note as decisionNote, x.created_at as createdAt
        from report_extension_requests x
        left join agencies a on a.id = x.agency_id
        left join officials o on o.id = x.requested_by
        left join officials d on d.id = x.decided_by
        where x.report_id = ${id}
        order by x.id`),
    db.all<{
      id: number;
      at: string;
      actorKind: 'official' | 'citizen' | 'system';
      actorId: string | null;
      actorName: string | null;
      action: string;
      fromValue: string | null;
      toValue: string | null;
      note: string | null;
    }>(sql`
        select l.id as id, l.at as at, l.actor_kind as actorKind, l.actor_id as actorId,
          case when l.actor_kind = 'official' then o.full_name end as actorName,
          l.action as action, l.from_value as fromValue, l.to_value as toValue, l.note as note
        from audit_log l
        left join officials o on o.id = l.actor_id
        where l.entity_type = 'report' and l.entity_id = ${code}
        order by l.id`),
    db.all<{
      rating: (typeof RATINGS)[number];
      comment: string | null;
      resolvedAt: string;
      createdAt: string;
    }>(sql`
        select rating, comment, resolved_at as resolvedAt, created_at as createdAt
        from report_ratings where report_id = ${id} order by id`),
    db.all<{ code: string }>(sql`
        select code from reports where duplicate_of_id = ${id} order by id limit 50`),
    // The smart intake's record, with the names of every category it mentions (the
    // alternatives are JSON: their names come as a JSON object id → name).
    db.all<{
      citizenCategoryId: string;
      citizenCategoryName: string;
      predictedCategoryId: string;
      predictedCategoryName: string;
      confidence: number;
      alternatives: string;
      alternativeNames: string | null;
      outcome: IntakeOutcome;
      threshold: number;
      modelVersion: string;
      createdAt: string;
    }>(sql`
        select i.citizen_category_id as citizenCategoryId, cc.name as citizenCategoryName,
          i.predicted_category_id as predictedCategoryId, pc.name as predictedCategoryName,
          i.confidence as confidence, i.alternatives as alternatives,
          (select json_group_object(c.id, c.name) from report_categories c
            where c.id in (select json_extract(j.value, '$.category')
              from json_each(i.alternatives) j)) as alternativeNames,
          i.outcome as outcome, i.threshold as threshold, i.model_version as modelVersion,
          i.created_at as createdAt
        from report_intake i
        join report_categories cc on cc.id = i.citizen_category_id
        join report_categories pc on pc.id = i.predicted_category_id
        where i.report_id = ${id}`),
    db.all<{
      categoryId: string;
      categoryName: string;
      corrected: number;
      officialId: string;
      officialName: string | null;
      updatedAt: string;
    }>(sql`
        select l.label_category_id as categoryId, c.name as categoryName,
          l.corrected as corrected, l.official_id as officialId,
          o.full_name as officialName, l.updated_at as updatedAt
        from intake_labels l
        join report_categories c on c.id = l.label_category_id
        left join officials o on o.id = l.official_id
        where l.report_id = ${id}`),
  ]);
  const raw = rows[0];
  if (!raw) return undefined;
  const report: DetailRow = {
    ...raw,
    hidden: Boolean(raw.hidden),
    pendingExtension: Boolean(raw.pendingExtension),
  };
  return {
    report,
    contact: contacts[0],
    media,
    events,
    extensions,
    audit,
    ratings,
    duplicates,
    intake: intakeRows[0],
    label: labelRows[0],
  };
}

type IntakeRow = NonNullable<NonNullable<Awaited<ReturnType<typeof loadDetail>>>['intake']>;

function intakeView(i: IntakeRow) {
  const names = new Map(Object.entries(JSON.parse(i.alternativeNames ?? '{}') as object));
  const alternatives = JSON.parse(i.alternatives) as { category: string; confidence: number }[];
  return {
    citizenCategory: { id: i.citizenCategoryId, name: i.citizenCategoryName },
    predictedCategory: { id: i.predictedCategoryId, name: i.predictedCategoryName },
    confidence: i.confidence,
    alternatives: alternatives.map((a) => ({
      category: { id: a.category, name: String(names.get(a.category) ?? a.category) },
      confidence: a.confidence,
    })),
    outcome: i.outcome,
    outcomeLabel: outcomeLabel(i),
    threshold: i.threshold,
    modelVersion: i.modelVersion,
    at: i.createdAt,
  };
}

export type WorkDetail = NonNullable<Awaited<ReturnType<typeof workDetail>>>;

/** The official's view of a report, or 404 when it is outside their scope. */
export async function workDetail(
  db: Db,
  official: OfficialPrincipal,
  code: string,
  now = new Date(),
) {
  const loaded = await loadDetail(db, code);
  const target = loaded ? targetOf(loaded.report) : null;
  if (!loaded || !target || !can(official, 'report.read', target)) throw reportNotFound();
  const { report: r, contact } = loaded;
  // The privacy rule: the IOC reads the contact; the handling agency only if the reporter
  // allowed it. `report.read_contact` at scope `any` is the IOC's.
  const contactAllowed =
    contact !== undefined &&
    can(official, 'report.read_contact', target) &&
    (scopesOf(official, 'report.read_contact').has('any') || Boolean(contact.agencyMayContact));
  const nowIso = now.toISOString();
  return {
    report: {
      code: r.code,
      status: r.status,
      statusLabel: STATUS_LABELS[r.status],
      category: { id: r.categoryId, name: r.categoryName },
      suggestedCategory:
        r.suggestedCategoryId && r.suggestedCategoryName
          ? { id: r.suggestedCategoryId, name: r.suggestedCategoryName }
          : null,
      agency: r.agencyId ? { id: r.agencyId, name: r.agencyName ?? r.agencyId } : null,
      commune: communeRef(r.communeId, r.communeName, r.communeKind),
      description: r.description,
      address: r.address,
      location: { lat: r.lat, lng: r.lng, source: r.locationSource },
      dueAt: r.dueAt,
      overdue: r.dueAt !== null && r.dueAt < nowIso && OPEN.includes(r.status),
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      verifiedAt: r.verifiedAt,
      firstAssignedAt: r.firstAssignedAt,
      assignedAt: r.assignedAt,
      acceptedAt: r.acceptedAt,
      resolvedAt: r.resolvedAt,
      overdueAt: r.overdueAt,
      escalatedAt: r.escalatedAt,
      hidden: r.hidden,
      rejectionKind: r.rejectionKind,
      duplicateOf: r.duplicateOfCode,
      duplicates: loaded.duplicates.map((d) => d.code),
      supporterCount: r.supporterCount,
      routedBy: r.routedBy,
    },
    intake: loaded.intake ? intakeView(loaded.intake) : null,
    intakeLabel: loaded.label
      ? {
          category: { id: loaded.label.categoryId, name: loaded.label.categoryName },
          corrected: Boolean(loaded.label.corrected),
          official: { id: loaded.label.officialId, name: loaded.label.officialName },
          at: loaded.label.updatedAt,
        }
      : null,
    media: loaded.media.map((m) => ({
      id: m.id,
      kind: m.kind,
      phase: m.phase,
      mime: m.mime,
      url: mediaUrl(m.id),
      width: m.width,
      height: m.height,
      createdAt: m.createdAt,
    })),
    timeline: loaded.events.map((e) => ({
      id: e.id,
      type: e.type,
      label: EVENT_LABELS[e.type],
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      isPublic: Boolean(e.isPublic),
      publicMessage: e.publicMessage,
      note: e.note,
      actor: { kind: e.actorKind, id: e.actorId, name: e.actorName },
      agency: e.agencyId ? { id: e.agencyId, name: e.agencyName ?? e.agencyId } : null,
      at: e.createdAt,
    })),
    contact:
      contactAllowed && contact
        ? {
            name: contact.name,
            phone: contact.phone,
            agencyMayContact: Boolean(contact.agencyMayContact),
            znsConsent: Boolean(contact.znsConsent),
          }
        : null,
    contactAccess: (contact === undefined ? 'none' : contactAllowed ? 'shown' : 'withheld') as
      | 'none'
      | 'shown'
      | 'withheld',
    extensionRequests: loaded.extensions,
    ratings: loaded.ratings.map((x) => ({
      rating: x.rating,
      label: RATING_LABELS[x.rating],
      comment: x.comment,
      resolvedAt: x.resolvedAt,
      at: x.createdAt,
    })),
    audit: can(official, 'report.read_audit', target) ? loaded.audit : null,
    allowedActions: allowedActions(official, stateOf(r)),
  };
}
