import { catalogs, interpolate, type Language, type MessageKey } from '../../../i18n';
import { type Bounds, insideBounds, isValidLatLng } from '../../../services/reports/geo';
import { normalizeVietnamesePhone } from '../../../services/reports/phone';
import type { Wizard } from '../../../state/reports';

export const STEPS = ['category', 'media', 'location', 'description', 'contact', 'review'] as const;
export type Step = (typeof STEPS)[number];

export const STEP_TITLES = {
  category: 'reports.step.category',
  media: 'reports.step.media',
  location: 'reports.step.location',
  description: 'reports.step.description',
  contact: 'reports.step.contact',
  review: 'reports.step.review',
} as const satisfies Record<Step, MessageKey>;

export type Limits = { descriptionMin: number; descriptionMax: number; bounds: Bounds };

export type Problem = { key: MessageKey; params?: Record<string, string | number> };

/** The location has coordinates the map can show (GPS in a browser, a pin). */
export function hasPoint(wizard: Pick<Wizard, 'location'>): boolean {
  const loc = wizard.location;
  return !!loc && isValidLatLng({ lat: loc.lat, lng: loc.lng });
}

/**
 * What keeps the citizen on a step, mirroring the server's rules so that a report the
 * form lets through is not refused later (possibly hours later, from the outbox).
 */
export function stepProblem(wizard: Wizard, step: Step, limits: Limits): Problem | null {
  switch (step) {
    case 'category':
      return wizard.categoryId ? null : { key: 'reports.category.required' };
    case 'media':
      return wizard.media.some((m) => m.blob.size === 0)
        ? { key: 'reports.media.processing' }
        : null;
    case 'location': {
      const loc = wizard.location;
      if (!loc) return { key: 'reports.location.required' };
      if (loc.source === 'zalo') return loc.token ? null : { key: 'reports.location.required' };
      if (loc.source === 'address') {
        return loc.communeId && (loc.address?.trim().length ?? 0) >= 3
          ? null
          : { key: 'reports.location.addressRequired' };
      }
      const point = { lat: loc.lat ?? Number.NaN, lng: loc.lng ?? Number.NaN };
      if (!isValidLatLng(point)) return { key: 'reports.location.required' };
      return insideBounds(point, limits.bounds) ? null : { key: 'reports.location.outside' };
    }
    case 'description': {
      const length = wizard.description.trim().length;
      if (length < limits.descriptionMin) {
        return { key: 'reports.description.tooShort', params: { min: limits.descriptionMin } };
      }
      return null;
    }
    case 'contact': {
      const name = wizard.contact.name.trim();
      const phone = wizard.contact.phone.trim();
      if (phone && !normalizeVietnamesePhone(phone)) return { key: 'reports.contact.phoneInvalid' };
      if ((name || phone) && !wizard.contact.consent) {
        return { key: 'reports.contact.consentRequired' };
      }
      return null;
    }
    case 'review':
      return null;
  }
}

/** The first step with a problem, for the review page's "fix this" and resumed drafts. */
export function firstProblem(
  wizard: Wizard,
  limits: Limits,
): { step: number; problem: Problem } | null {
  for (const [index, step] of STEPS.entries()) {
    const problem = stepProblem(wizard, step, limits);
    if (problem) return { step: index, problem };
  }
  return null;
}

/** The problem as a sentence in the user's language. */
export function problemText(
  language: Language,
  problem: Problem,
  extra: Record<string, string | number> = {},
): string {
  return interpolate(catalogs[language][problem.key], { ...extra, ...problem.params });
}
