// Trains the field-report classifier and writes edge/src/intake/classifier/model.json.
//
//   npm run train:classifier            train on fixtures/classifier/train.jsonl, write the model
//   npm run train:classifier -- --search  also print 5-fold cross-validation for a few L2 strengths
//
// Method: multinomial logistic regression (softmax) over the features of
// edge/src/intake/classifier/features.ts (folded syllable unigrams and bigrams, character
// 4-grams of the despaced text), binary, each text's vector scaled to unit length.
// Why logistic regression and not naive Bayes: both are one weight per (feature, category) and
// the same sum at inference, so size and speed are the same; but naive Bayes multiplies
// correlated evidence as if independent (a bigram, its two unigrams and their overlapping
// 4-grams all count in full), which makes its posteriors pile up near 0 and 1. The confidence
// here decides auto-routing, so it has to mean something: logistic regression fits the
// features jointly, and a temperature chosen on out-of-fold predictions (5-fold
// cross-validation on the training set only) calibrates it further. The held-out file is never
// read here.
//
// Deterministic: fixed feature order (sorted), zero initial weights, full-batch Adam for a
// fixed number of epochs, fixed folds (row i goes to fold i mod 5), weights rounded to integers
// in the file. The same training data always gives a byte-identical model.json.
import { statSync, writeFileSync } from 'node:fs';
import { features } from '../../edge/src/intake/classifier/features';
import {
  LEXICON_FILE,
  loadCategories,
  MODEL_FILE,
  readExamples,
  readSeedPhrases,
  TRAIN_FILE,
} from './data';

/** A feature must occur in at least this many training texts to enter the model. */
const MIN_DF = 2;
/** L2 strength (on weights, not biases), per example. Chosen with --search. */
const L2 = 1e-4;
const EPOCHS = 300;
const LEARNING_RATE = 0.05;
const FOLDS = 5;
/** Weights are stored as integers: round(weight × SCALE). */
const SCALE = 1000;
/** After calibration, features whose largest |weight| is below this are dropped. */
const PRUNE_BELOW = 0.02;
const MAX_BYTES = 1024 * 1024;

interface Doc {
  /** Indices into the vocabulary of the features the text has. */
  idx: Int32Array;
  /** 1 / sqrt(number of distinct features of the text, in the vocabulary or not). */
  norm: number;
  label: number;
}

interface Weights {
  /** features × categories, row-major. */
  w: Float64Array;
  b: Float64Array;
}

function buildVocab(texts: Set<string>[]): string[] {
  const df = new Map<string, number>();
  for (const f of texts) for (const x of f) df.set(x, (df.get(x) ?? 0) + 1);
  return [...df]
    .filter(([, n]) => n >= MIN_DF)
    .map(([x]) => x)
    .sort();
}

function toDocs(texts: Set<string>[], labels: number[], vocab: string[]): Doc[] {
  const index = new Map(vocab.map((f, i) => [f, i]));
  return texts.map((f, d) => {
    const idx: number[] = [];
    for (const x of f) {
      const i = index.get(x);
      if (i !== undefined) idx.push(i);
    }
    return {
      idx: Int32Array.from(idx),
      norm: f.size === 0 ? 0 : 1 / Math.sqrt(f.size),
      label: labels[d] as number,
    };
  });
}

function logits(doc: Doc, m: Weights, k: number, out: Float64Array): void {
  for (let c = 0; c < k; c++) out[c] = 0;
  for (const i of doc.idx) {
    const row = i * k;
    for (let c = 0; c < k; c++) out[c] = (out[c] as number) + (m.w[row + c] as number);
  }
  for (let c = 0; c < k; c++) out[c] = (out[c] as number) * doc.norm + (m.b[c] as number);
}

function softmaxInPlace(z: Float64Array, temperature = 1): void {
  let max = -Infinity;
  for (const v of z) max = Math.max(max, v / temperature);
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    const e = Math.exp((z[c] as number) / temperature - max);
    z[c] = e;
    sum += e;
  }
  for (let c = 0; c < z.length; c++) z[c] = (z[c] as number) / sum;
}

