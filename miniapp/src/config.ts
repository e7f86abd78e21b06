/** Shown in the header and the document title; one constant so a deployment can rename it. */
export const APP_NAME = 'Hậu Giang Số';

/** Prefix for everything the app persists, so keys never collide with another mini app's. */
export const STORAGE_PREFIX = 'hgs.';

export type EmergencyLine = {
  number: string;
  labelKey: 'emergency.police' | 'emergency.fire' | 'emergency.ambulance';
};

/**
 * National short numbers, free from any phone. Shown on the home screen itself because
 * people must reach them before the directory feature exists, and without any network.
 */
export const EMERGENCY_LINES: readonly EmergencyLine[] = [
  { number: '113', labelKey: 'emergency.police' },
  { number: '114', labelKey: 'emergency.fire' },
  { number: '115', labelKey: 'emergency.ambulance' },
];
