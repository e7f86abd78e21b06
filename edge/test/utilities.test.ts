import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import app from '../src/app';
import type { AiBinding, Env } from '../src/platform/env';
import { OCR_PROMPT } from '../src/utilities/models';
import { ORIGIN } from './helpers';
import { signedInCitizen } from './support/citizens';
import { withinOneClockWindow } from './support/clock-window';
import { baseJpeg, fakeMp4, pngWithText } from './support/images';

// The language utilities against a test double of the Workers AI binding: it records the
// model name and inputs of every call and answers in each model's documented output shape
// (or throws, like a model that fails). The test bindings have no AI (as `wrangler dev`
// here): the not-configured answers are the Worker as configured; the others pass
// { ...env, AI: double } to app.fetch.

const OCR_MODEL = '@cf/meta/llama-3.2-11b-vision-instruct';
const SPEECH_MODEL = '@cf/openai/whisper-large-v3-turbo';
const TRANSLATION_MODEL = '@cf/meta/m2m100-1.2b';

type Call = { model: string; inputs: Record<string, unknown> };

function aiDouble(answer: (call: Call) => unknown): AiBinding & { calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    async run(model, inputs) {
      const call = { model, inputs };
      calls.push(call);
      return answer(call);
    },
  };
}

/** Answers as the three configured models document it. */
const documentedAnswers = (call: Call): unknown => {
  if (call.model === OCR_MODEL) return { response: 'UBND XÃ VỊ THANH\nThông báo lịch tiếp dân' };
  if (call.model === SPEECH_MODEL) {
    return {
      text: ' Xin chào, tôi muốn hỏi về thủ tục cấp giấy khai sinh. ',
      word_count: 11,
      transcription_info: { language: 'vi', language_probability: 0.98, duration: 4.2 },
      segments: [{ start: 0, end: 4.2, text: 'Xin chào, …' }],
    };
  }
  if (call.model === TRANSLATION_MODEL) {
    return { translated_text: `[${call.inputs.target_lang}] ${String(call.inputs.text)}` };
  }
  throw new Error(`unexpected model ${call.model}`);
};

const deviceId = () => `thiet-bi-${crypto.randomUUID()}`;

async function send(
  path: string,
  init: RequestInit & { bindings?: Partial<Env> },
): Promise<Response> {
  const ctx = createExecutionContext();
  const { bindings, ...rest } = init;
  const res = await app.fetch(
    new Request(`${ORIGIN}/api/v1/utilities${path}`, rest),
    { ...env, ...bindings } as Env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

function upload(path: string, field: string, bytes: Uint8Array, type: string, opts: Extra = {}) {
  const form = new FormData();
  form.set(field, new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), 'tep');
  return send(path, {
    method: 'POST',
    body: form,
    headers: { 'X-Device-Id': opts.device ?? deviceId(), ...opts.headers },
    bindings: opts.bindings,
  });
}

type Extra = { device?: string; headers?: Record<string, string>; bindings?: Partial<Env> };

function translateReq(body: unknown, opts: Extra = {}) {
  return send('/translate', {
    method: 'POST',
    body: JSON.stringify(body),
    headers: {
      'Content-Type': 'application/json',
      'X-Device-Id': opts.device ?? deviceId(),
      ...opts.headers,
    },
    bindings: opts.bindings,
  });
}

async function ok<T = Record<string, unknown>>(res: Response): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as T;
}

async function failure(res: Response, status: number) {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return (JSON.parse(text) as { error: { code: string; message: string; details?: unknown } })
    .error;
}

/** A WebM (EBML) header followed by filler: what Chrome's MediaRecorder writes first. */
const webm = (size = 2048) => {
  const bytes = new Uint8Array(size).fill(0x42);
  bytes.set([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01]);
  return bytes;
};

/** An iPhone recording's start: an ftyp box with the M4A brand. */
const m4a = () => {
  const bytes = new Uint8Array(1024);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 24);
  bytes.set(new TextEncoder().encode('ftypM4A \0\0\0\0M4A isom'), 4);
  return bytes;
};