function train(docs: Doc[], nFeatures: number, k: number, l2: number): Weights {
  const m: Weights = { w: new Float64Array(nFeatures * k), b: new Float64Array(k) };
  const gw = new Float64Array(nFeatures * k);
  const gb = new Float64Array(k);
  const mw = new Float64Array(nFeatures * k);
  const vw = new Float64Array(nFeatures * k);
  const mb = new Float64Array(k);
  const vb = new Float64Array(k);
  const z = new Float64Array(k);
  const n = docs.length;
  const [beta1, beta2, eps] = [0.9, 0.999, 1e-8];
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    gw.fill(0);
    gb.fill(0);
    for (const doc of docs) {
      logits(doc, m, k, z);
      softmaxInPlace(z);
      z[doc.label] = (z[doc.label] as number) - 1;
      for (let c = 0; c < k; c++) gb[c] = (gb[c] as number) + (z[c] as number) / n;
      for (const i of doc.idx) {
        const row = i * k;
        for (let c = 0; c < k; c++) {
          gw[row + c] = (gw[row + c] as number) + ((z[c] as number) * doc.norm) / n;
        }
      }
    }
    const c1 = 1 - beta1 ** epoch;
    const c2 = 1 - beta2 ** epoch;
    for (let j = 0; j < gw.length; j++) {
      const g = (gw[j] as number) + l2 * (m.w[j] as number);
      mw[j] = beta1 * (mw[j] as number) + (1 - beta1) * g;
      vw[j] = beta2 * (vw[j] as number) + (1 - beta2) * g * g;
      m.w[j] =
        (m.w[j] as number) -
        (LEARNING_RATE * ((mw[j] as number) / c1)) / (Math.sqrt((vw[j] as number) / c2) + eps);
    }
    for (let c = 0; c < k; c++) {
      const g = gb[c] as number;
      mb[c] = beta1 * (mb[c] as number) + (1 - beta1) * g;
      vb[c] = beta2 * (vb[c] as number) + (1 - beta2) * g * g;
      m.b[c] =
        (m.b[c] as number) -
        (LEARNING_RATE * ((mb[c] as number) / c1)) / (Math.sqrt((vb[c] as number) / c2) + eps);
    }
  }
  return m;
}

interface OutOfFold {
  /** Raw logits of every training text, predicted by the model that did not see it. */
  logits: Float64Array[];
  accuracy: number;
}

/**
 * Out-of-fold predictions for the first `nReports` rows (the reports); the rows after them
 * (seed phrases) are in every training fold and never predicted.
 */
function crossValidate(
  texts: Set<string>[],
  labels: number[],
  nReports: number,
  k: number,
  l2: number,
): OutOfFold {
  const out: Float64Array[] = new Array(nReports);
  let correct = 0;
  const all = texts.map((_, i) => i);
  for (let fold = 0; fold < FOLDS; fold++) {
    const trainRows = all.filter((i) => i >= nReports || i % FOLDS !== fold);
    const testRows = all.filter((i) => i < nReports && i % FOLDS === fold);
    const vocab = buildVocab(trainRows.map((i) => texts[i] as Set<string>));
    const pick = (rows: number[]) =>
      toDocs(
        rows.map((i) => texts[i] as Set<string>),
        rows.map((i) => labels[i] as number),
        vocab,
      );
    const m = train(pick(trainRows), vocab.length, k, l2);
    pick(testRows).forEach((doc, j) => {
      const z = new Float64Array(k);
      logits(doc, m, k, z);
      out[testRows[j] as number] = z;
      if (argmax(z) === doc.label) correct++;
    });
  }
  return { logits: out, accuracy: correct / nReports };
}

function argmax(z: Float64Array): number {
  let best = 0;
  for (let c = 1; c < z.length; c++) if ((z[c] as number) > (z[best] as number)) best = c;
  return best;
}

function nll(oof: Float64Array[], labels: number[], temperature: number): number {
  let total = 0;
  oof.forEach((z, i) => {
    const p = Float64Array.from(z);
    softmaxInPlace(p, temperature);
    total -= Math.log(Math.max(p[labels[i] as number] as number, 1e-12));
  });
  return total / oof.length;
}

