import { describe, expect, it } from 'vitest';
import { absoluteAppUrl, routerBase } from './links';

describe("the app's own addresses", () => {
  it('have no base on the Vite dev server, as ZMPRouter routes there', () => {
    expect(routerBase({ production: false, search: '' })).toBe('');
    expect(
      absoluteAppUrl('http://localhost:3000', { production: false, search: '' }, '/payment/o/o1'),
    ).toBe('http://localhost:3000/payment/o/o1');
  });

  it("sit under /zapps/<app id> in a build and in Zalo's test environments", () => {
    expect(routerBase({ production: true, search: '', appId: '123' })).toBe('/zapps/123');
    expect(routerBase({ production: false, search: '?env=TESTING_LOCAL', appId: '9' })).toBe(
      '/zapps/9',
    );
    expect(
      absoluteAppUrl(
        'https://h5.zdn.vn',
        { production: true, search: '', appId: '123' },
        '/payment/o/o1',
      ),
    ).toBe('https://h5.zdn.vn/zapps/123/payment/o/o1');
  });

  it('honour a BASE_PATH set by the host page', () => {
    expect(routerBase({ production: false, search: '?env=OTHER', basePath: '/app/' })).toBe('/app');
  });
});
