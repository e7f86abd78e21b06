import { createRoute, z } from '@hono/zod-openapi';
import { MEDIA_KINDS } from '@tinh/db/schema';
import type { Context } from 'hono';
import { can } from '../access/permissions';
import type { AppEnv } from '../platform/env';
import { ApiError } from '../platform/errors';
import { errorResponse as error, jsonResponse as json } from '../platform/openapi';
import { clientIp, enforceRateLimits } from '../platform/rate-limit';
import { createRouter } from '../platform/router';
import { DeviceIdSchema } from '../reports/schemas';
import { hashDeviceId } from '../reports/tokens';
import { mediaLimits } from './config';
import { findReportMedia } from './repo';
import { createUpload, getUpload, parseContentRange, putChunk, uploadState } from './uploads';

// ---- schemas ------------------------------------------------------------------------------

const UploadStateSchema = z
  .object({
    id: z.string().openapi({ example: '0b0f4a5e-8f3c-4c55-9a57-1c1f2b3c4d5e' }),
    kind: z.enum(MEDIA_KINDS),
    bytes: z.number().int().openapi({ description: 'Kích thước tệp (byte)' }),
    received: z
      .number()
      .int()
      .openapi({ description: 'Số byte máy chủ đã nhận: gửi tiếp từ vị trí này' }),
    chunkSize: z
      .number()
      .int()
      .openapi({ description: 'Kích thước mỗi đoạn (trừ đoạn cuối), byte' }),
    status: z.enum(['uploading', 'complete']),
    mime: z.string().nullable().openapi({ description: 'Định dạng thật, khi đã tải xong' }),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    hasGps: z
      .boolean()
      .openapi({ description: 'Ảnh có toạ độ GPS (dùng được làm vị trí phản ánh)' }),
    expiresAt: z.string().openapi({ description: 'Hạn gắn tệp vào phản ánh' }),
  })
  .openapi('UploadState');

const CreateUploadSchema = z
  .object({
    kind: z.enum(MEDIA_KINDS, { error: 'Loại tệp (kind) phải là "photo" hoặc "video".' }),
    bytes: z
      .number({ error: 'Kích thước tệp (bytes) phải là một số.' })
      .int('Kích thước tệp (bytes) phải là số nguyên.')
      .positive('Tệp rỗng.'),
    mime: z.string().max(100).optional().openapi({ example: 'image/jpeg' }),
    deviceId: DeviceIdSchema,
  })
  .openapi('CreateUpload');

const IdParams = z.object({
  id: z.uuid({ error: 'Mã tệp không hợp lệ.' }).openapi({
    param: { name: 'id', in: 'path' },
    example: '0b0f4a5e-8f3c-4c55-9a57-1c1f2b3c4d5e',
  }),
});

// ---- routes -------------------------------------------------------------------------------

const createUploadRoute = createRoute({
  method: 'post',
  path: '/',
  tags: ['Phản ánh hiện trường'],
  summary: 'Bắt đầu tải lên ảnh hoặc video',
  description:
    'Khai báo tệp sắp gửi (loại, kích thước). Trả về mã tệp và kích thước đoạn; sau đó gửi từng đoạn bằng `PUT /api/v1/uploads/{id}`. ' +
    'Giới hạn dung lượng xem ở `GET /api/v1/reports/config`.',
  request: {
    body: { required: true, content: { 'application/json': { schema: CreateUploadSchema } } },
  },
  responses: {
    201: json(UploadStateSchema, 'Đã tạo, chưa nhận byte nào'),
    400: error('Dữ liệu không hợp lệ (`validation_failed`, `invalid_json`)'),
    413: error('Tệp vượt dung lượng cho phép (`file_too_large`)'),
    415: error('Định dạng không được chấp nhận (`invalid_media_type`)'),
    429: error('Gửi quá nhanh (`rate_limited`)'),
  },
});

const putChunkRoute = createRoute({
  method: 'put',
  path: '/{id}',
  tags: ['Phản ánh hiện trường'],
  summary: 'Gửi một đoạn của tệp',
  description:
    'Thân yêu cầu là các byte của đoạn (`application/octet-stream`), hoặc một biểu mẫu `multipart/form-data` có trường tệp `chunk`. ' +
    'Tiêu đề `Content-Range: bytes <đầu>-<cuối>/<tổng>`; đầu là bội số của `chunkSize`, mỗi đoạn (trừ đoạn cuối) đúng `chunkSize` byte. ' +
    'Gửi lại một đoạn đã nhận không thay đổi gì. Khi nhận đoạn cuối, máy chủ kiểm tra định dạng thật của tệp, xoá siêu dữ liệu (EXIF…) rồi lưu; ' +
    'tệp không phải ảnh/video hợp lệ bị từ chối và xoá.',
  request: {
    params: IdParams,
    headers: z.object({
      'content-range': z
        .string()
        .optional()
        .openapi({ example: 'bytes 0-524287/1048576', description: 'Vị trí của đoạn trong tệp' }),
    }),
    body: {
      required: false,
      content: {
        'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
  },
  responses: {
    200: json(
      UploadStateSchema,
      'Đã nhận; `received` là vị trí tiếp theo, `status` = `complete` khi xong',
    ),
    400: error(
      'Đoạn không hợp lệ (`invalid_content_range`, `invalid_chunk`, `chunk_length_mismatch`, `invalid_multipart`)',
    ),
    404: error('Không có tệp này hoặc đã hết hạn (`upload_not_found`)'),
    409: error('Sai vị trí; tiếp tục từ `details.received` (`upload_offset_mismatch`)'),
    413: error('Đoạn quá lớn (`payload_too_large`)'),
    422: error('Tệp không phải ảnh hoặc video hợp lệ (`invalid_media_type`)'),
  },
});

const getUploadRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['Phản ánh hiện trường'],
  summary: 'Trạng thái tải lên (để tiếp tục sau khi mất mạng)',
  request: { params: IdParams },
  responses: {
    200: json(UploadStateSchema, 'Trạng thái; tiêu đề `Upload-Offset` bằng `received`'),
    400: error('Mã tệp không hợp lệ'),
    404: error('Không có tệp này hoặc đã hết hạn (`upload_not_found`)'),
  },
});

const mediaRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['Phản ánh hiện trường'],
  summary: 'Ảnh hoặc video của một phản ánh công khai',
  description:
    'Chỉ phục vụ tệp đã gắn vào phản ánh không bị ẩn. Đã xoá siêu dữ liệu (JPEG, PNG, WebP). Lưu đệm lâu dài.',
  request: { params: IdParams },
  responses: {
    200: {
      description: 'Nội dung tệp',
      content: {
        'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) },
        'video/mp4': { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
    304: { description: 'Không đổi (theo `If-None-Match`)' },
    404: error('Không có tệp công khai này'),
  },
});

// ---- handlers -----------------------------------------------------------------------------

async function readChunkBody(c: Context<AppEnv>, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(c.req.header('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes + 64 * 1024) {
    throw new ApiError(413, 'payload_too_large', 'Đoạn dữ liệu quá lớn.', { maxBytes });
  }
  const type = c.req.header('content-type') ?? '';
  if (type.toLowerCase().startsWith('multipart/form-data')) {
    let form: FormData;
    try {
      form = await c.req.raw.formData();
    } catch {
      throw new ApiError(
        400,
        'invalid_multipart',
        'Dữ liệu biểu mẫu (multipart) bị hỏng hoặc không đầy đủ. Vui lòng gửi lại đoạn này.',
      );
    }
    const chunk: unknown = form.get('chunk');
    if (!(chunk instanceof Blob)) {
      throw new ApiError(400, 'invalid_multipart', 'Biểu mẫu thiếu trường tệp "chunk".');
    }
    return new Uint8Array(await chunk.arrayBuffer());
  }
  const body = new Uint8Array(await c.req.raw.arrayBuffer());
  if (body.length > maxBytes) {
    throw new ApiError(413, 'payload_too_large', 'Đoạn dữ liệu quá lớn.', { maxBytes });
  }
  return body;
}

export const uploadRoutes = createRouter()
  .openapi(createUploadRoute, async (c) => {
    const body = c.req.valid('json');
    const deviceHash = await hashDeviceId(body.deviceId);
    await enforceRateLimits([
      { limiter: c.env.UPLOADS_LIMITER, key: `device:${deviceHash}`, periodSeconds: 60 },
      { limiter: c.env.UPLOADS_LIMITER, key: ipKey(c), periodSeconds: 60 },
    ]);
    const state = await createUpload(c.var.db, c.env, { ...body, deviceHash });
    c.header('Location', `/api/v1/uploads/${state.id}`);
    c.header('Cache-Control', 'no-store');
    return c.json(state, 201);
  })
  .openapi(putChunkRoute, async (c) => {
    const { id } = c.req.valid('param');
    const range = parseContentRange(c.req.header('content-range'));
    if (!range) {
      throw new ApiError(
        400,
        'invalid_content_range',
        'Thiếu hoặc sai tiêu đề Content-Range (dạng "bytes 0-524287/1048576").',
      );
    }
    const body = await readChunkBody(c, mediaLimits(c.env).chunkBytes);
    const state = await putChunk(c.var.db, c.env, id, range, body, c.var.log);
    c.header('Upload-Offset', String(state.received));
    c.header('Cache-Control', 'no-store');
    return c.json(state, 200);
  })
  .openapi(getUploadRoute, async (c) => {
    const { id } = c.req.valid('param');
    const state = uploadState(await getUpload(c.var.db, id));
    c.header('Upload-Offset', String(state.received));
    c.header('Upload-Length', String(state.bytes));
    c.header('Cache-Control', 'no-store');
    return c.json(state, 200);
  });

function ipKey(c: Context<AppEnv>): string | null {
  const ip = clientIp(c.req.raw.headers);
  return ip ? `ip:${ip}` : null;
}

// A year: a media id never changes content. When the IOC hides a report later, browsers and
// CDN edges that already hold a file may keep it until purged.
const MEDIA_CACHE = 'public, max-age=31536000, immutable';

export const mediaRoutes = createRouter().openapi(mediaRoute, async (c) => {
  const { id } = c.req.valid('param');
  const media = await findReportMedia(c.var.db, id);
  // A hidden (spam) report's files: only for officials who may read the report (the web
  // admin's cookie reaches <img> requests), never cached by shared caches.
  const visible =
    media && (!media.hidden || (c.var.official && can(c.var.official, 'report.read', media)));
  if (!media || !visible) {
    throw new ApiError(404, 'media_not_found', 'Không tìm thấy ảnh hoặc video.');
  }
  const etag = `"${media.sha256 ?? id}"`;
  const headers = {
    'Cache-Control': media.hidden ? 'private, no-store' : MEDIA_CACHE,
    'Cross-Origin-Resource-Policy': 'cross-origin',
    ETag: etag,
  };
  if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
  const object = await c.env.MEDIA.get(media.r2Key);
  if (!object) throw new ApiError(404, 'media_not_found', 'Không tìm thấy ảnh hoặc video.');
  // (The R2 stream type is workers-types' own; the same stream at run time.)
  return c.body(object.body as unknown as ReadableStream, 200, {
    ...headers,
    'Content-Type': media.mime,
    'Content-Length': String(object.size),
  });
});
