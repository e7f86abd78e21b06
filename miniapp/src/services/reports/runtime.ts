import { getAccessToken, getDeviceId, getStorage, onConnectivityChange, setStorage } from '../zalo';
import { type ReportConfigAnswer, reportsClient, reportsTransport } from './client';
import { indexedDbDraftStore } from './draft-store';
import { createOutbox, type FlushReport } from './outbox';
import { uploadProgress } from './progress';
import { createReceipts } from './receipts';
import { createSender } from './send';

/**
 * The app's single outbox, receipts and sender, wired to IndexedDB, the storage wrapper
 * and the API. Imported by the field-report screens and, after the home screen has
 * drawn, by app.ts to send what is waiting (see startBackgroundSync).
 */

export const receipts = createReceipts({ getStorage, setStorage });

let config: ReportConfigAnswer | undefined;

/** The API's limits (photo sizes, chunk size, bounds), fetched once per session. */
export async function loadReportConfig(): Promise<ReportConfigAnswer | undefined> {
  if (config) return config;
  const result = await reportsClient.config();
  if (result.ok) config = result.data;
  return config;
}

export const outbox = createOutbox({
  store: indexedDbDraftStore(),
  send: createSender({
    transport: {
      ...reportsTransport,
      zaloAccessToken: async () => {
        const token = await getAccessToken();
        return token.ok ? token.value : null;
      },
    },
    deviceId: getDeviceId,
    chunkSize: () => config?.limits.chunkSize,
    progress: uploadProgress,
  }),
  onSent: async (receipt) => {
    await receipts.add(receipt);
  },
});

let started = false;

/**
 * Sends the drafts left from earlier sessions now, and again whenever the connection
 * comes back. Idempotent: the second call does nothing.
 */
export function startBackgroundSync(onSent?: (report: FlushReport) => void): void {
  if (started) return;
  started = true;
  const flush = async () => {
    const pending = (await outbox.list()).filter((d) => d.status !== 'rejected');
    if (pending.length === 0) return;
    await loadReportConfig();
    const report = await outbox.flush();
    if (report.sent.length > 0) onSent?.(report);
  };
  void flush();
  onConnectivityChange((online) => {
    if (online) void flush();
  });
}
