import { describe, expect, it, vi } from 'vitest';
import { vi as messages } from '../i18n/vi';
import { type BrowserDeps, createZalo, detectRuntime, normalizePhone, type ZaloDeps } from './zalo';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
  };
}

function fakeBrowser(overrides: Partial<BrowserDeps> = {}): BrowserDeps {
  return {
    storage: memoryStorage(),
    openUrl: vi.fn(() => true),
    dial: vi.fn(),
    pickFiles: vi.fn(async () => null),
    objectUrl: (file) => `blob:${file.name}`,
    randomId: () => 'abc',
    ...overrides,
  };
}

/** In a browser the SDK must never load: it would only return canned values. */
function inBrowser(overrides: Partial<BrowserDeps> = {}) {
  const loadSdk = vi.fn(async () => {
    throw new Error('SDK must not load in a browser');
  });
  const browser = fakeBrowser(overrides);
  return { zalo: createZalo({ runtime: 'browser', loadSdk, browser }), loadSdk, browser };
}

function inZalo(sdk: Record<string, unknown>, browser = fakeBrowser()) {
  const deps: ZaloDeps = {
    runtime: 'zalo',
    loadSdk: async () => sdk as unknown as Awaited<ReturnType<ZaloDeps['loadSdk']>>,
    browser,
  };
  return createZalo(deps);
}

describe('detectRuntime', () => {
  it('recognises a mini app served by Zalo', () => {
    expect(detectRuntime({ hostname: 'h5.zdn.vn', pathname: '/zapps/123/', search: '' })).toBe(
      'zalo',
    );
    expect(
      detectRuntime({ hostname: 'h5.zdn.vn', pathname: '/', search: '?env=TESTING_LOCAL' }),
    ).toBe('zalo');
  });

  it('treats localhost, other hosts and server-side code as a browser', () => {
    expect(detectRuntime({ hostname: 'localhost', pathname: '/', search: '' })).toBe('browser');
    expect(detectRuntime({ hostname: 'h5.zdn.vn', pathname: '/other', search: '' })).toBe(
      'browser',
    );
    expect(
      detectRuntime({ hostname: 'evil-h5.zdn.vn.example', pathname: '/zapps/1', search: '' }),
    ).toBe('browser');
    expect(detectRuntime(undefined)).toBe('browser');
  });
});

describe('outside Zalo, every call takes the browser path', () => {
  it('gets coordinates from the browser instead of a Zalo token', async () => {
    const geolocation = {
      getCurrentPosition: vi.fn((success: PositionCallback) =>
        success({
          coords: { latitude: 9.78, longitude: 105.47, accuracy: 12 },
        } as GeolocationPosition),
      ),
    };
    const { zalo, loadSdk } = inBrowser({ geolocation });
    expect(await zalo.getLocation()).toEqual({
      ok: true,
      value: { kind: 'coords', latitude: 9.78, longitude: 105.47, accuracy: 12 },
    });
    expect(loadSdk).not.toHaveBeenCalled();
  });

  it('reports a refused location permission as a typed error in Vietnamese', async () => {
    const geolocation = {
      getCurrentPosition: (_ok: PositionCallback, error?: PositionErrorCallback | null) =>
        error?.({ code: 1, PERMISSION_DENIED: 1 } as GeolocationPositionError),
    };
    const result = await inBrowser({ geolocation }).zalo.getLocation();
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'denied', message: messages['error.denied'] },
    });
  });

  it('calls through a tel: link and refuses what is not a phone number', async () => {
    const { zalo, browser } = inBrowser();
    expect(await zalo.openPhone('0293 3 876 543')).toEqual({ ok: true, value: undefined });
    expect(browser.dial).toHaveBeenCalledWith('tel:02933876543');
    expect(await zalo.openPhone('javascript:alert(1)')).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'Số điện thoại không hợp lệ.' },
    });
  });

  it('opens web pages in a new tab, and only http(s) ones', async () => {
    const { zalo, browser } = inBrowser();
    expect((await zalo.openWebview('https://dichvucong.gov.vn/')).ok).toBe(true);
    expect(browser.openUrl).toHaveBeenCalledWith('https://dichvucong.gov.vn/');
    expect(await zalo.openWebview('javascript:alert(1)')).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('has no Zalo Checkout outside Zalo', async () => {
    const { zalo, loadSdk } = inBrowser();
    const params = { amount: 1, desc: 'x', item: [], extradata: '', mac: 'm' };
    expect(await zalo.createPaymentOrder(params)).toMatchObject({
      ok: false,
      error: { code: 'unsupported' },
    });
    expect(loadSdk).not.toHaveBeenCalled();
  });

  it('opens an Official Account page but cannot open a personal chat', async () => {
    const { zalo, browser } = inBrowser();
    expect((await zalo.openChat({ type: 'oa', id: '123' })).ok).toBe(true);
    expect(browser.openUrl).toHaveBeenCalledWith('https://zalo.me/123');
    expect(await zalo.openChat({ type: 'user', id: '9' })).toMatchObject({
      ok: false,
      error: { code: 'unsupported' },
    });
  });

  it('stores in localStorage and keeps one guest identity per browser', async () => {
    const { zalo } = inBrowser();
    await zalo.setStorage('k', 'v');
    expect(await zalo.getStorage('k')).toEqual({ ok: true, value: 'v' });
    const first = await zalo.getUserInfo();
    const second = await zalo.getUserInfo();
    expect(first).toEqual({
      ok: true,
      value: { id: 'guest-abc', name: '', avatar: '', source: 'browser' },
    });
    expect(second).toEqual(first);
  });

  it('turns a storage failure into a typed error', async () => {
    const storage = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
    };
    expect(await inBrowser({ storage }).zalo.setStorage('k', 'v')).toMatchObject({
      ok: false,
      error: { code: 'failed', message: messages['error.storage'] },
    });
  });

  it('has no Zalo token or phone token, without throwing', async () => {
    const { zalo } = inBrowser();
    expect(await zalo.getAccessToken()).toEqual({ ok: true, value: null });
    expect(await zalo.getPhoneNumber()).toMatchObject({
      ok: false,
      error: { code: 'unsupported' },
    });
  });

  it('picks images with a file input, up to the count asked for', async () => {
    const files = [new File(['a'], 'a.jpg'), new File(['bb'], 'b.jpg'), new File(['c'], 'c.jpg')];
    const pickFiles = vi.fn(async () => files);
    const { zalo } = inBrowser({ pickFiles });
    const result = await zalo.chooseImage({ count: 2, source: 'camera' });
    expect(pickFiles).toHaveBeenCalledWith({ multiple: true, camera: true, accept: 'image/*' });
    expect(result).toEqual({
      ok: true,
      value: [
        { src: 'blob:a.jpg', size: 1, file: files[0] },
        { src: 'blob:b.jpg', size: 2, file: files[1] },
      ],
    });
    expect(await inBrowser().zalo.chooseImage()).toMatchObject({
      ok: false,
      error: { code: 'cancelled' },
    });
  });

  it('shows toasts through the registered snackbar', async () => {
    const { zalo } = inBrowser();
    expect((await zalo.showToast('xin chào')).ok).toBe(false);
    const present = vi.fn();
    zalo.setToastPresenter(present);
    expect((await zalo.showToast('xin chào')).ok).toBe(true);
    expect(present).toHaveBeenCalledWith('xin chào');
  });
});

