import type { ZiIcon } from '../features';

/** Icons the app's own chrome uses; the feature icons come from FEATURES. */
export const CHROME_ICONS = [
  'zi-call-solid',
  'zi-chevron-right',
] as const satisfies readonly ZiIcon[];
