import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db';
import type { AlertFields } from '../write';
import { DRAFT_WINDOW_MS, draftId, draftStatements, type GeneratedDraft } from './common';

// Source 2: report hotspots. The early-warning job (intake/clusters) opens a cluster alert
// with a draft public warning (warning_title/body); the IOC edits it and sets warning_status
// to 'approved' (or 'discarded'). An approved warning of an open cluster becomes a draft
// emergency alert here (source 'cluster', source_ref = cluster_alerts.id), once, for the
// area's commune; an editor or the IOC then sets severity and window and publishes it.

const HAZARD_BY_CATEGORY: Record<string, AlertFields['hazard']> = {
  moi_truong: 'pollution',
  y_te: 'epidemic',
  giao_thong: 'infrastructure',
  dien_chieu_sang: 'infrastructure',
  cap_thoat_nuoc: 'infrastructure',
  vien_thong: 'infrastructure',
};

interface Candidate {
  id: number;
  categoryId: string;
  communeId: string | null;
  reportCount: number;
  warningTitle: string;
  warningBody: string;
}

export function clusterDraft(a: Candidate, now: Date): GeneratedDraft {
  return {
    id: draftId('cluster', a.id),
    source: 'cluster',
    sourceRef: String(a.id),
    agencyIds: ['ioc'],
    fields: {
      hazard: HAZARD_BY_CATEGORY[a.categoryId] ?? 'other',
      severity: 'moderate',
      urgency: 'expected',
      certainty: 'likely',
      headline: a.warningTitle,
      description: a.warningBody,
      instruction: 'Tránh khu vực được nêu và làm theo hướng dẫn của chính quyền địa phương.',
      en: null,
      provinceWide: false,
      communeIds: a.communeId ? [a.communeId] : [],
      onsetAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + DRAFT_WINDOW_MS).toISOString(),
    },
  };
}

/** Creates the missing drafts for approved warnings of open clusters; returns how many. */
export async function draftsFromClusterAlerts(db: Db, now: Date): Promise<number> {
  const candidates = await db.all<Candidate>(sql`select c.id, c.category_id as categoryId,
      c.commune_id as communeId, c.report_count as reportCount,
      c.warning_title as warningTitle, c.warning_body as warningBody
    from cluster_alerts c
    where c.status = 'open' and c.warning_status = 'approved'
      and not exists (select 1 from emergency_alerts e
        where e.source = 'cluster' and e.source_ref = cast(c.id as text))
    order by c.id limit 50`);
  if (candidates.length === 0) return 0;
  const at = now.toISOString();
  const statements = candidates.flatMap((a) => draftStatements(db, clusterDraft(a, now), at));
  await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
  return candidates.length;
}
