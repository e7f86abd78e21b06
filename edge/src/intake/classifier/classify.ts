import { features } from './features';
import model from './model.json';

/**
 * Field-report classifier: report text → category (the ids of fixtures/categories.json), with a
 * confidence and the next three categories. Pure and synchronous; runs in workerd and Node.
 *
 * The model (model.json, written by `npm run train:classifier`, see scripts/classifier/train.ts)
 * is a softmax regression: one weight per (feature, category) plus a bias per category. A
 * text's score for a category is the bias plus the sum of its features' weights divided by
 * √(number of distinct features of the text), so long and short texts are on one scale, and
 * words the model has never seen dilute the evidence rather than being ignored. Confidence is
 * the softmax of the scores, calibrated at training time (temperature fitted on out-of-fold
 * predictions), so 0.9 means roughly "right 9 times in 10" on reports like the training ones.
 */

export interface CategoryConfidence {
  category: string;
  /** 0…1; the confidences of all categories sum to 1. */
  confidence: number;
}

export interface Classification {
  /** Most likely category; null when the text has no letters or digits (nothing to read). */
  category: string | null;
  /** 0…1; 0 when category is null. */
  confidence: number;
  /** The next three categories, most likely first (empty when category is null). */
  alternatives: CategoryConfidence[];
}

/** Which model decided, stored with each report's intake record. */
export const MODEL_VERSION = `classifier-v${model.version}`;

/** Category ids the model knows, in the order of fixtures/categories.json. */
export const CLASSIFIER_CATEGORIES: readonly string[] = model.categories;

const K = model.categories.length;
const WEIGHTS = Float64Array.from(model.weights, (w) => w / model.scale);
const BIAS = Float64Array.from(model.bias, (b) => b / model.scale);
/** Feature → offset of its row in WEIGHTS. */
const ROW = new Map<string, number>(model.features.map((f, i) => [f, i * K]));

/** Softmax probabilities of every category, in CLASSIFIER_CATEGORIES order; null for no features. */
export function categoryProbabilities(text: string): Float64Array | null {
  const feats = features(text);
  if (feats.size === 0) return null;
  const z = new Float64Array(K);
  for (const f of feats) {
    const row = ROW.get(f);
    if (row === undefined) continue;
    for (let c = 0; c < K; c++) z[c] = (z[c] as number) + (WEIGHTS[row + c] as number);
  }
  const norm = 1 / Math.sqrt(feats.size);
  let max = -Infinity;
  for (let c = 0; c < K; c++) {
    z[c] = (z[c] as number) * norm + (BIAS[c] as number);
    max = Math.max(max, z[c] as number);
  }
  let sum = 0;
  for (let c = 0; c < K; c++) {
    z[c] = Math.exp((z[c] as number) - max);
    sum += z[c] as number;
  }
  for (let c = 0; c < K; c++) z[c] = (z[c] as number) / sum;
  return z;
}

/** Classifies one report text. */
export function classify(text: string): Classification {
  const p = categoryProbabilities(text);
  if (p === null) return { category: null, confidence: 0, alternatives: [] };
  const ranked = CLASSIFIER_CATEGORIES.map((category, c) => ({
    category,
    confidence: p[c] as number,
  })).sort((a, b) => b.confidence - a.confidence);
  const [best, ...rest] = ranked as [CategoryConfidence, ...CategoryConfidence[]];
  return { category: best.category, confidence: best.confidence, alternatives: rest.slice(0, 3) };
}
