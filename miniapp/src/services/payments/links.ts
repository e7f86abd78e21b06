/**
 * Absolute addresses of the app's own pages, for the e-wallet to send the payer back to.
 *
 * zmp-ui's ZMPRouter (a BrowserRouter) mounts the routes under a base path: `/zapps/<app id>`
 * in a production build and in Zalo's test environments (`?env=TESTING_LOCAL|TESTING|
 * DEVELOPMENT`), else `window.BASE_PATH` or nothing (the Vite dev server, where any path
 * serves index.html). react-router's useHref would know it, but zmp-ui does not re-export
 * it, so routerBase() repeats ZMPRouter's rule.
 */

const ZALO_TEST_ENVS = new Set(['TESTING_LOCAL', 'TESTING', 'DEVELOPMENT']);

export type RouterPlace = {
  production: boolean;
  /** The page's query string, which carries Zalo's `env`. */
  search: string;
  basePath?: string;
  appId?: string;
};

export function routerBase(place: RouterPlace): string {
  const env = new URLSearchParams(place.search).get('env');
  if (place.production || (env !== null && ZALO_TEST_ENVS.has(env))) {
    return `/zapps/${place.appId ?? ''}`;
  }
  return (place.basePath ?? '').replace(/\/+$/, '');
}

/** `origin` + the router's base + an app path ("/payment/o/…"). */
export function absoluteAppUrl(origin: string, place: RouterPlace, path: string): string {
  return `${origin}${routerBase(place)}${path}`;
}

type ZaloWindow = Window & { BASE_PATH?: string; APP_ID?: string };

/** The address of an app page as this page was opened (dev server, Zalo, a build). */
export function appUrl(path: string): string {
  const w = window as ZaloWindow;
  return absoluteAppUrl(
    w.location.origin,
    {
      production: import.meta.env.PROD,
      search: w.location.search,
      basePath: w.BASE_PATH,
      appId: w.APP_ID,
    },
    path,
  );
}
