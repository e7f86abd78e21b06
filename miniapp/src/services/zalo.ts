import { STORAGE_PREFIX } from '../config';
import { type MessageKey, vi } from '../i18n/vi';

/**
 * Every zmp-sdk call the app makes goes through here. Each one has a browser path so the
 * app runs in a plain browser on localhost (where the SDK only returns canned values),
 * and none throws: callers get a `Result` whose error carries a stable code for programs
 * and a Vietnamese message for people.
 */

export type Runtime = 'zalo' | 'browser';

type PageLocation = Pick<Location, 'hostname' | 'pathname' | 'search'>;

/**
 * Mirrors the SDK's own test for "running as a mini app" (served from Zalo's mini-app
 * host under /zapps, or a local test build that Zalo opens with env=TESTING_LOCAL), so we
 * never pick the SDK path in a page where the SDK would refuse to work.
 */
export function detectRuntime(location: PageLocation | undefined): Runtime {
  if (!location) return 'browser';
  const onZaloHost = location.hostname === 'h5.zdn.vn' || location.hostname.endsWith('.h5.zdn.vn');
  if (!onZaloHost) return 'browser';
  const testingLocal = new URLSearchParams(location.search).get('env') === 'TESTING_LOCAL';
  return location.pathname.startsWith('/zapps') || testingLocal ? 'zalo' : 'browser';
}

export type ZaloErrorCode =
  | 'denied'
  | 'cancelled'
  | 'unsupported'
  | 'unavailable'
  | 'invalid_input'
  | 'failed';

export type ZaloError = {
  code: ZaloErrorCode;
  /** Vietnamese, ready to show; translate by `code` where the UI is in English. */
  message: string;
  /** The original SDK or browser error, for logs only. */
  cause?: unknown;
};

export type Result<T> = { ok: true; value: T } | { ok: false; error: ZaloError };

export type ZaloUser = {
  id: string;
  /** Empty until the user lets the app see their name (Decree 13/2023 consent). */
  name: string;
  avatar: string;
  source: Runtime;
};

/**
 * Inside Zalo the location is a one-time token the server exchanges with Zalo (valid
 * two minutes); in a browser we get the coordinates themselves.
 */
export type UserLocation =
  | { kind: 'token'; token: string }
  | { kind: 'coords'; latitude: number; longitude: number; accuracy: number };

export type PickedImage = {
  /** Something an <img> and fetch() can load: a Zalo temp path or a blob: URL. */
  src: string;
  size?: number;
  /** Only in the browser, where the picker hands us the file itself. */
  file?: File;
};

export type ImageSource = 'camera' | 'album' | 'both';

export type PickedVideo = {
  /** A Zalo temp path or a blob: URL. */
  src: string;
  size?: number;
  file?: File;
};

type ZaloSdk = typeof import('./zmp-sdk');

/** What the browser offers instead of the SDK; injected so tests can stand in for it. */
export type BrowserDeps = {
  geolocation?: Pick<Geolocation, 'getCurrentPosition'>;
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
  /** Opens a URL in a new tab; false when the browser blocked it. */
  openUrl: (url: string) => boolean;
  /** Navigates to a tel: link, which hands the number to the phone's dialler. */
  dial: (telUrl: string) => void;
  /** Resolves with the chosen files, or null when the user closed the picker. */
  pickFiles: (options: {
    multiple: boolean;
    camera: boolean;
    accept: 'image/*' | 'video/*';
  }) => Promise<File[] | null>;
  objectUrl: (file: File) => string;
  randomId: () => string;
  /** Reads a file the picker returned as a path (a Zalo temp file) into memory. */
  readUrl?: (url: string) => Promise<Blob>;
  clipboard?: { writeText: (text: string) => Promise<void> };
  /** The document's copy command, for WebViews without the async clipboard. */
  copyWithSelection?: (text: string) => boolean;
  /** Subscribes to the page going online/offline; returns the unsubscribe function. */
  onConnectivity?: (listener: (online: boolean) => void) => () => void;
  isOnline?: () => boolean;
};

export type ZaloDeps = {
  runtime: Runtime;
  loadSdk: () => Promise<ZaloSdk>;
  browser: BrowserDeps;
};

function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

function fail<T>(code: ZaloErrorCode, messageKey: MessageKey, cause?: unknown): Result<T> {
  return { ok: false, error: { code, message: vi[messageKey], cause } };
}

