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
  'official-chat': lazy(() => import('./official-chat')),
  'hospital-appointments': lazy(() => import('./appointments')),
  'online-training': lazy(() => import('./training')),
  surveys: lazy(() => import('./surveys')),
  'work-schedules': lazy(() => import('./schedules')),
  'government-news': lazy(() => import('./news')),
  investment: lazy(() => import('./investment')),
  jobs: lazy(() => import('./jobs')),
  'agri-market': lazy(() => import('./market')),
  directory: lazy(() => import('./directory')),
  'digital-map': lazy(() => import('./digital-map')),
  'public-services': lazy(() => import('./public-services')),
  'socio-economic': lazy(() => import('./socio-economic')),
  utilities: lazy(() => import('./utilities')),
  payment: lazy(() => import('./payment')),
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
  'official-chat': {
    new: lazy(() => import('./official-chat/new')),
    'r/:id': lazy(() => import('./official-chat/room')),
  },
  environment: {
    's/:id': lazy(() => import('./environment/station')),
    reports: lazy(() => import('./environment/reports')),
  },
  'hospital-appointments': {
    'book/:departmentId': lazy(() => import('./appointments/book')),
    'b/:id': lazy(() => import('./appointments/booking')),
    mine: lazy(() => import('./appointments/mine')),
  },
  'online-training': {
    'c/:id': lazy(() => import('./training/course')),
  },
  surveys: {
    's/:id': lazy(() => import('./surveys/survey')),
  },
  'government-news': {
    'n/:id': lazy(() => import('./news/article')),
    alerts: lazy(() => import('./news/alerts')),
    'a/:id': lazy(() => import('./news/alert')),
  },
  investment: {
    'p/:id': lazy(() => import('./investment/project')),
    'policy/:id': lazy(() => import('./investment/policy')),
    enquiry: lazy(() => import('./investment/enquiry')),
  },
  jobs: {
    'v/:id': lazy(() => import('./jobs/vacancy')),
    post: lazy(() => import('./jobs/post')),
    'mine/:id': lazy(() => import('./jobs/mine')),
  },
  'agri-market': {
    'l/:id': lazy(() => import('./market/listing')),
    post: lazy(() => import('./market/post')),
  },
  'digital-map': {
    'p/:id': lazy(() => import('./digital-map/place')),
  },
  'public-services': {
    'p/:id': lazy(() => import('./public-services/procedure')),
  },
  'socio-economic': {
    'i/:id': lazy(() => import('./socio-economic/indicator')),
    compare: lazy(() => import('./socio-economic/compare')),
  },
  payment: {
    new: lazy(() => import('./payment/new')),
    'o/:id': lazy(() => import('./payment/order')),
  },
};
