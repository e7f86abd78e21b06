import type { Env } from '../platform/env';
import { ApiError } from '../platform/errors';
import { chatNotConfigured } from './keys';
import { type ChatRoomStub, chatRoomStub } from './room/stub';
import { chatErrorCode, chatErrorMessage } from './types';

// Calling a room's Durable Object from the Worker. The object throws `Error('chat:<code>')`
// (RPC keeps the message); here each code becomes the API's error. A member check failing in
// the object is a 404 like the Worker's own check: whether a room exists is nobody's business
// but its members'.

export const roomNotFound = () =>
  new ApiError(404, 'room_not_found', 'Không tìm thấy cuộc trò chuyện.');

export const keyUnavailable = () =>
  new ApiError(
    503,
    'chat_key_unavailable',
    'Không giải mã được cuộc trò chuyện này lúc này (khóa mã hóa không còn dùng được). Vui lòng báo quản trị viên.',
  );

interface Overrides {
  /** What `not_found` means at this call (a message, an attachment). */
  notFound?: () => ApiError;
  /** The API's error code for `invalid` at this call; the message is the object's own reason. */
  invalidCode?: string;
}

/** The ApiError of a Durable Object failure, or the failure itself when it is not the chat's. */
export function mapRoomError(err: unknown, o: Overrides = {}): unknown {
  switch (chatErrorCode(err)) {
    case 'not_member':
      return roomNotFound();
    case 'not_sender':
      return new ApiError(403, 'not_sender', 'Chỉ người gửi mới xóa được tin nhắn này.');
    case 'not_found':
      return o.notFound?.() ?? new ApiError(404, 'not_found', 'Không tìm thấy nội dung yêu cầu.');
    case 'key_unavailable':
      return keyUnavailable();
    case 'not_configured':
      return chatNotConfigured();
    case 'invalid':
      // The object says why in Vietnamese ("Tin nhắn quá dài.", "Tệp đính kèm không phải là
      // hình ảnh."): pass that on rather than a message guessing one of the reasons.
      return new ApiError(422, o.invalidCode ?? 'chat_invalid', chatErrorMessage(err));
    default:
      // A Durable Object reset or overloaded (deploy, eviction) says so; the app retries.
      if (err && typeof err === 'object' && ('overloaded' in err || 'retryable' in err)) {
        return new ApiError(
          503,
          'chat_room_busy',
          'Cuộc trò chuyện đang bận. Vui lòng thử lại sau giây lát.',
          undefined,
          { 'Retry-After': '1' },
        );
      }
      return err;
  }
}

/** Runs one RPC on the room's object, with its failures as API errors. */
export async function onRoom<T>(
  env: Env,
  roomId: string,
  call: (room: ChatRoomStub) => Promise<T>,
  o: Overrides = {},
): Promise<T> {
  try {
    return await call(chatRoomStub(env, roomId));
  } catch (err) {
    throw mapRoomError(err, o);
  }
}
