// Shared by the classifier scripts: where the data lives and how it is read.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const TRAIN_FILE = fileURLToPath(
  new URL('../../fixtures/classifier/train.jsonl', import.meta.url),
);
export const HELDOUT_FILE = fileURLToPath(
  new URL('../../fixtures/classifier/heldout.jsonl', import.meta.url),
);
export const MODEL_FILE = fileURLToPath(
  new URL('../../edge/src/intake/classifier/model.json', import.meta.url),
);
export const LEXICON_FILE = fileURLToPath(
  new URL('../../fixtures/classifier/lexicon.json', import.meta.url),
);
const CATEGORIES_FILE = fileURLToPath(new URL('../../fixtures/categories.json', import.meta.url));

export interface Example {
  text: string;
  category: string;
}

interface CategoriesFile {
  categories: { id: string; default_agency: string }[];
}

/** Category ids in the order of fixtures/categories.json, and each one's default agency. */
export function loadCategories(): { ids: string[]; agency: Map<string, string> } {
  const file = JSON.parse(readFileSync(CATEGORIES_FILE, 'utf8')) as CategoriesFile;
  return {
    ids: file.categories.map((c) => c.id),
    agency: new Map(file.categories.map((c) => [c.id, c.default_agency])),
  };
}

/** One `{"text","category"}` per line; throws on an unknown category or a malformed line. */
export function readExamples(file: string, categoryIds: readonly string[]): Example[] {
  const known = new Set(categoryIds);
  const out: Example[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const row = JSON.parse(line) as Partial<Example>;
      if (typeof row.text !== 'string' || typeof row.category !== 'string') {
        throw new Error(`${file}:${i + 1}: expected {"text","category"}`);
      }
      if (!known.has(row.category)) {
        throw new Error(`${file}:${i + 1}: unknown category ${row.category}`);
      }
      out.push({ text: row.text, category: row.category });
    });
  return out;
}

/** fixtures/classifier/lexicon.json as examples: each seed phrase labelled with its category. */
export function readSeedPhrases(file: string, categoryIds: readonly string[]): Example[] {
  const lexicon = JSON.parse(readFileSync(file, 'utf8')) as {
    categories: Record<string, string[]>;
  };
  const out: Example[] = [];
  for (const id of categoryIds) {
    for (const text of lexicon.categories[id] ?? []) out.push({ text, category: id });
  }
  for (const id of Object.keys(lexicon.categories)) {
    if (!categoryIds.includes(id)) throw new Error(`${file}: unknown category ${id}`);
  }
  return out;
}
