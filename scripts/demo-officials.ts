import type { InStatement } from '@libsql/client';
import { hashPassword } from '../edge/src/officials/password';

// Demo officials of local development (`npm start`) and of the browser tests: one account per
// role, all with the same printed password. Development only: no deployment path imports this
// module (a deployment bootstraps its first administrator with `npm run admin:create`).

export const DEMO_PASSWORD = 'demo-matkhau-2025';

export interface DemoOfficial {
  id: string;
  email: string;
  fullName: string;
  agencyId: string;
  communeId: string | null;
  roles: string[];
}

/**
 * Agencies the public-information demo needs beyond those of the report categories
 * (shared/domain/categories.json); a deployment creates its own in the admin's "Cơ quan".
 */
export const DEMO_AGENCIES = [
  { id: 'van_phong_ubnd_tinh', name: 'Văn phòng UBND tỉnh', phone: '02933878787' },
  { id: 'so_tai_chinh', name: 'Sở Tài chính', phone: '02933870111' },
  { id: 'thong_ke_tinh', name: 'Thống kê tỉnh', phone: '02933876020' },
] as const;

export const DEMO_OFFICIALS: readonly DemoOfficial[] = [
  {
    id: 'demo-admin',
    email: 'admin@demo.gov.vn',
    fullName: 'Quản trị hệ thống (demo)',
    agencyId: 'ioc',
    communeId: null,
    roles: ['admin'],
  },
  {
    id: 'demo-ioc',
    email: 'ioc@demo.gov.vn',
    fullName: 'Nguyễn Thị Điều Phối (IOC, demo)',
    agencyId: 'ioc',
    communeId: null,
    roles: ['ioc_operator'],
  },
  {
    id: 'demo-xaydung',
    email: 'xaydung@demo.gov.vn',
    fullName: 'Trần Văn Xây (Sở Xây dựng, demo)',
    agencyId: 'so_xay_dung',
    communeId: null,
    roles: ['agency_handler', 'agency_leader'],
  },
  {
    id: 'demo-lanhdao',
    email: 'lanhdao@demo.gov.vn',
    fullName: 'Lê Văn Lãnh Đạo (demo)',
    agencyId: 'ioc',
    communeId: null,
    roles: ['province_leader'],
  },
  {
    id: 'demo-vithanh',
    email: 'vithanh@demo.gov.vn',
    fullName: 'Phạm Thị Phường (Vị Thanh, demo)',
    agencyId: 'ubnd_vi-thanh',
    communeId: 'vi-thanh',
    roles: ['commune_officer'],
  },
  // Appointments, training and surveys (issue 9).
  {
    id: 'demo-benhvien',
    email: 'benhvien@demo.gov.vn',
    fullName: 'Lê Thị Khám (Bệnh viện, demo)',
    agencyId: 'so_y_te',
    communeId: null,
    roles: ['hospital_staff'],
  },
  {
    id: 'demo-taphuan',
    email: 'taphuan@demo.gov.vn',
    fullName: 'Phạm Văn Lúa (Tập huấn nông nghiệp, demo)',
    agencyId: 'so_nong_nghiep_moi_truong',
    communeId: null,
    roles: ['training_editor'],
  },
  {
    id: 'demo-khaosat',
    email: 'khaosat@demo.gov.vn',
    fullName: 'Võ Thị Ý Kiến (Khảo sát, demo)',
    agencyId: 'so_noi_vu',
    communeId: null,
    roles: ['survey_editor'],
  },
  // Public information (issue 8).
  {
    id: 'demo-tintuc',
    email: 'tintuc@demo.gov.vn',
    fullName: 'Đặng Thị Tin (Văn phòng UBND tỉnh, demo)',
    agencyId: 'van_phong_ubnd_tinh',
    communeId: null,
    roles: ['news_editor', 'schedule_editor', 'directory_editor'],
  },
  {
    id: 'demo-dautu',
    email: 'dautu@demo.gov.vn',
    fullName: 'Hồ Văn Đầu (Sở Tài chính, demo)',
    agencyId: 'so_tai_chinh',
    communeId: null,
    roles: ['investment_editor'],
  },
  {
    id: 'demo-bando',
    email: 'bando@demo.gov.vn',
    fullName: 'Mai Thị Bản (Sở Khoa học và Công nghệ, demo)',
    agencyId: 'so_khoa_hoc_cong_nghe',
    communeId: null,
    roles: ['map_editor'],
  },
  {
    id: 'demo-dichvucong',
    email: 'dichvucong@demo.gov.vn',
    fullName: 'Trương Văn Công (Trung tâm Phục vụ HCC, demo)',
    agencyId: 'trung_tam_phuc_vu_hcc',
    communeId: null,
    roles: ['procedure_editor'],
  },
  {
    id: 'demo-thongke',
    email: 'thongke@demo.gov.vn',
    fullName: 'Lý Thị Số (Thống kê tỉnh, demo)',
    agencyId: 'thong_ke_tinh',
    communeId: null,
    roles: ['indicator_editor'],
  },
  // Jobs (issue 10): moderates vacancies (the market_moderator role also moderates the market).
  {
    id: 'demo-vieclam',
    email: 'vieclam@demo.gov.vn',
    fullName: 'Đinh Văn Việc (Sở Nội vụ, demo)',
    agencyId: 'so_noi_vu',
    communeId: null,
    roles: ['market_moderator'],
  },
];

/**
 * Creates (or restores: active, unlocked, the demo password) the demo officials. Idempotent;
 * run after the migrations and the seed (the agencies must exist). Any libSQL client works.
 */
export async function seedDemoOfficials(client: {
  batch(statements: InStatement[], mode?: 'write'): Promise<unknown>;
}): Promise<readonly DemoOfficial[]> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const now = new Date().toISOString();
  const statements: InStatement[] = DEMO_AGENCIES.map((a, i) => ({
    sql: "insert into agencies (id, name, scope, phone, sort_order) values (?, ?, 'province', ?, ?) on conflict (id) do nothing",
    args: [a.id, a.name, a.phone, 900 + i],
  }));
  for (const o of DEMO_OFFICIALS) {
    statements.push({
      sql:
        'insert into officials (id, email, full_name, agency_id, commune_id, password_hash, password_changed_at, status, created_at, updated_at) ' +
        "values (?, ?, ?, ?, ?, ?, ?, 'active', ?, ?) " +
        'on conflict (email) do update set password_hash = excluded.password_hash, ' +
        "status = 'active', locked_until = null, failed_logins = 0, updated_at = excluded.updated_at",
      args: [o.id, o.email, o.fullName, o.agencyId, o.communeId, hash, now, now, now],
    });
    for (const role of o.roles) {
      statements.push({
        sql: 'insert or ignore into official_roles (official_id, role) select id, ? from officials where email = ?',
        args: [role, o.email],
      });
    }
  }
  await client.batch(statements, 'write');
  return DEMO_OFFICIALS;
}
