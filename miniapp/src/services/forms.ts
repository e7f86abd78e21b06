import type { ApiError } from './api';

// What the forms that post to the API share: amounts typed the way people type them, and the
// API's per-field messages of a refused form. Pure functions, tested in forms.test.ts.

const MULTIPLIERS: Record<string, number> = {
  k: 1_000,
  nghìn: 1_000,
  ngàn: 1_000,
  tr: 1_000_000,
  triệu: 1_000_000,
  trieu: 1_000_000,
};

/**
 * "25.000", "8 000 000", "25k", "1,2tr", "7,5 triệu", "30000đ" → đồng; null for an empty
 * field; 'invalid' when it cannot be read.
 */
export function parseVnd(input: string): number | null | 'invalid' {
  const s = input
    .trim()
    .toLowerCase()
    .replace(/\s/g, '')
    .replace(/(đ|d|vnđ|vnd|đồng|dong)$/, '');
  if (s === '') return null;
  const m = /^(\d+(?:[.,]\d+)?)(k|nghìn|ngàn|tr|triệu|trieu)$/.exec(s);
  if (m?.[1] && m[2]) {
    return Math.round(Number(m[1].replace(',', '.')) * (MULTIPLIERS[m[2]] ?? 1));
  }
  const digits = s.replace(/[.,]/g, '');
  return /^\d+$/.test(digits) ? Number(digits) : 'invalid';
}

/** The API's per-field messages of a refused form (validation_failed), by field name. */
export function fieldErrors(error: ApiError | undefined): Record<string, string> {
  if (error?.kind !== 'http') return {};
  const issues = (error.details as { issues?: { path: string; message: string }[] } | undefined)
    ?.issues;
  const out: Record<string, string> = {};
  for (const issue of issues ?? []) {
    const field = String(issue.path).split('.')[0] ?? '';
    if (field && issue.message && !out[field]) out[field] = issue.message;
  }
  return out;
}
