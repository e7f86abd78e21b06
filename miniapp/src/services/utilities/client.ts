import type { InferResponseType } from 'hono/client';
import { type ApiResult, api, apiUrl, httpError, networkError } from '../api';
import { apiCall } from '../appointments/http';
import { sessionStore } from '../auth/store';
import { getDeviceId } from '../zalo';
import type {
  LanguageCode,
  OcrResult,
  SpeechResult,
  TranslateResult,
  UploadProgress,
  UtilitiesStatus,
} from './types';

/** /api/v1/utilities: what is available, photo and voice to text, translation. */

const BASE = '/api/v1/utilities';

const u = api.api.v1.utilities;
type Assignable<T extends U, U> = T;
export type _Checks = [
  Assignable<InferResponseType<typeof u.$get, 200>, UtilitiesStatus>,
  Assignable<InferResponseType<typeof u.ocr.$post, 200>, OcrResult>,
  Assignable<InferResponseType<typeof u.speech.$post, 200>, SpeechResult>,
  Assignable<InferResponseType<typeof u.translate.$post, 200>, TranslateResult>,
];

/** The device id and, when signed in, the session: the API's rate limit is per one of them. */
async function identity(): Promise<Record<string, string>> {
  const [deviceId, token] = await Promise.all([getDeviceId(), sessionStore.token()]);
  return { 'X-Device-Id': deviceId, ...(token ? { Authorization: `Bearer ${token}` } : {}) };
}

/**
 * A photo or recording as multipart/form-data through XMLHttpRequest: fetch() reports no
 * upload progress, and a photo over rural 3G takes long enough that the bar matters.
 */
function sendFile<T>(opts: {
  path: string;
  field: string;
  file: Blob;
  fileName: string;
  headers: Record<string, string>;
  onProgress: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}): Promise<ApiResult<T>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(opts.path));
    // Recognition of a long recording takes a while after the upload ends.
    xhr.timeout = 3 * 60_000;
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [name, value] of Object.entries(opts.headers)) xhr.setRequestHeader(name, value);
    const total = opts.file.size;
    xhr.upload.onprogress = (event) =>
      opts.onProgress({ sent: Math.min(event.loaded, total), total });
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body && typeof body === 'object') {
        opts.onProgress({ sent: total, total });
        resolve({ ok: true, status: xhr.status, data: body as T });
      } else {
        resolve({ ok: false, error: httpError(xhr.status, body) });
      }
    };
    xhr.onerror = () => resolve({ ok: false, error: networkError('network') });
    xhr.onabort = () => resolve({ ok: false, error: networkError('network') });
    xhr.ontimeout = () => resolve({ ok: false, error: networkError('timeout') });
    opts.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.set(opts.field, opts.file, opts.fileName);
    xhr.send(form);
  });
}

export const utilitiesClient = {
  status: (): Promise<ApiResult<UtilitiesStatus>> => apiCall(BASE, { fresh: true }),

  ocr: async (
    image: Blob,
    fileName: string,
    onProgress: (progress: UploadProgress) => void,
  ): Promise<ApiResult<OcrResult>> =>
    sendFile({
      path: `${BASE}/ocr`,
      field: 'image',
      file: image,
      fileName,
      headers: await identity(),
      onProgress,
    }),

  speech: async (
    audio: Blob,
    fileName: string,
    language: LanguageCode | null,
    onProgress: (progress: UploadProgress) => void,
  ): Promise<ApiResult<SpeechResult>> =>
    sendFile({
      path: `${BASE}/speech${language ? `?language=${language}` : ''}`,
      field: 'audio',
      file: audio,
      fileName,
      headers: await identity(),
      onProgress,
    }),

  translate: async (input: {
    text: string;
    source: LanguageCode | 'auto';
    target: LanguageCode;
  }): Promise<ApiResult<TranslateResult>> =>
    // The session token is added (and its refusal handled) by apiCall's pipeline.
    apiCall(`${BASE}/translate`, {
      method: 'POST',
      json: input,
      headers: { 'X-Device-Id': await getDeviceId() },
    }),
};
