import type { InStatement } from '@libsql/client';
import { foldVietnamese } from '../edge/src/platform/text';

// The demo phone directory of local development (`npm start`) and of the browser test: the
// national emergency numbers and the province's own lines (kept by the provincial office,
// van_phong_ubnd_tinh, whose demo editor is tintuc@demo.gov.vn), the utilities' and
// departments' hotlines, and agencies with departments and a few people. One draft that the
// public never sees. Development only: no deployment path imports this module.
//
// Idempotent, with fixed ids: entries are only added, so an editor's changes survive a restart.

interface Client {
  batch(statements: InStatement[], mode?: 'write'): Promise<unknown>;
}

export const DEMO_DIRECTORY_AGENCY = 'van_phong_ubnd_tinh';
export const DEMO_DIRECTORY_EDITOR = 'demo-tintuc';

type Kind = 'emergency' | 'hotline' | 'agency' | 'department' | 'person';

interface DemoEntry {
  id: string;
  agencyId: string;
  kind: Kind;
  parentId?: string;
  name: string;
  role?: string;
  phone: string;
  phoneAlt?: string;
  email?: string;
  address?: string;
  hours?: string;
  en?: Record<string, string>;
  sortOrder: number;
  status?: 'published' | 'draft';
}

const OFFICE = DEMO_DIRECTORY_AGENCY;

