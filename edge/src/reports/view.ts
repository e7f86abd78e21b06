import type { ADMIN_KINDS } from '@tinh/db/schema';
import { fullName } from '../catalog/admin-units';
import { mediaUrl } from '../media/config';
import { approximate } from './geo';
import { EVENT_LABELS, RATING_LABELS, STATUS_LABELS } from './labels';
import type { ReportBundle, ReportSummaryRow } from './repo';
import type { PublicReport } from './schemas';

// What the public may see of a report. Built field by field from allow-listed columns:
// contact details are never loaded by these queries, and the internal columns of a row
// (follow token hash, device hash, user id, hidden flag) are not copied.

type Kind = (typeof ADMIN_KINDS)[number];

export function communeRef(
  id: string | null,
  name: string | null,
  kind: string | null,
): PublicReport['commune'] {
  if (!id || !name || !kind) return null;
  return { id, name, fullName: fullName({ name, kind: kind as Kind, level: 'commune' }) };
}

export function toPublicReport(bundle: ReportBundle): PublicReport {
  const r = bundle.report;
  return {
    code: r.code,
    status: r.status,
    statusLabel: STATUS_LABELS[r.status],
    category: { id: r.category.id, name: r.category.name, nameEn: r.category.nameEn },
    agency: r.agencyId && r.agencyName ? { id: r.agencyId, name: r.agencyName } : null,
    description: r.description,
    address: r.address,
    commune: communeRef(r.communeId, r.communeName, r.communeKind),
    location: { lat: approximate(r.lat), lng: approximate(r.lng), source: r.locationSource },
    media: bundle.media.map((m) => ({
      id: m.id,
      kind: m.kind,
      phase: m.phase,
      mime: m.mime,
      url: mediaUrl(m.id),
      width: m.width,
      height: m.height,
    })),
    timeline: bundle.events.map((e) => ({
      type: e.type,
      label: EVENT_LABELS[e.type],
      status: e.toStatus,
      message: e.publicMessage,
      agency: e.agencyId && e.agencyName ? { id: e.agencyId, name: e.agencyName } : null,
      at: e.createdAt,
    })),
    dueAt: r.dueAt,
    resolvedAt: r.resolvedAt,
    duplicateOf: r.duplicateOfCode,
    supporterCount: r.supporterCount,
    ratings: bundle.ratings.map((x) => ({
      rating: x.rating,
      label: RATING_LABELS[x.rating],
      comment: x.comment,
      at: x.createdAt,
    })),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** One line of a list ("my reports", "nearby"). */
export function toSummary(row: ReportSummaryRow) {
  return {
    code: row.code,
    status: row.status,
    statusLabel: STATUS_LABELS[row.status],
    category: { id: row.categoryId, name: row.categoryName, nameEn: row.categoryNameEn },
    description: row.description,
    address: row.address,
    communeName: row.communeName,
    location: { lat: approximate(row.lat), lng: approximate(row.lng) },
    photoUrl: row.photoId ? mediaUrl(row.photoId) : null,
    supporterCount: row.supporterCount,
    dueAt: row.dueAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