describe('not configured (no AI binding, as in local development)', () => {
  it('the status says which functions are off, with a Vietnamese message', async () => {
    const res = await send('', {});
    const body = await ok<{
      ocr: { available: boolean; maxBytes: number };
      speech: { available: boolean; maxBytes: number };
      translation: { available: boolean; languages: { code: string }[] };
      message: string | null;
    }>(res);
    expect(body.ocr.available).toBe(false);
    expect(body.speech.available).toBe(false);
    expect(body.translation.available).toBe(false);
    expect(body.ocr.maxBytes).toBe(5_000_000);
    expect(body.speech.maxBytes).toBe(10_000_000);
    expect(body.translation.languages.map((l) => l.code)).toEqual([
      'vi',
      'en',
      'fr',
      'de',
      'ru',
      'ja',
    ]);
    expect(body.message).toContain('chưa được cấu hình');
  });

  it('each function answers 503 ai_not_configured, never a made-up result', async () => {
    for (const res of [
      await upload('/ocr', 'image', baseJpeg(), 'image/jpeg'),
      await upload('/speech', 'audio', webm(), 'audio/webm'),
      await translateReq({ text: 'Xin chào', source: 'vi', target: 'en' }),
    ]) {
      const error = await failure(res, 503);
      expect(error.code).toBe('ai_not_configured');
      expect(error.message).toContain('chưa được cấu hình trên máy chủ');
    }
  });

  it('a bound AI without a model name is still not configured (that function only)', async () => {
    const double = aiDouble(documentedAnswers);
    const bindings = { AI: double, AI_OCR_MODEL: '' };
    const status = await ok<{ ocr: { available: boolean }; speech: { available: boolean } }>(
      await send('', { bindings }),
    );
    expect(status.ocr.available).toBe(false);
    expect(status.speech.available).toBe(true);
    expect(
      (await failure(await upload('/ocr', 'image', baseJpeg(), 'image/jpeg', { bindings }), 503))
        .code,
    ).toBe('ai_not_configured');
    expect(double.calls).toHaveLength(0);
  });
});