// SDK error codes (zmp-sdk constants): user refused a permission or the OA prompt.
const DENIED_CODES = new Set([-201, -1401, -1403, -2002]);
const CANCELLED_CODES = new Set([-2003, -606]);
// Client or device too old for the API.
const UNSUPPORTED_CODES = new Set([-1404, -600]);

function sdkFailure<T>(cause: unknown, otherwise: MessageKey = 'error.unexpected'): Result<T> {
  const code =
    typeof cause === 'object' && cause !== null && 'code' in cause
      ? Number(cause.code)
      : Number.NaN;
  if (DENIED_CODES.has(code)) return fail('denied', 'error.denied', cause);
  if (CANCELLED_CODES.has(code)) return fail('cancelled', 'error.cancelled', cause);
  if (UNSUPPORTED_CODES.has(code)) return fail('unsupported', 'error.unsupported', cause);
  return fail('failed', otherwise, cause);
}

/** Keeps the digits and a leading +; hotlines are as short as 3 digits (113). */
export function normalizePhone(input: string): string | null {
  const compact = input.replace(/[\s.\-()]/g, '');
  return /^\+?\d{3,15}$/.test(compact) ? compact : null;
}

function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

const GUEST_ID_KEY = `${STORAGE_PREFIX}guest-id`;
const DEVICE_ID_KEY = `${STORAGE_PREFIX}device-id`;

