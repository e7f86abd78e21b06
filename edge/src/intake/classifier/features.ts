import { foldVietnamese } from '../../platform/text';

/**
 * Text → features for the report classifier. Shared by training (scripts/classifier/train.ts)
 * and inference (classify.ts), so both always see the same features.
 *
 * 1. Fold: lower case, no tone or vowel marks, đ → d (platform/text foldVietnamese), so
 *    "Ổ gà", "ổ gà" and "O GA" are the same.
 * 2. Tokenise into syllables: runs of a–z and 0–9; everything else (punctuation, emoji, "/")
 *    separates.
 * 3. Expand common phone shorthand ("ko" → "khong", "dc" → "duoc", "mn" → "moi nguoi"…):
 *    whole tokens only, and only shorthands that are not also a real syllable with another
 *    meaning ("hong" stays: it is also hỏng, broken).
 * 4. Features, each counted once per text:
 *    - syllable unigrams: `duong`
 *    - syllable bigrams: `o_ga`
 *    - character 4-grams of the text with spaces removed, prefixed `#`: `#oga`, … These
 *      survive joined or split words ("ổgà" / "ổ gà", "đènđường" / "đèn đường") and most
 *      one-letter typos, which only spoil the few n-grams that cover the typo.
 */

/** Phone shorthand → folded syllables. Keys and values are folded. */
const SHORTHAND: Readonly<Record<string, string>> = {
  k: 'khong',
  ko: 'khong',
  kh: 'khong',
  khg: 'khong',
  hok: 'khong',
  hk: 'khong',
  dc: 'duoc',
  dk: 'duoc',
  j: 'gi',
  z: 'vay',
  wa: 'qua',
  r: 'roi',
  rui: 'roi',
  lun: 'luon',
  mn: 'moi nguoi',
  ng: 'nguoi',
  nc: 'nuoc',
  dt: 'dien thoai',
  tn: 'tin nhan',
  lm: 'lam',
  bt: 'biet',
  trc: 'truoc',
  tr: 'truoc',
  vs: 'voi',
  dg: 'duong',
  xd: 'xay dung',
  kq: 'ket qua',
  dvc: 'dich vu cong',
  bhyt: 'bao hiem y te',
  ubnd: 'uy ban nhan dan',
};

/** Length of the character n-grams. */
export const CHAR_NGRAM = 4;

/** Folded syllables of a text, shorthand expanded. "Ổgà ko ai sửa!!" → ["oga", "khong", "ai", "sua"] */
export function syllables(text: string): string[] {
  const out: string[] = [];
  for (const token of foldVietnamese(text).split(/[^a-z0-9]+/)) {
    if (token === '') continue;
    const expanded = SHORTHAND[token];
    if (expanded === undefined) out.push(token);
    else for (const s of expanded.split(' ')) out.push(s);
  }
  return out;
}

/** The distinct features of a text (see the file comment); empty when it has no letters or digits. */
export function features(text: string): Set<string> {
  const syl = syllables(text);
  const out = new Set<string>();
  for (let i = 0; i < syl.length; i++) {
    const s = syl[i] as string;
    out.add(s);
    if (i > 0) out.add(`${syl[i - 1]}_${s}`);
  }
  const joined = syl.join('');
  if (joined.length <= CHAR_NGRAM) {
    if (joined.length > 1) out.add(`#${joined}`);
  } else {
    for (let i = 0; i + CHAR_NGRAM <= joined.length; i++) {
      out.add(`#${joined.slice(i, i + CHAR_NGRAM)}`);
    }
  }
  return out;
}
