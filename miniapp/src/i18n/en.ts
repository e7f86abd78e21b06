import type { Messages } from './vi';

// Typed as Messages: a missing or extra key is a compile error, not a blank label.
export const en: Messages = {
  'app.tagline': 'Connecting citizens and government',
  'lang.label': 'Language',
  'lang.vi': 'Tiếng Việt',
  'lang.en': 'English',

  'home.flagshipHint': 'Send a photo and the location of a problem; the authorities handle it',
  'home.emergencyTitle': 'Emergency calls',
  'home.emergencyHint': 'Free from any phone',
  'home.allFunctions': 'All functions',
  'home.footer': '{count} functions are being built and will launch one by one.',

  'group.publicServices': 'Public services',
  'group.information': 'Information and environment',
  'group.economy': 'Economy and utilities',
  'group.officials': 'For officials',

  'emergency.police': 'Police',
  'emergency.fire': 'Fire',
  'emergency.ambulance': 'Ambulance',
  'emergency.callA11y': 'Call {number} ({label})',

  'feature.comingSoon': 'Coming soon',
  'feature.officialsOnly': 'Officials',
  'comingSoon.body': 'This function is being built and will soon be available in {app}.',
  'comingSoon.officials': 'Only for officials who have linked their work account.',
  'comingSoon.emergency': 'Need urgent help? Call 113 (police), 114 (fire) or 115 (ambulance).',
  'comingSoon.ok': 'Got it',

  'error.network': 'No network connection. Please try again.',
  'error.timeout': 'The network is slow and the server has not answered. Please try again.',
  'error.server': 'The system is busy. Please try again in a few minutes.',
  'error.unexpected': 'Something went wrong. Please try again.',
  'error.denied': 'Permission was not granted. Please allow access to continue.',
  'error.cancelled': 'You cancelled.',
  'error.unsupported': 'This only works when the app is opened in Zalo.',
  'error.locationUnavailable': 'Could not find your location. Turn on location and try again.',
  'error.invalidPhone': 'Invalid phone number.',
  'error.invalidUrl': 'Invalid link.',
  'error.storage': 'Could not save data on this device.',
};
