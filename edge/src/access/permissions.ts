import type { OfficialRole } from '@tinh/db/schema';

// Who may do what, in one table. Every route an official calls asks `can()` (or, for lists,
// `reportScope()`), so the permission matrix tested in access/permissions.test.ts is the
// whole truth: nothing is decided elsewhere by reading roles directly.
//
// Scopes:
//   any          every report / the whole province
//   own_agency   reports whose handling agency is the official's agency
//   own_commune  reports located in the official's commune or ward
// A role grants an action at one scope; an official with several roles gets the widest.
//
// Contact details of the reporter follow the privacy rule of the product: only the IOC and
// the handling agency (and, for the agency, only when the reporter allowed it: that second
// condition is the report's data, checked where the contact is read).

export const ACTIONS = [
  // field reports, reading
  'report.read',
  'report.read_contact',
  'report.read_audit',
  // the IOC
  'report.intake',
  'report.assign',
  // merge a duplicate into its main report (smart intake)
  'report.merge',
  'extension.decide',
  // the handling agency
  'report.accept',
  'report.return',
  'report.start',
  'report.update',
  'report.resolve',
  'report.request_extension',
  // internal notes: the IOC and the agency
  'report.note',
  // leaders
  'stats.read',
  'stats.export',
  // administration
  'official.manage',
  'catalog.manage',
  // smart intake: the IOC's category decisions as training data; early-warning alerts
  'intake.export_labels',
  'alerts.read',
  'alerts.manage',
  // weather and environment: gateways, stations, thresholds; agencies' environment reports
  'environment.manage',
  'environment.publish_report',
  // officials' chat: every signed-in official chats; an agency's room is created by its leader
  'chat.agency_room',
  // hospital appointments: hospitals, departments, hours, closures and slots; the day's work
  'appointments.configure',
  'appointments.work',
  // online training and opinion surveys, by their agency's editors
  'training.manage',
  'surveys.manage',
  'surveys.results',
  // public information (issue 8): each module's editors keep their own agency's content;
  // emergency alerts also by the IOC (sensor and hotspot warnings are province-wide work)
  'schedules.manage',
  'news.manage',
  'emergency.manage',
  'investment.manage',
  'directory.manage',
  'places.manage',
  'procedures.manage',
  'indicators.manage',
  // two-level interaction: a commune asks, the asked agency answers
  'qa.ask',
  'qa.answer',
  // market, jobs and payments (issue 10): moderators review abuse reports and take listings
  // and vacancies down; payments are read (and re-checked with the provider) by administrators
  'market.moderate',
  'jobs.moderate',
  'payments.read',
] as const;
export type Action = (typeof ACTIONS)[number];

export type Scope = 'any' | 'own_agency' | 'own_commune';

const AGENCY_WORK: Partial<Record<Action, Scope>> = {
  'report.read': 'own_agency',
  'report.read_contact': 'own_agency',
  'report.read_audit': 'own_agency',
  'report.accept': 'own_agency',
  'report.return': 'own_agency',
  'report.start': 'own_agency',
  'report.update': 'own_agency',
  'report.resolve': 'own_agency',
  'report.request_extension': 'own_agency',
  'report.note': 'own_agency',
};

