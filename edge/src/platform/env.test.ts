import { describe, expect, it } from 'vitest';
import { parseAllowedOrigins } from './env';

describe('parseAllowedOrigins', () => {
  it('splits, trims and drops trailing slashes and empty entries', () => {
    expect(
      parseAllowedOrigins(' http://localhost:3000/, https://h5.zdn.vn,,zbrowser://h5.zdn.vn '),
    ).toEqual(['http://localhost:3000', 'https://h5.zdn.vn', 'zbrowser://h5.zdn.vn']);
  });

  it('allows nothing when unset', () => {
    expect(parseAllowedOrigins(undefined)).toEqual([]);
    expect(parseAllowedOrigins('')).toEqual([]);
  });
});
