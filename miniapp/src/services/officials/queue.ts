import type { QueueQuery } from './work';

/**
 * The queue's filter chips. "Đang mở" is the default: what still needs the agency; the
 * server narrows every list to the reports this official may see.
 */
export const QUEUE_FILTERS = ['open', 'assigned', 'in_progress', 'overdue', 'resolved'] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];

export function queueQuery(filter: QueueFilter): QueueQuery {
  switch (filter) {
    case 'open':
      return { status: ['received', 'assigned', 'in_progress'] };
    case 'assigned':
      return { status: ['assigned'] };
    case 'in_progress':
      return { status: ['in_progress'] };
    case 'overdue':
      return { status: ['received', 'assigned', 'in_progress'], overdue: true };
    case 'resolved':
      return { status: ['resolved'] };
  }
}