export function createZalo(deps: ZaloDeps) {
  const { runtime, browser } = deps;
  const inZalo = runtime === 'zalo';
  let sdkPromise: Promise<ZaloSdk> | undefined;
  let toastPresenter: ((message: string) => void) | undefined;

  /** Loads the SDK once; a failed load (bad network) is retried on the next call. */
  function sdk(): Promise<ZaloSdk> {
    sdkPromise ??= deps.loadSdk().catch((error: unknown) => {
      sdkPromise = undefined;
      throw error;
    });
    return sdkPromise;
  }

  async function getStorage(key: string): Promise<Result<string | null>> {
    if (inZalo) {
      try {
        // Zalo serves every mini app from one origin, so localStorage would be shared
        // with other apps; nativeStorage is private to this one.
        return ok((await sdk()).nativeStorage.getItem(key));
      } catch {
        // Zalo clients older than nativeStorage: fall through to the webview's storage.
      }
    }
    try {
      return ok(browser.storage?.getItem(key) ?? null);
    } catch (cause) {
      return fail('failed', 'error.storage', cause);
    }
  }

  async function setStorage(key: string, value: string): Promise<Result<void>> {
    if (inZalo) {
      try {
        (await sdk()).nativeStorage.setItem(key, value);
        return ok(undefined);
      } catch {
        // See getStorage.
      }
    }
    try {
      if (!browser.storage) return fail('unsupported', 'error.storage');
      browser.storage.setItem(key, value);
      return ok(undefined);
    } catch (cause) {
      // Private browsing or a full quota.
      return fail('failed', 'error.storage', cause);
    }
  }

  async function getUserInfo(options: { askPermission?: boolean } = {}): Promise<Result<ZaloUser>> {
    if (inZalo) {
      try {
        const { userInfo } = await (await sdk()).getUserInfo({
          autoRequestPermission: options.askPermission ?? false,
        });
        return ok({
          id: userInfo.id,
          name: userInfo.name,
          avatar: userInfo.avatar,
          source: 'zalo',
        });
      } catch (cause) {
        return sdkFailure(cause);
      }
    }
    // A stable anonymous id per browser, so "my reports" can work without Zalo.
    const saved = await getStorage(GUEST_ID_KEY);
    let id = saved.ok ? saved.value : null;
    if (!id) {
      id = `guest-${browser.randomId()}`;
      await setStorage(GUEST_ID_KEY, id);
    }
    return ok({ id, name: '', avatar: '', source: 'browser' });
  }

  /** The Zalo access token for the API, or null outside Zalo (the API then treats the user as anonymous). */
  async function getAccessToken(): Promise<Result<string | null>> {
    if (!inZalo) return ok(null);
    try {
      const token = await (await sdk()).getAccessToken();
      return ok(token || null);
    } catch (cause) {
      return sdkFailure(cause);
    }
  }

  /**
   * Asks the citizen to let the app see their Zalo name (scope.userInfo, Decree 13/2023
   * consent); true when granted. Since zmp-sdk 2.35 an access token alone proves only the
   * Zalo id, so a sign-in without this shows no name. Outside Zalo: false, no prompt.
   */
  async function authorizeUserInfo(): Promise<Result<boolean>> {
    if (!inZalo) return ok(false);
    try {
      const granted = await (await sdk()).authorize({ scopes: ['scope.userInfo'] });
      return ok(granted['scope.userInfo'] === true);
    } catch (cause) {
      return sdkFailure(cause);
    }
  }

  async function getLocation(): Promise<Result<UserLocation>> {
    if (inZalo) {
      try {
        const { token } = await (await sdk()).getLocation();
        return token
          ? ok({ kind: 'token', token })
          : fail('unavailable', 'error.locationUnavailable');
      } catch (cause) {
        return sdkFailure(cause, 'error.locationUnavailable');
      }
    }
    const geolocation = browser.geolocation;
    if (!geolocation) return fail('unsupported', 'error.locationUnavailable');
    return new Promise((resolve) => {
      geolocation.getCurrentPosition(
        ({ coords }) =>
          resolve(
            ok({
              kind: 'coords',
              latitude: coords.latitude,
              longitude: coords.longitude,
              accuracy: coords.accuracy,
            }),
          ),
        (error) =>
          resolve(
            error.code === error.PERMISSION_DENIED
              ? fail('denied', 'error.denied', error)
              : fail('unavailable', 'error.locationUnavailable', error),
          ),
        // A fix from the last minute is fine for a street-level report; fresh GPS on a
        // cheap phone indoors can take far longer than people will wait.
        { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
      );
    });
  }

  /** A token the server exchanges with Zalo for the number; a browser must ask the user to type it. */
  async function getPhoneNumber(): Promise<Result<{ token: string }>> {
    if (!inZalo) return fail('unsupported', 'error.unsupported');
    try {
      const { token } = await (await sdk()).getPhoneNumber();
      return token ? ok({ token }) : fail('failed', 'error.unexpected');
    } catch (cause) {
      return sdkFailure(cause);
    }
  }

  async function openPhone(phoneNumber: string): Promise<Result<void>> {
    const number = normalizePhone(phoneNumber);
    if (!number) return fail('invalid_input', 'error.invalidPhone');
    if (inZalo) {
      try {
        await (await sdk()).openPhone({ phoneNumber: number });
        return ok(undefined);
      } catch (cause) {
        return sdkFailure(cause);
      }
    }
    browser.dial(`tel:${number}`);
    return ok(undefined);
  }

  async function openChat(target: {
    type: 'user' | 'oa';
    id: string;
    message?: string;
  }): Promise<Result<void>> {
    if (inZalo) {
      try {
        await (await sdk()).openChat(target);
        return ok(undefined);
      } catch (cause) {
        return sdkFailure(cause);
      }
    }
    // An Official Account has a public page on zalo.me; a person's chat has no web address.
    if (target.type !== 'oa') return fail('unsupported', 'error.unsupported');
    return browser.openUrl(`https://zalo.me/${encodeURIComponent(target.id)}`)
      ? ok(undefined)
      : fail('failed', 'error.unexpected');
  }

  async function openWebview(
    url: string,
    options: { style?: 'normal' | 'bottomSheet' } = {},
  ): Promise<Result<void>> {
    if (!isWebUrl(url)) return fail('invalid_input', 'error.invalidUrl');
    if (inZalo) {
      try {
        await (await sdk()).openWebview({ url, config: { style: options.style ?? 'normal' } });
        return ok(undefined);
      } catch (cause) {
        return sdkFailure(cause);
      }
    }
    return browser.openUrl(url) ? ok(undefined) : fail('failed', 'error.unexpected');
  }

  /**
   * Zalo Checkout: hands the server-signed order (amount, desc, item, extradata, mac) to
   * zmp-sdk `Payment.createOrder`, which opens Zalo's payment sheet and answers with Zalo's
   * order id once the order exists on Zalo's side; the outcome itself comes to the server.
   * Outside Zalo there is no Checkout: 'unsupported'.
   */
  async function createPaymentOrder(params: {
    amount: number;
    desc: string;
    item: { id: string; amount: number }[];
    extradata: string;
    mac: string;
  }): Promise<Result<{ orderId: string }>> {
    if (!inZalo) return fail('unsupported', 'error.unsupported');
    try {
      const { orderId } = await (await sdk()).Payment.createOrder({ ...params });
      return orderId ? ok({ orderId }) : fail('failed', 'payment.checkoutFailed');
    } catch (cause) {
      return sdkFailure(cause, 'payment.checkoutFailed');
    }
  }

  async function chooseImage(
    options: { count?: number; source?: ImageSource } = {},
  ): Promise<Result<PickedImage[]>> {
    const count = Math.max(1, Math.floor(options.count ?? 1));
    const source = options.source ?? 'both';
    if (inZalo) {
      try {
        const { filePaths, tempFiles } = await (await sdk()).chooseImage({
          count,
          sourceType: source === 'both' ? ['album', 'camera'] : [source],
        });
        if (filePaths.length === 0) return fail('cancelled', 'error.cancelled');
        return ok(filePaths.map((src, i) => ({ src, size: tempFiles[i]?.size })));
      } catch (cause) {
        return sdkFailure(cause);
      }
    }
    try {
      const files = await browser.pickFiles({
        multiple: count > 1,
        camera: source === 'camera',
        accept: 'image/*',
      });
      if (!files || files.length === 0) return fail('cancelled', 'error.cancelled');
      return ok(
        files
          .slice(0, count)
          .map((file) => ({ src: browser.objectUrl(file), size: file.size, file })),
      );
    } catch (cause) {
      return fail('failed', 'error.unexpected', cause);
    }
  }

  /**
   * One short video. Inside Zalo the media picker (which also enforces the size limit);
   * in a browser a file input for video files.
   */
  async function chooseVideo(options: { maxBytes?: number } = {}): Promise<Result<PickedVideo>> {
    if (inZalo) {
      try {
        const { data } = await (await sdk()).openMediaPicker({
          type: 'video',
          maxSelectItem: 1,
          ...(options.maxBytes ? { maxItemSize: options.maxBytes } : {}),
        });
        const paths = Array.isArray(data) ? data : [data];
        const src = paths.find((path) => typeof path === 'string' && path !== '');
        return src ? ok({ src }) : fail('cancelled', 'error.cancelled');
      } catch (cause) {
        return sdkFailure(cause);
      }
    }
    try {
      const files = await browser.pickFiles({ multiple: false, camera: false, accept: 'video/*' });
      const file = files?.[0];
      if (!file) return fail('cancelled', 'error.cancelled');
      return ok({ src: browser.objectUrl(file), size: file.size, file });
    } catch (cause) {
      return fail('failed', 'error.unexpected', cause);
    }
  }

  /**
   * The bytes of a picked image or video: the File itself in a browser, the temp file
   * read through the WebView inside Zalo.
   */
  async function readPickedFile(picked: { src: string; file?: File }): Promise<Result<Blob>> {
    if (picked.file) return ok(picked.file);
    if (!browser.readUrl) return fail('unsupported', 'error.unsupported');
    try {
      return ok(await browser.readUrl(picked.src));
    } catch (cause) {
      return fail('failed', 'error.readFile', cause);
    }
  }

  /**
   * A random id for this installation, created once and kept on the device. It is not
   * the phone's hardware id and says nothing about the person: the server only stores its
   * hash, to list "my reports" and to rate-limit anonymous sending.
   */
  async function getDeviceId(): Promise<string> {
    const saved = await getStorage(DEVICE_ID_KEY);
    if (saved.ok && saved.value) return saved.value;
    const id = browser.randomId();
    await setStorage(DEVICE_ID_KEY, id);
    return id;
  }

  async function copyText(text: string): Promise<Result<void>> {
    try {
      if (browser.clipboard) {
        await browser.clipboard.writeText(text);
        return ok(undefined);
      }
    } catch {
      // Refused (no user gesture, insecure context): try the copy command below.
    }
    try {
      if (browser.copyWithSelection?.(text)) return ok(undefined);
    } catch (cause) {
      return fail('failed', 'error.copy', cause);
    }
    return fail('unsupported', 'error.copy');
  }

  /** Whether the device says it has a network; true when it cannot tell. */
  function isOnline(): boolean {
    return browser.isOnline?.() ?? true;
  }

  /**
   * Calls back when the connection comes back or drops. The WebView's own online/offline
   * events work inside Zalo too, so one path serves both runtimes.
   */
  function onConnectivityChange(listener: (online: boolean) => void): () => void {
    return browser.onConnectivity?.(listener) ?? (() => undefined);
  }

  /**
   * Inside Zalo a native toast; in a browser the app's snackbar, which the app registers
   * with `setToastPresenter` once zmp-ui's SnackbarProvider is mounted.
   */
  async function showToast(message: string): Promise<Result<void>> {
    if (inZalo) {
      try {
        await (await sdk()).showToast({ message });
        return ok(undefined);
      } catch {
        // Fall back to the in-page snackbar below.
      }
    }
    if (!toastPresenter) return fail('unsupported', 'error.unsupported');
    toastPresenter(message);
    return ok(undefined);
  }

  function setToastPresenter(present: ((message: string) => void) | undefined): void {
    toastPresenter = present;
  }

  /** Starts downloading the SDK early inside Zalo, so the first real call does not wait for it. */
  function preload(): void {
    if (inZalo) sdk().catch(() => undefined);
  }

  return {
    runtime,
    preload,
    getStorage,
    setStorage,
    getUserInfo,
    getAccessToken,
    authorizeUserInfo,
    getLocation,
    getPhoneNumber,
    openPhone,
    openChat,
    openWebview,
    createPaymentOrder,
    chooseImage,
    chooseVideo,
    readPickedFile,
    getDeviceId,
    copyText,
    isOnline,
    onConnectivityChange,
    showToast,
    setToastPresenter,
  };
}

export type Zalo = ReturnType<typeof createZalo>;

function pickFilesWithInput(options: {
  multiple: boolean;
  camera: boolean;
  accept: string;
}): Promise<File[] | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = options.accept;
    input.multiple = options.multiple;
    if (options.camera) input.setAttribute('capture', 'environment');
    input.addEventListener('change', () => resolve(Array.from(input.files ?? [])), { once: true });
    // Browsers without the cancel event (older WebViews) leave this promise pending, which
    // is harmless: nothing waits on it but the screen that asked.
    input.addEventListener('cancel', () => resolve(null), { once: true });
    input.click();
  });
}

