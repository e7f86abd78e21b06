import { z } from '@hono/zod-openapi';
import { OFFICIAL_ROLES } from '@tinh/db/schema';

// Shapes shared by the officials' auth and management routes (OpenAPI components).

export const TAG_AUTH = 'Tài khoản cán bộ';
export const TAG_ADMIN = 'Quản trị cán bộ';

export const RoleSchema = z.enum(OFFICIAL_ROLES).openapi({
  description:
    'Vai trò: `admin` quản trị hệ thống; `ioc_operator` Trung tâm IOC; `agency_handler`, `agency_leader` cán bộ / lãnh đạo cơ quan; `commune_officer` cán bộ xã, phường; `province_leader` lãnh đạo tỉnh; các vai trò biên tập cho mô-đun sau',
});

export const OfficialSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    fullName: z.string(),
    agencyId: z.string(),
    agencyName: z.string(),
    communeId: z.string().nullable(),
    roles: z.array(RoleSchema),
    zaloLinked: z.boolean().openapi({ description: 'Đã liên kết tài khoản Zalo' }),
    totpEnabled: z.boolean().openapi({ description: 'Đã bật xác thực hai lớp (TOTP)' }),
  })
  .openapi('Official');

export const EmailSchema = z
  .string({ error: 'Thiếu email.' })
  .trim()
  .toLowerCase()
  .max(254, 'Email quá dài.')
  .pipe(z.email('Email không hợp lệ.'));

export const PasswordLinkSchema = z
  .object({
    url: z.string().openapi({ description: 'Đường dẫn đặt mật khẩu, dùng một lần' }),
    expiresAt: z.string().openapi({ description: 'Hết hạn (UTC, ISO 8601): sau 72 giờ' }),
  })
  .openapi('PasswordLink');
