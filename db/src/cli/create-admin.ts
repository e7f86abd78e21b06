import { parseArgs } from 'node:util';
import { createClient, type InStatement } from '@libsql/client';
import { PASSWORD_TOKEN_PREFIX, randomToken, sha256Hex } from '../../../edge/src/officials/crypto';

// Bootstraps the first administrator of a deployment (nobody can create accounts before one
// exists): `LIBSQL_URL=… LIBSQL_AUTH_TOKEN=… npm run admin:create -- --email a@b.gov.vn
// --name "Nguyễn Văn A" --agency ioc [--base-url https://admin.example.gov.vn]`.
// Creates the account with the `admin` role (or adds the role to an existing account) and
// prints a single-use link, valid 72 hours, where they set their password. The link token is
// stored as its SHA-256 only, exactly as the Worker stores it (same code).

const LINK_TTL_MS = 72 * 60 * 60 * 1000;

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    agency: { type: 'string', default: 'ioc' },
    'base-url': { type: 'string' },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const email = values.email?.trim().toLowerCase();
const fullName = values.name?.trim();
const agencyId = values.agency?.trim() ?? 'ioc';
if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
  fail('Thiếu hoặc sai --email (ví dụ: --email quantri@tinh.gov.vn).');
}
if (!fullName) fail('Thiếu --name (họ tên quản trị viên).');

const url = process.env.LIBSQL_URL ?? 'http://127.0.0.1:8080';
const baseUrl = (values['base-url'] ?? process.env.ADMIN_BASE_URL ?? 'http://localhost:8787')
  .trim()
  .replace(/\/+$/, '');
const client = createClient({ url, authToken: process.env.LIBSQL_AUTH_TOKEN || undefined });

try {
  const agency = await client.execute({
    sql: 'select id from agencies where id = ?',
    args: [agencyId],
  });
  if (agency.rows.length === 0) {
    fail(`Cơ quan "${agencyId}" không tồn tại. Hãy chạy "npm run db:migrate" trước.`);
  }
  const existing = await client.execute({
    sql: 'select id from officials where email = ?',
    args: [email],
  });
  const now = Date.now();
  const at = new Date(now).toISOString();
  const id = existing.rows[0] ? String(existing.rows[0].id) : crypto.randomUUID();
  const token = randomToken(PASSWORD_TOKEN_PREFIX);
  const expiresAt = new Date(now + LINK_TTL_MS).toISOString();
  const statements: InStatement[] = [];
  if (!existing.rows[0]) {
    statements.push({
      sql:
        'insert into officials (id, email, full_name, agency_id, status, created_at, updated_at) ' +
        "values (?, ?, ?, ?, 'active', ?, ?)",
      args: [id, email, fullName, agencyId, at, at],
    });
  } else {
    statements.push({
      sql: "update officials set status = 'active', locked_until = null, failed_logins = 0, updated_at = ? where id = ?",
      args: [at, id],
    });
  }
  statements.push(
    {
      sql: "insert or ignore into official_roles (official_id, role) values (?, 'admin')",
      args: [id],
    },
    {
      sql: "update official_tokens set used_at = ? where official_id = ? and kind = 'password_reset' and used_at is null",
      args: [at, id],
    },
    {
      sql:
        'insert into official_tokens (id, kind, token_hash, official_id, created_by, expires_at, created_at) ' +
        "values (?, 'password_reset', ?, ?, null, ?, ?)",
      args: [crypto.randomUUID(), await sha256Hex(token), id, expiresAt, at],
    },
    {
      sql:
        'insert into audit_log (at, actor_kind, actor_id, action, entity_type, entity_id, to_value, note) ' +
        "values (?, 'system', null, ?, 'official', ?, ?, 'npm run admin:create')",
      args: [
        at,
        existing.rows[0] ? 'official.password_link' : 'official.create',
        id,
        JSON.stringify({ email, fullName, agencyId, roles: ['admin'] }),
      ],
    },
  );
  await client.batch(statements, 'write');
  console.log(
    `${existing.rows[0] ? 'Tài khoản đã có; đã bảo đảm vai trò admin' : 'Đã tạo quản trị viên'}: ${email}\n` +
      `Đường dẫn đặt mật khẩu (dùng một lần, hết hạn ${expiresAt}):\n` +
      `  ${baseUrl}/admin/dat-mat-khau?token=${encodeURIComponent(token)}`,
  );
} finally {
  client.close();
}
