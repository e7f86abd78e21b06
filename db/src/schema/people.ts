import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { adminUnits } from './admin-units';
import { agencies } from './agencies';
import { createdAt, updatedAt } from './columns';

// Citizens are anonymous by default; a `users` row exists only once someone signs
// in with Zalo or verifies a phone number.
export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  zaloId: text('zalo_id').unique(),
  phone: text('phone'),
  /** Set when `phone` came from Zalo (zmp-sdk getPhoneNumber, redeemed by the server). */
  phoneVerifiedAt: text('phone_verified_at'),
  displayName: text('display_name'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const OFFICIAL_ROLES = [
  'admin',
  'ioc_operator',
  'agency_handler',
  'agency_leader',
  'commune_officer',
  'province_leader',
  'schedule_editor',
  'news_editor',
  'investment_editor',
  'directory_editor',
  'survey_editor',
  'training_editor',
  'hospital_staff',
  'market_moderator',
  'map_editor',
  'procedure_editor',
  'indicator_editor',
] as const;
export type OfficialRole = (typeof OFFICIAL_ROLES)[number];

export const OFFICIAL_STATUSES = ['active', 'disabled'] as const;

export const officials = sqliteTable(
  'officials',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull().unique(),
    fullName: text('full_name').notNull(),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    // Set for commune officers: the commune/ward their work is scoped to.
    communeId: text('commune_id').references(() => adminUnits.id),
    // Filled once the official links their Zalo identity in the mini app.
    userId: text('user_id')
      .unique()
      .references(() => users.id),
    // PBKDF2-SHA256 in a self-describing string (algorithm, iterations, salt, hash), so the
    // cost can rise later and old hashes still verify. Null until a password is set through
    // a single-use link.
    passwordHash: text('password_hash'),
    passwordChangedAt: text('password_changed_at'),
    // TOTP second factor (RFC 6238). The secret is kept until enabled by a first valid code.
    totpSecret: text('totp_secret'),
    totpEnabledAt: text('totp_enabled_at'),
    // The 30-second step of the last code accepted at sign-in: a code works once (RFC 6238 §5.2).
    totpLastStep: integer('totp_last_step'),
    // Lockout after repeated failures (password or TOTP): the count resets on success.
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: text('locked_until'),
    lastLoginAt: text('last_login_at'),
    zaloLinkedAt: text('zalo_linked_at'),
    status: text('status', { enum: OFFICIAL_STATUSES }).notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('officials_agency_idx').on(t.agencyId)],
);

export const officialRoles = sqliteTable(
  'official_roles',
  {
    officialId: text('official_id')
      .notNull()
      .references(() => officials.id, { onDelete: 'cascade' }),
    role: text('role', { enum: OFFICIAL_ROLES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.officialId, t.role] })],
);

/** `web`: the admin's HttpOnly cookie (with CSRF); `app`: the mini app's short-lived bearer token. */
export const OFFICIAL_SESSION_KINDS = ['web', 'app'] as const;

// Officials' sessions are stored (unlike citizens' stateless tokens) so that signing out,
// disabling an account or resetting a password revokes them at once. Only the SHA-256 of
// the secret token is kept.
export const officialSessions = sqliteTable(
  'official_sessions',
  {
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    officialId: text('official_id')
      .notNull()
      .references(() => officials.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: OFFICIAL_SESSION_KINDS }).notNull(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
    lastSeenAt: text('last_seen_at'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
  },
  (t) => [index('official_sessions_official_idx').on(t.officialId)],
);

/** Single-use secrets sent to one official: a password (re)set link, or a Zalo link code. */
export const OFFICIAL_TOKEN_KINDS = ['password_reset', 'zalo_link'] as const;

export const officialTokens = sqliteTable(
  'official_tokens',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: OFFICIAL_TOKEN_KINDS }).notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    officialId: text('official_id')
      .notNull()
      .references(() => officials.id, { onDelete: 'cascade' }),
    createdBy: text('created_by'),
    expiresAt: text('expires_at').notNull(),
    usedAt: text('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('official_tokens_official_idx').on(t.officialId, t.kind)],
);

export type User = typeof users.$inferSelect;
export type Official = typeof officials.$inferSelect;
export type OfficialSession = typeof officialSessions.$inferSelect;