export const DEMO_DIRECTORY: DemoEntry[] = [
  // Emergency numbers: the national three, then the province's own lines.
  {
    id: 'demo-dir-113',
    agencyId: OFFICE,
    kind: 'emergency',
    name: 'Công an',
    role: 'Báo tin an ninh, trật tự',
    phone: '113',
    hours: '24/7',
    en: { name: 'Police', role: 'Crime and public order' },
    sortOrder: 0,
  },
  {
    id: 'demo-dir-114',
    agencyId: OFFICE,
    kind: 'emergency',
    name: 'Cứu hỏa, cứu nạn',
    role: 'Cháy, nổ, cứu nạn cứu hộ',
    phone: '114',
    hours: '24/7',
    en: { name: 'Fire and rescue', role: 'Fire, explosions, rescue' },
    sortOrder: 10,
  },
  {
    id: 'demo-dir-115',
    agencyId: OFFICE,
    kind: 'emergency',
    name: 'Cấp cứu',
    role: 'Cấp cứu y tế',
    phone: '115',
    hours: '24/7',
    en: { name: 'Ambulance', role: 'Medical emergencies' },
    sortOrder: 20,
  },
  {
    id: 'demo-dir-1022',
    agencyId: OFFICE,
    kind: 'emergency',
    name: 'Tổng đài phản ánh, kiến nghị 1022',
    role: 'Tiếp nhận phản ánh của người dân, doanh nghiệp',
    phone: '1022',
    hours: '24/7',
    en: { name: 'Citizens’ hotline 1022', role: 'Feedback from citizens and businesses' },
    sortOrder: 30,
  },
  {
    id: 'demo-dir-111',
    agencyId: OFFICE,
    kind: 'emergency',
    name: 'Bảo vệ trẻ em',
    role: 'Tổng đài quốc gia bảo vệ trẻ em',
    phone: '111',
    hours: '24/7',
    en: { name: 'Child protection' },
    sortOrder: 40,
  },
  {
    id: 'demo-dir-pccc-tinh',
    agencyId: OFFICE,
    kind: 'emergency',
    name: 'Ban Chỉ huy phòng chống thiên tai tỉnh',
    role: 'Sạt lở, triều cường, giông lốc',
    phone: '02933876200',
    hours: '24/7',
    en: { name: 'Provincial disaster response command', role: 'Landslides, high tides, storms' },
    sortOrder: 50,
  },
  // Hotlines.
  {
    id: 'demo-dir-dien-luc',
    agencyId: 'dien_luc',
    kind: 'hotline',
    name: 'Chăm sóc khách hàng điện lực',
    role: 'Mất điện, sự cố lưới điện, hóa đơn tiền điện',
    phone: '19001006',
    hours: '24/7',
    en: { name: 'Electricity customer care', role: 'Power cuts, faults, bills' },
    sortOrder: 0,
  },
  {
    id: 'demo-dir-cap-nuoc',
    agencyId: 'cap_thoat_nuoc',
    kind: 'hotline',
    name: 'Đường dây nóng cấp nước',
    role: 'Mất nước, rò rỉ đường ống, chất lượng nước',
    phone: '02933878999',
    hours: '24/7',
    en: { name: 'Water supply hotline', role: 'Outages, leaks, water quality' },
    sortOrder: 10,
  },
  {
    id: 'demo-dir-so-y-te',
    agencyId: 'so_y_te',
    kind: 'hotline',
    name: 'Đường dây nóng Sở Y tế',
    role: 'Phản ánh chất lượng khám chữa bệnh, thái độ phục vụ',
    phone: '0969851919',
    hours: 'Giờ hành chính',
    en: { name: 'Department of Health hotline', hours: 'Office hours' },
    sortOrder: 20,
  },
  {
    id: 'demo-dir-hcc',
    agencyId: 'trung_tam_phuc_vu_hcc',
    kind: 'hotline',
    name: 'Hỗ trợ dịch vụ công trực tuyến',
    role: 'Hướng dẫn nộp hồ sơ trên Cổng dịch vụ công',
    phone: '02933957777',
    hours: 'Thứ Hai – Thứ Sáu, 7:00–17:00',
    en: { name: 'Online public services help desk' },
    sortOrder: 30,
  },
  {
    id: 'demo-dir-moi-truong',
    agencyId: 'so_nong_nghiep_moi_truong',
    kind: 'hotline',
    name: 'Đường dây nóng môi trường',
    role: 'Ô nhiễm, xả thải, cháy rừng tràm',
    phone: '02933870789',
    hours: '24/7',
    sortOrder: 40,
  },
  // Agencies, their departments and people.
  {
    id: 'demo-dir-vp-ubnd',
    agencyId: OFFICE,
    kind: 'agency',
    name: 'Văn phòng UBND tỉnh Hậu Giang',
    phone: '02933878787',
    email: 'vpubnd@haugiang.gov.vn',
    address: 'Số 02 Đường 3/2, phường Vị Thanh',
    hours: 'Giờ hành chính',
    en: { name: 'Office of the Provincial People’s Committee' },
    sortOrder: 0,
  },
  {
    id: 'demo-dir-vp-tiep-dan',
    agencyId: OFFICE,
    kind: 'department',
    parentId: 'demo-dir-vp-ubnd',
    name: 'Ban Tiếp công dân tỉnh',
    role: 'Tiếp công dân, nhận đơn khiếu nại, tố cáo',
    phone: '02933878700',
    hours: 'Thứ Hai – Thứ Sáu',
    en: { name: 'Citizen Reception Board' },
    sortOrder: 0,
  },
  {
    id: 'demo-dir-vp-truong-ban',
    agencyId: OFFICE,
    kind: 'person',
    parentId: 'demo-dir-vp-tiep-dan',
    name: 'Nguyễn Văn Hòa',
    role: 'Trưởng Ban Tiếp công dân',
    phone: '0913654321',
    en: { role: 'Head of the Citizen Reception Board' },
    sortOrder: 0,
  },
  {
    id: 'demo-dir-vp-hanh-chinh',
    agencyId: OFFICE,
    kind: 'department',
    parentId: 'demo-dir-vp-ubnd',
    name: 'Phòng Hành chính – Tổ chức',
    phone: '02933878711',
    sortOrder: 10,
  },
  {
    id: 'demo-dir-vp-chanh-vp',
    agencyId: OFFICE,
    kind: 'person',
    parentId: 'demo-dir-vp-ubnd',
    name: 'Trần Thị Mỹ Linh',
    role: 'Chánh Văn phòng',
    phone: '02933878788',
    en: { role: 'Chief of Office' },
    sortOrder: 20,
  },
  {
    id: 'demo-dir-so-y-te-agency',
    agencyId: 'so_y_te',
    kind: 'agency',
    name: 'Sở Y tế',
    phone: '02933870230',
    address: 'Số 01 Đường Trần Hưng Đạo, phường Vị Thanh',
    hours: 'Giờ hành chính',
    en: { name: 'Department of Health' },
    sortOrder: 10,
  },
  {
    id: 'demo-dir-yte-nghiep-vu',
    agencyId: 'so_y_te',
    kind: 'department',
    parentId: 'demo-dir-so-y-te-agency',
    name: 'Phòng Nghiệp vụ Y',
    role: 'Khám chữa bệnh, bảo hiểm y tế',
    phone: '02933870231',
    sortOrder: 0,
  },
  {
    id: 'demo-dir-yte-truong-phong',
    agencyId: 'so_y_te',
    kind: 'person',
    parentId: 'demo-dir-yte-nghiep-vu',
    name: 'Lê Hoàng Phúc',
    role: 'Trưởng phòng Nghiệp vụ Y',
    phone: '0939123456',
    sortOrder: 0,
  },
  {
    id: 'demo-dir-hcc-agency',
    agencyId: 'trung_tam_phuc_vu_hcc',
    kind: 'agency',
    name: 'Trung tâm Phục vụ hành chính công tỉnh',
    phone: '02933957777',
    address: 'Số 09 Đường Ngô Quốc Trị, phường Vị Thanh',
    hours: 'Thứ Hai – Thứ Sáu, sáng Thứ Bảy',
    en: { name: 'Provincial Public Administration Service Centre' },
    sortOrder: 20,
  },
  {
    id: 'demo-dir-hcc-ho-tich',
    agencyId: 'trung_tam_phuc_vu_hcc',
    kind: 'department',
    parentId: 'demo-dir-hcc-agency',
    name: 'Quầy Tư pháp – Hộ tịch',
    role: 'Khai sinh, kết hôn, trích lục hộ tịch, lý lịch tư pháp',
    phone: '02933957701',
    en: { name: 'Justice and civil status counter' },
    sortOrder: 0,
  },
  {
    id: 'demo-dir-hcc-dat-dai',
    agencyId: 'trung_tam_phuc_vu_hcc',
    kind: 'department',
    parentId: 'demo-dir-hcc-agency',
    name: 'Quầy Đất đai – Xây dựng',
    role: 'Giấy chứng nhận quyền sử dụng đất, giấy phép xây dựng',
    phone: '02933957702',
    sortOrder: 10,
  },
  {
    id: 'demo-dir-cong-an',
    agencyId: 'cong_an_tinh',
    kind: 'agency',
    name: 'Công an tỉnh',
    phone: '02933876013',
    address: 'Số 26 Đường Nguyễn Công Trứ, phường Vị Thanh',
    en: { name: 'Provincial Police' },
    sortOrder: 30,
  },
  {
    id: 'demo-dir-cong-an-cu-tru',
    agencyId: 'cong_an_tinh',
    kind: 'department',
    parentId: 'demo-dir-cong-an',
    name: 'Phòng Cảnh sát quản lý hành chính về trật tự xã hội',
    role: 'Căn cước, cư trú',
    phone: '02933876020',
    sortOrder: 0,
  },
  {
    id: 'demo-dir-draft',
    agencyId: OFFICE,
    kind: 'hotline',
    name: 'Đường dây nóng mùa mưa bão (chưa công bố)',
    phone: '02933876201',
    sortOrder: 90,
    status: 'draft',
  },
];

