import { en } from './en';
import { type MessageKey, type Messages, vi } from './vi';

export type { MessageKey, Messages };

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const catalogs: { readonly [L in Language]: Messages } = { vi, en };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Parameter names of a message, read from the Vietnamese text at compile time. */
type ParamNames<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | ParamNames<Rest>
  : never;

export type MessageParams<K extends MessageKey> = Record<
  ParamNames<(typeof vi)[K]>,
  string | number
>;

/** A message without parameters takes no second argument; one with parameters requires them all. */
export type TranslateArgs<K extends MessageKey> = [ParamNames<(typeof vi)[K]>] extends [never]
  ? []
  : [params: MessageParams<K>];

export type Translate = <K extends MessageKey>(key: K, ...args: TranslateArgs<K>) => string;

/** Names of the `{name}` placeholders in a message, in order of appearance. */
export function placeholders(message: string): string[] {
  return Array.from(message.matchAll(/\{(\w+)\}/g), (m) => m[1] ?? '');
}

export function interpolate(message: string, params?: Record<string, string | number>): string {
  if (!params) return message;
  // An unknown placeholder stays visible rather than silently vanishing from the sentence.
  return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function translator(language: Language): Translate {
  const messages = catalogs[language];
  return (key, ...args) => interpolate(messages[key], args[0]);
}