export const GRANTS: Record<OfficialRole, Partial<Record<Action, Scope>>> = {
  // Runs the system: accounts, agencies, categories and SLA, holidays. Reads reports (to
  // support users) but not reporters' contact details, and takes no part in the workflow.
  admin: {
    'report.read': 'any',
    'report.read_audit': 'any',
    'official.manage': 'any',
    'catalog.manage': 'any',
    'intake.export_labels': 'any',
    'environment.manage': 'any',
    'environment.publish_report': 'any',
    'chat.agency_room': 'any',
    'appointments.configure': 'any',
    'directory.manage': 'any',
    'payments.read': 'any',
  },
  ioc_operator: {
    'report.read': 'any',
    'report.read_contact': 'any',
    'report.read_audit': 'any',
    'report.intake': 'any',
    'report.assign': 'any',
    'report.merge': 'any',
    'extension.decide': 'any',
    'report.note': 'any',
    'stats.read': 'any',
    'stats.export': 'any',
    'intake.export_labels': 'any',
    'alerts.read': 'any',
    'alerts.manage': 'any',
    'emergency.manage': 'any',
  },
  agency_handler: { ...AGENCY_WORK, 'qa.answer': 'own_agency' },
  agency_leader: {
    ...AGENCY_WORK,
    'qa.answer': 'own_agency',
    'stats.read': 'own_agency',
    'stats.export': 'own_agency',
    'environment.publish_report': 'own_agency',
    'chat.agency_room': 'own_agency',
  },
  // Works the reports of the commune/ward's People's Committee (their agency) and reads
  // everything located in their commune, whoever handles it.
  commune_officer: {
    ...AGENCY_WORK,
    'report.read': 'own_commune',
    'report.read_audit': 'own_commune',
    'stats.read': 'own_commune',
    'qa.ask': 'own_agency',
  },
  province_leader: {
    'report.read': 'any',
    'report.read_audit': 'any',
    'stats.read': 'any',
    'stats.export': 'any',
    'alerts.read': 'any',
    'surveys.results': 'any',
  },
  schedule_editor: { 'schedules.manage': 'own_agency' },
  news_editor: { 'news.manage': 'own_agency', 'emergency.manage': 'own_agency' },
  investment_editor: { 'investment.manage': 'own_agency' },
  directory_editor: { 'directory.manage': 'own_agency' },
  survey_editor: { 'surveys.manage': 'own_agency', 'surveys.results': 'own_agency' },
  training_editor: { 'training.manage': 'own_agency' },
  hospital_staff: {
    'appointments.configure': 'own_agency',
    'appointments.work': 'own_agency',
  },
  market_moderator: { 'market.moderate': 'any', 'jobs.moderate': 'any' },
  map_editor: { 'places.manage': 'own_agency' },
  procedure_editor: { 'procedures.manage': 'own_agency' },
  indicator_editor: { 'indicators.manage': 'own_agency' },
};

/** The signed-in official, as every permission check sees them. */
export interface Principal {
  id: string;
  agencyId: string;
  /** Commune/ward of a commune officer; null otherwise. */
  communeId: string | null;
  roles: readonly OfficialRole[];
}

/** What a permission is checked against: a report (its handling agency and location). */
export interface Target {
  agencyId: string | null;
  communeId: string | null;
}

function scopeCovers(scope: Scope, principal: Principal, target: Target | undefined): boolean {
  if (scope === 'any') return true;
  if (!target) return false;
  if (scope === 'own_agency')
    return target.agencyId !== null && target.agencyId === principal.agencyId;
  return principal.communeId !== null && target.communeId === principal.communeId;
}

/**
 * Whether `principal` may do `action` on `target`. Actions that are not about one report
 * (managing accounts, province-wide statistics) pass no target and need the `any` scope.
 */
export function can(principal: Principal, action: Action, target?: Target): boolean {
  for (const role of principal.roles) {
    const scope = GRANTS[role]?.[action];
    if (scope && scopeCovers(scope, principal, target)) return true;
  }
  return false;
}

/** The scopes at which `principal` holds `action` (empty: not at all). */
export function scopesOf(principal: Principal, action: Action): Set<Scope> {
  const scopes = new Set<Scope>();
  for (const role of principal.roles) {
    const scope = GRANTS[role]?.[action];
    if (scope) scopes.add(scope);
  }
  return scopes;
}

/**
 * The reports a list may show for `action` (the queue, the map, statistics): everything,
 * or those of the official's agency and/or commune, or nothing. Lists filter in SQL with it.
 */
export type ReportScope =
  | { all: true }
  | { all: false; agencyId: string | null; communeId: string | null };

export function reportScope(principal: Principal, action: Action): ReportScope | null {
  const scopes = scopesOf(principal, action);
  if (scopes.has('any')) return { all: true };
  const agencyId = scopes.has('own_agency') ? principal.agencyId : null;
  const communeId = scopes.has('own_commune') ? principal.communeId : null;
  if (agencyId === null && communeId === null) return null;
  return { all: false, agencyId, communeId };
}
