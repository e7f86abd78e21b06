import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { sniff } from '../media/sniff';
import type { AppEnv } from '../platform/env';
import { ApiError } from '../platform/errors';
import { requireJsonBody } from '../platform/json-body';
import {
  jsonBody as body,
  errorResponse as error,
  jsonResponse as json,
} from '../platform/openapi';
import { enforceRateLimits } from '../platform/rate-limit';
import { createRouter } from '../platform/router';
import { hashDeviceId } from '../reports/tokens';
import { sniffAudio } from './audio-sniff';
import { maxAudioBytes, maxImageBytes, modelFor, type UtilityFunction } from './config';
import { detectLanguage, isLanguage, LANGUAGE_NAMES } from './languages';
import { recogniseText, transcribe, translate } from './models';
import {
  AUDIO_FORMATS,
  DeviceHeaders,
  IMAGE_FORMATS,
  LANGUAGE_LIST,
  MAX_TRANSLATION_CHARS,
  OcrResultSchema,
  SpeechQuery,
  SpeechResultSchema,
  StatusSchema,
  TranslateBody,
  TranslateResultSchema,
} from './schemas';
import { readUploadedFile } from './upload';

// Language utilities for everyone (/api/v1/utilities): photo to text, voice to text and
// translation, run by Workers AI. No account needed (a device id identifies an anonymous
// caller for the rate limit): each call costs a fraction of a cent, and these are everyday
// helpers for citizens. Nothing is stored: the photo, recording and text live only for the
// request, and logs never carry them.

const TAG = 'Tiện ích ngôn ngữ';
/** Period of wrangler.toml's AI_LIMITER (10 requests a minute per account or device). */
const LIMIT_PERIOD_SECONDS = 60;

export const NOT_CONFIGURED_MESSAGE =
  'Chức năng này chưa được cấu hình trên máy chủ (chưa kết nối dịch vụ AI). Vui lòng quay lại sau hoặc liên hệ quản trị viên.';

const notConfigured = () => new ApiError(503, 'ai_not_configured', NOT_CONFIGURED_MESSAGE);

function configured(c: Context<AppEnv>, fn: UtilityFunction) {
  const target = modelFor(c.env, fn);
  if (!target) throw notConfigured();
  return target;
}

/** Who is asking, for the rate limit: the signed-in citizen, else the device. */
async function limitKey(c: Context<AppEnv>, deviceId: string | undefined): Promise<string> {
  if (c.var.userId) return `utilities:user:${c.var.userId}`;
  if (deviceId) return `utilities:device:${await hashDeviceId(deviceId)}`;
  throw new ApiError(
    400,
    'device_id_required',
    'Thiếu mã thiết bị (tiêu đề X-Device-Id). Vui lòng mở lại ứng dụng.',
  );
}

async function limit(c: Context<AppEnv>, deviceId: string | undefined) {
  const key = await limitKey(c, deviceId);
  await enforceRateLimits([
    { limiter: c.env.AI_LIMITER, key, periodSeconds: LIMIT_PERIOD_SECONDS },
  ]);
}

/**
 * Uploads: configured, then who and how often, before the body is read (a refused caller's
 * megabytes are not read at all).
 */
async function admit(c: Context<AppEnv>, fn: UtilityFunction, deviceId: string | undefined) {
  const target = configured(c, fn);
  await limit(c, deviceId);
  c.header('Cache-Control', 'no-store');
  return target;
}

const NOT_CONFIGURED_DOC = error('Chưa cấu hình Workers AI hoặc tên mô hình (`ai_not_configured`)');
const AI_FAILED_DOC = error('Mô hình AI lỗi hoặc trả lời không đúng dạng (`ai_failed`)');
const RATE_DOC = error('Gửi quá nhanh (`rate_limited`, 10 lần/phút mỗi tài khoản hoặc thiết bị)');

// The photo and recording bodies are described in words, not as `request.body`: zod-openapi
// would then parse the whole multipart body itself, before readUploadedFile's size cap.
const statusRoute = createRoute({
  method: 'get',
  path: '/',
  tags: [TAG],
  summary: 'Các tiện ích đang dùng được trên máy chủ này',
  description:
    'Một chức năng dùng được khi có binding Workers AI `AI` và tên mô hình của nó (AI_OCR_MODEL, AI_SPEECH_MODEL, AI_TRANSLATION_MODEL). Kèm giới hạn kích thước và ngôn ngữ.',
  responses: { 200: json(StatusSchema, 'Tình trạng') },
});

