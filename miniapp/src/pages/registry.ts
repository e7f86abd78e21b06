import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import type { FeatureId } from '../features';

/**
 * The page of each available function, loaded on first visit so the home screen's
 * bundle stays small. Add an entry such as
 * `'field-reports': lazy(() => import('./field-reports'))` when a function ships, and
 * give it a route in src/features.ts.
 */
export const FEATURE_PAGES: Partial<Record<FeatureId, LazyExoticComponent<ComponentType>>> = {
  'field-reports': lazy(() => import('./field-reports/hub')),
  weather: lazy(() => import('./weather')),
  environment: lazy(() => import('./environment')),
};

/**
 * Further screens of a function, by path below its route (`new` is `/field-reports/new`).
 * Each is its own chunk: the public map's Leaflet code is not downloaded by someone who
 * only sends a report, and the other way round.
 */
export const FEATURE_SUBPAGES: Partial<
  Record<FeatureId, Record<string, LazyExoticComponent<ComponentType>>>
> = {
  'field-reports': {
    new: lazy(() => import('./field-reports/new')),
    'sent/:code': lazy(() => import('./field-reports/sent')),
    mine: lazy(() => import('./field-reports/mine')),
    'r/:code': lazy(() => import('./field-reports/detail')),
    feed: lazy(() => import('./field-reports/feed')),
    stats: lazy(() => import('./field-reports/stats')),
    notifications: lazy(() => import('./field-reports/notifications')),
    officials: lazy(() => import('./field-reports/officials')),
    'officials/r/:code': lazy(() => import('./field-reports/officials/report')),
  },
  environment: {
    's/:id': lazy(() => import('./environment/station')),
    reports: lazy(() => import('./environment/reports')),
  },
};
