import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { requireOfficial } from '../access/guard';
import { type Action, can, scopesOf } from '../access/permissions';
import type { AppEnv, OfficialPrincipal } from '../platform/env';
import { ApiError } from '../platform/errors';

// Who may do what to a hospital. `appointments.configure` (hospitals, departments, hours,
// closures, slot generation) and `appointments.work` (the day's list with patient details,
// check-in, no-show) are granted per agency: hospital staff for the hospitals of their own
// agency, administrators configure any. A hospital of another agency is answered 404, as if
// it did not exist; an action the official does not hold at all is 403.

export type AppointmentAction = Extract<Action, 'appointments.configure' | 'appointments.work'>;
const ACTIONS: readonly AppointmentAction[] = ['appointments.configure', 'appointments.work'];

const forbidden = (action: string) =>
  new ApiError(403, 'forbidden', 'Bạn không có quyền thực hiện thao tác này.', { action });

/**
 * Route middleware, before validation: a signed-in official holding one of the appointment
 * actions (else 401 / 403), so a citizen or another official never learns what the form needs.
 */
export const staffOnly = createMiddleware<AppEnv>(async (c, next) => {
  const official = requireOfficial(c);
  if (!ACTIONS.some((a) => scopesOf(official, a).size > 0)) throw forbidden('appointments.work');
  c.header('Cache-Control', 'private, no-store');
  await next();
});

/** The agencies whose hospitals the official may see for any of `actions`; null: all. */
export function visibleAgency(
  official: OfficialPrincipal,
  actions: readonly AppointmentAction[] = ACTIONS,
): { all: true } | { all: false; agencyId: string } | null {
  let own = false;
  for (const action of actions) {
    const scopes = scopesOf(official, action);
    if (scopes.has('any')) return { all: true };
    if (scopes.has('own_agency')) own = true;
  }
  return own ? { all: false, agencyId: official.agencyId } : null;
}

/**
 * The official may do one of `actions` on a hospital of `agencyId`; else 403 when they hold
 * none of the actions anywhere, 404 (`notFound`) when the hospital is outside their scope.
 */
export function requireHospitalAccess(
  c: Context<AppEnv>,
  actions: AppointmentAction | readonly AppointmentAction[],
  agencyId: string,
  notFound: () => ApiError,
): OfficialPrincipal {
  const official = requireOfficial(c);
  const list = typeof actions === 'string' ? [actions] : actions;
  if (list.some((a) => can(official, a, { agencyId, communeId: null }))) return official;
  if (list.every((a) => scopesOf(official, a).size === 0)) throw forbidden(list[0] ?? '');
  throw notFound();
}
