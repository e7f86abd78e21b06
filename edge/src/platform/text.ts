/**
 * Folds Vietnamese text for matching: lower case, no tone or vowel marks, đ → d,
 * collapsed spaces. "Phường Vị Thanh" and "phuong vi  thanh" fold to the same string.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Vietnamese alphabetical order (ă, â, đ, ê, ô, ơ, ư in their places). */
export const compareVietnamese = (a: string, b: string) => collator.compare(a, b);
