import 'zmp-ui/zaui.css';
import './css/app.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import appConfig from '../app-config.json';
import { AppShell } from './components/app';
import { APP_NAME, STORAGE_PREFIX } from './config';
import { isLanguage, translator } from './i18n';
import { zalo } from './services/zalo';

// Zalo injects the deployed app-config; zmp-sdk reads the header settings from it, so a
// page opened any other way gets ours.
if (!window.APP_CONFIG) window.APP_CONFIG = appConfig;
document.title = APP_NAME;
zalo.preload();

const container = document.getElementById('app');
if (!container) throw new Error('index.html has no #app element');
createRoot(container).render(createElement(AppShell));

/**
 * Reports that could not be sent earlier (no network) go out now, and whenever the
 * connection comes back. Loaded after the first paint, in its own chunk, so the home
 * screen does not wait for it.
 */
function sendWaitingReports(): void {
  void import('./services/reports/runtime')
    .then(({ startBackgroundSync }) =>
      startBackgroundSync(async (report) => {
        const saved = await zalo.getStorage(`${STORAGE_PREFIX}language`);
        const t = translator(saved.ok && isLanguage(saved.value) ? saved.value : 'vi');
        for (const receipt of report.sent) {
          void zalo.showToast(t('reports.drafts.sentToast', { code: receipt.code }));
        }
      }),
    )
    .catch(() => undefined);
}

if ('requestIdleCallback' in window)
  window.requestIdleCallback(sendWaitingReports, { timeout: 3000 });
else setTimeout(sendWaitingReports, 1500);
