import { describe, expect, it } from 'vitest';
import { normaliseVietnamesePhone } from '../reports/phone';
import { sniff } from './sniff';
import { stripJpeg, stripWebp } from './strip';

const text = (s: string) => Array.from(new TextEncoder().encode(s));
const le32 = (n: number) => [n & 255, (n >> 8) & 255, (n >> 16) & 255, (n >>> 24) & 255];
const riffChunk = (type: string, data: number[]) => [
  ...text(type),
  ...le32(data.length),
  ...data,
  ...(data.length & 1 ? [0] : []),
];

function webp(): Uint8Array {
  // VP8X with ICC|EXIF|XMP flags, canvas 640×480, then VP8L data, EXIF and XMP chunks.
  const vp8x = [
    0x20 | 0x08 | 0x04,
    0,
    0,
    0,
    ...[639 & 255, 639 >> 8, 0],
    ...[479 & 255, 479 >> 8, 0],
  ];
  const body = [
    ...riffChunk('VP8X', vp8x),
    ...riffChunk('VP8L', [0x2f, 1, 2, 3, 4]),
    ...riffChunk('EXIF', text('MM\0*GPS Nguyen')),
    ...riffChunk('XMP ', text('<x:xmpmeta/>')),
  ];
  return new Uint8Array([...text('RIFF'), ...le32(4 + body.length), ...text('WEBP'), ...body]);
}

describe('stripWebp', () => {
  it('drops EXIF and XMP, clears their VP8X flags and fixes the RIFF size', () => {
    const out = stripWebp(webp());
    expect(out.removed).toEqual(['EXIF', 'XMP']);
    expect(out).toMatchObject({ width: 640, height: 480 });
    const bytes = out.bytes;
    const view = new DataView(bytes.buffer);
    expect(view.getUint32(4, true)).toBe(bytes.length - 8);
    expect(bytes[20]).toBe(0x20); // only the ICC flag is left
    expect(new TextDecoder().decode(bytes)).not.toMatch(/Nguyen|xmpmeta/);
    expect(sniff(bytes)?.mime).toBe('image/webp');
  });
});

describe('stripJpeg', () => {
  it('refuses bytes that are not a well-formed JPEG', () => {
    expect(() => stripJpeg(new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff]))).toThrow();
    expect(() => stripJpeg(new Uint8Array([0x89, 0x50]))).toThrow();
  });
});

describe('sniff', () => {
  const ftyp = (major: string, ...compatible: string[]) =>
    new Uint8Array([
      0,
      0,
      0,
      16 + 4 * compatible.length,
      ...text('ftyp'),
      ...text(major),
      0,
      0,
      0,
      0,
      ...compatible.flatMap(text),
    ]);
  it.each([
    [ftyp('heic', 'mif1', 'heic'), 'image/heic'],
    [ftyp('mif1', 'heic'), 'image/heic'],
    [ftyp('isom', 'isom', 'avc1'), 'video/mp4'],
    [ftyp('qt  ', 'qt  '), 'video/quicktime'],
    [ftyp('3gp4', '3gp4'), 'video/3gpp'],
    [ftyp('avif', 'avif'), undefined],
    [new Uint8Array(text('GIF89a')), undefined],
    [new Uint8Array(text('%PDF-1.7')), undefined],
  ])('%#: %s', (bytes, mime) => {
    expect(sniff(bytes)?.mime).toBe(mime);
  });
});

describe('normaliseVietnamesePhone', () => {
  it.each([
    ['0912345678', '+84912345678'],
    ['(+84) 912-345-678', '+84912345678'],
    ['0084912345678', '+84912345678'],
    ['02933876543', '+842933876543'],
    ['0112345678', null],
    ['091234567', null],
    ['+1 202 555 0100', null],
    ['abc', null],
  ])('%s → %s', (input, out) => {
    expect(normaliseVietnamesePhone(input)).toBe(out);
  });
});
