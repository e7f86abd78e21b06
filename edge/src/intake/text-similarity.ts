import { syllables } from './classifier/features';

/**
 * How alike two report texts are, for duplicate search (intake/duplicates.ts): Jaccard
 * similarity of their folded syllable shingles.
 *
 * 1. Fold and tokenise as the classifier does (classifier/features.ts `syllables`): lower
 *    case, no tone or vowel marks, đ → d, runs of a–z0–9, phone shorthand expanded ("ko" →
 *    "khong", "dc" → "duoc"). "Ổ GÀ", "ổ gà" and "o ga" are the same words.
 * 2. Drop stop-words: function words and the set phrases of every complaint ("xin", "đề
 *    nghị", "phản ánh", "không"…). They are in most reports, so two unrelated texts would
 *    share them. Only words whose folded form is almost always a function word are listed:
 *    "o" stays (ở "at" folds like ổ "pothole"), and so do "den" (đến / đèn "lamp"), "cho"
 *    (cho / chợ "market"), "ho" (họ / hố "hole"), "ong" (ông / ống "pipe"), "nha" (nha /
 *    nhà "house"), "ban" (bạn / bẩn "dirty"), "toi" (tôi / tối "dark").
 * 3. Shingles: the remaining syllables (unigrams) and each pair of neighbours among them
 *    (bigrams, "o_ga"), as a set.
 * 4. Similarity = |A ∩ B| / |A ∪ B|.
 *
 * A typo spoils one syllable and the two bigrams around it, so a text with one misspelt
 * word still scores far above an unrelated one (tests show it). Exact Jaccard, not MinHash:
 * a search compares one text with at most a few hundred candidates that the geographic index
 * already picked, about a microsecond each, so an approximation would only lose precision.
 */

const STOP_WORDS = new Set(
  [
    // conjunctions, prepositions, particles
    'va la co cua cac nhung mot nay kia thi ma da dang se bi duoc voi tai tren trong',
    'roi rat qua nhieu khong chua cung van nua hay hoac nen vi neu khi thay lai ra vao',
    'len xuong di ve theo nhu nao gi vay ai sao',
    // pronouns and address
    'em anh chi minh chung ta ba con nguoi dan moi',
    // politeness and interjections
    'xin vui long giup nho a nhe oi ah u ha thua kinh',
    // the set phrases of a complaint
    'de nghi phan anh bao kiem tra xu ly som',
  ]
    .join(' ')
    .split(' '),
);

/** Words of a text that carry meaning: folded syllables without stop-words, in order. */
export function contentSyllables(text: string): string[] {
  return syllables(text).filter((s) => !STOP_WORDS.has(s));
}

/** The shingle set of a text: content syllables and neighbouring pairs of them. */
export function shingles(text: string): Set<string> {
  const words = contentSyllables(text);
  const out = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    out.add(w);
    if (i > 0) out.add(`${words[i - 1]}_${w}`);
  }
  return out;
}

/** |A ∩ B| / |A ∪ B|; 0 when both are empty (nothing to compare is not a match). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const s of small) if (large.has(s)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Similarity of two texts, 0…1 (see the file comment). */
export function textSimilarity(a: string, b: string): number {
  return jaccard(shingles(a), shingles(b));
}
