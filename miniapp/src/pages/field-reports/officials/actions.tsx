import { useRef, useState } from 'react';
import { Button } from 'zmp-ui';
import { AppIcon } from '../../../components/app-icon';
import { useLanguage, useT } from '../../../i18n/use-t';
import type { ApiError } from '../../../services/api';
import { alreadyDone, MIN_TEXT, textProblem } from '../../../services/officials/actions';
import { type ResultPhoto, uploadResultPhotos } from '../../../services/officials/result-photos';
import {
  APP_ACTIONS,
  type AppAction,
  type WorkDetail,
  workClient,
} from '../../../services/officials/work';
import { reportsTransport } from '../../../services/reports/client';
import { compressPhoto } from '../../../services/reports/compress';
import { formatBytes } from '../../../services/reports/format';
import { loadReportConfig } from '../../../services/reports/runtime';
import { chooseImage, getDeviceId, readPickedFile, showToast } from '../../../services/zalo';
import { newSubmissionId } from '../../../state/reports';
import { ProgressBar } from '../components/progress-bar';
import { Notice } from '../components/states';
import { useReportConfig } from '../data';

const BUTTON_KEYS = {
  accept: 'officials.action.accept',
  start: 'officials.action.start',
  update: 'officials.action.update',
  resolve: 'officials.action.resolve',
  return: 'officials.action.return',
} as const satisfies Record<AppAction, string>;

const DONE_KEYS = {
  accept: 'officials.done.accept',
  start: 'officials.done.start',
  update: 'officials.done.update',
  resolve: 'officials.done.resolve',
  return: 'officials.done.return',
} as const satisfies Record<AppAction, string>;

/** Actions that need words (and photos) first open a form; the others run on the tap. */
const NEEDS_FORM: ReadonlySet<AppAction> = new Set(['update', 'resolve', 'return']);

type Progress = Record<string, { sent: number; total: number }>;

/**
 * The buttons of what this official may do now (the server's `allowedActions`), and the
 * form of the one chosen. Whatever fails keeps the form as it is, with the reason; "Thử
 * lại" sends the same update (same clientKey) and resumes the same uploads.
 */