describe('with the AI binding', () => {
  it('the status says all three are available', async () => {
    const body = await ok<{ message: string | null; ocr: { available: boolean } }>(
      await send('', { bindings: { AI: aiDouble(documentedAnswers) } }),
    );
    expect(body.ocr.available).toBe(true);
    expect(body.message).toBeNull();
  });

  it('OCR: the photo goes to the vision model as its bytes with the transcription prompt', async () => {
    const double = aiDouble(documentedAnswers);
    const image = baseJpeg();
    const body = await ok<{ text: string; found: boolean }>(
      // The declared type is wrong on purpose: the bytes decide.
      await upload('/ocr', 'image', image, 'application/octet-stream', {
        bindings: { AI: double },
      }),
    );
    expect(body).toEqual({ text: 'UBND XÃ VỊ THANH\nThông báo lịch tiếp dân', found: true });
    expect(double.calls).toHaveLength(1);
    const [call] = double.calls;
    expect(call?.model).toBe(OCR_MODEL);
    expect(call?.inputs.prompt).toBe(OCR_PROMPT);
    expect(call?.inputs.image).toEqual(Array.from(image));
    expect(call?.inputs.temperature).toBe(0);
  });

  it('OCR: a PNG too, as the raw body; a photo without writing gives an empty text', async () => {
    const double = aiDouble(() => ({ response: 'NO_TEXT' }));
    const res = await send('/ocr', {
      method: 'POST',
      body: pngWithText() as Uint8Array<ArrayBuffer>,
      headers: { 'Content-Type': 'image/png', 'X-Device-Id': deviceId() },
      bindings: { AI: double },
    });
    expect(await ok(res)).toEqual({ text: '', found: false });
    expect(double.calls[0]?.model).toBe(OCR_MODEL);
  });

  it('speech: the recording goes to Whisper as base64 with the language hint', async () => {
    const double = aiDouble(documentedAnswers);
    const audio = webm();
    const body = await ok<{ text: string; language: string; durationSeconds: number }>(
      await upload('/speech?language=vi', 'audio', audio, 'audio/webm;codecs=opus', {
        bindings: { AI: double },
      }),
    );
    expect(body).toEqual({
      text: 'Xin chào, tôi muốn hỏi về thủ tục cấp giấy khai sinh.',
      language: 'vi',
      durationSeconds: 4.2,
    });
    const [call] = double.calls;
    expect(call?.model).toBe(SPEECH_MODEL);
    expect(call?.inputs.language).toBe('vi');
    expect(call?.inputs.vad_filter).toBe(true);
    const decoded = Uint8Array.from(atob(call?.inputs.audio as string), (ch) => ch.charCodeAt(0));
    expect(decoded).toEqual(audio);
  });

  it('speech: an iPhone (M4A) recording without a hint; the model detects the language', async () => {
    const double = aiDouble(documentedAnswers);
    await ok(await upload('/speech', 'audio', m4a(), 'audio/mp4', { bindings: { AI: double } }));
    expect(double.calls[0]?.inputs).not.toHaveProperty('language');
  });

  it('translate: text, source and target go to m2m100; the answer is its translated_text', async () => {
    const double = aiDouble(documentedAnswers);
    const body = await ok(
      await translateReq(
        { text: '  Giờ làm việc: 7 giờ đến 17 giờ.  ', source: 'vi', target: 'en' },
        { bindings: { AI: double } },
      ),
    );
    expect(body).toEqual({
      text: '[en] Giờ làm việc: 7 giờ đến 17 giờ.',
      source: 'vi',
      target: 'en',
      detected: false,
    });
    expect(double.calls).toEqual([
      {
        model: TRANSLATION_MODEL,
        inputs: { text: 'Giờ làm việc: 7 giờ đến 17 giờ.', source_lang: 'vi', target_lang: 'en' },
      },
    ]);
  });

  it('translate: the source defaults to Vietnamese; "auto" guesses it and says so', async () => {
    const double = aiDouble(documentedAnswers);
    const byDefault = await ok(
      await translateReq({ text: 'Cảm ơn', target: 'ja' }, { bindings: { AI: double } }),
    );
    expect(byDefault).toMatchObject({ source: 'vi', detected: false });
    const guessed = await ok(
      await translateReq(
        { text: 'Здравствуйте, где находится больница?', source: 'auto', target: 'vi' },
        { bindings: { AI: double } },
      ),
    );
    expect(guessed).toMatchObject({ source: 'ru', target: 'vi', detected: true });
    expect(double.calls[1]?.inputs.source_lang).toBe('ru');
    const unknown = await failure(
      await translateReq(
        { text: '12345 ...', source: 'auto', target: 'vi' },
        {
          bindings: { AI: double },
        },
      ),
      400,
    );
    expect(unknown.code).toBe('language_undetected');
  });

  it('translate: a long text is sent in pieces and put back together, line breaks kept', async () => {
    const double = aiDouble(documentedAnswers);
    const sentence = 'Người dân mang theo căn cước công dân khi đến làm thủ tục. ';
    const text = `${sentence.repeat(12).trim()}\n\nDòng thứ hai.`;
    const body = await ok<{ text: string }>(
      await translateReq({ text, source: 'vi', target: 'fr' }, { bindings: { AI: double } }),
    );
    expect(double.calls.length).toBeGreaterThan(2);
    for (const call of double.calls) {
      expect(String(call.inputs.text).length).toBeLessThanOrEqual(500);
    }
    const lines = body.text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe('');
    expect(lines[2]).toBe('[fr] Dòng thứ hai.');
  });
});

