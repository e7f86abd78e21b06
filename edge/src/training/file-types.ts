import { sniff } from '../media/sniff';
import { looksLikePdf } from '../platform/files';

// What a training material really is, from its bytes: PDF, the Office formats trainers use
// (Word, Excel, PowerPoint: ZIP packages told apart by the folders inside), PNG or JPEG. The
// name or type the browser declared is never trusted: it only names the download.

export const MATERIAL_TYPES = {
  pdf: { mime: 'application/pdf', extensions: ['.pdf'] },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['.docx'],
  },
  xlsx: {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['.xlsx'],
  },
  pptx: {
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extensions: ['.pptx'],
  },
  png: { mime: 'image/png', extensions: ['.png'] },
  jpeg: { mime: 'image/jpeg', extensions: ['.jpg', '.jpeg'] },
} as const;

export type MaterialKind = keyof typeof MATERIAL_TYPES;

/** Opened in the browser or the mini app's viewer; Office files are downloaded. */
export const INLINE_TYPES: ReadonlySet<string> = new Set([
  MATERIAL_TYPES.pdf.mime,
  MATERIAL_TYPES.png.mime,
  MATERIAL_TYPES.jpeg.mime,
]);

export function detectMaterialKind(bytes: Uint8Array): MaterialKind | null {
  const image = sniff(bytes);
  if (image?.format === 'jpeg' || image?.format === 'png') return image.format;
  if (looksLikePdf(bytes)) return 'pdf';
  return officeKind(bytes);
}

const u16 = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, at: number) => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** The end record is 22 bytes plus a comment of at most 65 535. */
const MAX_EOCD_SEARCH = 22 + 0xffff;
const MAX_ENTRIES = 10_000;

/**
 * An Office Open XML package: a ZIP whose central directory lists `[Content_Types].xml` and
 * the part folder of Word (`word/`), Excel (`xl/`) or PowerPoint (`ppt/`). Reading the
 * directory (at the end of the file) rather than the first entry copes with packages whose
 * writers order entries differently. Null for any other ZIP, or a damaged one.
 */
function officeKind(b: Uint8Array): 'docx' | 'xlsx' | 'pptx' | null {
  if (b.length < 30 || u32(b, 0) !== LOCAL_HEADER) return null;
  let eocd = -1;
  for (let at = b.length - 22; at >= Math.max(0, b.length - MAX_EOCD_SEARCH); at--) {
    if (u32(b, at) === END_OF_CENTRAL_DIRECTORY) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = Math.min(u16(b, eocd + 10), MAX_ENTRIES);
  let at = u32(b, eocd + 16);
  const decoder = new TextDecoder();
  let contentTypes = false;
  const folders = new Set<string>();
  for (let i = 0; i < entries; i++) {
    if (at + 46 > b.length || u32(b, at) !== CENTRAL_HEADER) return null;
    const nameLength = u16(b, at + 28);
    const name = decoder.decode(b.subarray(at + 46, at + 46 + nameLength));
    if (name === '[Content_Types].xml') contentTypes = true;
    folders.add(name.split('/')[0] ?? '');
    at += 46 + nameLength + u16(b, at + 30) + u16(b, at + 32);
  }
  if (!contentTypes) return null;
  if (folders.has('word')) return 'docx';
  if (folders.has('xl')) return 'xlsx';
  if (folders.has('ppt')) return 'pptx';
  return null;
}

/**
 * The file name a download carries: the uploaded name without any folder, control
 * characters or excess length, ending with an extension of its real type (added when the
 * name has none or another one), or the title when no name came.
 */
export function materialFileName(declared: string | null, title: string, kind: MaterialKind) {
  const base = (declared ?? '')
    .split(/[/\\]/)
    .pop()
    ?.replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const name = (base || title.replace(/[/\\]+/g, ' ').trim() || 'tai-lieu').slice(0, 180);
  const { extensions } = MATERIAL_TYPES[kind];
  const lower = name.toLowerCase();
  return extensions.some((ext) => lower.endsWith(ext)) ? name : `${name}${extensions[0]}`;
}
