import { ApiError } from '../platform/errors';
import { describeError, type Logger } from '../platform/logger';
import { bytesToBase64 } from './base64';
import type { UtilityFunction } from './config';
import { joinPieces, type Language, splitForTranslation } from './languages';

// The calls to Workers AI, in the input and output shapes of the configured models
// (developers.cloudflare.com/workers-ai/models/…; @cloudflare/workers-types' Ai_Cf_* types):
//   OCR          @cf/meta/llama-3.2-11b-vision-instruct  { prompt, image: number[] } → { response }
//   speech       @cf/openai/whisper-large-v3-turbo       { audio: base64, language? } → { text, transcription_info }
//   translation  @cf/meta/m2m100-1.2b                    { text, source_lang, target_lang } → { translated_text }
// A model that throws or answers something else is 502 `ai_failed`. Logs carry the function,
// the model and the error, never the person's image, audio or text.

interface Target {
  ai: { run(model: string, inputs: Record<string, unknown>): Promise<unknown> };
  model: string;
}

const FAILED_MESSAGE: Record<UtilityFunction, string> = {
  ocr: 'Chưa nhận dạng được chữ trong ảnh do dịch vụ AI đang gặp sự cố. Vui lòng thử lại sau.',
  speech:
    'Chưa chuyển được giọng nói thành chữ do dịch vụ AI đang gặp sự cố. Vui lòng thử lại sau.',
  translation: 'Chưa dịch được do dịch vụ AI đang gặp sự cố. Vui lòng thử lại sau.',
};

export const aiFailed = (fn: UtilityFunction) => new ApiError(502, 'ai_failed', FAILED_MESSAGE[fn]);

async function run(
  log: Logger,
  fn: UtilityFunction,
  target: Target,
  inputs: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  let output: unknown;
  try {
    output = await target.ai.run(target.model, inputs);
  } catch (err) {
    const error = describeError(err);
    log.warn('utilities.ai_failed', {
      fn,
      model: target.model,
      error,
      // Meta's Llama models refuse every call until the account has accepted their licence once.
      ...(/agree/i.test(error.message)
        ? { hint: `accept the model's licence once: run it with { prompt: "agree" }` }
        : {}),
    });
    throw aiFailed(fn);
  }
  if (typeof output !== 'object' || output === null) {
    log.warn('utilities.ai_bad_output', { fn, model: target.model, type: typeof output });
    throw aiFailed(fn);
  }
  return output as Record<string, unknown>;
}

function badOutput(log: Logger, fn: UtilityFunction, target: Target, keys: string[]): never {
  log.warn('utilities.ai_bad_output', { fn, model: target.model, keys: keys.slice(0, 10) });
  throw aiFailed(fn);
}

/** What the vision model is asked; it answers NO_TEXT when the photo has no writing. */
export const OCR_PROMPT =
  'Transcribe all the text in this image exactly as it is written, in its original language ' +
  '(keep every Vietnamese diacritic), line by line, preserving line breaks and the reading order. ' +
  'Output only the transcribed text: no introduction, no explanation, no translation, no Markdown. ' +
  'If the image contains no readable text, output exactly: NO_TEXT';
const NO_TEXT = /^\s*NO_TEXT\.?\s*$/;

export async function recogniseText(
  log: Logger,
  target: Target,
  image: Uint8Array,
): Promise<{ text: string }> {
  const output = await run(log, 'ocr', target, {
    prompt: OCR_PROMPT,
    // The model's documented image input: the file's bytes as an array of numbers.
    image: Array.from(image),
    max_tokens: 2048,
    temperature: 0,
  });
  const response = output.response;
  if (typeof response !== 'string') badOutput(log, 'ocr', target, Object.keys(output));
  return { text: NO_TEXT.test(response) ? '' : response.trim() };
}

export async function transcribe(
  log: Logger,
  target: Target,
  audio: Uint8Array,
  language: Language | undefined,
): Promise<{ text: string; language: string | null; durationSeconds: number | null }> {
  const output = await run(log, 'speech', target, {
    audio: bytesToBase64(audio),
    ...(language ? { language } : {}),
    // Skip silences, where Whisper otherwise tends to invent words.
    vad_filter: true,
  });
  if (typeof output.text !== 'string') badOutput(log, 'speech', target, Object.keys(output));
  const info = (output.transcription_info ?? {}) as { language?: unknown; duration?: unknown };
  return {
    text: output.text.trim(),
    language: typeof info.language === 'string' ? info.language : (language ?? null),
    durationSeconds: typeof info.duration === 'number' ? info.duration : null,
  };
}

/** Pieces translated at the same time (a 5,000-character text is about a dozen pieces). */
const TRANSLATE_CONCURRENCY = 4;

export async function translate(
  log: Logger,
  target: Target,
  text: string,
  source: Language,
  targetLang: Language,
): Promise<string> {
  const paragraphs = splitForTranslation(text);
  const pieces = paragraphs.flat();
  const translated: string[] = new Array(pieces.length);
  let next = 0;
  const worker = async () => {
    while (next < pieces.length) {
      const i = next++;
      const output = await run(log, 'translation', target, {
        text: pieces[i],
        source_lang: source,
        target_lang: targetLang,
      });
      if (typeof output.translated_text !== 'string') {
        badOutput(log, 'translation', target, Object.keys(output));
      }
      translated[i] = output.translated_text.trim();
    }
  };
  await Promise.all(Array.from({ length: Math.min(TRANSLATE_CONCURRENCY, pieces.length) }, worker));
  let at = 0;
  return paragraphs
    .map((p) => {
      const out = translated.slice(at, at + p.length);
      at += p.length;
      return joinPieces(out, targetLang);
    })
    .join('\n')
    .trim();
}
