/**
 * Shrinks a photo on the phone before it goes over 3G: a 12-megapixel, 4 MB camera
 * picture becomes a 1600 px JPEG of a few hundred KB, which still shows a pothole or a
 * blocked drain clearly. The compressor is loaded on first use, so screens that never
 * attach a photo never download it.
 */

export const PHOTO_MAX_EDGE = 1600;
export const PHOTO_QUALITY = 0.8;
/** Target size; the compressor lowers the quality step by step until it fits. */
export const PHOTO_TARGET_MB = 1;

export type CompressedPhoto = { blob: Blob; mime: string; name: string; compressed: boolean };

function jpegName(name: string): string {
  const base = name.replace(/\.[^.]*$/, '') || 'anh';
  return `${base}.jpg`;
}

/**
 * Never fails: a photo the WebView cannot decode (HEIC outside Safari, a broken file) is
 * sent as it is, and the server, which checks the real type from the bytes, decides.
 */
export async function compressPhoto(input: Blob, name: string): Promise<CompressedPhoto> {
  const original: CompressedPhoto = {
    blob: input,
    mime: input.type || 'application/octet-stream',
    name,
    compressed: false,
  };
  try {
    const { default: imageCompression } = await import('browser-image-compression');
    const file =
      input instanceof File ? input : new File([input], name, { type: input.type || 'image/jpeg' });
    const output = await imageCompression(file, {
      maxWidthOrHeight: PHOTO_MAX_EDGE,
      initialQuality: PHOTO_QUALITY,
      maxSizeMB: PHOTO_TARGET_MB,
      fileType: 'image/jpeg',
      // Its worker script comes from a CDN: offline (and on a weak network) it would hang
      // or fail, so compress on the page instead; 1600 px takes well under a second.
      useWebWorker: false,
    });
    if (!output || output.size === 0 || output.size >= input.size) return original;
    return { blob: output, mime: 'image/jpeg', name: jpegName(name), compressed: true };
  } catch {
    return original;
  }
}
