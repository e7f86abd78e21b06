import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ZI_SVG } from './components/zi-icons.gen';
import { FEATURE_GROUPS, FEATURES } from './features';
import { FEATURE_PAGES } from './pages/registry';

// shared/ sits beside the repository (locally and in CI).
const featuresDoc = new URL('../../../shared/FEATURES.md', import.meta.url);

/** `| 1 | Phản ánh hiện trường (field reports) | ...` gives [1, 'Phản ánh hiện trường']. */
function functionsInDoc(markdown: string): Map<number, string> {
  const rows = new Map<number, string>();
  for (const match of markdown.matchAll(/^\|\s*(\d+)\s*\|\s*([^|(]+?)\s*\(/gm)) {
    rows.set(Number(match[1]), (match[2] ?? '').trim());
  }
  return rows;
}

describe('feature list', () => {
  it('has the 18 functions once each, numbered 1 to 18', () => {
    expect(FEATURES).toHaveLength(18);
    expect(new Set(FEATURES.map((f) => f.id)).size).toBe(18);
    expect(FEATURES.map((f) => f.no).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 18 }, (_, i) => i + 1),
    );
  });

  it.skipIf(!existsSync(featuresDoc))('uses the Vietnamese names from FEATURES.md', () => {
    const doc = functionsInDoc(readFileSync(featuresDoc, 'utf8'));
    expect(doc.size).toBe(18);
    for (const feature of FEATURES) expect(feature.label.vi).toBe(doc.get(feature.no));
  });

  it('has a label and a description in both languages, labels unique per language', () => {
    for (const feature of FEATURES) {
      for (const text of [
        feature.label.vi,
        feature.label.en,
        feature.description.vi,
        feature.description.en,
      ]) {
        expect(text.trim()).not.toBe('');
      }
    }
    expect(new Set(FEATURES.map((f) => f.label.vi)).size).toBe(18);
    expect(new Set(FEATURES.map((f) => f.label.en)).size).toBe(18);
  });

  it('puts field reports alone at the top and leaves no group empty', () => {
    expect(FEATURES.filter((f) => f.group === 'flagship').map((f) => f.id)).toEqual([
      'field-reports',
    ]);
    for (const group of FEATURE_GROUPS) {
      expect(FEATURES.some((f) => f.group === group)).toBe(true);
    }
  });

  it('gives every available function a unique route and a page, and no page to the others', () => {
    const routes: string[] = [];
    for (const feature of FEATURES) {
      if (feature.status === 'available') {
        routes.push(feature.route);
        expect(FEATURE_PAGES[feature.id], feature.id).toBeDefined();
      } else {
        expect(FEATURE_PAGES[feature.id], feature.id).toBeUndefined();
      }
    }
    expect(new Set(routes).size).toBe(routes.length);
    expect(routes).not.toContain('/');
  });

  it('bundles the icon of every function, so the grid never waits on the icon font', () => {
    for (const feature of FEATURES) expect(ZI_SVG[feature.icon], feature.icon).toMatch(/^<svg /);
  });
});
