// The zmp-sdk calls the app uses. Loaded on demand by zalo.ts and only inside Zalo, so a
// plain browser never downloads the SDK, and Node (unit tests) never evaluates it: it
// touches `window` as soon as it is imported.
export {
  authorize,
  chooseImage,
  getAccessToken,
  getLocation,
  getPhoneNumber,
  getUserInfo,
  nativeStorage,
  openChat,
  openMediaPicker,
  openPhone,
  openWebview,
  Payment,
  showToast,
} from 'zmp-sdk';
