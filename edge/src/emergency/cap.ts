import { XMLBuilder } from 'fast-xml-parser';
import { parseEnglish } from '../content/lang';
import type { AreaRow } from './live';
import type { FullAlertRow } from './repo';

// CAP 1.2 (OASIS Common Alerting Protocol) documents and the Atom index of them, the way
// national CAP feeds publish: one <alert> per published revision, addressed by an identifier
// that changes with the revision, and a feed whose entries link to the current document.
// Only what an editor published is exposed: drafts never reach this file.

export const CAP_NS = 'urn:oasis:names:tc:emergency:cap:1.2';
export const PROVINCE_NAME = 'Toàn tỉnh Hậu Giang';
const DEFAULT_SENDER = 'canhbao@haugiang.gov.vn';
/** A commune's area as a circle around its centre: communes of the Mekong delta are ~5 km across. */
const COMMUNE_RADIUS_KM = 5;

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  suppressEmptyNode: true,
  processEntities: true,
});

const HAZARD_CATEGORY: Record<FullAlertRow['hazard'], string> = {
  storm: 'Met',
  flood: 'Met',
  drought: 'Met',
  salinity: 'Env',
  landslide: 'Geo',
  epidemic: 'Health',
  fire: 'Fire',
  pollution: 'Env',
  infrastructure: 'Infra',
  other: 'Other',
};

const HAZARD_EVENT: Record<FullAlertRow['hazard'], { vi: string; en: string }> = {
  storm: { vi: 'Bão, áp thấp nhiệt đới, mưa lớn', en: 'Storm and heavy rain' },
  flood: { vi: 'Ngập lụt', en: 'Flood' },
  drought: { vi: 'Hạn hán', en: 'Drought' },
  salinity: { vi: 'Xâm nhập mặn', en: 'Saltwater intrusion' },
  landslide: { vi: 'Sạt lở', en: 'Landslide' },
  epidemic: { vi: 'Dịch bệnh', en: 'Epidemic' },
  fire: { vi: 'Cháy', en: 'Fire' },
  pollution: { vi: 'Ô nhiễm môi trường', en: 'Pollution' },
  infrastructure: { vi: 'Sự cố hạ tầng', en: 'Infrastructure failure' },
  other: { vi: 'Cảnh báo khác', en: 'Other hazard' },
};

export const hazardCategory = (h: FullAlertRow['hazard']) => HAZARD_CATEGORY[h];
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** CAP dateTime: Vietnam's offset, never "Z" (CAP 1.2 §3.3.2). */
export function capTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 7 * 3_600_000).toISOString();
  return `${d.slice(0, 19)}+07:00`;
}

export function capIdentifier(alertId: string, revision: number): string {
  return `vn.haugiang.alert.${alertId}.${revision}`;
}

export interface CapContext {
  sender: string | undefined;
  /** Origin of the API, for <web> and the feed's links. */
  origin: string;
  /** Times of revisions 1…n (audit log), for <sent> and <references>. */
  revisionTimes: readonly string[];
}

export interface CommunePoint {
  id: string;
  name: string;
  lat: number | null;
  lng: number | null;
}

const senderOf = (ctx: CapContext) => ctx.sender?.trim() || DEFAULT_SENDER;

function sentOf(row: FullAlertRow, ctx: CapContext, revision: number): string {
  return ctx.revisionTimes[revision - 1] ?? row.publishedAt ?? row.updatedAt;
}

/** The <alert> of the alert's current published revision. */
export function capDocument(
  row: FullAlertRow,
  communes: readonly CommunePoint[],
  ctx: CapContext,
): string {
  const sender = senderOf(ctx);
  const revision = Math.max(1, row.revision);
  const msgType = row.status === 'cancelled' ? 'Cancel' : revision > 1 ? 'Update' : 'Alert';
  const references =
    revision > 1
      ? `${sender},${capIdentifier(row.id, revision - 1)},${capTime(sentOf(row, ctx, revision - 1))}`
      : undefined;
  const web = `${ctx.origin}/api/v1/emergency-alerts/${encodeURIComponent(row.id)}`;
  const area = {
    areaDesc: row.provinceWide ? PROVINCE_NAME : communes.map((c) => c.name).join(', '),
    circle: row.provinceWide
      ? undefined
      : communes
          .filter((c) => c.lat !== null && c.lng !== null)
          .map((c) => `${c.lat},${c.lng} ${COMMUNE_RADIUS_KM}`),
    geocode: row.provinceWide
      ? [{ valueName: 'province', value: 'hau-giang' }]
      : communes.map((c) => ({ valueName: 'commune', value: c.id })),
  };
  const english = parseEnglish(row.en);
  const info = (lang: 'vi-VN' | 'en-US') => {
    const en = lang === 'en-US';
    const text = (field: 'headline' | 'description' | 'instruction') =>
      en && typeof english[field] === 'string' && english[field]
        ? String(english[field])
        : row[field];
    return {
      language: lang,
      category: hazardCategory(row.hazard),
      event: HAZARD_EVENT[row.hazard][en ? 'en' : 'vi'],
      urgency: capital(row.urgency),
      severity: capital(row.severity),
      certainty: capital(row.certainty),
      onset: capTime(row.onsetAt),
      expires: capTime(row.expiresAt),
      senderName: row.agencyName,
      headline: text('headline'),
      description: text('description'),
      instruction: text('instruction'),
      web,
      area,
    };
  };
  const hasEnglish = ['headline', 'description', 'instruction'].some(
    (k) => typeof english[k] === 'string' && english[k] !== '',
  );
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    alert: {
      '@_xmlns': CAP_NS,
      identifier: capIdentifier(row.id, revision),
      sender,
      sent: capTime(sentOf(row, ctx, revision)),
      status: 'Actual',
      msgType,
      scope: 'Public',
      ...(msgType === 'Cancel'
        ? { note: 'Cảnh báo đã được hủy bỏ. / This alert is withdrawn.' }
        : {}),
      ...(references ? { references } : {}),
      info: hasEnglish ? [info('vi-VN'), info('en-US')] : [info('vi-VN')],
    },
  };
  return builder.build(doc);
}

/** The Atom feed (RFC 4287) listing the current CAP document of every live or recent alert. */
export function capFeed(rows: readonly FullAlertRow[], origin: string, now: Date): string {
  const base = `${origin}/api/v1/emergency-alerts`;
  const updated = rows.reduce((max, r) => (r.updatedAt > max ? r.updatedAt : max), '');
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    feed: {
      '@_xmlns': 'http://www.w3.org/2005/Atom',
      id: `${base}/cap`,
      title: 'Cảnh báo khẩn cấp tỉnh Hậu Giang (CAP 1.2)',
      updated: capTime(updated || now.toISOString()),
      author: { name: 'UBND tỉnh Hậu Giang' },
      link: [{ '@_rel': 'self', '@_href': `${base}/cap`, '@_type': 'application/atom+xml' }],
      entry: rows.map((r) => ({
        id: `urn:oid:${capIdentifier(r.id, Math.max(1, r.revision))}`,
        title: r.headline,
        updated: capTime(r.updatedAt),
        published: capTime(r.publishedAt ?? r.updatedAt),
        author: { name: r.agencyName },
        summary: r.status === 'cancelled' ? `[Đã hủy] ${r.description}` : r.description,
        link: [
          {
            '@_rel': 'alternate',
            '@_type': 'application/cap+xml',
            '@_href': `${base}/${encodeURIComponent(r.id)}/cap`,
          },
        ],
      })),
    },
  };
  return builder.build(doc);
}

export type { AreaRow };
