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

  'common.loading': 'Loading...',
  'common.retry': 'Try again',
  'common.back': 'Back',
  'common.next': 'Continue',
  'common.cancel': 'Cancel',
  'common.delete': 'Delete',
  'common.edit': 'Edit',
  'common.copy': 'Copy',
  'common.copied': 'Copied',
  'common.optional': 'optional',
  'common.offline': 'You are offline. Some information may be out of date.',
  'common.loadMore': 'Show more',
  'common.search': 'Search',

  'error.readFile': 'Could not read the chosen file. Please choose it again.',
  'error.copy': 'Could not copy. Please write the code down.',

  'reports.title': 'Field reports',
  'reports.hub.new': 'Send a new report',
  'reports.hub.newHint':
    'Take a photo, choose the place and describe the problem. No account needed.',
  'reports.hub.mine': 'My reports',
  'reports.hub.mineCount': '{count} reports sent from this device',
  'reports.hub.feed': 'Public reports',
  'reports.hub.feedHint': 'See what people reported and how it was handled',
  'reports.hub.lookupTitle': 'Find by code',
  'reports.hub.lookupPlaceholder': 'For example: PA-7K3F9Q',
  'reports.hub.lookupButton': 'Find',
  'reports.hub.lookupInvalid': 'A report code is "PA-" and 6 characters, for example PA-7K3F9Q.',
  'reports.hub.privacy':
    'Your contact details (if any) are seen only by the IOC and, if you allow it, the handling agency; they are never made public.',

  'reports.drafts.title': 'Reports not sent yet ({count})',
  'reports.drafts.saved': 'Draft saved; it will be sent automatically when you are online.',
  'reports.drafts.sending': 'Sending...',
  'reports.drafts.resend': 'Send again',
  'reports.drafts.rejected': 'Not sent: {message}',
  'reports.drafts.fix': 'Fix and send',
  'reports.drafts.deleteConfirm':
    'Delete this unsent report? Its photos and text will be removed from this device.',
  'reports.drafts.sentToast': 'Report {code} sent.',
  'reports.drafts.photos': '{count} photos/videos',

  'reports.step': 'Step {current} of {total}',
  'reports.step.category': 'Category',
  'reports.step.media': 'Photos or video',
  'reports.step.location': 'Location',
  'reports.step.description': 'Description',
  'reports.step.contact': 'Contact',
  'reports.step.review': 'Review and send',

  'reports.category.title': 'What is the problem about?',
  'reports.category.loadError': 'Could not load the categories.',
  'reports.category.required': 'Please choose a category.',

  'reports.media.title': 'Add photos or a video',
  'reports.media.hint':
    'Clear photos help the agency act faster. Photos are made smaller on your phone before sending to save data.',
  'reports.media.limits':
    'Up to {photos} photos (each at most {photoSize}) and {videos} video (at most {videoSize}).',
  'reports.media.addPhoto': 'Add photos',
  'reports.media.takePhoto': 'Take a photo',
  'reports.media.addVideo': 'Add a video',
  'reports.media.processing': 'Preparing photo...',
  'reports.media.remove': 'Remove this file',
  'reports.media.count': '{photos}/{maxPhotos} photos, {videos}/{maxVideos} video chosen',
  'reports.media.tooManyPhotos': 'You can send at most {max} photos.',
  'reports.media.photoTooLarge': 'Photo "{name}" is larger than {max}; please choose another.',
  'reports.media.videoTooLarge': 'The video is larger than {max}. Please record a shorter one.',
  'reports.media.notImage': 'File "{name}" is not a photo.',
  'reports.media.notVideo': 'The chosen file is not a video.',
  'reports.media.none': 'No photos yet. You can still send the report without one.',
  'reports.media.video': 'Video',

  'reports.location.title': 'Where is it?',
  'reports.location.gps': 'Use my current location',
  'reports.location.gpsBusy': 'Finding your location...',
  'reports.location.gpsDone': 'Current location found',
  'reports.location.zaloDone':
    'Location received from Zalo. The server will work out the coordinates when you send.',
  'reports.location.mapHint': 'Tap the map to drop a pin; drag the pin to adjust it.',
  'reports.location.pinned': 'Pinned location: {coords}',
  'reports.location.outside':
    'This place is outside {province} province. Please choose a point inside the province.',
  'reports.location.commune': 'Commune/ward',
  'reports.location.communePlaceholder': 'Choose a commune/ward',
  'reports.location.communeLoadError': 'Could not load the communes and wards.',
  'reports.location.address': 'Address or description of the place',
  'reports.location.addressPlaceholder':
    'For example: in front of no. 12 Tran Hung Dao street, near the market',
  'reports.location.required':
    'Please use your current location, drop a pin on the map, or choose a commune/ward and type an address.',
  'reports.location.addressRequired':
    'Without coordinates, please choose a commune/ward and type an address (at least 3 characters).',
  'reports.location.or': 'or',
  'reports.location.mapUnavailable':
    'The map could not be shown. You can still choose a commune/ward and type an address.',
  'reports.location.mapLabel': 'Map to choose the location',

  'reports.nearby.title': 'Same problem?',
  'reports.nearby.hint':
    '{count} open reports of the same category are within 250 m. If it is the same problem, support that report instead of sending a new one.',
  'reports.nearby.support': 'Me too',
  'reports.nearby.supported': 'Supported',
  'reports.nearby.supporters': '{count} people have this problem too',
  'reports.nearby.distance': '{distance} away',
  'reports.nearby.thanks': 'Thank you! Report {code} has one more supporter. You can follow it.',
  'reports.nearby.view': 'View the report',
  'reports.nearby.continue': 'Send a new report anyway',

  'reports.description.title': 'Describe the problem',
  'reports.description.placeholder':
    'For example: a large pothole in the middle of the road, motorbikes can fall; it has been there since last week.',
  'reports.description.counter': '{count}/{max} characters',
  'reports.description.tooShort': 'Please write at least {min} characters.',
  'reports.description.examples': 'Ideas: {examples}',

  'reports.contact.title': 'Contact details',
  'reports.contact.intro':
    'Leave these empty to report anonymously. If you fill them in, officials can ask you for more details or tell you the result.',
  'reports.contact.name': 'Full name',
  'reports.contact.namePlaceholder': 'For example: Nguyen Van An',
  'reports.contact.phone': 'Phone number',
  'reports.contact.phonePlaceholder': 'For example: 0912 345 678',
  'reports.contact.phoneInvalid':
    'Invalid phone number. Type a 10-digit mobile (for example 0912345678), an 11-digit landline, or the +84 form.',
  'reports.contact.consent':
    "I agree that the province's smart-city operations centre (IOC) keeps and uses this name and phone number only to contact me about this report. They are never made public.",
  'reports.contact.consentRequired':
    'Please tick your agreement, or clear the name and phone number to report anonymously.',
  'reports.contact.agencyMayContact': 'The handling agency may contact me directly',
  'reports.contact.agencyMayContactHint': 'If not ticked, only the IOC sees your contact details.',
  'reports.contact.anonymous': 'Anonymous',

  'reports.review.title': 'Check before sending',
  'reports.review.category': 'Category',
  'reports.review.media': 'Photos, video',
  'reports.review.noMedia': 'No photos',
  'reports.review.location': 'Location',
  'reports.review.description': 'Description',
  'reports.review.contact': 'Contact',
  'reports.review.agencyMayContact': 'The handling agency may contact me',
  'reports.review.send': 'Send report',
  'reports.review.sending': 'Sending...',
  'reports.review.uploading': 'Uploading {name}',
  'reports.review.uploaded': 'Uploaded',
  'reports.review.savedOffline':
    'Not sent because the network is weak or down. The draft is saved and will be sent automatically when you are online.',
  'reports.review.rejected': 'Not sent: {message}',
  'reports.review.savedLater':
    'Not sent: {message} The draft is saved and will be sent again later.',
  'reports.review.sourceGps': 'GPS location',
  'reports.review.sourceZalo': 'Location from Zalo',
  'reports.review.sourcePin': 'Pin on the map',
  'reports.review.sourceAddress': 'Address',

  'reports.sent.title': 'Report sent',
  'reports.sent.thanks':
    'Thank you for your report. The IOC will check it and pass it to the agency in charge.',
  'reports.sent.code': 'Your report code',
  'reports.sent.keep':
    'The code is saved on this device under "My reports". Use it to follow progress.',
  'reports.sent.view': 'Follow progress',
  'reports.sent.another': 'Send another report',
  'reports.sent.home': 'Back to field reports',
  'reports.sent.noToken':
    'Note: this device did not receive the secret follow token, so the result cannot be rated from here.',

  'reports.mine.title': 'My reports',
  'reports.mine.empty': 'You have not sent any report from this device.',
  'reports.mine.note':
    'This list holds the reports sent from this device. On another device, sign in with Zalo or look a report up by its code.',
  'reports.mine.noteSignedIn':
    'This list holds the reports sent from this device and every report linked to your Zalo account.',
  'reports.mine.emptySignedIn': 'You have not sent any report yet.',

  'session.cardTitle': 'Sign in with Zalo to see your reports on any device',
  'session.cardHint':
    'Optional: you can send reports without signing in. The app keeps only your account id and your Zalo name.',
  'session.signIn': 'Sign in with Zalo',
  'session.signedInAs': 'Signed in: {name}',
  'session.signedIn': 'Signed in with Zalo',
  'session.signedInHint': 'Your reports are linked to your Zalo account and visible on any device.',
  'session.signOut': 'Sign out',
  'session.expired': 'Your session has expired, please sign in again.',
  'session.unavailable':
    'Signing in with Zalo is paused for now. You can still use the app without signing in.',
  'session.error.browser':
    'Signing in with Zalo only works when the app is opened inside Zalo. In a browser you still see the reports sent from this device.',
  'session.error.denied':
    'You did not allow the app to use your Zalo account, so you are not signed in. Tap sign in again and choose "Allow" when Zalo asks.',
  'session.error.cancelled': 'You cancelled signing in.',
  'session.error.unsupported':
    'Your Zalo version does not support signing in yet. Please update Zalo and try again.',
  'session.error.failed': 'Could not get your sign-in from Zalo. Please try again.',
  'session.error.zaloRejected': 'Zalo could not confirm your account. Please sign in again.',
  'session.error.zaloUnavailable':
    'Cannot reach Zalo to sign you in right now. Please try again in a few minutes.',

  'reports.detail.title': 'Report details',
  'reports.detail.notFound': 'Report {code} was not found. Please check the code.',
  'reports.detail.category': 'Category',
  'reports.detail.agency': 'Agency',
  'reports.detail.noAgency': 'Waiting to be assigned',
  'reports.detail.created': 'Sent on',
  'reports.detail.due': 'Due by',
  'reports.detail.resolved': 'Resolved on',
  'reports.detail.location': 'Place',
  'reports.detail.before': "Reporter's photos",
  'reports.detail.after': 'Photos of the result',
  'reports.detail.timeline': 'Progress',
  'reports.detail.supporters': '{count} people have this problem too',
  'reports.detail.duplicateOf': 'Duplicate of report {code}',
  'reports.detail.ratings': "Reporter's rating",
  'reports.detail.mine': 'You sent this report',
  'reports.detail.overdue': 'Overdue',

  'reports.rate.title': 'Are you satisfied with the result?',
  'reports.rate.satisfied': 'Satisfied',
  'reports.rate.acceptable': 'Acceptable',
  'reports.rate.unsatisfied': 'Not satisfied',
  'reports.rate.comment': 'Comment',
  'reports.rate.commentPlaceholder': 'For example: patched, but water still collects there',
  'reports.rate.submit': 'Send rating',
  'reports.rate.thanks': 'Thank you for your rating.',
  'reports.rate.choose': 'Please choose a rating.',
  'reports.reopen.title': 'Not satisfied?',
  'reports.reopen.hint':
    'You can ask for it to be handled again within 7 days of its resolution (until {until}).',
  'reports.reopen.reason': 'Reason',
  'reports.reopen.reasonPlaceholder': 'For example: the pothole broke open again after the rain',
  'reports.reopen.submit': 'Ask to handle it again',
  'reports.reopen.done': 'The report is reopened. The agency will continue to handle it.',

  'reports.status.received': 'Received',
  'reports.status.assigned': 'Assigned',
  'reports.status.in_progress': 'In progress',
  'reports.status.resolved': 'Resolved',
  'reports.status.rejected': 'Rejected',
  'reports.status.duplicate': 'Duplicate',

  'reports.feed.title': 'Public reports',
  'reports.feed.searchPlaceholder': 'e.g. flooded road',
  'reports.feed.allCategories': 'All categories',
  'reports.feed.allCommunes': 'All communes',
  'reports.feed.allStatuses': 'All statuses',
  'reports.feed.list': 'List',
  'reports.feed.map': 'Map',
  'reports.feed.empty': 'No reports match.',
  'reports.feed.emptyFiltered': 'No reports match. Try removing some filters.',
  'reports.feed.clearFilters': 'Clear filters',
  'reports.feed.end': 'That is all.',
  'reports.feed.mapCount': '{count} reports on the map',
  'reports.feed.mapTruncated':
    'Showing the {count} latest reports. Use the filters to narrow down.',
};