describe('field-report helpers', () => {
  it('creates one random device id and keeps it', async () => {
    let n = 0;
    const { zalo } = inBrowser({ randomId: () => `id-${++n}` });
    expect(await zalo.getDeviceId()).toBe('id-1');
    expect(await zalo.getDeviceId()).toBe('id-1');
  });

  it('picks one video with a video file input', async () => {
    const video = new File(['mp4'], 'clip.mp4', { type: 'video/mp4' });
    const pickFiles = vi.fn(async () => [video]);
    const { zalo } = inBrowser({ pickFiles });
    expect(await zalo.chooseVideo()).toEqual({
      ok: true,
      value: { src: 'blob:clip.mp4', size: 3, file: video },
    });
    expect(pickFiles).toHaveBeenCalledWith({ multiple: false, camera: false, accept: 'video/*' });
  });

  it('reads a picked file itself, or a Zalo temp path through the WebView', async () => {
    const file = new File(['jpeg'], 'a.jpg');
    expect(await inBrowser().zalo.readPickedFile({ src: 'blob:a', file })).toEqual({
      ok: true,
      value: file,
    });
    const readUrl = vi.fn(async () => new Blob(['x']));
    const read = await inZalo({}, fakeBrowser({ readUrl })).readPickedFile({
      src: 'zfile://tmp/1.jpg',
    });
    expect(read.ok).toBe(true);
    expect(readUrl).toHaveBeenCalledWith('zfile://tmp/1.jpg');
    const broken = inZalo(
      {},
      fakeBrowser({
        readUrl: async () => {
          throw new Error('404');
        },
      }),
    );
    expect(await broken.readPickedFile({ src: 'zfile://gone' })).toMatchObject({
      ok: false,
      error: { code: 'failed', message: messages['error.readFile'] },
    });
  });

  it('copies with the clipboard, else with the copy command, else says so', async () => {
    const writeText = vi.fn(async () => undefined);
    expect((await inBrowser({ clipboard: { writeText } }).zalo.copyText('PA-7K3F9Q')).ok).toBe(
      true,
    );
    expect(writeText).toHaveBeenCalledWith('PA-7K3F9Q');
    const refused = {
      writeText: async () => {
        throw new DOMException('denied', 'NotAllowedError');
      },
    };
    const copyWithSelection = vi.fn(() => true);
    expect((await inBrowser({ clipboard: refused, copyWithSelection }).zalo.copyText('x')).ok).toBe(
      true,
    );
    expect(await inBrowser().zalo.copyText('x')).toMatchObject({
      ok: false,
      error: { message: messages['error.copy'] },
    });
  });

  it('reports connectivity from the browser and tells when it changes', () => {
    let emit: (online: boolean) => void = () => undefined;
    const { zalo } = inBrowser({
      isOnline: () => false,
      onConnectivity: (listener) => {
        emit = listener;
        return () => undefined;
      },
    });
    expect(zalo.isOnline()).toBe(false);
    const seen: boolean[] = [];
    zalo.onConnectivityChange((online) => seen.push(online));
    emit(true);
    expect(seen).toEqual([true]);
  });
});

