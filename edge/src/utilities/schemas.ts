import { z } from '@hono/zod-openapi';
import { DeviceIdSchema } from '../reports/schemas';
import { LANGUAGE_NAMES, LANGUAGES } from './languages';

/** Longest text translated in one request, characters. */
export const MAX_TRANSLATION_CHARS = 5000;

export const IMAGE_FORMATS = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const AUDIO_FORMATS = [
  'audio/webm',
  'audio/ogg',
  'audio/mp4',
  'audio/mpeg',
  'audio/aac',
  'audio/wav',
  'audio/flac',
] as const;

const LanguageSchema = z.enum(LANGUAGES).openapi({ example: 'vi' });

const Availability = {
  available: z.boolean().openapi({
    description: 'Máy chủ đã cấu hình Workers AI (binding `AI`) và tên mô hình của chức năng này',
  }),
};

export const StatusSchema = z
  .object({
    ocr: z.object({
      ...Availability,
      maxBytes: z.number().int(),
      formats: z.array(z.string()),
    }),
    speech: z.object({
      ...Availability,
      maxBytes: z.number().int(),
      formats: z.array(z.string()),
      languages: z.array(LanguageSchema),
    }),
    translation: z.object({
      ...Availability,
      maxChars: z.number().int(),
      languages: z.array(z.object({ code: LanguageSchema, name: z.string() })),
    }),
    message: z.string().nullable().openapi({
      description: 'Thông báo khi có chức năng chưa được cấu hình; null khi đủ cả ba',
    }),
  })
  .openapi('UtilitiesStatus');

export const LANGUAGE_LIST = LANGUAGES.map((code) => ({ code, name: LANGUAGE_NAMES[code] }));

export const DeviceHeaders = z.object({
  'x-device-id': DeviceIdSchema.optional().openapi({
    param: { name: 'x-device-id', in: 'header' },
    description:
      'Bắt buộc khi chưa đăng nhập: mã ngẫu nhiên của thiết bị (dùng để giới hạn tần suất)',
  }),
});

export const SpeechQuery = z.object({
  language: LanguageSchema.optional().openapi({
    param: { name: 'language', in: 'query' },
    description: 'Ngôn ngữ của bản ghi âm (ISO 639-1); bỏ trống: mô hình tự nhận biết',
  }),
});

export const OcrResultSchema = z
  .object({
    text: z.string().openapi({ description: 'Chữ nhận dạng được; rỗng khi ảnh không có chữ' }),
    found: z.boolean(),
  })
  .openapi('OcrResult');

export const SpeechResultSchema = z
  .object({
    text: z.string(),
    language: z.string().nullable().openapi({ description: 'Ngôn ngữ mô hình nhận ra' }),
    durationSeconds: z.number().nullable(),
  })
  .openapi('SpeechResult');

export const TranslateBody = z
  .object({
    text: z.string().openapi({ description: `Tối đa ${MAX_TRANSLATION_CHARS} ký tự` }),
    source: z.string().default('vi').openapi({
      description:
        'vi, en, fr, de, ru, ja hoặc `auto` (tự nhận biết đơn giản theo chữ viết, dấu và từ thông dụng); mặc định vi',
      example: 'vi',
    }),
    target: z.string().openapi({ description: 'vi, en, fr, de, ru hoặc ja', example: 'en' }),
  })
  .openapi('TranslateInput');

export const TranslateResultSchema = z
  .object({
    text: z.string(),
    source: LanguageSchema,
    target: LanguageSchema,
    detected: z.boolean().openapi({ description: 'Ngôn ngữ nguồn do máy chủ tự nhận biết' }),
  })
  .openapi('TranslateResult');
