import { describe, expect, it } from 'vitest';
import { catalogs, interpolate, isLanguage, placeholders, translator } from '.';

describe('message catalogs', () => {
  const viKeys = Object.keys(catalogs.vi).sort();

  it('have the same keys in Vietnamese and English', () => {
    expect(Object.keys(catalogs.en).sort()).toEqual(viKeys);
  });

  it('have no empty message', () => {
    for (const language of ['vi', 'en'] as const) {
      for (const [key, message] of Object.entries(catalogs[language])) {
        expect(message.trim(), `${language} ${key}`).not.toBe('');
      }
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const key of viKeys) {
      const vi = placeholders(catalogs.vi[key as keyof typeof catalogs.vi]).sort();
      const en = placeholders(catalogs.en[key as keyof typeof catalogs.en]).sort();
      expect(en, key).toEqual(vi);
    }
  });
});

describe('translation', () => {
  it('fills parameters and keeps unknown placeholders visible', () => {
    expect(interpolate('Gọi {number} ({label})', { number: 113, label: 'Công an' })).toBe(
      'Gọi 113 (Công an)',
    );
    expect(interpolate('{a} và {b}', { a: 1 })).toBe('1 và {b}');
  });

  it('translates into the chosen language', () => {
    expect(translator('vi')('feature.comingSoon')).toBe('Sắp ra mắt');
    expect(translator('en')('feature.comingSoon')).toBe('Coming soon');
    expect(translator('en')('home.footer', { count: 18 })).toBe(
      '18 functions are being built and will launch one by one.',
    );
  });

  it('accepts only the supported languages from storage', () => {
    expect(isLanguage('vi')).toBe(true);
    expect(isLanguage('en')).toBe(true);
    expect(isLanguage('fr')).toBe(false);
    expect(isLanguage(null)).toBe(false);
  });
});
