import type { OfficialRole } from '@tinh/db/schema';

// Who hears of a report's events among officials (notifications/notify.ts `to: 'officials'`).

/** Officials told about a report of their agency (a commune officer works for the committee). */
export const AGENCY_ROLES: readonly OfficialRole[] = [
  'agency_handler',
  'agency_leader',
  'commune_officer',
];

/** The IOC (officials of any agency with this role). */
export const IOC_ROLES: readonly OfficialRole[] = ['ioc_operator'];