const ocrRoute = createRoute({
  method: 'post',
  path: '/ocr',
  tags: [TAG],
  summary: 'Ảnh thành chữ',
  description:
    'Ảnh JPEG, PNG hoặc WebP (nhận theo nội dung tệp, không theo tên) trong trường `image` của multipart/form-data, hoặc là thân yêu cầu; tối đa AI_MAX_IMAGE_BYTES (mặc định 5 MB). Trả về chữ trong ảnh, giữ nguyên ngôn ngữ và xuống dòng. Không lưu ảnh.',
  request: { headers: DeviceHeaders },
  responses: {
    200: json(OcrResultSchema, 'Chữ nhận dạng được'),
    400: error('Thiếu ảnh (`file_required`), biểu mẫu hỏng, hoặc thiếu `X-Device-Id`'),
    413: error('Ảnh quá lớn (`file_too_large`)'),
    415: error('Không phải ảnh JPEG/PNG/WebP (`unsupported_file_type`)'),
    429: RATE_DOC,
    502: AI_FAILED_DOC,
    503: NOT_CONFIGURED_DOC,
  },
});

const speechRoute = createRoute({
  method: 'post',
  path: '/speech',
  tags: [TAG],
  summary: 'Giọng nói thành chữ',
  description:
    'Bản ghi âm WebM/Opus, Ogg, MP4/M4A (AAC), MP3, AAC, WAV hoặc FLAC (nhận theo nội dung tệp) trong trường `audio` của multipart/form-data, hoặc là thân yêu cầu; tối đa AI_MAX_AUDIO_BYTES (mặc định 10 MB). `language` giúp nhận dạng chính xác hơn. Không lưu bản ghi.',
  request: { headers: DeviceHeaders, query: SpeechQuery },
  responses: {
    200: json(SpeechResultSchema, 'Văn bản'),
    400: error('Thiếu bản ghi (`file_required`), ngôn ngữ không hợp lệ, hoặc thiếu `X-Device-Id`'),
    413: error('Bản ghi quá lớn (`file_too_large`)'),
    415: error('Không phải tệp âm thanh được hỗ trợ (`unsupported_file_type`)'),
    429: RATE_DOC,
    502: AI_FAILED_DOC,
    503: NOT_CONFIGURED_DOC,
  },
});

const translateRoute = createRoute({
  method: 'post',
  path: '/translate',
  tags: [TAG],
  summary: 'Dịch văn bản',
  description: `Giữa tiếng Việt, Anh, Pháp, Đức, Nga và Nhật; tối đa ${MAX_TRANSLATION_CHARS.toLocaleString('vi-VN')} ký tự, giữ nguyên xuống dòng. \`source: "auto"\`: máy chủ đoán ngôn ngữ nguồn theo chữ viết, dấu và từ thông dụng (\`detected: true\`); không đoán được: 400 \`language_undetected\`.`,
  middleware: [requireJsonBody] as const,
  request: { headers: DeviceHeaders, body: body(TranslateBody) },
  responses: {
    200: json(TranslateResultSchema, 'Bản dịch'),
    400: error(
      'Nội dung trống (`text_required`) hoặc quá dài (`text_too_long`), ngôn ngữ không hỗ trợ (`unsupported_language`), trùng nhau (`same_language`), không nhận ra (`language_undetected`)',
    ),
    415: error('Không phải JSON'),
    429: RATE_DOC,
    502: AI_FAILED_DOC,
    503: NOT_CONFIGURED_DOC,
  },
});

const SUPPORTED = 'Chỉ dịch được giữa tiếng Việt, Anh, Pháp, Đức, Nga và Nhật.';