describe('bad input is refused with clear messages (and the model is not called)', () => {
  const bindings = () => ({ AI: aiDouble(documentedAnswers) });

  it('translate: unsupported languages, the same language twice, empty or too long text', async () => {
    const b = bindings();
    const unsupported = await failure(
      await translateReq({ text: 'Xin chào', source: 'vi', target: 'zh' }, { bindings: b }),
      400,
    );
    expect(unsupported.code).toBe('unsupported_language');
    expect(unsupported.message).toContain('tiếng Việt, Anh, Pháp, Đức, Nga và Nhật');
    expect(
      (
        await failure(
          await translateReq({ text: 'Hello', source: 'es', target: 'vi' }, { bindings: b }),
          400,
        )
      ).code,
    ).toBe('unsupported_language');
    const same = await failure(
      await translateReq({ text: 'Xin chào', source: 'vi', target: 'vi' }, { bindings: b }),
      400,
    );
    expect(same.code).toBe('same_language');
    const empty = await failure(
      await translateReq({ text: '   \n ', source: 'vi', target: 'en' }, { bindings: b }),
      400,
    );
    expect(empty.code).toBe('text_required');
    expect(empty.message).toBe('Hãy nhập nội dung cần dịch.');
    const long = await failure(
      await translateReq({ text: 'a'.repeat(5001), source: 'en', target: 'vi' }, { bindings: b }),
      400,
    );
    expect(long.code).toBe('text_too_long');
    expect(long.details).toMatchObject({ maxChars: 5000, chars: 5001 });
    expect(b.AI.calls).toHaveLength(0);
  });

  it('translate: not JSON is 415; no device id and not signed in is 400', async () => {
    const res = await send('/translate', {
      method: 'POST',
      body: 'text=hello',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Device-Id': deviceId() },
      bindings: bindings(),
    });
    expect((await failure(res, 415)).code).toBe('unsupported_media_type');
    const anonymous = await send('/translate', {
      method: 'POST',
      body: JSON.stringify({ text: 'Xin chào', target: 'en' }),
      headers: { 'Content-Type': 'application/json' },
      bindings: bindings(),
    });
    expect((await failure(anonymous, 400)).code).toBe('device_id_required');
  });

  it('a signed-in citizen needs no device id', async () => {
    const citizen = await signedInCitizen();
    const res = await send('/translate', {
      method: 'POST',
      body: JSON.stringify({ text: 'Xin chào', target: 'en' }),
      headers: { 'Content-Type': 'application/json', ...citizen.headers },
      bindings: bindings(),
    });
    expect((await ok(res)).text).toBe('[en] Xin chào');
  });

  it('OCR: too large is 413 (declared size or streamed), not a photo is 415, none is 400', async () => {
    const b = { ...bindings(), AI_MAX_IMAGE_BYTES: '4000' };
    const big = new Uint8Array(6000);
    big.set(baseJpeg().subarray(0, 3));
    const tooLarge = await failure(
      await upload('/ocr', 'image', big, 'image/jpeg', { bindings: b }),
      413,
    );
    expect(tooLarge.code).toBe('file_too_large');
    expect(tooLarge.message).toContain('Ảnh quá lớn');
    expect(tooLarge.details).toEqual({ maxBytes: 4000 });
    // Just over the limit inside the envelope's allowance: refused on the file's own size.
    const slightly = new Uint8Array(4100);
    slightly.set(baseJpeg().subarray(0, 3));
    expect(
      (await failure(await upload('/ocr', 'image', slightly, 'image/jpeg', { bindings: b }), 413))
        .code,
    ).toBe('file_too_large');
    // A PDF and a video named as photos.
    const pdf = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj');
    const wrong = await failure(
      await upload('/ocr', 'image', pdf, 'image/jpeg', { bindings: b }),
      415,
    );
    expect(wrong.code).toBe('unsupported_file_type');
    expect(wrong.message).toContain('JPEG, PNG hoặc WebP');
    expect(
      (
        await failure(
          await upload('/ocr', 'image', fakeMp4(2000), 'image/jpeg', { bindings: b }),
          415,
        )
      ).code,
    ).toBe('unsupported_file_type');
    const form = new FormData();
    form.set('note', 'no file');
    const missing = await send('/ocr', {
      method: 'POST',
      body: form,
      headers: { 'X-Device-Id': deviceId() },
      bindings: b,
    });
    expect((await failure(missing, 400)).code).toBe('file_required');
    expect(b.AI.calls).toHaveLength(0);
  });

  it('speech: too large is 413, a photo or text is 415, an unknown language hint is 400', async () => {
    const b = { ...bindings(), AI_MAX_AUDIO_BYTES: '3000' };
    const tooLarge = await failure(
      await upload('/speech', 'audio', webm(8000), 'audio/webm', { bindings: b }),
      413,
    );
    expect(tooLarge.code).toBe('file_too_large');
    expect(tooLarge.message).toContain('Bản ghi âm quá lớn');
    for (const bytes of [baseJpeg(), new TextEncoder().encode('xin chao '.repeat(20))]) {
      const wrong = await failure(
        await upload('/speech', 'audio', bytes, 'audio/webm', { bindings: b }),
        415,
      );
      expect(wrong.code).toBe('unsupported_file_type');
    }
    expect(
      (
        await failure(
          await upload('/speech?language=xx', 'audio', webm(), 'audio/webm', { bindings: b }),
          400,
        )
      ).code,
    ).toBe('validation_failed');
    expect(b.AI.calls).toHaveLength(0);
  });
});

