// The real format of an uploaded recording, from its first bytes, whatever its name or
// declared type says. These are what phones record: the mini app's MediaRecorder gives
// WebM/Opus in Android's WebView and MP4/AAC (.m4a) in iOS's; a picked file may also be MP3,
// WAV, Ogg, FLAC or raw AAC (ADTS). Whisper decodes all of them. Fixed signatures, so a small
// table (like media/sniff.ts for photos) rather than a library.

export type AudioFormat = 'webm' | 'ogg' | 'mp4' | 'mp3' | 'aac' | 'wav' | 'flac';

export const AUDIO_MIME: Record<AudioFormat, string> = {
  webm: 'audio/webm',
  ogg: 'audio/ogg',
  mp4: 'audio/mp4',
  mp3: 'audio/mpeg',
  aac: 'audio/aac',
  wav: 'audio/wav',
  flac: 'audio/flac',
};

/** Bytes needed to decide (an ID3v2 header is 10 bytes; ftyp brands sit in the first 32). */
export const AUDIO_SNIFF_BYTES = 64;

const ascii = (b: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...b.subarray(from, Math.min(to, b.length)));

// HEIF still images also use ftyp boxes: a photo renamed .m4a is not a recording.
const IMAGE_BRANDS = new Set([
  'heic',
  'heix',
  'hevc',
  'hevx',
  'heim',
  'heis',
  'mif1',
  'msf1',
  'avif',
]);

export function sniffAudio(bytes: Uint8Array): AudioFormat | null {
  if (bytes.length < 4) return null;
  // EBML header (Matroska/WebM): Chrome's MediaRecorder writes audio/webm;codecs=opus.
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) {
    return 'webm';
  }
  const head = ascii(bytes, 0, 4);
  if (head === 'OggS') return 'ogg';
  if (head === 'fLaC') return 'flac';
  if (head === 'RIFF' && bytes.length >= 12 && ascii(bytes, 8, 12) === 'WAVE') return 'wav';
  if (bytes.length >= 12 && ascii(bytes, 4, 8) === 'ftyp') {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const end = Math.min(bytes.length, Math.max(16, view.getUint32(0)));
    const brands = [ascii(bytes, 8, 12)];
    for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(bytes, at, at + 4));
    return brands.some((b) => IMAGE_BRANDS.has(b)) ? null : 'mp4';
  }
  if (head.startsWith('ID3')) return 'mp3';
  // Frame sync: 11 set bits. Layer bits 00 mean ADTS (AAC); 01–11 MPEG audio layers III–I.
  // (A JPEG's FF D8 fails the sync test.)
  const b1 = bytes[1] ?? 0;
  if (bytes[0] === 0xff && (b1 & 0xe0) === 0xe0) {
    const layer = (b1 >> 1) & 0x03;
    if (layer === 0) return (b1 & 0xf6) === 0xf0 ? 'aac' : null;
    return 'mp3';
  }
  return null;
}
