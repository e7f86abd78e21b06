import { z } from '@hono/zod-openapi';
import {
  CHAT_CLIENT_ID_MAX,
  CHAT_MESSAGE_KINDS,
  CHAT_TEXT_MAX,
  type ClientFrame,
  type SendInput,
} from '../types';

// Validation of what clients send: WebSocket frames and the RPC's SendInput (the REST route
// validates its body with the same schema). A frame that does not parse is answered with an
// `error` frame; the socket stays open.

/** Largest frame accepted: a video call's SDP offer is a few KB; messages are ≤ 4000 chars. */
export const MAX_FRAME_CHARS = 64 * 1024;

const id = z.string().min(1).max(100);
const seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const sendInputSchema = z
  .object({
    clientId: z
      .string()
      .min(1)
      .max(CHAT_CLIENT_ID_MAX)
      .regex(/^[A-Za-z0-9_.:-]+$/),
    kind: z.enum(CHAT_MESSAGE_KINDS),
    text: z.string().max(CHAT_TEXT_MAX).optional(),
    replyTo: id.optional(),
    attachmentId: id.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'text') {
      if (!v.text || v.text.trim() === '') {
        ctx.addIssue({ code: 'custom', path: ['text'], message: 'Tin nhắn không được để trống.' });
      }
      if (v.attachmentId !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['attachmentId'],
          message: 'Tin nhắn văn bản không kèm tệp.',
        });
      }
    } else if (v.attachmentId === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['attachmentId'],
        message: 'Hình ảnh hoặc tệp cần có tệp đính kèm.',
      });
    }
  });

const signalData = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['offer', 'answer']), sdp: z.string().min(1).max(32_000) }),
  z.object({ kind: z.literal('ice'), candidate: z.unknown() }),
]);

const clientFrameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('send'),
    clientId: z.string(),
    kind: z.string(),
    text: z.string().optional(),
    replyTo: z.string().optional(),
    attachmentId: z.string().optional(),
  }),
  z.object({ type: z.literal('read'), upTo: seq }),
  z.object({ type: z.literal('delivered'), upTo: seq }),
  z.object({ type: z.literal('typing'), active: z.boolean() }),
  z.object({ type: z.literal('delete'), id }),
  z.object({ type: z.literal('sync'), after: seq }),
  z.object({ type: z.literal('ping') }),
  z.object({ type: z.literal('call.start'), media: z.enum(['audio', 'video']) }),
  z.object({ type: z.literal('call.join'), callId: id }),
  z.object({ type: z.literal('call.leave'), callId: id }),
  z.object({ type: z.literal('call.signal'), callId: id, to: id, data: signalData }),
]);

export type ParsedFrame = { ok: true; frame: ClientFrame } | { ok: false; message: string };

/** Parses one text frame; `send` frames are further checked by `parseSendInput`. */
export function parseFrame(raw: string | ArrayBuffer): ParsedFrame {
  if (typeof raw !== 'string') return { ok: false, message: 'Khung dữ liệu phải là văn bản JSON.' };
  if (raw.length > MAX_FRAME_CHARS) return { ok: false, message: 'Khung dữ liệu quá lớn.' };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, message: 'Khung dữ liệu không phải JSON hợp lệ.' };
  }
  const parsed = clientFrameSchema.safeParse(json);
  if (!parsed.success) return { ok: false, message: 'Khung dữ liệu không hợp lệ.' };
  return { ok: true, frame: parsed.data as ClientFrame };
}

/** The SendInput, or the first problem as a Vietnamese sentence. */
export function parseSendInput(
  value: unknown,
): { ok: true; input: SendInput } | { ok: false; message: string } {
  const parsed = sendInputSchema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return {
      ok: false,
      message: first?.code === 'custom' ? first.message : 'Tin nhắn không hợp lệ.',
    };
  }
  const { clientId, kind, text, replyTo, attachmentId } = parsed.data;
  return {
    ok: true,
    input: {
      clientId,
      kind,
      ...(text !== undefined && text.trim() !== '' ? { text } : {}),
      ...(replyTo !== undefined ? { replyTo } : {}),
      ...(attachmentId !== undefined ? { attachmentId } : {}),
    },
  };
}
