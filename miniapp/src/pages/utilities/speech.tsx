import { useEffect, useRef, useState } from 'react';
import { Button } from 'zmp-ui';
import { AppIcon } from '../../components/app-icon';
import { useT } from '../../i18n/use-t';
import { audioProblem, formatSize } from '../../services/utilities/checks';
import { utilitiesClient } from '../../services/utilities/client';
import {
  canRecord,
  extensionFor,
  MAX_RECORDING_SECONDS,
  type Recording,
  startRecording,
} from '../../services/utilities/recorder';
import {
  LANGUAGE_CODES,
  type LanguageCode,
  type SpeechResult,
  type UploadProgress,
} from '../../services/utilities/types';
import { ErrorNotice, isNotConfigured, NotConfigured, ResultBox, UploadBar } from './parts';

type Clip = { blob: Blob; name: string; url: string; seconds: number | null };

const clock = (seconds: number) =>
  `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;

/** Giọng nói thành chữ: record (or pick a file), listen back, send, read and copy. */
export function SpeechPanel({
  available,
  maxBytes,
  onNotConfigured,
}: {
  available: boolean;
  maxBytes: number;
  onNotConfigured: () => void;
}) {
  const t = useT();
  const [language, setLanguage] = useState<LanguageCode | ''>('vi');
  const [clip, setClip] = useState<Clip | null>(null);
  const [recording, setRecording] = useState<{ rec: Recording; started: number } | null>(null);
  const [elapsed, setElapsed] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [result, setResult] = useState<SpeechResult | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const busy = progress !== null;
  const recorder = canRecord();

  useEffect(() => () => (clip ? URL.revokeObjectURL(clip.url) : undefined), [clip]);
  // The timer, and the automatic stop at the longest allowed recording.
  useEffect(() => {
    if (!recording) return;
    const timer = setInterval(() => {
      const seconds = (Date.now() - recording.started) / 1000;
      setElapsed(seconds);
      if (seconds >= MAX_RECORDING_SECONDS) void stop();
    }, 250);
    return () => clearInterval(timer);
  });
  // Leaving the screen mid-recording releases the microphone.
  const live = useRef(recording);
  live.current = recording;
  useEffect(() => () => live.current?.rec.cancel(), []);

  const use = (blob: Blob, name: string, seconds: number | null) => {
    const problem = audioProblem({ size: blob.size, type: blob.type, name }, maxBytes);
    if (problem) {
      setError(
        problem === 'size'
          ? t('util.tooLarge', { size: formatSize(blob.size), max: formatSize(maxBytes) })
          : problem === 'empty'
            ? t('util.empty')
            : t('util.speech.wrongType'),
      );
      return;
    }
    setResult(null);
    setClip({ blob, name, url: URL.createObjectURL(blob), seconds });
  };

  const start = async () => {
    setError(null);
    setClip(null);
    const started = await startRecording();
    if (!started.ok) {
      setError(t(started.error === 'denied' ? 'util.speech.denied' : 'util.speech.unavailable'));
      return;
    }
    setElapsed(0);
    setRecording({ rec: started.recording, started: Date.now() });
  };

  async function stop() {
    const current = recording;
    if (!current) return;
    setRecording(null);
    const blob = await current.rec.stop();
    use(blob, `ghi-am.${extensionFor(blob.type)}`, (Date.now() - current.started) / 1000);
  }

  const send = async () => {
    if (!clip) return;
    setError(null);
    setResult(null);
    setProgress({ sent: 0, total: clip.blob.size });
    const answer = await utilitiesClient.speech(
      clip.blob,
      clip.name,
      language || null,
      setProgress,
    );
    setProgress(null);
    if (answer.ok) setResult(answer.data);
    else if (isNotConfigured(answer.error)) onNotConfigured();
    else setError(answer.error.message);
  };

  const disabled = !available || busy;
  return (
    <div className="util-panel" data-testid="util-speech">
      {available ? null : <NotConfigured />}
      <p className="util-hint">
        {t('util.speech.hint', {
          minutes: MAX_RECORDING_SECONDS / 60,
          max: formatSize(maxBytes),
        })}
      </p>
      <label className="rp-field">
        <span className="rp-field__label">{t('util.speech.language')}</span>
        <select
          className="rp-input"
          value={language}
          disabled={disabled || recording !== null}
          onChange={(e) => setLanguage(e.target.value as LanguageCode | '')}
          data-testid="util-speech-language"
        >
          {LANGUAGE_CODES.map((code) => (
            <option key={code} value={code}>
              {t(`util.lang.${code}`)}
            </option>
          ))}
          <option value="">{t('util.translate.auto')}</option>
        </select>
      </label>
      {recording ? (
        <div className="util-recording" role="status">
          <span className="util-recording__dot" aria-hidden="true" />
          <span>
            {t('util.speech.recording')} <strong>{clock(elapsed)}</strong> /{' '}
            {clock(MAX_RECORDING_SECONDS)}
          </span>
          <Button size="small" variant="secondary" onClick={() => void stop()}>
            <span className="util-inline">
              <span className="util-stop" aria-hidden="true" />
              {t('util.speech.stop')}
            </span>
          </Button>
        </div>
      ) : (
        <div className="util-actions util-actions--stack">
          {recorder ? (
            <Button variant="secondary" disabled={disabled} onClick={() => void start()}>
              <span className="util-inline">
                <AppIcon icon="zi-mic" size={20} />
                {clip ? t('util.speech.discard') : t('util.speech.record')}
              </span>
            </Button>
          ) : null}
          <Button
            variant="secondary"
            disabled={disabled}
            onClick={() => fileInput.current?.click()}
            data-testid="util-speech-pick"
          >
            {t('util.speech.pick')}
          </Button>
          <input
            ref={fileInput}
            type="file"
            accept="audio/*"
            hidden
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              setError(null);
              if (file) use(file, file.name, null);
            }}
          />
        </div>
      )}
      {clip ? (
        <div className="util-clip">
          <span>
            {t('util.speech.recorded', {
              duration: clip.seconds !== null ? clock(clip.seconds) : clip.name,
            })}
          </span>
          {/* biome-ignore lint/a11y/useMediaCaption: the person's own recording, to listen back */}
          <audio controls src={clip.url} preload="metadata" />
        </div>
      ) : null}
      <ErrorNotice error={error} />
      <UploadBar progress={progress} />
      <Button
        fullWidth
        disabled={disabled || !clip || recording !== null}
        loading={busy}
        onClick={() => void send()}
        data-testid="util-speech-send"
      >
        {t('util.speech.send')}
      </Button>
      {result ? (
        result.text ? (
          <ResultBox text={result.text} />
        ) : (
          <p className="rp-notice rp-notice--info">{t('util.speech.noText')}</p>
        )
      ) : null}
    </div>
  );
}