/** The same three statements as edge/src/content/search-index.ts searchIndexStatements. */
function searchIndex(kind: string, refId: string, parts: (string | undefined)[]): InStatement[] {
  const body = foldVietnamese(parts.filter(Boolean).join(' \n '));
  return [
    {
      sql: 'insert into content_search_docs (kind, ref_id) values (?, ?) on conflict do nothing',
      args: [kind, refId],
    },
    {
      sql: 'delete from content_search where rowid = (select id from content_search_docs where kind = ? and ref_id = ?)',
      args: [kind, refId],
    },
    {
      sql: 'insert into content_search (rowid, kind, body) select id, ?, ? from content_search_docs where kind = ? and ref_id = ?',
      args: [kind, body, kind, refId],
    },
  ];
}

export async function seedDemoDirectory(client: Client, now = new Date()): Promise<void> {
  const at = now.toISOString();
  const statements: InStatement[] = [];
  for (const e of DEMO_DIRECTORY) {
    const status = e.status ?? 'published';
    statements.push({
      sql: `insert into directory_entries (id, agency_id, parent_id, kind, name, role, phone,
          phone_alt, email, address, commune_id, hours, en, sort_order, status, published_at,
          version, created_by, updated_by, created_at, updated_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)
        on conflict (id) do nothing`,
      args: [
        e.id,
        e.agencyId,
        e.parentId ?? null,
        e.kind,
        e.name,
        e.role ?? null,
        e.phone,
        e.phoneAlt ?? null,
        e.email ?? null,
        e.address ?? null,
        e.hours ?? null,
        e.en ? JSON.stringify(e.en) : null,
        e.sortOrder,
        status,
        status === 'published' ? at : null,
        DEMO_DIRECTORY_EDITOR,
        DEMO_DIRECTORY_EDITOR,
        at,
        at,
      ],
    });
    // As edge/src/directory/repo.ts searchTexts: names, role, agency, the phone's digits.
    statements.push(
      ...searchIndex('directory', e.id, [
        e.name,
        e.role,
        e.hours,
        e.address,
        e.phone,
        e.phoneAlt,
        e.phone.replace(/^0/, ''),
        e.en?.name,
        e.en?.role,
      ]),
    );
  }
  statements.push({
    sql: `insert into content_versions (module, version, updated_at) values ('directory', 1, ?)
      on conflict (module) do update set version = version + 1, updated_at = excluded.updated_at`,
    args: [at],
  });
  await client.batch(statements, 'write');
}
