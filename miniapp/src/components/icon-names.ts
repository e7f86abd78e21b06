import type { ZiIcon } from '../features';

/** Icons the app's own chrome uses; the feature icons come from FEATURES. */
export const CHROME_ICONS = [
  'zi-call-solid',
  'zi-chevron-right',
] as const satisfies readonly ZiIcon[];

/**
 * Icons of the field-report screens. Generated into their own file (src/pages/field-reports/
 * icons.gen.ts), which only those lazily loaded screens import, so the home bundle does
 * not carry them.
 */
export const REPORT_ICONS = [
  'zi-add-photo',
  'zi-arrow-left',
  'zi-calendar',
  'zi-camera',
  'zi-check-circle-solid',
  'zi-chevron-right',
  'zi-clock-1',
  'zi-close',
  'zi-copy',
  'zi-delete',
  'zi-edit',
  'zi-filter',
  'zi-inbox',
  'zi-info-circle',
  'zi-list-1',
  'zi-location',
  'zi-leave',
  'zi-location-solid',
  'zi-lock',
  'zi-members',
  'zi-mic',
  'zi-notif',
  'zi-poll',
  'zi-retry',
  'zi-search',
  'zi-shield-solid',
  'zi-user',
  'zi-user-check',
  'zi-video',
  'zi-warning-circle',
  'zi-wifi-off',
] as const satisfies readonly ZiIcon[];
