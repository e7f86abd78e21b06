import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from './base64';
import { detectLanguage, joinPieces, splitForTranslation } from './languages';

describe('detectLanguage', () => {
  it('by script and telling letters', () => {
    expect(detectLanguage('こんにちは、病院はどこですか')).toBe('ja');
    expect(detectLanguage('Где находится больница?')).toBe('ru');
    expect(detectLanguage('Thủ tục đăng ký khai sinh')).toBe('vi');
    expect(detectLanguage('Thu tu\u0309c')).toBe('vi'); // decomposed tone mark
    expect(detectLanguage('Straße und Brücke')).toBe('de');
    expect(detectLanguage('Ça va très bien, merci')).toBe('fr');
  });

  it('by common words where the letters do not tell', () => {
    expect(detectLanguage('Xin chào')).toBe('vi');
    expect(detectLanguage('Where is the hospital, please?')).toBe('en');
    expect(detectLanguage('Je cherche la mairie')).toBe('fr');
    expect(detectLanguage('Wo ist das Krankenhaus')).toBe('de');
  });

  it('null when nothing decides', () => {
    expect(detectLanguage('12345')).toBeNull();
    expect(detectLanguage('Hanoi Saigon')).toBeNull();
    expect(detectLanguage('東京')).toBeNull(); // Han only: could be Chinese
  });
});

describe('splitForTranslation', () => {
  it('keeps lines (blank ones too) and short paragraphs whole', () => {
    expect(splitForTranslation('Một.\n\nHai.')).toEqual([['Một.'], [], ['Hai.']]);
  });

  it('cuts long paragraphs at sentence ends, then spaces, then anywhere', () => {
    const sentence = 'Câu này dài khoảng bốn mươi ký tự thôi. ';
    const pieces = splitForTranslation(sentence.repeat(30), 200)[0] ?? [];
    expect(pieces.length).toBeGreaterThan(5);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(200);
      expect(p.endsWith('.')).toBe(true);
    }
    const noSpaces = 'あ'.repeat(450);
    const cut = splitForTranslation(noSpaces, 200)[0] ?? [];
    expect(cut.map((p) => p.length)).toEqual([200, 200, 50]);
    expect(joinPieces(cut, 'ja')).toBe(noSpaces);
  });
});

describe('bytesToBase64', () => {
  it('matches btoa across slice boundaries', () => {
    const bytes = Uint8Array.from({ length: 3 * 8192 + 5 }, (_, i) => (i * 7) % 256);
    expect(bytesToBase64(bytes)).toBe(btoa(String.fromCharCode(...bytes)));
    expect(bytesToBase64(new Uint8Array(0))).toBe('');
  });
});
