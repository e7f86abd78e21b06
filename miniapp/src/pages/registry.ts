import type { ComponentType, LazyExoticComponent } from 'react';
import type { FeatureId } from '../features';

/**
 * The page of each available function, loaded on first visit so the home screen's
 * bundle stays small. Add an entry such as
 * `'field-reports': lazy(() => import('./field-reports'))` when a function ships, and
 * give it a route in src/features.ts.
 */
export const FEATURE_PAGES: Partial<Record<FeatureId, LazyExoticComponent<ComponentType>>> = {};
