// Command-line classifier, for checking the model by hand or in bulk.
//
//   npm run --silent classify < reports.txt
//   echo "đèn đường hư cả tuần" | npm run --silent classify
//
// Input: one report text per line on stdin (UTF-8; a trailing "\r" is dropped).
// Output: exactly one JSON object per input line, in the same order, on stdout, and nothing else:
//   {"category":"dien_chieu_sang","confidence":0.93,"agency":"dien_luc",
//    "alternatives":[{"category":"giao_thong","confidence":0.02},…]}
// agency is the category's default agency in fixtures/categories.json. Confidences are rounded
// to 4 decimals. A line with no letters or digits (blank, only punctuation) is not skipped, so
// output line N always answers input line N: it gets
//   {"category":null,"confidence":0,"agency":null,"alternatives":[]}
import { createInterface } from 'node:readline';
import { classify } from '../../edge/src/intake/classifier/classify';
import { loadCategories } from './data';

const round = (x: number) => Math.round(x * 10_000) / 10_000;

async function main(): Promise<void> {
  const { agency } = loadCategories();
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const r = classify(line);
    const out = {
      category: r.category,
      confidence: round(r.confidence),
      agency: r.category === null ? null : (agency.get(r.category) ?? null),
      alternatives: r.alternatives.map((a) => ({
        category: a.category,
        confidence: round(a.confidence),
      })),
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
