/**
 * Checks made on the phone before anything is uploaded, so a wrong or oversized file is
 * refused at once instead of after a slow upload. The server checks the real bytes again
 * (a renamed file passes here and is refused there).
 */

export type FileProblem = 'type' | 'size' | 'empty';

const IMAGE_EXTENSIONS = /\.(jpe?g|png|webp|heic|heif)$/i;
const AUDIO_EXTENSIONS = /\.(webm|ogg|oga|opus|m4a|mp4|aac|mp3|wav|flac)$/i;

/** What is known of a picked file: its size, declared type and name. */
export type FileFacts = { size: number; type: string; name?: string };

const extensionOf = (file: FileFacts) => file.name ?? '';

export function imageProblem(file: FileFacts, maxBytes: number): FileProblem | null {
  if (file.size === 0) return 'empty';
  const type = file.type.toLowerCase();
  const looksRight = type ? type.startsWith('image/') : IMAGE_EXTENSIONS.test(extensionOf(file));
  if (!looksRight || type === 'image/gif' || type === 'image/svg+xml') return 'type';
  return file.size > maxBytes ? 'size' : null;
}

export function audioProblem(file: FileFacts, maxBytes: number): FileProblem | null {
  if (file.size === 0) return 'empty';
  const type = file.type.toLowerCase();
  // Some pickers label an .m4a or a WebM recording as video.
  const looksRight = type
    ? type.startsWith('audio/') || type === 'video/mp4' || type === 'video/webm'
    : AUDIO_EXTENSIONS.test(extensionOf(file));
  if (!looksRight) return 'type';
  return file.size > maxBytes ? 'size' : null;
}

/** "4,8 MB", or "20 KB" below a megabyte (a limit must never read "0 MB"). */
export const formatSize = (bytes: number) =>
  bytes < 1_000_000
    ? `${Math.max(1, Math.round(bytes / 1000)).toLocaleString('vi-VN')} KB`
    : `${(bytes / 1_000_000).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