export const utilityRoutes = createRouter()
  .openapi(statusRoute, (c) => {
    const available = (fn: UtilityFunction) => modelFor(c.env, fn) !== null;
    const ocr = available('ocr');
    const speech = available('speech');
    const translation = available('translation');
    // It changes only with a deployment; a minute of caching spares the API on every visit.
    c.header('Cache-Control', 'public, max-age=60');
    return c.json(
      {
        ocr: { available: ocr, maxBytes: maxImageBytes(c.env), formats: [...IMAGE_FORMATS] },
        speech: {
          available: speech,
          maxBytes: maxAudioBytes(c.env),
          formats: [...AUDIO_FORMATS],
          languages: LANGUAGE_LIST.map((l) => l.code),
        },
        translation: {
          available: translation,
          maxChars: MAX_TRANSLATION_CHARS,
          languages: LANGUAGE_LIST,
        },
        message: ocr && speech && translation ? null : NOT_CONFIGURED_MESSAGE,
      },
      200,
    );
  })
  .openapi(ocrRoute, async (c) => {
    const target = await admit(c, 'ocr', c.req.valid('header')['x-device-id']);
    const bytes = await readUploadedFile(c, {
      field: 'image',
      maxBytes: maxImageBytes(c.env),
      tooLarge: 'Ảnh quá lớn',
      missing: 'Hãy chọn hoặc chụp một ảnh (trường "image").',
    });
    const type = sniff(bytes);
    if (type?.format === 'heic') {
      throw new ApiError(
        415,
        'unsupported_file_type',
        'Ảnh HEIC chưa được hỗ trợ. Hãy chọn ảnh JPEG, PNG hoặc WebP (hoặc chụp trực tiếp trong ứng dụng).',
      );
    }
    if (type?.kind !== 'photo') {
      throw new ApiError(
        415,
        'unsupported_file_type',
        'Tệp không phải ảnh JPEG, PNG hoặc WebP. Hãy chọn một ảnh khác.',
      );
    }
    const { text } = await recogniseText(c.var.log, target, bytes);
    c.var.logFields.utilities = { fn: 'ocr', bytes: bytes.byteLength, chars: text.length };
    return c.json({ text, found: text.length > 0 }, 200);
  })
  .openapi(speechRoute, async (c) => {
    const target = await admit(c, 'speech', c.req.valid('header')['x-device-id']);
    const bytes = await readUploadedFile(c, {
      field: 'audio',
      maxBytes: maxAudioBytes(c.env),
      tooLarge: 'Bản ghi âm quá lớn',
      missing: 'Hãy ghi âm hoặc chọn một tệp âm thanh (trường "audio").',
    });
    const format = sniffAudio(bytes);
    if (!format) {
      throw new ApiError(
        415,
        'unsupported_file_type',
        'Tệp không phải bản ghi âm được hỗ trợ (WebM, Ogg, M4A, MP3, AAC, WAV, FLAC).',
      );
    }
    const result = await transcribe(c.var.log, target, bytes, c.req.valid('query').language);
    c.var.logFields.utilities = { fn: 'speech', format, bytes: bytes.byteLength };
    return c.json(result, 200);
  })
  .openapi(translateRoute, async (c) => {
    const input = c.req.valid('json');
    // The text is checked before the rate limit: a mistake does not use up the minute's quota.
    const target = configured(c, 'translation');
    const text = input.text.trim();
    if (!text) throw new ApiError(400, 'text_required', 'Hãy nhập nội dung cần dịch.');
    if (text.length > MAX_TRANSLATION_CHARS) {
      throw new ApiError(
        400,
        'text_too_long',
        `Nội dung dài quá ${MAX_TRANSLATION_CHARS.toLocaleString('vi-VN')} ký tự. Hãy chia nhỏ để dịch.`,
        { maxChars: MAX_TRANSLATION_CHARS, chars: text.length },
      );
    }
    if (!isLanguage(input.target) || !(input.source === 'auto' || isLanguage(input.source))) {
      throw new ApiError(400, 'unsupported_language', SUPPORTED, {
        languages: LANGUAGE_LIST.map((l) => l.code),
      });
    }
    const detected = input.source === 'auto';
    const source = detected ? detectLanguage(text) : input.source;
    if (!isLanguage(source)) {
      throw new ApiError(
        400,
        'language_undetected',
        'Không nhận ra ngôn ngữ của nội dung. Hãy chọn ngôn ngữ nguồn.',
      );
    }
    if (source === input.target) {
      throw new ApiError(
        400,
        'same_language',
        detected
          ? `Nội dung đã là ${LANGUAGE_NAMES[source].toLowerCase()}. Hãy chọn ngôn ngữ đích khác.`
          : 'Ngôn ngữ nguồn và ngôn ngữ đích phải khác nhau.',
      );
    }
    await limit(c, c.req.valid('header')['x-device-id']);
    c.header('Cache-Control', 'no-store');
    const translated = await translate(c.var.log, target, text, source, input.target);
    c.var.logFields.utilities = {
      fn: 'translation',
      source,
      target: input.target,
      chars: text.length,
    };
    return c.json({ text: translated, source, target: input.target, detected }, 200);
  });
