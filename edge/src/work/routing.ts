// Default routing of a report to its handling agency (pure; the catalog comes from the read
// batch of the action). A category maps to one agency; a commune-level category maps to the
// placeholder `ubnd_xa_phuong` (a `commune` agency without a commune), which stands for the
// People's Committee of the commune or ward where the report lies (`ubnd_<commune id>`).

export interface AgencyRef {
  id: string;
  name: string;
  scope: 'province' | 'commune';
  communeId: string | null;
}

export interface RoutingCatalog {
  agencies: ReadonlyMap<string, AgencyRef>;
  /** Commune id → its People's Committee. */
  committees: ReadonlyMap<string, AgencyRef>;
}

export function routingCatalog(agencies: readonly AgencyRef[]): RoutingCatalog {
  const byId = new Map<string, AgencyRef>();
  const committees = new Map<string, AgencyRef>();
  for (const a of agencies) {
    byId.set(a.id, a);
    if (a.scope === 'commune' && a.communeId) committees.set(a.communeId, a);
  }
  return { agencies: byId, committees };
}

/** An agency that stands for "the committee of the report's commune", not a real one. */
export function isPlaceholder(a: AgencyRef): boolean {
  return a.scope === 'commune' && a.communeId === null;
}

/**
 * The agency a report goes to by default: the category's, or for the commune placeholder
 * the committee of the report's commune. Null when none resolves (unknown agency, report
 * without a commune, commune without a committee): the IOC then assigns by hand.
 */
export function defaultAgency(
  catalog: RoutingCatalog,
  categoryDefaultAgencyId: string,
  reportCommuneId: string | null,
): AgencyRef | null {
  const mapped = catalog.agencies.get(categoryDefaultAgencyId);
  if (!mapped) return null;
  if (!isPlaceholder(mapped)) return mapped;
  if (!reportCommuneId) return null;
  return catalog.committees.get(reportCommuneId) ?? null;
}
