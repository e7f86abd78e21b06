import type { ApiError } from '../api';
import type { ReportStatus } from '../reports/types';
import type { AppAction } from './work';

/** Shortest public message, answer or reason the form sends: a word or two is no answer. */
export const MIN_TEXT = 5;

/** What keeps a form from being sent, as a message key taking `{min}`, or null. */
export type TextProblem =
  | 'officials.update.tooShort'
  | 'officials.resolve.tooShort'
  | 'officials.return.tooShort';

export function textProblem(action: AppAction, text: string): TextProblem | null {
  if (text.trim().length >= MIN_TEXT) return null;
  switch (action) {
    case 'update':
      return 'officials.update.tooShort';
    case 'resolve':
      return 'officials.resolve.tooShort';
    case 'return':
      return 'officials.return.tooShort';
    default:
      return null;
  }
}

/** The state an action leaves the report in, when that alone shows it was done. */
const RESULT: Partial<Record<AppAction, ReportStatus>> = {
  start: 'in_progress',
  resolve: 'resolved',
  return: 'received',
};

/**
 * A 409 to an action the report is already past: on a weak network the first request
 * arrived and only its answer was lost, so "Thử lại" finds the work done. Said as done,
 * not as an error.
 */
export function alreadyDone(action: AppAction, error: ApiError): boolean {
  if (error.kind !== 'http' || error.status !== 409 || error.code !== 'illegal_transition') {
    return false;
  }
  const details = error.details as { from?: unknown } | undefined;
  const target = RESULT[action];
  return target !== undefined && details?.from === target;
}