describe('model failures', () => {
  it('a model that throws is 502 ai_failed with a Vietnamese message, never 500', async () => {
    const throwing = aiDouble(() => {
      throw new Error('5016: Prior to using this model, you must submit the prompt "agree"');
    });
    const ocr = await failure(
      await upload('/ocr', 'image', baseJpeg(), 'image/jpeg', { bindings: { AI: throwing } }),
      502,
    );
    expect(ocr).toMatchObject({ code: 'ai_failed' });
    expect(ocr.message).toContain('dịch vụ AI đang gặp sự cố');
    const speech = await failure(
      await upload('/speech', 'audio', webm(), 'audio/webm', { bindings: { AI: throwing } }),
      502,
    );
    expect(speech.code).toBe('ai_failed');
    const translation = await failure(
      await translateReq({ text: 'Xin chào', target: 'en' }, { bindings: { AI: throwing } }),
      502,
    );
    expect(translation.code).toBe('ai_failed');
  });

  it('an answer not in the model’s shape is 502 too', async () => {
    const odd = aiDouble(() => ({ result: 'something else' }));
    for (const res of [
      await upload('/ocr', 'image', baseJpeg(), 'image/jpeg', { bindings: { AI: odd } }),
      await upload('/speech', 'audio', webm(), 'audio/webm', { bindings: { AI: odd } }),
      await translateReq({ text: 'Xin chào', target: 'en' }, { bindings: { AI: odd } }),
    ]) {
      expect((await failure(res, 502)).code).toBe('ai_failed');
    }
  });
});

describe('rate limit (AI_LIMITER: 10 a minute per account or device)', () => {
  it('the 11th request of a device within a minute is 429 with Retry-After; another device goes on', async () => {
    await withinOneClockWindow(20);
    const double = aiDouble(documentedAnswers);
    const device = deviceId();
    for (let i = 0; i < 10; i++) {
      await ok(
        await translateReq(
          { text: `Câu số ${i}`, target: 'en' },
          { device, bindings: { AI: double } },
        ),
      );
    }
    const refused = await translateReq(
      { text: 'Câu thứ mười một', target: 'en' },
      { device, bindings: { AI: double } },
    );
    expect(refused.headers.get('Retry-After')).toBe('60');
    expect((await failure(refused, 429)).code).toBe('rate_limited');
    // Uploads are limited before their body is read.
    expect(
      (
        await failure(
          await upload('/ocr', 'image', baseJpeg(), 'image/jpeg', {
            device,
            bindings: { AI: double },
          }),
          429,
        )
      ).code,
    ).toBe('rate_limited');
    expect(double.calls).toHaveLength(10);
    await ok(await translateReq({ text: 'Xin chào', target: 'en' }, { bindings: { AI: double } }));
  }, 60_000);
});
