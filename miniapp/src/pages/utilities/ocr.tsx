import { useEffect, useState } from 'react';
import { Button } from 'zmp-ui';
import { AppIcon } from '../../components/app-icon';
import { useT } from '../../i18n/use-t';
import { compressPhoto } from '../../services/reports/compress';
import { formatSize, imageProblem } from '../../services/utilities/checks';
import { utilitiesClient } from '../../services/utilities/client';
import type { OcrResult, UploadProgress } from '../../services/utilities/types';
import { chooseImage, type ImageSource, readPickedFile } from '../../services/zalo';
import { ErrorNotice, isNotConfigured, NotConfigured, ResultBox, UploadBar } from './parts';

type Photo = { blob: Blob; name: string; url: string };

/** Ảnh thành chữ: take or pick a photo, see it, send it, read and copy its text. */
export function OcrPanel({
  available,
  maxBytes,
  onNotConfigured,
}: {
  available: boolean;
  maxBytes: number;
  onNotConfigured: () => void;
}) {
  const t = useT();
  const [photo, setPhoto] = useState<Photo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [result, setResult] = useState<OcrResult | null>(null);
  const busy = progress !== null;

  useEffect(() => () => (photo ? URL.revokeObjectURL(photo.url) : undefined), [photo]);

  const pick = async (source: ImageSource) => {
    setError(null);
    const picked = await chooseImage({ source });
    if (!picked.ok) {
      if (picked.error.code !== 'cancelled') setError(picked.error.message);
      return;
    }
    const first = picked.value[0];
    if (!first) return;
    const read = await readPickedFile(first);
    if (!read.ok) {
      setError(read.error.message);
      return;
    }
    const name = first.file?.name || 'anh.jpg';
    // A wrong file is refused before anything else; a photo is shrunk before the size check
    // (a 12-megapixel camera picture becomes a few hundred KB, and reads just as well).
    const facts = { size: read.value.size, type: read.value.type, name };
    if (imageProblem(facts, Number.POSITIVE_INFINITY) === 'type') {
      setError(t('util.ocr.wrongType'));
      return;
    }
    const compressed = await compressPhoto(read.value, name);
    const problem = imageProblem(
      { size: compressed.blob.size, type: compressed.blob.type, name: compressed.name },
      maxBytes,
    );
    if (problem) {
      setError(
        problem === 'size'
          ? t('util.tooLarge', {
              size: formatSize(compressed.blob.size),
              max: formatSize(maxBytes),
            })
          : problem === 'empty'
            ? t('util.empty')
            : t('util.ocr.wrongType'),
      );
      return;
    }
    setResult(null);
    setPhoto({
      blob: compressed.blob,
      name: compressed.name,
      url: URL.createObjectURL(compressed.blob),
    });
  };

  const send = async () => {
    if (!photo) return;
    setError(null);
    setResult(null);
    setProgress({ sent: 0, total: photo.blob.size });
    const answer = await utilitiesClient.ocr(photo.blob, photo.name, setProgress);
    setProgress(null);
    if (answer.ok) setResult(answer.data);
    else if (isNotConfigured(answer.error)) onNotConfigured();
    else setError(answer.error.message);
  };

  const disabled = !available || busy;
  return (
    <div className="util-panel" data-testid="util-ocr">
      {available ? null : <NotConfigured />}
      <p className="util-hint">{t('util.ocr.hint', { max: formatSize(maxBytes) })}</p>
      <div className="util-actions">
        <Button variant="secondary" disabled={disabled} onClick={() => void pick('camera')}>
          <span className="util-inline">
            <AppIcon icon="zi-camera" size={20} />
            {t('util.ocr.take')}
          </span>
        </Button>
        <Button
          variant="secondary"
          disabled={disabled}
          onClick={() => void pick('album')}
          data-testid="util-ocr-pick"
        >
          <span className="util-inline">
            <AppIcon icon="zi-add-photo" size={20} />
            {t('util.ocr.pick')}
          </span>
        </Button>
      </div>
      {photo ? (
        <figure className="util-photo">
          <img src={photo.url} alt={t('util.ocr.photo')} />
        </figure>
      ) : null}
      <ErrorNotice error={error} />
      <UploadBar progress={progress} />
      <Button
        fullWidth
        disabled={disabled || !photo}
        loading={busy}
        onClick={() => void send()}
        data-testid="util-ocr-send"
      >
        {t('util.ocr.send')}
      </Button>
      {result ? (
        result.found ? (
          <ResultBox text={result.text} />
        ) : (
          <p className="rp-notice rp-notice--info">{t('util.ocr.noText')}</p>
        )
      ) : null}
    </div>
  );
}
