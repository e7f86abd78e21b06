import { useEffect } from 'react';
import { RecoilRoot, useRecoilValue } from 'recoil';
import { App, SnackbarProvider, useSnackbar, ZMPRouter } from 'zmp-ui';
import { AppRoutes } from '../pages';
import { setToastPresenter, zalo } from '../services/zalo';
import { languageState } from '../state/language';
import { ErrorBoundary } from './error-boundary';

/** Lets services/zalo.ts show toasts in a browser through zmp-ui's snackbar. */
function ToastBridge() {
  const { openSnackbar } = useSnackbar();
  useEffect(() => {
    setToastPresenter((text) => openSnackbar({ text, duration: 3000 }));
    return () => setToastPresenter(undefined);
  }, [openSnackbar]);
  return null;
}

/** Screen readers and the browser's font fallback both go by the page language. */
function DocumentLanguage() {
  const language = useRecoilValue(languageState);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  return null;
}

/**
 * A production build routes under /zapps/<app id>, the path Zalo serves it from. Opened
 * anywhere else (`npm run preview`, a plain web host) that prefix never matches and the
 * screen stays blank, so there the router keeps its location in memory instead.
 */
const memoryRouter = import.meta.env.PROD && zalo.runtime === 'browser';

export function AppShell() {
  return (
    <ErrorBoundary>
      <RecoilRoot>
        <App theme="light">
          <SnackbarProvider>
            <ToastBridge />
            <DocumentLanguage />
            <ZMPRouter memoryRouter={memoryRouter}>
              <AppRoutes />
            </ZMPRouter>
          </SnackbarProvider>
        </App>
      </RecoilRoot>
    </ErrorBoundary>
  );
}
