import { useState } from 'react';
import { useRecoilState } from 'recoil';
import { AppIcon } from '../../../components/app-icon';
import { useLanguage, useT } from '../../../i18n/use-t';
import { compressPhoto } from '../../../services/reports/compress';
import { formatBytes } from '../../../services/reports/format';
import { chooseImage, chooseVideo, readPickedFile } from '../../../services/zalo';
import { newSubmissionId, type WizardMedia, wizardState } from '../../../state/reports';
import { Notice } from '../components/states';
import { useReportConfig } from '../data';

/** Zalo temp files may come without a type; the server sniffs the bytes anyway. */
function looksLike(blob: Blob, kind: 'image' | 'video'): boolean {
  return blob.type === '' || blob.type.startsWith(`${kind}/`);
}

function fileName(src: string, fallback: string): string {
  const last = src.split(/[/?#]/).filter(Boolean).pop();
  return last && /\.\w{2,5}$/.test(last) ? last : fallback;
}

/**
 * Photos (camera or album) and one video. Photos are shrunk on the phone as they are
 * added; the limits from the API are stated up front so nobody spends data on a file
 * that will be refused.
 */
export function StepMedia() {
  const t = useT();
  const [language] = useLanguage();
  const { limits } = useReportConfig();
  const [wizard, setWizard] = useRecoilState(wizardState);
  const [processing, setProcessing] = useState(0);
  const [problem, setProblem] = useState<string>();

  const photos = wizard.media.filter((m) => m.kind === 'photo');
  const videos = wizard.media.filter((m) => m.kind === 'video');
  const photoRoom = limits.maxPhotos - photos.length - processing;

  const add = (item: WizardMedia) => setWizard((w) => ({ ...w, media: [...w.media, item] }));

  const addPhotos = async (source: 'camera' | 'album') => {
    setProblem(undefined);
    if (photoRoom <= 0) {
      setProblem(t('reports.media.tooManyPhotos', { max: limits.maxPhotos }));
      return;
    }
    const picked = await chooseImage({ count: photoRoom, source });
    if (!picked.ok) {
      if (picked.error.code !== 'cancelled') setProblem(picked.error.message);
      return;
    }
    const files = picked.value.slice(0, photoRoom);
    setProcessing((n) => n + files.length);
    for (const [index, file] of files.entries()) {
      try {
        const name = file.file?.name ?? fileName(file.src, `anh-${index + 1}.jpg`);
        const read = await readPickedFile(file);
        if (!read.ok) {
          setProblem(read.error.message);
          continue;
        }
        if (!looksLike(read.value, 'image')) {
          setProblem(t('reports.media.notImage', { name }));
          continue;
        }
        const photo = await compressPhoto(read.value, name);
        if (photo.blob.size > limits.maxPhotoBytes) {
          setProblem(
            t('reports.media.photoTooLarge', {
              name,
              max: formatBytes(limits.maxPhotoBytes, language),
            }),
          );
          continue;
        }
        add({
          localId: newSubmissionId(),
          kind: 'photo',
          blob: photo.blob,
          mime: photo.mime,
          name: photo.name,
          previewUrl: URL.createObjectURL(photo.blob),
        });
      } finally {
        setProcessing((n) => n - 1);
      }
    }
  };

  const addVideo = async () => {
    setProblem(undefined);
    const picked = await chooseVideo({ maxBytes: limits.maxVideoBytes });
    if (!picked.ok) {
      if (picked.error.code !== 'cancelled') setProblem(picked.error.message);
      return;
    }
    const read = await readPickedFile(picked.value);
    if (!read.ok) {
      setProblem(read.error.message);
      return;
    }
    if (!looksLike(read.value, 'video')) {
      setProblem(t('reports.media.notVideo'));
      return;
    }
    if (read.value.size > limits.maxVideoBytes) {
      setProblem(
        t('reports.media.videoTooLarge', { max: formatBytes(limits.maxVideoBytes, language) }),
      );
      return;
    }
    add({
      localId: newSubmissionId(),
      kind: 'video',
      blob: read.value,
      mime: read.value.type || 'video/mp4',
      name: picked.value.file?.name ?? fileName(picked.value.src, 'video.mp4'),
      previewUrl: URL.createObjectURL(read.value),
    });
  };

  const remove = (item: WizardMedia) => {
    URL.revokeObjectURL(item.previewUrl);
    setWizard((w) => ({ ...w, media: w.media.filter((m) => m.localId !== item.localId) }));
  };

  return (
    <section className="wizard-fieldset">
      <h2 className="wizard-question">{t('reports.media.title')}</h2>
      <p className="wizard-hint">{t('reports.media.hint')}</p>
      <Notice tone="info">
        {t('reports.media.limits', {
          photos: limits.maxPhotos,
          photoSize: formatBytes(limits.maxPhotoBytes, language),
          videos: limits.maxVideos,
          videoSize: formatBytes(limits.maxVideoBytes, language),
        })}
      </Notice>

      <div className="media-actions">
        <button
          type="button"
          className="media-action"
          disabled={photoRoom <= 0}
          onClick={() => void addPhotos('camera')}
        >
          <AppIcon icon="zi-camera" size={28} />
          <span>{t('reports.media.takePhoto')}</span>
        </button>
        <button
          type="button"
          className="media-action"
          data-testid="add-photo"
          disabled={photoRoom <= 0}
          onClick={() => void addPhotos('album')}
        >
          <AppIcon icon="zi-add-photo" size={28} />
          <span>{t('reports.media.addPhoto')}</span>
        </button>
        <button
          type="button"
          className="media-action"
          disabled={videos.length >= limits.maxVideos}
          onClick={() => void addVideo()}
        >
          <AppIcon icon="zi-video" size={28} />
          <span>{t('reports.media.addVideo')}</span>
        </button>
      </div>

      <p className="media-count" aria-live="polite">
        {t('reports.media.count', {
          photos: photos.length,
          maxPhotos: limits.maxPhotos,
          videos: videos.length,
          maxVideos: limits.maxVideos,
        })}
      </p>

      {problem ? <Notice tone="error">{problem}</Notice> : null}

      {wizard.media.length === 0 && processing === 0 ? (
        <p className="wizard-hint">{t('reports.media.none')}</p>
      ) : (
        <ul className="media-grid">
          {wizard.media.map((item) => (
            <li key={item.localId} className="media-thumb">
              {item.kind === 'photo' ? (
                <img src={item.previewUrl} alt={item.name} />
              ) : (
                <span className="media-thumb__video">
                  <AppIcon icon="zi-video" size={32} />
                  <span>{t('reports.media.video')}</span>
                  <span>{formatBytes(item.blob.size, language)}</span>
                </span>
              )}
              <button
                type="button"
                className="media-thumb__remove"
                aria-label={`${t('reports.media.remove')}: ${item.name}`}
                onClick={() => remove(item)}
              >
                <AppIcon icon="zi-close" size={20} />
              </button>
            </li>
          ))}
          {Array.from({ length: processing }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: placeholders while compressing
            <li key={`p${i}`} className="media-thumb media-thumb--processing" role="status">
              <span className="spinner-dot" />
              <span>{t('reports.media.processing')}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
