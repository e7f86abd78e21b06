import { useState } from 'react';
import { AppIcon } from '../../components/app-icon';
import { useLanguage, useT } from '../../i18n/use-t';
import { apiUrl } from '../../services/api';
import { formatBytes } from '../../services/investment/format';
import type { InvestmentDocument } from '../../services/investment/types';
import { openWebview } from '../../services/zalo';
import { Notice } from '../field-reports/components/states';

/** An absolute address: Zalo's webview (and a new browser tab) need one. */
const absolute = (url: string) => new URL(apiUrl(url), window.location.href).href;

export function Documents({ documents }: { documents: InvestmentDocument[] }) {
  const t = useT();
  const [lang] = useLanguage();
  const [problem, setProblem] = useState<string>();
  if (documents.length === 0) return null;
  const open = async (d: InvestmentDocument) => {
    setProblem(undefined);
    const result = await openWebview(absolute(d.url));
    if (!result.ok) setProblem(result.error.message);
  };
  return (
    <section className="rp-section card" aria-labelledby="inv-docs">
      <h2 id="inv-docs" className="rp-section__title">
        <AppIcon icon="zi-note" size={22} />
        {t('invest.documents')}
      </h2>
      <ul className="inv-docs">
        {documents.map((d) => (
          <li key={d.id}>
            <button
              type="button"
              onClick={() => void open(d)}
              aria-label={t('invest.openDocument', { name: d.title })}
            >
              <AppIcon icon="zi-note" size={22} />
              <span>
                {d.title}
                <small>
                  {d.fileName} · {formatBytes(d.bytes, lang)}
                </small>
              </span>
            </button>
          </li>
        ))}
      </ul>
      {problem ? <Notice tone="error">{problem}</Notice> : null}
    </section>
  );
}
