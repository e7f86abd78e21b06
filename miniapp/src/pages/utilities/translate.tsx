import { useState } from 'react';
import { Button } from 'zmp-ui';
import { useT } from '../../i18n/use-t';
import { utilitiesClient } from '../../services/utilities/client';
import {
  LANGUAGE_CODES,
  type LanguageCode,
  type TranslateResult,
} from '../../services/utilities/types';
import { ErrorNotice, isNotConfigured, NotConfigured, ResultBox } from './parts';

/** Dịch: choose the two languages (or let the server guess the source), type, translate, copy. */
export function TranslatePanel({
  available,
  maxChars,
  onNotConfigured,
}: {
  available: boolean;
  maxChars: number;
  onNotConfigured: () => void;
}) {
  const t = useT();
  const [source, setSource] = useState<LanguageCode | 'auto'>('vi');
  const [target, setTarget] = useState<LanguageCode>('en');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<TranslateResult | null>(null);

  const length = text.trim().length;
  const tooLong = length > maxChars;
  const same = source === target;

  const swap = () => {
    // From "detect", the language the server recognised last time (or Vietnamese) becomes the target.
    const from = source === 'auto' ? (result?.source ?? 'vi') : source;
    setSource(target);
    setTarget(from === target ? (target === 'vi' ? 'en' : 'vi') : from);
    if (result) setText(result.text);
    setResult(null);
  };

  const send = async () => {
    setError(null);
    setResult(null);
    setBusy(true);
    const answer = await utilitiesClient.translate({ text, source, target });
    setBusy(false);
    if (answer.ok) setResult(answer.data);
    else if (isNotConfigured(answer.error)) onNotConfigured();
    else setError(answer.error.message);
  };

  const disabled = !available || busy;
  return (
    <div className="util-panel" data-testid="util-translate">
      {available ? null : <NotConfigured />}
      <div className="util-langs">
        <label className="rp-field">
          <span className="rp-field__label">{t('util.translate.source')}</span>
          <select
            className="rp-input"
            value={source}
            disabled={disabled}
            onChange={(e) => setSource(e.target.value as LanguageCode | 'auto')}
            data-testid="util-source"
          >
            <option value="auto">{t('util.translate.auto')}</option>
            {LANGUAGE_CODES.map((code) => (
              <option key={code} value={code}>
                {t(`util.lang.${code}`)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="util-swap"
          onClick={swap}
          disabled={disabled}
          aria-label={t('util.translate.swap')}
          title={t('util.translate.swap')}
          data-testid="util-swap"
        >
          ⇄
        </button>
        <label className="rp-field">
          <span className="rp-field__label">{t('util.translate.target')}</span>
          <select
            className="rp-input"
            value={target}
            disabled={disabled}
            onChange={(e) => setTarget(e.target.value as LanguageCode)}
            data-testid="util-target"
          >
            {LANGUAGE_CODES.map((code) => (
              <option key={code} value={code}>
                {t(`util.lang.${code}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="rp-field">
        <span className="rp-field__label">{t('util.translate.text')}</span>
        <textarea
          className={`rp-input rp-textarea ${tooLong ? 'rp-input--error' : ''}`}
          value={text}
          disabled={!available}
          placeholder={t('util.translate.placeholder')}
          onChange={(e) => setText(e.target.value)}
          data-testid="util-text"
        />
        <span className={`rp-counter ${tooLong ? 'rp-counter--short' : ''}`}>
          {t('util.translate.count', {
            count: length.toLocaleString('vi-VN'),
            max: maxChars.toLocaleString('vi-VN'),
          })}
        </span>
      </label>
      {same ? <p className="rp-notice rp-notice--warning">{t('util.translate.same')}</p> : null}
      {tooLong ? (
        <p className="rp-notice rp-notice--error">
          {t('util.translate.tooLong', { max: maxChars.toLocaleString('vi-VN') })}
        </p>
      ) : null}
      <ErrorNotice error={error} />
      <Button
        fullWidth
        disabled={disabled || length === 0 || tooLong || same}
        loading={busy}
        onClick={() => void send()}
        data-testid="util-translate-send"
      >
        {t('util.translate.send')}
      </Button>
      {result ? (
        <ResultBox
          text={result.text}
          note={
            result.detected
              ? t('util.translate.detected', { language: t(`util.lang.${result.source}`) })
              : undefined
          }
        />
      ) : null}
    </div>
  );
}
