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
  const statements: InStatement[] = [];
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
