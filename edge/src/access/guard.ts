import type { Context } from 'hono';
import type { AppEnv, OfficialPrincipal } from '../platform/env';
import { ApiError } from '../platform/errors';
import { type Action, can, type Target } from './permissions';

/** The signed-in official (cookie or `Bearer ofs_…` session), or 401 `official_session_required`. */
export function requireOfficial(c: Context<AppEnv>): OfficialPrincipal {
  const official = c.var.official;
  if (!official) {
    throw new ApiError(
      401,
      'official_session_required',
      'Bạn cần đăng nhập bằng tài khoản cán bộ để tiếp tục.',
    );
  }
  return official;
}

/**
 * The signed-in official if they may do `action` on `target`; else 401 (not signed in) or
 * 403 `forbidden` (signed in, not allowed). A report outside the official's scope answers
 * 404 from the domain code instead, where saying it exists would leak it.
 */
export function requirePermission(
  c: Context<AppEnv>,
  action: Action,
  target?: Target,
): OfficialPrincipal {
  const official = requireOfficial(c);
  if (!can(official, action, target)) {
    throw new ApiError(403, 'forbidden', 'Bạn không có quyền thực hiện thao tác này.', { action });
  }
  return official;
}
