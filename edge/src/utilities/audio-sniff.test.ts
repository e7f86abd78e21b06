import { describe, expect, it } from 'vitest';
import { sniffAudio } from './audio-sniff';

const bytes = (...parts: (string | number[])[]) => {
  const out: number[] = [];
  for (const p of parts)
    out.push(...(typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p));
  while (out.length < 32) out.push(0);
  return new Uint8Array(out);
};

describe('sniffAudio', () => {
  it('knows what phones and MediaRecorder write', () => {
    expect(sniffAudio(bytes([0x1a, 0x45, 0xdf, 0xa3]))).toBe('webm');
    expect(sniffAudio(bytes('OggS'))).toBe('ogg');
    expect(sniffAudio(bytes('fLaC'))).toBe('flac');
    expect(sniffAudio(bytes('RIFF', [0x24, 0, 0, 0], 'WAVE'))).toBe('wav');
    expect(sniffAudio(bytes([0, 0, 0, 24], 'ftypM4A ', [0, 0, 0, 0], 'M4A isom'))).toBe('mp4');
    expect(sniffAudio(bytes([0, 0, 0, 20], 'ftyp3gp4', [0, 0, 0, 0], '3gp4'))).toBe('mp4');
    expect(sniffAudio(bytes('ID3', [4, 0, 0]))).toBe('mp3');
    expect(sniffAudio(bytes([0xff, 0xfb, 0x90, 0x64]))).toBe('mp3');
    expect(sniffAudio(bytes([0xff, 0xf1, 0x50, 0x80]))).toBe('aac');
  });

  it('refuses photos, documents, text and too few bytes', () => {
    expect(sniffAudio(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBeNull(); // JPEG
    expect(sniffAudio(bytes([0x89], 'PNG'))).toBeNull();
    expect(sniffAudio(bytes('RIFF', [0, 0, 0, 0], 'WEBP'))).toBeNull();
    expect(sniffAudio(bytes([0, 0, 0, 24], 'ftypheic', [0, 0, 0, 0], 'mif1heic'))).toBeNull();
    expect(sniffAudio(bytes('%PDF-1.7'))).toBeNull();
    expect(sniffAudio(bytes('xin chao'))).toBeNull();
    expect(sniffAudio(new Uint8Array([0x1a, 0x45]))).toBeNull();
  });
});
