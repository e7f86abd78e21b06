// The translation languages (the six; m2m100 uses the same ISO 639-1 codes), a simple
// guess of a text's language for "Tự nhận biết", and the cutting of a long text into pieces the
// translation model takes well.

export const LANGUAGES = ['vi', 'en', 'fr', 'de', 'ru', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LANGUAGE_NAMES: Record<Language, string> = {
  vi: 'Tiếng Việt',
  en: 'Tiếng Anh',
  fr: 'Tiếng Pháp',
  de: 'Tiếng Đức',
  ru: 'Tiếng Nga',
  ja: 'Tiếng Nhật',
};

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

const KANA = /[\u3040-\u30ff\u31f0-\u31ff]/;
const CYRILLIC = /[\u0400-\u04ff]/g;
const LETTERS = /\p{L}/gu;
// Letters no other of the six languages uses: ă đ ơ ư, the tone-marked vowels of Latin
// Extended Additional (ạ ả ấ … ỹ), and ã ĩ ũ õ ì ò ỳ ý.
const VIETNAMESE = /[ăđơưĂĐƠƯ\u1ea0-\u1ef9ãĩũõìòỳýÃĨŨÕÌÒỲÝ]/;
const GERMAN = /[äöüßÄÖÜ]/;
const FRENCH = /[çœæëïÿÇŒÆËÏŸ]/;

// A few of each language's most common words, for Latin text without telling letters
// ("xin chào", "the report", "le rapport"). Lower case.
const COMMON_WORDS: Record<'vi' | 'en' | 'fr' | 'de', ReadonlySet<string>> = {
  vi: new Set(
    'xin chào và là bà cho anh em chị ông tôi bạn có không các này những một mình nhà làm gì ai khi nào'.split(
      ' ',
    ),
  ),
  en: new Set(
    'the and is are of to in you it this that with for please hello thank thanks what where how my your we'.split(
      ' ',
    ),
  ),
  fr: new Set(
    'le la les et est un une des du je vous nous pour dans bonjour merci ce pas que qui sur avec au'.split(
      ' ',
    ),
  ),
  de: new Set(
    'der die das und ist nicht ich sie wir ein eine zu mit für guten danke bitte den dem auf wie'.split(
      ' ',
    ),
  ),
};

/**
 * The language of a text when its script or letters tell it, else by its common words; null
 * when neither decides (the caller asks the person to choose). Deliberately simple: it is a
 * convenience, and the screen shows which language was assumed.
 */
export function detectLanguage(input: string): Language | null {
  const text = input.normalize('NFC');
  if (KANA.test(text)) return 'ja';
  const letters = text.match(LETTERS)?.length ?? 0;
  const cyrillic = text.match(CYRILLIC)?.length ?? 0;
  if (letters > 0 && cyrillic * 2 >= letters) return 'ru';
  if (VIETNAMESE.test(text)) return 'vi';
  if (GERMAN.test(text)) return 'de';
  if (FRENCH.test(text)) return 'fr';
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  let best: Language | null = null;
  let bestCount = 0;
  let tie = false;
  for (const [lang, common] of Object.entries(COMMON_WORDS) as [Language, ReadonlySet<string>][]) {
    const count = words.filter((w) => common.has(w)).length;
    if (count > bestCount) {
      best = lang;
      bestCount = count;
      tie = false;
    } else if (count > 0 && count === bestCount) {
      tie = true;
    }
  }
  return tie ? null : best;
}

/** Longest piece sent to the translation model at once (it translates sentences, not pages). */
export const MAX_PIECE_CHARS = 500;

/**
 * The text as paragraphs (its lines, blank ones kept), each cut into pieces of at most
 * `max` characters: at sentence ends where possible, else at spaces, else anywhere.
 */
export function splitForTranslation(text: string, max = MAX_PIECE_CHARS): string[][] {
  return text.split(/\r?\n/).map((line) => {
    const trimmed = line.trim();
    if (!trimmed) return [];
    if (trimmed.length <= max) return [trimmed];
    const sentences = trimmed.match(/[^.!?。！？…]+(?:[.!?。！？…]+|$)\s*/g) ?? [trimmed];
    const pieces: string[] = [];
    let current = '';
    const push = (s: string) => {
      if (s.trim()) pieces.push(s.trim());
    };
    for (const sentence of sentences) {
      if ((current + sentence).length <= max) {
        current += sentence;
        continue;
      }
      push(current);
      current = '';
      if (sentence.length <= max) {
        current = sentence;
        continue;
      }
      // One very long sentence: at spaces, else hard cuts (Japanese has no spaces).
      for (const word of sentence.split(/(?<=\s)/)) {
        if ((current + word).length > max) {
          push(current);
          current = '';
        }
        let rest = word;
        while (rest.length > max) {
          push(rest.slice(0, max));
          rest = rest.slice(max);
        }
        current += rest;
      }
    }
    push(current);
    return pieces;
  });
}

/** Pieces of one paragraph joined back: Japanese and Chinese scripts without spaces. */
export const joinPieces = (pieces: string[], target: Language) =>
  pieces.join(target === 'ja' ? '' : ' ');
