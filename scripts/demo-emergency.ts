import type { Client, InStatement } from '@libsql/client';
import { foldVietnamese } from '../edge/src/platform/text';

// Demo emergency alerts for Hậu Giang (issue 8): a live saltwater-intrusion alert for communes
// along the Cái Lớn river, a live province-wide storm and heavy-rain alert, an expired one and
// a draft. Idempotent: rows are keyed by fixed ids and rewritten relative to `now`, so the live
// ones are live whenever the demo starts.

const HOUR = 3_600_000;
const AGENCY = 'so_nong_nghiep_moi_truong';

interface DemoAlert {
  id: string;
  hazard: string;
  severity: string;
  urgency: string;
  certainty: string;
  headline: string;
  description: string;
  instruction: string;
  en: Record<string, string> | null;
  provinceWide: boolean;
  communes: string[];
  onset: number;
  expires: number;
  status: 'draft' | 'published';
}

const ALERTS: DemoAlert[] = [
  {
    id: 'demo-man-cai-lon',
    hazard: 'salinity',
    severity: 'severe',
    urgency: 'expected',
    certainty: 'observed',
    headline: 'Mặn xâm nhập 4‰ trên sông Cái Lớn',
    description:
      'Độ mặn đo tại cống Cái Lớn đạt 4‰ lúc 6 giờ sáng nay và dự báo còn tăng trong 3 ngày tới khi triều cường lên. Ranh mặn 4‰ đã vào sâu khoảng 45 km tính từ cửa sông.',
    instruction:
      'Không lấy nước sông, kênh để tưới lúa và cây ăn trái; đóng cống ngăn mặn; trữ nước ngọt cho sinh hoạt và chăn nuôi; theo dõi thông báo độ mặn của xã.',
    en: {
      headline: 'Saltwater intrusion of 4‰ on the Cai Lon river',
      instruction:
        'Do not take river or canal water for rice and orchards; close the salinity gates; store fresh water.',
    },
    provinceWide: false,
    communes: ['vinh-thuan-tay', 'vinh-tuong', 'luong-tam', 'xa-phien'],
    onset: -6,
    expires: 66,
    status: 'published',
  },
  {
    id: 'demo-bao-mua-lon',
    hazard: 'storm',
    severity: 'moderate',
    urgency: 'expected',
    certainty: 'likely',
    headline: 'Mưa lớn, gió giật mạnh do ảnh hưởng áp thấp nhiệt đới',
    description:
      'Từ chiều nay đến hết ngày mai, toàn tỉnh có mưa to đến rất to, lượng mưa phổ biến 80–150 mm, gió giật cấp 7–8. Nguy cơ ngập úng cục bộ ở vùng trũng và đô thị.',
    instruction:
      'Hạn chế ra đường khi mưa to; không trú dưới cây lớn, cột điện; gia cố nhà cửa; tàu thuyền vào nơi neo đậu an toàn.',
    en: {
      headline: 'Heavy rain and strong gusts from a tropical depression',
      instruction: 'Stay indoors during heavy rain; keep away from large trees and power poles.',
    },
    provinceWide: true,
    communes: [],
    onset: -2,
    expires: 30,
    status: 'published',
  },
  {
    id: 'demo-ngap-het-han',
    hazard: 'flood',
    severity: 'minor',
    urgency: 'immediate',
    certainty: 'observed',
    headline: 'Triều cường gây ngập đường nội ô Vị Thanh',
    description: 'Triều cường đỉnh 1,9 m gây ngập 20–30 cm một số tuyến đường nội ô.',
    instruction: 'Đi chậm qua đoạn ngập; kê cao đồ đạc.',
    en: null,
    provinceWide: false,
    communes: ['vi-thanh', 'vi-tan'],
    onset: -72,
    expires: -24,
    status: 'published',
  },
  {
    id: 'demo-sat-lo-nhap',
    hazard: 'landslide',
    severity: 'severe',
    urgency: 'expected',
    certainty: 'possible',
    headline: 'Nguy cơ sạt lở bờ kênh Xà No đoạn qua Tân Phước Hưng',
    description: 'Bờ kênh xuất hiện vết nứt dài khoảng 40 m.',
    instruction: 'Không đi lại, neo đậu ghe xuồng gần đoạn bờ kênh có vết nứt.',
    en: null,
    provinceWide: false,
    communes: ['tan-phuoc-hung'],
    onset: 1,
    expires: 49,
    status: 'draft',
  },
];

export async function seedDemoEmergency(client: Client, now = new Date()): Promise<void> {
  const at = (h: number) => new Date(now.getTime() + h * HOUR).toISOString();
  const stamp = now.toISOString();
  const statements: InStatement[] = [];
  for (const a of ALERTS) {
    const published = a.status === 'published';
    statements.push(
      {
        sql: `insert into emergency_alerts (id, agency_id, source, hazard, severity, urgency,
            certainty, headline, description, instruction, en, province_wide, onset_at,
            expires_at, status, published_at, revision, version, created_by, updated_by,
            created_at, updated_at)
          values (?, ?, 'editor', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 'demo', 'demo', ?, ?)
          on conflict (id) do update set onset_at = excluded.onset_at,
            expires_at = excluded.expires_at, published_at = excluded.published_at,
            updated_at = excluded.updated_at`,
        args: [
          a.id,
          AGENCY,
          a.hazard,
          a.severity,
          a.urgency,
          a.certainty,
          a.headline,
          a.description,
          a.instruction,
          a.en ? JSON.stringify(a.en) : null,
          a.provinceWide ? 1 : 0,
          at(a.onset),
          at(a.expires),
          a.status,
          published ? at(a.onset) : null,
          published ? 1 : 0,
          stamp,
          stamp,
        ],
      },
      { sql: 'delete from emergency_alert_areas where alert_id = ?', args: [a.id] },
      ...a.communes.map((c) => ({
        sql: `insert into emergency_alert_areas (alert_id, commune_id)
          select ?, id from admin_units where id = ? on conflict do nothing`,
        args: [a.id, c],
      })),
      // The CAP <sent> of revision 1 comes from the audit log, as for an editor's publication.
      ...(published
        ? [
            {
              sql: `insert into audit_log (at, actor_kind, action, entity_type, entity_id, note)
                select ?, 'system', 'emergency_alert.publish', 'emergency_alert', ?, 'demo'
                where not exists (select 1 from audit_log where entity_type = 'emergency_alert'
                  and entity_id = ? and action = 'emergency_alert.publish')`,
              args: [at(a.onset), a.id, a.id],
            },
          ]
        : []),
      {
        sql: `insert into content_search_docs (kind, ref_id) values ('emergency_alert', ?)
          on conflict do nothing`,
        args: [a.id],
      },
      {
        sql: `delete from content_search where rowid = (select id from content_search_docs
          where kind = 'emergency_alert' and ref_id = ?)`,
        args: [a.id],
      },
      {
        sql: `insert into content_search (rowid, kind, body) select id, 'emergency_alert', ?
          from content_search_docs where kind = 'emergency_alert' and ref_id = ?`,
        args: [
          foldVietnamese(
            [a.headline, a.description, a.instruction, ...Object.values(a.en ?? {})].join(' \n '),
          ),
          a.id,
        ],
      },
    );
  }
  statements.push({
    sql: `insert into content_versions (module, version, updated_at) values ('emergency', 1, ?)
      on conflict (module) do update set version = version + 1, updated_at = excluded.updated_at`,
    args: [stamp],
  });
  await client.batch(statements, 'write');
}