function browserDeps(): BrowserDeps {
  const hasWindow = typeof window !== 'undefined';
  let storage: Storage | undefined;
  try {
    storage = hasWindow ? window.localStorage : undefined;
  } catch {
    // Storage disabled by the browser's privacy settings.
  }
  return {
    geolocation: hasWindow ? navigator.geolocation : undefined,
    storage,
    openUrl: (url) => {
      // Not the 'noopener' feature string: with it window.open always returns null, and a
      // blocked pop-up could not be told apart from an opened one.
      const opened = window.open(url, '_blank');
      if (opened) opened.opener = null;
      return opened !== null;
    },
    dial: (telUrl) => {
      window.location.href = telUrl;
    },
    pickFiles: pickFilesWithInput,
    objectUrl: (file) => URL.createObjectURL(file),
    readUrl: async (url) => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`HTTP ${response.status} reading ${url}`);
      return response.blob();
    },
    clipboard:
      hasWindow && navigator.clipboard?.writeText
        ? { writeText: (text) => navigator.clipboard.writeText(text) }
        : undefined,
    copyWithSelection: (text) => {
      const area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.append(area);
      area.select();
      try {
        return document.execCommand('copy');
      } finally {
        area.remove();
      }
    },
    isOnline: () => (hasWindow ? navigator.onLine : true),
    onConnectivity: (listener) => {
      if (!hasWindow) return () => undefined;
      const online = () => listener(true);
      const offline = () => listener(false);
      window.addEventListener('online', online);
      window.addEventListener('offline', offline);
      return () => {
        window.removeEventListener('online', online);
        window.removeEventListener('offline', offline);
      };
    },
    randomId: () =>
      typeof crypto !== 'undefined' && 'randomUUID' in crypto
        ? crypto.randomUUID()
        : `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`,
  };
}

/** The app's instance, bound to the real page; the runtime is detected once, here. */
export const zalo: Zalo = createZalo({
  runtime: detectRuntime(typeof window === 'undefined' ? undefined : window.location),
  loadSdk: () => import('./zmp-sdk'),
  browser: browserDeps(),
});

export const {
  getStorage,
  setStorage,
  getUserInfo,
  getAccessToken,
  authorizeUserInfo,
  getLocation,
  getPhoneNumber,
  openPhone,
  openChat,
  openWebview,
  createPaymentOrder,
  chooseImage,
  chooseVideo,
  readPickedFile,
  getDeviceId,
  copyText,
  isOnline,
  onConnectivityChange,
  showToast,
  setToastPresenter,
} = zalo;
