/** The answers of /api/v1/utilities (client.ts checks them against the API's own types). */

export type LanguageCode = 'vi' | 'en' | 'fr' | 'de' | 'ru' | 'ja';

export const LANGUAGE_CODES: readonly LanguageCode[] = ['vi', 'en', 'fr', 'de', 'ru', 'ja'];

export type UtilitiesStatus = {
  ocr: { available: boolean; maxBytes: number; formats: string[] };
  speech: { available: boolean; maxBytes: number; formats: string[]; languages: LanguageCode[] };
  translation: {
    available: boolean;
    maxChars: number;
    languages: { code: LanguageCode; name: string }[];
  };
  message: string | null;
};

export type OcrResult = { text: string; found: boolean };
export type SpeechResult = {
  text: string;
  language: string | null;
  durationSeconds: number | null;
};
export type TranslateResult = {
  text: string;
  source: LanguageCode;
  target: LanguageCode;
  detected: boolean;
};

export type UploadProgress = { sent: number; total: number };
