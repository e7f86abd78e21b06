import { DrizzleQueryError } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { describeError } from './logger';

describe('describeError', () => {
  it('never reports the parameters of a failed query', () => {
    const err = new DrizzleQueryError(
      'select * from users where phone = ?',
      ['0912345678'],
      new TypeError('fetch failed'),
    );
    const described = describeError(err);
    expect(described).toEqual({ name: 'DrizzleQueryError', message: 'TypeError: fetch failed' });
    expect(JSON.stringify(described)).not.toContain('0912345678');
  });

  it('shortens long messages', () => {
    expect(describeError(new Error('x'.repeat(1000))).message).toHaveLength(300);
  });
});
