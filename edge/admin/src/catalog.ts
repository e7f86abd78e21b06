import { api } from './api';
import type { AdminUnit, Agency, Category } from './types';

// Reference data every filter needs, fetched once per page load (public catalog endpoints,
// cached by the browser with their ETags). `invalidateCatalog()` after a management edit.

export interface Catalog {
  categories: Category[];
  agencies: Agency[];
  communes: AdminUnit[];
}

let cached: Promise<Catalog> | undefined;

export function loadCatalog(): Promise<Catalog> {
  cached ??= Promise.all([
    api<{ items: Category[] }>('GET', '/catalog/categories'),
    api<{ items: Agency[] }>('GET', '/catalog/agencies'),
    api<{ items: AdminUnit[] }>('GET', '/catalog/admin-units', { query: { level: 'commune' } }),
  ])
    .then(([categories, agencies, communes]) => ({
      categories: categories.items,
      agencies: agencies.items,
      communes: communes.items.sort((a, b) => a.name.localeCompare(b.name, 'vi')),
    }))
    .catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
  return cached;
}

export function invalidateCatalog(): void {
  cached = undefined;
}

/** Agencies that can be assigned: real ones, not the "the commune's committee" placeholder. */
export function assignableAgencies(agencies: Agency[]): Agency[] {
  return agencies.filter((agency) => agency.id !== 'ubnd_xa_phuong');
}