export function ActionsCard({
  code,
  allowedActions,
  onChanged,
}: {
  code: string;
  allowedActions: WorkDetail['allowedActions'];
  onChanged: () => void;
}) {
  const t = useT();
  const [language] = useLanguage();
  const { limits } = useReportConfig();
  const allowed = APP_ACTIONS.filter((a) => allowedActions.includes(a));
  const [open, setOpen] = useState<AppAction>();
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<ResultPhoto[]>([]);
  const [progress, setProgress] = useState<Progress>({});
  const [busy, setBusy] = useState<AppAction>();
  const [problem, setProblem] = useState<string>();
  // One key per update being written: a retry after a lost answer is recognised by the server.
  const clientKey = useRef(newSubmissionId());

  if (allowed.length === 0) return null;

  const choose = (action: AppAction) => {
    setProblem(undefined);
    if (NEEDS_FORM.has(action)) {
      if (open !== action) setText('');
      setOpen(open === action ? undefined : action);
      return;
    }
    void run(action);
  };

  const finish = (action: AppAction) => {
    void showToast(t(DONE_KEYS[action]));
    setOpen(undefined);
    setText('');
    for (const photo of photos) URL.revokeObjectURL(photo.previewUrl);
    setPhotos([]);
    setProgress({});
    clientKey.current = newSubmissionId();
    onChanged();
  };

  const failed = (action: AppAction, error: ApiError) => {
    if (alreadyDone(action, error)) {
      finish(action);
      return;
    }
    if (error.code === 'media_unavailable') {
      // Expired or swept since they were uploaded: the next try uploads them afresh.
      setPhotos((list) => list.map(({ upload: _gone, ...p }) => p));
      setProgress({});
    }
    setProblem(error.message);
    // The report moved on (a colleague acted first): show its state and the buttons now.
    if (error.code === 'illegal_transition') onChanged();
  };

  async function uploadPhotos(deviceId: string): Promise<string[] | null> {
    const config = await loadReportConfig();
    const transport = reportsTransport.uploads(deviceId);
    const outcome = await uploadResultPhotos(photos, transport, {
      chunkSize: config?.limits.chunkSize,
      onRecord: (localId, record) =>
        setPhotos((list) =>
          list.map((p) => (p.localId === localId ? { ...p, upload: record } : p)),
        ),
      onProgress: (localId, sent, total) =>
        setProgress((p) => ({ ...p, [localId]: { sent, total } })),
    });
    if (outcome.ok) return outcome.mediaIds;
    setProblem(outcome.retryable ? t('officials.resolve.uploadFailed') : outcome.error.message);
    return null;
  }

  async function run(action: AppAction) {
    if (busy) return;
    const words = text.trim();
    if (NEEDS_FORM.has(action)) {
      const tooShort = textProblem(action, words);
      if (tooShort) {
        setProblem(t(tooShort, { min: MIN_TEXT }));
        return;
      }
    }
    setBusy(action);
    setProblem(undefined);
    try {
      let result: Awaited<ReturnType<typeof workClient.accept>>;
      switch (action) {
        case 'accept':
          result = await workClient.accept(code);
          break;
        case 'start':
          result = await workClient.start(code);
          break;
        case 'update':
          result = await workClient.update(code, words, clientKey.current);
          break;
        case 'return':
          result = await workClient.returnToIoc(code, words);
          break;
        case 'resolve': {
          // The server checks that the photos were uploaded from this same device id.
          const deviceId = await getDeviceId();
          const mediaIds = await uploadPhotos(deviceId);
          if (!mediaIds) return;
          result = await workClient.resolve(code, words, mediaIds, deviceId);
          break;
        }
      }
      if (result.ok) finish(action);
      else failed(action, result.error);
    } finally {
      setBusy(undefined);
    }
  }

  const addPhotos = async () => {
    setProblem(undefined);
    const room = limits.maxPhotos - photos.length;
    if (room <= 0) {
      setProblem(t('reports.media.tooManyPhotos', { max: limits.maxPhotos }));
      return;
    }
    const picked = await chooseImage({ count: room, source: 'both' });
    if (!picked.ok) {
      if (picked.error.code !== 'cancelled') setProblem(picked.error.message);
      return;
    }
    for (const [index, file] of picked.value.slice(0, room).entries()) {
      const name = file.file?.name ?? `ket-qua-${index + 1}.jpg`;
      const read = await readPickedFile(file);
      if (!read.ok) {
        setProblem(read.error.message);
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
      setPhotos((list) => [
        ...list,
        {
          localId: newSubmissionId(),
          blob: photo.blob,
          mime: photo.mime,
          name: photo.name,
          previewUrl: URL.createObjectURL(photo.blob),
        },
      ]);
    }
  };

  const removePhoto = (localId: string) =>
    setPhotos((list) =>
      list.filter((p) => {
        if (p.localId === localId) URL.revokeObjectURL(p.previewUrl);
        return p.localId !== localId;
      }),
    );

  return (
    <section className="rp-section card of-actions" aria-labelledby="of-actions-title">
      <h2 id="of-actions-title" className="rp-section__title">
        <AppIcon icon="zi-edit" size={22} />
        {t('officials.actions.title')}
      </h2>
      <div className="of-actions__buttons">
        {allowed.map((action) => (
          <Button
            key={action}
            size="medium"
            variant={action === 'resolve' || action === 'accept' ? 'primary' : 'secondary'}
            type={action === 'return' ? 'danger' : undefined}
            loading={busy === action && !NEEDS_FORM.has(action)}
            disabled={busy !== undefined}
            onClick={() => choose(action)}
            data-action={action}
            aria-expanded={NEEDS_FORM.has(action) ? open === action : undefined}
          >
            {t(BUTTON_KEYS[action])}
          </Button>
        ))}
      </div>

      {open ? (
        <div className="of-form" data-form={open}>
          <label className="rp-field">
            <span className="rp-field__label">
              {t(
                open === 'update'
                  ? 'officials.update.label'
                  : open === 'resolve'
                    ? 'officials.resolve.label'
                    : 'officials.return.label',
              )}
            </span>
            <textarea
              className="rp-input rp-textarea rp-textarea--short"
              value={text}
              maxLength={2000}
              rows={4}
              placeholder={t(
                open === 'update'
                  ? 'officials.update.placeholder'
                  : open === 'resolve'
                    ? 'officials.resolve.placeholder'
                    : 'officials.return.placeholder',
              )}
              onChange={(e) => setText(e.target.value)}
            />
          </label>
          {open !== 'return' ? (
            <p className="wizard-hint">{t('officials.publicHint')}</p>
          ) : (
            <p className="wizard-hint">{t('officials.return.hint')}</p>
          )}

          {open === 'resolve' ? (
            <div className="of-photos">
              <p className="rp-field__label">{t('officials.resolve.photos')}</p>
              {photos.length > 0 ? (
                <ul className="of-photos__list">
                  {photos.map((photo) => {
                    const p = progress[photo.localId];
                    const done = photo.upload?.complete === true;
                    return (
                      <li key={photo.localId} className="of-photo">
                        <img src={photo.previewUrl} alt="" />
                        <div className="of-photo__side">
                          <span className="of-photo__size">
                            {formatBytes(photo.blob.size, language)}
                          </span>
                          {p || done ? (
                            <ProgressBar
                              value={done ? 1 : (p?.sent ?? 0)}
                              max={done ? 1 : (p?.total ?? 1)}
                              label={t('officials.resolve.uploading')}
                            />
                          ) : (
                            <button
                              type="button"
                              className="of-photo__remove"
                              onClick={() => removePhoto(photo.localId)}
                              disabled={busy !== undefined}
                            >
                              <AppIcon icon="zi-delete" size={18} />
                              {t('common.delete')}
                            </button>
                          )}
                        </div>
                      </li>
                    );
                  })}
                </ul>
              ) : null}
              {photos.length < limits.maxPhotos ? (
                <Button
                  size="medium"
                  variant="tertiary"
                  disabled={busy !== undefined}
                  onClick={() => void addPhotos()}
                  data-testid="add-result-photo"
                >
                  <span className="of-add-photo">
                    <AppIcon icon="zi-add-photo" size={22} />
                    {t('officials.resolve.addPhoto')}
                  </span>
                </Button>
              ) : null}
            </div>
          ) : null}

          {problem ? <Notice tone="error">{problem}</Notice> : null}
          <Button
            fullWidth
            loading={busy === open}
            disabled={busy !== undefined}
            onClick={() => void run(open)}
            data-testid="action-submit"
          >
            {t(
              open === 'update'
                ? 'officials.update.submit'
                : open === 'resolve'
                  ? 'officials.resolve.submit'
                  : 'officials.return.submit',
            )}
          </Button>
        </div>
      ) : problem ? (
        <Notice tone="error">{problem}</Notice>
      ) : null}
    </section>
  );
}
