import type { AiBinding, Env } from '../platform/env';

// What the language utilities can do on this deployment: a function is available only when
// the Workers AI binding is there AND its model is named. Nothing is ever faked: a missing
// binding or model makes that function answer 503 `ai_not_configured`, and the mini app says so.

export const UTILITY_FUNCTIONS = ['ocr', 'speech', 'translation'] as const;
export type UtilityFunction = (typeof UTILITY_FUNCTIONS)[number];

/** wrangler.toml's defaults, used when the variable is unset or not a positive number. */
export const DEFAULT_MAX_IMAGE_BYTES = 5_000_000;
export const DEFAULT_MAX_AUDIO_BYTES = 10_000_000;

const MODEL_VAR: Record<
  UtilityFunction,
  'AI_OCR_MODEL' | 'AI_SPEECH_MODEL' | 'AI_TRANSLATION_MODEL'
> = {
  ocr: 'AI_OCR_MODEL',
  speech: 'AI_SPEECH_MODEL',
  translation: 'AI_TRANSLATION_MODEL',
};

function positive(value: string | number | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
}

export const maxImageBytes = (env: Env) =>
  positive(env.AI_MAX_IMAGE_BYTES, DEFAULT_MAX_IMAGE_BYTES);
export const maxAudioBytes = (env: Env) =>
  positive(env.AI_MAX_AUDIO_BYTES, DEFAULT_MAX_AUDIO_BYTES);

/** The model of a function, or null when it cannot run here (no binding, or no model named). */
export function modelFor(env: Env, fn: UtilityFunction): { ai: AiBinding; model: string } | null {
  const model = env[MODEL_VAR[fn]]?.trim();
  if (!env.AI || typeof env.AI.run !== 'function' || !model) return null;
  return { ai: env.AI, model };
}