describe('inside Zalo, a video comes from the media picker', () => {
  it('returns the temp path', async () => {
    const openMediaPicker = vi.fn(async () => ({ data: ['zfile://tmp/v.mp4'] }));
    const zalo = inZalo({ openMediaPicker });
    expect(await zalo.chooseVideo({ maxBytes: 1000 })).toEqual({
      ok: true,
      value: { src: 'zfile://tmp/v.mp4' },
    });
    expect(openMediaPicker).toHaveBeenCalledWith({
      type: 'video',
      maxSelectItem: 1,
      maxItemSize: 1000,
    });
  });
});

describe('inside Zalo, calls go to the SDK', () => {
  it('returns the location token for the server to exchange', async () => {
    const zalo = inZalo({ getLocation: async () => ({ token: 'tok' }) });
    expect(await zalo.getLocation()).toEqual({ ok: true, value: { kind: 'token', token: 'tok' } });
  });

  it('maps SDK errors to typed errors instead of throwing them', async () => {
    const zalo = inZalo({
      getUserInfo: async () => {
        throw { code: -1401, message: 'User denied' };
      },
      chooseImage: async () => {
        throw { code: -2003, message: 'User cancel' };
      },
      openPhone: async () => {
        throw new Error('bridge broke');
      },
    });
    expect(await zalo.getUserInfo()).toMatchObject({ ok: false, error: { code: 'denied' } });
    expect(await zalo.chooseImage()).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await zalo.openPhone('113')).toMatchObject({
      ok: false,
      error: { code: 'failed', message: messages['error.unexpected'] },
    });
  });

  it("hands Zalo Checkout the server's signed order as it is and returns Zalo's order id", async () => {
    const params = {
      amount: 8000,
      desc: 'Lệ phí cấp bản sao',
      item: [{ id: 'ord_1', amount: 8000 }],
      extradata: '{"orderId":"ord_1"}',
      mac: 'abc123',
    };
    const createOrder = vi.fn(async () => ({ orderId: 'zalo-77' }));
    const zalo = inZalo({ Payment: { createOrder } });
    expect(await zalo.createPaymentOrder(params)).toEqual({
      ok: true,
      value: { orderId: 'zalo-77' },
    });
    expect(createOrder).toHaveBeenCalledWith(params);

    const cancelled = inZalo({
      Payment: {
        createOrder: async () => {
          throw { code: -2003, message: 'User cancel' };
        },
      },
    });
    expect(await cancelled.createPaymentOrder(params)).toMatchObject({
      ok: false,
      error: { code: 'cancelled' },
    });
    const broken = inZalo({ Payment: { createOrder: async () => ({ orderId: '' }) } });
    expect(await broken.createPaymentOrder(params)).toMatchObject({
      ok: false,
      error: { code: 'failed', message: messages['payment.checkoutFailed'] },
    });
  });

  it("uses the app's private native storage, not the origin-wide localStorage", async () => {
    const native = new Map<string, string>();
    const browser = fakeBrowser();
    const zalo = inZalo(
      {
        nativeStorage: {
          getItem: (k: string) => native.get(k) ?? null,
          setItem: (k: string, v: string) => native.set(k, v),
        },
      },
      browser,
    );
    await zalo.setStorage('lang', 'en');
    expect(native.get('lang')).toBe('en');
    expect(browser.storage?.getItem('lang')).toBeNull();
  });

  it('reports an SDK that failed to download as an error, and retries it next time', async () => {
    let attempts = 0;
    const zalo = createZalo({
      runtime: 'zalo',
      loadSdk: async () => {
        attempts += 1;
        throw new TypeError('Failed to fetch dynamically imported module');
      },
      browser: fakeBrowser(),
    });
    expect(await zalo.getAccessToken()).toMatchObject({ ok: false, error: { code: 'failed' } });
    await zalo.getAccessToken();
    expect(attempts).toBe(2);
  });
});

describe('normalizePhone', () => {
  it('accepts Vietnamese formats and hotlines', () => {
    expect(normalizePhone('0912.345.678')).toBe('0912345678');
    expect(normalizePhone('+84 912 345 678')).toBe('+84912345678');
    expect(normalizePhone('115')).toBe('115');
    expect(normalizePhone('12')).toBeNull();
    expect(normalizePhone('tel:113')).toBeNull();
  });
});