/** The temperature (0.20 … 3.00 in steps of 0.01) with the lowest out-of-fold log loss. */
function fitTemperature(oof: Float64Array[], labels: number[]): number {
  let best = 1;
  let bestLoss = Infinity;
  for (let t = 20; t <= 300; t++) {
    const loss = nll(oof, labels, t / 100);
    if (loss < bestLoss - 1e-12) {
      bestLoss = loss;
      best = t / 100;
    }
  }
  return best;
}

function main(): void {
  const started = performance.now();
  const { ids } = loadCategories();
  const reports = readExamples(TRAIN_FILE, ids);
  const seeds = process.argv.includes('--no-seeds') ? [] : readSeedPhrases(LEXICON_FILE, ids);
  const examples = [...reports, ...seeds];
  const k = ids.length;
  const texts = examples.map((e) => features(e.text));
  const labels = examples.map((e) => ids.indexOf(e.category));
  const reportLabels = labels.slice(0, reports.length);
  console.log(
    `training examples: ${reports.length} reports and ${seeds.length} seed phrases in ${k} categories`,
  );

  if (process.argv.includes('--search')) {
    for (const l2 of [1e-5, 3e-5, 1e-4, 3e-4, 1e-3]) {
      const cv = crossValidate(texts, labels, reports.length, k, l2);
      const t = fitTemperature(cv.logits, reportLabels);
      console.log(
        `  L2 ${l2}: ${FOLDS}-fold accuracy ${(cv.accuracy * 100).toFixed(1)}%, ` +
          `temperature ${t}, log loss ${nll(cv.logits, reportLabels, t).toFixed(4)}`,
      );
    }
  }

  const cv = crossValidate(texts, labels, reports.length, k, L2);
  const temperature = fitTemperature(cv.logits, reportLabels);
  console.log(
    `${FOLDS}-fold cross-validation on the training set: accuracy ${(cv.accuracy * 100).toFixed(1)}%, ` +
      `temperature ${temperature} (log loss ${nll(cv.logits, reportLabels, 1).toFixed(4)} → ` +
      `${nll(cv.logits, reportLabels, temperature).toFixed(4)})`,
  );

  const vocab = buildVocab(texts);
  const m = train(toDocs(texts, labels, vocab), vocab.length, k, L2);

  // Calibrate (divide by the temperature), prune near-zero rows, quantise.
  const keptFeatures: string[] = [];
  const keptWeights: number[] = [];
  vocab.forEach((f, i) => {
    const row = Array.from(m.w.subarray(i * k, (i + 1) * k), (w) => w / temperature);
    if (Math.max(...row.map(Math.abs)) < PRUNE_BELOW) return;
    keptFeatures.push(f);
    for (const w of row) keptWeights.push(Math.round(w * SCALE) || 0);
  });
  const model = {
    about:
      'Field-report classifier: softmax regression over folded syllable unigrams, bigrams and ' +
      'character 4-grams (edge/src/intake/classifier/features.ts). Generated by ' +
      'scripts/classifier/train.ts from fixtures/classifier/train.jsonl; do not edit.',
    version: 1,
    categories: ids,
    scale: SCALE,
    temperature,
    bias: Array.from(m.b, (b) => Math.round((b / temperature) * SCALE) || 0),
    features: keptFeatures,
    weights: keptWeights,
  };
  writeFileSync(MODEL_FILE, `${JSON.stringify(model)}\n`);
  const bytes = statSync(MODEL_FILE).size;
  console.log(
    `features: ${vocab.length} with df ≥ ${MIN_DF}, ${keptFeatures.length} kept after pruning`,
  );
  console.log(
    `wrote ${MODEL_FILE}: ${bytes} bytes (${(bytes / 1024).toFixed(1)} KiB, limit 1024 KiB)`,
  );
  console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (bytes > MAX_BYTES) {
    console.error('model.json is larger than 1 MB: raise MIN_DF or PRUNE_BELOW');
    process.exitCode = 1;
  }
}

main();
