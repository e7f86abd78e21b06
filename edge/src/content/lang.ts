import { z } from '@hono/zod-openapi';

// Vietnamese first, English available: public reads take `lang` (vi by default). A row keeps
// its optional English text as JSON in `en`; a field without English falls back to Vietnamese.

export const LANGS = ['vi', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export const LangQuery = z
  .enum(LANGS)
  .default('vi')
  .openapi({ description: 'Ngôn ngữ nội dung: `vi` (mặc định) hoặc `en` (nếu có bản dịch).' });

/** The English overlay stored in `en`, or {} when missing or unreadable. */
export function parseEnglish(en: string | null | undefined): Record<string, unknown> {
  if (!en) return {};
  try {
    const value: unknown = JSON.parse(en);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/**
 * `row` with its `fields` replaced by their English text when `lang` is `en` and a
 * non-empty translation exists. Other fields are returned as they are.
 */
export function localize<T extends Record<string, unknown>, K extends keyof T & string>(
  row: T,
  en: string | null | undefined,
  lang: Lang,
  fields: readonly K[],
): T {
  if (lang === 'vi') return row;
  const english = parseEnglish(en);
  const out: Record<string, unknown> = { ...row };
  for (const field of fields) {
    const value = english[field];
    const empty = value === undefined || value === null || value === '';
    if (!empty && (Array.isArray(value) ? value.length > 0 : true)) out[field] = value;
  }
  return out as T;
}

/** The `en` column for a write: only non-empty fields, or null when nothing is translated. */
export function englishColumn(fields: Record<string, unknown> | null | undefined): string | null {
  if (!fields) return null;
  const kept = Object.entries(fields).filter(
    ([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0),
  );
  return kept.length > 0 ? JSON.stringify(Object.fromEntries(kept)) : null;
}
