// Evaluates the field-report classifier (edge/src/intake/classifier) on the held-out split,
// fixtures/classifier/heldout.jsonl, which training never reads.
//
//   npm run eval:classifier
//
// Prints accuracy, macro-F1, per-category precision/recall/F1, the confusion matrix, a
// confidence-threshold table (share of held-out reports at or above each threshold and the
// precision among them), the smallest threshold whose precision is ≥ 95% (the auto-routing
// default), and latency (median, p99) and throughput of classify().
import { classify } from '../../edge/src/intake/classifier/classify';
import { HELDOUT_FILE, loadCategories, readExamples } from './data';

const THRESHOLDS = [
  0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.91, 0.92, 0.93, 0.94, 0.95, 0.96, 0.97, 0.98,
  0.99,
];
const TARGET_PRECISION = 0.95;
const LATENCY_ROUNDS = 50;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

function main(): void {
  const { ids } = loadCategories();
  const examples = readExamples(HELDOUT_FILE, ids);
  const k = ids.length;
  const confusion = ids.map(() => new Array<number>(k).fill(0));
  const results = examples.map((e) => {
    const r = classify(e.text);
    const predicted = r.category === null ? -1 : ids.indexOf(r.category);
    const actual = ids.indexOf(e.category);
    const row = confusion[actual] as number[];
    if (predicted >= 0) row[predicted] = (row[predicted] as number) + 1;
    return { correct: predicted === actual, confidence: r.confidence };
  });
  const n = examples.length;
  const correct = results.filter((r) => r.correct).length;

  console.log(`held-out reports: ${n} (${HELDOUT_FILE})`);
  console.log(`accuracy: ${pct(correct / n)} (${correct}/${n})`);

  // Per category.
  const rows = ids.map((id, c) => {
    const tp = (confusion[c] as number[])[c] as number;
    const predicted = confusion.reduce((s, row) => s + (row[c] as number), 0);
    const actual = (confusion[c] as number[]).reduce((s, v) => s + v, 0);
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = actual === 0 ? 0 : tp / actual;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { id, precision, recall, f1, support: actual };
  });
  const macroF1 = rows.reduce((s, r) => s + r.f1, 0) / k;
  console.log(`macro-F1: ${macroF1.toFixed(3)}`);
  console.log('');
  console.log(`${'category'.padEnd(20)} precision  recall      F1  support`);
  for (const r of rows) {
    console.log(
      `${r.id.padEnd(20)} ${pct(r.precision).padStart(9)} ${pct(r.recall).padStart(7)} ` +
        `${r.f1.toFixed(3).padStart(7)} ${String(r.support).padStart(8)}`,
    );
  }

  // Confusion matrix: rows are the true category, columns the predicted one (numbered).
  console.log('');
  console.log('confusion matrix (rows: true category; columns: predicted, numbered as the rows)');
  console.log(`${''.padEnd(24)}${ids.map((_, c) => String(c + 1).padStart(4)).join('')}`);
  confusion.forEach((row, c) => {
    const label = `${String(c + 1).padStart(2)} ${ids[c]}`.padEnd(24);
    console.log(`${label}${row.map((v) => (v === 0 ? '.' : String(v)).padStart(4)).join('')}`);
  });

  // Confidence thresholds.
  console.log('');
  console.log('threshold  share ≥ threshold  precision among them');
  let chosen: { threshold: number; share: number; precision: number } | null = null;
  for (const t of THRESHOLDS) {
    const above = results.filter((r) => r.confidence >= t);
    const share = above.length / n;
    const precision = above.length === 0 ? 1 : above.filter((r) => r.correct).length / above.length;
    console.log(
      `${t.toFixed(2).padStart(9)}  ${pct(share).padStart(17)}  ${pct(precision).padStart(20)}` +
        `  (${above.length} reports)`,
    );
    if (chosen === null && above.length > 0 && precision >= TARGET_PRECISION) {
      chosen = { threshold: t, share, precision };
    }
  }
  console.log('');
  if (chosen === null) {
    console.log(`AUTO-ROUTING THRESHOLD: none of the thresholds reaches ${pct(TARGET_PRECISION)}`);
  } else {
    console.log(
      `AUTO-ROUTING THRESHOLD (smallest with precision ≥ ${pct(TARGET_PRECISION)}): ` +
        `${chosen.threshold.toFixed(2)} — auto-routes ${pct(chosen.share)} of held-out reports ` +
        `at ${pct(chosen.precision)} precision`,
    );
  }

  // Latency and throughput.
  for (const e of examples) classify(e.text); // warm-up
  const times: number[] = [];
  const started = performance.now();
  for (let round = 0; round < LATENCY_ROUNDS; round++) {
    for (const e of examples) {
      const t0 = performance.now();
      classify(e.text);
      times.push(performance.now() - t0);
    }
  }
  const elapsed = performance.now() - started;
  times.sort((a, b) => a - b);
  console.log('');
  console.log(
    `latency per report (${times.length} calls): median ${(quantile(times, 0.5) * 1000).toFixed(1)} µs, ` +
      `p99 ${(quantile(times, 0.99) * 1000).toFixed(1)} µs; ` +
      `throughput ${Math.round(times.length / (elapsed / 1000)).toLocaleString('en-US')} reports/s ` +
      '(one thread)',
  );
}

main();
