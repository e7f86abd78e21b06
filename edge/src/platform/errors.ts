import { type Hook, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from './env';

/**
 * The one error shape of the API: `{ error: { code, message, details? } }`.
 * `code` is stable for programs; `message` is Vietnamese, for people.
 */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z
        .string()
        .openapi({ description: 'Mã lỗi ổn định, dành cho chương trình', example: 'not_found' }),
      message: z
        .string()
        .openapi({ description: 'Thông báo lỗi bằng tiếng Việt, dành cho người dùng' }),
      details: z
        .unknown()
        .optional()
        .openapi({ description: 'Chi tiết (ví dụ các trường không hợp lệ)' }),
    }),
  })
  .openapi('Error');

export type ErrorBody = z.infer<typeof ErrorSchema>;

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Throw from handlers or domain code for an expected failure with its own status and code. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Response headers that go with the error (for example Retry-After on 429). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const MESSAGES = {
  validation_failed: 'Dữ liệu gửi lên không hợp lệ. Vui lòng kiểm tra lại.',
  not_found: 'Không tìm thấy địa chỉ được yêu cầu.',
  internal_error: 'Hệ thống đang gặp sự cố. Vui lòng thử lại sau.',
  db_unavailable: 'Không kết nối được cơ sở dữ liệu. Vui lòng thử lại sau.',
} as const;

// Statuses raised by Hono itself or its middleware (HTTPException), mapped to stable codes.
const HTTP_CODES: Partial<Record<number, [code: string, message: string]>> = {
  400: ['bad_request', 'Yêu cầu không hợp lệ.'],
  401: ['unauthorized', 'Bạn cần đăng nhập để tiếp tục.'],
  403: ['forbidden', 'Bạn không có quyền thực hiện thao tác này.'],
  404: ['not_found', MESSAGES.not_found],
  405: ['method_not_allowed', 'Phương thức không được hỗ trợ.'],
  413: ['payload_too_large', 'Dữ liệu gửi lên quá lớn.'],
  415: ['unsupported_media_type', 'Định dạng dữ liệu không được hỗ trợ.'],
  429: ['rate_limited', 'Bạn thao tác quá nhanh. Vui lòng thử lại sau ít phút.'],
};

/**
 * zod-openapi `defaultHook`: a failed validation of query, params, headers or body
 * becomes 400 `validation_failed`, with `details: { target, issues: [{ path, code, message }] }`.
 */
export const validationHook: Hook<unknown, AppEnv, string, Response | undefined> = (result, c) => {
  if (result.success) return;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    code: issue.code,
    message: issue.message,
  }));
  return c.json(
    errorBody('validation_failed', MESSAGES.validation_failed, { target: result.target, issues }),
    400,
  );
};

export function handleNotFound(c: Context<AppEnv>) {
  return c.json(errorBody('not_found', MESSAGES.not_found), 404);
}

/** app.onError: expected errors keep their status and code; anything else is a 500 without internals. */
export function handleError(err: Error, c: Context<AppEnv>) {
  if (err instanceof ApiError) {
    return c.json(errorBody(err.code, err.message, err.details), err.status, err.headers);
  }
  if (err instanceof HTTPException && err.status < 500) {
    const [code, message] = HTTP_CODES[err.status] ?? [
      'http_error',
      'Yêu cầu không thực hiện được.',
    ];
    return c.json(errorBody(code, message), err.status);
  }
  // The request log line (platform/logger.ts) records the error's name and message.
  const requestId = c.var.requestId;
  return c.json(
    errorBody('internal_error', `${MESSAGES.internal_error} (Mã yêu cầu: ${requestId})`, {
      requestId,
    }),
    500,
  );
}
