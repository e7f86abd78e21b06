import '../field-reports/reports.css';
import './utilities.css';
import { useState } from 'react';
import { useSearchParams } from 'zmp-ui';
import { useApi } from '../../hooks/use-api';
import { useT } from '../../i18n/use-t';
import { utilitiesClient } from '../../services/utilities/client';
import { ReportPage } from '../field-reports/components/report-page';
import { ErrorState, LoadingBlock } from '../field-reports/components/states';
import { OcrPanel } from './ocr';
import { SpeechPanel } from './speech';
import { TranslatePanel } from './translate';

const TABS = ['ocr', 'speech', 'translate'] as const;
type Tab = (typeof TABS)[number];
type Fn = 'ocr' | 'speech' | 'translation';

/**
 * Tiện ích: three tabs (photo to text, voice to text, translation). What the server can do
 * is read first: a function without its AI model shows the not-configured notice and
 * disabled buttons, and nothing is ever made up on the phone.
 */
export default function UtilitiesPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.find((x) => x === params.get('tab')) ?? 'ocr';
  const status = useApi(() => utilitiesClient.status(), []);
  // Functions the server refused as not configured after the status was read.
  const [off, setOff] = useState<ReadonlySet<Fn>>(new Set());
  const turnOff = (fn: Fn) => () => setOff((s) => new Set([...s, fn]));
  const available = (fn: Fn) => (status.data?.[fn].available ?? false) && !off.has(fn);

  return (
    <ReportPage title={t('util.title')} parent="/">
      <p className="util-intro">{t('util.intro')}</p>
      <div className="util-tabs" role="tablist">
        {TABS.map((x) => (
          <button
            key={x}
            type="button"
            role="tab"
            aria-selected={tab === x}
            onClick={() => setParams({ tab: x }, { replace: true })}
            data-testid={`util-tab-${x}`}
          >
            {t(`util.tab.${x}`)}
          </button>
        ))}
      </div>
      <section className="rp-section card" role="tabpanel" aria-label={t(`util.tab.${tab}`)}>
        {status.data ? (
          tab === 'ocr' ? (
            <OcrPanel
              available={available('ocr')}
              maxBytes={status.data.ocr.maxBytes}
              onNotConfigured={turnOff('ocr')}
            />
          ) : tab === 'speech' ? (
            <SpeechPanel
              available={available('speech')}
              maxBytes={status.data.speech.maxBytes}
              onNotConfigured={turnOff('speech')}
            />
          ) : (
            <TranslatePanel
              available={available('translation')}
              maxChars={status.data.translation.maxChars}
              onNotConfigured={turnOff('translation')}
            />
          )
        ) : status.status === 'error' ? (
          <ErrorState message={status.error.message} onRetry={status.reload} />
        ) : (
          <LoadingBlock />
        )}
      </section>
    </ReportPage>
  );
}
