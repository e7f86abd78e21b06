import type { RoomContext } from './context';

// Where a room's encrypted attachment bytes live in R2 (CHAT_FILES).

export function objectKey(roomId: string, attachmentId: string): string {
  return `chat/${roomId}/${attachmentId}`;
}

export async function deleteAttachmentObjects(rc: RoomContext, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await rc.env.CHAT_FILES.delete(ids.map((id) => objectKey(rc.roomId, id)));
}
