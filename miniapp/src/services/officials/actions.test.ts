import { describe, expect, it } from 'vitest';
import type { ApiError } from '../api';
import { alreadyDone, textProblem } from './actions';
import { queueQuery } from './queue';

const conflict = (from: string): ApiError => ({
  kind: 'http',
  status: 409,
  code: 'illegal_transition',
  message: 'Không thể …',
  details: { from },
});

describe('a retried action', () => {
  it('that finds the report already where it was taking it counts as done', () => {
    expect(alreadyDone('resolve', conflict('resolved'))).toBe(true);
    expect(alreadyDone('start', conflict('in_progress'))).toBe(true);
    expect(alreadyDone('return', conflict('received'))).toBe(true);
  });

  it('that finds it elsewhere is a real refusal, shown as such', () => {
    expect(alreadyDone('resolve', conflict('received'))).toBe(false);
    expect(alreadyDone('start', conflict('resolved'))).toBe(false);
    // Accepting leaves the status as it was: a conflict says nothing about who accepted.
    expect(alreadyDone('accept', conflict('assigned'))).toBe(false);
    expect(
      alreadyDone('resolve', { kind: 'http', status: 403, code: 'forbidden', message: '' }),
    ).toBe(false);
  });
});

describe('the forms', () => {
  it('need a few words for an update, an answer or a reason', () => {
    expect(textProblem('update', '  ok ')).toBe('officials.update.tooShort');
    expect(textProblem('resolve', '')).toBe('officials.resolve.tooShort');
    expect(textProblem('return', 'sai')).toBe('officials.return.tooShort');
    expect(textProblem('resolve', 'Đã vá ổ gà.')).toBeNull();
    expect(textProblem('accept', '')).toBeNull();
  });
});

describe('the queue filters', () => {
  it('ask the server for open, new, in-progress, overdue or resolved reports', () => {
    expect(queueQuery('open')).toEqual({ status: ['received', 'assigned', 'in_progress'] });
    expect(queueQuery('assigned')).toEqual({ status: ['assigned'] });
    expect(queueQuery('overdue')).toMatchObject({ overdue: true });
    expect(queueQuery('resolved')).toEqual({ status: ['resolved'] });
  });
});
